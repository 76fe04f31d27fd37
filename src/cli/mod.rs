//! The non-interactive commands and their output formats.

pub mod args;
pub mod colour;
pub mod config;
pub mod diff;
pub mod dups;
pub mod list;
pub mod man;
pub mod search;
pub mod show;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use copydesk_core::load::{ColumnHow, ColumnLoad};
use copydesk_core::{LoadError, Store};

use crate::config::Config;
use args::{Args, Command};

/// Exit code for a usage, input or config error.
pub const USAGE: u8 = 2;

/// Says what went wrong on stderr and gives the usage exit code.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    let message = message.to_string();
    eprintln!(
        "copydesk: {}",
        copydesk_core::text::display::display_line(&message)
    );
    ExitCode::from(USAGE)
}

/// The folder to open: the one given, else the configured library, else the demo.
pub fn open_store(dir: Option<&Path>, config: &Config) -> Result<Store, LoadError> {
    let opts = config.load_options();
    match dir.or(config.library.as_deref()) {
        Some(d) => Store::load_with(d, &opts),
        None => Ok(crate::demo::store()),
    }
}

/// The columns of the folder to read and their headline index, built as they are
/// read (a headline search needs no more), or the demo corpus's store when there
/// is no folder. With `only`, just the rows whose headline it holds for, and
/// their ids in the whole folder (`loose` as [`ColumnHow::loose`] says).
pub fn open_columns(
    dir: Option<&Path>,
    config: &Config,
    only: Option<&copydesk_core::load::Only<'_>>,
    loose: bool,
) -> Result<Result<ColumnLoad, Store>, LoadError> {
    let opts = config.load_options();
    let how = ColumnHow {
        index: true,
        only,
        loose,
        ..ColumnHow::default()
    };
    match dir.or(config.library.as_deref()) {
        Some(d) => Ok(Ok(copydesk_core::load::load_columns_with(d, &opts, how)?)),
        None => Ok(Err(crate::demo::store())),
    }
}

/// Turns an output error into an exit code; a closed pipe is not an error.
pub fn finish(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "copydesk: could not write the output: {}",
                copydesk_core::text::display::display_line(&e.to_string())
            );
            ExitCode::FAILURE
        }
    }
}

/// Runs what the command line asks: a command, or the reader.
pub fn run(args: Args) -> ExitCode {
    // A folder before a command is not what it seems (`copydesk DIR list`); the
    // global --config before one is, and clap cannot tell the two apart.
    if let (Some(dir), Some(_)) = (&args.dir, &args.command) {
        let dir = dir.display().to_string();
        return fail(format!(
            "{dir}: a folder goes after the command, as in `copydesk list DIR`"
        ));
    }
    let env = |name: &str| std::env::var(name).ok();
    if let Some(path) = crate::log::file(args.verbose, &env)
        && let Err(e) = crate::log::start(&path)
    {
        return fail(format!(
            "{e}; set {} to a file that can be written",
            crate::log::LOG_VAR
        ));
    }
    let output = Output { color: args.color };
    match args.command {
        Some(Command::Config { what }) => return config::run(what, args.config.as_deref()),
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Args::command(), "copydesk", &mut out);
            return finish(out.flush());
        }
        Some(Command::Man) => {
            let mut out = std::io::stdout().lock();
            let page = man::write(Args::command(), &mut out);
            return finish(page.and_then(|()| out.flush()));
        }
        _ => {}
    }
    let mut config = match Config::load(args.config.as_deref()) {
        Ok((c, _)) => c,
        Err(errors) => {
            eprintln!("{errors}");
            eprintln!("copydesk: fix the config file above (`copydesk config check` checks it)");
            return ExitCode::from(USAGE);
        }
    };
    config.clusters = args.clusters;
    let Some(command) = args.command else {
        return reader(args.dir, config);
    };
    match command {
        Command::Config { .. } | Command::Completions { .. } | Command::Man => {
            unreachable!("handled above")
        }
        Command::List { dir, format, sort } => {
            list::run(dir.as_deref(), format, sort, output, &config)
        }
        Command::Search {
            args,
            limit,
            full_text,
            format,
        } => search::run_command(&args, limit as usize, full_text, format, output, &config),
        Command::Dups { dir, format } => dups::run(dir.as_deref(), format, output, &config),
        Command::Show {
            path,
            format,
            width,
        } => show::run(&path, format, width.map(usize::from), output, &config),
        Command::Diff {
            a,
            b,
            format,
            width,
        } => diff::run(&a, &b, format, width.map(usize::from), output, &config),
    }
}

/// Opens the reader on `dir`, else the configured library, else the demo corpus.
fn reader(dir: Option<std::path::PathBuf>, config: Config) -> ExitCode {
    let source = match dir.or_else(|| config.library.clone()) {
        Some(d) => crate::tui::Source::Dir(d),
        None => crate::tui::Source::Demo,
    };
    match crate::tui::run(source, config) {
        Ok(crate::tui::Ended::Quit) => ExitCode::SUCCESS,
        Ok(crate::tui::Ended::Signal(code)) => ExitCode::from(code),
        Err(crate::tui::TuiError::Load(e)) => fail(e),
        Err(e) => {
            eprintln!(
                "copydesk: {}",
                copydesk_core::text::display::display_line(&e.to_string())
            );
            ExitCode::FAILURE
        }
    }
}

/// Output formats shared by the commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for people, coloured as --color says.
    Text,
    /// The same as text with --color always (kept for scripts that use it).
    Ansi,
    /// The stable machine interface.
    Json,
}

/// What the global options say about output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// `--color`.
    pub color: colour::ColorWhen,
}

impl Output {
    /// Whether text to standard output is coloured; `ansi` (a format that asks
    /// for colour) forces it.
    pub fn colour(self, ansi: bool) -> bool {
        ansi || self.color.for_stdout()
    }
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
