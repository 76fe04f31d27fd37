//! Sentences ready for alignment: their tokens, their normalised words as small
//! integers, and the bag of content words that decides which sentences pair.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::Doc;
use crate::text::{normalize, sentences, tokens};

/// Words that carry little meaning; they count for the word diff but not for
/// deciding whether two sentences are versions of each other.
pub(crate) const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "it's", "more",
    "most", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "said", "says",
    "she", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "to", "up", "was", "we", "were", "what", "when", "which", "while", "who",
    "will", "with", "would", "you",
];

/// Normalised words as small integers, with a stopword flag per id.
#[derive(Default)]
pub(crate) struct Interner {
    ids: FxHashMap<String, u32>,
    /// Words as written, with the id of their normalised form: a word met again
    /// is not normalised again (spelling rules and all).
    seen: FxHashMap<String, u32>,
    stop: Vec<bool>,
    /// The word being looked up, normalised: one buffer for every word, so that
    /// only a word seen for the first time is allocated.
    scratch: String,
}

impl Interner {
    /// How many normalised words it knows.
    pub(crate) fn len(&self) -> usize {
        self.stop.len()
    }

    pub(crate) fn id(&mut self, raw: &str) -> u32 {
        if let Some(&id) = self.seen.get(raw) {
            return id;
        }
        normalize::word_into(raw, &mut self.scratch);
        let id = match self.ids.get(self.scratch.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.stop.len() as u32;
                self.stop.push(STOPWORDS.contains(&self.scratch.as_str()));
                self.ids.insert(self.scratch.clone(), id);
                id
            }
        };
        self.seen.insert(raw.to_string(), id);
        id
    }
}

/// A sentence ready for alignment.
pub(crate) struct Unit<'a> {
    pub(crate) text: &'a str,
    pub(crate) toks: Vec<Range<usize>>,
    pub(crate) ids: Vec<u32>,
    /// Content word ids, sorted, duplicates kept.
    pub(crate) bag: Vec<u32>,
}

impl<'a> Unit<'a> {
    pub(crate) fn new(text: &'a str, interner: &mut Interner) -> Unit<'a> {
        // A unit lives as long as one comparison: its lists are not trimmed.
        let toks = tokens::tokens(text);
        let ids: Vec<u32> = toks.iter().map(|r| interner.id(&text[r.clone()])).collect();
        let mut bag: Vec<u32> = Vec::with_capacity(ids.len());
        bag.extend(
            ids.iter()
                .copied()
                .filter(|&id| !interner.stop[id as usize]),
        );
        bag.sort_unstable();
        Unit {
            text,
            toks,
            ids,
            bag,
        }
    }
}

/// The body's sentences as units; a line of a preformatted block is one unit,
/// compared line by line.
pub(crate) fn body_units<'a>(doc: &Doc<'a>, interner: &mut Interner) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if doc.pre.get(i) == Some(&true) {
            out.push(Unit::new(p.trim(), interner));
            continue;
        }
        for r in sentences::split(p) {
            out.push(Unit::new(&p[r], interner));
        }
    }
    out
}

/// Number of ids two sorted bags share, counting repeats.
pub(crate) fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// `a` without the ids of `b` (multiset difference of sorted bags).
pub(crate) fn minus(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut j = 0;
    for &x in a {
        while j < b.len() && b[j] < x {
            j += 1;
        }
        if j < b.len() && b[j] == x {
            j += 1;
        } else {
            out.push(x);
        }
    }
    out
}

pub(crate) fn dice(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * common(a, b) as f32 / (a.len() + b.len()) as f32
}
