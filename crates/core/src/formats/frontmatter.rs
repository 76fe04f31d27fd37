//! Front matter at the top of Markdown and text files: `---` YAML-like `key: value`
//! lines, or a `+++` TOML table.

use crate::article::Meta;

/// Splits front matter off `text`, returning its fields and the rest of the text.
/// Text without front matter comes back whole with empty metadata.
pub fn split(text: &str) -> (Meta, &str) {
    let trimmed = text.trim_start_matches(['\n', ' ', '\t']);
    let (fence, yaml) = if trimmed.starts_with("---\n") || trimmed == "---" {
        ("---", true)
    } else if trimmed.starts_with("+++\n") || trimmed == "+++" {
        ("+++", false)
    } else {
        return (Meta::default(), text);
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
        // An opening fence that is never closed is just text.
        return (Meta::default(), text);
    };
    let head = &after_open[..head_end];
    let body = &after_open[body_start..];
    let meta = if yaml {
        parse_yaml_like(head)
    } else {
        parse_toml(head)
    };
    (meta, body)
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    v.to_string()
}

/// `key: value` lines; a key with an empty value followed by `- item` lines is a list.
fn parse_yaml_like(head: &str) -> Meta {
    let mut meta = Meta::default();
    let mut list_key: Option<String> = None;
    let mut list: Vec<String> = Vec::new();
    let finish = |meta: &mut Meta, key: &mut Option<String>, list: &mut Vec<String>| {
        if let Some(k) = key.take()
            && !list.is_empty()
        {
            meta.set(&k, list.join(", "));
        }
        list.clear();
    };
    for line in head.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(item) = t.strip_prefix("- ")
            && list_key.is_some()
        {
            list.push(unquote(item));
            continue;
        }
        finish(&mut meta, &mut list_key, &mut list);
        if line.starts_with([' ', '\t']) {
            continue;
        }
        if let Some((k, v)) = t.split_once(':') {
            let v = v.trim();
            if v.is_empty() {
                list_key = Some(k.to_string());
            } else if let Some(inner) = v.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
                let items: Vec<String> = inner.split(',').map(unquote).collect();
                meta.set(k, items.join(", "));
            } else {
                meta.set(k, unquote(v));
            }
        }
    }
    finish(&mut meta, &mut list_key, &mut list);
    meta
}

fn parse_toml(head: &str) -> Meta {
    let mut meta = Meta::default();
    let Ok(table) = head.parse::<toml::Table>() else {
        return parse_yaml_like(&head.replace(" = ", ": "));
    };
    for (k, v) in table {
        let s = match v {
            toml::Value::String(s) => s,
            toml::Value::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
            toml::Value::Datetime(d) => d.to_string(),
            other => other.to_string(),
        };
        meta.set(&k, s);
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_like() {
        let (m, body) = split(
            "---\ntitle: \"Rain in Spain\"\ndate: 2020-05-01\nauthors:\n  - Ann\n  - Bo\nextra: 1\n---\nBody here.\n",
        );
        assert_eq!(m.title.as_deref(), Some("Rain in Spain"));
        assert_eq!(m.date.as_deref(), Some("2020-05-01"));
        assert_eq!(m.author.as_deref(), Some("Ann, Bo"));
        assert_eq!(body, "Body here.\n");
    }

    #[test]
    fn toml() {
        let (m, body) =
            split("+++\ntitle = 'Snow'\ndate = 2020-05-01\nsource = \"Desk\"\n+++\nText\n");
        assert_eq!(m.title.as_deref(), Some("Snow"));
        assert_eq!(m.date.as_deref(), Some("2020-05-01"));
        assert_eq!(m.source.as_deref(), Some("Desk"));
        assert_eq!(body, "Text\n");
    }

    #[test]
    fn unclosed_fence_is_text() {
        let text = "---\nnot front matter\n";
        let (m, body) = split(text);
        assert!(m.title.is_none());
        assert_eq!(body, text);
    }
}
