//! Datelines at the start of wire copy: `PARIS (Reuters) -`, `WASHINGTON, Feb 26 -`,
//! `LONDON (AP) —`.

/// A dateline found at the start of a paragraph.
#[derive(Debug, PartialEq)]
pub(crate) struct Dateline {
    pub(crate) place: String,
    pub(crate) agency: Option<String>,
    /// End of the dateline including its dash.
    pub(crate) prefix_end: usize,
    /// Where the body text starts.
    pub(crate) body_start: usize,
}

pub(crate) fn parse_dateline(p: &str) -> Option<Dateline> {
    let window = &p[..p.floor_char_boundary(140)];
    let (at, prefix_end, body_start) = find_dash(window)?;
    let prefix = p[..at].trim();
    let (rest, agency) = match prefix.strip_suffix(')') {
        Some(inner) => {
            let open = inner.rfind('(')?;
            let agency = inner[open + 1..].trim();
            let ok = !agency.is_empty()
                && agency.chars().count() <= 40
                && agency.split_whitespace().count() <= 5
                && agency.starts_with(|c: char| c.is_uppercase());
            if !ok {
                return None;
            }
            (
                inner[..open].trim().trim_end_matches(',').trim(),
                Some(agency.to_string()),
            )
        }
        None => (prefix, None),
    };
    let mut parts = rest.split(',').map(str::trim);
    let place = parts.next()?;
    let extras: Vec<&str> = parts.collect();
    if extras.len() > 3 || !is_place(place) {
        return None;
    }
    let mut has_date = false;
    for e in &extras {
        if is_date_words(e) {
            has_date = true;
        } else if !is_region(e) {
            return None;
        }
    }
    let all_caps = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if !all_caps && agency.is_none() && !has_date {
        return None;
    }
    Some(Dateline {
        place: place.to_string(),
        agency,
        prefix_end,
        body_start,
    })
}

/// The first dash that separates a dateline from the text: ` - `, ` -- `, or an en or
/// em dash with a space on at least one side. Returns where the separator starts
/// (its leading space), where the dash ends, and where the text after it starts.
fn find_dash(window: &str) -> Option<(usize, usize, usize)> {
    let b = window.as_bytes();
    for (i, c) in window.char_indices() {
        let (dash_end, needs_both) = match c {
            '-' if b.get(i + 1) == Some(&b'-') => (i + 2, true),
            '-' => (i + 1, true),
            '—' | '–' => (i + c.len_utf8(), false),
            _ => continue,
        };
        let space_before = i > 0 && b[i - 1] == b' ';
        let space_after = b.get(dash_end) == Some(&b' ');
        let ok = if needs_both {
            space_before && space_after
        } else {
            space_before || space_after
        };
        if ok {
            let at = if space_before { i - 1 } else { i };
            let body = if space_after { dash_end + 1 } else { dash_end };
            return Some((at, dash_end, body));
        }
    }
    None
}

fn is_place(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && s.chars().count() <= 50
        && s.split_whitespace().count() <= 5
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '/' | '.' | '-' | '\''))
        && s.split([' ', '/', '-'])
            .filter(|w| !w.is_empty())
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
}

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `Feb 26`, `March 3`, `Jan. 29 2018`, `26 February`.
fn is_date_words(s: &str) -> bool {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    let has_month = words.iter().any(|w| MONTHS.contains(&w.as_str()));
    let numbers_ok = words
        .iter()
        .filter(|w| !MONTHS.contains(&w.as_str()))
        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 4);
    has_month && numbers_ok
}

/// A state or region after the place: `Wash.`, `Calif.`, `N.J.`, `Texas`.
fn is_region(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && s.chars().count() <= 25
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || c == '.')
        })
}
