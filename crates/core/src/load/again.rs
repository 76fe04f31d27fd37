//! Reading rows of a column load again, in full: a JSON Lines record from its
//! byte range, a whole file for the article at a location in it. This is how a
//! lazily loaded folder parses an article's text when it is first needed.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::read::{io_reason, open_checked};
use super::walk::Entry;
use super::{FileKind, LoadOptions, SkipReason, Skipped, Warning};
use crate::article::{Article, Location};
use crate::formats::Input;

/// One JSON Lines record to read again: its line number and byte range.
#[derive(Clone, Copy, Debug)]
pub struct LineAt {
    /// The 1-based line.
    pub line: u32,
    /// Offset of the line's first byte in the file.
    pub offset: u64,
    /// Bytes in the line.
    pub len: u32,
}

/// What reading one row again gave: the article, or why there is none now (the
/// file changed or went since the columns were read), and its warnings.
#[derive(Debug)]
pub struct Again {
    /// The article, or why it could not be read.
    pub article: Result<Article, Skipped>,
    /// What was read, but not quite as written.
    pub warnings: Vec<Warning>,
}

fn entry(root: &Path, rel: &str) -> Option<Entry> {
    let abs = if rel.is_empty() || root.is_file() {
        root.to_path_buf()
    } else {
        root.join(rel)
    };
    let kind = FileKind::of(&abs)?;
    Some(Entry {
        abs,
        rel: rel.to_string(),
        kind,
    })
}

fn gone(rel: &str) -> Skipped {
    Skipped {
        path: rel.to_string(),
        reason: SkipReason::Empty,
    }
}

/// The answer for `n` rows that could not be read again, each with `why`.
fn failed(n: usize, why: &Skipped) -> Vec<Again> {
    (0..n)
        .map(|_| Again {
            article: Err(why.clone()),
            warnings: Vec::new(),
        })
        .collect()
}

/// Reads records of the JSON Lines file `rel` under `root` again, in the order
/// given (best in file order: ranges close together are read in one go).
pub fn read_lines_at(root: &Path, rel: &str, lines: &[LineAt], opts: &LoadOptions) -> Vec<Again> {
    let fail = |s: Skipped| failed(lines.len(), &s);
    let Some(entry) = entry(root, rel) else {
        return fail(gone(rel));
    };
    let (mut file, meta) = match open_checked(&entry, opts, false) {
        Ok(x) => x,
        Err(s) => return fail(s),
    };
    let mtime = meta.modified().ok();
    let mut out = Vec::with_capacity(lines.len());
    let mut buf = Vec::new();
    for at in lines {
        buf.resize(at.len as usize, 0);
        let read = file
            .seek(SeekFrom::Start(at.offset))
            .and_then(|_| file.read_exact(&mut buf));
        if let Err(e) = read {
            out.push(Again {
                article: Err(Skipped {
                    path: rel.to_string(),
                    reason: io_reason(&e),
                }),
                warnings: Vec::new(),
            });
            continue;
        }
        out.push(parse_line(&entry, at.line, &buf, mtime, opts));
    }
    out
}

/// Parses one record's bytes as the load parses line `line`.
fn parse_line(
    entry: &Entry,
    line: u32,
    bytes: &[u8],
    mtime: Option<std::time::SystemTime>,
    opts: &LoadOptions,
) -> Again {
    let input = Input {
        rel: &entry.rel,
        bytes,
        mtime,
        line: Some(line as usize),
        agencies: &opts.agencies,
    };
    match entry.kind.format().read(&input) {
        Ok(mut loaded) if !loaded.articles.is_empty() => Again {
            article: Ok(loaded.articles.swap_remove(0)),
            warnings: loaded.warnings,
        },
        Ok(loaded) => Again {
            article: Err(loaded
                .skipped
                .into_iter()
                .next()
                .unwrap_or_else(|| gone(&entry.rel))),
            warnings: loaded.warnings,
        },
        Err(reason) => Again {
            article: Err(Skipped {
                path: entry.rel.clone(),
                reason,
            }),
            warnings: Vec::new(),
        },
    }
}

/// Reads the whole file `rel` under `root` again, for the articles at `records`
/// in it (`None` for a file that is one article), in that order.
pub fn read_file_at(
    root: &Path,
    rel: &str,
    records: &[Option<u32>],
    opts: &LoadOptions,
) -> Vec<Again> {
    let fail = |s: Skipped| failed(records.len(), &s);
    let Some(entry) = entry(root, rel) else {
        return fail(gone(rel));
    };
    let loaded = match super::read_file(&entry, opts) {
        Ok(l) => l,
        Err(s) => return fail(s),
    };
    let mut warnings = loaded.warnings;
    let mut articles: Vec<Option<Article>> = loaded.articles.into_iter().map(Some).collect();
    records
        .iter()
        .map(|&record| {
            let at = Location {
                file: rel.into(),
                record,
            };
            let found = articles
                .iter_mut()
                .find(|a| a.as_ref().is_some_and(|a| a.location == at))
                .and_then(Option::take);
            Again {
                article: found.ok_or_else(|| gone(rel)),
                warnings: std::mem::take(&mut warnings),
            }
        })
        .collect()
}
