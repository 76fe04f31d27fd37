//! Saved feeds (`.rss`, `.atom`, `.xml`: RSS 0.9 to 2.0, RSS 1.0, Atom, read by
//! `feed-rs`): one article per item, at `FILE#N`. The item's title, link, date and
//! authors are its metadata, the feed's title its source, and its HTML (the full
//! content, else the summary) becomes paragraphs as a web page's text does.

use super::html::text_of_html;
use super::text::decode_text;
use super::{Format, Input, Loaded};
use crate::article::{self, Location, Meta, TitleRule, clean_inline};
use crate::skipped::{SkipReason, Skipped};

/// `.rss`, `.atom` and `.xml` files.
pub struct Feed;

impl Format for Feed {
    fn extensions(&self) -> &'static [&'static str] {
        &["rss", "atom", "xml"]
    }

    fn read(&self, input: &Input<'_>) -> Result<Loaded, SkipReason> {
        // The XML declares its own encoding, which the feed parser follows; the
        // detection here says which it was, and rules out what is not text.
        let (_, encoding) = decode_text(input.bytes)?;
        let parser = feed_rs::parser::Builder::new()
            .timestamp_parser(day_as_written)
            .build();
        let feed = parser
            .parse(input.bytes)
            .map_err(|e| SkipReason::NotAFeed {
                message: e.to_string(),
            })?;
        let rel = input.rel;
        let source = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
        let mut out = Loaded::default();
        if feed.entries.is_empty() {
            out.skipped.push(Skipped {
                path: rel.to_string(),
                reason: SkipReason::Empty,
            });
        }
        for (n, entry) in feed.entries.iter().enumerate() {
            let mut meta = Meta {
                title: entry.title.as_ref().map(text_of).filter(|t| !t.is_empty()),
                source: source.clone(),
                url: link(&entry.links),
                lang: feed.language.clone(),
                ..Meta::default()
            };
            meta.date = entry
                .published
                .or(entry.updated)
                .map(|d| d.format("%Y-%m-%d").to_string());
            let authors: Vec<String> = entry
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref().map(clean_inline))
                .filter(|n| !n.is_empty())
                .collect();
            if !authors.is_empty() {
                meta.author = Some(authors.join(", "));
            }
            meta.add_tags(
                entry
                    .categories
                    .iter()
                    .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone())),
            );
            let body = body_of(entry);
            if meta.title.is_none() && body.trim().is_empty() {
                out.skipped.push(Skipped {
                    path: rel.to_string(),
                    reason: SkipReason::NotARecord {
                        at: n + 1,
                        what: "a feed item with neither a title nor any text".to_string(),
                    },
                });
                continue;
            }
            let cx = article::ParseContext {
                file_name: rel.rsplit('/').next().unwrap_or(rel),
                meta_rule: TitleRule::Record,
                agencies: input.agencies,
                // Preformatted blocks come fenced, Markdown's way.
                markdown: true,
            };
            let parsed = article::parse_in(&body, &meta, &cx);
            out.articles.push(article::build(
                parsed,
                &meta,
                Location::record(rel, n + 1),
                encoding,
                input.mtime,
            ));
        }
        Ok(out)
    }
}

/// The day a feed's timestamp is written on, in its own offset (an item of 23:30
/// on March 5 at -05:00 ran on March 5, not on March 6 in UTC), given to the feed
/// parser as noon UTC that day; the parser's own reading when copydesk's fails.
fn day_as_written(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::TimeZone as _;
    let written = crate::date::parse(s).and_then(|d| d.full());
    if let Some(day) = written {
        return chrono::Utc
            .with_ymd_and_hms(
                i32::from(day.year()),
                day.month() as u32,
                day.day() as u32,
                12,
                0,
                0,
            )
            .single();
    }
    chrono::DateTime::parse_from_rfc3339(s.trim())
        .or_else(|_| chrono::DateTime::parse_from_rfc2822(s.trim()))
        .ok()
        .map(|d| d.with_timezone(&chrono::Utc))
}

/// A feed text as one line: its HTML's text when it is HTML.
fn text_of(t: &feed_rs::model::Text) -> String {
    if is_html(t.content_type.as_ref()) {
        clean_inline(&text_of_html(&t.content).replace("\n\n", " "))
    } else {
        clean_inline(&t.content)
    }
}

/// Whether a media type is HTML or XHTML.
fn is_html(media_type: &str) -> bool {
    media_type.to_ascii_lowercase().contains("html")
}

/// The item's web page: its `alternate` link, else its first.
fn link(links: &[feed_rs::model::Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// The item's text as paragraphs: its full content, else its summary.
fn body_of(entry: &feed_rs::model::Entry) -> String {
    if let Some(c) = &entry.content
        && let Some(body) = c.body.as_deref().filter(|b| !b.trim().is_empty())
    {
        return if is_html(c.content_type.as_ref()) {
            text_of_html(body)
        } else {
            plain(body)
        };
    }
    match &entry.summary {
        Some(s) if is_html(s.content_type.as_ref()) => text_of_html(&s.content),
        // RSS descriptions are HTML more often than they say so.
        Some(s) if s.content.contains('<') => text_of_html(&s.content),
        Some(s) => plain(&s.content),
        None => String::new(),
    }
}

/// Plain text, as the loader cleans any text.
fn plain(text: &str) -> String {
    crate::decode::clean(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str, xml: &str) -> Loaded {
        let input = Input {
            rel: name,
            bytes: xml.as_bytes(),
            mtime: None,
            line: None,
            agencies: &[],
        };
        Feed.read(&input).unwrap()
    }

    #[test]
    fn rss_items_are_articles_of_the_feed() {
        let got = load(
            "wire.rss",
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Northwire World</title>
            <item><title>Port strike ends</title><link>https://example.org/a</link>
            <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate><author>desk@example.org (Ana Petrescu)</author>
            <description>&lt;p&gt;RIVERMOUTH (Northwire) - Dock workers voted to end the strike.&lt;/p&gt;&lt;p&gt;Ships were unloaded.&lt;/p&gt;</description></item>
            <item><title>Second</title><description>Plain text.</description></item>
            </channel></rss>"#,
        );
        assert_eq!(got.articles.len(), 2);
        let a = &got.articles[0];
        assert_eq!(&*a.title, "Port strike ends");
        assert_eq!(a.source.as_deref(), Some("Northwire World"));
        assert_eq!(a.url(), Some("https://example.org/a"));
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(a.dateline.as_deref(), Some("RIVERMOUTH"));
        assert_eq!(a.paragraphs().count(), 2);
        assert_eq!(a.location.to_string(), "wire.rss#1");
        assert_eq!(got.articles[1].location.to_string(), "wire.rss#2");
    }

    #[test]
    fn what_is_not_a_feed_is_skipped_with_the_reason() {
        let input = Input {
            rel: "sitemap.xml",
            bytes: b"<urlset><url>x</url></urlset>",
            mtime: None,
            line: None,
            agencies: &[],
        };
        let e = Feed.read(&input).unwrap_err();
        assert!(e.to_string().contains("not an RSS or Atom feed"), "{e}");
    }
}
