//! Headline search: ranking, smart case, several words, accents, scripts without
//! spaces or written right to left, empty and hopeless queries, narrowing, the CLI.

use std::process::Command;

use copydesk_core::Article;
use copydesk_core::search::{self, Query, SearchIndex};
use proptest::prelude::*;

const HEADLINES: &[&str] = &[
    "Peace talks resume in Geneva",
    "Tariffs on steel and aluminium kits set for sale",
    "Sochi peace talks open without the opposition",
    "Man Utd win the derby at home",
    "Zürich bank raises rates",
    "Peace talks resume in Geneva after a long and difficult winter of delays",
    "東京で新しい図書館が開館",
    "افتتاح معرض الكتاب في المدينة القديمة",
    "NASA delays launch",
    "nasa budget cut",
];

fn articles() -> Vec<Article> {
    let files: Vec<(String, String)> = HEADLINES
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (
                format!("{i:02}.md"),
                format!(
                    "---\ntitle: {h}\ndate: 2024-01-{:02}\n---\n\nBody.\n",
                    i + 1
                ),
            )
        })
        .collect();
    let (a, _) =
        copydesk_core::load::load_memory(files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())));
    a
}

fn titles(arts: &[Article], q: &str) -> Vec<String> {
    let index = SearchIndex::build(arts);
    let query = Query::parse(q);
    let ids = index.matching(&query, None);
    index
        .rank(&query, &ids)
        .iter()
        .map(|h| arts[h.id as usize].title.to_string())
        .collect()
}

#[test]
fn ranking_sanity() {
    let arts = articles();
    let got = titles(&arts, "talks");
    // A whole word beats letters scattered through a headline; of two headlines
    // with the same match, the shorter ranks first.
    assert_eq!(got[0], "Peace talks resume in Geneva");
    assert_eq!(got[1], "Sochi peace talks open without the opposition");
    assert_eq!(
        got[2],
        "Peace talks resume in Geneva after a long and difficult winter of delays"
    );
    assert!(got.contains(&"Tariffs on steel and aluminium kits set for sale".to_string()));
    assert_eq!(
        got.last().unwrap(),
        "Tariffs on steel and aluminium kits set for sale"
    );
    assert_eq!(titles(&arts, "mnutd")[0], "Man Utd win the derby at home");
}

#[test]
fn smart_case_words_and_accents() {
    let arts = articles();
    let lower = titles(&arts, "nasa");
    assert!(lower.contains(&"NASA delays launch".to_string()));
    assert!(lower.contains(&"nasa budget cut".to_string()));
    assert_eq!(titles(&arts, "NASA"), vec!["NASA delays launch"]);
    // Several words match in any order.
    assert_eq!(
        titles(&arts, "talks sochi"),
        vec!["Sochi peace talks open without the opposition"]
    );
    assert_eq!(
        titles(&arts, "sochi talks"),
        vec!["Sochi peace talks open without the opposition"]
    );
    assert_eq!(titles(&arts, "Zurich"), vec!["Zürich bank raises rates"]);
    assert_eq!(titles(&arts, "zurich"), vec!["Zürich bank raises rates"]);
    assert!(titles(&arts, "xyzzy").is_empty());
}

#[test]
fn empty_query_lists_everything_in_order() {
    let arts = articles();
    let index = SearchIndex::build(&arts);
    let q = Query::parse("   ");
    let ids = index.matching(&q, None);
    let hits = index.rank(&q, &ids);
    assert_eq!(
        hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        (0..HEADLINES.len() as u32).collect::<Vec<_>>()
    );
}

#[test]
fn indices_are_character_positions() {
    let arts = articles();
    let index = SearchIndex::build(&arts);
    for (q, title) in [
        ("図書館", 6usize),
        ("المدينة", 7),
        ("zurich", 4),
        ("peace talks", 0),
    ] {
        let query = Query::parse(q);
        let ids = index.matching(&query, None);
        assert!(!ids.is_empty(), "{q}");
        let id = if q == "peace talks" { 0 } else { ids[0] };
        let idx = index.indices(&query, id);
        let chars: Vec<char> = arts[id as usize].title.chars().collect();
        assert!(idx.iter().all(|&i| i < chars.len()), "{q}: {idx:?}");
        let picked: String = idx.iter().map(|&i| chars[i]).collect();
        let _ = title;
        match q {
            "図書館" => assert_eq!(picked, "図書館"),
            "المدينة" => assert_eq!(picked, "المدينة"),
            "zurich" => assert_eq!(picked, "Zürich"),
            _ => assert_eq!(picked.replace(' ', ""), "Peacetalks"),
        }
    }
}

#[test]
fn rank_top_agrees_with_rank_on_small_sets() {
    let arts = articles();
    let index = SearchIndex::build(&arts);
    let q = Query::parse("e");
    let ids = index.matching(&q, None);
    let all = index.rank(&q, &ids);
    assert_eq!(index.rank_top(&q, &ids, 3), all[..3].to_vec());
}

#[test]
fn full_text_finds_words_in_bodies() {
    let (arts, _) = copydesk_core::load::load_memory([
        (
            "a.txt",
            "Port news\n\nDredging of the channel starts in autumn.\n".as_bytes(),
        ),
        ("b.txt", "Other news\n\nNothing about ports.\n".as_bytes()),
        (
            "c.txt",
            "Café owners protest\n\nThe CAFÉ tax doubled.\n".as_bytes(),
        ),
    ]);
    let hits = search::full_text(&arts, &Query::parse("dredging channel"));
    assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![0]);
    let hits = search::full_text(&arts, &Query::parse("cafe"));
    assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![2]);
}

fn big_articles() -> &'static [Article] {
    static ARTICLES: std::sync::OnceLock<Vec<Article>> = std::sync::OnceLock::new();
    ARTICLES.get_or_init(|| {
        let corpus = copydesk_testkit::synth::generate(&copydesk_testkit::synth::SynthOptions {
            articles: 600,
            seed: 5,
            ..Default::default()
        });
        let (a, _) = copydesk_core::load::load_memory(
            corpus
                .articles
                .iter()
                .map(|a| (a.path.as_str(), a.text.as_bytes())),
        );
        a
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Searching only the previous matches gives what a fresh search gives.
    #[test]
    fn narrowing_equals_fresh_search(typed in "[a-zA-Z ]{1,8}", split in 0usize..8) {
        let arts = big_articles();
        let index = SearchIndex::build(arts);
        let cut = split.min(typed.len());
        let (earlier, later) = (Query::parse(&typed[..cut]), Query::parse(&typed));
        prop_assert!(later.narrows(&earlier));
        let first = index.matching(&earlier, None);
        let narrowed = index.matching(&later, Some(&first));
        let fresh = index.matching(&later, None);
        prop_assert_eq!(&narrowed, &fresh);
        prop_assert_eq!(index.rank(&later, &narrowed), index.rank(&later, &fresh));
    }
}

#[test]
fn cli_json_shape() {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["search", "strke", "--format", "json", "--limit", "2"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["matches", "query", "total"]);
    assert_eq!(v["query"], "strke");
    assert_eq!(v["total"], 7);
    let matches = v["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 2);
    for m in matches {
        let mut k: Vec<&String> = m.as_object().unwrap().keys().collect();
        k.sort();
        assert_eq!(k, ["id", "indices", "path", "score", "title"]);
        let title: Vec<char> = m["title"].as_str().unwrap().chars().collect();
        let picked: String = m["indices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| title[i.as_u64().unwrap() as usize])
            .collect();
        assert_eq!(picked.to_lowercase(), "strke");
    }
    assert!(matches[0]["score"].as_i64() >= matches[1]["score"].as_i64());
}

#[test]
fn one_pass_search_agrees_with_its_parts() {
    let arts = big_articles();
    let index = SearchIndex::build(arts);
    for q in ["a", "talks", "Union", "xq", "strike l"] {
        let query = Query::parse(q);
        let step = index.search(&query, None, 20);
        let ids = index.matching(&query, None);
        assert_eq!(step.matches, ids, "{q}");
        assert_eq!(step.top, index.rank_top(&query, &ids, 20), "{q}");
        let exact = index.rank(&query, &ids);
        assert_eq!(step.top.first(), exact.first(), "{q}");
    }
}

#[test]
fn cli_search_takes_the_prompt_filters() {
    let run = |q: &str| {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["search", q, "--format", "json", "--limit", "0"])
            .output()
            .unwrap()
    };
    let json = |q: &str| -> serde_json::Value {
        let out = run(q);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let paths = |v: &serde_json::Value| -> Vec<String> {
        v["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["path"].as_str().unwrap().to_string())
            .collect()
    };
    // Words and a source filter together; the filter alone; words alone match more.
    let both = json("museum source:courier");
    assert_eq!(both["query"], "museum source:courier");
    assert!(
        paths(&both).iter().all(|p| p.starts_with("courier/")),
        "{both}"
    );
    assert!(both["total"].as_u64().unwrap() >= 1);
    let words = json("museum");
    assert!(words["total"].as_u64() > both["total"].as_u64());
    let dated = json("since:2026-07-01 until:2026-09-30");
    assert!(dated["total"].as_u64().unwrap() >= 1);
    let store = copydesk::demo::store();
    for p in paths(&dated) {
        let id = store.find_path(&p).unwrap();
        let d = store.get(id).unwrap().date.unwrap().to_string();
        assert!(
            ("2026-07-01"..="2026-09-30").contains(&d.as_str()),
            "{p} {d}"
        );
    }
    // A filter that is not one says how to write it, and fails.
    let bad = run("since:soon");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a date"));
}

fn index_of(headlines: &[&str]) -> SearchIndex {
    let files: Vec<(String, String)> = headlines
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (
                format!("{i:02}.md"),
                format!("---\ntitle: {h}\n---\n\nBody.\n"),
            )
        })
        .collect();
    let (a, _) =
        copydesk_core::load::load_memory(files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())));
    SearchIndex::build(&a)
}

#[test]
fn a_capital_keeps_case_only_against_headlines_not_in_capitals() {
    let index = index_of(&[
        "OPEC AGREES TO CUT OUTPUT",
        "Opec meets in Vienna",
        "open talks on cocoa",
        "CBT KILO GOLD VOLUME/OPEN INTEREST",
        "ZURICH BANKS REPORT",
        "Zürich bank merger",
        "Cafe\u{301} owners protest",
    ]);
    let found = |q: &str| index.matching(&Query::parse(q), None);
    assert_eq!(
        found("Opec"),
        [0, 1],
        "the capitals and the cased, not `open`"
    );
    assert_eq!(found("Zürich"), [4, 5]);
    assert_eq!(found("Zurich"), [4, 5]);
    assert_eq!(found("zurich"), [4, 5]);
    assert_eq!(found("Cafe\u{301}"), [6], "a decomposed accent typed");
    assert_eq!(found("café"), [6]);
    let q = Query::parse("Opec");
    let ranked = index.rank(&q, &found("Opec"));
    assert_eq!(ranked.len(), 2);
    let step = index.search(&q, None, 10);
    assert_eq!(step.matches, [0, 1]);
    assert_eq!(step.top.len(), 2);
    assert_eq!(index.indices(&q, 0), [0, 1, 2, 3]);
}

#[test]
fn cli_search_takes_path_and_mark_filters() {
    let data = tempfile::tempdir().unwrap();
    let run = |q: &str| {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["search", q, "--format", "json", "--limit", "0"])
            .env("COPYDESK_DATA_DIR", data.path())
            .output()
            .unwrap()
    };
    let total = |q: &str| -> u64 {
        let out = run(q);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["total"].as_u64().unwrap()
    };
    assert_eq!(total("path:courier"), 6);
    assert_eq!(total("is:unread"), 30, "nothing read yet");
    assert_eq!(total("is:starred"), 0);
    assert_eq!(total("since:1 Jan 2026 path:courier"), 4);
    assert!(
        !data.path().join("marks.db").exists(),
        "search writes no marks"
    );
}

#[test]
fn cli_matches_carry_the_ids_of_the_whole_folder() {
    // The search keeps only the matching rows as it reads them; the ids and
    // paths it prints are still those of the folder's full load.
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..300 {
        let title = if i % 7 == 0 {
            "Oil price cut"
        } else {
            "Bank rates steady"
        };
        let date = if i % 11 == 0 {
            "1987-02-30"
        } else {
            "1987-03-02"
        };
        lines.push_str(&format!(
            "{{\"title\":\"{title} {i}\",\"source\":\"Reuters\",\"date\":\"{date}\",\"body\":\"LONDON, March 2 - Text {i}.\"}}\n"
        ));
    }
    std::fs::write(dir.path().join("a.jsonl"), lines).unwrap();
    std::fs::write(dir.path().join("b.txt"), "OIL PRICE CUT IN FILE\n\nBody.\n").unwrap();
    let v = copydesk_testkit::run::json_of(
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("search")
            .arg(dir.path())
            .args(["oil cut", "--format", "json", "--limit", "100"]),
    );
    let store = copydesk_core::store::Store::load(dir.path()).unwrap();
    let want = store
        .articles()
        .iter()
        .filter(|a| a.title.to_lowercase().contains("oil"))
        .count();
    assert_eq!(v["total"], want);
    let matches = v["matches"].as_array().unwrap();
    assert_eq!(matches.len(), want);
    for m in matches {
        let a = &store.articles()[m["id"].as_u64().unwrap() as usize];
        assert_eq!(m["title"], &*a.title);
        assert_eq!(m["path"], a.location.to_string());
    }
}
