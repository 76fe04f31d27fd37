//! Exported comparisons: the HTML page is well-formed, self-contained and marks
//! the same words as the comparison; the Markdown renders the same marks.

use std::path::PathBuf;
use std::process::Command;

use copydesk_core::compare::{Comparison, Doc, Op, SideInfo, compare_docs};
use copydesk_core::export;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use quick_xml::events::Event as Xml;

const LEFT: &str = "The city council approved the budget on Monday. \
    Spending on roads rises by 4 percent. \
    The mayor said the plan was \"fair\". \
    Opposition members walked out. \
    Taxes stay as they are. \
    Libraries keep their hours. \
    Parks get new lights.";

const RIGHT: &str = "The city council approved the budget on Monday after a long debate. \
    Spending on roads rises by 4 percent. \
    The mayor said the plan was \"fair\". \
    Taxes stay as they are. \
    Libraries keep their hours. \
    Parks get new lights. \
    A vote on schools <and> \"pay | rises\" follows in May & June.";

fn comparison() -> Comparison {
    let info = |p: &str, t: &str| SideInfo {
        path: p.to_string(),
        title: t.to_string(),
        words: 40,
        ..SideInfo::default()
    };
    compare_docs(
        &Doc::plain(LEFT),
        &Doc::plain(RIGHT),
        info("a/budget.txt", "Council passes budget"),
        info("b/budget <rewrite>.txt", "Budget passes & schools next"),
        &Default::default(),
    )
}

fn words(c: &Comparison, op: Op) -> Vec<String> {
    c.rows
        .iter()
        .flat_map(|r| r.left.iter().chain(r.right.iter()).flatten())
        .filter(|s| s.op == op)
        .map(|s| s.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Text inside each `<tag>` of a well-formed page; fails on any markup error.
fn elements(page: &str, tag: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(page);
    let mut out = Vec::new();
    let mut inside: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed markup") {
            Xml::Start(e) if e.name().as_ref() == tag => inside = Some(String::new()),
            Xml::End(e) if e.name().as_ref() == tag => {
                out.push(inside.take().unwrap());
            }
            Xml::Text(t) => {
                if let Some(s) = inside.as_mut() {
                    s.push_str(&t.into_inner());
                }
            }
            Xml::GeneralRef(r) => {
                if let Some(s) = inside.as_mut() {
                    let name = r.into_inner();
                    s.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "#39" => "'",
                        other => panic!("unexpected entity {other}"),
                    });
                }
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn the_html_page_is_well_formed_and_marks_what_the_comparison_marks() {
    let c = comparison();
    let page = export::html(&c);
    assert!(page.starts_with("<!DOCTYPE html>"));
    // Every added and dropped stretch is an <ins> or <del>, text escaped and back.
    let ins = elements(&page, "ins");
    let del = elements(&page, "del");
    for w in words(&c, Op::Insert) {
        assert!(ins.iter().any(|i| i.trim() == w), "{w:?} not in {ins:?}");
    }
    for w in words(&c, Op::Delete) {
        assert!(del.iter().any(|d| d.trim() == w), "{w:?} not in {del:?}");
    }
    assert!(ins.iter().any(|i| i.contains("<and> \"pay | rises\"")));
    assert!(
        del.iter()
            .any(|d| d.contains("Opposition members walked out"))
    );
    // Headers and summary, with their markup characters escaped.
    let th = elements(&page, "th").join(" ");
    assert!(th.contains("Budget passes & schools next"), "{th}");
    assert!(th.contains("b/budget <rewrite>.txt"));
    assert_eq!(elements(&page, "title").len(), 1);
    assert!(page.contains(&c.summary.line()));
    // One row per comparison row.
    assert_eq!(elements(&page, "tr").len(), c.rows.len() + 1);
}

#[test]
fn the_html_page_needs_nothing_from_anywhere() {
    let page = export::html(&comparison());
    let lower = page.to_lowercase();
    for banned in [
        "<script", "<link", "<img", "<iframe", "src=", "http://", "https://", "@import", "url(",
    ] {
        assert!(!lower.contains(banned), "the page uses {banned}");
    }
    assert!(lower.contains("<style>"), "the style sheet is inline");
    assert!(lower.contains("@media print"), "the page prints");
}

#[test]
fn markdown_renders_the_same_marks_and_folds_unchanged_runs() {
    let c = comparison();
    let md = export::markdown(&c);
    let mut strong = Vec::new();
    let mut struck = Vec::new();
    let mut cells = 0;
    let mut current: Option<(bool, String)> = None;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(&md, opts) {
        match event {
            Event::Start(Tag::Strong) => current = Some((true, String::new())),
            Event::Start(Tag::Strikethrough) => current = Some((false, String::new())),
            Event::End(TagEnd::Strong | TagEnd::Strikethrough) => {
                let (is_strong, text) = current.take().unwrap();
                if is_strong {
                    strong.push(text)
                } else {
                    struck.push(text)
                }
            }
            Event::Text(t) => {
                if let Some((_, s)) = current.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::Start(Tag::TableCell) => cells += 1,
            _ => {}
        }
    }
    for w in words(&c, Op::Insert) {
        assert!(
            strong.iter().any(|s| s.trim() == w),
            "{w:?} not bold in {strong:?}"
        );
    }
    for w in words(&c, Op::Delete) {
        assert!(
            struck.iter().any(|s| s.trim() == w),
            "{w:?} not struck in {struck:?}"
        );
    }
    // A pipe in the text stays inside its cell: every row has three cells.
    assert_eq!(cells % 3, 0, "{md}");
    // The three unchanged sentences in a row are one folded line.
    assert!(md.contains("… 3 sentences unchanged …"), "{md}");
    assert!(!md.contains("Libraries keep their hours"));
}

#[test]
fn markdown_marks_open_and_close_beside_punctuation() {
    // A clause that starts with a comma right after a word, dropped one way and
    // added the other: the marker must still open (and close) in both.
    let long = "The ferry docked in the harbour, which was closed all week. Crews waited.";
    let short = "The ferry docked in the harbour. Crews waited.";
    let side = |p: &str| SideInfo {
        path: p.into(),
        title: p.into(),
        words: 1,
        ..SideInfo::default()
    };
    for (a, b, op, tag) in [
        (long, short, Op::Delete, Tag::Strikethrough),
        (short, long, Op::Insert, Tag::Strong),
    ] {
        let c = compare_docs(
            &Doc::plain(a),
            &Doc::plain(b),
            side("a"),
            side("b"),
            &Default::default(),
        );
        let md = export::markdown(&c);
        // The summary above the table and the legend below have marks of their own.
        let table = md.split("\n**Bold**").next().unwrap();
        let table = &table[table.find('|').unwrap()..];
        let marked = Parser::new_ext(
            table,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        )
        .filter(|e| matches!(e, Event::Start(t) if *t == tag))
        .count();
        assert!(marked > 0);
        assert_eq!(marked, words(&c, op).len(), "{md}");
    }
}

#[test]
fn the_export_goes_to_the_data_folder_and_never_into_the_articles() {
    let c = comparison();
    let articles = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let written = export::write_html(&c, &data.path().join("exports"), articles.path()).unwrap();
    assert!(written.starts_with(data.path().join("exports")));
    assert_eq!(
        written.file_name().unwrap(),
        "budget--budget__rewrite_.html"
    );
    assert_eq!(std::fs::read_to_string(&written).unwrap(), export::html(&c));
    // A data folder inside the article folder is refused, and nothing is made there.
    let err =
        export::write_html(&c, &articles.path().join("exports"), articles.path()).unwrap_err();
    assert!(err.to_string().contains("never writes"), "{err}");
    assert_eq!(std::fs::read_dir(articles.path()).unwrap().count(), 0);
}

#[test]
fn copydesk_diff_writes_html_and_markdown() {
    let fixture = |f: &str| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/wire")
            .join(f)
    };
    for (format, start) in [("html", "<!DOCTYPE html>"), ("markdown", "**right adds")] {
        let out = copydesk_testkit::run::stdout_of(
            Command::new(env!("CARGO_BIN_EXE_copydesk"))
                .args(["diff", "--format", format])
                .arg(fixture("a-lyon-bridge.txt"))
                .arg(fixture("b-bridge-rewrite.txt")),
        );
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with(start),
            "{format}: {}",
            &text[..80.min(text.len())]
        );
    }
}

/// Renders the page in headless Chromium: its text must be what the comparison
/// says and a screenshot must come out. Needs Chromium, so it runs only with
/// `COPYDESK_CHROMIUM=1` (CONTRIBUTING.md says how).
#[test]
fn the_html_page_renders_in_a_browser() {
    if std::env::var_os("COPYDESK_CHROMIUM").is_none() {
        eprintln!("skipped: set COPYDESK_CHROMIUM=1 with chromium installed");
        return;
    }
    let c = comparison();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, export::html(&c)).unwrap();
    let url = format!("file://{}", page.display());
    let chromium = |args: &[&str]| {
        Command::new("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu"])
            .args(args)
            .arg(&url)
            .output()
            .expect("chromium runs")
    };
    // The rendered document holds the summary and the marked words, unmangled.
    let dom = String::from_utf8(chromium(&["--dump-dom"]).stdout).unwrap();
    assert!(dom.contains(&c.summary.line()), "{dom}");
    assert!(dom.contains("<ins>"), "{dom}");
    assert!(dom.contains("&lt;and&gt; \"pay | rises\""), "{dom}");
    // A screenshot of a real size is drawn.
    let shot = dir.path().join("shot.png");
    let out = chromium(&[
        &format!("--screenshot={}", shot.display()),
        "--window-size=1200,900",
    ]);
    assert!(shot.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    );
    assert_eq!((w, h), (1200, 900));
    assert!(
        png.len() > 20_000,
        "a page with text, not a blank: {} bytes",
        png.len()
    );
}
