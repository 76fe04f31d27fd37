//! What the app does with events from outside the keyboard: the loader's batches,
//! the versions found, background answers, and the folder's changes, which are
//! taken in once no background work holds the store.

use super::App;
use crate::tui::event::Outside;
use crate::tui::focus::Focus;
use crate::tui::job::Job;
use crate::tui::numbers::thousands;
use crate::tui::reader::Followed;
use crate::tui::work::LiveReport;
use copydesk_core::dedup::Clusters;
use copydesk_core::sort::Sort;

impl App {
    /// Handles what happened outside the keyboard.
    pub fn outside(&mut self, event: Outside) {
        match event {
            Outside::Loaded(batch) => {
                let progress = batch.progress;
                let grew = self.library.take_batch(batch);
                self.work.loaded(progress);
                if grew {
                    self.rows_grew();
                }
                self.refresh_skipped();
            }
            Outside::Rows(read) => {
                self.library.take_rows(&read.rows, &read.index);
                drop(read);
                self.rows_grew();
            }
            Outside::Listed(lazy) => {
                self.library.take_listing(lazy);
                self.work.listed();
                self.jobs.push(Job::ReadTexts);
                self.refresh_rows();
                if !self.prompt.text().is_empty() {
                    self.prompt.forget_matches();
                    self.run_search();
                }
            }
            Outside::TextsRead(store) => {
                self.library.take_store(*store);
                self.loaded_all();
            }
            Outside::LoadDone(summary) => {
                self.library.finish_load(summary);
                self.loaded_all();
            }
            Outside::LoadFailed(e) => {
                self.work.load_done();
                self.message = Some(e);
            }
            Outside::Clustering(p) => self.work.finding(p),
            Outside::Clustered(c) => self.versions_found(c),
            Outside::Compared {
                generation,
                view,
                message,
            } => {
                let effect = self
                    .comparison
                    .answer(generation, view, &message, &self.config.keys);
                self.run(effect);
            }
            Outside::Reading(n) => self.work.reading(n),
            Outside::Changed(changes) => self.work.changed(changes),
            Outside::WatchFailed(e) | Outside::Notice(e) => self.message = Some(e),
            Outside::Searched { generation, hits } => {
                if self.prompt.answer(generation, &hits) {
                    self.list
                        .refresh_results(&self.library, &self.prompt.found());
                }
            }
        }
        self.relayout();
    }

    /// Every article is in the store in full: the versions are found next.
    fn loaded_all(&mut self) {
        self.work.load_done();
        self.refresh_rows();
        self.find_versions();
        self.announce_skipped();
        if !self.prompt.text().is_empty() {
            self.prompt.forget_matches();
            self.run_search();
        }
    }

    /// The loader brought articles: the list grows, or is built again when it
    /// is searched, filtered or in another order.
    fn rows_grew(&mut self) {
        if self.prompt.results().is_some() {
            self.prompt.forget_matches();
            self.run_search();
        } else if !self.list.grow(&self.library, &self.prompt.found()) {
            self.refresh_rows();
        }
    }

    /// The skipped files changed: an open list of them shows them as they are.
    fn refresh_skipped(&mut self) {
        if let Some(o) = self.overlay.as_mut() {
            o.refresh(self.library.store());
        }
    }

    fn versions_found(&mut self, c: Clusters) {
        if let Some(run) = self.work.versions_found() {
            self.jobs.push(Job::Versions(run));
        }
        let stories = c.clusters.len();
        self.library.set_clusters(c);
        if self.list.sort() == Sort::Versions || self.list.stories() {
            self.refresh_rows();
        }
        let clusters = self.library.clusters().expect("just set");
        // A finding started before the last change leaves the report for the
        // one that follows it.
        let fresh = clusters.articles_seen() == self.library.store().len();
        if let Some(report) = self.work.finished_report(fresh) {
            let versions = report
                .new_ids
                .iter()
                .filter(|&&id| clusters.cluster_of(id).is_some())
                .count();
            self.message = Some(report.line(Some(versions)));
        } else if self.message.is_none() {
            self.message = Some(format!(
                "{} stor{} with more than one version",
                thousands(stories),
                if stories == 1 { "y" } else { "ies" }
            ));
        }
    }

    /// Takes in the changes to the folder once no background work holds the
    /// store; returns whether any article came, changed or went.
    pub fn apply_live_changes(&mut self) -> bool {
        if !self.work.has_changes() || self.work.loading() || !self.library.is_free() {
            return false;
        }
        // Where the selected row is on screen, to keep it there.
        let screen_row = self.list.screen_row();
        let mut report = LiveReport::default();
        for changes in self.work.take_changes() {
            let applied = self.library.apply(changes);
            report.add(&applied);
            self.work.note(&applied);
            // What was selected, read or marked follows its new version.
            self.list.follow(&applied);
            if self.reader.follow(&applied, &self.library) == Followed::Closed {
                self.focus = Focus::List;
            }
            self.comparison.follow(&applied);
        }
        if report.is_empty() {
            // Files touched with the same text (a save without edits): nothing to say.
            return false;
        }
        let line = self.work.add_report(report);
        self.refresh_rows();
        self.list.place(screen_row);
        self.find_versions();
        if self.prompt.results().is_some() {
            self.prompt.forget_matches();
            self.run_search();
        }
        self.refresh_skipped();
        self.message = Some(line);
        self.relayout();
        true
    }
}
