//! Comparing two versions of a story the way an editor reads them: sentence by
//! sentence, then word by word inside the sentences that changed.
//!
//! 1. Each body is split into sentences; the headline (when both sides have a real
//!    one) and the credit line are units of their own.
//! 2. Words are normalised for comparison only (case, quotes, accents, `U.N.`/`UN`,
//!    `1,600`/`1600`, British/American spelling); the original text is what is shown.
//! 3. Sentences are aligned: identical ones first, then similar ones in reading order
//!    (the heaviest chain of pairs increasing on both sides), then similar ones out of
//!    order (moved). A sentence that a rewrite split in two, or two it merged, pair
//!    as a group. What stays unpaired is added (right) or dropped (left).
//! 4. Inside each pair, a word diff on normalised words; words equal only after
//!    normalisation, and punctuation-only differences, are `minor`.
//!
//! Similar sentences are found through an inverted index on their rarer words, so
//! long documents never score all pairs of sentences.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;
use similar::{Algorithm, DiffOp};

use crate::article::{Article, TitleRule, count_words};
use crate::text::{normalize, sentences, tokens};

/// Thresholds of the aligner.
#[derive(Clone, Debug)]
pub struct CompareOptions {
    /// Least word overlap (Dice coefficient on content words) for two sentences in
    /// reading order to count as one sentence rewritten.
    pub in_order: f32,
    /// Least overlap for a pair out of reading order (a moved sentence).
    pub moved: f32,
    /// Least share of the shorter sentence's content words found in the longer one
    /// for a pair in order (a shortened or lengthened sentence).
    pub containment: f32,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            in_order: 0.4,
            moved: 0.65,
            containment: 0.75,
        }
    }
}

/// What a segment of text is, relative to the other side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// The same on both sides.
    Equal,
    /// Only on the right.
    Insert,
    /// Only on the left.
    Delete,
    /// The same word written differently (spelling, quotes, `U.N.`/`UN`, punctuation).
    Minor,
}

/// A run of original text with one operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Original characters, exactly as in the article.
    pub text: String,
    /// How it relates to the other side.
    pub op: Op,
}

/// What happened to a sentence (or a group of sentences) between the versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// Identical.
    Kept,
    /// Identical after normalisation: only spelling, quotes, acronyms, punctuation.
    Minor,
    /// Rewritten: words inserted or deleted.
    Changed,
    /// Only on the right.
    Added,
    /// Only on the left.
    Dropped,
}

/// Which part of the article a row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// The headline.
    Headline,
    /// A body sentence.
    Body,
    /// The credit line.
    Credit,
}

/// One line of the comparison, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// What happened.
    pub kind: RowKind,
    /// Whether the sentence sits elsewhere on the other side; a moved pair is two
    /// rows, one at each side's position, linked by `partner`.
    pub moved: bool,
    /// Headline, body or credit.
    pub unit: UnitKind,
    /// The left sentence(s) as segments, or none.
    pub left: Option<Vec<Segment>>,
    /// The right sentence(s) as segments, or none.
    pub right: Option<Vec<Segment>>,
    /// For a moved row, the index of the row showing the other side.
    pub partner: Option<usize>,
}

impl Row {
    /// The row's mark in a gutter: `+` added, `-` dropped, `~` rewritten, `↕`
    /// moved, blank otherwise; the same in the terminal, the CLI and exports.
    pub fn mark(&self) -> char {
        if self.moved {
            return '↕';
        }
        match self.kind {
            RowKind::Added => '+',
            RowKind::Dropped => '-',
            RowKind::Changed => '~',
            RowKind::Kept | RowKind::Minor => ' ',
        }
    }
}

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

/// Who a side of the comparison is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SideInfo {
    /// Path as listed.
    pub path: String,
    /// Headline.
    pub title: String,
    /// Words in the body.
    pub words: u32,
}

/// The whole comparison: what the TUI draws and the CLI prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The left (older, or marked) version.
    pub left: SideInfo,
    /// The right version.
    pub right: SideInfo,
    /// Counts.
    pub summary: Summary,
    /// Rows in reading order.
    pub rows: Vec<Row>,
}

/// One side's text, as the comparison sees it.
#[derive(Clone, Debug, Default)]
pub struct Doc<'a> {
    /// A real headline (not one derived from the lead), if any.
    pub headline: Option<&'a str>,
    /// Body paragraphs.
    pub paragraphs: Vec<&'a str>,
    /// Credit line.
    pub credit: Option<&'a str>,
}

impl<'a> Doc<'a> {
    /// The parts of an article that take part in a comparison.
    pub fn of(a: &'a Article) -> Doc<'a> {
        let real = !matches!(a.title_rule, TitleRule::Lead | TitleRule::FileName);
        Doc {
            headline: real.then_some(a.title.as_ref()),
            paragraphs: a.paragraphs().collect(),
            credit: a.credit.as_deref(),
        }
    }

    /// Plain text, paragraphs separated by blank lines, no headline or credit.
    pub fn plain(text: &'a str) -> Doc<'a> {
        Doc {
            headline: None,
            paragraphs: text
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .collect(),
            credit: None,
        }
    }
}

/// Compares two articles with default options.
pub fn compare(left: &Article, right: &Article) -> Comparison {
    let info = |a: &Article| SideInfo {
        path: a.path.to_string(),
        title: a.title.to_string(),
        words: a.words,
    };
    compare_docs(
        &Doc::of(left),
        &Doc::of(right),
        info(left),
        info(right),
        &CompareOptions::default(),
    )
}

/// Words that carry little meaning; they count for the word diff but not for
/// deciding whether two sentences are versions of each other.
const STOPWORDS: &[&str] = &[
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
struct Interner {
    ids: HashMap<String, u32>,
    stop: Vec<bool>,
}

impl Interner {
    fn id(&mut self, raw: &str) -> u32 {
        let w = normalize::word(raw);
        if let Some(&id) = self.ids.get(&w) {
            return id;
        }
        let id = self.stop.len() as u32;
        self.stop.push(STOPWORDS.contains(&w.as_str()));
        self.ids.insert(w, id);
        id
    }
}

/// A sentence ready for alignment.
struct Unit<'a> {
    text: &'a str,
    toks: Vec<Range<usize>>,
    ids: Vec<u32>,
    /// Content word ids, sorted, duplicates kept.
    bag: Vec<u32>,
}

impl<'a> Unit<'a> {
    fn new(text: &'a str, interner: &mut Interner) -> Unit<'a> {
        let toks = tokens::tokens(text);
        let ids: Vec<u32> = toks.iter().map(|r| interner.id(&text[r.clone()])).collect();
        let mut bag: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&id| !interner.stop[id as usize])
            .collect();
        bag.sort_unstable();
        Unit {
            text,
            toks,
            ids,
            bag,
        }
    }
}

fn body_units<'a>(doc: &Doc<'a>, interner: &mut Interner) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        for r in sentences::split(p) {
            out.push(Unit::new(&p[r], interner));
        }
    }
    out
}

/// Number of ids two sorted bags share, counting repeats.
fn common(a: &[u32], b: &[u32]) -> usize {
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
fn minus(a: &[u32], b: &[u32]) -> Vec<u32> {
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

fn dice(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * common(a, b) as f32 / (a.len() + b.len()) as f32
}

/// A candidate pairing of left sentence `i` with right sentence `j`.
#[derive(Clone, Copy, Debug)]
struct Pair {
    i: usize,
    j: usize,
    weight: f64,
    exact: bool,
}

/// Consecutive sentences on each side that correspond.
#[derive(Clone, Debug, PartialEq)]
struct Group {
    left: Range<usize>,
    right: Range<usize>,
}

struct Alignment {
    /// In reading order on both sides.
    chain: Vec<Group>,
    /// Out of order.
    moved: Vec<Group>,
}

/// Every pair in the reading-order chain is worth one, plus its similarity (one for
/// an identical pair): the chain keeps as many sentences in order as it can, so the
/// fewest sentences are called moved, and prefers the closer pairs among equals.
const EXACT_WEIGHT: f64 = 2.0;

/// How many left sentences with shared words each right sentence scores.
const CANDIDATES_PER_SENTENCE: usize = 8;

fn align(l: &[Unit], r: &[Unit], opts: &CompareOptions) -> Alignment {
    let (nl, nr) = (l.len(), r.len());
    let mut pairs: Vec<Pair> = Vec::new();
    let mut left_exact = vec![false; nl];
    let mut right_exact = vec![false; nr];

    // Identical sentences (after normalisation); repeats pair up in reading order.
    // Everything here treats both sides alike, so that comparing B with A gives
    // the mirror image of comparing A with B.
    let key = |u: &Unit| -> Vec<u32> {
        if u.ids.is_empty() {
            // Sentences without words compare by their punctuation.
            u.text
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| u32::MAX - c as u32)
                .collect()
        } else {
            u.ids.clone()
        }
    };
    let mut by_key: HashMap<Vec<u32>, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, u) in l.iter().enumerate() {
        by_key.entry(key(u)).or_default().0.push(i);
    }
    for (j, u) in r.iter().enumerate() {
        if let Some(e) = by_key.get_mut(&key(u)) {
            e.1.push(j);
        }
    }
    for (ls, rs) in by_key.values() {
        for (&i, &j) in ls.iter().zip(rs) {
            left_exact[i] = true;
            right_exact[j] = true;
            pairs.push(Pair {
                i,
                j,
                weight: EXACT_WEIGHT + tie_breaker(&l[i], &r[j]),
                exact: true,
            });
        }
    }

    // Similar sentences, found through shared content words that are not too
    // common, from each side towards the other.
    let cap = 16.max(nl.max(nr) / 20);
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (i, j) in similar_candidates(l, &left_exact, r, &right_exact, cap) {
        candidates.push((i, j));
    }
    for (j, i) in similar_candidates(r, &right_exact, l, &left_exact, cap) {
        candidates.push((i, j));
    }
    candidates.sort_unstable();
    candidates.dedup();
    for (i, j) in candidates {
        let (a, b) = (&l[i].bag, &r[j].bag);
        let d = dice(a, b);
        let shorter = a.len().min(b.len());
        let contained = if shorter >= 4 {
            common(a, b) as f32 / shorter as f32
        } else {
            0.0
        };
        let similarity = if d >= opts.in_order {
            d
        } else if contained >= opts.containment {
            opts.in_order.max(contained * 0.6)
        } else {
            continue;
        };
        pairs.push(Pair {
            i,
            j,
            weight: 1.0 + f64::from(similarity) + tie_breaker(&l[i], &r[j]),
            exact: false,
        });
    }

    let chain_pairs = heaviest_chain(&pairs, nr);
    let mut left_used = vec![false; nl];
    let mut right_used = vec![false; nr];
    for p in &chain_pairs {
        left_used[p.i] = true;
        right_used[p.j] = true;
    }
    // Whatever identical or clearly similar pairs the chain left out were moved.
    let mut rest: Vec<&Pair> = pairs
        .iter()
        .filter(|p| p.exact || p.weight >= 1.0 + f64::from(opts.moved))
        .collect();
    rest.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut moved = Vec::new();
    for p in rest {
        if !left_used[p.i] && !right_used[p.j] {
            left_used[p.i] = true;
            right_used[p.j] = true;
            moved.push(Group {
                left: p.i..p.i + 1,
                right: p.j..p.j + 1,
            });
        }
    }
    let mut chain: Vec<Group> = chain_pairs
        .iter()
        .map(|p| Group {
            left: p.i..p.i + 1,
            right: p.j..p.j + 1,
        })
        .collect();
    absorb_splits(&mut chain, l, r, &mut left_used, &mut right_used);
    moved.sort_by_key(|g| g.left.start);
    Alignment { chain, moved }
}

/// A tiny weight, the same whichever side each sentence is on, that decides between
/// otherwise equal choices.
fn tie_breaker(a: &Unit, b: &Unit) -> f64 {
    let h = |u: &Unit| xxhash_rust::xxh3::xxh3_64(u.text.as_bytes());
    let mixed = h(a).wrapping_add(h(b));
    (mixed % 1024) as f64 * 1e-9
}

/// For each unpaired sentence of `from`, the unpaired sentences of `to` sharing the
/// most content words with it (words in more than `cap` sentences do not count).
fn similar_candidates(
    from: &[Unit],
    from_done: &[bool],
    to: &[Unit],
    to_done: &[bool],
    cap: usize,
) -> Vec<(usize, usize)> {
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (k, u) in to.iter().enumerate() {
        if to_done[k] {
            continue;
        }
        let mut last = None;
        for &id in &u.bag {
            if last != Some(id) {
                postings.entry(id).or_default().push(k);
                last = Some(id);
            }
        }
    }
    let mut out = Vec::new();
    let mut hits = vec![0u32; to.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (f, u) in from.iter().enumerate() {
        if from_done[f] || u.bag.is_empty() {
            continue;
        }
        let mut last = None;
        for &id in &u.bag {
            if last == Some(id) {
                continue;
            }
            last = Some(id);
            if let Some(list) = postings.get(&id)
                && list.len() <= cap
            {
                for &k in list {
                    if hits[k] == 0 {
                        touched.push(k);
                    }
                    hits[k] += 1;
                }
            }
        }
        touched.sort_by_key(|&k| (std::cmp::Reverse(hits[k]), k));
        for &k in touched.iter().take(CANDIDATES_PER_SENTENCE) {
            out.push((f, k));
        }
        for &k in &touched {
            hits[k] = 0;
        }
        touched.clear();
    }
    out
}

/// The heaviest set of pairs increasing in both `i` and `j`, in order.
fn heaviest_chain(pairs: &[Pair], nr: usize) -> Vec<Pair> {
    if pairs.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by_key(|&k| (pairs[k].i, pairs[k].j));
    // Fenwick tree over j holding (best chain weight ending at or before j, pair index).
    let mut tree: Vec<(f64, usize)> = vec![(0.0, usize::MAX); nr + 1];
    let query = |tree: &Vec<(f64, usize)>, mut j: usize| {
        let mut best = (0.0f64, usize::MAX);
        while j > 0 {
            if tree[j].0 > best.0 {
                best = tree[j];
            }
            j &= j - 1;
        }
        best
    };
    let mut score = vec![0.0f64; pairs.len()];
    let mut prev = vec![usize::MAX; pairs.len()];
    let mut k = 0;
    while k < order.len() {
        // Pairs sharing a left sentence are scored before any of them is added, so a
        // chain never uses one left sentence twice.
        let i = pairs[order[k]].i;
        let start = k;
        while k < order.len() && pairs[order[k]].i == i {
            let p = order[k];
            let (best, from) = query(&tree, pairs[p].j);
            score[p] = best + pairs[p].weight;
            prev[p] = from;
            k += 1;
        }
        for &p in &order[start..k] {
            let mut j = pairs[p].j + 1;
            while j <= nr {
                if score[p] > tree[j].0 {
                    tree[j] = (score[p], p);
                }
                j += j & j.wrapping_neg();
            }
        }
    }
    let mut best = (0..pairs.len())
        .max_by(|&a, &b| score[a].total_cmp(&score[b]))
        .unwrap_or(usize::MAX);
    let mut out = Vec::new();
    while best != usize::MAX {
        out.push(pairs[best]);
        best = prev[best];
    }
    out.reverse();
    out
}

/// Extends chain pairs over a neighbouring unpaired sentence when a rewrite split one
/// sentence in two (or merged two into one): the neighbour's words are mostly the
/// ones its partner's counterpart has left over.
fn absorb_splits(
    chain: &mut [Group],
    l: &[Unit],
    r: &[Unit],
    left_used: &mut [bool],
    right_used: &mut [bool],
) {
    let fits = |extra: &[u32], leftover: &[u32]| {
        let c = common(extra, leftover);
        c >= 3 && c as f32 >= 0.6 * extra.len() as f32
    };
    let bag = |units: &[Unit], range: &Range<usize>| {
        let mut b: Vec<u32> = units[range.clone()]
            .iter()
            .flat_map(|u| u.bag.iter().copied())
            .collect();
        b.sort_unstable();
        b
    };
    for g in chain.iter_mut() {
        loop {
            let lb = bag(l, &g.left);
            let rb = bag(r, &g.right);
            let left_over = minus(&lb, &rb);
            let right_over = minus(&rb, &lb);
            // Each neighbour is judged against the same leftovers, so the outcome
            // does not depend on which side is looked at first.
            let grow_right_end = g.right.end < r.len()
                && !right_used[g.right.end]
                && fits(&r[g.right.end].bag, &left_over);
            let grow_right_start = g.right.start > 0
                && !right_used[g.right.start - 1]
                && fits(&r[g.right.start - 1].bag, &left_over);
            let grow_left_end = g.left.end < l.len()
                && !left_used[g.left.end]
                && fits(&l[g.left.end].bag, &right_over);
            let grow_left_start = g.left.start > 0
                && !left_used[g.left.start - 1]
                && fits(&l[g.left.start - 1].bag, &right_over);
            if grow_right_end {
                right_used[g.right.end] = true;
                g.right.end += 1;
            }
            if grow_right_start {
                right_used[g.right.start - 1] = true;
                g.right.start -= 1;
            }
            if grow_left_end {
                left_used[g.left.end] = true;
                g.left.end += 1;
            }
            if grow_left_start {
                left_used[g.left.start - 1] = true;
                g.left.start -= 1;
            }
            if !(grow_right_end || grow_right_start || grow_left_end || grow_left_start) {
                break;
            }
        }
    }
}

/// Text between words, without whitespace: what tells punctuation apart.
fn punct(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
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
        out
    }
}

/// Word diff of two groups of sentences; returns the kind and both sides' segments.
fn diff_words(left: &[Unit], right: &[Unit]) -> (RowKind, Vec<Segment>, Vec<Segment>) {
    let mut ls = Side::new(left);
    let mut rs = Side::new(right);
    let mut ops = similar::capture_diff_slices(Algorithm::Patience, &ls.ids, &rs.ids);
    absorb_lone_stopwords(&mut ops, &ls);
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
                        || punct(ls.gap_before(a)) != punct(rs.gap_before(b));
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

fn whole_side(units: &[Unit], op: Op) -> Vec<Segment> {
    let text: String = units.iter().map(|u| u.text).collect::<Vec<_>>().join(" ");
    vec![Segment { text, op }]
}

/// Compares two documents.
pub fn compare_docs(
    left: &Doc,
    right: &Doc,
    left_info: SideInfo,
    right_info: SideInfo,
    opts: &CompareOptions,
) -> Comparison {
    let mut interner = Interner::default();
    let l = body_units(left, &mut interner);
    let r = body_units(right, &mut interner);
    let alignment = align(&l, &r, opts);
    let mut rows: Vec<Row> = Vec::new();

    if let (Some(lh), Some(rh)) = (left.headline, right.headline) {
        let lu = [Unit::new(lh, &mut interner)];
        let ru = [Unit::new(rh, &mut interner)];
        let (kind, ls, rs) = diff_words(&lu, &ru);
        rows.push(Row {
            kind,
            moved: false,
            unit: UnitKind::Headline,
            left: Some(ls),
            right: Some(rs),
            partner: None,
        });
    }

    let mut left_moved: HashMap<usize, usize> = HashMap::new();
    let mut right_moved: HashMap<usize, usize> = HashMap::new();
    for (m, g) in alignment.moved.iter().enumerate() {
        left_moved.insert(g.left.start, m);
        right_moved.insert(g.right.start, m);
    }
    let moved_diffs: Vec<(RowKind, Vec<Segment>, Vec<Segment>)> = alignment
        .moved
        .iter()
        .map(|g| diff_words(&l[g.left.clone()], &r[g.right.clone()]))
        .collect();
    let mut moved_rows: Vec<[Option<usize>; 2]> = vec![[None, None]; alignment.moved.len()];

    let emit_left = |i: usize, rows: &mut Vec<Row>, moved_rows: &mut Vec<[Option<usize>; 2]>| {
        let row = match left_moved.get(&i) {
            Some(&m) => {
                moved_rows[m][0] = Some(rows.len());
                Row {
                    kind: moved_diffs[m].0,
                    moved: true,
                    unit: UnitKind::Body,
                    left: Some(moved_diffs[m].1.clone()),
                    right: None,
                    partner: None,
                }
            }
            None => Row {
                kind: RowKind::Dropped,
                moved: false,
                unit: UnitKind::Body,
                left: Some(whole_side(&l[i..i + 1], Op::Delete)),
                right: None,
                partner: None,
            },
        };
        rows.push(row);
    };
    let emit_right = |j: usize, rows: &mut Vec<Row>, moved_rows: &mut Vec<[Option<usize>; 2]>| {
        let row = match right_moved.get(&j) {
            Some(&m) => {
                moved_rows[m][1] = Some(rows.len());
                Row {
                    kind: moved_diffs[m].0,
                    moved: true,
                    unit: UnitKind::Body,
                    left: None,
                    right: Some(moved_diffs[m].2.clone()),
                    partner: None,
                }
            }
            None => Row {
                kind: RowKind::Added,
                moved: false,
                unit: UnitKind::Body,
                left: None,
                right: Some(whole_side(&r[j..j + 1], Op::Insert)),
                partner: None,
            },
        };
        rows.push(row);
    };

    let (mut li, mut rj) = (0, 0);
    for g in &alignment.chain {
        while li < g.left.start {
            emit_left(li, &mut rows, &mut moved_rows);
            li += 1;
        }
        while rj < g.right.start {
            emit_right(rj, &mut rows, &mut moved_rows);
            rj += 1;
        }
        let (kind, ls, rs) = diff_words(&l[g.left.clone()], &r[g.right.clone()]);
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
    while li < l.len() {
        emit_left(li, &mut rows, &mut moved_rows);
        li += 1;
    }
    while rj < r.len() {
        emit_right(rj, &mut rows, &mut moved_rows);
        rj += 1;
    }
    for [a, b] in moved_rows {
        if let (Some(a), Some(b)) = (a, b) {
            rows[a].partner = Some(b);
            rows[b].partner = Some(a);
        }
    }

    match (left.credit, right.credit) {
        (Some(lc), Some(rc)) => {
            let lu = [Unit::new(lc, &mut interner)];
            let ru = [Unit::new(rc, &mut interner)];
            let (kind, ls, rs) = diff_words(&lu, &ru);
            rows.push(Row {
                kind,
                moved: false,
                unit: UnitKind::Credit,
                left: Some(ls),
                right: Some(rs),
                partner: None,
            });
        }
        (Some(lc), None) => rows.push(Row {
            kind: RowKind::Dropped,
            moved: false,
            unit: UnitKind::Credit,
            left: Some(vec![Segment {
                text: lc.to_string(),
                op: Op::Delete,
            }]),
            right: None,
            partner: None,
        }),
        (None, Some(rc)) => rows.push(Row {
            kind: RowKind::Added,
            moved: false,
            unit: UnitKind::Credit,
            left: None,
            right: Some(vec![Segment {
                text: rc.to_string(),
                op: Op::Insert,
            }]),
            partner: None,
        }),
        (None, None) => {}
    }

    let summary = summarise(&rows);
    Comparison {
        left: left_info,
        right: right_info,
        summary,
        rows,
    }
}

/// Counts the summary. Words are counted per segment, the new share's total
/// included, so a word a change boundary cuts in two (possible in text with
/// no spaces, such as `ZZ\0o\0Z`) counts the same way in both and the share
/// never passes 1.
fn summarise(rows: &[Row]) -> Summary {
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
    s.new_share = if right_words == 0 {
        0.0
    } else {
        s.added_words as f64 / right_words as f64
    };
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(a: &str, b: &str) -> Comparison {
        let info = || SideInfo {
            path: String::new(),
            title: String::new(),
            words: 0,
        };
        compare_docs(
            &Doc::plain(a),
            &Doc::plain(b),
            info(),
            info(),
            &CompareOptions::default(),
        )
    }

    fn kinds(c: &Comparison) -> Vec<(RowKind, bool)> {
        c.rows.iter().map(|r| (r.kind, r.moved)).collect()
    }

    #[test]
    fn summary_says_when_nothing_but_spelling_changed() {
        let same = "The council met on Monday. It voted to raise the levy.";
        assert_eq!(
            cmp(same, same).summary.line(),
            "the two bodies are the same"
        );
        let c = cmp(
            "The council met on Monday. It voted to organise a levy.",
            "The council met on Monday. It voted to organize a levy.",
        );
        assert_eq!(
            c.summary.line(),
            "the two bodies differ only in spelling, quotes or punctuation (1 sentence)"
        );
        let changed = cmp(same, "The council met on Monday. It voted to cut the levy.");
        assert!(changed.summary.line().starts_with("right adds 0 sentences"));
    }

    #[test]
    fn new_share_never_passes_one_when_a_change_cuts_a_word() {
        // No spaces: one word to a word counter, three tokens to the diff.
        let c = cmp("O", "ZZ\0\0o\u{fffd}\0Z");
        assert!(c.summary.added_words > 0);
        assert!(c.summary.new_share <= 1.0, "{}", c.summary.new_share);
    }

    #[test]
    fn variants_are_minor_not_changes() {
        let c = cmp(
            "The U.N. said the plan was favourable to 1,600 people. It \"works\".",
            "The UN said the plan was favorable to 1600 people. It “works”.",
        );
        assert_eq!(
            kinds(&c),
            vec![(RowKind::Minor, false), (RowKind::Minor, false)]
        );
        assert_eq!(c.summary.added_words, 0);
        let segs = c.rows[0].right.as_ref().unwrap();
        assert!(
            segs.iter()
                .any(|s| s.op == Op::Minor && s.text.contains("UN"))
        );
    }

    #[test]
    fn added_dropped_changed_and_moved() {
        let a = "Alpha beta gamma delta epsilon. Zeta eta theta iota kappa. Lambda mu nu xi omicron. Pi rho sigma tau upsilon.";
        let b = "Pi rho sigma tau upsilon. Alpha beta gamma delta epsilon phi. New words entirely here today. Lambda mu nu xi omicron.";
        let c = cmp(a, b);
        assert_eq!(c.summary.added_sentences, 1);
        assert_eq!(c.summary.dropped_sentences, 1);
        assert_eq!(c.summary.changed_sentences, 1);
        assert_eq!(c.summary.moved_sentences, 1);
        assert_eq!(c.summary.added_words, 5 + 1);
        let moved: Vec<&Row> = c.rows.iter().filter(|r| r.moved).collect();
        assert_eq!(moved.len(), 2);
        let p = moved[0].partner.unwrap();
        assert!(c.rows[p].moved);
    }

    #[test]
    fn unrelated_sentences_are_not_stitched() {
        let c = cmp(
            "Russia has invited the members of the council to the meeting, which the opposition has said it will boycott.",
            "The opposition has made similar accusations.",
        );
        assert_eq!(
            kinds(&c),
            vec![(RowKind::Dropped, false), (RowKind::Added, false)]
        );
    }

    #[test]
    fn split_sentence_pairs_as_a_group() {
        let c = cmp(
            "The council approved the bridge repair budget on Monday after inspectors found cracks in two piers.",
            "The council approved the bridge repair budget on Monday. Inspectors had found cracks in two piers.",
        );
        assert_eq!(c.rows.len(), 1, "{:#?}", c.rows);
        assert_eq!(c.rows[0].kind, RowKind::Changed);
    }

    #[test]
    fn segments_rebuild_the_sentences() {
        let a = "First one here. Second, with “quotes” — and dashes. Third!";
        let b = "Second, with \"quotes\" and dashes. First one there. Fourth?";
        let c = cmp(a, b);
        let side = |left: bool| -> String {
            c.rows
                .iter()
                .filter_map(|r| {
                    if left {
                        r.left.as_ref()
                    } else {
                        r.right.as_ref()
                    }
                })
                .map(|segs| segs.iter().map(|s| s.text.as_str()).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(side(true), a);
        assert_eq!(side(false), b);
    }
}
