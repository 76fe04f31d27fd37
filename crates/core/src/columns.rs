//! The columns the list and the search read, for every article of a folder, in a
//! compact form: one arena for all headlines with their offsets, sources interned,
//! dates and locations as small fixed-size fields. Bodies are not held: what needs
//! them loads the article itself.

use std::collections::HashMap;

use crate::article::{Article, ArticleId, Location};
use crate::date::Date;

/// No source, in [`Columns::source_of`].
const NO_SOURCE: u32 = u32::MAX;

/// What one article puts in the columns.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    /// The headline, as the article would have it.
    pub title: &'a str,
    /// The source, as the article would have it.
    pub source: Option<&'a str>,
    /// The date, as the article would have it.
    pub date: Option<Date>,
    /// Whether the date is the file's modification time, not the story's.
    pub file_date: bool,
    /// The file, relative to the folder.
    pub file: &'a str,
    /// The record in the file, for files of several records.
    pub record: Option<u32>,
}

/// Headline, source, date and location of every article, ids equal to positions.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    titles: String,
    title_ends: Vec<u32>,
    sources: Vec<Box<str>>,
    source_ids: HashMap<Box<str>, u32>,
    source_of: Vec<u32>,
    dates: Vec<Option<Date>>,
    /// Per article, whether its date is its file's time.
    file_dates: Vec<bool>,
    files: Vec<Box<str>>,
    file_of: Vec<u32>,
    /// Record in the file plus one; 0 for a file that is one article.
    records: Vec<u32>,
}

impl Columns {
    /// Number of articles.
    pub fn len(&self) -> usize {
        self.title_ends.len()
    }

    /// Whether there is no article.
    pub fn is_empty(&self) -> bool {
        self.title_ends.is_empty()
    }

    /// Appends one article's row; its id is the number of rows before it.
    pub fn push(&mut self, row: Row<'_>) {
        self.titles.push_str(row.title);
        self.title_ends.push(self.titles.len() as u32);
        let last = self.source_of.last().copied().filter(|&i| i != NO_SOURCE);
        let source = match row.source {
            // Records of one file mostly share their source.
            Some(s) if last.is_some_and(|i| *self.sources[i as usize] == *s) => {
                last.unwrap_or(NO_SOURCE)
            }
            Some(s) => match self.source_ids.get(s) {
                Some(&i) => i,
                None => {
                    let i = self.sources.len() as u32;
                    self.sources.push(s.into());
                    self.source_ids.insert(s.into(), i);
                    i
                }
            },
            None => NO_SOURCE,
        };
        self.source_of.push(source);
        self.dates.push(row.date);
        self.file_dates.push(row.file_date);
        if self.files.last().is_none_or(|f| **f != *row.file) {
            self.files.push(row.file.into());
        }
        self.file_of.push(self.files.len() as u32 - 1);
        self.records
            .push(row.record.map_or(0, |r| r.saturating_add(1)));
    }

    /// The row of `id`, as it was pushed.
    pub fn row(&self, id: ArticleId) -> Row<'_> {
        Row {
            title: self.title(id),
            source: self.source(id),
            date: self.date(id),
            file_date: self.file_date(id),
            file: self.file(id),
            record: self.record(id),
        }
    }

    /// Appends rows `range` of `other`, in order.
    pub fn extend_from(&mut self, other: &Columns, range: std::ops::Range<usize>) {
        for i in range {
            self.push(other.row(i as ArticleId));
        }
    }

    /// Appends every row of `other`, in order: the columns of a block read on its
    /// own (in parallel with others) joined to those before it, copied in bulk.
    pub fn append(&mut self, other: &Columns) {
        if other.is_empty() {
            return;
        }
        let base = self.titles.len() as u32;
        self.titles.push_str(&other.titles);
        self.title_ends
            .extend(other.title_ends.iter().map(|e| e + base));
        // The other block's sources, as ids here (a block has few).
        let ids: Vec<u32> = other
            .sources
            .iter()
            .map(|s| match self.source_ids.get(s) {
                Some(&i) => i,
                None => {
                    let i = self.sources.len() as u32;
                    self.sources.push(s.clone());
                    self.source_ids.insert(s.clone(), i);
                    i
                }
            })
            .collect();
        self.source_of
            .extend(other.source_of.iter().map(|&s| match s {
                NO_SOURCE => NO_SOURCE,
                s => ids[s as usize],
            }));
        self.dates.extend_from_slice(&other.dates);
        self.file_dates.extend_from_slice(&other.file_dates);
        // A file whose rows go on from this block to the next is named once.
        let joined = self.files.last().is_some_and(|f| *f == other.files[0]);
        let shift = self.files.len() as u32 - u32::from(joined);
        self.files
            .extend(other.files[usize::from(joined)..].iter().cloned());
        self.file_of
            .extend(other.file_of.iter().map(|&f| f + shift));
        self.records.extend_from_slice(&other.records);
    }

    /// The rows from `from` on, as columns of their own (their ids less `from`),
    /// copied in bulk: what [`Self::append`] joins back.
    pub fn tail(&self, from: usize) -> Columns {
        let from = from.min(self.len());
        if from == self.len() {
            return Columns::default();
        }
        let start = if from == 0 {
            0
        } else {
            self.title_ends[from - 1]
        };
        let first_file = self.file_of[from];
        Columns {
            titles: self.titles[start as usize..].to_string(),
            title_ends: self.title_ends[from..].iter().map(|e| e - start).collect(),
            // Sources are few: all are kept, with their ids.
            sources: self.sources.clone(),
            source_ids: self.source_ids.clone(),
            source_of: self.source_of[from..].to_vec(),
            dates: self.dates[from..].to_vec(),
            file_dates: self.file_dates[from..].to_vec(),
            files: self.files[first_file as usize..].to_vec(),
            file_of: self.file_of[from..]
                .iter()
                .map(|f| f - first_file)
                .collect(),
            records: self.records[from..].to_vec(),
        }
    }

    /// Appends the row of a loaded article.
    pub fn push_article(&mut self, a: &Article) {
        self.push(Row {
            title: &a.title,
            source: a.source.as_deref(),
            date: a.date,
            file_date: a.date_origin == crate::article::DateOrigin::FileTime,
            file: &a.location.file,
            record: a.location.record,
        });
    }

    /// The headline of `id`.
    pub fn title(&self, id: ArticleId) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.title_ends[i - 1] };
        &self.titles[start as usize..self.title_ends[i] as usize]
    }

    /// The source of `id`.
    pub fn source(&self, id: ArticleId) -> Option<&str> {
        match self.source_of[id as usize] {
            NO_SOURCE => None,
            s => Some(&self.sources[s as usize]),
        }
    }

    /// The date of `id`.
    pub fn date(&self, id: ArticleId) -> Option<Date> {
        self.dates[id as usize]
    }

    /// Whether the date of `id` is its file's modification time.
    pub fn file_date(&self, id: ArticleId) -> bool {
        self.file_dates[id as usize]
    }

    /// The file of `id`, relative to the folder.
    pub fn file(&self, id: ArticleId) -> &str {
        &self.files[self.file_of[id as usize] as usize]
    }

    /// The record of `id` in its file, for files of several records.
    pub fn record(&self, id: ArticleId) -> Option<u32> {
        self.records[id as usize].checked_sub(1)
    }

    /// Where `id` is.
    pub fn location(&self, id: ArticleId) -> Location {
        let i = id as usize;
        Location {
            file: self.files[self.file_of[i] as usize].clone(),
            record: self.records[i].checked_sub(1),
        }
    }

    /// Bytes held, roughly, for reports and benchmarks.
    pub fn heap_bytes(&self) -> usize {
        self.titles.capacity()
            + self.title_ends.capacity() * 4
            + self.source_of.capacity() * 4
            + self.dates.capacity() * std::mem::size_of::<Option<Date>>()
            + self.file_dates.capacity()
            + self.file_of.capacity() * 4
            + self.records.capacity() * 4
            + self.files.iter().map(|f| f.len()).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_pushed() {
        let mut c = Columns::default();
        let d = Date::ymd(1987, 3, 2);
        c.push(Row {
            title: "OIL PRICES CUT",
            source: Some("Reuters"),
            date: d,
            file_date: false,
            file: "a.jsonl",
            record: Some(1),
        });
        c.push(Row {
            title: "",
            source: None,
            date: None,
            file_date: true,
            file: "b.txt",
            record: None,
        });
        c.push(Row {
            title: "Zürich",
            source: Some("Reuters"),
            date: None,
            file_date: true,
            file: "b.txt",
            record: None,
        });
        assert_eq!(c.len(), 3);
        assert_eq!(c.title(0), "OIL PRICES CUT");
        assert_eq!(c.title(1), "");
        assert_eq!(c.title(2), "Zürich");
        assert_eq!(c.source(0), Some("Reuters"));
        assert_eq!(c.source(1), None);
        assert_eq!(c.date(0), d);
        assert!(!c.file_date(0) && c.file_date(1));
        assert_eq!((c.file(0), c.record(0)), ("a.jsonl", Some(1)));
        assert_eq!((c.file(2), c.record(2)), ("b.txt", None));
        assert_eq!(c.location(0).to_string(), "a.jsonl#1");
        assert_eq!(c.location(2).to_string(), "b.txt");
        assert_eq!(c.sources.len(), 1);
        let mut d = Columns::default();
        d.extend_from(&c, 1..3);
        assert_eq!(d.len(), 2);
        assert_eq!((d.title(1), d.source(1)), ("Zürich", Some("Reuters")));
        assert_eq!(d.location(0).to_string(), "b.txt");
        assert!(d.file_date(0));
        // Appending in bulk gives what pushing row by row gives.
        let mut e = Columns::default();
        e.extend_from(&c, 0..1);
        let mut f = Columns::default();
        f.push(Row {
            title: "Wire",
            source: Some("AP"),
            date: None,
            file_date: false,
            file: "c.txt",
            record: None,
        });
        f.extend_from(&c, 1..3);
        // The second `d` goes on in the file the first ends in.
        e.append(&d);
        e.append(&d);
        e.append(&f);
        e.append(&Columns::default());
        let mut g = Columns::default();
        g.extend_from(&c, 0..1);
        g.extend_from(&d, 0..2);
        g.extend_from(&d, 0..2);
        g.extend_from(&f, 0..3);
        assert_eq!(e.len(), 8);
        assert_eq!(e.files.len(), 4);
        for id in 0..8 {
            assert_eq!(
                format!("{:?}", e.row(id)),
                format!("{:?}", g.row(id)),
                "row {id}"
            );
        }
        assert_eq!(e.files, g.files);
        assert_eq!(e.sources, g.sources);
        // A tail holds the rows it starts from, and joins back to the head.
        for cut in 0..=8 {
            let tail = e.tail(cut);
            assert_eq!(tail.len(), 8 - cut);
            for id in 0..tail.len() as ArticleId {
                let same = e.row(id + cut as ArticleId);
                assert_eq!(format!("{:?}", tail.row(id)), format!("{same:?}"));
            }
            let mut head = Columns::default();
            head.extend_from(&e, 0..cut);
            head.append(&tail);
            for id in 0..8 {
                assert_eq!(format!("{:?}", head.row(id)), format!("{:?}", e.row(id)));
            }
            assert_eq!(head.files, e.files, "cut {cut}");
        }
    }
}
