//! Front matter at the top of Markdown and text files: a `---` YAML block or a `+++`
//! TOML table, read by real parsers. Front matter that does not parse leaves the
//! article without metadata and says where it went wrong.

use yaml_rust2::{Yaml, YamlLoader};

use crate::article::Meta;

/// Front matter split off a text.
#[derive(Debug, Default)]
pub struct FrontMatter<'a> {
    /// The fields read.
    pub meta: Meta,
    /// The text after the front matter (all of it when there is none).
    pub body: &'a str,
    /// Where the front matter could not be read: the file's 1-based line, and why.
    pub problem: Option<(usize, String)>,
}

/// Splits front matter off `text`. Text without front matter (or with an opening
/// fence that is never closed) comes back whole with empty metadata.
pub fn split(text: &str) -> FrontMatter<'_> {
    let whole = FrontMatter {
        body: text,
        ..FrontMatter::default()
    };
    let trimmed = text.trim_start_matches(['\n', ' ', '\t']);
    let (fence, yaml) = if trimmed.starts_with("---\n") || trimmed == "---" {
        ("---", true)
    } else if trimmed.starts_with("+++\n") || trimmed == "+++" {
        ("+++", false)
    } else {
        return whole;
    };
    let after_open = &trimmed[fence.len()..];
    let after_open = after_open.strip_prefix('\n').unwrap_or(after_open);
    let mut offset = 0usize;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (yaml && bare == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((head_end, body_start)) = close else {
        return whole;
    };
    let head = &after_open[..head_end];
    // The file line the head starts on, for messages.
    let first_line = text[..text.len() - after_open.len()].matches('\n').count() + 1;
    let read = if yaml {
        read_yaml(head)
    } else {
        read_toml(head)
    };
    let (meta, problem) = match read {
        Ok(meta) => (meta, None),
        Err((line, why)) => (Meta::default(), Some((first_line + line, why))),
    };
    FrontMatter {
        meta,
        body: &after_open[body_start..],
        problem,
    }
}

/// A YAML value as text: scalars as written, lists joined by commas.
fn yaml_text(v: &Yaml) -> Option<String> {
    match v {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(yaml_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

/// Reads a YAML mapping; an error gives the head's 0-based line and why.
fn read_yaml(head: &str) -> Result<Meta, (usize, String)> {
    let docs = YamlLoader::load_from_str(head).map_err(|e| {
        (
            e.marker().line().saturating_sub(1),
            format!(
                "front matter is not valid YAML ({}); the article loads without it",
                e.info()
            ),
        )
    })?;
    let mut meta = Meta::default();
    let Some(doc) = docs.into_iter().next() else {
        return Ok(meta);
    };
    let Yaml::Hash(map) = doc else {
        return Err((
            0,
            "front matter must be `key: value` lines; the article loads without it".to_string(),
        ));
    };
    for (k, v) in &map {
        let Some(key) = yaml_text(k) else { continue };
        if Meta::is_tags(&key) {
            let tags: Vec<String> = match v {
                Yaml::Array(items) => items.iter().filter_map(yaml_text).collect(),
                other => yaml_text(other)
                    .map(|s| s.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
            };
            meta.add_tags(tags);
        } else if let Some(value) = yaml_text(v) {
            meta.set(&key, value);
        }
    }
    Ok(meta)
}

/// Reads a TOML table; an error gives the head's 0-based line and why.
fn read_toml(head: &str) -> Result<Meta, (usize, String)> {
    let table = head.parse::<toml::Table>().map_err(|e| {
        let line = e
            .span()
            .map_or(0, |s| head[..s.start].matches('\n').count());
        (
            line,
            format!(
                "front matter is not valid TOML ({}); the article loads without it",
                e.message()
            ),
        )
    })?;
    let mut meta = Meta::default();
    for (k, v) in table {
        let items = |v: &toml::Value| -> Vec<String> {
            match v {
                toml::Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                    .collect(),
                toml::Value::String(s) => vec![s.clone()],
                other => vec![other.to_string()],
            }
        };
        if Meta::is_tags(&k) {
            meta.add_tags(items(&v));
        } else {
            let s = match &v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                toml::Value::Array(_) => items(&v).join(", "),
                other => other.to_string(),
            };
            meta.set(&k, s);
        }
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml() {
        let f = split(
            "---\ntitle: \"Rain in Spain\"\ndate: 2020-05-01\nauthors:\n  - Ann\n  - Bo\nextra: 1\n---\nBody here.\n",
        );
        assert_eq!(f.meta.title.as_deref(), Some("Rain in Spain"));
        assert_eq!(f.meta.date.as_deref(), Some("2020-05-01"));
        assert_eq!(f.meta.author.as_deref(), Some("Ann, Bo"));
        assert_eq!(f.body, "Body here.\n");
        assert!(f.problem.is_none());
    }

    #[test]
    fn yaml_as_yaml_is_written() {
        let f = split(
            "---\n# a comment, not a title\ntitle: \"Say \\\"no\\\" twice\"\ntags: [politics, \"a, b\"]\ncategories:\n  - Europe\nlang: fr\n---\nText\n",
        );
        assert_eq!(f.meta.title.as_deref(), Some("Say \"no\" twice"));
        assert_eq!(f.meta.tags, ["politics", "a, b", "Europe"]);
        assert_eq!(f.meta.lang.as_deref(), Some("fr"));
    }

    #[test]
    fn invalid_yaml_says_where() {
        let f = split("---\ntitle: fine\ndate: [unclosed\n---\nThe body.\n");
        assert!(f.meta.title.is_none());
        assert_eq!(f.body, "The body.\n");
        let (line, why) = f.problem.unwrap();
        assert!((3..=4).contains(&line), "line {line}: {why}");
        assert!(why.contains("not valid YAML"), "{why}");
    }

    #[test]
    fn toml() {
        let f = split(
            "+++\ntitle = 'Snow'\ndate = 2020-05-01\nsource = \"Desk\"\ntags = [\"weather\"]\n+++\nText\n",
        );
        assert_eq!(f.meta.title.as_deref(), Some("Snow"));
        assert_eq!(f.meta.date.as_deref(), Some("2020-05-01"));
        assert_eq!(f.meta.source.as_deref(), Some("Desk"));
        assert_eq!(f.meta.tags, ["weather"]);
        assert_eq!(f.body, "Text\n");
        let bad = split("+++\ntitle = 'Snow'\ndate = \n+++\nText\n");
        assert_eq!(bad.problem.unwrap().0, 3);
    }

    #[test]
    fn unclosed_fence_is_text() {
        let text = "---\nnot front matter\n";
        let f = split(text);
        assert!(f.meta.title.is_none());
        assert_eq!(f.body, text);
    }
}
