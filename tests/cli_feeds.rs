//! Saved feeds and web pages as articles, through the built binary: an RSS feed of
//! two items, an Atom feed of one entry and a web page with its furniture list as
//! four articles, and `show`, `diff` and `search` take them like any other.

use std::path::PathBuf;
use std::process::{Command, Output};

fn copydesk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    for v in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "COPYDESK_LOG"] {
        c.env_remove(v);
    }
    c
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn list_json() -> serde_json::Value {
    let out = copydesk()
        .args(["list", "--format", "json"])
        .arg(fixtures())
        .output()
        .unwrap();
    serde_json::from_str(&ok(out)).unwrap()
}

#[test]
fn the_folder_lists_four_articles_with_their_own_titles() {
    let v = list_json();
    let articles = v["articles"].as_array().unwrap();
    let rows: Vec<(&str, &str, &str)> = articles
        .iter()
        .map(|a| {
            (
                a["path"].as_str().unwrap(),
                a["title"].as_str().unwrap(),
                a["title_rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "courier-briefs.atom#1",
                "Library extends opening hours for exam season",
                "record"
            ),
            (
                "museum-reopens.html",
                "Harbour museum reopens after five-year restoration",
                "page"
            ),
            (
                "northwire-world.rss#1",
                "Dock workers end nine-day strike at Rivermouth port",
                "record"
            ),
            (
                "northwire-world.rss#2",
                "Rail link to the coast reopens after storm repairs",
                "record"
            ),
        ]
    );
    assert!(v["skipped"].as_array().unwrap().is_empty());
    assert!(v["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn feed_items_are_dated_and_sourced_from_the_feed() {
    let v = list_json();
    let by_path = |p: &str| {
        v["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["path"] == p)
            .unwrap()
            .clone()
    };
    let strike = by_path("northwire-world.rss#1");
    assert_eq!(strike["source"], "Northwire World News");
    // 23:30 at -05:00 on March 5 is March 5, as written, not March 6 in UTC.
    assert_eq!(strike["date"], "2024-03-05");
    assert_eq!(strike["date_from"], "metadata");
    assert_eq!(strike["dateline"], "RIVERMOUTH");
    assert_eq!(strike["tags"], serde_json::json!(["Labour"]));
    let rail = by_path("northwire-world.rss#2");
    assert_eq!(rail["source"], "Northwire World News");
    assert_eq!(rail["date"], "2024-03-04");
    let library = by_path("courier-briefs.atom#1");
    assert_eq!(library["source"], "The Rivermouth Courier: Briefs");
    assert_eq!(library["date"], "2024-03-06");
    let page = by_path("museum-reopens.html");
    assert_eq!(page["source"], "The Rivermouth Courier");
    assert_eq!(page["date"], "2024-03-02");
    assert_eq!(page["lang"], "en");
    // The text list shows the same, one row each.
    let text = ok(copydesk().arg("list").arg(fixtures()).output().unwrap());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[2].contains("Northwire World") && lines[2].contains("2024-03-05"));
    assert_eq!(lines[4], "4 articles, 0 skipped");
}

#[test]
fn show_prints_the_page_without_its_furniture() {
    let text = ok(copydesk()
        .arg("show")
        .arg(fixture("museum-reopens.html"))
        .output()
        .unwrap());
    assert!(text.starts_with("Harbour museum reopens after five-year restoration\n"));
    assert!(
        text.contains("The Rivermouth Courier · 2024-03-02"),
        "{text}"
    );
    assert!(text.contains("By Lena Brandt"), "{text}");
    assert!(text.contains("reopened its doors on Saturday"), "{text}");
    assert!(text.contains("Entry will be free for residents"), "{text}");
    for furniture in [
        "dataLayer",
        "TRACKING",
        "font-family",
        "Subscribe today",
        "Sport",
        "cookies",
        "Accept all",
        "All rights reserved",
        "Related stories",
        "Ferry timetable",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} shown:\n{text}");
    }
    let v: serde_json::Value = serde_json::from_str(&ok(copydesk()
        .args(["show", "--format", "json"])
        .arg(fixture("museum-reopens.html"))
        .output()
        .unwrap()))
    .unwrap();
    assert_eq!(v["byline"], "Lena Brandt");
    assert_eq!(v["url"], "https://courier.example/culture/museum-reopens");
    assert_eq!(v["blocks"].as_array().unwrap().len(), 4, "{v}");
}

#[test]
fn record_paths_of_feeds_work_in_show_and_diff() {
    let rss = fixture("northwire-world.rss");
    let text = ok(copydesk()
        .arg("show")
        .arg(format!("{rss}#1"))
        .output()
        .unwrap());
    assert!(text.starts_with("Dock workers end nine-day strike at Rivermouth port\n"));
    assert!(text.contains("https://northwire.example/world/rivermouth-strike-ends"));
    // The table in the item's HTML is kept as lines, never reflowed.
    assert!(
        text.contains("\nTerminal          Ships waiting\n"),
        "{text}"
    );
    assert!(text.contains("\nContainer basin   24\n"), "{text}");
    // A feed of two items named without one is ambiguous.
    let out = copydesk().arg("show").arg(&rss).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds 2 records"));
    // An Atom feed of one entry is that entry.
    let one = ok(copydesk()
        .arg("show")
        .arg(fixture("courier-briefs.atom"))
        .output()
        .unwrap());
    assert!(one.starts_with("Library extends opening hours"));
    let v: serde_json::Value = serde_json::from_str(&ok(copydesk()
        .args(["diff", "--format", "json"])
        .arg(format!("{rss}#1"))
        .arg(format!("{rss}#2"))
        .output()
        .unwrap()))
    .unwrap();
    assert_eq!(v["left"]["path"], "northwire-world.rss#1");
    assert_eq!(v["right"]["path"], "northwire-world.rss#2");
    assert!(v["summary"]["added_sentences"].as_u64().unwrap() > 0);
}

#[test]
fn search_finds_feed_items_and_pages() {
    let out = copydesk()
        .arg("search")
        .arg(fixtures())
        .args(["museum", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&ok(out)).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["matches"][0]["path"], "museum-reopens.html");
    let out = copydesk()
        .arg("search")
        .arg(fixtures())
        .args(["cranes", "--full-text", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&ok(out)).unwrap();
    assert_eq!(v["matches"][0]["path"], "northwire-world.rss#1");
}

#[test]
fn an_xml_file_that_is_no_feed_is_skipped_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sitemap.xml"), "<urlset><url/></urlset>").unwrap();
    std::fs::write(
        dir.path().join("empty.rss"),
        "<rss version=\"2.0\"><channel><title>x</title></channel></rss>",
    )
    .unwrap();
    let out = copydesk().arg("list").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sitemap.xml: not an RSS or Atom feed"),
        "{err}"
    );
    assert!(err.contains("empty.rss: empty"), "{err}");
}
