//! Filters typed into the search prompt beside the fuzzy words:
//! `source:reuters`, `tag:politics`, `path:world/europe`, `since:2018-01-28`,
//! `until:2018-02-01`, `since:7d`, `is:starred`, `is:unread`. A date of unknown
//! year (a wire dateline's) is compared by month and day alone. A date may be
//! written with spaces, quoted or not: `since:28 Jan 2018` takes as many of the
//! words after it (up to two) as still make a date, the most first.
//! `sochi source:reuters` finds Reuters stories whose headline matches `sochi`.

use thiserror::Error;

use crate::article::Article;
use crate::date::{self, Date, Day};

/// The search prompt's syntax, for the help overlay: example, meaning.
pub const SYNTAX: &[(&str, &str)] = &[
    (
        "sochi talks",
        "headlines with both words, fuzzily, best first",
    ),
    (
        "source:reuters",
        "only sources containing reuters (quote spaces: source:\"ap news\")",
    ),
    (
        "path:world/europe",
        "only files whose path (in the folder) contains world/europe",
    ),
    (
        "since:2018-01-28",
        "dated on or after that day (or since:28 Jan 2018, quoted or not)",
    ),
    (
        "until:2018-02-01",
        "dated on or before that day (or until:\"1 Feb 2018\")",
    ),
    (
        "tag:politics",
        "tagged politics in its front matter or record (tag:\"a b\" for spaces)",
    ),
    ("since:7d", "dated in the last seven days"),
    ("is:starred", "only starred articles"),
    (
        "is:unread",
        "only unread articles (is:read: only read ones)",
    ),
    (
        "sochi source:reuters",
        "filters and words combine; Sochi (a capital) matches case, but not on headlines in capitals",
    ),
];

/// A filter term that could not be read.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum FilterError {
    /// `since:` or `until:` with something that is not a date.
    #[error("{term}: not a date; write {key}:2018-01-28, {key}:28 Jan 2018 or {key}:7d (days ago)")]
    Date {
        /// The term as typed.
        term: String,
        /// `since` or `until`.
        key: &'static str,
    },
    /// A filter name with nothing after the colon.
    #[error("{0}: give a value, as in source:reuters or since:2018-01-28")]
    Empty(String),
    /// `is:` with something other than a mark.
    #[error("{0}: write is:starred, is:unread or is:read")]
    Mark(String),
}

/// What a query keeps besides its fuzzy words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Sources to keep (any of them), lower case; matched as part of the source.
    pub sources: Vec<String>,
    /// Tags an article must have (all of them), lower case; matched whole.
    pub tags: Vec<String>,
    /// Keep articles dated on or after this day.
    pub since: Option<Day>,
    /// Keep articles dated on or before this day.
    pub until: Option<Day>,
    /// Parts of the path an article's file must contain (all of them), lower case.
    pub paths: Vec<String>,
    /// Keep only starred articles.
    pub starred: bool,
    /// Keep only unread articles (`Some(false)`), or only read ones (`Some(true)`).
    pub read: Option<bool>,
}

/// A prompt split into its filter and its fuzzy words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Split {
    /// The filter terms.
    pub filter: Filter,
    /// Everything else, for the fuzzy search, in the order typed.
    pub words: String,
    /// Terms that look like filters but could not be read.
    pub errors: Vec<FilterError>,
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.tags.is_empty()
            && self.since.is_none()
            && self.until.is_none()
            && self.paths.is_empty()
            && !self.starred
            && self.read.is_none()
    }

    /// Whether an article with these marks passes the `is:` terms.
    pub fn keeps_marks(&self, read: bool, starred: bool) -> bool {
        (!self.starred || starred) && self.read.is_none_or(|r| r == read)
    }

    /// Whether `a` passes. An undated article fails a date bound.
    pub fn keeps(&self, a: &Article) -> bool {
        let tagged = |t: &String| a.tags().iter().any(|x| x.to_lowercase() == *t);
        self.tags.iter().all(tagged)
            && self.keeps_row(a.source.as_deref(), &a.location.file, a.date)
    }

    /// Whether an article of this source, file and date passes the source, path
    /// and date terms (the tag terms are not looked at).
    pub fn keeps_row(&self, source: Option<&str>, file: &str, date: Option<Date>) -> bool {
        if !self.sources.is_empty() {
            let Some(source) = source else {
                return false;
            };
            let source = source.to_lowercase();
            if !self.sources.iter().any(|s| source.contains(s.as_str())) {
                return false;
            }
        }
        if !self.paths.is_empty() {
            let path = file.to_lowercase();
            if !self.paths.iter().all(|p| path.contains(p.as_str())) {
                return false;
            }
        }
        if self.since.is_some() || self.until.is_some() {
            let Some(d) = date else {
                return false;
            };
            // A date of unknown year is compared by month and day alone.
            if self.since.is_some_and(|s| !d.on_or_after(s))
                || self.until.is_some_and(|u| !d.on_or_before(u))
            {
                return false;
            }
        }
        true
    }

    /// Says the filter in words for the list title, as `source reuters · since 2018-01-28`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.sources.is_empty() {
            parts.push(format!("source {}", self.sources.join(" or ")));
        }
        for t in &self.tags {
            parts.push(format!("tag {t}"));
        }
        if let Some(s) = self.since {
            parts.push(format!("since {s}"));
        }
        if let Some(u) = self.until {
            parts.push(format!("until {u}"));
        }
        for p in &self.paths {
            parts.push(format!("path {p}"));
        }
        if self.starred {
            parts.push("starred".to_string());
        }
        match self.read {
            Some(true) => parts.push("read".to_string()),
            Some(false) => parts.push("unread".to_string()),
            None => {}
        }
        parts.join(" · ")
    }
}

/// Splits the prompt into filter terms and fuzzy words; `today` anchors `since:7d`.
/// A value may be quoted to hold spaces: `source:"associated press"`.
pub fn split(prompt: &str, today: Day) -> Split {
    let mut out = Split::default();
    let mut words: Vec<&str> = Vec::new();
    let mut rest = prompt.trim_start();
    while !rest.is_empty() {
        let (term, value, after) = next_term(rest);
        rest = after.trim_start();
        let Some((key, _)) = term.split_once(':') else {
            words.push(term);
            continue;
        };
        let key_lower = key.to_ascii_lowercase();
        let key: &'static str = match key_lower.as_str() {
            "source" | "src" => "source",
            "tag" | "tags" => "tag",
            "since" | "from" | "after" => "since",
            "until" | "to" | "before" => "until",
            "path" | "in" => "path",
            "is" => "is",
            // Not a filter: a headline word with a colon in it.
            _ => {
                words.push(term);
                continue;
            }
        };
        let value = value.trim();
        if value.is_empty() {
            // Still being typed: say so only once the user moves on.
            if !rest.is_empty() {
                out.errors.push(FilterError::Empty(term.to_string()));
            }
            continue;
        }
        let quoted = term.contains('"');
        match key {
            "source" => out.filter.sources.push(value.to_lowercase()),
            "tag" => out.filter.tags.push(value.to_lowercase()),
            "path" => out.filter.paths.push(value.to_lowercase()),
            "is" => match value.to_lowercase().as_str() {
                "starred" | "star" => out.filter.starred = true,
                "unread" | "new" => out.filter.read = Some(false),
                "read" => out.filter.read = Some(true),
                _ => out.errors.push(FilterError::Mark(term.to_string())),
            },
            _ if !quoted => {
                // A date written with spaces: the most of the next two words that
                // still make one.
                let (day, used) = spaced_day(value, rest, today);
                rest = rest[used..].trim_start();
                match day {
                    Some(d) if key == "since" => out.filter.since = Some(d),
                    Some(d) => out.filter.until = Some(d),
                    None => out.errors.push(FilterError::Date {
                        term: term.to_string(),
                        key,
                    }),
                }
            }
            _ => match parse_day(value, today) {
                Some(d) if key == "since" => out.filter.since = Some(d),
                Some(d) => out.filter.until = Some(d),
                None => out.errors.push(FilterError::Date {
                    term: term.to_string(),
                    key,
                }),
            },
        }
    }
    out.words = words.join(" ");
    out
}

/// The next space-separated term of `s`: the term as typed, its value after the
/// colon (unquoted), and what follows.
fn next_term(s: &str) -> (&str, &str, &str) {
    if let Some(colon) = s.find(':')
        && !s[..colon].contains(char::is_whitespace)
        && s[colon + 1..].starts_with('"')
    {
        let open = colon + 2;
        let close = s[open..].find('"').map_or(s.len(), |i| open + i);
        let end = (close + 1).min(s.len());
        return (&s[..end], &s[open..close], &s[end..]);
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    let term = &s[..end];
    let value = term.split_once(':').map_or("", |(_, v)| v);
    (term, value, &s[end..])
}

/// A date that starts with `value` and may go on into the words of `rest`: the
/// day, and how many bytes of `rest` it took.
fn spaced_day(value: &str, rest: &str, today: Day) -> (Option<Day>, usize) {
    if let Some(d) = parse_day(value, today) {
        return (Some(d), 0);
    }
    let mut ends = Vec::new();
    let mut at = 0;
    for _ in 0..2 {
        let from = at + (rest[at..].len() - rest[at..].trim_start().len());
        let len = rest[from..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - from);
        if len == 0 || rest[from..from + len].contains(':') {
            break;
        }
        at = from + len;
        ends.push(at);
    }
    for &end in ends.iter().rev() {
        let joined = format!(
            "{value} {}",
            rest[..end].split_whitespace().collect::<Vec<_>>().join(" ")
        );
        if let Some(d) = parse_day(&joined, today) {
            return (Some(d), end);
        }
    }
    (None, 0)
}

/// A day: any date layout copydesk reads, or `Nd` for N days before `today`.
fn parse_day(value: &str, today: Day) -> Option<Day> {
    if let Some(n) = value.strip_suffix('d').and_then(|n| n.parse::<i32>().ok()) {
        return today.checked_sub(jiff::Span::new().days(n)).ok();
    }
    date::parse(value)?.full()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        s.parse().unwrap()
    }

    #[test]
    fn filters_come_out_and_words_stay() {
        let s = split(
            "sochi source:Reuters since:2018-01-28 talks",
            day("2018-02-01"),
        );
        assert_eq!(s.words, "sochi talks");
        assert_eq!(s.filter.sources, ["reuters"]);
        assert_eq!(s.filter.since, Some(day("2018-01-28")));
        assert!(s.errors.is_empty());
        let q = split(
            "source:\"associated press\" until:28 Jan",
            day("2018-02-01"),
        );
        assert_eq!(q.filter.sources, ["associated press"]);
        assert_eq!(q.errors.len(), 1, "{q:?}");
        assert!(q.errors[0].to_string().contains("not a date"));
        assert_eq!(
            q.words, "Jan",
            "a date without a year is no date: the word stays"
        );
    }

    #[test]
    fn dates_with_spaces_quoted_or_not() {
        let today = day("2018-02-01");
        let s = split("since:28 Jan 2018 sochi", today);
        assert_eq!(s.filter.since, Some(day("2018-01-28")));
        assert_eq!(s.words, "sochi");
        assert!(s.errors.is_empty(), "{s:?}");
        let s = split("until:\"1 February 2018\" talks", today);
        assert_eq!(s.filter.until, Some(day("2018-02-01")));
        assert_eq!(s.words, "talks");
        let s = split("since:January 28, 2018", today);
        assert_eq!(s.filter.since, Some(day("2018-01-28")), "{s:?}");
        let s = split("since:7d trade deal", today);
        assert_eq!(s.filter.since, Some(day("2018-01-25")));
        assert_eq!(s.words, "trade deal");
        let s = split("since:2018-01-28 source:ap", today);
        assert_eq!(s.filter.sources, ["ap"]);
    }

    #[test]
    fn paths_and_marks() {
        let s = split(
            "path:World/Europe is:starred is:unread vote",
            day("2018-02-01"),
        );
        assert_eq!(s.filter.paths, ["world/europe"]);
        assert!(s.filter.starred);
        assert_eq!(s.filter.read, Some(false));
        assert_eq!(s.words, "vote");
        assert!(s.filter.keeps_marks(false, true));
        assert!(!s.filter.keeps_marks(true, true));
        assert!(!s.filter.keeps_marks(false, false));
        assert_eq!(split("is:blue", day("2018-02-01")).errors.len(), 1);
        let (arts, _) = crate::load::load_memory([
            ("world/europe/a.txt", b"A vote\n\nThe vote.\n".as_slice()),
            ("sport/b.txt", b"B vote\n\nThe vote.\n".as_slice()),
        ]);
        let at = |p: &str| {
            arts.iter()
                .find(|a| a.location.file.starts_with(p))
                .unwrap()
        };
        assert!(s.filter.keeps(at("world")));
        assert!(!s.filter.keeps(at("sport")));
    }

    #[test]
    fn days_ago_and_other_date_layouts() {
        let today = day("2018-02-01");
        assert_eq!(
            split("since:7d", today).filter.since,
            Some(day("2018-01-25"))
        );
        assert_eq!(
            split("until:\"29 January 2018\"", today).filter.until,
            Some(day("2018-01-29"))
        );
    }

    #[test]
    fn tags_must_all_be_there() {
        let s = split("tag:Politics tag:\"eu affairs\" vote", day("2018-02-01"));
        assert_eq!(s.filter.tags, ["politics", "eu affairs"]);
        assert_eq!(s.words, "vote");
        let (mut arts, _) = crate::load::load_memory([
            (
                "a.md",
                b"---\ntags: [politics, EU affairs]\n---\nA vote\n\nThe vote.\n".as_slice(),
            ),
            (
                "b.md",
                b"---\ntags: [politics]\n---\nB vote\n\nThe vote.\n".as_slice(),
            ),
        ]);
        let b = arts.pop().unwrap();
        let a = arts.pop().unwrap();
        assert!(s.filter.keeps(&a));
        assert!(!s.filter.keeps(&b));
    }

    #[test]
    fn colons_that_are_not_filters_are_words() {
        let s = split("update:1 BRIEF-acme", day("2018-02-01"));
        assert_eq!(s.words, "update:1 BRIEF-acme");
        assert!(s.filter.is_empty());
        // A filter still being typed is no error yet.
        let typing = split("sochi source:", day("2018-02-01"));
        assert!(typing.errors.is_empty());
        assert_eq!(typing.words, "sochi");
        assert_eq!(split("source: x", day("2018-02-01")).errors.len(), 1);
    }
}
