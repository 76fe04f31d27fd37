//! Publication dates: parsed from the many ways front matter and feeds write them.

use std::time::SystemTime;

/// A calendar date without time or zone; news is sorted and shown by day.
pub type Date = jiff::civil::Date;

/// Layouts tried, in order, on dates that are not ISO 8601 or RFC 2822.
const LAYOUTS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d.%m.%Y",
];

/// Reads a date written as ISO 8601 (date or timestamp), RFC 2822, or a common
/// spelled-out layout (`29 January 2018`, `Jan 29, 2018`). Unix seconds work too.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim().trim_matches(['"', '\'']);
    if s.is_empty() {
        return None;
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return Some(dt.date());
    }
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.date());
    }
    // An ISO date followed by anything (`2018-01-29 10:00 CET`).
    if s.len() > 10
        && s.is_char_boundary(10)
        && let Ok(d) = s[..10].parse::<Date>()
    {
        return Some(d);
    }
    let cleaned = s.replace("Sept ", "Sep ").replace('.', " ");
    for layout in LAYOUTS {
        if let Ok(d) = Date::strptime(layout, s) {
            return Some(d);
        }
        if let Ok(d) = Date::strptime(
            layout,
            cleaned.split_whitespace().collect::<Vec<_>>().join(" "),
        ) {
            return Some(d);
        }
    }
    if s.len() >= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        return from_unix(s.parse().ok()?);
    }
    None
}

/// A date from seconds (or, when the number is too large for seconds, milliseconds)
/// since the Unix epoch.
pub fn from_unix(n: i64) -> Option<Date> {
    let secs = if n.abs() > 100_000_000_000 {
        n / 1000
    } else {
        n
    };
    let ts = jiff::Timestamp::from_second(secs).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// The UTC date of a file time.
pub fn from_system_time(t: SystemTime) -> Option<Date> {
    let ts = jiff::Timestamp::try_from(t).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_layouts() {
        let want = Date::new(2018, 1, 29).unwrap();
        for s in [
            "2018-01-29",
            "2018-01-29T10:20:00Z",
            "2018-01-29T10:20:00",
            "2018-01-29 10:20 CET",
            "Mon, 29 Jan 2018 10:20:00 +0000",
            "29 January 2018",
            "January 29, 2018",
            "Jan. 29, 2018",
            "2018/01/29",
        ] {
            assert_eq!(parse(s), Some(want), "{s}");
        }
        assert_eq!(parse("1517220000"), Some(want));
        assert_eq!(parse("not a date"), None);
        assert_eq!(parse(""), None);
    }
}
