//! Loading only what the list and the search read ([`Columns`]), fast: JSON Lines
//! files are read in large blocks, split at newlines with memchr, and their records
//! parsed on every core into a borrowed struct of the few fields needed. A record
//! whose headline, source or date the metadata does not settle (they would come
//! from its body), or that the quick parse cannot read, goes through the full
//! parse, so that every row, skipped record and message is what [`super::load`]
//! gives.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use rayon::prelude::*;
use serde::Deserialize;

use super::read::{io_reason, open_checked};
use super::walk::{self, Entry, WalkProgress, Walked};
use super::{LoadError, LoadOptions, LoadSummary, SkipReason, Skipped, Warning};
use crate::article::{Article, ArticleId, clean_inline, clean_inline_cow};
use crate::columns::{Columns, Row};
use crate::date::{self, Date};
use crate::formats::{Input, Loaded};
use crate::search::SearchIndex;

/// Bytes read from a JSON Lines file at a time.
const BLOCK: usize = 4 * 1024 * 1024;

/// Bytes of the first block of a JSON Lines file; each next one is twice as big,
/// up to [`BLOCK`], so that the first rows are shown soon.
const FIRST_BLOCK: usize = 128 * 1024;

/// Bytes of whole lines read per parallel task.
const SPAN: usize = 128 * 1024;

/// The lines a span of whole lines holds (the last may lack its end).
fn lines_in(span: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', span).count() + usize::from(span.last().is_some_and(|&b| b != b'\n'))
}

/// Where the text of one row is, to parse the article in full when it is needed.
#[derive(Debug)]
pub enum Origin {
    /// A line of a JSON Lines file: its first byte in the file and its length.
    Line {
        /// Offset of the line's first byte in the file.
        offset: u64,
        /// Bytes in the line, without its end.
        len: u32,
    },
    /// A whole file: it is read again, and the article at the row's location taken.
    File,
    /// Parsed in full already, because the quick path could not settle its row.
    Parsed(Box<Article>),
}

/// What [`load_columns`] read.
#[derive(Debug, Default)]
pub struct ColumnLoad {
    /// The rows, in the order and with the ids [`super::load`] gives the articles.
    pub columns: Columns,
    /// Where each row's text is, by id.
    pub origins: Vec<Origin>,
    /// What could not be loaded.
    pub skipped: Vec<Skipped>,
    /// What loaded, but not quite as written.
    pub warnings: Vec<Warning>,
    /// What the walk found besides articles.
    pub summary: LoadSummary,
    /// The headline search index of the rows, when [`ColumnHow::index`] asked
    /// for it (else empty).
    pub index: SearchIndex,
    /// Rows read, those [`ColumnHow::only`] left out included.
    pub read: usize,
    /// With [`ColumnHow::only`], the id each row kept has in the full load (its
    /// place among all rows read); empty without, when the ids are the places.
    pub ids: Vec<ArticleId>,
}

impl ColumnLoad {
    /// Takes in articles parsed in full, as `how` asks; `line` is where they
    /// came from when they are a line of a JSON Lines file.
    fn take(&mut self, loaded: Loaded, line: Option<Origin>, how: ColumnHow<'_>) {
        for mut a in loaded.articles {
            // The id the full load gives it.
            a.id = self.read as ArticleId;
            self.read += 1;
            if let Some(only) = how.only {
                if !only(&a.title) {
                    continue;
                }
                self.ids.push(a.id);
            }
            self.columns.push_article(&a);
            self.origins.push(match &line {
                _ if how.keep => Origin::Parsed(Box::new(a)),
                Some(Origin::Line { offset, len }) => Origin::Line {
                    offset: *offset,
                    len: *len,
                },
                _ => Origin::File,
            });
        }
        self.skipped.extend(loaded.skipped);
        self.warnings.extend(loaded.warnings);
    }
}

impl ColumnLoad {
    /// With `index`, the index made to cover every row (it does already, unless
    /// a whole file was read without the walk).
    fn indexed(mut self, index: bool) -> ColumnLoad {
        if index {
            self.index.extend_columns(&self.columns);
        }
        self
    }

    /// Takes in a block read on its own, as the rows after these; with `index`,
    /// its search index too (the rows before it indexed first, if they are not).
    fn append(&mut self, part: ColumnLoad, index: bool) {
        let base = self.read as ArticleId;
        self.read += part.read;
        self.ids.extend(part.ids.iter().map(|id| id + base));
        if index {
            self.index.extend_columns(&self.columns);
            self.index.append(&part.index);
        }
        self.columns.append(&part.columns);
        self.origins
            .extend(part.origins.into_iter().map(|o| match o {
                Origin::Parsed(mut a) => {
                    a.id += base;
                    Origin::Parsed(a)
                }
                o => o,
            }));
        self.skipped.extend(part.skipped);
        self.warnings.extend(part.warnings);
    }
}

/// What is shown the rows read so far, and their index.
pub type ShowRows<'a> = dyn Fn(&Columns, &SearchIndex) + Sync + 'a;

/// How [`load_columns_with`] goes about it.
#[derive(Clone, Copy, Default)]
pub struct ColumnHow<'a> {
    /// Keep the articles that had to be parsed in full (whole files, records the
    /// quick path could not settle) in [`ColumnLoad::origins`].
    pub keep: bool,
    /// Told the number of files read so far, as the load goes.
    pub progress: Option<&'a (dyn Fn(usize) + Sync)>,
    /// Shown the columns read so far (rows are only ever appended), after each
    /// block of a JSON Lines file and each batch of files, with their index when
    /// [`Self::index`] asks for one (else it is empty).
    pub rows: Option<&'a ShowRows<'a>>,
    /// Index the headlines for search as they are read, each block on its own
    /// core ([`ColumnLoad::index`]).
    pub index: bool,
    /// Keep only the rows whose headline this holds for (a search's matches),
    /// telling the others' ids apart in [`ColumnLoad::ids`]. A record left out
    /// is read no further than its headline.
    pub only: Option<&'a Only<'a>>,
    /// [`Self::only`] holds for a headline as written whenever it holds for it
    /// tidied (as fuzzy words to find do), so that a headline as written that
    /// fails it is left out untidied.
    pub loose: bool,
}

/// Whether a row, by its headline, is kept.
pub type Only<'a> = dyn Fn(&str) -> bool + Sync + 'a;

/// Loads the columns of every article under `root` (a folder or one article file).
pub fn load_columns(root: &Path, opts: &LoadOptions) -> Result<ColumnLoad, LoadError> {
    load_columns_with(root, opts, ColumnHow::default())
}

/// [`load_columns`], keeping parsed articles and telling its progress as `how` asks.
pub fn load_columns_with(
    root: &Path,
    opts: &LoadOptions,
    how: ColumnHow<'_>,
) -> Result<ColumnLoad, LoadError> {
    let mut out = ColumnLoad::default();
    if let walk::Root::File(entry) = walk::root(root)? {
        out.summary.files = 1;
        if entry.kind.by_line() {
            read_lines(&entry, opts, how, &mut out);
        } else {
            let loaded = super::read_file(&entry, opts).map_err(|s| LoadError::Unloadable {
                path: root.to_path_buf(),
                reason: s.reason,
            })?;
            out.take(loaded, None, how);
        }
        return Ok(out.indexed(how.index));
    }
    std::fs::read_dir(root)
        .map_err(|e| LoadError::Unreadable(root.to_path_buf(), e.to_string()))?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Walked>(256);
    let progress = WalkProgress::default();
    std::thread::scope(|scope| {
        let walker = scope.spawn(|| walk::scan(root, tx, &progress));
        let mut done = 0;
        for msg in &rx {
            match msg {
                Walked::Files(entries) => {
                    read_entries(&entries, opts, how, &mut out);
                    done += entries.len();
                    if let Some(tell) = how.progress {
                        tell(done);
                    }
                    if let Some(show) = how.rows {
                        show(&out.columns, &out.index);
                    }
                }
                Walked::Skipped(skipped) => out.skipped.extend(skipped),
            }
        }
        out.summary.ignored = walker.join().unwrap_or(0);
    });
    out.summary.files = progress.found.load(std::sync::atomic::Ordering::Relaxed);
    Ok(out.indexed(how.index))
}

/// Reads walked files: whole files in parallel, JSON Lines files one by one (each
/// parsed in parallel).
fn read_entries(entries: &[Entry], opts: &LoadOptions, how: ColumnHow<'_>, out: &mut ColumnLoad) {
    let mut i = 0;
    while i < entries.len() {
        if entries[i].kind.by_line() {
            read_lines(&entries[i], opts, how, out);
            i += 1;
            continue;
        }
        let end = entries[i..]
            .iter()
            .position(|e| e.kind.by_line())
            .map_or(entries.len(), |p| i + p);
        let results: Vec<Result<Loaded, Skipped>> = entries[i..end]
            .par_iter()
            .map(|e| super::read_file(e, opts))
            .collect();
        for r in results {
            match r {
                Ok(l) => out.take(l, None, how),
                Err(s) => out.skipped.push(s),
            }
        }
        if how.index {
            out.index.extend_columns(&out.columns);
        }
        i = end;
    }
}

/// A JSON string, borrowed from the line when it holds no escapes. (serde's own
/// `Cow` borrows only as a field's whole type, never inside an `Option`.)
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit(std::marker::PhantomData))
    }
}

/// The fields of a JSON record that the columns need. Anything else in the
/// record is skipped unread.
#[derive(Default, Deserialize)]
struct Fields<'a> {
    #[serde(borrow, default)]
    title: Option<Text<'a>>,
    #[serde(borrow, default)]
    headline: Option<Text<'a>>,
    #[serde(borrow, default)]
    source: Option<Text<'a>>,
    #[serde(borrow, default)]
    publisher: Option<Text<'a>>,
    #[serde(borrow, default)]
    date: Option<Text<'a>>,
    #[serde(borrow, default)]
    published: Option<Text<'a>>,
    #[serde(borrow, default)]
    published_at: Option<Text<'a>>,
    #[serde(borrow, default)]
    pubdate: Option<Text<'a>>,
}

impl<'a> Fields<'a> {
    /// The field a key names, by its place among the fields, if the columns
    /// need it.
    fn slot(&mut self, key: &str) -> Option<(usize, &mut Option<Text<'a>>)> {
        Some(match key {
            "title" => (0, &mut self.title),
            "headline" => (1, &mut self.headline),
            "source" => (2, &mut self.source),
            "publisher" => (3, &mut self.publisher),
            "date" => (4, &mut self.date),
            "published" => (5, &mut self.published),
            "published_at" => (6, &mut self.published_at),
            "pubdate" => (7, &mut self.pubdate),
            _ => return None,
        })
    }

    /// The fields of a flat record (an object whose values are all strings,
    /// `true`, `false` or `null`), read with jiter, which is quicker at it than
    /// serde. `Ok(None)` for any other record (a number, an array, an object),
    /// which serde then reads; `Err` for a fault (a needed field twice, or what
    /// is not JSON), which only the full parse tells of exactly.
    fn flat(line: &'a [u8]) -> Result<Option<Fields<'a>>, ()> {
        use jiter::Peek;
        let mut f = Fields::default();
        // The needed fields seen, by place, to refuse one twice as serde does.
        let mut seen = 0u8;
        // The line as text, checked once for all its fields (most lines are).
        let text = std::str::from_utf8(line).ok();
        let mut j = jiter::Jiter::new(line);
        let mut key = j.next_object().map_err(drop)?;
        while let Some(k) = key {
            let slot = f.slot(k);
            let peek = j.peek().map_err(drop)?;
            match (slot, peek) {
                (Some((place, slot)), Peek::String | Peek::Null) => {
                    if seen & (1 << place) != 0 {
                        return Err(());
                    }
                    seen |= 1 << place;
                    if peek == Peek::Null {
                        j.known_null().map_err(drop)?;
                    } else {
                        let s = j.known_str().map_err(drop)?;
                        // Without escapes, jiter hands back the bytes of the line,
                        // which is text already when the line is.
                        let at = (s.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
                        let borrowed = match text {
                            _ if at >= line.len() => None,
                            Some(text) => text.get(at..at + s.len()),
                            None => std::str::from_utf8(&line[at..at + s.len()]).ok(),
                        };
                        *slot = Some(Text(match borrowed {
                            Some(b) => Cow::Borrowed(b),
                            None => Cow::Owned(s.to_string()),
                        }));
                    }
                }
                (None, Peek::String | Peek::True | Peek::False | Peek::Null) => {
                    j.known_skip(peek).map_err(drop)?;
                }
                _ => return Ok(None),
            }
            key = j.next_key().map_err(drop)?;
        }
        j.finish().map_err(drop)?;
        Ok(Some(f))
    }
}

/// The first field with text once trimmed, as the metadata keeps it.
fn first<'a, const N: usize>(fields: [Option<Text<'a>>; N]) -> Option<Cow<'a, str>> {
    fields.into_iter().flatten().find_map(|f| {
        let t = match f.0 {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
            Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
        };
        (!t.is_empty()).then_some(t)
    })
}

/// A record's row read quickly, borrowed from its line where it can be.
struct Quick<'a> {
    title: Cow<'a, str>,
    source: Cow<'a, str>,
    date: Date,
}

/// What the metadata of a record settles.
enum Settled<'a> {
    /// Its row.
    Row(Quick<'a>),
    /// That it is a row, one [`ColumnHow::only`] leaves out.
    Left,
}

/// The row of one record, when its metadata alone settles it; with `only`, no
/// more than that it is a row left out, when it is.
fn quick<'a>(line: &'a [u8], how: ColumnHow<'_>) -> Option<Settled<'a>> {
    // A JSON array would fill the struct by position; only objects are records.
    if line.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    // Strings read are checked as UTF-8; those skipped need not be, as the full
    // parse reads them with replacement characters, which no column shows.
    let f = match Fields::flat(line) {
        Ok(Some(f)) => f,
        Ok(None) => serde_json::from_slice(line).ok()?,
        // (Serde skips the fields it does not read without checking their
        // escapes, where jiter finds a lone surrogate, which the full parse refuses.)
        Err(()) => return None,
    };
    let written = first([f.title, f.headline])?;
    // A record with a headline is an article of that headline, whatever else
    // it holds; it has one when tidying leaves some of it.
    let left = |title: &str| how.only.is_some_and(|only| !only(title));
    if how.loose
        && left(&written)
        && written
            .chars()
            .any(|c| !c.is_whitespace() && !c.is_control())
    {
        return Some(Settled::Left);
    }
    let title = match written {
        Cow::Borrowed(s) => clean_inline_cow(s),
        Cow::Owned(s) => Cow::Owned(clean_inline(&s)),
    };
    if title.is_empty() {
        return None;
    }
    if left(&title) {
        return Some(Settled::Left);
    }
    let source = first([f.source, f.publisher])?;
    let date = date::parse(&first([f.date, f.published, f.published_at, f.pubdate])?)?;
    Some(Settled::Row(Quick {
        title,
        source,
        date,
    }))
}

/// What one line gave.
enum Parsed<'a> {
    Quick(Settled<'a>),
    Full(Result<Loaded, Skipped>),
}

fn parse_line<'a>(
    entry: &Entry,
    n: usize,
    bytes: &'a [u8],
    mtime: Option<SystemTime>,
    agencies: &[String],
    how: ColumnHow<'_>,
) -> Parsed<'a> {
    let trimmed = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(q) = quick(trimmed, how) {
        return Parsed::Quick(q);
    }
    let input = Input {
        rel: &entry.rel,
        bytes,
        mtime,
        line: Some(n),
        agencies,
    };
    Parsed::Full(entry.kind.format().read(&input).map_err(|reason| Skipped {
        path: entry.rel.clone(),
        reason,
    }))
}

/// Reads a JSON Lines file block by block, never holding more than a block and
/// one line (up to the size limit) of it.
fn read_lines(entry: &Entry, opts: &LoadOptions, how: ColumnHow<'_>, out: &mut ColumnLoad) {
    let skip = |reason| Skipped {
        path: entry.rel.clone(),
        reason,
    };
    let (mut file, meta) = match open_checked(entry, opts, false) {
        Ok(x) => x,
        Err(s) => {
            out.skipped.push(s);
            return;
        }
    };
    let mtime = meta.modified().ok();
    let limit = opts.max_file_bytes;
    let rows_before = out.read;
    let skipped_before = out.skipped.len();
    let mut buf: Vec<u8> = Vec::with_capacity(BLOCK);
    // The next block, read while this one's lines are.
    let mut next: Vec<u8> = Vec::new();
    let mut block = FIRST_BLOCK;
    // Where `buf` starts in the file.
    let mut base = 0u64;
    let mut line_no = 0usize;
    // In the middle of a line longer than the limit, whose bytes are dropped.
    let mut too_long = false;
    let mut got = read_more(&mut file, &mut buf, block);
    loop {
        block = (block * 2).min(BLOCK);
        let (n, failed) = got;
        let eof = n == 0;
        let mut from = 0;
        if too_long {
            match memchr::memchr(b'\n', &buf) {
                Some(i) => from = i + 1,
                None if eof => from = buf.len(),
                None => {
                    base += buf.len() as u64;
                    buf.clear();
                    got = read_more(&mut file, &mut buf, block);
                    continue;
                }
            }
            line_no += 1;
            out.skipped.push(skip(SkipReason::LineTooLong {
                line: line_no,
                limit,
            }));
            too_long = false;
        }
        let end = if eof {
            buf.len()
        } else {
            memchr::memrchr(b'\n', &buf[from..]).map_or(from, |i| from + i + 1)
        };
        // The lines are cut into spans of whole lines, each read on its own core
        // into a block of its own; the blocks are then joined in order, in bulk.
        let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = from;
        while start < end {
            let stop = match start + SPAN {
                cut if cut < end => {
                    memchr::memchr(b'\n', &buf[cut..end]).map_or(end, |i| cut + i + 1)
                }
                _ => end,
            };
            spans.push(start..stop);
            start = stop;
        }
        // Each span's first line number.
        let counts: Vec<usize> = spans
            .par_iter()
            .map(|r| lines_in(&buf[r.clone()]))
            .collect();
        let firsts: Vec<usize> = counts
            .iter()
            .scan(line_no, |n, c| {
                let first = *n + 1;
                *n += c;
                Some(first)
            })
            .collect();
        line_no += counts.iter().sum::<usize>();
        let read_span = |(span, first): (&std::ops::Range<usize>, usize)| -> ColumnLoad {
            let mut part = ColumnLoad::default();
            let mut start = span.start;
            let mut next = first;
            while start < span.end {
                let stop =
                    memchr::memchr(b'\n', &buf[start..span.end]).map_or(span.end, |i| start + i);
                let mut bytes = &buf[start..stop];
                let offset = base + start as u64;
                start = stop + 1;
                let n = next;
                next += 1;
                if bytes.len() as u64 > limit {
                    part.skipped
                        .push(skip(SkipReason::LineTooLong { line: n, limit }));
                    continue;
                }
                if bytes.last() == Some(&b'\r') {
                    bytes = &bytes[..bytes.len() - 1];
                }
                let origin = Origin::Line {
                    offset,
                    len: bytes.len() as u32,
                };
                match parse_line(entry, n, bytes, mtime, &opts.agencies, how) {
                    Parsed::Quick(Settled::Left) => part.read += 1,
                    Parsed::Quick(Settled::Row(q)) => {
                        if how.only.is_some() {
                            part.ids.push(part.read as ArticleId);
                        }
                        part.read += 1;
                        part.columns.push(Row {
                            title: &q.title,
                            source: Some(&q.source),
                            date: Some(q.date),
                            file_date: false,
                            file: &entry.rel,
                            record: Some(n.min(u32::MAX as usize) as u32),
                        });
                        part.origins.push(origin);
                    }
                    Parsed::Full(Ok(l)) => part.take(l, Some(origin), how),
                    Parsed::Full(Err(s)) => part.skipped.push(s),
                }
            }
            if how.index {
                part.index = SearchIndex::build_columns(&part.columns);
            }
            part
        };
        // What is left of this block's last line starts the next.
        next.clear();
        next.extend_from_slice(&buf[end..]);
        let more = !eof && failed.is_none();
        let (parts, got_next) = rayon::join(
            || -> Vec<ColumnLoad> { spans.par_iter().zip(firsts).map(read_span).collect() },
            || match more {
                true => read_more(&mut file, &mut next, block),
                false => (0, None),
            },
        );
        for part in parts {
            out.append(part, how.index);
        }
        if let Some(show) = how.rows {
            show(&out.columns, &out.index);
        }
        if let Some(e) = failed {
            out.skipped.push(skip(io_reason(&e)));
            break;
        }
        if eof {
            break;
        }
        base += end as u64;
        let left = buf.len() - end;
        std::mem::swap(&mut buf, &mut next);
        got = got_next;
        if left as u64 > limit {
            base += left as u64;
            buf.drain(..left);
            too_long = true;
        }
    }
    if out.read == rows_before && out.skipped.len() == skipped_before {
        out.skipped.push(skip(SkipReason::Empty));
    }
}

/// Reads up to `block` more bytes of `file` onto the end of `buf`, into its
/// spare room (never zeroed first): how many, or the fault (and none).
fn read_more(
    file: &mut std::fs::File,
    buf: &mut Vec<u8>,
    block: usize,
) -> (usize, Option<std::io::Error>) {
    let kept = buf.len();
    buf.reserve(block);
    match file.take(block as u64).read_to_end(buf) {
        Ok(n) => (n, None),
        Err(e) => {
            buf.truncate(kept);
            (0, Some(e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Checks the columns against the full load, and gives its number of rows.
    fn same_as_full_load(files: &[(&str, &str)], opts: &LoadOptions) -> usize {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let store = Store::load_with(dir.path(), opts).unwrap();
        let cols = load_columns(dir.path(), opts).unwrap();
        assert_eq!(cols.columns.len(), store.len());
        for a in store.articles() {
            assert_eq!(cols.columns.title(a.id), &*a.title);
            assert_eq!(cols.columns.source(a.id), a.source.as_deref());
            assert_eq!(cols.columns.date(a.id), a.date);
            assert_eq!(cols.columns.location(a.id), a.location);
        }
        let said = |s: &[Skipped]| -> Vec<String> {
            let mut v: Vec<String> = s
                .iter()
                .map(|s| format!("{}: {}", s.path, s.reason))
                .collect();
            v.sort();
            v
        };
        assert_eq!(said(&cols.skipped), said(store.skipped()));
        // Keeping only some headlines keeps those rows, with their ids.
        // (A letter in a headline is in it as written too: the test is loose.)
        for (letter, loose) in [
            ('o', false),
            ('o', true),
            ('e', true),
            ('Q', false),
            ('7', true),
        ] {
            let only = |t: &str| t.contains(letter);
            let how = ColumnHow {
                only: Some(&only),
                loose,
                index: true,
                ..ColumnHow::default()
            };
            let some = load_columns_with(dir.path(), opts, how).unwrap();
            let kept: Vec<&Article> = store.articles().iter().filter(|a| only(&a.title)).collect();
            assert_eq!(some.read, store.len(), "{letter}");
            let ids: Vec<ArticleId> = kept.iter().map(|a| a.id).collect();
            assert_eq!(some.ids, ids, "{letter}");
            assert_eq!(some.columns.len(), kept.len());
            assert_eq!(some.index, SearchIndex::build_columns(&some.columns));
            for (row, a) in kept.iter().enumerate() {
                let row = row as ArticleId;
                assert_eq!(some.columns.title(row), &*a.title);
                assert_eq!(some.columns.source(row), a.source.as_deref());
                assert_eq!(some.columns.date(row), a.date);
                assert_eq!(some.columns.location(row), a.location);
            }
            assert_eq!(said(&some.skipped), said(store.skipped()));
        }
        store.len()
    }

    #[test]
    fn columns_are_those_of_the_full_load() {
        let lines = [
            r#"{"title":"OIL PRICE CUT","source":"Reuters","date":"1987-03-02","body":"x"}"#,
            r#"{"title":"  Two   spaces ","publisher":"AP","published":"2020-01-05"}"#,
            r#"{"headline":"Escaped \"quote\" and caf\u00e9","source":"Reuters","date":"1987-03-02"}"#,
            r#"{"title":"No source","date":"1987-03-02","body":"LONDON (Reuters) - A lead."}"#,
            r#"{"title":"No date","source":"Reuters","body":"LONDON, March 3 - A lead."}"#,
            r#"{"body":"PARIS (AFP) - Only a body, which gives the headline."}"#,
            r#"{"title":"\u0008","source":"Reuters","date":"1987-03-02","body":"Lead."}"#,
            r#"["title","source","date","a","b","c","d","e"]"#,
            r#"{"title":"Bad date","source":"Reuters","date":"soon"}"#,
            r#"{"title":"Number date","source":"Reuters","date":550000000}"#,
            r#"{"title":"dup","title":"twice","source":"X","date":"1987-03-02"}"#,
            r#"{"title": broken"#,
            "",
            "   ",
            "\u{feff}{\"title\":\"BOM\",\"source\":\"S\",\"date\":\"1987-03-02\"}\r",
            r#"{"title":"Feb 30","source":"Reuters","date":"1987-02-30","body":"LONDON, March 3 - A lead."}"#,
            r#"{"title":null,"headline":"Null title","source":"S","date":"1987-03-02","x":true}"#,
            r#"{"title":"Tags","tags":["a","b"],"id":7,"source":"S","date":"1987-03-02"}"#,
            r#"{"title":"Bool source","source":false,"date":"1987-03-02"}"#,
            r#"{"ti\u0074le":"Escaped key","source":"S","date":"1987-03-02"}"#,
            r#"{"title":"Lone \ud800","source":"S","date":"1987-03-02"}"#,
            r#"{"title":"Lone in the body","source":"S","date":"1987-03-02","body":"a \ud800 b"}"#,
            r#"{"title":" \t\u0007 ","source":"S","date":"1987-03-02","body":"Only spaces."}"#,
            r#"{"title":"Port\u0008str\tike","source":"S","date":"1987-03-02"}"#,
            r#"{"title":"last, no newline","source":"S","date":"1987-03-02"}"#,
        ];

        let text = lines.join("\n");
        same_as_full_load(
            &[
                ("a.jsonl", &text),
                ("b.txt", "HEADLINE\n\nBody.\n"),
                ("c.jsonl", ""),
            ],
            &LoadOptions::default(),
        );
    }

    #[test]
    fn long_lines_are_skipped_as_the_full_load_skips_them() {
        let long = format!(
            r#"{{"title":"{}","source":"S","date":"1987-03-02"}}"#,
            "x".repeat(200)
        );
        let short = r#"{"title":"short","source":"S","date":"1987-03-02"}"#;
        let text = format!("{short}\n{long}\n{short}\n{long}");
        let opts = LoadOptions {
            max_file_bytes: 100,
            ..LoadOptions::default()
        };
        same_as_full_load(&[("a.jsonl", &text)], &opts);
    }

    #[test]
    fn a_long_line_across_blocks_skips_only_itself() {
        // A line longer than the limit that starts in one block and runs on
        // through whole blocks after it, between short lines.
        let rec = |i: usize| format!(r#"{{"title":"short {i}","source":"S","date":"1987-03-02"}}"#);
        let mut text: String = (0..3_000).map(|i| rec(i) + "\n").collect();
        text.push_str(&format!(
            r#"{{"title":"long","body":"{}"}}"#,
            "b".repeat(700_000)
        ));
        text.push('\n');
        text.extend((3_000..3_100).map(|i| rec(i) + "\n"));
        assert!(text.len() > FIRST_BLOCK * 4);
        let opts = LoadOptions {
            max_file_bytes: 100_000,
            ..LoadOptions::default()
        };
        assert_eq!(same_as_full_load(&[("a.jsonl", &text)], &opts), 3_100);
    }

    #[test]
    fn lines_across_blocks() {
        let rec = |i: usize| {
            format!(
                r#"{{"title":"headline number {i}","source":"S","date":"1987-03-02","body":"{}"}}"#,
                "b".repeat(i % 300)
            )
        };
        let text: String = (0..40_000).map(|i| rec(i) + "\n").collect();
        assert!(text.len() > BLOCK);
        same_as_full_load(&[("big.jsonl", &text)], &LoadOptions::default());
    }

    #[test]
    fn the_index_built_while_reading_is_that_of_the_rows() {
        let dir = tempfile::tempdir().unwrap();
        let rec = |i: usize| {
            let title = match i % 3 {
                0 => format!("OIL OUTPUT {i} CUT"),
                1 => format!("Café prices {i}"),
                _ => format!("  untidy   {i} "),
            };
            format!(
                r#"{{"title":"{title}","source":"S{}","date":"1987-03-02","body":"{}"}}"#,
                i % 5,
                "b".repeat(i % 200)
            )
        };
        let text: String = (0..30_000).map(|i| rec(i) + "\n").collect();
        assert!(text.len() > BLOCK);
        std::fs::write(dir.path().join("a.txt"), "FIRST ONE\n\nBody.\n").unwrap();
        std::fs::write(dir.path().join("b.jsonl"), &text).unwrap();
        std::fs::write(dir.path().join("c.txt"), "LAST ONE\n\nBody.\n").unwrap();
        std::fs::write(dir.path().join("d.jsonl"), rec(7)).unwrap();
        let how = ColumnHow {
            index: true,
            ..ColumnHow::default()
        };
        let load = load_columns_with(dir.path(), &LoadOptions::default(), how).unwrap();
        assert_eq!(load.columns.len(), 30_003);
        assert_eq!(load.index.len(), 30_003);
        assert!(load.index == SearchIndex::build_columns(&load.columns));
        // Without asking, nothing is indexed.
        let plain = load_columns(dir.path(), &LoadOptions::default()).unwrap();
        assert!(plain.index.is_empty());
    }

    #[test]
    fn rows_are_shown_while_a_big_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let rec = |i: usize| {
            format!(
                r#"{{"title":"notice {i}","body":"{}"}}"#,
                "b".repeat(100 + i % 300)
            )
        };
        let text: String = (0..30_000).map(|i| rec(i) + "\n").collect();
        assert!(text.len() > BLOCK);
        std::fs::write(dir.path().join("big.jsonl"), &text).unwrap();
        std::fs::write(dir.path().join("z.txt"), "LAST ONE\n\nBody.\n").unwrap();
        let seen = std::sync::Mutex::new(Vec::new());
        let show = |c: &Columns, _: &SearchIndex| {
            seen.lock().unwrap().push((c.len(), c.title(0).to_string()))
        };
        let how = ColumnHow {
            rows: Some(&show),
            ..ColumnHow::default()
        };
        let load = load_columns_with(dir.path(), &LoadOptions::default(), how).unwrap();
        let seen = seen.into_inner().unwrap();
        assert_eq!(load.columns.len(), 30_001);
        assert!(
            seen.iter().any(|&(n, _)| n > 0 && n < 30_000),
            "some rows were shown before the file was read: {:?}",
            seen.iter().map(|s| s.0).collect::<Vec<_>>()
        );
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(seen.iter().all(|(_, t)| t == "notice 0"));
        assert_eq!(seen.last().map(|s| s.0), Some(30_001));
    }

    /// The fields as plain text, to compare two reads of them.
    fn plain(f: &Fields<'_>) -> Vec<Option<String>> {
        [
            &f.title,
            &f.headline,
            &f.source,
            &f.publisher,
            &f.date,
            &f.published,
            &f.published_at,
            &f.pubdate,
        ]
        .iter()
        .map(|t| t.as_ref().map(|t| t.0.to_string()))
        .collect()
    }

    /// Whether jiter reads the line; what it reads, serde reads too, alike.
    fn read_alike(line: &[u8]) -> bool {
        let Ok(Some(f)) = Fields::flat(line) else {
            return false;
        };
        let by_serde: Fields<'_> = serde_json::from_slice(line).unwrap_or_else(|e| {
            panic!(
                "jiter read what serde refuses ({e}): {}",
                String::from_utf8_lossy(line)
            )
        });
        assert_eq!(
            plain(&f),
            plain(&by_serde),
            "{}",
            String::from_utf8_lossy(line)
        );
        true
    }

    #[test]
    fn flat_records_are_read_by_jiter_as_serde_reads_them() {
        let read: [&[u8]; 8] = [
            br#"{"title":"A","source":"B","date":"1987-03-02","body":"x"}"#,
            br#" { "title" : "Caf\u00e9 \"q\"" , "body" : "a\nb" , "x" : null } "#,
            br#"{"headline":"H","flag":true,"other":false,"body":"\ud83d\ude00"}"#,
            br#"{"title":null,"headline":"N"}"#,
            br#"{}"#,
            b"{\"title\":\"A\",\"body\":\"bytes \xff\xfe not text\"}",
            br#"{"title":"","source":"  "}"#,
            br#"{"body":"x","body":"twice, not needed"}"#,
        ];
        for line in read {
            assert!(read_alike(line), "{}", String::from_utf8_lossy(line));
        }
        // What jiter leaves to serde.
        let left: [&[u8]; 11] = [
            br#"{"title":"A","id":7}"#,
            br#"{"title":"A","tags":["x"]}"#,
            br#"{"title":"A","meta":{"a":1}}"#,
            br#"{"title":"A","title":"B"}"#,
            br#"{"title":null,"title":"B"}"#,
            br#"{"title":true}"#,
            br#"{"title":"A"} x"#,
            br#"{"title":"A",}"#,
            b"{\"title\":\"tab\there\"}",
            br#"{"title":"lone \ud800"}"#,
            br#"["title"]"#,
        ];
        for line in left {
            let read = matches!(Fields::flat(line), Ok(Some(_)));
            assert!(!read, "{}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn jiter_never_reads_a_line_serde_refuses_or_reads_otherwise() {
        // Lines mutated at random from flat records: whatever jiter reads, serde
        // reads too, to the same fields.
        let bases: [&[u8]; 3] = [
            br#"{"title":"OIL \"PRICE\" CUT","source":"Reuters","date":"1987-03-02","body":"a\nb\u00e9"}"#,
            br#"{"headline":"H","publisher":"P","published":"2020-01-05","x":null,"y":true}"#,
            br#"{"pubdate":"1987","published_at":"x","body":"\ud83d\ude00 \\ \/"}"#,
        ];
        let alphabet: &[u8] = b"\"\\{}[],: \tatn0u1e\x01\xc3\xa9\xff";
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut read = 0;
        for round in 0..30_000 {
            let mut line = bases[round % bases.len()].to_vec();
            for _ in 0..1 + next() % 3 {
                let at = (next() % line.len() as u64) as usize;
                let b = alphabet[(next() % alphabet.len() as u64) as usize];
                match next() % 3 {
                    0 => line[at] = b,
                    1 => line.insert(at, b),
                    _ => {
                        line.remove(at);
                    }
                }
                if line.is_empty() {
                    line.push(b'{');
                }
            }
            read += usize::from(read_alike(&line));
        }
        // Most mutations break the record; enough are read to mean something.
        assert!(read > 1_000, "{read}");
    }
}
