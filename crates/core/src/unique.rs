//! What one version of a story has that none of its other versions has: the
//! words the comparison marks as added on this side against every other version,
//! located in the article's own body so a reader can highlight them in place.

use std::ops::Range;

use crate::article::Article;
use crate::compare::{self, Op, UnitKind};

/// The unique content of one article, as byte ranges of its body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unique {
    /// Byte ranges of `Article::body`, sorted and disjoint, each starting and
    /// ending on a word.
    pub ranges: Vec<Range<usize>>,
    /// Words inside the ranges.
    pub words: usize,
    /// How many other versions it was compared with.
    pub against: usize,
}

impl Unique {
    /// The ranges that fall inside `within` (a byte range of the body), shifted
    /// to start at 0: what to highlight in one paragraph.
    pub fn inside(&self, within: Range<usize>) -> Vec<Range<usize>> {
        self.ranges
            .iter()
            .filter(|r| r.start < within.end && r.end > within.start)
            .map(|r| r.start.max(within.start) - within.start..r.end.min(within.end) - within.start)
            .collect()
    }
}

/// Marks, for each byte of `a.body`, whether the comparison with `other` says the
/// byte belongs to a word only `a` has.
fn added_over(other: &Article, a: &Article) -> Vec<bool> {
    let body = a.body.as_ref();
    let mut added = vec![false; body.len()];
    let c = compare::compare(other, a);
    let mut cursor = 0;
    for row in c.rows.iter().filter(|r| r.unit == UnitKind::Body) {
        let Some(segs) = &row.right else { continue };
        for seg in segs {
            for word in seg.text.split_whitespace() {
                // Segments are the article's own text, so every word is found in
                // order; a word that is not (text the comparison joined or
                // reshaped) is skipped without losing the place.
                let Some(at) = body[cursor..].find(word) else {
                    continue;
                };
                let start = cursor + at;
                cursor = start + word.len();
                if seg.op == Op::Insert {
                    added[start..cursor].fill(true);
                }
            }
        }
    }
    added
}

/// What `a` has that none of `others` has. With no others, nothing is unique:
/// uniqueness only means something within a story.
pub fn unique_content(a: &Article, others: &[&Article]) -> Unique {
    let body = a.body.as_ref();
    if others.is_empty() || body.is_empty() {
        return Unique {
            against: others.len(),
            ..Unique::default()
        };
    }
    let mut unique = vec![true; body.len()];
    for o in others {
        let added = added_over(o, a);
        for (u, x) in unique.iter_mut().zip(added) {
            *u &= x;
        }
    }
    // Runs of marked bytes, joined across the spaces between marked words of one
    // paragraph, so a unique clause highlights as one stretch.
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        if !unique[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < body.len() && unique[i] {
            i += 1;
        }
        match ranges.last_mut() {
            Some(last)
                if body[last.end..start]
                    .chars()
                    .all(|c| c.is_whitespace() && c != '\n') =>
            {
                last.end = i
            }
            _ => ranges.push(start..i),
        }
    }
    let words = ranges
        .iter()
        .map(|r| body[r.clone()].split_whitespace().count())
        .sum();
    Unique {
        ranges,
        words,
        against: others.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(body: &str) -> Article {
        let text = format!("A headline for the test\n\n{body}\n");
        let (mut articles, _) = crate::load::load_memory([("x.txt", text.as_bytes())]);
        articles.remove(0)
    }

    #[test]
    fn finds_what_only_this_version_says() {
        let a = art(
            "Talks resumed in Geneva on Monday after a week of delay.\n\nThe envoy said both sides had agreed to meet again.\n\nA ceasefire was not on the table, officials said.",
        );
        let b = art(
            "Talks resumed in Geneva on Monday after a week of delay.\n\nThe envoy said both sides had agreed to meet again.",
        );
        let c = art(
            "Talks resumed in Geneva on Monday after a week of delay.\n\nA ceasefire was not on the table, officials said.",
        );
        // Against b alone, the ceasefire sentence is unique; against b and c, nothing is.
        let u = unique_content(&a, &[&b]);
        let marked: Vec<&str> = u.ranges.iter().map(|r| &a.body[r.clone()]).collect();
        assert_eq!(
            marked,
            vec!["A ceasefire was not on the table, officials said."]
        );
        assert_eq!(u.words, 9);
        assert!(unique_content(&a, &[&b, &c]).ranges.is_empty());
        assert!(unique_content(&a, &[]).ranges.is_empty());
    }

    #[test]
    fn marks_words_added_inside_a_kept_sentence() {
        let a = art(
            "The minister resigned on Tuesday after a long and bitter row over the budget.\n\nHer deputy takes over.",
        );
        let b = art(
            "The minister resigned on Tuesday after a row over the budget.\n\nHer deputy takes over.",
        );
        let u = unique_content(&a, &[&b]);
        let marked: Vec<&str> = u.ranges.iter().map(|r| &a.body[r.clone()]).collect();
        assert_eq!(marked, vec!["long and bitter"]);
        let para = a.paragraphs().next().unwrap();
        let start = para.as_ptr() as usize - a.body.as_ptr() as usize;
        let inside = u.inside(start..start + para.len());
        assert_eq!(&para[inside[0].clone()], "long and bitter");
    }
}
