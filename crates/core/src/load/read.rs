//! Reading one file's bytes without ever writing, blocking on a pipe, or holding more
//! than the size limit: whole files, or line by line.

use std::fs::{File, Metadata};
use std::io::{BufRead, Read};
use std::path::Path;
use std::time::SystemTime;

use super::walk::Entry;
use super::{LoadOptions, SkipReason, Skipped};

pub(crate) fn io_reason(e: &std::io::Error) -> SkipReason {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => SkipReason::PermissionDenied,
        _ => SkipReason::Unreadable(e.to_string()),
    }
}

/// Opens for reading only; never blocks on a FIFO that slipped past the walk.
fn open(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

pub(crate) fn open_checked(
    entry: &Entry,
    opts: &LoadOptions,
    limit: bool,
) -> Result<(File, Metadata), Skipped> {
    let skip = |reason| Skipped {
        path: entry.rel.clone(),
        reason,
    };
    let file = open(&entry.abs).map_err(|e| skip(io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| skip(io_reason(&e)))?;
    if !meta.is_file() {
        return Err(skip(SkipReason::NotRegular));
    }
    if limit && meta.len() > opts.max_file_bytes {
        return Err(skip(SkipReason::TooLarge {
            bytes: meta.len(),
            limit: opts.max_file_bytes,
        }));
    }
    Ok((file, meta))
}

pub(crate) fn read_bytes(
    entry: &Entry,
    opts: &LoadOptions,
) -> Result<(Vec<u8>, Option<SystemTime>), Skipped> {
    let (file, meta) = open_checked(entry, opts, true)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(opts.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Skipped {
            path: entry.rel.clone(),
            reason: io_reason(&e),
        })?;
    if bytes.len() as u64 > opts.max_file_bytes {
        return Err(Skipped {
            path: entry.rel.clone(),
            reason: SkipReason::TooLarge {
                bytes: bytes.len() as u64,
                limit: opts.max_file_bytes,
            },
        });
    }
    Ok((bytes, meta.modified().ok()))
}

pub(crate) enum Line {
    Text(usize, Vec<u8>),
    TooLong(usize),
}

/// A line reader that never holds more than `limit` bytes of one line in memory.
pub(crate) struct BoundedLines<R> {
    inner: R,
    limit: u64,
    line_no: usize,
}

impl<R: BufRead> BoundedLines<R> {
    pub(crate) fn new(inner: R, limit: u64) -> Self {
        BoundedLines {
            inner,
            limit,
            line_no: 0,
        }
    }

    pub(crate) fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        let mut line = Vec::new();
        let mut too_long = false;
        let mut saw_any = false;
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                if !saw_any {
                    return Ok(None);
                }
                break;
            }
            saw_any = true;
            let (take, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            if !too_long {
                if (line.len() + take) as u64 > self.limit {
                    too_long = true;
                    line = Vec::new();
                } else {
                    line.extend_from_slice(&buf[..take]);
                }
            }
            self.inner.consume(if done { take + 1 } else { take });
            if done {
                break;
            }
        }
        self.line_no += 1;
        if too_long {
            Ok(Some(Line::TooLong(self.line_no)))
        } else {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            Ok(Some(Line::Text(self.line_no, line)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines_skip_long_ones() {
        let data = b"short\nthis line is too long\nok\r\nlast";
        let mut r = BoundedLines::new(&data[..], 10);
        let mut got = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            got.push(match l {
                Line::Text(n, b) => format!("{n}:{}", String::from_utf8(b).unwrap()),
                Line::TooLong(n) => format!("{n}:LONG"),
            });
        }
        assert_eq!(got, vec!["1:short", "2:LONG", "3:ok", "4:last"]);
    }
}
