//! Following a folder while it is read: files added, changed or removed are
//! noticed by the operating system (`notify`), gathered for a moment so that a
//! burst of thousands of files arrives as one batch, and read again into the
//! engine's [`Changes`], which the store takes in.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};
use rayon::prelude::*;

use copydesk_core::load::{self, FileKind, LoadOptions, Skipped};
use copydesk_core::store::Changes;

/// Changes are read once the folder has been quiet this long, so that a copy of
/// many files arrives as one batch.
pub const SETTLE: Duration = Duration::from_millis(300);

/// A folder that never goes quiet is read at least this often.
pub const MAX_WAIT: Duration = Duration::from_secs(5);

/// Why the folder cannot be followed.
#[derive(Debug, thiserror::Error)]
#[error("not following changes in {path}: {reason}")]
pub struct WatchError {
    /// The folder.
    pub path: PathBuf,
    /// What the system said.
    pub reason: String,
}

/// A folder being followed; dropping it stops.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

impl Watch {
    /// Follows `root`. `noticed(n)` says how many changed paths are gathered so
    /// far (while a burst goes on, and once more before they are read);
    /// `changed` gets what they hold now. Both run on the watch's own thread.
    pub fn start(
        root: &Path,
        opts: LoadOptions,
        noticed: impl Fn(usize) + Send + 'static,
        changed: impl Fn(Changes) + Send + 'static,
    ) -> Result<Watch, WatchError> {
        let fail = |e: &dyn std::fmt::Display| WatchError {
            path: root.to_path_buf(),
            reason: e.to_string(),
        };
        let base = root.canonicalize().map_err(|e| fail(&e))?;
        let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            match res {
                Ok(event) if !event.kind.is_access() => {
                    tracing::debug!(kind = ?event.kind, paths = ?event.paths, "folder event");
                    if event.need_rescan() {
                        tracing::warn!(
                            "the system lost events and asks for a rescan; the changed paths it names are read again"
                        );
                    }
                    let _ = tx.send(event.paths);
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, paths = ?e.paths, "watch error"),
            }
        })
        .map_err(|e| fail(&e))?;
        // A single file is followed through its folder, so that a save that
        // renames a new file over it (as many editors do) is seen too.
        let (target, mode) = match base.parent() {
            Some(folder) if base.is_file() => (folder.to_path_buf(), RecursiveMode::NonRecursive),
            _ => (base.clone(), RecursiveMode::Recursive),
        };
        watcher.watch(&target, mode).map_err(|e| fail(&e))?;
        tracing::info!(folder = %target.display(), recursive = mode == RecursiveMode::Recursive, "following the folder");
        std::thread::spawn(move || {
            // Ends when the watcher is dropped and the channel closes.
            while let Ok(first) = rx.recv() {
                let began = Instant::now();
                // One path changes several times in a burst (created, written, closed).
                let mut paths: std::collections::HashSet<PathBuf> = first.into_iter().collect();
                let mut last_said = 0;
                loop {
                    let left = MAX_WAIT.saturating_sub(began.elapsed());
                    match rx.recv_timeout(SETTLE.min(left)) {
                        Ok(more) => {
                            paths.extend(more);
                            // Say how the burst grows, not on every file.
                            if paths.len() >= last_said + 500 {
                                last_said = paths.len();
                                noticed(paths.len());
                            }
                            if left.is_zero() {
                                break;
                            }
                        }
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                let gathered = paths.len();
                let touched = relevant(&base, paths.into_iter().collect());
                tracing::debug!(
                    gathered,
                    relevant = touched.len(),
                    waited_ms = began.elapsed().as_millis() as u64,
                    "burst of changes over"
                );
                if touched.is_empty() {
                    continue;
                }
                noticed(touched.len());
                let reading = Instant::now();
                let changes = read(&base, touched, &opts);
                tracing::info!(
                    paths = changes.touched.len(),
                    articles = changes.articles.len(),
                    skipped = changes.skipped.len(),
                    elapsed_ms = reading.elapsed().as_millis() as u64,
                    "changed paths read again"
                );
                changed(changes);
            }
        });
        Ok(Watch { _watcher: watcher })
    }
}

/// The changed paths worth reading again, relative to `root`: article files
/// and folders, never hidden ones, each once, a path inside another dropped.
pub fn relevant(root: &Path, paths: Vec<PathBuf>) -> Vec<String> {
    let root_is_file = root.is_file();
    let mut out: Vec<String> = paths
        .into_iter()
        .filter_map(|p| {
            if root_is_file {
                return (p == root).then(|| {
                    root.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                });
            }
            let rel = p.strip_prefix(root).ok()?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.is_empty() || rel.split('/').any(|c| c.starts_with('.')) {
                return None;
            }
            // A file of another kind is not an article; a folder (or a path that
            // is gone, which may have been either) may hold some.
            if p.is_file() && FileKind::of(&p).is_none() {
                return None;
            }
            Some(rel)
        })
        .collect();
    out.sort();
    out.dedup();
    // `a/b.txt` is read with `a` anyway.
    let mut kept: Vec<String> = Vec::with_capacity(out.len());
    for p in out {
        if kept.last().is_some_and(|k| p.starts_with(&format!("{k}/"))) {
            continue;
        }
        kept.push(p);
    }
    kept
}

/// Reads what `touched` (relative paths) holds now.
pub fn read(root: &Path, touched: Vec<String>, opts: &LoadOptions) -> Changes {
    let root_is_file = root.is_file();
    let results: Vec<Changes> = touched
        .par_iter()
        .map(|rel| {
            let abs = if root_is_file {
                root.to_path_buf()
            } else {
                root.join(rel)
            };
            // The loader names what it reads relative to where it started.
            let prefix = match rel.rsplit_once('/') {
                _ if abs.is_dir() => format!("{rel}/"),
                Some((dir, _)) => format!("{dir}/"),
                None => String::new(),
            };
            let mut read = Changes::default();
            if !abs.exists() || (!abs.is_dir() && FileKind::of(&abs).is_none()) {
                return read;
            }
            let result = load::load(&abs, opts, |batch| {
                read.articles.extend(batch.articles);
                read.skipped.extend(batch.skipped);
                read.warnings.extend(batch.warnings);
                std::ops::ControlFlow::Continue(())
            });
            if let Err(e) = result {
                tracing::warn!(path = %rel, error = %e, "changed path could not be read");
                let reason = match e {
                    load::LoadError::Unloadable { reason, .. } => reason,
                    // Gone between the event and the read: nothing to say.
                    load::LoadError::NotFound(_) => return Changes::default(),
                    other => load::SkipReason::Unreadable(other.to_string()),
                };
                return Changes {
                    skipped: vec![Skipped {
                        path: rel.clone(),
                        reason,
                    }],
                    ..Changes::default()
                };
            }
            for a in &mut read.articles {
                a.location.file = format!("{prefix}{}", a.location.file).into();
            }
            for s in &mut read.skipped {
                s.path = format!("{prefix}{}", s.path);
            }
            for w in &mut read.warnings {
                w.path = format!("{prefix}{}", w.path);
            }
            read
        })
        .collect();
    let mut changes = Changes {
        touched,
        ..Changes::default()
    };
    for read in results {
        changes.articles.extend(read.articles);
        changes.skipped.extend(read.skipped);
        changes.warnings.extend(read.warnings);
    }
    changes
}
