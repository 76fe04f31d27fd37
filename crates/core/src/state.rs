//! What the user marked (read, starred), kept in the data folder, never in the
//! article folder. Marks are keyed by each article's content hash, so they survive
//! a moved or renamed folder, with its path as a second key for an article whose
//! text changed. The file is replaced atomically (temporary file, fsync, rename),
//! so a crash leaves the old marks or the new ones, never half a file. Fields
//! written by a newer copydesk are kept as they were.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::article::Article;

/// The marks of one article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// Opened in the reader (or marked read).
    pub read: bool,
    /// Starred.
    pub starred: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    hash: String,
    path: String,
    #[serde(default)]
    read: bool,
    #[serde(default)]
    starred: bool,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct MarksFile {
    #[serde(default = "version")]
    version: u32,
    #[serde(default)]
    marks: Vec<Entry>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

fn version() -> u32 {
    1
}

/// Every mark, in memory, with the file it is kept in.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    file: Option<PathBuf>,
    entries: Vec<Entry>,
    by_hash: HashMap<u64, usize>,
    by_path: HashMap<String, usize>,
    other: serde_json::Map<String, serde_json::Value>,
    /// The format version the file was written in; a newer one is kept.
    file_version: u32,
}

fn hex(h: u64) -> String {
    format!("{h:016x}")
}

impl Marks {
    /// Marks kept nowhere (tests, or when there is no data folder).
    pub fn in_memory() -> Marks {
        Marks::default()
    }

    /// Where marks are kept: `$COPYDESK_DATA_DIR/marks.json`, else the platform's
    /// data folder.
    pub fn default_file() -> Option<PathBuf> {
        if let Some(d) = std::env::var_os("COPYDESK_DATA_DIR").filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(d).join("marks.json"));
        }
        directories::ProjectDirs::from("", "", "copydesk").map(|d| d.data_dir().join("marks.json"))
    }

    /// Reads the marks from `file`. A missing file is no marks; a file that does not
    /// parse is renamed aside (`marks.json.corrupt-SECONDS`) and reported in the
    /// returned message, and copydesk starts with no marks.
    pub fn open(file: &Path) -> (Marks, Option<String>) {
        let mut marks = Marks {
            file: Some(file.to_path_buf()),
            ..Marks::default()
        };
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (marks, None),
            Err(e) => {
                return (
                    marks,
                    Some(format!(
                        "could not read {} ({e}); marks will not be kept",
                        file.display()
                    )),
                );
            }
        };
        match serde_json::from_slice::<MarksFile>(&bytes) {
            Ok(f) => {
                marks.other = f.other;
                marks.file_version = f.version;
                for e in f.marks {
                    marks.insert(e);
                }
                (marks, None)
            }
            Err(e) => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                let aside = file.with_extension(format!("json.corrupt-{secs}"));
                let moved = std::fs::rename(file, &aside).is_ok();
                let msg = if moved {
                    format!(
                        "{} was damaged ({e}); it was set aside as {} and marks start afresh",
                        file.display(),
                        aside.display()
                    )
                } else {
                    format!("{} was damaged ({e}); marks start afresh", file.display())
                };
                (marks, Some(msg))
            }
        }
    }

    fn insert(&mut self, e: Entry) {
        let i = self.entries.len();
        if let Ok(h) = u64::from_str_radix(&e.hash, 16) {
            self.by_hash.insert(h, i);
        }
        self.by_path.insert(e.path.clone(), i);
        self.entries.push(e);
    }

    fn find(&self, a: &Article) -> Option<usize> {
        self.by_hash
            .get(&a.content_hash)
            .or_else(|| self.by_path.get(&a.location.to_string()))
            .copied()
    }

    /// The marks of `a`.
    pub fn get(&self, a: &Article) -> Mark {
        self.find(a).map_or(Mark::default(), |i| Mark {
            read: self.entries[i].read,
            starred: self.entries[i].starred,
        })
    }

    /// Sets the marks of `a` (in memory; [`Marks::save`] writes them).
    pub fn set(&mut self, a: &Article, m: Mark) {
        match self.find(a) {
            Some(i) => {
                let e = &mut self.entries[i];
                e.read = m.read;
                e.starred = m.starred;
                // The article may have moved or changed: keep both keys current.
                let (old_hash, old_path) = (e.hash.clone(), e.path.clone());
                e.hash = hex(a.content_hash);
                e.path = a.location.to_string();
                if let Ok(h) = u64::from_str_radix(&old_hash, 16) {
                    self.by_hash.remove(&h);
                }
                self.by_path.remove(&old_path);
                self.by_hash.insert(a.content_hash, i);
                self.by_path.insert(a.location.to_string(), i);
            }
            None => self.insert(Entry {
                hash: hex(a.content_hash),
                path: a.location.to_string(),
                read: m.read,
                starred: m.starred,
                other: serde_json::Map::new(),
            }),
        }
    }

    /// The file the marks are kept in.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Writes the marks atomically: a temporary file beside the real one, flushed to
    /// disk, then renamed over it.
    pub fn save(&self) -> io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let dir = file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let doc = MarksFile {
            // A file from a newer copydesk keeps its version, so that it still
            // knows its own fields (kept untouched) when it reads the file again.
            version: version().max(self.file_version),
            marks: self
                .entries
                .iter()
                .filter(|e| e.read || e.starred || !e.other.is_empty())
                .cloned()
                .collect(),
            other: self.other.clone(),
        };
        let mut bytes = serde_json::to_vec(&doc)?;
        bytes.push(b'\n');
        write_atomically(file, &bytes)?;
        Ok(())
    }
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old
/// file or the new one: a temporary file beside it, synced, renamed over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let written = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, hash: u64) -> Article {
        let (mut a, _) = crate::load::load_memory([(path, b"Title\n\nBody.\n".as_slice())]);
        let mut a = a.remove(0);
        a.content_hash = hash;
        a
    }

    #[test]
    fn survive_a_restart_a_move_and_an_edit() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("marks.json");
        let (mut m, msg) = Marks::open(&file);
        assert!(msg.is_none());
        m.set(
            &article("a.txt", 1),
            Mark {
                read: true,
                starred: false,
            },
        );
        m.set(
            &article("b.txt", 2),
            Mark {
                read: false,
                starred: true,
            },
        );
        m.save().unwrap();
        let (m, _) = Marks::open(&file);
        // Moved: another path, same text.
        assert!(m.get(&article("elsewhere/a.txt", 1)).read);
        // Edited: same path, other text.
        assert!(m.get(&article("b.txt", 99)).starred);
        assert_eq!(m.get(&article("c.txt", 3)), Mark::default());
    }

    #[test]
    fn unknown_fields_are_kept_and_damage_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("marks.json");
        std::fs::write(
            &file,
            r#"{"version": 7, "future": {"x": 1}, "marks": [{"hash": "0000000000000001", "path": "a.txt", "read": true, "colour": "red"}]}"#,
        )
        .unwrap();
        let (mut m, msg) = Marks::open(&file);
        assert!(msg.is_none());
        m.set(
            &article("b.txt", 2),
            Mark {
                read: true,
                starred: true,
            },
        );
        m.save().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        assert_eq!(v["future"]["x"], 1);
        assert_eq!(v["version"], 7, "a newer version number is kept");
        assert_eq!(v["marks"][0]["colour"], "red");

        std::fs::write(&file, b"{ not json").unwrap();
        let (m, msg) = Marks::open(&file);
        assert!(msg.unwrap().contains("set aside"));
        assert_eq!(m.get(&article("a.txt", 1)), Mark::default());
        assert!(!file.exists());
        assert!(
            std::fs::read_dir(dir.path()).unwrap().any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("corrupt"))
        );
    }
}
