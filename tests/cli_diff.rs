//! `copydesk diff`: JSON shape, marked text, records by line, and errors.

use std::path::PathBuf;
use std::process::Command;

fn copydesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

fn demo(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles")
        .join(path)
        .display()
        .to_string()
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn json_has_the_documented_shape() {
    let v = copydesk_testkit::run::json_of(
        copydesk()
            .args(["diff", "--format", "json"])
            .arg(demo("northwire/geneva-talks.txt"))
            .arg(demo("courier/geneva-no-ceasefire.txt")),
    );
    assert_eq!(keys(&v), ["left", "right", "rows", "summary"]);
    assert_eq!(
        keys(&v["left"]),
        ["date", "dateline", "path", "title", "words"]
    );
    assert_eq!(v["left"]["path"], "geneva-talks.txt");
    assert_eq!(
        keys(&v["summary"]),
        [
            "added_sentences",
            "added_words",
            "changed_sentences",
            "dropped_sentences",
            "dropped_words",
            "kept_sentences",
            "minor_sentences",
            "moved_sentences",
            "new_share"
        ]
    );
    assert_eq!(v["summary"]["added_sentences"], 1);
    assert!(v["summary"]["new_share"].as_f64().unwrap() > 0.0);
    let rows = v["rows"].as_array().unwrap();
    for row in rows {
        assert_eq!(
            keys(row),
            ["kind", "left", "moved", "partner", "right", "unit"]
        );
        for side in ["left", "right"] {
            if let Some(segs) = row[side].as_array() {
                for s in segs {
                    assert_eq!(keys(s), ["op", "text"]);
                    assert!(
                        ["equal", "insert", "delete", "minor"].contains(&s["op"].as_str().unwrap())
                    );
                }
            } else {
                assert!(row[side].is_null());
            }
        }
    }
    let kinds: Vec<&str> = rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    for k in ["changed", "minor", "added", "dropped"] {
        assert!(kinds.contains(&k), "{k}");
    }
}

#[test]
fn text_marks_insertions_and_deletions() {
    let out = copydesk()
        .args(["diff", "--format", "text", "--width", "100"])
        .arg(demo("northwire/kestrel-brightline.txt"))
        .arg(demo("northwire/kestrel-brightline-corrected.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "right adds 1 sentence (14 words, 10%), drops 0, rewrites 1, moves 0"
    );
    assert!(text.contains("[-1.2-]"), "{text}");
    assert!(text.contains("{+1.25+}"), "{text}");
    assert!(text.contains("{+CORRECTED+}"), "{text}");
    assert!(text.contains("{+(Corrects deal value"), "{text}");
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100),
        "{text}"
    );
}

#[test]
fn a_record_by_line_and_clear_errors() {
    let feed = demo("feeds/wire-feed.jsonl");
    let v = copydesk_testkit::run::json_of(
        copydesk()
            .args(["diff", "--format", "json"])
            .arg(format!("{feed}#1"))
            .arg(format!("{feed}#2")),
    );
    assert_eq!(v["right"]["path"], "wire-feed.jsonl#2");

    let out = copydesk().args(["diff", &feed, &feed]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds 4 records"));

    let out = copydesk()
        .args(["diff", "/no/such.txt", &demo("northwire/oster-flood.txt")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such.txt: no such file"));

    let out = copydesk()
        .args(["diff", &format!("{feed}#9"), &feed])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no record #9"));
}

#[test]
fn a_re_send_with_another_dateline_says_so_in_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Acme Corp said it would buy Widget Co for 10 mln dlrs in cash.\n    The deal needs the approval of shareholders of both companies.\n Reuter\n";
    std::fs::write(
        dir.path().join("a.txt"),
        format!("ACME TO BUY WIDGET\n\nBOSTON, Feb 27 - {body}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        format!("ACME TO BUY WIDGET\n\nBOSTON, March 2 - {body}"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("diff")
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .args(["--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let second = text.lines().nth(1).unwrap();
    assert_eq!(
        second, "dateline BOSTON, Feb 27 → BOSTON, March 2",
        "{text}"
    );
    let json = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("diff")
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["left"]["date"], "Feb 27");
    assert_eq!(v["right"]["dateline"], "BOSTON, March 2");
}
