//! `copydesk search`: headlines that match a fuzzy query, best first.

use std::io::{self, Write};

use serde::Serialize;

use crate::search::{self, Hit, Query, SearchIndex};
use crate::store::Store;
use crate::text::width;

/// The search's answer: total matches and the best `limit` of them.
pub struct Answer {
    /// The parsed query.
    pub query: Query,
    /// How many articles match.
    pub total: usize,
    /// The best matches, best first.
    pub hits: Vec<Hit>,
}

/// Runs a headline search (or a full-text one) over the store.
pub fn run(store: &Store, raw: &str, limit: Option<usize>, full_text: bool) -> Answer {
    let query = Query::parse(raw);
    if full_text {
        let mut hits = search::full_text(store.articles(), &query);
        let total = hits.len();
        if let Some(l) = limit {
            hits.truncate(l);
        }
        return Answer { query, total, hits };
    }
    let index = SearchIndex::build(store.articles());
    let ids = index.matching(&query, None);
    let mut hits = index.rank(&query, &ids);
    if let Some(l) = limit {
        hits.truncate(l);
    }
    Answer {
        query,
        total: ids.len(),
        hits,
    }
}

#[derive(Serialize)]
struct JsonMatch<'a> {
    id: u32,
    path: &'a str,
    title: &'a str,
    score: i64,
    indices: Vec<usize>,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    query: &'a str,
    total: usize,
    matches: Vec<JsonMatch<'a>>,
}

/// Writes `{"query", "total", "matches": [{"id", "path", "title", "score",
/// "indices"}]}`; `indices` are character positions in `title`.
pub fn write_json(
    store: &Store,
    answer: &Answer,
    full_text: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let index = (!full_text).then(|| SearchIndex::build(store.articles()));
    let doc = JsonAnswer {
        query: answer.query.as_str(),
        total: answer.total,
        matches: answer
            .hits
            .iter()
            .map(|h| {
                let a = &store.articles()[h.id as usize];
                JsonMatch {
                    id: h.id,
                    path: &a.path,
                    title: &a.title,
                    score: h.score,
                    indices: index
                        .as_ref()
                        .map(|ix| ix.indices(&answer.query, h.id))
                        .unwrap_or_default(),
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Writes one line per match: headline (matched characters in bold and underlined
/// when `emphasis`), source, path; then the count.
pub fn write_text(
    store: &Store,
    answer: &Answer,
    full_text: bool,
    emphasis: bool,
    term_width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let total_w = term_width.unwrap_or(120).max(60);
    let title_w = total_w.saturating_sub(16 + 2 + 30).max(30);
    let index = (!full_text && emphasis).then(|| SearchIndex::build(store.articles()));
    for h in &answer.hits {
        let a = &store.articles()[h.id as usize];
        let shown = width::truncate(&a.title, title_w);
        let pad = title_w.saturating_sub(width::width(&shown));
        let marked = match &index {
            Some(ix) => {
                let idx = ix.indices(&answer.query, h.id);
                let mut s = String::new();
                for (i, c) in shown.chars().enumerate() {
                    if idx.binary_search(&i).is_ok() {
                        s.push_str("\x1b[1;4m");
                        s.push(c);
                        s.push_str("\x1b[0m");
                    } else {
                        s.push(c);
                    }
                }
                s
            }
            None => shown.clone(),
        };
        writeln!(
            out,
            "{marked}{} {} {}",
            " ".repeat(pad),
            width::fit(a.source.as_deref().unwrap_or("-"), 16),
            a.path
        )?;
    }
    writeln!(
        out,
        "{} match{} for \"{}\"{}",
        answer.total,
        if answer.total == 1 { "" } else { "es" },
        answer.query.as_str(),
        if answer.hits.len() < answer.total {
            format!(", best {} shown", answer.hits.len())
        } else {
            String::new()
        }
    )
}
