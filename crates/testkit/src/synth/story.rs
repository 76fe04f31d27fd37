//! The raw material of generated stories: tokens, sentences, topics, and the
//! generator that writes them.

use super::words::*;

/// A piece of a sentence whose spelling depends on the house style.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    Text(String),
    Variant(usize),
    Acronym(usize),
    Number(u64),
    OpenQuote,
    CloseQuote,
}

#[derive(Clone, Debug)]
pub(crate) struct Sent {
    pub(crate) id: u32,
    pub(crate) toks: Vec<Tok>,
}

/// House style: how the variable pieces are spelled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Style {
    pub(crate) british: bool,
    pub(crate) curly: bool,
    pub(crate) dotted: bool,
    pub(crate) commas: bool,
}

impl Style {
    pub(crate) fn flipped(self) -> Style {
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
pub(crate) enum Layout {
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
pub(crate) struct Topic {
    pub(crate) country: &'static str,
    pub(crate) city: String,
    pub(crate) people: Vec<(&'static str, String)>,
    pub(crate) orgs: Vec<String>,
    pub(crate) nouns: Vec<&'static str>,
}

#[derive(Clone, Debug)]
pub(crate) struct Story {
    pub(crate) headline: Vec<Tok>,
    pub(crate) place: String,
    pub(crate) agency: &'static str,
    pub(crate) month: usize,
    pub(crate) day: u32,
    pub(crate) sents: Vec<Sent>,
    /// Sentences per paragraph.
    pub(crate) paras: Vec<usize>,
    pub(crate) credit: Option<String>,
    pub(crate) style: Style,
    pub(crate) layout: Layout,
}

pub(crate) struct Gen {
    pub(crate) rng: fastrand::Rng,
    pub(crate) next_sent: u32,
}

pub(crate) fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

impl Gen {
    /// A made-up proper name of two or three syllables: real news has a long tail
    /// of names that occur in few stories, and that tail is what tells stories apart.
    pub(crate) fn invented(&mut self) -> String {
        let n = self.rng.usize(2..=3);
        let mut w: String = (0..n).map(|_| *pick(&mut self.rng, SYLLABLES)).collect();
        if let Some(c) = w.get(..1) {
            let upper = c.to_uppercase();
            w.replace_range(..1, &upper);
        }
        w
    }

    pub(crate) fn topic(&mut self) -> Topic {
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

    pub(crate) fn fill(
        &mut self,
        template: &str,
        topic: &Topic,
        company: &mut Vec<String>,
    ) -> Vec<Tok> {
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

    pub(crate) fn sentence(&mut self, templates: &[&str], topic: &Topic) -> Sent {
        let t = *pick(&mut self.rng, templates);
        let toks = self.fill(t, topic, &mut Vec::new());
        self.next_sent += 1;
        Sent {
            id: self.next_sent,
            toks,
        }
    }

    pub(crate) fn paragraphs(&mut self, n: usize) -> Vec<usize> {
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

    pub(crate) fn style(&mut self) -> Style {
        let british = self.rng.bool();
        Style {
            british,
            curly: self.rng.bool(),
            dotted: !british || self.rng.bool(),
            commas: self.rng.u8(..4) > 0,
        }
    }

    pub(crate) fn layout(&mut self, not: Option<Layout>) -> Layout {
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

    pub(crate) fn story(&mut self, topic: &Topic, (lo, hi): (usize, usize)) -> Story {
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

    pub(crate) fn templated(&mut self, topic: &Topic) -> Story {
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
pub(crate) fn invented_name(rng: &mut fastrand::Rng) -> String {
    let n = rng.usize(2..=3);
    let mut w: String = (0..n).map(|_| *pick(rng, SYLLABLES)).collect();
    if let Some(c) = w.get(..1) {
        let upper = c.to_uppercase();
        w.replace_range(..1, &upper);
    }
    w
}

pub(crate) fn capitalise_first(toks: &mut [Tok]) {
    if let Some(Tok::Text(t)) = toks.first_mut()
        && let Some(c) = t.chars().next()
    {
        let upper: String = c.to_uppercase().collect();
        t.replace_range(..c.len_utf8(), &upper);
    }
}

pub(crate) fn group_thousands(n: u64) -> String {
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

pub(crate) fn render_toks(toks: &[Tok], style: Style) -> String {
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

pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
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
