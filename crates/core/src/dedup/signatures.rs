//! What a run of version finding keeps so that articles that come later are set
//! against the ones already there, instead of the whole folder read again.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::copies::{Copies, copy_edge, copy_key};
use super::counts::Commonness;
use super::material::WordHashes;
use super::reading::Reading;
use super::traits::{Skeletons, traits};
use super::{Clusters, DedupOptions, Edge, candidates, group, sketch, verify};
use crate::article::{Article, ArticleId};

/// Each article's sketch, the shingle counts, and every verified pair.
pub struct Signatures {
    common: Commonness,
    skeletons: Skeletons,
    /// Every article's traits (material is read again when needed).
    reading: Reading,
    /// Uncommon sketch values per article id (none for copies and removed ones).
    sketches: Vec<Vec<u32>>,
    /// Shingles per article id.
    sizes: Vec<u32>,
    /// The first article with each body, by body hash.
    body_first: HashMap<u64, u32>,
    /// Every verified pair, copies included.
    edges: Vec<Edge>,
    /// Pairs that share background without being versions.
    related: Vec<Edge>,
}

impl Signatures {
    /// What a whole run keeps: sketches and sizes are given per original (in the
    /// order of `originals`), and stored by article id.
    pub(crate) fn kept(
        common: Commonness,
        copies: Copies,
        skeletons: Skeletons,
        reading: Reading,
        (originals, sketches, sizes): (&[u32], Vec<Vec<u32>>, Vec<u32>),
        (edges, related): (Vec<Edge>, Vec<Edge>),
    ) -> Signatures {
        let n = copies.rep.len();
        let mut by_id = vec![Vec::new(); n];
        let mut sizes_by_id = vec![0u32; n];
        for ((&d, sketch), size) in originals.iter().zip(sketches).zip(sizes) {
            by_id[d as usize] = sketch;
            sizes_by_id[d as usize] = size;
        }
        Signatures {
            common,
            skeletons,
            // The material is the biggest part of a run, and an update reads
            // only the new articles' candidates: it is read again then.
            reading: Reading::new(reading.traits),
            sketches: by_id,
            sizes: sizes_by_id,
            body_first: copies.first_with,
            edges,
            related,
        }
    }

    /// Forgets the `removed` articles; returns their copies, which had no sketch of
    /// their own (they were compared through the original) and must be read again.
    fn forget(&mut self, removed: &[ArticleId]) -> Vec<u32> {
        let gone: HashSet<u32> = removed.iter().copied().collect();
        for &r in removed {
            if let Some(s) = self.sketches.get_mut(r as usize) {
                s.clear();
            }
        }
        let orphans = self
            .edges
            .iter()
            .filter(|e| e.similarity >= 1.0 && gone.contains(&e.a) && !gone.contains(&e.b))
            .map(|e| e.b)
            .collect();
        self.edges
            .retain(|e| !gone.contains(&e.a) && !gone.contains(&e.b));
        self.related
            .retain(|e| !gone.contains(&e.a) && !gone.contains(&e.b));
        self.body_first.retain(|_, first| !gone.contains(first));
        orphans
    }

    /// Takes in new articles: a copy of a body already there pairs with it, any
    /// other gets a sketch. Returns the ones that got a sketch.
    fn take_in(&mut self, articles: &[Article], added: &[u32], opts: &DedupOptions) -> Vec<u32> {
        let k = opts.shingle.max(1);
        let mut fresh = Vec::new();
        let mut cache = WordHashes::new();
        for &d in added {
            let a = &articles[d as usize];
            if !a.body.is_empty() {
                let h = copy_key(a, &self.reading.traits[d as usize], &self.skeletons);
                match self.body_first.get(&h) {
                    Some(&first) if first != d => {
                        self.edges.push(copy_edge(first, d));
                        continue;
                    }
                    _ => {
                        self.body_first.insert(h, d);
                    }
                }
            }
            let (raw, _) = sketch::read_one(a, k, &self.common.counts, opts, &mut cache);
            let common = &self.common;
            self.sketches[d as usize] = sketch::finish(raw.smallest, |h| common.is_common(h), opts);
            self.sizes[d as usize] = raw.size;
            fresh.push(d);
        }
        fresh
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
    sig.sketches.resize(n, Vec::new());
    sig.sizes.resize(n, 0);
    let orphans = sig.forget(removed);
    let added: Vec<u32> = orphans.into_iter().chain(added.iter().copied()).collect();
    sig.reading.traits.resize_with(n, Default::default);
    for &d in &added {
        sig.reading.traits[d as usize] = traits(&articles[d as usize]);
    }
    sig.skeletons
        .add(added.iter().map(|&d| &articles[d as usize]));
    let fresh = sig.take_in(articles, &added, opts);
    let common = &sig.common;
    let is_common = |h| common.is_common(h);
    let pairs = candidates::against(&sig.sketches, &sig.sizes, &fresh, opts);
    let (verified, related) = verify::all(
        articles,
        &sig.reading,
        &pairs,
        &is_common,
        &sig.skeletons,
        opts,
        &|_, _| {},
    );
    sig.edges.extend(verified);
    sig.related.extend(related);
    sig.edges.retain(|e| {
        !matches!(
            e.found,
            super::Found::Flash | super::Found::Notice | super::Found::Event
        )
    });
    let by_headline = super::headlines::pairs(articles, &sig.reading.traits, &sig.skeletons);
    super::add_new(&mut sig.edges, by_headline);
    let apart = group::kept_apart(&sig.reading.traits);
    let groups = group::group_apart(&sig.edges, opts.strong_containment, &apart);
    let mut clusters = group::assemble(
        articles,
        &sig.reading,
        groups,
        &sig.edges,
        opts.shingle.max(1),
        &is_common,
    );
    clusters.set_related(&sig.related);
    clusters
}
