//! Drawing the comparison: the summary line, a header per version, then the
//! aligned rows from the view's layout, only those on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::library::Texts;
use copydesk_core::article::Article;
use copydesk_core::compare::{Segment, UnitKind};
use copydesk_core::text::{width, wrap};

use super::lines::{Cell, GUTTER, Paint, SEPARATOR, SIDE_BY_SIDE_MIN};
use super::view::ComparisonView;
use crate::tui::style::Styles;

/// Lines a headline may take in a column header.
const HEADLINE_LINES: usize = 2;

fn paint(s: &Styles, p: Paint) -> Style {
    match p {
        Paint::Plain => s.plain,
        Paint::Added => s.added,
        Paint::Dropped => s.dropped,
        Paint::Minor => s.minor,
        Paint::Note => s.dim,
    }
}

/// A gutter mark's style: its colour, bold, never underlined or struck through
/// (one struck-through character reads as noise).
fn mark_style(s: &Styles, mark: char) -> Style {
    let style = match mark {
        '+' => s.added,
        '-' => s.dropped,
        '~' => s.changed,
        '↕' => s.moved,
        _ => return s.plain,
    };
    style
        .remove_modifier(Modifier::UNDERLINED | Modifier::CROSSED_OUT)
        .add_modifier(Modifier::BOLD)
}

/// Source, date, words and path of a version.
fn meta(a: &Article) -> String {
    a.meta_line(false)
}

/// The headline of one side as segments: from the comparison's headline row when
/// both versions have a real headline, so changed words stand out there too.
fn headline(state: &ComparisonView, a: &Article, left: bool) -> Vec<Segment> {
    let row = state
        .comparison
        .rows
        .iter()
        .find(|r| r.unit == UnitKind::Headline);
    let segs = row.and_then(|r| {
        if left {
            r.left.clone()
        } else {
            r.right.clone()
        }
    });
    segs.unwrap_or_else(|| {
        vec![Segment {
            text: a.title.to_string(),
            op: copydesk_core::compare::Op::Equal,
        }]
    })
}

fn cell_spans(cell: &Cell, s: &Styles, base: Style) -> Vec<Span<'static>> {
    cell.iter()
        .map(|(t, p)| Span::styled(t.clone(), base.patch(paint(s, *p))))
        .collect()
}

/// Draws a comparison (already fitted to the area's width).
struct DiffView<'a> {
    /// The comparison and its layout.
    state: &'a ComparisonView,
    /// The articles, for the headers.
    store: &'a Texts,
    /// Styles.
    styles: &'a Styles,
}

/// A headline's segments wrapped into at most [`HEADLINE_LINES`] lines of `cells`.
fn headline_lines(segs: &[Segment], cells: usize) -> Vec<Cell> {
    let spans: Vec<(&str, Paint)> = segs
        .iter()
        .map(|x| (x.text.as_str(), Paint::from(x.op)))
        .collect();
    let mut lines = wrap::wrap(&spans, cells.max(1));
    if lines.len() > HEADLINE_LINES {
        lines.truncate(HEADLINE_LINES);
        if let Some(last) = lines.last_mut() {
            last.push(("…".to_string(), Paint::Plain));
        }
    }
    lines
}

/// Lines the header takes above the rows at `width`: the summary, then for each
/// version its headline and meta line (stacked), or both headlines side by side,
/// their meta line and a rule.
pub fn header_height(state: &ComparisonView, store: &Texts) -> usize {
    let (Some(l), Some(r)) = (store.get(state.left), store.get(state.right)) else {
        return 1;
    };
    if state.layout().stacked {
        return 1 + 2 * 2 + 1;
    }
    let col = state.layout().column;
    let left = headline_lines(&headline(state, l, true), col).len();
    let right = headline_lines(&headline(state, r, false), col).len();
    1 + left.max(right) + 2
}

/// Draws `state` into `area`.
pub fn draw(state: &ComparisonView, area: Rect, buf: &mut Buffer, store: &Texts, styles: &Styles) {
    DiffView {
        state,
        store,
        styles,
    }
    .render(area, buf);
}

impl DiffView<'_> {
    /// The lines above the rows: summary, headers, rule.
    fn header(&self, area_width: u16) -> Vec<Line<'static>> {
        let st = self.state;
        let w = area_width as usize;
        let mut out = vec![self.summary(w)];
        let (Some(l), Some(r)) = (self.store.get(st.left), self.store.get(st.right)) else {
            return out;
        };
        let version = st
            .version_position()
            .filter(|&(_, n)| n > 1)
            .map(|(i, n)| format!("other version {i} of {n} · "))
            .unwrap_or_default();
        let sides = [(l, String::new()), (r, version)];
        if st.layout().stacked {
            self.stacked_header(sides, w, &mut out);
        } else {
            self.side_by_side_header(sides, w, &mut out);
        }
        out
    }

    /// The summary line, with the minor variants counted when it fits.
    fn summary(&self, w: usize) -> Line<'static> {
        let s = self.styles;
        let sum = &self.state.comparison.summary;
        let mut line = format!("{} · {}", self.state.kind, sum.line());
        let mut summary = vec![
            Span::styled(format!("{} · ", self.state.kind), s.badge),
            Span::styled(sum.line(), s.title),
        ];
        if let Some(moved) = self.state.comparison.dates_moved() {
            let moved = format!(" · {moved}");
            if width::width(&line) + width::width(&moved) <= w {
                line.push_str(&moved);
                summary.push(Span::styled(moved, s.changed));
            }
        }
        let minor = format!(
            " · {} differ only in spelling or punctuation",
            sum.minor_sentences
        );
        if sum.minor_sentences > 0
            && sum.changes() > 0
            && width::width(&line) + width::width(&minor) <= w
        {
            summary.push(Span::styled(minor, s.dim));
        }
        Line::from(summary)
    }

    /// Each version's first headline line and meta line, marked `-` and `+`,
    /// then a rule that says the view is stacked.
    fn stacked_header(
        &self,
        sides: [(&Article, String); 2],
        w: usize,
        out: &mut Vec<Line<'static>>,
    ) {
        let s = self.styles;
        let col = w.saturating_sub(GUTTER);
        for ((a, extra), (mark, left)) in sides.into_iter().zip([('-', true), ('+', false)]) {
            let head = headline(self.state, a, left);
            let first = headline_lines(&head, col)
                .into_iter()
                .next()
                .unwrap_or_default();
            let mut spans = vec![Span::styled(format!(" {mark} "), mark_style(s, mark))];
            spans.extend(cell_spans(&first, s, s.title));
            out.push(Line::from(spans));
            out.push(Line::from(vec![
                Span::raw(" ".repeat(GUTTER)),
                Span::styled(width::truncate(&format!("{extra}{}", meta(a)), col), s.dim),
            ]));
        }
        out.push(Line::styled(
            width::truncate(
                &format!(
                    "── stacked: - left, + right (side by side from {} columns) {}",
                    SIDE_BY_SIDE_MIN,
                    "─".repeat(w)
                ),
                w,
            ),
            s.dim,
        ));
    }

    /// Both headlines in their columns, both meta lines, and the rule under them.
    fn side_by_side_header(
        &self,
        [(l, _), (r, version)]: [(&Article, String); 2],
        w: usize,
        out: &mut Vec<Line<'static>>,
    ) {
        let s = self.styles;
        let col = self.state.layout().column;
        let lw = headline_lines(&headline(self.state, l, true), col);
        let rw = headline_lines(&headline(self.state, r, false), col);
        let empty = Vec::new();
        for k in 0..lw.len().max(rw.len()) {
            let lc = lw.get(k).unwrap_or(&empty);
            let mut spans = vec![Span::raw(" ".repeat(GUTTER))];
            spans.extend(cell_spans(lc, s, s.title));
            spans.push(Span::raw(
                " ".repeat(col.saturating_sub(wrap::line_width(lc))),
            ));
            spans.push(Span::styled(" │ ", s.border));
            spans.extend(cell_spans(rw.get(k).unwrap_or(&empty), s, s.title));
            out.push(Line::from(spans));
        }
        let lm = width::fit(&meta(l), col);
        let rm = width::truncate(&format!("{version}{}", meta(r)), col);
        out.push(Line::from(vec![
            Span::raw(" ".repeat(GUTTER)),
            Span::styled(lm, s.dim),
            Span::styled(" │ ", s.border),
            Span::styled(rm, s.dim),
        ]));
        let rule = format!(
            "{}┼{}",
            "─".repeat(GUTTER + col + 1),
            "─".repeat(w.saturating_sub(GUTTER + col + 2))
        );
        out.push(Line::styled(rule, s.border));
    }
}

impl Widget for DiffView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.styles;
        let st = self.state;
        let header = self.header(area.width);
        let mut y = area.y;
        for line in &header {
            if y >= area.bottom() {
                return;
            }
            buf.set_line(area.x, y, line, area.width);
            y += 1;
        }
        let col = st.layout().column;
        let cursor_rows = st.cursor().map(|r| r..r + 1);
        for line in st.layout().lines.iter().skip(st.scroll().offset()) {
            if y >= area.bottom() {
                break;
            }
            if line.fold {
                let text: String = line.left.iter().map(|(t, _)| t.as_str()).collect();
                let pad = (area.width as usize).saturating_sub(width::width(&text)) / 2;
                buf.set_line(
                    area.x,
                    y,
                    &Line::from(vec![Span::raw(" ".repeat(pad)), Span::styled(text, s.dim)]),
                    area.width,
                );
                y += 1;
                continue;
            }
            let on_cursor = cursor_rows
                .as_ref()
                .is_some_and(|c| c.start == line.rows.start);
            let mut spans = vec![
                Span::styled(if on_cursor { "›" } else { " " }, s.title),
                Span::styled(line.mark.to_string(), mark_style(s, line.mark)),
                Span::raw(" "),
            ];
            spans.extend(cell_spans(&line.left, s, Style::default()));
            if !st.layout().stacked {
                spans.push(Span::raw(
                    " ".repeat(col.saturating_sub(wrap::line_width(&line.left))),
                ));
                spans.push(Span::styled(
                    " ".repeat(SEPARATOR / 2) + "│" + &" ".repeat(SEPARATOR / 2),
                    s.border,
                ));
                spans.extend(cell_spans(&line.right, s, Style::default()));
            }
            buf.set_line(area.x, y, &Line::from(spans), area.width);
            y += 1;
        }
    }
}
