//! Rows in reading order from an alignment: pairs, moved pairs (a row at each side's
//! place, pointing at each other), added and dropped sentences, headline and credit.

use rustc_hash::FxHashMap as HashMap;

use super::align::Alignment;
use super::typos::Lexicon;
use super::units::{Interner, Unit};
use super::words::{diff_words, whole_side};
use super::{Op, Row, RowKind, Segment, UnitKind};

/// The row of two single texts compared word by word (headlines, credit lines).
pub(crate) fn pair(
    left: &str,
    right: &str,
    unit: UnitKind,
    interner: &mut Interner,
    lex: &Lexicon,
) -> Row {
    let lu = [Unit::new(left, interner)];
    let ru = [Unit::new(right, interner)];
    let (kind, ls, rs) = diff_words(&lu, &ru, lex);
    Row {
        kind,
        moved: false,
        unit,
        left: Some(ls),
        right: Some(rs),
        partner: None,
    }
}

/// The row of a text only one side has: dropped when `left`, else added.
pub(crate) fn one_sided(text: String, left: bool, unit: UnitKind) -> Row {
    let (kind, op) = if left {
        (RowKind::Dropped, Op::Delete)
    } else {
        (RowKind::Added, Op::Insert)
    };
    let seg = Some(vec![Segment { text, op }]);
    Row {
        kind,
        moved: false,
        unit,
        left: if left { seg.clone() } else { None },
        right: if left { None } else { seg },
        partner: None,
    }
}

/// The credit lines' row, if either side has one.
pub(crate) fn credit(
    left: Option<&str>,
    right: Option<&str>,
    i: &mut Interner,
    lex: &Lexicon,
) -> Option<Row> {
    Some(match (left, right) {
        (Some(l), Some(r)) => pair(l, r, UnitKind::Credit, i, lex),
        (Some(l), None) => one_sided(l.to_string(), true, UnitKind::Credit),
        (None, Some(r)) => one_sided(r.to_string(), false, UnitKind::Credit),
        (None, None) => return None,
    })
}

/// Where each moved group shows, and its word diff, computed once for both rows.
struct Moved {
    at_left: HashMap<usize, usize>,
    at_right: HashMap<usize, usize>,
    diffs: Vec<(RowKind, Vec<Segment>, Vec<Segment>)>,
    /// The row index of each moved group's left and right row, once emitted.
    rows: Vec<[Option<usize>; 2]>,
}

/// Builds the body's rows in reading order, appending to `rows`.
pub(crate) fn body(
    l: &[Unit],
    r: &[Unit],
    alignment: &Alignment,
    lex: &Lexicon,
    rows: &mut Vec<Row>,
) {
    let mut moved = Moved {
        at_left: HashMap::default(),
        at_right: HashMap::default(),
        diffs: alignment
            .moved
            .iter()
            .map(|g| diff_words(&l[g.left.clone()], &r[g.right.clone()], lex))
            .collect(),
        rows: vec![[None, None]; alignment.moved.len()],
    };
    for (m, g) in alignment.moved.iter().enumerate() {
        moved.at_left.insert(g.left.start, m);
        moved.at_right.insert(g.right.start, m);
    }
    let (mut li, mut rj) = (0, 0);
    for g in &alignment.chain {
        for i in li..g.left.start {
            rows.push(unpaired(l, i, true, &mut moved, rows.len()));
        }
        for j in rj..g.right.start {
            rows.push(unpaired(r, j, false, &mut moved, rows.len()));
        }
        let (kind, ls, rs) = diff_words(&l[g.left.clone()], &r[g.right.clone()], lex);
        rows.push(Row {
            kind,
            moved: false,
            unit: UnitKind::Body,
            left: Some(ls),
            right: Some(rs),
            partner: None,
        });
        li = g.left.end;
        rj = g.right.end;
    }
    for i in li..l.len() {
        rows.push(unpaired(l, i, true, &mut moved, rows.len()));
    }
    for j in rj..r.len() {
        rows.push(unpaired(r, j, false, &mut moved, rows.len()));
    }
    for [a, b] in moved.rows {
        if let (Some(a), Some(b)) = (a, b) {
            rows[a].partner = Some(b);
            rows[b].partner = Some(a);
        }
    }
}

/// The row of sentence `k` of one side outside the reading-order chain: one half
/// of a moved pair, or else dropped (left) or added (right). `at` is the index the
/// row will have.
fn unpaired(units: &[Unit], k: usize, left: bool, moved: &mut Moved, at: usize) -> Row {
    let place = if left {
        &moved.at_left
    } else {
        &moved.at_right
    };
    if let Some(&m) = place.get(&k) {
        moved.rows[m][usize::from(!left)] = Some(at);
        let (kind, ls, rs) = &moved.diffs[m];
        return Row {
            kind: *kind,
            moved: true,
            unit: UnitKind::Body,
            left: left.then(|| ls.clone()),
            right: (!left).then(|| rs.clone()),
            partner: None,
        };
    }
    let (kind, op) = if left {
        (RowKind::Dropped, Op::Delete)
    } else {
        (RowKind::Added, Op::Insert)
    };
    let segs = Some(whole_side(&units[k..k + 1], op));
    Row {
        kind,
        moved: false,
        unit: UnitKind::Body,
        left: if left { segs.clone() } else { None },
        right: if left { None } else { segs },
        partner: None,
    }
}
