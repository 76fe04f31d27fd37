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
    /// Find articles by a fuzzy match on their headlines.
    Search {
        /// [DIR] QUERY: a folder (default: the demo corpus) and the query.
        #[arg(num_args = 1..=2, value_names = ["DIR", "QUERY"], required = true)]
        args: Vec<String>,
        /// Show at most this many matches (0 for all).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Search bodies too, for words rather than fuzzy headline matches.
        #[arg(long)]
        full_text: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List the stories that came in several versions.
    Dups {
        /// Folder of articles (default: the demo corpus).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Compare two versions of a story side by side.
    Diff {
        /// The left (older) version: a file, or FILE.jsonl#LINE.
        a: String,
        /// The right (newer) version.
        b: String,
        /// Output format (default: ansi on a terminal, text otherwise).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Total width in columns (default: the terminal's, else 120).
        #[arg(long)]
        width: Option<usize>,
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
        Command::Search {
            args,
            limit,
            full_text,
            format,
        } => {
            let (dir, query) = match args.as_slice() {
                [q] => (None, q.clone()),
                [d, q] => (Some(PathBuf::from(d)), q.clone()),
                _ => unreachable!("clap allows one or two"),
            };
            let store = match open_store(dir.as_deref()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("copydesk: {e}");
                    return ExitCode::from(USAGE);
                }
            };
            let limit = (limit > 0).then_some(limit);
            let answer = cli::search::run(&store, &query, limit, full_text);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let result = match format {
                Format::Json => cli::search::write_json(&store, &answer, full_text, &mut out),
                Format::Text | Format::Ansi => cli::search::write_text(
                    &store,
                    &answer,
                    full_text,
                    format == Format::Ansi || cli::stdout_is_terminal(),
                    cli::terminal_width(),
                    &mut out,
                ),
            };
            finish(result.and_then(|()| out.flush()))
        }
        Command::Dups { dir, format } => {
            let store = match open_store(dir.as_deref()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("copydesk: {e}");
                    return ExitCode::from(USAGE);
                }
            };
            let clusters = copydesk::dedup::cluster(
                store.articles(),
                &copydesk::dedup::DedupOptions::default(),
                &|_| {},
            );
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let result = match format {
                Format::Json => cli::dups::write_json(&store, &clusters, &mut out),
                Format::Text | Format::Ansi => {
                    cli::dups::write_text(&store, &clusters, cli::terminal_width(), &mut out)
                }
            };
            finish(result.and_then(|()| out.flush()))
        }
        Command::Diff {
            a,
            b,
            format,
            width,
        } => {
            let (left, right) = match (cli::diff::load_article(&a), cli::diff::load_article(&b)) {
                (Ok(l), Ok(r)) => (l, r),
                (Err(e), _) | (_, Err(e)) => {
                    eprintln!("copydesk: {e}");
                    return ExitCode::from(USAGE);
                }
            };
            let comparison = copydesk::compare::compare(&left, &right);
            let format = format.unwrap_or(if cli::stdout_is_terminal() {
                Format::Ansi
            } else {
                Format::Text
            });
            let width = width.or_else(cli::terminal_width).unwrap_or(120);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let result = match format {
                Format::Json => cli::diff::write_json(&comparison, &mut out),
                Format::Text => cli::diff::write_side_by_side(
                    &comparison,
                    cli::diff::Style::Markers,
                    width,
                    &mut out,
                ),
                Format::Ansi => cli::diff::write_side_by_side(
                    &comparison,
                    cli::diff::Style::Ansi,
                    width,
                    &mut out,
                ),
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
