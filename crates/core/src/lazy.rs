//! A folder loaded lazily: the columns the list and the search read, for every
//! article at once, and each article's full text parsed from its file only when it
//! is first asked for, or for all of them in parallel to build the full [`Store`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::article::{Article, ArticleId, DateOrigin, Encoding, TitleRule};
use crate::columns::Columns;
use crate::load::{
    self, Again, ColumnHow, ColumnLoad, LineAt, LoadError, LoadOptions, LoadSummary, Origin,
    Skipped, Warning,
};
use crate::store::Store;

/// Records read again per parallel task when the whole store is built.
const LINES_PER_TASK: usize = 2048;

/// Every article of a folder by its columns, each parsed in full when first needed.
#[derive(Debug)]
pub struct LazyStore {
    root: PathBuf,
    opts: LoadOptions,
    columns: Arc<Columns>,
    origins: Vec<Origin>,
    parsed: Vec<OnceLock<Box<Article>>>,
    skipped: Vec<Skipped>,
    warnings: Vec<Warning>,
    summary: LoadSummary,
}

impl LazyStore {
    /// Reads the columns of every article under `root`; `progress` is told the
    /// files read so far.
    pub fn open(
        root: &Path,
        opts: &LoadOptions,
        progress: Option<&(dyn Fn(usize) + Sync)>,
    ) -> Result<LazyStore, LoadError> {
        LazyStore::open_with(
            root,
            opts,
            ColumnHow {
                progress,
                ..ColumnHow::default()
            },
        )
    }

    /// [`LazyStore::open`], telling its progress and showing the rows as `how`
    /// asks; the articles parsed in full for their rows are always kept.
    pub fn open_with(
        root: &Path,
        opts: &LoadOptions,
        how: ColumnHow<'_>,
    ) -> Result<LazyStore, LoadError> {
        let how = ColumnHow { keep: true, ..how };
        let load = load::load_columns_with(root, opts, how)?;
        Ok(LazyStore::from_load(root, opts, load))
    }

    /// A lazy store over what a column load read under `root`.
    pub fn from_load(root: &Path, opts: &LoadOptions, load: ColumnLoad) -> LazyStore {
        let ColumnLoad {
            columns,
            origins,
            skipped,
            warnings,
            summary,
            index: _,
            read: _,
            ids,
        } = load;
        // A lazy store holds every row: no `only` left any out.
        debug_assert!(ids.is_empty());
        let parsed = std::iter::repeat_with(OnceLock::new)
            .take(origins.len())
            .collect();
        LazyStore {
            root: root.to_path_buf(),
            opts: opts.clone(),
            columns: Arc::new(columns),
            origins,
            parsed,
            skipped,
            warnings,
            summary,
        }
    }

    /// The folder (or the one file) the articles came from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The columns of every article, ids equal to positions.
    pub fn columns(&self) -> &Arc<Columns> {
        &self.columns
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.origins.len()
    }

    /// Whether there is no article.
    pub fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }

    /// Files, folders and records that were not loaded, with reasons.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// What loaded, but not quite as written, as far as the columns saw.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// What the walk found besides articles.
    pub fn summary(&self) -> LoadSummary {
        self.summary
    }

    /// Whether the full text of `id` has been parsed already.
    pub fn is_parsed(&self, id: ArticleId) -> bool {
        match self.origins.get(id as usize) {
            Some(Origin::Parsed(_)) => true,
            Some(_) => self.parsed[id as usize].get().is_some(),
            None => false,
        }
    }

    /// The article `id`, parsed from its file the first time it is asked for.
    /// An article whose file changed or went since stands in with its columns.
    pub fn get(&self, id: ArticleId) -> Option<&Article> {
        match self.origins.get(id as usize)? {
            Origin::Parsed(a) => Some(a),
            origin => Some(self.parsed[id as usize].get_or_init(|| {
                let again = self.read_one(id, origin);
                Box::new(self.settle(id, again))
            })),
        }
    }

    fn read_one(&self, id: ArticleId, origin: &Origin) -> Again {
        let c = &self.columns;
        let file = c.file(id);
        let record = c.record(id);
        let mut again = match *origin {
            Origin::Line { offset, len } => load::read_lines_at(
                &self.root,
                file,
                &[LineAt {
                    line: record.unwrap_or(0),
                    offset,
                    len,
                }],
                &self.opts,
            ),
            _ => load::read_file_at(&self.root, file, &[record], &self.opts),
        };
        again.pop().unwrap_or_else(|| Again {
            article: Err(Skipped {
                path: file.to_string(),
                reason: load::SkipReason::Empty,
            }),
            warnings: Vec::new(),
        })
    }

    /// The article read again with its id, or the stand-in when it could not be.
    fn settle(&self, id: ArticleId, again: Again) -> Article {
        match again.article {
            Ok(mut a) => {
                a.id = id;
                a
            }
            Err(s) => {
                tracing::info!(path = %s.path, reason = %s.reason, "changed since it was listed");
                self.stand_in(id)
            }
        }
    }

    /// An article made of the columns alone, with no text: what stands in for one
    /// whose file changed or went since the columns were read, until the change
    /// to the folder is taken in.
    fn stand_in(&self, id: ArticleId) -> Article {
        let c = &self.columns;
        let date = c.date(id);
        let title = c.title(id);
        Article {
            id,
            location: c.location(id),
            title: title.into(),
            title_rule: TitleRule::Record,
            dateline: None,
            dateline_text: None,
            source: c.source(id).map(Into::into),
            body: "".into(),
            extra: None,
            words: 0,
            date,
            date_origin: match date {
                Some(_) if c.file_date(id) => DateOrigin::FileTime,
                Some(_) => DateOrigin::Metadata,
                None => DateOrigin::None,
            },
            encoding: Encoding::Utf8,
            script: Default::default(),
            content_hash: xxhash_rust::xxh3::xxh3_64(title.as_bytes()),
        }
    }

    /// Parses every article in full, in parallel, into a store with the same ids,
    /// skipped files and warnings as a full load of the folder.
    pub fn read_all(&self) -> Store {
        let tasks = self.tasks();
        let read: Vec<Vec<(ArticleId, Again)>> =
            tasks.par_iter().map(|task| self.run(task)).collect();
        let mut articles: Vec<Article> = Vec::with_capacity(self.len());
        let mut warnings = self.warnings.clone();
        for (id, again) in read.into_iter().flatten() {
            debug_assert_eq!(id as usize, articles.len());
            warnings.extend(again.warnings.iter().cloned());
            articles.push(self.settle(id, again));
        }
        let mut store = Store::from_articles(&self.root, articles, self.skipped.clone());
        store.extend(load::Batch {
            warnings,
            ..load::Batch::default()
        });
        store.finish(self.summary);
        store
    }

    /// The articles in runs to read together: records of one file in ranges of
    /// [`LINES_PER_TASK`], a whole file's articles, or one article parsed already.
    fn tasks(&self) -> Vec<Task> {
        let mut tasks: Vec<Task> = Vec::new();
        let c = &self.columns;
        for (i, origin) in self.origins.iter().enumerate() {
            let id = i as ArticleId;
            let kind = match origin {
                Origin::Line { .. } => Kind::Lines,
                Origin::File => Kind::File,
                Origin::Parsed(_) => Kind::Parsed,
            };
            let joins = tasks.last().is_some_and(|t| {
                t.kind == kind
                    && kind != Kind::Parsed
                    && c.file(t.first) == c.file(id)
                    && (kind == Kind::File || t.count < LINES_PER_TASK)
            });
            if joins {
                if let Some(t) = tasks.last_mut() {
                    t.count += 1;
                }
            } else {
                tasks.push(Task {
                    kind,
                    first: id,
                    count: 1,
                });
            }
        }
        tasks
    }

    fn run(&self, task: &Task) -> Vec<(ArticleId, Again)> {
        let c = &self.columns;
        let ids = task.first..task.first + task.count as ArticleId;
        let file = c.file(task.first);
        let read = match task.kind {
            Kind::Parsed => ids
                .clone()
                .map(|id| match &self.origins[id as usize] {
                    Origin::Parsed(a) => Again {
                        article: Ok((**a).clone()),
                        warnings: Vec::new(),
                    },
                    other => self.read_one(id, other),
                })
                .collect(),
            Kind::Lines => {
                let lines: Vec<LineAt> = ids
                    .clone()
                    .map(|id| match self.origins[id as usize] {
                        Origin::Line { offset, len } => LineAt {
                            line: c.record(id).unwrap_or(0),
                            offset,
                            len,
                        },
                        _ => unreachable!("a task of lines holds lines"),
                    })
                    .collect();
                load::read_lines_at(&self.root, file, &lines, &self.opts)
            }
            Kind::File => {
                let records: Vec<Option<u32>> = ids.clone().map(|id| c.record(id)).collect();
                load::read_file_at(&self.root, file, &records, &self.opts)
            }
        };
        ids.zip(read).collect()
    }
}

/// How the articles of a task are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Lines,
    File,
    Parsed,
}

/// Articles `first..first + count`, read together.
struct Task {
    kind: Kind,
    first: ArticleId,
    count: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let lines = [
            r#"{"title":"OIL PRICE CUT","source":"Reuters","date":"1987-03-02","body":"LONDON, March 2 - Oil prices were cut today."}"#,
            r#"{"title":"No source","date":"1987-03-02","body":"LONDON (Reuters) - A lead sentence here."}"#,
            r#"{"title": broken"#,
            r#"{"title":"Caf\u00e9 talks","source":"AFP","date":"1987-03-03","body":"PARIS - Talks went on."}"#,
        ];
        std::fs::write(dir.path().join("a.jsonl"), lines.join("\n")).unwrap();
        std::fs::write(
            dir.path().join("b.txt"),
            "Harbour strike ends\n\nDockers voted.\n",
        )
        .unwrap();
        dir
    }

    /// The test folder, loaded in full and lazily (the folder is kept while they
    /// are used).
    fn loaded_both_ways() -> (tempfile::TempDir, Store, LazyStore) {
        let dir = folder();
        let opts = LoadOptions::default();
        let full = Store::load_with(dir.path(), &opts).unwrap();
        let lazy = LazyStore::open(dir.path(), &opts, None).unwrap();
        (dir, full, lazy)
    }

    #[test]
    fn articles_parsed_on_demand_are_those_of_the_full_load() {
        let (_dir, full, lazy) = loaded_both_ways();
        assert_eq!(lazy.len(), full.len());
        assert!(!lazy.is_parsed(0), "a record the columns settle waits");
        assert!(
            lazy.is_parsed(1),
            "a record parsed in full for its row is kept"
        );
        for a in full.articles() {
            let b = lazy.get(a.id).unwrap();
            assert_eq!(b.id, a.id);
            assert_eq!(b.location, a.location);
            assert_eq!(b.title, a.title);
            assert_eq!(b.body, a.body);
            assert_eq!(b.content_hash, a.content_hash);
        }
        assert!(lazy.is_parsed(0));
        assert!(lazy.get(full.len() as ArticleId).is_none());
        let said = |s: &[Skipped]| {
            s.iter()
                .map(|s| format!("{}: {}", s.path, s.reason))
                .collect::<Vec<_>>()
        };
        assert_eq!(said(lazy.skipped()), said(full.skipped()));
    }

    #[test]
    fn the_store_read_in_full_is_that_of_the_full_load() {
        let (_dir, full, lazy) = loaded_both_ways();
        lazy.get(2);
        let store = lazy.read_all();
        assert_eq!(store.len(), full.len());
        for (a, b) in full.articles().iter().zip(store.articles()) {
            assert_eq!((a.id, &a.location, &a.title), (b.id, &b.location, &b.title));
            assert_eq!((&a.body, a.content_hash), (&b.body, b.content_hash));
        }
        assert_eq!(store.skipped(), full.skipped());
    }

    #[test]
    fn a_record_whose_file_changed_stands_in_with_its_columns() {
        let dir = folder();
        let lazy = LazyStore::open(dir.path(), &LoadOptions::default(), None).unwrap();
        std::fs::write(dir.path().join("a.jsonl"), "").unwrap();
        let a = lazy.get(0).unwrap();
        assert_eq!(&*a.title, "OIL PRICE CUT");
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert!(a.body.is_empty());
        assert_eq!(lazy.read_all().len(), lazy.len());
    }
}
