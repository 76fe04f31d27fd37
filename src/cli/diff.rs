//! `copydesk diff A B`: two versions side by side, as marked text, colour, or JSON.

use std::io::{self, Write};

use copydesk_core::compare::{Comparison, Op};
use copydesk_core::load;
use copydesk_core::text::width;
use copydesk_core::text::wrap::{self, Span};

/// What `copydesk diff` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Side by side with `{+added+}` and `[-dropped-]` markers.
    Text,
    /// Side by side in colour, for a terminal.
    Ansi,
    /// The stable machine interface.
    Json,
    /// One self-contained HTML page, side by side, to open, print or attach.
    Html,
    /// A Markdown table of the changes, to paste into a ticket or chat.
    Markdown,
}

/// How marked text is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `{+inserted+}` and `[-deleted-]` markers, nothing else.
    Markers,
    /// Terminal colours and emphasis.
    Ansi,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Paint {
    Plain,
    Insert,
    Delete,
    Minor,
}

const RESET: &str = "\x1b[0m";

fn sgr(p: Paint) -> &'static str {
    match p {
        Paint::Plain => "",
        Paint::Insert => "\x1b[1;32m",
        Paint::Delete => "\x1b[31m",
        Paint::Minor => "\x1b[2m",
    }
}

/// Spans for one side of a row; with markers, `{+…+}` and `[-…-]` go around the
/// words, whitespace stays outside.
fn spans(segs: &[copydesk_core::compare::Segment], style: Style) -> Vec<(String, Paint)> {
    let mut out = Vec::new();
    for s in segs {
        let paint = match s.op {
            Op::Equal => Paint::Plain,
            Op::Insert => Paint::Insert,
            Op::Delete => Paint::Delete,
            Op::Minor => Paint::Minor,
        };
        let (open, close) = match (style, s.op) {
            (Style::Markers, Op::Insert) => ("{+", "+}"),
            (Style::Markers, Op::Delete) => ("[-", "-]"),
            _ => ("", ""),
        };
        if open.is_empty() {
            out.push((s.text.clone(), paint));
            continue;
        }
        let body = s.text.trim();
        if body.is_empty() {
            out.push((s.text.clone(), Paint::Plain));
            continue;
        }
        let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
        let trail = &s.text[s.text.trim_end().len()..];
        if !lead.is_empty() {
            out.push((lead.to_string(), Paint::Plain));
        }
        out.push((format!("{open}{body}{close}"), paint));
        if !trail.is_empty() {
            out.push((trail.to_string(), Paint::Plain));
        }
    }
    out
}

fn render_line(line: &[Span<Paint>], style: Style, cells: usize) -> String {
    let mut s = String::new();
    for (t, p) in line {
        if style == Style::Ansi && *p != Paint::Plain {
            s.push_str(sgr(*p));
            s.push_str(t);
            s.push_str(RESET);
        } else {
            s.push_str(t);
        }
    }
    let used = wrap::line_width(line);
    s.extend(std::iter::repeat_n(' ', cells.saturating_sub(used)));
    s
}

/// Writes the comparison side by side in `width` columns.
pub fn write_side_by_side(
    c: &Comparison,
    style: Style,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = width.max(24);
    let col = (width - 5) / 2;
    writeln!(out, "{}", c.summary.line())?;
    if let Some(moved) = c.dates_moved() {
        writeln!(out, "{moved}")?;
    }
    let head = |label: &str, s: &copydesk_core::compare::SideInfo| {
        width::truncate(
            &format!("{label} {} ({} words) {}", s.path, s.words, s.title),
            width,
        )
    };
    writeln!(out, "{}", head("---", &c.left))?;
    writeln!(out, "{}", head("+++", &c.right))?;
    for row in &c.rows {
        let side = |segs: &Option<Vec<copydesk_core::compare::Segment>>| -> Vec<Vec<Span<Paint>>> {
            let Some(segs) = segs else { return Vec::new() };
            let sp = spans(segs, style);
            let borrowed: Vec<(&str, Paint)> = sp.iter().map(|(t, p)| (t.as_str(), *p)).collect();
            wrap::wrap(&borrowed, col)
        };
        let left = side(&row.left);
        let right = side(&row.right);
        let m = row.mark();
        let gutter = match (style, m) {
            (Style::Ansi, '+') => format!("\x1b[32m+{RESET}"),
            (Style::Ansi, '-') => format!("\x1b[31m-{RESET}"),
            (Style::Ansi, '~') => format!("\x1b[33m~{RESET}"),
            (Style::Ansi, '↕') => format!("\x1b[36m↕{RESET}"),
            _ => m.to_string(),
        };
        for k in 0..left.len().max(right.len()).max(1) {
            let l = left
                .get(k)
                .map(|l| render_line(l, style, col))
                .unwrap_or_else(|| " ".repeat(col));
            let r = right
                .get(k)
                .map(|r| render_line(r, style, 0))
                .unwrap_or_default();
            let g = if k == 0 { gutter.as_str() } else { " " };
            let line = format!("{g} {l} │ {r}");
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(())
}

/// Writes the comparison as JSON.
pub fn write_json(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, c)?;
    writeln!(out)
}

/// Runs `copydesk diff A B`.
pub fn run(
    a: &str,
    b: &str,
    format: Option<DiffFormat>,
    width: Option<usize>,
    config: &crate::config::Config,
) -> std::process::ExitCode {
    let opts = config.load_options();
    let (left, right) = match (load::load_one(a, &opts), load::load_one(b, &opts)) {
        (Ok(l), Ok(r)) => (l, r),
        (Err(e), _) | (_, Err(e)) => return super::fail(e),
    };
    let comparison = match copydesk_core::compare::try_compare(&left, &right) {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "copydesk: {}",
                copydesk_core::text::display::display_line(&e.to_string())
            );
            return std::process::ExitCode::FAILURE;
        }
    };
    let format = format.unwrap_or(if super::stdout_is_terminal() {
        DiffFormat::Ansi
    } else {
        DiffFormat::Text
    });
    let width = width.or_else(super::terminal_width).unwrap_or(120);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match format {
        DiffFormat::Json => write_json(&comparison, &mut out),
        DiffFormat::Html => out.write_all(copydesk_core::export::html(&comparison).as_bytes()),
        DiffFormat::Markdown => {
            out.write_all(copydesk_core::export::markdown(&comparison).as_bytes())
        }
        DiffFormat::Text => write_side_by_side(&comparison, Style::Markers, width, &mut out),
        DiffFormat::Ansi => write_side_by_side(&comparison, Style::Ansi, width, &mut out),
    };
    super::finish(result.and_then(|()| out.flush()))
}
