//! The `copydesk` command: argument parsing and dispatch to the reader or the CLI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use copydesk::cli::{self, Format, list::SortArg};
use copydesk::config::{self, Config};
use copydesk::demo;
use copydesk_core::{LoadError, LoadOptions, Store};

/// A terminal reader for news articles that knows which articles are versions of one
/// story and shows what one version adds over another.
#[derive(Parser)]
#[command(name = "copydesk", version, args_conflicts_with_subcommands = true)]
struct Args {
    /// Folder of articles (default: `library` from the config, else the demo corpus).
    dir: Option<PathBuf>,
    /// Config file to use instead of the usual places.
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// List every article: headline, source, words, path.
    List {
        /// Folder of articles (default: `library` from the config, else the demo corpus).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Order of the rows.
        #[arg(long, value_enum, default_value = "path")]
        sort: SortArg,
    },
    /// Find articles by a fuzzy match on their headlines.
    Search {
        /// [DIR] QUERY: a folder (default as for `list`) and the query: words, and
        /// filters such as source:reuters, since:2018-01-28, until:2018-02-01, since:7d.
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
        /// Folder of articles (default as for `list`).
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
        format: Option<cli::diff::DiffFormat>,
        /// Total width in columns (default: the terminal's, else 120).
        #[arg(long)]
        width: Option<usize>,
    },
    /// Check, locate or print the configuration.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
    /// Print a shell completion script (for example into
    /// ~/.local/share/bash-completion/completions/copydesk).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page in roff (`copydesk man | man -l -`).
    Man,
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Check a config file (default: the one copydesk would use) and report every mistake.
    Check {
        /// The file to check.
        path: Option<PathBuf>,
    },
    /// Show where the config file is looked for, and which one is used.
    Path,
    /// Print the default configuration, every setting and key documented.
    Default,
}

/// Exit code for a usage, input or config error.
const USAGE: u8 = 2;

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("copydesk: {message}");
    ExitCode::from(USAGE)
}

/// The folder to open: the one given, else the configured library, else the demo.
fn open_store(dir: Option<&Path>, config: &Config) -> Result<Store, LoadError> {
    let opts = LoadOptions {
        max_file_bytes: config.max_file_mib * 1024 * 1024,
    };
    match dir.or(config.library.as_deref()) {
        Some(d) => Store::load_with(d, &opts),
        None => Ok(demo::store()),
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

fn config_command(what: ConfigCommand, explicit: Option<&Path>) -> ExitCode {
    match what {
        ConfigCommand::Default => {
            print!("{}", Config::default_toml());
            ExitCode::SUCCESS
        }
        ConfigCommand::Path => {
            let mut used = None;
            if let Some(p) = explicit {
                println!(
                    "{} (--config){}",
                    p.display(),
                    if p.is_file() {
                        "  ← used"
                    } else {
                        "  (missing)"
                    }
                );
                return ExitCode::SUCCESS;
            }
            for (p, why) in config::search_paths() {
                let mark = if used.is_none() && p.is_file() {
                    used = Some(p.clone());
                    "  ← used"
                } else if p.is_file() {
                    ""
                } else {
                    "  (not there)"
                };
                println!("{}  [{why}]{mark}", p.display());
            }
            if used.is_none() {
                println!("no config file found: the built-in defaults are used");
            }
            ExitCode::SUCCESS
        }
        ConfigCommand::Check { path } => {
            let target = path.as_deref().or(explicit);
            match Config::load(target) {
                Ok((_, Some(p))) => {
                    println!("{}: ok", p.display());
                    ExitCode::SUCCESS
                }
                Ok((_, None)) => {
                    println!("no config file found: the built-in defaults are used");
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    eprintln!("{errors}");
                    ExitCode::from(USAGE)
                }
            }
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Some(Command::Config { what }) => return config_command(what, args.config.as_deref()),
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Args::command(), "copydesk", &mut out);
            return finish(out.flush());
        }
        Some(Command::Man) => {
            let mut out = std::io::stdout().lock();
            let page = cli::man::write(Args::command(), &mut out);
            return finish(page.and_then(|()| out.flush()));
        }
        _ => {}
    }
    let config = match Config::load(args.config.as_deref()) {
        Ok((c, _)) => c,
        Err(errors) => {
            eprintln!("{errors}");
            eprintln!("copydesk: fix the config file above (`copydesk config check` checks it)");
            return ExitCode::from(USAGE);
        }
    };
    match args.command {
        None => reader(args.dir, config),
        Some(Command::List { dir, format, sort }) => list(dir.as_deref(), format, sort, &config),
        Some(Command::Search {
            args,
            limit,
            full_text,
            format,
        }) => search(&args, limit, full_text, format, &config),
        Some(Command::Dups { dir, format }) => dups(dir.as_deref(), format, &config),
        Some(Command::Diff {
            a,
            b,
            format,
            width,
        }) => diff(&a, &b, format, width),
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man) => {
            unreachable!("handled above")
        }
    }
}

/// `copydesk [DIR]`: the reader.
fn reader(dir: Option<PathBuf>, config: Config) -> ExitCode {
    let source = match dir.or_else(|| config.library.clone()) {
        Some(d) => copydesk::tui::Source::Dir(d),
        None => copydesk::tui::Source::Demo,
    };
    match copydesk::tui::run(source, config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(copydesk::tui::TuiError::Load(e)) => fail(e),
        Err(e) => {
            eprintln!("copydesk: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `copydesk list`.
fn list(dir: Option<&Path>, format: Format, sort: SortArg, config: &Config) -> ExitCode {
    let store = match open_store(dir, config) {
        Ok(s) => s,
        Err(e) => return fail(e),
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

/// `copydesk search`.
fn search(
    args: &[String],
    limit: usize,
    full_text: bool,
    format: Format,
    config: &Config,
) -> ExitCode {
    let (dir, query) = match args {
        [q] => (None, q.clone()),
        [d, q] => (Some(PathBuf::from(d)), q.clone()),
        _ => unreachable!("clap allows one or two"),
    };
    let store = match open_store(dir.as_deref(), config) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let limit = (limit > 0).then_some(limit);
    let answer = match cli::search::run(&store, &query, limit, full_text) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match format {
        Format::Json => cli::search::write_json(&store, &answer, &mut out),
        Format::Text | Format::Ansi => cli::search::write_text(
            &store,
            &answer,
            format == Format::Ansi || cli::stdout_is_terminal(),
            cli::terminal_width(),
            &mut out,
        ),
    };
    finish(result.and_then(|()| out.flush()))
}

/// `copydesk dups`.
fn dups(dir: Option<&Path>, format: Format, config: &Config) -> ExitCode {
    let store = match open_store(dir, config) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let clusters = copydesk_core::dedup::cluster(store.articles(), &config.dedup, &|_| {});
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match format {
        Format::Json => cli::dups::write_json(&store, &clusters, &mut out),
        Format::Text | Format::Ansi => {
            cli::dups::write_text(&store, &clusters, cli::terminal_width(), &mut out)
        }
    };
    finish(result.and_then(|()| out.flush()))
}

/// `copydesk diff`.
fn diff(a: &str, b: &str, format: Option<cli::diff::DiffFormat>, width: Option<usize>) -> ExitCode {
    use cli::diff::DiffFormat;
    let (left, right) = match (cli::diff::load_article(a), cli::diff::load_article(b)) {
        (Ok(l), Ok(r)) => (l, r),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let comparison = copydesk_core::compare::compare(&left, &right);
    let format = format.unwrap_or(if cli::stdout_is_terminal() {
        DiffFormat::Ansi
    } else {
        DiffFormat::Text
    });
    let width = width.or_else(cli::terminal_width).unwrap_or(120);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match format {
        DiffFormat::Json => cli::diff::write_json(&comparison, &mut out),
        DiffFormat::Html => out.write_all(copydesk_core::export::html(&comparison).as_bytes()),
        DiffFormat::Markdown => {
            out.write_all(copydesk_core::export::markdown(&comparison).as_bytes())
        }
        DiffFormat::Text => {
            cli::diff::write_side_by_side(&comparison, cli::diff::Style::Markers, width, &mut out)
        }
        DiffFormat::Ansi => {
            cli::diff::write_side_by_side(&comparison, cli::diff::Style::Ansi, width, &mut out)
        }
    };
    finish(result.and_then(|()| out.flush()))
}
