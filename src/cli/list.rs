//! `copydesk list`: every article of a folder, one row each, or as JSON.

use std::io::{self, Write};

use clap::builder::PossibleValue;
use serde::Serialize;

use copydesk_core::article::{Article, DateOrigin};
use copydesk_core::load::Skipped;
use copydesk_core::sort::Sort;
use copydesk_core::state::Marks;
use copydesk_core::store::Store;
use copydesk_core::text::display::display_line;
use copydesk_core::text::width;

use super::colour::{self, Paint, styles};

/// `--sort`: the engine's orders this command offers, under the names it gives
/// them on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortArg(pub Sort);

impl Default for SortArg {
    fn default() -> Self {
        SortArg(Sort::Path)
    }
}

impl clap::ValueEnum for SortArg {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            SortArg(Sort::Path),
            SortArg(Sort::Date),
            SortArg(Sort::Title),
            SortArg(Sort::Words),
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (name, help) = match self.0 {
            Sort::Path => ("path", "By path (the default)"),
            Sort::Date => ("date", "Newest first"),
            Sort::Title => ("title", "By headline"),
            Sort::Words => ("words", "Longest first"),
            Sort::Source | Sort::Versions => return None,
        };
        Some(PossibleValue::new(name).help(help))
    }
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    id: u32,
    path: String,
    title: &'a str,
    title_rule: &'static str,
    source: Option<&'a str>,
    dateline: Option<&'a str>,
    credit: Option<&'a str>,
    date: Option<String>,
    date_from: Option<&'static str>,
    words: u32,
    encoding: &'static str,
    tags: &'a [Box<str>],
    lang: Option<&'a str>,
    read: bool,
    starred: bool,
}

impl<'a> JsonArticle<'a> {
    fn new(a: &'a Article, marks: &Marks) -> Self {
        let mark = marks.get(a);
        JsonArticle {
            read: mark.read,
            starred: mark.starred,
            id: a.id,
            path: a.location.to_string(),
            title: &a.title,
            title_rule: a.title_rule.as_str(),
            source: a.source.as_deref(),
            dateline: a.dateline.as_deref(),
            credit: a.credit(),
            date: a.date.map(|d| d.to_string()),
            date_from: a.date_origin.as_str(),
            words: a.words,
            encoding: a.encoding.as_str(),
            tags: a.tags(),
            lang: a.lang(),
        }
    }
}

#[derive(Serialize)]
struct JsonList<'a> {
    root: String,
    articles: Vec<JsonArticle<'a>>,
    skipped: &'a [Skipped],
    warnings: &'a [copydesk_core::load::Warning],
}

/// Writes the list as JSON: `{"root", "articles": [...], "skipped": [...],
/// "warnings": [...]}`, each article with its `read` and `starred` marks.
pub fn write_json(
    store: &Store,
    sort: SortArg,
    marks: &Marks,
    out: &mut dyn Write,
) -> io::Result<()> {
    let list = JsonList {
        root: store.root().display().to_string(),
        articles: sort
            .0
            .order(store, None)
            .into_iter()
            .map(|id| JsonArticle::new(&store.articles()[id as usize], marks))
            .collect(),
        skipped: store.skipped(),
        warnings: store.warnings(),
    };
    serde_json::to_writer_pretty(&mut *out, &list)?;
    writeln!(out)
}

/// How a date shows in the list: `2018-01-29`, `Mar 2` for a day of unknown year,
/// `~` before a file's time (when the file was saved, not when the story ran).
fn date_cell(a: &Article) -> String {
    match a.date {
        Some(d) if a.date_origin == DateOrigin::FileTime => format!("~{}", d.human()),
        Some(d) => d.human(),
        None => "-".to_string(),
    }
}

/// Writes one aligned row per article to `out` (headline, source, date, words,
/// path), then the totals; skipped files go to `err` with their reasons. With
/// `paint` on, headlines are bold, sources cyan, dates and counts dim, paths magenta.
pub fn write_text(
    store: &Store,
    sort: SortArg,
    term_width: Option<usize>,
    paint: Paint,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    let total = term_width.unwrap_or(120).max(60);
    let source_w = 16;
    let date_w = 11;
    let words_w = 6;
    let path_w = store
        .articles()
        .iter()
        .map(|a| width::width(&a.location.to_string()))
        .max()
        .unwrap_or(4)
        .min(40);
    let title_w = total
        .saturating_sub(source_w + date_w + words_w + path_w + 4)
        .max(20);
    for id in sort.0.order(store, None) {
        let a = &store.articles()[id as usize];
        let path = display_line(&a.location.to_string()).into_owned();
        writeln!(
            out,
            "{} {} {} {} {}",
            paint.paint(styles::HEADLINE, &width::fit(&a.title, title_w)),
            paint.paint(
                styles::SOURCE,
                &width::fit(a.source.as_deref().unwrap_or("-"), source_w)
            ),
            paint.paint(styles::DIM, &width::fit(&date_cell(a), date_w)),
            paint.paint(styles::DIM, &format!("{:>words_w$}", a.words)),
            paint.paint(styles::PATH, &path),
        )?;
    }
    let n = store.len();
    writeln!(
        out,
        "{n} article{}, {} skipped",
        if n == 1 { "" } else { "s" },
        store.skipped().len()
    )?;
    for s in store.skipped() {
        writeln!(err, "skipped {}", display_line(&s.to_string()))?;
    }
    for w in store.warnings() {
        writeln!(err, "warning {}", display_line(&w.to_string()))?;
    }
    Ok(())
}

/// Runs `copydesk list`.
pub fn run(
    dir: Option<&std::path::Path>,
    format: super::Format,
    sort: SortArg,
    output: super::Output,
    config: &crate::config::Config,
) -> std::process::ExitCode {
    let store = match super::open_store(dir, config) {
        Ok(s) => s,
        Err(e) => return super::fail(e),
    };
    let mut err = std::io::stderr().lock();
    if format == super::Format::Json {
        let marks = match Marks::default_file().map(|f| Marks::read(&f)) {
            Some(Ok(m)) => m,
            Some(Err(e)) => {
                let _ = writeln!(
                    err,
                    "copydesk: marks not read ({}); read and starred are false",
                    display_line(&e.to_string())
                );
                Marks::in_memory()
            }
            None => Marks::in_memory(),
        };
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let result = write_json(&store, sort, &marks, &mut out);
        return colour::flush(&mut out, result);
    }
    let on = output.colour(format == super::Format::Ansi);
    let mut out = colour::stdout(on);
    let result = write_text(
        &store,
        sort,
        super::terminal_width(),
        Paint::new(on),
        &mut out,
        &mut err,
    );
    colour::flush(&mut out, result)
}
