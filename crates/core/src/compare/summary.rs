//! The counts an editor reads first: sentences added, dropped, rewritten, moved, and
//! the share of the right side that is new.

use serde::Serialize;

use super::{Op, Row, RowKind, Segment, UnitKind};
use crate::text::words::count_words;

/// Counts over the body and credit line (the headline is not counted).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Sentences only on the right.
    pub added_sentences: usize,
    /// Sentences only on the left.
    pub dropped_sentences: usize,
    /// Pairs with words inserted or deleted.
    pub changed_sentences: usize,
    /// Pairs that differ only in spelling, quotes, acronyms or punctuation.
    pub minor_sentences: usize,
    /// Identical pairs.
    pub kept_sentences: usize,
    /// Pairs out of reading order.
    pub moved_sentences: usize,
    /// Words marked inserted on the right.
    pub added_words: usize,
    /// Words marked deleted on the left.
    pub dropped_words: usize,
    /// Share of the right side's words that are new.
    pub new_share: f64,
    /// Whether neither side has a body (two flashes), and so the headline
    /// is all there is to compare; then whether the headlines differ.
    #[serde(skip)]
    pub headlines_only: Option<bool>,
}

impl Summary {
    /// Sentences added, dropped, rewritten or moved: what an editor has to read.
    pub fn changes(&self) -> usize {
        self.added_sentences
            + self.dropped_sentences
            + self.changed_sentences
            + self.moved_sentences
    }

    /// The one-line summary: `right adds 5 sentences (112 words, 25%), drops 3, …`.
    pub fn line(&self) -> String {
        if let Some(differ) = self.headlines_only {
            return match differ {
                true => "headlines only: the headline is rewritten".to_string(),
                false => "headlines only: the same headline".to_string(),
            };
        }
        if self.changes() == 0 {
            return match self.minor_sentences {
                0 => "the two bodies are the same".to_string(),
                n => format!(
                    "the two bodies differ only in spelling, quotes or punctuation ({n} sentence{})",
                    if n == 1 { "" } else { "s" }
                ),
            };
        }
        format!(
            "right adds {} sentence{} ({} words, {:.0}%), drops {}, rewrites {}, moves {}",
            self.added_sentences,
            if self.added_sentences == 1 { "" } else { "s" },
            self.added_words,
            self.new_share * 100.0,
            self.dropped_sentences,
            self.changed_sentences,
            self.moved_sentences
        )
    }
}

/// Counts the summary. Words are counted per segment, the new share's total
/// included, so a word a change boundary cuts in two (possible in text with
/// no spaces, such as `ZZ\0o\0Z`) counts the same way in both and the share
/// never passes 1.
pub(crate) fn summarise(rows: &[Row]) -> Summary {
    let mut s = Summary::default();
    let words = |segs: &Option<Vec<Segment>>, op: Option<Op>| -> usize {
        segs.iter()
            .flatten()
            .filter(|x| op.is_none_or(|op| x.op == op))
            .map(|x| count_words(&x.text) as usize)
            .sum()
    };
    let mut right_words = 0;
    for row in rows.iter().filter(|r| r.unit != UnitKind::Headline) {
        right_words += words(&row.right, None);
        // A moved pair is two rows; count it at its right-hand row only.
        if row.moved && row.right.is_none() {
            s.dropped_words += words(&row.left, Some(Op::Delete));
            continue;
        }
        if row.moved {
            s.moved_sentences += 1;
        }
        match row.kind {
            RowKind::Added => s.added_sentences += 1,
            RowKind::Dropped => s.dropped_sentences += 1,
            RowKind::Changed => s.changed_sentences += 1,
            RowKind::Minor => s.minor_sentences += 1,
            RowKind::Kept => s.kept_sentences += 1,
        }
        s.added_words += words(&row.right, Some(Op::Insert));
        s.dropped_words += words(&row.left, Some(Op::Delete));
    }
    if rows.iter().all(|r| r.unit == UnitKind::Headline) {
        s.headlines_only = Some(rows.iter().any(|r| r.kind != RowKind::Kept));
    }
    s.new_share = if right_words == 0 {
        0.0
    } else {
        s.added_words as f64 / right_words as f64
    };
    s
}
