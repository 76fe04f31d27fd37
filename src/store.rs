//! The store: every loaded article, addressable by id, plus what could not be loaded.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use crate::article::{Article, ArticleId};
use crate::dedup::Clusters;
use crate::load::{self, Batch, LoadError, LoadOptions, LoadSummary, Skipped};

/// Every article of one folder, in path order, with ids equal to their positions.
#[derive(Debug, Default)]
pub struct Store {
    root: PathBuf,
    articles: Vec<Article>,
    skipped: Vec<Skipped>,
    ignored: usize,
    clusters: Option<Clusters>,
}

impl Store {
    /// An empty store for `root`, to be filled batch by batch as a background load runs.
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store {
            root: root.into(),
            ..Store::default()
        }
    }

    /// Loads every article under `root` with default options.
    pub fn load(root: &Path) -> Result<Store, LoadError> {
        Store::load_with(root, &LoadOptions::default())
    }

    /// Loads every article under `root`.
    pub fn load_with(root: &Path, opts: &LoadOptions) -> Result<Store, LoadError> {
        let mut store = Store::new(root);
        let summary = load::load(root, opts, |batch| {
            store.extend(batch);
            ControlFlow::Continue(())
        })?;
        store.finish(summary);
        Ok(store)
    }

    /// A store holding `articles` (ids are reassigned to positions).
    pub fn from_articles(
        root: impl Into<PathBuf>,
        mut articles: Vec<Article>,
        skipped: Vec<Skipped>,
    ) -> Store {
        for (i, a) in articles.iter_mut().enumerate() {
            a.id = i as ArticleId;
        }
        Store {
            root: root.into(),
            articles,
            skipped,
            ignored: 0,
            clusters: None,
        }
    }

    /// Appends a batch from the loader; its ids must continue this store's.
    pub fn extend(&mut self, batch: Batch) {
        debug_assert!(
            batch
                .articles
                .first()
                .is_none_or(|a| a.id as usize == self.articles.len())
        );
        self.articles.extend(batch.articles);
        self.skipped.extend(batch.skipped);
    }

    /// Records what the walk saw besides articles.
    pub fn finish(&mut self, summary: LoadSummary) {
        self.ignored = summary.ignored;
    }

    /// The folder the articles came from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// All articles, in id order.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// The article with this id.
    pub fn get(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id as usize)
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether no article was loaded.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Files, folders and records that were not loaded, with reasons.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Files not looked at because of their extension or a leading dot.
    pub fn ignored(&self) -> usize {
        self.ignored
    }

    /// The stories with several versions, once clustering has run.
    pub fn clusters(&self) -> Option<&Clusters> {
        self.clusters.as_ref()
    }

    /// Stores the result of clustering (computed over exactly these articles).
    pub fn set_clusters(&mut self, clusters: Clusters) {
        self.clusters = Some(clusters);
    }

    /// The article at `path` (relative, as listed), if any.
    pub fn find_path(&self, path: &str) -> Option<ArticleId> {
        let i = self
            .articles
            .binary_search_by(|a| a.path.as_ref().cmp(path))
            .ok()
            .or_else(|| self.articles.iter().position(|a| a.path.as_ref() == path))?;
        Some(i as ArticleId)
    }
}
