//! `copydesk diff A B`: two versions side by side, as marked text, colour, or JSON.

use std::io::{self, Write};

use copydesk_core::compare::{Comparison, Op};
use copydesk_core::load;
use copydesk_core::text::display::display_line;
use copydesk_core::text::width;
use copydesk_core::text::wrap::{self, Span};

use super::colour::{self, Paint, styles};

/// What `copydesk diff` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Side by side: in colour when --color says so, else with `{+added+}` and
    /// `[-dropped-]` markers.
    Text,
    /// The same as text with --color always (kept for scripts that use it).
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

/// What a span of a row is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Plain,
    Insert,
    Delete,
    Minor,
}

impl Kind {
    fn style(self) -> anstyle::Style {
        match self {
            Kind::Plain => anstyle::Style::new(),
            Kind::Insert => styles::INSERT,
            Kind::Delete => styles::DELETE,
            Kind::Minor => styles::MINOR,
        }
    }
}

/// Spans for one side of a row; with markers, `{+…+}` and `[-…-]` go around the
/// words, whitespace stays outside.
fn spans(segs: &[copydesk_core::compare::Segment], style: Style) -> Vec<(String, Kind)> {
    let mut out = Vec::new();
    for s in segs {
        let paint = match s.op {
            Op::Equal => Kind::Plain,
            Op::Insert => Kind::Insert,
            Op::Delete => Kind::Delete,
            Op::Minor => Kind::Minor,
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
            out.push((s.text.clone(), Kind::Plain));
            continue;
        }
        let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
        let trail = &s.text[s.text.trim_end().len()..];
        if !lead.is_empty() {
            out.push((lead.to_string(), Kind::Plain));
        }
        out.push((format!("{open}{body}{close}"), paint));
        if !trail.is_empty() {
            out.push((trail.to_string(), Kind::Plain));
        }
    }
    out
}

fn render_line(line: &[Span<Kind>], style: Style, cells: usize) -> String {
    let paint = Paint::new(style == Style::Ansi);
    let mut s = String::new();
    for (t, k) in line {
        // `wrap` has sanitised the text already; the style goes around it.
        s.push_str(&paint.paint(k.style(), t));
    }
    let used = wrap::line_width(line);
    s.extend(std::iter::repeat_n(' ', cells.saturating_sub(used)));
    s
}

/// Writes the comparison side by side in `width` columns, with `kind` (what kind
/// of version the right side is, or empty) under the summary.
pub fn write_side_by_side(
    c: &Comparison,
    kind: &str,
    style: Style,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = width.max(24);
    let col = (width - 5) / 2;
    let paint = Paint::new(style == Style::Ansi);
    writeln!(out, "{}", paint.paint(styles::HEADLINE, &c.summary.line()))?;
    if let Some(moved) = c.dates_moved() {
        writeln!(out, "{}", paint.paint(styles::DIM, &display_line(&moved)))?;
    }
    if !kind.is_empty() {
        writeln!(
            out,
            "{}",
            paint.paint(styles::DIM, &format!("version: {kind}"))
        )?;
    }
    let head = |label: &str, s: &copydesk_core::compare::SideInfo, mark: anstyle::Style| {
        let line = width::truncate(
            &format!("{label} {} ({} words) {}", s.path, s.words, s.title),
            width,
        );
        paint.paint(mark, &line)
    };
    writeln!(out, "{}", head("---", &c.left, styles::DELETE))?;
    writeln!(out, "{}", head("+++", &c.right, styles::INSERT))?;
    for row in &c.rows {
        let side = |segs: &Option<Vec<copydesk_core::compare::Segment>>| -> Vec<Vec<Span<Kind>>> {
            let Some(segs) = segs else { return Vec::new() };
            let sp = spans(segs, style);
            let borrowed: Vec<(&str, Kind)> = sp.iter().map(|(t, p)| (t.as_str(), *p)).collect();
            wrap::wrap(&borrowed, col)
        };
        let left = side(&row.left);
        let right = side(&row.right);
        let m = row.mark();
        let mark_style = match m {
            '+' => styles::INSERT,
            '-' => styles::DELETE,
            '~' => styles::CHANGED,
            '↕' => styles::MOVED,
            _ => anstyle::Style::new(),
        };
        let gutter = Paint::new(style == Style::Ansi).paint(mark_style, &m.to_string());
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
    format: DiffFormat,
    width: Option<usize>,
    output: super::Output,
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
    let width = width.or_else(super::terminal_width).unwrap_or(120);
    if matches!(format, DiffFormat::Text | DiffFormat::Ansi) {
        let on = output.colour(format == DiffFormat::Ansi);
        let mut out = colour::stdout(on);
        let style = if on { Style::Ansi } else { Style::Markers };
        let kind = copydesk_core::story::timeline::describe(&left, &right, &comparison);
        let result = write_side_by_side(&comparison, &kind, style, width, &mut out);
        return colour::flush(&mut out, result);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match format {
        DiffFormat::Json => write_json(&comparison, &mut out),
        DiffFormat::Html => out.write_all(copydesk_core::export::html(&comparison).as_bytes()),
        DiffFormat::Markdown => {
            out.write_all(copydesk_core::export::markdown(&comparison).as_bytes())
        }
        DiffFormat::Text | DiffFormat::Ansi => unreachable!("written above"),
    };
    colour::flush(&mut out, result)
}
