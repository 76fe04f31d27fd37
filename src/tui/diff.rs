//! The comparison view's state: two versions, their comparison, and its layout
//! in screen lines (side by side, or stacked on a narrow screen). The layout is
//! built once per width and folding, so scrolling and jumping between changes
//! cost nothing however long the articles are.

use std::ops::Range;

use copydesk_core::article::ArticleId;
use copydesk_core::compare::{self, Comparison, Op, Row, RowKind, Segment, UnitKind};
use copydesk_core::store::Store;
use copydesk_core::text::wrap;

use super::app::Focus;

/// Below this many columns the two versions are stacked in one column.
pub const SIDE_BY_SIDE_MIN: u16 = 100;

/// Runs of at least this many unchanged sentences fold into one line.
pub const FOLD_MIN: usize = 3;

/// Cells left of the text: the cursor, the change mark, a space.
pub const GUTTER: usize = 3;

/// Cells between the columns: ` │ `.
pub const SEPARATOR: usize = 3;

/// How a piece of text is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// Text both versions share.
    Plain,
    /// Text only the right version has.
    Added,
    /// Text only the left version has.
    Dropped,
    /// A variant of the same word (spelling, quotes, `U.N.`/`UN`).
    Minor,
    /// A note of the view's own, such as where a moved sentence went.
    Note,
}

impl From<Op> for Paint {
    fn from(op: Op) -> Paint {
        match op {
            Op::Equal => Paint::Plain,
            Op::Insert => Paint::Added,
            Op::Delete => Paint::Dropped,
            Op::Minor => Paint::Minor,
        }
    }
}

/// One wrapped line of one column.
pub type Cell = Vec<(String, Paint)>;

/// One screen line of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLine {
    /// The comparison rows this line shows (several for a fold line).
    pub rows: Range<usize>,
    /// Whether this is a fold line standing for `rows`.
    pub fold: bool,
    /// The change mark on this line: `+`, `-`, `~`, `↕`, or a space.
    pub mark: char,
    /// The left column, or the only one when stacked.
    pub left: Cell,
    /// The right column (empty when stacked).
    pub right: Cell,
}

/// The comparison laid out for one width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLayout {
    /// Width of the view it was built for.
    pub width: u16,
    /// Whether unchanged runs are folded.
    pub folded: bool,
    /// Whether the versions are stacked in one column.
    pub stacked: bool,
    /// Width of each text column.
    pub column: usize,
    /// The lines.
    pub lines: Vec<DiffLine>,
    /// For each comparison row, the first line that shows it.
    pub line_of_row: Vec<usize>,
}

/// Whether a row is something an editor should look at.
pub fn is_change(row: &Row) -> bool {
    row.unit != UnitKind::Headline
        && (row.moved
            || matches!(
                row.kind,
                RowKind::Added | RowKind::Dropped | RowKind::Changed
            ))
}

fn wrap_segments(segs: &[Segment], note: Option<&str>, width: usize) -> Vec<Cell> {
    // Spaces around a marked run stay plain, so that underlining and strike-through
    // (the marks without colour) cover words only.
    let mut spans: Vec<(&str, Paint)> = Vec::with_capacity(segs.len() + 2);
    for seg in segs {
        let paint = Paint::from(seg.op);
        let t = seg.text.as_str();
        let body = t.trim();
        if paint == Paint::Plain || body.is_empty() {
            spans.push((t, Paint::Plain));
            continue;
        }
        let lead = &t[..t.len() - t.trim_start().len()];
        let trail = &t[t.trim_end().len()..];
        if !lead.is_empty() {
            spans.push((lead, Paint::Plain));
        }
        spans.push((body, paint));
        if !trail.is_empty() {
            spans.push((trail, Paint::Plain));
        }
    }
    if let Some(n) = note {
        spans.push((" ", Paint::Plain));
        spans.push((n, Paint::Note));
    }
    wrap::wrap(&spans, width)
}

/// Where a moved row's partner is, as a note for the side that is blank here.
fn moved_note(index: usize, row: &Row) -> Option<&'static str> {
    match row.partner {
        Some(p) if p > index => Some("↓ this side has it below"),
        Some(_) => Some("↑ this side has it above"),
        None => None,
    }
}

impl DiffLayout {
    /// Lays out `c` for a view `width` cells wide.
    pub fn build(c: &Comparison, width: u16, folded: bool) -> DiffLayout {
        let stacked = width < SIDE_BY_SIDE_MIN;
        let w = width as usize;
        let column = if stacked {
            w.saturating_sub(GUTTER).max(1)
        } else {
            (w.saturating_sub(GUTTER + SEPARATOR) / 2).max(1)
        };
        let mut lines: Vec<DiffLine> = Vec::new();
        let mut line_of_row = vec![0; c.rows.len()];
        let mut i = 0;
        while i < c.rows.len() {
            let row = &c.rows[i];
            if row.unit == UnitKind::Headline {
                // The headlines are in the column headers.
                line_of_row[i] = lines.len();
                i += 1;
                continue;
            }
            if folded {
                let run = c.rows[i..]
                    .iter()
                    .take_while(|r| r.unit != UnitKind::Headline && !is_change(r))
                    .count();
                if run >= FOLD_MIN {
                    for slot in &mut line_of_row[i..i + run] {
                        *slot = lines.len();
                    }
                    lines.push(DiffLine {
                        rows: i..i + run,
                        fold: true,
                        mark: ' ',
                        left: vec![(format!("… {run} sentences unchanged …"), Paint::Note)],
                        right: Vec::new(),
                    });
                    i += run;
                    continue;
                }
            }
            line_of_row[i] = lines.len();
            let note = if row.moved { moved_note(i, row) } else { None };
            let plain = |cells: Vec<Cell>, mark: char, lines: &mut Vec<DiffLine>| {
                for (k, cell) in cells.into_iter().enumerate() {
                    lines.push(DiffLine {
                        rows: i..i + 1,
                        fold: false,
                        mark: if k == 0 { mark } else { ' ' },
                        left: cell,
                        right: Vec::new(),
                    });
                }
            };
            if stacked {
                let side = |segs: &Option<Vec<Segment>>| {
                    segs.as_deref().map(|s| wrap_segments(s, None, column))
                };
                match (row.kind, side(&row.left), side(&row.right)) {
                    (RowKind::Kept | RowKind::Minor, l, r) if !row.moved => {
                        plain(r.or(l).unwrap_or_default(), ' ', &mut lines)
                    }
                    (_, Some(l), None) => {
                        let cells = wrap_segments(row.left.as_deref().unwrap_or(&[]), note, column);
                        let m = if row.moved { '↕' } else { '-' };
                        plain(if note.is_some() { cells } else { l }, m, &mut lines)
                    }
                    (_, None, Some(r)) => {
                        let m = if row.moved { '↕' } else { '+' };
                        plain(r, m, &mut lines)
                    }
                    (_, Some(l), Some(r)) => {
                        plain(l, '-', &mut lines);
                        plain(r, '+', &mut lines);
                    }
                    (_, None, None) => {}
                }
            } else {
                let side = |segs: &Option<Vec<Segment>>| match segs {
                    Some(s) => wrap_segments(s, None, column),
                    None => match note {
                        Some(n) => vec![vec![(n.to_string(), Paint::Note)]],
                        None => Vec::new(),
                    },
                };
                let left = side(&row.left);
                let right = side(&row.right);
                let height = left.len().max(right.len()).max(1);
                let mut left = left.into_iter();
                let mut right = right.into_iter();
                for k in 0..height {
                    lines.push(DiffLine {
                        rows: i..i + 1,
                        fold: false,
                        mark: if k == 0 { row.mark() } else { ' ' },
                        left: left.next().unwrap_or_default(),
                        right: right.next().unwrap_or_default(),
                    });
                }
            }
            i += 1;
        }
        DiffLayout {
            width,
            folded,
            stacked,
            column,
            lines,
            line_of_row,
        }
    }
}

/// Width the layout assumes before the view has been drawn.
pub const DEFAULT_WIDTH: u16 = 120;

/// What to compare, and how to show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareRequest {
    /// The left version.
    pub left: ArticleId,
    /// The right version.
    pub right: ArticleId,
    /// The story's versions other than the left one.
    pub versions: Vec<ArticleId>,
    /// Which pane to go back to.
    pub back: Focus,
    /// Whether unchanged runs start folded.
    pub folded: bool,
    /// Width to lay the comparison out for.
    pub width: u16,
}

/// The open comparison.
#[derive(Clone, Debug)]
pub struct DiffState {
    /// The left version.
    pub left: ArticleId,
    /// The right version.
    pub right: ArticleId,
    /// Their comparison.
    pub comparison: Comparison,
    /// The story's versions other than the left one: what the right side cycles
    /// through.
    pub versions: Vec<ArticleId>,
    /// First screen line shown.
    pub scroll: usize,
    /// The comparison row of the change last jumped to.
    pub cursor: Option<usize>,
    /// Whether unchanged runs are folded.
    pub folded: bool,
    /// The layout for the last drawn width.
    pub layout: DiffLayout,
    /// Lines of text the view showed last time it was drawn.
    pub height: usize,
    /// Which pane to go back to.
    pub back: Focus,
}

impl DiffState {
    /// Compares the two versions `request` names.
    pub fn new(store: &Store, request: &CompareRequest) -> Option<DiffState> {
        let comparison = compare::compare(store.get(request.left)?, store.get(request.right)?);
        let layout = DiffLayout::build(&comparison, request.width, request.folded);
        Some(DiffState {
            left: request.left,
            right: request.right,
            comparison,
            versions: request.versions.clone(),
            scroll: 0,
            cursor: None,
            folded: request.folded,
            layout,
            height: 20,
            back: request.back,
        })
    }

    /// Lays the comparison out again if the width changed, keeping the sentence
    /// at the top of the view at the top.
    pub fn fit(&mut self, width: u16) {
        if self.layout.width != width || self.layout.folded != self.folded {
            let top = self.top_row();
            self.layout = DiffLayout::build(&self.comparison, width, self.folded);
            self.scroll = top.map_or(0, |r| self.layout.line_of_row[r]);
        }
        self.clamp();
    }

    /// The comparison row at the top of the view.
    fn top_row(&self) -> Option<usize> {
        self.layout.lines.get(self.scroll).map(|l| l.rows.start)
    }

    fn max_scroll(&self) -> usize {
        self.layout.lines.len().saturating_sub(self.height.max(1))
    }

    fn clamp(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Scrolls by `by` lines.
    pub fn scroll_by(&mut self, by: isize) {
        self.scroll = (self.scroll as isize + by).clamp(0, self.max_scroll() as isize) as usize;
    }

    /// Scrolls to the top or the bottom.
    pub fn scroll_to_end(&mut self, bottom: bool) {
        self.scroll = if bottom { self.max_scroll() } else { 0 };
    }

    /// The rows that are changes, in reading order.
    pub fn changes(&self) -> Vec<usize> {
        (0..self.comparison.rows.len())
            .filter(|&i| is_change(&self.comparison.rows[i]))
            .collect()
    }

    fn cursor_on_screen(&self) -> bool {
        self.cursor.is_some_and(|r| {
            let line = self.layout.line_of_row[r];
            line >= self.scroll && line < self.scroll + self.height.max(1)
        })
    }

    /// Moves to the next (`forward`) or previous change. From a change on
    /// screen the jump goes to its neighbour; after scrolling away, to the
    /// first change below the top of the view (or above its bottom). At either
    /// end the cursor stays and the answer says so.
    pub fn jump(&mut self, forward: bool) -> Result<usize, &'static str> {
        let changes = self.changes();
        if changes.is_empty() {
            return Err("the two versions say the same thing");
        }
        let target = if self.cursor_on_screen() {
            let at = self.cursor.unwrap_or(0);
            if forward {
                changes.iter().find(|&&r| r > at)
            } else {
                changes.iter().rev().find(|&&r| r < at)
            }
        } else {
            let top = self.scroll;
            let bottom = self.scroll + self.height.max(1);
            if forward {
                changes.iter().find(|&&r| self.layout.line_of_row[r] >= top)
            } else {
                changes
                    .iter()
                    .rev()
                    .find(|&&r| self.layout.line_of_row[r] < bottom)
            }
        };
        let Some(&row) = target else {
            return Err(if forward {
                "no change below: this is the last"
            } else {
                "no change above: this is the first"
            });
        };
        self.cursor = Some(row);
        let context = (self.height / 4).min(2);
        self.scroll = self.layout.line_of_row[row].saturating_sub(context);
        self.clamp();
        Ok(row)
    }

    /// Folds or unfolds runs of unchanged sentences.
    pub fn toggle_fold(&mut self) {
        self.folded = !self.folded;
        let width = self.layout.width;
        self.fit(width);
        if let Some(r) = self.cursor
            && !self.cursor_on_screen()
        {
            self.scroll = self.layout.line_of_row[r].saturating_sub(2);
            self.clamp();
        }
    }

    /// The same comparison with the sides swapped; the old left side takes the
    /// new left side's place among the versions.
    pub fn swapped(&self) -> CompareRequest {
        let (l, r) = (self.right, self.left);
        let mut versions = self.versions.clone();
        match versions.iter().position(|&v| v == l) {
            Some(i) => versions[i] = r,
            None => versions.retain(|&v| v != l),
        }
        CompareRequest {
            left: l,
            right: r,
            versions,
            ..self.request()
        }
    }

    /// The comparison with the story's next (or previous) version on the right.
    pub fn cycled(&self, forward: bool) -> Result<CompareRequest, &'static str> {
        let n = self.versions.len();
        let at = self.versions.iter().position(|&v| v == self.right);
        let next = match at {
            _ if n == 0 => return Err("this article has no other versions to cycle through"),
            Some(_) if n == 1 => return Err("this story has no other version"),
            Some(i) if forward => self.versions[(i + 1) % n],
            Some(i) => self.versions[(i + n - 1) % n],
            None if forward => self.versions[0],
            None => self.versions[n - 1],
        };
        Ok(CompareRequest {
            right: next,
            ..self.request()
        })
    }

    /// This comparison as a request, to make it again with changes.
    fn request(&self) -> CompareRequest {
        CompareRequest {
            left: self.left,
            right: self.right,
            versions: self.versions.clone(),
            back: self.back,
            folded: self.folded,
            width: self.layout.width,
        }
    }

    /// Where the right side is among the versions, counting from 1.
    pub fn version_position(&self) -> Option<(usize, usize)> {
        let i = self.versions.iter().position(|&v| v == self.right)?;
        Some((i + 1, self.versions.len()))
    }
}
