//! Real wire copy at scale, for timing and scoring version finding on it.
//!
//! ```text
//! cargo run --release --example rewire -- write --articles 100000 --out /tmp/rw100k
//! copydesk dups /tmp/rw100k --format jsonl > /tmp/rw100k.dups.jsonl
//! cargo run --release --example rewire -- score --truth /tmp/rw100k.truth.json --dups /tmp/rw100k.dups.jsonl
//! ```
//! The corpus is made from `../shared/corpora/reuters21578` (or `--from DIR`); the
//! truth goes beside the folder, never inside it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use copydesk_testkit::rewire::{self, Made};

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand)]
enum What {
    /// Writes a corpus and its truth (`OUT.truth.json`).
    Write {
        /// Number of articles.
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The folder of real wire files to start from.
        #[arg(long, default_value = "../shared/corpora/reuters21578")]
        from: PathBuf,
        /// Folder to write (must not exist or be empty).
        #[arg(long)]
        out: PathBuf,
    },
    /// Scores `copydesk dups --format jsonl` output against a truth file.
    Score {
        /// The truth file `write` wrote.
        #[arg(long)]
        truth: PathBuf,
        /// The clusters, one per line.
        #[arg(long)]
        dups: PathBuf,
    },
}

fn main() -> std::io::Result<()> {
    match Args::parse().what {
        What::Write {
            articles,
            seed,
            from,
            out,
        } => {
            let corpus = rewire::generate(&from, articles, seed)?;
            if corpus.articles.is_empty() {
                println!("{}: no wire files to start from", from.display());
                return Ok(());
            }
            for a in &corpus.articles {
                let p = out.join(&a.path);
                std::fs::create_dir_all(p.parent().expect("a file in a folder"))?;
                std::fs::write(p, &a.text)?;
            }
            let truth = out.with_extension("truth.json");
            let mut w = BufWriter::new(std::fs::File::create(&truth)?);
            serde_json::to_writer(&mut w, &corpus.truth)?;
            w.flush()?;
            println!(
                "{} articles in {}, {} stories with versions; truth in {}",
                corpus.articles.len(),
                out.display(),
                corpus.clusters().len(),
                truth.display()
            );
        }
        What::Score { truth, dups } => score(&truth, &dups)?,
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct Line {
    articles: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Truth {
    path: String,
    story: usize,
    made: Made,
}

fn score(truth: &PathBuf, dups: &PathBuf) -> std::io::Result<()> {
    let truth: Vec<Truth> = serde_json::from_reader(std::fs::File::open(truth)?)?;
    let of: HashMap<&str, (usize, Made)> = truth
        .iter()
        .map(|t| (t.path.as_str(), (t.story, t.made)))
        .collect();
    let mut cluster_of: HashMap<String, usize> = HashMap::new();
    let mut largest = 0;
    let mut predicted: HashSet<(String, String)> = HashSet::new();
    for (i, line) in std::io::BufReader::new(std::fs::File::open(dups)?)
        .lines()
        .enumerate()
    {
        let line: Line = serde_json::from_str(&line?).map_err(std::io::Error::other)?;
        largest = largest.max(line.articles.len());
        for (k, a) in line.articles.iter().enumerate() {
            cluster_of.insert(a.clone(), i);
            for b in &line.articles[k + 1..] {
                let (x, y) = if a < b { (a, b) } else { (b, a) };
                predicted.insert((x.clone(), y.clone()));
            }
        }
    }
    // Each version against the first of its story, by how it was made.
    let mut firsts: HashMap<usize, &str> = HashMap::new();
    for t in &truth {
        if t.made == Made::First {
            firsts.insert(t.story, &t.path);
        }
    }
    let mut by_made: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for t in truth.iter().filter(|t| t.made != Made::First) {
        let first = firsts[&t.story];
        let found = matches!((cluster_of.get(first), cluster_of.get(&t.path)), (Some(a), Some(b)) if a == b);
        let e = by_made
            .entry(format!("{:?}", t.made).to_lowercase())
            .or_default();
        e.0 += 1;
        e.1 += usize::from(found);
    }
    let correct = predicted
        .iter()
        .filter(|(a, b)| match (of.get(a.as_str()), of.get(b.as_str())) {
            (Some(x), Some(y)) => x.0 == y.0,
            _ => false,
        })
        .count();
    let mut stories: HashMap<usize, usize> = HashMap::new();
    for t in &truth {
        *stories.entry(t.story).or_default() += 1;
    }
    let true_pairs: usize = stories.values().map(|&n| n * (n - 1) / 2).sum();
    println!("version kind   versions  found with their first");
    for (k, (n, f)) in &by_made {
        println!("{k:12} {n:>10} {:>8.3}", *f as f64 / (*n).max(1) as f64);
    }
    println!(
        "pairs: precision {:.3} recall {:.3}; largest cluster {largest}",
        correct as f64 / predicted.len().max(1) as f64,
        correct as f64 / true_pairs.max(1) as f64
    );
    Ok(())
}
