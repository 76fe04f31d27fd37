//! Writes a large JSON Lines corpus of real headlines with short bodies, and the
//! same headlines one per line, for comparing `copydesk search` with `fzf --filter`.
//!
//! ```text
//! cargo run --release --example gen_headlines -- SOURCE_DIR OUT_DIR 1000000
//! ```
//! `SOURCE_DIR` is a folder of wire stories, one per file, headline on the first
//! line (Reuters-21578 as text files, say). `OUT_DIR/jsonl/part-NN.jsonl` get the
//! records, 100,000 a file (`title`, `source`, `date`, `body`: the first words of
//! the story), and `OUT_DIR/headlines.txt` the headlines in the same order. Keep the
//! output outside the repository: it is corpus text.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// One story of the source folder: headline and the start of its body.
struct Story {
    title: String,
    lead: String,
}

fn read_stories(dir: &PathBuf) -> Vec<Story> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("source folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let mut lines = text.lines();
        let title = lines.next().unwrap_or("").trim().to_string();
        if title.is_empty() {
            continue;
        }
        let rest: Vec<&str> = lines
            .skip_while(|l| l.trim().is_empty())
            .take(2)
            .map(str::trim)
            .collect();
        let mut lead = String::new();
        for w in rest.join(" ").split_whitespace() {
            if lead.len() + w.len() > 40 {
                break;
            }
            if !lead.is_empty() {
                lead.push(' ');
            }
            lead.push_str(w);
        }
        out.push(Story { title, lead });
    }
    out
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, out, n] = args.as_slice() else {
        eprintln!("usage: gen_headlines SOURCE_DIR OUT_DIR N");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let stories = read_stories(&PathBuf::from(source));
    assert!(!stories.is_empty(), "no stories in {source}");
    let out = PathBuf::from(out);
    std::fs::create_dir_all(out.join("jsonl"))?;
    let mut heads = BufWriter::new(std::fs::File::create(out.join("headlines.txt"))?);
    let per_file = 100_000;
    let mut file = None;
    for i in 0..n {
        if i % per_file == 0 {
            let path = out.join(format!("jsonl/part-{:02}.jsonl", i / per_file));
            file = Some(BufWriter::new(std::fs::File::create(path)?));
        }
        let w = file.as_mut().expect("opened above");
        let s = &stories[i % stories.len()];
        // Dates over a year and a half, so that ties are broken by date.
        let day = (i * 7919) % 540;
        let (year, rest) = (1986 + day / 360, day % 360);
        let date = format!("{year}-{:02}-{:02}", rest / 30 + 1, rest % 30 + 1);
        let record = serde_json::json!({
            "title": s.title,
            "source": "Reuters",
            "date": date,
            "body": s.lead,
        });
        serde_json::to_writer(&mut *w, &record)?;
        w.write_all(b"\n")?;
        writeln!(heads, "{}", s.title)?;
    }
    if let Some(mut w) = file {
        w.flush()?;
    }
    heads.flush()?;
    Ok(())
}
