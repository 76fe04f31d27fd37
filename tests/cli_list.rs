//! `copydesk list`: the JSON shape, the text rows, and exit codes.

use std::process::Command;

fn copydesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

#[test]
fn json_on_the_demo_corpus_has_the_documented_shape() {
    let out = copydesk()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let obj = v.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["articles", "root", "skipped", "warnings"]);
    assert!(v["root"].is_string());
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 30);
    for (i, a) in articles.iter().enumerate() {
        let mut keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "credit",
                "date",
                "date_from",
                "dateline",
                "encoding",
                "id",
                "lang",
                "path",
                "read",
                "source",
                "starred",
                "tags",
                "title",
                "title_rule",
                "words"
            ]
        );
        assert_eq!(a["id"].as_u64(), Some(i as u64));
        assert!(a["path"].is_string() && a["title"].is_string());
        assert!(a["words"].is_u64());
        assert!(a["source"].is_string() || a["source"].is_null());
        assert!(a["date"].is_string() || a["date"].is_null());
        assert_eq!(a["date"].is_null(), a["date_from"].is_null());
        assert!(
            a["date_from"].is_null()
                || ["metadata", "dateline", "text", "file"]
                    .contains(&a["date_from"].as_str().unwrap())
        );
        assert!(
            ["front-matter", "title-line", "lead", "file-name", "record"]
                .contains(&a["title_rule"].as_str().unwrap())
        );
    }
    let paths: Vec<&str> = articles
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "sorted by path");
    let strike = articles
        .iter()
        .find(|a| a["path"] == "northwire/rivermouth-strike.txt")
        .unwrap();
    assert_eq!(strike["dateline"], "RIVERMOUTH");
    assert_eq!(strike["source"], "Northwire");
    assert_eq!(strike["title_rule"], "lead");
    assert_eq!(
        strike["credit"],
        "Reporting by Ana Petrescu; editing by Jonas Reed"
    );
    assert_eq!(v["skipped"].as_array().unwrap().len(), 0);
}

#[test]
fn text_rows_and_skipped_files_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Alpha headline\n\nBody one.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "").unwrap();
    let out = copydesk().arg("list").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("Alpha headline"));
    assert!(lines[0].ends_with("a.txt"));
    assert_eq!(lines[1], "1 article, 1 skipped");
    assert!(stderr.contains("b.txt: empty"), "{stderr}");
}

#[test]
fn missing_folder_exits_with_2_and_a_clear_message() {
    let out = copydesk()
        .args(["list", "/no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("/no/such/folder: no such file or folder"),
        "{stderr}"
    );
}
