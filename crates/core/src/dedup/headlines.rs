//! Versions that share too few words for shingles to find them, found through
//! headlines instead: a flash (a headline sent ahead of its story, or a corrected
//! flash) and its story, and a correction notice and the item it corrects, which
//! it names by headline (`In the item headlined "ACME <ACM> 4TH QTR NET" please
//! read ...`).
//!
//! Two accounts of one event are found the same way: two desks' stories of
//! one company's news on one day name the same party and give the same
//! figures and much the same vocabulary in their first paragraphs, in other
//! words around them.
//!
//! Words are weighed by how rare they are in headlines and leads, so that a company's
//! name counts for more than `SAYS` or `NET`. Such pairs are looked for among
//! neighbours in the folder's order (a flash comes minutes before its story, a
//! notice hours after its item), and a pair is taken only when one candidate clearly
//! stands out.

use rustc_hash::FxHashMap as HashMap;

use std::borrow::Cow;

use rayon::prelude::*;

use super::stems;
use super::traits::{Skeletons, Traits, other_parties};
use super::{Edge, Found};
use crate::article::{Article, TitleRule};
use crate::text::{normalize, sentences, tokens};

/// How far apart in the folder's order a flash and its story may be.
const FLASH_REACH: usize = 40;

/// How far apart a correction notice and the item it corrects may be.
const NOTICE_REACH: usize = 600;

/// Least share of a flash's weighed words its story must have.
const FLASH_COVER: f64 = 0.6;

/// Paragraphs of a story that a flash is set against when its headline and
/// first sentence do not settle the pair: a flash may give what the second
/// paragraph says (`pretax profit 157.4 mln`) in the words of the story. Two
/// accounts of one event in other words are set against each other on as many.
const FLASH_OPENING: usize = 2;

/// Least share of a named headline's weighed words the named item must have.
const NOTICE_COVER: f64 = 0.7;

/// How far apart in the folder's order two accounts of one event may be.
const EVENT_REACH: usize = 120;

/// Least share of either headline's weighed words (figures and sending marks
/// left out) the other must have, for two accounts of one event.
const EVENT_HEADLINE_COVER: f64 = 0.4;

/// Least distinctive figures and names two accounts of one event share in their
/// headlines and leads.
const EVENT_MARKS: usize = 2;

/// How far apart in the folder's order two accounts of one event told in
/// other words may be: a rewrite from another desk can come hours later.
const REWRITE_REACH: usize = 250;

/// Least weighed share of their opening stems two accounts of one event told
/// in other words must have in common (as a Dice coefficient: twice the
/// weight of the stems both hold over the weight of all of each's).
const REWRITE_OVERLAP: f64 = 0.52;

/// Least likeness (as [`REWRITE_OVERLAP`] weighs it) of two accounts in other
/// words when each is the other's only neighbour about its party that day and
/// both headlines name it by one ticker, the same (see [`lone_rewrite`]).
const LONE_REWRITE_OVERLAP: f64 = 0.495;

/// Least likeness (as [`REWRITE_OVERLAP`] weighs it) of a lone account in
/// other words (see [`LONE_REWRITE_OVERLAP`]) whose lead says what the
/// other's does (see [`LEAD_ALIKE`]): the second paragraphs of two desks'
/// accounts go their own ways, their first sentences give the one news.
const LONE_LEAD_REWRITE_OVERLAP: f64 = 0.44;

/// Least weighed share of their headline and first sentence words two lone
/// accounts hold in common (as a Dice coefficient, weighed as
/// [`Heads::cover`] weighs words) for their leads to say the same: two of a
/// company's stories that day (its chairman on the dividend and on costs, a
/// meeting called and a meeting adjourned) lead with other news.
const LEAD_ALIKE: f64 = 0.55;

/// By how much the best candidate must beat the next.
const MARGIN: f64 = 0.15;

/// Words that carry no story: they neither find nor confirm a pair.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
    "says", "said", "say", "sees", "new", "its", "it", "is", "be", "as", "after", "over",
];

/// Whether a normalised word is one of [`STOPWORDS`]; none is longer than five
/// bytes, so most words are told apart on their length.
fn is_stopword(w: &str) -> bool {
    w.len() <= 5 && STOPWORDS.contains(&w)
}

/// What this matching makes of one word as written: its normalised form's
/// hash and its stem's hash, each with whether the word counts.
#[derive(Clone, Copy)]
struct WordRead {
    /// The normalised word's hash, for [`word_set`]; none for a stopword.
    word: Option<u32>,
    /// The stem's hash, for [`stem_set_in`]; none for a stopword or a sending mark.
    stem: Option<u32>,
    /// Whether the word says what a headline is about (see [`is_bare`]).
    bare: bool,
}

/// Words read before, by the hash of the word as written: a corpus repeats its
/// words, and normalising and stemming are the costly part.
#[derive(Default)]
struct WordCache {
    seen: HashMap<u64, WordRead>,
    w: String,
    s: String,
}

impl WordCache {
    fn read(&mut self, raw: &str) -> WordRead {
        let key = xxhash_rust::xxh3::xxh3_64(raw.as_bytes());
        if let Some(&r) = self.seen.get(&key) {
            return r;
        }
        normalize::word_into(raw, &mut self.w);
        let w = self.w.as_str();
        let counts = !is_stopword(w) && !w.is_empty();
        let stem =
            (counts && !["corrected", "correction", "repeat", "rpt"].contains(&w)).then(|| {
                stems::stem_into(w, &mut self.s);
                xxhash_rust::xxh3::xxh3_64(self.s.as_bytes()) as u32
            });
        let r = WordRead {
            word: counts.then(|| xxhash_rust::xxh3::xxh3_64(w.as_bytes()) as u32),
            stem,
            bare: is_bare(w),
        };
        if self.seen.len() >= 1 << 18 {
            self.seen.clear();
        }
        self.seen.insert(key, r);
        r
    }

    /// What `pick` takes of each word of `texts`, each once, sorted.
    fn set(&mut self, texts: &[&str], pick: fn(WordRead) -> Option<u32>) -> Vec<u32> {
        let mut out = Vec::new();
        for t in texts {
            tokens::for_each(t, |r| out.extend(pick(self.read(&t[r]))));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// An article's words for this matching: hashed, each once, sorted.
fn word_set(texts: &[&str]) -> Vec<u32> {
    word_set_in(texts, &mut WordCache::default())
}

/// [`word_set`], reading words through `cache`.
fn word_set_in(texts: &[&str], cache: &mut WordCache) -> Vec<u32> {
    cache.set(texts, |r| r.word)
}

/// Whether a normalised word is one that says what a headline is about: no
/// figure, stopword or sending mark (`CORRECTED`, `RPT`).
fn is_bare(w: &str) -> bool {
    !w.is_empty()
        && !w.bytes().any(|b| b.is_ascii_digit())
        && !is_stopword(w)
        && !["corrected", "correction", "corrects", "repeat", "rpt"].contains(&w)
}

/// An article's words as stems, each once, sorted, reading words through
/// `cache`: what a flash is matched on when the words as written do not pair it.
fn stem_set_in(texts: &[&str], cache: &mut WordCache) -> Vec<u32> {
    cache.set(texts, |r| r.stem)
}

/// Where the name a headline leads with ends: after its first angle bracket
/// (`ANIMED INC <VETS>`, `<ENCOR ENERGY CORP INC>`), or 0 when it has none.
fn name_end(title: &str) -> usize {
    match title.find('<') {
        Some(open) => title[open..]
            .find('>')
            .map_or(open, |close| open + close + 1),
        None => 0,
    }
}

/// The stems a flash is matched on when its words as written do not pair it
/// (see `flash_in_opening`).
struct Stems {
    /// Headline stems.
    stem_title: Sets,
    /// The words of the name a headline leads with in angle brackets, if any.
    name: Sets,
    /// The stem of each headline's first word.
    subject: Vec<Option<u32>>,
}

/// How many articles' headline or opening hold each of `weighed` (the stems
/// of flash headlines, the only ones ever weighed: see `flash_in_opening`),
/// from one article's `opening` (its stems, when it has a body) and headline
/// stems.
fn count_stems(
    df: &mut HashMap<u32, u32>,
    weighed: &rustc_hash::FxHashSet<u32>,
    (has_body, opening): (bool, &[u32]),
    stem_title: &[u32],
) {
    let opening = match has_body {
        true => opening,
        false => stem_title,
    };
    for &w in opening.iter().chain(stem_title) {
        if weighed.contains(&w) {
            *df.entry(w).or_default() += 1;
        }
    }
}

/// The stems of flash headlines among `stem_title`.
fn flash_stems(articles: &[Article], stem_title: &Sets) -> rustc_hash::FxHashSet<u32> {
    (0..articles.len())
        .filter(|&i| is_flash(&articles[i]))
        .flat_map(|i| stem_title[i].iter().copied())
        .collect()
}

/// How many articles hold each word and stem the rules weigh, over every
/// article of the run: each window of [`Heads`] weighs words by these.
#[derive(Clone, Default)]
struct Counts {
    /// How many articles' headline or lead hold each word.
    df: HashMap<u32, u32>,
    /// How many articles' opening holds each stem (see [`Heads::opening`]).
    opening_df: HashMap<u32, u32>,
    /// How many articles' headline or opening hold each flash headline stem
    /// (see [`Stems`]); empty when the articles hold no flash.
    stem_df: HashMap<u32, u32>,
    /// How many articles there are.
    n: usize,
    /// [`rarity`] of a word by how many articles hold it, worked out once for
    /// each count up to `n` (a logarithm per word weighed was a tenth of this
    /// matching).
    rarity: Vec<f64>,
    /// Whether any article is a flash.
    flashes: bool,
}

impl Counts {
    /// Counts over the sets of all `n` articles, read already.
    fn of_sets(articles: &[Article], sets: &Heads, flashes: bool) -> Counts {
        let stem_df = match &sets.stems {
            Some(st) => {
                let weighed = flash_stems(articles, &st.stem_title);
                (0..articles.len())
                    .into_par_iter()
                    .fold(HashMap::default, |mut df: HashMap<u32, u32>, i| {
                        let body = (!articles[i].body.is_empty(), &sets.opening[i]);
                        count_stems(&mut df, &weighed, body, &st.stem_title[i]);
                        df
                    })
                    .reduce(HashMap::default, merge_counts)
            }
            None => HashMap::default(),
        };
        Counts::new(
            articles.len(),
            counts_of(&[&sets.lead, &sets.bare]),
            counts_of(&[&sets.opening]),
            stem_df,
            flashes,
        )
    }

    /// Counts over all `articles`, reading a slice at a time and keeping
    /// nothing of them: the sets themselves are then read a window at a time.
    fn of_all(articles: &[Article]) -> Counts {
        let flashes = articles.par_iter().any(is_flash);
        let weighed: rustc_hash::FxHashSet<u32> = match flashes {
            true => articles
                .par_iter()
                .filter(|a| is_flash(a))
                .map_init(WordCache::default, |c, a| {
                    ArticleWords::of(a, c, true).stem_title
                })
                .flatten_iter()
                .collect(),
            false => Default::default(),
        };
        type Three = (HashMap<u32, u32>, HashMap<u32, u32>, HashMap<u32, u32>);
        let merge = |a: Three, b: Three| {
            (
                merge_counts(a.0, b.0),
                merge_counts(a.1, b.1),
                merge_counts(a.2, b.2),
            )
        };
        let mut all: Three = Default::default();
        for slice in articles.chunks(READ_SLICE) {
            let part = slice
                .par_iter()
                .map_init(WordCache::default, |c, a| {
                    (!a.body.is_empty(), ArticleWords::of(a, c, flashes))
                })
                .fold(Three::default, |mut t, (has_body, w)| {
                    for &x in w.lead.iter().chain(&w.bare) {
                        *t.0.entry(x).or_default() += 1;
                    }
                    for &x in &w.opening {
                        *t.1.entry(x).or_default() += 1;
                    }
                    if flashes {
                        count_stems(&mut t.2, &weighed, (has_body, &w.opening), &w.stem_title);
                    }
                    t
                })
                .reduce(Three::default, merge);
            all = merge(all, part);
        }
        Counts::new(articles.len(), all.0, all.1, all.2, flashes)
    }

    fn new(
        n: usize,
        df: HashMap<u32, u32>,
        opening_df: HashMap<u32, u32>,
        stem_df: HashMap<u32, u32>,
        flashes: bool,
    ) -> Counts {
        Counts {
            df,
            opening_df,
            stem_df,
            n,
            rarity: (0..=n as u32).map(|df| rarity(n, df.max(1))).collect(),
            flashes,
        }
    }
}

/// Two tallies of how many articles hold each word, as one.
fn merge_counts(mut a: HashMap<u32, u32>, b: HashMap<u32, u32>) -> HashMap<u32, u32> {
    if a.len() < b.len() {
        return merge_counts(b, a);
    }
    for (w, n) in b {
        *a.entry(w).or_default() += n;
    }
    a
}

/// How many articles' sets hold each value, over all of `sets` (a value in
/// two of one article's sets counts twice), counted on every core.
fn counts_of(sets: &[&Sets]) -> HashMap<u32, u32> {
    let n = sets.first().map_or(0, |s| s.len());
    (0..n)
        .into_par_iter()
        .fold(HashMap::default, |mut df: HashMap<u32, u32>, i| {
            for set in sets {
                for &w in &set[i] {
                    *df.entry(w).or_default() += 1;
                }
            }
            df
        })
        .reduce(HashMap::default, merge_counts)
}

/// Articles whose sets are read together before they are moved into
/// [`Sets`].
const READ_SLICE: usize = 1 << 16;

/// One sorted set of values per article, all in one buffer: a million
/// articles' sets as vectors of their own took a third more memory than
/// their values, in headers, allocations and spare room.
#[derive(Clone, Default)]
struct Sets {
    values: Vec<u32>,
    /// Where each article's set ends in `values`.
    ends: Vec<u32>,
}

impl Sets {
    fn with_capacity(n: usize) -> Sets {
        Sets {
            values: Vec::new(),
            ends: Vec::with_capacity(n),
        }
    }

    /// Adds the next article's set.
    fn push(&mut self, set: &[u32]) {
        self.values.extend_from_slice(set);
        self.ends.push(self.values.len() as u32);
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// Several sets per article (the names each one brackets), held flat.
#[derive(Default)]
struct SetsPer {
    /// Every article's sets, one after another.
    sets: Sets,
    /// Where each article's sets end in `sets`.
    ends: Vec<u32>,
}

impl SetsPer {
    /// Adds the next article's sets.
    fn push(&mut self, of_one: &[Vec<u32>]) {
        for set in of_one {
            self.sets.push(set);
        }
        self.ends.push(self.sets.len() as u32);
    }

    /// The sets of article `i`.
    fn of(&self, i: usize) -> impl Iterator<Item = &[u32]> {
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        (start..self.ends[i] as usize).map(|k| &self.sets[k])
    }
}

impl std::ops::Index<usize> for Sets {
    type Output = [u32];

    fn index(&self, i: usize) -> &[u32] {
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        &self.values[start..self.ends[i] as usize]
    }
}

/// What the matching reads of an article besides [`ArticleWords`].
struct Others {
    names: Vec<Vec<u32>>,
    speakers: Vec<u32>,
    title_tickers: Vec<u32>,
    title_name: Vec<u32>,
}

/// Sorted, each value once.
fn into_set(mut v: Vec<u32>) -> Vec<u32> {
    v.sort_unstable();
    v.dedup();
    v
}

/// What the matching reads of one article's headline and opening
/// paragraphs, in one pass over their words: each rule once read the same
/// headline and paragraphs again for itself.
struct ArticleWords {
    title: Vec<u32>,
    lead: Vec<u32>,
    bare: Vec<u32>,
    event: Vec<u32>,
    marks: Vec<u32>,
    opening: Vec<u32>,
    /// Headline stems, the bare words of the name it leads with, and the stem
    /// of its first bare word: read only when the articles hold a flash
    /// (see [`Stems`]).
    stem_title: Vec<u32>,
    name: Vec<u32>,
    subject: Option<u32>,
}

impl ArticleWords {
    /// Reads `a`'s headline and first [`FLASH_OPENING`] paragraphs through
    /// `cache`; `flashes` says whether [`Stems`] will be wanted.
    fn of(a: &Article, cache: &mut WordCache, flashes: bool) -> ArticleWords {
        let title: &str = &a.title;
        let end = name_end(title);
        let mut w = ArticleWords {
            title: Vec::new(),
            lead: Vec::new(),
            bare: Vec::new(),
            event: Vec::new(),
            marks: Vec::new(),
            opening: Vec::new(),
            stem_title: Vec::new(),
            name: Vec::new(),
            subject: None,
        };
        let mut name = Vec::new();
        tokens::for_each(title, |r| {
            let raw = &title[r.clone()];
            let x = cache.read(raw);
            w.title.extend(x.word);
            w.opening.extend(x.stem);
            if x.bare {
                let h = x.word.unwrap_or_default();
                w.bare.push(h);
                if r.start < end {
                    name.push(h);
                } else {
                    w.event.push(h);
                }
                if w.subject.is_none() {
                    w.subject = x.stem;
                }
            }
            mark_figure(raw, &mut w.marks);
        });
        mark_names(title, &mut w.marks);
        w.lead.extend_from_slice(&w.title);
        if flashes {
            w.stem_title = into_set(w.opening.clone());
            w.name = into_set(name.clone());
        } else {
            w.subject = None;
        }
        let name = into_set(name);
        w.event.retain(|h| name.binary_search(h).is_err());
        let has_body = !a.body.is_empty();
        for (k, p) in a.paragraphs().take(FLASH_OPENING).enumerate() {
            // The lead is the headline and the first sentence.
            let sentence = if k == 0 {
                let first = sentences::first(p).unwrap_or(p);
                let at = first.as_ptr() as usize - p.as_ptr() as usize;
                Some(at..at + first.len())
            } else {
                None
            };
            tokens::for_each(p, |r| {
                let raw = &p[r.clone()];
                let x = cache.read(raw);
                if sentence
                    .as_ref()
                    .is_some_and(|s| s.start <= r.start && r.end <= s.end)
                {
                    w.lead.extend(x.word);
                }
                w.opening.extend(x.stem);
                mark_figure(raw, &mut w.marks);
            });
            mark_names(p, &mut w.marks);
        }
        if !has_body {
            w.opening.clear();
        }
        w.title = into_set(w.title);
        w.lead = into_set(w.lead);
        w.bare = into_set(w.bare);
        w.event = into_set(w.event);
        w.marks = into_set(w.marks);
        w.opening = into_set(w.opening);
        w
    }
}

/// What the matching reads of each article.
struct Heads<'t, 'c> {
    /// Headline words (with figures).
    title: Sets,
    /// Headline words without figures or sending marks.
    bare: Sets,
    /// Tickers, correction marks, day.
    traits: &'t [Traits],
    /// The headline each correction notice names.
    named: Vec<Option<String>>,
    /// Headline and first sentence words, for stories.
    lead: Sets,
    /// Headline words outside the company's name.
    event: Sets,
    /// Whether each body is a results table.
    table: Vec<bool>,
    /// Distinctive figures and bracketed names of the headline and lead.
    marks: Sets,
    /// Stems of each story's headline and first paragraphs (see [`opening`]).
    opening: Sets,
    /// The names each headline and first paragraphs write in angle brackets,
    /// each as its stems.
    names: SetsPer,
    /// The tickers each headline names (see [`headline_tickers`]).
    title_tickers: Sets,
    /// Words of the name each headline leads with (see [`headline_name`]).
    title_name: Sets,
    /// Who each story's first sentence says is speaking (see [`speaker`]).
    speakers: Sets,
    /// What a flash is matched on when its words as written do not pair it;
    /// none when the articles hold no flash.
    stems: Option<Stems>,
    /// How many articles of the whole run hold each word weighed.
    counts: Cow<'c, Counts>,
}

impl<'t, 'c> Heads<'t, 'c> {
    /// Reads `articles` and counts their words.
    fn of(articles: &[Article], traits: &'t [Traits]) -> Heads<'t, 'c> {
        let flashes = articles.par_iter().any(is_flash);
        let mut heads = Heads::read(articles, traits, flashes, Cow::Owned(Counts::default()));
        heads.counts = Cow::Owned(Counts::of_sets(articles, &heads, flashes));
        heads
    }

    /// Reads a window of articles whose words `counts` counted over the
    /// whole run.
    fn within(articles: &[Article], traits: &'t [Traits], counts: &'c Counts) -> Heads<'t, 'c> {
        Heads::read(articles, traits, counts.flashes, Cow::Borrowed(counts))
    }

    fn read(
        articles: &[Article],
        traits: &'t [Traits],
        flashes: bool,
        counts: Cow<'c, Counts>,
    ) -> Heads<'t, 'c> {
        let n = articles.len();
        let mut title = Sets::with_capacity(n);
        let (mut lead, mut bare, mut event) = (title.clone(), title.clone(), title.clone());
        let (mut marks, mut opening, mut title_tickers) =
            (title.clone(), title.clone(), title.clone());
        let (mut title_name, mut speakers) = (title.clone(), title.clone());
        let (mut stem_title, mut name, mut subject) =
            (Sets::default(), Sets::default(), Vec::new());
        let mut names = SetsPer::default();
        // A slice of articles at a time: each one's sets are read on every core,
        // then moved into the flat lists, so they are never all held twice.
        for slice in articles.chunks(READ_SLICE) {
            let read: Vec<(ArticleWords, Others)> = slice
                .par_iter()
                .map_init(WordCache::default, |c, a| {
                    let others = Others {
                        names: bracketed_names(a, c),
                        speakers: speaker(a),
                        title_tickers: headline_tickers(&a.title),
                        title_name: word_set_in(&[headline_name(&a.title)], c),
                    };
                    (ArticleWords::of(a, c, flashes), others)
                })
                .collect();
            for (w, o) in read {
                title.push(&w.title);
                lead.push(&w.lead);
                bare.push(&w.bare);
                event.push(&w.event);
                marks.push(&w.marks);
                opening.push(&w.opening);
                title_tickers.push(&o.title_tickers);
                title_name.push(&o.title_name);
                speakers.push(&o.speakers);
                names.push(&o.names);
                if flashes {
                    stem_title.push(&w.stem_title);
                    name.push(&w.name);
                    subject.push(w.subject);
                }
            }
        }
        let named = articles.par_iter().map(named_headline).collect();
        let table = articles.par_iter().map(is_table).collect();
        let stems = flashes.then_some(Stems {
            stem_title,
            name,
            subject,
        });
        Heads {
            title_name,
            opening,
            names,
            title_tickers,
            speakers,
            title,
            bare,
            traits,
            named,
            event,
            table,
            marks,
            lead,
            stems,
            counts,
        }
    }

    /// How rare a word is among `df`'s counts.
    fn weight_in(&self, df: &HashMap<u32, u32>, w: u32) -> f64 {
        let df = df.get(&w).copied().unwrap_or(0).max(1);
        match self.counts.rarity.get(df as usize) {
            Some(&x) => x,
            None => rarity(self.counts.n, df),
        }
    }

    /// The share of `words`' weight found in `other`.
    fn cover(&self, words: &[u32], other: &[u32]) -> f64 {
        cover_in(words, other, |w| self.weight_in(&self.counts.df, w))
    }

    /// How alike the leads (headline and first sentence) of `i` and `j` are:
    /// twice the weight of the words both hold over the weight of all of
    /// each's, words weighed as [`Heads::cover`] weighs them.
    fn lead_likeness(&self, i: usize, j: usize) -> f64 {
        let weight = |w: u32| self.weight_in(&self.counts.df, w);
        weighed_likeness(&self.lead[i], &self.lead[j], weight).unwrap_or(0.0)
    }

    /// `words` weighed as [`Heads::cover`] weighs them, once for the many
    /// neighbours they are set against.
    fn weighed(&self, words: &[u32]) -> Weighed {
        Weighed::of(words, |w| self.weight_in(&self.counts.df, w))
    }

    /// [`Heads::weighed`] on stems, weighed as `stems` counts them.
    fn weighed_stems(&self, words: &[u32]) -> Weighed {
        Weighed::of(words, |w| self.weight_in(&self.counts.stem_df, w))
    }
}

/// Words with their weights, worked out once: a flash or a correction is
/// set against hundreds of neighbours, and each weight is a table lookup.
struct Weighed {
    words: Vec<(u32, f64)>,
    total: f64,
}

impl Weighed {
    fn of(words: &[u32], weight: impl Fn(u32) -> f64) -> Weighed {
        let words: Vec<(u32, f64)> = words.iter().map(|&w| (w, weight(w))).collect();
        let total = words.iter().map(|w| w.1).sum();
        Weighed { words, total }
    }

    /// The share of the words' weight found in `other` (see [`cover_in`]).
    fn cover(&self, other: &[u32]) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let found: f64 = self
            .words
            .iter()
            .filter(|w| other.binary_search(&w.0).is_ok())
            .map(|w| w.1)
            .sum();
        found / self.total
    }
}

/// How rare a word held by `df` of `n` articles is: the log of their ratio.
fn rarity(n: usize, df: u32) -> f64 {
    ((n as f64 + 1.0) / f64::from(df)).ln().max(0.0)
}

/// The share of `words`' weight, as `weight` weighs each, found in `other`.
fn cover_in(words: &[u32], other: &[u32], weight: impl Fn(u32) -> f64) -> f64 {
    let total: f64 = words.iter().map(|&w| weight(w)).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let found: f64 = words
        .iter()
        .filter(|w| other.binary_search(w).is_ok())
        .map(|&w| weight(w))
        .sum();
    found / total
}

/// Whether an article is a flash: a real headline and no body.
fn is_flash(a: &Article) -> bool {
    a.body.is_empty() && a.title_rule != TitleRule::FileName
}

/// The best of `candidates` by score, if it is good enough and clearly ahead.
fn best(mut scored: Vec<(u32, f64)>, least: f64) -> Option<(u32, f64)> {
    scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let top = *scored.first()?;
    let next = scored.get(1).map_or(0.0, |s| s.1);
    (top.1 >= least && top.1 - next >= MARGIN).then_some(top)
}

/// The ids within `reach` of `i` in the folder's order, nearest first.
fn neighbours(i: usize, reach: usize, n: usize) -> impl Iterator<Item = usize> {
    (1..=reach).flat_map(move |d| {
        let before = i.checked_sub(d);
        let after = (i + d < n).then_some(i + d);
        before.into_iter().chain(after)
    })
}

/// Whether two articles may be on one day: unknown days always may.
fn same_day(a: &Traits, b: &Traits) -> bool {
    match (a.day, b.day) {
        (Some(x), Some(y)) => x.gap(y) <= 1,
        _ => true,
    }
}

/// The pair of a flash and its story (or its corrected flash), if one stands out.
fn flash_pair(
    articles: &[Article],
    heads: &Heads,
    skeletons: &Skeletons,
    i: usize,
) -> Option<Edge> {
    // A recurring notice's flash is like the others of its kind: no story of its own.
    if skeletons.templated(heads.traits[i].skeleton) {
        return None;
    }
    let words = &heads.title[i];
    if words.len() < 3 {
        return None;
    }
    let words = heads.weighed(words);
    let scored: Vec<(u32, f64)> = neighbours(i, FLASH_REACH, articles.len())
        .filter(|&j| same_day(&heads.traits[i], &heads.traits[j]))
        .map(|j| {
            let other = &articles[j];
            let against = if other.body.is_empty() {
                &heads.title[j]
            } else {
                &heads.lead[j]
            };
            (j as u32, words.cover(against))
        })
        .collect();
    let (j, score) = best(scored, FLASH_COVER).or_else(|| flash_in_opening(articles, heads, i))?;
    let (a, b) = (i.min(j as usize) as u32, i.max(j as usize) as u32);
    Some(Edge {
        a,
        b,
        similarity: score as f32,
        containment: 1.0,
        found: Found::Flash,
    })
}

/// The story of flash `i` among stories alone, when its pair is another flash
/// or none: a flash and its corrected or repeated flash are alike, and each
/// is a version of the story too, but against the other flash the story does
/// not stand out. Flashes are weighed as [`flash_pair`] weighs them.
fn flash_story(
    articles: &[Article],
    heads: &Heads,
    skeletons: &Skeletons,
    i: usize,
) -> Option<Edge> {
    let words = &heads.title[i];
    if skeletons.templated(heads.traits[i].skeleton) || words.len() < 3 {
        return None;
    }
    let words = heads.weighed(words);
    let scored: Vec<(u32, f64)> = neighbours(i, FLASH_REACH, articles.len())
        .filter(|&j| !articles[j].body.is_empty())
        .filter(|&j| same_day(&heads.traits[i], &heads.traits[j]))
        .map(|j| (j as u32, words.cover(&heads.lead[j])))
        .collect();
    let (j, score) = best(scored, FLASH_COVER)?;
    let (a, b) = (i.min(j as usize) as u32, i.max(j as usize) as u32);
    Some(Edge {
        a,
        b,
        similarity: score as f32,
        containment: 1.0,
        found: Found::Flash,
    })
}

/// The story of flash `i` found on stems of its opening paragraphs, for a flash
/// whose words are not in its story's headline and first sentence: the flash
/// gives a later paragraph's news, or the same words in another form. Wider
/// text finds more look-alikes, so the story must also be about the flash's
/// subject: one headline's first word is in the other (a story on the
/// Bundesbank is not a Bank of France flash's, though it names that bank), and
/// when the story's headline leads with a name in angle brackets (`FORD <F>`),
/// the flash names it too.
fn flash_in_opening(articles: &[Article], heads: &Heads, i: usize) -> Option<(u32, f64)> {
    let st = heads.stems.as_ref()?;
    let stems = heads.weighed_stems(&st.stem_title[i]);
    let scored: Vec<(u32, f64)> = neighbours(i, FLASH_REACH, articles.len())
        .filter(|&j| same_day(&heads.traits[i], &heads.traits[j]))
        .map(|j| {
            let against = if articles[j].body.is_empty() {
                &st.stem_title[j]
            } else {
                &heads.opening[j]
            };
            (j as u32, stems.cover(against))
        })
        .collect();
    let (j, score) = best(scored, FLASH_COVER)?;
    let k = j as usize;
    let within = |s: Option<u32>, title: &[u32]| s.is_some_and(|s| title.binary_search(&s).is_ok());
    let same_subject =
        within(st.subject[k], &st.stem_title[i]) || within(st.subject[i], &st.stem_title[k]);
    let mine = &heads.bare[i];
    let name = &st.name[k];
    let named = name.is_empty() || name.iter().any(|w| mine.binary_search(w).is_ok());
    (same_subject && named).then_some((j, score))
}

/// The headline a correction notice names, as written in it, if it names one.
pub(crate) fn named_headline(a: &Article) -> Option<String> {
    let opens = |t: &str| {
        t.as_bytes()
            .get(..10)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"correction"))
    };
    let notice = opens(&a.title) || a.paragraphs().next().is_some_and(opens);
    if !notice {
        return None;
    }
    let text: String = a.paragraphs().take(2).collect::<Vec<_>>().join(" ");
    // `headlined "X"`, `item "X"`, `story "X"`, `+X+`, or `item X, please read`.
    for open in ['"', '“', '+'] {
        if let Some(start) = text.find(open) {
            let rest = &text[start + open.len_utf8()..];
            let close = match open {
                '“' => '”',
                c => c,
            };
            if let Some(end) = rest.find(close)
                && end > 8
            {
                return Some(rest[..end].to_string());
            }
        }
    }
    let lower = text.to_lowercase();
    for marker in ["headlined ", "item ", "story "] {
        if let Some(at) = lower.find(marker) {
            let rest = &text[at + marker.len()..];
            let end = rest
                .to_lowercase()
                .find(", please")
                .or_else(|| rest.to_lowercase().find(" please"))
                .or_else(|| rest.find(','))?;
            if end > 8 {
                return Some(rest[..end].to_string());
            }
        }
    }
    // Else the notice's own headline, after `CORRECTION -`, names the item.
    let own = a
        .title
        .trim_start_matches(|c: char| !c.is_whitespace())
        .trim();
    let own = own.trim_start_matches(['-', '–', '—', ' ']).trim();
    (own.len() > 8).then(|| own.to_string())
}

/// The pair of a correction notice and the item it names, if one stands out.
fn notice_pair(articles: &[Article], heads: &Heads, i: usize) -> Option<Edge> {
    let named = heads.named[i].as_deref()?;
    let words = word_set(&[named]);
    if words.len() < 2 {
        return None;
    }
    let words = heads.weighed(&words);
    let scored: Vec<(u32, f64)> = neighbours(i, NOTICE_REACH, articles.len())
        .filter(|&j| heads.named[j].is_none())
        .map(|j| (j as u32, words.cover(&heads.title[j])))
        .filter(|s| s.1 > 0.3)
        .collect();
    let (j, score) = best_item(scored, NOTICE_COVER, |x, y| {
        heads.title[x as usize] == heads.title[y as usize]
    })?;
    let (a, b) = (i.min(j as usize) as u32, i.max(j as usize) as u32);
    Some(Edge {
        a,
        b,
        similarity: score as f32,
        containment: 1.0,
        found: Found::Notice,
    })
}

/// Most sends of one item under one headline that a notice naming that headline
/// is set against as one: more are a recurring notice's days.
const ITEM_SENDS: usize = 3;

/// [`best`] among candidates in the folder's order, nearest first, where those
/// that `same_item` says carry the best one's headline are that item sent again
/// (the nearest stands for them) rather than rivals it must beat.
fn best_item(
    mut scored: Vec<(u32, f64)>,
    least: f64,
    same_item: impl Fn(u32, u32) -> bool,
) -> Option<(u32, f64)> {
    // A stable sort keeps the nearest first among equals.
    scored.sort_by(|x, y| y.1.total_cmp(&x.1));
    let top = *scored.first()?;
    let sends = scored.iter().filter(|s| same_item(top.0, s.0)).count();
    if sends > ITEM_SENDS {
        return None;
    }
    let next = scored
        .iter()
        .find(|s| !same_item(top.0, s.0))
        .map_or(0.0, |s| s.1);
    (top.1 >= least && top.1 - next >= MARGIN).then_some(top)
}

/// How far apart in days a correction may follow its item.
const CORRECTION_DAYS: u16 = 7;

/// The item an article marked as a correction corrects, if one stands out among its
/// neighbours: the same headline but for figures (and for `CORRECTED`), the same
/// company where tickers are named, within a week.
fn corrected_pair(articles: &[Article], heads: &Heads, i: usize) -> Option<Edge> {
    let mine = &heads.traits[i];
    let words = &heads.bare[i];
    if !mine.corrects || words.len() < 2 {
        return None;
    }
    let weighed = heads.weighed(words);
    // Read once, set against the few neighbours whose headlines score.
    let lead = Lead::of(&articles[i]);
    let scored: Vec<(u32, f64)> = neighbours(i, NOTICE_REACH, articles.len())
        .filter(|&j| {
            let other = &heads.traits[j];
            let near = match (mine.day, other.day) {
                (Some(x), Some(y)) => x.gap(y) <= CORRECTION_DAYS,
                _ => true,
            };
            // A notice naming the item is another correction of it, not the item.
            near && !other_parties(&mine.tickers, &other.tickers)
                && !articles[j].title.is_empty()
                && heads.named[j].is_none()
        })
        .map(|j| {
            let shared_ticker = mine
                .tickers
                .iter()
                .any(|t| heads.traits[j].tickers.binary_search(t).is_ok());
            let score = weighed.cover(&heads.bare[j]) + if shared_ticker { 0.15 } else { 0.0 };
            (j as u32, score.min(1.0))
        })
        .filter(|s| s.1 > 0.3)
        .filter(|&(j, _)| {
            let j = j as usize;
            !other_headline_days(&articles[i].title, &articles[j].title)
                && (heads.traits[j].corrects || lead.agrees(&articles[j]))
        })
        .collect();
    // Of one company's items, the one holding a figure the correction gives
    // (`to 485,380 dlrs from 528,790 dlrs reported earlier`) is the one it
    // corrects.
    let figures = distinctive_figures(&articles[i].body);
    let ranked: Vec<(u32, f64)> = scored
        .iter()
        .map(|&(j, s)| {
            let named = distinctive_figures(&articles[j as usize].body)
                .iter()
                .any(|f| figures.binary_search(f).is_ok());
            (j, s + if named { FIGURE_NAMED } else { 0.0 })
        })
        .collect();
    let (j, _) = best(ranked, NOTICE_COVER)?;
    let score = scored.iter().find(|s| s.0 == j).map_or(0.0, |s| s.1);
    if score < NOTICE_COVER {
        return None;
    }
    let (a, b) = (i.min(j as usize) as u32, i.max(j as usize) as u32);
    Some(Edge {
        a,
        b,
        similarity: score as f32,
        containment: 1.0,
        found: Found::Notice,
    })
}

/// The day a headline names (`VOLUME-APRIL 6`), as `month * 31 + day`.
fn headline_day(title: &str) -> Option<u16> {
    let mut words = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    while let Some(w) = words.next() {
        if let Some(month) = crate::date::month_exact(w) {
            let mut after = words.clone();
            if let Some(day) = after.next().and_then(|d| d.parse::<u16>().ok())
                && (1..=31).contains(&day)
            {
                return Some(u16::from(month) * 31 + day);
            }
        }
    }
    None
}

/// Whether both headlines name a day and other days: a corrected daily table
/// corrects that day's, not the next day's under the same template.
fn other_headline_days(a: &str, b: &str) -> bool {
    matches!((headline_day(a), headline_day(b)), (Some(x), Some(y)) if x != y)
}

/// Least share of a corrected story's lead words the item's opening holds
/// (when both have a body): a story marked `CORRECTED` is its item sent
/// again, and one company's other news shares its name, not its lead.
const CORRECTED_LEAD_COVER: f64 = 0.3;

/// The words and figures of the first paragraphs of a story marked
/// `CORRECTED` (a table's lines are paragraphs), which the item it sends
/// again holds; none for a notice or a follow-up, which tells the correction
/// in words of its own, or for a flash.
struct Lead(Option<Vec<String>>);

impl Lead {
    fn of(corrected: &Article) -> Lead {
        let resent = corrected.title.to_ascii_lowercase().contains("corrected");
        let words = lead_words(&corrected.paragraphs().take(4).collect::<Vec<_>>().join(" "));
        Lead((resent && !words.is_empty()).then_some(words))
    }

    /// Whether `item`'s first paragraphs hold enough of the lead to be the
    /// story it sends again (an item without a body may be).
    fn agrees(&self, item: &Article) -> bool {
        let Some(mine) = &self.0 else {
            return true;
        };
        if item.body.is_empty() {
            return true;
        }
        let theirs = lead_words(&item.paragraphs().take(8).collect::<Vec<_>>().join(" "));
        let found = mine
            .iter()
            .filter(|w| theirs.binary_search(w).is_ok())
            .count();
        found as f64 >= CORRECTED_LEAD_COVER * mine.len() as f64
    }
}

/// A text's words of three letters or more and its figures, lower-cased,
/// sorted, each once.
fn lead_words(text: &str) -> Vec<String> {
    let mut w: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3 || w.bytes().any(|b| b.is_ascii_digit()))
        .map(str::to_lowercase)
        .collect();
    w.sort_unstable();
    w.dedup();
    w
}

/// What holding a figure the correction gives adds to an item's score: more
/// than the margin by which the best must lead.
const FIGURE_NAMED: f64 = 0.25;

/// The distinctive figures (see [`is_distinctive`]) of a text, sorted, each once.
fn distinctive_figures(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = tokens::tokens(text)
        .into_iter()
        .map(|r| &text[r])
        .filter(|w| is_distinctive(w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a figure singles out one report: four digits or more (`110,552`,
/// `17.50`, `170,000`), or a fraction (`6-3/4`); a year alone (`1987`) and a
/// price step (`1.00`) do not.
fn is_distinctive(w: &str) -> bool {
    let digits = w.bytes().filter(u8::is_ascii_digit).count();
    let year = w.len() == 4 && digits == 4 && (w.starts_with("19") || w.starts_with("20"));
    !year && (digits >= 4 || (digits >= 2 && w.contains('/')))
}

/// The texts `p` writes in angle brackets (`<GM>`, `<Hunter Helicopter of
/// Nevada Inc>`), up to 60 bytes each: tickers and the names of companies.
fn brackets(p: &str) -> impl Iterator<Item = &str> {
    let mut rest = p;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find('<')?;
            let after = &rest[open + 1..];
            let close = after.find('>')?;
            rest = &after[close..];
            if (1..=60).contains(&close) {
                return Some(&after[..close]);
            }
        }
    })
}

/// The tickers a headline names in angle brackets (`<BT>`, `<SPTN.O>`), hashed,
/// sorted, each once: whose news it is. A story may name others in its body
/// (`Bankers Trust Co <BT>, which also quotes its rate`), its headline does not.
fn headline_tickers(title: &str) -> Vec<u32> {
    let mut out: Vec<u32> = brackets(title)
        .filter(|t| super::traits::is_ticker(t))
        .map(|t| xxhash_rust::xxh3::xxh3_64(t.as_bytes()) as u32)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The name a headline leads with: the words before its first angle bracket
/// (`GELCO` of `GELCO <GEL> TO SELL UNIT`), or the bracketed name it opens with
/// (`<RIEDEL ENVIRONMENTAL> GETS CONTRACT`); empty when it names none.
fn headline_name(title: &str) -> &str {
    match title.find('<') {
        Some(0) => brackets(title).next().unwrap_or(""),
        Some(open) => &title[..open],
        None => "",
    }
}

/// Whether `i` and `j` are one company's news under two tickers, one misspelt
/// (`MURRAY OHIO <MUR>` and `MURRAY OHIO <MYO>`): each names one ticker only,
/// in its headline, the tickers begin with one letter, and the headlines lead
/// with the same name.
fn misspelt_ticker(articles: &[Article], heads: &Heads, i: usize, j: usize) -> bool {
    let (ti, tj) = (&heads.traits[i].tickers, &heads.traits[j].tickers);
    let (ni, nj) = (&heads.title_name[i], &heads.title_name[j]);
    let initial = |k: usize| {
        brackets(&articles[k].title)
            .find(|t| super::traits::is_ticker(t))
            .map(|t| t.as_bytes()[0])
    };
    ti.len() == 1
        && tj.len() == 1
        && ti != tj
        && heads.title_tickers[i] == *ti
        && heads.title_tickers[j] == *tj
        && !ni.is_empty()
        && ni == nj
        && initial(i) == initial(j)
}

/// Words that end a company's name whoever it is (`Corp`, `Inc`).
const NAME_ENDINGS: &[&str] = &[
    "corp",
    "corporation",
    "inc",
    "co",
    "cos",
    "ltd",
    "plc",
    "ag",
    "sa",
    "nv",
    "group",
    "us",
];

/// Who the first sentence of `a`'s body says is speaking, as the stems of the
/// capitalised words before its first `said` or `says` (`Moody's Investors
/// Service Inc said ...`), company endings left out: none when the speaker
/// is not named (`The company said`) or the sentence names none in its first
/// words. Two accounts of one announcement quote one party; the Moody's and
/// the Standard and Poor's story on one company's debt are two stories.
fn speaker(a: &Article) -> Vec<u32> {
    let Some(first) = a.paragraphs().next() else {
        return Vec::new();
    };
    let lead = match first.find(" - ") {
        Some(at) if at < 80 => &first[at + 3..],
        _ => first,
    };
    let sentence = sentences::first(lead).unwrap_or(lead);
    let mut words: Vec<&str> = Vec::new();
    let mut said = false;
    tokens::for_each(sentence, |r| {
        if said || words.len() > 10 {
            return;
        }
        let w = &sentence[r];
        if w == "said" || w == "says" {
            said = true;
        } else {
            words.push(w);
        }
    });
    if !said || words.len() > 10 {
        return Vec::new();
    }
    let (mut w, mut st) = (String::new(), String::new());
    let mut out: Vec<u32> = words
        .iter()
        .filter(|x| x.starts_with(|c: char| c.is_uppercase()))
        .filter_map(|x| {
            normalize::word_into(x, &mut w);
            let w = w.strip_suffix("'s").unwrap_or(&w);
            (!STOPWORDS.contains(&w) && !NAME_ENDINGS.contains(&w)).then(|| {
                stems::stem_into(w, &mut st);
                xxhash_rust::xxh3::xxh3_64(st.as_bytes()) as u32
            })
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The names `a`'s headline and first two paragraphs write in angle brackets,
/// each as its stems: who the story is about.
fn bracketed_names(a: &Article, cache: &mut WordCache) -> Vec<Vec<u32>> {
    std::iter::once(a.title.as_ref())
        .chain(a.paragraphs().take(2))
        .flat_map(brackets)
        .map(|name| stem_set_in(&[name], cache))
        .filter(|stems| !stems.is_empty())
        .collect()
}

/// Adds to `marks` the figure `raw` is, if it singles out one report (see
/// [`is_distinctive`]). A report's marks are its headline's and first two
/// paragraphs' distinctive figures and the names they write in angle brackets
/// (`<Hunter Helicopter of Nevada Inc>`, `<GM>`), hashed: figures have the low
/// bit set, names not.
fn mark_figure(raw: &str, marks: &mut Vec<u32>) {
    let w = raw.trim_end_matches(['.', ',']);
    if is_distinctive(w) {
        marks.push(xxhash_rust::xxh3::xxh3_64(w.as_bytes()) as u32 | 1);
    }
}

/// Adds to `marks` the names `p` writes in angle brackets (see [`mark_figure`]).
fn mark_names(p: &str, marks: &mut Vec<u32>) {
    let mut name = String::new();
    for written in brackets(p) {
        name.clear();
        name.extend(
            written
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
        marks.push(xxhash_rust::xxh3::xxh3_64(name.as_bytes()) as u32 & !1);
    }
}

/// Whether a body is a results table (`Shr 54 cts vs 49 cts`, `Oper shr ...`,
/// `Qtly div ...`) rather than a story told in sentences: its lead starts with
/// a table's label, or, when the lead is a short line naming the period
/// (`Nine months ended August 31`, `Qtr ends April 30`), the next paragraph does.
fn is_table(a: &Article) -> bool {
    let mut paragraphs = a.paragraphs();
    let Some(first) = paragraphs.next() else {
        return false;
    };
    let lead = match first.find(" - ") {
        Some(at) if at < 80 => &first[at + 3..],
        _ => first,
    };
    let labelled = |text: &str| {
        let text = text.trim_start().as_bytes();
        [
            &b"shr"[..],
            b"oper shr",
            b"primary shr",
            b"group shr",
            b"qtly div",
            b"net ",
        ]
        .iter()
        .any(|p| {
            text.get(..p.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(p))
        })
    };
    // A period line is short and says nothing: a sentence has a verb like `said`.
    let period = lead.len() <= 60 && !lead.contains(" said") && !lead.contains(" says");
    labelled(lead) || (period && paragraphs.next().is_some_and(labelled))
}

/// How many of two sorted lists' values both hold.
fn common_count(a: &[u32], b: &[u32]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// The other account of the event `i` reports, if one stands out among its
/// neighbours: a rewrite in other words shares few phrases, but it names the
/// same company on the same day, gives the same distinctive figures, and its
/// headline says much the same. Templated reports (a daily table, a fund's
/// notice) are left out: their figures and headlines recur by design.
fn event_pair(
    articles: &[Article],
    heads: &Heads,
    skeletons: &Skeletons,
    i: usize,
) -> Option<Edge> {
    let mine = &heads.traits[i];
    let marks = &heads.marks[i];
    let words = &heads.event[i];
    if marks.len() < EVENT_MARKS
        || words.len() < 2
        || articles[i].body.is_empty()
        || skeletons.templated(mine.skeleton)
    {
        return None;
    }
    let weighed = heads.weighed(words);
    let scored: Vec<(u32, f64)> = neighbours(i, EVENT_REACH, articles.len())
        // Each pair once, from its later article.
        .filter(|&j| j < i)
        .filter(|&j| {
            let other = &heads.traits[j];
            // A rewrite runs the same day; the next day's story on it is
            // another story that shares its background.
            let same_day = matches!((mine.day, other.day), (Some(x), Some(y)) if x.gap(y) == 0);
            same_day
                && !articles[j].body.is_empty()
                // A results table and a story on them are two items.
                && heads.table[i] == heads.table[j]
                && !skeletons.templated(other.skeleton)
        })
        .filter_map(|j| {
            // A misspelt ticker names the party as the headline's name does.
            let misspelt = misspelt_ticker(articles, heads, i, j);
            if other_parties(&mine.tickers, &heads.traits[j].tickers) && !misspelt {
                return None;
            }
            let theirs = &heads.marks[j];
            let shared = common_count(marks, theirs) + usize::from(misspelt);
            let shared_figures = marks
                .iter()
                .filter(|&&x| x & 1 == 1 && theirs.binary_search(&x).is_ok())
                .count();
            // Both must be told: a figure (names alone recur all day) and a
            // name (a day's market reports from many towns share figures).
            if shared < EVENT_MARKS || shared_figures == 0 || shared_figures == shared {
                return None;
            }
            let cover = weighed
                .cover(&heads.event[j])
                .min(heads.cover(&heads.event[j], words));
            (cover >= EVENT_HEADLINE_COVER).then_some((j as u32, cover + 0.1 * shared as f64))
        })
        .collect();
    let (j, score) = best(scored, EVENT_HEADLINE_COVER)?;
    Some(Edge {
        a: j,
        b: i as u32,
        similarity: (score as f32).min(1.0) * 0.5,
        containment: 0.5,
        found: Found::Event,
    })
}

/// How alike the openings of `i` and `j` are, when they may be two accounts of
/// one event told in other words: both stories of one day (the next day's
/// story shares only background), neither from a template nor a results
/// table (see [`rewrite_best`]), and about one party: a ticker both name, or a name
/// one writes in angle brackets whose every word the other's opening has
/// (`<Schult Homes Corp>` and `Schult Homes Corp announced ...`), and no two
/// headlines naming other tickers (two banks raising one rate name each
/// other in their bodies, not in their headlines) nor two leads quoting other
/// speakers (see [`speaker`]) unless each names the other's. The likeness
/// is the weighed Dice coefficient of their opening stems, figures of any size
/// among them: two accounts give the same amounts (`100 mln`, `51 pct`) in
/// other words around them.
fn rewrite_likeness(
    articles: &[Article],
    heads: &Heads,
    skeletons: &Skeletons,
    i: usize,
    j: usize,
) -> Option<f64> {
    let (mine, other) = (&heads.traits[i], &heads.traits[j]);
    let same_day = matches!((mine.day, other.day), (Some(x), Some(y)) if x.gap(y) == 0);
    if !same_day || articles[j].body.is_empty() || heads.table[j] {
        return None;
    }
    let (a, b) = (&heads.opening[i], &heads.opening[j]);
    let within =
        |words: &[u32], opening: &[u32]| words.iter().all(|w| opening.binary_search(w).is_ok());
    let named_in = |i: usize, opening: &[u32]| heads.names.of(i).any(|n| within(n, opening));
    // The party first: most neighbours are about someone else.
    let misspelt = misspelt_ticker(articles, heads, i, j);
    let one_party = mine
        .tickers
        .iter()
        .any(|t| other.tickers.binary_search(t).is_ok())
        || named_in(i, b)
        || named_in(j, a)
        || misspelt;
    // A headline naming its party by ticker pairs only with a story whose
    // headline or first sentence names it too (the buyer's account of the
    // seller's deal): a story naming it further down or in passing (an
    // underwriter, the seller of another deal) is the other party's news.
    let (ti, tj) = (&heads.title_tickers[i], &heads.title_tickers[j]);
    let headline_party = ti.is_empty() == tj.is_empty() || {
        let (named, other) = if ti.is_empty() { (j, i) } else { (i, j) };
        let name = &heads.title_name[named];
        !name.is_empty() && within(name, &heads.lead[other])
    };
    if !one_party
        || !headline_party
        || (!misspelt
            && (other_parties(&mine.tickers, &other.tickers)
                || other_parties(&heads.title_tickers[i], &heads.title_tickers[j])))
    {
        return None;
    }
    // Two speakers are two accounts of one deal when each names the other
    // (the buyer's and the seller's), else two stories.
    let (said, told) = (&heads.speakers[i], &heads.speakers[j]);
    if other_parties(said, told) && !(within(said, b) && within(told, a)) {
        return None;
    }
    if skeletons.templated(other.skeleton) {
        return None;
    }
    weighed_likeness(a, b, |w| heads.weight_in(&heads.counts.opening_df, w))
}

/// Twice the weight of the words both sorted sets hold over the weight of all
/// of each's, as `weight` weighs each word; none when neither weighs anything.
fn weighed_likeness(a: &[u32], b: &[u32], weight: impl Fn(u32) -> f64) -> Option<f64> {
    let total: f64 = a.iter().chain(b.iter()).map(|&w| weight(w)).sum();
    let shared: f64 = a
        .iter()
        .filter(|w| b.binary_search(w).is_ok())
        .map(|&w| weight(w))
        .sum();
    (total > 0.0).then(|| 2.0 * shared / total)
}

/// The other account of the event story `i` reports in other words, if one
/// stands out among its neighbours by [`rewrite_likeness`]: what a second
/// desk writes of one company's news shares few phrases with the first
/// account, and no figure of four digits where the news has none, but the
/// same party, day, amounts and much of the same vocabulary. Each must be the
/// other's best; `best[k]` is [`rewrite_best`] of story `k`, worked out once
/// for every story.
fn rewrite_pair(best: &[Option<(u32, f64)>], i: usize) -> Option<Edge> {
    let (j, score) = best[i]?;
    // Each must be the other's best: a company with two stories that day
    // shares its name and background between them.
    if best[j as usize]?.0 != i as u32 {
        return None;
    }
    Some(Edge {
        a: j.min(i as u32),
        b: j.max(i as u32),
        similarity: (score as f32).min(1.0) * 0.5,
        containment: 0.5,
        found: Found::Event,
    })
}

/// The neighbour of story `i` that stands out by [`rewrite_likeness`], if one
/// does. A results table is left out: its words are the table's labels, alike
/// in every table of one company.
fn rewrite_best(
    articles: &[Article],
    heads: &Heads,
    skeletons: &Skeletons,
    i: usize,
) -> Option<(u32, f64)> {
    if articles[i].body.is_empty()
        || heads.table[i]
        || skeletons.templated(heads.traits[i].skeleton)
    {
        return None;
    }
    let scored: Vec<(u32, f64)> = neighbours(i, REWRITE_REACH, articles.len())
        .filter_map(|j| {
            rewrite_likeness(articles, heads, skeletons, i, j).map(|score| (j as u32, score))
        })
        .collect();
    lone_rewrite(heads, i, &scored).or_else(|| best(scored, REWRITE_OVERLAP))
}

/// The one neighbour of story `i` about its party that day, when there is
/// only one and both headlines name that party by one ticker: a second desk's
/// account of a company's only news that day has no rival to stand out from,
/// so it needs less likeness ([`LONE_REWRITE_OVERLAP`]), and less again
/// ([`LONE_LEAD_REWRITE_OVERLAP`]) when their leads say the same
/// ([`LEAD_ALIKE`]). As [`rewrite_pair`] asks each to be the other's best,
/// the other must have no rival either.
fn lone_rewrite(heads: &Heads, i: usize, scored: &[(u32, f64)]) -> Option<(u32, f64)> {
    let &[(j, score)] = scored else {
        return None;
    };
    let (ti, tj) = (&heads.title_tickers[i], &heads.title_tickers[j as usize]);
    // One ticker each: a headline naming two is a deal, and each side's news of
    // it (the bid, the target's answer) is a story of its own.
    if ti.len() != 1 || ti != tj || score < LONE_LEAD_REWRITE_OVERLAP {
        return None;
    }
    let least = if heads.lead_likeness(i, j as usize) >= LEAD_ALIKE {
        LONE_LEAD_REWRITE_OVERLAP
    } else {
        LONE_REWRITE_OVERLAP
    };
    (score >= least).then_some((j, score))
}

/// Articles whose headline pairs are found together: a million articles'
/// headline sets held at once took half a gigabyte, so a run of more is read
/// a block at a time, each with [`WINDOW_MARGIN`] articles on either side.
const BLOCK: usize = 1 << 17;

/// How far past its block a window reads: the farthest any rule looks, and a
/// rewrite pair asks each side's own best, which looks as far again.
const WINDOW_MARGIN: usize = {
    let reach = [NOTICE_REACH, 2 * REWRITE_REACH, EVENT_REACH, FLASH_REACH];
    let mut most = 0;
    let mut k = 0;
    while k < reach.len() {
        if reach[k] > most {
            most = reach[k];
        }
        k += 1;
    }
    most
};

/// Every flash pair, notice pair, corrected pair and event pair among
/// `articles` (ids equal positions).
pub(crate) fn pairs(articles: &[Article], traits: &[Traits], skeletons: &Skeletons) -> Vec<Edge> {
    pairs_by_block(articles, traits, skeletons, BLOCK)
}

/// [`pairs`], reading `block` articles at a time when there are more: the
/// words are counted over all of them first, so each window weighs them as
/// one reading of all would, and finds the same pairs.
fn pairs_by_block(
    articles: &[Article],
    traits: &[Traits],
    skeletons: &Skeletons,
    block: usize,
) -> Vec<Edge> {
    let n = articles.len();
    let mut found = if n <= block {
        let heads = Heads::of(articles, traits);
        pairs_among(articles, &heads, skeletons, 0..n)
    } else {
        let counts = Counts::of_all(articles);
        let mut found = Vec::new();
        for start in (0..n).step_by(block.max(1)) {
            let end = (start + block).min(n);
            let lo = start.saturating_sub(WINDOW_MARGIN);
            let hi = (end + WINDOW_MARGIN).min(n);
            let window = &articles[lo..hi];
            let heads = Heads::within(window, &traits[lo..hi], &counts);
            let mut edges = pairs_among(window, &heads, skeletons, start - lo..end - lo);
            for e in &mut edges {
                e.a += lo as u32;
                e.b += lo as u32;
            }
            found.append(&mut edges);
        }
        found
    };
    // Two accounts in other words may each find the other: each pair once.
    let mut seen = rustc_hash::FxHashSet::default();
    found.retain(|e| seen.insert((e.a, e.b)));
    found
}

/// The pairs that the articles at `these` positions of `articles` find
/// (ids equal positions), in order, a pair found from both sides twice.
fn pairs_among(
    articles: &[Article],
    heads: &Heads,
    skeletons: &Skeletons,
    these: std::ops::Range<usize>,
) -> Vec<Edge> {
    // Each story's best account in other words, once: a pair asks for both
    // sides' best.
    let rewrites: Vec<Option<(u32, f64)>> = (0..articles.len())
        .into_par_iter()
        .map(|i| rewrite_best(articles, heads, skeletons, i))
        .collect();
    these
        .into_par_iter()
        .flat_map_iter(|i| {
            let flash = is_flash(&articles[i]);
            let first = if flash {
                flash_pair(articles, heads, skeletons, i)
            } else {
                notice_pair(articles, heads, i)
            };
            let story = match &first {
                Some(e) if !articles[(e.a + e.b) as usize - i].body.is_empty() => None,
                _ if flash => flash_story(articles, heads, skeletons, i),
                _ => None,
            };
            let corrected = if first.is_none() {
                corrected_pair(articles, heads, i)
            } else {
                None
            };
            let event = if first.is_none() && corrected.is_none() {
                event_pair(articles, heads, skeletons, i).or_else(|| rewrite_pair(&rewrites, i))
            } else {
                None
            };
            first.into_iter().chain(story).chain(corrected).chain(event)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrected_story_is_not_the_item_of_another_day_or_other_news() {
        assert!(other_headline_days(
            "CORRECTED REPEAT-N.Y. COTTON ESTIMATED VOLUME-APRIL 6",
            "N.Y. COTTON ESTIMATED VOLUME-APRIL 7"
        ));
        assert!(!other_headline_days(
            "CORRECTED - COTTON VOLUME-APRIL 6",
            "COTTON VOLUME-APRIL 6"
        ));
        assert!(!other_headline_days(
            "ACME <ACM> PAYOUT",
            "ACME <ACM> SELLS UNIT"
        ));
        let (a, _) = crate::load::load_memory([
            (
                "payout.txt",
                "(CORRECTED) - ACME CORP <ACM> PAYOUT\n\nNEW YORK, March 19 - Qtly div 17.5 cts vs 17.5 cts prior\n    Payable April 15\n    Record March 31\n Reuter\n".as_bytes(),
            ),
            (
                "sale.txt",
                "ACME CORP <ACM> TO SELL PREFERRED\n\nMONTVALE, N.J., March 19 - Acme Corp said it filed for an offering of 140 mln dlrs of convertible preferred stock through underwriters.\n Reuter\n".as_bytes(),
            ),
            (
                "first.txt",
                "ACME CORP <ACM> PAYOUT\n\nNEW YORK, March 18 - Qtly div 17.5 cts vs 17.25 cts prior\n    Payable April 15\n    Record March 31\n Reuter\n".as_bytes(),
            ),
            (
                "notice.txt",
                "ACME <ACM> CORRECTS PAYOUT\n\nNEW YORK, March 19 - Acme Corp said the dividend it declared yesterday was unchanged from the prior payment.\n Reuter\n".as_bytes(),
            ),
        ]);
        // A re-send marked CORRECTED shares its item's lead; the company's
        // other news does not. A notice in words of its own needs not.
        let at = |name: &str| a.iter().find(|x| x.location.to_string() == name).unwrap();
        assert!(!Lead::of(at("payout.txt")).agrees(at("sale.txt")));
        assert!(Lead::of(at("payout.txt")).agrees(at("first.txt")));
        assert!(Lead::of(at("notice.txt")).agrees(at("first.txt")));
    }

    /// A story of no interest to any other, to fill a folder.
    fn filler(i: usize) -> String {
        format!("RAIN IN SPAIN {i}\n\nMADRID, March 3 - It rained on plain number {i}.\n Reuter\n")
    }

    /// Whether `found` pairs `a` and `b` (lower id first) by `how`.
    fn holds(
        found: &[Edge],
        how: Found,
        a: crate::article::ArticleId,
        b: crate::article::ArticleId,
    ) -> bool {
        found.iter().any(|e| e.found == how && (e.a, e.b) == (a, b))
    }

    /// The headline pairs found among these files.
    fn pairs_of_files(files: &[(String, String)]) -> Vec<Edge> {
        let a = crate::load::load_memory(files.iter().map(|(p, t)| (p.as_str(), t.as_bytes()))).0;
        let traits = crate::dedup::traits::all(&a);
        pairs(&a, &traits, &Skeletons::from_traits(&traits))
    }

    fn load(files: &[(&str, &str)]) -> Vec<Article> {
        crate::load::load_memory(files.iter().map(|(p, t)| (*p, t.as_bytes()))).0
    }

    #[test]
    fn flat_sets_give_back_each_articles_set() {
        let mut sets = Sets::with_capacity(4);
        for set in [&[3, 9][..], &[], &[1], &[]] {
            sets.push(set);
        }
        assert_eq!(sets.len(), 4);
        assert_eq!(&sets[0], &[3, 9]);
        assert!(sets[1].is_empty() && sets[3].is_empty());
        assert_eq!(&sets[2], &[1]);
        // Each value counted once per set that holds it.
        let counts = counts_of(&[&sets, &sets]);
        assert_eq!(counts.get(&3), Some(&2));
        assert_eq!(counts.len(), 3);
    }

    #[test]
    fn flat_sets_per_article_give_back_each_articles_sets() {
        let mut per = SetsPer::default();
        per.push(&[vec![1, 2], vec![7]]);
        per.push(&[]);
        per.push(&[vec![5]]);
        let of = |i| per.of(i).map(<[u32]>::to_vec).collect::<Vec<_>>();
        assert_eq!(of(0), vec![vec![1, 2], vec![7]]);
        assert!(of(1).is_empty());
        assert_eq!(of(2), vec![vec![5]]);
    }

    #[test]
    fn one_reading_of_an_opening_gives_each_rule_its_words() {
        let arts = load(&[
            (
                "a.txt",
                "GELCO <GEL> TO SELL TRUCK UNIT FOR 110,552 DLRS\n\nGelco Corp said it agreed to sell its truck unit. Terms were 157.40 dlrs a share.\n\nThe buyer is <Hunter Helicopter of Nevada Inc>.\n\nA third paragraph names 999,999 items.\n",
            ),
            ("b.txt", "GELCO TRUCK UNIT SOLD\n"),
        ]);
        let hash = |w: &str| xxhash_rust::xxh3::xxh3_64(w.as_bytes()) as u32;
        let mut cache = WordCache::default();
        let story = ArticleWords::of(&arts[0], &mut cache, true);
        let has = |set: &[u32], w: &str| set.binary_search(&hash(w)).is_ok();
        // The headline's words, and the lead's: the headline and first sentence.
        assert!(has(&story.title, "gelco") && has(&story.title, "truck"));
        assert!(has(&story.lead, "agreed") && has(&story.lead, "truck"));
        assert!(
            !has(&story.lead, "terms"),
            "the second sentence is not the lead"
        );
        // What happened, without the name the headline leads with or figures.
        assert!(has(&story.event, "sell") && !has(&story.event, "gelco"));
        assert!(!has(&story.event, "110,552"));
        assert!(has(&story.bare, "gelco") && has(&story.name, "gelco"));
        // Figures and bracketed names of the first two paragraphs only.
        let figure = |w: &str| story.marks.binary_search(&(hash(w) | 1)).is_ok();
        let name = |w: &str| story.marks.binary_search(&(hash(w) & !1)).is_ok();
        assert!(figure("110,552") && figure("157.40"));
        assert!(
            !figure("999,999"),
            "the third paragraph is past the opening"
        );
        assert!(name("gel") && name("hunterhelicopterofnevadainc"));
        assert!(!story.opening.is_empty());
        let mut stem = String::new();
        stems::stem_into("gelco", &mut stem);
        assert_eq!(
            story.subject,
            Some(hash(&stem)),
            "the headline's first bare word"
        );
        let flash = ArticleWords::of(&arts[1], &mut cache, false);
        assert!(
            flash.opening.is_empty(),
            "a flash has no opening but its headline"
        );
        assert_eq!(flash.lead, flash.title);
        assert!(
            flash.stem_title.is_empty() && flash.subject.is_none(),
            "no flash stems wanted"
        );
    }

    #[test]
    fn words_read_through_the_cache_are_read_as_afresh() {
        let texts = [
            "ACME Corp said it CORRECTED the figures, and Acme's shares rose",
            "acme corp correction: shares of Acme rose again",
        ];
        let mut cache = WordCache::default();
        for t in texts {
            let once = word_set_in(&[t], &mut cache);
            assert_eq!(once, word_set(&[t]));
            assert_eq!(
                once,
                word_set_in(&[t], &mut cache),
                "read again from the cache"
            );
            let stems = stem_set_in(&[t], &mut cache);
            assert_eq!(stems, stem_set_in(&[t], &mut WordCache::default()));
        }
        // Stopwords count for neither; a sending mark counts as a word, not a stem.
        let r = cache.read("the");
        assert!(r.word.is_none() && r.stem.is_none());
        let r = cache.read("CORRECTED");
        assert!(r.word.is_some() && r.stem.is_none());
        // Words and stems of other forms of one word meet on the stem only.
        let (a, b) = (cache.read("charges"), cache.read("charged"));
        assert_ne!(a.word, b.word);
        assert_eq!(a.stem, b.stem);
    }

    #[test]
    fn stopwords_are_told_on_their_length_and_then_their_letters() {
        assert!(
            STOPWORDS.iter().all(|w| w.len() <= 5),
            "is_stopword skips longer words"
        );
        assert!(STOPWORDS.iter().all(|w| is_stopword(w)));
        assert!(!is_stopword("acme") && !is_stopword("offshore"));
    }

    #[test]
    fn a_word_is_weighed_by_its_count_alike_from_the_table_and_worked_out() {
        let a = load(&[("a.txt", "ACME BUYS WIDGET\n\nAcme said it bought Widget.\n")]);
        let traits = crate::dedup::traits::all(&a);
        let heads = Heads::of(&a, &traits);
        let df: HashMap<u32, u32> = [(7, 1), (8, 2)].into_iter().collect();
        assert_eq!(heads.weight_in(&df, 7), rarity(1, 1));
        assert_eq!(
            heads.weight_in(&df, 8),
            0.0,
            "past the table: held by more than all"
        );
        assert_eq!(
            heads.weight_in(&df, 9),
            rarity(1, 1),
            "unheld counts as one"
        );
        assert!(rarity(1, 1) > 0.0);
    }

    #[test]
    fn a_notice_names_the_item_it_corrects() {
        let a = load(&[(
            "n.txt",
            "\n\nCORRECTION - ACME ITEM\n    In Boston item headlined \"ACME <ACM> 4TH QTR NET\" please read net as 4.1 mln, not 4.7 mln.\n Reuter\n",
        )]);
        assert_eq!(
            named_headline(&a[0]).as_deref(),
            Some("ACME <ACM> 4TH QTR NET")
        );
        let b = load(&[(
            "m.txt",
            "\n\nCORRECTION - WIDGET CO ITEM\n    In Boston item WIDGET CO <WDG> YEAR NET, please read shares as 2.1 mln.\n Reuter\n",
        )]);
        assert_eq!(
            named_headline(&b[0]).as_deref(),
            Some("WIDGET CO <WDG> YEAR NET")
        );
    }

    #[test]
    fn a_notice_pairs_with_an_item_sent_more_than_once() {
        let item = |day: u32| {
            format!(
                "ACME <ACM> BUYS WIDGET MAKER\n\nBOSTON, March {day} - Acme Corp said it agreed to buy Widget Co for 10 mln dlrs.\n Reuter\n"
            )
        };
        let notice = "\n\nCORRECTION - ACME ITEM\n    In Boston item headlined \"ACME <ACM> BUYS WIDGET MAKER\" please read price as 12 mln dlrs, not 10 mln.\n Reuter\n";
        let mut files: Vec<(String, String)> =
            (0..3).map(|i| (format!("{i:02}.txt"), filler(i))).collect();
        files.push(("10.txt".into(), item(2)));
        files.push(("11.txt".into(), item(3)));
        files.push(("12.txt".into(), notice.into()));
        // The item sent twice under its headline is one item, not two rivals.
        let found = pairs_of_files(&files);
        assert!(holds(&found, Found::Notice, 4, 5), "{found:?}");
        // Sent every day of a week, the headline is a recurring notice's.
        let mut files: Vec<(String, String)> =
            (0..3).map(|i| (format!("{i:02}.txt"), filler(i))).collect();
        for day in 2..8 {
            files.push((format!("1{day}.txt"), item(day)));
        }
        files.push(("20.txt".into(), notice.into()));
        let found = pairs_of_files(&files);
        assert!(!found.iter().any(|e| e.found == Found::Notice), "{found:?}");
    }

    #[test]
    fn a_correction_pairs_with_the_item_holding_the_figure_it_replaces() {
        let table = "ZETA MINING <ZTM> 4TH QTR NET\n\nDENVER, March 6 - Shr two cts vs one ct\n    Net 612,455 vs 301,822\n    Revs 2,104,377 vs 880,912\n Reuter\n";
        let outlook = "ZETA MINING <ZTM> SEES OUTPUT RISE\n\nDENVER, March 6 - Zeta Mining Corp said it expects silver output to double this year from 41,250 ounces.\n Reuter\n";
        let fix = "ZETA MINING <ZTM> CORRECTS NET\n\nDENVER, March 6 - Zeta Mining Corp said it corrected its fourth quarter net to 598,100 dlrs from 612,455 dlrs reported earlier today.\n Reuter\n";
        let mut files: Vec<(String, String)> =
            (0..3).map(|i| (format!("{i:02}.txt"), filler(i))).collect();
        files.push(("10.txt".into(), table.into()));
        files.push(("11.txt".into(), outlook.into()));
        files.push(("12.txt".into(), fix.into()));
        let found = pairs_of_files(&files);
        assert!(holds(&found, Found::Notice, 3, 5), "{found:?}");
        assert!(!holds(&found, Found::Notice, 4, 5), "{found:?}");
    }

    /// Whether `one` and `second`, filed after three unrelated stories, pair
    /// as two accounts of one event.
    fn events_pair(one: &str, second: &str) -> bool {
        let mut files: Vec<(String, String)> =
            (0..3).map(|i| (format!("{i:02}.txt"), filler(i))).collect();
        files.push(("10.txt".into(), one.into()));
        files.push(("11.txt".into(), second.into()));
        holds(&pairs_of_files(&files), Found::Event, 3, 4)
    }

    #[test]
    fn two_accounts_of_one_event_pair_and_look_alikes_do_not() {
        let one = "CHRYSLER <C> FEBRUARY CAR OUTPUT OFF\n\nDETROIT, March 3 - Chrysler Corp said its car production in February totalled 110,552 units against 123,092 a year ago.\n    Truck output was 21,177.\n Reuter\n";
        let other = "CHRYSLER <C> FEBRUARY CAR OUTPUT DOWN\n\nDETROIT, March 3 - The number three automaker built 110,552 cars last month, down from 123,092, it said.\n    Trucks made up the rest.\n Reuter\n";
        let next_day = "CHRYSLER <C> FEBRUARY CAR OUTPUT DOWN\n\nDETROIT, March 4 - Analysts weighed the 110,552 cars Chrysler built last month, down from 123,092.\n    Shares eased.\n Reuter\n";
        let no_figures = "CHRYSLER <C> FEBRUARY CAR OUTPUT DOWN\n\nDETROIT, March 3 - Chrysler said production fell in February from a year ago.\n    Trucks made up the rest.\n Reuter\n";
        let other_company = "FORD <F> FEBRUARY CAR OUTPUT DOWN\n\nDETROIT, March 3 - Ford said it built 110,552 cars last month, down from 123,092.\n    Trucks made up the rest.\n Reuter\n";
        for (second, paired) in [
            (other, true),
            (next_day, false),
            (no_figures, false),
            (other_company, false),
        ] {
            assert_eq!(events_pair(one, second), paired, "{second}");
        }
    }

    #[test]
    fn two_accounts_in_other_words_of_one_partys_news_pair_and_look_alikes_do_not() {
        // No figure of four digits, and few phrases in common: the event rule
        // cannot pair them, but the party, day, amount and vocabulary are one.
        let one = "RIEDEL <RETI> UNIT SELECTED FOR EPA CONTRACT\n\nPORTLAND, March 3 - Riedel Environmental Technologies Inc said its unit won a contract with the Environmental Protection Agency that could total over 100 mln dlrs over the next four years.\n    The unit will act as prime contractor for the cleanup of hazardous waste sites in 23 states west of the Mississippi.\n Reuter\n";
        let other = "RIEDEL ENVIRONMENT <RETI> UNIT GETS EPA CONTRACT\n\nPORTLAND, March 3 - A subsidiary of Riedel Environmental Technologies Inc received a contract to clean up hazardous waste sites in 23 states west of the Mississippi River.\n    The contract, which could total more than 100 mln dlrs over four years, is with the Environmental Protection Agency, the company said.\n Reuter\n";
        // The party named in angle brackets by one and in plain words by the other.
        let bracketed = "<RIEDEL ENVIRONMENTAL TECHNOLOGIES> GETS EPA CONTRACT\n\nPORTLAND, March 3 - A subsidiary of <Riedel Environmental Technologies Inc> received a contract to clean up hazardous waste sites in 23 states west of the Mississippi River.\n    The contract, which could total more than 100 mln dlrs over four years, is with the Environmental Protection Agency, the company said.\n Reuter\n";
        let unnamed = "UNIT GETS EPA CONTRACT\n\nPORTLAND, March 3 - A subsidiary received a contract to clean up hazardous waste sites in 23 states west of the Mississippi River.\n    The contract, which could total more than 100 mln dlrs over four years, is with the Environmental Protection Agency, the company said.\n Reuter\n";
        let next_day = other.replace("March 3", "March 4");
        let other_company = other
            .replace("RIEDEL ENVIRONMENT <RETI>", "ACME <ACM>")
            .replace("Riedel Environmental Technologies", "Acme");
        let other_news = "RIEDEL <RETI> NAMES NEW PRESIDENT\n\nPORTLAND, March 3 - Riedel Environmental Technologies Inc said it named John Smith president, succeeding Mary Jones, who retires.\n    Smith was chief of its cleanup unit.\n Reuter\n";
        for (second, paired) in [
            (other, true),
            (bracketed, true),
            (unnamed, false),
            (&next_day, false),
            (&other_company, false),
            (other_news, false),
        ] {
            assert_eq!(events_pair(one, second), paired, "{second}");
        }
    }

    #[test]
    fn a_lone_account_in_other_words_of_one_tickers_news_needs_less_likeness() {
        let files = [
            (
                "0.txt",
                "ALLWASTE <ALWS.O> TO MAKE ACQUISITION\n\nHOUSTON, Oct 19 - Allwaste Inc said it agreed to acquire a tank cleaning firm.\n Reuter\n",
            ),
            (
                "1.txt",
                "ALLWASTE <ALWS.O> TO ACQUIRE FIRM\n\nHOUSTON, Oct 19 - Allwaste Inc said it will buy Tank Cleaning Co for shares.\n Reuter\n",
            ),
            (
                "2.txt",
                "ALLWASTE <ALWS.O>, TANK <TNK> IN PACT\n\nHOUSTON, Oct 19 - Allwaste Inc said it will buy Tank Cleaning Co for shares.\n Reuter\n",
            ),
            (
                "3.txt",
                "ACME <ACM> TO ACQUIRE FIRM\n\nHOUSTON, Oct 19 - Acme Inc said it will buy Tank Cleaning Co for shares.\n Reuter\n",
            ),
        ];
        let a = load(&files);
        let traits = crate::dedup::traits::all(&a);
        let heads = Heads::of(&a, &traits);
        let score = (LONE_REWRITE_OVERLAP + REWRITE_OVERLAP) / 2.0;
        // Short of the likeness a rewrite with rivals needs.
        assert_eq!(best(vec![(1, score)], REWRITE_OVERLAP), None);
        assert_eq!(lone_rewrite(&heads, 0, &[(1, score)]), Some((1, score)));
        // Not with a rival, nor short of the lone likeness.
        assert_eq!(lone_rewrite(&heads, 0, &[(1, score), (3, 0.1)]), None);
        let short = LONE_REWRITE_OVERLAP - 0.01;
        assert_eq!(lone_rewrite(&heads, 0, &[(1, short)]), None);
        // Not with a headline naming two parties, nor another ticker.
        assert_eq!(lone_rewrite(&heads, 0, &[(2, score)]), None);
        assert_eq!(lone_rewrite(&heads, 0, &[(3, score)]), None);
    }

    #[test]
    fn a_lone_account_whose_lead_says_the_same_needs_less_likeness_again() {
        let mut files: Vec<(String, String)> = vec![
            (
                "0.txt".into(),
                "ALLWASTE <ALWS.O> TO MAKE ACQUISITION\n\nHOUSTON, Oct 19 - Allwaste Inc said it agreed to acquire Tank Cleaning Co of Dallas.\n Reuter\n".into(),
            ),
            (
                "1.txt".into(),
                "ALLWASTE <ALWS.O> BUYS TANK CLEANING FIRM\n\nHOUSTON, Oct 19 - Allwaste Inc said it agreed to acquire Tank Cleaning Co of Dallas for shares.\n Reuter\n".into(),
            ),
            (
                "2.txt".into(),
                "ALLWASTE <ALWS.O> CHAIRMAN TO RETIRE\n\nHOUSTON, Oct 19 - Allwaste Inc said its chairman John Smith will retire in June.\n Reuter\n".into(),
            ),
        ];
        files.extend((3..12).map(|i| (format!("{i}.txt"), filler(i))));
        let a = crate::load::load_memory(files.iter().map(|(p, t)| (p.as_str(), t.as_bytes()))).0;
        let traits = crate::dedup::traits::all(&a);
        let heads = Heads::of(&a, &traits);
        // The acquisition told twice leads alike; the chairman's retirement not.
        assert!(heads.lead_likeness(0, 1) >= LEAD_ALIKE);
        assert!(heads.lead_likeness(0, 2) < LEAD_ALIKE);
        let score = (LONE_LEAD_REWRITE_OVERLAP + LONE_REWRITE_OVERLAP) / 2.0;
        assert_eq!(lone_rewrite(&heads, 0, &[(1, score)]), Some((1, score)));
        // Not the company's other news that day, nor short of the lower likeness.
        assert_eq!(lone_rewrite(&heads, 0, &[(2, score)]), None);
        let short = LONE_LEAD_REWRITE_OVERLAP - 0.01;
        assert_eq!(lone_rewrite(&heads, 0, &[(1, short)]), None);
    }

    #[test]
    fn one_companys_accounts_under_a_misspelt_ticker_pair_and_other_companies_do_not() {
        let one = "HOLLIS WIDGET <HOL> SEES HIGHER FIRST QUARTER NET\n\nAKRON, Ohio, May 4 - Hollis Widget Co said it expects first quarter net to top the 3,917,204 dlrs or 1.37 dlrs a share of a year ago on strong export orders.\n    It said its sprocket sales were slow.\n Reuter\n";
        let other = "HOLLIS WIDGET <HWG> SEES HIGHER FIRST QUARTER EARNINGS\n\nAKRON, Ohio, May 4 - The Hollis Widget Co said its first quarter earnings will be higher than the 3,917,204 dlrs, or 1.37 dlrs a share, it earned a year earlier.\n    Export orders were strong, it said.\n Reuter\n";
        let other_name = other.replace("HOLLIS WIDGET <HWG>", "HOLLIS TOOL <HWG>");
        let other_initial = other.replace("<HWG>", "<XWG>");
        let other_party = other.replace("said its", "and Acme Corp <ACM> said its");
        for (second, paired) in [
            (other, true),
            (&other_name, false),
            (&other_initial, false),
            (&other_party, false),
        ] {
            assert_eq!(events_pair(one, second), paired, "{second}");
        }
    }

    #[test]
    fn accounts_told_by_other_parties_do_not_pair_but_two_sides_of_one_deal_do() {
        let pair = events_pair;
        // One rating agency's story and another's on the same debt: the same
        // company, words and amounts, but two speakers.
        let moodys = "MOODY'S MAY CUT ECOLAB <ECL> DEBT\n\nNEW YORK, March 3 - Moody's Investors Service Inc said it may downgrade Ecolab Inc's 25 mln dlrs of debt.\n    The agency cited Ecolab's plan to acquire ChemLawn Corp for 370 mln dlrs, which would raise its leverage.\n Reuter\n";
        let standard = "ECOLAB <ECL> DEBT MAY BE CUT BY S/P\n\nNEW YORK, March 3 - Standard and Poor's Corp said it may downgrade Ecolab Inc's 25 mln dlrs of debt.\n    The agency cited Ecolab's plan to acquire ChemLawn Corp for 370 mln dlrs, which would raise its leverage.\n Reuter\n";
        let reworded = "ECOLAB <ECL> DEBT MAY BE CUT BY MOODY'S\n\nNEW YORK, March 3 - Moody's Investors Service said it may lower Ecolab Inc's 25 mln dlrs of debt.\n    The agency cited Ecolab's plan to acquire ChemLawn Corp for 370 mln dlrs, which would raise its leverage.\n Reuter\n";
        assert!(pair(moodys, reworded));
        assert!(!pair(moodys, standard));
        // Two banks raising one rate each name the other in the body, not in
        // the headline.
        let bank = |name: &str, ticker: &str, other: &str, theirs: &str| {
            format!(
                "{name} <{ticker}> RAISES BROKER LOAN RATE\n\nNEW YORK, April 13 - {name} Co said it raised its broker loan rate to 7-1/2 pct from 7-1/4 pct, effective immediately.\n    {other} Co <{theirs}>, the only other bank to post its broker loan rate, raised it to 7-1/2 pct today.\n Reuter\n"
            )
        };
        assert!(!pair(
            &bank("BANKERS TRUST", "BT", "U.S. Trust", "USTC"),
            &bank("U.S. TRUST", "USTC", "Bankers Trust", "BT")
        ));
        // The buyer's and the seller's account of one sale, each naming the other.
        let buyer = "DONALDSON <DCI> TO BUY MINE SAFETY <MNES> UNIT\n\nMINNEAPOLIS, March 3 - Donaldson Co Inc said it agreed to buy the filter unit of Mine Safety Appliances Co for 40 mln dlrs in cash.\n    The filter unit makes air cleaners for mines.\n Reuter\n";
        let seller = "MINE SAFETY APPLIANCES <MNES> TO SELL UNIT\n\nPITTSBURGH, March 3 - Mine Safety Appliances Co said it agreed to sell its filter unit to Donaldson Co Inc for 40 mln dlrs in cash.\n    The unit makes air cleaners for mines.\n Reuter\n";
        assert!(pair(buyer, seller));
    }

    #[test]
    fn a_results_table_under_a_period_line_is_a_table() {
        let a = load(&[
            (
                "1.txt",
                "TDK GROUP NET UP 17.6 PCT IN NINE MONTHS\n\nTOKYO, Oct 19 - Nine months ended August 31\n    Group shr 118.66 yen vs 100.89 yen\n    Net 14.28 billion vs 12.14 billion\n Reuter\n",
            ),
            (
                "2.txt",
                "COMMONWEALTH <CCMC.O> 4TH QTR NET\n\nWELLESLEY, Mass., June 2 - Qtr ends April 30\n    Shr 32 cts vs 20 cts\n    Net 1,981,681 dlrs vs 1,022,451 dlrs\n Reuter\n",
            ),
            // A short first sentence before a story's figures is no period line.
            (
                "3.txt",
                "ACME <ACM> NET RISES\n\nNEW YORK, June 2 - Acme Corp said profit rose.\n    Net income rose to 12 mln dlrs from 10 mln.\n Reuter\n",
            ),
            (
                "4.txt",
                "ACME <ACM> SHR 54 CTS\n\nNEW YORK, June 2 - Shr 54 cts vs 49 cts\n    Net 12 mln vs 10 mln\n Reuter\n",
            ),
        ]);
        let tables: Vec<bool> = a.iter().map(is_table).collect();
        assert_eq!(tables, [true, true, false, true]);
    }

    #[test]
    fn a_party_named_by_ticker_in_one_headline_must_lead_the_others_account() {
        let seller = "GELCO <GEL> TO SELL COURIER UNIT\n\nMINNEAPOLIS, March 18 - Gelco Corp said it signed a letter of intent to sell its courier unit, Gelco Express Ltd, to Air Canada for about 54 mln dlrs.\n    The sale is part of a restructuring plan under which Gelco will sell four business units.\n Reuter\n";
        // The buyer's account names the seller in its first sentence: one deal.
        let buyer = "AIR CANADA TO BUY COURIER UNIT\n\nMONTREAL, March 18 - Air Canada said it signed a letter of intent to buy the courier unit of Gelco Corp <GEL>, Gelco Express Ltd, for about 54 mln dlrs.\n    Gelco is selling four business units as part of a restructuring plan.\n Reuter\n";
        // Another deal of the buyer's that names the seller's deal in passing.
        let passing = "AIR CANADA TO BUY CALGARY COURIER\n\nMONTREAL, March 18 - Air Canada said it signed a letter of intent to buy 65 pct of EMS Corp, a Calgary courier.\n    Gelco Corp <GEL> earlier said it signed a letter of intent to sell its courier unit, Gelco Express Ltd, to Air Canada for about 54 mln dlrs, part of a restructuring plan to sell four business units.\n Reuter\n";
        for (second, paired) in [(buyer, true), (passing, false)] {
            assert_eq!(events_pair(seller, second), paired, "{second}");
        }
    }

    #[test]
    fn a_flash_finds_its_story_in_the_opening_paragraphs_when_it_names_its_subject() {
        let flash = "ZORBAN CHARGES KELLWOOD WITH DISCLOSURE VIOLATIONS\n\n\n";
        let story = |headline: &str| {
            format!(
                "{headline}\n\nWASHINGTON, March 3 - The agency said it was taking action against a unit of Zorban Corp.\n    It said Zorban charged Kellwood Inc with failing to make a disclosure, and that the violations were serious.\n Reuter\n"
            )
        };
        for (headline, paired) in [
            ("SEC SAYS ZORBAN UNIT BROKE RULES", true),
            // Another company's story that tells the same words is not the flash's.
            ("ACME <ACM> SAYS ZORBAN UNIT BROKE RULES", false),
            // Nor one whose headline is about another subject, though it shares
            // a word with the flash's.
            ("AGENCY SAYS UNIT BROKE DISCLOSURE RULES", false),
        ] {
            let mut files: Vec<(String, String)> = vec![
                ("00.txt".into(), flash.into()),
                ("01.txt".into(), story(headline)),
            ];
            files.extend((2..6).map(|i| (format!("{i:02}.txt"), filler(i))));
            let found = pairs_of_files(&files);
            let flash_pair = holds(&found, Found::Flash, 0, 1);
            assert_eq!(flash_pair, paired, "{headline}: {found:?}");
        }
    }

    #[test]
    fn a_flash_alike_its_corrected_flash_still_finds_its_story() {
        let files: Vec<(String, String)> = [
            "MILAN BOURSE OPENING DELAYED ONE HOUR TO 1200 GMT - OFFICIAL\n\n\n".to_string(),
            "CORRECTED - MILAN BOURSE OPENING DELAYED ONE HOUR TO 1000 GMT (NOT 1200) - OFFICIAL\n\n\n".to_string(),
            "CONSOB DELAYS MILAN BOURSE OPENING ONE HOUR\n\nMILAN, Oct 20 - The opening of the Milan bourse was delayed one hour to 1000 GMT by Consob, an official said.\n Reuter\n".to_string(),
        ]
        .into_iter()
        // Enough other stories that the flash's words weigh as rare ones.
        .chain((3..30).map(filler))
        .enumerate()
        .map(|(i, t)| (format!("{i:02}.txt"), t))
        .collect();
        let found = pairs_of_files(&files);
        assert!(
            holds(&found, Found::Flash, 0, 2) || holds(&found, Found::Flash, 1, 2),
            "{found:?}"
        );
    }

    #[test]
    fn flashes_and_notices_find_their_stories() {
        let mut files = vec![
            ("00.txt", "ACME <ACM> TO BUY WIDGET MAKER FOR 40 MLN DLRS\n\n\n".to_string()),
            (
                "01.txt",
                "ACME CORP <ACM> AGREES TO ACQUIRE WIDGET CO\n\nBOSTON, March 2 - Acme Corp said it agreed to buy Widget Co for 40 mln dlrs in cash.\n Reuter\n".to_string(),
            ),
            (
                "02.txt",
                "ZETA <ZTA> 4TH QTR NET\n\nDENVER, March 2 - Shr 12 cts vs 10 cts\n    Net 1.2 mln vs 1.0 mln\n Reuter\n".to_string(),
            ),
        ];
        for k in 3..12 {
            files.push((
                ["03.txt", "04.txt", "05.txt", "06.txt", "07.txt", "08.txt", "09.txt", "10.txt", "11.txt"][k - 3],
                format!("OTHER{k} <OT{k}> NAMES PRESIDENT\n\nCHICAGO, March 2 - Other{k} Inc named a new president.\n Reuter\n"),
            ));
        }
        files.push((
            "12.txt",
            "\n\nCORRECTION - ZETA ITEM\n    In Denver item headlined \"ZETA <ZTA> 4TH QTR NET\" please read net as 1.3 mln.\n Reuter\n".to_string(),
        ));
        let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let articles = load(&borrowed);
        let traits = crate::dedup::traits::all(&articles);
        let found = pairs(&articles, &traits, &Skeletons::from_traits(&traits));
        let got: Vec<(u32, u32, Found)> = found.iter().map(|e| (e.a, e.b, e.found)).collect();
        assert!(got.contains(&(0, 1, Found::Flash)), "{got:?}");
        assert!(got.contains(&(2, 12, Found::Notice)), "{got:?}");
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_run_read_block_by_block_finds_the_pairs_one_reading_finds() {
        let riedel = "RIEDEL <RETI> UNIT SELECTED FOR EPA CONTRACT\n\nPORTLAND, March 3 - Riedel Environmental Technologies Inc said its unit won a contract with the Environmental Protection Agency that could total over 100 mln dlrs over the next four years.\n    The unit will act as prime contractor for the cleanup of hazardous waste sites in 23 states west of the Mississippi.\n Reuter\n";
        let riedel_again = "RIEDEL ENVIRONMENT <RETI> UNIT GETS EPA CONTRACT\n\nPORTLAND, March 3 - A subsidiary of Riedel Environmental Technologies Inc received a contract to clean up hazardous waste sites in 23 states west of the Mississippi River.\n    The contract, which could total more than 100 mln dlrs over four years, is with the Environmental Protection Agency, the company said.\n Reuter\n";
        // Each pair straddles the end of a block of 1,000: a flash and its
        // story, an item and the notice correcting it 550 articles on, and two
        // accounts in other words.
        let planted = [
            (995, "ACME <ACM> TO BUY WIDGET MAKER FOR 40 MLN DLRS\n\n\n".to_string()),
            (1003, "ACME CORP <ACM> AGREES TO ACQUIRE WIDGET CO\n\nBOSTON, March 2 - Acme Corp said it agreed to buy Widget Co for 40 mln dlrs in cash.\n Reuter\n".to_string()),
            (700, "ZETA <ZTA> 4TH QTR NET\n\nDENVER, March 2 - Shr 12 cts vs 10 cts\n    Net 1.2 mln vs 1.0 mln\n Reuter\n".to_string()),
            (1250, "\n\nCORRECTION - ZETA ITEM\n    In Denver item headlined \"ZETA <ZTA> 4TH QTR NET\" please read net as 1.3 mln.\n Reuter\n".to_string()),
            (1990, riedel.to_string()),
            (2010, riedel_again.to_string()),
        ];
        let mut files: Vec<(String, String)> = (0..2600)
            .map(|i| (format!("{i:05}.txt"), filler(i)))
            .collect();
        for (at, text) in planted {
            files[at].1 = text;
        }
        let a = crate::load::load_memory(files.iter().map(|(p, t)| (p.as_str(), t.as_bytes()))).0;
        let traits = crate::dedup::traits::all(&a);
        let skeletons = Skeletons::from_traits(&traits);
        let seen = |edges: Vec<Edge>| -> Vec<(u32, u32, Found, u32, u32)> {
            edges
                .iter()
                .map(|e| {
                    (
                        e.a,
                        e.b,
                        e.found,
                        e.similarity.to_bits(),
                        e.containment.to_bits(),
                    )
                })
                .collect()
        };
        let whole = seen(pairs_by_block(&a, &traits, &skeletons, usize::MAX));
        let by_block = seen(pairs_by_block(&a, &traits, &skeletons, 1000));
        let found: Vec<(u32, u32)> = whole.iter().map(|e| (e.0, e.1)).collect();
        for pair in [(995, 1003), (700, 1250), (1990, 2010)] {
            assert!(found.contains(&pair), "{pair:?} in {found:?}");
        }
        assert_eq!(by_block, whole);
    }
}
