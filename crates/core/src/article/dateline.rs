//! Datelines at the start of wire copy: `PARIS (Reuters) -`, `WASHINGTON, Feb 26 -`,
//! `LONDON (AP) —`, with the slips wire copy has (`FEb 26`, `Narch 2`, `Feb 26-`,
//! `New york, March 2 -`).

use crate::date::{self, Date};

/// A dateline found at the start of a paragraph.
#[derive(Debug, PartialEq)]
pub(crate) struct Dateline {
    pub(crate) place: String,
    pub(crate) agency: Option<String>,
    /// The month and day (and year, if written) the dateline gives.
    pub(crate) date: Option<Date>,
    /// End of the dateline including its dash.
    pub(crate) prefix_end: usize,
    /// Where the body text starts.
    pub(crate) body_start: usize,
}

/// The dateline at the start of paragraph `p`, if it has one.
pub(crate) fn parse_dateline(p: &str) -> Option<Dateline> {
    let window = &p[..p.floor_char_boundary(140)];
    let (at, prefix_end, body_start) = find_dash(window)?;
    let prefix = p[..at].trim();
    let (rest, agency) = split_agency(prefix)?;
    let mut parts = rest.split(',').map(str::trim);
    let place = parts.next()?;
    let extras: Vec<&str> = parts.filter(|e| !e.is_empty()).collect();
    if extras.len() > 3 {
        return None;
    }
    let mut date = None;
    for e in &extras {
        match date_words(e) {
            Some(d) if date.is_none() => date = Some(d),
            _ if is_region(e) => {}
            _ => return None,
        }
    }
    // With a date after it, a place may be written in lower case (`New york`).
    if !is_place(place, date.is_some()) || NOT_PLACES.contains(&place.to_uppercase().as_str()) {
        return None;
    }
    let all_caps = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if !all_caps && agency.is_none() && date.is_none() {
        return None;
    }
    Some(Dateline {
        place: place.to_string(),
        agency,
        date,
        prefix_end,
        body_start,
    })
}

/// Words that open wire copy the way a place does but are none: how it was sent.
const NOT_PLACES: &[&str] = &[
    "CORRECTION",
    "CORRECTED",
    "REPEAT",
    "RPT",
    "UPDATE",
    "URGENT",
    "FLASH",
    "BULLETIN",
    "ADVISORY",
    "EDITORS",
    "NOTE",
];

/// Splits `PARIS (Reuters)` into the place part and the agency in brackets, if any.
fn split_agency(prefix: &str) -> Option<(&str, Option<String>)> {
    let Some(inner) = prefix.strip_suffix(')') else {
        return Some((prefix, None));
    };
    let open = inner.rfind('(')?;
    let agency = inner[open + 1..].trim();
    let ok = !agency.is_empty()
        && agency.chars().count() <= 40
        && agency.split_whitespace().count() <= 5
        && agency.starts_with(|c: char| c.is_uppercase());
    if !ok {
        return None;
    }
    Some((
        inner[..open].trim().trim_end_matches(',').trim(),
        Some(agency.to_string()),
    ))
}

/// The first dash that separates a dateline from the text: ` - `, ` -- `, an en or
/// em dash with a space on at least one side, or a hyphen stuck to the day before
/// it (`Feb 26- Shr`). Returns where the separator starts (its leading space),
/// where the dash ends, and where the text after it starts.
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
        let after_day = i > 0 && b[i - 1].is_ascii_digit() && space_after;
        let ok = if needs_both {
            (space_before && space_after) || after_day
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

/// Whether `s` can be a dateline's place: a few words of letters, each capitalised.
/// With a date after it, any case will do (`New york`, `peoria, april 7 -`).
fn is_place(s: &str, dated: bool) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    letters >= 2
        && s.chars().count() <= 50
        && s.split_whitespace().count() <= 5
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '/' | '.' | '-' | '\''))
        && (dated
            || s.split([' ', '/', '-'])
                .filter(|w| !w.is_empty())
                .all(capital))
}

/// `Feb 26`, `March 3`, `Jan. 29 2018`, `26 February`, `FEb 26`, `Narch 2`: the
/// date, of an unknown year unless one is written.
fn date_words(s: &str) -> Option<Date> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return None;
    }
    let month_at = words.iter().position(|w| date::month_loose(w).is_some())?;
    let month = date::month_loose(words[month_at])?;
    let mut day = None;
    let mut year = None;
    for (i, w) in words.iter().enumerate() {
        if i == month_at {
            continue;
        }
        let n: u16 = w.trim_end_matches('.').parse().ok()?;
        match (n, w.len()) {
            (1..=31, 1..=2) if day.is_none() => day = Some(n as u8),
            (1900..=2100, 4) if year.is_none() => year = Some(n as i16),
            _ => return None,
        }
    }
    let day = day?;
    match year {
        Some(y) => Date::ymd(y, month as i8, day as i8),
        None => Date::md(month, day),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(line: &str) -> Option<(String, Option<Date>)> {
        parse_dateline(line).map(|d| (d.place, d.date))
    }

    #[test]
    fn wire_datelines_with_their_slips() {
        let march2 = Date::md(3, 2);
        for line in [
            "WASHINGTON, March 2 - The agency said.",
            "WASHINGTON, MARCH 2 - The agency said.",
            "WASHINGTON, Narch 2 - The agency said.",
            "WASHINGTON, March 2- Shr 1.11 dlrs vs 1.04 dlrs",
            "WASHINGTON, March 2, - The agency said.",
            "WASHINGTON, March 2 (Reuters) - The agency said.",
        ] {
            assert_eq!(
                dated(line),
                Some(("WASHINGTON".to_string(), march2)),
                "{line}"
            );
        }
        assert_eq!(
            dated("New york, March 2 - A doctor said."),
            Some(("New york".to_string(), march2))
        );
        assert_eq!(
            dated("KENT, Wash., FEb 26 - It said."),
            Some(("KENT".to_string(), Date::md(2, 26)))
        );
        assert_eq!(
            dated("LONDON, 26 March 1987 - It said."),
            Some(("LONDON".to_string(), Date::ymd(1987, 3, 26)))
        );
        assert_eq!(dated("PARIS (Reuters) - It said.").unwrap().1, None);
    }

    #[test]
    fn not_datelines() {
        for line in [
            "The minister - who spoke briefly - left early.",
            "yes, we said - lower case and no date.",
            "Shares rose 12- fold on Monday, dealers said.",
        ] {
            assert_eq!(dated(line), None, "{line}");
        }
    }
}
