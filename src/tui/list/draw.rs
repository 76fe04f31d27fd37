//! Drawing the list: a title with the count, the filter and the order, then the
//! rows on screen only, each with its marks, versions badge, story tree mark,
//! headline (matched characters emphasised), source and date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use copydesk_core::article::ArticleId;
use copydesk_core::dedup::Cluster;
use copydesk_core::text::width;

use super::ListPane;
use crate::tui::library::Library;
use crate::tui::numbers::thousands;
use crate::tui::prompt::Found;
use crate::tui::style::Styles;

/// What the list is drawn with besides its own state.
pub struct ListLook<'a> {
    /// The articles and their marks.
    pub lib: &'a Library,
    /// What the search found.
    pub found: Found<'a>,
    /// The article marked as the left side of the next comparison.
    pub marked: Option<ArticleId>,
    /// Whether the folder is still loading.
    pub loading: bool,
    /// Styles.
    pub styles: &'a Styles,
    /// Whether the list has the keyboard.
    pub focused: bool,
}

/// Widths of the columns that fit: date and source go first when narrow.
struct Columns {
    date: usize,
    source: usize,
    title: usize,
}

impl Columns {
    fn new(w: usize) -> Columns {
        let date = if w >= 60 { 11 } else { 0 };
        // A wide screen gives the source more room (an eighth of the row).
        let source = if w >= 44 { (w / 8).clamp(12, 32) } else { 0 };
        let marks = 6;
        let title = w.saturating_sub(
            marks + source + date + usize::from(source > 0) + usize::from(date > 0),
        );
        Columns {
            date,
            source,
            title,
        }
    }
}

/// `word` for `n` of them: `1 article`, `2 articles`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// Splits `title` (already cut to fit) into spans, the matched characters styled.
fn highlighted<'t>(title: &'t str, matched: &[usize], base: Style, hit: Style) -> Vec<Span<'t>> {
    if matched.is_empty() {
        return vec![Span::styled(title, base)];
    }
    let mut spans = Vec::new();
    let mut start = 0;
    let mut current = false;
    for (ci, (bi, c)) in title.char_indices().enumerate() {
        // A combining accent stays with its letter, so `Café` written with one
        // is drawn as written.
        if unicode_width::UnicodeWidthChar::width(c) == Some(0) && ci > 0 {
            continue;
        }
        let is_hit = matched.binary_search(&ci).is_ok();
        if is_hit != current && bi > start {
            spans.push(Span::styled(
                &title[start..bi],
                if current { hit } else { base },
            ));
            start = bi;
        }
        if is_hit != current {
            start = bi;
            current = is_hit;
        }
    }
    spans.push(Span::styled(
        &title[start..],
        if current { hit } else { base },
    ));
    spans
}

impl ListPane {
    /// Draws the list into `area`.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, look: &ListLook) {
        let s = look.styles;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if look.focused { s.focused } else { s.border })
            .title(Span::styled(self.title(look), s.title));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let columns = Columns::new(inner.width as usize);
        let offset = self.scroll.offset();
        for (row, &id) in self
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(inner.height as usize)
        {
            let y = inner.y + (row - offset) as u16;
            let line = self.row_line(row, id, &columns, look);
            buf.set_line(inner.x, y, &line, inner.width);
        }
        if self.rows.is_empty() {
            let msg = if look.loading {
                "loading…"
            } else if look.found.results.is_some() {
                "no headline matches"
            } else if !look.found.filter.is_empty() {
                "no article passes the filter"
            } else {
                "no articles"
            };
            buf.set_string(inner.x, inner.y, msg, s.dim);
        }
    }

    /// The border title: how many rows, the filter, the order.
    fn title(&self, look: &ListLook) -> String {
        let total = self.rows.len();
        let mut title = match look.found.results {
            Some(_) => format!(
                " {} match{} ",
                thousands(total),
                if total == 1 { "" } else { "es" }
            ),
            None if self.stories && look.lib.clusters().is_some() => {
                format!(
                    " {} {}, one per story ",
                    thousands(total),
                    plural(total, "row")
                )
            }
            None => format!(" {} {} ", thousands(total), plural(total, "article")),
        };
        if !look.found.filter.is_empty() {
            title.push_str(&format!("· {} ", look.found.filter.describe()));
        }
        if self.unread_only {
            title.push_str("· unread ");
        }
        if self.starred_only {
            title.push_str("· starred ");
        }
        // Search results come best first; otherwise the order is the sort's.
        if look.found.results.is_none() {
            title.push_str(&format!("· by {} ", self.order_name()));
        }
        title
    }

    /// One row: marks, badge, tree mark, headline, then source and date.
    fn row_line(&self, row: usize, id: ArticleId, columns: &Columns, look: &ListLook) -> Line<'_> {
        let s = look.styles;
        let lib = look.lib;
        let mark = lib.mark(id);
        let base = if row == self.scroll.selected() {
            s.selected
        } else {
            Style::default()
        };
        let versions = lib.clusters().map_or(1, |c| c.versions(id));
        let mut spans = vec![
            Span::styled(if mark.read { " " } else { "•" }, s.unread.patch(base)),
            Span::styled(if mark.starred { "★" } else { " " }, s.star.patch(base)),
            Span::styled(
                if versions > 1 {
                    width::fit(&format!("◆{versions}"), 3)
                } else {
                    "   ".to_string()
                },
                s.badge.patch(base),
            ),
            Span::styled(" ", base),
        ];
        // In the story view, a story's row and its versions' rows get a tree
        // mark; the article marked for comparison says so.
        let story = lib
            .clusters()
            .filter(|_| self.stories)
            .and_then(|c| c.cluster_of(id));
        let mut prefix = self.prefix(row, id, story, look);
        // A version's row in an expanded story says what kind of version it is
        // of the one before and what it changes.
        if let Some(step) = story
            .filter(|c| self.head(c, lib) != id)
            .and_then(|c| self.timeline(c))
            .and_then(|steps| steps.iter().find(|st| st.article == id))
        {
            // The selected row's account is read whole, its headline
            // shortened; the others take half the headline's room at most.
            let room = if row == self.scroll.selected() {
                columns.title.saturating_sub(8).max(12)
            } else {
                (columns.title / 2).max(12)
            };
            prefix.push_str(&width::truncate(&step.line(), room));
            prefix.push_str(" │ ");
        }
        let prefix_w = width::width(&prefix).min(columns.title);
        spans.push(Span::styled(
            width::truncate(&prefix, prefix_w),
            s.badge.patch(base),
        ));
        let shown = width::fit(lib.columns().title(id), columns.title - prefix_w);
        let matched = look
            .found
            .query
            .map(|q| lib.index().indices(q, id))
            .unwrap_or_default();
        let title_style = if mark.read {
            base
        } else {
            base.add_modifier(Modifier::BOLD)
        };
        spans.extend(
            highlighted(&shown, &matched, title_style, s.matched.patch(base))
                .into_iter()
                .map(|sp| Span::styled(sp.content.into_owned(), sp.style)),
        );
        let story_head = story.filter(|c| self.head(c, lib) == id);
        spans.extend(self.source_and_date(id, story_head, columns, look, base));
        Line::from(spans)
    }

    /// The tree mark of a story's rows, and `[left]` on the marked article.
    fn prefix(
        &self,
        row: usize,
        id: ArticleId,
        story: Option<&Cluster>,
        look: &ListLook,
    ) -> String {
        let marked = look.marked;
        let mut prefix = String::new();
        if let Some(c) = story {
            let head = self.head(c, look.lib);
            if head == id {
                prefix.push_str(if self.expanded.contains(&c.id) {
                    "▾ "
                } else {
                    "▸ "
                });
            } else {
                let next_same = self
                    .rows
                    .get(row + 1)
                    .is_some_and(|&n| n != head && c.members.contains(&n));
                prefix.push_str(if next_same { "├ " } else { "└ " });
            }
        }
        if marked == Some(id) {
            prefix.push_str("[left] ");
        }
        prefix
    }

    /// The source and date columns; a story's row lists its versions' sources
    /// across both.
    fn source_and_date(
        &self,
        id: ArticleId,
        story_head: Option<&Cluster>,
        columns: &Columns,
        look: &ListLook,
        base: Style,
    ) -> Vec<Span<'static>> {
        let s = look.styles;
        let mut spans = Vec::new();
        if let Some(c) = story_head
            && columns.source > 0
        {
            let rows = look.lib.columns();
            // The row's own source first: its headline and source go together.
            let mut sources: Vec<&str> = Vec::new();
            for &m in std::iter::once(&id).chain(&c.members) {
                if let Some(src) = rows.source(m)
                    && !sources.contains(&src)
                {
                    sources.push(src);
                }
            }
            let cells = columns.source
                + if columns.date > 0 {
                    columns.date + 1
                } else {
                    0
                };
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(
                width::fit(&sources.join(", "), cells),
                s.dim.patch(base),
            ));
        } else if columns.source > 0 {
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(
                width::fit(look.lib.columns().source(id).unwrap_or(""), columns.source),
                s.dim.patch(base),
            ));
        }
        if columns.date > 0 && story_head.is_none() {
            // A file's time is no story's date: marked `~` and slanted.
            let rows = look.lib.columns();
            let (date, style) = match rows.date(id) {
                Some(d) if rows.file_date(id) => (
                    format!("~{}", d.human()),
                    s.dim.add_modifier(Modifier::ITALIC),
                ),
                Some(d) => (d.human(), s.dim),
                None => (String::new(), s.dim),
            };
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(
                width::fit(&date, columns.date),
                style.patch(base),
            ));
        }
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_splits_on_character_positions() {
        let b = Style::default();
        let h = Style::default().add_modifier(Modifier::BOLD);
        let spans = highlighted("Zürich bank", &[0, 1, 2], b, h);
        assert_eq!(spans[0].content, "Zür");
        assert_eq!(spans[0].style, h);
        assert_eq!(spans[1].content, "ich bank");
        let spans = highlighted("Cafe\u{301} society", &[0, 1, 2, 3], b, h);
        assert_eq!(spans[0].content, "Cafe\u{301}");
        let spans = highlighted("東京都", &[1], b, h);
        assert_eq!(
            spans.iter().map(|s| s.content.as_ref()).collect::<Vec<_>>(),
            vec!["東", "京", "都"]
        );
    }
}
