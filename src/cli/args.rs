//! The command line as clap reads it: the reader's folder, the global options and
//! the commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::Format;
use super::colour::ColorWhen;
use super::diff::DiffFormat;
use super::dups::DupsFormat;
use super::list::SortArg;
use super::show::ShowFormat;

/// A terminal reader for news articles that knows which articles are versions of one
/// story and shows what one version adds over another.
#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    override_usage = "copydesk [OPTIONS] [DIR]\n       copydesk [OPTIONS] <COMMAND>"
)]
pub struct Args {
    /// Folder of articles (default: `library` from the config, else the demo corpus).
    pub dir: Option<PathBuf>,
    /// Config file to use instead of the usual places.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// When to colour what the commands print: auto colours a terminal only
    /// (NO_COLOR turns it off, CLICOLOR_FORCE on; NO_COLOR wins).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorWhen,
    /// Read the stories from this file (JSON Lines, one cluster per line, as
    /// `dups --format jsonl` writes) instead of finding the versions.
    #[arg(long, global = true, value_name = "FILE")]
    pub clusters: Option<PathBuf>,
    /// Log what the loader, the folder watcher and the version finder do to
    /// copydesk.log in the data folder (COPYDESK_LOG=FILE logs to FILE instead).
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The widest `--width` may be: wider than any terminal, and small enough that a
/// line cannot grow without bound.
pub const MAX_WIDTH: u16 = 1000;

/// The narrowest `--width` may be: narrower leaves no room for text.
pub const MIN_WIDTH: u16 = 20;

/// The most matches `--limit` may ask for (0 asks for all of them).
pub const MAX_LIMIT: u32 = 10_000_000;

/// A whole number from `min` to `max`, or a message that names the range,
/// however large or malformed the number written.
fn bounded(s: &str, min: u32, max: u32) -> Result<u32, String> {
    let range = format!("{min}..={max}");
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("\"{s}\" is not a whole number in {range}"));
    }
    match s.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("{s} is not in {range}")),
    }
}

/// `--width`: columns from [`MIN_WIDTH`] to [`MAX_WIDTH`].
fn width(s: &str) -> Result<u16, String> {
    bounded(s, MIN_WIDTH.into(), MAX_WIDTH.into()).map(|n| n as u16)
}

/// `--limit`: 0 (every match) to [`MAX_LIMIT`].
fn limit(s: &str) -> Result<u32, String> {
    bounded(s, 0, MAX_LIMIT)
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
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
    /// Find articles by a fuzzy match on their headlines; exits 1 when nothing matches.
    Search {
        /// [DIR] QUERY...: the query's words, and filters such as source:reuters,
        /// since:2018-01-28, until:2018-02-01, since:7d; when there are several and
        /// the first is an existing folder or file, it is the folder to search
        /// (default as for `list`).
        #[arg(num_args = 1.., value_name = "WORDS", required = true)]
        args: Vec<String>,
        /// Show at most this many matches (0 for all).
        #[arg(long, default_value_t = 20, value_parser = limit)]
        limit: u32,
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
        /// Output format: jsonl writes one story per line as it is ready.
        #[arg(long, value_enum, default_value = "text")]
        format: DupsFormat,
    },
    /// Print one article as the reader shows it, or every field read from it.
    Show {
        /// The article: a file, or FILE.jsonl#LINE (FILE.json#N for arrays).
        path: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
        /// Width in columns, 20 to 1000 (default: the terminal's, at most 80 for
        /// running text).
        #[arg(long, value_parser = width)]
        width: Option<u16>,
    },
    /// Compare two versions of a story side by side.
    Diff {
        /// The left (older) version: a file, or FILE.jsonl#LINE.
        a: String,
        /// The right (newer) version.
        b: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
        /// Total width in columns, 20 to 1000 (default: the terminal's, else 120).
        #[arg(long, value_parser = width)]
        width: Option<u16>,
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

/// What `copydesk config` does.
#[derive(Subcommand)]
pub enum ConfigCommand {
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

/// How close (Jaro similarity, as clap's own suggestions use) a word must be to a
/// command's name to be taken for a mistyped command.
const SUGGEST_SIMILARITY: f64 = 0.7;

impl Args {
    /// Reads the command line as clap does, then what clap cannot see: a folder
    /// that does not exist but reads like a mistyped command (`copydesk lsit`) is a
    /// usage error that names the command meant.
    pub fn parse_checked() -> Args {
        let args = Args::parse();
        if let Err(e) = args.check() {
            e.exit();
        }
        args
    }

    /// The checks of [`Args::parse_checked`], as an error clap prints.
    pub fn check(&self) -> Result<(), clap::Error> {
        use clap::CommandFactory;
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        let Some(dir) = self.dir.as_deref() else {
            return Ok(());
        };
        let mut cmd = Args::command();
        if self.command.is_some() {
            return Err(cmd.error(
                ErrorKind::ArgumentConflict,
                format!(
                    "'{}' before the command: a command's folder goes after it (copydesk list DIR)",
                    dir.display()
                ),
            ));
        }
        let word = dir.to_string_lossy();
        if dir.exists() || dir.components().count() != 1 {
            return Ok(());
        }
        let best = cmd
            .get_subcommands()
            .map(|s| s.get_name())
            .map(|n| (strsim::jaro(n, &word), n))
            .filter(|(score, _)| *score >= SUGGEST_SIMILARITY)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let Some((_, name)) = best else {
            return Ok(());
        };
        let mut e = clap::Error::new(ErrorKind::InvalidSubcommand).with_cmd(&cmd);
        e.insert(
            ContextKind::InvalidSubcommand,
            ContextValue::String(word.into_owned()),
        );
        e.insert(
            ContextKind::SuggestedSubcommand,
            ContextValue::Strings(vec![name.to_string()]),
        );
        e.insert(
            ContextKind::Usage,
            ContextValue::StyledStr(cmd.render_usage()),
        );
        Err(e)
    }
}
