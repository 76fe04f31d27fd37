//! `copydesk dups`: the stories that came in several versions.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use clusters_file::ClusterRecord;
use copydesk_core::dedup::Clusters;
use copydesk_core::store::Store;
use copydesk_core::story::{clusters_file, relation};
use copydesk_core::text::display::display_line;
use copydesk_core::text::width;

use super::colour::{self, Paint, styles};

/// What `copydesk dups` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DupsFormat {
    /// Aligned text for people, coloured as --color says.
    Text,
    /// The same as text with --color always.
    Ansi,
    /// One JSON document: `{"articles": N, "clusters": [...]}`.
    Json,
    /// One story per line, each written as soon as it is ready; what
    /// `--clusters FILE` reads back.
    Jsonl,
}

#[derive(Serialize)]
struct JsonDups {
    articles: usize,
    clusters: Vec<ClusterRecord>,
}

/// Writes the clusters as JSON: `{"articles": N, "clusters": [{"id", "articles",
/// "pairs": [{"a", "b", "similarity", "containment", "relation"}], "timeline":
/// [{"article", "relation", "changes"}], "related": [...]}]}`.
pub fn write_json(store: &Store, clusters: &Clusters, out: &mut dyn Write) -> io::Result<()> {
    let doc = JsonDups {
        articles: store.len(),
        clusters: clusters
            .clusters
            .par_iter()
            .map(|c| clusters_file::record(store, clusters, c))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Stories whose records are worked out together (on every core) before they
/// are written: few enough that the first lines come at once.
const JSONL_BATCH: usize = 64;

/// Writes one story per line, in the same shape as a cluster of [`write_json`],
/// flushing after each batch so a reader downstream starts at once.
pub fn write_jsonl(store: &Store, clusters: &Clusters, out: &mut dyn Write) -> io::Result<()> {
    for batch in clusters.clusters.chunks(JSONL_BATCH) {
        let records: Vec<ClusterRecord> = batch
            .par_iter()
            .map(|c| clusters_file::record(store, clusters, c))
            .collect();
        for r in &records {
            serde_json::to_writer(&mut *out, r)?;
            writeln!(out)?;
        }
        out.flush()?;
    }
    Ok(())
}

/// The stories of the store: read from the `--clusters` file when one is given
/// (its problems told on standard error, line by line), else found.
pub fn stories(store: &Store, config: &crate::config::Config) -> Result<Clusters, String> {
    let Some(file) = &config.clusters else {
        let started = std::time::Instant::now();
        let clusters = copydesk_core::dedup::cluster(store.articles(), &config.dedup, &|_| {});
        tracing::info!(
            articles = store.len(),
            stories = clusters.clusters.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "versions found (full run, copydesk dups)"
        );
        return Ok(clusters);
    };
    let read = clusters_file::read(file, store).map_err(|e| e.to_string())?;
    for p in read.problems.iter().take(20) {
        eprintln!(
            "copydesk: {}:{}: {}",
            file.display(),
            p.line,
            display_line(&p.reason)
        );
    }
    if read.problems.len() > 20 {
        eprintln!(
            "copydesk: {}: {} more lines left out",
            file.display(),
            read.problems.len() - 20
        );
    }
    Ok(copydesk_core::dedup::from_groups(
        store.articles(),
        read.groups,
        &config.dedup,
    ))
}

/// Writes one block per story: the first version's headline, then each version's
/// similarity to the first, what kind of version it is of the first, source,
/// words and path; with `paint` on, headlines bold, sources cyan, paths magenta.
pub fn write_text(
    store: &Store,
    clusters: &Clusters,
    term_width: Option<usize>,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let total = term_width.unwrap_or(120).max(60);
    // Each story's block, with what kind of version each is against the
    // first, is worked out on every core and written in order.
    let blocks: Vec<String> = clusters
        .clusters
        .par_iter()
        .map(|c| story_block(store, c, total, paint))
        .collect();
    for b in &blocks {
        out.write_all(b.as_bytes())?;
    }
    writeln!(
        out,
        "{} articles, {} stories with more than one version ({} articles in them)",
        store.len(),
        clusters.clusters.len(),
        clusters.clustered_articles()
    )
}

/// One story's block of [`write_text`]: its first version's headline, then a
/// line per version, and a blank line.
fn story_block(
    store: &Store,
    c: &copydesk_core::dedup::Cluster,
    total: usize,
    paint: Paint,
) -> String {
    use std::fmt::Write as _;
    let read = relation::Version::all(c.members.iter().map(|&m| store.get(m)));
    let first = c.members[0];
    let head = store.get(first).map_or("", |a| a.title.as_ref());
    let head = width::truncate(&format!("◆{} {}", c.members.len(), head), total);
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = writeln!(out, "{}", paint.paint(styles::HEADLINE, &head));
    for (i, &m) in c.members.iter().enumerate() {
        let Some(a) = store.get(m) else { continue };
        let (sim, kind) = if i == 0 {
            ("first".to_string(), "")
        } else {
            let kind = match (&read[0], &read[i]) {
                (Some(f), Some(v)) => relation::of_pair_read(f, v).name(),
                _ => "",
            };
            match c.similarity(first, m) {
                Some(e) => (format!("{:.2}", e.similarity), kind),
                None => ("-".to_string(), kind),
            }
        };
        let source = width::fit(a.source.as_deref().unwrap_or("-"), 16);
        let words = format!("{:>6}", a.words);
        // What is left of the line for the path, which is cut last.
        let used = 2 + 5 + 1 + 10 + 2 + 16 + 1 + 6 + 2;
        let path = width::truncate(&a.location.to_string(), total.saturating_sub(used));
        let _ = writeln!(
            out,
            "  {} {:<10}  {} {}  {}",
            paint.paint(styles::DIM, &format!("{sim:>5}")),
            kind,
            paint.paint(styles::SOURCE, &source),
            paint.paint(styles::DIM, &words),
            paint.paint(styles::PATH, &path),
        );
    }
    out.push('\n');
    out
}

/// Runs `copydesk dups`.
pub fn run(
    dir: Option<&std::path::Path>,
    format: DupsFormat,
    output: super::Output,
    config: &crate::config::Config,
) -> std::process::ExitCode {
    let store = match super::open_store(dir, config) {
        Ok(s) => s,
        Err(e) => return super::fail(e),
    };
    let clusters = match stories(&store, config) {
        Ok(c) => c,
        Err(e) => return super::fail(e),
    };
    if matches!(format, DupsFormat::Json | DupsFormat::Jsonl) {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let result = if format == DupsFormat::Json {
            write_json(&store, &clusters, &mut out)
        } else {
            write_jsonl(&store, &clusters, &mut out)
        };
        let code = colour::flush(&mut out, result);
        leave(store, clusters);
        return code;
    }
    let on = output.colour(format == DupsFormat::Ansi);
    let mut out = colour::stdout(on);
    let result = write_text(
        &store,
        &clusters,
        super::terminal_width(),
        Paint::new(on),
        &mut out,
    );
    let code = colour::flush(&mut out, result);
    leave(store, clusters);
    code
}

/// Lets the store and its stories go without freeing them one by one: the
/// process ends as soon as `dups` returns, and at 100k articles freeing them
/// took a tenth of a second. Nothing they hold needs closing.
fn leave(store: Store, clusters: Clusters) {
    std::mem::forget(store);
    std::mem::forget(clusters);
}
