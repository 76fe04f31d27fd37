//! `copydesk show PATH`: one article as the reader shows it, or every field copydesk
//! read from it as JSON.

use std::io::{self, Write};

use serde::Serialize;

use copydesk_core::article::{Article, Block, BlockKind};
use copydesk_core::load;
use copydesk_core::text::display::{display, display_line};
use copydesk_core::text::wrap;

/// What `copydesk show` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// The article as the reader lays it out, in plain text.
    Text,
    /// The same with emphasis, for a terminal.
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
        byline: a.author.as_deref(),
        credit: a.credit.as_deref(),
        tags: &a.tags,
        lang: a.lang.as_deref(),
        url: a.url.as_deref(),
        encoding: a.encoding.as_str(),
        words: a.words,
        blocks: a.blocks(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Writes `a` as the reader shows it: headline, the line under it, the body set
/// to `width` columns (at most [`MEASURE`]) with tables and code as written, and
/// the credit line; with `ansi`, the headline bold and secondary text dim.
pub fn write_text(a: &Article, width: usize, ansi: bool, out: &mut dyn Write) -> io::Result<()> {
    let measure = width.clamp(20, MEASURE);
    let (bold, dim, reset) = if ansi {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    for line in wrap::wrap(&[(a.title.as_ref(), ())], measure) {
        writeln!(out, "{bold}{}{reset}", text_of(&line))?;
    }
    let meta = a.meta_line(true);
    writeln!(out, "{dim}{}{reset}", display_line(&meta))?;
    if let Some(by) = &a.author {
        writeln!(out, "{dim}By {}{reset}", display_line(by))?;
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
    if let Some(c) = &a.credit {
        writeln!(out)?;
        for line in wrap::wrap(&[(c.as_ref(), ())], measure) {
            writeln!(out, "{dim}{}{reset}", text_of(&line))?;
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
    format: Option<ShowFormat>,
    width: Option<usize>,
    config: &crate::config::Config,
) -> std::process::ExitCode {
    let a = match load::load_one(path, &config.load_options()) {
        Ok(a) => a,
        Err(e) => return super::fail(e),
    };
    let format = format.unwrap_or(if super::stdout_is_terminal() {
        ShowFormat::Ansi
    } else {
        ShowFormat::Text
    });
    let width = width.or_else(super::terminal_width).unwrap_or(MEASURE);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = match format {
        ShowFormat::Json => write_json(&a, &mut out),
        ShowFormat::Text => write_text(&a, width, false, &mut out),
        ShowFormat::Ansi => write_text(&a, width, true, &mut out),
    };
    super::finish(result.and_then(|()| out.flush()))
}
