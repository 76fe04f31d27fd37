//! The background work and what the status bar says about it: the load's
//! progress, the finding of versions (when, and how far it is), changes to the
//! folder being read or waiting to be taken in, and what the last changes brought.

use copydesk_core::article::ArticleId;
use copydesk_core::dedup::{DedupProgress, Phase};
use copydesk_core::load::Progress;
use copydesk_core::store::{Applied, Changes};
use copydesk_core::versions::{VersionRun, VersionSchedule};

use super::numbers::{gauge, thousands};

/// What the changes to the folder brought, for the status bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveReport {
    /// Articles in files that were not there before.
    pub added: usize,
    /// Articles in files that changed.
    pub changed: usize,
    /// Articles whose files are gone.
    pub removed: usize,
    /// The ids of the added and changed articles.
    pub new_ids: Vec<ArticleId>,
}

impl LiveReport {
    /// Counts what one batch of changes did.
    pub fn add(&mut self, applied: &Applied) {
        self.added += applied.added.len();
        self.changed += applied.replaced.len();
        self.removed += applied.removed.len();
        self.new_ids.extend(applied.new_ids());
    }

    /// Counts an earlier report in too.
    pub fn merge(&mut self, earlier: LiveReport) {
        self.added += earlier.added;
        self.changed += earlier.changed;
        self.removed += earlier.removed;
        self.new_ids.extend(earlier.new_ids);
    }

    /// Whether no article came, changed or went.
    pub fn is_empty(&self) -> bool {
        self.added + self.changed + self.removed == 0
    }

    /// `+12 articles, 3 changed, 2 removed`, plus the new versions once known.
    pub fn line(&self, new_versions: Option<usize>) -> String {
        let mut parts = Vec::new();
        if self.added > 0 {
            parts.push(format!(
                "+{} article{}",
                thousands(self.added),
                if self.added == 1 { "" } else { "s" }
            ));
        }
        if self.changed > 0 {
            parts.push(format!("{} changed", thousands(self.changed)));
        }
        if self.removed > 0 {
            parts.push(format!("{} removed", thousands(self.removed)));
        }
        if parts.is_empty() {
            parts.push("the folder changed; no article did".to_string());
        }
        if let Some(n) = new_versions.filter(|&n| n > 0) {
            parts.push(format!(
                "{} new version{}",
                thousands(n),
                if n == 1 { "" } else { "s" }
            ));
        }
        parts.join(", ")
    }
}

/// The background work.
#[derive(Debug, Default)]
pub struct Work {
    /// Loading progress, while loading.
    loading: Option<Progress>,
    /// Whether the folder is listed and its texts being read (still loading).
    listed: bool,
    /// Progress of finding versions, while that runs.
    finding: Option<DedupProgress>,
    /// Changed paths being read, while they are.
    reading: Option<usize>,
    /// Changes read and waiting for the store to be free of background work.
    waiting: Vec<Changes>,
    /// What the last changes brought, finished once versions are found again.
    report: Option<LiveReport>,
    /// When versions are found, and what changed since they last were.
    versions: VersionSchedule,
}

impl Work {
    /// Background work for a store that is loading (or not).
    pub fn new(loading: bool) -> Work {
        Work {
            loading: loading.then(Progress::default),
            ..Work::default()
        }
    }

    /// Whether the folder is still loading.
    pub fn loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The load got this far.
    pub fn loaded(&mut self, progress: Progress) {
        self.loading = Some(progress);
    }

    /// The folder is listed from its columns; its texts are being read.
    pub fn listed(&mut self) {
        self.listed = true;
    }

    /// The load is over.
    pub fn load_done(&mut self) {
        self.loading = None;
        self.listed = false;
    }

    /// Finding versions got this far.
    pub fn finding(&mut self, progress: DedupProgress) {
        self.finding = Some(progress);
    }

    /// Asks for the versions to be found: the run to start now, if any.
    pub fn find_versions(&mut self) -> Option<VersionRun> {
        self.versions.ask()
    }

    /// Versions were found: the run to start next, if asked for meanwhile.
    pub fn versions_found(&mut self) -> Option<VersionRun> {
        self.finding = None;
        self.versions.finished()
    }

    /// This many changed paths are being read.
    pub fn reading(&mut self, paths: usize) {
        self.reading = Some(paths);
    }

    /// Changes were read; they wait to be taken in.
    pub fn changed(&mut self, changes: Changes) {
        self.reading = None;
        self.waiting.push(changes);
    }

    /// Whether changes wait to be taken in.
    pub fn has_changes(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// The changes waiting, to take in now.
    pub fn take_changes(&mut self) -> Vec<Changes> {
        std::mem::take(&mut self.waiting)
    }

    /// Notes what one batch of changes did, for the next finding of versions.
    pub fn note(&mut self, applied: &Applied) {
        self.versions.note(&applied.new_ids(), &applied.gone_ids());
    }

    /// Adds `report` to what the changes since versions were last found brought;
    /// returns the line for the status bar.
    pub fn add_report(&mut self, mut report: LiveReport) -> String {
        if let Some(earlier) = self.report.take() {
            report.merge(earlier);
        }
        let line = report.line(None);
        self.report = Some(report);
        line
    }

    /// The report of the changes, once versions found after them are known.
    pub fn finished_report(&mut self, fresh: bool) -> Option<LiveReport> {
        self.report.take_if(|_| fresh)
    }

    /// What the status bar says about the work going on.
    pub fn status(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(p) = self.loading {
            if self.listed {
                parts.push("loading the articles' texts…".to_string());
            } else if p.files_done == 0 {
                // The first file is still being read (a big JSON Lines file
                // streams its rows into the list meanwhile).
                parts.push("loading…".to_string());
            } else if p.walking || p.files_total == 0 {
                parts.push(format!("loading {} files…", thousands(p.files_done)));
            } else {
                let pct = (p.files_done * 100).checked_div(p.files_total).unwrap_or(0);
                parts.push(format!(
                    "loading {} {pct}% of {} files",
                    gauge(pct),
                    thousands(p.files_total)
                ));
            }
        } else if let Some(c) = self.finding {
            let pct = (c.done * 100).checked_div(c.total).unwrap_or(0);
            let stage = match c.phase {
                Phase::Shingling => "reading",
                Phase::Candidates => "pairing",
                Phase::Verifying => "checking",
                Phase::Grouping => "grouping",
            };
            parts.push(format!("finding versions: {stage} {} {pct}%", gauge(pct)));
        }
        if let Some(n) = self.reading {
            parts.push(format!(
                "reading {} changed path{}…",
                thousands(n),
                if n == 1 { "" } else { "s" }
            ));
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loading_counts_files_once_one_is_read() {
        let mut work = Work::new(true);
        assert_eq!(work.status(), ["loading…"]);
        work.loaded(Progress {
            files_done: 1_200,
            files_total: 0,
            walking: true,
        });
        assert_eq!(work.status(), ["loading 1,200 files…"]);
    }
}
