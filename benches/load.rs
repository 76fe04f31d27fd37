//! Loading generated folders of one file per article, warm cache, next to the time it
//! takes only to read every file's bytes (what `cat` does).
//!
//! `cargo bench --bench load` (100,000 files) or `cargo bench --bench load -- 10000`.

mod support;

use std::io::Read;

use copydesk_core::Store;

fn main() {
    for n in support::sizes(&[100_000]) {
        let dir = support::corpus_on_disk(n, 1);
        // Warm the cache.
        let _ = Store::load(&dir).unwrap();
        let (read_only, bytes) = support::median(3, || {
            let mut total = 0usize;
            let mut buf = Vec::new();
            for e in walkdir::WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if e.file_type().is_file() {
                    buf.clear();
                    std::fs::File::open(e.path())
                        .unwrap()
                        .read_to_end(&mut buf)
                        .unwrap();
                    total += buf.len();
                }
            }
            total
        });
        parse_only(&dir);
        let (load, store) = support::median(3, || Store::load(&dir).unwrap());
        println!(
            "load {n} files ({:.0} MB): {} (read bytes only, one thread: {}); {} articles, {} skipped",
            bytes as f64 / 1e6,
            support::ms(load),
            support::ms(read_only),
            store.len(),
            store.skipped().len()
        );
    }
}

#[allow(dead_code)]
fn parse_only(dir: &std::path::Path) {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for e in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.push((rel, std::fs::read(e.path()).unwrap()));
        }
    }
    let (t, n) = support::median(3, || {
        copydesk_core::load::load_memory(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())))
            .0
            .len()
    });
    println!("parse only, one thread, {n} articles: {}", support::ms(t));
}
