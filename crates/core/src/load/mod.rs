//! Walking a folder and reading every article in it, in parallel, without ever
//! writing anything. One bad file never stops the load: it is reported as skipped,
//! with the reason and what to do. What each kind of file holds is read by
//! [`crate::formats`].

mod again;
mod columns;
mod one;
mod read;

mod walk;

use std::io::BufReader;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::SystemTime;

use rayon::prelude::*;
use thiserror::Error;

use crate::article::Article;
use crate::formats::{Input, Loaded};

pub use crate::formats::FileKind;
pub use crate::skipped::{SkipReason, Skipped, Warning};
pub use again::{Again, LineAt, read_file_at, read_lines_at};
pub use columns::{ColumnHow, ColumnLoad, Only, Origin, load_columns, load_columns_with};
pub use one::{OneError, load_one};

use read::{BoundedLines, Line, io_reason, open_checked, read_bytes};
use walk::{Entry, WalkProgress, Walked};

/// Default size limit for one file (and for one line of a JSON Lines file).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// JSON Lines records parsed per parallel batch.
const LINES_PER_BATCH: usize = 4096;

/// Settings for a load.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Files larger than this are skipped; lines of `.jsonl` longer than this too.
    pub max_file_bytes: u64,
    /// Agencies to recognise in sign-offs besides those copydesk knows.
    pub agencies: Vec<String>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            agencies: Vec::new(),
        }
    }
}

/// A load that could not even start.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The folder is not there.
    #[error("{0}: no such file or folder; give the path of a folder of articles")]
    NotFound(PathBuf),
    /// The path is a file of a kind copydesk does not read.
    #[error(
        "{0}: not a folder, and not an article file (.txt, .text, .md, .json, .jsonl, .ndjson)"
    )]
    NotAnArticle(PathBuf),
    /// The path is a single article file that could not be loaded.
    #[error("{path}: {reason}")]
    Unloadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: SkipReason,
    },
    /// The folder itself cannot be read.
    #[error("{0}: cannot read this folder ({1}); check its permissions")]
    Unreadable(PathBuf, String),
}

/// How far a load has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files read so far.
    pub files_done: usize,
    /// Files found by the walk so far.
    pub files_total: usize,
    /// Whether the walk is still finding files (so `files_total` may grow).
    pub walking: bool,
}

/// Articles and skipped files read since the previous batch, in path order, with ids
/// already assigned.
#[derive(Debug, Default)]
pub struct Batch {
    /// New articles, ids continuing from the previous batch.
    pub articles: Vec<Article>,
    /// Files or records skipped in this batch.
    pub skipped: Vec<Skipped>,
    /// What loaded in this batch, but not quite as written.
    pub warnings: Vec<Warning>,
    /// Progress after this batch.
    pub progress: Progress,
}

/// What the walk found besides articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadSummary {
    /// Files with other extensions, and hidden files, not looked at.
    pub ignored: usize,
    /// Article files found.
    pub files: usize,
    /// Whether the sink stopped the load early.
    pub cancelled: bool,
}

/// Walks `root` and reads every article under it, handing them to `sink` in batches,
/// in path order. The sink may stop the load by returning `ControlFlow::Break`.
/// `root` may also be a single article file.
///
/// The walk runs on its own thread and feeds the readers as it goes, so reading
/// starts at once and the first batch arrives before the walk is over.
pub fn load(
    root: &Path,
    opts: &LoadOptions,
    mut sink: impl FnMut(Batch) -> ControlFlow<()>,
) -> Result<LoadSummary, LoadError> {
    let started = std::time::Instant::now();
    tracing::debug!(root = %root.display(), "loading");
    let result = load_from(root, opts, &mut sink);
    match &result {
        Ok(summary) => tracing::info!(
            root = %root.display(),
            files = summary.files,
            ignored = summary.ignored,
            cancelled = summary.cancelled,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "loaded"
        ),
        Err(e) => tracing::warn!(root = %root.display(), error = %e, "could not load"),
    }
    result
}

/// [`load`] without its log lines.
fn load_from(
    root: &Path,
    opts: &LoadOptions,
    mut sink: impl FnMut(Batch) -> ControlFlow<()>,
) -> Result<LoadSummary, LoadError> {
    let root_is = walk::root(root)?;
    let mut reader = Reader {
        opts,
        next_id: 0,
        progress: Progress::default(),
        walk: None,
        sink: &mut sink,
    };
    if let walk::Root::File(entry) = root_is {
        let kind = entry.kind;
        if !kind.by_line() {
            let loaded = read_file(&entry, opts).map_err(|s| LoadError::Unloadable {
                path: root.to_path_buf(),
                reason: s.reason,
            })?;
            reader.progress = Progress {
                files_done: 1,
                files_total: 1,
                walking: false,
            };
            let flow = reader.emit(loaded);
            return Ok(LoadSummary {
                ignored: 0,
                files: 1,
                cancelled: flow.is_break(),
            });
        }
        reader.progress.files_total = 1;
        let flow = reader.read(vec![entry]);
        return Ok(LoadSummary {
            ignored: 0,
            files: 1,
            cancelled: flow.is_break(),
        });
    }
    std::fs::read_dir(root)
        .map_err(|e| LoadError::Unreadable(root.to_path_buf(), e.to_string()))?;

    // Room for a good part of a big walk, so that the total is known early.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Walked>(256);
    let walk = WalkProgress::default();
    let mut summary = LoadSummary::default();
    std::thread::scope(|scope| {
        let walker = scope.spawn(|| walk::scan(root, tx, &walk));
        reader.walk = Some(&walk);
        for msg in &rx {
            let flow = match msg {
                Walked::Files(entries) => reader.read(entries),
                Walked::Skipped(skipped) => reader.emit(Loaded {
                    skipped,
                    ..Loaded::default()
                }),
            };
            if flow.is_break() {
                summary.cancelled = true;
                break;
            }
        }
        // Dropping the receiver makes a walker that is still going stop at its next send.
        drop(rx);
        summary.ignored = walker.join().unwrap_or(0);
    });
    summary.files = walk.found.load(Ordering::Relaxed);
    reader.walk = None;
    reader.progress.files_total = summary.files;
    if !summary.cancelled {
        reader.progress.walking = false;
        summary.cancelled = reader.emit(Loaded::default()).is_break();
    }
    Ok(summary)
}

/// Reads batches of walked files and hands articles to the sink with ids assigned.
struct Reader<'a, F> {
    opts: &'a LoadOptions,
    next_id: u32,
    progress: Progress,
    walk: Option<&'a WalkProgress>,
    sink: &'a mut F,
}

impl<F: FnMut(Batch) -> ControlFlow<()>> Reader<'_, F> {
    fn emit(&mut self, loaded: Loaded) -> ControlFlow<()> {
        let Loaded {
            mut articles,
            skipped,
            warnings,
        } = loaded;
        for a in &mut articles {
            a.id = self.next_id;
            self.next_id += 1;
        }
        for s in &skipped {
            tracing::info!(path = %s.path, reason = %s.reason, "file skipped");
        }
        for w in &warnings {
            tracing::warn!(warning = %w, "loaded with a warning");
        }
        if let Some(w) = self.walk {
            self.progress.files_total = w.found.load(Ordering::Relaxed);
            self.progress.walking = !w.done.load(Ordering::Relaxed);
        }
        (self.sink)(Batch {
            articles,
            skipped,
            warnings,
            progress: self.progress,
        })
    }

    /// Reads whole files in parallel, and streams each JSON Lines file.
    fn read(&mut self, entries: Vec<Entry>) -> ControlFlow<()> {
        let mut i = 0;
        while i < entries.len() {
            if entries[i].kind.by_line() {
                self.progress.files_done += 1;
                let entry = &entries[i];
                i += 1;
                let opts = self.opts;
                read_by_line(entry, opts, |loaded| self.emit(loaded))?;
                continue;
            }
            let end = entries[i..]
                .iter()
                .position(|e| e.kind.by_line())
                .map_or(entries.len(), |p| i + p);
            let opts = self.opts;
            let results: Vec<Result<Loaded, Skipped>> = entries[i..end]
                .par_iter()
                .map(|e| read_file(e, opts))
                .collect();
            self.progress.files_done += end - i;
            i = end;
            let mut all = Loaded::default();
            for r in results {
                match r {
                    Ok(l) => all.append(l),
                    Err(s) => all.skipped.push(s),
                }
            }
            self.emit(all)?;
        }
        ControlFlow::Continue(())
    }
}

fn read_file(entry: &Entry, opts: &LoadOptions) -> Result<Loaded, Skipped> {
    let (bytes, mtime) = read_bytes(entry, opts)?;
    let input = Input {
        rel: &entry.rel,
        bytes: &bytes,
        mtime,
        line: None,
        agencies: &opts.agencies,
    };
    parse_file(input, entry.kind)
}

/// Parses the bytes of one whole article file; a file read line by line is split
/// into its lines here.
fn parse_file(input: Input<'_>, kind: FileKind) -> Result<Loaded, Skipped> {
    let skip = |reason| Skipped {
        path: input.rel.to_string(),
        reason,
    };
    if !kind.by_line() {
        return kind.format().read(&input).map_err(skip);
    }
    let (text, _) = crate::formats::decode_text(input.bytes).map_err(skip)?;
    let mut out = Loaded::default();
    for (i, line) in text.lines().enumerate() {
        let input = Input {
            bytes: line.as_bytes(),
            line: Some(i + 1),
            ..input
        };
        match kind.format().read(&input) {
            Ok(l) => out.append(l),
            Err(reason) => out.skipped.push(skip(reason)),
        }
    }
    Ok(out)
}

/// Loads articles from files held in memory (the embedded demo corpus), as if they
/// were a folder: same parsing, same ids in path order. With no file times, only
/// articles whose metadata or text gives a date have one.
pub fn load_memory<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> (Vec<Article>, Vec<Skipped>) {
    load_memory_with(files, &LoadOptions::default())
}

/// [`load_memory`] with options (the agencies to know, for one).
pub fn load_memory_with<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    opts: &LoadOptions,
) -> (Vec<Article>, Vec<Skipped>) {
    let mut files: Vec<(&str, &[u8])> = files.into_iter().collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    let mut articles = Vec::new();
    let mut skipped = Vec::new();
    for (rel, bytes) in files {
        let Some(kind) = FileKind::of(Path::new(rel)) else {
            continue;
        };
        let input = Input {
            rel,
            bytes,
            mtime: None,
            line: None,
            agencies: &opts.agencies,
        };
        match parse_file(input, kind) {
            Ok(mut l) => {
                articles.append(&mut l.articles);
                skipped.append(&mut l.skipped);
            }
            Err(s) => skipped.push(s),
        }
    }
    for (i, a) in articles.iter_mut().enumerate() {
        a.id = i as u32;
    }
    (articles, skipped)
}

/// Reads a file of one record per line in bounded chunks of lines, parsing each
/// chunk in parallel.
fn read_by_line(
    entry: &Entry,
    opts: &LoadOptions,
    mut emit: impl FnMut(Loaded) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let (file, meta) = match open_checked(entry, opts, false) {
        Ok(x) => x,
        Err(s) => {
            return emit(Loaded {
                skipped: vec![s],
                ..Loaded::default()
            });
        }
    };
    let mtime = meta.modified().ok();
    let mut reader = BoundedLines::new(
        BufReader::with_capacity(256 * 1024, file),
        opts.max_file_bytes,
    );
    let mut any = false;
    loop {
        let (chunk, mut out, eof) = next_chunk(&mut reader, entry, opts);
        let results: Vec<Result<Loaded, Skipped>> = chunk
            .par_iter()
            .map(|(n, bytes)| read_line(entry, *n, bytes, mtime, &opts.agencies))
            .collect();
        for r in results {
            match r {
                Ok(l) => out.append(l),
                Err(s) => out.skipped.push(s),
            }
        }
        any |= !out.articles.is_empty();
        if eof && !any && out.skipped.is_empty() {
            out.skipped.push(Skipped {
                path: entry.rel.clone(),
                reason: SkipReason::Empty,
            });
        }
        let something = !out.articles.is_empty() || !out.skipped.is_empty();
        if something && emit(out).is_break() {
            return ControlFlow::Break(());
        }
        if eof {
            return ControlFlow::Continue(());
        }
    }
}

/// The next lines of a file read line by line (up to [`LINES_PER_BATCH`]), what
/// could not be read of them, and whether the file is over.
fn next_chunk<R: std::io::BufRead>(
    reader: &mut BoundedLines<R>,
    entry: &Entry,
    opts: &LoadOptions,
) -> (Vec<(usize, Vec<u8>)>, Loaded, bool) {
    let mut chunk = Vec::with_capacity(LINES_PER_BATCH);
    let mut out = Loaded::default();
    let skip = |reason| Skipped {
        path: entry.rel.clone(),
        reason,
    };
    while chunk.len() < LINES_PER_BATCH {
        match reader.next_line() {
            Ok(Some(Line::Text(n, bytes))) => chunk.push((n, bytes)),
            Ok(Some(Line::TooLong(n))) => out.skipped.push(skip(SkipReason::LineTooLong {
                line: n,
                limit: opts.max_file_bytes,
            })),
            Ok(None) => return (chunk, out, true),
            Err(e) => {
                out.skipped.push(skip(io_reason(&e)));
                return (chunk, out, true);
            }
        }
    }
    (chunk, out, false)
}

/// Reads line `n` of a file read line by line.
fn read_line(
    entry: &Entry,
    n: usize,
    bytes: &[u8],
    mtime: Option<SystemTime>,
    agencies: &[String],
) -> Result<Loaded, Skipped> {
    let input = Input {
        rel: &entry.rel,
        bytes,
        mtime,
        line: Some(n),
        agencies,
    };
    entry.kind.format().read(&input).map_err(|reason| Skipped {
        path: entry.rel.clone(),
        reason,
    })
}
