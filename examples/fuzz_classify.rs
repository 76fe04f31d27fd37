//! Sorts a fuzzer's crash artifacts by panic message, so a few hundred
//! crashes become a short list of distinct failures, each with its smallest
//! input.
//!
//! Usage: `cargo run --release --example fuzz_classify -- DIR TARGET`, where
//! TARGET is one of parse_article, sentences, compare, config, keys. Prints
//! nothing when every input in DIR now passes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(target)) = (args.next(), args.next()) else {
        eprintln!("usage: fuzz_classify DIR parse_article|sentences|compare|config|keys");
        return ExitCode::from(2);
    };
    let run: fn(&[u8]) = match target.as_str() {
        "parse_article" => copydesk_testkit::fuzzing::parse_article,
        "sentences" => copydesk_testkit::fuzzing::sentences,
        "compare" => copydesk_testkit::fuzzing::compare,
        "config" => copydesk_testkit::fuzzing::config,
        "keys" => copydesk_testkit::fuzzing::keys,
        other => {
            eprintln!("unknown target {other:?}");
            return ExitCode::from(2);
        }
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{dir}: {e}");
            return ExitCode::from(2);
        }
    };
    std::panic::set_hook(Box::new(|_| {}));
    // First line of the panic message -> (how many inputs, smallest input).
    let mut failures: BTreeMap<String, (usize, PathBuf, usize)> = BTreeMap::new();
    for path in entries.flatten().map(|e| e.path()) {
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        let Err(panic) = std::panic::catch_unwind(|| run(&data)) else {
            continue;
        };
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        let key: String = message
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(90)
            .collect();
        let entry = failures.entry(key).or_insert((0, path.clone(), data.len()));
        entry.0 += 1;
        if data.len() < entry.2 {
            entry.1 = path;
            entry.2 = data.len();
        }
    }
    for (message, (count, smallest, _)) in &failures {
        println!("{count:4}  {message}\n      {}", smallest.display());
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
