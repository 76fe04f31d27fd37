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
    let groups = Groups::of(sketches, opts.max_versions, SORTED_AT_ONCE);
    (0..sketches.len())
        .into_par_iter()
        .flat_map_iter(|r| {
            let mut others: Vec<u32> = Vec::new();
            for &g in groups.of_article(r) {
                others.extend(groups.holders(g).iter().filter(|&&o| o as usize > r));
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

/// Sketch values sorted at a time, at most: a million articles' values held
/// as (value, article) pairs at once took 180 MB, so they are sorted a range
/// of values at a time, each range's groups kept before the next is read.
const SORTED_AT_ONCE: usize = 1 << 22;

/// The articles holding each sketch value that at least two and at most
/// `max_versions` articles hold (a group), and the groups each article is in.
struct Groups {
    /// Every group's articles in ascending order, one group after another,
    /// groups in ascending order of their value.
    holders: Vec<u32>,
    /// Where each group starts in `holders`, and a last entry for the end.
    group_start: Vec<u32>,
    /// The groups of each article, in ascending order, one article after another.
    groups: Vec<u32>,
    /// Where each article's groups start in `groups`, and a last entry for the end.
    article_start: Vec<u32>,
}

impl Groups {
    /// The groups of `sketches`, sorting `at_once` values at a time at most.
    fn of(sketches: &[Vec<u32>], max_versions: usize, at_once: usize) -> Groups {
        let total: usize = sketches.iter().map(Vec::len).sum();
        let passes = total.div_ceil(at_once.max(1)).max(1) as u64;
        let mut holders = Vec::new();
        let mut group_start = vec![0u32];
        let mut entries: Vec<(u32, u32)> = Vec::new();
        for k in 0..passes {
            // Values in [lo, hi): a share of the hash space, so of the values.
            let lo = ((k << 32) / passes) as u32;
            let hi = (((k + 1) << 32) / passes).saturating_sub(1) as u32;
            entries.clear();
            entries.extend(sketches.iter().enumerate().flat_map(|(r, s)| {
                s.iter()
                    .filter(|&&h| (lo..=hi).contains(&h))
                    .map(move |&h| (h, r as u32))
            }));
            entries.par_sort_unstable();
            for run in entries.chunk_by(|x, y| x.0 == y.0) {
                if (2..=max_versions).contains(&run.len()) {
                    holders.extend(run.iter().map(|e| e.1));
                    group_start.push(holders.len() as u32);
                }
            }
        }
        drop(entries);
        // Each article's groups, placed by counting: groups come in ascending
        // order, so each article's list is in ascending order too.
        let mut article_start = vec![0u32; sketches.len() + 1];
        for &r in &holders {
            article_start[r as usize + 1] += 1;
        }
        for r in 0..sketches.len() {
            article_start[r + 1] += article_start[r];
        }
        let mut next = article_start.clone();
        let mut groups = vec![0u32; holders.len()];
        for g in 0..group_start.len() - 1 {
            for &r in &holders[group_start[g] as usize..group_start[g + 1] as usize] {
                groups[next[r as usize] as usize] = g as u32;
                next[r as usize] += 1;
            }
        }
        Groups {
            holders,
            group_start,
            groups,
            article_start,
        }
    }

    /// The groups article `r` is in.
    fn of_article(&self, r: usize) -> &[u32] {
        &self.groups[self.article_start[r] as usize..self.article_start[r + 1] as usize]
    }

    /// The articles of group `g`.
    fn holders(&self, g: u32) -> &[u32] {
        let g = g as usize;
        &self.holders[self.group_start[g] as usize..self.group_start[g + 1] as usize]
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Sketches of `n` articles drawn from `values` values, sorted and each
    /// value once, by a fixed sequence.
    fn drawn(n: usize, values: u32) -> Vec<Vec<u32>> {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|_| {
                let len = (next() % 12) as usize;
                // Spread over the whole hash space, so every range gets some.
                let mut s: Vec<u32> = (0..len)
                    .map(|_| ((next() % u64::from(values)) as u32).wrapping_mul(0x9E37_79B1))
                    .collect();
                s.sort_unstable();
                s.dedup();
                s
            })
            .collect()
    }

    #[test]
    fn groups_hold_each_shared_value_s_articles_however_many_are_sorted_at_once() {
        let sketches = drawn(300, 400);
        let max = 5;
        let whole = Groups::of(&sketches, max, usize::MAX);
        // What each group should be: the articles holding a value, when 2 to 5 do.
        let mut by_value: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
        for (r, s) in sketches.iter().enumerate() {
            for &h in s {
                by_value.entry(h).or_default().push(r as u32);
            }
        }
        let expected: Vec<Vec<u32>> = by_value
            .into_values()
            .filter(|v| (2..=max).contains(&v.len()))
            .collect();
        let got: Vec<Vec<u32>> = (0..expected.len() as u32)
            .map(|g| whole.holders(g).to_vec())
            .collect();
        assert_eq!(got, expected);
        for r in 0..sketches.len() {
            for &g in whole.of_article(r) {
                assert!(whole.holders(g).contains(&(r as u32)));
            }
            let count = expected.iter().filter(|v| v.contains(&(r as u32))).count();
            assert_eq!(whole.of_article(r).len(), count);
        }
        for at_once in [1, 7, 100] {
            let part = Groups::of(&sketches, max, at_once);
            assert_eq!(part.holders, whole.holders, "{at_once}");
            assert_eq!(part.group_start, whole.group_start, "{at_once}");
            assert_eq!(part.groups, whole.groups, "{at_once}");
        }
    }
}
