//! The non-interactive commands and their output formats.

pub mod diff;
pub mod dups;
pub mod list;
pub mod man;
pub mod search;

use std::io::IsTerminal;

/// Output formats shared by the commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Text,
    /// Text with colour and emphasis for a terminal.
    Ansi,
    /// The stable machine interface.
    Json,
}

/// Whether standard output is a terminal (colour and emphasis only then).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Width of the terminal on standard output, if it is one.
pub fn terminal_width() -> Option<usize> {
    if !stdout_is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w as usize)
        .filter(|w| *w > 0)
}
