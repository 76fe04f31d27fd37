//! Prints a random sample of the pairs `copydesk dups` groups, and of near misses
//! (pairs looser settings would group), for reading by hand.
//!
//! ```text
//! cargo run --release --example dups_audit -- FOLDER [SAMPLE] [SEED]
//! ```

use std::collections::HashSet;
use std::path::PathBuf;

use copydesk_core::Store;
use copydesk_core::dedup::{self, DedupOptions, Edge};

fn show(store: &Store, e: &Edge) {
    let (a, b) = (store.get(e.a).unwrap(), store.get(e.b).unwrap());
    println!(
        "--- {} | {}  similarity {:.2} containment {:.2}",
        a.location, b.location, e.similarity, e.containment
    );
    for x in [a, b] {
        let body: String = x.body.chars().take(280).collect();
        println!(
            "  [{}] {}\n      {}",
            x.location,
            x.title,
            body.replace('\n', " / ")
        );
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("give a folder"));
    let sample: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(30);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let store = Store::load(&dir).expect("a folder of articles");
    let strict = dedup::cluster(store.articles(), &DedupOptions::default(), &|_| {});
    let loose_opts = DedupOptions {
        min_containment: 0.2,
        min_sentence_share: 0.3,
        min_figures_agree: 0.4,
        ..DedupOptions::default()
    };
    let loose = dedup::cluster(store.articles(), &loose_opts, &|_| {});
    let key = |e: &Edge| (e.a.min(e.b), e.a.max(e.b));
    let grouped: Vec<Edge> = strict
        .clusters
        .iter()
        .flat_map(|c| c.edges.iter().copied())
        .filter(|e| e.similarity < 1.0)
        .collect();
    let strict_keys: HashSet<(u32, u32)> = grouped.iter().map(key).collect();
    let same_story = |e: &Edge| {
        strict.cluster_of(e.a).is_some()
            && strict.cluster_of(e.a).map(|c| c.id) == strict.cluster_of(e.b).map(|c| c.id)
    };
    let near: Vec<Edge> = loose
        .clusters
        .iter()
        .flat_map(|c| c.edges.iter().copied())
        .filter(|e| !strict_keys.contains(&key(e)) && !same_story(e))
        .collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    println!(
        "{} articles; {} stories with versions; {} grouped pairs (not identical copies); {} near misses",
        store.len(),
        strict.clusters.len(),
        grouped.len(),
        near.len()
    );
    println!("\n===== grouped pairs =====");
    for e in rng.choose_multiple(grouped.iter(), sample) {
        show(&store, e);
    }
    println!("\n===== near misses =====");
    for e in rng.choose_multiple(near.iter(), sample) {
        show(&store, e);
    }
}
