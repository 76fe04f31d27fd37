//! Shared helpers for the benchmark binaries: generated corpora on disk, timing.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use copydesk_testkit::synth::{self, Corpus, SynthOptions};

/// Where generated corpora are kept between runs (inside `target/`, never in the repo).
pub fn corpora_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpora")
}

/// A generated corpus of `n` articles written one file each, reused if already there.
pub fn corpus_on_disk(n: usize, seed: u64) -> PathBuf {
    let dir = corpora_dir().join(format!("files-{n}-{seed}"));
    let done = dir.with_extension("done");
    if done.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let corpus = generate(n, seed);
    for a in &corpus.articles {
        let path = dir.join(&a.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &a.text).unwrap();
    }
    std::fs::write(done, b"").unwrap();
    dir
}

/// A generated corpus of `n` articles written as JSON Lines files of 10,000
/// records each (a million files would say more about the file system than about
/// copydesk), reused if already there.
pub fn corpus_jsonl(n: usize, seed: u64) -> PathBuf {
    use std::io::Write;
    let dir = corpora_dir().join(format!("jsonl-{n}-{seed}"));
    let done = dir.with_extension("done");
    if done.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = generate(n, seed);
    for (i, chunk) in corpus.articles.chunks(10_000).enumerate() {
        let f = std::fs::File::create(dir.join(format!("part-{i:04}.jsonl"))).unwrap();
        let mut w = std::io::BufWriter::new(f);
        for a in chunk {
            serde_json::to_writer(&mut w, &synth::to_json_record(a)).unwrap();
            w.write_all(b"\n").unwrap();
        }
        w.flush().unwrap();
    }
    std::fs::write(done, b"").unwrap();
    dir
}

/// A generated corpus of `n` articles with default mix.
pub fn generate(n: usize, seed: u64) -> Corpus {
    synth::generate(&SynthOptions {
        articles: n,
        seed,
        ..SynthOptions::default()
    })
}

/// The median of `runs` timings of `f`.
pub fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        times.push(t.elapsed());
        last = Some(out);
    }
    times.sort();
    (times[times.len() / 2], last.unwrap())
}

/// Sizes from the command line (`cargo bench --bench X -- 10000 100000`), or defaults.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    let v: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    if v.is_empty() { default.to_vec() } else { v }
}

/// Milliseconds with one decimal.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// A query typed a key at a time as the reader types it: each prefix searched
/// within the last prefix's matches when it narrows them.
pub struct Typed {
    /// How long each keystroke's search took.
    pub steps: Vec<Duration>,
    /// The whole query.
    pub query: copydesk_core::search::Query,
    /// Its last search: every match, and the first page shown.
    pub last: copydesk_core::search::Step,
}

/// Types `q` into `index` a key at a time, timing each keystroke.
pub fn type_query(index: &copydesk_core::search::SearchIndex, q: &str) -> Typed {
    use copydesk_core::search::Query;
    let mut steps = Vec::new();
    let mut prev: Option<(Query, copydesk_core::search::Step)> = None;
    for end in 1..=q.len() {
        let query = Query::parse(&q[..end]);
        let t = Instant::now();
        let step = match prev.as_ref().filter(|(p, _)| query.narrows(p)) {
            Some((_, s)) => index.search_known(&query, &s.matches, &s.known, 50),
            None => index.search(&query, None, 50),
        };
        steps.push(t.elapsed());
        std::hint::black_box(&step.top);
        prev = Some((query, step));
    }
    let (query, last) = prev.expect("a query of at least one key");
    Typed { steps, query, last }
}

/// Milliseconds of each step, as one line of figures.
pub fn steps_line(steps: &[Duration]) -> String {
    steps
        .iter()
        .map(|d| format!(" {:.1}", d.as_secs_f64() * 1e3))
        .collect()
}
