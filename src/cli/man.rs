//! The manual page: the command line from the clap definitions, each command's
//! options in one page, then the default keys, files and environment.

use std::io::{self, Write};

use clap_mangen::Man;
use roff::{Roff, bold, italic, roman};

use crate::config::{Config, Context};

/// Writes the whole manual page for `cmd` (the parsed-argument definition) as roff.
pub fn write(cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let man = Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    commands(&cmd).to_writer(out)?;
    keys().to_writer(out)?;
    rest().to_writer(out)?;
    man.render_version_section(out)
}

/// One subsection per command: its usage, what it does, and its arguments.
fn commands(cmd: &clap::Command) -> Roff {
    let mut r = Roff::new();
    r.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("copydesk {}", sub.get_name());
        r.control("SS", [name.as_str()]);
        let mut usage = vec![bold(name.clone())];
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            usage.push(roman(" "));
            usage.push(roman(arg_usage(arg)));
        }
        r.text(usage);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            r.control("PP", []);
            r.text([roman(about.to_string())]);
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && a.get_id() != "help")
        {
            r.control("TP", []);
            r.text([bold(arg_usage(arg))]);
            let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            if !help.is_empty() && !help.ends_with('.') {
                help.push('.');
            }
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() && !is_flag(arg) {
                help.push_str(&format!(" One of: {}.", values.join(", ")));
            }
            if let Some(d) = arg.get_default_values().first() {
                help.push_str(&format!(" Default: {}.", d.to_string_lossy()));
            }
            r.text([roman(help)]);
        }
        for nested in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
            r.control("TP", []);
            r.text([bold(format!("{name} {}", nested.get_name()))]);
            let about = nested
                .get_about()
                .map(|a| a.to_string())
                .unwrap_or_default();
            r.text([roman(about)]);
        }
    }
    r
}

/// How an argument is written on the command line: `--width <WIDTH>`, `[DIR]`.
fn arg_usage(arg: &clap::Arg) -> String {
    let names = arg
        .get_value_names()
        .map(|v| v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .unwrap_or_else(|| vec![arg.get_id().to_string().to_uppercase()]);
    let written = match arg.get_long() {
        Some(long) if is_flag(arg) => format!("--{long}"),
        Some(long) => format!("--{long} <{}>", names.join(" ")),
        None => names.join(" "),
    };
    if arg.is_required_set() {
        written
    } else {
        format!("[{written}]")
    }
}

/// Whether the argument is a switch that takes no value.
fn is_flag(arg: &clap::Arg) -> bool {
    matches!(
        arg.get_action(),
        clap::ArgAction::SetTrue | clap::ArgAction::SetFalse | clap::ArgAction::Count
    )
}

/// The default keys of each view, as the help overlay lists them.
fn keys() -> Roff {
    let config = Config::default();
    let mut r = Roff::new();
    r.control("SH", ["KEYS"]);
    r.text([roman(
        "The default keys of each view; the config file can bind any action to other keys \
         (copydesk config default prints them all, documented).",
    )]);
    for ctx in Context::ALL {
        let bindings = config.keys.bindings(ctx);
        if bindings.is_empty() {
            continue;
        }
        r.control("SS", [ctx.name()]);
        for (action, seqs) in bindings {
            let keys: Vec<String> = seqs.iter().map(|k| k.to_string()).collect();
            r.control("TP", []);
            r.text([bold(keys.join(", "))]);
            r.text([
                roman(format!("{} (", action.describe(ctx))),
                italic(action.name()),
                roman(")"),
            ]);
        }
    }
    r
}

/// Files, environment and exit status.
fn rest() -> Roff {
    let mut r = Roff::new();
    r.control("SH", ["FILES"]);
    r.text([roman(
        "The config file is looked for where copydesk config path says. Read and star \
         marks, comparisons exported from the reader and the log (with --verbose) are \
         kept in the data folder. Nothing is ever written into the article folder.",
    )]);
    r.control("SH", ["ENVIRONMENT"]);
    for (name, what) in [
        (
            "COPYDESK_DATA_DIR",
            "The data folder, instead of the platform's (such as ~/.local/share/copydesk).",
        ),
        (
            "COPYDESK_CONFIG",
            "The config file, when --config is not given.",
        ),
        (
            "NO_COLOR",
            "When set, no colours: the reader keeps emphasis and marks, the commands print plain text (diff marks words with {+ +} and [- -]). --color always wins over it.",
        ),
        (
            "CLICOLOR_FORCE",
            "When set (and not 0), the commands colour their text even into a pipe or a file, unless NO_COLOR is set or --color never is given.",
        ),
        (
            "COPYDESK_LOG",
            "A file to log to: what the loader skipped and warned about, what the folder watcher saw and read again, and each finding of versions with its time. --verbose logs to copydesk.log in the data folder.",
        ),
        (
            "VISUAL, EDITOR, PAGER",
            "What the edit action opens the file in (VISUAL first), and what the page action pipes the article to.",
        ),
    ] {
        r.control("TP", []);
        r.text([bold(name)]);
        r.text([roman(what)]);
    }
    r.control("SH", ["EXIT STATUS"]);
    r.text([roman(
        "0 on success; 1 when search finds nothing (as grep does) or the output \
         could not be written; 2 for a usage, input or config error.",
    )]);
    r
}
