//! Scoring the engine's answers against a generated corpus's ground truth.

use copydesk_core::compare::{Comparison, Op, RowKind, Segment, UnitKind};
use copydesk_core::text::words::count_words;

use super::PairTruth;

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text(segs: &Option<Vec<Segment>>) -> String {
    squash(
        &segs
            .iter()
            .flatten()
            .map(|s| s.text.as_str())
            .collect::<String>(),
    )
}

fn marked(segs: &Option<Vec<Segment>>, op: Op) -> usize {
    segs.iter()
        .flatten()
        .filter(|s| s.op == op)
        .map(|s| count_words(&s.text) as usize)
        .sum()
}

/// Counts for one compared pair, to be summed over many.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompareScore {
    /// Sentences truly added.
    pub added_truth: usize,
    /// Rows the engine marked added.
    pub added_found: usize,
    /// Added rows that are truly added sentences.
    pub added_right: usize,
    /// Truly added sentences found among added rows.
    pub added_recalled: usize,
    /// Sentences truly dropped.
    pub dropped_truth: usize,
    /// Rows the engine marked dropped.
    pub dropped_found: usize,
    /// Dropped rows that are truly dropped sentences.
    pub dropped_right: usize,
    /// Truly dropped sentences found among dropped rows.
    pub dropped_recalled: usize,
    /// Sentences truly moved.
    pub moved_truth: usize,
    /// Truly moved sentences found among moved rows.
    pub moved_recalled: usize,
    /// Words truly inserted.
    pub inserted_truth: usize,
    /// Words the engine marked inserted.
    pub inserted_marked: usize,
    /// Words marked inserted or deleted in sentences the truth says are unchanged
    /// (only reflowed or spelled differently).
    pub noise_words: usize,
}

impl CompareScore {
    /// Adds another pair's counts.
    pub fn add(&mut self, o: &CompareScore) {
        self.added_truth += o.added_truth;
        self.added_found += o.added_found;
        self.added_right += o.added_right;
        self.added_recalled += o.added_recalled;
        self.dropped_truth += o.dropped_truth;
        self.dropped_found += o.dropped_found;
        self.dropped_right += o.dropped_right;
        self.dropped_recalled += o.dropped_recalled;
        self.moved_truth += o.moved_truth;
        self.moved_recalled += o.moved_recalled;
        self.inserted_truth += o.inserted_truth;
        self.inserted_marked += o.inserted_marked;
        self.noise_words += o.noise_words;
    }

    fn f1(right: usize, found: usize, recalled: usize, truth: usize) -> f64 {
        let p = if found == 0 {
            1.0
        } else {
            right as f64 / found as f64
        };
        let r = if truth == 0 {
            1.0
        } else {
            recalled as f64 / truth as f64
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// F1 of added-sentence detection.
    pub fn added_f1(&self) -> f64 {
        Self::f1(
            self.added_right,
            self.added_found,
            self.added_recalled,
            self.added_truth,
        )
    }

    /// F1 of dropped-sentence detection.
    pub fn dropped_f1(&self) -> f64 {
        Self::f1(
            self.dropped_right,
            self.dropped_found,
            self.dropped_recalled,
            self.dropped_truth,
        )
    }

    /// Recall of moved sentences.
    pub fn moved_recall(&self) -> f64 {
        if self.moved_truth == 0 {
            1.0
        } else {
            self.moved_recalled as f64 / self.moved_truth as f64
        }
    }

    /// Words marked inserted per word truly inserted.
    pub fn inserted_ratio(&self) -> f64 {
        if self.inserted_truth == 0 {
            0.0
        } else {
            self.inserted_marked as f64 / self.inserted_truth as f64
        }
    }
}

/// Scores a comparison of `truth.left` with `truth.right` (body sentences only).
pub fn score_comparison(truth: &PairTruth, c: &Comparison) -> CompareScore {
    let added: Vec<String> = truth.added.iter().map(|s| squash(s)).collect();
    let dropped: Vec<String> = truth.dropped.iter().map(|s| squash(s)).collect();
    let moved: Vec<String> = truth.moved.iter().map(|s| squash(s)).collect();
    let changed_right: Vec<String> = truth.changed.iter().map(|(_, r)| squash(r)).collect();
    let changed_left: Vec<String> = truth.changed.iter().map(|(l, _)| squash(l)).collect();
    let mut s = CompareScore {
        added_truth: added.len(),
        dropped_truth: dropped.len(),
        moved_truth: moved.len(),
        inserted_truth: truth.inserted_words,
        ..CompareScore::default()
    };
    let within = |row_text: &str, list: &[String]| {
        list.iter()
            .any(|t| t.contains(row_text) || row_text.contains(t.as_str()))
    };
    let mut added_rows = Vec::new();
    let mut dropped_rows = Vec::new();
    let mut moved_rows = Vec::new();
    for row in c.rows.iter().filter(|r| r.unit == UnitKind::Body) {
        let (lt, rt) = (text(&row.left), text(&row.right));
        s.inserted_marked += marked(&row.right, Op::Insert);
        match row.kind {
            RowKind::Added => {
                s.added_found += 1;
                s.added_right += usize::from(within(&rt, &added));
                added_rows.push(rt.clone());
            }
            RowKind::Dropped => {
                s.dropped_found += 1;
                s.dropped_right += usize::from(within(&lt, &dropped));
                dropped_rows.push(lt.clone());
            }
            _ => {
                if row.moved && !rt.is_empty() {
                    moved_rows.push(rt.clone());
                }
                // Words marked in a pair the truth leaves unchanged are noise.
                let truly_changed = within(&rt, &changed_right) || within(&lt, &changed_left);
                if !truly_changed && !row.moved {
                    let ins = marked(&row.right, Op::Insert);
                    let del = marked(&row.left, Op::Delete);
                    let explained = within(&rt, &added) || within(&lt, &dropped);
                    if !explained {
                        s.noise_words += ins + del;
                    }
                }
            }
        }
    }
    let found_in = |t: &String, rows: &[String]| rows.iter().any(|r| r.contains(t.as_str()));
    s.added_recalled = added.iter().filter(|t| found_in(t, &added_rows)).count();
    s.dropped_recalled = dropped
        .iter()
        .filter(|t| found_in(t, &dropped_rows))
        .count();
    s.moved_recalled = moved.iter().filter(|t| found_in(t, &moved_rows)).count();
    s
}

/// Pairwise precision and recall of predicted clusters against the truth.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClusterScore {
    /// Pairs of articles in one predicted cluster.
    pub predicted_pairs: usize,
    /// Pairs of articles in one true cluster.
    pub true_pairs: usize,
    /// Pairs in both.
    pub correct_pairs: usize,
}

impl ClusterScore {
    /// Share of predicted pairs that are true.
    pub fn precision(&self) -> f64 {
        if self.predicted_pairs == 0 {
            1.0
        } else {
            self.correct_pairs as f64 / self.predicted_pairs as f64
        }
    }

    /// Share of true pairs predicted.
    pub fn recall(&self) -> f64 {
        if self.true_pairs == 0 {
            1.0
        } else {
            self.correct_pairs as f64 / self.true_pairs as f64
        }
    }
}

/// Scores clusters given as lists of paths against the truth's clusters.
pub fn score_clusters<S: AsRef<str>>(truth: &super::Truth, predicted: &[Vec<S>]) -> ClusterScore {
    use std::collections::HashSet;
    let pairs = |groups: &mut dyn Iterator<Item = Vec<&str>>| -> HashSet<(String, String)> {
        let mut out = HashSet::new();
        for g in groups {
            for (i, a) in g.iter().enumerate() {
                for b in &g[i + 1..] {
                    let (x, y) = if a < b { (a, b) } else { (b, a) };
                    out.insert((x.to_string(), y.to_string()));
                }
            }
        }
        out
    };
    let t = pairs(
        &mut truth
            .clusters
            .iter()
            .map(|c| c.iter().map(String::as_str).collect()),
    );
    let p = pairs(
        &mut predicted
            .iter()
            .map(|c| c.iter().map(AsRef::as_ref).collect()),
    );
    ClusterScore {
        predicted_pairs: p.len(),
        true_pairs: t.len(),
        correct_pairs: p.intersection(&t).count(),
    }
}
