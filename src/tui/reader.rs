//! The reader pane: headline, a meta line, the body wrapped to the pane's width,
//! the credit line dimmed at the end. Wrapping is done here, once per width, so
//! line counts and scroll limits are exact and a resize keeps the reader at the
//! same paragraph.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use copydesk_core::article::{Article, ArticleId};
use copydesk_core::text::{width, wrap};
use copydesk_core::unique::Unique;

use super::style::Styles;

/// What a reader line is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The headline.
    Title,
    /// Place, source, date, words, path.
    Meta,
    /// Body text.
    Body,
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
}

impl ReaderText {
    /// Lays out `a` for a pane `width` cells wide, with `unique` content
    /// highlighted if given.
    pub fn build(a: &Article, width: u16, unique: Option<&Unique>) -> ReaderText {
        let w = width.max(1) as usize;
        let mut lines = Vec::new();
        let push_spans =
            |spans: &[(&str, bool)], kind: Kind, para: usize, lines: &mut Vec<ReaderLine>| {
                let wrapped = wrap::wrap(spans, w);
                if wrapped.is_empty() {
                    lines.push(ReaderLine {
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
                    lines.push(ReaderLine {
                        text,
                        kind,
                        para,
                        marked,
                    });
                }
            };
        let push = |text: &str, kind: Kind, para: usize, lines: &mut Vec<ReaderLine>| {
            push_spans(&[(text, false)], kind, para, lines)
        };
        push(&a.title, Kind::Title, 0, &mut lines);
        push(&a.meta_line(true), Kind::Meta, 0, &mut lines);
        let blank = |para, lines: &mut Vec<ReaderLine>| {
            lines.push(ReaderLine {
                text: String::new(),
                kind: Kind::Blank,
                para,
                marked: Vec::new(),
            })
        };
        let mut para = 0;
        for p in a.paragraphs() {
            para += 1;
            blank(para, &mut lines);
            let ranges = unique.map(|u| {
                let start = p.as_ptr() as usize - a.body.as_ptr() as usize;
                u.inside(start..start + p.len())
            });
            match ranges {
                Some(ranges) if !ranges.is_empty() => {
                    let mut spans: Vec<(&str, bool)> = Vec::new();
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
                    push_spans(&spans, Kind::Body, para, &mut lines);
                }
                _ => push(p, Kind::Body, para, &mut lines),
            }
        }
        if let Some(c) = &a.credit {
            para += 1;
            blank(para, &mut lines);
            push(c, Kind::Credit, para, &mut lines);
        }
        ReaderText {
            id: a.id,
            width,
            lines,
        }
    }

    /// The first line of paragraph `para` (or the last line if there is no such).
    pub fn line_of_para(&self, para: usize) -> usize {
        self.lines
            .iter()
            .position(|l| l.para >= para && l.kind != Kind::Blank)
            .unwrap_or(self.lines.len().saturating_sub(1))
    }
}

/// Draws the reader pane from its laid-out text.
pub struct ReaderView<'a> {
    /// The text, laid out for the pane's inner width.
    pub text: Option<&'a ReaderText>,
    /// First line shown.
    pub scroll: usize,
    /// Styles.
    pub styles: &'a Styles,
    /// Whether the reader has the keyboard.
    pub focused: bool,
    /// Border title.
    pub title: String,
}

impl Widget for ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.styles;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if self.focused { s.focused } else { s.border })
            .title(Span::styled(self.title, s.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(text) = self.text else {
            Paragraph::new(Line::styled(
                "Select an article and press enter to read it.",
                s.dim,
            ))
            .render(inner, buf);
            return;
        };
        let lines: Vec<Line> = text
            .lines
            .iter()
            .skip(self.scroll)
            .take(inner.height as usize)
            .map(|l| {
                let style = match l.kind {
                    Kind::Title => s.title,
                    Kind::Meta | Kind::Credit => s.dim,
                    Kind::Body | Kind::Blank => Style::default(),
                };
                if !l.marked.is_empty() && width::width(&l.text) <= inner.width as usize {
                    let mut spans = Vec::new();
                    let mut at = 0;
                    for r in &l.marked {
                        spans.push(Span::styled(l.text[at..r.start].to_string(), style));
                        spans.push(Span::styled(l.text[r.clone()].to_string(), s.added));
                        at = r.end;
                    }
                    spans.push(Span::styled(l.text[at..].to_string(), style));
                    return Line::from(spans);
                }
                Line::styled(width::truncate(&l.text, inner.width as usize), style)
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
