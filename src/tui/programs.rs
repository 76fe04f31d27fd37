//! Running what the reader hands to other programs: text put on the clipboard
//! through the terminal, a browser started and left running, an editor or pager
//! given the terminal until it exits, then the screen taken back.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;

use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType};

use super::app::App;
use super::external::{self, External};
use super::input::InputGate;

/// Does nothing: while another program has the terminal, ctrl-c is for it, and
/// a handler (unlike ignoring the signal) is not passed on to that program.
#[cfg(unix)]
extern "C" fn ignore_signal(_: libc::c_int) {}

/// The signals handed over while another program has the terminal: ctrl-c and
/// ctrl-\\ are for it, and ctrl-z stops copydesk with it, as the shell expects.
#[cfg(unix)]
const HANDED_OVER: [libc::c_int; 3] = [libc::SIGINT, libc::SIGQUIT, libc::SIGTSTP];

/// Sets the signals of [`HANDED_OVER`] for the time another program runs: the first
/// two do nothing to copydesk, SIGTSTP stops it. Returns what they did before.
#[cfg(unix)]
fn hand_signals_over() -> [libc::sigaction; 3] {
    let handler = ignore_signal as extern "C" fn(libc::c_int) as *const () as libc::sighandler_t;
    HANDED_OVER.map(|sig| {
        // SAFETY: sigaction is given valid structures; the one it fills is kept
        // whole (flags and mask included) so that it can be put back as it was.
        unsafe {
            let mut new: libc::sigaction = std::mem::zeroed();
            new.sa_sigaction = if sig == libc::SIGTSTP {
                libc::SIG_DFL
            } else {
                handler
            };
            libc::sigemptyset(&mut new.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            libc::sigaction(sig, &new, &mut old);
            old
        }
    })
}

/// Puts back what [`hand_signals_over`] replaced.
#[cfg(unix)]
fn take_signals_back(previous: [libc::sigaction; 3]) {
    for (sig, old) in HANDED_OVER.iter().zip(previous) {
        // SAFETY: `old` is what sigaction returned for this signal.
        unsafe {
            libc::sigaction(*sig, &old, std::ptr::null_mut());
        }
    }
}

/// Runs what the user asked to hand to other programs, and says how it went in
/// the status line.
pub fn run_external(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    gate: &InputGate,
    mouse: bool,
) {
    for job in app.take_external() {
        match job {
            External::Copy(text) => copy(&text),
            External::Launch { argv } => {
                if let Some(problem) = launch(&argv) {
                    app.message = Some(problem);
                }
            }
            External::Foreground { argv, stdin, what } => {
                let result = suspended(terminal, gate, mouse, || run_foreground(&argv, stdin));
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

/// Puts `text` on the clipboard through the terminal.
fn copy(text: &str) {
    if let Err(e) = execute!(std::io::stdout(), external::clipboard(text)) {
        tracing::warn!(error = %e, "could not write the clipboard sequence");
    }
}

/// Starts a program and leaves it running; what went wrong, if anything.
fn launch(argv: &[String]) -> Option<String> {
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
            None
        }
        Err(e) => Some(format!(
            "could not start {}: {e}; set open_command in the config",
            argv[0]
        )),
    }
}

/// Runs `run` with the terminal given back to the shell's settings and the
/// input thread held, then takes the screen back.
fn suspended<T>(
    terminal: &mut ratatui::DefaultTerminal,
    gate: &InputGate,
    mouse: bool,
    run: impl FnOnce() -> T,
) -> T {
    gate.paused.store(true, Ordering::SeqCst);
    let held = gate.reading.lock();
    super::tty::leave(mouse);
    #[cfg(unix)]
    let previous = hand_signals_over();
    let result = run();
    #[cfg(unix)]
    take_signals_back(previous);
    let _ = super::tty::enter(mouse);
    let _ = terminal.hide_cursor();
    repaint(terminal);
    drop(held);
    gate.paused.store(false, Ordering::SeqCst);
    result
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

/// Clears the screen so that the next frame is drawn whole: after another program
/// had the terminal, or when asked (`ctrl-l`).
pub(crate) fn repaint(terminal: &mut ratatui::DefaultTerminal) {
    let _ = execute!(std::io::stdout(), Clear(ClearType::All));
    // Terminal::clear asks the terminal where the cursor is, which some terminals
    // never answer; a blank frame makes the next draw full.
    let _ = terminal.draw(|_| {});
}
