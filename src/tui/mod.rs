//! The terminal reader: one event channel fed by the input thread, the loader, the
//! duplicate finder and the search worker; one loop that takes events, updates the
//! state and draws. Nothing else draws, and nothing blocks the loop.

pub mod app;
pub mod diff;
pub mod diff_view;
pub mod external;
pub mod list;
pub mod reader;
pub mod style;
pub mod ui;

use std::io::Write as _;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event as TermEvent, KeyCode, KeyEvent,
    KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen};

use crate::config::Config;
use crate::keys::{Chord, Key, Mods};
use crate::watch::{Watch, WatchError};
use copydesk_core::load::{self, LoadOptions};
use copydesk_core::search::{self, Hit, SearchIndex};
use copydesk_core::state::Marks;
use copydesk_core::store::Store;
use copydesk_core::versions::VersionFinder;

use app::{App, Focus, Job, Outside};
use diff::DiffState;
use external::External;
use ui::Areas;

/// What to read.
#[derive(Clone, Debug)]
pub enum Source {
    /// A folder (or a single article file).
    Dir(PathBuf),
    /// The corpus built into the binary.
    Demo,
}

/// Everything that reaches the event loop.
enum Event {
    Term(TermEvent),
    Outside(Outside),
}

/// Turns a terminal key press into a chord; key releases give nothing.
pub fn chord_of(k: &KeyEvent) -> Option<Chord> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let m = k.modifiers;
    let mut mods = Mods {
        ctrl: m.contains(KeyModifiers::CONTROL),
        alt: m.contains(KeyModifiers::ALT),
        shift: m.contains(KeyModifiers::SHIFT),
    };
    let key = match k.code {
        KeyCode::Char(c) => {
            // The character already says whether shift was held.
            mods.shift = false;
            let c = if mods.ctrl { c.to_ascii_lowercase() } else { c };
            Key::Char(c)
        }
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        // Some terminals send shift-tab as tab with shift rather than back-tab.
        KeyCode::Tab if !mods.shift => Key::Tab,
        KeyCode::Tab | KeyCode::BackTab => {
            mods.shift = false;
            Key::BackTab
        }
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Insert => Key::Insert,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    };
    Some(Chord { key, mods })
}

/// Lets the event loop take the terminal away from the input thread while
/// another program (an editor, a pager) runs on it.
#[derive(Default)]
struct InputGate {
    /// Set while the input thread must not read.
    paused: AtomicBool,
    /// Held by the input thread while it reads, and by the loop while paused.
    reading: Mutex<()>,
}

/// The input thread: terminal events into the loop's channel, never while paused.
fn read_input(gate: &InputGate, tx: &Sender<Event>) {
    loop {
        if gate.paused.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        let Ok(_held) = gate.reading.lock() else {
            return;
        };
        if gate.paused.load(Ordering::SeqCst) {
            continue;
        }
        match event::poll(Duration::from_millis(100)) {
            Ok(true) => match event::read() {
                Ok(ev) => {
                    if tx.send(Event::Term(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => return,
            },
            Ok(false) => {}
            Err(_) => return,
        }
    }
}

/// Does nothing: while another program has the terminal, ctrl-c is for it, and
/// a handler (unlike ignoring the signal) is not passed on to that program.
extern "C" fn ignore_signal(_: libc::c_int) {}

/// Runs what the user asked to hand to other programs.
fn run_external(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    gate: &InputGate,
    mouse: bool,
) {
    for job in app.take_external() {
        match job {
            External::Copy(text) => {
                let in_tmux = std::env::var_os("TMUX").is_some();
                let mut out = std::io::stdout();
                let _ = out.write_all(external::osc52(&text, in_tmux).as_bytes());
                let _ = out.flush();
            }
            External::Launch { argv } => {
                let started = Command::new(&argv[0])
                    .args(&argv[1..])
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn();
                match started {
                    // Reap it whenever it ends, so no zombie is left behind.
                    Ok(mut child) => {
                        std::thread::spawn(move || child.wait());
                    }
                    Err(e) => {
                        app.message = Some(format!(
                            "could not start {}: {e}; set open_command in the config",
                            argv[0]
                        ));
                    }
                }
            }
            External::Foreground { argv, stdin, what } => {
                gate.paused.store(true, Ordering::SeqCst);
                let held = gate.reading.lock();
                if mouse {
                    let _ = execute!(std::io::stdout(), DisableMouseCapture);
                }
                ratatui::restore();
                let handler =
                    ignore_signal as extern "C" fn(libc::c_int) as *const () as libc::sighandler_t;
                // SAFETY: installs a handler that does nothing; restored below.
                let previous = unsafe {
                    [
                        libc::signal(libc::SIGINT, handler),
                        libc::signal(libc::SIGQUIT, handler),
                    ]
                };
                let result = run_foreground(&argv, stdin);
                // SAFETY: puts back the handlers that were there before.
                unsafe {
                    libc::signal(libc::SIGINT, previous[0]);
                    libc::signal(libc::SIGQUIT, previous[1]);
                }
                let _ = ratatui::crossterm::terminal::enable_raw_mode();
                let _ = execute!(std::io::stdout(), EnterAlternateScreen);
                if mouse {
                    let _ = execute!(std::io::stdout(), EnableMouseCapture);
                }
                let _ = execute!(std::io::stdout(), Clear(ClearType::All));
                // Terminal::clear asks the terminal where the cursor is, which some
                // terminals never answer; a blank frame makes the next draw full.
                let _ = terminal.draw(|_| {});
                drop(held);
                gate.paused.store(false, Ordering::SeqCst);
                app.message = Some(match result {
                    Ok(status) if status.success() => format!("back from the {what}"),
                    Ok(status) => format!("the {what} ({}) ended with {status}", argv[0]),
                    Err(e) => {
                        let var = if what == "pager" {
                            "$PAGER"
                        } else {
                            "$VISUAL or $EDITOR"
                        };
                        format!("could not start the {what} {}: {e}; set {var}", argv[0])
                    }
                });
            }
        }
    }
}

/// Runs a program on the terminal, feeding it `stdin` if given, and waits.
fn run_foreground(
    argv: &[String],
    stdin: Option<String>,
) -> std::io::Result<std::process::ExitStatus> {
    let mut command = Command::new(&argv[0]);
    command.args(&argv[1..]);
    if stdin.is_some() {
        command.stdin(Stdio::piped());
    }
    let mut child = command.spawn()?;
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A pager may quit before reading everything; that is no error.
        std::thread::spawn(move || {
            let _ = pipe.write_all(text.as_bytes());
        });
    }
    child.wait()
}

/// Follows the folder for changes, feeding them into the loop.
fn follow(
    root: &std::path::Path,
    config: &Config,
    tx: &Sender<Event>,
) -> Result<Watch, WatchError> {
    let opts = LoadOptions {
        max_file_bytes: config.max_file_mib * 1024 * 1024,
        ..Default::default()
    };
    let (reading_tx, changed_tx) = (tx.clone(), tx.clone());
    Watch::start(
        root,
        opts,
        move |n| {
            let _ = reading_tx.send(Event::Outside(Outside::Reading(n)));
        },
        move |c| {
            let _ = changed_tx.send(Event::Outside(Outside::Changed(c)));
        },
    )
}

/// Why the reader could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The folder could not be opened.
    #[error(transparent)]
    Load(#[from] copydesk_core::load::LoadError),
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Terminal(#[from] std::io::Error),
}

/// A search worker: takes the newest job, drops older ones still queued.
fn spawn_search_worker(tx: Sender<Event>) -> Sender<(Job, Arc<SearchIndex>, Arc<Store>)> {
    let (jtx, jrx) = mpsc::channel::<(Job, Arc<SearchIndex>, Arc<Store>)>();
    std::thread::spawn(move || {
        while let Ok(mut job) = jrx.recv() {
            while let Ok(newer) = jrx.try_recv() {
                job = newer;
            }
            let (job, index, store) = job;
            let (generation, hits): (u64, Vec<Hit>) = match job {
                Job::RankAll {
                    generation,
                    query,
                    ids,
                } => (generation, index.rank(&query, &ids)),
                Job::FullText { generation, query } => {
                    (generation, search::full_text(store.articles(), &query))
                }
                Job::Versions(_) | Job::Compare { .. } => continue,
            };
            drop((index, store));
            if tx
                .send(Event::Outside(Outside::Searched { generation, hits }))
                .is_err()
            {
                return;
            }
        }
    });
    jtx
}

/// A comparison worker: like the search worker, it makes only the newest request.
fn spawn_compare_worker(tx: Sender<Event>) -> Sender<(Job, Arc<Store>)> {
    let (jtx, jrx) = mpsc::channel::<(Job, Arc<Store>)>();
    std::thread::spawn(move || {
        while let Ok(mut job) = jrx.recv() {
            while let Ok(newer) = jrx.try_recv() {
                job = newer;
            }
            let (
                Job::Compare {
                    generation,
                    request,
                    message,
                },
                store,
            ) = job
            else {
                continue;
            };
            let state = DiffState::new(&store, &request).map(Box::new);
            drop(store);
            let answer = Outside::Compared {
                generation,
                state,
                message,
            };
            if tx.send(Event::Outside(answer)).is_err() {
                return;
            }
        }
    });
    jtx
}

fn start_jobs(
    app: &mut App,
    finder: &Arc<Mutex<VersionFinder>>,
    tx: &Sender<Event>,
    search_tx: &Sender<(Job, Arc<SearchIndex>, Arc<Store>)>,
    compare_tx: &Sender<(Job, Arc<Store>)>,
) {
    for job in app.take_jobs() {
        match job {
            Job::Compare { .. } => {
                let _ = compare_tx.send((job, Arc::clone(&app.store)));
            }
            Job::Versions(run) => {
                let store = Arc::clone(&app.store);
                let tx = tx.clone();
                let finder = Arc::clone(finder);
                std::thread::spawn(move || {
                    let progress_tx = tx.clone();
                    let report = move |p| {
                        let _ = progress_tx.send(Event::Outside(Outside::Clustering(p)));
                    };
                    let mut held = finder.lock().unwrap_or_else(|e| e.into_inner());
                    let finder: &mut VersionFinder = &mut held;
                    let mut find = || finder.run(store.articles(), &run, &report);
                    // On a pool of its own: on the shared one, a minute of clustering
                    // would keep every search waiting for a free thread.
                    let c = match rayon::ThreadPoolBuilder::new()
                        .thread_name(|i| format!("versions-{i}"))
                        .build()
                    {
                        Ok(pool) => pool.install(find),
                        Err(_) => find(),
                    };
                    // Let go of the store first, so that changes to the folder
                    // can be applied as soon as the answer arrives.
                    drop(store);
                    let _ = tx.send(Event::Outside(Outside::Clustered(c)));
                });
            }
            other => {
                let _ = search_tx.send((other, Arc::clone(&app.index), Arc::clone(&app.store)));
            }
        }
    }
}

/// Applies one terminal event: keys through the keymap, mouse, resize.
fn handle_term(app: &mut App, ev: TermEvent, areas: &Areas) {
    match ev {
        TermEvent::Key(k) => {
            #[cfg(debug_assertions)]
            if let KeyCode::Char(c) = k.code
                && std::env::var("COPYDESK_TEST_PANIC_KEY").is_ok_and(|v| v.starts_with(c))
            {
                panic!("test panic on key {c}, as COPYDESK_TEST_PANIC_KEY asked");
            }
            if let Some(chord) = chord_of(&k) {
                app.key(chord);
            }
        }
        TermEvent::Mouse(m) if app.config.mouse => {
            let inside = |r: Option<ratatui::layout::Rect>| {
                r.filter(|r| {
                    m.column >= r.x
                        && m.column < r.x + r.width
                        && m.row >= r.y
                        && m.row < r.y + r.height
                })
            };
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    if let Some(l) = inside(areas.list) {
                        let row = m.row.saturating_sub(l.y + 1) as usize;
                        let target = app.offset + row;
                        if m.row > l.y && target < app.rows.len() {
                            app.selected = target;
                            app.focus = Focus::List;
                            app.keep_visible();
                        }
                    } else if inside(areas.reader).is_some() && app.reading.is_some() {
                        app.focus = Focus::Reader;
                    }
                }
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                    let down = m.kind == MouseEventKind::ScrollDown;
                    if let Some(d) = app.diff.as_mut() {
                        d.scroll_by(if down { 3 } else { -3 });
                    } else if inside(areas.reader).is_some() && app.reader_text.is_some() {
                        let lines = app.reader_text.as_ref().map_or(0, |t| t.lines.len());
                        let max = lines.saturating_sub(app.reader_height.max(1));
                        app.reader_scroll = if down {
                            (app.reader_scroll + 3).min(max)
                        } else {
                            app.reader_scroll.saturating_sub(3)
                        };
                    } else if inside(areas.list).is_some() && !app.rows.is_empty() {
                        app.selected = if down {
                            (app.selected + 3).min(app.rows.len() - 1)
                        } else {
                            app.selected.saturating_sub(3)
                        };
                        app.keep_visible();
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// Runs the reader until the user quits. The terminal is restored on every way
/// out: a normal quit, an error, or a panic.
pub fn run(source: Source, config: Config) -> Result<(), TuiError> {
    let (tx, rx): (Sender<Event>, Receiver<Event>) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let (store, loading) = match &source {
        Source::Demo => (crate::demo::store(), false),
        Source::Dir(root) => {
            // Refuse a bad folder before the screen changes, so the message shows.
            let meta = std::fs::metadata(root)
                .map_err(|_| copydesk_core::load::LoadError::NotFound(root.clone()))?;
            if !meta.is_dir() && load::FileKind::of(root).is_none() {
                return Err(copydesk_core::load::LoadError::NotAnArticle(root.clone()).into());
            }
            (Store::new(root), true)
        }
    };
    if let Source::Dir(root) = &source {
        let root = root.clone();
        let tx = tx.clone();
        let cancel = Arc::clone(&cancel);
        let opts = LoadOptions {
            max_file_bytes: config.max_file_mib * 1024 * 1024,
            ..Default::default()
        };
        std::thread::spawn(move || {
            let result = load::load(&root, &opts, |batch| {
                if cancel.load(Ordering::Relaxed)
                    || tx.send(Event::Outside(Outside::Loaded(batch))).is_err()
                {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            let _ = tx.send(Event::Outside(match result {
                Ok(summary) => Outside::LoadDone(summary),
                Err(e) => Outside::LoadFailed(e.to_string()),
            }));
        });
    }

    let (marks, warning) = match Marks::default_file() {
        Some(f) => Marks::open(&f),
        None => (
            Marks::in_memory(),
            Some("no data folder: marks will not be kept".to_string()),
        ),
    };
    let mouse = config.mouse;
    let mut app = App::new(store, config, marks, loading);
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if warning.is_some() {
        app.message = warning;
    }

    // Our hook first (mouse capture off); ratatui's restores the screen around it.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::init();
    if mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    let input_tx = tx.clone();
    let gate = Arc::new(InputGate::default());
    let input_gate = Arc::clone(&gate);
    std::thread::spawn(move || read_input(&input_gate, &input_tx));
    let search_tx = spawn_search_worker(tx.clone());
    let compare_tx = spawn_compare_worker(tx.clone());

    // What finding versions keeps for the next changes grows with the folder:
    // kept only when the folder is followed.
    let follows = app.config.live && matches!(source, Source::Dir(_));
    let finder = Arc::new(Mutex::new(VersionFinder::new(
        app.config.dedup.clone(),
        follows,
    )));
    let result = (|| -> Result<(), TuiError> {
        let mut areas = Areas::default();
        let mut watch: Result<Watch, WatchError> = Err(WatchError {
            path: PathBuf::new(),
            reason: "not started".into(),
        });
        loop {
            start_jobs(&mut app, &finder, &tx, &search_tx, &compare_tx);
            terminal.draw(|f| areas = ui::draw(f, &mut app))?;
            let Ok(first) = rx.recv() else { break };
            let mut pending = vec![first];
            while let Ok(more) = rx.try_recv() {
                pending.push(more);
                // Keep the screen live under a flood of loader batches.
                if pending.len() >= 64 {
                    break;
                }
            }
            for ev in pending {
                match ev {
                    Event::Term(t) => {
                        handle_term(&mut app, t, &areas);
                        if !app.external.is_empty() {
                            run_external(&mut app, &mut terminal, &gate, mouse);
                        }
                    }
                    Event::Outside(o) => {
                        let done = matches!(o, Outside::LoadDone(_));
                        app.outside(o);
                        if done && !app.search.text.is_empty() {
                            app.search.last = None;
                            app.run_search();
                        }
                        if done
                            && app.config.live
                            && let Source::Dir(root) = &source
                        {
                            watch = follow(root, &app.config, &tx);
                            if let Err(e) = &watch {
                                app.message = Some(e.to_string());
                            }
                        }
                    }
                }
                if app.quit {
                    break;
                }
            }
            if app.quit {
                break;
            }
            app.apply_live_changes();
        }
        drop(watch);
        Ok(())
    })();

    cancel.store(true, Ordering::Relaxed);
    if mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result
}
