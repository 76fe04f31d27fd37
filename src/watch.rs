//! Following a folder while it is read: files added, changed or removed are
//! noticed by the operating system (`notify`), gathered for a moment so that a
//! burst of thousands of files arrives as one batch, and read again into the
//! engine's [`Changes`], which the store takes in.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
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

/// How the folder is followed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Following {
    /// The operating system says what changed (inotify, FSEvents, ReadDirectoryChanges).
    #[default]
    Auto,
    /// The folder is looked at every [`POLL_EVERY`]: for network file systems,
    /// whose changes made elsewhere the operating system never hears of.
    Poll,
}

impl Following {
    /// The name the config file gives it.
    pub fn name(self) -> &'static str {
        match self {
            Following::Auto => "auto",
            Following::Poll => "poll",
        }
    }

    /// The way of following named `s` in the config file.
    pub fn from_name(s: &str) -> Option<Following> {
        [Following::Auto, Following::Poll]
            .into_iter()
            .find(|f| f.name() == s)
    }
}

/// How often a polled folder is looked at.
pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// What the watcher noticed.
enum Noticed {
    /// These paths changed.
    Paths(Vec<PathBuf>),
    /// Changes were lost (the system's queue overflowed, a watch failed or was
    /// lost): the whole folder is read again.
    Rescan,
}

/// A folder being followed; dropping it stops.
pub struct Watch {
    _watcher: Box<dyn notify::Watcher + Send>,
}

impl Watch {
    /// Follows `root` as the operating system reports changes; see [`Watch::start_with`].
    pub fn start(
        root: &Path,
        opts: LoadOptions,
        noticed: impl Fn(usize) + Send + 'static,
        changed: impl Fn(Changes) + Send + 'static,
    ) -> Result<Watch, WatchError> {
        Watch::start_with(root, opts, Following::Auto, noticed, changed)
    }

    /// Follows `root`. `noticed(n)` says how many changed paths are gathered so
    /// far (while a burst goes on, and once more before they are read);
    /// `changed` gets what they hold now. Both run on the watch's own thread.
    /// When changes were lost (an overflow, a watch error or a lost watch), the
    /// whole folder is read again and handed over as one change of the root, so
    /// that the store ends up equal to the folder whatever the burst.
    pub fn start_with(
        root: &Path,
        opts: LoadOptions,
        how: Following,
        noticed: impl Fn(usize) + Send + 'static,
        changed: impl Fn(Changes) + Send + 'static,
    ) -> Result<Watch, WatchError> {
        let fail = |e: &dyn std::fmt::Display| WatchError {
            path: root.to_path_buf(),
            reason: e.to_string(),
        };
        let base = root.canonicalize().map_err(|e| fail(&e))?;
        let (tx, rx) = std::sync::mpsc::channel::<Noticed>();
        let watched = base.clone();
        let handler = move |res: notify::Result<notify::Event>| {
            let sent = match res {
                Ok(event) if event.need_rescan() => {
                    tracing::warn!(
                        "the system lost events and asks for a rescan; the folder is read again"
                    );
                    tx.send(Noticed::Rescan)
                }
                // The folder itself went or moved: its watch is lost.
                Ok(event) if event.kind.is_remove() && event.paths.contains(&watched) => {
                    tracing::warn!("the watched folder went away; it is read again");
                    tx.send(Noticed::Rescan)
                }
                Ok(event) if !event.kind.is_access() => {
                    tracing::debug!(kind = ?event.kind, paths = ?event.paths, "folder event");
                    tx.send(Noticed::Paths(event.paths))
                }
                Ok(_) => Ok(()),
                Err(e) => {
                    tracing::warn!(error = %e, paths = ?e.paths, "watch error; the folder is read again");
                    tx.send(Noticed::Rescan)
                }
            };
            let _ = sent;
        };
        let mut watcher: Box<dyn notify::Watcher + Send> = match how {
            Following::Auto => {
                Box::new(notify::recommended_watcher(handler).map_err(|e| fail(&e))?)
            }
            Following::Poll => Box::new(
                notify::PollWatcher::new(
                    handler,
                    notify::Config::default().with_poll_interval(POLL_EVERY),
                )
                .map_err(|e| fail(&e))?,
            ),
        };
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
                let mut rescan = false;
                // One path changes several times in a burst (created, written, closed).
                let mut paths: std::collections::HashSet<PathBuf> =
                    std::collections::HashSet::new();
                let mut take = |n: Noticed, paths: &mut std::collections::HashSet<PathBuf>| match n
                {
                    Noticed::Paths(p) => paths.extend(p),
                    Noticed::Rescan => rescan = true,
                };
                take(first, &mut paths);
                let mut last_said = 0;
                loop {
                    let left = MAX_WAIT.saturating_sub(began.elapsed());
                    match rx.recv_timeout(SETTLE.min(left)) {
                        Ok(more) => {
                            take(more, &mut paths);
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
                if rescan {
                    noticed(paths.len().max(1));
                    let reading = Instant::now();
                    let changes = read_all(&base, &opts);
                    tracing::info!(
                        articles = changes.articles.len(),
                        skipped = changes.skipped.len(),
                        elapsed_ms = reading.elapsed().as_millis() as u64,
                        "whole folder read again"
                    );
                    changed(changes);
                    continue;
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

/// Everything `root` holds now, as one change of the whole folder (the touched
/// path `""`, which [`Changes`] takes for the root).
pub fn read_all(root: &Path, opts: &LoadOptions) -> Changes {
    if root.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return read(root, vec![name], opts);
    }
    let mut changes = Changes {
        touched: vec![String::new()],
        ..Changes::default()
    };
    let result = load::load(root, opts, |batch| {
        changes.articles.extend(batch.articles);
        changes.skipped.extend(batch.skipped);
        changes.warnings.extend(batch.warnings);
        std::ops::ControlFlow::Continue(())
    });
    if let Err(e) = result {
        // The folder itself is gone or unreadable: nothing is in it any more.
        changes.articles.clear();
        changes.skipped = vec![Skipped {
            path: ".".to_string(),
            reason: match e {
                load::LoadError::Unloadable { reason, .. } => reason,
                other => load::SkipReason::Unreadable(other.to_string()),
            },
        }];
    }
    changes
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

/// Folders reached through a symbolic link that leads back to one of their own
/// ancestors: the loader refuses them when it walks the whole folder, and the
/// watcher must too when it reads a part of it (which knows nothing of the
/// ancestors above that part).
struct Loops<'a> {
    root: &'a Path,
    /// Each folder's path as the file system resolves it; none when it cannot.
    real: std::collections::HashMap<String, Option<PathBuf>>,
}

impl<'a> Loops<'a> {
    fn new(root: &'a Path) -> Loops<'a> {
        Loops {
            root,
            real: std::collections::HashMap::new(),
        }
    }

    fn real(&mut self, dir: &str) -> Option<PathBuf> {
        let root = self.root;
        self.real
            .entry(dir.to_string())
            .or_insert_with(|| root.join(dir).canonicalize().ok())
            .clone()
    }

    /// The first folder on the way to `rel` (a relative path, itself included
    /// when `dir`) that is one of its own ancestors, if any.
    fn loop_on_the_way(&mut self, rel: &str, dir: bool) -> Option<String> {
        let mut seen = vec![self.real("")?];
        let ends = rel
            .match_indices('/')
            .map(|(i, _)| i)
            .chain(dir.then_some(rel.len()));
        for end in ends {
            let prefix = &rel[..end];
            let real = self.real(prefix)?;
            if seen.contains(&real) {
                return Some(prefix.to_string());
            }
            seen.push(real);
        }
        None
    }
}

/// Takes out of `changes` what was read through a symbolic link loop, and says
/// so once for each such link, as a walk of the whole folder does.
fn refuse_loops(root: &Path, changes: &mut Changes) {
    let mut loops = Loops::new(root);
    let mut found: Vec<String> = Vec::new();
    let mut keep = |path: &str, loops: &mut Loops| match loops.loop_on_the_way(path, false) {
        Some(at) => {
            if !found.contains(&at) {
                found.push(at);
            }
            false
        }
        None => true,
    };
    changes
        .articles
        .retain(|a| keep(&a.location.file, &mut loops));
    changes.skipped.retain(|s| keep(&s.path, &mut loops));
    changes.warnings.retain(|w| keep(&w.path, &mut loops));
    for path in found {
        changes.skipped.push(Skipped {
            path,
            reason: load::SkipReason::SymlinkLoop,
        });
    }
}

/// Reads what `touched` (relative paths) holds now. What a symbolic link loop
/// leads to is refused, as when the folder is loaded.
pub fn read(root: &Path, touched: Vec<String>, opts: &LoadOptions) -> Changes {
    if root.is_file() {
        return read_paths(root, touched, opts);
    }
    // A link back up is not read at all (it would read the folder again under
    // it); it stays touched, so that what it held before goes.
    let mut loops = Loops::new(root);
    let (looping, readable): (Vec<String>, Vec<String>) = touched
        .into_iter()
        .partition(|t| loops.loop_on_the_way(t, true).is_some());
    let mut changes = read_paths(root, readable, opts);
    refuse_loops(root, &mut changes);
    for t in looping {
        if let Some(at) = loops.loop_on_the_way(&t, true)
            && !changes.skipped.iter().any(|s| s.path == at)
        {
            changes.skipped.push(Skipped {
                path: at,
                reason: load::SkipReason::SymlinkLoop,
            });
        }
        changes.touched.push(t);
    }
    changes
}

fn read_paths(root: &Path, touched: Vec<String>, opts: &LoadOptions) -> Changes {
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
