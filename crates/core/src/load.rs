//! Walking a folder and reading every article in it, in parallel, without ever
//! writing anything. One bad file never stops the load: it is reported as skipped,
//! with the reason and what to do.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::SystemTime;

use rayon::prelude::*;
use serde::Serialize;
use thiserror::Error;

use crate::article::{self, Article, DateOrigin, Encoding, Meta, TitleRule};
use crate::text::script::Script;
use crate::{date, decode, frontmatter};

/// Default size limit for one file (and for one line of a JSON Lines file).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Files read per parallel batch; small enough to keep progress smooth.
const FILES_PER_BATCH: usize = 512;

/// JSON Lines records parsed per parallel batch.
const LINES_PER_BATCH: usize = 4096;

/// Settings for a load.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Files larger than this are skipped; lines of `.jsonl` longer than this too.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// The kinds of file copydesk reads, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `.txt`, `.text`: one article.
    Text,
    /// `.md`, `.markdown`: one article, front matter likely.
    Markdown,
    /// `.json`: one record or an array of records.
    Json,
    /// `.jsonl`, `.ndjson`: one record per line.
    JsonLines,
}

impl FileKind {
    /// The kind a file name's extension says, if copydesk reads it.
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(FileKind::Text),
            "md" | "markdown" => Some(FileKind::Markdown),
            "json" => Some(FileKind::Json),
            "jsonl" | "ndjson" => Some(FileKind::JsonLines),
            _ => None,
        }
    }
}

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

struct Entry {
    abs: PathBuf,
    rel: String,
    kind: FileKind,
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
    let meta = std::fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(root.to_path_buf()),
        _ => LoadError::Unreadable(root.to_path_buf(), e.to_string()),
    })?;
    let mut reader = Reader {
        opts,
        next_id: 0,
        progress: Progress::default(),
        walk: None,
        sink: &mut sink,
    };
    if !meta.is_dir() {
        let kind = FileKind::of(root).ok_or_else(|| LoadError::NotAnArticle(root.to_path_buf()))?;
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let entry = Entry {
            abs: root.to_path_buf(),
            rel: name,
            kind,
        };
        if kind != FileKind::JsonLines {
            let loaded = read_file(&entry, opts).map_err(|s| LoadError::Unloadable {
                path: root.to_path_buf(),
                reason: s.reason,
            })?;
            reader.progress = Progress {
                files_done: 1,
                files_total: 1,
                walking: false,
            };
            let flow = reader.emit(loaded.articles, loaded.skipped);
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
        let walker = scope.spawn(|| scan(root, tx, &walk));
        reader.walk = Some(&walk);
        for msg in &rx {
            let flow = match msg {
                Walked::Files(entries) => reader.read(entries),
                Walked::Skipped(skipped) => reader.emit(Vec::new(), skipped),
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
        summary.cancelled = reader.emit(Vec::new(), Vec::new()).is_break();
    }
    Ok(summary)
}

/// What the walker sends to the readers, in path order.
enum Walked {
    Files(Vec<Entry>),
    Skipped(Vec<Skipped>),
}

/// How far the walk has come, shared by the walker with the readers.
#[derive(Default)]
struct WalkProgress {
    found: AtomicUsize,
    done: AtomicBool,
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
    fn emit(&mut self, mut articles: Vec<Article>, skipped: Vec<Skipped>) -> ControlFlow<()> {
        for a in &mut articles {
            a.id = self.next_id;
            self.next_id += 1;
        }
        if let Some(w) = self.walk {
            self.progress.files_total = w.found.load(Ordering::Relaxed);
            self.progress.walking = !w.done.load(Ordering::Relaxed);
        }
        (self.sink)(Batch {
            articles,
            skipped,
            progress: self.progress,
        })
    }

    /// Reads whole files in parallel, and streams each JSON Lines file.
    fn read(&mut self, entries: Vec<Entry>) -> ControlFlow<()> {
        let mut i = 0;
        while i < entries.len() {
            if entries[i].kind == FileKind::JsonLines {
                self.progress.files_done += 1;
                let entry = &entries[i];
                i += 1;
                let opts = self.opts;
                read_json_lines(entry, opts, |articles, skipped| {
                    self.emit(articles, skipped)
                })?;
                continue;
            }
            let end = entries[i..]
                .iter()
                .position(|e| e.kind == FileKind::JsonLines)
                .map_or(entries.len(), |p| i + p);
            let opts = self.opts;
            let results: Vec<Result<Loaded, Skipped>> = entries[i..end]
                .par_iter()
                .map(|e| read_file(e, opts))
                .collect();
            self.progress.files_done += end - i;
            i = end;
            let mut articles = Vec::new();
            let mut skipped = Vec::new();
            for r in results {
                match r {
                    Ok(mut l) => {
                        articles.append(&mut l.articles);
                        skipped.append(&mut l.skipped);
                    }
                    Err(s) => skipped.push(s),
                }
            }
            self.emit(articles, skipped)?;
        }
        ControlFlow::Continue(())
    }
}

/// Walks the folder in sorted order, following symbolic links but never around a
/// loop, sending files in batches as it finds them. Returns how many files it
/// ignored for their extension; stops early when the receiver is gone.
fn scan(root: &Path, tx: std::sync::mpsc::SyncSender<Walked>, progress: &WalkProgress) -> usize {
    let mut batch = Vec::with_capacity(FILES_PER_BATCH);
    let mut ignored = 0usize;
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    for item in walker {
        let skip = match item {
            Ok(e) => {
                let ft = e.file_type();
                if ft.is_dir() {
                    continue;
                }
                let Some(kind) = FileKind::of(e.path()) else {
                    ignored += 1;
                    continue;
                };
                let rel = relative(root, e.path());
                if ft.is_file() {
                    progress.found.fetch_add(1, Ordering::Relaxed);
                    batch.push(Entry {
                        abs: e.into_path(),
                        rel,
                        kind,
                    });
                    if batch.len() == FILES_PER_BATCH {
                        let full =
                            std::mem::replace(&mut batch, Vec::with_capacity(FILES_PER_BATCH));
                        if tx.send(Walked::Files(full)).is_err() {
                            return ignored;
                        }
                    }
                    continue;
                }
                Skipped {
                    path: rel,
                    reason: SkipReason::NotRegular,
                }
            }
            Err(err) => walk_error(root, &err),
        };
        if tx.send(Walked::Skipped(vec![skip])).is_err() {
            return ignored;
        }
    }
    progress.done.store(true, Ordering::Relaxed);
    if !batch.is_empty() {
        let _ = tx.send(Walked::Files(batch));
    }
    ignored
}

fn walk_error(root: &Path, err: &walkdir::Error) -> Skipped {
    let path = err
        .path()
        .map(|p| relative(root, p))
        .unwrap_or_else(|| ".".to_string());
    let reason = if err.loop_ancestor().is_some() {
        SkipReason::SymlinkLoop
    } else {
        match err.io_error().map(|e| e.kind()) {
            Some(std::io::ErrorKind::PermissionDenied) => SkipReason::PermissionDenied,
            Some(std::io::ErrorKind::NotFound) => {
                SkipReason::Unreadable("a broken symbolic link".to_string())
            }
            _ => SkipReason::Unreadable(
                err.io_error()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| err.to_string()),
            ),
        }
    };
    Skipped { path, reason }
}

/// `path` relative to `root`, with `/` separators, lossily decoded.
fn relative(root: &Path, path: &Path) -> String {
    // Walked paths start with the root exactly, so slicing is enough.
    let whole = path.as_os_str().as_encoded_bytes();
    let head = root.as_os_str().as_encoded_bytes();
    let rel = match whole.strip_prefix(head) {
        Some(rest) => rest
            .strip_prefix(b"/")
            .or_else(|| rest.strip_prefix(b"\\"))
            .unwrap_or(rest),
        None => whole,
    };
    if rel.is_empty() {
        return path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ".".into());
    }
    let s = String::from_utf8_lossy(rel);
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

fn io_reason(e: &std::io::Error) -> SkipReason {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => SkipReason::PermissionDenied,
        _ => SkipReason::Unreadable(e.to_string()),
    }
}

/// Opens for reading only; never blocks on a FIFO that slipped past the walk.
fn open(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

fn open_checked(
    entry: &Entry,
    opts: &LoadOptions,
    limit: bool,
) -> Result<(File, Metadata), Skipped> {
    let skip = |reason| Skipped {
        path: entry.rel.clone(),
        reason,
    };
    let file = open(&entry.abs).map_err(|e| skip(io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| skip(io_reason(&e)))?;
    if !meta.is_file() {
        return Err(skip(SkipReason::NotRegular));
    }
    if limit && meta.len() > opts.max_file_bytes {
        return Err(skip(SkipReason::TooLarge {
            bytes: meta.len(),
            limit: opts.max_file_bytes,
        }));
    }
    Ok((file, meta))
}

fn read_bytes(entry: &Entry, opts: &LoadOptions) -> Result<(Vec<u8>, Option<SystemTime>), Skipped> {
    let (file, meta) = open_checked(entry, opts, true)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(opts.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Skipped {
            path: entry.rel.clone(),
            reason: io_reason(&e),
        })?;
    if bytes.len() as u64 > opts.max_file_bytes {
        return Err(Skipped {
            path: entry.rel.clone(),
            reason: SkipReason::TooLarge {
                bytes: bytes.len() as u64,
                limit: opts.max_file_bytes,
            },
        });
    }
    Ok((bytes, meta.modified().ok()))
}

/// What one file gave: its articles, and records in it that were skipped.
#[derive(Default)]
struct Loaded {
    articles: Vec<Article>,
    skipped: Vec<Skipped>,
}

fn read_file(entry: &Entry, opts: &LoadOptions) -> Result<Loaded, Skipped> {
    let (bytes, mtime) = read_bytes(entry, opts)?;
    parse_file(&entry.rel, entry.kind, &bytes, mtime)
}

/// Parses the bytes of one whole article file (not JSON Lines).
fn parse_file(
    rel: &str,
    kind: FileKind,
    bytes: &[u8],
    mtime: Option<SystemTime>,
) -> Result<Loaded, Skipped> {
    let skip = |reason| Skipped {
        path: rel.to_string(),
        reason,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(skip(SkipReason::Empty));
    }
    let (text, encoding) = decode::decode(bytes).map_err(|_| skip(SkipReason::Binary))?;
    match kind {
        FileKind::Text | FileKind::Markdown => {
            let file_name = rel.rsplit('/').next().unwrap_or(rel);
            let (meta, body) = frontmatter::split(&text);
            let parsed = article::parse(body, &meta, file_name, TitleRule::FrontMatter);
            if parsed.paragraphs.is_empty() && parsed.title_rule == TitleRule::FileName {
                return Err(skip(SkipReason::Empty));
            }
            Ok(Loaded {
                articles: vec![build(parsed, &meta, rel.to_string(), encoding, mtime)],
                skipped: Vec::new(),
            })
        }
        FileKind::Json => read_json(rel, &text, encoding, mtime),
        FileKind::JsonLines => {
            let mut out = Loaded::default();
            for (i, line) in text.lines().enumerate() {
                match json_line(rel, i + 1, line.as_bytes(), mtime) {
                    Ok(Some(a)) => out.articles.push(a),
                    Ok(None) => {}
                    Err(s) => out.skipped.push(s),
                }
            }
            Ok(out)
        }
    }
}

/// Loads articles from files held in memory (the embedded demo corpus), as if they
/// were a folder: same parsing, same ids in path order. With no file times, only
/// articles whose metadata gives a date have one.
pub fn load_memory<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> (Vec<Article>, Vec<Skipped>) {
    let mut files: Vec<(&str, &[u8])> = files.into_iter().collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    let mut articles = Vec::new();
    let mut skipped = Vec::new();
    for (rel, bytes) in files {
        let Some(kind) = FileKind::of(Path::new(rel)) else {
            continue;
        };
        match parse_file(rel, kind, bytes, None) {
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

fn read_json(
    rel: &str,
    text: &str,
    encoding: Encoding,
    mtime: Option<SystemTime>,
) -> Result<Loaded, Skipped> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Skipped {
        path: rel.to_string(),
        reason: SkipReason::InvalidJson {
            line: e.line(),
            column: e.column(),
            message: json_message(&e),
        },
    })?;
    match value {
        serde_json::Value::Array(items) => {
            let mut out = Loaded::default();
            for (n, item) in items.iter().enumerate() {
                let path = format!("{}#{}", rel, n + 1);
                match record(item, path, n + 1, encoding, mtime) {
                    Ok(a) => out.articles.push(a),
                    Err(reason) => out.skipped.push(Skipped {
                        path: rel.to_string(),
                        reason,
                    }),
                }
            }
            if items.is_empty() {
                out.skipped.push(Skipped {
                    path: rel.to_string(),
                    reason: SkipReason::Empty,
                });
            }
            Ok(out)
        }
        other => record(&other, rel.to_string(), 1, encoding, mtime)
            .map(|a| Loaded {
                articles: vec![a],
                skipped: Vec::new(),
            })
            .map_err(|reason| Skipped {
                path: rel.to_string(),
                reason,
            }),
    }
}

fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Field names that hold an article's body in JSON records.
const BODY_FIELDS: &[&str] = &["body", "text", "content"];

fn json_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(json_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

/// Builds an article from one JSON record (`title`, `body`/`text`/`content`, `source`,
/// `date`, `url`, `author`; other fields ignored).
fn record(
    value: &serde_json::Value,
    path: String,
    at: usize,
    encoding: Encoding,
    mtime: Option<SystemTime>,
) -> Result<Article, SkipReason> {
    let obj = value.as_object().ok_or_else(|| SkipReason::NotARecord {
        at,
        what: "not a JSON object; records need a \"title\" or \"body\" field".to_string(),
    })?;
    let mut meta = Meta::default();
    for key in [
        "title",
        "headline",
        "source",
        "publisher",
        "url",
        "link",
        "author",
        "authors",
        "byline",
    ] {
        if let Some(v) = obj.get(key).and_then(json_text) {
            meta.set(key, v);
        }
    }
    for key in ["date", "published", "published_at", "pubdate"] {
        if let Some(v) = obj.get(key) {
            let s = match v {
                serde_json::Value::Number(n) => {
                    n.as_i64().and_then(date::from_unix).map(|d| d.to_string())
                }
                other => json_text(other),
            };
            if let Some(s) = s {
                meta.set("date", s);
            }
        }
    }
    let body = BODY_FIELDS
        .iter()
        .find_map(|k| obj.get(*k).and_then(|v| v.as_str()))
        .map(decode::clean)
        .unwrap_or_default();
    if meta.title.is_none() && body.trim().is_empty() {
        return Err(SkipReason::NotARecord {
            at,
            what: "has neither a \"title\" nor a \"body\" (or \"text\", \"content\") field"
                .to_string(),
        });
    }
    let name = path.rsplit('/').next().unwrap_or(&path).to_string();
    let parsed = article::parse(&body, &meta, &name, TitleRule::Record);
    Ok(build(parsed, &meta, path, encoding, mtime))
}

/// Reads a JSON Lines file in bounded chunks of lines, parsing each chunk in parallel.
fn read_json_lines(
    entry: &Entry,
    opts: &LoadOptions,
    mut emit: impl FnMut(Vec<Article>, Vec<Skipped>) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let (file, meta) = match open_checked(entry, opts, false) {
        Ok(x) => x,
        Err(s) => return emit(Vec::new(), vec![s]),
    };
    let mtime = meta.modified().ok();
    let mut reader = BoundedLines::new(
        BufReader::with_capacity(256 * 1024, file),
        opts.max_file_bytes,
    );
    let mut any = false;
    loop {
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(LINES_PER_BATCH);
        let mut skipped = Vec::new();
        let mut eof = false;
        while chunk.len() < LINES_PER_BATCH {
            match reader.next_line() {
                Ok(Some(Line::Text(n, bytes))) => chunk.push((n, bytes)),
                Ok(Some(Line::TooLong(n))) => skipped.push(Skipped {
                    path: entry.rel.clone(),
                    reason: SkipReason::LineTooLong {
                        line: n,
                        limit: opts.max_file_bytes,
                    },
                }),
                Ok(None) => {
                    eof = true;
                    break;
                }
                Err(e) => {
                    skipped.push(Skipped {
                        path: entry.rel.clone(),
                        reason: io_reason(&e),
                    });
                    eof = true;
                    break;
                }
            }
        }
        let results: Vec<Result<Option<Article>, Skipped>> = chunk
            .par_iter()
            .map(|(n, bytes)| json_line(&entry.rel, *n, bytes, mtime))
            .collect();
        let mut articles = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(Some(a)) => articles.push(a),
                Ok(None) => {}
                Err(s) => skipped.push(s),
            }
        }
        any |= !articles.is_empty();
        if eof && !any && skipped.is_empty() {
            skipped.push(Skipped {
                path: entry.rel.clone(),
                reason: SkipReason::Empty,
            });
        }
        if (!articles.is_empty() || !skipped.is_empty()) && emit(articles, skipped).is_break() {
            return ControlFlow::Break(());
        }
        if eof {
            return ControlFlow::Continue(());
        }
    }
}

fn json_line(
    rel: &str,
    n: usize,
    bytes: &[u8],
    mtime: Option<SystemTime>,
) -> Result<Option<Article>, Skipped> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let skip = |reason| Skipped {
        path: rel.to_string(),
        reason,
    };
    let text = String::from_utf8_lossy(bytes);
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        skip(SkipReason::InvalidJson {
            line: n,
            column: e.column(),
            message: json_message(&e),
        })
    })?;
    record(&value, format!("{}#{n}", rel), n, Encoding::Utf8, mtime)
        .map(Some)
        .map_err(skip)
}

enum Line {
    Text(usize, Vec<u8>),
    TooLong(usize),
}

/// A line reader that never holds more than `limit` bytes of one line in memory.
struct BoundedLines<R> {
    inner: R,
    limit: u64,
    line_no: usize,
}

impl<R: BufRead> BoundedLines<R> {
    fn new(inner: R, limit: u64) -> Self {
        BoundedLines {
            inner,
            limit,
            line_no: 0,
        }
    }

    fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        let mut line = Vec::new();
        let mut too_long = false;
        let mut saw_any = false;
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                if !saw_any {
                    return Ok(None);
                }
                break;
            }
            saw_any = true;
            let (take, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            if !too_long {
                if (line.len() + take) as u64 > self.limit {
                    too_long = true;
                    line = Vec::new();
                } else {
                    line.extend_from_slice(&buf[..take]);
                }
            }
            self.inner.consume(if done { take + 1 } else { take });
            if done {
                break;
            }
        }
        self.line_no += 1;
        if too_long {
            Ok(Some(Line::TooLong(self.line_no)))
        } else {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            Ok(Some(Line::Text(self.line_no, line)))
        }
    }
}

/// Completes an article from parsed text and metadata; the id is set by the loader.
fn build(
    parsed: article::Parsed,
    meta: &Meta,
    path: String,
    encoding: Encoding,
    mtime: Option<SystemTime>,
) -> Article {
    let words = parsed.word_count();
    let (date, date_origin) = match meta.date.as_deref().and_then(date::parse) {
        Some(d) => (Some(d), DateOrigin::Metadata),
        None => match mtime.and_then(date::from_system_time) {
            Some(d) => (Some(d), DateOrigin::FileTime),
            None => (None, DateOrigin::None),
        },
    };
    let body = parsed.paragraphs.join("\n");
    // The first few thousand bytes tell the script as well as the whole text.
    let sample = &body[..body.floor_char_boundary(4096)];
    let script = Script::dominant([parsed.title.as_str(), sample]);
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(parsed.title.as_bytes());
    hasher.update(b"\n");
    hasher.update(body.as_bytes());
    let source = meta.source.clone().or(parsed.source);
    let author = meta.author.clone().or(parsed.author);
    Article {
        id: 0,
        path: path.into(),
        title: parsed.title.into(),
        title_rule: parsed.title_rule,
        dateline: parsed.dateline.map(Into::into),
        dateline_text: parsed.dateline_text.map(Into::into),
        source: source.map(Into::into),
        author: author.map(Into::into),
        url: meta.url.clone().map(Into::into),
        credit: parsed.credit.map(Into::into),
        body: body.into(),
        words,
        date,
        date_origin,
        encoding,
        script,
        content_hash: hasher.digest(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines_skip_long_ones() {
        let data = b"short\nthis line is too long\nok\r\nlast";
        let mut r = BoundedLines::new(&data[..], 10);
        let mut got = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            got.push(match l {
                Line::Text(n, b) => format!("{n}:{}", String::from_utf8(b).unwrap()),
                Line::TooLong(n) => format!("{n}:LONG"),
            });
        }
        assert_eq!(got, vec!["1:short", "2:LONG", "3:ok", "4:last"]);
    }
}
