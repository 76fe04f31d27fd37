//! Orders of a list of articles, shared by the reader's list and `copydesk list`,
//! so that an order has one meaning wherever it is asked for.

use std::cmp::Reverse;

use crate::article::ArticleId;
use crate::columns::Columns;
use crate::dedup::Clusters;
use crate::store::Store;

/// An order of the articles. Ties go by id, which is path order after a load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// By path, as loaded.
    #[default]
    Path,
    /// Newest first, undated last.
    Date,
    /// By source (case aside), articles without one last; newest first within a source.
    Source,
    /// By headline, case aside.
    Title,
    /// Longest first.
    Words,
    /// Stories with most versions first, each story's versions together.
    Versions,
}

impl Sort {
    /// Every order, in the order the reader cycles through them.
    pub const ALL: [Sort; 6] = [
        Sort::Path,
        Sort::Date,
        Sort::Source,
        Sort::Title,
        Sort::Words,
        Sort::Versions,
    ];

    /// The order after this one in [`Sort::ALL`], back to the first after the last.
    pub fn next(self) -> Sort {
        let at = Sort::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Sort::ALL[(at + 1) % Sort::ALL.len()]
    }

    /// What the order is called where a person reads it (the reader's list title).
    pub fn name(self) -> &'static str {
        match self {
            Sort::Path => "path",
            Sort::Date => "date",
            Sort::Source => "source",
            Sort::Title => "headline",
            Sort::Words => "length",
            Sort::Versions => "versions",
        }
    }

    /// The ids of the store's live articles in this order. `clusters` are the
    /// versions found so far, for [`Sort::Versions`] (without them every article
    /// counts as a story of one).
    pub fn order(self, store: &Store, clusters: Option<&Clusters>) -> Vec<ArticleId> {
        // Ids are in path order, unless articles came in after the load.
        let mut ids: Vec<ArticleId> = match store.path_order() {
            Some(order) if self == Sort::Path => order.to_vec(),
            _ => (0..store.len() as ArticleId).collect(),
        };
        ids.retain(|&id| store.is_live(id));
        self.arrange(&mut ids, store, clusters);
        ids
    }

    /// Every id of `columns` in this order, before the articles are read in
    /// full: by length and by versions, which need the texts, they stay in path order.
    pub fn order_columns(self, columns: &Columns) -> Vec<ArticleId> {
        let mut ids: Vec<ArticleId> = (0..columns.len() as ArticleId).collect();
        let c = columns;
        match self {
            Sort::Path | Sort::Words | Sort::Versions => {}
            Sort::Date => ids.sort_by_key(|&i| (Reverse(c.date(i)), i)),
            Sort::Source => ids.sort_by_cached_key(|&i| {
                let source = c.source(i).map(str::to_lowercase);
                (source.is_none(), source, Reverse(c.date(i)), i)
            }),
            Sort::Title => ids.sort_by_cached_key(|&i| (c.title(i).to_lowercase(), i)),
        }
        ids
    }

    /// Puts `ids` (in path order) into this order.
    fn arrange(self, ids: &mut [ArticleId], store: &Store, clusters: Option<&Clusters>) {
        let articles = store.articles();
        let a = |id: ArticleId| &articles[id as usize];
        match self {
            Sort::Path => {}
            Sort::Date => ids.sort_by_key(|&i| (Reverse(a(i).date), i)),
            Sort::Source => ids.sort_by_cached_key(|&i| {
                let source = a(i).source.as_deref().map(str::to_lowercase);
                (source.is_none(), source, Reverse(a(i).date), i)
            }),
            Sort::Title => ids.sort_by_cached_key(|&i| (a(i).title.to_lowercase(), i)),
            Sort::Words => ids.sort_by_key(|&i| (Reverse(a(i).words), i)),
            Sort::Versions => {
                let versions = |id| clusters.map_or(1, |c| c.versions(id));
                let story = |id| {
                    clusters
                        .and_then(|c| c.cluster_of(id))
                        .map_or(u32::MAX, |s| s.id)
                };
                ids.sort_by_key(|&i| (Reverse(versions(i)), story(i), i));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let (articles, _) = crate::load::load_memory([
            ("a.txt", "Zebra talks\n\nShort body here.\n".as_bytes()),
            (
                "b.txt",
                "apple harvest\n\nA much longer body of text than the first one.\n".as_bytes(),
            ),
            (
                "c.txt",
                "Mango prices\n\nMedium body text here now.\n".as_bytes(),
            ),
        ]);
        Store::from_articles("t", articles, Vec::new())
    }

    #[test]
    fn the_columns_sort_as_the_store_does() {
        let store = store();
        let mut columns = Columns::default();
        for a in store.articles() {
            columns.push_article(a);
        }
        for sort in [Sort::Path, Sort::Date, Sort::Source, Sort::Title] {
            assert_eq!(
                sort.order_columns(&columns),
                sort.order(&store, None),
                "{sort:?}"
            );
        }
        assert_eq!(Sort::Words.order_columns(&columns), [0, 1, 2]);
    }

    #[test]
    fn the_cycle_visits_every_order_once() {
        let mut s = Sort::Path;
        let mut seen = Vec::new();
        for _ in 0..Sort::ALL.len() {
            s = s.next();
            seen.push(s);
        }
        assert_eq!(seen.last(), Some(&Sort::Path));
        let mut all = seen.clone();
        all.dedup();
        assert_eq!(all.len(), Sort::ALL.len());
    }

    #[test]
    fn headlines_ignore_case_and_length_is_longest_first() {
        let s = store();
        assert_eq!(Sort::Title.order(&s, None), [1, 2, 0]);
        assert_eq!(Sort::Words.order(&s, None), [1, 2, 0]);
        assert_eq!(Sort::Path.order(&s, None), [0, 1, 2]);
        assert_eq!(Sort::Versions.order(&s, None), [0, 1, 2]);
    }
}
