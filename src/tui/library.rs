//! The articles the reader shows and what is known about them: the columns the
//! list and the search read, the store of full articles, the headline index, the
//! versions found, the read and starred marks. Every pane reads them; only the
//! app changes them. A big folder is listed from its columns first, each article
//! parsed when it is opened, until the store of all of them is read behind the
//! list. What is shared with background work is changed only while no job holds it.

use std::path::PathBuf;
use std::sync::Arc;

use copydesk_core::article::{Article, ArticleId};
use copydesk_core::columns::Columns;
use copydesk_core::dedup::Clusters;
use copydesk_core::lazy::LazyStore;
use copydesk_core::load::{Batch, LoadSummary};
use copydesk_core::search::SearchIndex;
use copydesk_core::state::{Mark, Marks};
use copydesk_core::store::{Applied, Changes, Store};

/// The full texts, for background work: the store, and while it is being read,
/// the folder whose articles are parsed as they are asked for.
#[derive(Clone)]
pub struct Texts {
    /// Every article in full, once read (empty until then).
    pub store: Arc<Store>,
    /// The articles parsed on demand, until the store is read.
    pub lazy: Option<Arc<LazyStore>>,
}

impl Texts {
    /// The article `id`, parsed now if it had not been.
    pub fn get(&self, id: ArticleId) -> Option<&Article> {
        match &self.lazy {
            Some(lazy) => lazy.get(id),
            None => self.store.get(id),
        }
    }
}

/// The articles, their index, their stories and their marks.
pub struct Library {
    texts: Texts,
    columns: Arc<Columns>,
    index: Arc<SearchIndex>,
    clusters: Option<Arc<Clusters>>,
    marks: Marks,
    /// Rows are coming from the folder's columns, before the whole listing.
    listing: bool,
}

impl Library {
    /// A library over `store` (possibly still empty while a load runs).
    pub fn new(store: Store, marks: Marks) -> Library {
        let mut columns = Columns::default();
        for a in store.articles() {
            columns.push_article(a);
        }
        let index = SearchIndex::build_columns(&columns);
        Library {
            texts: Texts {
                store: Arc::new(store),
                lazy: None,
            },
            columns: Arc::new(columns),
            index: Arc::new(index),
            clusters: None,
            marks,
            listing: false,
        }
    }

    /// The full articles: every one once read, none while the folder is listed
    /// from its columns (see [`Library::texts_read`]).
    pub fn store(&self) -> &Store {
        &self.texts.store
    }

    /// The full texts, to hand to background work.
    pub fn shared_texts(&self) -> Texts {
        self.texts.clone()
    }

    /// The full texts: the store, or the articles parsed as they are asked for.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// The folder listed from its columns, while its full texts are read.
    pub fn lazy(&self) -> Option<Arc<LazyStore>> {
        self.texts.lazy.clone()
    }

    /// Whether every article is in the store in full (not only in the columns).
    pub fn texts_read(&self) -> bool {
        self.texts.lazy.is_none() && !self.listing
    }

    /// Headline, source, date and place of every article.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Number of articles (taken out ones too: ids stay taken).
    pub fn len(&self) -> usize {
        self.columns.len()
    }

    /// Whether there is no article.
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// Whether article `id` is still in the folder.
    pub fn is_live(&self, id: ArticleId) -> bool {
        if self.texts_read() {
            self.texts.store.is_live(id)
        } else {
            (id as usize) < self.columns.len()
        }
    }

    /// The article `id` in full, parsed now when the folder is still listed from
    /// its columns.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.texts.get(id)
    }

    /// Takes in rows of the folder's columns read since the last ones, while it
    /// is listed: the list and the search have them before the whole listing.
    pub fn take_rows(&mut self, rows: &Columns, index: &SearchIndex) {
        if rows.is_empty() {
            return;
        }
        self.listing = true;
        // Nothing else holds the columns while the folder is listed; a search
        // may hold the index, which is then copied.
        Arc::make_mut(&mut self.columns).append(rows);
        let all = Arc::make_mut(&mut self.index);
        if index.len() == rows.len() {
            all.append(index);
        } else {
            all.extend_columns(&self.columns);
        }
    }

    /// Takes in a folder listed from its columns: the list and the search work
    /// from them at once, its articles are parsed as they are opened.
    pub fn take_listing(&mut self, lazy: Arc<LazyStore>) {
        let mut store = Store::new(lazy.root());
        store.extend(Batch {
            skipped: lazy.skipped().to_vec(),
            warnings: lazy.warnings().to_vec(),
            ..Batch::default()
        });
        self.texts.store = Arc::new(store);
        // The rows taken in so far are the first of the listing's, so that only
        // the rest is indexed.
        let columns = Arc::clone(lazy.columns());
        if self.index.len() > columns.len() || self.columns.len() > columns.len() {
            self.index = Arc::new(SearchIndex::default());
        }
        Arc::make_mut(&mut self.index).extend_columns(&columns);
        self.columns = columns;
        self.texts.lazy = Some(lazy);
        self.listing = false;
    }

    /// Takes in the store of every article read in full, with the ids of the listing.
    pub fn take_store(&mut self, store: Store) {
        debug_assert_eq!(store.len(), self.columns.len());
        self.texts.store = Arc::new(store);
        self.texts.lazy = None;
    }

    /// The headline index.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// The headline index, to hand to background work.
    pub fn shared_index(&self) -> Arc<SearchIndex> {
        Arc::clone(&self.index)
    }

    /// The versions of each story, once found.
    pub fn clusters(&self) -> Option<&Clusters> {
        self.clusters.as_deref()
    }

    /// Takes in the versions just found.
    pub fn set_clusters(&mut self, clusters: Clusters) {
        self.clusters = Some(Arc::new(clusters));
    }

    /// The read and starred marks.
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// The marks of article `id` (none for an id that is not there).
    pub fn mark(&self, id: ArticleId) -> Mark {
        match self.texts.store.get(id) {
            Some(a) => self.marks.get(a),
            // Listed from the columns: the marks of the place, until the texts are read.
            None if (id as usize) < self.columns.len() => {
                self.marks.get_at(&self.columns.location(id).to_string())
            }
            None => Mark::default(),
        }
    }

    /// Changes the marks of article `id` with `f`, writing the change to the marks
    /// database at once; the new marks (none when there is no such article), and
    /// what went wrong with the database, as a line to show.
    pub fn change_mark(
        &mut self,
        id: ArticleId,
        f: impl FnOnce(&mut Mark),
    ) -> (Option<Mark>, Option<String>) {
        let Some(a) = self.texts.get(id) else {
            return (None, None);
        };
        let mut m = self.marks.get(a);
        f(&mut m);
        let failed = self.marks.set(a, m).err().map(|e| self.marks_failed(e));
        (Some(self.marks.get(a)), failed)
    }

    /// Where article `id` was left in the reader: the paragraph at the top.
    pub fn position(&self, id: ArticleId) -> usize {
        self.article(id).map_or(0, |a| self.marks.position(a))
    }

    /// Remembers where article `id` was left; what went wrong, as a line to show.
    pub fn set_position(&mut self, id: ArticleId, para: usize) -> Option<String> {
        let a = self.texts.get(id)?;
        let e = self.marks.set_position(a, para).err()?;
        Some(self.marks_failed(e))
    }

    /// Reads the marks again if another copydesk changed them; whether it did.
    pub fn refresh_marks(&mut self) -> bool {
        self.marks.refresh().unwrap_or(false)
    }

    fn marks_failed(&self, e: copydesk_core::state::MarksError) -> String {
        let file = self
            .marks
            .file()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        format!("could not save marks to {file}: {e}")
    }

    /// Where exported comparisons go: `exports/` beside the marks file.
    pub fn export_folder(&self) -> Option<PathBuf> {
        Some(self.marks.file()?.parent()?.join("exports"))
    }

    /// Takes in a batch from the loader; returns whether articles came with it.
    pub fn take_batch(&mut self, batch: Batch) -> bool {
        let grew = !batch.articles.is_empty();
        if let Some(store) = Arc::get_mut(&mut self.texts.store) {
            store.extend(batch);
        }
        if grew {
            self.index_new();
        }
        grew
    }

    /// Takes in the end of the load.
    pub fn finish_load(&mut self, summary: LoadSummary) {
        if let Some(store) = Arc::get_mut(&mut self.texts.store) {
            store.finish(summary);
        }
    }

    /// Whether no background work holds the store or the index, so that changes
    /// to the folder can be taken in.
    pub fn is_free(&mut self) -> bool {
        self.texts_read()
            && Arc::get_mut(&mut self.texts.store).is_some()
            && Arc::get_mut(&mut self.index).is_some()
            && Arc::get_mut(&mut self.columns).is_some()
    }

    /// Puts the articles the store has beyond the columns into them and the index.
    fn index_new(&mut self) {
        let (Some(columns), Some(index)) = (
            Arc::get_mut(&mut self.columns),
            Arc::get_mut(&mut self.index),
        ) else {
            return;
        };
        for a in &self.texts.store.articles()[columns.len().min(self.texts.store.len())..] {
            columns.push_article(a);
        }
        index.extend_columns(columns);
    }

    /// Takes in changes to the folder (see [`Store::apply`]) and indexes the new
    /// articles. Needs [`Library::is_free`]; without it nothing is applied.
    pub fn apply(&mut self, changes: Changes) -> Applied {
        let Some(store) = Arc::get_mut(&mut self.texts.store) else {
            return Applied::default();
        };
        let applied = store.apply(changes);
        self.index_new();
        applied
    }
}
