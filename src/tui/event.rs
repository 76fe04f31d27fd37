//! Everything that reaches the event loop, through its one channel: terminal
//! input, and what the loader, the watcher and the background workers report.

use ratatui::crossterm::event::Event as TermEvent;

use std::sync::Arc;

use copydesk_core::columns::Columns;
use copydesk_core::dedup::{Clusters, DedupProgress};
use copydesk_core::lazy::LazyStore;
use copydesk_core::load::{Batch, LoadSummary};
use copydesk_core::search::{Hit, SearchIndex};
use copydesk_core::store::Changes;
use copydesk_core::store::Store;

use super::comparison::ComparisonView;

/// One event for the loop.
#[derive(Debug)]
pub enum Event {
    /// A key, a mouse action or a resize.
    Term(TermEvent),
    /// Something that happened outside the keyboard.
    Outside(Outside),
    /// A signal that ends or stops the reader.
    Signal(Signal),
}

impl Event {
    /// What kind of event this is, for the log.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Term(TermEvent::Key(_)) => "key",
            Event::Term(_) => "terminal",
            Event::Signal(_) => "signal",
            Event::Outside(o) => match o {
                Outside::Loaded(_) => "loaded",
                Outside::Rows(_) => "rows",
                Outside::Listed(_) => "listed",
                Outside::TextsRead(_) => "texts read",
                Outside::LoadDone(_) => "load done",
                Outside::LoadFailed(_) => "load failed",
                Outside::Clustering(_) => "clustering",
                Outside::Clustered(_) => "clustered",
                Outside::Compared { .. } => "compared",
                Outside::Reading(_) => "reading",
                Outside::Changed(_) => "changed",
                Outside::WatchFailed(_) => "watch failed",
                Outside::Notice(_) => "notice",
                Outside::Searched { .. } => "searched",
            },
        }
    }
}

/// Something that happened outside the keyboard, for the app.
#[derive(Debug)]
pub enum Outside {
    /// A batch of loaded articles.
    Loaded(Batch),
    /// Rows of the folder read since the previous ones, while it is listed.
    Rows(Box<RowsRead>),
    /// The folder was listed from its columns; its texts are read next.
    Listed(Arc<LazyStore>),
    /// Every article of the listed folder was read in full.
    TextsRead(Box<Store>),
    /// Loading is over.
    LoadDone(LoadSummary),
    /// Loading could not start.
    LoadFailed(String),
    /// Progress of finding versions.
    Clustering(DedupProgress),
    /// The versions of each story were found.
    Clustered(Clusters),
    /// A background comparison finished.
    Compared {
        /// Which request it answers.
        generation: u64,
        /// The comparison, or what to say instead (an article gone, or too long).
        view: Result<Box<ComparisonView>, String>,
        /// What to say when it opens.
        message: String,
    },
    /// The folder changed: this many paths are being read again.
    Reading(usize),
    /// What the changed paths hold now.
    Changed(Changes),
    /// The folder cannot be followed.
    WatchFailed(String),
    /// Something to tell in the status line (a clusters file's problems).
    Notice(String),
    /// A background search finished.
    Searched {
        /// Which query it answers.
        generation: u64,
        /// Ranked results.
        hits: Vec<Hit>,
    },
}

/// What a signal asks of the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// End, giving the terminal back, with this exit code (128 + the signal).
    End(u8),
    /// Give the terminal back and stop until continued (SIGTSTP).
    Stop,
    /// Continued after a stop: take the terminal again and draw it all.
    Continued,
}

/// Rows of a folder being listed, read since the previous ones.
#[derive(Debug)]
pub struct RowsRead {
    /// The rows, in the order of their ids.
    pub rows: Columns,
    /// Their headlines indexed (on the loader's thread, not the loop's).
    pub index: SearchIndex,
    /// Held until the rows are taken in: the loader sends no more rows while
    /// the loop has some it has not taken in yet, so that keys never queue
    /// behind them.
    pub unread: Arc<()>,
}
