//! What one run of version finding reads of each article, read once and shared by
//! its phases: every article's traits, and each original's material while the run's
//! memory budget allows holding it (else a phase that needs it reads it again).

use std::borrow::Cow;

use rayon::prelude::*;

use super::counts::Commonness;
use super::material::{Material, WordHashes, material};
use super::traits::Traits;
use crate::article::Article;

/// Words in all (about one shingle and eight bytes each) up to which a run holds
/// every original's material from the sketch phase to the end: some 320 MB at
/// most. A larger corpus reads the material again where it is needed.
const KEPT_WORDS: usize = 40_000_000;

/// The traits of every article and, within the budget, the originals' material.
#[derive(Default)]
pub(crate) struct Reading {
    /// Traits by article id.
    pub(crate) traits: Vec<Traits>,
    /// Material by article id, common shingles left out, once kept.
    kept: Vec<Option<Material>>,
    /// For each copy whose material is its original's (same body, headline and
    /// kind of headline), the original; `u32::MAX` for the rest.
    same_as: Vec<u32>,
}

impl Reading {
    /// A reading of `traits` that holds no material yet.
    pub(crate) fn new(traits: Vec<Traits>) -> Reading {
        Reading {
            traits,
            kept: Vec::new(),
            same_as: Vec::new(),
        }
    }

    /// Notes which copies (`rep[d]` is the article standing for `d`'s body)
    /// read exactly as their original, so that they are served its kept
    /// material instead of being read again: material is made of the body and
    /// the headline, so a copy under the same headline has the same.
    pub(crate) fn share_copies(&mut self, articles: &[Article], rep: &[u32]) {
        self.same_as = rep
            .iter()
            .enumerate()
            .map(|(d, &r)| {
                let (a, o) = (&articles[d], &articles[r as usize]);
                let same = r as usize != d
                    && a.title == o.title
                    && a.title_rule == o.title_rule
                    && a.body == o.body;
                if same { r } else { u32::MAX }
            })
            .collect();
    }

    /// Whether a run over this many words holds the material between phases.
    pub(crate) fn can_keep(total_words: usize) -> bool {
        total_words <= KEPT_WORDS
    }

    /// Holds the material read for `ids` (in that order), leaving out the
    /// shingles `common` says are stock phrases.
    pub(crate) fn keep(&mut self, ids: &[u32], materials: Vec<Material>, common: &Commonness) {
        let n = self.traits.len();
        self.kept.resize_with(n, || None);
        let mut materials = materials;
        materials.par_iter_mut().for_each(|m| m.drop_stock(common));
        for (&d, m) in ids.iter().zip(materials) {
            self.kept[d as usize] = Some(m);
        }
    }

    /// The uncommon material of article `d`: the kept one, else read now.
    pub(crate) fn material<'r>(
        &'r self,
        articles: &[Article],
        d: u32,
        k: usize,
        common: &impl Fn(u32) -> bool,
        cache: &mut WordHashes,
    ) -> Cow<'r, Material> {
        let d = match self.same_as.get(d as usize) {
            Some(&r) if r != u32::MAX => r,
            _ => d,
        };
        match self.kept.get(d as usize) {
            Some(Some(m)) => Cow::Borrowed(m),
            _ => Cow::Owned(material(&articles[d as usize], k, cache).uncommon(common)),
        }
    }

    /// The uncommon material of each of `ids`, on every core.
    pub(crate) fn materials<'r>(
        &'r self,
        articles: &[Article],
        ids: &[u32],
        k: usize,
        common: &(impl Fn(u32) -> bool + Sync),
    ) -> Vec<Cow<'r, Material>> {
        ids.par_iter()
            .map_init(WordHashes::new, |cache, &d| {
                self.material(articles, d, k, common, cache)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_material_is_served_without_common_shingles_and_the_rest_is_read() {
        let files = [
            (
                "a.txt",
                "ACME BUYS WIDGET\n\nAcme Corp said it agreed to buy Widget Co for cash.\n",
            ),
            (
                "b.txt",
                "RAIN IN SPAIN\n\nThe rain in Spain stays mainly in the plain, forecasters said.\n",
            ),
        ];
        let (articles, _) = crate::load::load_memory(files.iter().map(|(n, t)| (*n, t.as_bytes())));
        let mut reading = Reading::new(super::super::traits::all(&articles));
        let mut cache = WordHashes::new();
        let whole = material(&articles[0], 3, &mut cache);
        let dropped = whole.shingles[0].0;
        let counts = super::super::counts::DocCounts::new(1 << 12);
        for _ in 0..3 {
            counts.add(dropped);
        }
        let common = Commonness { counts, cap: 2 };
        reading.keep(&[0], vec![whole.clone()], &common);
        let kept = reading.material(&articles, 0, 3, &|_| false, &mut cache);
        assert!(matches!(kept, Cow::Borrowed(_)));
        assert_eq!(kept.shingles.len(), whole.shingles.len() - 1);
        assert!(kept.shingles.iter().all(|s| s.0 != dropped));
        // Not kept: read now, with the common test given here.
        let read = reading.material(&articles, 1, 3, &|_| false, &mut cache);
        assert!(matches!(read, Cow::Owned(_)));
        assert_eq!(
            read.shingles,
            material(&articles[1], 3, &mut cache).shingles
        );
    }

    #[test]
    fn a_copy_under_its_original_headline_is_served_the_original_material() {
        let body = "Acme Corp said it agreed to buy Widget Co for cash, and would pay 40 mln dlrs.";
        let files = [
            ("a.txt", format!("ACME BUYS WIDGET\n\n{body}\n")),
            ("b.txt", format!("ACME BUYS WIDGET\n\n{body}\n")),
            ("c.txt", format!("ACME AGREES TO BUY WIDGET\n\n{body}\n")),
        ];
        let (articles, _) = crate::load::load_memory(files.iter().map(|(n, t)| (*n, t.as_bytes())));
        let mut reading = Reading::new(super::super::traits::all(&articles));
        let mut cache = WordHashes::new();
        let whole = material(&articles[0], 3, &mut cache);
        let common = Commonness {
            counts: super::super::counts::DocCounts::new(1 << 12),
            cap: 2,
        };
        reading.keep(&[0], vec![whole], &common);
        // Both are copies of the first body; only one has its headline too.
        reading.share_copies(&articles, &[0, 0, 0]);
        let same = reading.material(&articles, 1, 3, &|_| false, &mut cache);
        assert!(matches!(same, Cow::Borrowed(_)));
        let other = reading.material(&articles, 2, 3, &|_| false, &mut cache);
        assert!(matches!(other, Cow::Owned(_)));
        assert_eq!(
            other.shingles,
            material(&articles[2], 3, &mut cache).shingles,
            "another headline is other material"
        );
    }
}
