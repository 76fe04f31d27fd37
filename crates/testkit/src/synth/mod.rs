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

pub mod eval;
mod words;

use serde::Serialize;

use words::*;

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

/// A piece of a sentence whose spelling depends on the house style.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Text(String),
    Variant(usize),
    Acronym(usize),
    Number(u64),
    OpenQuote,
    CloseQuote,
}

#[derive(Clone, Debug)]
struct Sent {
    id: u32,
    toks: Vec<Tok>,
}

/// House style: how the variable pieces are spelled.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Style {
    british: bool,
    curly: bool,
    dotted: bool,
    commas: bool,
}

impl Style {
    fn flipped(self) -> Style {
        Style {
            british: !self.british,
            curly: !self.curly,
            dotted: !self.dotted,
            commas: !self.commas,
        }
    }
}

/// How a file lays out its text.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layout {
    /// Capitalised title line, dateline `CITY, Month Day -`, wrapped at 65 with
    /// indented paragraphs, a `Reuter` sign-off.
    Wire,
    /// `CITY (Agency) -` dateline, one paragraph per line, credit line at the end.
    Agency,
    /// Title line, blank lines between paragraphs.
    Blank,
    /// Markdown with front matter.
    Markdown,
    /// A web page scraped into one long line.
    Blob,
}

#[derive(Clone, Debug)]
struct Topic {
    country: &'static str,
    city: String,
    people: Vec<(&'static str, String)>,
    orgs: Vec<String>,
    nouns: Vec<&'static str>,
}

#[derive(Clone, Debug)]
struct Story {
    headline: Vec<Tok>,
    place: String,
    agency: &'static str,
    month: usize,
    day: u32,
    sents: Vec<Sent>,
    /// Sentences per paragraph.
    paras: Vec<usize>,
    credit: Option<String>,
    style: Style,
    layout: Layout,
}

struct Gen {
    rng: fastrand::Rng,
    next_sent: u32,
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

impl Gen {
    /// A made-up proper name of two or three syllables: real news has a long tail
    /// of names that occur in few stories, and that tail is what tells stories apart.
    fn invented(&mut self) -> String {
        let n = self.rng.usize(2..=3);
        let mut w: String = (0..n).map(|_| *pick(&mut self.rng, SYLLABLES)).collect();
        if let Some(c) = w.get(..1) {
            let upper = c.to_uppercase();
            w.replace_range(..1, &upper);
        }
        w
    }

    fn topic(&mut self) -> Topic {
        let people = (0..4)
            .map(|_| {
                let first = *pick(&mut self.rng, FIRST_NAMES);
                let last = if self.rng.bool() {
                    self.invented()
                } else {
                    pick(&mut self.rng, SURNAMES).to_string()
                };
                (first, last)
            })
            .collect();
        let orgs = (0..3)
            .map(|_| {
                let head = if self.rng.bool() {
                    self.invented()
                } else {
                    pick(&mut self.rng, ORG_HEADS).to_string()
                };
                format!("the {head} {}", pick(&mut self.rng, ORG_TAILS))
            })
            .collect();
        let nouns = (0..4).map(|_| *pick(&mut self.rng, NOUNS)).collect();
        let city = if self.rng.bool() {
            self.invented()
        } else {
            pick(&mut self.rng, CITIES).to_string()
        };
        Topic {
            country: COUNTRIES[self.rng.usize(..COUNTRIES.len())],
            city,
            people,
            orgs,
            nouns,
        }
    }

    fn fill(&mut self, template: &str, topic: &Topic, company: &mut Vec<String>) -> Vec<Tok> {
        let mut toks = Vec::new();
        let mut text = String::new();
        let mut rest = template;
        let mut company_slot = 0usize;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let close = rest[open..]
                .find('}')
                .map(|c| open + c)
                .unwrap_or(rest.len() - 1);
            let slot = &rest[open + 1..close];
            rest = &rest[close + 1..];
            let rng = &mut self.rng;
            let fixed: Option<String> = match slot {
                "P" => {
                    let (f, s) = pick(rng, &topic.people);
                    Some(format!("{f} {s}"))
                }
                "S" => Some(pick(rng, &topic.people).1.to_string()),
                "R" => Some(pick(rng, ROLES).to_string()),
                "C" => Some(if rng.u8(..10) < 6 {
                    topic.city.clone()
                } else {
                    pick(rng, CITIES).to_string()
                }),
                "N" => Some(
                    if rng.u8(..10) < 7 {
                        topic.country
                    } else {
                        pick(rng, COUNTRIES)
                    }
                    .to_string(),
                ),
                "O" => {
                    let o = pick(rng, &topic.orgs).clone();
                    // An organisation opening a sentence takes a capital `The`.
                    if text.is_empty() && toks.is_empty() {
                        Some(o.replacen("the", "The", 1))
                    } else {
                        Some(o)
                    }
                }
                "n" => Some(
                    if rng.bool() {
                        *pick(rng, &topic.nouns)
                    } else {
                        *pick(rng, NOUNS)
                    }
                    .to_string(),
                ),
                "a" => Some(pick(rng, ADJECTIVES).to_string()),
                "v" => Some(pick(rng, VERBS).0.to_string()),
                "vp" => Some(pick(rng, VERBS).1.to_string()),
                "d" => Some(pick(rng, DAYS).to_string()),
                "m" => Some(pick(rng, MONTHS).to_string()),
                "u" => Some(pick(rng, UNITS).to_string()),
                "QTR" => Some(pick(rng, QUARTERS).to_string()),
                "n2" => Some(pick(rng, NOUNS).to_string()),
                "day" => Some(rng.u32(1..29).to_string()),
                "CO" => {
                    if company.len() <= company_slot {
                        let name = invented_name(rng);
                        company.push(format!("{name} {}", pick(rng, COMPANY_TAILS)));
                    }
                    company_slot += 1;
                    Some(company[company_slot - 1].clone())
                }
                _ => None,
            };
            if let Some(f) = fixed {
                text.push_str(&f);
                continue;
            }
            if !text.is_empty() {
                toks.push(Tok::Text(std::mem::take(&mut text)));
            }
            toks.push(match slot {
                "num" => Tok::Number(rng.u64(2..60)),
                "big" => Tok::Number(rng.u64(1_200..95_000)),
                "x" | "y" => Tok::Number(rng.u64(2..900)),
                "c" => Tok::Number(rng.u64(2..99)),
                "V" => Tok::Variant(rng.usize(..VARIANTS.len())),
                "A" => Tok::Acronym(rng.usize(..ACRONYMS.len())),
                "Q" => Tok::OpenQuote,
                "/Q" => Tok::CloseQuote,
                other => Tok::Text(other.to_string()),
            });
        }
        text.push_str(rest);
        if !text.is_empty() {
            toks.push(Tok::Text(text));
        }
        toks
    }

    fn sentence(&mut self, templates: &[&str], topic: &Topic) -> Sent {
        let t = *pick(&mut self.rng, templates);
        let toks = self.fill(t, topic, &mut Vec::new());
        self.next_sent += 1;
        Sent {
            id: self.next_sent,
            toks,
        }
    }

    fn paragraphs(&mut self, n: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut left = n;
        // Wire leads are one sentence; later paragraphs hold one to three.
        if left > 0 {
            out.push(1);
            left -= 1;
        }
        while left > 0 {
            let k = self.rng.usize(1..=3).min(left);
            out.push(k);
            left -= k;
        }
        out
    }

    fn style(&mut self) -> Style {
        let british = self.rng.bool();
        Style {
            british,
            curly: self.rng.bool(),
            dotted: !british || self.rng.bool(),
            commas: self.rng.u8(..4) > 0,
        }
    }

    fn layout(&mut self, not: Option<Layout>) -> Layout {
        let all = [
            Layout::Wire,
            Layout::Agency,
            Layout::Blank,
            Layout::Markdown,
            Layout::Blob,
        ];
        loop {
            let l = *pick(&mut self.rng, &all);
            if Some(l) != not {
                return l;
            }
        }
    }

    fn story(&mut self, topic: &Topic, (lo, hi): (usize, usize)) -> Story {
        let n = self.rng.usize(lo..=hi);
        let sents: Vec<Sent> = (0..n).map(|_| self.sentence(TEMPLATES, topic)).collect();
        let headline_t = *pick(
            &mut self.rng,
            &[
                "{O} to {v} {a} {n} in {C}",
                "{N} {vp} {n} after talks in {C}",
                "{S} says {O} will {v} {n}",
                "{a} {n} {vp} in {N}",
                "Talks on {n} stall as {O} balks",
            ],
        );
        let mut headline = self.fill(headline_t, topic, &mut Vec::new());
        capitalise_first(&mut headline);
        let paras = self.paragraphs(sents.len());
        let (f1, s1) = pick(&mut self.rng, &topic.people).clone();
        let credit = Some(format!(
            "Reporting by {} {}; editing by {} {}",
            pick(&mut self.rng, FIRST_NAMES),
            pick(&mut self.rng, SURNAMES),
            f1,
            s1
        ));
        let style = self.style();
        let layout = self.layout(None);
        Story {
            headline,
            place: if self.rng.bool() {
                topic.city.clone()
            } else {
                pick(&mut self.rng, CITIES).to_string()
            },
            agency: AGENCIES[self.rng.usize(..AGENCIES.len())],
            month: self.rng.usize(..12),
            day: self.rng.u32(1..29),
            sents,
            paras,
            credit,
            style,
            layout,
        }
    }

    fn templated(&mut self, topic: &Topic) -> Story {
        let kind = *pick(&mut self.rng, TEMPLATED_STORIES);
        let mut company = Vec::new();
        let sents: Vec<Sent> = kind
            .iter()
            .map(|t| {
                let toks = self.fill(t, topic, &mut company);
                self.next_sent += 1;
                Sent {
                    id: self.next_sent,
                    toks,
                }
            })
            .collect();
        let head = format!(
            "{} reports results",
            company.first().cloned().unwrap_or_default()
        );
        let mut story = self.story(topic, (1, 1));
        story.headline = vec![Tok::Text(head)];
        story.paras = self.paragraphs(sents.len());
        story.sents = sents;
        story.credit = None;
        story.layout = Layout::Wire;
        story
    }
}

/// A made-up company name of two or three syllables.
fn invented_name(rng: &mut fastrand::Rng) -> String {
    let n = rng.usize(2..=3);
    let mut w: String = (0..n).map(|_| *pick(rng, SYLLABLES)).collect();
    if let Some(c) = w.get(..1) {
        let upper = c.to_uppercase();
        w.replace_range(..1, &upper);
    }
    w
}

fn capitalise_first(toks: &mut [Tok]) {
    if let Some(Tok::Text(t)) = toks.first_mut()
        && let Some(c) = t.chars().next()
    {
        let upper: String = c.to_uppercase().collect();
        t.replace_range(..c.len_utf8(), &upper);
    }
}

fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn render_toks(toks: &[Tok], style: Style) -> String {
    let mut s = String::new();
    for t in toks {
        match t {
            Tok::Text(x) => s.push_str(x),
            Tok::Variant(i) => s.push_str(if style.british {
                VARIANTS[*i].0
            } else {
                VARIANTS[*i].1
            }),
            Tok::Acronym(i) => s.push_str(if style.dotted {
                ACRONYMS[*i].0
            } else {
                ACRONYMS[*i].1
            }),
            Tok::Number(n) if style.commas && *n >= 1000 => s.push_str(&group_thousands(*n)),
            Tok::Number(n) => s.push_str(&n.to_string()),
            Tok::OpenQuote => s.push(if style.curly { '“' } else { '"' }),
            Tok::CloseQuote => s.push(if style.curly { '”' } else { '"' }),
        }
    }
    s
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for w in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + w.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn render(story: &Story) -> String {
    let style = story.style;
    let headline = render_toks(&story.headline, style);
    let mut paras: Vec<String> = Vec::new();
    let mut i = 0;
    for &k in &story.paras {
        let p: Vec<String> = story.sents[i..(i + k).min(story.sents.len())]
            .iter()
            .map(|s| render_toks(&s.toks, style))
            .collect();
        i += k;
        if !p.is_empty() {
            paras.push(p.join(" "));
        }
    }
    let month = MONTHS[story.month];
    let mut out = String::new();
    match story.layout {
        Layout::Wire => {
            out.push_str(&headline.to_uppercase());
            out.push_str("\n\n");
            for (n, p) in paras.iter().enumerate() {
                let text = if n == 0 {
                    format!(
                        "{}, {} {} - {}",
                        story.place.to_uppercase(),
                        &month[..3],
                        story.day,
                        p
                    )
                } else {
                    p.clone()
                };
                for (k, l) in wrap(&text, 65).iter().enumerate() {
                    if n > 0 && k == 0 {
                        out.push_str("    ");
                    }
                    out.push_str(l);
                    out.push('\n');
                }
            }
            out.push_str(" Reuter\n");
        }
        Layout::Agency => {
            for (n, p) in paras.iter().enumerate() {
                if n == 0 {
                    out.push_str(&format!(
                        "{} ({}) - ",
                        story.place.to_uppercase(),
                        story.agency
                    ));
                }
                out.push_str(p);
                out.push('\n');
            }
            if let Some(c) = &story.credit {
                out.push_str(c);
                out.push('\n');
            }
        }
        Layout::Blank => {
            out.push_str(&headline);
            out.push_str("\n\n");
            for (n, p) in paras.iter().enumerate() {
                if n == 0 {
                    out.push_str(&format!(
                        "{} ({}) — ",
                        story.place.to_uppercase(),
                        story.agency
                    ));
                }
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
        Layout::Markdown => {
            out.push_str(&format!(
                "---\ntitle: \"{}\"\nsource: {}\ndate: 2024-{:02}-{:02}\n---\n\n",
                headline.replace('"', "'"),
                pick(&mut fastrand::Rng::with_seed(story.day as u64), PAPERS),
                story.month + 1,
                story.day
            ));
            for p in &paras {
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
        Layout::Blob => {
            out.push_str(&paras.join(" "));
            out.push('\n');
        }
    }
    out
}

/// Applies a version's edits to a copy of `orig` and records what changed.
fn make_version(g: &mut Gen, orig: &Story, topic: &Topic, kind: EditKind) -> (Story, Edits) {
    let mut v = orig.clone();
    let mut edits = Edits::default();
    let rng_bool = |g: &mut Gen, p: u8| g.rng.u8(..100) < p;
    match kind {
        EditKind::Rewrite => {
            v.style = orig.style.flipped();
            v.layout = g.layout(Some(orig.layout));
            // Drop up to two sentences, never the lead.
            let drops = g.rng.usize(0..=2).min(v.sents.len().saturating_sub(3));
            for _ in 0..drops {
                let i = g.rng.usize(1..v.sents.len());
                edits.dropped.push(v.sents.remove(i).id);
            }
            // Edit one or two sentences in place.
            for _ in 0..g.rng.usize(1..=2) {
                let i = g.rng.usize(..v.sents.len());
                if edits.changed.contains(&v.sents[i].id) {
                    continue;
                }
                let before = v.sents[i].toks.clone();
                let inserted = insert_word(g, &mut v.sents[i]);
                if v.sents[i].toks != before {
                    edits.changed.push(v.sents[i].id);
                    edits.inserted += inserted;
                }
            }
            // Move one sentence at least two places, so that which sentence moved is
            // not a matter of taste (swapping neighbours could be told either way).
            if v.sents.len() >= 4 && rng_bool(g, 70) {
                let from = g.rng.usize(1..v.sents.len());
                let s = v.sents.remove(from);
                let targets: Vec<usize> = (1..=v.sents.len())
                    .filter(|&to| to + 2 <= from || to >= from + 2)
                    .collect();
                if targets.is_empty() {
                    v.sents.insert(from, s);
                } else {
                    let to = targets[g.rng.usize(..targets.len())];
                    edits.moved.push(s.id);
                    v.sents.insert(to, s);
                }
            }
            // Add one to three sentences of context.
            for _ in 0..g.rng.usize(1..=3) {
                let s = g.sentence(CONTEXT_TEMPLATES, topic);
                let at = g.rng.usize(0..=v.sents.len());
                edits.added.push(s.id);
                v.sents.insert(at, s);
            }
            if rng_bool(g, 50) {
                v.credit = None;
            }
            let h = *pick(
                &mut g.rng,
                &["{N} {vp} {n} as {O} stays away", "{O} snubs talks on {n}"],
            );
            v.headline = g.fill(h, topic, &mut Vec::new());
            capitalise_first(&mut v.headline);
        }
        EditKind::Brief => {
            let keep = g.rng.usize(2..=3).min(v.sents.len());
            for s in v.sents.drain(keep..) {
                edits.dropped.push(s.id);
            }
            v.layout = g.layout(Some(orig.layout));
            if rng_bool(g, 50) {
                v.style = orig.style.flipped();
            }
        }
        EditKind::Update => {
            let n = g.rng.usize(2..=3);
            for k in 0..n {
                let s = g.sentence(TEMPLATES, topic);
                edits.added.push(s.id);
                v.sents.insert(k, s);
            }
            if v.sents.len() > n + 3 && rng_bool(g, 50) {
                edits.dropped.push(v.sents.pop().map(|s| s.id).unwrap_or(0));
            }
        }
        EditKind::Resend => {
            // Correct one figure.
            let with_number: Vec<usize> = (0..v.sents.len())
                .filter(|&i| v.sents[i].toks.iter().any(|t| matches!(t, Tok::Number(_))))
                .collect();
            if let Some(&i) = with_number.get(g.rng.usize(..with_number.len().max(1))) {
                for t in &mut v.sents[i].toks {
                    if let Tok::Number(n) = t {
                        *n += 1 + g.rng.u64(1..9);
                        break;
                    }
                }
                edits.changed.push(v.sents[i].id);
                edits.inserted += 1;
            }
        }
    }
    v.paras = g.paragraphs(v.sents.len());
    (v, edits)
}

#[derive(Default)]
struct Edits {
    added: Vec<u32>,
    dropped: Vec<u32>,
    moved: Vec<u32>,
    changed: Vec<u32>,
    inserted: usize,
}

/// Puts one editor's word into a sentence, after its first space-separated word
/// that is not the start of a quotation. Returns the number of words inserted.
fn insert_word(g: &mut Gen, s: &mut Sent) -> usize {
    let word = *pick(&mut g.rng, INSERTS);
    let candidates: Vec<usize> = (0..s.toks.len())
        .filter(|&i| matches!(&s.toks[i], Tok::Text(t) if t.matches(' ').count() >= 3))
        .collect();
    let Some(&i) = candidates.get(g.rng.usize(..candidates.len().max(1))) else {
        return 0;
    };
    let how = g.rng.u8(..10);
    if let Tok::Text(t) = &mut s.toks[i] {
        let spaces: Vec<usize> = t.match_indices(' ').map(|(k, _)| k).collect();
        let k = g.rng.usize(1..spaces.len());
        let at = spaces[k];
        // The word after this space, when it is a plain word that can go or be
        // replaced without leaving stray punctuation.
        let next_end = spaces.get(k + 1).copied();
        let plain_next =
            next_end.is_some_and(|e| t[at + 1..e].chars().all(|c| c.is_ascii_alphabetic()));
        match how {
            // Replace a word with another.
            0..=2 if plain_next => {
                let e = next_end.unwrap_or(at);
                t.replace_range(at + 1..e, word);
                return 1;
            }
            // Cut a word.
            3..=4 if plain_next => {
                let e = next_end.unwrap_or(at);
                t.replace_range(at..e, "");
                return 0;
            }
            _ => {
                t.insert_str(at, &format!(" {word}"));
                return 1;
            }
        }
    }
    0
}

fn words_in(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
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
    let n_cluster = (n as f64 * opts.cluster_share) as usize;
    let n_decoy = (n as f64 * opts.decoy_share) as usize;
    let n_template = (n as f64 * opts.template_share) as usize;

    // Each entry: (story, group id or none, role).
    struct Item {
        story: Story,
        group: Option<usize>,
        kind: Kind,
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Original,
        Version(usize, EditKind, usize),
        Decoy,
        Templated,
        Single,
    }
    let mut items: Vec<Item> = Vec::with_capacity(n);
    let mut edits: Vec<Edits> = Vec::new();
    let mut groups = 0usize;
    let mut clustered_topics = Vec::new();
    while items.len() + 1 < n_cluster {
        let ti = g.rng.usize(..topics.len());
        let topic = &topics[ti];
        clustered_topics.push(ti);
        let orig = g.story(topic, opts.sentences);
        let versions = g.rng.usize(1..=3).min(n_cluster - items.len() - 1);
        let group = groups;
        groups += 1;
        let oi = items.len();
        items.push(Item {
            story: orig.clone(),
            group: Some(group),
            kind: Kind::Original,
        });
        let kinds = [
            EditKind::Rewrite,
            EditKind::Brief,
            EditKind::Update,
            EditKind::Rewrite,
        ];
        for k in 0..versions {
            let kind = kinds[k % kinds.len()];
            let (v, e) = make_version(&mut g, &orig, topic, kind);
            items.push(Item {
                story: v,
                group: Some(group),
                kind: Kind::Version(oi, kind, edits.len()),
            });
            edits.push(e);
        }
    }
    for _ in 0..n_decoy {
        let ti = if clustered_topics.is_empty() {
            g.rng.usize(..topics.len())
        } else {
            *pick(&mut g.rng, &clustered_topics)
        };
        let s = g.story(&topics[ti], opts.sentences);
        items.push(Item {
            story: s,
            group: None,
            kind: Kind::Decoy,
        });
    }
    let mut t = 0;
    while t < n_template {
        let topic = &topics[g.rng.usize(..topics.len())];
        let s = g.templated(topic);
        let oi = items.len();
        // One templated notice in ten is re-sent with a corrected figure.
        let resend = g.rng.u8(..10) == 0 && t + 1 < n_template;
        let group = resend.then(|| {
            groups += 1;
            groups - 1
        });
        items.push(Item {
            story: s.clone(),
            group,
            kind: Kind::Templated,
        });
        t += 1;
        if resend {
            let (v, e) = make_version(&mut g, &s, topic, EditKind::Resend);
            items.push(Item {
                story: v,
                group,
                kind: Kind::Version(oi, EditKind::Resend, edits.len()),
            });
            edits.push(e);
            t += 1;
        }
    }
    while items.len() < n {
        let topic = &topics[g.rng.usize(..topics.len())];
        let s = g.story(topic, opts.sentences);
        items.push(Item {
            story: s,
            group: None,
            kind: Kind::Single,
        });
    }

    // Shuffle file positions so versions are scattered.
    let mut order: Vec<usize> = (0..items.len()).collect();
    g.rng.shuffle(&mut order);
    let mut path_of = vec![String::new(); items.len()];
    for (pos, &item) in order.iter().enumerate() {
        let ext = if items[item].story.layout == Layout::Markdown {
            "md"
        } else {
            "txt"
        };
        path_of[item] = format!("{:03}/{:06}.{ext}", pos / 1000, pos);
    }
    let mut truth = Truth::default();
    let mut cluster_paths: Vec<Vec<String>> = vec![Vec::new(); groups];
    for (i, item) in items.iter().enumerate() {
        if let Some(gid) = item.group {
            cluster_paths[gid].push(path_of[i].clone());
        }
        match item.kind {
            Kind::Decoy => truth.decoys.push(path_of[i].clone()),
            Kind::Templated => truth.templated.push(path_of[i].clone()),
            Kind::Version(oi, kind, ei) => {
                let e = &edits[ei];
                let orig = &items[oi].story;
                let v = &item.story;
                let text_of = |s: &Story, id: u32| {
                    s.sents
                        .iter()
                        .find(|x| x.id == id)
                        .map(|x| render_toks(&x.toks, s.style))
                        .unwrap_or_default()
                };
                let added: Vec<String> = e.added.iter().map(|&id| text_of(v, id)).collect();
                let inserted_words = added.iter().map(|s| words_in(s)).sum::<usize>() + e.inserted;
                truth.pairs.push(PairTruth {
                    left: path_of[oi].clone(),
                    right: path_of[i].clone(),
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
                });
            }
            _ => {}
        }
    }
    truth.clusters = cluster_paths.into_iter().filter(|c| c.len() >= 2).collect();
    let mut articles: Vec<SynthArticle> = items
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
