//! Per-keystroke headline search on generated corpora, typing queries one
//! character at a time as a reader would.
//!
//! `cargo bench --bench search` (100,000 headlines) or
//! `cargo bench --bench search -- 1000000`. Writes the headlines to
//! `target/bench-corpora/headlines-N.txt` for comparing with `fzf --filter`.

mod support;

use std::time::{Duration, Instant};

use copydesk_core::search::{Query, SearchIndex};

const QUERIES: &[&str] = &[
    "talks",
    "bridge lisbon",
    "allied farmers",
    "strike",
    "mnistr",
    "Union",
    "tariff",
];

fn main() {
    for n in support::sizes(&[100_000]) {
        let corpus = support::generate(n, 9);
        let (articles, _) = copydesk_core::load::load_memory(
            corpus
                .articles
                .iter()
                .map(|a| (a.path.as_str(), a.text.as_bytes())),
        );
        drop(corpus);
        let heads: String = articles.iter().map(|a| format!("{}\n", a.title)).collect();
        let path = support::corpora_dir().join(format!("headlines-{n}.txt"));
        std::fs::create_dir_all(support::corpora_dir()).unwrap();
        std::fs::write(&path, heads).unwrap();
        let t = Instant::now();
        let index = SearchIndex::build(&articles);
        println!("{n} headlines: index built in {}", support::ms(t.elapsed()));
        let mut worst = Duration::ZERO;
        let mut all = Vec::new();
        for q in QUERIES {
            let typed = support::type_query(&index, q);
            worst = typed.steps.iter().copied().fold(worst, Duration::max);
            all.extend(&typed.steps);
            let mut line = format!("  {q:<16}{}", support::steps_line(&typed.steps));
            let (query, ids) = (typed.query, typed.last.matches);
            let t = Instant::now();
            let ranked = index.rank(&query, &ids);
            let full = t.elapsed();
            // How much of the exact first page the quick ranking gets right.
            let quick = index.rank_top(&query, &ids, 50);
            let page: Vec<u32> = ranked.iter().take(50).map(|h| h.id).collect();
            let same = quick.iter().filter(|h| page.contains(&h.id)).count();
            line.push_str(&format!(
                " ms per key; {} matches, full ranking {}, quick first page {}/{} exact",
                ranked.len(),
                support::ms(full),
                same,
                page.len()
            ));
            println!("{line}");
        }
        // The worst case: a first keystroke matching nearly everything.
        let query = Query::parse("e");
        let t = Instant::now();
        let step = index.search(&query, None, 50);
        let first = t.elapsed();
        let full = index.rank(&query, &step.matches);
        println!(
            "  \"e\" ({} matches): matches and first page {}, full ranking {}",
            step.matches.len(),
            support::ms(first),
            support::ms(t.elapsed() - first)
        );
        std::hint::black_box(full);
        all.sort();
        println!(
            "  per keystroke over {} keystrokes: median {}, worst {}",
            all.len(),
            support::ms(all[all.len() / 2]),
            support::ms(worst)
        );
    }
}
