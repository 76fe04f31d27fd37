//! `copydesk dups`: the stories that came in several versions.

use std::io::{self, Write};

use serde::Serialize;

use copydesk_core::dedup::Clusters;
use copydesk_core::store::Store;
use copydesk_core::text::width;

use super::colour::{self, Paint, styles};

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
/// similarity to the first, source, words and path; with `paint` on, headlines
/// bold, sources cyan, paths magenta.
pub fn write_text(
    store: &Store,
    clusters: &Clusters,
    term_width: Option<usize>,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let total = term_width.unwrap_or(120).max(60);
    for c in &clusters.clusters {
        let first = c.members[0];
        let head = store.get(first).map_or("", |a| a.title.as_ref());
        let head = width::truncate(&format!("◆{} {}", c.members.len(), head), total);
        writeln!(out, "{}", paint.paint(styles::HEADLINE, &head))?;
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
            let source = width::fit(a.source.as_deref().unwrap_or("-"), 16);
            let words = format!("{:>6}", a.words);
            // What is left of the line for the path, which is cut last.
            let used = 2 + 5 + 2 + 16 + 1 + 6 + 2;
            let path = width::truncate(&a.location.to_string(), total.saturating_sub(used));
            writeln!(
                out,
                "  {}  {} {}  {}",
                paint.paint(styles::DIM, &format!("{sim:>5}")),
                paint.paint(styles::SOURCE, &source),
                paint.paint(styles::DIM, &words),
                paint.paint(styles::PATH, &path),
            )?;
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
    output: super::Output,
    config: &crate::config::Config,
) -> std::process::ExitCode {
    let store = match super::open_store(dir, config) {
        Ok(s) => s,
        Err(e) => return super::fail(e),
    };
    let started = std::time::Instant::now();
    let clusters = copydesk_core::dedup::cluster(store.articles(), &config.dedup, &|_| {});
    tracing::info!(
        articles = store.len(),
        stories = clusters.clusters.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "versions found (full run, copydesk dups)"
    );
    if format == super::Format::Json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let result = write_json(&store, &clusters, &mut out);
        return colour::flush(&mut out, result);
    }
    let on = output.colour(format == super::Format::Ansi);
    let mut out = colour::stdout(on);
    let result = write_text(
        &store,
        &clusters,
        super::terminal_width(),
        Paint::new(on),
        &mut out,
    );
    colour::flush(&mut out, result)
}
