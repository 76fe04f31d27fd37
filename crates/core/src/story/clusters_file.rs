//! Stories as records, one per line of JSON: what `copydesk dups --format jsonl`
//! writes, and what `--clusters FILE` reads back, so a corpus grouped by another
//! engine (MinHash on a cluster, say) opens with its stories.
//!
//! A line is an object whose `articles` holds the paths of one story's versions
//! as copydesk lists them (`wire/a.txt`, `feed.jsonl#12`); every other field is
//! written for people and programs and ignored on reading. A bare array of paths
//! is read the same way.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::relation::{self, Relation};
use super::timeline;
use crate::article::ArticleId;
use crate::dedup::{Cluster, Clusters};
use crate::store::Store;

/// One verified pair of a story, as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairRecord {
    /// One version's path.
    pub a: String,
    /// The other's.
    pub b: String,
    /// Jaccard similarity of their uncommon shingles (0 to 1, three decimals).
    pub similarity: f64,
    /// Share of the smaller one's shingles in the other.
    pub containment: f64,
    /// What kind of version the later one is of the earlier.
    pub relation: Relation,
}

/// One step of a story's timeline, as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepRecord {
    /// The version's path.
    pub article: String,
    /// What kind of version it is of the step before; none for the first.
    pub relation: Option<Relation>,
    /// What it changes against the step before.
    pub changes: Vec<String>,
}

/// One story, as written: its versions, pairs, timeline and related stories.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterRecord {
    /// The story's number in this run.
    pub id: u32,
    /// Paths of its versions.
    pub articles: Vec<String>,
    /// Verified pairs among them.
    pub pairs: Vec<PairRecord>,
    /// Versions in the order they came, with what each changes.
    pub timeline: Vec<StepRecord>,
    /// Paths of articles outside the story that share background with it.
    pub related: Vec<String>,
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// The record of one story of `clusters`.
pub fn record(store: &Store, clusters: &Clusters, c: &Cluster) -> ClusterRecord {
    let path = |id: ArticleId| {
        store
            .get(id)
            .map_or(String::new(), |a| a.location.to_string())
    };
    // Each version's text is read once, for its pairs and its timeline alike.
    let read = relation::Version::all(c.members.iter().map(|&m| store.get(m)));
    let at: rustc_hash::FxHashMap<ArticleId, usize> =
        c.members.iter().enumerate().map(|(i, &m)| (m, i)).collect();
    let version = |id: ArticleId| at.get(&id).and_then(|&i| read[i].as_ref());
    let pairs = c
        .edges
        .iter()
        .filter_map(|e| {
            let (a, b) = (version(e.a)?, version(e.b)?);
            Some(PairRecord {
                a: path(e.a),
                b: path(e.b),
                similarity: round(e.similarity),
                containment: round(e.containment),
                relation: relation::of_pair_read(a, b),
            })
        })
        .collect();
    let timeline = timeline::timeline_read(store, &c.members, &read)
        .into_iter()
        .map(|s| StepRecord {
            article: path(s.article),
            relation: s.relation,
            changes: s.changes,
        })
        .collect();
    ClusterRecord {
        id: c.id,
        articles: c.members.iter().map(|&m| path(m)).collect(),
        pairs,
        timeline,
        related: clusters.related_to_story(c).into_iter().map(path).collect(),
    }
}

/// Why a clusters file could not be used at all.
#[derive(Debug, thiserror::Error)]
pub enum ClustersFileError {
    /// The file cannot be opened or read.
    #[error("{path}: cannot read this clusters file ({reason}); check the path")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
}

/// A line of a clusters file that was left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    /// Line number, from 1.
    pub line: usize,
    /// What is wrong with it, for people.
    pub reason: String,
}

/// What a clusters file gave: groups of article ids and the lines left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadClusters {
    /// One group per usable line with two or more articles the folder has.
    pub groups: Vec<Vec<ArticleId>>,
    /// Lines that could not be read, or named articles the folder does not have.
    pub problems: Vec<LineProblem>,
}

/// A line as read: an object with `articles`, or a bare array of paths.
#[derive(Deserialize)]
#[serde(untagged)]
enum Line {
    Object { articles: Vec<String> },
    Paths(Vec<String>),
}

/// The path as the store lists it: a leading `./` or the folder's own path cut.
fn relative<'a>(root: &Path, p: &'a str) -> &'a str {
    let root = root.to_string_lossy();
    let p = p
        .strip_prefix(root.as_ref())
        .map_or(p, |rest| rest.trim_start_matches('/'));
    p.strip_prefix("./").unwrap_or(p)
}

/// Reads the stories of a clusters file against the articles of `store`. Lines
/// that are not JSON, or that name articles the folder does not have, are told
/// in `problems` with their numbers, and the rest is used.
pub fn read(path: &Path, store: &Store) -> Result<ReadClusters, ClustersFileError> {
    let unreadable = |e: std::io::Error| ClustersFileError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let by_path: HashMap<String, ArticleId> = store
        .articles()
        .iter()
        .filter(|a| store.is_live(a.id))
        .map(|a| (a.location.to_string(), a.id))
        .collect();
    let mut out = ReadClusters::default();
    let mut seen: HashMap<ArticleId, usize> = HashMap::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(unreadable)?;
        if line.trim().is_empty() {
            continue;
        }
        let paths = match serde_json::from_str::<Line>(&line) {
            Ok(Line::Object { articles } | Line::Paths(articles)) => articles,
            Err(e) => {
                out.problems.push(LineProblem {
                    line: n,
                    reason: format!(
                        "not a cluster ({e}); write {{\"articles\": [\"path\", …]}} on each line"
                    ),
                });
                continue;
            }
        };
        let mut group = Vec::new();
        let mut missing = Vec::new();
        for p in &paths {
            match by_path.get(relative(store.root(), p)) {
                Some(&id) => {
                    if let Some(&other) = seen.get(&id) {
                        out.problems.push(LineProblem {
                            line: n,
                            reason: format!(
                                "{p} is already in the cluster on line {other}; kept there"
                            ),
                        });
                    } else if !group.contains(&id) {
                        group.push(id);
                    }
                }
                None => missing.push(p.as_str()),
            }
        }
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(3).copied().collect();
            out.problems.push(LineProblem {
                line: n,
                reason: format!(
                    "{} article{} not in this folder: {}{}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    shown.join(", "),
                    if missing.len() > 3 { ", …" } else { "" }
                ),
            });
        }
        if group.len() >= 2 {
            for &id in &group {
                seen.insert(id, n);
            }
            out.groups.push(group);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &Path) -> Store {
        for (name, text) in [
            (
                "a.txt",
                "FIRST\n\nOne story about ships and ports in spring.",
            ),
            (
                "b.txt",
                "SECOND\n\nThe same story, written over, about ships.",
            ),
            ("c.txt", "THIRD\n\nSomething else entirely about grain."),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
        Store::load(dir).unwrap()
    }

    #[test]
    fn reads_objects_and_arrays_and_names_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        let file = dir.path().join("clusters.jsonl");
        std::fs::write(
            &file,
            format!(
                "{{\"id\": 0, \"articles\": [\"a.txt\", \"./b.txt\"], \"pairs\": []}}\n\nnot json\n[\"{}/c.txt\", \"gone.txt\"]\n[\"a.txt\", \"c.txt\"]\n",
                dir.path().display()
            ),
        )
        .unwrap();
        let read = read(&file, &s).unwrap();
        assert_eq!(read.groups.len(), 1);
        let names: Vec<String> = read.groups[0]
            .iter()
            .map(|&id| s.get(id).unwrap().location.to_string())
            .collect();
        assert_eq!(names, vec!["a.txt", "b.txt"]);
        let lines: Vec<usize> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 4, 5], "{:?}", read.problems);
        assert!(read.problems[1].reason.contains("gone.txt"));
        assert!(
            read.problems[2]
                .reason
                .contains("already in the cluster on line 1")
        );
    }

    #[test]
    fn a_missing_file_is_an_error_that_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        let err = read(&dir.path().join("nope.jsonl"), &s).unwrap_err();
        assert!(err.to_string().contains("nope.jsonl"), "{err}");
    }
}
