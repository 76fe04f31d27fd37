//! Fuzzy headline search that keeps up with typing on very large folders.
//!
//! Matching is fuzzy like fzf (`mnutd` finds "Man Utd"): each word of the query must
//! appear in the headline as a subsequence, words in any order. A capital in the
//! query makes it case-sensitive (smart case); accents never matter (`Zurich`
//! finds `Zürich`). Scores and matched positions come from `fuzzy-matcher`'s
//! SkimMatcherV2, one word at a time, summed, less a point for every 32 characters
//! of headline (so that of two headlines matched alike the shorter comes first).
//!
//! Speed comes from doing the expensive part only where it pays:
//! 1. a 64-bit character-set mask per headline rejects most non-matches in one
//!    comparison, and a subsequence scan over a lower-case, accent-free copy gives
//!    the exact set of matches;
//! 2. a query that extends the previous one searches only the previous matches;
//! 3. scoring runs in parallel; for very large match sets (a first keystroke on a
//!    million headlines) [`SearchIndex::rank_top`] scores exactly only the best
//!    candidates by a cheap estimate, and [`SearchIndex::rank`] ranks them all.

use std::cmp::Ordering;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::article::{Article, ArticleId};
use crate::columns::Columns;
use crate::date::Date;
use crate::prefetch::prefetch;

/// Headline characters that cost one point of score.
const LENGTH_PER_POINT: usize = 32;

/// Below this many candidates, work is done on one thread.
const PARALLEL_FROM: usize = 4096;

/// Up to how many headlines the quick first page follows a word's letters by
/// word starts as well as from the left.
const STARTS_UP_TO: usize = 120_000;

/// One character with its accent removed, as a single character.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    c.nfd().find(|d| !is_combining_mark(*d)).unwrap_or(c)
}

fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Accent-free text, one character per character of `s` so positions carry over.
pub(crate) fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Accent-free lower-case text, one character per character of `s`.
pub(crate) fn fold_lower(s: &str) -> String {
    s.chars().map(|c| lower_char(fold_char(c))).collect()
}

/// The bit a character sets in a character-set mask.
fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        c => 1 << (36 + (c as u32 % 28)),
    }
}

/// [`char_bit`] of every ASCII byte, lowered first.
const ASCII_BITS: [u64; 128] = {
    let mut t = [0u64; 128];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        t[b] = match c {
            b'a'..=b'z' => 1 << (c - b'a'),
            b'0'..=b'9' => 1 << (26 + c - b'0'),
            c => 1 << (36 + (c as u32 % 28)),
        };
        b += 1;
    }
    t
};

pub(crate) fn mask_of(lower: &str) -> u64 {
    lower.chars().fold(0, |m, c| m | char_bit(c))
}

mod query;

pub use query::{Query, SYNTAX, Term, TermKind};

/// A scored match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The article.
    pub id: ArticleId,
    /// SkimMatcherV2's score summed over the query's words, less one point per 32
    /// characters of headline.
    pub score: i64,
}

/// The search index over every headline of a store. Everything a keystroke scans
/// lies in flat arrays, so that a million headlines are read front to back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    /// Character-set mask per headline.
    masks: Vec<u64>,
    /// Accent-free lower-case headlines, end to end.
    lower: String,
    /// Where each headline starts in `lower`; one more entry than headlines.
    starts: Vec<u32>,
    /// Characters per headline, for the length penalty.
    chars: Vec<u16>,
    /// Accent-free headlines with their case, end to end.
    cased: String,
    /// Where each headline starts in `cased`; one more entry than headlines.
    cased_starts: Vec<u32>,
    /// Order key per article for ties: newest first.
    dates: Vec<i32>,
    /// Per headline, whether it is set in capitals (a capital in the query does
    /// not make the match case-sensitive against it).
    capitals: Vec<bool>,
}

/// Whether a headline is set in capitals: it has capitals, and no lower case.
fn in_capitals(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

/// Of one headline: its folded lower-case bytes, folded bytes, characters,
/// character-set mask, and whether it is set in capitals.
fn measure(t: &str) -> (u32, u32, u16, u64, bool) {
    if t.is_ascii() {
        let mask = t.bytes().fold(0, |m, b| m | ASCII_BITS[b as usize]);
        let len = t.len() as u32;
        let chars = t.len().min(u16::MAX as usize) as u16;
        return (len, len, chars, mask, in_capitals_folded(t));
    }
    let (mut l, mut c, mut chars, mut mask) = (0, 0, 0usize, 0u64);
    for ch in t.chars() {
        let f = fold_char(ch);
        let low = lower_char(f);
        mask |= char_bit(low);
        l += low.len_utf8();
        c += f.len_utf8();
        chars += 1;
    }
    (
        l as u32,
        c as u32,
        chars.min(u16::MAX as usize) as u16,
        mask,
        in_capitals_folded(t),
    )
}

/// Whether a headline, its accents taken off, is set in capitals.
fn in_capitals_folded(t: &str) -> bool {
    if t.is_ascii() {
        // Branch-free folds, which the compiler vectorises.
        let upper = t.bytes().fold(false, |u, b| u | b.is_ascii_uppercase());
        let lower = t.bytes().fold(false, |l, b| l | b.is_ascii_lowercase());
        return upper && !lower;
    }
    in_capitals(&fold(t))
}

/// The query as it applies to a headline: without case against one set in
/// capitals (`Opec` finds `OPEC`).
fn for_headline(q: &Query, capitals: bool) -> &Query {
    match &q.lowered {
        Some(lowered) if capitals => lowered,
        _ => q,
    }
}

/// What the mask of a headline settles of a match: `Ok` when it settles it,
/// else the query as it applies to the headline, to look for in its text.
fn settle(q: &Query, mask: u64, capitals: bool) -> Result<bool, &Query> {
    let q = for_headline(q, capitals);
    // A group of terms to find is out when none of its terms' characters are all
    // in the headline.
    let out = |g: &Vec<Term>| g.iter().all(|t| !t.inverse && t.mask & !mask != 0);
    if q.groups.iter().any(out) {
        return Ok(false);
    }
    // One-letter words (a to z, 0 to 9) are settled by the mask alone.
    if !q.case_sensitive
        && q.groups
            .iter()
            .all(|g| g.len() == 1 && g[0].settled_by_mask())
    {
        return Ok(true);
    }
    Err(q)
}

/// Whether every group of `q` holds in `hay`.
fn holds_in(q: &Query, hay: &str) -> bool {
    q.groups.iter().all(|g| g.iter().any(|t| t.holds(hay)))
}

/// Whether `title` matches `query` as it does in an index of it: for a search
/// that keeps only the matching rows of what it reads.
pub fn headline_matches(title: &str, query: &Query) -> bool {
    if query.is_empty() {
        return true;
    }
    // The mask only saves looking at the text, which has to be read here to
    // make the mask; the capitals matter only to a query with a capital.
    let q = for_headline(query, query.lowered.is_some() && in_capitals_folded(title));
    if !title.is_ascii() {
        let hay = if q.case_sensitive {
            fold(title)
        } else {
            fold_lower(title)
        };
        return holds_in(q, &hay);
    }
    if q.case_sensitive {
        return holds_in(q, title);
    }
    // The common query, letters to find in order, is followed in the headline
    // as it is, with no lower-case copy.
    let fuzzy = |t: &Term| t.kind == TermKind::Fuzzy && !t.inverse;
    if q.groups.iter().flatten().all(fuzzy) {
        let hay = title.as_bytes();
        return q.groups.iter().all(|g| {
            g.iter().any(|t| {
                let mut rest = hay.iter();
                t.text.bytes().all(|c| {
                    // Of all bytes, only a letter and its capital are the letter
                    // once 0x20 is set.
                    let fold = if c.is_ascii_lowercase() { 0x20 } else { 0 };
                    rest.any(|&b| b | fold == c)
                })
            })
        });
    }
    thread_local! {
        // One lower-case copy per thread, for the headlines read on it.
        static LOWER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    LOWER.with_borrow_mut(|lower| {
        lower.clear();
        lower.push_str(title);
        lower.make_ascii_lowercase();
        holds_in(q, lower)
    })
}

fn date_key(date: Option<Date>) -> i32 {
    date.map(|d| {
        // An unknown year ranks before every known one, as dates sort.
        d.year().map_or(-1, i32::from) * 512 + i32::from(d.month()) * 32 + i32::from(d.day())
    })
    .unwrap_or(i32::MIN)
}

impl SearchIndex {
    /// Indexes the headlines of `articles` (ids equal to positions).
    pub fn build(articles: &[Article]) -> SearchIndex {
        let mut index = SearchIndex::default();
        index.extend(articles);
        index
    }

    /// Adds articles that were appended to the store since the last call.
    pub fn extend(&mut self, articles: &[Article]) {
        let from = self.masks.len().min(articles.len());
        let new = &articles[from..];
        self.add(new.len(), |i| &new[i].title, |i| new[i].date);
    }

    /// Indexes the headlines of `columns` (ids equal to positions).
    pub fn build_columns(columns: &Columns) -> SearchIndex {
        let mut index = SearchIndex::default();
        index.add(
            columns.len(),
            |i| columns.title(i as ArticleId),
            |i| columns.date(i as ArticleId),
        );
        index
    }

    /// Adds the rows appended to `columns` since the last call.
    pub fn extend_columns(&mut self, columns: &Columns) {
        let from = self.masks.len().min(columns.len());
        self.add(
            columns.len() - from,
            |i| columns.title((from + i) as ArticleId),
            |i| columns.date((from + i) as ArticleId),
        );
    }

    /// Appends the headlines `other` indexed, as the ones after these (an index
    /// built elsewhere, of the rows that follow).
    pub fn append(&mut self, other: &SearchIndex) {
        if other.is_empty() {
            return;
        }
        if self.starts.is_empty() {
            self.starts.push(0);
            self.cased_starts.push(0);
        }
        let (l0, c0) = (self.lower.len() as u32, self.cased.len() as u32);
        self.masks.extend_from_slice(&other.masks);
        self.lower.push_str(&other.lower);
        self.starts.extend(other.starts[1..].iter().map(|s| s + l0));
        self.chars.extend_from_slice(&other.chars);
        self.cased.push_str(&other.cased);
        self.cased_starts
            .extend(other.cased_starts[1..].iter().map(|s| s + c0));
        self.dates.extend_from_slice(&other.dates);
        self.capitals.extend_from_slice(&other.capitals);
    }

    /// The index of the headlines from `from` on, as an index of its own (their
    /// ids less `from`): what [`Self::append`] joins back.
    pub fn tail(&self, from: usize) -> SearchIndex {
        if self.starts.is_empty() {
            return SearchIndex::default();
        }
        let from = from.min(self.len());
        let rebase = |starts: &[u32]| -> Vec<u32> {
            starts[from..].iter().map(|s| s - starts[from]).collect()
        };
        let span = |text: &str, starts: &[u32]| text[starts[from] as usize..].to_string();
        SearchIndex {
            masks: self.masks[from..].to_vec(),
            lower: span(&self.lower, &self.starts),
            starts: rebase(&self.starts),
            chars: self.chars[from..].to_vec(),
            cased: span(&self.cased, &self.cased_starts),
            cased_starts: rebase(&self.cased_starts),
            dates: self.dates[from..].to_vec(),
            capitals: self.capitals[from..].to_vec(),
        }
    }

    /// Appends `n` headlines. Two passes over them, both on every core: the first
    /// measures each folded headline, the second writes it in its place, so that
    /// the folded text is never held twice.
    fn add<'a>(
        &mut self,
        n: usize,
        title: impl Fn(usize) -> &'a str + Sync,
        date: impl Fn(usize) -> Option<Date>,
    ) {
        const CHUNK: usize = 16 * 1024;
        let chunks = n.div_ceil(CHUNK);
        let range = |c: usize| c * CHUNK..((c + 1) * CHUNK).min(n);
        let measure = |i: usize| measure(title(i));
        let sizes: Vec<(u32, u32, u16, u64, bool)> = if n < PARALLEL_FROM {
            (0..n).map(measure).collect()
        } else {
            (0..chunks)
                .into_par_iter()
                .flat_map_iter(|c| range(c).map(measure))
                .collect()
        };
        if self.starts.is_empty() {
            self.starts.push(0);
            self.cased_starts.push(0);
        }
        let (l0, c0) = (self.lower.len(), self.cased.len());
        self.masks.reserve(n);
        self.chars.reserve(n);
        self.starts.reserve(n);
        self.cased_starts.reserve(n);
        self.capitals.reserve(n);
        let (mut l, mut c) = (0usize, 0usize);
        for &(ll, cl, chars, mask, capitals) in &sizes {
            self.masks.push(mask);
            self.chars.push(chars);
            self.capitals.push(capitals);
            l += ll as usize;
            c += cl as usize;
            self.starts.push((l0 + l) as u32);
            self.cased_starts.push((c0 + c) as u32);
        }
        drop(sizes);
        let mut lower = vec![0u8; l];
        let mut cased = vec![0u8; c];
        // Each chunk's place in the two buffers.
        let mut places: Vec<(std::ops::Range<usize>, &mut [u8], &mut [u8])> = Vec::new();
        let (mut lrest, mut crest) = (lower.as_mut_slice(), cased.as_mut_slice());
        let base = self.masks.len() - n;
        for k in 0..chunks {
            let r = range(k);
            let span = |starts: &[u32]| (starts[base + r.end] - starts[base + r.start]) as usize;
            let (lh, lt) = lrest.split_at_mut(span(&self.starts));
            let (ch, ct) = crest.split_at_mut(span(&self.cased_starts));
            places.push((r, lh, ch));
            lrest = lt;
            crest = ct;
        }
        let write = |(r, lbuf, cbuf): (std::ops::Range<usize>, &mut [u8], &mut [u8])| {
            let (mut lp, mut cp) = (0, 0);
            for i in r {
                let t = title(i);
                if t.is_ascii() {
                    for (d, b) in lbuf[lp..lp + t.len()].iter_mut().zip(t.bytes()) {
                        *d = b.to_ascii_lowercase();
                    }
                    cbuf[cp..cp + t.len()].copy_from_slice(t.as_bytes());
                    lp += t.len();
                    cp += t.len();
                    continue;
                }
                for ch in t.chars() {
                    let f = fold_char(ch);
                    let low = lower_char(f);
                    lp += low.encode_utf8(&mut lbuf[lp..]).len();
                    cp += f.encode_utf8(&mut cbuf[cp..]).len();
                }
            }
        };
        if n < PARALLEL_FROM {
            places.into_iter().for_each(write);
        } else {
            places.into_par_iter().for_each(write);
        }
        let lower = String::from_utf8(lower).expect("folded headlines are text");
        let cased = String::from_utf8(cased).expect("folded headlines are text");
        if self.lower.is_empty() {
            self.lower = lower;
            self.cased = cased;
        } else {
            self.lower.push_str(&lower);
            self.cased.push_str(&cased);
        }
        self.dates.extend((0..n).map(|i| date_key(date(i))));
    }

    /// Number of headlines indexed.
    pub fn len(&self) -> usize {
        self.masks.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.masks.is_empty()
    }

    /// Starts fetching what the headlines a few places further on in `ids` will
    /// need, so that reading scattered matches waits less on memory: their
    /// places in the text, then (once those are near) the text itself.
    #[inline(always)]
    fn fetch_ahead(&self, ids: &[ArticleId], j: usize) {
        if let Some(&far) = ids.get(j + 2 * FETCH_AHEAD) {
            let far = far as usize;
            prefetch(self.starts.as_ptr().wrapping_add(far));
            prefetch(self.masks.as_ptr().wrapping_add(far));
        }
        if let Some(&near) = ids.get(j + FETCH_AHEAD) {
            let near = near as usize;
            let at = self.starts[near] as usize;
            prefetch(self.lower.as_ptr().wrapping_add(at));
            prefetch(self.chars.as_ptr().wrapping_add(near));
            prefetch(self.dates.as_ptr().wrapping_add(near));
            prefetch(self.capitals.as_ptr().wrapping_add(near));
        }
    }

    fn lower_of(&self, id: ArticleId) -> &str {
        let i = id as usize;
        &self.lower[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The query as it applies to this headline: without case against one set
    /// in capitals.
    fn effective<'q>(&self, id: ArticleId, q: &'q Query) -> &'q Query {
        for_headline(q, self.capitals.get(id as usize).copied().unwrap_or(false))
    }

    /// The text a query is matched against for this article.
    fn haystack(&self, id: ArticleId, q: &Query) -> &str {
        if q.case_sensitive {
            let i = id as usize;
            &self.cased[self.cased_starts[i] as usize..self.cased_starts[i + 1] as usize]
        } else {
            self.lower_of(id)
        }
    }

    /// Whether headline `id` matches, by the test worked out for the query once.
    fn passes(&self, id: ArticleId, test: &Test<'_>, q: &Query) -> bool {
        match test {
            Test::Plain { need, words } => {
                let i = id as usize;
                self.masks[i] & need == *need && {
                    let hay = self.lower_of(id);
                    words.iter().all(|w| is_subsequence(w, hay))
                }
            }
            Test::Any => self.matches_one(id, q),
        }
    }

    fn matches_one(&self, id: ArticleId, q: &Query) -> bool {
        let i = id as usize;
        let capitals = self.capitals.get(i).copied().unwrap_or(false);
        match settle(q, self.masks[i], capitals) {
            Ok(settled) => settled,
            Err(q) => holds_in(q, self.haystack(id, q)),
        }
    }

    /// The articles whose headline matches `query`, in id order. With `within`,
    /// only those (the matches of a query this one narrows) are looked at.
    pub fn matching(&self, query: &Query, within: Option<&[ArticleId]>) -> Vec<ArticleId> {
        let n = self.len() as ArticleId;
        if query.is_empty() {
            return within.map_or_else(|| (0..n).collect(), <[ArticleId]>::to_vec);
        }
        let plan = Test::of(query);
        let test = |&id: &ArticleId| self.passes(id, &plan, query);
        match within {
            Some(w) if w.len() < PARALLEL_FROM => w.iter().copied().filter(|id| test(id)).collect(),
            Some(w) => w
                .par_iter()
                .with_min_len(PARALLEL_FROM)
                .copied()
                .filter(|id| test(id))
                .collect(),
            None if (n as usize) < PARALLEL_FROM => (0..n).filter(|id| test(id)).collect(),
            None => (0..n)
                .into_par_iter()
                .with_min_len(PARALLEL_FROM)
                .filter(|id| test(id))
                .collect(),
        }
    }

    fn skim(q: &Query) -> SkimMatcherV2 {
        let m = SkimMatcherV2::default();
        if q.case_sensitive {
            m.respect_case()
        } else {
            m.ignore_case()
        }
    }

    fn score_one(&self, m: &SkimMatcherV2, id: ArticleId, q: &Query) -> Option<i64> {
        let q = self.effective(id, q);
        let hay = self.haystack(id, q);
        let mut total = 0;
        for g in &q.groups {
            if let [t] = g.as_slice() {
                // The common case: one term, already known to hold.
                if !t.inverse {
                    total += m.fuzzy_match(hay, &t.text)?;
                }
                continue;
            }
            // Of alternatives, the best that holds; `!` terms score nothing.
            total += g
                .iter()
                .filter(|t| !t.inverse && t.matches(hay))
                .filter_map(|t| m.fuzzy_match(hay, &t.text))
                .max()
                .unwrap_or(0);
        }
        // Of two headlines matched alike, the shorter is the better hit.
        Some(total - (self.chars[id as usize] as usize / LENGTH_PER_POINT) as i64)
    }

    fn order(&self, a: &Hit, b: &Hit) -> Ordering {
        b.score
            .cmp(&a.score)
            .then(self.dates[b.id as usize].cmp(&self.dates[a.id as usize]))
            .then(a.id.cmp(&b.id))
    }

    /// Scores and sorts all of `ids` (matches of `query`): best first, then newest,
    /// then lowest id. An empty query keeps `ids` in their order with score 0.
    pub fn rank(&self, query: &Query, ids: &[ArticleId]) -> Vec<Hit> {
        if query.is_empty() {
            return ids.iter().map(|&id| Hit { id, score: 0 }).collect();
        }
        let m = Self::skim(query);
        let score = |&id: &ArticleId| self.score_one(&m, id, query).map(|score| Hit { id, score });
        // Scoring is costly enough to share out even for a few hundred headlines.
        let mut hits: Vec<Hit> = if ids.len() < PARALLEL_FROM / 8 {
            ids.iter().filter_map(score).collect()
        } else {
            ids.par_iter().with_min_len(64).filter_map(score).collect()
        };
        if hits.len() < PARALLEL_FROM {
            hits.sort_by(|a, b| self.order(a, b));
        } else {
            hits.par_sort_by(|a, b| self.order(a, b));
        }
        hits
    }

    /// How many of `ids` (matches of `query`) score, and the best `k` of them, best
    /// first: the head of [`Self::rank`], without sorting the rest.
    pub fn best(&self, query: &Query, ids: &[ArticleId], k: usize) -> (usize, Vec<Hit>) {
        if query.is_empty() || ids.len() <= k || k == 0 {
            let mut hits = self.rank(query, ids);
            let total = hits.len();
            hits.truncate(k);
            return (total, hits);
        }
        let m = Self::skim(query);
        let keep = (2 * k).max(64);
        // Each chunk keeps its best `k`: the best `k` of all are among them.
        let chunk_best = |chunk: &[ArticleId]| -> (usize, Vec<Hit>) {
            let mut kept: Vec<Hit> = Vec::with_capacity(keep);
            let mut scored = 0;
            for &id in chunk {
                let Some(score) = self.score_one(&m, id, query) else {
                    continue;
                };
                scored += 1;
                kept.push(Hit { id, score });
                if kept.len() == keep {
                    kept.select_nth_unstable_by(k - 1, |a, b| self.order(a, b));
                    kept.truncate(k);
                }
            }
            (scored, kept)
        };
        let parts: Vec<(usize, Vec<Hit>)> = if ids.len() < PARALLEL_FROM / 8 {
            vec![chunk_best(ids)]
        } else {
            ids.par_chunks(1024).map(chunk_best).collect()
        };
        let total = parts.iter().map(|p| p.0).sum();
        let mut hits: Vec<Hit> = parts.into_iter().flat_map(|p| p.1).collect();
        hits.sort_by(|a, b| self.order(a, b));
        hits.truncate(k);
        (total, hits)
    }

    /// The best `k` of `ids`, exactly scored and sorted, found quickly: when there are
    /// many, a cheap estimate of the score picks `2 * k` (at least 512) candidates that are then
    /// scored exactly. The result can differ from the head of [`Self::rank`] only
    /// where the estimate misjudges; use `rank` when completeness matters.
    pub fn rank_top(&self, query: &Query, ids: &[ArticleId], k: usize) -> Vec<Hit> {
        self.step(query, Some(ids), None, k, false).top
    }

    /// One keystroke's work in one pass over the headlines: the matches of `query`
    /// (among `within` when given) and the best `k` of them as [`Self::rank_top`]
    /// finds them.
    pub fn search(&self, query: &Query, within: Option<&[ArticleId]>, k: usize) -> Step {
        self.step(query, within, None, k, true)
    }

    /// [`Self::search`] among `within`, the matches of an earlier step for a query
    /// that `query` narrows, with what that step knew of them: the words the two
    /// queries share are neither tested nor estimated again. Gives what `search`
    /// gives.
    pub fn search_known(
        &self,
        query: &Query,
        within: &[ArticleId],
        known: &Known,
        k: usize,
    ) -> Step {
        self.step(query, Some(within), Some(known), k, true)
    }

    fn step(
        &self,
        query: &Query,
        within: Option<&[ArticleId]>,
        known: Option<&Known>,
        k: usize,
        filter: bool,
    ) -> Step {
        let pool = (2 * k).max(512);
        let all: Vec<ArticleId>;
        let ids: &[ArticleId] = match within {
            Some(w) => w,
            None => {
                all = (0..self.len() as ArticleId).collect();
                &all
            }
        };
        if query.is_empty() {
            let matches = ids.to_vec();
            let top = matches
                .iter()
                .take(k)
                .map(|&id| Hit { id, score: 0 })
                .collect();
            return Step {
                matches,
                top,
                known: Known::default(),
            };
        }
        let finders: Vec<(&[u8], memchr::memmem::Finder<'_>)> = query
            .words()
            .map(|w| (w.as_bytes(), memchr::memmem::Finder::new(w.as_bytes())))
            .collect();
        let mut plan = Test::of(query);
        // Following letters by word starts costs as much again; over very many
        // headlines (the first keys of a query) the first page does without.
        let starts = ids.len() <= STARTS_UP_TO;
        let last = finders.len() - 1;
        // What the earlier step knew holds for its first words: they need not be
        // tested, and their estimates are its sums.
        let reuse = known.filter(|kn| {
            matches!(plan, Test::Plain { .. })
                && kn.starts == starts
                && kn.sums.len() == ids.len()
                && kn.words.len() <= last
                && kn
                    .words
                    .iter()
                    .zip(&finders)
                    .all(|(a, (b, _))| a.as_bytes() == *b)
        });
        if let (Some(kn), Test::Plain { words, .. }) = (reuse, &mut plan) {
            words.retain(|w| !kn.words.iter().any(|k| k == w));
        }
        let from = reuse.map_or(0, |kn| kn.words.len());
        // Sums are kept for the next keystroke when the query is one it can
        // extend: plain fuzzy words.
        let keep_sums = matches!(plan, Test::Plain { .. });
        // The words estimated for each headline after the bound is checked: the
        // last alone when the others go into the sums, else all.
        let bounded = &finders[if keep_sums { last } else { 0 }..];
        // The most their estimate can be, by the first byte of a headline: whole
        // at a word start, and more when a first letter could start the headline.
        let best_inside: i32 = bounded.iter().map(|(w, _)| best_placed(w, false)).sum();
        let mut best_from = [best_inside; 256];
        for (w, _) in bounded {
            if let Some(&b) = w.first() {
                best_from[b as usize] += best_placed(w, true) - best_placed(w, false);
            }
        }
        // Candidates as sortable keys: estimate, then newest, then lowest id (the way
        // ties of the score go); each chunk keeps only its best `pool`.
        type Key = (i32, i32, std::cmp::Reverse<ArticleId>);
        let chunk_work =
            |offset: usize, chunk: &[ArticleId]| -> (Vec<ArticleId>, Vec<i32>, Vec<Key>) {
                let mut matched = Vec::new();
                let mut sums = Vec::new();
                let mut kept: Vec<Key> = Vec::with_capacity(2 * pool);
                let mut floor: Option<Key> = None;
                for (j, &id) in chunk.iter().enumerate() {
                    self.fetch_ahead(chunk, j);
                    if filter && !self.passes(id, &plan, query) {
                        continue;
                    }
                    matched.push(id);
                    let date = self.dates[id as usize];
                    let hay = self.haystack(id, self.effective(id, query)).as_bytes();
                    let first = hay.first().map_or(0, |&b| b as usize);
                    let penalty = (self.chars[id as usize] as usize / LENGTH_PER_POINT) as i32;
                    // The words before the last, known or estimated now and kept.
                    let settled = if keep_sums {
                        let earlier = reuse.map_or(0, |kn| kn.sums[offset + j]);
                        let sum = earlier
                            + finders[from..last]
                                .iter()
                                .map(|(w, f)| word_estimate(hay, w, f, starts))
                                .sum::<i32>();
                        sums.push(sum);
                        sum
                    } else {
                        0
                    };
                    // The estimate can be no better than the bound (its length
                    // penalty counts bytes, not characters); when even that cannot
                    // beat the floor, skip computing it.
                    let bound = settled + best_from[first] - penalty;
                    if floor.is_some_and(|f| (bound, date, std::cmp::Reverse(id)) <= f) {
                        continue;
                    }
                    let estimate = settled
                        + bounded
                            .iter()
                            .map(|(w, f)| word_estimate(hay, w, f, starts))
                            .sum::<i32>()
                        - (hay.len() / LENGTH_PER_POINT) as i32;
                    let key = (estimate, date, std::cmp::Reverse(id));
                    if floor.is_some_and(|f| key <= f) {
                        continue;
                    }
                    kept.push(key);
                    if kept.len() == 2 * pool {
                        kept.select_nth_unstable_by(pool - 1, |a, b| b.cmp(a));
                        kept.truncate(pool);
                        floor = kept.iter().min().copied();
                    }
                }
                (matched, sums, kept)
            };
        let parts: Vec<(Vec<ArticleId>, Vec<i32>, Vec<Key>)> = if ids.len() < PARALLEL_FROM {
            vec![chunk_work(0, ids)]
        } else {
            // Few long chunks: each keeps its own best `pool`, which only gets
            // choosy (and cheap) once it has seen many headlines, and all they
            // keep is sorted at the end. As many pieces as cores, or twice as
            // many, so that none waits on another's second piece; each of at
            // least PARALLEL_FROM * 4.
            let cores = rayon::current_num_threads();
            let pieces = (ids.len() / (PARALLEL_FROM * 4)).clamp(1, 2 * cores);
            let pieces = if pieces >= cores {
                pieces / cores * cores
            } else {
                pieces
            };
            let size = ids.len().div_ceil(pieces);
            ids.par_chunks(size)
                .enumerate()
                .map(|(c, chunk)| chunk_work(c * size, chunk))
                .collect()
        };
        let found = parts.iter().map(|p| p.0.len()).sum();
        let mut matches = Vec::with_capacity(found);
        let mut sums = Vec::with_capacity(if keep_sums { found } else { 0 });
        let mut rough: Vec<Key> = Vec::new();
        for (m, s, r) in parts {
            matches.extend(m);
            sums.extend(s);
            rough.extend(r);
        }
        rough.sort_unstable_by(|a, b| b.cmp(a));
        rough.truncate(pool);
        let candidates: Vec<ArticleId> = rough.into_iter().map(|(_, _, id)| id.0).collect();
        let mut top = self.rank(query, &candidates);
        top.truncate(k);
        let known = if keep_sums {
            Known {
                words: query.words().take(last).map(str::to_string).collect(),
                starts,
                sums,
            }
        } else {
            Known::default()
        };
        Step {
            matches,
            top,
            known,
        }
    }

    /// Character positions in the headline of `id` that `query` matched, sorted.
    pub fn indices(&self, query: &Query, id: ArticleId) -> Vec<usize> {
        let query = self.effective(id, query);
        let m = Self::skim(query);
        let hay = self.haystack(id, query);
        let mut out: Vec<usize> = query
            .groups
            .iter()
            .flatten()
            .filter(|t| !t.inverse && t.matches(hay))
            .filter_map(|t| m.fuzzy_indices(hay, &t.text))
            .flat_map(|(_, idx)| idx)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// How a query is tested against one headline, worked out once per search.
enum Test<'q> {
    /// Letters to find in order, without case, one term per group (the common
    /// query): every letter's bit in the mask, then each word of more than one
    /// letter followed in the lower-case headline.
    Plain { need: u64, words: Vec<&'q str> },
    /// Any other query, tested term by term.
    Any,
}

impl<'q> Test<'q> {
    fn of(q: &'q Query) -> Test<'q> {
        let plain = !q.case_sensitive
            && q.groups
                .iter()
                .all(|g| matches!(g.as_slice(), [t] if t.kind == TermKind::Fuzzy && !t.inverse));
        if !plain {
            return Test::Any;
        }
        let terms = q.groups.iter().flatten();
        Test::Plain {
            need: terms.clone().fold(0, |m, t| m | t.mask),
            words: terms
                .filter(|t| !t.settled_by_mask())
                .map(|t| t.text.as_str())
                .collect(),
        }
    }
}

/// What one keystroke's search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Step {
    /// Every match, in id order.
    pub matches: Vec<ArticleId>,
    /// The best matches, exactly scored, best first.
    pub top: Vec<Hit>,
    /// What the next keystroke's search can reuse ([`SearchIndex::search_known`]).
    pub known: Known,
}

/// What a search of plain fuzzy words knows of each of its matches that the
/// next keystroke's search can reuse: the estimate of every word of the query
/// but the last, which typing may still extend.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Known {
    /// The words the sums are of: the query's, all but the last.
    words: Vec<String>,
    /// Whether the estimates followed letters by word starts.
    starts: bool,
    /// Per match, in the order of the matches, the sum of those words' estimates.
    sums: Vec<i32>,
}

/// How many matches ahead [`SearchIndex::fetch_ahead`] starts fetching a
/// headline's text (and twice as far, its place in the text).
const FETCH_AHEAD: usize = 8;

/// Whether the characters of `needle` appear in `hay` in order.
pub(crate) fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut rest = hay.as_bytes();
    let mut buf = [0u8; 4];
    for c in needle.chars() {
        let found = if c.is_ascii() {
            memchr::memchr(c as u8, rest)
        } else {
            memchr::memmem::find(rest, c.encode_utf8(&mut buf).as_bytes())
        };
        match found {
            Some(i) => rest = &rest[i + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// A cheap stand-in for the matcher's score of one word: the best of a few
/// ways of placing its letters (where it is found whole, its letters followed
/// from the left, and followed preferring word starts), each scored as
/// SkimMatcherV2 scores that placing. The matcher's own score is the best of
/// all placings, so this is rarely above it and mostly equal to it. A query's
/// estimate is the sum over its words, less a point per [`LENGTH_PER_POINT`]
/// characters, as in [`SearchIndex::rank`].
fn word_estimate(h: &[u8], w: &[u8], finder: &memchr::memmem::Finder<'_>, starts: bool) -> i32 {
    let mut best = None;
    for at in finder.find_iter(h).take(4) {
        best = best.max(Some(placed(h, at..at + w.len())));
        // Whole at a word start: no way of following its letters does better
        // (after the first, no letter gets more than one of a run), unless the
        // first letter could take the headline's start, which is worth twice
        // a word start (`pc` in `PENN CENTRAL <PC> …`).
        if place_bonus(h, at) >= 7 && (at == 0 || h.first() != w.first()) {
            return best.unwrap_or(0);
        }
    }
    best = best.max(follow(h, w, false));
    if starts {
        best = best.max(follow(h, w, true));
    }
    // A word not found at all is an alternative that does not hold.
    best.unwrap_or(0)
}

/// The most [`word_estimate`] can give `w` in a headline: `w` is its start when
/// `at_start`, or stands after a space.
fn best_placed(w: &[u8], at_start: bool) -> i32 {
    // Placed on itself, the word is at the start; elsewhere its first letter
    // has the word-start bonus (8) and not twice it.
    placed(w, 0..w.len()) - if at_start { 0 } else { 8 }
}

/// SkimMatcherV2's bonus for a letter at byte `at` of `h`, from the character
/// before it: a word start 8 (16 at the very start), after punctuation 7, a
/// capital after a small letter or digit 6, else nothing.
fn place_bonus(h: &[u8], at: usize) -> i32 {
    if at == 0 {
        return 16;
    }
    match h[at - 1] {
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => 8,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => 7,
        b'a'..=b'z' | b'0'..=b'9' if h[at].is_ascii_uppercase() => 6,
        _ => 0,
    }
}

/// The matcher's score for letters placed at the byte positions `at` of `h`:
/// 16 a letter; the first gets its place bonus less one, one right after the
/// last the larger of its place bonus and 4, one after a gap its place bonus
/// less 3 and one per letter skipped.
fn placed(h: &[u8], at: impl IntoIterator<Item = usize>) -> i32 {
    let mut total = 0;
    let mut prev: Option<usize> = None;
    for a in at {
        let bonus = place_bonus(h, a);
        total += 16
            + match prev {
                None => bonus - 1,
                Some(p) if a == p + 1 => bonus.max(4),
                Some(p) => bonus - 3 - (a - p - 1) as i32,
            };
        prev = Some(a);
    }
    total
}

/// The score of the letters of `w` followed in `h` from the left: each at its
/// first place, or with `starts`, right after the last when it is there, else
/// at the next word start from which the rest still follows. With `starts`,
/// also each letter at its last place (the letters drawn to the end, as in
/// `shut down` after an earlier word start), and the better of the two.
fn follow(h: &[u8], w: &[u8], starts: bool) -> Option<i32> {
    let mut at = [0usize; 32];
    let w = &w[..w.len().min(at.len())];
    // The last place each letter can take with the rest still following.
    let mut last = [0usize; 32];
    if starts {
        let mut end = h.len();
        for (k, &b) in w.iter().enumerate().rev() {
            end = memchr::memrchr(b, &h[..end])?;
            last[k] = end;
        }
    }
    let mut pos = 0;
    for (k, &b) in w.iter().enumerate() {
        let mut chosen = pos + memchr::memchr(b, &h[pos..])?;
        if starts && !(k > 0 && chosen == pos) && place_bonus(h, chosen) < 7 {
            let later = &h[chosen + 1..=last[k]];
            if let Some(s) = memchr::memchr_iter(b, later)
                .map(|i| chosen + 1 + i)
                .find(|&i| place_bonus(h, i) >= 7)
            {
                chosen = s;
            }
        }
        at[k] = chosen;
        pos = chosen + 1;
    }
    let forward = placed(h, at[..w.len()].iter().copied());
    if starts {
        return Some(forward.max(placed(h, last[..w.len()].iter().copied())));
    }
    Some(forward)
}

/// Full-text search: every word of `query` must occur in the headline or the body
/// (case and accents ignored, as substrings). Ranked by how often the words occur,
/// headline occurrences counting more, then newest first. Slower than headline
/// search; meant to run off the input thread.
pub fn full_text(articles: &[Article], query: &Query) -> Vec<Hit> {
    if query.is_empty() {
        return Vec::new();
    }
    let words: Vec<String> = query.words().map(fold_lower).collect();
    let mut hits: Vec<(Hit, i32)> = articles
        .par_iter()
        .with_min_len(256)
        .filter_map(|a| {
            let mut score = 0i64;
            for w in &words {
                let in_title = count_folded(&a.title, w);
                let in_body = count_folded(&a.body, w);
                if in_title + in_body == 0 {
                    return None;
                }
                score += 10 * in_title as i64 + in_body.min(50) as i64;
            }
            Some((Hit { id: a.id, score }, date_key(a.date)))
        })
        .collect();
    hits.sort_by(|(a, da), (b, db)| b.score.cmp(&a.score).then(db.cmp(da)).then(a.id.cmp(&b.id)));
    hits.into_iter().map(|(h, _)| h).collect()
}

/// Occurrences of `word` (folded lower case) in `text`, ignoring case and accents.
fn count_folded(text: &str, word: &str) -> usize {
    if word.is_empty() {
        return 0;
    }
    if text.is_ascii() && word.is_ascii() {
        let (t, w) = (text.as_bytes(), word.as_bytes());
        let first = w[0];
        let mut n = 0;
        let mut from = 0;
        while let Some(i) = memchr::memchr2(first, first.to_ascii_uppercase(), &t[from..]) {
            let at = from + i;
            if t.len() >= at + w.len() && t[at..at + w.len()].eq_ignore_ascii_case(w) {
                n += 1;
                from = at + w.len();
            } else {
                from = at + 1;
            }
        }
        return n;
    }
    fold_lower(text).matches(word).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_appended_is_the_index_of_all() {
        let mut columns = Columns::default();
        let titles = [
            "OIL PRICE CUT",
            "Café talks",
            "",
            "Zürich STOCKS",
            "opec output",
        ];
        for (i, t) in titles.iter().enumerate() {
            columns.push(crate::columns::Row {
                title: t,
                source: None,
                date: Date::ymd(1987, 3, 1 + i as i8),
                file_date: false,
                file: "a.jsonl",
                record: Some(i as u32),
            });
        }
        let whole = SearchIndex::build_columns(&columns);
        for cut in 0..=titles.len() {
            let (mut head, mut tail) = (Columns::default(), Columns::default());
            head.extend_from(&columns, 0..cut);
            tail.extend_from(&columns, cut..titles.len());
            let mut index = SearchIndex::build_columns(&head);
            index.append(&SearchIndex::build_columns(&tail));
            assert_eq!(format!("{index:?}"), format!("{whole:?}"), "cut at {cut}");
        }
    }

    #[test]
    fn a_tail_is_the_index_of_the_rows_it_holds() {
        let titles = ["OIL PRICES CUT", "Zürich talks", "Strike ends", "ÉTÉ"];
        let mut columns = Columns::default();
        for t in titles {
            columns.push(crate::columns::Row {
                title: t,
                source: None,
                date: None,
                file_date: false,
                file: "a.txt",
                record: None,
            });
        }
        let index = SearchIndex::build_columns(&columns);
        for cut in 0..=titles.len() {
            let mut rest = Columns::default();
            rest.extend_from(&columns, cut..titles.len());
            assert!(
                index.tail(cut) == SearchIndex::build_columns(&rest),
                "cut {cut}"
            );
            let mut joined = SearchIndex::build_columns(&{
                let mut head = Columns::default();
                head.extend_from(&columns, 0..cut);
                head
            });
            joined.append(&index.tail(cut));
            assert!(joined == index, "cut {cut}");
        }
        assert!(index.tail(99).is_empty());
        assert!(SearchIndex::default().tail(0).is_empty());
    }

    #[test]
    fn ascii_bits_are_char_bits() {
        for b in 0u8..128 {
            assert_eq!(
                ASCII_BITS[b as usize],
                char_bit(b.to_ascii_lowercase() as char)
            );
        }
    }

    #[test]
    fn subsequence_and_folding() {
        assert!(is_subsequence("mnutd", "man utd win"));
        assert!(!is_subsequence("mnutdx", "man utd win"));
        assert!(is_subsequence("東京", "東の京"));
        assert_eq!(fold_lower("Zürich ÉTÉ"), "zurich ete");
        assert_eq!(
            fold_lower("Zürich").chars().count(),
            "Zürich".chars().count()
        );
        assert!(Query::parse("oil  ").same_terms(&Query::parse("oil")));
        assert!(Query::parse("oil price ").same_terms(&Query::parse("oil  price")));
        assert!(!Query::parse("oil p").same_terms(&Query::parse("oil")));
        assert!(!Query::parse("Oil").same_terms(&Query::parse("oil")));
        assert!(Query::parse("abc").narrows(&Query::parse("ab")));
        assert!(Query::parse("abC").narrows(&Query::parse("ab")));
        assert!(!Query::parse("abc").narrows(&Query::parse("aB")));
        assert!(!Query::parse("ac").narrows(&Query::parse("ab")));
    }

    /// An index of `titles`, undated.
    fn index_of<T: AsRef<str> + Sync>(titles: &[T]) -> SearchIndex {
        let mut index = SearchIndex::default();
        index.add(titles.len(), |i| titles[i].as_ref(), |_| None);
        index
    }

    /// The headlines of `titles` that `q` matches, by position.
    fn hits(titles: &[&str], q: &str) -> Vec<usize> {
        let index = index_of(titles);
        let query = Query::parse(q);
        let mut ids: Vec<usize> = index
            .matching(&query, None)
            .into_iter()
            .map(|id| id as usize)
            .collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn typing_on_with_what_the_last_key_knew_finds_what_a_fresh_search_finds() {
        // Enough headlines that the work is split in pieces and each piece's
        // pool gets choosy.
        let words = [
            "oil", "price", "cut", "opec", "output", "qtr", "net", "bank", "rate", "u.s.", "trade",
            "gold", "mine", "Japan", "crude", "Zürich", "mount", "utd",
        ];
        let oily = ["oil", "soil", "boil", "coil", "oil-price", "opec oil"];
        let mut x = 7u32;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as usize
        };
        let titles: Vec<String> = (0..70_000)
            .map(|i| {
                let mut t = oily[next() % oily.len()].to_string();
                for _ in 0..1 + i % 4 {
                    t.push(' ');
                    t.push_str(words[next() % words.len()]);
                }
                t
            })
            .collect();
        let index = index_of(&titles);
        let mut reused = 0;
        for typed in ["oil price", "mnutd", "qtr ne ut", "Japan o", "'oil c"] {
            let mut last: Option<(Query, Step)> = None;
            for end in 1..=typed.len() {
                let query = Query::parse(&typed[..end]);
                let narrowed = last.as_ref().filter(|(p, _)| query.narrows(p));
                let within = narrowed.map(|(_, s)| s.matches.as_slice());
                let fresh = index.search(&query, within, 10);
                let step = match narrowed {
                    Some((_, s)) => {
                        reused += usize::from(!s.known.words.is_empty());
                        index.search_known(&query, &s.matches, &s.known, 10)
                    }
                    None => index.search(&query, None, 10),
                };
                assert_eq!(step.matches, fresh.matches, "{typed:?} up to {end}");
                assert_eq!(step.top, fresh.top, "{typed:?} up to {end}");
                assert_eq!(step.known, fresh.known, "{typed:?} up to {end}");
                assert!(step.matches.len() > 1_000, "{typed:?} up to {end}");
                last = Some((query, step));
            }
        }
        // Words were carried over, for plain words only.
        assert!(reused >= 7, "{reused}");
        assert!(
            index
                .search(&Query::parse("'oil c"), None, 10)
                .known
                .words
                .is_empty()
        );
        // What was known of other matches is not used.
        let q = Query::parse("oil pr");
        let all = index.search(&Query::parse("oil p"), None, 10);
        let few = index.search(&Query::parse("oil p"), Some(&all.matches[..2_000]), 10);
        assert_eq!(few.known.words, ["oil"]);
        assert_eq!(
            index.search_known(&q, &all.matches, &few.known, 10),
            index.search(&q, Some(&all.matches), 10)
        );
    }

    const TITLES: &[&str] = &[
        "OIL PRICE CUT BY OPEC",
        "Opec output rises",
        "Crude oil prices",
        "Bank cuts rates",
        "Soil erosion report",
        "Qtr net profit",
    ];

    #[test]
    fn one_headline_matches_as_it_does_in_an_index() {
        let titles = [
            "OIL PRICE CUT BY OPEC",
            "Opec output rises",
            "Zürich Öl-Preis",
            "ZÜRICH BANKS",
            "Man Utd win",
            "MAN UTD WIN",
            "qtr net 5",
            "Crude oil prices",
            "",
            "a",
        ];
        let index = index_of(&titles);
        for q in [
            "mnutd",
            "Opec",
            "OPEC",
            "zurich",
            "Zürich",
            "ZUR",
            "oil price",
            "'oil",
            "^opec",
            "cut$",
            "!oil",
            "oil | bank",
            "q",
            "5",
            "a",
            "Oil !crude",
            "öl",
            "u w",
        ] {
            let query = Query::parse(q);
            let by_index = index.matching(&query, None);
            let one: Vec<ArticleId> = (0..titles.len() as ArticleId)
                .filter(|&i| headline_matches(titles[i as usize], &query))
                .collect();
            assert_eq!(one, by_index, "{q}");
        }
        // The case is a real test: some query leaves some headline out.
        assert!(!headline_matches(
            "Opec output rises",
            &Query::parse("OPEC")
        ));
        assert!(headline_matches("OPEC OUTPUT", &Query::parse("Opec")));
    }

    #[test]
    fn the_estimate_scores_a_placing_as_the_matcher_does() {
        let m = SkimMatcherV2::default().ignore_case();
        let score = |hay: &str, w: &str, starts: bool| {
            let f = memchr::memmem::Finder::new(w.as_bytes());
            word_estimate(hay.as_bytes(), w.as_bytes(), &f, starts)
        };
        // Whole words at the start, at a word start, after punctuation, inside a
        // word; letters at word starts: the matcher's own score, as the best
        // placing is one the estimate tries.
        for (hay, w) in [
            ("net profit", "net"),
            ("3rd qtr net", "net"),
            ("u.s.-japan talks", "japan"),
            ("planet earth", "net"),
            ("noranda copper mine shut down", "mnutd"),
            ("man utd win", "mnutd"),
            ("ministry says", "mnistr"),
            // An earlier word start (`murdochville`) pulls the leftmost ways
            // away from the rest; the letters drawn to the end find it.
            ("noranda's murdochville mine shut down by fire", "mnutd"),
            // Whole after punctuation, yet better from the headline's start.
            ("penn central <pc> sells u.k. unit", "pc"),
        ] {
            let exact = m.fuzzy_match(hay, w).unwrap() as i32;
            assert_eq!(score(hay, w, true), exact, "{w} in {hay}");
            // With word starts, never below following from the left alone.
            assert!(score(hay, w, true) >= score(hay, w, false), "{w} in {hay}");
        }
        // Following by word starts finds a better placing than the leftmost.
        assert!(score("an ant nest", "ns", true) > score("an ant nest", "ns", false));
        let drawn = "noranda's murdochville mine shut down by fire";
        assert!(score(drawn, "mnutd", true) > score(drawn, "mnutd", false));
        // The bound is what the estimate can reach, at the start and elsewhere.
        assert_eq!(score("net", "net", true), best_placed(b"net", true));
        assert_eq!(score("a net", "net", true), best_placed(b"net", false));
        assert!(score("internet", "net", true) < best_placed(b"net", false));
    }

    #[test]
    fn the_test_worked_out_once_matches_as_the_query_term_by_term() {
        let titles = [
            "OIL PRICE CUT BY OPEC",
            "Opec output rises",
            "Zürich Öl-Preis",
            "Man Utd win",
            "qtr net 5",
            "x",
            "",
        ];
        let index = index_of(&titles);
        let mut plain = 0;
        for q in [
            "mnutd", "oil cut", "o", "q 5", "zur öl", "x", "tx", "OPEC", "'oil", "a | o",
        ] {
            let query = Query::parse(q);
            let test = Test::of(&query);
            plain += usize::from(matches!(test, Test::Plain { .. }));
            for id in 0..titles.len() as ArticleId {
                assert_eq!(
                    index.passes(id, &test, &query),
                    index.matches_one(id, &query),
                    "{q} on {}",
                    titles[id as usize]
                );
            }
        }
        // Most of these are the plain kind, which is what is checked.
        assert_eq!(plain, 7);
    }

    #[test]
    fn exact_prefix_suffix_and_equal_terms() {
        // Fuzzy: the letters in order.
        assert_eq!(hits(TITLES, "olpr"), vec![0, 2, 4]);
        assert_eq!(hits(TITLES, "'oil"), vec![0, 2, 4]);
        // At word boundaries, "soil" is not "oil".
        assert_eq!(hits(TITLES, "'oil'"), vec![0, 2]);
        assert_eq!(hits(TITLES, "^opec"), vec![1]);
        assert_eq!(hits(TITLES, "rates$"), vec![3]);
        assert_eq!(hits(TITLES, "^bank cuts rates$"), vec![3]);
        assert_eq!(hits(TITLES, "^bank$"), Vec::<usize>::new());
        assert_eq!(hits(TITLES, "^crude oil prices$"), vec![2]);
        assert_eq!(hits(TITLES, "^crude"), vec![2]);
        // A term of markers alone holds for every headline.
        assert_eq!(hits(TITLES, "^").len(), TITLES.len());
        assert_eq!(hits(TITLES, "' oil").len(), 3);
    }

    #[test]
    fn inverse_terms_leave_out() {
        assert_eq!(hits(TITLES, "!oil"), vec![1, 3, 5]);
        assert_eq!(hits(TITLES, "oil !crude"), vec![0, 4]);
        assert_eq!(hits(TITLES, "oil !^crude !report"), vec![0]);
        assert_eq!(hits(TITLES, "!rates$ cut"), vec![0, 1]);
    }

    #[test]
    fn alternatives_and_all_terms() {
        assert_eq!(hits(TITLES, "^opec | ^bank"), vec![1, 3]);
        assert_eq!(hits(TITLES, "'oil' | rates$ | ^qtr"), vec![0, 2, 3, 5]);
        // `|` binds tighter than the space: oil AND (opec OR crude).
        assert_eq!(hits(TITLES, "'oil opec | crude"), vec![0, 2]);
        // A `|` with nothing on one side is ignored.
        assert_eq!(hits(TITLES, "| ^opec |"), vec![1]);
    }

    #[test]
    fn syntax_follows_case_and_accents() {
        let titles = ["Zürich talks", "zurich TALKS"];
        assert_eq!(hits(&titles, "'zurich"), vec![0, 1]);
        assert_eq!(hits(&titles, "'Zurich"), vec![0]);
        assert_eq!(hits(&titles, "talks$"), vec![0, 1]);
        assert_eq!(hits(&titles, "TALKS$"), vec![1]);
    }

    #[test]
    fn narrowing_stops_at_not_and_or() {
        assert!(Query::parse("'oil pr").narrows(&Query::parse("'oil")));
        assert!(Query::parse("oil$").narrows(&Query::parse("oil")));
        assert!(!Query::parse("!oil").narrows(&Query::parse("!oi")));
        assert!(!Query::parse("oil | cut").narrows(&Query::parse("oil |")));
    }

    #[test]
    fn scores_rank_exact_alternatives() {
        let titles = ["OPEC output", "Crude oil"];
        let index = index_of(&titles);
        let q = Query::parse("^opec | oil$");
        let ids = index.matching(&q, None);
        let ranked = index.rank(&q, &ids);
        assert_eq!(ranked.len(), 2);
        assert!(ranked.iter().all(|h| h.score > 0));
        assert_eq!(index.indices(&q, 1), vec![6, 7, 8]);
        let (total, best) = index.best(&q, &ids, 1);
        assert_eq!((total, best[0]), (2, ranked[0]));
    }
}
