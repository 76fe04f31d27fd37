//! Where an article is: a file under the loaded folder, and for files that hold
//! several records (JSON arrays, JSON Lines, feeds), which record.

use std::fmt;

/// A file relative to the loaded folder (`/`-separated), and the 1-based record in
/// it for files of several records. Written `file` or `file#N`, as the CLI takes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The file, relative to the loaded folder.
    pub file: Box<str>,
    /// The record within the file: the line of a JSON Lines file, the position in a
    /// JSON array or a feed.
    pub record: Option<u32>,
}

impl Location {
    /// A file that is one article.
    pub fn file(file: &str) -> Location {
        Location {
            file: file.into(),
            record: None,
        }
    }

    /// Record `n` of a file.
    pub fn record(file: &str, n: usize) -> Location {
        Location {
            file: file.into(),
            record: Some(n.min(u32::MAX as usize) as u32),
        }
    }

    /// Reads `file` or `file#N`; a `#` not followed by digits only is part of the
    /// file name.
    pub fn parse(s: &str) -> Location {
        match s.rsplit_once('#') {
            Some((file, n))
                if !file.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
            {
                match n.parse::<u32>() {
                    Ok(n) => Location {
                        file: file.into(),
                        record: Some(n),
                    },
                    Err(_) => Location::file(s),
                }
            }
            _ => Location::file(s),
        }
    }

    /// The file's name, without its folders.
    pub fn file_name(&self) -> &str {
        self.file.rsplit('/').next().unwrap_or(&self.file)
    }

    /// Whether the file is `path` or lies in folder `path` (or one below it).
    pub fn is_under(&self, path: &str) -> bool {
        let f: &str = &self.file;
        f == path
            || f.strip_prefix(path)
                .is_some_and(|rest| rest.starts_with('/') && !path.is_empty())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.record {
            Some(n) => write!(f, "{}#{n}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

impl serde::Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_and_read_back() {
        for s in ["a/b.txt", "feed.jsonl#12", "odd#name.txt", "x.json#", "#3"] {
            assert_eq!(Location::parse(s).to_string(), s);
        }
        assert_eq!(Location::parse("feed.jsonl#12").record, Some(12));
        assert_eq!(Location::parse("odd#name.txt").record, None);
    }

    #[test]
    fn records_sort_by_number() {
        let mut v = [
            Location::record("a.jsonl", 10),
            Location::record("a.jsonl", 9),
        ];
        v.sort();
        assert_eq!(v[0].record, Some(9));
    }

    #[test]
    fn under_a_folder_or_the_file_itself() {
        let l = Location::record("wire/day1/a.jsonl", 3);
        assert!(l.is_under("wire"));
        assert!(l.is_under("wire/day1/a.jsonl"));
        assert!(!l.is_under("wir"));
        assert!(!l.is_under("wire/day"));
    }
}
