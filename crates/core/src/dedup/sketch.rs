//! The first phase: each article's material is read once, every shingle is counted
//! (how many articles hold it), and the article keeps a bottom-k MinHash sketch of
//! its shingles, the `sketch` smallest hashes that are not common.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::counts::DocCounts;
use super::material::{Material, WordHashes, material};
use super::{DedupOptions, Phase};
use crate::article::Article;

/// What the sketch phase gives per article: its smallest shingle hashes (twice as
/// many as a sketch needs, since common ones are dropped once the counts are
/// known) and how many shingles it has.
pub(crate) struct Raw {
    pub(crate) smallest: Vec<u32>,
    pub(crate) size: u32,
}

/// How many of the smallest hashes are held back before the common ones go.
pub(crate) fn held_back(opts: &DedupOptions) -> usize {
    opts.sketch.max(1) * 2
}

/// Reads every article of `ids` once, counting its shingles into `counts` and
/// keeping its smallest hashes, and, when `keep` is set, its material (in the
/// order of `ids`); `report` hears how many are done.
pub(crate) fn read_all(
    articles: &[Article],
    ids: &[u32],
    counts: &DocCounts,
    opts: &DedupOptions,
    keep: bool,
    report: &(dyn Fn(Phase, usize, usize) + Sync),
) -> (Vec<Raw>, Vec<Material>) {
    let k = opts.shingle.max(1);
    let done = AtomicUsize::new(0);
    let parts: Vec<(Vec<Raw>, Vec<Material>)> = ids
        .par_chunks(2048)
        .map_init(WordHashes::new, |cache, part| {
            let mut raws = Vec::with_capacity(part.len());
            let mut kept = Vec::with_capacity(if keep { part.len() } else { 0 });
            for &d in part {
                let (raw, m) = read_one(&articles[d as usize], k, counts, opts, cache);
                raws.push(raw);
                if keep {
                    kept.push(m);
                }
            }
            let d = done.fetch_add(part.len(), Ordering::Relaxed) + part.len();
            report(Phase::Shingling, d, ids.len());
            (raws, kept)
        })
        .collect();
    let mut raws = Vec::with_capacity(ids.len());
    let mut kept = Vec::with_capacity(if keep { ids.len() } else { 0 });
    for (r, m) in parts {
        raws.extend(r);
        kept.extend(m);
    }
    (raws, kept)
}

/// Reads one article: counts its shingles, keeps its smallest hashes; gives
/// them with the material read.
pub(crate) fn read_one(
    a: &Article,
    k: usize,
    counts: &DocCounts,
    opts: &DedupOptions,
    cache: &mut WordHashes,
) -> (Raw, Material) {
    let m = material(a, k, cache);
    counts.add_all(&m.shingles);
    // Sorted by hash already: the smallest come first.
    let raw = Raw {
        smallest: m
            .shingles
            .iter()
            .take(held_back(opts))
            .map(|s| s.0)
            .collect(),
        size: m.shingles.len() as u32,
    };
    (raw, m)
}

/// The sketch: the smallest hashes that are not common, `sketch` of them at most.
pub(crate) fn finish(
    smallest: impl IntoIterator<Item = u32>,
    common: impl Fn(u32) -> bool,
    opts: &DedupOptions,
) -> Vec<u32> {
    smallest
        .into_iter()
        .filter(|&h| !common(h))
        .take(opts.sketch)
        .collect()
}
