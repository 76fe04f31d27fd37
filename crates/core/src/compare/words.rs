//! The word diff inside a pair of sentences (or groups of sentences), on normalised
//! words, mapped back to the original text; differences that vanish under
//! normalisation are minor.

use similar::{Algorithm, DiffOp};

use super::typos::{Change, Lexicon, is_typo};
use super::units::{STOPWORDS, Unit};
use super::{Op, RowKind, Segment};
use crate::text::normalize;

/// Text between words, without whitespace: what tells punctuation apart.
fn punct(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether two texts between words have the same [`punct`], found without
/// building either (it is asked for every pair of equal words).
fn same_punct(a: &str, b: &str) -> bool {
    let visible = |c: &char| !c.is_whitespace();
    a == b || a.chars().filter(visible).eq(b.chars().filter(visible))
}

/// A side of a pair: its sentences' tokens flattened, with per-token ops.
struct Side<'u, 'a> {
    units: &'u [Unit<'a>],
    /// (unit index within `units`, token index within the unit).
    at: Vec<(usize, usize)>,
    ids: Vec<u32>,
    ops: Vec<Op>,
}

impl<'u, 'a> Side<'u, 'a> {
    fn new(units: &'u [Unit<'a>]) -> Self {
        let mut at = Vec::new();
        let mut ids = Vec::new();
        for (u, unit) in units.iter().enumerate() {
            for (t, &id) in unit.ids.iter().enumerate() {
                at.push((u, t));
                ids.push(id);
            }
        }
        let n = ids.len();
        Side {
            units,
            at,
            ids,
            ops: vec![Op::Equal; n],
        }
    }

    fn token_text(&self, k: usize) -> &'a str {
        let (u, t) = self.at[k];
        let unit = &self.units[u];
        &unit.text[unit.toks[t].clone()]
    }

    /// The text before token `k` back to the previous token of its sentence.
    fn gap_before(&self, k: usize) -> &'a str {
        let (u, t) = self.at[k];
        let unit = &self.units[u];
        let from = if t == 0 { 0 } else { unit.toks[t - 1].end };
        &unit.text[from..unit.toks[t].start]
    }

    /// Segments of every sentence of this side, in order.
    fn segments(&self, whole: Op) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        let mut push = |text: &str, op: Op| {
            if text.is_empty() {
                return;
            }
            match out.last_mut() {
                Some(s) if s.op == op => s.text.push_str(text),
                _ => out.push(Segment {
                    text: text.to_string(),
                    op,
                }),
            }
        };
        let mut k = 0;
        for (u, unit) in self.units.iter().enumerate() {
            if unit.toks.is_empty() {
                if u > 0 {
                    push(" ", whole);
                }
                push(unit.text, whole);
                continue;
            }
            let mut from = 0;
            for (t, r) in unit.toks.iter().enumerate() {
                let op = self.ops[k];
                if u > 0 && t == 0 {
                    // Sentences of one group are shown as one text, a space apart.
                    push(" ", op);
                }
                let end = if t + 1 == unit.toks.len() {
                    unit.text.len()
                } else {
                    r.end
                };
                push(&unit.text[from..end], op);
                from = end;
                k += 1;
            }
        }
        // A side is most often one segment: a vector grown by pushing holds four,
        // which for a long file of short sentences is most of the comparison.
        out.shrink_to_fit();
        out
    }
}

/// Word diff of two groups of sentences; returns the kind and both sides' segments.
pub(crate) fn diff_words(
    left: &[Unit],
    right: &[Unit],
    lex: &Lexicon,
) -> (RowKind, Vec<Segment>, Vec<Segment>) {
    // The same sentences word for word, as most pairs of versions hold: kept
    // whole, with nothing to diff (the diff would find every word equal).
    if left.len() == right.len() && left.iter().zip(right).all(|(a, b)| a.text == b.text) {
        let whole = kept_whole(left);
        return (RowKind::Kept, whole.clone(), whole);
    }
    let mut ls = Side::new(left);
    let mut rs = Side::new(right);
    let mut ops = similar::capture_diff_slices(Algorithm::Patience, &ls.ids, &rs.ids);
    absorb_lone_stopwords(&mut ops, &ls);
    let typos = typo_changes(&ops, &ls, &rs, lex);
    let mut changed = false;
    for op in &ops {
        match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for d in 0..len {
                    let (a, b) = (old_index + d, new_index + d);
                    let minor = ls.token_text(a) != rs.token_text(b)
                        || !same_punct(ls.gap_before(a), rs.gap_before(b));
                    if minor {
                        ls.ops[a] = Op::Minor;
                        rs.ops[b] = Op::Minor;
                    }
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                changed = true;
                ls.ops[old_index..old_index + old_len].fill(Op::Delete);
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                changed = true;
                rs.ops[new_index..new_index + new_len].fill(Op::Insert);
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } if typos.contains(&old_index) => {
                ls.ops[old_index..old_index + old_len].fill(Op::Minor);
                rs.ops[new_index..new_index + new_len].fill(Op::Minor);
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                changed = true;
                ls.ops[old_index..old_index + old_len].fill(Op::Delete);
                rs.ops[new_index..new_index + new_len].fill(Op::Insert);
            }
        }
    }
    // The text after the last word of each side (closing punctuation) must agree too.
    let tail = |s: &Side| {
        s.units
            .last()
            .map(|u| punct(&u.text[u.toks.last().map_or(0, |t| t.end)..]))
            .unwrap_or_default()
    };
    let last_equal = ls.ops.last().is_some_and(|o| *o != Op::Delete)
        && rs.ops.last().is_some_and(|o| *o != Op::Insert);
    if last_equal && tail(&ls) != tail(&rs) {
        let (a, b) = (ls.ops.len() - 1, rs.ops.len() - 1);
        ls.ops[a] = Op::Minor;
        rs.ops[b] = Op::Minor;
    }
    let minor = ls.ops.contains(&Op::Minor)
        || rs.ops.contains(&Op::Minor)
        || (ls.ids.is_empty() && rs.ids.is_empty() && punct_all(left) != punct_all(right));
    let kind = if changed {
        RowKind::Changed
    } else if minor {
        RowKind::Minor
    } else {
        RowKind::Kept
    };
    let whole = if kind == RowKind::Kept {
        Op::Equal
    } else {
        Op::Minor
    };
    (kind, ls.segments(whole), rs.segments(whole))
}

/// The segments of a side kept as it is: its sentences a space apart, as
/// [`Side::segments`] writes them when every word is equal.
fn kept_whole(units: &[Unit]) -> Vec<Segment> {
    let mut text = String::new();
    for (u, unit) in units.iter().enumerate() {
        if u > 0 {
            text.push(' ');
        }
        text.push_str(unit.text);
    }
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Segment {
            text,
            op: Op::Equal,
        }]
    }
}

/// The left start of each replaced run that is typo-level, when the rest of the
/// pair agrees: at most two such runs, and most words equal.
fn typo_changes(ops: &[DiffOp], ls: &Side, rs: &Side, lex: &Lexicon) -> Vec<usize> {
    let equal: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    if equal * 10 < ls.ids.len().max(rs.ids.len()) * 7 {
        return Vec::new();
    }
    let mut found = Vec::new();
    for op in ops {
        let DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } = *op
        else {
            continue;
        };
        let change = Change {
            left: (old_index..old_index + old_len)
                .map(|k| ls.token_text(k))
                .collect(),
            left_ids: ls.ids[old_index..old_index + old_len].to_vec(),
            right: (new_index..new_index + new_len)
                .map(|k| rs.token_text(k))
                .collect(),
            right_ids: rs.ids[new_index..new_index + new_len].to_vec(),
        };
        if !is_typo(&change, lex) {
            // One real change makes the row a rewrite; its slips stay dim.
            continue;
        }
        found.push(old_index);
    }
    if found.len() > 2 {
        found.clear();
    }
    found
}

fn punct_all(units: &[Unit]) -> String {
    units.iter().map(|u| punct(u.text)).collect()
}

/// A lone stopword left equal between two changes (`… [-cut-] the [-budget-] …`)
/// splits one rewrite into noise; it is shown as part of the change instead.
fn absorb_lone_stopwords(ops: &mut [DiffOp], left: &Side) {
    let is_change = |op: &DiffOp| !matches!(op, DiffOp::Equal { .. });
    let mut k = 1;
    while k + 1 < ops.len() {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len: 1,
        } = ops[k]
            && is_change(&ops[k - 1])
            && is_change(&ops[k + 1])
            && STOPWORDS.contains(&normalize::word(left.token_text(old_index)).as_str())
        {
            ops[k] = DiffOp::Replace {
                old_index,
                old_len: 1,
                new_index,
                new_len: 1,
            };
        }
        k += 1;
    }
}

/// One side shown whole with one operation (an added or dropped sentence).
pub(crate) fn whole_side(units: &[Unit], op: Op) -> Vec<Segment> {
    let text: String = units.iter().map(|u| u.text).collect::<Vec<_>>().join(" ");
    vec![Segment { text, op }]
}

#[cfg(test)]
mod tests {
    use super::super::typos::Lexicon;
    use super::super::units::{Interner, Unit};
    use super::{Op, RowKind, Side, diff_words, punct, same_punct};

    #[test]
    fn the_same_sentences_are_kept_whole_and_one_word_more_is_a_change() {
        let mut interner = Interner::default();
        let texts = ["Shares rose 5 pct, dealers said.", "Trading was thin."];
        let l: Vec<Unit> = texts.iter().map(|t| Unit::new(t, &mut interner)).collect();
        let r: Vec<Unit> = texts.iter().map(|t| Unit::new(t, &mut interner)).collect();
        let lex = Lexicon::of(&l, &r);
        let (kind, ls, rs) = diff_words(&l, &r, &lex);
        assert_eq!(kind, RowKind::Kept);
        assert_eq!(ls.len(), 1);
        assert_eq!(ls[0].op, Op::Equal);
        assert_eq!(
            ls[0].text,
            "Shares rose 5 pct, dealers said. Trading was thin."
        );
        assert_eq!(ls, rs);
        // As a side's segments are when the diff finds every word equal.
        let side = Side::new(&l);
        assert_eq!(ls, side.segments(Op::Equal));
        // One sentence with a word more is diffed, not kept whole.
        let more = Unit::new("Trading was very thin.", &mut interner);
        let r2 = [Unit::new(texts[0], &mut interner), more];
        let (kind, _, rs) = diff_words(&l, &r2, &Lexicon::of(&l, &r2));
        assert_eq!(kind, RowKind::Changed);
        assert!(
            rs.iter()
                .any(|s| s.op == Op::Insert && s.text.contains("very"))
        );
    }

    #[test]
    fn texts_between_words_agree_as_their_punctuation_does() {
        let gaps = [
            "", " ", "  ", ", ", ",", " ,", "\u{a0}", " - ", "-", "—", "\" ", ".\n",
        ];
        for a in gaps {
            for b in gaps {
                assert_eq!(same_punct(a, b), punct(a) == punct(b), "{a:?} {b:?}");
            }
        }
        assert!(same_punct(", ", " ,"));
        assert!(!same_punct(", ", " - "));
    }
}
