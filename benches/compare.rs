//! Comparison quality on generated rewrite pairs with known edits, and speed on long
//! documents. `cargo bench --bench compare`.

mod support;

use std::collections::HashMap;

use copydesk_core::article::Article;
use copydesk_core::compare::{self, CompareOptions, Doc, SideInfo};
use copydesk_testkit::synth::eval::{CompareScore, score_comparison};

fn main() {
    let corpus = support::generate(4000, 42);
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
    let mut total = CompareScore::default();
    let mut per_kind: HashMap<String, CompareScore> = HashMap::new();
    // Baseline: a plain word diff of the two bodies (what wdiff or `similar` on
    // words does), counting the words it marks inserted.
    let mut baseline_inserted = 0usize;
    for p in &corpus.truth.pairs {
        let (a, b) = (by_path[p.left.as_str()], by_path[p.right.as_str()]);
        let d = similar::TextDiff::from_words(a.body.as_ref(), b.body.as_ref());
        baseline_inserted += d
            .iter_all_changes()
            .filter(|c| c.tag() == similar::ChangeTag::Insert && !c.value().trim().is_empty())
            .count();
    }
    for p in &corpus.truth.pairs {
        let c = compare::compare(by_path[p.left.as_str()], by_path[p.right.as_str()]);
        let s = score_comparison(p, &c);
        total.add(&s);
        per_kind.entry(format!("{:?}", p.kind)).or_default().add(&s);
    }
    println!(
        "quality on {} generated version pairs:",
        corpus.truth.pairs.len()
    );
    let show = |name: &str, s: &CompareScore| {
        println!(
            "  {name:<8} added F1 {:.3}  dropped F1 {:.3}  moved recall {:.3}  inserted words marked/true {:.3} ({}/{})  noise words {}",
            s.added_f1(),
            s.dropped_f1(),
            s.moved_recall(),
            s.inserted_ratio(),
            s.inserted_marked,
            s.inserted_truth,
            s.noise_words
        );
    };
    show("all", &total);
    println!(
        "  baseline word diff (similar, words of the whole body) marks {baseline_inserted} words inserted: {:.2} x the {} truly inserted",
        baseline_inserted as f64 / total.inserted_truth.max(1) as f64,
        total.inserted_truth
    );
    let mut kinds: Vec<_> = per_kind.iter().collect();
    kinds.sort_by_key(|(k, _)| k.to_string());
    for (k, s) in kinds {
        show(k, s);
    }

    // Long documents: originals joined into one, against their rewrites joined.
    let rewrites: Vec<_> = corpus
        .truth
        .pairs
        .iter()
        .filter(|p| p.kind == copydesk_testkit::synth::EditKind::Rewrite)
        .collect();
    for target in [1_000usize, 2_000, 20_000, 200_000] {
        let mut left: Vec<&str> = Vec::new();
        let mut right: Vec<&str> = Vec::new();
        let mut words = 0usize;
        let mut k = 0;
        while words < target {
            let p = rewrites[k % rewrites.len()];
            k += 1;
            let (a, b) = (by_path[p.left.as_str()], by_path[p.right.as_str()]);
            left.extend(a.paragraphs());
            right.extend(b.paragraphs());
            words += a.words as usize;
        }
        let info = || SideInfo {
            path: String::new(),
            title: String::new(),
            words: 0,
            ..SideInfo::default()
        };
        let (l, r) = (
            Doc {
                headline: None,
                paragraphs: left,
                pre: Vec::new(),
                credit: None,
            },
            Doc {
                headline: None,
                paragraphs: right,
                pre: Vec::new(),
                credit: None,
            },
        );
        let runs = if target >= 200_000 { 3 } else { 21 };
        let (t, c) = support::median(runs, || {
            compare::compare_docs(&l, &r, info(), info(), &CompareOptions::default())
        });
        println!(
            "compare two ~{target}-word documents ({words} words left, {} rows): {}",
            c.rows.len(),
            support::ms(t)
        );
    }
}
