//! `copydesk config check|path|default`.

use std::path::Path;
use std::process::ExitCode;

use super::USAGE;
use super::args::ConfigCommand;
use crate::config::{self, Config};

/// A path as it may be shown on a terminal.
fn shown(p: &Path) -> String {
    copydesk_core::text::display::display_line(&p.display().to_string()).into_owned()
}

/// Runs `copydesk config WHAT`, with the `--config` file if one was given.
pub fn run(what: ConfigCommand, explicit: Option<&Path>) -> ExitCode {
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
                    shown(p),
                    if p.is_file() {
                        "  ← used"
                    } else {
                        "  (missing)"
                    }
                );
                return ExitCode::SUCCESS;
            }
            for (p, why) in config::search_paths() {
                let mark = if used.is_none() && p.is_dir() {
                    used = Some(p.clone());
                    "  ← a folder, not a file: copydesk stops with an error"
                } else if used.is_none() && p.exists() {
                    used = Some(p.clone());
                    "  ← used"
                } else if p.exists() {
                    ""
                } else {
                    "  (not there)"
                };
                println!("{}  [{why}]{mark}", shown(&p));
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
                    println!("{}: ok", shown(&p));
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
