//! Finding the versions of each story: near-duplicate detection tuned for rewritten
//! wire copy, and clustering that does not chain different stories together.
//!
//! 1. **Shingles.** Each article's body (and its headline, when it has a real one) is
//!    split into sentences and normalised words, as the comparison does; runs of
//!    `shingle` words inside a sentence are hashed. A count-min sketch of how many
//!    articles hold each shingle marks the very common ones (stock phrases,
//!    templates), which are left out of everything that follows.
//! 2. **Candidates.** Each article keeps the `sketch` smallest of its uncommon shingle
//!    hashes (a bottom-k MinHash sketch). Two articles sharing at least
//!    `min_shared_sketch` sketch values are candidates. Looking up shared values
//!    through an index keeps this far from all-pairs, and a bottom-k sketch finds
//!    pairs whose Jaccard similarity is well under 0.25, and short briefs of long
//!    stories, whose Jaccard is low but whose containment is high.
//! 3. **Verification** on exact material: the shared uncommon shingles must make up
//!    `min_containment` of the smaller article and be spread over at least
//!    `min_sentences` of its sentences (or be one long passage); when both have real
//!    headlines, these must
//!    share a word that is not common in headlines (templated notices differ there).
//! 4. **Clustering.** Verified pairs are merged strongest first, and two groups join
//!    only when most pairs across them are verified pairs: a follow-up that quotes
//!    two stories does not pull them into one.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use crate::article::{Article, ArticleId, DateOrigin, TitleRule};
use crate::text::{normalize, sentences, tokens};

/// Settings of the duplicate finder; the defaults suit news copy.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupOptions {
    /// Words per shingle.
    pub shingle: usize,
    /// Shingle hashes kept per article for finding candidates.
    pub sketch: usize,
    /// Sketch values two articles must share to be compared at all.
    pub min_shared_sketch: usize,
    /// A shingle is common, and ignored, when more articles than this hold it: a
    /// thousandth of the corpus, but never fewer than `common_min_articles` (small
    /// folders) nor more than `common_max_articles` (a phrase in fifty stories is a
    /// stock phrase however large the corpus).
    pub common_share: f64,
    /// Floor of the common-shingle threshold.
    pub common_min_articles: usize,
    /// Ceiling of the common-shingle threshold.
    pub common_max_articles: usize,
    /// Least share of the smaller article's shingles found in the other.
    pub min_containment: f64,
    /// Sketch values held by more articles than this are not used to find pairs,
    /// so stories with more versions than this (other than identical copies) may
    /// be split.
    pub max_versions: usize,
    /// Least number of shared shingles.
    pub min_shared: usize,
    /// Least number of the smaller article's sentences the shared shingles touch,
    /// unless they share at least `long_passage` shingles of one passage.
    pub min_sentences: usize,
    /// Least share of the smaller article's sentences the shared shingles touch.
    pub min_sentence_share: f64,
    /// Shared shingles that count as evidence however few sentences they touch.
    pub long_passage: usize,
    /// Least share of the smaller article's figures that the other has after the
    /// same two words, among those it has any figure after (when there are three or
    /// more; with one or two, one may differ).
    pub min_figures_agree: f64,
    /// Containment at which one pair is enough for an article to join a story
    /// (a brief, an update, a re-send); weaker pairs need most of the story.
    pub strong_containment: f64,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            shingle: 5,
            sketch: 32,
            min_shared_sketch: 2,
            common_share: 0.001,
            common_min_articles: 12,
            common_max_articles: 40,
            min_containment: 0.35,
            max_versions: 24,
            min_shared: 3,
            min_sentences: 2,
            min_sentence_share: 0.6,
            long_passage: 15,
            min_figures_agree: 0.6,
            strong_containment: 0.6,
        }
    }
}

/// The stage a clustering run is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Hashing shingles of every article.
    Shingling,
    /// Looking up articles that share sketch values.
    Candidates,
    /// Checking candidate pairs on their full shingle sets.
    Verifying,
    /// Grouping verified pairs into stories.
    Grouping,
}

/// Progress report: `done` of `total` in `phase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DedupProgress {
    /// Current stage.
    pub phase: Phase,
    /// Work done in this stage.
    pub done: usize,
    /// Work in this stage.
    pub total: usize,
}

/// A verified pair of versions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// One article.
    pub a: ArticleId,
    /// The other.
    pub b: ArticleId,
    /// Jaccard similarity of their uncommon shingles.
    pub similarity: f32,
    /// Share of the smaller one's shingles found in the other.
    pub containment: f32,
}

/// One story with several versions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cluster {
    /// Position in [`Clusters::clusters`].
    pub id: u32,
    /// Versions, earliest first when all dates are known, else longest first.
    pub members: Vec<ArticleId>,
    /// For each member, the share of its shingles no other version has.
    pub unique_share: Vec<f32>,
    /// Verified pairs among the members.
    pub edges: Vec<Edge>,
}

impl Cluster {
    /// Similarity of two members, if they were verified as a pair.
    pub fn similarity(&self, a: ArticleId, b: ArticleId) -> Option<&Edge> {
        self.edges
            .iter()
            .find(|e| (e.a == a && e.b == b) || (e.a == b && e.b == a))
    }
}

/// The stories of a store: clusters of versions and each article's place in them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// Stories with two or more versions, most versions first.
    pub clusters: Vec<Cluster>,
    of_article: Vec<u32>,
    closest: Vec<Option<ArticleId>>,
}

impl Clusters {
    /// The story an article belongs to, if it has other versions.
    pub fn cluster_of(&self, id: ArticleId) -> Option<&Cluster> {
        let c = *self.of_article.get(id as usize)?;
        self.clusters.get(c as usize)
    }

    /// The article's closest other version.
    pub fn closest(&self, id: ArticleId) -> Option<ArticleId> {
        self.closest.get(id as usize).copied().flatten()
    }

    /// How many versions the article's story has (1 when it has no other).
    pub fn versions(&self, id: ArticleId) -> usize {
        self.cluster_of(id).map_or(1, |c| c.members.len())
    }

    /// How many articles (ids `0..n`) the clustering looked at.
    pub fn articles_seen(&self) -> usize {
        self.of_article.len()
    }

    /// Number of articles in stories with more than one version.
    pub fn clustered_articles(&self) -> usize {
        self.clusters.iter().map(|c| c.members.len()).sum()
    }
}

/// A count-min sketch of how many articles hold each hash, two rows of saturating
/// 8-bit counters; it overestimates when hashes collide.
struct DocCounts {
    rows: [Vec<AtomicU8>; 2],
    bits: u32,
}

impl DocCounts {
    fn new(expected: usize) -> Self {
        let bits = (expected.max(1) * 4)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(12, 26);
        let row = || (0..1usize << bits).map(|_| AtomicU8::new(0)).collect();
        DocCounts {
            rows: [row(), row()],
            bits,
        }
    }

    fn slots(&self, h: u32) -> [usize; 2] {
        let a = (h.wrapping_mul(0x9E37_79B1) >> (32 - self.bits)) as usize;
        let b = (h.rotate_left(16).wrapping_mul(0x85EB_CA77) >> (32 - self.bits)) as usize;
        [a, b]
    }

    fn add(&self, h: u32) {
        for (row, slot) in self.rows.iter().zip(self.slots(h)) {
            // A plain load and store, not a locked read-modify-write: two threads
            // bumping one counter at the same instant may lose one count, which
            // only makes a shingle look a little rarer than it is.
            let v = row[slot].load(Ordering::Relaxed);
            if v < u8::MAX {
                row[slot].store(v + 1, Ordering::Relaxed);
            }
        }
    }

    fn get(&self, h: u32) -> usize {
        let [a, b] = self.slots(h);
        let x = self.rows[0][a].load(Ordering::Relaxed);
        let y = self.rows[1][b].load(Ordering::Relaxed);
        x.min(y) as usize
    }
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The shingles of an article: (hash, sentence index), sorted by hash, one entry
/// per hash (its first sentence); how many sentences it has; and its figures.
struct Material {
    shingles: Vec<(u32, u16)>,
    sentences: usize,
    /// Figures in context: (hash of the two words before, hash of the figure),
    /// sorted.
    numbers: Vec<(u32, u32)>,
    /// The dateline's date as a day of the year (`WASHINGTON, Feb 26 -`), if any.
    dateline_day: Option<u16>,
    /// Whether the article is a headline without a body.
    body_empty: bool,
}

fn has_real_headline(a: &Article) -> bool {
    !matches!(a.title_rule, TitleRule::Lead | TitleRule::FileName)
}

/// Hashes of normalised words, remembered by the raw word's hash: the same words
/// recur all through a corpus, and normalising is the costly part.
struct WordHashes {
    cache: HashMap<u64, u64, std::hash::BuildHasherDefault<KeyIsHash>>,
    buf: String,
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct KeyIsHash(u64);

impl std::hash::Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl WordHashes {
    fn new() -> Self {
        WordHashes {
            cache: HashMap::default(),
            buf: String::new(),
        }
    }

    fn of(&mut self, raw: &str) -> u64 {
        let key = xxhash_rust::xxh3::xxh3_64(raw.as_bytes());
        if let Some(&h) = self.cache.get(&key) {
            return h;
        }
        normalize::word_into(raw, &mut self.buf);
        let h = xxhash_rust::xxh3::xxh3_64(self.buf.as_bytes());
        if self.cache.len() >= 1 << 18 {
            self.cache.clear();
        }
        self.cache.insert(key, h);
        h
    }
}

fn material(a: &Article, k: usize, words_cache: &mut WordHashes) -> Material {
    let mut shingles = Vec::with_capacity(a.words as usize + 8);
    let mut words: Vec<u64> = Vec::with_capacity(64);
    let mut sentence = 0u16;
    let mut numbers: Vec<(u32, u32)> = Vec::new();
    let mut add_sentence = |text: &str, shingles: &mut Vec<(u32, u16)>, cache: &mut WordHashes| {
        words.clear();
        tokens::for_each(text, |r| {
            let raw = &text[r];
            let h = cache.of(raw);
            if raw.bytes().any(|b| b.is_ascii_digit()) {
                let n = words.len();
                let before = mix(words[n.saturating_sub(2)..]
                    .iter()
                    .fold(0x5eed, |acc, &w| mix(acc ^ w)));
                numbers.push(((before >> 32) as u32, (h >> 32) as u32));
            }
            words.push(h);
        });
        if words.is_empty() {
            return;
        }
        // A polynomial rolling hash over the window, mixed once per shingle.
        const P: u64 = 0x100_0000_01b3;
        let width = k.min(words.len());
        let top = (1..width).fold(1u64, |acc, _| acc.wrapping_mul(P));
        let mut h = 0u64;
        for (i, &x) in words.iter().enumerate() {
            if i >= width {
                h = h.wrapping_sub(words[i - width].wrapping_mul(top));
            }
            h = h.wrapping_mul(P).wrapping_add(x);
            if i + 1 >= width {
                shingles.push(((mix(h) >> 32) as u32, sentence));
            }
        }
        sentence = sentence.saturating_add(1);
    };
    if has_real_headline(a) {
        add_sentence(&a.title, &mut shingles, words_cache);
    }
    for p in a.paragraphs() {
        for r in sentences::split(p) {
            add_sentence(&p[r], &mut shingles, words_cache);
        }
    }
    let dateline_day = a.dateline_text.as_deref().and_then(day_of_year);
    // One entry per hash, keeping the earliest sentence.
    shingles.sort_unstable();
    shingles.dedup_by_key(|s| s.0);
    numbers.sort_unstable();
    numbers.dedup();
    Material {
        shingles,
        sentences: usize::from(sentence),
        numbers,
        dateline_day,
        body_empty: a.body.is_empty(),
    }
}

/// The day of the year of a dateline such as `WASHINGTON, Feb 26 -` (months taken
/// as 31 days: only differences of a few days matter).
fn day_of_year(dateline: &str) -> Option<u16> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<String> = dateline
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month = words
        .iter()
        .position(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)))?;
    let m = MONTHS.iter().position(|x| words[month].starts_with(x))? as u16;
    let day: u16 = words
        .iter()
        .skip(month + 1)
        .chain(words.iter().take(month))
        .find_map(|w| w.parse().ok().filter(|d| (1..=31).contains(d)))?;
    Some(m * 31 + day)
}

/// Jaccard similarity estimated from two bottom-k sketches (sorted ascending): the
/// share of the k smallest values of their union that both hold.
fn sketch_jaccard(a: &[u32], b: &[u32], k: usize) -> f64 {
    let (mut i, mut j, mut seen, mut both) = (0, 0, 0usize, 0usize);
    while seen < k && (i < a.len() || j < b.len()) {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), None) => i += 1,
            _ => j += 1,
        }
        seen += 1;
    }
    if seen == 0 {
        0.0
    } else {
        both as f64 / seen as f64
    }
}

/// Finds the stories with several versions among `articles` (ids must equal
/// positions), reporting progress as it goes.
pub fn cluster(
    articles: &[Article],
    opts: &DedupOptions,
    progress: &(dyn Fn(DedupProgress) + Sync),
) -> Clusters {
    cluster_keeping(articles, opts, progress).0
}

/// What a clustering keeps so that articles that come later are set against the
/// ones already there, not the whole folder read again: each article's sketch,
/// the shingle counts, and the verified pairs.
pub struct Signatures {
    counts: DocCounts,
    cap: usize,
    /// Uncommon sketch values per article id (none for copies and removed ones).
    sketches: Vec<Vec<u32>>,
    /// Shingles per article id.
    sizes: Vec<u32>,
    /// The first article with each body, by body hash.
    body_first: HashMap<u64, u32>,
    /// Every verified pair, copies included.
    edges: Vec<Edge>,
}

/// Like [`cluster`], and keeps what [`update`] needs.
pub fn cluster_keeping(
    articles: &[Article],
    opts: &DedupOptions,
    progress: &(dyn Fn(DedupProgress) + Sync),
) -> (Clusters, Signatures) {
    let n = articles.len();
    let k = opts.shingle.max(1);
    let report = |phase, done, total| {
        progress(DedupProgress { phase, done, total });
    };

    // 0. Identical bodies (syndicated copies, re-sends) collapse onto their first
    //    article, so that a story printed a hundred times is not mistaken for a
    //    stock phrase, and is compared once.
    let body_hashes: Vec<u64> = articles
        .par_iter()
        .map(|a| xxhash_rust::xxh3::xxh3_64(a.body.as_bytes()))
        .collect();
    let mut first_with: HashMap<u64, u32> = HashMap::with_capacity(n);
    let rep: Vec<u32> = (0..n)
        .map(|d| {
            if articles[d].body.is_empty() {
                return d as u32;
            }
            *first_with.entry(body_hashes[d]).or_insert(d as u32)
        })
        .collect();
    drop(body_hashes);
    let reps: Vec<u32> = (0..n as u32).filter(|&d| rep[d as usize] == d).collect();

    // 1. Shingles: count articles per shingle, keep each article's smallest hashes.
    let total_words: usize = reps
        .iter()
        .map(|&d| articles[d as usize].words as usize + 8)
        .sum();
    let counts = DocCounts::new(total_words);
    let keep = opts.sketch.max(1) * 2;
    let done = AtomicUsize::new(0);
    let raw: Vec<(Vec<u32>, u32)> = reps
        .par_chunks(2048)
        .flat_map_iter(|part| {
            let mut cache = WordHashes::new();
            let out: Vec<(Vec<u32>, u32)> = part
                .iter()
                .map(|&d| {
                    let m = material(&articles[d as usize], k, &mut cache);
                    for &(h, _) in &m.shingles {
                        counts.add(h);
                    }
                    // Sorted by hash already: the smallest come first.
                    let sketch = m.shingles.iter().take(keep).map(|s| s.0).collect();
                    (sketch, m.shingles.len() as u32)
                })
                .collect();
            let d = done.fetch_add(part.len(), Ordering::Relaxed) + part.len();
            report(Phase::Shingling, d, reps.len());
            out
        })
        .collect();
    let cap = ((n as f64 * opts.common_share).ceil() as usize).clamp(
        opts.common_min_articles,
        opts.common_max_articles.max(opts.common_min_articles),
    );
    let common = |h: u32| counts.get(h) > cap;

    // 2. Candidates: articles sharing sketch values, found through an index.
    report(Phase::Candidates, 0, reps.len());
    let (sketches, sizes): (Vec<Vec<u32>>, Vec<u32>) = raw
        .into_par_iter()
        .map(|(s, size)| {
            let kept: Vec<u32> = s
                .into_iter()
                .filter(|&h| !common(h))
                .take(opts.sketch)
                .collect();
            (kept, size)
        })
        .unzip();
    // (value, index into `reps`), sorted by value: the articles holding each value.
    let mut entries: Vec<(u32, u32)> = sketches
        .iter()
        .enumerate()
        .flat_map(|(r, s)| s.iter().map(move |&h| (h, r as u32)))
        .collect();
    entries.par_sort_unstable();
    // A value held by many articles is a name or phrase of a topic, not of a story;
    // pairs are looked up only through values a few articles hold. Each article
    // gets the list of such value groups it is in, so no lookup searches.
    let group_cap = opts.max_versions;
    let mut member_of: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let mut j = i;
        while j < entries.len() && entries[j].0 == entries[i].0 {
            j += 1;
        }
        if (2..=group_cap).contains(&(j - i)) {
            member_of.extend(entries[i..j].iter().map(|e| (e.1, i as u32)));
        }
        i = j;
    }
    member_of.par_sort_unstable();
    let group_len = |start: u32| {
        let h = entries[start as usize].0;
        entries[start as usize..]
            .iter()
            .take_while(|e| e.0 == h)
            .count()
    };
    let mut doc_start = vec![0u32; reps.len() + 1];
    for &(r, _) in &member_of {
        doc_start[r as usize + 1] += 1;
    }
    for r in 0..reps.len() {
        doc_start[r + 1] += doc_start[r];
    }
    let candidates: Vec<(u32, u32)> = (0..reps.len())
        .into_par_iter()
        .flat_map_iter(|r| {
            let mut others: Vec<u32> = Vec::new();
            for &(_, start) in &member_of[doc_start[r] as usize..doc_start[r + 1] as usize] {
                let len = group_len(start);
                others.extend(
                    entries[start as usize..start as usize + len]
                        .iter()
                        .map(|e| e.1)
                        .filter(|&o| o as usize > r),
                );
            }
            // Each value lists an article once, so repeats count shared values.
            others.sort_unstable();
            let mut pairs = Vec::new();
            let mut i = 0;
            while i < others.len() {
                let o = others[i];
                let mut j = i;
                while j < others.len() && others[j] == o {
                    j += 1;
                }
                if j - i >= opts.min_shared_sketch {
                    // Containment estimated from the sketches and the sizes spares
                    // exact checks of hopeless pairs.
                    let jac = sketch_jaccard(&sketches[r], &sketches[o as usize], opts.sketch);
                    let (x, y) = (
                        f64::from(sizes[r].max(1)),
                        f64::from(sizes[o as usize].max(1)),
                    );
                    let containment = jac * (x + y) / ((1.0 + jac) * x.min(y));
                    if containment >= opts.min_containment * 0.7 {
                        pairs.push((r as u32, o));
                    }
                }
                i = j;
            }
            pairs.into_iter()
        })
        .collect();
    drop(member_of);
    drop(entries);
    let mut kept_sketches = vec![Vec::new(); n];
    let mut kept_sizes = vec![0u32; n];
    for ((&d, sketch), size) in reps.iter().zip(sketches).zip(sizes) {
        kept_sketches[d as usize] = sketch;
        kept_sizes[d as usize] = size;
    }

    // 3. Verification on full shingle sets, each article's material built once per
    //    batch of pairs that start with it.
    let mut by_first: Vec<(u32, Vec<u32>)> = Vec::new();
    for (a, b) in candidates {
        match by_first.last_mut() {
            Some((x, list)) if *x == a => list.push(b),
            _ => by_first.push((a, vec![b])),
        }
    }
    let total_firsts = by_first.len();
    let done = AtomicUsize::new(0);
    let mut edges: Vec<Edge> = by_first
        .par_iter()
        .map_init(WordHashes::new, |cache, (ra, others)| {
            let a = reps[*ra as usize];
            let ma = uncommon(material(&articles[a as usize], k, cache), &common);
            let mut out = Vec::new();
            for &rb in others {
                let b = reps[rb as usize];
                let mb = uncommon(material(&articles[b as usize], k, cache), &common);
                if let Some(e) = verify(a, &ma, b, &mb, opts) {
                    out.push(e);
                }
            }
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            if d.is_multiple_of(1024) || d == total_firsts {
                report(Phase::Verifying, d, total_firsts);
            }
            out
        })
        .flatten()
        .collect();

    // 4. Grouping, over one article per body; the copies then join their original.
    report(Phase::Grouping, 0, 1);
    let mut groups = group(&edges, opts.strong_containment);
    let mut copies: HashMap<u32, Vec<u32>> = HashMap::new();
    for d in 0..n as u32 {
        if rep[d as usize] != d {
            copies.entry(rep[d as usize]).or_default().push(d);
        }
    }
    let grouped: HashSet<u32> = groups.iter().flatten().copied().collect();
    for g in &mut groups {
        let extra: Vec<u32> = g
            .iter()
            .filter_map(|r| copies.get(r))
            .flatten()
            .copied()
            .collect();
        g.extend(extra);
    }
    for (&r, list) in &copies {
        if !grouped.contains(&r) {
            groups.push(std::iter::once(r).chain(list.iter().copied()).collect());
        }
        for &c in list {
            edges.push(Edge {
                a: r,
                b: c,
                similarity: 1.0,
                containment: 1.0,
            });
        }
    }
    let clusters = assemble(articles, groups, &edges, k, &common);
    report(Phase::Grouping, 1, 1);
    let signatures = Signatures {
        counts,
        cap,
        sketches: kept_sketches,
        sizes: kept_sizes,
        body_first: first_with,
        edges,
    };
    (clusters, signatures)
}

/// Turns groups of ids into numbered stories, with their own pairs, versions in
/// order, and each article's story and closest version.
fn assemble(
    articles: &[Article],
    groups: Vec<Vec<ArticleId>>,
    edges: &[Edge],
    k: usize,
    common: &(impl Fn(u32) -> bool + Sync),
) -> Clusters {
    let n = articles.len();
    let mut group_of: HashMap<u32, usize> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            group_of.insert(m, g);
        }
    }
    let mut own_edges: Vec<Vec<Edge>> = vec![Vec::new(); groups.len()];
    for e in edges {
        if let (Some(&x), Some(&y)) = (group_of.get(&e.a), group_of.get(&e.b))
            && x == y
        {
            own_edges[x].push(*e);
        }
    }
    let mut clusters: Vec<Cluster> = groups
        .into_par_iter()
        .zip(own_edges)
        .map_init(WordHashes::new, |cache, (members, own)| {
            finish_cluster(articles, members, own, k, common, cache)
        })
        .collect();
    clusters.sort_by(|x, y| {
        y.members
            .len()
            .cmp(&x.members.len())
            .then(x.members[0].cmp(&y.members[0]))
    });
    let mut of_article = vec![u32::MAX; n];
    let mut closest = vec![None; n];
    for (i, c) in clusters.iter_mut().enumerate() {
        c.id = i as u32;
        for &m in &c.members {
            of_article[m as usize] = i as u32;
            let best = c
                .edges
                .iter()
                .filter(|e| e.a == m || e.b == m)
                .max_by(|x, y| x.similarity.total_cmp(&y.similarity))
                .map(|e| if e.a == m { e.b } else { e.a });
            closest[m as usize] = best.or_else(|| c.members.iter().copied().find(|&o| o != m));
        }
    }
    Clusters {
        clusters,
        of_article,
        closest,
    }
}

/// Sets articles that came after a clustering (`added`, ids at the end of
/// `articles`) against the kept sketches, forgets `removed` ones, and groups the
/// verified pairs again. Costs a pass over the kept sketches plus the checks of
/// the new articles' candidates, not a clustering of the whole folder.
pub fn update(
    articles: &[Article],
    sig: &mut Signatures,
    added: &[ArticleId],
    removed: &[ArticleId],
    opts: &DedupOptions,
) -> Clusters {
    let n = articles.len();
    let k = opts.shingle.max(1);
    let gone: HashSet<u32> = removed.iter().copied().collect();
    sig.sketches.resize(n, Vec::new());
    sig.sizes.resize(n, 0);
    for &r in removed {
        if let Some(s) = sig.sketches.get_mut(r as usize) {
            s.clear();
        }
    }
    // Copies of a removed article had no sketch of their own (they were compared
    // through it): they are read again as if new.
    let orphans: Vec<u32> = sig
        .edges
        .iter()
        .filter(|e| e.similarity >= 1.0 && gone.contains(&e.a) && !gone.contains(&e.b))
        .map(|e| e.b)
        .collect();
    let added: Vec<u32> = orphans.into_iter().chain(added.iter().copied()).collect();
    sig.edges
        .retain(|e| !gone.contains(&e.a) && !gone.contains(&e.b));
    sig.body_first.retain(|_, first| !gone.contains(first));

    // Copies of a body already there pair with it; the others get a sketch.
    let keep = opts.sketch.max(1) * 2;
    let mut fresh: Vec<u32> = Vec::new();
    let mut cache = WordHashes::new();
    for &d in &added {
        let a = &articles[d as usize];
        if !a.body.is_empty() {
            let h = xxhash_rust::xxh3::xxh3_64(a.body.as_bytes());
            match sig.body_first.get(&h) {
                Some(&first) if first != d => {
                    sig.edges.push(Edge {
                        a: first,
                        b: d,
                        similarity: 1.0,
                        containment: 1.0,
                    });
                    continue;
                }
                _ => {
                    sig.body_first.insert(h, d);
                }
            }
        }
        let m = material(a, k, &mut cache);
        for &(h, _) in &m.shingles {
            sig.counts.add(h);
        }
        let cap = sig.cap;
        let counts = &sig.counts;
        sig.sketches[d as usize] = m
            .shingles
            .iter()
            .take(keep)
            .map(|s| s.0)
            .filter(|&h| counts.get(h) <= cap)
            .take(opts.sketch)
            .collect();
        sig.sizes[d as usize] = m.shingles.len() as u32;
        fresh.push(d);
    }
    let cap = sig.cap;
    let counts = &sig.counts;
    let common = |h: u32| counts.get(h) > cap;

    // Candidates: every kept sketch that shares enough values with a new one.
    let mut holders: HashMap<u32, Vec<u32>> = HashMap::new();
    for &d in &fresh {
        for &h in &sig.sketches[d as usize] {
            holders.entry(h).or_default().push(d);
        }
    }
    let fresh_set: HashSet<u32> = fresh.iter().copied().collect();
    let sketches = &sig.sketches;
    let sizes = &sig.sizes;
    let candidates: Vec<(u32, u32)> = (0..n as u32)
        .into_par_iter()
        .filter(|x| !sketches[*x as usize].is_empty())
        .flat_map_iter(|x| {
            let mut shared: HashMap<u32, usize> = HashMap::new();
            for h in &sketches[x as usize] {
                for &d in holders.get(h).into_iter().flatten() {
                    // A pair of two new articles is counted from its smaller id.
                    if d != x && (!fresh_set.contains(&x) || x < d) {
                        *shared.entry(d).or_default() += 1;
                    }
                }
            }
            shared
                .into_iter()
                .filter(|&(_, c)| c >= opts.min_shared_sketch)
                .filter(move |&(d, _)| {
                    let jac =
                        sketch_jaccard(&sketches[x as usize], &sketches[d as usize], opts.sketch);
                    let (p, q) = (
                        f64::from(sizes[x as usize].max(1)),
                        f64::from(sizes[d as usize].max(1)),
                    );
                    jac * (p + q) / ((1.0 + jac) * p.min(q)) >= opts.min_containment * 0.7
                })
                .map(move |(d, _)| (x, d))
                .collect::<Vec<_>>()
        })
        .collect();
    let verified: Vec<Edge> = candidates
        .par_iter()
        .map_init(WordHashes::new, |cache, &(a, b)| {
            let ma = uncommon(material(&articles[a as usize], k, cache), &common);
            let mb = uncommon(material(&articles[b as usize], k, cache), &common);
            verify(a, &ma, b, &mb, opts)
        })
        .flatten()
        .collect();
    sig.edges.extend(verified);
    let groups = group(&sig.edges, opts.strong_containment);
    assemble(articles, groups, &sig.edges, k, &common)
}

/// The material without common shingles.
fn uncommon(mut m: Material, common: &impl Fn(u32) -> bool) -> Material {
    m.shingles.retain(|s| !common(s.0));
    m
}

/// Decides whether two articles are versions of one story.
fn verify(a: u32, ma: &Material, b: u32, mb: &Material, opts: &DedupOptions) -> Option<Edge> {
    let (sa, sb) = (&ma.shingles, &mb.shingles);
    if sa.is_empty() || sb.is_empty() {
        return None;
    }
    let small_is_a = sa.len() <= sb.len();
    let mut shared = 0usize;
    let mut touched: Vec<u16> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < sa.len() && j < sb.len() {
        match sa[i].0.cmp(&sb[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                touched.push(if small_is_a { sa[i].1 } else { sb[j].1 });
                i += 1;
                j += 1;
            }
        }
    }
    let smaller = sa.len().min(sb.len());
    let containment = shared as f64 / smaller as f64;
    let similarity = shared as f64 / (sa.len() + sb.len() - shared) as f64;
    touched.sort_unstable();
    touched.dedup();
    let (small, small_total) = if small_is_a {
        (sa, ma.sentences)
    } else {
        (sb, mb.sentences)
    };
    let informative = {
        let mut ids: Vec<u16> = small.iter().map(|x| x.1).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    // Shared material must reach across the smaller article: at least
    // `min_sentences` of its sentences, and most of those that hold anything
    // uncommon, short of a long shared passage. Two stories on one topic share a
    // stock sentence with its names; versions share their substance.
    let needed = opts
        .min_sentences
        .max((informative as f64 * opts.min_sentence_share).ceil() as usize)
        .min(small_total);
    let spread = touched.len() >= needed.max(1) || shared >= opts.long_passage;
    if shared < opts.min_shared || containment < opts.min_containment || !spread {
        return None;
    }
    // Versions agree on their figures where the words around them agree (a re-send
    // corrects one); a daily report, or a company's notice for another quarter,
    // says "rose to" and "a share" with other figures after them.
    let (small_m, other_m) = if small_is_a { (ma, mb) } else { (mb, ma) };
    let mut agree = 0usize;
    let mut differ = 0usize;
    for &(context, figure) in &small_m.numbers {
        let from = other_m.numbers.partition_point(|n| n.0 < context);
        let same_context = &other_m.numbers[from..];
        let same_context = &same_context[..same_context.partition_point(|n| n.0 == context)];
        if same_context.is_empty() {
            continue;
        }
        if same_context.iter().any(|n| n.1 == figure) {
            agree += 1;
        } else {
            differ += 1;
        }
    }
    let figures = agree + differ;
    let figures_ok = if figures >= 3 {
        agree as f64 >= figures as f64 * opts.min_figures_agree
    } else {
        differ <= 1
    };
    if !figures_ok {
        return None;
    }
    // One sentence cannot show spread: it must be mostly in the other.
    if informative <= 1 && containment < opts.strong_containment {
        return None;
    }
    // Reports filed days apart are different stories, however alike.
    if let (Some(x), Some(y)) = (ma.dateline_day, mb.dateline_day)
        && x.abs_diff(y) > 2
    {
        return None;
    }
    // A flash (headline only) is a version only of a story with that headline.
    if (ma.body_empty || mb.body_empty) && containment < 0.9 {
        return None;
    }
    Some(Edge {
        a,
        b,
        similarity: similarity as f32,
        containment: containment as f32,
    })
}

/// Merges verified pairs strongest first. Two groups join only when more than half
/// of the pairs across them are verified; a single article also joins on one strong
/// pair (a brief or an update of one version need not match every rewrite).
fn group(edges: &[Edge], strong: f64) -> Vec<Vec<ArticleId>> {
    let mut order: Vec<usize> = (0..edges.len()).collect();
    order.sort_by(|&x, &y| {
        edges[y]
            .similarity
            .total_cmp(&edges[x].similarity)
            .then((edges[x].a, edges[x].b).cmp(&(edges[y].a, edges[y].b)))
    });
    let linked: HashSet<(u32, u32)> = edges.iter().map(|e| (e.a.min(e.b), e.a.max(e.b))).collect();
    let mut group_of: HashMap<u32, usize> = HashMap::new();
    let mut groups: Vec<Vec<u32>> = Vec::new();
    for k in order {
        let e = edges[k];
        let ga = group_of.get(&e.a).copied();
        let gb = group_of.get(&e.b).copied();
        match (ga, gb) {
            (None, None) => {
                group_of.insert(e.a, groups.len());
                group_of.insert(e.b, groups.len());
                groups.push(vec![e.a, e.b]);
            }
            (Some(g), None) | (None, Some(g)) => {
                let new = if ga.is_some() { e.b } else { e.a };
                if f64::from(e.containment) >= strong || majority(&groups[g], &[new], &linked) {
                    group_of.insert(new, g);
                    groups[g].push(new);
                }
            }
            (Some(x), Some(y)) if x != y && majority(&groups[x], &groups[y], &linked) => {
                let moved = std::mem::take(&mut groups[y]);
                for &m in &moved {
                    group_of.insert(m, x);
                }
                groups[x].extend(moved);
            }
            _ => {}
        }
    }
    groups.into_iter().filter(|g| g.len() >= 2).collect()
}

/// Whether more than half of the pairs across `x` and `y` are verified pairs.
fn majority(x: &[u32], y: &[u32], linked: &HashSet<(u32, u32)>) -> bool {
    let mut yes = 0usize;
    for &a in x {
        for &b in y {
            yes += usize::from(linked.contains(&(a.min(b), a.max(b))));
        }
    }
    yes * 2 > x.len() * y.len()
}

fn finish_cluster(
    articles: &[Article],
    mut members: Vec<ArticleId>,
    mut own: Vec<Edge>,
    k: usize,
    common: &(impl Fn(u32) -> bool + Sync),
    cache: &mut WordHashes,
) -> Cluster {
    let dated = members
        .iter()
        .all(|&m| articles[m as usize].date_origin == DateOrigin::Metadata);
    members.sort_by(|&x, &y| {
        let (a, b) = (&articles[x as usize], &articles[y as usize]);
        let by_date = if dated {
            a.date.cmp(&b.date)
        } else {
            std::cmp::Ordering::Equal
        };
        by_date.then(b.words.cmp(&a.words)).then(x.cmp(&y))
    });
    let sets: Vec<Vec<u32>> = members
        .iter()
        .map(|&m| {
            let mat = uncommon(material(&articles[m as usize], k, cache), common);
            mat.shingles.iter().map(|s| s.0).collect()
        })
        .collect();
    let unique_share = sets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.is_empty() {
                return 0.0;
            }
            let unique = s
                .iter()
                .filter(|h| {
                    sets.iter()
                        .enumerate()
                        .all(|(j, o)| j == i || o.binary_search(h).is_err())
                })
                .count();
            unique as f32 / s.len() as f32
        })
        .collect();
    own.sort_by_key(|e| (e.a, e.b));
    Cluster {
        id: 0,
        members,
        unique_share,
        edges: own,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_never_underestimate_and_saturate() {
        let c = DocCounts::new(1000);
        for _ in 0..300 {
            c.add(7);
        }
        c.add(8);
        assert_eq!(c.get(7), 255);
        assert!(c.get(8) >= 1);
        assert!(c.get(9) <= 1);
    }

    #[test]
    fn dateline_days() {
        assert_eq!(day_of_year("WASHINGTON, Feb 26 -"), Some(31 + 26));
        assert_eq!(
            day_of_year("OSTER VALE, April 14 (Northwire) -"),
            Some(3 * 31 + 14)
        );
        assert_eq!(day_of_year("PARIS (Reuters) -"), None);
        assert_eq!(day_of_year("LONDON, 26 March -"), Some(2 * 31 + 26));
    }

    #[test]
    fn majority_linkage_refuses_chains() {
        let e = |a, b, similarity, containment| Edge {
            a,
            b,
            similarity,
            containment,
        };
        // 0-1 and 1-2 are weak pairs, 0-2 is none: a follow-up (1) quoting two stories.
        let groups = group(&[e(0, 1, 0.5, 0.5), e(1, 2, 0.4, 0.45)], 0.6);
        assert_eq!(groups, vec![vec![0, 1]]);
        // A story with three versions all paired stays whole.
        let groups = group(
            &[e(0, 1, 0.5, 0.5), e(1, 2, 0.45, 0.5), e(0, 2, 0.4, 0.4)],
            0.6,
        );
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 3);
        // A brief contained in one version joins without matching the others.
        let groups = group(&[e(0, 1, 0.5, 0.5), e(1, 2, 0.2, 0.95)], 0.6);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 3);
    }
}

/// What two articles share, measured on all their shingles (no corpus statistics):
/// for explaining a grouping, or the lack of one.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PairEvidence {
    /// Shingles in both.
    pub shared: usize,
    /// Shingles of the first.
    pub left: usize,
    /// Shingles of the second.
    pub right: usize,
    /// Sentences of the smaller one that the shared shingles touch.
    pub sentences: usize,
}

/// Measures what `a` and `b` share.
pub fn evidence(a: &Article, b: &Article, opts: &DedupOptions) -> PairEvidence {
    let mut cache = WordHashes::new();
    let ma = material(a, opts.shingle.max(1), &mut cache);
    let mb = material(b, opts.shingle.max(1), &mut cache);
    let small_is_a = ma.shingles.len() <= mb.shingles.len();
    let other: HashSet<u32> = if small_is_a { &mb } else { &ma }
        .shingles
        .iter()
        .map(|s| s.0)
        .collect();
    let small = if small_is_a { &ma } else { &mb };
    let mut touched: Vec<u16> = small
        .shingles
        .iter()
        .filter(|s| other.contains(&s.0))
        .map(|s| s.1)
        .collect();
    let shared = touched.len();
    touched.sort_unstable();
    touched.dedup();
    PairEvidence {
        shared,
        left: ma.shingles.len(),
        right: mb.shingles.len(),
        sentences: touched.len(),
    }
}
