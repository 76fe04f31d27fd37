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
        let paragraphs: Vec<(&str, bool)> = a.paragraphs_marked().collect();
        let tight = table_runs(&paragraphs);
        for (i, &(p, pre)) in paragraphs.iter().enumerate() {
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
            // The lines of a results table sent as paragraphs stay together.
            if !(tight[i] && i > 0 && tight[i - 1]) {
                out.blank(para);
            }
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

/// Longest paragraph read as a line of a table sent as paragraphs.
const TABLE_LINE: usize = 50;

/// Whether a paragraph reads as one line of a table sent as paragraphs, as
/// wire results are (`Shr 20 cts vs two cts`, `Nine mths`): short, and no
/// sentence's end.
fn table_line(p: &str) -> bool {
    p.chars().count() <= TABLE_LINE && !p.trim_end().ends_with(['.', '!', '?', '"', '\'', ':'])
}

/// For each paragraph, whether it is in a run of two or more table lines (see
/// [`table_line`]) of which at least half hold a figure; preformatted lines
/// are never in one.
fn table_runs(paragraphs: &[(&str, bool)]) -> Vec<bool> {
    let mut out = vec![false; paragraphs.len()];
    let mut i = 0;
    while i < paragraphs.len() {
        let line = |j: usize| !paragraphs[j].1 && table_line(paragraphs[j].0);
        if !line(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < paragraphs.len() && line(i) {
            i += 1;
        }
        let figures = paragraphs[start..i]
            .iter()
            .filter(|(p, _)| p.bytes().any(|b| b.is_ascii_digit()))
            .count();
        if i - start >= 2 && figures * 2 >= i - start {
            out[start..i].fill(true);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        let (mut a, _) = copydesk_core::load::load_memory([("a.txt", text.as_bytes())]);
        a.remove(0)
    }

    #[test]
    fn a_results_table_sent_as_paragraphs_is_not_spaced_out() {
        let a = article(
            "ACME INC 4TH QTR NET\n\nDENVER, March 5 - Shr profit 20 cts vs loss two cts\n    Net profit 2,665,000 vs loss 202,000\n    Revs 12.1 mln vs 6.0 mln\n    Nine mths\n    Shr profit 35 cts vs loss 11 cts\n    The company said sales rose in every region, led by Asia.\n    Its chairman said the year had started well.\n",
        );
        let r = ReaderText::build(&a, 80, None);
        let text: Vec<&str> = r.lines.iter().map(|l| l.text.as_str()).collect();
        let at = |s: &str| text.iter().position(|l| l.contains(s)).unwrap();
        // The table's five lines follow one another; the prose is spaced.
        assert_eq!(at("Shr profit 35") - at("Shr profit 20"), 4, "{text:#?}");
        assert_eq!(at("Its chairman") - at("The company said"), 2, "{text:#?}");
        assert_eq!(at("The company said") - at("Shr profit 35"), 2, "{text:#?}");
    }

    #[test]
    fn short_lines_without_figures_are_prose() {
        let runs = table_runs(&[
            ("Nine mths", false),
            ("Year ended", false),
            ("Shr 5 cts", false),
        ]);
        assert_eq!(runs, [false, false, false]);
        let runs = table_runs(&[("Payable April 15", false), ("Record March 31", false)]);
        assert_eq!(runs, [true, true]);
        let runs = table_runs(&[("Net 5 vs 4", false), ("Revs 9 vs 8", true)]);
        assert_eq!(runs, [false, false], "a preformatted line is in no run");
    }
}
