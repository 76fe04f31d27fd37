//! `copydesk dups`: the stories that came in several versions.

use std::io::{self, Write};

use serde::Serialize;

use copydesk_core::dedup::Clusters;
use copydesk_core::store::Store;
use copydesk_core::text::width;

#[derive(Serialize)]
struct JsonPair {
    a: String,
    b: String,
    similarity: f64,
    containment: f64,
}

#[derive(Serialize)]
struct JsonCluster {
    id: u32,
    articles: Vec<String>,
    pairs: Vec<JsonPair>,
}

#[derive(Serialize)]
struct JsonDups {
    articles: usize,
    clusters: Vec<JsonCluster>,
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// Writes the clusters as JSON: `{"articles": N, "clusters": [{"id", "articles",
/// "pairs": [{"a", "b", "similarity", "containment"}]}]}`.
pub fn write_json(store: &Store, clusters: &Clusters, out: &mut dyn Write) -> io::Result<()> {
    let path = |id: u32| {
        store
            .get(id)
            .map_or(String::new(), |a| a.location.to_string())
    };
    let doc = JsonDups {
        articles: store.len(),
        clusters: clusters
            .clusters
            .iter()
            .map(|c| JsonCluster {
                id: c.id,
                articles: c.members.iter().map(|&m| path(m)).collect(),
                pairs: c
                    .edges
                    .iter()
                    .map(|e| JsonPair {
                        a: path(e.a),
                        b: path(e.b),
                        similarity: round(e.similarity),
                        containment: round(e.containment),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Writes one block per story: the first version's headline, then each version's
/// path, source, words and similarity to the first.
pub fn write_text(
    store: &Store,
    clusters: &Clusters,
    term_width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let total = term_width.unwrap_or(120).max(60);
    for c in &clusters.clusters {
        let first = c.members[0];
        let head = store.get(first).map_or("", |a| a.title.as_ref());
        writeln!(
            out,
            "{}",
            width::truncate(&format!("◆{} {}", c.members.len(), head), total)
        )?;
        for (i, &m) in c.members.iter().enumerate() {
            let Some(a) = store.get(m) else { continue };
            let sim = if i == 0 {
                "first".to_string()
            } else {
                match c.similarity(first, m) {
                    Some(e) => format!("{:.2}", e.similarity),
                    None => "-".to_string(),
                }
            };
            let line = format!(
                "  {:>5}  {} {:>6}  {}",
                sim,
                width::fit(a.source.as_deref().unwrap_or("-"), 16),
                a.words,
                a.location
            );
            writeln!(out, "{}", width::truncate(&line, total))?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} articles, {} stories with more than one version ({} articles in them)",
        store.len(),
        clusters.clusters.len(),
        clusters.clustered_articles()
    )
}

/// Runs `copydesk dups`.
pub fn run(
    dir: Option<&std::path::Path>,
    format: super::Format,
    config: &crate::config::Config,
) -> std::process::ExitCode {
    let store = match super::open_store(dir, config) {
        Ok(s) => s,
        Err(e) => return super::fail(e),
    };
    let clusters = copydesk_core::dedup::cluster(store.articles(), &config.dedup, &|_| {});
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match format {
        super::Format::Json => write_json(&store, &clusters, &mut out),
        super::Format::Text | super::Format::Ansi => {
            write_text(&store, &clusters, super::terminal_width(), &mut out)
        }
    };
    super::finish(result.and_then(|()| out.flush()))
}
