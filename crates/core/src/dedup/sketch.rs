//! The first phase: each article's material is read once, every shingle is counted
//! (how many articles hold it), and the article keeps a bottom-k MinHash sketch of
//! its shingles, the `sketch` smallest hashes that are not common.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::counts::DocCounts;
use super::material::{WordHashes, material};
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
/// keeping its smallest hashes; `report` hears how many are done.
pub(crate) fn read_all(
    articles: &[Article],
    ids: &[u32],
    counts: &DocCounts,
    opts: &DedupOptions,
    report: &(dyn Fn(Phase, usize, usize) + Sync),
) -> Vec<Raw> {
    let k = opts.shingle.max(1);
    let done = AtomicUsize::new(0);
    ids.par_chunks(2048)
        .flat_map_iter(|part| {
            let mut cache = WordHashes::new();
            let out: Vec<Raw> = part
                .iter()
                .map(|&d| read_one(&articles[d as usize], k, counts, opts, &mut cache))
                .collect();
            let d = done.fetch_add(part.len(), Ordering::Relaxed) + part.len();
            report(Phase::Shingling, d, ids.len());
            out
        })
        .collect()
}

/// Reads one article: counts its shingles, keeps its smallest hashes.
pub(crate) fn read_one(
    a: &Article,
    k: usize,
    counts: &DocCounts,
    opts: &DedupOptions,
    cache: &mut WordHashes,
) -> Raw {
    let m = material(a, k, cache);
    for &(h, _) in &m.shingles {
        counts.add(h);
    }
    // Sorted by hash already: the smallest come first.
    Raw {
        smallest: m
            .shingles
            .iter()
            .take(held_back(opts))
            .map(|s| s.0)
            .collect(),
        size: m.shingles.len() as u32,
    }
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
