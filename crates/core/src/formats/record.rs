//! One JSON record as an article: `title`, `body` (or `text`, `content`), and
//! optionally `source`, `date`, `url`, `author` under their usual names.

use super::Input;
use crate::article::{self, Article, Encoding, Location, Meta, TitleRule};
use crate::skipped::SkipReason;
use crate::{date, decode};

/// Field names that hold an article's body in JSON records.
const BODY_FIELDS: &[&str] = &["body", "text", "content"];

/// Field names read into the metadata as they are.
const META_FIELDS: &[&str] = &[
    "title",
    "headline",
    "source",
    "publisher",
    "url",
    "link",
    "author",
    "authors",
    "byline",
    "lang",
    "language",
];

/// Field names that hold a date, written or as Unix seconds.
const DATE_FIELDS: &[&str] = &["date", "published", "published_at", "pubdate"];

/// What a JSON parse error says, without serde's position (given apart).
pub(crate) fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn json_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(json_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

/// Builds the article of one JSON record at `location` (`at` is its position, for
/// messages).
pub(crate) fn article(
    value: &serde_json::Value,
    location: Location,
    at: usize,
    encoding: Encoding,
    input: &Input<'_>,
) -> Result<Article, SkipReason> {
    let mtime = input.mtime;
    let obj = value.as_object().ok_or_else(|| SkipReason::NotARecord {
        at,
        what: "not a JSON object; records need a \"title\" or \"body\" field".to_string(),
    })?;
    let mut meta = Meta::default();
    for key in META_FIELDS {
        if let Some(v) = obj.get(*key).and_then(json_text) {
            meta.set(key, v);
        }
    }
    for key in ["tags", "categories", "keywords"] {
        match obj.get(key) {
            Some(serde_json::Value::Array(items)) => {
                meta.add_tags(items.iter().filter_map(json_text));
            }
            Some(other) => {
                if let Some(s) = json_text(other) {
                    meta.set(key, s);
                }
            }
            None => {}
        }
    }
    for key in DATE_FIELDS {
        if let Some(v) = obj.get(*key) {
            let s = match v {
                serde_json::Value::Number(n) => {
                    n.as_i64().and_then(date::from_unix).map(|d| d.to_string())
                }
                other => json_text(other),
            };
            if let Some(s) = s {
                meta.set("date", s);
            }
        }
    }
    let body = BODY_FIELDS
        .iter()
        .find_map(|k| obj.get(*k).and_then(|v| v.as_str()))
        .map(decode::clean)
        .unwrap_or_default();
    if meta.title.is_none() && body.trim().is_empty() {
        return Err(SkipReason::NotARecord {
            at,
            what: "has neither a \"title\" nor a \"body\" (or \"text\", \"content\") field"
                .to_string(),
        });
    }
    let name = location.to_string();
    let name = name.rsplit('/').next().unwrap_or(&name).to_string();
    let cx = article::ParseContext {
        file_name: &name,
        meta_rule: TitleRule::Record,
        agencies: input.agencies,
        markdown: false,
    };
    let parsed = article::parse_in(&body, &meta, &cx);
    Ok(article::build(parsed, &meta, location, encoding, mtime))
}
