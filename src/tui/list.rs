//! The list pane: one row per article, built only for the rows on screen, so a
//! million articles scroll as smoothly as thirty.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use copydesk_core::text::width;

use super::app::App;
use super::style::Styles;

/// Draws the visible rows of the list.
pub struct ListView<'a> {
    /// The state to draw.
    pub app: &'a App,
    /// Styles.
    pub styles: &'a Styles,
    /// Whether the list has the keyboard.
    pub focused: bool,
}

/// Splits `title` (already cut to fit) into spans, the matched characters styled.
fn highlighted<'t>(title: &'t str, matched: &[usize], base: Style, hit: Style) -> Vec<Span<'t>> {
    if matched.is_empty() {
        return vec![Span::styled(title, base)];
    }
    let mut spans = Vec::new();
    let mut start = 0;
    let mut current = false;
    for (ci, (bi, _)) in title.char_indices().enumerate() {
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

impl Widget for ListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let s = self.styles;
        let total = app.rows.len();
        let title = match (&app.search.results, app.search.text.is_empty()) {
            (Some(_), false) => format!(
                " {} match{} ",
                super::ui::thousands(total),
                if total == 1 { "" } else { "es" }
            ),
            _ if app.stories && app.clusters.is_some() => {
                format!(" {} rows, one per story ", super::ui::thousands(total))
            }
            _ => format!(" {} articles ", super::ui::thousands(total)),
        };
        let mut title = title;
        if !app.search.filter.is_empty() {
            title.push_str(&format!("· {} ", app.search.filter.describe()));
        }
        // Search results come best first; otherwise the order is the sort's.
        if app.search.results.is_none() {
            title.push_str(&format!("· by {} ", app.sort.name()));
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if self.focused { s.focused } else { s.border })
            .title(Span::styled(title, s.title));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let w = inner.width as usize;
        // Columns that fit: date and source go first when the pane is narrow.
        let date_w = if w >= 60 { 10 } else { 0 };
        let source_w = if w >= 44 { 12 } else { 0 };
        let marks_w = 6;
        let title_w = w.saturating_sub(
            marks_w + source_w + date_w + usize::from(source_w > 0) + usize::from(date_w > 0),
        );
        let query = app.active_query();
        let articles = app.store.articles();
        for (row, &id) in app
            .rows
            .iter()
            .enumerate()
            .skip(app.offset)
            .take(inner.height as usize)
        {
            let y = inner.y + (row - app.offset) as u16;
            let a = &articles[id as usize];
            let mark = app.marks.get(a);
            let selected = row == app.selected;
            let base = if selected {
                s.selected
            } else {
                Style::default()
            };
            let versions = app.clusters.as_ref().map_or(1, |c| c.versions(id));
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
            let story = app
                .clusters
                .as_ref()
                .filter(|_| app.stories)
                .and_then(|c| c.cluster_of(id));
            let mut prefix = String::new();
            if let Some(c) = story {
                if c.members[0] == id {
                    prefix.push_str(if app.expanded.contains(&c.id) {
                        "▾ "
                    } else {
                        "▸ "
                    });
                } else {
                    let next_same = app
                        .rows
                        .get(row + 1)
                        .is_some_and(|&n| c.members[1..].contains(&n));
                    prefix.push_str(if next_same { "├ " } else { "└ " });
                }
            }
            if app.marked == Some(id) {
                prefix.push_str("[left] ");
            }
            let prefix_w = width::width(&prefix).min(title_w);
            spans.push(Span::styled(
                width::truncate(&prefix, prefix_w),
                s.badge.patch(base),
            ));
            let title_w = title_w - prefix_w;
            let shown = width::fit(&a.title, title_w);
            let matched = query
                .as_ref()
                .map(|q| app.index.indices(q, id))
                .unwrap_or_default();
            let title_style = if mark.read {
                base
            } else {
                base.add_modifier(ratatui::style::Modifier::BOLD)
            };
            spans.extend(highlighted(
                &shown,
                &matched,
                title_style,
                s.matched.patch(base),
            ));
            let story_head = story.filter(|c| c.members[0] == id);
            if let Some(c) = story_head
                && source_w > 0
            {
                // A story's row lists the sources of its versions.
                let mut sources: Vec<&str> = Vec::new();
                for &m in &c.members {
                    if let Some(src) = articles[m as usize].source.as_deref()
                        && !sources.contains(&src)
                    {
                        sources.push(src);
                    }
                }
                let cells = source_w + if date_w > 0 { date_w + 1 } else { 0 };
                spans.push(Span::styled(" ", base));
                spans.push(Span::styled(
                    width::fit(&sources.join(", "), cells),
                    s.dim.patch(base),
                ));
            } else if source_w > 0 {
                spans.push(Span::styled(" ", base));
                spans.push(Span::styled(
                    width::fit(a.source.as_deref().unwrap_or(""), source_w),
                    s.dim.patch(base),
                ));
            }
            if date_w > 0 && story_head.is_none() {
                spans.push(Span::styled(" ", base));
                spans.push(Span::styled(
                    width::fit(&a.date.map(|d| d.human()).unwrap_or_default(), date_w),
                    s.dim.patch(base),
                ));
            }
            buf.set_line(inner.x, y, &Line::from(spans), inner.width);
        }
        if total == 0 {
            let msg = if app.loading.is_some() {
                "loading…"
            } else if app.search.results.is_some() {
                "no headline matches"
            } else if !app.search.filter.is_empty() {
                "no article passes the filter"
            } else {
                "no articles"
            };
            buf.set_string(inner.x, inner.y, msg, s.dim);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_splits_on_character_positions() {
        let b = Style::default();
        let h = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = highlighted("Zürich bank", &[0, 1, 2], b, h);
        assert_eq!(spans[0].content, "Zür");
        assert_eq!(spans[0].style, h);
        assert_eq!(spans[1].content, "ich bank");
        let spans = highlighted("東京都", &[1], b, h);
        assert_eq!(
            spans.iter().map(|s| s.content.as_ref()).collect::<Vec<_>>(),
            vec!["東", "京", "都"]
        );
    }
}
