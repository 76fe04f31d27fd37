//! The store: every loaded article, addressable by id, plus what could not be loaded.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use crate::article::{Article, ArticleId, Location};
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
    /// Ids of articles whose file is gone or was changed (a changed file comes
    /// back as new articles); their text is dropped, their ids stay taken.
    removed: Vec<bool>,
    /// Every id in path order, once articles came in after the load (until then
    /// ids are in path order themselves).
    by_path: Option<Vec<ArticleId>>,
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
            removed: Vec::new(),
            by_path: None,
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

    /// Adds articles found after the load (a live folder), giving them the next ids.
    pub fn append(&mut self, mut articles: Vec<Article>, skipped: Vec<Skipped>) -> Vec<ArticleId> {
        let mut ids = Vec::with_capacity(articles.len());
        for a in &mut articles {
            a.id = self.articles.len() as ArticleId + ids.len() as ArticleId;
            ids.push(a.id);
        }
        let before = self.articles.len() as ArticleId;
        self.articles.extend(articles);
        if !ids.is_empty() {
            // Merge the new ids into the path order, kept up to date here once
            // rather than sorted again on every redraw of the list.
            let paths = &self.articles;
            let mut new = ids.clone();
            new.sort_by(|x, y| {
                paths[*x as usize]
                    .location
                    .cmp(&paths[*y as usize].location)
            });
            let old = self.by_path.take().unwrap_or_else(|| (0..before).collect());
            let mut merged = Vec::with_capacity(old.len() + new.len());
            let (mut i, mut j) = (0, 0);
            while i < old.len() && j < new.len() {
                if paths[old[i] as usize].location <= paths[new[j] as usize].location {
                    merged.push(old[i]);
                    i += 1;
                } else {
                    merged.push(new[j]);
                    j += 1;
                }
            }
            merged.extend_from_slice(&old[i..]);
            merged.extend_from_slice(&new[j..]);
            self.by_path = Some(merged);
        }
        // A file that loads now is no longer skipped; one skipped again is listed once.
        let fixed: std::collections::HashSet<String> = self
            .articles
            .iter()
            .rev()
            .take(ids.len())
            .map(|a| a.location.file.to_string())
            .chain(skipped.iter().map(|s| s.path.clone()))
            .collect();
        self.skipped.retain(|s| !fixed.contains(&s.path));
        self.skipped.extend(skipped);
        ids
    }

    /// Takes an article out: its file is gone or changed. The id stays taken.
    pub fn remove(&mut self, id: ArticleId) {
        let n = self.articles.len();
        let Some(a) = self.articles.get_mut(id as usize) else {
            return;
        };
        if self.removed.len() < n {
            self.removed.resize(n, false);
        }
        self.removed[id as usize] = true;
        a.title = "".into();
        a.body = "".into();
        a.credit = None;
        a.words = 0;
    }

    /// Forgets skipped entries for files that are gone.
    pub fn forget_skipped(&mut self, gone: &dyn Fn(&str) -> bool) {
        self.skipped.retain(|s| !gone(&s.path));
    }

    /// Whether the article is still in the folder.
    pub fn is_live(&self, id: ArticleId) -> bool {
        (id as usize) < self.articles.len()
            && !self.removed.get(id as usize).copied().unwrap_or(false)
    }

    /// Every id (removed ones too) in path order, when that is not id order
    /// because articles came in after the load.
    pub fn path_order(&self) -> Option<&[ArticleId]> {
        self.by_path.as_deref()
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

    /// The article at `path` (relative, as listed: `file` or `file#N`), if any.
    pub fn find_path(&self, path: &str) -> Option<ArticleId> {
        let at = Location::parse(path);
        let i = self
            .articles
            .binary_search_by(|a| a.location.cmp(&at))
            .ok()
            .or_else(|| self.articles.iter().position(|a| a.location == at))?;
        Some(i as ArticleId)
    }
}
