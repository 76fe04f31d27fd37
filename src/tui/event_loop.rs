//! The reader's one loop. The input thread, the loader, the folder watcher and
//! the background workers all send events into one channel; the loop starts the
//! jobs the app asked for, draws, takes the next events, hands them to the app,
//! and takes in changes to the folder. Nothing else draws, and nothing blocks it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use std::io::IsTerminal as _;

use copydesk_core::columns::Columns;
use copydesk_core::lazy::LazyStore;
use copydesk_core::load::{self, Batch, ColumnHow, LoadError, Progress};
use copydesk_core::search::SearchIndex;
use copydesk_core::state::Marks;
use copydesk_core::store::Store;

use super::app::App;
use super::event::{Event, Outside, RowsRead};
use super::input::{self, InputGate};
use super::layout::Areas;
use super::programs;
use super::screen;
use super::tty::{self, Signal};
use super::workers::Workers;
use crate::config::Config;
use crate::watch::{Watch, WatchError};

/// Events taken in one go before the screen is drawn again, so that a flood of
/// loader batches leaves the screen live.
const BATCH: usize = 64;

/// The search history's file in the data folder: one query a line, newest last.
const HISTORY: &str = "search-history";

/// What to read.
#[derive(Clone, Debug)]
pub enum Source {
    /// A folder (or a single article file).
    Dir(PathBuf),
    /// The corpus built into the binary.
    Demo,
}

/// Why the reader could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The folder could not be opened.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Terminal(#[from] std::io::Error),
    /// Standard input or output is not a terminal.
    #[error(
        "the reader needs a terminal, and standard {0} is not one; `copydesk list DIR` and `copydesk search DIR QUERY` print articles without one"
    )]
    NoTerminal(&'static str),
}

/// How the reader ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A signal ended it: exit with this code (128 + the signal's number).
    Signal(u8),
}

/// The store to start from: the demo corpus, loaded, or an empty store for a
/// folder that is then loaded in the background. A folder that cannot be read
/// is refused before the screen changes, so that the message shows.
fn starting_store(source: &Source) -> Result<(Store, bool), LoadError> {
    match source {
        Source::Demo => Ok((crate::demo::store(), false)),
        Source::Dir(root) => {
            let meta = std::fs::metadata(root).map_err(|_| LoadError::NotFound(root.clone()))?;
            if !meta.is_dir() && load::FileKind::of(root).is_none() {
                return Err(LoadError::NotAnArticle(root.clone()));
            }
            Ok((Store::new(root), true))
        }
    }
}

/// The data folder marks and the search history go to, unless there is none or
/// it is inside the article folder (nothing is ever written there).
fn data_folder(source: &Source) -> Option<PathBuf> {
    let dir = Marks::default_dir()?;
    if let Source::Dir(root) = source {
        let folder = if root.is_file() {
            root.parent().unwrap_or(root)
        } else {
            root
        };
        if copydesk_core::state::inside(&dir, folder) {
            return None;
        }
    }
    Some(dir)
}

/// The marks database in the data folder; in memory only, with a warning to show,
/// when there is no data folder, when it is inside the folder being read (marks are
/// never written into an article folder), or when the database cannot be used.
fn open_marks(source: &Source) -> (Marks, Option<String>) {
    let Some(dir) = Marks::default_dir() else {
        return (
            Marks::in_memory(),
            Some(
                "no data folder (set COPYDESK_DATA_DIR): marks are kept until copydesk ends"
                    .to_string(),
            ),
        );
    };
    if let Source::Dir(root) = source {
        let folder = if root.is_file() {
            root.parent().unwrap_or(root)
        } else {
            root
        };
        if copydesk_core::state::inside(&dir, folder) {
            return (
                Marks::in_memory(),
                Some(format!(
                    "the data folder {} is inside the article folder: marks are kept until copydesk ends; set COPYDESK_DATA_DIR elsewhere",
                    dir.display()
                )),
            );
        }
    }
    Marks::open(&dir.join(copydesk_core::state::DATABASE))
}

/// An event that takes this long to handle is logged.
const SLOW_EVENT: Duration = Duration::from_millis(16);

/// How often the loader hands the rows it has read so far to the list.
const ROWS_EVERY: Duration = Duration::from_millis(150);

/// Lists `root` on a thread of its own, its rows handed to the loop as they are
/// read, then the whole listing.
fn spawn_loader(root: &Path, config: &Config, tx: &Sender<Event>, cancel: &Arc<AtomicBool>) {
    let root = root.to_path_buf();
    let tx = tx.clone();
    let cancel = Arc::clone(cancel);
    let opts = config.load_options();
    std::thread::spawn(move || {
        let progress = |files_done| {
            let batch = Batch {
                progress: Progress {
                    files_done,
                    files_total: 0,
                    walking: true,
                },
                ..Batch::default()
            };
            let _ = tx.send(Event::Outside(Outside::Loaded(batch)));
        };
        // The rows read so far go to the list now and then, so that a folder
        // that is slow to list fills the list as it goes.
        let shown = std::sync::Mutex::new((0usize, None::<Instant>));
        let unread = Arc::new(());
        let rows = |columns: &Columns, index: &SearchIndex| {
            let Ok(mut shown) = shown.lock() else {
                return;
            };
            let (sent, at) = &mut *shown;
            let due = at.is_none_or(|t| t.elapsed() >= ROWS_EVERY);
            // The last rows sent are taken in when the loop let go of them.
            let taken = Arc::strong_count(&unread) == 1;
            if !due || !taken || columns.len() <= *sent || cancel.load(Ordering::Relaxed) {
                return;
            }
            let chunk = columns.tail(*sent);
            // The load indexes the rows as it reads them (the blocks of a JSON
            // Lines file on every core).
            let index = if index.len() == columns.len() {
                index.tail(*sent)
            } else {
                SearchIndex::build_columns(&chunk)
            };
            *sent = columns.len();
            *at = Some(Instant::now());
            let read = RowsRead {
                index,
                rows: chunk,
                unread: Arc::clone(&unread),
            };
            let _ = tx.send(Event::Outside(Outside::Rows(Box::new(read))));
        };
        // The columns, for the list and the search; the texts are read behind
        // the list (see `Job::ReadTexts`).
        let started = Instant::now();
        let how = ColumnHow {
            progress: Some(&progress),
            rows: Some(&rows),
            index: true,
            ..ColumnHow::default()
        };
        let lazy = match LazyStore::open_with(&root, &opts, how) {
            Ok(lazy) => Arc::new(lazy),
            Err(e) => {
                let _ = tx.send(Event::Outside(Outside::LoadFailed(e.to_string())));
                return;
            }
        };
        tracing::info!(
            articles = lazy.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "listed"
        );
        if !cancel.load(Ordering::Relaxed) {
            let _ = tx.send(Event::Outside(Outside::Listed(lazy)));
        }
    });
}

/// Follows the folder for changes, feeding them into the loop.
fn follow(root: &Path, config: &Config, tx: &Sender<Event>) -> Result<Watch, WatchError> {
    let opts = config.load_options();
    let (reading_tx, changed_tx) = (tx.clone(), tx.clone());
    Watch::start_with(
        root,
        opts,
        config.watch,
        move |n| {
            let _ = reading_tx.send(Event::Outside(Outside::Reading(n)));
        },
        move |c| {
            let _ = changed_tx.send(Event::Outside(Outside::Changed(c)));
        },
    )
}

/// Runs the reader until the user quits or a signal ends it. The terminal is
/// restored on every way out: a normal quit, an error, a signal or a panic.
pub fn run(source: Source, config: Config) -> Result<Ended, TuiError> {
    let (store, loading) = starting_store(&source)?;
    if !std::io::stdin().is_terminal() {
        return Err(TuiError::NoTerminal("input"));
    }
    if !std::io::stdout().is_terminal() {
        return Err(TuiError::NoTerminal("output"));
    }
    let (tx, rx): (Sender<Event>, Receiver<Event>) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    if let Source::Dir(root) = &source {
        spawn_loader(root, &config, &tx, &cancel);
    }
    let (marks, warning) = open_marks(&source);
    let mouse = config.mouse;
    // What finding versions keeps for the next changes grows with the folder:
    // kept only when the folder is followed.
    let follows = config.live && matches!(source, Source::Dir(_));
    let workers = Workers::start(&tx, config.dedup.clone(), follows, config.clusters.clone());
    let mut app = App::new(store, config, marks, loading);
    if let Some(dir) = data_folder(&source) {
        app.prompt.keep_history(dir.join(HISTORY));
    }
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    app.warning = warning;

    // A panic gives the terminal back before its message is printed.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tty::leave(mouse);
        previous(info);
    }));
    #[cfg(unix)]
    let signals = tty::Signals::listen(tx.clone(), mouse)?;
    let entered = tty::enter(mouse).and_then(|()| {
        ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
    });
    let mut terminal = match entered {
        Ok(t) => t,
        Err(e) => {
            tty::leave(mouse);
            return Err(e.into());
        }
    };
    let gate = Arc::new(InputGate::default());
    let input_gate = Arc::clone(&gate);
    let input_tx = tx.clone();
    std::thread::spawn(move || input::read_input(&input_gate, &input_tx));

    let mut event_loop = Loop {
        source: &source,
        tx: &tx,
        rx: &rx,
        workers: &workers,
        gate: &gate,
        mouse,
    };
    let result = event_loop.run(&mut app, &mut terminal);
    app.remember_position();

    cancel.store(true, Ordering::Relaxed);
    tty::leave(mouse);
    #[cfg(unix)]
    drop(signals);
    result
}

/// What the loop is connected to.
struct Loop<'a> {
    source: &'a Source,
    tx: &'a Sender<Event>,
    rx: &'a Receiver<Event>,
    workers: &'a Workers,
    gate: &'a InputGate,
    mouse: bool,
}

impl Loop<'_> {
    /// The loop itself, until the user quits or every sender is gone.
    fn run(
        &mut self,
        app: &mut App,
        terminal: &mut ratatui::DefaultTerminal,
    ) -> Result<Ended, TuiError> {
        let mut areas = Areas::default();
        let mut watch: Option<Watch> = None;
        loop {
            for job in app.take_jobs() {
                self.workers.run(job, &app.library);
            }
            // The app lays itself out for the screen as it is now, before the
            // frame reads that layout.
            let size = terminal.size()?;
            if app.layout().is_none_or(|l| l.area.as_size() != size) {
                app.resize(size.width, size.height);
            }
            if app.take_suspend() {
                self.stop(terminal);
            }
            if app.take_redraw() {
                programs::repaint(terminal);
            }
            terminal.draw(|f| areas = screen::draw(f, app))?;
            let Ok(first) = self.rx.recv() else { break };
            let mut pending = vec![first];
            while pending.len() < BATCH
                && let Ok(more) = self.rx.try_recv()
            {
                pending.push(more);
            }
            for ev in pending {
                let took = Instant::now();
                let what = ev.name();
                match ev {
                    Event::Term(t) => {
                        input::handle(app, t, &areas);
                        programs::run_external(app, terminal, self.gate, self.mouse);
                    }
                    Event::Outside(o) => {
                        let done = matches!(o, Outside::LoadDone(_) | Outside::TextsRead(_));
                        app.outside(o);
                        if done {
                            watch = self.start_watch(app);
                        }
                    }
                    Event::Signal(Signal::End(code)) => return Ok(Ended::Signal(code)),
                    Event::Signal(Signal::Stop) => self.stop(terminal),
                    Event::Signal(Signal::Continued) => self.resume(terminal),
                }
                let took = took.elapsed();
                if took >= SLOW_EVENT {
                    tracing::debug!(event = what, ms = took.as_millis() as u64, "slow event");
                }
                if app.quit() {
                    return Ok(Ended::Quit);
                }
            }
            app.apply_live_changes();
        }
        drop(watch);
        Ok(Ended::Quit)
    }

    /// Gives the terminal back and stops, as `ctrl-z` does in a shell; takes the
    /// terminal again when continued (`fg`). Elsewhere than on Unix there is no
    /// stopping, and this does nothing.
    fn stop(&self, terminal: &mut ratatui::DefaultTerminal) {
        #[cfg(unix)]
        {
            tty::leave(self.mouse);
            tty::stop();
            self.resume(terminal);
        }
        #[cfg(not(unix))]
        let _ = terminal;
    }

    /// Takes the terminal again after a stop and draws the whole screen.
    fn resume(&self, terminal: &mut ratatui::DefaultTerminal) {
        let _ = tty::enter(self.mouse);
        let _ = terminal.hide_cursor();
        programs::repaint(terminal);
    }

    /// Once the folder is loaded, follows it (unless `live` is off).
    fn start_watch(&self, app: &mut App) -> Option<Watch> {
        let Source::Dir(root) = self.source else {
            return None;
        };
        if !app.config.live {
            return None;
        }
        match follow(root, &app.config, self.tx) {
            Ok(w) => Some(w),
            Err(e) => {
                app.message = Some(e.to_string());
                None
            }
        }
    }
}
