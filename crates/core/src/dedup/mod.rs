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
//! 3. **Verification** on exact material, by the named rules of [`RULES`]: the
//!    shared uncommon shingles must make up `min_containment` of the smaller article
//!    and be spread over at least `min_sentences` of its sentences (or be one long
//!    passage), figures must agree where their context does, and datelines must be
//!    close.
//! 4. **Clustering.** Verified pairs are merged strongest first, and two groups join
//!    only when most pairs across them are verified pairs: a follow-up that quotes
//!    two stories does not pull them into one.

mod candidates;
mod copies;
mod counts;
mod group;
mod headlines;
pub(crate) mod material;
mod reading;
mod signatures;
mod sketch;
mod stems;
pub(crate) mod traits;
mod verify;

use serde::Serialize;

use crate::article::{Article, ArticleId};

pub use signatures::{Signatures, update};
pub use verify::{PairEvidence, PairFacts, RULES, Rule, broken_rule, evidence};

use copies::Copies;
use counts::{Commonness, DocCounts};

/// How a setting's value is written in the config file.
trait Written {
    fn written(&self) -> String;
}

impl Written for usize {
    fn written(&self) -> String {
        self.to_string()
    }
}

impl Written for f64 {
    fn written(&self) -> String {
        format!("{self:?}")
    }
}

/// Declares the duplicate finder's settings once: each with its documentation,
/// its default, and the short line the config file gives it.
macro_rules! dedup_options {
    ($($(#[doc = $doc:literal])* $field:ident: $ty:ty = $default:expr, $short:literal;)*) => {
        /// Settings of the duplicate finder; the defaults suit news copy.
        #[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct DedupOptions {
            $($(#[doc = $doc])* pub $field: $ty,)*
        }

        impl Default for DedupOptions {
            fn default() -> Self {
                DedupOptions { $($field: $default,)* }
            }
        }

        impl DedupOptions {
            /// Every setting as (name, value as the config file writes it, one line
            /// saying what it is), in the order the config file lists them.
            pub fn entries(&self) -> Vec<(&'static str, String, &'static str)> {
                vec![$((stringify!($field), self.$field.written(), $short),)*]
            }
        }
    };
}

dedup_options! {
    /// Words per shingle.
    shingle: usize = 5, "words per shingle";
    /// Shingle hashes kept per article for finding candidates.
    sketch: usize = 32, "shingle hashes kept per article to find pairs";
    /// Sketch values two articles must share to be compared at all.
    min_shared_sketch: usize = 2, "sketch values two articles must share to be compared";
    /// A shingle is common, and ignored, when more articles than this hold it: a
    /// thousandth of the corpus, but never fewer than `common_min_articles` (small
    /// folders) nor more than `common_max_articles` (a phrase in fifty stories is a
    /// stock phrase however large the corpus).
    common_share: f64 = 0.001, "a shingle in more than this share of articles is common...";
    /// Floor of the common-shingle threshold.
    common_min_articles: usize = 12, "...but never in fewer than this many";
    /// Ceiling of the common-shingle threshold.
    common_max_articles: usize = 40, "...nor in more than this many";
    /// Least share of the smaller article's shingles found in the other.
    min_containment: f64 = 0.35, "least share of the smaller article found in the other";
    /// Sketch values held by more articles than this are not used to find pairs,
    /// so stories with more versions than this (other than identical copies) may
    /// be split.
    max_versions: usize = 24, "values held by more articles do not find pairs";
    /// Least number of shared shingles.
    min_shared: usize = 3, "least number of shared shingles";
    /// Least number of the smaller article's sentences the shared shingles touch,
    /// unless they share at least `long_passage` shingles of one passage.
    min_sentences: usize = 2, "least number of the smaller article's sentences shared";
    /// Least share of the smaller article's sentences the shared shingles touch.
    min_sentence_share: f64 = 0.6, "least share of its sentences shared";
    /// Shared shingles that count as evidence however few sentences they touch.
    long_passage: usize = 15, "shared shingles that count whatever the sentences";
    /// Least share of the smaller article's figures that the other has after the
    /// same two words, among those it has any figure after (when there are three or
    /// more; with one or two, one may differ).
    min_figures_agree: f64 = 0.6, "least share of figures that agree in shared context";
    /// Containment at which one pair is enough for an article to join a story
    /// (a brief, an update, a re-send); weaker pairs need most of the story.
    strong_containment: f64 = 0.6, "containment at which one pair joins a story";
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
    /// How the pair was found.
    pub found: Found,
}

/// How a pair of versions was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Found {
    /// By the material they share.
    Text,
    /// As identical copies.
    Copy,
    /// A flash and its story, by their headlines.
    Flash,
    /// A correction notice and the item it names by headline.
    Notice,
    /// Two accounts of one event in other words: the same company and day, the
    /// same distinctive figures in their leads, headlines alike.
    Event,
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

/// The pairs of a sorted list that start with `id`.
fn pairs_of(pairs: &[(ArticleId, ArticleId)], id: ArticleId) -> &[(ArticleId, ArticleId)] {
    let start = pairs.partition_point(|p| p.0 < id);
    let end = start + pairs[start..].partition_point(|p| p.0 == id);
    &pairs[start..end]
}

/// The stories of a store: clusters of versions and each article's place in them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// Stories with two or more versions, most versions first.
    pub clusters: Vec<Cluster>,
    of_article: Vec<u32>,
    closest: Vec<Option<ArticleId>>,
    /// Pairs of stories that share background without being versions, each
    /// pair once (lower id first), sorted; none within one story.
    related: Vec<(ArticleId, ArticleId)>,
    /// The same pairs the other way round (higher id first), sorted: with
    /// `related`, an article's related ones are found by two binary searches.
    related_back: Vec<(ArticleId, ArticleId)>,
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

    /// The articles related to `id` without being versions of it (they share
    /// background), nearest first in store order.
    pub fn related(&self, id: ArticleId) -> Vec<ArticleId> {
        let mut out: Vec<ArticleId> = self.related_any(id).collect();
        out.sort_by_key(|&o| o.abs_diff(id));
        out
    }

    /// The articles related to `id`, in no particular order.
    fn related_any(&self, id: ArticleId) -> impl Iterator<Item = ArticleId> + '_ {
        let ahead = pairs_of(&self.related, id).iter().map(|p| p.1);
        ahead.chain(pairs_of(&self.related_back, id).iter().map(|p| p.1))
    }

    /// Every related pair (lower id first), sorted.
    pub fn related_pairs(&self) -> &[(ArticleId, ArticleId)] {
        &self.related
    }

    /// The articles outside a story that are related to one of its versions.
    pub fn related_to_story(&self, cluster: &Cluster) -> Vec<ArticleId> {
        let inside = |x: ArticleId| cluster.members.contains(&x);
        let mut out: Vec<ArticleId> = cluster
            .members
            .iter()
            .flat_map(|&m| self.related_any(m))
            .filter(|&x| !inside(x))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Keeps the related pairs that are not versions of one story.
    pub(crate) fn set_related(&mut self, pairs: &[Edge]) {
        let mut related: Vec<(ArticleId, ArticleId)> = pairs
            .iter()
            .map(|e| (e.a.min(e.b), e.a.max(e.b)))
            .filter(|&(a, b)| {
                let story = |x: ArticleId| self.of_article.get(x as usize).copied();
                story(a) != story(b) || story(a) == Some(u32::MAX)
            })
            .collect();
        related.sort_unstable();
        related.dedup();
        self.related_back = related.iter().map(|&(a, b)| (b, a)).collect();
        self.related_back.sort_unstable();
        self.related = related;
    }

    /// Number of articles in stories with more than one version.
    pub fn clustered_articles(&self) -> usize {
        self.clusters.iter().map(|c| c.members.len()).sum()
    }
}

/// Stories given from elsewhere (a clusters file): groups of article ids, each
/// of two or more, taken as they are, with no pairs verified.
pub fn from_groups(
    articles: &[Article],
    groups: Vec<Vec<ArticleId>>,
    opts: &DedupOptions,
) -> Clusters {
    let groups = groups.into_iter().filter(|g| g.len() >= 2).collect();
    group::assemble(
        articles,
        &reading::Reading::default(),
        groups,
        &[],
        opts.shingle.max(1),
        &|_| false,
    )
}

/// Adds the pairs of `more` that `edges` does not have yet.
pub(crate) fn add_new(edges: &mut Vec<Edge>, more: Vec<Edge>) {
    let have: std::collections::HashSet<(u32, u32)> =
        edges.iter().map(|e| (e.a.min(e.b), e.a.max(e.b))).collect();
    edges.extend(
        more.into_iter()
            .filter(|e| !have.contains(&(e.a.min(e.b), e.a.max(e.b)))),
    );
}

/// Finds the stories with several versions among `articles` (ids must equal
/// positions), reporting progress as it goes.
pub fn cluster(
    articles: &[Article],
    opts: &DedupOptions,
    progress: &(dyn Fn(DedupProgress) + Sync),
) -> Clusters {
    find(articles, opts, progress, false).0
}

/// Like [`cluster`], and keeps what [`update`] needs.
pub fn cluster_keeping(
    articles: &[Article],
    opts: &DedupOptions,
    progress: &(dyn Fn(DedupProgress) + Sync),
) -> (Clusters, Signatures) {
    let (clusters, kept) = find(articles, opts, progress, true);
    (clusters, kept.expect("asked to keep them"))
}

/// [`cluster`], and what [`update`] needs when `keeping` (else the sketches
/// are let go as soon as the candidates are found, which a million articles'
/// run needs the room for).
fn find(
    articles: &[Article],
    opts: &DedupOptions,
    progress: &(dyn Fn(DedupProgress) + Sync),
    keeping: bool,
) -> (Clusters, Option<Signatures>) {
    let n = articles.len();
    let report = |phase, done, total| progress(DedupProgress { phase, done, total });

    let clock = std::time::Instant::now();
    let lap = |what: &str, count: usize| {
        tracing::debug!(
            phase = what,
            count,
            ms = clock.elapsed().as_millis() as u64,
            "finding versions"
        );
    };
    // 0. What every phase asks of each article, read once; then one article per
    // body. Headline skeletons are counted once: copies and verification both
    // ask which headlines are templated.
    let mut reading = reading::Reading::new(traits::all(articles));
    let skeletons = traits::Skeletons::from_traits(&reading.traits);
    let mut copies = Copies::of(articles, &reading.traits, &skeletons);
    if !keeping {
        // Only an update looks bodies up by their hash.
        copies.first_with = Default::default();
    }
    let originals = copies.originals();

    // 1. Sketches, and the counts that tell stock phrases.
    let total_words: usize = originals
        .iter()
        .map(|&d| articles[d as usize].words as usize + 8)
        .sum();
    let common = Commonness {
        counts: DocCounts::new(total_words),
        cap: Commonness::cap_for(n, opts),
    };
    lap("copies", originals.len());
    let keep = reading::Reading::can_keep(total_words);
    let (raw, materials) =
        sketch::read_all(articles, &originals, &common.counts, opts, keep, &report);
    lap("sketches", raw.len());

    // 2. Candidates, through sketch values few articles hold.
    report(Phase::Candidates, 0, originals.len());
    let is_common = |h| common.is_common(h);
    let (sketches, sizes): (Vec<Vec<u32>>, Vec<u32>) = raw
        .into_iter()
        .map(|r| (sketch::finish(r.smallest, is_common, opts), r.size))
        .unzip();
    // The smallest hashes held back are gone, twice the room of the sketches.
    crate::memory::give_back();
    let candidates: Vec<(u32, u32)> = candidates::among(&sketches, &sizes, opts)
        .into_iter()
        .map(|(x, y)| (originals[x as usize], originals[y as usize]))
        .collect();
    let sketched = keeping.then_some((sketches, sizes));

    if keep {
        reading.keep(&originals, materials, &common);
        reading.share_copies(articles, &copies.rep);
    }
    lap("candidates", candidates.len());
    // The sketches and their index are gone: their room goes back before the
    // material is read again.
    crate::memory::give_back();
    // 3. Verification on whole uncommon material.
    let (mut edges, related) = verify::all(
        articles,
        &reading,
        &candidates,
        &is_common,
        &skeletons,
        opts,
        &|d, t| report(Phase::Verifying, d, t),
    );

    lap("verified", edges.len());
    crate::memory::give_back();
    // Flashes and correction notices share too few words: their headlines pair them.
    add_new(
        &mut edges,
        headlines::pairs(articles, &reading.traits, &skeletons),
    );
    lap("headline pairs", edges.len());
    crate::memory::give_back();

    // 4. Grouping over one article per body; the copies then join their original.
    report(Phase::Grouping, 0, 1);
    let apart = group::kept_apart(&reading.traits);
    let mut groups = group::group_apart(&edges, opts.strong_containment, &apart);
    copies.attach(&mut groups, &mut edges);
    let mut clusters = group::assemble(
        articles,
        &reading,
        groups,
        &edges,
        opts.shingle.max(1),
        &is_common,
    );
    clusters.set_related(&related);
    lap("grouped", clusters.clusters.len());
    report(Phase::Grouping, 1, 1);
    let signatures = sketched.map(|(sketches, sizes)| {
        Signatures::kept(
            common,
            copies,
            skeletons,
            reading,
            (&originals, sketches, sizes),
            (edges, related),
        )
    });
    (clusters, signatures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(a: ArticleId, b: ArticleId) -> Edge {
        Edge {
            a,
            b,
            similarity: 0.3,
            containment: 0.3,
            found: Found::Text,
        }
    }

    #[test]
    fn related_articles_are_found_from_either_side() {
        // Articles 0..8; one story of 2, 5 and 6, the rest alone.
        let none = u32::MAX;
        let mut clusters = Clusters {
            clusters: vec![Cluster {
                id: 0,
                members: vec![2, 5, 6],
                unique_share: vec![0.0; 3],
                edges: vec![edge(2, 5), edge(5, 6)],
            }],
            of_article: vec![none, none, 0, none, none, 0, 0, none],
            ..Clusters::default()
        };
        // A pair inside the story is no related pair; one given twice counts once.
        clusters.set_related(&[edge(5, 1), edge(2, 6), edge(7, 2), edge(3, 4), edge(1, 5)]);
        assert_eq!(clusters.related_pairs(), &[(1, 5), (2, 7), (3, 4)]);
        assert_eq!(clusters.related(5), vec![1]);
        assert_eq!(clusters.related(2), vec![7]);
        assert_eq!(clusters.related(4), vec![3]);
        assert_eq!(clusters.related(0), Vec::<ArticleId>::new());
        // Nearest first.
        clusters.set_related(&[edge(3, 0), edge(3, 7), edge(3, 4)]);
        assert_eq!(clusters.related(3), vec![4, 0, 7]);
        clusters.set_related(&[edge(5, 1), edge(7, 2), edge(6, 1), edge(3, 4)]);
        assert_eq!(clusters.related_to_story(&clusters.clusters[0]), vec![1, 7]);
    }
}
