//! The `copydesk` command: argument parsing and dispatch to the CLI commands.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use copydesk::cli::{self, Format, list::Sort};
use copydesk::{LoadError, Store, demo};

/// A terminal reader for news articles that knows which articles are versions of one
/// story and shows what one version adds over another.
#[derive(Parser)]
#[command(name = "copydesk", version, args_conflicts_with_subcommands = true)]
struct Args {
    /// Folder of articles (default: the demo corpus).
    dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// List every article: headline, source, words, path.
    List {
        /// Folder of articles (default: the demo corpus).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Order of the rows.
        #[arg(long, value_enum, default_value = "path")]
        sort: Sort,
    },
}

/// Exit code for a usage or input error.
const USAGE: u8 = 2;

fn open_store(dir: Option<&Path>) -> Result<Store, LoadError> {
    match dir {
        Some(d) => Store::load(d),
        None => Ok(demo::store()),
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let command = args.command.unwrap_or(Command::List {
        dir: args.dir,
        format: Format::Text,
        sort: Sort::Path,
    });
    match command {
        Command::List { dir, format, sort } => {
            let store = match open_store(dir.as_deref()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("copydesk: {e}");
                    return ExitCode::from(USAGE);
                }
            };
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut err = std::io::stderr().lock();
            let result = match format {
                Format::Json => cli::list::write_json(&store, sort, &mut out),
                Format::Text | Format::Ansi => {
                    cli::list::write_text(&store, sort, cli::terminal_width(), &mut out, &mut err)
                }
            };
            finish(result.and_then(|()| out.flush()))
        }
    }
}

/// Turns an output error into an exit code; a closed pipe is not an error.
fn finish(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("copydesk: could not write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
