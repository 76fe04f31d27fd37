//! Deciding whether a candidate pair is two versions of one story, on exact
//! material, by a list of named rules. A pair is a version pair when every rule
//! holds; the first rule that fails is the reason it is not.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;

use super::material::{Material, WordHashes, material};
use super::reading::Reading;
use super::traits::{Skeletons, Traits, traits};
use super::{DedupOptions, Edge, Found};
use crate::article::Article;

/// What two articles' materials share, measured once for every rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PairFacts {
    /// Uncommon shingles in both.
    pub shared: usize,
    /// Share of the smaller article's shingles found in the other.
    pub containment: f64,
    /// Jaccard similarity of the two shingle sets.
    pub similarity: f64,
    /// Sentences of the smaller article that the shared shingles touch.
    pub sentences_touched: usize,
    /// Sentences of the smaller article that hold anything uncommon.
    pub informative: usize,
    /// Sentences of the smaller article in all.
    pub sentences: usize,
    /// Figures of the smaller article that the other has after the same words.
    pub figures_agree: usize,
    /// Figures of the smaller article whose context the other has with another figure.
    pub figures_differ: usize,
    /// Days between the two stories' dates, when both say theirs.
    pub day_gap: Option<u16>,
    /// Whether either is a headline without a body (a flash).
    pub flash: bool,
    /// Whether either says it corrects something.
    pub corrects: bool,
    /// Whether both name companies by ticker and no ticker is in both.
    pub other_parties: bool,
    /// Whether both have a source and the sources differ (an agency and a paper).
    pub other_sources: bool,
    /// Whether their headlines come from one template that many articles share.
    pub templated_headline: bool,
    /// Whether both headlines have figures (a time, a day, an amount) and they
    /// differ.
    pub headline_figures_differ: bool,
    /// Share of headline words in common (Jaccard, figures left out).
    pub headline_overlap: f64,
    /// Whether both headlines name a time of day (`1100`, `OPENING`) and they
    /// name other times.
    pub other_times: bool,
}

/// One condition a version pair meets, with what it means when it fails.
pub struct Rule {
    /// Short name, as evidence lists it.
    pub name: &'static str,
    /// Why a pair that fails it is not a version pair.
    pub reason: &'static str,
    holds: fn(&PairFacts, &DedupOptions) -> bool,
}

impl Rule {
    /// Whether the rule holds for these facts.
    pub fn holds(&self, facts: &PairFacts, opts: &DedupOptions) -> bool {
        (self.holds)(facts, opts)
    }
}

/// Whether the shared material reaches across the smaller article: at least
/// `min_sentences` of its sentences, and most of those that hold anything
/// uncommon, short of a long shared passage. Two stories on one topic share a
/// stock sentence with its names; versions share their substance.
fn spread(f: &PairFacts, o: &DedupOptions) -> bool {
    let needed = o
        .min_sentences
        .max((f.informative as f64 * o.min_sentence_share).ceil() as usize)
        .min(f.sentences);
    f.sentences_touched >= needed.max(1) || f.shared >= o.long_passage
}

/// Versions agree on their figures where the words around them agree (a re-send
/// corrects one); a daily report, or a company's notice for another quarter, says
/// "rose to" and "a share" with other figures after them.
fn figures_agree(f: &PairFacts, o: &DedupOptions) -> bool {
    let figures = f.figures_agree + f.figures_differ;
    if figures >= 3 {
        f.figures_agree as f64 >= figures as f64 * o.min_figures_agree
    } else {
        f.figures_differ <= 1
    }
}

/// Reports filed on other days are other reports (a daily notice, next week's
/// figures), unless one corrects the other: a corrected re-send may follow days
/// later. A day or two apart, a re-send or update keeps its figures.
fn same_days(f: &PairFacts, o: &DedupOptions) -> bool {
    match f.day_gap {
        None | Some(0) => true,
        // A paper's rewrite of agency copy runs a day later as a matter of course.
        Some(g) if g <= 2 => {
            f.corrects || (f.other_sources && figures_agree(f, o)) || sent_again(f, o)
        }
        Some(g) => f.corrects && g <= 14,
    }
}

/// Least sentences of the smaller story a correction told again in other words
/// shares long passages with (see [`retold_correction`]).
const RETOLD_SENTENCES: usize = 3;

/// Whether one of two same-day stories corrects the other by telling it again:
/// little of it is found word for word, but what is found is a long passage
/// spread over three quarters of the smaller one's sentences and more, and no
/// figure changed where the words agree (a story on the same subject shares a
/// sentence or two of background).
fn retold_correction(f: &PairFacts, o: &DedupOptions) -> bool {
    f.corrects
        && f.day_gap.is_none_or(|g| g == 0)
        && f.figures_differ == 0
        && f.shared >= o.long_passage
        && f.sentences_touched >= RETOLD_SENTENCES
        && f.sentences_touched * 4 >= f.sentences * 3
}

/// Least figures two stories a day or two apart must agree on, none differing,
/// when a headline many articles share is all they have in common beyond their
/// text: a daily notice repeats a figure or two (`five grain ships loading`), a
/// story sent again repeats them all.
const TEMPLATED_RERUN_FIGURES: usize = 3;

/// Least figures a story sent again a day or two later, under much the same
/// headline, carries unchanged when little of its text is found in the other: a
/// results table re-sent with its note reworded.
const RERUN_FIGURES: usize = 7;

/// Least share of headline words a story sent again keeps (see [`RERUN_FIGURES`]).
const RERUN_HEADLINE: f64 = 0.6;

/// Least share of headline words one company's two reports keep when their
/// tickers differ (see [`SAME_TABLE_FIGURES`]).
const SAME_TABLE_HEADLINE: f64 = 0.5;

/// Whether a story a day or two from the other is that story sent again rather
/// than the next day's report: no figure changed, and either most of the text is
/// found in the other (with enough figures repeated when the headline is a
/// recurring one) or the headline is kept and many figures repeated.
fn sent_again(f: &PairFacts, o: &DedupOptions) -> bool {
    if f.figures_differ > 0 {
        return false;
    }
    let much_text = f.containment >= o.strong_containment
        && (!f.templated_headline || f.figures_agree >= TEMPLATED_RERUN_FIGURES);
    let same_figures = !f.templated_headline
        && f.figures_agree >= RERUN_FIGURES
        && f.headline_overlap >= RERUN_HEADLINE;
    much_text || same_figures
}

/// Least figures two results that name other tickers must agree on, none
/// differing, for the tickers to be taken as one company's misspelt: two
/// companies' tables never carry the same figures.
const SAME_TABLE_FIGURES: usize = 8;

/// Least share of the smaller story found in the other, in a long passage, at
/// which tickers that differ are parties named in passing (a partner in a
/// paragraph the later version adds) rather than another company's notice: a
/// notice of the same kind about another names it all through.
const PASSING_CONTAINMENT: f64 = 0.9;

/// Whether the two name other companies by ticker, unless their figures say they
/// are one company's report with a ticker misspelt (`<WBAT.O>`, `<WEBAT.O>`), or
/// nearly all of the smaller is in the other (see [`PASSING_CONTAINMENT`]).
fn other_parties(f: &PairFacts, o: &DedupOptions) -> bool {
    f.other_parties
        && !(f.figures_differ == 0
            && f.figures_agree >= SAME_TABLE_FIGURES
            && f.headline_overlap >= SAME_TABLE_HEADLINE)
        && !(f.containment >= PASSING_CONTAINMENT && f.shared >= o.long_passage)
}

/// The rules, in the order they are tried.
pub const RULES: &[Rule] = &[
    Rule {
        name: "enough-shared",
        reason: "they share too few uncommon phrases",
        holds: |f, o| f.shared >= o.min_shared,
    },
    Rule {
        name: "containment",
        reason: "too little of the smaller one is found in the other",
        holds: |f, o| f.containment >= o.min_containment || retold_correction(f, o),
    },
    Rule {
        name: "spread",
        reason: "what they share sits in too few of the smaller one's sentences",
        holds: spread,
    },
    Rule {
        name: "figures-agree",
        reason: "the same words come with other figures (a templated report)",
        holds: |f, o| f.corrects || figures_agree(f, o),
    },
    Rule {
        name: "same-parties",
        reason: "they name other companies (a notice of the same kind about another)",
        holds: |f, o| f.corrects || !other_parties(f, o),
    },
    Rule {
        name: "one-sentence",
        reason: "a one-sentence article must be mostly found in the other",
        holds: |f, o| f.informative > 1 || f.containment >= o.strong_containment,
    },
    Rule {
        name: "not-a-template",
        reason: "a headline many articles share with other figures (a recurring notice)",
        holds: |f, _| f.corrects || !(f.templated_headline && f.flash),
    },
    Rule {
        name: "other-report",
        reason: "a templated headline with another time, day or figure (an intraday report, a daily table)",
        holds: |f, _| f.corrects || !(f.templated_headline && f.headline_figures_differ),
    },
    Rule {
        name: "same-time",
        reason: "their headlines name other times of day (an opening and a closing report)",
        holds: |f, _| f.corrects || !f.other_times,
    },
    Rule {
        name: "same-days",
        reason: "they are dated days apart and neither corrects the other",
        holds: same_days,
    },
    Rule {
        name: "flash",
        reason: "a headline without a body is a version only of a story with that headline",
        holds: |f, _| !f.flash || f.containment >= if f.corrects { 0.5 } else { 0.9 },
    },
];

/// One article as verification reads it: its material and its traits.
#[derive(Clone, Copy)]
pub(crate) struct Side<'s> {
    /// Shingles and figures.
    pub(crate) m: &'s Material,
    /// Day, tickers, correction marks, headline.
    pub(crate) t: &'s Traits,
}

/// Measures what two articles share; `None` when either has no material.
pub(crate) fn facts(a: Side, b: Side, skeletons: &Skeletons) -> Option<PairFacts> {
    let (ma, mb) = (a.m, b.m);
    let (ta, tb) = (a.t, b.t);
    let (sa, sb) = (&ma.shingles, &mb.shingles);
    if sa.is_empty() || sb.is_empty() {
        return None;
    }
    let small_is_a = sa.len() <= sb.len();
    let (small_m, other_m) = if small_is_a { (ma, mb) } else { (mb, ma) };
    // The shared shingles, merged without branching on which list is ahead
    // (candidates share many, so a branch on it is mispredicted half the
    // time), and the smaller one's sentences they fall in, as bits.
    let mut shared = 0usize;
    let mut touched = Sentences::new(small_m.sentences);
    let (mut i, mut j) = (0, 0);
    while i < sa.len() && j < sb.len() {
        let (x, y) = (sa[i], sb[j]);
        if x.0 == y.0 {
            shared += 1;
            touched.mark(if small_is_a { x.1 } else { y.1 });
        }
        i += usize::from(x.0 <= y.0);
        j += usize::from(y.0 <= x.0);
    }
    let informative = small_m.informative;
    let (figures_agree, figures_differ) = figures(small_m, other_m);
    Some(PairFacts {
        shared,
        containment: shared as f64 / sa.len().min(sb.len()) as f64,
        similarity: shared as f64 / (sa.len() + sb.len() - shared) as f64,
        sentences_touched: touched.count(),
        informative,
        sentences: small_m.sentences,
        figures_agree,
        figures_differ,
        day_gap: match (ta.day, tb.day) {
            (Some(x), Some(y)) => Some(x.gap(y)),
            _ => None,
        },
        flash: ma.body_empty || mb.body_empty,
        corrects: ta.corrects || tb.corrects,
        other_parties: super::traits::other_parties(&ta.tickers, &tb.tickers),
        other_sources: matches!(
            (ta.source, tb.source),
            (Some(x), Some(y)) if x != y
        ),
        templated_headline: ta.skeleton == tb.skeleton && skeletons.templated(ta.skeleton),
        headline_figures_differ: ta.headline_figures != 0
            && tb.headline_figures != 0
            && ta.headline_figures != tb.headline_figures,
        headline_overlap: super::traits::headline_overlap(&ta.headline_words, &tb.headline_words),
        other_times: super::traits::other_times(ta.time, tb.time),
    })
}

/// A set of sentence indices as bits, kept on the stack for articles of up
/// to 1,024 sentences.
struct Sentences {
    bits: [u64; 16],
    more: Vec<u64>,
}

impl Sentences {
    /// An empty set for an article of `n` sentences.
    fn new(n: usize) -> Sentences {
        let words = n.div_ceil(64);
        Sentences {
            bits: [0; 16],
            more: if words > 16 {
                vec![0; words - 16]
            } else {
                Vec::new()
            },
        }
    }

    fn mark(&mut self, s: u16) {
        let (word, bit) = (usize::from(s) / 64, s % 64);
        match self.bits.get_mut(word) {
            Some(w) => *w |= 1 << bit,
            None => {
                let k = word - 16;
                if k >= self.more.len() {
                    self.more.resize(k + 1, 0);
                }
                self.more[k] |= 1 << bit;
            }
        }
    }

    fn count(&self) -> usize {
        self.bits
            .iter()
            .chain(&self.more)
            .map(|w| w.count_ones() as usize)
            .sum()
    }
}

/// How many of the smaller article's figures in context agree with the other's,
/// and how many differ, among those whose context the other has.
fn figures(small: &Material, other: &Material) -> (usize, usize) {
    let mut agree = 0usize;
    let mut differ = 0usize;
    for &(context, figure) in &small.numbers {
        let from = other.numbers.partition_point(|n| n.0 < context);
        let same_context = &other.numbers[from..];
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
    (agree, differ)
}

/// The first rule these facts break, if any.
pub fn broken_rule(facts: &PairFacts, opts: &DedupOptions) -> Option<&'static Rule> {
    RULES.iter().find(|r| !r.holds(facts, opts))
}

/// What a candidate pair turned out to be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Verdict {
    /// Two versions of one story.
    Versions(Edge),
    /// Two stories that share a block of background, and nothing that makes
    /// them one: a day-two story and the first day's, for one.
    Related(Edge),
}

/// The rules whose failure leaves a pair related rather than unrelated: what they
/// share is real prose, just not enough of either story, or days apart.
const RELATED_WHEN_BROKEN: [&str; 3] = ["containment", "spread", "same-days"];

/// Whether a pair that is not versions shares a block of background: several
/// sentences of the smaller one, and neither names other companies.
fn shares_background(f: &PairFacts, o: &DedupOptions) -> bool {
    f.sentences_touched >= o.min_sentences.max(2)
        && f.shared >= o.min_shared
        && !f.other_parties
        && !f.templated_headline
        && figures_agree(f, o)
}

/// How far apart in the folder's order two headlines without a body or a date
/// may be and still be one flash sent again: the same words far off are a
/// recurring notice's next day (`FED SETS ONE BILLION DLR CUSTOMER REPURCHASE`).
const FLASH_SENDS_REACH: u32 = 1_000;

/// Whether `a` and `b` are two headlines without a body or a date further
/// apart in the folder's order than [`FLASH_SENDS_REACH`].
fn far_flashes((a, sa): (u32, Side), (b, sb): (u32, Side)) -> bool {
    sa.m.body_empty
        && sb.m.body_empty
        && sa.t.day.is_none()
        && sb.t.day.is_none()
        && a.abs_diff(b) > FLASH_SENDS_REACH
}

/// Decides whether articles `a` and `b` (with their uncommon material) are
/// versions of one story, or related stories, and gives their pair if either.
pub(crate) fn verify(
    (a, sa): (u32, Side),
    (b, sb): (u32, Side),
    skeletons: &Skeletons,
    opts: &DedupOptions,
) -> Option<Verdict> {
    if far_flashes((a, sa), (b, sb)) {
        return None;
    }
    let f = facts(sa, sb, skeletons)?;
    let edge = Edge {
        a,
        b,
        similarity: f.similarity as f32,
        containment: f.containment as f32,
        found: Found::Text,
    };
    match broken_rule(&f, opts) {
        None => Some(Verdict::Versions(edge)),
        Some(rule) if RELATED_WHEN_BROKEN.contains(&rule.name) && shares_background(&f, opts) => {
            Some(Verdict::Related(edge))
        }
        Some(_) => None,
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
    /// The first rule the pair breaks on this material, if any.
    pub broken_rule: Option<&'static str>,
}

/// Measures what `a` and `b` share, and which rule (if any) keeps them apart on
/// their whole material.
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
    let (ta, tb) = (traits(a), traits(b));
    let broken = match facts(
        Side { m: &ma, t: &ta },
        Side { m: &mb, t: &tb },
        &Skeletons::default(),
    ) {
        Some(f) => broken_rule(&f, opts).map(|r| r.name),
        None => Some("no material"),
    };
    PairEvidence {
        shared,
        left: ma.shingles.len(),
        right: mb.shingles.len(),
        sentences: touched.len(),
        broken_rule: broken,
    }
}

/// Articles whose materials one block of candidate pairs reads and holds:
/// enough that most stories' pairs fit in one block, few enough that a
/// million articles' materials are never all held at once.
const BLOCK_ARTICLES: usize = 150_000;

/// The candidate pairs (by index) in blocks that each touch at most `limit`
/// articles, a connected group of pairs kept in one block where it fits: a
/// story's versions may be spread all over the folder, and an article is read
/// once for each block its pairs fall in. Only a group larger than `limit`
/// is cut, in the candidates' order.
fn blocks(candidates: &[(u32, u32)], limit: usize) -> Vec<Vec<u32>> {
    let n = candidates
        .iter()
        .map(|p| p.0.max(p.1) as usize + 1)
        .max()
        .unwrap_or(0);
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    for &(a, b) in candidates {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    // Each group's pairs, groups in the order of their first pair.
    let mut by_group: Vec<(u32, u32)> = (0..candidates.len() as u32)
        .map(|i| (root(&mut parent, candidates[i as usize].0), i))
        .collect();
    by_group.sort_unstable();
    let mut groups: Vec<&[(u32, u32)]> = by_group.chunk_by(|x, y| x.0 == y.0).collect();
    groups.sort_unstable_by_key(|g| g[0].1);
    // Articles per group.
    let mut size = vec![0u32; n];
    let mut counted = vec![false; n];
    for &(a, b) in candidates {
        for d in [a, b] {
            if !std::mem::replace(&mut counted[d as usize], true) {
                size[root(&mut parent, d) as usize] += 1;
            }
        }
    }
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut block: Vec<u32> = Vec::new();
    // Which block last counted each article, and how many this one holds.
    let mut stamp = vec![u32::MAX; n];
    let mut held = 0usize;
    for group in groups {
        let articles = size[group[0].0 as usize] as usize;
        if !block.is_empty() && held + articles > limit {
            out.push(std::mem::take(&mut block));
            held = 0;
        }
        for &(_, i) in group {
            let (a, b) = candidates[i as usize];
            let new = [a, b]
                .iter()
                .filter(|&&d| stamp[d as usize] != out.len() as u32)
                .count();
            if !block.is_empty() && held + new > limit {
                out.push(std::mem::take(&mut block));
                held = 0;
            }
            for d in [a, b] {
                if stamp[d as usize] != out.len() as u32 {
                    stamp[d as usize] = out.len() as u32;
                    held += 1;
                }
            }
            block.push(i);
        }
    }
    if !block.is_empty() {
        out.push(block);
    }
    out
}

/// Verifies candidate pairs of article ids in parallel, taking each article's
/// material from `reading` (or reading it once per block of pairs when it was
/// not kept, see [`blocks`]); `done` hears how many pairs are finished, out of
/// how many. Gives the version pairs and the related pairs, in the order of
/// the candidates.
pub(crate) fn all(
    articles: &[Article],
    reading: &Reading,
    candidates: &[(u32, u32)],
    common: &(impl Fn(u32) -> bool + Sync),
    skeletons: &Skeletons,
    opts: &DedupOptions,
    done: &(dyn Fn(usize, usize) + Sync),
) -> (Vec<Edge>, Vec<Edge>) {
    let k = opts.shingle.max(1);
    let finished = std::sync::atomic::AtomicUsize::new(0);
    let mut verdicts: Vec<(u32, Verdict)> = Vec::new();
    for block in blocks(candidates, BLOCK_ARTICLES) {
        let mut ids: Vec<u32> = block
            .iter()
            .flat_map(|&i| {
                let (a, b) = candidates[i as usize];
                [a, b]
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let materials = reading.materials(articles, &ids, k, common);
        let side = |d: u32| Side {
            m: &materials[ids.binary_search(&d).expect("read for this block")],
            t: &reading.traits[d as usize],
        };
        let found: Vec<(u32, Verdict)> = block
            .par_chunks(256)
            .flat_map_iter(|chunk| {
                let out: Vec<(u32, Verdict)> = chunk
                    .iter()
                    .filter_map(|&i| {
                        let (a, b) = candidates[i as usize];
                        verify((a, side(a)), (b, side(b)), skeletons, opts).map(|v| (i, v))
                    })
                    .collect();
                let before = finished.fetch_add(chunk.len(), std::sync::atomic::Ordering::Relaxed);
                let now = before + chunk.len();
                if now / 4096 != before / 4096 || now == candidates.len() {
                    done(now, candidates.len());
                }
                out
            })
            .collect();
        verdicts.extend(found);
    }
    verdicts.sort_unstable_by_key(|v| v.0);
    let mut versions = Vec::new();
    let mut related = Vec::new();
    for (_, v) in verdicts {
        match v {
            Verdict::Versions(e) => versions.push(e),
            Verdict::Related(e) => related.push(e),
        }
    }
    (versions, related)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_touched_are_counted_once_past_the_first_thousand() {
        let mut set = Sentences::new(3000);
        for s in [0, 5, 5, 63, 64, 1023, 1024, 2999, 2999] {
            set.mark(s);
        }
        assert_eq!(set.count(), 7);
        // Marks past what the set was made for still count.
        let mut small = Sentences::new(1);
        small.mark(40_000);
        small.mark(40_000);
        small.mark(1);
        assert_eq!(small.count(), 2);
    }

    #[test]
    fn blocks_keep_a_connected_group_of_pairs_whole_where_it_fits() {
        // Two stories spread over the folder, 0-50-99 and 1-2, and 7-8.
        let candidates = [(0, 50), (1, 2), (7, 8), (50, 99), (0, 99)];
        let all = blocks(&candidates, 4);
        // 0, 50 and 99 in one block; 1-2 and 7-8 do not fit beside them.
        assert_eq!(all, vec![vec![0, 3, 4], vec![1, 2]]);
        let mut seen: Vec<u32> = all.concat();
        seen.sort_unstable();
        assert_eq!(seen, vec![0, 1, 2, 3, 4], "every pair once");
        // A group larger than a block is cut, each block within the limit.
        let chain: Vec<(u32, u32)> = (0..10).map(|i| (i, i + 1)).collect();
        let cut = blocks(&chain, 4);
        assert!(cut.len() > 1);
        for b in &cut {
            let mut ids: Vec<u32> = b
                .iter()
                .flat_map(|&i| [chain[i as usize].0, chain[i as usize].1])
                .collect();
            ids.sort_unstable();
            ids.dedup();
            assert!(ids.len() <= 4, "{b:?} holds {} articles", ids.len());
        }
        assert_eq!(cut.concat(), (0..10).collect::<Vec<u32>>());
        assert!(blocks(&[], 4).is_empty());
    }

    /// Two articles read as verification reads them: whole material and traits.
    fn read_two(one: &str, other: &str) -> [(Material, Traits); 2] {
        let (a, _) =
            crate::load::load_memory([("a.txt", one.as_bytes()), ("b.txt", other.as_bytes())]);
        let mut cache = WordHashes::new();
        [0, 1].map(|i| (material(&a[i], 3, &mut cache), traits(&a[i])))
    }

    /// The facts of two articles, on their whole material.
    fn facts_of(one: &str, other: &str) -> PairFacts {
        let [(ma, ta), (mb, tb)] = read_two(one, other);
        facts(
            Side { m: &ma, t: &ta },
            Side { m: &mb, t: &tb },
            &Skeletons::default(),
        )
        .expect("both have material")
    }

    #[test]
    fn one_flash_far_off_in_the_folder_is_a_recurring_notice_not_a_resend() {
        let flash = "CENTRAL BANK SETS TWO BILLION DLR CUSTOMER REPURCHASE AGREEMENTS TODAY\n";
        let [(ma, ta), (mb, tb)] = read_two(flash, flash);
        let (sa, sb) = (Side { m: &ma, t: &ta }, Side { m: &mb, t: &tb });
        let opts = DedupOptions::default();
        let verdict = |b: u32| verify((0, sa), (b, sb), &Skeletons::default(), &opts);
        assert!(matches!(verdict(3), Some(Verdict::Versions(_))));
        assert!(matches!(
            verdict(FLASH_SENDS_REACH),
            Some(Verdict::Versions(_))
        ));
        assert_eq!(verdict(FLASH_SENDS_REACH + 1), None);
    }

    #[test]
    fn figures_are_compared_as_values() {
        // A figure spelt out and in digits is one figure.
        let f = facts_of(
            "ACME SETS DATE\n\nBOSTON, May 4 - Acme said the offer runs to May six from May three.\n",
            "ACME SETS DATE\n\nBOSTON, May 4 - Acme said the offer runs to May 6 from May 3.\n",
        );
        assert_eq!((f.figures_agree, f.figures_differ), (2, 0), "{f:?}");
        // Two in words is not 1.5; six is not 6-1/16, a figure with its fraction.
        let f = facts_of(
            "FED ADDS RESERVES\n\nNEW YORK, May 4 - The Fed arranged two billion dlrs of repurchases. Funds traded at six pct.\n",
            "FED ADDS RESERVES\n\nNEW YORK, May 4 - The Fed arranged 1.5 billion dlrs of repurchases. Funds traded at 6-1/16 pct.\n",
        );
        assert_eq!((f.figures_agree, f.figures_differ), (0, 2), "{f:?}");
    }

    fn rerun(gap: u16) -> PairFacts {
        PairFacts {
            shared: 10,
            containment: 0.4,
            figures_agree: 12,
            day_gap: Some(gap),
            headline_overlap: 0.8,
            ..PairFacts::default()
        }
    }

    #[test]
    fn a_table_sent_again_next_day_keeps_its_figures() {
        let o = DedupOptions::default();
        // A results table a day later under its headline, every figure the same.
        assert!(same_days(&rerun(1), &o));
        // Not with a figure changed, under another headline, or a week later.
        assert!(!same_days(
            &PairFacts {
                figures_differ: 1,
                ..rerun(1)
            },
            &o
        ));
        assert!(!same_days(
            &PairFacts {
                headline_overlap: 0.3,
                ..rerun(1)
            },
            &o
        ));
        assert!(!same_days(&rerun(7), &o));
        // A recurring notice's text the next day, with a figure or two the same,
        // is the next day's notice.
        let daily = PairFacts {
            containment: 1.0,
            figures_agree: 2,
            templated_headline: true,
            ..rerun(1)
        };
        assert!(!same_days(&daily, &o));
        assert!(same_days(
            &PairFacts {
                day_gap: Some(0),
                ..daily
            },
            &o
        ));
    }

    #[test]
    fn a_correction_told_again_in_other_words_is_a_version() {
        let retold = PairFacts {
            shared: 17,
            containment: 0.27,
            sentences_touched: 3,
            informative: 4,
            sentences: 4,
            day_gap: Some(0),
            corrects: true,
            ..PairFacts::default()
        };
        let o = DedupOptions::default();
        assert!(broken_rule(&retold, &o).is_none());
        // Not without the correction mark, days later, or sharing a sentence or two.
        assert!(
            broken_rule(
                &PairFacts {
                    corrects: false,
                    ..retold
                },
                &o
            )
            .is_some()
        );
        assert!(
            broken_rule(
                &PairFacts {
                    day_gap: Some(3),
                    ..retold
                },
                &o
            )
            .is_some()
        );
        assert!(
            broken_rule(
                &PairFacts {
                    sentences_touched: 2,
                    ..retold
                },
                &o
            )
            .is_some()
        );
    }

    #[test]
    fn a_misspelt_ticker_over_the_same_table_is_one_company() {
        let f = PairFacts {
            other_parties: true,
            figures_agree: 9,
            headline_overlap: 0.55,
            ..PairFacts::default()
        };
        let o = DedupOptions::default();
        assert!(!other_parties(&f, &o));
        assert!(other_parties(
            &PairFacts {
                figures_agree: 4,
                ..f
            },
            &o
        ));
        assert!(other_parties(
            &PairFacts {
                figures_differ: 1,
                ..f
            },
            &o
        ));
    }

    #[test]
    fn a_ticker_named_in_an_added_paragraph_is_no_other_party() {
        let first = "ACME <ACM> GETS APPROVAL FOR SWEETENER\n\nBOSTON, May 4 - Acme Corp said regulators accepted its petition for a sweetener made from beet sugar.\n    The product is about 500 times sweeter than sugar and has no calories.\n Reuter\n";
        let later = "ACME GETS APPROVAL FOR SWEETENER\n\nBOSTON, May 4 - Acme Corp said regulators accepted its petition for a sweetener made from beet sugar.\n    The product is about 500 times sweeter than sugar and has no calories.\n    It is developed with Beetco Plc <BTC.L>, which seeks approval in Europe.\n Reuter\n";
        let f = facts_of(first, later);
        assert!(f.other_parties, "{f:?}");
        assert!(broken_rule(&f, &DedupOptions::default()).is_none(), "{f:?}");
        // Another company's notice of the same kind shares its frame, not its text.
        let other = "BEETCO <BTC.L> GETS APPROVAL FOR SYRUP\n\nLONDON, May 4 - Beetco Plc said regulators accepted its petition for a syrup made from cane sugar.\n    The syrup is about 50 times sweeter than sugar.\n Reuter\n";
        let f = facts_of(first, other);
        assert!(broken_rule(&f, &DedupOptions::default()).is_some(), "{f:?}");
    }
}
