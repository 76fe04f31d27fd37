//! `copydesk show`: one article as the reader shows it, or every field as JSON.

use std::process::Command;

/// A wire report written for this test: a dateline, a sign-off, and a table whose
/// columns must stay where they are.
const HARVEST: &str = "MAIZE ESTIMATES FOR THE VALLEY\n\nOSTERBURG, April 9 - The farm ministry gave the following\nestimates, in thousand tonnes, with comparisons --\n         Crop      1986/87    1985/86\n        Maize        1,204      1,150\n        Wheat          830        912\n   Barley (spring)     210        198\n    The ministry said the figures were provisional.\n Reuter\n";

fn show(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("show")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn text_keeps_a_table_as_written_and_json_gives_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("harvest.txt");
    std::fs::write(&file, HARVEST).unwrap();
    let path = file.to_str().unwrap();

    let out = show(&[path, "--format", "text"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "MAIZE ESTIMATES FOR THE VALLEY");
    assert!(
        lines[1].starts_with("OSTERBURG · Reuters · Apr 9 · ")
            && lines[1].ends_with(" words · harvest.txt"),
        "{}",
        lines[1]
    );
    assert!(
        text.contains("\n        Maize        1,204      1,150\n"),
        "{text}"
    );
    assert!(
        text.contains("\n   Barley (spring)     210        198\n"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no escape codes in text");

    let out = show(&[path, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "MAIZE ESTIMATES FOR THE VALLEY");
    assert_eq!(v["title_rule"], "title-line");
    assert_eq!(v["dateline"], "OSTERBURG");
    assert_eq!(v["dateline_text"], "OSTERBURG, April 9 -");
    assert_eq!(v["date"], "--04-09");
    assert_eq!(v["date_from"], "dateline");
    assert_eq!(v["source"], "Reuters");
    assert_eq!(v["encoding"], "utf-8");
    for key in ["byline", "credit", "lang", "url"] {
        assert!(v[key].is_null(), "{key}");
    }
    assert_eq!(v["tags"], serde_json::json!([]));
    let kinds: Vec<&str> = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["paragraph", "pre", "paragraph"]);
    let table = v["blocks"][1]["text"].as_str().unwrap();
    assert_eq!(table.lines().count(), 4);
    assert!(table.starts_with("         Crop      1986/87    1985/86\n"));
}

#[test]
fn records_are_named_as_in_diff_and_mistakes_say_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("day.jsonl");
    std::fs::write(
        &file,
        "{\"title\": \"First\", \"body\": \"One.\"}\n{\"title\": \"Second\", \"body\": \"Two.\", \"tags\": [\"port\"], \"lang\": \"en\", \"url\": \"https://example.com/2\"}\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let out = show(&[&format!("{path}#2"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Second");
    assert_eq!(v["tags"], serde_json::json!(["port"]));
    assert_eq!(v["lang"], "en");
    assert_eq!(v["url"], "https://example.com/2");
    let out = show(&[path]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("holds 2 records") && err.contains("#N"),
        "{err}"
    );
    let out = show(&[&format!("{path}#9")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no record #9"));
}
