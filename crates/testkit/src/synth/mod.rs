//! A generator of news corpora with known answers, for tests and benchmarks.
//!
//! It writes stories from templates, then makes the versions a copy desk makes:
//! newspaper rewrites (spelling, quotes and acronym variants, reflowed paragraphs,
//! a moved sentence, added context, dropped and edited sentences), shortened briefs,
//! updates with new paragraphs at the top, and re-sends with a corrected figure. It
//! also writes same-topic stories that are not versions (same names, other events)
//! and templated look-alikes (earnings and dividend notices) that share wording but
//! not facts. The ground truth says which articles are versions of which and which
//! sentences each version adds, drops and moves.

mod edits;
pub mod eval;
mod render;
mod story;
pub(crate) mod words;

use edits::*;
use render::*;
use story::*;

use serde::Serialize;

/// How big a corpus to make, and of what.
#[derive(Clone, Debug)]
pub struct SynthOptions {
    /// Number of articles.
    pub articles: usize,
    /// Seed; the same options give the same corpus.
    pub seed: u64,
    /// Share of articles that belong to a story with several versions.
    pub cluster_share: f64,
    /// Share of articles that are same-topic stories unrelated to any other.
    pub decoy_share: f64,
    /// Share of articles that are templated notices (earnings, dividends, takeovers).
    pub template_share: f64,
    /// Fewest and most body sentences in an original story.
    pub sentences: (usize, usize),
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            articles: 1000,
            seed: 1,
            cluster_share: 0.3,
            decoy_share: 0.2,
            template_share: 0.15,
            sentences: (5, 10),
        }
    }
}

/// One generated file.
#[derive(Clone, Debug, Serialize)]
pub struct SynthArticle {
    /// Relative path, `/`-separated.
    pub path: String,
    /// The file's full text.
    pub text: String,
}

/// What a version is, relative to the original it was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditKind {
    /// A newspaper rewrite.
    Rewrite,
    /// A shortened brief.
    Brief,
    /// A later update with new paragraphs at the top.
    Update,
    /// The same story sent again with one figure corrected.
    Resend,
}

/// The known differences between an original and one of its versions.
#[derive(Clone, Debug, Serialize)]
pub struct PairTruth {
    /// Path of the original.
    pub left: String,
    /// Path of the version.
    pub right: String,
    /// What kind of version.
    pub kind: EditKind,
    /// Sentences the version adds, as written in the version.
    pub added: Vec<String>,
    /// Sentences of the original the version lacks, as written in the original.
    pub dropped: Vec<String>,
    /// Sentences the version moved to another place, as written in the version.
    pub moved: Vec<String>,
    /// Sentences edited in place: (original, version).
    pub changed: Vec<(String, String)>,
    /// Words really inserted: all words of added sentences plus words put into
    /// edited sentences.
    pub inserted_words: usize,
}

/// The ground truth of a generated corpus.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Truth {
    /// Groups of paths that are versions of one story (two or more each).
    pub clusters: Vec<Vec<String>>,
    /// Each version against its original.
    pub pairs: Vec<PairTruth>,
    /// Paths of same-topic stories that are versions of nothing.
    pub decoys: Vec<String>,
    /// Paths of templated notices (some of which have a re-sent version).
    pub templated: Vec<String>,
}

/// A generated corpus and its answers.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// The files.
    pub articles: Vec<SynthArticle>,
    /// What is true about them.
    pub truth: Truth,
}

/// Generates a corpus. Paths are `NNN/NNNNNN.ext`, in shuffled order so that versions
/// of one story are not neighbours.
pub fn generate(opts: &SynthOptions) -> Corpus {
    let mut g = Gen {
        rng: fastrand::Rng::with_seed(opts.seed),
        next_sent: 0,
    };
    let n = opts.articles;
    let topics: Vec<Topic> = (0..(n / 20).max(3)).map(|_| g.topic()).collect();
    let mut plan = Plan {
        g,
        topics,
        opts,
        items: Vec::with_capacity(n),
        edits: Vec::new(),
        groups: 0,
    };
    let clustered = plan.stories_with_versions((n as f64 * opts.cluster_share) as usize);
    plan.decoys((n as f64 * opts.decoy_share) as usize, &clustered);
    plan.templated((n as f64 * opts.template_share) as usize);
    plan.singles(n);
    plan.finish()
}

/// What an item of a generated corpus is.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Original,
    /// A version of item `.0`, made by an edit of kind `.1`, recorded as edits `.2`.
    Version(usize, EditKind, usize),
    Decoy,
    Templated,
    Single,
}

/// One story of the corpus being generated, with its group of versions.
struct Item {
    story: Story,
    group: Option<usize>,
    role: Role,
}

/// A corpus being generated: the stories so far and what was done to them.
struct Plan<'o> {
    g: Gen,
    topics: Vec<Topic>,
    opts: &'o SynthOptions,
    items: Vec<Item>,
    edits: Vec<Edits>,
    groups: usize,
}

impl Plan<'_> {
    fn push_version(
        &mut self,
        of: usize,
        story: Story,
        group: Option<usize>,
        kind: EditKind,
        e: Edits,
    ) {
        self.items.push(Item {
            story,
            group,
            role: Role::Version(of, kind, self.edits.len()),
        });
        self.edits.push(e);
    }

    /// Stories with one to three versions each, until `count` articles; returns the
    /// topics they were about.
    fn stories_with_versions(&mut self, count: usize) -> Vec<usize> {
        let mut clustered_topics = Vec::new();
        while self.items.len() + 1 < count {
            let ti = self.g.rng.usize(..self.topics.len());
            clustered_topics.push(ti);
            let orig = self.g.story(&self.topics[ti], self.opts.sentences);
            let versions = self.g.rng.usize(1..=3).min(count - self.items.len() - 1);
            let group = self.groups;
            self.groups += 1;
            let oi = self.items.len();
            self.items.push(Item {
                story: orig.clone(),
                group: Some(group),
                role: Role::Original,
            });
            let kinds = [
                EditKind::Rewrite,
                EditKind::Brief,
                EditKind::Update,
                EditKind::Rewrite,
            ];
            for k in 0..versions {
                let kind = kinds[k % kinds.len()];
                let (v, e) = make_version(&mut self.g, &orig, &self.topics[ti], kind);
                self.push_version(oi, v, Some(group), kind, e);
            }
        }
        clustered_topics
    }

    /// Stories on the topics of stories with versions, but not versions of them.
    fn decoys(&mut self, count: usize, clustered_topics: &[usize]) {
        for _ in 0..count {
            let ti = if clustered_topics.is_empty() {
                self.g.rng.usize(..self.topics.len())
            } else {
                *pick(&mut self.g.rng, clustered_topics)
            };
            let s = self.g.story(&self.topics[ti], self.opts.sentences);
            self.items.push(Item {
                story: s,
                group: None,
                role: Role::Decoy,
            });
        }
    }

    /// Templated notices; one in ten is re-sent with a corrected figure.
    fn templated(&mut self, count: usize) {
        let mut t = 0;
        while t < count {
            let ti = self.g.rng.usize(..self.topics.len());
            let s = self.g.templated(&self.topics[ti]);
            let oi = self.items.len();
            let resend = self.g.rng.u8(..10) == 0 && t + 1 < count;
            let group = resend.then(|| {
                self.groups += 1;
                self.groups - 1
            });
            self.items.push(Item {
                story: s.clone(),
                group,
                role: Role::Templated,
            });
            t += 1;
            if resend {
                let (v, e) = make_version(&mut self.g, &s, &self.topics[ti], EditKind::Resend);
                self.push_version(oi, v, group, EditKind::Resend, e);
                t += 1;
            }
        }
    }

    /// Stories of their own until the corpus has `n` articles.
    fn singles(&mut self, n: usize) {
        while self.items.len() < n {
            let ti = self.g.rng.usize(..self.topics.len());
            let s = self.g.story(&self.topics[ti], self.opts.sentences);
            self.items.push(Item {
                story: s,
                group: None,
                role: Role::Single,
            });
        }
    }

    /// Gives the items shuffled paths (so versions are scattered), writes them out
    /// and records the truth.
    fn finish(mut self) -> Corpus {
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        self.g.rng.shuffle(&mut order);
        let mut path_of = vec![String::new(); self.items.len()];
        for (pos, &item) in order.iter().enumerate() {
            let ext = if self.items[item].story.layout == Layout::Markdown {
                "md"
            } else {
                "txt"
            };
            path_of[item] = format!("{:03}/{:06}.{ext}", pos / 1000, pos);
        }
        let truth = self.truth(&path_of);
        let mut articles: Vec<SynthArticle> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| SynthArticle {
                path: path_of[i].clone(),
                text: render(&item.story),
            })
            .collect();
        articles.sort_by(|a, b| a.path.cmp(&b.path));
        Corpus { articles, truth }
    }

    fn truth(&self, path_of: &[String]) -> Truth {
        let mut truth = Truth::default();
        let mut cluster_paths: Vec<Vec<String>> = vec![Vec::new(); self.groups];
        for (i, item) in self.items.iter().enumerate() {
            if let Some(gid) = item.group {
                cluster_paths[gid].push(path_of[i].clone());
            }
            match item.role {
                Role::Decoy => truth.decoys.push(path_of[i].clone()),
                Role::Templated => truth.templated.push(path_of[i].clone()),
                Role::Version(oi, kind, ei) => {
                    let pair =
                        self.pair_truth(&self.items[oi].story, &item.story, kind, &self.edits[ei]);
                    truth.pairs.push(PairTruth {
                        left: path_of[oi].clone(),
                        right: path_of[i].clone(),
                        ..pair
                    });
                }
                Role::Original | Role::Single => {}
            }
        }
        truth.clusters = cluster_paths.into_iter().filter(|c| c.len() >= 2).collect();
        truth
    }

    /// What a version `v` of `orig` adds, drops, moves and changes (paths left empty).
    fn pair_truth(&self, orig: &Story, v: &Story, kind: EditKind, e: &Edits) -> PairTruth {
        let text_of = |s: &Story, id: u32| {
            s.sents
                .iter()
                .find(|x| x.id == id)
                .map(|x| render_toks(&x.toks, s.style))
                .unwrap_or_default()
        };
        let added: Vec<String> = e.added.iter().map(|&id| text_of(v, id)).collect();
        let inserted_words = added.iter().map(|s| words_in(s)).sum::<usize>() + e.inserted;
        PairTruth {
            left: String::new(),
            right: String::new(),
            kind,
            added,
            dropped: e.dropped.iter().map(|&id| text_of(orig, id)).collect(),
            moved: e.moved.iter().map(|&id| text_of(v, id)).collect(),
            changed: e
                .changed
                .iter()
                .map(|&id| (text_of(orig, id), text_of(v, id)))
                .collect(),
            inserted_words,
        }
    }
}

/// The article as one JSON Lines record (`id` and `body`; a plain body keeps its
/// title line, front matter becomes `title`, `source` and `date`), for corpora too
/// big to write as one file each.
pub fn to_json_record(a: &SynthArticle) -> serde_json::Value {
    // Front matter becomes the record's fields, as a feed would give them.
    if let Some(rest) = a.text.strip_prefix("---\n")
        && let Some((front, body)) = rest.split_once("\n---\n")
    {
        let mut record = serde_json::json!({ "id": a.path, "body": body.trim_start() });
        for line in front.lines() {
            if let Some((key, value)) = line.split_once(": ") {
                record[key] = value.trim_matches('"').into();
            }
        }
        return record;
    }
    serde_json::json!({ "id": a.path, "body": a.text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_carry_front_matter_as_fields() {
        let a = SynthArticle {
            path: "x.md".into(),
            text: "---\ntitle: \"Port reopens\"\nsource: Gazette\ndate: 2024-05-02\n---\n\nShips sail.\n".into(),
        };
        let r = to_json_record(&a);
        assert_eq!(r["title"], "Port reopens");
        assert_eq!(r["source"], "Gazette");
        assert_eq!(r["date"], "2024-05-02");
        assert_eq!(r["body"], "Ships sail.\n");
    }

    #[test]
    fn deterministic_and_sized() {
        let o = SynthOptions {
            articles: 300,
            ..SynthOptions::default()
        };
        let a = generate(&o);
        let b = generate(&o);
        assert_eq!(a.articles.len(), 300);
        assert_eq!(
            a.articles.iter().map(|x| &x.text).collect::<Vec<_>>(),
            b.articles.iter().map(|x| &x.text).collect::<Vec<_>>()
        );
        assert!(!a.truth.clusters.is_empty());
        assert!(!a.truth.decoys.is_empty());
        assert!(a.truth.pairs.iter().any(|p| !p.added.is_empty()));
        let paths: std::collections::HashSet<_> = a.articles.iter().map(|x| &x.path).collect();
        for c in &a.truth.clusters {
            for p in c {
                assert!(paths.contains(p));
            }
        }
    }

    #[test]
    fn truth_sentences_appear_in_the_files() {
        let c = generate(&SynthOptions {
            articles: 200,
            seed: 7,
            ..SynthOptions::default()
        });
        let text_of = |p: &str| {
            let t = &c.articles.iter().find(|a| a.path == p).unwrap().text;
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for pair in &c.truth.pairs {
            let right = text_of(&pair.right);
            let left = text_of(&pair.left);
            for s in &pair.added {
                assert!(right.contains(s.as_str()), "{s} not in {}", pair.right);
            }
            for s in &pair.dropped {
                assert!(left.contains(s.as_str()), "{s} not in {}", pair.left);
                assert!(!right.contains(s.as_str()));
            }
        }
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(1600), "1,600");
        assert_eq!(group_thousands(95000), "95,000");
        assert_eq!(group_thousands(999), "999");
    }
}
