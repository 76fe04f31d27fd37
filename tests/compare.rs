//! Comparing versions: our own pairs from the demo corpus, the seed pair when
//! present, quality on generated pairs with known edits, and properties that must
//! hold for any input.

use std::collections::HashMap;
use std::path::Path;

use copydesk_core::Article;
use copydesk_core::compare::{
    self, CompareOptions, Comparison, Doc, Op, Row, RowKind, SideInfo, UnitKind,
};
use copydesk_testkit::synth::{self, SynthOptions, eval};
use proptest::prelude::*;

fn demo(path: &str) -> Article {
    let store = copydesk::demo::store();
    let id = store
        .find_path(path)
        .unwrap_or_else(|| panic!("{path} in demo"));
    store.get(id).unwrap().clone()
}

fn side_text(row: &Row, left: bool) -> String {
    let segs = if left { &row.left } else { &row.right };
    segs.iter().flatten().map(|s| s.text.as_str()).collect()
}

fn rows_of(c: &Comparison, kind: RowKind) -> Vec<&Row> {
    c.rows
        .iter()
        .filter(|r| r.kind == kind && !r.moved)
        .collect()
}

fn marked_words(row: &Row) -> usize {
    row.left
        .iter()
        .chain(row.right.iter())
        .flatten()
        .filter(|s| matches!(s.op, Op::Insert | Op::Delete))
        .count()
}

#[test]
fn newspaper_rewrite_of_the_geneva_story() {
    let c = compare::compare(
        &demo("northwire/geneva-talks.txt"),
        &demo("courier/geneva-no-ceasefire.txt"),
    );
    let added = rows_of(&c, RowKind::Added);
    assert_eq!(added.len(), 1, "{:#?}", c.rows);
    assert!(side_text(added[0], false).starts_with("The dispute over the border dates back"));
    let dropped: Vec<String> = rows_of(&c, RowKind::Dropped)
        .iter()
        .map(|r| side_text(r, true))
        .collect();
    assert_eq!(dropped.len(), 2);
    assert!(dropped[0].starts_with("A U.N. spokeswoman said"));
    assert!(dropped[1].starts_with("Reporting by Ana Petrescu"));
    // The moved sentence shows at both places, linked, with only spelling changed.
    let moved: Vec<&Row> = c.rows.iter().filter(|r| r.moved).collect();
    assert_eq!(moved.len(), 2);
    assert!(side_text(moved[0], false).starts_with("Aid agencies said"));
    assert_eq!(moved[0].kind, RowKind::Minor);
    assert_eq!(
        moved[0].partner,
        Some(
            c.rows
                .iter()
                .position(|r| std::ptr::eq(r, moved[1]))
                .unwrap()
        )
    );
    // Spelling, quotes and `U.N.`/`UN` differences are minor, never marked words.
    for row in c.rows.iter().filter(|r| r.kind == RowKind::Minor) {
        assert_eq!(marked_words(row), 0);
    }
    let envoy = c
        .rows
        .iter()
        .find(|r| side_text(r, true).starts_with("The U.N. special envoy"))
        .unwrap();
    assert_eq!(envoy.kind, RowKind::Minor);
    let minor: Vec<&str> = envoy
        .right
        .iter()
        .flatten()
        .filter(|s| s.op == Op::Minor)
        .map(|s| s.text.trim())
        .collect();
    assert_eq!(minor, vec!["UN"]);
    // The lead was merged from two sentences into one: one row holds both.
    assert_eq!(c.rows[0].kind, RowKind::Changed);
    assert!(side_text(&c.rows[0], false).contains("this week. The conflict"));
    assert_eq!(c.summary.moved_sentences, 1);
    assert_eq!(c.summary.added_sentences, 1);
    assert_eq!(c.summary.dropped_sentences, 2);
}

#[test]
fn reordered_rewrite_with_added_context() {
    let c = compare::compare(
        &demo("northwire/rivermouth-strike.txt"),
        &demo("courier/dockers-walk-out.md"),
    );
    let added = rows_of(&c, RowKind::Added);
    assert_eq!(added.len(), 2, "{:#?}", c.rows);
    assert!(side_text(added[0], false).starts_with("The dispute has been simmering"));
    let two_thousand = c
        .rows
        .iter()
        .find(|r| side_text(r, true).starts_with("The union representing"))
        .unwrap();
    assert_eq!(
        two_thousand.kind,
        RowKind::Minor,
        "2,400 and 2400 are one number"
    );
    assert!(c.rows.iter().any(|r| r.moved));
    let dropped: Vec<String> = rows_of(&c, RowKind::Dropped)
        .iter()
        .map(|r| side_text(r, true))
        .collect();
    assert!(
        dropped
            .iter()
            .any(|d| d.starts_with("The strike is the first at Rivermouth"))
    );
}

#[test]
fn seed_rewrite_pair_when_present() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        return;
    }
    let store = copydesk_core::Store::load(&seeds).unwrap();
    let c = compare::compare(&store.articles()[0], &store.articles()[1]);
    let added: Vec<String> = rows_of(&c, RowKind::Added)
        .iter()
        .map(|r| side_text(r, false))
        .collect();
    assert_eq!(added.len(), 5, "{added:#?}");
    for start in [
        "The chances of the Sochi-hosted",
        "The talks are already being boycotted",
        "The opposition has made similar",
        "The aim of the Tuesday congress",
        "The Kremlin has downplayed",
    ] {
        assert!(added.iter().any(|a| a.starts_with(start)), "{start}");
    }
    let dropped: Vec<String> = rows_of(&c, RowKind::Dropped)
        .iter()
        .map(|r| side_text(r, true))
        .collect();
    assert_eq!(dropped.len(), 3, "{dropped:#?}");
    assert!(dropped.iter().any(|d| d.starts_with("Russia has invited")));
    assert!(
        dropped
            .iter()
            .any(|d| d.starts_with("France and Britain have backed"))
    );
    assert!(dropped.iter().any(|d| d.starts_with("Reporting by")));
    // Typo-level fixes (a misspelt place, a word split by a stray colon) are minor:
    // no letter of those sentences is marked inserted or deleted.
    let slips: Vec<&Row> = c
        .rows
        .iter()
        .filter(|r| {
            let l = side_text(r, true);
            l.contains("Sotchi") || l.contains("Quote: d")
        })
        .collect();
    assert_eq!(slips.len(), 2);
    for r in slips {
        assert_eq!(r.kind, RowKind::Minor, "{}", side_text(r, true));
        let marked = r.left.iter().chain(&r.right).flatten();
        assert!(
            marked
                .into_iter()
                .all(|s| !matches!(s.op, Op::Insert | Op::Delete))
        );
    }
    for row in &c.rows {
        let l = side_text(row, true);
        if l.starts_with("“All other initiatives") || l.starts_with("“We urge Russia") {
            assert_eq!(row.kind, RowKind::Minor, "{l}");
        }
        if l.starts_with("Western powers") {
            let marked: Vec<&str> = row
                .right
                .iter()
                .flatten()
                .filter(|s| s.op == Op::Insert)
                .map(|s| s.text.trim())
                .collect();
            assert_eq!(marked, vec!["regime head"]);
        }
    }
}

#[test]
fn quality_on_generated_pairs() {
    let corpus = synth::generate(&SynthOptions {
        articles: 1000,
        seed: 7,
        ..SynthOptions::default()
    });
    assert!(
        corpus.truth.pairs.len() >= 200,
        "{}",
        corpus.truth.pairs.len()
    );
    let (articles, _) = copydesk_core::load::load_memory(
        corpus
            .articles
            .iter()
            .map(|a| (a.path.as_str(), a.text.as_bytes())),
    );
    let by_path: HashMap<String, &Article> = articles
        .iter()
        .map(|a| (a.location.to_string(), a))
        .collect();
    let mut total = eval::CompareScore::default();
    for p in &corpus.truth.pairs {
        let c = compare::compare(by_path[p.left.as_str()], by_path[p.right.as_str()]);
        total.add(&eval::score_comparison(p, &c));
    }
    assert!(total.added_f1() >= 0.95, "{total:?}");
    assert!(total.dropped_f1() >= 0.95, "{total:?}");
    assert!(total.moved_recall() >= 0.9, "{total:?}");
    assert!(total.inserted_ratio() <= 1.2, "{total:?}");
    assert!(total.inserted_ratio() >= 0.8, "{total:?}");
    assert_eq!(total.noise_words, 0, "{total:?}");
}

fn info() -> SideInfo {
    SideInfo {
        path: String::new(),
        title: String::new(),
        words: 0,
        ..SideInfo::default()
    }
}

fn cmp(a: &str, b: &str) -> Comparison {
    compare::compare_docs(
        &Doc::plain(a),
        &Doc::plain(b),
        info(),
        info(),
        &CompareOptions::default(),
    )
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Each side's rows, concatenated in row order, give that side's text back.
fn rebuilds(c: &Comparison, a: &str, b: &str) -> bool {
    let side = |left: bool| -> String {
        c.rows
            .iter()
            .filter(|r| r.unit == UnitKind::Body)
            .map(|r| side_text(r, left))
            .collect()
    };
    let body = |t: &str| -> String { Doc::plain(t).paragraphs.concat() };
    no_space(&side(true)) == no_space(&body(a)) && no_space(&side(false)) == no_space(&body(b))
}

const WORDS: &[&str] = &[
    "the",
    "talks",
    "Sochi",
    "U.N.",
    "UN",
    "favourable",
    "favorable",
    "“quoted”",
    "\"quoted\"",
    "1,600",
    "1600",
    "Mr.",
    "said",
    "Paris",
    "minister",
    "東京",
    "وزير",
    "Москва",
    "rose",
    "pct",
    "organised",
    "organized",
    "a",
    "of",
    "in",
    "peace",
    "—",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..9),
        prop::sample::select(&[".", "!", "?", "", "…"][..]),
    )
        .prop_map(|(w, end)| {
            let mut s = w.join(" ");
            if let Some(c) = s.chars().next() {
                let upper: String = c.to_uppercase().collect();
                s.replace_range(..c.len_utf8(), &upper);
            }
            s.push_str(end);
            s
        })
}

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec((sentence(), any::<bool>()), 0..10).prop_map(|ss| {
        let mut out = String::new();
        for (s, para) in ss {
            if !out.is_empty() {
                out.push_str(if para { "\n\n" } else { " " });
            }
            out.push_str(&s);
        }
        out
    })
}

fn texts(c: &Comparison, kind: RowKind, left: bool) -> Vec<String> {
    let mut v: Vec<String> = c
        .rows
        .iter()
        .filter(|r| r.kind == kind && !r.moved)
        .map(|r| no_space(&side_text(r, left)))
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn itself_is_all_kept(a in doc()) {
        let c = cmp(&a, &a);
        prop_assert!(c.rows.iter().all(|r| r.kind == RowKind::Kept && !r.moved), "{:#?}", c.rows);
    }

    #[test]
    fn reflowed_copy_is_all_kept(a in doc(), seed in any::<u64>()) {
        let mut rng = fastrand::Rng::with_seed(seed);
        let b: String = a
            .split("\n\n")
            .map(|p| p.split(' ').collect::<Vec<_>>().join(*rng.choice(&[" ", "\n", "  ", " \n  "]).unwrap()))
            .collect::<Vec<_>>()
            .join("\n\n");
        let c = cmp(&a, &b);
        prop_assert!(c.rows.iter().all(|r| r.kind == RowKind::Kept), "{:#?}", c.rows);
    }

    #[test]
    fn added_one_way_is_dropped_the_other(a in doc(), b in doc()) {
        let ab = cmp(&a, &b);
        let ba = cmp(&b, &a);
        prop_assert_eq!(texts(&ab, RowKind::Added, false), texts(&ba, RowKind::Dropped, true));
        prop_assert_eq!(texts(&ab, RowKind::Dropped, true), texts(&ba, RowKind::Added, false));
    }

    #[test]
    fn segments_rebuild_both_sides(a in doc(), b in doc()) {
        let c = cmp(&a, &b);
        prop_assert!(rebuilds(&c, &a, &b));
    }

    #[test]
    fn any_text_at_all(a in any::<String>(), b in any::<String>()) {
        let c = cmp(&a, &b);
        prop_assert!(rebuilds(&c, &a, &b));
        let c = cmp(&a, &a);
        prop_assert!(c.rows.iter().all(|r| r.kind == RowKind::Kept));
    }
}

#[test]
fn edge_cases_rebuild() {
    for (a, b) in [
        ("", ""),
        ("", "One."),
        ("word", "word"),
        ("no punctuation at all here", "no punctuation here"),
        ("東京で雨が降った。明日は晴れ。", "東京で雨。明日は晴れ。"),
        ("مرحبا بالعالم. كيف حالك؟", "كيف حالك؟ مرحبا بالعالم."),
        ("— … !", "?"),
    ] {
        let c = cmp(a, b);
        assert!(rebuilds(&c, a, b), "{a} / {b}: {:#?}", c.rows);
    }
}

#[test]
fn typo_fixes_are_minor_and_real_changes_are_not() {
    let left = "The mayor said the goverment would repay 1.2 million euros.\n\nThe fund includes the harbour.\n\nMs Jones will chair it.\n\nTalks resume in Ostrava on Monday; the Ostrava office is shut.";
    let right = "The mayor said the government would repay 1.2 million euros.\n\nThe fund excludes the harbour.\n\nMs Jonas will chair it.\n\nTalks resume in Ostrawa on Monday; the Ostrava office is shut.";
    let c = cmp(left, right);
    let kind_of = |start: &str| {
        c.rows
            .iter()
            .find(|r| side_text(r, true).starts_with(start))
            .map(|r| r.kind)
    };
    assert_eq!(kind_of("The mayor said"), Some(RowKind::Minor));
    assert_eq!(kind_of("The fund"), Some(RowKind::Changed));
    assert_eq!(kind_of("Ms Jones"), Some(RowKind::Changed));
    // The misspelt place is spelt right elsewhere in the same text.
    assert_eq!(kind_of("Talks resume"), Some(RowKind::Minor));
    assert_eq!(c.summary.changed_sentences, 2);
}
