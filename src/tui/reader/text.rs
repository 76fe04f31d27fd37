//! An article laid out for the reader: headline, a meta line, the body wrapped to
//! the pane's width, the credit line at the end, each line knowing its paragraph.
//! Wrapping is done once per width, so line counts and scroll limits are exact and
//! a resize keeps the reader at the same paragraph.

use std::ops::Range;

use copydesk_core::article::{Article, ArticleId};
use copydesk_core::text::wrap;
use copydesk_core::unique::Unique;

/// What a reader line is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The headline.
    Title,
    /// Place, source, date, words, path.
    Meta,
    /// Body text.
    Body,
    /// A line of a table or code, as written: never wrapped, scrolled sideways.
    Pre,
    /// The credit line.
    Credit,
    /// Space between paragraphs.
    Blank,
}

/// One line of the reader, already wrapped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderLine {
    /// The text.
    pub text: String,
    /// Its kind.
    pub kind: Kind,
    /// Which paragraph it belongs to (0 is the header).
    pub para: usize,
    /// Byte ranges of `text` to highlight (what only this version says).
    pub marked: Vec<Range<usize>>,
}

/// An article laid out for one width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderText {
    /// The article.
    pub id: ArticleId,
    /// Width it was wrapped to.
    pub width: u16,
    /// The lines.
    pub lines: Vec<ReaderLine>,
    /// Cells of the widest preformatted line (0 when there is none).
    pub widest_pre: usize,
}

impl ReaderText {
    /// Lays out `a` for a pane `width` cells wide, with `unique` content
    /// highlighted if given.
    pub fn build(a: &Article, width: u16, unique: Option<&Unique>) -> ReaderText {
        let mut out = Lines {
            width: width.max(1) as usize,
            lines: Vec::new(),
        };
        out.text(&a.title, Kind::Title, 0);
        out.text(&meta(a), Kind::Meta, 0);
        let mut para = 0;
        let mut widest_pre = 0;
        let mut after_pre = false;
        for (p, pre) in a.paragraphs_marked() {
            para += 1;
            if pre {
                // The lines of one table stay together, with no space between.
                if !after_pre {
                    out.blank(para);
                }
                after_pre = true;
                let text = copydesk_core::text::display::display_line(p).into_owned();
                widest_pre = widest_pre.max(copydesk_core::text::width::width(&text));
                out.lines.push(ReaderLine {
                    text,
                    kind: Kind::Pre,
                    para,
                    marked: Vec::new(),
                });
                continue;
            }
            after_pre = false;
            out.blank(para);
            let ranges = unique.map(|u| {
                let start = p.as_ptr() as usize - a.body.as_ptr() as usize;
                u.inside(start..start + p.len())
            });
            match ranges {
                Some(ranges) if !ranges.is_empty() => {
                    out.spans(&marked_spans(p, &ranges), Kind::Body, para)
                }
                _ => out.text(p, Kind::Body, para),
            }
        }
        if let Some(c) = a.credit() {
            para += 1;
            out.blank(para);
            out.text(c, Kind::Credit, para);
        }
        ReaderText {
            id: a.id,
            width,
            lines: out.lines,
            widest_pre,
        }
    }

    /// Adds an "also see" block at the end: stories that share background with
    /// this one without being versions of it, one line each.
    pub fn also_see(&mut self, related: &[String]) {
        if related.is_empty() {
            return;
        }
        let para = self.lines.last().map_or(0, |l| l.para) + 1;
        let mut out = Lines {
            width: self.width.max(1) as usize,
            lines: std::mem::take(&mut self.lines),
        };
        out.blank(para);
        out.text(
            "Also see (shares background, not a version):",
            Kind::Meta,
            para,
        );
        for r in related {
            out.text(&format!("· {r}"), Kind::Meta, para);
        }
        self.lines = out.lines;
    }

    /// The first line of paragraph `para` (or the last line if there is no such).
    pub fn line_of_para(&self, para: usize) -> usize {
        self.lines
            .iter()
            .position(|l| l.para >= para && l.kind != Kind::Blank)
            .unwrap_or(self.lines.len().saturating_sub(1))
    }
}

/// Lines being laid out at one width.
struct Lines {
    width: usize,
    lines: Vec<ReaderLine>,
}

impl Lines {
    /// Wraps `spans` (text, whether highlighted) into lines of `kind`.
    fn spans(&mut self, spans: &[(&str, bool)], kind: Kind, para: usize) {
        let wrapped = wrap::wrap(spans, self.width);
        if wrapped.is_empty() {
            self.lines.push(ReaderLine {
                text: String::new(),
                kind,
                para,
                marked: Vec::new(),
            });
        }
        for l in wrapped {
            let mut text = String::new();
            let mut marked: Vec<Range<usize>> = Vec::new();
            for (t, hl) in l {
                let start = text.len();
                text.push_str(&t);
                if hl && !t.trim().is_empty() {
                    match marked.last_mut() {
                        Some(last) if last.end == start => last.end = text.len(),
                        _ => marked.push(start..text.len()),
                    }
                }
            }
            self.lines.push(ReaderLine {
                text,
                kind,
                para,
                marked,
            });
        }
    }

    /// Wraps plain `text` into lines of `kind`.
    fn text(&mut self, text: &str, kind: Kind, para: usize) {
        self.spans(&[(text, false)], kind, para);
    }

    /// The space before paragraph `para`.
    fn blank(&mut self, para: usize) {
        self.lines.push(ReaderLine {
            text: String::new(),
            kind: Kind::Blank,
            para,
            marked: Vec::new(),
        });
    }
}

/// Place, source, date, words and path, joined.
fn meta(a: &Article) -> String {
    a.meta_line(true)
}

/// Paragraph `p` cut at the `ranges` (byte ranges inside it) into spans, the
/// ranges highlighted.
fn marked_spans<'p>(p: &'p str, ranges: &[Range<usize>]) -> Vec<(&'p str, bool)> {
    let mut spans = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            spans.push((&p[at..r.start], false));
        }
        spans.push((&p[r.clone()], true));
        at = r.end;
    }
    if at < p.len() {
        spans.push((&p[at..], false));
    }
    spans
}
