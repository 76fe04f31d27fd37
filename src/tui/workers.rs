//! The background workers, one newest-job-wins thread per kind of job: ranking
//! and full-text search, comparing long articles, finding versions. Each gets the
//! shared store (and index) with its job, lets go of them before it answers, and
//! answers into the loop's channel.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use copydesk_core::article::ArticleId;
use copydesk_core::dedup::DedupOptions;
use copydesk_core::lazy::LazyStore;
use copydesk_core::search::{self, Query, SearchIndex};
use copydesk_core::store::Store;
use copydesk_core::story::clusters_file;
use copydesk_core::versions::{VersionFinder, VersionRun};

use super::comparison::ComparisonView;
use super::event::{Event, Outside};
use super::job::{CompareRequest, Job};
use super::library::{Library, Texts};
use super::queue::Worker;

/// A search to run: rank these matches, or look for the words in bodies.
enum Search {
    Rank(std::sync::Arc<Vec<ArticleId>>),
    FullText,
}

/// A search job with what it runs on.
struct SearchJob {
    generation: u64,
    query: Query,
    search: Search,
    index: Arc<SearchIndex>,
    store: Arc<Store>,
}

/// A comparison job with what it runs on.
struct CompareJob {
    generation: u64,
    request: CompareRequest,
    message: String,
    texts: Texts,
}

/// The workers.
pub struct Workers {
    search: Worker<SearchJob>,
    compare: Worker<CompareJob>,
    versions: Worker<(VersionRun, Arc<Store>)>,
    texts: Worker<Arc<LazyStore>>,
}

impl Workers {
    /// Starts the workers, answering into `tx`. Versions are found with `dedup`,
    /// keeping what updates start from when `follows` (the folder is followed),
    /// or read from the `clusters` file when there is one.
    pub fn start(
        tx: &Sender<Event>,
        dedup: DedupOptions,
        follows: bool,
        clusters: Option<std::path::PathBuf>,
    ) -> Workers {
        let answer = |tx: &Sender<Event>| {
            let tx = tx.clone();
            move |o: Outside| tx.send(Event::Outside(o)).is_ok()
        };
        let search = Worker::spawn(
            "search",
            |job: SearchJob| {
                let hits = match job.search {
                    Search::Rank(ids) => job.index.rank(&job.query, &ids),
                    Search::FullText => search::full_text(job.store.articles(), &job.query),
                };
                Outside::Searched {
                    generation: job.generation,
                    hits,
                }
            },
            answer(tx),
        );
        let compare = Worker::spawn(
            "compare",
            |job: CompareJob| Outside::Compared {
                generation: job.generation,
                view: ComparisonView::new(&job.texts, &job.request).map(Box::new),
                message: job.message,
            },
            answer(tx),
        );
        let versions = Worker::spawn(
            "versions",
            find_versions(tx, dedup, follows, clusters),
            answer(tx),
        );
        Workers {
            search,
            compare,
            versions,
            texts: Worker::spawn("texts", read_texts(), answer(tx)),
        }
    }

    /// Hands `job` to its worker, with the library's store and index.
    pub fn run(&self, job: Job, lib: &Library) {
        match job {
            Job::RankAll {
                generation,
                query,
                ids,
            } => self.search.send(SearchJob {
                generation,
                query,
                search: Search::Rank(ids),
                index: lib.shared_index(),
                store: lib.texts().store.clone(),
            }),
            Job::FullText { generation, query } => self.search.send(SearchJob {
                generation,
                query,
                search: Search::FullText,
                index: lib.shared_index(),
                store: lib.texts().store.clone(),
            }),
            Job::Compare {
                generation,
                request,
                message,
            } => self.compare.send(CompareJob {
                generation,
                request,
                message,
                texts: lib.shared_texts(),
            }),
            Job::ReadTexts => {
                if let Some(lazy) = lib.lazy() {
                    self.texts.send(lazy);
                }
            }
            Job::Versions(run) => self.versions.send((run, lib.texts().store.clone())),
        }
    }
}

/// A thread pool for long background work, its threads at a lower priority
/// than the loop's and the search's, so that keys are answered first.
fn background_pool(name: &'static str) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(move |i| format!("{name}-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

/// How much lower than the loop's the priority of background work is.
#[cfg(target_os = "linux")]
const BACKGROUND_NICE: libc::c_int = 10;

/// Lowers the priority of the calling thread (on Linux, where each thread has
/// its own; elsewhere it would be the whole process's, and nothing is done).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers; `0` names the calling thread.
    unsafe {
        let now = libc::getpriority(libc::PRIO_PROCESS, 0);
        libc::setpriority(libc::PRIO_PROCESS, 0, now.saturating_add(BACKGROUND_NICE));
    }
}

/// What the texts worker does: every article of a listed folder read in full,
/// on a thread pool of its own, so that the list's and the search's work on the
/// shared pool never waits behind a million texts.
fn read_texts() -> impl FnMut(Arc<LazyStore>) -> Outside + Send + 'static {
    let pool = background_pool("texts");
    move |lazy: Arc<LazyStore>| {
        let started = std::time::Instant::now();
        let store = match &pool {
            Some(pool) => pool.install(|| lazy.read_all()),
            None => lazy.read_all(),
        };
        drop(lazy);
        tracing::info!(
            articles = store.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "texts read"
        );
        Outside::TextsRead(Box::new(store))
    }
}

/// What the versions worker does with a run: the finder, on a thread pool of
/// its own (on the shared one, a minute of finding versions would keep every
/// search waiting for a free thread), reporting progress into `tx`.
fn find_versions(
    tx: &Sender<Event>,
    dedup: DedupOptions,
    follows: bool,
    given: Option<std::path::PathBuf>,
) -> impl FnMut((VersionRun, Arc<Store>)) -> Outside + Send + 'static {
    let progress_tx = tx.clone();
    let notice_tx = tx.clone();
    let mut finder = VersionFinder::new(dedup, follows);
    let pool = background_pool("versions");
    move |(run, store): (VersionRun, Arc<Store>)| {
        let report = |p| {
            let _ = progress_tx.send(Event::Outside(Outside::Clustering(p)));
        };
        if let Some(file) = &given {
            let (clusters, notice) = read_clusters(file, &store, &finder);
            if let Some(n) = notice {
                let _ = notice_tx.send(Event::Outside(Outside::Notice(n)));
            }
            drop(store);
            return Outside::Clustered(clusters);
        }
        let mut find = || finder.run(store.articles(), &run, &report);
        let clusters = match &pool {
            Some(pool) => pool.install(find),
            None => find(),
        };
        // The store goes before the answer, so that changes to the folder can
        // be taken in as soon as it arrives.
        drop(store);
        Outside::Clustered(clusters)
    }
}

/// The stories of a clusters file, and what to tell about its problems (the
/// first of them, with its line, and how many there are).
fn read_clusters(
    file: &std::path::Path,
    store: &Store,
    finder: &VersionFinder,
) -> (copydesk_core::dedup::Clusters, Option<String>) {
    match clusters_file::read(file, store) {
        Ok(read) => {
            let notice = read.problems.first().map(|p| {
                let more = read.problems.len() - 1;
                format!(
                    "{}:{}: {}{}",
                    file.display(),
                    p.line,
                    p.reason,
                    if more > 0 {
                        format!(" (and {more} more lines)")
                    } else {
                        String::new()
                    }
                )
            });
            for p in &read.problems {
                tracing::warn!(file = %file.display(), line = p.line, "{}", p.reason);
            }
            let clusters =
                copydesk_core::dedup::from_groups(store.articles(), read.groups, finder.options());
            (clusters, notice)
        }
        Err(e) => (Default::default(), Some(e.to_string())),
    }
}
