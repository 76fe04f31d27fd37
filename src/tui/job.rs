//! Background work the reader asks for. Panes only describe it; the event loop
//! hands each job to its worker, and the answer comes back as an event.

use copydesk_core::article::ArticleId;
use copydesk_core::search::Query;
use copydesk_core::versions::VersionRun;

/// What to compare, and how to lay the comparison out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareRequest {
    /// The left version.
    pub left: ArticleId,
    /// The right version.
    pub right: ArticleId,
    /// The story's versions other than the left one.
    pub versions: Vec<ArticleId>,
    /// Whether unchanged runs start folded.
    pub folded: bool,
    /// Width to lay the comparison out for.
    pub width: u16,
}

/// Work to run off the input thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// Rank every match of a query (the list shows a quick first page meanwhile).
    RankAll {
        /// Which query this is.
        generation: u64,
        /// The query.
        query: Query,
        /// Its matches, shared with the prompt (which narrows the next query
        /// within them) rather than copied on each keystroke.
        ids: std::sync::Arc<Vec<ArticleId>>,
    },
    /// Search bodies.
    FullText {
        /// Which query this is.
        generation: u64,
        /// The query.
        query: Query,
    },
    /// Read in full every article of the folder listed from its columns.
    ReadTexts,
    /// Find the versions of each story (all of them, or what changed).
    Versions(VersionRun),
    /// Compare two long articles.
    Compare {
        /// Which request this is.
        generation: u64,
        /// What to compare.
        request: CompareRequest,
        /// What to say when the comparison opens.
        message: String,
    },
}
