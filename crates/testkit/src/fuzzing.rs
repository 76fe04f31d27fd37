//! The bodies of the fuzz targets in `fuzz/`, kept in the library so that the
//! inputs the fuzzer found are replayed by the normal test run
//! (`tests/fuzz_regressions.rs`). Each takes arbitrary bytes, must not panic, and
//! checks the invariants its part of the engine promises.

use std::path::Path;

use copydesk::config::Config;
use copydesk::keys;
use copydesk_core::compare::{self, CompareOptions, Doc, SideInfo};
use copydesk_core::text::{normalize, sentences, tokens, width, wrap};

/// The file kinds an arbitrary input is parsed as.
const KINDS: [&str; 7] = [
    "a.txt", "a.md", "a.json", "a.jsonl", "a.text", "a.rss", "a.html",
];

/// Parses `data` as every supported file kind.
pub fn parse_article(data: &[u8]) {
    for name in KINDS {
        let (articles, skipped) = copydesk_core::load::load_memory([(name, data)]);
        for a in &articles {
            assert!(!a.title.trim().is_empty(), "an article without a headline");
            assert!(
                !a.title.chars().any(|c| c.is_control()),
                "a control character in the headline {:?}",
                a.title
            );
            assert!(
                a.paragraphs().all(|p| !p.trim().is_empty()),
                "an empty paragraph"
            );
        }
        for s in &skipped {
            assert!(!s.reason.to_string().is_empty());
        }
    }
}

/// Splits `data` (as text) into sentences and tokens, normalises the tokens,
/// and wraps and cuts the text to a few widths.
pub fn sentences(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut end = 0;
    for r in sentences::split(&text) {
        assert!(r.start >= end && r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        end = r.end;
    }
    let mut end = 0;
    tokens::for_each(&text, |r| {
        assert!(r.start >= end && r.start < r.end && r.end <= text.len());
        let _ = normalize::word(&text[r.clone()]);
        end = r.end;
    });
    for cells in [1, 2, 7, 40] {
        for line in wrap::wrap(&[(text.as_ref(), ())], cells) {
            let w = wrap::line_width(&line);
            let graphemes = line
                .iter()
                .map(|(t, _)| {
                    unicode_segmentation::UnicodeSegmentation::graphemes(t.as_str(), true).count()
                })
                .sum::<usize>();
            assert!(
                w <= cells || graphemes == 1,
                "a line of {w} cells in {cells}"
            );
        }
        assert!(width::width(&width::truncate(&text, cells)) <= cells);
        assert_eq!(width::width(&width::fit(&text, cells)), cells);
    }
}

/// Compares the two texts `data` holds (split at its first NUL byte), both
/// ways, and lays the comparison out at a few widths.
pub fn compare(data: &[u8]) {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let left = String::from_utf8_lossy(&data[..cut]);
    let right = String::from_utf8_lossy(data.get(cut + 1..).unwrap_or_default());
    let info = || SideInfo {
        path: String::new(),
        title: String::new(),
        words: 0,
        ..SideInfo::default()
    };
    let opts = CompareOptions::default();
    let (l, r) = (Doc::plain(&left), Doc::plain(&right));
    let c = compare::compare_docs(&l, &r, info(), info(), &opts);
    let back = compare::compare_docs(&r, &l, info(), info(), &opts);
    let s = &c.summary;
    assert!(
        (0.0..=1.0).contains(&s.new_share),
        "new share {}",
        s.new_share
    );
    assert_eq!(s.added_sentences, back.summary.dropped_sentences);
    assert_eq!(s.dropped_sentences, back.summary.added_sentences);
    for (i, row) in c.rows.iter().enumerate() {
        assert!(row.left.is_some() || row.right.is_some(), "an empty row");
        if let Some(p) = row.partner {
            assert_eq!(
                c.rows[p].partner,
                Some(i),
                "moved rows are linked both ways"
            );
        }
    }
    for w in [1u16, 40, 99, 100, 120] {
        for folded in [false, true] {
            let layout = copydesk::tui::comparison::DiffLayout::build(&c, w, folded);
            for &line in &layout.line_of_row {
                assert!(line <= layout.lines.len());
            }
        }
    }
}

/// Parses `data` (as text) as a config file; errors must say where and what.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = Config::parse(&text, Path::new("fuzz.toml")) {
        assert!(!e.0.is_empty(), "an error without a message");
        for one in &e.0 {
            assert!(one.to_string().starts_with("fuzz.toml"), "{one}");
        }
    }
}

/// Parses `data` (as text) as a key string; what parses prints back as a string
/// that parses to the same keys.
pub fn keys(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(seq) = keys::parse(&text) {
        let shown = seq.to_string();
        assert_eq!(
            keys::parse(&shown).as_ref(),
            Ok(&seq),
            "{text:?} shown as {shown:?}"
        );
    }
}
