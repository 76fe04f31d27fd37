//! Aligning the sentences of two versions: identical ones first, then similar ones
//! in reading order (the heaviest chain of pairs increasing on both sides), then
//! similar ones out of order (moved); a sentence split in two, or two merged, pair
//! as a group.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::CompareOptions;
use super::units::{Unit, common, dice, minus};

/// A candidate pairing of left sentence `i` with right sentence `j`.
#[derive(Clone, Copy, Debug)]
struct Pair {
    i: usize,
    j: usize,
    weight: f64,
    exact: bool,
}

/// Consecutive sentences on each side that correspond.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Group {
    pub(crate) left: Range<usize>,
    pub(crate) right: Range<usize>,
}

pub(crate) struct Alignment {
    /// In reading order on both sides.
    pub(crate) chain: Vec<Group>,
    /// Out of order.
    pub(crate) moved: Vec<Group>,
}

/// Every pair in the reading-order chain is worth one, plus its similarity (one for
/// an identical pair): the chain keeps as many sentences in order as it can, so the
/// fewest sentences are called moved, and prefers the closer pairs among equals.
const EXACT_WEIGHT: f64 = 2.0;

/// How many left sentences with shared words each right sentence scores.
const CANDIDATES_PER_SENTENCE: usize = 8;

/// Pairs the sentences of `l` with those of `r`.
pub(crate) fn align(l: &[Unit], r: &[Unit], opts: &CompareOptions) -> Alignment {
    let (nl, nr) = (l.len(), r.len());
    let mut left_exact = vec![false; nl];
    let mut right_exact = vec![false; nr];
    let mut pairs = exact_pairs(l, r, &mut left_exact, &mut right_exact);
    pairs.extend(similar_pairs(l, &left_exact, r, &right_exact, opts));

    let chain_pairs = heaviest_chain(&pairs, nr);
    let mut left_used = vec![false; nl];
    let mut right_used = vec![false; nr];
    for p in &chain_pairs {
        left_used[p.i] = true;
        right_used[p.j] = true;
    }
    let mut moved = moved_pairs(&pairs, &mut left_used, &mut right_used, opts);
    let mut chain: Vec<Group> = chain_pairs
        .iter()
        .map(|p| Group {
            left: p.i..p.i + 1,
            right: p.j..p.j + 1,
        })
        .collect();
    absorb_splits(&mut chain, l, r, &mut left_used, &mut right_used);
    moved.sort_by_key(|g| g.left.start);
    Alignment { chain, moved }
}

/// Identical sentences (after normalisation); repeats pair up in reading order.
/// Everything here treats both sides alike, so that comparing B with A gives the
/// mirror image of comparing A with B.
fn exact_pairs(
    l: &[Unit],
    r: &[Unit],
    left_exact: &mut [bool],
    right_exact: &mut [bool],
) -> Vec<Pair> {
    let key = |u: &Unit| -> Vec<u32> {
        if u.ids.is_empty() {
            // Sentences without words compare by their punctuation.
            u.text
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| u32::MAX - c as u32)
                .collect()
        } else {
            u.ids.clone()
        }
    };
    let mut by_key: HashMap<Vec<u32>, (Vec<usize>, Vec<usize>)> = HashMap::default();
    for (i, u) in l.iter().enumerate() {
        by_key.entry(key(u)).or_default().0.push(i);
    }
    for (j, u) in r.iter().enumerate() {
        if let Some(e) = by_key.get_mut(&key(u)) {
            e.1.push(j);
        }
    }
    let mut pairs = Vec::new();
    for (ls, rs) in by_key.values() {
        for (&i, &j) in ls.iter().zip(rs) {
            left_exact[i] = true;
            right_exact[j] = true;
            pairs.push(Pair {
                i,
                j,
                weight: EXACT_WEIGHT + tie_breaker(&l[i], &r[j]),
                exact: true,
            });
        }
    }
    pairs
}

/// Similar sentences, found through shared content words that are not too common,
/// from each side towards the other, and kept when they overlap enough.
fn similar_pairs(
    l: &[Unit],
    left_exact: &[bool],
    r: &[Unit],
    right_exact: &[bool],
    opts: &CompareOptions,
) -> Vec<Pair> {
    let cap = 16.max(l.len().max(r.len()) / 20);
    let mut candidates: Vec<(usize, usize)> =
        similar_candidates(l, left_exact, r, right_exact, cap);
    for (j, i) in similar_candidates(r, right_exact, l, left_exact, cap) {
        candidates.push((i, j));
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut pairs = Vec::new();
    for (i, j) in candidates {
        let (a, b) = (&l[i].bag, &r[j].bag);
        let d = dice(a, b);
        let shorter = a.len().min(b.len());
        let contained = if shorter >= 4 {
            common(a, b) as f32 / shorter as f32
        } else {
            0.0
        };
        let similarity = if d >= opts.in_order {
            d
        } else if contained >= opts.containment {
            opts.in_order.max(contained * 0.6)
        } else {
            continue;
        };
        pairs.push(Pair {
            i,
            j,
            weight: 1.0 + f64::from(similarity) + tie_breaker(&l[i], &r[j]),
            exact: false,
        });
    }
    pairs
}

/// Whatever identical or clearly similar pairs the chain left out were moved:
/// taken strongest first among the sentences still free.
fn moved_pairs(
    pairs: &[Pair],
    left_used: &mut [bool],
    right_used: &mut [bool],
    opts: &CompareOptions,
) -> Vec<Group> {
    let mut rest: Vec<&Pair> = pairs
        .iter()
        .filter(|p| p.exact || p.weight >= 1.0 + f64::from(opts.moved))
        .collect();
    rest.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut moved = Vec::new();
    for p in rest {
        if !left_used[p.i] && !right_used[p.j] {
            left_used[p.i] = true;
            right_used[p.j] = true;
            moved.push(Group {
                left: p.i..p.i + 1,
                right: p.j..p.j + 1,
            });
        }
    }
    moved
}

/// A tiny weight, the same whichever side each sentence is on, that decides between
/// otherwise equal choices.
fn tie_breaker(a: &Unit, b: &Unit) -> f64 {
    let h = |u: &Unit| xxhash_rust::xxh3::xxh3_64(u.text.as_bytes());
    let mixed = h(a).wrapping_add(h(b));
    (mixed % 1024) as f64 * 1e-9
}

/// For each unpaired sentence of `from`, the unpaired sentences of `to` sharing the
/// most content words with it (words in more than `cap` sentences do not count).
fn similar_candidates(
    from: &[Unit],
    from_done: &[bool],
    to: &[Unit],
    to_done: &[bool],
    cap: usize,
) -> Vec<(usize, usize)> {
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::default();
    for (k, u) in to.iter().enumerate() {
        if to_done[k] {
            continue;
        }
        let mut last = None;
        for &id in &u.bag {
            if last != Some(id) {
                postings.entry(id).or_default().push(k);
                last = Some(id);
            }
        }
    }
    let mut out = Vec::new();
    let mut hits = vec![0u32; to.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (f, u) in from.iter().enumerate() {
        if from_done[f] || u.bag.is_empty() {
            continue;
        }
        let mut last = None;
        for &id in &u.bag {
            if last == Some(id) {
                continue;
            }
            last = Some(id);
            if let Some(list) = postings.get(&id)
                && list.len() <= cap
            {
                for &k in list {
                    if hits[k] == 0 {
                        touched.push(k);
                    }
                    hits[k] += 1;
                }
            }
        }
        touched.sort_by_key(|&k| (std::cmp::Reverse(hits[k]), k));
        for &k in touched.iter().take(CANDIDATES_PER_SENTENCE) {
            out.push((f, k));
        }
        for &k in &touched {
            hits[k] = 0;
        }
        touched.clear();
    }
    out
}

/// The heaviest set of pairs increasing in both `i` and `j`, in order.
fn heaviest_chain(pairs: &[Pair], nr: usize) -> Vec<Pair> {
    if pairs.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by_key(|&k| (pairs[k].i, pairs[k].j));
    // Fenwick tree over j holding (best chain weight ending at or before j, pair index).
    let mut tree: Vec<(f64, usize)> = vec![(0.0, usize::MAX); nr + 1];
    let query = |tree: &Vec<(f64, usize)>, mut j: usize| {
        let mut best = (0.0f64, usize::MAX);
        while j > 0 {
            if tree[j].0 > best.0 {
                best = tree[j];
            }
            j &= j - 1;
        }
        best
    };
    let mut score = vec![0.0f64; pairs.len()];
    let mut prev = vec![usize::MAX; pairs.len()];
    let mut k = 0;
    while k < order.len() {
        // Pairs sharing a left sentence are scored before any of them is added, so a
        // chain never uses one left sentence twice.
        let i = pairs[order[k]].i;
        let start = k;
        while k < order.len() && pairs[order[k]].i == i {
            let p = order[k];
            let (best, from) = query(&tree, pairs[p].j);
            score[p] = best + pairs[p].weight;
            prev[p] = from;
            k += 1;
        }
        for &p in &order[start..k] {
            let mut j = pairs[p].j + 1;
            while j <= nr {
                if score[p] > tree[j].0 {
                    tree[j] = (score[p], p);
                }
                j += j & j.wrapping_neg();
            }
        }
    }
    let mut best = (0..pairs.len())
        .max_by(|&a, &b| score[a].total_cmp(&score[b]))
        .unwrap_or(usize::MAX);
    let mut out = Vec::new();
    while best != usize::MAX {
        out.push(pairs[best]);
        best = prev[best];
    }
    out.reverse();
    out
}

/// Extends chain pairs over a neighbouring unpaired sentence when a rewrite split one
/// sentence in two (or merged two into one): the neighbour's words are mostly the
/// ones its partner's counterpart has left over.
fn absorb_splits(
    chain: &mut [Group],
    l: &[Unit],
    r: &[Unit],
    left_used: &mut [bool],
    right_used: &mut [bool],
) {
    let fits = |extra: &[u32], leftover: &[u32]| {
        let c = common(extra, leftover);
        c >= 3 && c as f32 >= 0.6 * extra.len() as f32
    };
    let bag = |units: &[Unit], range: &Range<usize>| {
        let mut b: Vec<u32> = units[range.clone()]
            .iter()
            .flat_map(|u| u.bag.iter().copied())
            .collect();
        b.sort_unstable();
        b
    };
    for g in chain.iter_mut() {
        loop {
            let lb = bag(l, &g.left);
            let rb = bag(r, &g.right);
            let left_over = minus(&lb, &rb);
            let right_over = minus(&rb, &lb);
            // Each neighbour is judged against the same leftovers, so the outcome
            // does not depend on which side is looked at first.
            let grow_right_end = g.right.end < r.len()
                && !right_used[g.right.end]
                && fits(&r[g.right.end].bag, &left_over);
            let grow_right_start = g.right.start > 0
                && !right_used[g.right.start - 1]
                && fits(&r[g.right.start - 1].bag, &left_over);
            let grow_left_end = g.left.end < l.len()
                && !left_used[g.left.end]
                && fits(&l[g.left.end].bag, &right_over);
            let grow_left_start = g.left.start > 0
                && !left_used[g.left.start - 1]
                && fits(&l[g.left.start - 1].bag, &right_over);
            if grow_right_end {
                right_used[g.right.end] = true;
                g.right.end += 1;
            }
            if grow_right_start {
                right_used[g.right.start - 1] = true;
                g.right.start -= 1;
            }
            if grow_left_end {
                left_used[g.left.end] = true;
                g.left.end += 1;
            }
            if grow_left_start {
                left_used[g.left.start - 1] = true;
                g.left.start -= 1;
            }
            if !(grow_right_end || grow_right_start || grow_left_end || grow_left_start) {
                break;
            }
        }
    }
}
