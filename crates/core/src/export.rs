//! A comparison written out for people who are not at the terminal: one
//! self-contained HTML page (inline CSS, no scripts, nothing fetched) to open,
//! print or attach, and Markdown to paste into a ticket or a chat.

use std::fmt::Write as _;

use crate::compare::{Comparison, Op, Row, Segment, SideInfo, UnitKind};

/// Runs of at least this many unchanged sentences are folded in Markdown.
const MARKDOWN_FOLD_MIN: usize = 3;

/// The page's style sheet: the TUI's colours, readable on screen and on paper.
const CSS: &str = "\
body{font:16px/1.5 Georgia,'Times New Roman',serif;margin:2rem auto;max-width:78rem;padding:0 1rem;color:#1b1b1b;background:#fff}
h1{font:600 1.2rem/1.3 system-ui,sans-serif;margin:0 0 .3rem}
p.summary{font:1rem/1.4 system-ui,sans-serif;margin:0 0 1.2rem;color:#333}
table{border-collapse:collapse;width:100%;table-layout:fixed}
col.mark{width:2rem}
th{text-align:left;vertical-align:top;font:600 1rem/1.3 system-ui,sans-serif;padding:.4rem .6rem;border-bottom:2px solid #888}
th .meta{display:block;font-weight:400;font-size:.85rem;color:#555;word-break:break-all}
td{vertical-align:top;padding:.35rem .6rem;border-bottom:1px solid #e4e4e4}
td.mark{font:700 1rem/1.5 monospace;text-align:center;color:#777}
tr.added td.mark,ins{color:#0a6b2d}
tr.dropped td.mark,del{color:#a3111c}
tr.changed td.mark{color:#8a6100}
tr.moved td.mark{color:#1d5d8c}
tr.headline td{font-weight:600}
tr.credit td{font-style:italic}
ins{text-decoration:none;font-weight:700;background:#e3f6e8}
del{text-decoration:line-through;background:#fbe4e6}
.minor{color:#777}
.note{font:italic .85rem system-ui,sans-serif;color:#1d5d8c}
.note a{color:inherit}
footer{margin-top:1.5rem;font:.8rem system-ui,sans-serif;color:#666}
@media print{body{margin:0;max-width:none;font-size:10pt}tr{break-inside:avoid}thead{display:table-header-group}
ins,del{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
";

/// Escapes text for HTML content and attribute values.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in HTML text; show them as a box.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

fn escaped(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    escape(text, &mut s);
    s
}

fn html_segments(segs: &[Segment], out: &mut String) {
    for s in segs {
        let (open, close) = match s.op {
            Op::Equal => ("", ""),
            Op::Insert => ("<ins>", "</ins>"),
            Op::Delete => ("<del>", "</del>"),
            Op::Minor => ("<span class=\"minor\">", "</span>"),
        };
        // Spaces stay outside the marks, so no space is struck through.
        let body = s.text.trim();
        let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
        let trail = &s.text[s.text.trim_end().len()..];
        if body.is_empty() || open.is_empty() {
            escape(&s.text, out);
            continue;
        }
        escape(lead, out);
        out.push_str(open);
        escape(body, out);
        out.push_str(close);
        escape(trail, out);
    }
}

fn html_side(info: &SideInfo) -> String {
    format!(
        "{}<span class=\"meta\">{} · {} words</span>",
        escaped(&info.title),
        escaped(&info.path),
        info.words
    )
}

/// The comparison as one self-contained HTML page.
pub fn html(c: &Comparison) -> String {
    let mut out = String::new();
    let title = format!("{} / {}", c.left.title, c.right.title);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"copydesk {}\"/>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "<title>{}</title>", escaped(&title));
    let _ = writeln!(out, "<style>\n{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(
        out,
        "<header>\n<h1>What the right version adds over the left</h1>\n<p class=\"summary\">{}</p>\n</header>",
        escaped(&c.summary.line())
    );
    out.push_str("<table>\n<colgroup><col class=\"mark\"/><col/><col/></colgroup>\n");
    let _ = writeln!(
        out,
        "<thead><tr><th></th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        html_side(&c.left),
        html_side(&c.right)
    );
    for (i, row) in c.rows.iter().enumerate() {
        let (class, mark) = (row.class().name(), row.mark());
        let unit = match row.unit {
            UnitKind::Headline => " headline",
            UnitKind::Body => "",
            UnitKind::Credit => " credit",
        };
        let _ = write!(
            out,
            "<tr id=\"r{i}\" class=\"{class}{unit}\"><td class=\"mark\">{mark}</td>"
        );
        for side in [&row.left, &row.right] {
            out.push_str("<td>");
            match side {
                Some(segs) => html_segments(segs, &mut out),
                None => {
                    if let Some(p) = row.partner {
                        let where_ = if p > i { "below" } else { "above" };
                        let _ = write!(
                            out,
                            "<span class=\"note\"><a href=\"#r{p}\">moved: this side has it {where_}</a></span>"
                        );
                    }
                }
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out.push_str(
        "<footer>Made by copydesk. <ins>Added</ins> words are on the right, \
         <del>dropped</del> words on the left; <span class=\"minor\">grey</span> words \
         differ only in spelling, quotes or punctuation. Marks: + added, - dropped, \
         ~ rewritten, ↕ moved.</footer>\n</body>\n</html>\n",
    );
    out
}

/// Escapes text for a Markdown table cell.
fn md_escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '#' => {
                s.push('\\');
                s.push(c);
            }
            '\n' | '\r' | '\t' => s.push(' '),
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    s
}

fn md_segments(segs: &[Segment]) -> String {
    let mut out = String::new();
    // Whether the last thing written closes emphasis right after punctuation:
    // a word straight after it would keep the marker from closing.
    let mut closed_after_punct = false;
    for s in segs {
        let body = s.text.trim();
        if body.is_empty() {
            out.push_str(&md_escape(&s.text));
            closed_after_punct = false;
            continue;
        }
        let (open, close) = match s.op {
            Op::Insert => ("**", "**"),
            Op::Delete => ("~~", "~~"),
            Op::Equal | Op::Minor => ("", ""),
        };
        // Emphasis must hug the words, so spaces go outside the markers.
        let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
        let trail = &s.text[s.text.trim_end().len()..];
        let starts_word = body.starts_with(char::is_alphanumeric);
        if closed_after_punct && lead.is_empty() && starts_word {
            out.push(' ');
        }
        out.push_str(&md_escape(lead));
        // An opening marker between a letter and punctuation does not open.
        if !open.is_empty()
            && lead.is_empty()
            && !starts_word
            && out.ends_with(char::is_alphanumeric)
        {
            out.push(' ');
        }
        let _ = write!(out, "{open}{}{close}", md_escape(body));
        out.push_str(&md_escape(trail));
        closed_after_punct =
            !close.is_empty() && trail.is_empty() && !body.ends_with(char::is_alphanumeric);
    }
    out.trim().to_string()
}

/// The comparison as Markdown: the summary, then a table of the changed
/// sentences with runs of unchanged ones folded into a single row.
pub fn markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "**{}**\n", md_escape(&c.summary.line()));
    let side = |s: &SideInfo| {
        format!(
            "{} ({}, {} words)",
            md_escape(&s.title),
            md_escape(&s.path),
            s.words
        )
    };
    let _ = writeln!(out, "| | {} | {} |", side(&c.left), side(&c.right));
    out.push_str("|---|---|---|\n");
    let mut unchanged = 0;
    let flush = |out: &mut String, unchanged: &mut usize, rows: &[&Row]| {
        if *unchanged >= MARKDOWN_FOLD_MIN {
            let _ = writeln!(out, "| | … {} sentences unchanged … | |", *unchanged);
        } else {
            for row in rows {
                let text = row.left.as_deref().map(md_segments).unwrap_or_default();
                let right = row.right.as_deref().map(md_segments).unwrap_or_default();
                let _ = writeln!(out, "| | {text} | {right} |");
            }
        }
        *unchanged = 0;
    };
    let mut run: Vec<&Row> = Vec::new();
    for (i, row) in c.rows.iter().enumerate() {
        let quiet = row.class().is_quiet();
        if quiet && row.unit == UnitKind::Body {
            unchanged += 1;
            run.push(row);
            continue;
        }
        flush(&mut out, &mut unchanged, &run);
        run.clear();
        let mark = match row.mark() {
            ' ' => String::new(),
            m => format!("`{m}`"),
        };
        let cell = |segs: &Option<Vec<Segment>>| match segs {
            Some(s) => md_segments(s),
            None => match row.partner {
                Some(p) if p > i => "*(moved: this side has it below)*".to_string(),
                Some(_) => "*(moved: this side has it above)*".to_string(),
                None => String::new(),
            },
        };
        let _ = writeln!(
            out,
            "| {mark} | {} | {} |",
            cell(&row.left),
            cell(&row.right)
        );
    }
    flush(&mut out, &mut unchanged, &run);
    out.push_str(
        "\n**Bold**: only on the right. ~~Struck~~: only on the left. \
         `+` added, `-` dropped, `~` rewritten, `↕` moved.\n",
    );
    out
}

/// Why a comparison could not be written to a file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// There is nowhere to keep exports (no data folder could be found).
    #[error("there is no data folder to write to; set COPYDESK_DATA_DIR")]
    NoFolder,
    /// The export folder lies inside the article folder, which is never written to.
    #[error(
        "{0} is inside the article folder, which copydesk never writes to; set COPYDESK_DATA_DIR to a folder elsewhere"
    )]
    InsideArticles(std::path::PathBuf),
    /// The file could not be written.
    #[error("could not write {path}: {source}")]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A file name for the comparison of `c`: both sides' names, made safe.
pub fn file_name(c: &Comparison, extension: &str) -> String {
    let stem = |s: &SideInfo| -> String {
        let name = s.path.rsplit('/').next().unwrap_or(&s.path);
        let name = name.rsplit_once('.').map_or(name, |(n, _)| n);
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .take(60)
            .collect();
        if safe.is_empty() {
            "article".into()
        } else {
            safe
        }
    };
    format!("{}--{}.{extension}", stem(&c.left), stem(&c.right))
}

/// Writes the HTML page of `c` into `folder` (created if need be), never under
/// `articles`; returns the file written.
pub fn write_html(
    c: &Comparison,
    folder: &std::path::Path,
    articles: &std::path::Path,
) -> Result<std::path::PathBuf, ExportError> {
    let inside = |f: &std::path::Path| {
        let (Ok(f), Ok(a)) = (f.canonicalize(), articles.canonicalize()) else {
            return false;
        };
        f.starts_with(a)
    };
    let write_err = |path: &std::path::Path, source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    // Check the nearest existing ancestor before creating anything.
    let mut probe = folder;
    while !probe.exists() {
        match probe.parent() {
            Some(p) => probe = p,
            None => break,
        }
    }
    if inside(probe) {
        return Err(ExportError::InsideArticles(folder.to_path_buf()));
    }
    std::fs::create_dir_all(folder).map_err(|e| write_err(folder, e))?;
    let path = folder.join(file_name(c, "html"));
    crate::state::write_atomically(&path, html(c).as_bytes()).map_err(|e| write_err(&path, e))?;
    Ok(path)
}
