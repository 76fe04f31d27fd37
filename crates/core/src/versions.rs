//! Finding the versions of each story over and over as a folder changes: when to
//! run (one run at a time, another after it if the folder changed meanwhile), and
//! whether a run reads every article again or only sets the articles that came and
//! went against what the last run kept.

use crate::article::{Article, ArticleId};
use crate::dedup::{self, Clusters, DedupOptions, DedupProgress, Signatures};

/// What one finding of versions is to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionRun {
    /// Set every article against every other.
    Full,
    /// Set only the articles that came and went since the last run against the
    /// versions it found (a full run when nothing was kept to start from).
    Update {
        /// Articles new to the store.
        added: Vec<ArticleId>,
        /// Articles gone from it.
        removed: Vec<ArticleId>,
    },
}

/// When versions are found: one run at a time, asked again while one runs it
/// runs once more afterwards, and the articles that came and went in between add
/// up for that run.
#[derive(Clone, Debug, Default)]
pub struct VersionSchedule {
    running: bool,
    again: bool,
    found_once: bool,
    added: Vec<ArticleId>,
    removed: Vec<ArticleId>,
}

impl VersionSchedule {
    /// A schedule with nothing found yet.
    pub fn new() -> VersionSchedule {
        VersionSchedule::default()
    }

    /// Asks for the versions to be found: the run to start now, or none when one
    /// is running (another then follows it, see [`VersionSchedule::finished`]).
    pub fn ask(&mut self) -> Option<VersionRun> {
        if self.running {
            self.again = true;
            return None;
        }
        self.running = true;
        if !self.found_once {
            self.added.clear();
            self.removed.clear();
            return Some(VersionRun::Full);
        }
        Some(VersionRun::Update {
            added: std::mem::take(&mut self.added),
            removed: std::mem::take(&mut self.removed),
        })
    }

    /// Notes articles that came and went, for the next update.
    pub fn note(&mut self, added: &[ArticleId], removed: &[ArticleId]) {
        self.added.extend_from_slice(added);
        self.removed.extend_from_slice(removed);
    }

    /// A run is over: the run to start next when versions were asked for meanwhile.
    pub fn finished(&mut self) -> Option<VersionRun> {
        self.running = false;
        // The next run is chosen before this one counts as found, as the versions
        // it found are taken in only after.
        let next = if std::mem::take(&mut self.again) {
            self.ask()
        } else {
            None
        };
        self.found_once = true;
        next
    }

    /// Whether a run is going on.
    pub fn running(&self) -> bool {
        self.running
    }
}

/// Carries out findings of versions, keeping between them what an update starts
/// from (each article's sketch, the shingle counts, the verified pairs) when asked
/// to: that grows with the folder, so it is worth keeping only for a folder that
/// is followed.
pub struct VersionFinder {
    opts: DedupOptions,
    keep: bool,
    kept: Option<Signatures>,
}

impl VersionFinder {
    /// A finder with these settings; `keep` says whether to hold what updates need.
    pub fn new(opts: DedupOptions, keep: bool) -> VersionFinder {
        VersionFinder {
            opts,
            keep,
            kept: None,
        }
    }

    /// The settings versions are found with.
    pub fn options(&self) -> &DedupOptions {
        &self.opts
    }

    /// The versions among `articles` (ids equal to positions): an update when
    /// `run` asks for one and a run kept something to start from, else a full run.
    pub fn run(
        &mut self,
        articles: &[Article],
        run: &VersionRun,
        progress: &(dyn Fn(DedupProgress) + Sync),
    ) -> Clusters {
        let started = std::time::Instant::now();
        let (clusters, how) = self.find(articles, run, progress);
        tracing::info!(
            run = how,
            articles = articles.len(),
            stories = clusters.clusters.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "versions found"
        );
        clusters
    }

    /// [`VersionFinder::run`], saying which kind of run it was.
    fn find(
        &mut self,
        articles: &[Article],
        run: &VersionRun,
        progress: &(dyn Fn(DedupProgress) + Sync),
    ) -> (Clusters, &'static str) {
        if !self.keep {
            return (dedup::cluster(articles, &self.opts, progress), "full");
        }
        if let (VersionRun::Update { added, removed }, Some(kept)) = (run, self.kept.as_mut()) {
            tracing::debug!(
                added = added.len(),
                removed = removed.len(),
                "updating the versions found before"
            );
            let clusters = dedup::update(articles, kept, added, removed, &self.opts);
            return (clusters, "update");
        }
        let (clusters, kept) = dedup::cluster_keeping(articles, &self.opts, progress);
        self.kept = Some(kept);
        (clusters, "full, kept for updates")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_run_is_full_and_later_ones_update() {
        let mut s = VersionSchedule::new();
        assert_eq!(s.ask(), Some(VersionRun::Full));
        s.note(&[7], &[]);
        assert_eq!(s.ask(), None, "one run at a time");
        // Asked during the first run: a full run again, as nothing counts as found yet.
        assert_eq!(s.finished(), Some(VersionRun::Full));
        assert_eq!(s.finished(), None);
        s.note(&[8], &[2]);
        assert_eq!(
            s.ask(),
            Some(VersionRun::Update {
                added: vec![8],
                removed: vec![2]
            })
        );
        s.note(&[9], &[]);
        assert_eq!(s.ask(), None);
        assert_eq!(
            s.finished(),
            Some(VersionRun::Update {
                added: vec![9],
                removed: vec![]
            })
        );
        assert!(s.running());
    }
}
