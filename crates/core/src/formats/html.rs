//! Web pages (`.html`, `.htm`): one article each. The page's furniture
//! (navigation, scripts, styles, headers, footers, sidebars, cookie notices) is
//! taken off by a readability extractor (`dom_smoothie`, which follows Firefox's
//! Reader View); the headline is the page's `og:title`, else its first `<h1>`,
//! else its `<title>`; date, author, publisher, link, language and tags come from
//! its metadata (`article:published_time`, JSON-LD, `<time datetime>`, `author`,
//! `og:site_name`, `og:url`, `<html lang>`, `article:tag`).
//!
//! The HTML of the text, here and in feeds, becomes paragraphs by
//! [`text_of_html`]: block elements are paragraphs, `<pre>` and tables are
//! preformatted lines.

use dom_query::{Document, NodeRef};

use super::text::decode_text;
use super::{Format, Input, Loaded};
use crate::article::{self, Location, Meta, TitleRule, clean_inline};
use crate::skipped::SkipReason;

/// `.html` and `.htm` files.
pub struct Html;

impl Format for Html {
    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm"]
    }

    fn read(&self, input: &Input<'_>) -> Result<Loaded, SkipReason> {
        let (text, encoding) = decode_text(input.bytes)?;
        let (meta, body) = page(&text);
        let file_name = input.rel.rsplit('/').next().unwrap_or(input.rel);
        let cx = article::ParseContext {
            file_name,
            meta_rule: TitleRule::Page,
            agencies: input.agencies,
            // The text comes with its preformatted blocks fenced, Markdown's way.
            markdown: true,
        };
        let parsed = article::parse_in(&body, &meta, &cx);
        if parsed.paragraphs.is_empty() && parsed.title_rule == TitleRule::FileName {
            return Err(SkipReason::Empty);
        }
        let a = article::build(
            parsed,
            &meta,
            Location::file(input.rel),
            encoding,
            input.mtime,
        );
        Ok(Loaded {
            articles: vec![a],
            skipped: Vec::new(),
            warnings: super::encoding_warning(input.rel, encoding, &text)
                .into_iter()
                .collect(),
        })
    }
}

/// Elements that are never text: code, forms, media, and the page's furniture.
const NOT_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "button",
    "select", "textarea", "iframe", "svg", "canvas", "video", "audio", "object", "embed", "dialog",
    "img", "picture", "figure", "menu",
];

/// Elements that end one paragraph and start another.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "address",
    "center",
    "details",
    "summary",
    "hr",
    "figcaption",
    "body",
    "html",
    "caption",
];

/// Words in an element's `id` or `class` that mark a cookie or consent notice,
/// which readability's own rules do not always catch.
const NOTICE_WORDS: &[&str] = &["cookie", "consent", "gdpr"];

/// The page's metadata, and its text as paragraphs (blank lines between them,
/// preformatted blocks fenced with three backticks).
fn page(html: &str) -> (Meta, String) {
    let doc = Document::from(html);
    let mut meta = page_meta(&doc);
    let time = time_element(&doc);
    remove_notices(&doc);
    let extracted = match dom_smoothie::Readability::with_document(doc, None, None) {
        Ok(mut r) => {
            let json_ld = r.parse_json_ld();
            if let Some(ld) = json_ld {
                fill_from_json_ld(&mut meta, &ld);
            }
            match r.parse() {
                Ok(a) => {
                    if meta.author.is_none() {
                        meta.author = a
                            .byline
                            .as_deref()
                            .map(clean_inline)
                            .filter(|s| !s.is_empty());
                    }
                    Some(text_of_html(&a.content))
                }
                Err(e) => {
                    tracing::debug!(error = %e, "readability found no article; the whole page is read");
                    None
                }
            }
        }
        Err(e) => {
            tracing::debug!(error = %e, "readability could not start; the whole page is read");
            None
        }
    };
    if meta.date.is_none() {
        meta.date = time;
    }
    let body = extracted
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| {
            // Without an extracted article, the page less its furniture.
            let doc = Document::from(html);
            remove_notices(&doc);
            match doc.body() {
                Some(b) => blocks_of(&b),
                None => text_of_html(html),
            }
        });
    (meta, body)
}

/// The first non-blank value of `attr` on the elements `selector` finds.
fn first_attr(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    doc.select(selector)
        .nodes()
        .iter()
        .filter_map(|n| n.attr(attr))
        .map(|v| clean_inline(&v))
        .find(|v| !v.is_empty())
}

/// The first non-blank text of the elements `selector` finds.
fn first_text(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .nodes()
        .iter()
        .map(|n| clean_inline(&n.text()))
        .find(|v| !v.is_empty())
}

/// What the page says about itself, read before anything is taken off it.
fn page_meta(doc: &Document) -> Meta {
    let mut meta = Meta {
        title: first_attr(doc, r#"meta[property="og:title"]"#, "content")
            .or_else(|| first_text(doc, "h1"))
            .or_else(|| first_text(doc, "title")),
        ..Meta::default()
    };
    meta.date = first_attr(doc, r#"meta[property="article:published_time"]"#, "content")
        .or_else(|| first_attr(doc, r#"meta[itemprop="datePublished"]"#, "content"))
        .or_else(|| first_attr(doc, r#"meta[name="date"]"#, "content"));
    meta.author = first_attr(doc, r#"meta[name="author"]"#, "content").or_else(|| {
        // article:author is often a link to a profile, not a name.
        first_attr(doc, r#"meta[property="article:author"]"#, "content")
            .filter(|a| !a.starts_with("http"))
    });
    meta.source = first_attr(doc, r#"meta[property="og:site_name"]"#, "content");
    meta.url = first_attr(doc, r#"meta[property="og:url"]"#, "content")
        .or_else(|| first_attr(doc, r#"link[rel="canonical"]"#, "href"));
    meta.lang = first_attr(doc, "html[lang]", "lang");
    let tags: Vec<String> = doc
        .select(r#"meta[property="article:tag"]"#)
        .nodes()
        .iter()
        .filter_map(|n| n.attr("content"))
        .map(|t| t.to_string())
        .collect();
    meta.add_tags(tags);
    if let Some(k) = first_attr(doc, r#"meta[name="keywords"]"#, "content") {
        meta.add_tags(k.split(',').map(str::to_string));
    }
    meta
}

/// The first `<time datetime>` of the `<article>`, else of the page: the date when
/// neither the metadata nor JSON-LD gives one.
fn time_element(doc: &Document) -> Option<String> {
    first_attr(doc, "article time[datetime]", "datetime")
        .or_else(|| first_attr(doc, "time[datetime]", "datetime"))
}

/// Fills what the page's metadata left open from its JSON-LD (`NewsArticle`'s
/// `datePublished`, `author`, `publisher`).
fn fill_from_json_ld(meta: &mut Meta, ld: &dom_smoothie::Metadata) {
    let given = |v: &Option<String>| v.as_deref().map(clean_inline).filter(|s| !s.is_empty());
    if meta.date.is_none() {
        meta.date = given(&ld.published_time);
    }
    if meta.author.is_none() {
        meta.author = given(&ld.byline);
    }
    if meta.source.is_none() {
        meta.source = given(&ld.site_name);
    }
    if meta.title.is_none() && !ld.title.trim().is_empty() {
        meta.title = Some(clean_inline(&ld.title));
    }
}

/// Takes cookie and consent notices off the page.
fn remove_notices(doc: &Document) {
    let notices: Vec<NodeRef<'_>> = doc
        .select("[id], [class]")
        .nodes()
        .iter()
        .filter(|n| {
            let marks = format!(
                "{} {}",
                n.attr("id").unwrap_or_default(),
                n.attr("class").unwrap_or_default()
            )
            .to_ascii_lowercase();
            NOTICE_WORDS.iter().any(|w| marks.contains(w))
        })
        .cloned()
        .collect();
    for n in notices {
        n.remove_from_parent();
    }
}

/// HTML (a whole page or a piece of one, as a feed item's) as text: one paragraph
/// per block element, blank lines between them; `<pre>` blocks and tables as
/// preformatted lines, fenced with three backticks; the rest of the markup gone.
pub(crate) fn text_of_html(html: &str) -> String {
    let doc = Document::fragment(html);
    blocks_of(&doc.root())
}

/// The text under `node`, laid out as [`text_of_html`] says.
fn blocks_of(node: &NodeRef<'_>) -> String {
    let mut b = Blocks::default();
    b.walk(node);
    b.flush();
    b.out
}

/// The text being gathered: paragraphs done, and the one going on.
#[derive(Default)]
struct Blocks {
    out: String,
    line: String,
    /// Where a `<time>` that began its paragraph ended in `line`: a paragraph that
    /// is only a date (`2 March 2024` under a headline) is the page's metadata.
    time_end: Option<usize>,
}

impl Blocks {
    fn walk(&mut self, node: &NodeRef<'_>) {
        if node.is_text() {
            self.line.push_str(&node.text());
            return;
        }
        if !(node.is_element() || node.is_document() || node.is_fragment()) {
            return;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        match name.as_str() {
            n if NOT_TEXT.contains(&n) => {}
            "br" => self.flush(),
            "pre" => self.pre(pre_lines(&node.text())),
            "table" => self.pre(table_lines(node)),
            "time" => {
                let alone = self.line.trim().is_empty();
                self.children(node);
                if alone {
                    self.time_end = Some(self.line.len());
                }
            }
            n if BLOCKS.contains(&n) => {
                self.flush();
                if n == "li" {
                    self.line.push_str("• ");
                }
                self.children(node);
                self.flush();
            }
            _ => self.children(node),
        }
    }

    fn children(&mut self, node: &NodeRef<'_>) {
        for child in node.children_it(false) {
            self.walk(&child);
        }
    }

    /// Ends the paragraph going on, if it has any text.
    fn flush(&mut self) {
        let only_a_date = self
            .time_end
            .take()
            .is_some_and(|end| self.line.get(end..).is_some_and(|r| r.trim().is_empty()));
        let p = clean_inline(&self.line);
        self.line.clear();
        if p.is_empty() || p == "•" || only_a_date {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(&p);
    }

    /// A preformatted block, as its lines.
    fn pre(&mut self, lines: Vec<String>) {
        self.flush();
        if lines.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str("```\n");
        for l in lines {
            // A line that would close the fence is indented by a space.
            if l.trim_start().starts_with("```") {
                self.out.push(' ');
            }
            self.out.push_str(&l);
            self.out.push('\n');
        }
        self.out.push_str("```");
    }
}

/// The lines of a `<pre>` block, right ends trimmed, blank lines at either end gone.
fn pre_lines(text: &str) -> Vec<String> {
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.trim_end()
                .chars()
                .filter(|c| !c.is_control() || *c == '\t')
                .collect()
        })
        .collect();
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e].to_vec(),
        _ => Vec::new(),
    }
}

/// A table's rows as aligned lines: each cell's text, columns padded to their
/// widest cell and set three spaces apart.
fn table_lines(table: &NodeRef<'_>) -> Vec<String> {
    let rows: Vec<Vec<String>> = table
        .descendants_it()
        .filter(|n| n.node_name().is_some_and(|t| t.eq_ignore_ascii_case("tr")))
        .map(|tr| {
            tr.element_children()
                .iter()
                .filter(|c| {
                    c.node_name().is_some_and(|t| {
                        t.eq_ignore_ascii_case("td") || t.eq_ignore_ascii_case("th")
                    })
                })
                .map(|c| clean_inline(&c.text()))
                .collect::<Vec<_>>()
        })
        .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| crate::text::width::width(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|r| {
            let mut line = String::new();
            for (i, cell) in r.iter().enumerate() {
                if i > 0 {
                    line.push_str("   ");
                }
                line.push_str(cell);
                if i + 1 < r.len() {
                    let pad = widths[i].saturating_sub(crate::text::width::width(cell));
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_tables_preformatted_lines() {
        let text = text_of_html(
            "<p>First <b>bold</b>\n paragraph.</p><div>Second<br>line two</div>\
             <ul><li>one</li><li>two</li></ul>\
             <table><tr><th>Team</th><th>Pts</th></tr><tr><td>Rivermouth</td><td>12</td></tr></table>\
             <pre>  x = 1\n  y = 2\n</pre><script>alert(1)</script><p>End.</p>\
             <div><time datetime=\"2024-03-02\">2 March</time></div><p>On <time>Monday</time> it rained.</p>",
        );
        assert_eq!(
            text,
            "First bold paragraph.\n\nSecond\n\nline two\n\n• one\n\n• two\n\n\
             ```\nTeam         Pts\nRivermouth   12\n```\n\n```\n  x = 1\n  y = 2\n```\n\nEnd.\n\nOn Monday it rained."
        );
    }

    #[test]
    fn a_page_loses_its_furniture_and_keeps_its_metadata() {
        let html = r#"<!doctype html><html lang="en"><head>
            <title>Port news | The Courier</title>
            <meta property="og:title" content="Harbour reopens">
            <meta property="og:site_name" content="The Courier">
            <meta property="article:published_time" content="2024-03-05T23:30:00-05:00">
            <meta name="author" content="Ana Petrescu">
            <script>var tracking = 1;</script></head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <div class="cookie-banner">We use cookies. Accept all?</div>
            <article><h1>Harbour reopens</h1>
            <p>The harbour reopened on Tuesday after a nine-day strike by dock workers, the port authority said, and the first ships were unloaded within hours.</p>
            <p>Unions said the agreement raised wages by four percent over two years and added a new safety committee.</p>
            </article><footer>Copyright The Courier</footer></body></html>"#;
        let (meta, body) = page(html);
        assert_eq!(meta.title.as_deref(), Some("Harbour reopens"));
        assert_eq!(meta.source.as_deref(), Some("The Courier"));
        assert_eq!(meta.author.as_deref(), Some("Ana Petrescu"));
        assert_eq!(meta.lang.as_deref(), Some("en"));
        assert_eq!(meta.date.as_deref(), Some("2024-03-05T23:30:00-05:00"));
        assert!(body.contains("The harbour reopened on Tuesday"), "{body}");
        for furniture in ["tracking", "Home", "cookies", "Copyright"] {
            assert!(!body.contains(furniture), "{furniture} in {body}");
        }
    }

    #[test]
    fn the_headline_falls_back_to_h1_then_title() {
        let (meta, _) = page(
            "<html><head><title>Site | Story</title></head><body><h1>Story</h1><p>Text.</p></body></html>",
        );
        assert_eq!(meta.title.as_deref(), Some("Story"));
        let (meta, _) =
            page("<html><head><title>Only a title</title></head><body><p>Text.</p></body></html>");
        assert_eq!(meta.title.as_deref(), Some("Only a title"));
    }

    #[test]
    fn a_time_element_dates_a_page_without_metadata() {
        let (meta, _) = page(
            r#"<html><body><article><time datetime="2023-11-02">2 Nov</time><p>Text.</p></article></body></html>"#,
        );
        assert_eq!(meta.date.as_deref(), Some("2023-11-02"));
    }
}
