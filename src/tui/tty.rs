//! The terminal's full-screen mode, entered and left as a whole (raw input, the
//! alternate screen, mouse reports, the cursor hidden), and the signals that end or
//! stop the reader: SIGTERM, SIGHUP, SIGINT and SIGQUIT give the terminal back and
//! end copydesk with 128 + the signal's number; SIGTSTP (and `ctrl-z`) give it back,
//! stop, and take it again on SIGCONT.

use std::io::{self, Write as _};

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Gives the terminal back as the shell had it: mouse reports off, the cursor
/// shown, the main screen, input cooked. Every step is tried whatever the others
/// did, since this runs on the way out.
pub fn leave(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, Show, LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Takes the terminal for the reader: raw input, the alternate screen, mouse
/// reports when wanted, the cursor hidden. Raw mode is left first, so that it is
/// set again from what the terminal holds now (a shell may have changed it while
/// copydesk was stopped).
pub fn enter(mouse: bool) -> io::Result<()> {
    let _ = disable_raw_mode();
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

pub use super::event::Signal;

#[cfg(unix)]
pub use unix::{Signals, stop};

#[cfg(unix)]
mod unix {
    use std::sync::mpsc::Sender;
    use std::time::Duration;

    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::Handle;

    use super::Signal;
    use crate::tui::event::Event;

    /// How long the loop has to give the terminal back after a signal that ends
    /// copydesk before the signal's thread does it itself and exits.
    const GRACE: Duration = Duration::from_secs(3);

    /// The signals being listened for; dropping it stops listening.
    pub struct Signals {
        handle: Handle,
    }

    impl Signals {
        /// Listens for the signals that end or stop the reader and sends each into
        /// the loop's channel. Should the loop not end within a moment of a signal
        /// that ends copydesk (a long piece of work holds it), the terminal is given
        /// back and the process ends from here.
        pub fn listen(tx: Sender<Event>, mouse: bool) -> std::io::Result<Signals> {
            let mut signals = signal_hook::iterator::Signals::new([
                SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT,
            ])?;
            let handle = signals.handle();
            std::thread::spawn(move || {
                for n in signals.forever() {
                    let signal = match n {
                        SIGTSTP => Signal::Stop,
                        SIGCONT => Signal::Continued,
                        n => Signal::End(128 + n as u8),
                    };
                    let _ = tx.send(Event::Signal(signal));
                    if let Signal::End(code) = signal {
                        std::thread::spawn(move || {
                            std::thread::sleep(GRACE);
                            super::leave(mouse);
                            std::process::exit(i32::from(code));
                        });
                    }
                }
            });
            Ok(Signals { handle })
        }
    }

    impl Drop for Signals {
        fn drop(&mut self) {
            self.handle.close();
        }
    }

    /// Stops the process as SIGTSTP would have without a handler; returns once it
    /// is continued.
    pub fn stop() {
        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    }
}
