//! `copydesk search`: headlines that match a fuzzy query, best first.

use std::io::{self, Write};

use serde::Serialize;

use copydesk_core::columns::Columns;
use copydesk_core::filter::{self, FilterError};
use copydesk_core::search::{self, Hit, Query, SearchIndex};
use copydesk_core::store::Store;
use copydesk_core::text::display::display_line;
use copydesk_core::text::width;

use super::colour::{self, Paint, styles};

/// The search's answer: total matches and the best `limit` of them.
pub struct Answer {
    /// The query as typed, filters included.
    pub raw: String,
    /// The parsed fuzzy words.
    pub query: Query,
    /// How many articles match.
    pub total: usize,
    /// The best matches, best first.
    pub hits: Vec<Hit>,
    /// The headline index the matches came from, for the matched characters
    /// (none for a full-text search or filters alone).
    pub index: Option<SearchIndex>,
}

/// What the search and its output read of the articles: a loaded store, or only
/// the columns of one (enough for a headline search).
pub enum Rows {
    /// Every article, parsed whole.
    Store(Store),
    /// Headline, source, date and place of every article, or of those a
    /// search keeps as it reads.
    Columns {
        /// The rows.
        columns: Columns,
        /// Their headline index (taken by the search that runs on it).
        index: Box<SearchIndex>,
        /// Each row's id in the whole folder, when the search kept only some
        /// (empty when the rows are all, their ids their places).
        ids: Vec<u32>,
    },
}

impl Rows {
    fn len(&self) -> usize {
        match self {
            Rows::Store(s) => s.len(),
            Rows::Columns { columns: c, .. } => c.len(),
        }
    }

    /// The id of row `row` in the whole load.
    fn id(&self, row: u32) -> u32 {
        match self {
            Rows::Columns { ids, .. } if !ids.is_empty() => ids[row as usize],
            _ => row,
        }
    }

    fn title(&self, id: u32) -> &str {
        match self {
            Rows::Store(s) => &s.articles()[id as usize].title,
            Rows::Columns { columns: c, .. } => c.title(id),
        }
    }

    fn source(&self, id: u32) -> Option<&str> {
        match self {
            Rows::Store(s) => s.articles()[id as usize].source.as_deref(),
            Rows::Columns { columns: c, .. } => c.source(id),
        }
    }

    fn location(&self, id: u32) -> String {
        match self {
            Rows::Store(s) => s.articles()[id as usize].location.to_string(),
            Rows::Columns { columns: c, .. } => c.location(id).to_string(),
        }
    }

    /// Whether article `id` passes the filter, its marks (from `marks`, for
    /// `is:` terms, which only a store can answer) included.
    fn keeps(&self, filter: &filter::Filter, marks: &copydesk_core::state::Marks, id: u32) -> bool {
        match self {
            Rows::Store(s) => {
                let a = &s.articles()[id as usize];
                let m = marks.get(a);
                filter.keeps(a) && filter.keeps_marks(m.read, m.starred)
            }
            Rows::Columns { columns: c, .. } => {
                filter.keeps_row(c.source(id), &c.location(id).file, c.date(id))
            }
        }
    }
}

/// Whether a search for `raw` can run on the columns alone: a headline search whose
/// filters need no tags and no marks.
pub fn columns_suffice(raw: &str, full_text: bool) -> bool {
    let f = filter::split(raw, jiff::Zoned::now().date()).filter;
    !full_text && f.tags.is_empty() && !f.starred && f.read.is_none()
}

/// Runs a headline search (or a full-text one, which needs a store) over `rows`.
/// `source:`, `path:`, `since:`, `until:` and `is:` terms filter, as in the
/// reader's prompt.
pub fn run(
    rows: &mut Rows,
    raw: &str,
    limit: Option<usize>,
    full_text: bool,
) -> Result<Answer, FilterError> {
    let split = filter::split(raw, jiff::Zoned::now().date());
    if let Some(e) = split.errors.into_iter().next() {
        return Err(e);
    }
    // The index the column load built, if it did.
    let read_index = match rows {
        Rows::Columns { index, .. } if !index.is_empty() => Some(std::mem::take(&mut **index)),
        _ => None,
    };
    let rows: &Rows = rows;
    // `is:starred` and `is:unread` read the marks the reader keeps (never writing).
    let marks = (split.filter.starred || split.filter.read.is_some())
        .then(copydesk_core::state::Marks::default_file)
        .flatten()
        .and_then(|f| copydesk_core::state::Marks::read(&f).ok())
        .unwrap_or_else(copydesk_core::state::Marks::in_memory);
    let keep = |id: &u32| rows.keeps(&split.filter, &marks, *id);
    let query = Query::parse(&split.words);
    let mut index = None;
    let mut hits = if query.is_empty() {
        // Filters alone: every article that passes, in path order.
        (0..rows.len() as u32)
            .filter(keep)
            .map(|id| Hit { id, score: 0 })
            .collect()
    } else if let (true, Rows::Store(store)) = (full_text, rows) {
        let mut hits = search::full_text(store.articles(), &query);
        hits.retain(|h| keep(&h.id));
        hits
    } else {
        let built = read_index.unwrap_or_else(|| match rows {
            Rows::Store(s) => SearchIndex::build(s.articles()),
            Rows::Columns { columns: c, .. } => SearchIndex::build_columns(c),
        });
        let mut ids = built.matching(&query, None);
        ids.retain(keep);
        let (total, hits) = built.best(&query, &ids, limit.unwrap_or(usize::MAX));
        index = Some(built);
        return Ok(Answer {
            raw: raw.to_string(),
            query,
            total,
            hits,
            index,
        });
    };
    let total = hits.len();
    if let Some(l) = limit {
        hits.truncate(l);
    }
    Ok(Answer {
        raw: raw.to_string(),
        query,
        total,
        hits,
        index,
    })
}

#[derive(Serialize)]
struct JsonMatch<'a> {
    id: u32,
    path: String,
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
pub fn write_json(rows: &Rows, answer: &Answer, out: &mut dyn Write) -> io::Result<()> {
    let index = answer.index.as_ref();
    let doc = JsonAnswer {
        query: &answer.raw,
        total: answer.total,
        matches: answer
            .hits
            .iter()
            .map(|h| JsonMatch {
                id: rows.id(h.id),
                path: rows.location(h.id),
                title: rows.title(h.id),
                score: h.score,
                indices: index
                    .map(|ix| ix.indices(&answer.query, h.id))
                    .unwrap_or_default(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Writes one line per match: headline (matched characters in bold and underlined
/// when `paint` is on), source, path; then the count.
pub fn write_text(
    rows: &Rows,
    answer: &Answer,
    paint: Paint,
    term_width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let total_w = term_width.unwrap_or(120).max(60);
    let title_w = total_w.saturating_sub(16 + 2 + 30).max(30);
    let index = answer.index.as_ref().filter(|_| paint.on);
    for h in &answer.hits {
        let shown = width::truncate(rows.title(h.id), title_w);
        let pad = title_w.saturating_sub(width::width(&shown));
        let marked = match index {
            Some(ix) => {
                let idx = ix.indices(&answer.query, h.id);
                let mut s = String::new();
                let mut run = String::new();
                let mut run_matched = false;
                for (i, c) in shown.chars().enumerate() {
                    let matched = idx.binary_search(&i).is_ok();
                    if matched != run_matched && !run.is_empty() {
                        s.push_str(&paint_run(paint, &run, run_matched));
                        run.clear();
                    }
                    run_matched = matched;
                    run.push(c);
                }
                s.push_str(&paint_run(paint, &run, run_matched));
                s
            }
            None => shown.clone(),
        };
        writeln!(
            out,
            "{marked}{} {} {}",
            " ".repeat(pad),
            paint.paint(
                styles::SOURCE,
                &width::fit(rows.source(h.id).unwrap_or("-"), 16)
            ),
            paint.paint(styles::PATH, &display_line(&rows.location(h.id)))
        )?;
    }
    let summary = format!(
        "{} match{} for \"{}\"{}",
        answer.total,
        if answer.total == 1 { "" } else { "es" },
        display_line(&answer.raw),
        if answer.hits.len() < answer.total {
            format!(", best {} shown", answer.hits.len())
        } else {
            String::new()
        }
    );
    writeln!(out, "{}", paint.paint(styles::DIM, &summary))
}

fn paint_run(paint: Paint, run: &str, matched: bool) -> String {
    if matched {
        paint.paint(styles::MATCH, run)
    } else {
        run.to_string()
    }
}

/// Exit code when nothing matches, as grep, rg and fzf give.
pub const NO_MATCH: u8 = 1;

/// Splits `search`'s words into the folder and the query. With two words or more,
/// the first is the folder when it names an existing folder or file; otherwise
/// every word is the query (words match in any order, so a query word that is
/// also a folder's name can go second).
pub fn split_args(args: &[String]) -> (Option<std::path::PathBuf>, String) {
    match args {
        [first, rest @ ..] if !rest.is_empty() && std::path::Path::new(first).exists() => {
            (Some(std::path::PathBuf::from(first)), rest.join(" "))
        }
        _ => (None, args.join(" ")),
    }
}

/// Runs `copydesk search [DIR] QUERY...`: exits 1 when nothing matches.
pub fn run_command(
    args: &[String],
    limit: usize,
    full_text: bool,
    format: super::Format,
    output: super::Output,
    config: &crate::config::Config,
) -> std::process::ExitCode {
    let (dir, query) = split_args(args);
    let rows = if columns_suffice(&query, full_text) {
        // Only the headlines that match are kept as they are read, as fzf keeps
        // only its matches.
        let words = Query::parse(&filter::split(&query, jiff::Zoned::now().date()).words);
        let matches = |title: &str| search::headline_matches(title, &words);
        let only: Option<&copydesk_core::load::Only<'_>> = (!words.is_empty()).then_some(&matches);
        super::open_columns(dir.as_deref(), config, only, words.is_plain_fuzzy()).map(|r| {
            r.map_or_else(Rows::Store, |load| Rows::Columns {
                columns: load.columns,
                index: Box::new(load.index),
                ids: load.ids,
            })
        })
    } else {
        super::open_store(dir.as_deref(), config).map(Rows::Store)
    };
    let mut rows = match rows {
        Ok(r) => r,
        Err(e) => return super::fail(e),
    };
    let limit = (limit > 0).then_some(limit);
    let answer = match run(&mut rows, &query, limit, full_text) {
        Ok(a) => a,
        Err(e) => return super::fail(e),
    };
    let code = if format == super::Format::Json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let result = write_json(&rows, &answer, &mut out);
        colour::flush(&mut out, result)
    } else {
        let on = output.colour(format == super::Format::Ansi);
        let mut out = colour::stdout(on);
        let result = write_text(
            &rows,
            &answer,
            Paint::new(on),
            super::terminal_width(),
            &mut out,
        );
        colour::flush(&mut out, result)
    };
    if answer.total == 0 && code == std::process::ExitCode::SUCCESS {
        return std::process::ExitCode::from(NO_MATCH);
    }
    code
}
