//! A corpus of real wire copy at any size: the stories of a folder of real
//! agency files (reuters21578), each sent again the ways a wire sends a story
//! again (a re-send, a correction, an update, a brief, a rewrite), with the truth
//! beside it. Past as many stories as the folder has, a story comes back as a
//! look-alike on another day with other figures: a different story, as a daily
//! report from one template is.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::synth::SynthArticle;
use crate::synth::words::MONTHS;

/// How a version was made from its story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Made {
    /// The story as first sent.
    First,
    /// Sent again unchanged, headed `RPT`.
    Copy,
    /// Sent again with one figure changed, headed `CORRECTED`.
    Correction,
    /// Sent again with sentences added at the end.
    Update,
    /// The headline and the first one or two sentences.
    Brief,
    /// The same report in other words: words swapped, a sentence dropped, two
    /// moved.
    Rewrite,
}

/// One article of the corpus and what it is.
#[derive(Clone, Debug, Serialize)]
pub struct RewiredTruth {
    /// Path in the corpus.
    pub path: String,
    /// The story it is a version of (an index into the corpus's stories).
    pub story: usize,
    /// How it was made.
    pub made: Made,
}

/// A corpus and its truth.
#[derive(Clone, Debug, Default)]
pub struct Rewired {
    /// The files, in the order written (shuffled: versions are not neighbours).
    pub articles: Vec<SynthArticle>,
    /// What each file is, in the same order.
    pub truth: Vec<RewiredTruth>,
}

impl Rewired {
    /// The true stories with two or more versions, as lists of paths.
    pub fn clusters(&self) -> Vec<Vec<String>> {
        let mut by: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
        for t in &self.truth {
            by.entry(t.story).or_default().push(t.path.clone());
        }
        by.into_values().filter(|g| g.len() >= 2).collect()
    }
}

/// A story as read from a wire file: headline and paragraphs.
#[derive(Clone, Debug)]
struct Story {
    headline: String,
    paragraphs: Vec<String>,
}

/// Reads the wire files of a folder (`*.txt`: headline, blank line, paragraphs
/// indented by spaces) that have a body of at least a few lines.
fn read_stories(dir: &Path) -> std::io::Result<Vec<Story>> {
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    let mut seen_heads = std::collections::HashSet::new();
    let mut seen_leads = std::collections::HashSet::new();
    for p in names {
        let text = String::from_utf8_lossy(&std::fs::read(&p)?).into_owned();
        let Some((head, body)) = text.split_once("\n\n") else {
            continue;
        };
        let mut paragraphs: Vec<String> = Vec::new();
        for line in body.lines() {
            let fresh = line.starts_with("    ") || paragraphs.is_empty();
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if fresh {
                paragraphs.push(line.to_string());
            } else if let Some(last) = paragraphs.last_mut() {
                last.push(' ');
                last.push_str(line);
            }
        }
        let words: usize = paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum();
        // A story the folder has already (a re-send, a correction, a repeat of
        // its lead) is one of the folder's own versions: left out, so that the
        // truth knows every version there is.
        let head_key = head
            .trim()
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        let lead_key: String = paragraphs
            .first()
            .map(|p| {
                p.split_whitespace()
                    .skip(4)
                    .take(12)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let fresh = seen_heads.insert(head_key) & seen_leads.insert(lead_key);
        if fresh && head.trim().len() >= 8 && paragraphs.len() >= 3 && words >= 60 {
            out.push(Story {
                headline: head.trim().to_string(),
                paragraphs,
            });
        }
    }
    Ok(out)
}

/// Words a rewrite swaps for others, both ways.
const SWAPS: &[(&str, &str)] = &[
    ("said", "stated"),
    ("rose", "climbed"),
    ("fell", "declined"),
    ("company", "firm"),
    ("pct", "percent"),
    ("mln", "million"),
    ("bln", "billion"),
    ("dlrs", "dollars"),
    ("shares", "stock"),
    ("expected", "forecast"),
    ("increase", "rise"),
    ("agreed", "consented"),
    ("about", "around"),
    ("also", "additionally"),
];

/// Sentences an update adds, with the story's first named party put in.
const ADDED: &[&str] = &[
    "{} officials declined to comment further on the matter when contacted on Thursday.",
    "A spokesman for {} said more details would be made public at a news conference later in the week.",
    "Analysts said the move by {} had been widely expected in the market for several weeks.",
    "{} said it would not give any forecast for the rest of the year until its annual meeting.",
    "Trading in {} was active after the announcement, dealers said, with volume well above average.",
];

/// The first capitalised word of a text that is not its first word: a name.
fn party(s: &Story) -> String {
    s.paragraphs[0]
        .split_whitespace()
        .skip(3)
        .find(|w| {
            w.len() > 3
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase)
        })
        .unwrap_or("The company")
        .to_string()
}

/// Sentences of a paragraph (cut after `. ` before a capital letter).
fn sentences(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = p.as_bytes();
    for i in 0..bytes.len().saturating_sub(2) {
        if bytes[i] == b'.' && bytes[i + 1] == b' ' && bytes[i + 2].is_ascii_uppercase() {
            out.push(p[start..=i].to_string());
            start = i + 2;
        }
    }
    out.push(p[start..].to_string());
    out
}

/// Writes a story as a wire file: headline, blank line, paragraphs indented.
fn render(s: &Story) -> String {
    let mut out = format!("{}\n\n", s.headline);
    for (i, p) in s.paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("    ");
        }
        out.push_str(p);
        out.push('\n');
    }
    out
}

/// Changes every figure of a text (`32`, `1.5`), except a dateline's day, by
/// the same factor: a look-alike's other figures.
fn scale_figures(text: &str, factor: f64) -> String {
    text.split(' ')
        .map(|w| {
            let end = w.trim_end_matches([',', '.', ';', ')']);
            match end.parse::<f64>() {
                Ok(n) if end.chars().all(|c| c.is_ascii_digit() || c == '.') => {
                    let v = n * factor;
                    let shown = if end.contains('.') {
                        format!("{v:.2}")
                    } else {
                        format!("{}", v.round() as u64 + 1)
                    };
                    format!("{shown}{}", &w[end.len()..])
                }
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Moves the dateline's day (`LONDON, March 3 -`, `Feb 26`) to another month
/// and day.
fn redate(p: &str, rng: &mut fastrand::Rng) -> String {
    let Some(dash) = p.find(" - ").filter(|&d| d < 60) else {
        return p.to_string();
    };
    let Some(comma) = p[..dash].rfind(", ") else {
        return p.to_string();
    };
    let month = MONTHS[rng.usize(..12)];
    let day = rng.u8(1..=28);
    format!("{}, {month} {day}{}", &p[..comma], &p[dash..])
}

/// Names a look-alike puts in place of the story's own.
const NAMES: &[&str] = &[
    "Halvorsen",
    "Okafor",
    "Brightwater",
    "Castellane",
    "Mirova",
    "Trelawny",
    "Ashgrove",
    "Vantress",
    "Kellerman",
    "Duquesne",
    "Marlowe",
    "Tanaka",
    "Oyelaran",
    "Petrakis",
    "Lindqvist",
    "Carrow",
    "Esterhaz",
    "Wainfleet",
    "Ravensby",
    "Quillon",
];

/// A different story made from `s`: other parties, other figures, another day,
/// as a report from one template is on another day about another company.
fn look_alike(s: &Story, lap: usize, rng: &mut fastrand::Rng) -> Story {
    let factor = 1.0 + 0.1 * lap as f64 + rng.f64() * 0.5;
    let a = NAMES[rng.usize(..NAMES.len())];
    let b = NAMES[rng.usize(..NAMES.len())];
    // Every capitalised word of the first paragraph that is not at its start
    // names someone; the look-alike names others in every paragraph.
    let names: Vec<String> = s.paragraphs[0]
        .split_whitespace()
        .skip(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| {
            w.len() > 3
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase)
        })
        .take(4)
        .collect();
    let rename = |t: &str| {
        let mut t = t.to_string();
        for (i, n) in names.iter().enumerate() {
            t = t.replace(n.as_str(), if i % 2 == 0 { a } else { b });
            t = t.replace(
                &n.to_uppercase(),
                &(if i % 2 == 0 { a } else { b }).to_uppercase(),
            );
        }
        t
    };
    let mut paragraphs: Vec<String> = s
        .paragraphs
        .iter()
        .map(|p| scale_figures(&rename(p), factor))
        .collect();
    paragraphs[0] = redate(&rename(&s.paragraphs[0]), rng);
    paragraphs[0] = {
        let (head, rest) = paragraphs[0]
            .split_once(" - ")
            .unwrap_or(("", paragraphs[0].as_str()));
        let rest = scale_figures(rest, factor);
        if head.is_empty() {
            rest
        } else {
            format!("{head} - {rest}")
        }
    };
    Story {
        headline: scale_figures(&rename(&s.headline), factor),
        paragraphs,
    }
}

/// Makes one version of `s`.
fn version(s: &Story, made: Made, rng: &mut fastrand::Rng) -> Story {
    let mut v = s.clone();
    match made {
        Made::First => {}
        Made::Copy => v.headline = format!("RPT - {}", s.headline),
        Made::Correction => {
            v.headline = format!("CORRECTED - {}", s.headline);
            // The first figure of the body is changed.
            'figure: for p in &mut v.paragraphs {
                let words: Vec<&str> = p.split(' ').collect();
                for (i, w) in words.iter().enumerate() {
                    if let Ok(n) = w.parse::<u64>() {
                        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
                        words[i] = (n + 1 + rng.u64(1..9)).to_string();
                        *p = words.join(" ");
                        break 'figure;
                    }
                }
            }
            v.paragraphs
                .push("(Corrects figure in an earlier paragraph of this story.)".to_string());
        }
        Made::Update => {
            let who = party(s);
            for _ in 0..rng.usize(1..=2) {
                let line = ADDED[rng.usize(..ADDED.len())].replace("{}", &who);
                v.paragraphs.push(line);
            }
        }
        Made::Brief => {
            let lead = sentences(&s.paragraphs[0]);
            let mut p = vec![lead.join(" ")];
            if let Some(second) = s.paragraphs.get(1) {
                p.push(sentences(second)[0].clone());
            }
            v.paragraphs = p;
        }
        Made::Rewrite => {
            let swap = |t: &str| {
                t.split(' ')
                    .map(|w| {
                        SWAPS
                            .iter()
                            .find_map(|&(a, b)| {
                                if w == a {
                                    Some(b)
                                } else if w == b {
                                    Some(a)
                                } else {
                                    None
                                }
                            })
                            .unwrap_or(w)
                            .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            v.paragraphs = s.paragraphs.iter().map(|p| swap(p)).collect();
            // Drop one paragraph after the lead, and move another up.
            if v.paragraphs.len() >= 5 {
                let i = rng.usize(2..v.paragraphs.len());
                v.paragraphs.remove(i);
            }
            if v.paragraphs.len() >= 4 {
                let p = v.paragraphs.remove(v.paragraphs.len() - 1);
                v.paragraphs.insert(1, p);
            }
            v.headline = swap(&s.headline.to_lowercase()).to_uppercase();
        }
    }
    v
}

/// Builds a corpus of `n` articles from the wire files of `dir`, the same for the
/// same `seed`. Stories come in one to ten versions, more of them the more
/// articles are asked for than the folder has stories.
pub fn generate(dir: &Path, n: usize, seed: u64) -> std::io::Result<Rewired> {
    let stories = read_stories(dir)?;
    if stories.is_empty() {
        return Ok(Rewired::default());
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut made: Vec<(Story, usize, Made)> = Vec::with_capacity(n);
    let kinds = [
        Made::Copy,
        Made::Correction,
        Made::Update,
        Made::Brief,
        Made::Rewrite,
    ];
    // Each story comes in one to `most` versions, so that the stories of the
    // folder are used once each where they are enough (look-alikes only past
    // five versions a story on average).
    let most = (2 * n / stories.len()).clamp(2, 10);
    let mut story = 0usize;
    while made.len() < n {
        let base = &stories[story % stories.len()];
        let lap = story / stories.len();
        let base = if lap == 0 {
            base.clone()
        } else {
            look_alike(base, lap, &mut rng)
        };
        made.push((base.clone(), story, Made::First));
        if rng.bool() || most > 2 {
            for _ in 1..rng.usize(2..=most) {
                if made.len() >= n {
                    break;
                }
                let kind = kinds[rng.usize(..kinds.len())];
                made.push((version(&base, kind, &mut rng), story, kind));
            }
        }
        story += 1;
    }
    rng.shuffle(&mut made);
    let mut out = Rewired::default();
    for (i, (s, story, m)) in made.into_iter().enumerate() {
        let path = format!("{:03}/{i:07}.txt", i / 10_000);
        out.articles.push(SynthArticle {
            path: path.clone(),
            text: render(&s),
        });
        out.truth.push(RewiredTruth {
            path,
            story,
            made: m,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..4 {
            let text = format!(
                "ACME {i} BUYS WIDGET MAKER\n\nBOSTON, March {} - Acme Corp said it agreed to buy Widget Inc for {} mln dlrs in cash, the company said.\n    The deal is expected to close in the second quarter, and Acme said it rose {} pct in sales.\n    Widget Inc makes parts for cars and trucks and has 300 employees in three plants in Ohio.\n    Acme shares fell 2 dlrs on the news in busy trading on the New York Stock Exchange today.\n    The company also said it would sell its old plant.\n",
                i + 2,
                10 + i,
                5 + i
            );
            std::fs::write(dir.path().join(format!("{i:05}.txt")), text).unwrap();
        }
        dir
    }

    #[test]
    fn sized_seeded_and_true_to_what_it_made() {
        let dir = folder();
        let a = generate(dir.path(), 40, 7).unwrap();
        let b = generate(dir.path(), 40, 7).unwrap();
        assert_eq!(a.articles.len(), 40);
        assert_eq!(
            a.articles.iter().map(|x| &x.text).collect::<Vec<_>>(),
            b.articles.iter().map(|x| &x.text).collect::<Vec<_>>()
        );
        for (art, t) in a.articles.iter().zip(&a.truth) {
            match t.made {
                Made::Copy => assert!(art.text.starts_with("RPT - ")),
                Made::Correction => assert!(art.text.starts_with("CORRECTED - ")),
                Made::Rewrite => assert!(!art.text.starts_with("RPT")),
                _ => {}
            }
        }
        // Past the four stories of the folder, look-alikes are other stories.
        assert!(a.truth.iter().any(|t| t.story >= 4));
        assert!(!a.clusters().is_empty());
    }

    #[test]
    fn a_look_alike_has_other_figures_and_another_day() {
        let dir = folder();
        let s = read_stories(dir.path()).unwrap();
        let mut rng = fastrand::Rng::with_seed(1);
        let l = look_alike(&s[0], 1, &mut rng);
        assert_ne!(l.paragraphs[0], s[0].paragraphs[0]);
        assert!(!l.paragraphs[0].contains("10 mln"), "{}", l.paragraphs[0]);
        assert!(!l.paragraphs[0].contains("Acme"), "{}", l.paragraphs[0]);
        assert!(
            l.paragraphs[0].starts_with("BOSTON, "),
            "{}",
            l.paragraphs[0]
        );
        let moved = redate("LONDON, Feb 26 - Text", &mut rng);
        assert!(
            moved.starts_with("LONDON, ") && !moved.contains("Feb 26"),
            "{moved}"
        );
    }
}
