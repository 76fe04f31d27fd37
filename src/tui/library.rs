//! The articles the reader shows and what is known about them: the store, the
//! headline index, the versions found, the read and starred marks. Every pane
//! reads them; only the app changes them. The store and the index are shared
//! with background work, and changed only while no job holds them.

use std::path::PathBuf;
use std::sync::Arc;

use copydesk_core::article::ArticleId;
use copydesk_core::dedup::Clusters;
use copydesk_core::load::{Batch, LoadSummary};
use copydesk_core::search::SearchIndex;
use copydesk_core::state::{Mark, Marks};
use copydesk_core::store::{Applied, Changes, Store};

/// The articles, their index, their stories and their marks.
pub struct Library {
    store: Arc<Store>,
    index: Arc<SearchIndex>,
    clusters: Option<Arc<Clusters>>,
    marks: Marks,
}

impl Library {
    /// A library over `store` (possibly still empty while a load runs).
    pub fn new(store: Store, marks: Marks) -> Library {
        let index = SearchIndex::build(store.articles());
        Library {
            store: Arc::new(store),
            index: Arc::new(index),
            clusters: None,
            marks,
        }
    }

    /// The articles.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The articles, to hand to background work.
    pub fn shared_store(&self) -> Arc<Store> {
        Arc::clone(&self.store)
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
        self.store
            .get(id)
            .map(|a| self.marks.get(a))
            .unwrap_or_default()
    }

    /// Changes the marks of article `id` with `f`, writing the change to the marks
    /// database at once; the new marks (none when there is no such article), and
    /// what went wrong with the database, as a line to show.
    pub fn change_mark(
        &mut self,
        id: ArticleId,
        f: impl FnOnce(&mut Mark),
    ) -> (Option<Mark>, Option<String>) {
        let Some(a) = self.store.get(id) else {
            return (None, None);
        };
        let mut m = self.marks.get(a);
        f(&mut m);
        let failed = self.marks.set(a, m).err().map(|e| self.marks_failed(e));
        (Some(self.marks.get(a)), failed)
    }

    /// Where article `id` was left in the reader: the paragraph at the top.
    pub fn position(&self, id: ArticleId) -> usize {
        self.store.get(id).map_or(0, |a| self.marks.position(a))
    }

    /// Remembers where article `id` was left; what went wrong, as a line to show.
    pub fn set_position(&mut self, id: ArticleId, para: usize) -> Option<String> {
        let a = self.store.get(id)?;
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
        if let Some(store) = Arc::get_mut(&mut self.store) {
            store.extend(batch);
        }
        if grew && let Some(index) = Arc::get_mut(&mut self.index) {
            index.extend(self.store.articles());
        }
        grew
    }

    /// Takes in the end of the load.
    pub fn finish_load(&mut self, summary: LoadSummary) {
        if let Some(store) = Arc::get_mut(&mut self.store) {
            store.finish(summary);
        }
    }

    /// Whether no background work holds the store or the index, so that changes
    /// to the folder can be taken in.
    pub fn is_free(&mut self) -> bool {
        Arc::get_mut(&mut self.store).is_some() && Arc::get_mut(&mut self.index).is_some()
    }

    /// Takes in changes to the folder (see [`Store::apply`]) and indexes the new
    /// articles. Needs [`Library::is_free`]; without it nothing is applied.
    pub fn apply(&mut self, changes: Changes) -> Applied {
        let Some(store) = Arc::get_mut(&mut self.store) else {
            return Applied::default();
        };
        let applied = store.apply(changes);
        if let Some(index) = Arc::get_mut(&mut self.index) {
            index.extend(self.store.articles());
        }
        applied
    }
}
