//! What was not loaded, and why, in words that say what to do about it.

use std::fmt;

use serde::Serialize;

/// Why a file, folder or record was not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// The operating system refused to read it.
    PermissionDenied,
    /// Any other read error, with the system's words.
    Unreadable(String),
    /// A FIFO, socket or device.
    NotRegular,
    /// A symbolic link that leads back into its own ancestors.
    SymlinkLoop,
    /// Bytes that are not text.
    Binary,
    /// No text at all.
    Empty,
    /// Bigger than the size limit.
    TooLarge {
        /// Size of the file.
        bytes: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A line of a JSON Lines file longer than the size limit.
    LineTooLong {
        /// 1-based line number.
        line: usize,
        /// The limit in force.
        limit: u64,
    },
    /// JSON that does not parse.
    InvalidJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// An `.rss`, `.atom` or `.xml` file that is not a feed copydesk can read.
    NotAFeed {
        /// What the feed parser said.
        message: String,
    },
    /// A JSON value that is not an article record.
    NotARecord {
        /// 1-based line (`.jsonl`) or position in the array (`.json`).
        at: usize,
        /// What was wrong with it.
        what: String,
    },
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::PermissionDenied => {
                write!(
                    f,
                    "permission denied; give your user read access to load it"
                )
            }
            SkipReason::Unreadable(e) => write!(f, "could not be read ({e})"),
            SkipReason::NotRegular => write!(
                f,
                "not a regular file (a pipe, socket or device); articles must be plain files"
            ),
            SkipReason::SymlinkLoop => write!(
                f,
                "symbolic link loop: it points back into its own folder; not followed"
            ),
            SkipReason::Binary => write!(f, "binary data, not text; not an article"),
            SkipReason::Empty => write!(f, "empty: no text in it"),
            SkipReason::TooLarge { bytes, limit } => write!(
                f,
                "too large ({}, over the {} limit); split it, or raise max_file_mib in the config",
                mib(*bytes),
                mib(*limit)
            ),
            SkipReason::LineTooLong { line, limit } => write!(
                f,
                "line {line} is longer than the {} limit; that record was skipped",
                mib(*limit)
            ),
            SkipReason::InvalidJson {
                line,
                column,
                message,
            } => write!(
                f,
                "invalid JSON at line {line}, column {column}: {message}; fix or remove that line"
            ),
            SkipReason::NotARecord { at, what } => write!(f, "record {at}: {what}"),
            SkipReason::NotAFeed { message } => write!(
                f,
                "not an RSS or Atom feed ({message}); .rss, .atom and .xml files are read as feeds"
            ),
        }
    }
}

impl Serialize for SkipReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A file, folder or record that was not loaded, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Path relative to the loaded folder.
    pub path: String,
    /// Why it was skipped.
    pub reason: SkipReason,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// Something that loaded, but not quite as written: bytes that were not text in
/// its encoding, front matter that did not parse. The article is there; this says
/// what to look at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Path relative to the loaded folder.
    pub path: String,
    /// The 1-based line it is about, when there is one.
    pub line: Option<usize>,
    /// What is wrong, and what was done about it.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
