//! Credit lines (`Reporting by …; editing by …`) and bylines, kept apart from the
//! body so that they neither count as content nor vanish from the reader.

const CREDIT_OPENERS: &[&str] = &[
    "reporting by",
    "additional reporting",
    "reporting and writing by",
    "writing by",
    "written by",
    "editing by",
    "edited by",
    "compiled by",
    "reported by",
];

pub(crate) fn is_credit(p: &str) -> bool {
    let head = p.trim().trim_start_matches('(').as_bytes();
    p.len() <= 1600
        && CREDIT_OPENERS
            .iter()
            .any(|o| head.len() >= o.len() && head[..o.len()].eq_ignore_ascii_case(o.as_bytes()))
}

/// Removes the credit line from the end of the body and returns it.
pub(crate) fn take_credit(paragraphs: &mut Vec<String>) -> Option<String> {
    let last = paragraphs.last()?;
    if is_credit(last) {
        let c = paragraphs.pop()?;
        return Some(strip_parens(&c));
    }
    // A credit in brackets at the end of the last paragraph: `… said. (Reporting by X)`.
    if last.ends_with(')') {
        let lower = last.to_lowercase();
        let at = CREDIT_OPENERS
            .iter()
            .filter_map(|o| lower.rfind(&format!("({o}")))
            .min()?;
        let p = paragraphs.last_mut()?;
        let credit = strip_parens(&p[at..]);
        p.truncate(at);
        let trimmed = p.trim_end().to_string();
        *p = trimmed;
        if p.is_empty() {
            paragraphs.pop();
        }
        return Some(credit);
    }
    None
}

pub(crate) fn strip_parens(s: &str) -> String {
    let t = s.trim();
    match t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) => inner.trim().to_string(),
        None => t.to_string(),
    }
}

/// `By Jane Smith` on a line of its own.
pub(crate) fn byline(p: &str) -> Option<&str> {
    let rest = p.strip_prefix("By ").or_else(|| p.strip_prefix("BY "))?;
    let words = rest.split_whitespace().count();
    let ok = (1..=6).contains(&words)
        && rest.chars().count() <= 60
        && !rest.ends_with('.')
        && rest
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w == "and" || w == "in");
    ok.then_some(rest.trim())
}
