//! The second phase: pairs worth verifying, found through the sketch values that
//! few articles share, never by comparing all pairs.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rayon::prelude::*;

use super::DedupOptions;

/// Jaccard similarity estimated from two bottom-k sketches (sorted ascending): the
/// share of the k smallest values of their union that both hold.
pub(crate) fn sketch_jaccard(a: &[u32], b: &[u32], k: usize) -> f64 {
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

/// Whether the containment estimated from two sketches and their sizes leaves any
/// hope for the pair: it spares the exact checks of hopeless pairs.
fn promising(sa: &[u32], size_a: u32, sb: &[u32], size_b: u32, opts: &DedupOptions) -> bool {
    let jac = sketch_jaccard(sa, sb, opts.sketch);
    let (x, y) = (f64::from(size_a.max(1)), f64::from(size_b.max(1)));
    let containment = jac * (x + y) / ((1.0 + jac) * x.min(y));
    containment >= opts.min_containment * 0.7
}

/// Candidate pairs `(i, j)`, `i < j`, among articles given by their sketches and
/// sizes (indices into both slices).
///
/// A value held by many articles is a name or phrase of a topic, not of a story;
/// pairs are looked up only through values at most `max_versions` articles hold.
pub(crate) fn among(sketches: &[Vec<u32>], sizes: &[u32], opts: &DedupOptions) -> Vec<(u32, u32)> {
    // (value, index), sorted by value: the articles holding each value.
    let mut entries: Vec<(u32, u32)> = sketches
        .iter()
        .enumerate()
        .flat_map(|(r, s)| s.iter().map(move |&h| (h, r as u32)))
        .collect();
    entries.par_sort_unstable();
    // Each article gets the list of value groups it is in, so no lookup searches.
    let mut member_of: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let mut j = i;
        while j < entries.len() && entries[j].0 == entries[i].0 {
            j += 1;
        }
        if (2..=opts.max_versions).contains(&(j - i)) {
            member_of.extend(entries[i..j].iter().map(|e| (e.1, i as u32)));
        }
        i = j;
    }
    member_of.par_sort_unstable();
    let group = |start: u32| {
        let h = entries[start as usize].0;
        entries[start as usize..]
            .iter()
            .take_while(move |e| e.0 == h)
    };
    let mut doc_start = vec![0u32; sketches.len() + 1];
    for &(r, _) in &member_of {
        doc_start[r as usize + 1] += 1;
    }
    for r in 0..sketches.len() {
        doc_start[r + 1] += doc_start[r];
    }
    (0..sketches.len())
        .into_par_iter()
        .flat_map_iter(|r| {
            let mut others: Vec<u32> = Vec::new();
            for &(_, start) in &member_of[doc_start[r] as usize..doc_start[r + 1] as usize] {
                others.extend(group(start).map(|e| e.1).filter(|&o| o as usize > r));
            }
            // Each value lists an article once, so repeats count shared values.
            others.sort_unstable();
            let mut pairs = Vec::new();
            for run in others.chunk_by(|x, y| x == y) {
                let o = run[0] as usize;
                if run.len() >= opts.min_shared_sketch
                    && promising(&sketches[r], sizes[r], &sketches[o], sizes[o], opts)
                {
                    pairs.push((r as u32, o as u32));
                }
            }
            pairs.into_iter()
        })
        .collect()
}

/// Candidate pairs between the `fresh` articles and every article with a sketch
/// (new ones among themselves too), by article id.
pub(crate) fn against(
    sketches: &[Vec<u32>],
    sizes: &[u32],
    fresh: &[u32],
    opts: &DedupOptions,
) -> Vec<(u32, u32)> {
    let mut holders: HashMap<u32, Vec<u32>> = HashMap::default();
    for &d in fresh {
        for &h in &sketches[d as usize] {
            holders.entry(h).or_default().push(d);
        }
    }
    let fresh_set: HashSet<u32> = fresh.iter().copied().collect();
    (0..sketches.len() as u32)
        .into_par_iter()
        .filter(|x| !sketches[*x as usize].is_empty())
        .flat_map_iter(|x| {
            let mut shared: HashMap<u32, usize> = HashMap::default();
            for h in &sketches[x as usize] {
                for &d in holders.get(h).into_iter().flatten() {
                    // A pair of two new articles is counted from its smaller id.
                    if d != x && (!fresh_set.contains(&x) || x < d) {
                        *shared.entry(d).or_default() += 1;
                    }
                }
            }
            let (sx, size_x) = (&sketches[x as usize], sizes[x as usize]);
            shared
                .into_iter()
                .filter(|&(_, c)| c >= opts.min_shared_sketch)
                .filter(move |&(d, _)| {
                    promising(sx, size_x, &sketches[d as usize], sizes[d as usize], opts)
                })
                .map(move |(d, _)| (x, d))
                .collect::<Vec<_>>()
        })
        .collect()
}
