//! Where the time of a headline search goes on real headlines, next to `cat` and
//! `fzf --filter` over the same data in the same run: load, index, match, print,
//! the whole `copydesk search` process, and the keystrokes of typing: into the
//! index alone, and into the reader itself (key to drawn frame).
//!
//! ```text
//! cargo run --release --example gen_headlines -- REUTERS_DIR /tmp/c1m 1000000
//! cargo bench --bench headlines -- /tmp/c1m [/tmp/c100k ...]
//! ```
//! Each folder is what `gen_headlines` writes (`jsonl/` and `headlines.txt`).
//! With `--typing`, only the keystrokes are timed (for profiling them).
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
    let typing_only = std::env::args().any(|a| a == "--typing");
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
        if typing_only {
            let cols = load_columns(&jsonl, &LoadOptions::default())
                .unwrap()
                .columns;
            typing(&SearchIndex::build_columns(&cols));
            typing_in_reader(&jsonl);
            continue;
        }
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
        typing_in_reader(&jsonl);
    }
}

/// Types the same queries into the reader itself (its prompt, its list and a
/// 120x40 frame drawn after each key), on the folder listed from its columns:
/// what a keystroke costs the reader's loop. The exact ranking it then asks
/// for runs on a worker, after the key's answer, and is left out.
fn typing_in_reader(jsonl: &Path) {
    use copydesk::config::{Action, Config};
    use copydesk::keys::{Chord, Key};
    use copydesk::tui::app::App;
    use copydesk::tui::event::Outside;
    let lazy = copydesk_core::lazy::LazyStore::open(jsonl, &LoadOptions::default(), None)
        .expect("the folder lists");
    let n = lazy.len();
    let store = copydesk_core::Store::new(jsonl);
    let mut app = App::new(
        store,
        Config::default(),
        copydesk_core::state::Marks::in_memory(),
        false,
    );
    app.take_jobs();
    app.outside(Outside::Listed(std::sync::Arc::new(lazy)));
    app.take_jobs();
    app.resize(120, 40);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let mut all = Vec::new();
    for q in TYPED {
        app.update(Action::Search);
        let mut steps = Vec::new();
        for c in q.chars() {
            let t = Instant::now();
            app.key(Chord::plain(Key::Char(c)));
            term.draw(|f| {
                copydesk::tui::screen::draw(f, &app);
            })
            .unwrap();
            steps.push(t.elapsed());
            app.take_jobs();
        }
        println!("  reader {q:<9}{} ms", support::steps_line(&steps));
        all.extend(steps);
        app.key(Chord::plain(Key::Esc));
        app.key(Chord::plain(Key::Esc));
        app.take_jobs();
    }
    per_keystroke(&format!("in the reader ({n} headlines, key to frame)"), all);
}

/// Prints the median and worst of `steps`, one keystroke each.
fn per_keystroke(what: &str, mut steps: Vec<Duration>) {
    steps.sort();
    println!(
        "  per keystroke {what} over {} keystrokes: median {}, worst {}",
        steps.len(),
        support::ms(steps[steps.len() / 2]),
        support::ms(*steps.last().unwrap())
    );
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
    per_keystroke("into the index", all);
}
