//! Publication dates: parsed from the many ways metadata, datelines and leads write
//! them. A wire dateline gives a month and a day and no year, so a date's year may
//! be unknown; it is never guessed.

use std::fmt;
use std::time::SystemTime;

/// A full calendar day (year known), as filters and metadata give it.
pub type Day = jiff::civil::Date;

/// The day an article is dated, as written where it was found: in the offset the
/// writer used, never moved to UTC. The year is `None` when nothing gave it.
///
/// Dates order by year first, with unknown years before every known one, then by
/// month and day; newest-first lists therefore put yearless dates last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: Option<i16>,
    month: u8,
    day: u8,
}

impl Date {
    /// A full date, if it exists.
    pub fn ymd(year: i16, month: i8, day: i8) -> Option<Date> {
        Day::new(year, month, day).ok().map(Date::from)
    }

    /// A month and day of an unknown year (29 February included), if it can exist.
    pub fn md(month: u8, day: u8) -> Option<Date> {
        // 2000 was a leap year: every month and day of any year is valid in it.
        Day::new(2000, month as i8, day as i8).ok()?;
        Some(Date {
            year: None,
            month,
            day,
        })
    }

    /// The year, if known.
    pub fn year(self) -> Option<i16> {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The full date, when the year is known.
    pub fn full(self) -> Option<Day> {
        Day::new(self.year?, self.month as i8, self.day as i8).ok()
    }

    /// This month and day in `year`, if that day exists in it.
    pub fn in_year(self, year: i16) -> Option<Date> {
        Date::ymd(year, self.month as i8, self.day as i8)
    }

    /// Whether the date falls on or after `bound`. A date of unknown year is
    /// compared by month and day alone, as if it were in `bound`'s year.
    pub fn on_or_after(self, bound: Day) -> bool {
        match self.full() {
            Some(d) => d >= bound,
            None => (self.month, self.day) >= (bound.month() as u8, bound.day() as u8),
        }
    }

    /// Whether the date falls on or before `bound`, with the same rule.
    pub fn on_or_before(self, bound: Day) -> bool {
        match self.full() {
            Some(d) => d <= bound,
            None => (self.month, self.day) <= (bound.month() as u8, bound.day() as u8),
        }
    }

    /// The date for people: `2018-01-29`, or `Mar 2` when the year is unknown.
    pub fn human(self) -> String {
        match self.year {
            Some(_) => self.to_string(),
            None => format!(
                "{} {}",
                MONTH_ABBREVIATIONS[self.month as usize - 1],
                self.day
            ),
        }
    }
}

impl From<Day> for Date {
    fn from(d: Day) -> Date {
        Date {
            year: Some(d.year()),
            month: d.month() as u8,
            day: d.day() as u8,
        }
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`, or `--MM-DD` (ISO 8601's form for a day of no given year).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month a word names (`March`, `mar.`, `Sept`), 1 to 12.
pub fn month_exact(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    if w.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    named_in(w, &MONTH_NAMES).map(|i| i as u8 + 1)
}

/// Which of `names` (lower-case) `word` is, written whole or as its first three
/// letters, in any case; read without allocating, since dates are looked for
/// word by word through every lead.
fn named_in(word: &str, names: &[&str]) -> Option<usize> {
    let w = word.as_bytes();
    if w.len() < 3 || !w[0].is_ascii_alphabetic() {
        return None;
    }
    // The first letter turns most words away at once.
    let first = w[0].to_ascii_lowercase();
    names.iter().position(|m| {
        let m = m.as_bytes();
        m[0] == first
            && (m.eq_ignore_ascii_case(w) || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w)))
    })
}

/// The month a word names, allowing one slip of the keys as wire copy has them
/// (`FEb`, `Narch`, `Marc`, `Mach`, `Macrh`, `Marchg`, `Jne`): one letter wrong,
/// missing, added or two swapped, in a name or a three-letter abbreviation. Only for
/// places where a month is expected, such as a dateline.
pub fn month_loose(word: &str) -> Option<u8> {
    if let Some(m) = month_exact(word) {
        return Some(m);
    }
    let w = word.trim_end_matches('.');
    // No month's name is longer than nine letters, so ten at most with a slip.
    if !(3..=10).contains(&w.len()) || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let w = w.to_ascii_lowercase();
    let mut found = None;
    for (i, name) in MONTH_NAMES.iter().enumerate() {
        let abbreviation = &name[..3];
        let close = one_slip(&w, name)
            || (name.starts_with(&w) && w.len() >= 3)
            || (w.len() <= 4 && one_slip(&w, abbreviation));
        if close {
            if found.is_some_and(|f| f != i) {
                // Close to two months: not a slip of either.
                return None;
            }
            found = Some(i);
        }
    }
    found.map(|i| i as u8 + 1)
}

/// Whether `a` becomes `b` by one substitution, insertion, deletion or swap of two
/// neighbouring letters.
fn one_slip(a: &str, b: &str) -> bool {
    // One slip changes the length by one at most: most words are turned away
    // without the distance being worked out.
    a.len().abs_diff(b.len()) <= 1 && strsim::osa_distance(a, b) <= 1
}

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
/// spelled-out layout (`29 January 2018`, `Jan 29, 2018`, `Monday, January 29,
/// 2018`). Unix seconds work too. The day is the one written, in its own offset.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim().trim_matches(['"', '\'']);
    if s.is_empty() {
        return None;
    }
    // The common case, `YYYY-MM-DD` alone, read without a parser.
    let b = s.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        let n = |r: std::ops::Range<usize>| s[r].parse::<i16>().ok();
        // No other layout reads digits in this shape, so a day that does not
        // exist (`1987-02-30`) is no date at all.
        return match (n(0..4), n(5..7), n(8..10)) {
            (Some(y), Some(m), Some(d)) => Date::ymd(y, m as i8, d as i8),
            _ => None,
        };
    }
    // An ISO 8601 date or timestamp starts with the day as written in its offset.
    if s.len() >= 10
        && s.is_char_boundary(10)
        && let Ok(d) = s[..10].parse::<Day>()
        && (s.len() == 10 || s[10..].starts_with(['T', 't', ' ']))
    {
        return Some(d.into());
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.date().into());
    }
    let without_weekday = strip_weekday(s);
    let cleaned = without_weekday
        .replace("Sept ", "Sep ")
        .replace('.', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for layout in LAYOUTS {
        for candidate in [without_weekday, cleaned.as_str()] {
            if let Ok(d) = Day::strptime(layout, candidate) {
                return Some(d.into());
            }
        }
    }
    if s.len() >= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        return from_unix(s.parse().ok()?);
    }
    None
}

/// `s` without a leading weekday (`Monday, `, `Mon `).
fn strip_weekday(s: &str) -> &str {
    let word_end = s.find([',', ' ']).unwrap_or(s.len());
    let word = s[..word_end].trim_end_matches('.');
    if named_in(word, &WEEKDAYS).is_none() {
        return s;
    }
    s[word_end..].trim_start_matches([',', ' ', '.'])
}

/// A date from seconds (or, when the number is too large for seconds, milliseconds)
/// since the Unix epoch, as a UTC day (the number carries no offset).
pub fn from_unix(n: i64) -> Option<Date> {
    let secs = if n.abs() > 100_000_000_000 {
        n / 1000
    } else {
        n
    };
    let ts = jiff::Timestamp::from_second(secs).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date().into())
}

/// The day of a file time on this machine's clock.
pub fn from_system_time(t: SystemTime) -> Option<Date> {
    let ts = jiff::Timestamp::try_from(t).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::system()).date().into())
}

/// Where [`find_full_date`] looks, and what it takes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Look {
    /// Only a date on this month and day.
    pub same_day: Option<(u8, u8)>,
    /// Only a date that starts within this many words (none: anywhere).
    pub within: Option<usize>,
    /// Only a date right after a weekday (`Tuesday, April 7, 1987`): a report's
    /// own day, not a date it mentions.
    pub after_weekday: bool,
}

/// Whether `text` has four ASCII digits in a row.
fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// The first full date written in `text` (`March 2, 1987`, `2 March 1987`,
/// `1987-03-02`), with a year from 1900 to 2100, as `look` says.
pub fn find_full_date(text: &str, look: Look) -> Option<Date> {
    // Every date found has a year of four digits: text without four digits in
    // a row has none (most paragraphs of a lead), and is not split into words.
    if !has_four_digits(text) {
        return None;
    }
    let within = look.within.unwrap_or(usize::MAX);
    let same_day = look.same_day;
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let year = |w: &str| {
        let w = w.trim_end_matches(['.', ';', ':', ')']);
        (w.len() == 4)
            .then(|| w.parse::<i16>().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    let day = |w: &str| {
        if !w.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let w = w.trim_end_matches(['.', ';', ':', ')']);
        let w = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| w.strip_suffix(s))
            .unwrap_or(w);
        w.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
    };
    let wanted = |d: Date| same_day.is_none_or(|(m, dd)| d.month == m && d.day == dd);
    let mut before: Option<&str> = None;
    for _ in 0..within {
        let Some(w) = words.next() else {
            break;
        };
        // The two words after this one, read only when this one can start a date.
        let ahead = || {
            let mut a = words.clone();
            (a.next(), a.next())
        };
        let found = if let Some(m) = month_exact(w) {
            // March 2 1987
            let (next, after) = ahead();
            let d = next.and_then(day);
            let y = after.and_then(year);
            d.zip(y).and_then(|(d, y)| Date::ymd(y, m as i8, d as i8))
        } else if let Some(d) = day(w) {
            // 2 March 1987
            let (next, after) = ahead();
            let m = next.and_then(month_exact);
            let y = after.and_then(year);
            m.zip(y).and_then(|(m, y)| Date::ymd(y, m as i8, d as i8))
        } else if w.len() >= 10
            && w.starts_with(|c: char| c.is_ascii_digit())
            && w.is_char_boundary(10)
        {
            w[..10].parse::<Day>().ok().map(Date::from)
        } else {
            None
        };
        let weekday_before = || before.is_some_and(|b| strip_weekday(b).is_empty());
        if let Some(d) = found.filter(|d| wanted(*d) && d.year.is_some_and(|y| y >= 1900))
            && (!look.after_weekday || weekday_before())
        {
            return Some(d);
        }
        before = Some(w);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_with_four_digits_in_a_row_is_read_for_a_full_date() {
        assert!(has_four_digits("on March 2, 1987"));
        assert!(has_four_digits("1987-03-02"));
        assert!(!has_four_digits("up 1.5 pct to 3,200 dlrs on March 2"));
        assert!(!has_four_digits("198"));
        let look = Look::default();
        assert_eq!(
            find_full_date("said on Tuesday, March 3, 1987, that", look),
            Some(Date::ymd(1987, 3, 3).unwrap())
        );
        assert_eq!(find_full_date("said on March 3, 87, that", look), None);
        // The words after a month are read past the limit of words looked at.
        let within = Look {
            within: Some(1),
            ..Look::default()
        };
        assert_eq!(
            find_full_date("March 3 1987 trade", within),
            Some(Date::ymd(1987, 3, 3).unwrap())
        );
        assert_eq!(find_full_date("trade March 3 1987", within), None);
    }

    #[test]
    fn plain_iso_days_read_as_the_parser_reads_them() {
        for s in [
            "1987-03-02",
            "2024-02-29",
            "2023-02-29",
            "1987-13-01",
            "0000-01-01",
            "1987-00-10",
        ] {
            match s.parse::<Day>() {
                Ok(d) => assert_eq!(parse(s), Some(Date::from(d)), "{s}"),
                // A day that does not exist is no date, as no other layout reads it.
                Err(_) => {
                    assert_eq!(parse(s), None, "{s}");
                    assert!(jiff::fmt::rfc2822::parse(s).is_err(), "{s}");
                    assert!(LAYOUTS.iter().all(|l| Day::strptime(l, s).is_err()), "{s}");
                }
            }
        }
    }

    #[test]
    fn many_layouts() {
        let want = Date::ymd(2018, 1, 29).unwrap();
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
            "Monday, January 29, 2018",
            "Mon 29 Jan 2018",
        ] {
            assert_eq!(parse(s), Some(want), "{s}");
        }
        assert_eq!(parse("1517220000"), Some(want));
        assert_eq!(parse("not a date"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn the_day_is_the_one_written_in_its_own_offset() {
        // Late evening in New York is already the next day in UTC.
        let want = Date::ymd(2018, 1, 29).unwrap();
        assert_eq!(parse("2018-01-29T23:30:00-05:00"), Some(want));
        assert_eq!(parse("Mon, 29 Jan 2018 23:30:00 -0500"), Some(want));
        assert_eq!(parse("2018-01-29T00:30:00+09:00"), Some(want));
    }

    #[test]
    fn yearless_dates_print_and_compare_by_month_and_day() {
        let d = Date::md(3, 2).unwrap();
        assert_eq!(d.to_string(), "--03-02");
        assert_eq!(d.human(), "Mar 2");
        assert_eq!(d.year(), None);
        let bound = Day::new(1987, 3, 1).unwrap();
        assert!(!d.on_or_before(bound));
        assert!(d.on_or_after(bound));
        assert!(Date::md(2, 26).unwrap().on_or_before(bound));
        assert!(Date::md(2, 29).is_some());
        assert!(Date::md(2, 30).is_none());
        // Known years sort after unknown ones.
        assert!(Date::ymd(1900, 1, 1).unwrap() > Date::md(12, 31).unwrap());
    }

    #[test]
    fn months_with_a_slip_of_the_keys() {
        for (w, m) in [
            ("FEb", 2),
            ("Narch", 3),
            ("Marc", 3),
            ("Mach", 3),
            ("Macrh", 3),
            ("Marchg", 3),
            ("Jne", 6),
            ("Juen", 6),
            ("Junee", 6),
            ("APri", 4),
            ("Oct.", 10),
            ("Sept", 9),
        ] {
            assert_eq!(month_loose(w), Some(m), "{w}");
        }
        for w in ["Mon", "Friday", "the", "Mr", "Ju"] {
            assert_eq!(month_loose(w), None, "{w}");
        }
        assert_eq!(month_exact("Narch"), None);
    }

    fn on(month: u8, day: u8) -> Look {
        Look {
            same_day: Some((month, day)),
            ..Look::default()
        }
    }

    #[test]
    fn full_dates_in_running_text() {
        let t = "The accord, signed on March 2, 1987 in Paris, takes effect later.";
        assert_eq!(find_full_date(t, Look::default()), Date::ymd(1987, 3, 2));
        assert_eq!(find_full_date(t, on(3, 2)), Date::ymd(1987, 3, 2));
        assert_eq!(
            find_full_date(
                t,
                Look {
                    within: Some(3),
                    ..Look::default()
                }
            ),
            None
        );
        assert_eq!(find_full_date(t, on(3, 3)), None);
        assert_eq!(
            find_full_date("It ends on 4 June 2019.", Look::default()),
            Date::ymd(2019, 6, 4)
        );
        assert_eq!(
            find_full_date("Shares rose 1987 points on March 2", Look::default()),
            None
        );
        let report = "Boxed beef for Tuesday, April 7, 1987, notes due April 7, 1999.";
        let own_day = Look {
            after_weekday: true,
            ..on(4, 7)
        };
        assert_eq!(find_full_date(report, own_day), Date::ymd(1987, 4, 7));
        let notes = "Notes due April 7, 1999 were sold.";
        assert_eq!(find_full_date(notes, own_day), None);
    }
}
