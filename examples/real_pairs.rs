//! Scores version finding against the hand-labelled real pairs in
//! `tests/data/real_pairs.tsv`: precision and recall overall, and per kind of pair,
//! on the Reuters-21578 folder the pairs come from.
//!
//! ```text
//! cargo run --release --example real_pairs -- [CORPUS] [--split dev|holdout|all] [--list]
//! ```
//!
//! CORPUS defaults to `../shared/corpora/reuters21578`; without it the example says
//! so and exits. `--list` prints every pair the finder gets wrong, with its label's
//! reason.

use std::collections::BTreeMap;
use std::path::PathBuf;

use copydesk_core::Store;
use copydesk_core::dedup::{self, DedupOptions};
use copydesk_core::story::relation;

/// One labelled pair.
struct Labelled {
    a: String,
    b: String,
    same: bool,
    kind: String,
    split: String,
    reason: String,
}

fn read_pairs(path: &std::path::Path) -> Vec<Labelled> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 6).then(|| Labelled {
                a: f[0].to_string(),
                b: f[1].to_string(),
                same: f[2] == "yes",
                kind: f[3].to_string(),
                split: f[4].to_string(),
                reason: f[5].to_string(),
            })
        })
        .collect()
}

fn main() {
    let mut corpus = PathBuf::from("../shared/corpora/reuters21578");
    let mut split = "all".to_string();
    let mut list = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--split" => split = args.next().expect("--split dev|holdout|all"),
            "--list" => list = true,
            _ => corpus = PathBuf::from(a),
        }
    }
    if !corpus.is_dir() {
        println!("{}: not there; nothing to score", corpus.display());
        return;
    }
    let pairs_file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/real_pairs.tsv");
    let pairs: Vec<Labelled> = read_pairs(&pairs_file)
        .into_iter()
        .filter(|p| split == "all" || p.split == split)
        .collect();
    let store = Store::load(&corpus).expect("a folder of articles");
    let started = std::time::Instant::now();
    let clusters = dedup::cluster(store.articles(), &DedupOptions::default(), &|_| {});
    let took = started.elapsed();
    let id = |name: &str| store.find_path(&format!("{name}.txt"));
    // kind -> (pairs, grouped)
    let mut by_kind: BTreeMap<(bool, String), (usize, usize)> = BTreeMap::new();
    // For grouped versions: labelled kind -> (pairs, named right), and what was named.
    let mut named: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let mut related = 0usize;
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for p in &pairs {
        let (Some(x), Some(y)) = (id(&p.a), id(&p.b)) else {
            println!("missing article: {} or {}", p.a, p.b);
            continue;
        };
        let grouped = match (clusters.cluster_of(x), clusters.cluster_of(y)) {
            (Some(c), Some(d)) => c.id == d.id,
            _ => false,
        };
        if grouped && p.same {
            let (a, b) = (store.get(x).expect("found"), store.get(y).expect("found"));
            let r = relation::of_pair(a, b).name();
            let n = named.entry(p.kind.clone()).or_default();
            n.0 += 1;
            n.1 += usize::from(r == p.kind);
            *confusion.entry((p.kind.clone(), r)).or_default() += 1;
            if list {
                let l = relation::likeness(&a.body, &b.body);
                println!(
                    "named  {} {} {:10} as {r:10} sim {:.2} cont {:.2} masked {:.2} words {}/{}{}",
                    p.a,
                    p.b,
                    p.kind,
                    l.similarity,
                    l.containment,
                    l.similarity_but_figures,
                    a.words,
                    b.words,
                    if r == p.kind { "" } else { "  WRONG" }
                );
            }
        }
        if !p.same && !grouped && clusters.related(x).contains(&y) {
            related += 1;
        }
        let e = by_kind.entry((p.same, p.kind.clone())).or_default();
        e.0 += 1;
        e.1 += usize::from(grouped);
        match (p.same, grouped) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => {}
        }
        if list && p.same != grouped {
            let what = if p.same { "missed" } else { "merged" };
            // Which rule keeps a missed pair apart on its whole material (no
            // corpus counts), and how much the two share.
            let (a, b) = (store.get(x).expect("found"), store.get(y).expect("found"));
            let ev = dedup::evidence(a, b, &DedupOptions::default());
            println!(
                "{what:6} {} {} {:10} [{} shared {}/{}/{} in {} sentences] {}",
                p.a,
                p.b,
                p.kind,
                ev.broken_rule.unwrap_or("none"),
                ev.shared,
                ev.left,
                ev.right,
                ev.sentences,
                p.reason
            );
        }
    }
    println!(
        "{} labelled pairs ({split}); versions found in {:.2} s",
        pairs.len(),
        took.as_secs_f64()
    );
    println!(
        "{:12} {:>6} {:>8} {:>8}",
        "kind", "pairs", "grouped", "right"
    );
    for ((same, kind), (n, grouped)) in &by_kind {
        let right = if *same { *grouped } else { n - grouped };
        println!(
            "{:12} {:>6} {:>8} {:>7.0}%",
            format!("{}{kind}", if *same { "+" } else { "-" }),
            n,
            grouped,
            100.0 * right as f64 / (*n).max(1) as f64
        );
    }
    println!("relation named for grouped versions (labelled kind: right of pairs; named as)");
    for (kind, (n, right)) in &named {
        let as_: Vec<String> = confusion
            .iter()
            .filter(|((k, _), _)| k == kind)
            .map(|((_, r), c)| format!("{r} {c}"))
            .collect();
        println!("{kind:12} {right:>4} of {n:<4} {}", as_.join(", "));
    }
    println!("different stories kept apart but linked as related: {related}");
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("precision {precision:.3}  recall {recall:.3}  (versions +, different stories -)");
}
