//! What the user marked (read, starred) and where they were in each article,
//! kept in an SQLite database in the data folder, never in the article folder.
//! Marks are keyed by each article's content hash, so they survive a moved or
//! renamed folder, with its path as a second key for an article whose text changed.
//!
//! Each change is one transaction that writes the one field that changed of the
//! one article, in write-ahead-log mode: two copydesks on one data folder keep
//! each other's marks, and a crash or SIGKILL at any moment loses at most the change
//! being made. A `marks.json` written by an older copydesk is taken in once, and
//! left where it is.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;

use crate::article::Article;

/// The marks of one article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// Opened in the reader (or marked read).
    pub read: bool,
    /// Starred.
    pub starred: bool,
}

/// Why a mark could not be kept.
#[derive(Debug, thiserror::Error)]
pub enum MarksError {
    /// The database refused or failed.
    #[error("{0}")]
    Database(#[from] rusqlite::Error),
    /// The data folder could not be made.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// One article's row, as far as this copydesk knows it.
#[derive(Clone, Debug)]
struct Row {
    /// The row's id in the database, once written.
    id: Option<i64>,
    hash: u64,
    path: String,
    mark: Mark,
    position: u32,
}

/// Every mark, read from the database and kept in memory for drawing; changes
/// go to the database at once.
#[derive(Debug, Default)]
pub struct Marks {
    db: Option<Connection>,
    file: Option<PathBuf>,
    rows: Vec<Row>,
    by_hash: HashMap<u64, usize>,
    by_path: HashMap<String, usize>,
    by_id: HashMap<i64, usize>,
    /// The database's `data_version` when the rows were read: it changes when
    /// another connection writes.
    seen: i64,
    /// The highest change stamp read: each write stamps its row with the next
    /// one, so that another copydesk's changes are read without reading all.
    stamp: i64,
}

/// The file name of the database in the data folder.
pub const DATABASE: &str = "marks.db";

/// The file name of the marks an older copydesk kept, taken in once.
pub const OLD_FILE: &str = "marks.json";

fn hex(h: u64) -> String {
    format!("{h:016x}")
}

/// A field of a row that one change writes.
#[derive(Clone, Copy)]
enum Field {
    Read(bool),
    Starred(bool),
    Position(u32),
}

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS marks (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        path TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0,
        stamp INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS marks_stamp ON marks(stamp);
    CREATE INDEX IF NOT EXISTS marks_hash ON marks(hash);
    CREATE INDEX IF NOT EXISTS marks_path ON marks(path);
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

impl Marks {
    /// Marks kept nowhere (tests, or when there is no data folder to keep them in).
    pub fn in_memory() -> Marks {
        Marks::default()
    }

    /// The data folder: `$COPYDESK_DATA_DIR`, else the platform's.
    pub fn default_dir() -> Option<PathBuf> {
        if let Some(d) = std::env::var_os("COPYDESK_DATA_DIR").filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(d));
        }
        directories::ProjectDirs::from("", "", "copydesk").map(|d| d.data_dir().to_path_buf())
    }

    /// Where marks are kept: [`DATABASE`] in the data folder.
    pub fn default_file() -> Option<PathBuf> {
        Marks::default_dir().map(|d| d.join(DATABASE))
    }

    /// Opens the marks database `file`, making it (and its folder) if need be, and
    /// takes in a [`OLD_FILE`] beside it the first time. A database that cannot be
    /// read is renamed aside (`marks.db.damaged-SECONDS`) and marks start afresh;
    /// a database that cannot be opened leaves marks in memory only. Either is
    /// said in the returned message.
    pub fn open(file: &Path) -> (Marks, Option<String>) {
        match Marks::try_open(file) {
            Ok(m) => (m, None),
            Err(first) => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                let aside = file.with_extension(format!("db.damaged-{secs}"));
                if !file.exists() || std::fs::rename(file, &aside).is_err() {
                    return (
                        Marks::in_memory(),
                        Some(format!(
                            "marks cannot be kept in {} ({first}); they are kept until copydesk ends",
                            file.display()
                        )),
                    );
                }
                for side in ["-wal", "-shm"] {
                    let mut p = file.as_os_str().to_owned();
                    p.push(side);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
                match Marks::try_open(file) {
                    Ok(m) => (
                        m,
                        Some(format!(
                            "the marks database {} was damaged ({first}); it was set aside as {} and marks start afresh",
                            file.display(),
                            aside.display()
                        )),
                    ),
                    Err(e) => (
                        Marks::in_memory(),
                        Some(format!(
                            "marks cannot be kept in {} ({e}); they are kept until copydesk ends",
                            file.display()
                        )),
                    ),
                }
            }
        }
    }

    /// Reads the marks of an existing database without writing anything (for the
    /// commands that print marks); no database is no marks.
    pub fn read(file: &Path) -> Result<Marks, MarksError> {
        if !file.exists() {
            return Ok(Marks::in_memory());
        }
        let db = Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        db.busy_timeout(Duration::from_secs(5))?;
        let mut marks = Marks {
            db: Some(db),
            ..Marks::default()
        };
        marks.reload()?;
        // Nothing is written through this one.
        marks.db = None;
        Ok(marks)
    }

    fn try_open(file: &Path) -> Result<Marks, MarksError> {
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let db = Connection::open(file)?;
        db.busy_timeout(Duration::from_secs(5))?;
        // WAL lets one copydesk read while another writes; FULL syncs each change.
        let mode: String = db.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(MarksError::Io(io::Error::other(format!(
                "the database will not use a write-ahead log (journal mode {mode})"
            ))));
        }
        db.pragma_update(None, "synchronous", "FULL")?;
        db.execute_batch(&format!("BEGIN IMMEDIATE; {SCHEMA} COMMIT;"))?;
        let mut marks = Marks {
            db: Some(db),
            file: Some(file.to_path_buf()),
            ..Marks::default()
        };
        marks.import_old_file()?;
        marks.reload()?;
        Ok(marks)
    }

    /// Takes in the marks of an older copydesk's [`OLD_FILE`] beside the database,
    /// once (the file itself is left alone). A file that does not parse is not
    /// taken in, and not tried again.
    fn import_old_file(&mut self) -> Result<(), MarksError> {
        let Some(db) = self.db.as_mut() else {
            return Ok(());
        };
        let Some(old) = self
            .file
            .as_ref()
            .and_then(|f| Some(f.parent()?.join(OLD_FILE)))
        else {
            return Ok(());
        };
        let tx = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let done: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'imported'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if done.is_some() || !old.is_file() {
            return Ok(());
        }
        #[derive(Deserialize)]
        struct OldEntry {
            hash: String,
            path: String,
            #[serde(default)]
            read: bool,
            #[serde(default)]
            starred: bool,
        }
        #[derive(Deserialize)]
        struct OldFile {
            #[serde(default)]
            marks: Vec<OldEntry>,
        }
        let entries = std::fs::read(&old)
            .ok()
            .and_then(|b| serde_json::from_slice::<OldFile>(&b).ok())
            .map(|f| f.marks)
            .unwrap_or_default();
        {
            let mut insert = tx
                .prepare("INSERT INTO marks (hash, path, read, starred) VALUES (?1, ?2, ?3, ?4)")?;
            for e in entries {
                insert.execute(params![e.hash, e.path, e.read, e.starred])?;
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('imported', ?1)",
            params![old.display().to_string()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Reads every row again.
    fn reload(&mut self) -> Result<(), MarksError> {
        self.rows.clear();
        self.by_hash.clear();
        self.by_path.clear();
        self.by_id.clear();
        self.stamp = -1;
        self.read_since()
    }

    /// Reads the rows stamped after the last one read, in stamp order, over what
    /// is known: the newest row for a key is the one that counts.
    fn read_since(&mut self) -> Result<(), MarksError> {
        let Some(db) = &self.db else {
            return Ok(());
        };
        let mut stmt = db.prepare(
            "SELECT id, hash, path, read, starred, position, stamp FROM marks
             WHERE stamp > ?1 ORDER BY stamp, id",
        )?;
        let mut q = stmt.query(params![self.stamp])?;
        let mut read = Vec::new();
        while let Some(r) = q.next()? {
            let hash: String = r.get(1)?;
            let stamp: i64 = r.get(6)?;
            read.push((
                Row {
                    id: Some(r.get(0)?),
                    hash: u64::from_str_radix(&hash, 16).unwrap_or(0),
                    path: r.get(2)?,
                    mark: Mark {
                        read: r.get(3)?,
                        starred: r.get(4)?,
                    },
                    position: r.get(5)?,
                },
                stamp,
            ));
        }
        drop(q);
        drop(stmt);
        self.seen = db.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        for (row, stamp) in read {
            self.stamp = self.stamp.max(stamp);
            let id = row.id.unwrap_or_default();
            let i = match self.by_id.get(&id) {
                Some(&i) => {
                    let old = &self.rows[i];
                    if self.by_hash.get(&old.hash) == Some(&i) {
                        self.by_hash.remove(&old.hash);
                    }
                    if self.by_path.get(&old.path) == Some(&i) {
                        self.by_path.remove(&old.path);
                    }
                    self.rows[i] = row;
                    i
                }
                None => {
                    self.rows.push(row);
                    self.rows.len() - 1
                }
            };
            let row = &self.rows[i];
            self.by_id.insert(id, i);
            self.by_hash.insert(row.hash, i);
            self.by_path.insert(row.path.clone(), i);
        }
        Ok(())
    }

    /// Reads what another copydesk changed since the last look; whether it did.
    pub fn refresh(&mut self) -> Result<bool, MarksError> {
        let Some(db) = &self.db else {
            return Ok(false);
        };
        let now: i64 = db.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if now == self.seen {
            return Ok(false);
        }
        self.read_since()?;
        Ok(true)
    }

    fn find(&self, a: &Article) -> Option<&Row> {
        self.by_hash
            .get(&a.content_hash)
            .or_else(|| self.by_path.get(&a.location.to_string()))
            .map(|&i| &self.rows[i])
    }

    /// The marks kept for the place `path` (`file` or `file#N`), for an article
    /// not parsed yet: what [`Marks::get`] gives unless the article moved.
    pub fn get_at(&self, path: &str) -> Mark {
        self.by_path
            .get(path)
            .map_or(Mark::default(), |&i| self.rows[i].mark)
    }

    /// The marks of `a`.
    pub fn get(&self, a: &Article) -> Mark {
        self.find(a).map_or(Mark::default(), |r| r.mark)
    }

    /// Where `a` was left in the reader: the paragraph at the top (0, the header,
    /// for an article not read before).
    pub fn position(&self, a: &Article) -> usize {
        self.find(a).map_or(0, |r| r.position as usize)
    }

    /// Sets the marks of `a`, writing what changed to the database at once. The
    /// marks change in memory even when the database fails.
    pub fn set(&mut self, a: &Article, m: Mark) -> Result<(), MarksError> {
        let old = self.get(a);
        let mut result = Ok(());
        if old.read != m.read {
            result = self.write(a, Field::Read(m.read));
        }
        if old.starred != m.starred {
            result = result.and(self.write(a, Field::Starred(m.starred)));
        }
        result
    }

    /// Remembers where `a` was left in the reader (the paragraph at the top).
    pub fn set_position(&mut self, a: &Article, para: usize) -> Result<(), MarksError> {
        let para = u32::try_from(para).unwrap_or(u32::MAX);
        if self.find(a).map_or(0, |r| r.position) == para {
            return Ok(());
        }
        self.write(a, Field::Position(para))
    }

    /// Writes one field of `a`'s row, in memory and in one transaction; the row is
    /// found in the database (another copydesk may have made it), its keys brought
    /// up to date, and what the database then holds is what this copydesk knows.
    fn write(&mut self, a: &Article, field: Field) -> Result<(), MarksError> {
        let (hash, path) = (a.content_hash, a.location.to_string());
        let i = match self.by_hash.get(&hash).or_else(|| self.by_path.get(&path)) {
            Some(&i) => i,
            None => {
                self.rows.push(Row {
                    id: None,
                    hash,
                    path: path.clone(),
                    mark: Mark::default(),
                    position: 0,
                });
                self.rows.len() - 1
            }
        };
        let row = &mut self.rows[i];
        match field {
            Field::Read(v) => row.mark.read = v,
            Field::Starred(v) => row.mark.starred = v,
            Field::Position(p) => row.position = p,
        }
        let (old_hash, old_path) = (row.hash, std::mem::replace(&mut row.path, path.clone()));
        row.hash = hash;
        if self.by_hash.get(&old_hash) == Some(&i) {
            self.by_hash.remove(&old_hash);
        }
        if self.by_path.get(&old_path) == Some(&i) {
            self.by_path.remove(&old_path);
        }
        self.by_hash.insert(hash, i);
        self.by_path.insert(path.clone(), i);
        let Some(db) = self.db.as_mut() else {
            return Ok(());
        };
        let tx = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM marks WHERE hash = ?1 ORDER BY id DESC LIMIT 1",
                params![hex(hash)],
                |r| r.get(0),
            )
            .optional()?;
        let id = match id {
            Some(id) => Some(id),
            None => tx
                .query_row(
                    "SELECT id FROM marks WHERE path = ?1 ORDER BY id DESC LIMIT 1",
                    params![path],
                    |r| r.get(0),
                )
                .optional()?,
        };
        let id = match id {
            Some(id) => {
                tx.execute(
                    "UPDATE marks SET hash = ?1, path = ?2 WHERE id = ?3",
                    params![hex(hash), path, id],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO marks (hash, path) VALUES (?1, ?2)",
                    params![hex(hash), path],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.execute(
            "UPDATE marks SET stamp = (SELECT coalesce(max(stamp), 0) + 1 FROM marks) WHERE id = ?1",
            params![id],
        )?;
        match field {
            Field::Read(v) => {
                tx.execute("UPDATE marks SET read = ?1 WHERE id = ?2", params![v, id])
            }
            Field::Starred(v) => tx.execute(
                "UPDATE marks SET starred = ?1 WHERE id = ?2",
                params![v, id],
            ),
            Field::Position(p) => tx.execute(
                "UPDATE marks SET position = ?1 WHERE id = ?2",
                params![p, id],
            ),
        }?;
        let (read, starred, position): (bool, bool, u32) = tx.query_row(
            "SELECT read, starred, position FROM marks WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        tx.commit()?;
        let row = &mut self.rows[i];
        row.mark = Mark { read, starred };
        row.position = position;
        if row.id != Some(id) {
            if let Some(old) = row.id.replace(id) {
                self.by_id.remove(&old);
            }
            self.by_id.insert(id, i);
        }
        Ok(())
    }

    /// The database the marks are kept in, if any.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }
}

/// Whether `data` (the data folder) is `articles` (the folder being read) or inside
/// it, so that writing marks would write into the article folder. Both are
/// compared as the file system resolves them, a data folder that does not exist
/// yet through the nearest folder above it that does.
pub fn inside(data: &Path, articles: &Path) -> bool {
    let Ok(articles) = articles.canonicalize() else {
        return false;
    };
    let mut probe = data.to_path_buf();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = probe.canonicalize() {
            let full: PathBuf = rest.iter().rev().fold(real, |p, c| p.join(c));
            return full.starts_with(&articles);
        }
        match (probe.file_name(), probe.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                probe = parent.to_path_buf();
            }
            _ => return false,
        }
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

    const READ: Mark = Mark {
        read: true,
        starred: false,
    };
    const STAR: Mark = Mark {
        read: false,
        starred: true,
    };

    #[test]
    fn survive_a_restart_a_move_and_an_edit() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(DATABASE);
        let (mut m, msg) = Marks::open(&file);
        assert!(msg.is_none(), "{msg:?}");
        m.set(&article("a.txt", 1), READ).unwrap();
        m.set(&article("b.txt", 2), STAR).unwrap();
        m.set_position(&article("b.txt", 2), 4).unwrap();
        drop(m);
        let (m, _) = Marks::open(&file);
        // Moved: another path, same text.
        assert!(m.get(&article("elsewhere/a.txt", 1)).read);
        // Edited: same path, other text.
        assert!(m.get(&article("b.txt", 99)).starred);
        assert_eq!(m.position(&article("b.txt", 99)), 4);
        assert_eq!(m.get(&article("c.txt", 3)), Mark::default());
        assert_eq!(m.position(&article("c.txt", 3)), 0);
    }

    #[test]
    fn two_opens_keep_each_others_marks() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(DATABASE);
        let (mut one, _) = Marks::open(&file);
        let (mut two, _) = Marks::open(&file);
        one.set(&article("a.txt", 1), STAR).unwrap();
        two.set(&article("b.txt", 2), STAR).unwrap();
        // Two knows nothing of one's star on a.txt, and marks a.txt read: the star stays.
        two.set(&article("a.txt", 1), READ).unwrap();
        assert!(
            two.get(&article("a.txt", 1)).starred,
            "what the database holds is known"
        );
        assert!(one.refresh().unwrap());
        assert!(!one.refresh().unwrap());
        assert!(one.get(&article("b.txt", 2)).starred);
        let (three, _) = Marks::open(&file);
        assert_eq!(
            three.get(&article("a.txt", 1)),
            Mark {
                read: true,
                starred: true
            }
        );
        assert!(three.get(&article("b.txt", 2)).starred);
    }

    #[test]
    fn old_marks_are_taken_in_once_and_the_file_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(OLD_FILE);
        let text = r#"{"version": 1, "marks": [{"hash": "0000000000000001", "path": "a.txt", "read": true}, {"hash": "0000000000000002", "path": "b.txt", "starred": true, "colour": "red"}]}"#;
        std::fs::write(&old, text).unwrap();
        let file = dir.path().join(DATABASE);
        let (mut m, msg) = Marks::open(&file);
        assert!(msg.is_none(), "{msg:?}");
        assert!(m.get(&article("a.txt", 1)).read);
        assert!(m.get(&article("b.txt", 2)).starred);
        m.set(&article("b.txt", 2), Mark::default()).unwrap();
        drop(m);
        assert_eq!(
            std::fs::read_to_string(&old).unwrap(),
            text,
            "left as it was"
        );
        let (m, _) = Marks::open(&file);
        assert!(!m.get(&article("b.txt", 2)).starred, "not taken in again");
        assert!(m.get(&article("a.txt", 1)).read);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_database_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("elsewhere/real.db");
        std::fs::create_dir_all(real.parent().unwrap()).unwrap();
        let (mut m, _) = Marks::open(&real);
        m.set(&article("a.txt", 1), READ).unwrap();
        drop(m);
        let link = dir.path().join("data").join(DATABASE);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let (mut m, msg) = Marks::open(&link);
        assert!(msg.is_none(), "{msg:?}");
        assert!(m.get(&article("a.txt", 1)).read);
        m.set(&article("b.txt", 2), STAR).unwrap();
        drop(m);
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        let (m, _) = Marks::open(&real);
        assert!(
            m.get(&article("b.txt", 2)).starred,
            "written through the link"
        );
    }

    #[test]
    fn a_damaged_database_is_set_aside_and_said() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(DATABASE);
        std::fs::write(&file, vec![0x5a; 8192]).unwrap();
        let (mut m, msg) = Marks::open(&file);
        let msg = msg.unwrap();
        assert!(
            msg.contains("was damaged") && msg.contains("set aside"),
            "{msg}"
        );
        m.set(&article("a.txt", 1), READ).unwrap();
        assert!(
            std::fs::read_dir(dir.path()).unwrap().any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("damaged"))
        );
        drop(m);
        assert!(Marks::open(&file).0.get(&article("a.txt", 1)).read);
    }

    #[test]
    fn a_data_folder_inside_the_article_folder_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let articles = dir.path().join("news");
        std::fs::create_dir_all(articles.join("sub")).unwrap();
        assert!(inside(&articles, &articles));
        assert!(inside(&articles.join("not/yet/there"), &articles));
        assert!(inside(&articles.join("sub/../sub"), &articles));
        assert!(!inside(&dir.path().join("data"), &articles));
        assert!(!inside(&dir.path().join("news-data"), &articles));
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(articles.join("sub"), &link).unwrap();
            assert!(inside(&link.join("data"), &articles));
        }
    }
}
