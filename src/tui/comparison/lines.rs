//! A comparison laid out in screen lines: side by side, or stacked on a narrow
//! screen, unchanged runs folded or not, each line knowing the comparison rows it
//! shows. Built once per width and folding, so scrolling and jumping between
//! changes cost nothing however long the articles are.

use std::ops::Range;

use copydesk_core::compare::{Comparison, Op, Row, RowKind, Segment, UnitKind};
use copydesk_core::text::wrap;

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
            line_of_row[i] = lines.len();
            if row.unit == UnitKind::Headline {
                // The headlines are in the column headers.
                i += 1;
                continue;
            }
            let run = if folded {
                unchanged_run(&c.rows[i..])
            } else {
                0
            };
            if run >= FOLD_MIN {
                line_of_row[i..i + run].fill(lines.len());
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
            if stacked {
                stacked_lines(i, row, column, &mut lines);
            } else {
                side_by_side_lines(i, row, column, &mut lines);
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

/// How many rows from the first of `rows` are unchanged body or credit sentences.
fn unchanged_run(rows: &[Row]) -> usize {
    rows.iter()
        .take_while(|r| r.unit != UnitKind::Headline && !is_change(r))
        .count()
}

/// Lines of row `i` of one column only, its first line carrying `mark`.
fn one_column(i: usize, cells: Vec<Cell>, mark: char, lines: &mut Vec<DiffLine>) {
    for (k, cell) in cells.into_iter().enumerate() {
        lines.push(DiffLine {
            rows: i..i + 1,
            fold: false,
            mark: if k == 0 { mark } else { ' ' },
            left: cell,
            right: Vec::new(),
        });
    }
}

/// Row `i` stacked in one column: kept text once, a dropped side marked `-`, an
/// added one `+`, a changed pair as both.
fn stacked_lines(i: usize, row: &Row, column: usize, lines: &mut Vec<DiffLine>) {
    let note = if row.moved { moved_note(i, row) } else { None };
    let side =
        |segs: &Option<Vec<Segment>>| segs.as_deref().map(|s| wrap_segments(s, None, column));
    match (row.kind, side(&row.left), side(&row.right)) {
        (RowKind::Kept | RowKind::Minor, l, r) if !row.moved => {
            one_column(i, r.or(l).unwrap_or_default(), ' ', lines)
        }
        (_, Some(l), None) => {
            let cells = wrap_segments(row.left.as_deref().unwrap_or(&[]), note, column);
            let m = if row.moved { '↕' } else { '-' };
            one_column(i, if note.is_some() { cells } else { l }, m, lines)
        }
        (_, None, Some(r)) => {
            let m = if row.moved { '↕' } else { '+' };
            one_column(i, r, m, lines)
        }
        (_, Some(l), Some(r)) => {
            one_column(i, l, '-', lines);
            one_column(i, r, '+', lines);
        }
        (_, None, None) => {}
    }
}

/// Row `i` side by side, both columns starting on the same line; a moved
/// sentence's blank side says where the other side has it.
fn side_by_side_lines(i: usize, row: &Row, column: usize, lines: &mut Vec<DiffLine>) {
    let note = if row.moved { moved_note(i, row) } else { None };
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
