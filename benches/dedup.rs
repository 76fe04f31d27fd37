//! Duplicate clustering: quality on a generated corpus with known versions,
//! same-topic decoys and templated look-alikes, and speed from 10k to 1M articles.
//!
//! `cargo bench --bench dedup` (quality at 20k, speed at 10k and 100k), or
//! `cargo bench --bench dedup -- 1000000` for one size; peak memory with
//! `/usr/bin/time -v target/release/deps/dedup-* 1000000`.

mod support;

use std::time::Instant;

use copydesk_core::dedup::{self, DedupOptions};
use copydesk_testkit::synth::eval::score_clusters;

fn run(n: usize, quality: bool) {
    let t = Instant::now();
    let corpus = support::generate(n, 3);
    let gen_time = t.elapsed();
    let t = Instant::now();
    let (articles, _) = copydesk_core::load::load_memory(
        corpus
            .articles
            .iter()
            .map(|a| (a.path.as_str(), a.text.as_bytes())),
    );
    let parse_time = t.elapsed();
    let texts_bytes: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    let truth = corpus.truth;
    drop(corpus.articles);
    let t = Instant::now();
    let clusters = dedup::cluster(&articles, &DedupOptions::default(), &|_| {});
    let cluster_time = t.elapsed();
    println!(
        "{n} articles ({:.0} MB of text): cluster {} (generate {}, parse {}); {} stories with versions, {} articles in them",
        texts_bytes as f64 / 1e6,
        support::ms(cluster_time),
        support::ms(gen_time),
        support::ms(parse_time),
        clusters.clusters.len(),
        clusters.clustered_articles()
    );
    // A live folder: the last thousand articles arrive after a run over the rest.
    if n > 2_000 {
        let first = n - 1_000;
        let opts = DedupOptions::default();
        let (_, mut kept) = dedup::cluster_keeping(&articles[..first], &opts, &|_| {});
        let added: Vec<u32> = (first as u32..n as u32).collect();
        let t = Instant::now();
        let updated = dedup::update(&articles, &mut kept, &added, &[], &opts);
        println!(
            "  1,000 articles added after a run over {first}: update {} (a whole run: {}); {} stories with versions",
            support::ms(t.elapsed()),
            support::ms(cluster_time),
            updated.clusters.len()
        );
    }
    if quality {
        let predicted: Vec<Vec<String>> = clusters
            .clusters
            .iter()
            .map(|c| {
                c.members
                    .iter()
                    .map(|&m| articles[m as usize].location.to_string())
                    .collect()
            })
            .collect();
        let s = score_clusters(&truth, &predicted);
        println!(
            "  pairwise precision {:.4}, recall {:.4} ({} predicted pairs, {} true, {} correct; {} true stories)",
            s.precision(),
            s.recall(),
            s.predicted_pairs,
            s.true_pairs,
            s.correct_pairs,
            truth.clusters.len()
        );
    }
}

fn main() {
    let sizes = support::sizes(&[]);
    if sizes.is_empty() {
        run(20_000, true);
        run(10_000, false);
        run(100_000, true);
    } else {
        for n in sizes {
            run(n, n <= 200_000);
        }
    }
}
