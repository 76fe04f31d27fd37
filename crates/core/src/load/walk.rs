//! Walking a folder in path order, in a thread of its own, following symbolic links
//! but never around a loop, and handing the files it finds to the readers.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{LoadError, SkipReason, Skipped};
use crate::formats::FileKind;

/// What a loaded root is: a folder to walk, or one article file.
pub(crate) enum Root {
    /// A folder.
    Folder,
    /// One file, as the only entry.
    File(Entry),
}

/// Looks at the root of a load: a folder, or a file of a kind that holds
/// articles; else the error that says which.
pub(crate) fn root(root: &Path) -> Result<Root, LoadError> {
    let meta = std::fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(root.to_path_buf()),
        _ => LoadError::Unreadable(root.to_path_buf(), e.to_string()),
    })?;
    if meta.is_dir() {
        return Ok(Root::Folder);
    }
    let kind = FileKind::of(root).ok_or_else(|| LoadError::NotAnArticle(root.to_path_buf()))?;
    let rel = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Root::File(Entry {
        abs: root.to_path_buf(),
        rel,
        kind,
    }))
}

/// Files handed to the readers per batch; small enough to keep progress smooth.
const FILES_PER_BATCH: usize = 512;

/// A file to read.
pub(crate) struct Entry {
    /// Where it is.
    pub(crate) abs: PathBuf,
    /// Where it is, relative to the loaded folder.
    pub(crate) rel: String,
    /// What it holds.
    pub(crate) kind: FileKind,
}

/// What the walker sends to the readers, in path order.
pub(crate) enum Walked {
    Files(Vec<Entry>),
    Skipped(Vec<Skipped>),
}

/// How far the walk has come, shared by the walker with the readers.
#[derive(Default)]
pub(crate) struct WalkProgress {
    pub(crate) found: AtomicUsize,
    pub(crate) done: AtomicBool,
}

/// Walks the folder in sorted order, following symbolic links but never around a
/// loop, sending files in batches as it finds them. Returns how many files it
/// ignored for their extension; stops early when the receiver is gone.
pub(crate) fn scan(
    root: &Path,
    tx: std::sync::mpsc::SyncSender<Walked>,
    progress: &WalkProgress,
) -> usize {
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
pub(crate) fn relative(root: &Path, path: &Path) -> String {
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
