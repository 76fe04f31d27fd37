//! Grouping verified pairs into stories without chaining different stories
//! together, and finishing each story: versions in order, each one's own share,
//! and each article's closest version.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rayon::prelude::*;

use super::material::WordHashes;
use super::reading::Reading;
use super::traits::Traits;
use super::{Cluster, Clusters, Edge};
use crate::article::{Article, ArticleId, DateOrigin};

/// Merges verified pairs strongest first. Two groups join only when more than half
/// of the pairs across them are verified; a single article also joins on one strong
/// pair (a brief or an update of one version need not match every rewrite).
#[cfg(test)]
pub(crate) fn group(edges: &[Edge], strong: f64) -> Vec<Vec<ArticleId>> {
    group_apart(edges, strong, &|_, _| false)
}

/// Days apart beyond which two versions of one story must have a correction
/// between them: a story is sent again the same day or the next, and a notice
/// of the same words two weeks later is another notice.
const STORY_DAYS: u16 = 2;

/// Whether two articles cannot be versions of one story whatever pairs them,
/// neither correcting anything: both dated, more than [`STORY_DAYS`] apart, or
/// both headlines naming a time of day and other ones (the opening and the
/// closing rates of one day share their table, not their story).
pub(crate) fn kept_apart(traits: &[Traits]) -> impl Fn(u32, u32) -> bool + use<> {
    // Each article's day and time, unless it corrects something (then any will do).
    let when: Vec<(Option<super::traits::StoryDay>, u16)> = traits
        .iter()
        .map(|t| {
            if t.corrects {
                (None, 0)
            } else {
                (t.day, t.time)
            }
        })
        .collect();
    move |a, b| {
        let ((day_a, time_a), (day_b, time_b)) = (when[a as usize], when[b as usize]);
        let days = matches!((day_a, day_b), (Some(p), Some(q)) if p.gap(q) > STORY_DAYS);
        days || super::traits::other_times(time_a, time_b)
    }
}

/// Least similarity of two articles' texts at which one is the other sent
/// again with a word or two changed: like an identical copy, it stands for
/// the other when a story's pairs are counted (see [`majority`]).
const RESEND_SIMILARITY: f32 = 0.8;

/// For each article paired by text with [`RESEND_SIMILARITY`] or more, the
/// lowest id of the articles so paired with it, one after another: the
/// re-sends of one text, which a version of one of them pairs with only.
fn resends(edges: &[Edge]) -> HashMap<u32, u32> {
    let mut of: HashMap<u32, u32> = HashMap::default();
    fn root(of: &HashMap<u32, u32>, mut x: u32) -> u32 {
        while let Some(&up) = of.get(&x).filter(|&&up| up != x) {
            x = up;
        }
        x
    }
    for e in edges {
        if e.found == super::Found::Text && e.similarity >= RESEND_SIMILARITY {
            let (ra, rb) = (root(&of, e.a), root(&of, e.b));
            let (low, high) = (ra.min(rb), ra.max(rb));
            of.insert(high, low);
            of.entry(low).or_insert(low);
        }
    }
    let keys: Vec<u32> = of.keys().copied().collect();
    keys.into_iter().map(|k| (k, root(&of, k))).collect()
}

/// [`group`], never putting two articles that `apart` keeps apart in one group
/// (a flash without a date must not join the same notice of two meetings).
pub(crate) fn group_apart(
    edges: &[Edge],
    strong: f64,
    apart: &dyn Fn(u32, u32) -> bool,
) -> Vec<Vec<ArticleId>> {
    let clash = |x: &[u32], y: &[u32]| x.iter().any(|&a| y.iter().any(|&b| apart(a, b)));
    let mut order: Vec<usize> = (0..edges.len()).collect();
    order.sort_by(|&x, &y| {
        edges[y]
            .similarity
            .total_cmp(&edges[x].similarity)
            .then((edges[x].a, edges[x].b).cmp(&(edges[y].a, edges[y].b)))
    });
    let linked: HashSet<(u32, u32)> = edges.iter().map(|e| (e.a.min(e.b), e.a.max(e.b))).collect();
    // Pairs are also counted between texts: a re-send's pairs are its
    // original's. Either count may carry a majority: counted by text, a group
    // whose re-sends each pair with the newcomer would weigh them as one.
    let resent = resends(edges);
    let text = |d: u32| resent.get(&d).copied().unwrap_or(d);
    let linked_texts: HashSet<(u32, u32)> = edges
        .iter()
        .map(|e| (text(e.a).min(text(e.b)), text(e.a).max(text(e.b))))
        .collect();
    let most_linked = |x: &[u32], y: &[u32]| {
        let texts = |g: &[u32]| {
            let mut t: Vec<u32> = g.iter().map(|&d| text(d)).collect();
            t.sort_unstable();
            t.dedup();
            t
        };
        majority(x, y, &linked)
            || (!resent.is_empty() && majority(&texts(x), &texts(y), &linked_texts))
    };
    let mut group_of: HashMap<u32, usize> = HashMap::default();
    let mut groups: Vec<Vec<u32>> = Vec::new();
    for k in order {
        let e = edges[k];
        let ga = group_of.get(&e.a).copied();
        let gb = group_of.get(&e.b).copied();
        match (ga, gb) {
            (None, None) if !apart(e.a, e.b) => {
                group_of.insert(e.a, groups.len());
                group_of.insert(e.b, groups.len());
                groups.push(vec![e.a, e.b]);
            }
            (Some(g), None) | (None, Some(g)) => {
                let new = if ga.is_some() { e.b } else { e.a };
                let fits = f64::from(e.containment) >= strong || most_linked(&groups[g], &[new]);
                if fits && !clash(&groups[g], &[new]) {
                    group_of.insert(new, g);
                    groups[g].push(new);
                }
            }
            (Some(x), Some(y))
                if x != y
                    && most_linked(&groups[x], &groups[y])
                    && !clash(&groups[x], &groups[y]) =>
            {
                let moved = std::mem::take(&mut groups[y]);
                for &m in &moved {
                    group_of.insert(m, x);
                }
                groups[x].extend(moved);
            }
            _ => {}
        }
    }
    groups.into_iter().filter(|g| g.len() >= 2).collect()
}

/// Whether more than half of the pairs across `x` and `y` are verified pairs.
fn majority(x: &[u32], y: &[u32], linked: &HashSet<(u32, u32)>) -> bool {
    let mut yes = 0usize;
    for &a in x {
        for &b in y {
            yes += usize::from(linked.contains(&(a.min(b), a.max(b))));
        }
    }
    yes * 2 > x.len() * y.len()
}

/// Turns groups of ids into numbered stories, with their own pairs, versions in
/// order, and each article's story and closest version.
pub(crate) fn assemble(
    articles: &[Article],
    reading: &Reading,
    groups: Vec<Vec<ArticleId>>,
    edges: &[Edge],
    k: usize,
    common: &(impl Fn(u32) -> bool + Sync),
) -> Clusters {
    let n = articles.len();
    let mut group_of: HashMap<u32, usize> = HashMap::default();
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            group_of.insert(m, g);
        }
    }
    let mut own_edges: Vec<Vec<Edge>> = vec![Vec::new(); groups.len()];
    for e in edges {
        if let (Some(&x), Some(&y)) = (group_of.get(&e.a), group_of.get(&e.b))
            && x == y
        {
            own_edges[x].push(*e);
        }
    }
    let mut clusters: Vec<Cluster> = groups
        .into_par_iter()
        .zip(own_edges)
        .map_init(WordHashes::new, |cache, (members, own)| {
            finish(articles, reading, members, own, (k, common), cache)
        })
        .collect();
    clusters.sort_by(|x, y| {
        y.members
            .len()
            .cmp(&x.members.len())
            .then(x.members[0].cmp(&y.members[0]))
    });
    let mut of_article = vec![u32::MAX; n];
    let mut closest = vec![None; n];
    for (i, c) in clusters.iter_mut().enumerate() {
        c.id = i as u32;
        for &m in &c.members {
            of_article[m as usize] = i as u32;
            let best = c
                .edges
                .iter()
                .filter(|e| e.a == m || e.b == m)
                .max_by(|x, y| x.similarity.total_cmp(&y.similarity))
                .map(|e| if e.a == m { e.b } else { e.a });
            closest[m as usize] = best.or_else(|| c.members.iter().copied().find(|&o| o != m));
        }
    }
    Clusters {
        clusters,
        of_article,
        closest,
        related: Vec::new(),
        related_back: Vec::new(),
    }
}

/// Orders a story's versions (earliest first when every date is from metadata,
/// else longest first) and measures what each one alone says.
fn finish(
    articles: &[Article],
    reading: &Reading,
    mut members: Vec<ArticleId>,
    mut own: Vec<Edge>,
    (k, common): (usize, &(impl Fn(u32) -> bool + Sync)),
    cache: &mut WordHashes,
) -> Cluster {
    let dated = members
        .iter()
        .all(|&m| articles[m as usize].date_origin == DateOrigin::Metadata);
    members.sort_by(|&x, &y| {
        let (a, b) = (&articles[x as usize], &articles[y as usize]);
        let by_date = if dated {
            a.date.cmp(&b.date)
        } else {
            std::cmp::Ordering::Equal
        };
        by_date.then(b.words.cmp(&a.words)).then(x.cmp(&y))
    });
    let sets: Vec<Vec<u32>> = members
        .iter()
        .map(|&m| {
            let mat = reading.material(articles, m, k, common, cache);
            mat.shingles.iter().map(|s| s.0).collect()
        })
        .collect();
    let unique_share = sets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.is_empty() {
                return 0.0;
            }
            let unique = s
                .iter()
                .filter(|h| {
                    sets.iter()
                        .enumerate()
                        .all(|(j, o)| j == i || o.binary_search(h).is_err())
                })
                .count();
            unique as f32 / s.len() as f32
        })
        .collect();
    own.sort_by_key(|e| (e.a, e.b));
    Cluster {
        id: 0,
        members,
        unique_share,
        edges: own,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_kept_apart_never_share_a_group() {
        let e = |a, b| Edge {
            a,
            b,
            similarity: 0.9,
            containment: 1.0,
            found: crate::dedup::Found::Flash,
        };
        // A flash (1) pairs with the same notice of two meetings (0 and 2).
        let apart = |a: u32, b: u32| (a.min(b), a.max(b)) == (0, 2);
        let groups = group_apart(&[e(0, 1), e(1, 2)], 0.6, &apart);
        assert_eq!(groups, vec![vec![0, 1]]);
        let groups = group_apart(&[e(0, 1), e(1, 2)], 0.6, &|_, _| false);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 3);
    }

    #[test]
    fn majority_linkage_refuses_chains() {
        let e = |a, b, similarity, containment| Edge {
            a,
            b,
            similarity,
            containment,
            found: crate::dedup::Found::Text,
        };
        // 0-1 and 1-2 are weak pairs, 0-2 is none: a follow-up (1) quoting two stories.
        let groups = group(&[e(0, 1, 0.5, 0.5), e(1, 2, 0.4, 0.45)], 0.6);
        assert_eq!(groups, vec![vec![0, 1]]);
        // A story with three versions all paired stays whole.
        let groups = group(
            &[e(0, 1, 0.5, 0.5), e(1, 2, 0.45, 0.5), e(0, 2, 0.4, 0.4)],
            0.6,
        );
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 3);
        // A version of a story sent again pairs with one send only: the other
        // send stands for it (and not a flash, whose headline is all it shares).
        let groups = group(&[e(0, 1, 0.9, 0.95), e(0, 2, 0.25, 0.5)], 0.6);
        assert_eq!(groups, vec![vec![0, 1, 2]]);
        let groups = group(&[e(0, 1, 0.7, 0.95), e(0, 2, 0.25, 0.5)], 0.6);
        assert_eq!(groups, vec![vec![0, 1]]);
        // Counted by article, a newcomer pairing with both sends and not the
        // third version still has a majority (two of three), as it had before
        // pairs were counted by text too.
        let groups = group(
            &[
                e(0, 1, 0.9, 0.95),
                e(0, 3, 0.5, 0.5),
                e(1, 3, 0.45, 0.5),
                e(0, 4, 0.3, 0.5),
                e(1, 4, 0.3, 0.5),
            ],
            0.6,
        );
        assert_eq!(groups, vec![vec![0, 1, 3, 4]]);
        let flash = Edge {
            found: crate::dedup::Found::Flash,
            ..e(0, 1, 0.9, 1.0)
        };
        let groups = group(&[flash, e(0, 2, 0.25, 0.5)], 0.6);
        assert_eq!(groups, vec![vec![0, 1]]);
        // A brief contained in one version joins without matching the others.
        let groups = group(&[e(0, 1, 0.5, 0.5), e(1, 2, 0.2, 0.95)], 0.6);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 3);
    }
}
