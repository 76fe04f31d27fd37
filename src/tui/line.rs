//! A line being typed, as readline edits it: a cursor that moves by character and
//! by word, deleting either way, and a history of earlier lines walked with up
//! and down. Every prompt (the search, the search inside an article) keeps one.

use crate::config::Action;

/// Lines a history keeps.
const HISTORY_MAX: usize = 500;

/// A line of text with a cursor, and the lines typed before it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// Byte offset of the cursor in `text`, always at a character boundary.
    cursor: usize,
    /// Earlier lines, oldest first.
    history: Vec<String>,
    /// Which history line is shown while walking it (`history.len()` is the line
    /// being typed), and that line as it was before the walk began.
    walk: Option<(usize, String)>,
}

/// What an edit did to the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edited {
    /// The text changed.
    Text,
    /// Only the cursor moved.
    Cursor,
    /// The action is not an edit.
    Not,
}

impl LineEditor {
    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the cursor is, in bytes.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The earlier lines, oldest first.
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// Starts with these earlier lines (from the history file), oldest first.
    pub fn set_history(&mut self, lines: Vec<String>) {
        self.history = lines;
        self.trim_history();
    }

    /// Puts `line` at the end of the history (once: an earlier copy moves).
    pub fn remember(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        self.history.retain(|h| h != line);
        self.history.push(line.to_string());
        self.trim_history();
    }

    fn trim_history(&mut self) {
        let extra = self.history.len().saturating_sub(HISTORY_MAX);
        self.history.drain(..extra);
    }

    /// Empties the line (the history stays).
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.walk = None;
    }

    /// Types `c` at the cursor.
    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        self.walk = None;
    }

    /// Carries out an editing action; says what it changed.
    pub fn edit(&mut self, action: Action) -> Edited {
        let before = self.text.len();
        match action {
            Action::CursorLeft => self.cursor = self.prev_char(),
            Action::CursorRight => self.cursor = self.next_char(),
            Action::WordLeft => self.cursor = self.prev_word(),
            Action::WordRight => self.cursor = self.next_word(),
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = self.text.len(),
            Action::DeleteChar => {
                let from = self.prev_char();
                self.cut(from, self.cursor);
            }
            Action::DeleteForward => {
                let to = self.next_char();
                self.cut(self.cursor, to);
            }
            Action::DeleteWord => {
                let from = self.prev_word();
                self.cut(from, self.cursor);
            }
            Action::ClearQuery => self.cut(0, self.text.len()),
            Action::DeleteToEnd => self.cut(self.cursor, self.text.len()),
            Action::HistoryPrev => return self.walk_history(-1),
            Action::HistoryNext => return self.walk_history(1),
            _ => return Edited::Not,
        }
        if self.text.len() != before {
            self.walk = None;
            Edited::Text
        } else {
            Edited::Cursor
        }
    }

    fn cut(&mut self, from: usize, to: usize) {
        self.text.replace_range(from..to, "");
        self.cursor = from;
    }

    fn prev_char(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_char(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// The start of the word before the cursor (spaces before it skipped).
    fn prev_word(&self) -> usize {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(|c: char| !c.is_alphanumeric());
        trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// The end of the word after the cursor.
    fn next_word(&self) -> usize {
        let after = &self.text[self.cursor..];
        let skip = after.len()
            - after
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let rest = &after[skip..];
        let word = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        self.cursor + skip + word
    }

    /// Shows the history line `by` steps older (negative) or newer.
    fn walk_history(&mut self, by: isize) -> Edited {
        let n = self.history.len();
        if n == 0 {
            return Edited::Cursor;
        }
        let (at, typed) = self.walk.take().unwrap_or_else(|| (n, self.text.clone()));
        let to = at.saturating_add_signed(by).min(n);
        self.text = if to == n {
            typed.clone()
        } else {
            self.history[to].clone()
        };
        self.cursor = self.text.len();
        if to < n {
            self.walk = Some((to, typed));
        }
        Edited::Text
    }
}

/// Reads a history file: one line per query, oldest first.
pub fn read_history(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Writes a history file whole, so that a crash leaves the old file or the new
/// one and never half of one.
pub fn write_history(path: &std::path::Path, lines: &[String]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut text = String::new();
    for l in lines {
        // A line break in a query would split it in two.
        text.push_str(&l.replace(['\n', '\r'], " "));
        text.push('\n');
    }
    copydesk_core::state::write_atomically(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineEditor {
        let mut e = LineEditor::default();
        for c in s.chars() {
            e.insert(c);
        }
        e
    }

    #[test]
    fn moves_and_inserts_by_character() {
        let mut e = typed("abc");
        e.edit(Action::CursorLeft);
        e.edit(Action::CursorLeft);
        e.insert('Z');
        assert_eq!(e.text(), "aZbc");
        e.edit(Action::LineStart);
        e.insert('<');
        e.edit(Action::LineEnd);
        e.insert('>');
        assert_eq!(e.text(), "<aZbc>");
        e.edit(Action::LineStart);
        e.edit(Action::DeleteForward);
        assert_eq!(e.text(), "aZbc>");
        e.edit(Action::CursorRight);
        e.edit(Action::DeleteChar);
        assert_eq!(e.text(), "Zbc>");
    }

    #[test]
    fn words_and_accents() {
        let mut e = typed("zürich bank  talks");
        e.edit(Action::DeleteWord);
        assert_eq!(e.text(), "zürich bank  ");
        e.edit(Action::WordLeft);
        assert_eq!(e.cursor(), "zürich ".len());
        e.edit(Action::WordLeft);
        assert_eq!(e.cursor(), 0);
        e.edit(Action::WordRight);
        assert_eq!(e.cursor(), "zürich".len());
        e.edit(Action::CursorLeft);
        e.insert('X');
        assert_eq!(e.text(), "züricXh bank  ");
        e.edit(Action::LineEnd);
        e.edit(Action::ClearQuery);
        assert_eq!(e.text(), "");
    }

    #[test]
    fn history_walks_and_gives_back_the_line_typed() {
        let mut e = LineEditor::default();
        e.remember("trade");
        e.remember("opec");
        e.remember("trade");
        assert_eq!(e.history(), ["opec", "trade"]);
        e.insert('x');
        e.edit(Action::HistoryPrev);
        assert_eq!(e.text(), "trade");
        e.edit(Action::HistoryPrev);
        assert_eq!(e.text(), "opec");
        e.edit(Action::HistoryPrev);
        assert_eq!(e.text(), "opec");
        e.edit(Action::HistoryNext);
        assert_eq!(e.text(), "trade");
        e.edit(Action::HistoryNext);
        assert_eq!(e.text(), "x");
    }

    #[test]
    fn history_file_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/search-history");
        write_history(&path, &["a".into(), "b\nc".into()]).unwrap();
        assert_eq!(read_history(&path), ["a", "b c"]);
    }
}
