//! Fuzzy headline search that keeps up with typing on very large folders.
//!
//! Matching is fuzzy like fzf (`mnutd` finds "Man Utd"): each word of the query must
//! appear in the headline as a subsequence, words in any order. A capital in the
//! query makes it case-sensitive (smart case), but only against headlines that
//! have lower-case letters: wire copy set in capitals (`OPEC RAISES OUTPUT`) is
//! matched without case, so `Opec` finds it. Accents never matter (`Zurich` finds
//! `Zürich`, `Zürich` finds `ZURICH`), composed or decomposed. Scores and matched positions come from `fuzzy-matcher`'s
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

/// Headline characters that cost one point of score.
const LENGTH_PER_POINT: usize = 32;

/// Below this many candidates, work is done on one thread.
const PARALLEL_FROM: usize = 4096;

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
fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A query word folded (as `fold`, or lower case too), its combining accents
/// dropped: a decomposed `é` typed is an `e`.
fn fold_word(w: &str, lower: bool) -> String {
    w.chars()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| {
            if lower {
                lower_char(fold_char(c))
            } else {
                fold_char(c)
            }
        })
        .collect()
}

/// Whether a headline is set in capitals: letters, none of them lower case.
fn in_capitals(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

/// Accent-free lower-case text, one character per character of `s`.
fn fold_lower(s: &str) -> String {
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

fn mask_of(lower: &str) -> u64 {
    lower.chars().fold(0, |m, c| m | char_bit(c))
}

/// A parsed query: its words, folded, and whether case matters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    raw: String,
    words: Vec<String>,
    /// The words in lower case, for headlines set in capitals.
    lower_words: Vec<String>,
    masks: Vec<u64>,
    case_sensitive: bool,
}

impl Query {
    /// Parses a query: words split at spaces, smart case, accents folded.
    pub fn parse(raw: &str) -> Query {
        let case_sensitive = raw.chars().any(char::is_uppercase);
        let lower_words: Vec<String> = raw
            .split_whitespace()
            .map(|w| fold_word(w, true))
            .filter(|w| !w.is_empty())
            .collect();
        let words: Vec<String> = if case_sensitive {
            raw.split_whitespace()
                .map(|w| fold_word(w, false))
                .filter(|w| !w.is_empty())
                .collect()
        } else {
            lower_words.clone()
        };
        let masks = lower_words.iter().map(|w| mask_of(w)).collect();
        Query {
            raw: raw.to_string(),
            words,
            lower_words,
            masks,
            case_sensitive,
        }
    }

    /// The text typed.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Whether the query has no words (it matches everything).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every match of `self` is a match of `earlier`, so that a search for
    /// `self` may look only among the results of `earlier`.
    pub fn narrows(&self, earlier: &Query) -> bool {
        self.raw.starts_with(&earlier.raw) && (self.case_sensitive || !earlier.case_sensitive)
    }
}

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
#[derive(Clone, Debug, Default)]
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
    /// Per headline, whether it is set in capitals (matched without case).
    capitals: Vec<bool>,
}

fn date_key(a: &Article) -> i32 {
    a.date
        .map(|d| {
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
        let new = &articles[self.masks.len().min(articles.len())..];
        let parts: Vec<(String, String)> = new
            .par_iter()
            .with_min_len(1024)
            .map(|a| (fold_lower(&a.title), fold(&a.title)))
            .collect();
        self.capitals
            .extend(parts.iter().map(|(_, cased)| in_capitals(cased)));
        if self.starts.is_empty() {
            self.starts.push(0);
            self.cased_starts.push(0);
        }
        for (lower, cased) in parts {
            self.masks.push(mask_of(&lower));
            self.chars
                .push(lower.chars().count().min(u16::MAX as usize) as u16);
            self.lower.push_str(&lower);
            self.starts.push(self.lower.len() as u32);
            self.cased.push_str(&cased);
            self.cased_starts.push(self.cased.len() as u32);
        }
        self.dates.extend(new.iter().map(date_key));
    }

    /// Number of headlines indexed.
    pub fn len(&self) -> usize {
        self.masks.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.masks.is_empty()
    }

    fn lower_of(&self, id: ArticleId) -> &str {
        let i = id as usize;
        &self.lower[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Whether `q` is matched with its case against this article's headline.
    fn with_case(&self, id: ArticleId, q: &Query) -> bool {
        q.case_sensitive && !self.capitals[id as usize]
    }

    /// The text a query is matched against for this article, and the query's
    /// words to match it with.
    fn haystack<'s>(&'s self, id: ArticleId, q: &'s Query) -> (&'s str, &'s [String]) {
        if self.with_case(id, q) {
            let i = id as usize;
            (
                &self.cased[self.cased_starts[i] as usize..self.cased_starts[i + 1] as usize],
                &q.words,
            )
        } else {
            (self.lower_of(id), &q.lower_words)
        }
    }

    fn matches_one(&self, id: ArticleId, q: &Query) -> bool {
        let mask = self.masks[id as usize];
        if q.masks.iter().any(|m| m & !mask != 0) {
            return false;
        }
        // A one-letter word (a to z, 0 to 9) is settled by the mask alone.
        if !q.case_sensitive
            && q.words
                .iter()
                .all(|w| w.len() == 1 && w.as_bytes()[0].is_ascii_alphanumeric())
        {
            return true;
        }
        let (hay, words) = self.haystack(id, q);
        words.iter().all(|w| is_subsequence(w, hay))
    }

    /// The articles whose headline matches `query`, in id order. With `within`,
    /// only those (the matches of a query this one narrows) are looked at.
    pub fn matching(&self, query: &Query, within: Option<&[ArticleId]>) -> Vec<ArticleId> {
        let n = self.len() as ArticleId;
        if query.is_empty() {
            return within.map_or_else(|| (0..n).collect(), <[ArticleId]>::to_vec);
        }
        let test = |&id: &ArticleId| self.matches_one(id, query);
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
        let (hay, words) = self.haystack(id, q);
        let mut total = 0;
        for w in words {
            total += m.fuzzy_match(hay, w)?;
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

    /// The best `k` of `ids`, exactly scored and sorted, found quickly: when there are
    /// many, a cheap estimate of the score picks `8 * k` candidates that are then
    /// scored exactly. The result can differ from the head of [`Self::rank`] only
    /// where the estimate misjudges; use `rank` when completeness matters.
    pub fn rank_top(&self, query: &Query, ids: &[ArticleId], k: usize) -> Vec<Hit> {
        self.step(query, Some(ids), k, false).top
    }

    /// One keystroke's work in one pass over the headlines: the matches of `query`
    /// (among `within` when given) and the best `k` of them as [`Self::rank_top`]
    /// finds them.
    pub fn search(&self, query: &Query, within: Option<&[ArticleId]>, k: usize) -> Step {
        self.step(query, within, k, true)
    }

    fn step(&self, query: &Query, within: Option<&[ArticleId]>, k: usize, filter: bool) -> Step {
        let pool = (8 * k).max(512);
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
            return Step { matches, top };
        }
        let finders = finders_of(&query.words);
        let lower_finders = finders_of(&query.lower_words);
        let best_estimate: i32 = query.words.iter().map(|w| 32 * w.len() as i32 + 16).sum();
        // Candidates as sortable keys: estimate, then newest, then lowest id (the way
        // ties of the score go); each chunk keeps only its best `pool`.
        type Key = (i32, i32, std::cmp::Reverse<ArticleId>);
        let chunk_work = |chunk: &[ArticleId]| -> (Vec<ArticleId>, Vec<Key>) {
            let mut matched = Vec::new();
            let mut kept: Vec<Key> = Vec::with_capacity(2 * pool);
            let mut floor: Option<Key> = None;
            for &id in chunk {
                if filter && !self.matches_one(id, query) {
                    continue;
                }
                matched.push(id);
                let date = self.dates[id as usize];
                // The estimate can be no better than every word found whole at a word
                // start; when even that cannot beat the floor, skip computing it.
                let bound =
                    best_estimate - (self.chars[id as usize] as usize / LENGTH_PER_POINT) as i32;
                if floor.is_some_and(|f| (bound, date, std::cmp::Reverse(id)) <= f) {
                    continue;
                }
                let (hay, _) = self.haystack(id, query);
                let with = if self.with_case(id, query) {
                    &finders
                } else {
                    &lower_finders
                };
                let key = (estimate(hay, with), date, std::cmp::Reverse(id));
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
            (matched, kept)
        };
        let parts: Vec<(Vec<ArticleId>, Vec<Key>)> = if ids.len() < PARALLEL_FROM {
            vec![chunk_work(ids)]
        } else {
            ids.par_chunks(PARALLEL_FROM * 4).map(chunk_work).collect()
        };
        let mut matches = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut rough: Vec<Key> = Vec::new();
        for (m, r) in parts {
            matches.extend(m);
            rough.extend(r);
        }
        rough.sort_unstable_by(|a, b| b.cmp(a));
        rough.truncate(pool);
        let candidates: Vec<ArticleId> = rough.into_iter().map(|(_, _, id)| id.0).collect();
        let mut top = self.rank(query, &candidates);
        top.truncate(k);
        Step { matches, top }
    }

    /// Character positions in the headline of `id` that `query` matched, sorted.
    pub fn indices(&self, query: &Query, id: ArticleId) -> Vec<usize> {
        let m = Self::skim(query);
        let (hay, words) = self.haystack(id, query);
        let mut out: Vec<usize> = words
            .iter()
            .filter_map(|w| m.fuzzy_indices(hay, w))
            .flat_map(|(_, idx)| idx)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// What one keystroke's search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Step {
    /// Every match, in id order.
    pub matches: Vec<ArticleId>,
    /// The best matches, exactly scored, best first.
    pub top: Vec<Hit>,
}

/// A substring finder per word, for [`estimate`].
fn finders_of(words: &[String]) -> Vec<(&[u8], memchr::memmem::Finder<'_>)> {
    words
        .iter()
        .map(|w| (w.as_bytes(), memchr::memmem::Finder::new(w.as_bytes())))
        .collect()
}

/// Whether the characters of `needle` appear in `hay` in order.
fn is_subsequence(needle: &str, hay: &str) -> bool {
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

/// A cheap stand-in for the matcher's score: a word found whole scores highest
/// (more at a word start); otherwise its letters
/// are followed greedily, rewarding word starts and adjacent letters and
/// penalising gaps. Long headlines lose a little.
fn estimate(hay: &str, words: &[(&[u8], memchr::memmem::Finder<'_>)]) -> i32 {
    let h = hay.as_bytes();
    let mut total = 0i32;
    for (w, finder) in words {
        if let Some(pos) = finder.find(h) {
            let word_start = pos == 0 || !h[pos - 1].is_ascii_alphanumeric();
            total += 32 * w.len() as i32 + if word_start { 16 } else { 0 };
            continue;
        }
        let mut pos = 0;
        let mut prev: Option<usize> = None;
        for &b in *w {
            let Some(i) = memchr::memchr(b, &h[pos..]) else {
                return i32::MIN;
            };
            let at = pos + i;
            let word_start = at == 0 || !h[at - 1].is_ascii_alphanumeric();
            total += 16 + if word_start { 8 } else { 0 };
            if let Some(p) = prev {
                total += if at == p + 1 {
                    6
                } else {
                    -((at - p - 1).min(12) as i32)
                };
            }
            prev = Some(at);
            pos = at + 1;
        }
    }
    total - (h.len() / LENGTH_PER_POINT) as i32
}

/// Full-text search: every word of `query` must occur in the headline or the body
/// (case and accents ignored, as substrings). Ranked by how often the words occur,
/// headline occurrences counting more, then newest first. Slower than headline
/// search; meant to run off the input thread.
pub fn full_text(articles: &[Article], query: &Query) -> Vec<Hit> {
    if query.is_empty() {
        return Vec::new();
    }
    let words: Vec<String> = query.words.iter().map(|w| fold_lower(w)).collect();
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
            Some((Hit { id: a.id, score }, date_key(a)))
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
    fn subsequence_and_folding() {
        assert!(is_subsequence("mnutd", "man utd win"));
        assert!(!is_subsequence("mnutdx", "man utd win"));
        assert!(is_subsequence("東京", "東の京"));
        assert_eq!(fold_lower("Zürich ÉTÉ"), "zurich ete");
        assert_eq!(
            fold_lower("Zürich").chars().count(),
            "Zürich".chars().count()
        );
        assert!(Query::parse("abc").narrows(&Query::parse("ab")));
        assert!(Query::parse("abC").narrows(&Query::parse("ab")));
        assert!(!Query::parse("abc").narrows(&Query::parse("aB")));
        assert!(!Query::parse("ac").narrows(&Query::parse("ab")));
    }
}
