//! Searching inside the article being read, as less does: `/` and a word, the
//! hits highlighted and the nearest brought on screen, then the next and the
//! previous one; also the words of a full-text search, highlighted in the body.
//! Case and accents never matter; hits are byte ranges of the lines as written.

use std::ops::Range;

use copydesk_core::text::find::{find_in, fold};

use super::text::ReaderText;
use crate::tui::line::LineEditor;

/// One hit: a line of the laid-out article and the bytes of it that matched.
pub type Hit = (usize, Range<usize>);

/// The search inside the article.
#[derive(Clone, Debug, Default)]
pub struct Find {
    /// The line typed after `/`.
    pub line: LineEditor,
    /// Whether that line has the keyboard.
    pub editing: bool,
    /// The hits of the line's text in the article, in reading order.
    pub hits: Vec<Hit>,
    /// Which hit was last gone to.
    pub current: Option<usize>,
    /// Words of the list's full-text search, highlighted in the body.
    pub terms: Vec<String>,
    /// Their hits.
    pub term_hits: Vec<Hit>,
}

/// Every hit of `needle` in the lines of `text`.
pub fn hits(text: &ReaderText, needle: &str) -> Vec<Hit> {
    if needle.trim().is_empty() {
        return Vec::new();
    }
    // Folded once, not once per line.
    let want = fold(needle);
    text.lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| find_in(&l.text, &want).into_iter().map(move |r| (i, r)))
        .collect()
}

impl Find {
    /// Works the hits out again for `text` (a new article or a new width).
    pub fn refresh(&mut self, text: Option<&ReaderText>) {
        let Some(text) = text else {
            self.hits.clear();
            self.term_hits.clear();
            self.current = None;
            return;
        };
        self.hits = hits(text, self.line.text());
        self.current = self.current.filter(|&c| c < self.hits.len());
        let mut term_hits: Vec<Hit> = self.terms.iter().flat_map(|t| hits(text, t)).collect();
        term_hits.sort_by_key(|(l, r)| (*l, r.start));
        self.term_hits = term_hits;
    }

    /// The first hit on line `from` or after it, else the first of all.
    pub fn first_from(&self, from: usize) -> Option<usize> {
        if self.hits.is_empty() {
            return None;
        }
        Some(self.hits.iter().position(|(l, _)| *l >= from).unwrap_or(0))
    }

    /// The hit `by` steps from the current one, going round at either end.
    pub fn step(&self, by: isize, from: usize) -> Option<usize> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let Some(c) = self.current else {
            return self.first_from(from);
        };
        Some((c as isize + by).rem_euclid(n as isize) as usize)
    }

    /// Where the search stands, for the reader's title: `/word 3/7`.
    pub fn status(&self) -> Option<String> {
        let q = self.line.text();
        if q.is_empty() {
            return None;
        }
        Some(match (self.hits.len(), self.current) {
            (0, _) => format!("/{q}: not found"),
            (n, Some(c)) => format!("/{q} {}/{n}", c + 1),
            (n, None) => format!("/{q} {n} hits"),
        })
    }

    /// The ranges of line `line` to highlight: (range, whether it is the current hit,
    /// whether it is a find hit rather than a full-text word).
    pub fn on_line(&self, line: usize) -> Vec<(Range<usize>, bool, bool)> {
        let mut out: Vec<(Range<usize>, bool, bool)> = Vec::new();
        let at = |hits: &[Hit]| hits.partition_point(|(l, _)| *l < line);
        for (i, (l, r)) in self.hits.iter().enumerate().skip(at(&self.hits)) {
            if *l != line {
                break;
            }
            out.push((r.clone(), Some(i) == self.current, true));
        }
        for (l, r) in self.term_hits.iter().skip(at(&self.term_hits)) {
            if *l != line {
                break;
            }
            if !out
                .iter()
                .any(|(o, _, _)| o.start < r.end && r.start < o.end)
            {
                out.push((r.clone(), false, false));
            }
        }
        out.sort_by_key(|(r, _, _)| r.start);
        out
    }
}
