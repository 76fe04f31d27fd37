//! Text from articles and file names made safe to show on a terminal: no control
//! characters or escape sequences (a title cannot write to the clipboard or move the
//! cursor), no bidirectional overrides (a file name cannot reorder the line), and
//! emoji sequences in the one form every terminal gives the same width, so that
//! nothing is left on screen where a terminal and the layout disagree.
//!
//! Measured in tmux 3.3: a symbol with the emoji variation selector (`❤️`) takes one
//! cell where most other terminals take two, a skin-tone modifier (`👍🏽`) four
//! where they take two, and a ZWJ family two where terminals without joining take
//! six. Dropping the selector and the modifier, and keeping the first emoji of a ZWJ
//! sequence, gives one width everywhere. Flags (two regional indicators) take two
//! cells everywhere and are kept.

use std::borrow::Cow;

/// Whether `c` is dropped on its own: controls, bidi controls, zero-width and
/// variation characters, emoji modifiers and tags.
fn dropped(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{1F3FB}'..='\u{1F3FF}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Whether `s` needs any change to be shown.
fn needs_change(s: &str) -> bool {
    if s.is_ascii() {
        return s.bytes().any(|b| b.is_ascii_control() && b != b'\n');
    }
    s.chars().any(|c| dropped(c) || c == '\u{200D}')
}

/// `s` as it may be shown on a terminal. Line ends stay; tabs become spaces; every
/// other control character (ESC included), bidi control, zero-width character,
/// variation selector, emoji modifier and tag character goes; a ZWJ emoji sequence
/// keeps its first emoji.
pub fn display(s: &str) -> Cow<'_, str> {
    if !needs_change(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\t' => out.push(' '),
            // What a joiner joins to the emoji before it goes with it.
            '\u{200D}' => {
                chars.next();
            }
            c if dropped(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`display`] for a one-line field (a headline, a source, a path): line ends too
/// become spaces.
pub fn display_line(s: &str) -> Cow<'_, str> {
    match display(s) {
        Cow::Borrowed(b) if !b.contains('\n') => Cow::Borrowed(b),
        other => Cow::Owned(other.replace('\n', " ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::width;

    #[test]
    fn escape_sequences_and_controls_go() {
        assert_eq!(display("\u{1b}]52;c;aGk=\u{7}Reuters"), "]52;c;aGk=Reuters");
        assert_eq!(display("a\u{1b}[2Jb\rc\u{8}d"), "a[2Jbcd");
        assert_eq!(display("tab\there"), "tab here");
        assert_eq!(display("two\nlines"), "two\nlines");
        assert_eq!(display_line("two\nlines"), "two lines");
        assert!(matches!(display("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_overrides_cannot_reorder_a_line() {
        assert_eq!(display("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(display("\u{2067}שלום\u{2069}"), "שלום");
    }

    #[test]
    fn emoji_in_the_form_every_terminal_draws_alike() {
        assert_eq!(display("I ❤\u{FE0F} NY"), "I ❤ NY");
        assert_eq!(width(&display("I ❤\u{FE0F} NY")), 6);
        assert_eq!(display("👍\u{1F3FD}"), "👍");
        assert_eq!(display("👨\u{200D}👩\u{200D}👧 go"), "👨 go");
        assert_eq!(width(&display("👨\u{200D}👩\u{200D}👧")), 2);
        assert_eq!(display("🇫🇷"), "🇫🇷");
        assert_eq!(width("🇫🇷"), 2);
        assert_eq!(display("東京 Tokyo"), "東京 Tokyo");
    }
}
