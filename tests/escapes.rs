//! Escape codes from article data never reach a terminal: a folder whose file
//! names hold ESC and BEL, and a JSON Lines file whose source, title, author, url
//! and body hold a clipboard write and other sequences, run through every text
//! and JSON output of the commands, their messages on stderr, and the reader in a
//! pseudo-terminal. No ESC or BEL byte of the data comes out; the data's
//! sequences show, if at all, as harmless text without their ESC.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';

/// The sequences the data holds, as they would reach a terminal.
fn sequences() -> Vec<String> {
    [
        "]52;c;aGk=",
        "[31mRed",
        "[2Jwiped",
        "]0;title",
        "[5mblink",
        "]8;;http://evil/",
    ]
    .iter()
    .map(|s| format!("{ESC}{s}"))
    .collect()
}

fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let e = |s: &str| {
        s.replace("<E>", &ESC.to_string())
            .replace("<B>", &BEL.to_string())
    };
    let record = |extra: &str| {
        serde_json::json!({
            "title": e("Harbour <E>]52;c;aGk=<B> strike ends <E>[2Jwiped"),
            "source": e("<E>]52;c;aGk=<B>"),
            "author": e("<E>[31mRed<B> Reporter"),
            "url": e("https://example.com/<E>]52;c;aGk=<B>"),
            "body": e(&format!("Dockers voted <E>]0;title<B> on Sunday to accept the offer. The union <E>[5mblink said the vote was close.{extra}")),
            "date": "2025-01-02",
        })
        .to_string()
    };
    std::fs::write(
        p.join("feed.jsonl"),
        format!(
            "{}\n{}\n{}\n",
            record(""),
            record(" Shipping agents said the first vessels would berth on Monday."),
            e("{not json <E>]52;c;aGk=<B>")
        ),
    )
    .unwrap();
    std::fs::write(
        p.join(e("esc<E>]52;c;aGk=<B>.txt")),
        e("Bridge repairs delayed\n\nThe old bridge <E>]8;;http://evil/<B> will stay closed.\n"),
    )
    .unwrap();
    std::fs::write(p.join(e("bel<B>.txt")), b"\x00\x01\x02\x00 binary").unwrap();
    std::fs::create_dir(p.join(e("dir<E>[31mRed"))).unwrap();
    std::fs::write(
        p.join(e("dir<E>[31mRed/front.md")),
        e("---\ntitle: [broken\n---\nBody <E>]0;title<B> text.\n"),
    )
    .unwrap();
    dir
}

/// Neither stream holds an ESC or a BEL.
fn clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !bytes.contains(&0x1b) && !bytes.contains(&0x07),
        "{what} wrote a control byte: {:?}",
        text
    );
}

fn run(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .env("COPYDESK_DATA_DIR", dir.join("..").join("escapes-data"))
        .env_remove("COPYDESK_CONFIG")
        .output()
        .unwrap()
}

#[test]
fn no_command_writes_an_escape_code_from_the_data() {
    let dir = hostile();
    let root = dir.path().to_str().unwrap().to_string();
    let rec = |n: usize| format!("{root}/feed.jsonl#{n}");
    let esc_file = format!("{root}/esc{ESC}]52;c;aGk={BEL}.txt");
    let missing = format!("{root}/gone{ESC}]52;c;aGk={BEL}.txt");
    let cases: Vec<Vec<String>> = vec![
        vec!["list".into(), root.clone()],
        vec![
            "list".into(),
            "--format".into(),
            "json".into(),
            root.clone(),
        ],
        vec!["search".into(), root.clone(), "harbour".into()],
        vec![
            "search".into(),
            "--format".into(),
            "json".into(),
            root.clone(),
            "harbour".into(),
        ],
        vec![
            "search".into(),
            "--full-text".into(),
            root.clone(),
            "dockers".into(),
        ],
        vec![
            "search".into(),
            root.clone(),
            format!("harbour{ESC}]52;c;aGk={BEL}"),
        ],
        vec!["search".into(), root.clone(), format!("since:{ESC}[2J")],
        vec!["dups".into(), root.clone()],
        vec![
            "dups".into(),
            "--format".into(),
            "json".into(),
            root.clone(),
        ],
        vec!["show".into(), rec(1)],
        vec!["show".into(), "--format".into(), "json".into(), rec(1)],
        vec!["show".into(), esc_file.clone()],
        vec!["show".into(), rec(3)],
        vec!["show".into(), missing.clone()],
        vec!["diff".into(), rec(1), rec(2)],
        vec![
            "diff".into(),
            "--format".into(),
            "json".into(),
            rec(1),
            rec(2),
        ],
        vec![
            "diff".into(),
            "--format".into(),
            "markdown".into(),
            rec(1),
            rec(2),
        ],
        vec![
            "diff".into(),
            "--format".into(),
            "html".into(),
            rec(1),
            rec(2),
        ],
        vec!["diff".into(), rec(1), missing.clone()],
        vec!["list".into(), missing.clone()],
        vec![
            "--config".into(),
            missing.clone(),
            "list".into(),
            root.clone(),
        ],
        vec!["config".into(), "check".into(), missing.clone()],
        vec![
            "--config".into(),
            missing.clone(),
            "config".into(),
            "path".into(),
        ],
    ];
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args, dir.path());
        clean(&format!("{args:?} (stdout)"), &out.stdout);
        clean(&format!("{args:?} (stderr)"), &out.stderr);
    }
    // With colour asked for, copydesk's own sequences come out, never the data's.
    for args in [
        vec!["search", "--format", "ansi", &root, "harbour"],
        vec!["show", "--format", "ansi", &rec(1)],
        vec!["diff", "--format", "ansi", &rec(1), &rec(2)],
    ] {
        let out = run(&args, dir.path());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{args:?}");
        assert!(!text.contains(BEL), "{args:?}");
        for s in sequences() {
            assert!(!text.contains(&s), "{args:?} wrote {s:?}");
        }
    }
    // JSON keeps the text, escaped as JSON.
    let out = run(&["list", "--format", "json", &root], dir.path());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\\u001b]52;c;aGk=\\u0007"), "{text}");
}

#[test]
fn the_reader_shows_no_escape_code_from_the_data() {
    let dir = hostile();
    let home = tempfile::tempdir().unwrap();
    common::write_config(home.path(), "open_command = \"true\"\n");
    let env = [("VISUAL", "false"), ("PAGER", "true")];
    let mut s = common::pty::start(&[dir.path().to_str().unwrap()], home.path(), &env);
    s.wait_for("articles");
    s.wait_for("Harbour");
    // Every view that shows the data: the list, the reader, the search prompt,
    // the boxes, the comparison, and messages quoting paths and links.
    for keys in [
        "\r",
        "j",
        "J",
        "J",
        "O",
        "e",
        "\t",
        "?",
        "q",
        "!",
        "j",
        "j",
        "q",
        "/harbour\x1b[2J",
        "\r",
        "\x1b",
        "g",
        "g",
        "c",
        "]",
        "q",
        "v",
        " ",
        "z",
    ] {
        s.send(keys);
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.send("\x03");
    s.wait_exit();
    s.assert_restored();
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(!raw.contains(BEL), "a BEL reached the terminal");
    for seq in sequences() {
        assert!(!raw.contains(&seq), "{seq:?} reached the terminal");
    }
    assert!(
        raw.contains("]52;c;aGk="),
        "the data showed, as text: {raw:?}"
    );
}
