//! The store: every loaded article, addressable by id, plus what could not be loaded,
//! and how a batch of changes to its folder is taken in.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use crate::article::{Article, ArticleId, Location};
use crate::load::{self, Batch, LoadError, LoadOptions, LoadSummary, Skipped, Warning};

/// What changed under a followed folder, read again: the plain data a watcher
/// hands over for [`Store::apply`].
#[derive(Debug, Default)]
pub struct Changes {
    /// Paths that changed, relative and `/`-separated: files, or folders whose
    /// whole content is given again (a folder that is gone has no articles); `""`
    /// is the whole folder.
    pub touched: Vec<String>,
    /// The articles now in the touched paths, paths relative to the root.
    pub articles: Vec<Article>,
    /// What could not be read in the touched paths.
    pub skipped: Vec<Skipped>,
    /// What was read in the touched paths, but not quite as written.
    pub warnings: Vec<Warning>,
}

/// What [`Store::apply`] did, so that a front end can move what pointed at an
/// article (a selection, the article being read, a mark) to its new version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Articles whose file or record is gone.
    pub removed: Vec<ArticleId>,
    /// Articles whose text changed: the old id and the id of the new text.
    pub replaced: Vec<(ArticleId, ArticleId)>,
    /// Articles in files or records that were not there before.
    pub added: Vec<ArticleId>,
}

impl Applied {
    /// Whether nothing changed (files touched with the same text).
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.replaced.is_empty() && self.added.is_empty()
    }

    /// Every id the store gave out: the added articles and the new texts, in id order.
    pub fn new_ids(&self) -> Vec<ArticleId> {
        let mut ids: Vec<ArticleId> = self.added.clone();
        ids.extend(self.replaced.iter().map(|&(_, new)| new));
        ids.sort_unstable();
        ids
    }

    /// Every id taken out: the removed articles and the old texts of replaced ones.
    pub fn gone_ids(&self) -> Vec<ArticleId> {
        let mut ids = self.removed.clone();
        ids.extend(self.replaced.iter().map(|&(old, _)| old));
        ids
    }

    /// The new id of `id` when its text was replaced.
    pub fn replacement(&self, id: ArticleId) -> Option<ArticleId> {
        self.replaced
            .iter()
            .find(|&&(old, _)| old == id)
            .map(|&(_, new)| new)
    }
}

/// Whether `file` is one of `touched` or inside one of them.
fn under(touched: &HashSet<&str>, file: &str) -> bool {
    // `""` is the root: the whole folder was read again.
    touched.contains("")
        || touched.contains(file)
        || file
            .match_indices('/')
            .any(|(i, _)| touched.contains(&file[..i]))
}

/// Every article of one folder, in path order, with ids equal to their positions.
#[derive(Debug, Default)]
pub struct Store {
    root: PathBuf,
    articles: Vec<Article>,
    skipped: Vec<Skipped>,
    warnings: Vec<Warning>,
    ignored: usize,
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
            warnings: Vec::new(),
            ignored: 0,
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
        self.warnings.extend(batch.warnings);
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
        a.extra = None;
        a.words = 0;
    }

    /// Forgets skipped entries and warnings for files that are gone.
    pub fn forget_skipped(&mut self, gone: &dyn Fn(&str) -> bool) {
        self.skipped.retain(|s| !gone(&s.path));
        self.warnings.retain(|w| !gone(&w.path));
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

    /// What loaded, but not quite as written (bad bytes, broken front matter).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Files not looked at because of their extension or a leading dot.
    pub fn ignored(&self) -> usize {
        self.ignored
    }

    /// Takes in what changed under the folder: an article whose text is the same
    /// keeps its id, a changed one is removed and comes back under a new id, one
    /// that is gone is removed, a new one is appended; skipped entries of the
    /// touched paths are replaced by the new ones.
    pub fn apply(&mut self, changes: Changes) -> Applied {
        let touched: HashSet<&str> = changes.touched.iter().map(String::as_str).collect();
        // The live articles in the touched files and folders, by path.
        let mut old_by_path: HashMap<Location, ArticleId> = self
            .articles
            .iter()
            .filter(|a| self.is_live(a.id) && under(&touched, &a.location.file))
            .map(|a| (a.location.clone(), a.id))
            .collect();
        // An article whose text did not change keeps its id (a touched file, or
        // one record of a JSON Lines file that got another).
        let mut fresh = Vec::new();
        for a in changes.articles {
            let same = old_by_path
                .get(&a.location)
                .is_some_and(|&id| self.articles[id as usize].content_hash == a.content_hash);
            if same {
                old_by_path.remove(&a.location);
            } else {
                fresh.push(a);
            }
        }
        let mut replaced_paths = Vec::new();
        let mut added_count = 0;
        for a in &fresh {
            match old_by_path.remove(&a.location) {
                Some(id) => replaced_paths.push((id, a.location.clone())),
                None => added_count += 1,
            }
        }
        let mut removed: Vec<ArticleId> = old_by_path.into_values().collect();
        removed.sort_unstable();
        for &id in removed
            .iter()
            .chain(replaced_paths.iter().map(|(id, _)| id))
        {
            self.remove(id);
        }
        self.forget_skipped(&|p: &str| under(&touched, p));
        self.warnings.extend(changes.warnings);
        let ids = self.append(fresh, changes.skipped);
        let new_by_path: HashMap<&Location, ArticleId> = ids
            .iter()
            .map(|&n| (&self.articles[n as usize].location, n))
            .collect();
        let replaced: Vec<(ArticleId, ArticleId)> = replaced_paths
            .iter()
            .filter_map(|(old, path)| Some((*old, *new_by_path.get(path)?)))
            .collect();
        let targets: HashSet<ArticleId> = replaced.iter().map(|&(_, new)| new).collect();
        let added: Vec<ArticleId> = ids
            .iter()
            .copied()
            .filter(|id| !targets.contains(id))
            .collect();
        debug_assert_eq!(added.len(), added_count);
        Applied {
            removed,
            replaced,
            added,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn articles(files: &[(&str, &str)]) -> Vec<Article> {
        crate::load::load_memory(files.iter().map(|(p, t)| (*p, t.as_bytes()))).0
    }

    #[test]
    fn a_batch_of_changes_replaces_removes_and_adds() {
        let mut store = Store::from_articles(
            "t",
            articles(&[
                ("a.txt", "Alpha\n\nFirst text.\n"),
                ("b.txt", "Beta\n\nSecond text.\n"),
                ("c/d.txt", "Delta\n\nThird text.\n"),
            ]),
            Vec::new(),
        );
        let changes = Changes {
            touched: ["a.txt", "b.txt", "c", "e.txt"].map(String::from).to_vec(),
            articles: articles(&[
                ("a.txt", "Alpha\n\nFirst text, changed.\n"),
                ("b.txt", "Beta\n\nSecond text.\n"),
                ("e.txt", "Epsilon\n\nFifth text.\n"),
            ]),
            skipped: Vec::new(),
            warnings: Vec::new(),
        };
        let applied = store.apply(changes);
        assert_eq!(applied.removed, [2]);
        assert_eq!(applied.replaced.len(), 1);
        let (old, new) = applied.replaced[0];
        assert_eq!(old, 0);
        assert!(store.get(new).unwrap().body.contains("changed"));
        assert_eq!(applied.added.len(), 1);
        assert_eq!(
            store.get(applied.added[0]).unwrap().location.to_string(),
            "e.txt"
        );
        assert!(store.is_live(1), "an unchanged article keeps its id");
        assert!(!store.is_live(0) && !store.is_live(2));
        assert_eq!(applied.replacement(0), Some(new));
        assert_eq!(applied.new_ids().len(), 2);
        assert_eq!(applied.gone_ids(), [2, 0]);
        // Touching a file without changing it changes nothing.
        let same = Changes {
            touched: vec!["b.txt".into()],
            articles: articles(&[("b.txt", "Beta\n\nSecond text.\n")]),
            skipped: Vec::new(),
            warnings: Vec::new(),
        };
        assert!(store.apply(same).is_empty());
    }
}
