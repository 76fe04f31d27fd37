//! Identical bodies (syndicated copies, re-sends) collapse onto their first article,
//! so that a story printed a hundred times is not mistaken for a stock phrase, and
//! is compared once; the copies join their original's story at the end.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rayon::prelude::*;

use super::Edge;
use super::traits::{Skeletons, Traits};
use crate::article::{Article, ArticleId};

/// Which article stands for each body.
pub(crate) struct Copies {
    /// For each article, the first article with the same body (itself if none
    /// came before; headline-only articles always stand for themselves).
    pub(crate) rep: Vec<u32>,
    /// The first article with each body, by body hash.
    pub(crate) first_with: HashMap<u64, u32>,
}

/// What copies share: the body, the headline's skeleton (so that one notice sent
/// for two companies, or a corrected figure in a headline, is no copy of the
/// other), and the day (the same notice on another day is another notice).
fn body_hash(a: &Article, t: &Traits) -> u64 {
    let day = t.day.map_or(u64::MAX, |d| d.key());
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(a.body.as_bytes());
    h.update(&t.skeleton.to_le_bytes());
    h.update(&day.to_le_bytes());
    h.digest()
}

/// What copies share, templated headlines' figures included (see
/// [`Copies::of`]); `t` is `a`'s traits.
pub(crate) fn copy_key(a: &Article, t: &Traits, skeletons: &Skeletons) -> u64 {
    let h = body_hash(a, t);
    if skeletons.templated(t.skeleton) && !t.corrects {
        h ^ t.headline_figures.rotate_left(29)
    } else {
        h
    }
}

impl Copies {
    /// Finds the copies among `articles`. Bodies under a templated headline
    /// (one many articles share but for figures) are copies only with the same
    /// headline figures: a price table at 12:00 and the same table at 12:30 are
    /// two reports, unless one says it corrects the other.
    pub(crate) fn of(articles: &[Article], traits: &[Traits], skeletons: &Skeletons) -> Copies {
        let hashes: Vec<u64> = articles
            .par_iter()
            .zip(traits)
            .map(|(a, t)| copy_key(a, t, skeletons))
            .collect();
        let mut first_with: HashMap<u64, u32> =
            HashMap::with_capacity_and_hasher(articles.len(), Default::default());
        let rep = (0..articles.len())
            .map(|d| {
                if articles[d].body.is_empty() {
                    return d as u32;
                }
                *first_with.entry(hashes[d]).or_insert(d as u32)
            })
            .collect();
        Copies { rep, first_with }
    }

    /// The articles that stand for their bodies, in id order.
    pub(crate) fn originals(&self) -> Vec<u32> {
        (0..self.rep.len() as u32)
            .filter(|&d| self.rep[d as usize] == d)
            .collect()
    }

    /// Puts each copy into its original's group (or a group of its own with the
    /// original), and adds a pair for each copy to `edges`.
    pub(crate) fn attach(&self, groups: &mut Vec<Vec<ArticleId>>, edges: &mut Vec<Edge>) {
        let mut copies: HashMap<u32, Vec<u32>> = HashMap::default();
        for (d, &r) in self.rep.iter().enumerate() {
            if r != d as u32 {
                copies.entry(r).or_default().push(d as u32);
            }
        }
        let grouped: HashSet<u32> = groups.iter().flatten().copied().collect();
        for g in groups.iter_mut() {
            // A copy may be grouped already, paired by its headline.
            let extra: Vec<u32> = g
                .iter()
                .filter_map(|r| copies.get(r))
                .flatten()
                .copied()
                .filter(|c| !grouped.contains(c))
                .collect();
            g.extend(extra);
        }
        for (&r, list) in &copies {
            if !grouped.contains(&r) {
                groups.push(std::iter::once(r).chain(list.iter().copied()).collect());
            }
            edges.extend(list.iter().map(|&c| copy_edge(r, c)));
        }
    }
}

/// The pair of an article and its identical copy.
pub(crate) fn copy_edge(original: u32, copy: u32) -> Edge {
    Edge {
        a: original,
        b: copy,
        similarity: 1.0,
        containment: 1.0,
        found: super::Found::Copy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_table_under_templated_headlines_at_two_times_is_two_reports() {
        let table = "\n MAY7  6265 UNCH\n JUL7  6245 UP  10\n SEP7  6265 UP  15\n";
        let files: Vec<(String, String)> = ["COPPER 12:00", "COPPER 12:30", "COPPER 12:30"]
            .iter()
            .enumerate()
            .map(|(i, h)| (format!("{i}.txt"), format!("{h}\n{table}")))
            .collect();
        let (articles, _) =
            crate::load::load_memory(files.iter().map(|(n, t)| (n.as_str(), t.as_bytes())));
        let traits = crate::dedup::traits::all(&articles);
        let c = Copies::of(&articles, &traits, &Skeletons::from_traits(&traits));
        assert_eq!(c.rep[1], 1, "another time is another report");
        assert_eq!(c.rep[2], 1, "the same time again is a copy");
    }
}
