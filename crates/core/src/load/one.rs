//! One article named on a command line: a file, or a record of one
//! (`FILE.jsonl#LINE`, `FILE.json#N`, a feed's `FILE.xml#N`).

use std::path::Path;

use thiserror::Error;

use super::{LoadError, LoadOptions};
use crate::article::Article;
use crate::store::Store;

/// Why an argument does not name one article.
#[derive(Debug, Error)]
pub enum OneError {
    /// The file could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A JSON Lines or JSON array file named without a record.
    #[error("{path} holds {count} records; name one as {path}#N (N as in `copydesk list`)")]
    Ambiguous {
        /// The file.
        path: String,
        /// How many records it holds.
        count: usize,
    },
    /// `file#N` where the file has no record N.
    #[error("{path} has no record #{record}; `copydesk list {path}` shows the records it has")]
    NoRecord {
        /// The file.
        path: String,
        /// The record asked for.
        record: String,
    },
}

/// Loads the one article `arg` names: a file, or `file.jsonl#LINE` / `file.json#N`.
pub fn load_one(arg: &str, opts: &LoadOptions) -> Result<Article, OneError> {
    let path = Path::new(arg);
    if path.is_file() || !arg.contains('#') {
        let store = Store::load_with(path, opts)?;
        if store.len() == 1 {
            return Ok(store.articles()[0].clone());
        }
        if store.is_empty()
            && let Some(s) = store.skipped().first()
        {
            return Err(LoadError::Unloadable {
                path: path.to_path_buf(),
                reason: s.reason.clone(),
            }
            .into());
        }
        return Err(OneError::Ambiguous {
            path: arg.to_string(),
            count: store.len(),
        });
    }
    let (file, record) = arg.rsplit_once('#').unwrap_or((arg, ""));
    let store = Store::load_with(Path::new(file), opts)?;
    let want = record.parse::<u32>().ok();
    store
        .articles()
        .iter()
        .find(|a| want.is_some() && a.location.record == want)
        .cloned()
        .ok_or_else(|| OneError::NoRecord {
            path: file.to_string(),
            record: record.to_string(),
        })
}
