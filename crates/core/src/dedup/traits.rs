//! What an article says about itself besides its words, for telling versions of
//! one story from look-alikes: the day it is dated, the companies it names by
//! ticker, and whether it says it corrects something.

use crate::article::{Article, DateOrigin};

/// The day a story is dated, as far as it says: a month and day, and the year if
/// known. A file's time is no story's date and gives none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StoryDay {
    year: Option<i16>,
    /// Month and day as `month * 31 + day`: only short distances matter.
    day: u16,
}

impl StoryDay {
    /// The day as one number, for keys.
    pub(crate) fn key(self) -> u64 {
        (u64::from(self.year.unwrap_or(0) as u16) << 16) | u64::from(self.day)
    }

    /// Days between two story days (a year apart or more counts as far apart).
    pub(crate) fn gap(self, other: StoryDay) -> u16 {
        match (self.year, other.year) {
            (Some(a), Some(b)) if a != b => u16::MAX,
            _ => self.day.abs_diff(other.day),
        }
    }
}

/// The traits of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Traits {
    /// Hashes of the tickers it names (`<GM>`, `<CSR.S>`), sorted.
    pub(crate) tickers: Vec<u32>,
    /// Whether it says it corrects something (`CORRECTED`, `corrects`).
    pub(crate) corrects: bool,
    /// The day its story is dated, if the article says.
    pub(crate) day: Option<StoryDay>,
    /// The headline's skeleton: its words with figures blanked and correction
    /// marks left out, hashed. Templated notices share one.
    pub(crate) skeleton: u64,
    /// The headline's words without figures, hashed and sorted, each once.
    pub(crate) headline_words: Vec<u32>,
    /// The headline's figures in order (a time, a date, an amount), hashed; 0
    /// when it has none.
    pub(crate) headline_figures: u64,
    /// The time of day the headline names ([`headline_time`]), 0 for none.
    pub(crate) time: u16,
    /// Words in the body.
    pub(crate) words: u32,
    /// The source's name, hashed, if it has one.
    pub(crate) source: Option<u64>,
}

/// The day `a`'s story is dated, if the article says (a file time does not).
pub(crate) fn story_day(a: &Article) -> Option<StoryDay> {
    match a.date_origin {
        DateOrigin::FileTime | DateOrigin::None => None,
        _ => a.date.map(|d| StoryDay {
            year: d.year(),
            day: u16::from(d.month()) * 31 + u16::from(d.day()),
        }),
    }
}

/// Reads the traits of every article, on every core: each phase of a run asks
/// for them, and they are read once.
pub(crate) fn all(articles: &[Article]) -> Vec<Traits> {
    use rayon::prelude::*;
    articles.par_iter().map(traits).collect()
}

/// Whether what an article writes in angle brackets is a ticker (`GM`,
/// `CSR.S`): up to twelve capitals, digits and dots, starting with a capital.
pub(crate) fn is_ticker(t: &str) -> bool {
    (1..=12).contains(&t.len())
        && t.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && t.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.')
}

/// Reads the traits of `a`.
pub(crate) fn traits(a: &Article) -> Traits {
    let day = story_day(a);
    let mut tickers = Vec::new();
    for text in [a.title.as_ref(), a.body.as_ref()] {
        let mut rest = text;
        while let Some(open) = rest.find('<') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('>') else { break };
            let t = &after[..close];
            if is_ticker(t) {
                tickers.push(xxhash_rust::xxh3::xxh3_64(t.as_bytes()) as u32);
            }
            rest = &after[close..];
        }
    }
    tickers.sort_unstable();
    tickers.dedup();
    let corrects = says_correction(&a.title, &a.body);
    Traits {
        tickers,
        corrects,
        day,
        skeleton: skeleton(&a.title),
        headline_words: headline_words(&a.title),
        headline_figures: headline_figures(&a.title),
        time: headline_time(&a.title),
        words: a.words,
        source: a
            .source
            .as_deref()
            .map(|s| xxhash_rust::xxh3::xxh3_64(s.to_lowercase().as_bytes())),
    }
}

/// The figures of a headline in order, hashed (0 when it has none): two
/// reports from one template at other times or on other days differ in them.
pub(crate) fn headline_figures(title: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut any = false;
    crate::text::tokens::for_each(title, |r| {
        let w = &title[r];
        if w.bytes().any(|b| b.is_ascii_digit()) {
            any = true;
            h.update(w.as_bytes());
            h.update(b" ");
        }
    });
    if any { h.digest() | 1 } else { 0 }
}

/// The time of day a headline names, as a market report's does (`RATES 1100`,
/// `OPENING`, `MIDDAY`, `CLOSING`, `1200 GMT`): one more than the minute of the
/// day for a clock time, past the day's minutes for a named session, 0 when it
/// names none. Reports from one template at other times are other reports.
pub(crate) fn headline_time(title: &str) -> u16 {
    const DAY: u16 = 24 * 60;
    let mut words: Vec<&str> = Vec::new();
    crate::text::tokens::for_each(title, |r| words.push(&title[r]));
    // Read for every article: words are matched without allocating.
    let is = |w: &str, names: &[&str]| names.iter().any(|n| w.eq_ignore_ascii_case(n));
    for (i, w) in words.iter().enumerate() {
        let named = if is(w, &["opening"]) {
            Some(1)
        } else if is(w, &["midday", "noon", "midsession"]) {
            Some(2)
        } else if is(w, &["closing"]) {
            Some(3)
        } else {
            None
        };
        if let Some(n) = named {
            return DAY + n;
        }
        let b = w.as_bytes();
        if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let (h, m) = (
            u16::from(b[0] - b'0') * 10 + u16::from(b[1] - b'0'),
            u16::from(b[2] - b'0') * 10 + u16::from(b[3] - b'0'),
        );
        // A year reads as a clock time only when a zone follows it.
        let zoned = words
            .get(i + 1)
            .is_some_and(|z| is(z, &["gmt", "est", "edt", "cst", "cdt", "bst", "local"]));
        let year = (19..=20).contains(&h);
        if h < 24 && m < 60 && (zoned || !year) {
            return h * 60 + m + 1;
        }
    }
    0
}

/// Whether two headline times ([`headline_time`]) are other times of day: two
/// clock times or two sessions that differ, or a clock time outside the hours
/// a session is reported in (a flash at 1343 is the midday report's).
pub(crate) fn other_times(a: u16, b: u16) -> bool {
    const DAY: u16 = 24 * 60;
    let minute = |h: u16, m: u16| h * 60 + m + 1;
    if a == 0 || b == 0 || a == b {
        return false;
    }
    let (clock, session) = match (a > DAY, b > DAY) {
        (false, true) => (a, b - DAY),
        (true, false) => (b, a - DAY),
        _ => return true,
    };
    let hours = match session {
        1 => minute(0, 0)..=minute(10, 30),
        2 => minute(11, 0)..=minute(14, 30),
        _ => minute(15, 0)..=minute(23, 59),
    };
    !hours.contains(&clock)
}

/// The words of a headline, figures left out, hashed and sorted.
fn headline_words(title: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut word = String::new();
    crate::text::tokens::for_each(title, |r| {
        crate::text::normalize::word_into(&title[r], &mut word);
        if !word.bytes().any(|b| b.is_ascii_digit()) && !SENDING_WORDS.contains(&word.as_str()) {
            out.push(xxhash_rust::xxh3::xxh3_64(word.as_bytes()) as u32);
        }
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// The share of two headlines' words they have in common (Jaccard).
pub(crate) fn headline_overlap(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let both = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    both as f64 / (a.len() + b.len() - both) as f64
}

/// How many articles have each headline skeleton: one shared by three or more is
/// a templated notice's (a daily repo flash, a dividend notice).
#[derive(Debug, Default)]
pub(crate) struct Skeletons(rustc_hash::FxHashMap<u64, u32>);

impl Skeletons {
    /// Counts the skeletons already read into `traits`.
    pub(crate) fn from_traits(traits: &[Traits]) -> Skeletons {
        let mut s = Skeletons::default();
        for t in traits {
            *s.0.entry(t.skeleton).or_default() += 1;
        }
        s
    }

    /// Counts more articles.
    pub(crate) fn add<'a>(&mut self, articles: impl Iterator<Item = &'a Article>) {
        for a in articles {
            *self.0.entry(skeleton(&a.title)).or_default() += 1;
        }
    }

    /// Whether headlines of this skeleton come from a template.
    pub(crate) fn templated(&self, skeleton: u64) -> bool {
        self.0.get(&skeleton).is_some_and(|&n| n >= 3)
    }
}

/// Words of a headline that say how it was sent, not what it says.
const SENDING_WORDS: &[&str] = &[
    "corrected",
    "correction",
    "repeat",
    "rpt",
    "update",
    "updated",
    "refiled",
];

/// A headline's words, figures blanked (`#`, one for a run such as `3-1/4`),
/// sending marks left out, hashed.
pub(crate) fn skeleton(title: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut word = String::new();
    let mut after_figure = false;
    crate::text::tokens::for_each(title, |r| {
        crate::text::normalize::word_into(&title[r], &mut word);
        if SENDING_WORDS.contains(&word.as_str()) {
            return;
        }
        let figure = word.bytes().any(|b| b.is_ascii_digit());
        if figure && after_figure {
            return;
        }
        after_figure = figure;
        h.update(if figure { b"#" } else { word.as_bytes() });
        h.update(b" ");
    });
    h.digest()
}

/// Whether an article says it corrects something: `CORRECTED`, `CORRECTS` or a
/// leading `CORRECTION -` in its headline; `(Corrects ...`, `Corrects ...` opening a
/// sentence, `corrected version` or `please read ... instead` in its body. A market's
/// "correction" is no such mark.
pub(crate) fn says_correction(title: &str, body: &str) -> bool {
    let t = title.to_uppercase();
    let word = |text: &str, w: &str| {
        text.match_indices(w).any(|(i, m)| {
            let before = text[..i].chars().next_back();
            let after = text[i + m.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
    };
    if word(&t, "CORRECTED") || word(&t, "CORRECTS") || t.contains("(CORRECTING") {
        return true;
    }
    let lead = t.trim_start_matches(['(', '<', ' ']);
    let opens = |w: &str| {
        lead.strip_prefix(w)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    };
    if opens("CORRECTION") || opens("CORRECTED") {
        return true;
    }
    // Every body mark below holds `orrect` or `lease read`; most bodies hold
    // neither, and are spared lowering.
    let hint = |w: &str| {
        memchr::memmem::find(body.as_bytes(), w.as_bytes()).is_some()
            || memchr::memmem::find(body.as_bytes(), w.to_uppercase().as_bytes()).is_some()
    };
    if !hint("orrect") && !hint("lease read") {
        return false;
    }
    let b = body.to_lowercase();
    b.strip_prefix("correction")
        .is_some_and(|rest| rest.trim_start().starts_with('-'))
        || b.contains("(corrects")
        || b.contains("(correcting")
        || b.contains("corrected version")
        || b.contains("note: corrects")
        || b.contains(". corrects ")
        || b.contains("\ncorrects ")
        || (b.contains("please read") && (b.contains(" instead of ") || b.contains(", not ")))
}

/// Whether two sets of tickers name different companies only (both name some,
/// and no ticker is in both).
pub(crate) fn other_parties(a: &[u32], b: &[u32]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|t| b.binary_search(t).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_names_a_time_of_day_or_none() {
        let t = headline_time;
        assert_eq!(t("LONDON DEPOSIT RATES 1100 - APRIL 7"), 11 * 60 + 1);
        assert_eq!(
            t("U.K. MONEY MARKET GIVEN HELP AT 1230 GMT"),
            12 * 60 + 30 + 1
        );
        assert_ne!(
            t("DEPOSIT RATES OPENING - APRIL 7"),
            t("DEPOSIT RATES CLOSING")
        );
        assert_ne!(t("DEPOSIT RATES OPENING"), 0);
        // A year is no time of day, unless a zone says it is; nor is a count.
        assert_eq!(t("TRADE DEFICIT SEEN NARROWING IN 1987"), 0);
        assert_eq!(t("FOREX DEALS AT 2000 GMT"), 20 * 60 + 1);
        assert_eq!(t("ACME TO CUT 4500 JOBS"), 0);
        assert_eq!(t("ACME RAISES DIVIDEND"), 0);
        // Two sessions, or a clock time outside a session's hours, differ.
        let open = t("RATES OPENING");
        let (midday, close) = (t("SHARES IN MIDDAY TRADE"), t("RATES CLOSING"));
        assert!(other_times(open, close) && other_times(t("RATES 1100"), t("RATES 1230")));
        assert!(other_times(t("RATES 1100"), open) && other_times(t("SEEDS 1330"), close));
        assert!(!other_times(t("INDEX PLUNGES AT 1343 LOCAL TIME"), midday));
        assert!(!other_times(open, open) && !other_times(open, 0));
    }

    fn article(text: &str) -> Article {
        let (mut a, _) = crate::load::load_memory([("a.txt", text.as_bytes())]);
        a.remove(0)
    }

    #[test]
    fn tickers_corrections_and_days() {
        let a = article(
            "CORRECTED - ACME <ACME.N> BUYS WIDGET <WDG>\n\nBOSTON, March 2 - Acme Corp said.\n",
        );
        let t = traits(&a);
        assert_eq!(t.tickers.len(), 2);
        assert!(t.corrects);
        let b = article("ACME <ACME.N> SEES PROFIT\n\nBOSTON, March 5 - It said so.\n");
        let u = traits(&b);
        assert!(!u.corrects);
        assert_eq!(t.day.unwrap().gap(u.day.unwrap()), 3);
        assert!(!other_parties(&t.tickers, &u.tickers));
        let c = article("OTHER <OTH> SEES PROFIT\n\nBOSTON, March 5 - It said so.\n");
        assert!(other_parties(&u.tickers, &traits(&c).tickers));
        // Figures and sending marks do not change a skeleton; words do.
        assert_eq!(
            skeleton("FED SETS TWO BILLION DLR REPURCHASE"),
            skeleton("FED SETS TWO BILLION DLR REPURCHASE")
        );
        assert_eq!(
            skeleton("BANKS RAISE RATES TO 3-1/4 PCT"),
            skeleton("CORRECTED - BANKS RAISE RATES TO 3 PCT")
        );
        assert_ne!(skeleton("ACME SEES PROFIT"), skeleton("OTHER SEES PROFIT"));
        // Not a correction: a word that only starts the same way, or a market's.
        let d = article("CORRECTIONAL FACILITY OPENS\n\nBOSTON, March 5 - It opened.\n");
        assert!(!traits(&d).corrects);
        let e = article(
            "STOCKS FALL\n\nNEW YORK, March 5 - Dealers called it a technical correction of overvalued shares.\n",
        );
        assert!(!traits(&e).corrects);
        let f = article(
            "ACME <ACM> YEAR NET\n\nBOSTON, March 5 - Shr 1.20 dlrs vs 1.10 dlrs.\n    (Corrects per share figure in March 4 item.)\n",
        );
        assert!(traits(&f).corrects);
    }
}
