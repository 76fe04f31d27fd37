//! The `copydesk` command: the reader, or one of the commands (see `copydesk --help`).

use std::process::ExitCode;

fn main() -> ExitCode {
    copydesk::cli::run(copydesk::cli::args::Args::parse_checked())
}
