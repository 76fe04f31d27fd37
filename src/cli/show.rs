//! `copydesk show PATH`: one article as the reader shows it, or every field copydesk
//! read from it as JSON.

use std::io::{self, Write};

use serde::Serialize;

use copydesk_core::article::{Article, Block, BlockKind};
use copydesk_core::load;
use copydesk_core::text::display::{display, display_line};
use copydesk_core::text::wrap;

use super::colour::{self, Paint, styles};

/// What `copydesk show` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// The article as the reader lays it out, coloured as --color says.
    Text,
    /// The same as text with --color always (kept for scripts that use it).
    Ansi,
    /// Every field read from the article, and its blocks.
    Json,
}

/// The widest a paragraph is set, as the reader sets it by default.
const MEASURE: usize = 80;

#[derive(Serialize)]
struct JsonShow<'a> {
    path: String,
    title: &'a str,
    title_rule: &'static str,
    dateline: Option<&'a str>,
    dateline_text: Option<&'a str>,
    date: Option<String>,
    date_from: Option<&'static str>,
    source: Option<&'a str>,
    byline: Option<&'a str>,
    credit: Option<&'a str>,
    tags: &'a [Box<str>],
    lang: Option<&'a str>,
    url: Option<&'a str>,
    encoding: &'static str,
    words: u32,
    blocks: Vec<Block<'a>>,
}

/// Writes every field of `a` as JSON, with its body as `blocks`.
pub fn write_json(a: &Article, out: &mut dyn Write) -> io::Result<()> {
    let doc = JsonShow {
        path: a.location.to_string(),
        title: &a.title,
        title_rule: a.title_rule.as_str(),
        dateline: a.dateline.as_deref(),
        dateline_text: a.dateline_text.as_deref(),
        date: a.date.map(|d| d.to_string()),
        date_from: a.date_origin.as_str(),
        source: a.source.as_deref(),
        byline: a.author(),
        credit: a.credit(),
        tags: a.tags(),
        lang: a.lang(),
        url: a.url(),
        encoding: a.encoding.as_str(),
        words: a.words,
        blocks: a.blocks(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Writes `a` as the reader shows it: headline, the line under it, the body set
/// to `width` columns (at most [`MEASURE`]) with tables and code as written, and
/// the credit line; with `paint` on, the headline bold and secondary text dim.
pub fn write_text(a: &Article, width: usize, paint: Paint, out: &mut dyn Write) -> io::Result<()> {
    let measure = width.clamp(20, MEASURE);
    for line in wrap::wrap(&[(a.title.as_ref(), ())], measure) {
        writeln!(out, "{}", paint.paint(styles::HEADLINE, &text_of(&line)))?;
    }
    let meta = a.meta_line(true);
    writeln!(out, "{}", paint.paint(styles::DIM, &display_line(&meta)))?;
    if let Some(by) = a.author() {
        let by = format!("By {}", display_line(by));
        writeln!(out, "{}", paint.paint(styles::DIM, &by))?;
    }
    if let Some(u) = a.url() {
        writeln!(out, "{}", paint.paint(styles::PATH, &display_line(u)))?;
    }
    for block in a.blocks() {
        writeln!(out)?;
        match block.kind {
            BlockKind::Pre => writeln!(out, "{}", display(block.text))?,
            BlockKind::Paragraph => {
                for line in wrap::wrap(&[(block.text, ())], measure) {
                    writeln!(out, "{}", text_of(&line))?;
                }
            }
        }
    }
    if let Some(c) = a.credit() {
        writeln!(out)?;
        for line in wrap::wrap(&[(c, ())], measure) {
            writeln!(out, "{}", paint.paint(styles::DIM, &text_of(&line)))?;
        }
    }
    Ok(())
}

fn text_of(line: &[wrap::Span<()>]) -> String {
    line.iter().map(|(t, _)| t.as_str()).collect()
}

/// Runs `copydesk show PATH`.
pub fn run(
    path: &str,
    format: ShowFormat,
    width: Option<usize>,
    output: super::Output,
    config: &crate::config::Config,
) -> std::process::ExitCode {
    let a = match load::load_one(path, &config.load_options()) {
        Ok(a) => a,
        Err(e) => return super::fail(e),
    };
    let width = width.or_else(super::terminal_width).unwrap_or(MEASURE);
    if format == ShowFormat::Json {
        let mut out = io::BufWriter::new(io::stdout().lock());
        let result = write_json(&a, &mut out);
        return colour::flush(&mut out, result);
    }
    let on = output.colour(format == ShowFormat::Ansi);
    let mut out = colour::stdout(on);
    let result = write_text(&a, width, Paint::new(on), &mut out);
    colour::flush(&mut out, result)
}
