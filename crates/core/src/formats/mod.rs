//! The kinds of input file copydesk reads, one module each behind one small trait:
//! a new kind of file is a module here and a line in [`FORMATS`].

mod feed;
mod frontmatter;
mod html;
mod json;
mod jsonl;
mod record;
mod text;

use std::path::Path;
use std::time::SystemTime;

use crate::article::{Article, Encoding};
use crate::skipped::{SkipReason, Skipped, Warning};

pub(crate) use text::decode_text;

/// What one file (or one line of a line-by-line file) gave: its articles, and the
/// records in it that were skipped.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Articles, ids not yet assigned.
    pub articles: Vec<Article>,
    /// Records of the file that were skipped, with why.
    pub skipped: Vec<Skipped>,
    /// What loaded, but not quite as written.
    pub warnings: Vec<Warning>,
}

impl Loaded {
    /// Adds what `other` gave.
    pub fn append(&mut self, mut other: Loaded) {
        self.articles.append(&mut other.articles);
        self.skipped.append(&mut other.skipped);
        self.warnings.append(&mut other.warnings);
    }
}

/// The bytes of one input, as a format sees them.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// Path relative to the loaded folder, `/`-separated.
    pub rel: &'a str,
    /// The whole file, or one line of it for formats read line by line.
    pub bytes: &'a [u8],
    /// The file's modification time, if known.
    pub mtime: Option<SystemTime>,
    /// The 1-based line, for formats read line by line.
    pub line: Option<usize>,
    /// Agencies the config adds to those copydesk knows, for sign-offs.
    pub agencies: &'a [String],
}

/// One kind of input file.
pub trait Format: Sync {
    /// The file name extensions it reads, lower case, without the dot.
    fn extensions(&self) -> &'static [&'static str];

    /// Whether each line of the file is a record of its own, read one at a time
    /// (so that no line longer than the size limit is ever held), rather than the
    /// whole file at once.
    fn by_line(&self) -> bool {
        false
    }

    /// Reads one input: the whole file, or one line of it when [`Format::by_line`].
    /// An error means the whole input is skipped for that reason.
    fn read(&self, input: &Input<'_>) -> Result<Loaded, SkipReason>;
}

/// Every format copydesk reads.
pub static FORMATS: &[&dyn Format] = &[
    &text::PlainText,
    &text::Markdown,
    &json::Json,
    &jsonl::JsonLines,
    &feed::Feed,
    &html::Html,
];

/// The kind of an article file, by its name's extension.
#[derive(Clone, Copy)]
pub struct FileKind(&'static dyn Format);

impl FileKind {
    /// The kind a file name's extension says, if copydesk reads it.
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        FORMATS
            .iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
            .map(|f| FileKind(*f))
    }

    /// The format that reads it.
    pub fn format(self) -> &'static dyn Format {
        self.0
    }

    /// Whether it is read line by line.
    pub fn by_line(self) -> bool {
        self.0.by_line()
    }
}

impl std::fmt::Debug for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileKind({})", self.0.extensions().join("|"))
    }
}

/// The warning a decoding deserves: bytes that were not UTF-8 in a UTF-8 file.
pub(crate) fn encoding_warning(rel: &str, encoding: Encoding, text: &str) -> Option<Warning> {
    if encoding != Encoding::Utf8Damaged {
        return None;
    }
    let bad = text.matches('\u{FFFD}').count();
    Some(Warning {
        path: rel.to_string(),
        line: text[..text.find('\u{FFFD}').unwrap_or(0)]
            .matches('\n')
            .count()
            .checked_add(1),
        message: format!(
            "{bad} byte{} not UTF-8 in a UTF-8 file, shown as \u{FFFD}; re-save it as UTF-8",
            if bad == 1 { " is" } else { "s are" }
        ),
    })
}

/// Every extension copydesk reads, with dots, for messages.
pub fn extensions() -> String {
    FORMATS
        .iter()
        .flat_map(|f| f.extensions())
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}
