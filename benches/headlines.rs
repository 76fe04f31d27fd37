//! Where the time of a headline search goes on real headlines, next to `cat` and
//! `fzf --filter` over the same data in the same run: load, index, match, print,
//! the whole `copydesk search` process, and the keystrokes of typing in the reader.
//!
//! ```text
//! cargo run --release --example gen_headlines -- REUTERS_DIR /tmp/c1m 1000000
//! cargo bench --bench headlines -- /tmp/c1m [/tmp/c100k ...]
//! ```
//! Each folder is what `gen_headlines` writes (`jsonl/` and `headlines.txt`).
//! `cat` and `fzf` are left out when they are not installed.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk_core::load::{LoadOptions, load_columns};
use copydesk_core::search::{Query, SearchIndex};

const QUERIES: &[&str] = &["oil price cut", "opec output", "qtr net", "mnutd"];

/// Typed one key at a time, as in the reader's prompt.
const TYPED: &[&str] = &[
    "oil price cut",
    "opec output",
    "qtr net",
    "mnutd",
    "mnistr",
    "bank rate",
    "'dlrs ^u.s.",
];

const RUNS: usize = 3;

/// The median wall time of a command run `RUNS` times, its output thrown away.
fn command(program: &str, args: &[&str], stdin: Option<&Path>) -> Option<Duration> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let mut c = Command::new(program);
        c.args(args).stdout(Stdio::null()).stderr(Stdio::null());
        if let Some(p) = stdin {
            c.stdin(std::fs::File::open(p).ok()?);
        }
        let t = Instant::now();
        c.status().ok()?;
        times.push(t.elapsed());
    }
    times.sort();
    Some(times[RUNS / 2])
}

fn show(d: Option<Duration>) -> String {
    d.map_or_else(|| "-".to_string(), support::ms)
}

fn main() {
    let dirs: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if dirs.is_empty() {
        eprintln!("give folders written by `cargo run --release --example gen_headlines`");
        return;
    }
    for dir in dirs {
        let root = Path::new(&dir);
        let jsonl = root.join("jsonl");
        let heads = root.join("headlines.txt");
        let parts: Vec<String> = {
            let mut v: Vec<String> = std::fs::read_dir(&jsonl)
                .expect("a jsonl folder")
                .filter_map(|e| e.ok().map(|e| e.path().display().to_string()))
                .collect();
            v.sort();
            v
        };
        let part_refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        let cat = command("cat", &part_refs, None);
        let opts = LoadOptions::default();
        let (load, loaded) = support::median(RUNS, || load_columns(&jsonl, &opts).unwrap());
        let cols = loaded.columns;
        let (index_t, index) = support::median(RUNS, || SearchIndex::build_columns(&cols));
        println!(
            "{dir}: {} records; cat {}, load {} (columns {} MB), index {}",
            cols.len(),
            show(cat),
            support::ms(load),
            cols.heap_bytes() / 1_000_000,
            support::ms(index_t)
        );
        let exe = env!("CARGO_BIN_EXE_copydesk");
        let jsonl_s = jsonl.display().to_string();
        println!(
            "  {:<16} {:>9} {:>9} {:>9} {:>9} {:>11} {:>9}",
            "query", "matches", "match", "rank 20", "print", "copydesk", "fzf"
        );
        for q in QUERIES {
            let query = Query::parse(q);
            let (m, ids) = support::median(RUNS, || index.matching(&query, None));
            let (r, (total, hits)) = support::median(RUNS, || index.best(&query, &ids, 20));
            let (p, _) = support::median(RUNS, || {
                let mut out = Vec::new();
                for h in &hits {
                    use std::io::Write;
                    let idx = index.indices(&query, h.id);
                    writeln!(
                        out,
                        "{} {:?} {} {}",
                        cols.title(h.id),
                        idx,
                        cols.source(h.id).unwrap_or("-"),
                        cols.location(h.id)
                    )
                    .unwrap();
                }
                out
            });
            let mut args = vec!["search", &jsonl_s];
            args.extend(q.split(' '));
            args.extend(["--limit", "20"]);
            let whole = command(exe, &args, None);
            let fzf = command("fzf", &["--filter", q], Some(&heads));
            println!(
                "  {:<16} {total:>9} {:>9} {:>9} {:>9} {:>11} {:>9}",
                q,
                support::ms(m),
                support::ms(r),
                support::ms(p),
                show(whole),
                show(fzf)
            );
        }
        typing(&index);
    }
}

/// Types each query a key at a time as the reader does (narrowing within the last
/// matches while the query extends) and checks the first page against the exact
/// ranking.
fn typing(index: &SearchIndex) {
    let mut all = Vec::new();
    for q in TYPED {
        let typed = support::type_query(index, q);
        all.extend(&typed.steps);
        let mut line = format!("  {q:<16}{}", support::steps_line(&typed.steps));
        let (query, ids) = (typed.query, typed.last.matches);
        let exact = index.rank(&query, &ids);
        let page: Vec<u32> = exact.iter().take(50).map(|h| h.id).collect();
        let shown: Vec<u32> = typed.last.top.iter().map(|h| h.id).collect();
        line.push_str(&format!(
            " ms; {} matches, first page {}",
            ids.len(),
            if shown == page { "exact" } else { "NOT exact" }
        ));
        println!("{line}");
    }
    all.sort();
    println!(
        "  per keystroke over {} keystrokes: median {}, worst {}",
        all.len(),
        support::ms(all[all.len() / 2]),
        support::ms(*all.last().unwrap())
    );
}
