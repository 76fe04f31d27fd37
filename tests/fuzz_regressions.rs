//! Replays every input kept in `tests/fuzz/<target>/`: the crashes and hangs the
//! fuzzers found (see CONTRIBUTING.md), plus a few hand-written hard cases, through
//! the same function the fuzz target calls.

use std::path::Path;

fn replay(target: &str, f: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        if let Err(e) = std::panic::catch_unwind(|| f(&data)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{name}: {msg}");
        }
        n += 1;
    }
    assert!(n > 0, "no inputs in {}", dir.display());
}

#[test]
fn parse_article() {
    replay("parse_article", copydesk_testkit::fuzzing::parse_article);
}

#[test]
fn sentences() {
    replay("sentences", copydesk_testkit::fuzzing::sentences);
}

#[test]
fn compare() {
    replay("compare", copydesk_testkit::fuzzing::compare);
}

#[test]
fn config() {
    replay("config", copydesk_testkit::fuzzing::config);
}

#[test]
fn keys() {
    replay("keys", copydesk_testkit::fuzzing::keys);
}
