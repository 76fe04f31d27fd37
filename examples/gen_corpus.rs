//! Writes a generated corpus with known answers, for benchmarks and quality checks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 100000 --out /tmp/c100k
//! cargo run --release --example gen_corpus -- --articles 1000000 --out /tmp/c1m --jsonl
//! ```
//! The ground truth goes beside the folder, in `OUT.truth.json`, never inside it.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;
use copydesk_testkit::synth::{self, SynthOptions};

#[derive(Parser)]
struct Args {
    /// Number of articles.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write (created; must not exist or be empty).
    #[arg(long)]
    out: PathBuf,
    /// Write JSON Lines files of 100,000 records instead of one file per article.
    #[arg(long)]
    jsonl: bool,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let corpus = synth::generate(&SynthOptions {
        articles: args.articles,
        seed: args.seed,
        ..SynthOptions::default()
    });
    std::fs::create_dir_all(&args.out)?;
    if args.jsonl {
        for (n, chunk) in corpus.articles.chunks(100_000).enumerate() {
            let f = std::fs::File::create(args.out.join(format!("part-{n:03}.jsonl")))?;
            let mut w = BufWriter::new(f);
            for a in chunk {
                serde_json::to_writer(&mut w, &synth::to_json_record(a))?;
                w.write_all(b"\n")?;
            }
            w.flush()?;
        }
    } else {
        for a in &corpus.articles {
            let path = args.out.join(&a.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, &a.text)?;
        }
    }
    let mut truth_path = args.out.clone().into_os_string();
    truth_path.push(".truth.json");
    let f = std::fs::File::create(&truth_path)?;
    serde_json::to_writer(BufWriter::new(f), &corpus.truth)?;
    eprintln!(
        "wrote {} articles to {} ({} stories with versions, {} version pairs); truth in {}",
        corpus.articles.len(),
        args.out.display(),
        corpus.truth.clusters.len(),
        corpus.truth.pairs.len(),
        PathBuf::from(truth_path).display()
    );
    Ok(())
}
