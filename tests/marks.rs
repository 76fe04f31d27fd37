//! Marks in the marks database, through the built binary: two copydesks on one
//! data folder keep each other's stars, `list --format json` shows them, and a
//! data folder inside the article folder is refused (marks kept in memory only,
//! nothing written into the article folder).

mod common;

use std::process::Command;

use common::pty::start;

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    w(
        "a-harbour.txt",
        "Harbour strike ends after nine days\n\nDockers at Veltrona voted on Sunday to accept a new pay offer.\n",
    );
    w(
        "b-bridge.txt",
        "Bridge repairs delayed until spring\n\nThe old bridge will stay closed to cars until the spring.\n",
    );
    dir
}

/// `copydesk list --format json` with the data folder under `home`.
fn listed(dir: &std::path::Path, home: &std::path::Path) -> serde_json::Value {
    copydesk_testkit::run::json_of(
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["list", "--format", "json"])
            .arg(dir)
            .env("COPYDESK_DATA_DIR", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env_remove("COPYDESK_CONFIG"),
    )
}

#[test]
fn two_copydesks_on_one_data_folder_keep_each_others_stars() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    let arg = [dir.path().to_str().unwrap()];
    let mut one = start(&arg, home.path(), &[]);
    one.wait_for("2 articles");
    let mut two = start(&arg, home.path(), &[]);
    two.wait_for("2 articles");
    // One stars the first article, two the second; two then marks the first read
    // without having seen one's star.
    one.send("s");
    two.send("j");
    two.send("s");
    two.send("k");
    two.send("r");
    one.send("q");
    two.send("q");
    assert!(one.wait_exit().success());
    assert!(two.wait_exit().success());
    let v = listed(dir.path(), home.path());
    let marks: Vec<(String, bool, bool)> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["path"].as_str().unwrap().to_string(),
                a["read"].as_bool().unwrap(),
                a["starred"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            ("a-harbour.txt".to_string(), true, true),
            ("b-bridge.txt".to_string(), false, true)
        ]
    );
}

#[test]
fn a_data_folder_inside_the_article_folder_is_refused() {
    let dir = fixture();
    let before = common::folder_snapshot(dir.path());
    let home = tempfile::tempdir().unwrap();
    let data = dir.path().join("state");
    let mut s = start(
        &[dir.path().to_str().unwrap()],
        home.path(),
        &[("COPYDESK_DATA_DIR", data.to_str().unwrap())],
    );
    s.wait_for("2 articles");
    s.wait_for("inside the article folder");
    s.send("s");
    s.send("\r");
    s.wait_for("Dockers at Veltrona");
    assert!(
        s.contents().contains('★') || s.contents().contains('*'),
        "starred in memory"
    );
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
    assert!(!data.exists());
    assert_eq!(
        common::folder_snapshot(dir.path()),
        before,
        "nothing written"
    );
}
