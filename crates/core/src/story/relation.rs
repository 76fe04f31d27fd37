//! What kind of version one article is of another: the same text sent again, a
//! correction, an update that adds to it, a brief cut from it, or a rewrite in
//! other words. Decided on the two articles alone, so clusters read from a file
//! get their relations as well as the ones found here.

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::article::Article;
use crate::dedup::traits::says_correction;
use crate::text::tokens;

/// What kind of version a later article is of an earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The same text sent again (a re-send, `RPT`, `REPEAT`).
    Copy,
    /// Flagged as a correction, or the same text with figures changed.
    Correction,
    /// The later one holds most of the earlier and adds to it.
    Update,
    /// A short version contained in a longer one (a flash, a summary).
    Brief,
    /// The same report in other words.
    Rewrite,
}

impl Relation {
    /// The name people read, as in the JSON: `copy`, `correction`, …
    pub fn name(self) -> &'static str {
        match self {
            Relation::Copy => "copy",
            Relation::Correction => "correction",
            Relation::Update => "update",
            Relation::Brief => "brief",
            Relation::Rewrite => "rewrite",
        }
    }
}

impl std::fmt::Display for Relation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Similarity of word pairs at which two texts count as the same text.
const SAME_TEXT: f64 = 0.9;
/// Similarity at which a text with other figures is a corrected one.
const CORRECTED_TEXT: f64 = 0.7;
/// Share of the shorter text's word pairs in the longer at which it is contained.
const CONTAINED: f64 = 0.78;
/// The most the shorter may have of the longer's words to be a brief or update
/// rather than an edit of the same length.
const SHORTER: f64 = 0.8;

/// The words one side is compared on: the body, or the headline of an article
/// without one (a flash, a headline-only brief).
fn compared_text(a: &Article) -> &str {
    if a.body.trim().is_empty() {
        &a.title
    } else {
        &a.body
    }
}

/// A word of a text: the hash of its lower-cased form (figures are compared by
/// it too), and whether it is a figure.
struct Word {
    hash: u64,
    figure: bool,
}

/// The hash that stands for every figure in the comparison but for figures.
const FIGURE: u64 = 0x9e37_79b9_7f4a_7c15;

/// The words of a text, in order.
fn words(text: &str) -> Vec<Word> {
    let mut buf = String::new();
    let mut out = Vec::with_capacity(text.len() / 6);
    tokens::for_each(text, |r| {
        let raw = &text[r];
        let hash = if raw.is_ascii() {
            // Most wire copy: hashed as lowered, a word at a time.
            ascii_folded_hash(raw.as_bytes())
        } else {
            buf.clear();
            buf.extend(raw.chars().flat_map(char::to_lowercase));
            xxhash_rust::xxh3::xxh3_64(buf.as_bytes())
        };
        let figure = is_figure(raw);
        out.push(Word { hash, figure });
    });
    out
}

/// The hash of an ASCII word as if lowered, eight bytes at a time without
/// lowering it first. The bytes and the length are mixed in, so two words
/// hash alike only by chance; a word of up to eight bytes never collides
/// with another of that length (the mixing is a bijection). Non-ASCII words
/// are hashed another way, and never meet these as the same word.
fn ascii_folded_hash(w: &[u8]) -> u64 {
    let mut h = (w.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for chunk in w.chunks(8) {
        let mut x = 0u64;
        for (i, &b) in chunk.iter().enumerate() {
            let lowered = b | (u8::from(b.is_ascii_uppercase()) << 5);
            x |= u64::from(lowered) << (8 * i);
        }
        h = crate::dedup::material::mix(h.rotate_left(23) ^ x);
    }
    h
}

/// Numbers written out, which a correction changes as it changes digits
/// (`THREE PCT` to `3-1/4 PCT`).
const NUMBER_WORDS: [&str; 16] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "hundred", "half", "quarter",
];

/// Whether a word is a figure: it has a digit, or is a number written out.
pub(crate) fn is_figure(w: &str) -> bool {
    let b = w.as_bytes();
    b.iter().any(u8::is_ascii_digit)
        // Only a word of three to seven letters starting as a number word does
        // can be one: most words are let through on their length and first letter.
        || ((3..=7).contains(&b.len())
            && matches!(b[0] | 0x20, b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'h' | b'q')
            && NUMBER_WORDS.iter().any(|n| n.eq_ignore_ascii_case(w)))
}

/// The figures of a text, each as its lowered form's hash with how often it
/// is written, sorted by hash.
fn figures(words: &[Word]) -> Vec<(u64, u32)> {
    let mut all: Vec<u64> = words.iter().filter(|w| w.figure).map(|w| w.hash).collect();
    all.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(all.len());
    for h in all {
        match out.last_mut() {
            Some((last, n)) if *last == h => *n += 1,
            _ => out.push((h, 1)),
        }
    }
    out
}

/// Whether `x` has a figure more often than `y` does (or one `y` lacks).
fn has_more(x: &[(u64, u32)], y: &[(u64, u32)]) -> bool {
    x.iter()
        .any(|&(h, n)| match y.binary_search_by_key(&h, |f| f.0) {
            Ok(i) => y[i].1 < n,
            Err(_) => true,
        })
}

/// The figures of a text in the order written, as their lowered forms' hashes.
fn in_order<'w>(words: &'w [Word]) -> impl Iterator<Item = u64> + 'w {
    words.iter().filter(|w| w.figure).map(|w| w.hash)
}

/// The word hashes with every run of figures replaced by one placeholder
/// (`3-1/4` is three words, `three` one), or as they are.
fn hashes(words: &[Word], mask: bool) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::with_capacity(words.len());
    for w in words {
        if !mask || !w.figure {
            out.push(w.hash);
        } else if out.last() != Some(&FIGURE) {
            out.push(FIGURE);
        }
    }
    out
}

/// The set of neighbouring word pairs, as sorted hashes.
fn pairs(hashes: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = match hashes.len() {
        0 => Vec::new(),
        1 => vec![hashes[0]],
        _ => hashes
            .windows(2)
            .map(|w| w[0].rotate_left(17) ^ w[1].wrapping_mul(0xff51_afd7_ed55_8ccd))
            .collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity and containment of two sorted sets.
fn overlap(pa: &[u64], pb: &[u64]) -> (f64, f64) {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < pa.len() && j < pb.len() {
        match pa[i].cmp(&pb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = pa.len() + pb.len() - shared;
    let smaller = pa.len().min(pb.len());
    let similarity = if union == 0 {
        1.0
    } else {
        shared as f64 / union as f64
    };
    let containment = if smaller == 0 {
        0.0
    } else {
        shared as f64 / smaller as f64
    };
    (similarity, containment)
}

/// How alike two texts are, measured once for the relation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Likeness {
    /// Jaccard similarity of their word pairs.
    pub similarity: f64,
    /// Share of the shorter one's word pairs found in the other.
    pub containment: f64,
    /// Jaccard similarity with every figure taken as the same word: the same
    /// text but for its figures scores 1.
    pub similarity_but_figures: f64,
    /// Whether each has a figure the other does not, or the same figures stand
    /// in another order (swapped).
    pub figures_changed: bool,
}

/// A text as relations compare it, read once for every pair it is in (a story's
/// first version is set against each of the others).
pub struct Read<'t> {
    text: &'t str,
    words: Vec<Word>,
    /// Its word pairs.
    pairs: Vec<u64>,
    /// Its word pairs with figures as one placeholder, read when figures
    /// changed (most pairs of versions keep theirs).
    masked: std::sync::OnceLock<Vec<u64>>,
    figures: Vec<(u64, u32)>,
    /// The word pairs of each sentence of three pairs or more, read when an
    /// update is told from a rewrite.
    sentences: std::sync::OnceLock<Vec<Vec<u64>>>,
}

impl<'t> Read<'t> {
    /// Reads `text`.
    pub fn of(text: &'t str) -> Read<'t> {
        let words = words(text);
        Read {
            text,
            pairs: pairs(&hashes(&words, false)),
            masked: std::sync::OnceLock::new(),
            figures: figures(&words),
            words,
            sentences: std::sync::OnceLock::new(),
        }
    }

    fn masked(&self) -> &[u64] {
        self.masked
            .get_or_init(|| pairs(&hashes(&self.words, true)))
    }

    fn sentences(&self) -> &[Vec<u64>] {
        self.sentences.get_or_init(|| {
            let mut out = Vec::new();
            for para in self.text.split('\n') {
                for r in crate::text::sentences::split(para) {
                    let mine = pairs(&hashes(&words(&para[r]), false));
                    if mine.len() >= 3 {
                        out.push(mine);
                    }
                }
            }
            out
        })
    }
}

/// Measures how alike two texts are.
pub fn likeness(a: &str, b: &str) -> Likeness {
    let (a, b) = (Read::of(a), Read::of(b));
    let mut like = likeness_read(&a, &b);
    like.similarity_but_figures = overlap(a.masked(), b.masked()).0;
    like
}

/// Measures how alike two read texts are; the similarity but figures only
/// when the figures changed (it is 0 otherwise), the only case it is asked.
fn likeness_read(a: &Read, b: &Read) -> Likeness {
    let (similarity, containment) = overlap(&a.pairs, &b.pairs);
    let (fa, fb) = (&a.figures, &b.figures);
    let figures_changed = (has_more(fa, fb) && has_more(fb, fa))
        || (fa == fb && !in_order(&a.words).eq(in_order(&b.words)));
    Likeness {
        similarity,
        containment,
        similarity_but_figures: if figures_changed {
            overlap(a.masked(), b.masked()).0
        } else {
            0.0
        },
        figures_changed,
    }
}

/// Whether `a` comes before `b`: by date where both have one, else by their
/// place in the store (files named in order of arrival, as wire copy is).
pub fn earlier(a: &Article, b: &Article) -> bool {
    match (a.date, b.date) {
        (Some(x), Some(y)) if x != y => x < y,
        _ => a.id < b.id,
    }
}

/// Whether an article marks itself as a correction.
pub fn is_correction(a: &Article) -> bool {
    says_correction(&a.title, &a.body)
}

/// An article read for relations: its compared text read once, and whether it
/// marks itself as a correction.
pub struct Version<'a> {
    article: &'a Article,
    /// Shared by the versions of one story whose compared texts are the same.
    read: std::sync::Arc<Read<'a>>,
    flagged: bool,
}

impl<'a> Version<'a> {
    /// Reads `article` for the relations it is in.
    pub fn of(article: &'a Article) -> Version<'a> {
        Version {
            article,
            read: std::sync::Arc::new(Read::of(compared_text(article))),
            flagged: is_correction(article),
        }
    }

    /// Reads each of `articles` (none stays none), reading a text that an
    /// earlier one has word for word only once: a story's copies and re-sends
    /// share one reading.
    pub fn all(
        articles: impl IntoIterator<Item = Option<&'a Article>>,
    ) -> Vec<Option<Version<'a>>> {
        let mut by_text: HashMap<&'a str, std::sync::Arc<Read<'a>>> = HashMap::default();
        articles
            .into_iter()
            .map(|a| {
                let article = a?;
                let text = compared_text(article);
                let read = by_text
                    .entry(text)
                    .or_insert_with(|| std::sync::Arc::new(Read::of(text)))
                    .clone();
                Some(Version {
                    article,
                    read,
                    flagged: is_correction(article),
                })
            })
            .collect()
    }

    /// The article read.
    pub fn article(&self) -> &'a Article {
        self.article
    }

    /// Whether the article marks itself as a correction.
    pub fn flagged(&self) -> bool {
        self.flagged
    }
}

/// What kind of version `later` is of `earlier`, decided on their texts alone.
pub fn between(earlier: &Article, later: &Article) -> Relation {
    between_read(&Version::of(earlier), &Version::of(later))
}

/// [`between`] on versions already read.
pub fn between_read(e: &Version, l: &Version) -> Relation {
    let (earlier, later) = (e.article, l.article);
    let flagged = (e.flagged, l.flagged);
    let like = likeness_read(&e.read, &l.read);
    // A correction sent twice is two copies; one flagged and one not is the
    // correction of the other.
    if flagged.0 && flagged.1 && like.similarity >= SAME_TEXT && !like.figures_changed {
        return Relation::Copy;
    }
    if flagged.0 || flagged.1 {
        return Relation::Correction;
    }
    let (ea, eb) = (earlier.body.trim().is_empty(), later.body.trim().is_empty());
    if ea != eb {
        // A headline without a body and the story it heads.
        return Relation::Brief;
    }
    if like.similarity >= SAME_TEXT {
        return if like.figures_changed {
            Relation::Correction
        } else {
            Relation::Copy
        };
    }
    if like.figures_changed
        && (like.similarity >= CORRECTED_TEXT || like.similarity_but_figures >= SAME_TEXT)
    {
        return Relation::Correction;
    }
    if like.containment >= CONTAINED {
        let (we, wl) = (f64::from(earlier.words), f64::from(later.words));
        if wl < we * SHORTER {
            return Relation::Brief;
        }
        // An update keeps the earlier text and adds to it; a longer version
        // that rewrote much of the earlier one is a rewrite.
        let kept = sentences_kept(&e.read, &l.read);
        if (we < wl * SHORTER || wl > we) && kept >= KEPT_BY_UPDATE {
            return Relation::Update;
        }
    }
    Relation::Rewrite
}

/// Share of the earlier text's sentences an update keeps (most of their word
/// pairs found in the later text).
const KEPT_BY_UPDATE: f64 = 0.75;

/// Share of the sentences of `earlier` whose word pairs are mostly (four in
/// five) in `later`.
fn sentences_kept(earlier: &Read, later: &Read) -> f64 {
    let theirs = &later.pairs;
    let mine = earlier.sentences();
    if mine.is_empty() {
        return 1.0;
    }
    let kept = mine
        .iter()
        .filter(|sentence| {
            let found = sentence
                .iter()
                .filter(|p| theirs.binary_search(p).is_ok())
                .count();
            found * 5 >= sentence.len() * 4
        })
        .count();
    kept as f64 / mine.len() as f64
}

/// The relation of two articles given in either order: the earlier one first.
pub fn of_pair(a: &Article, b: &Article) -> Relation {
    of_pair_read(&Version::of(a), &Version::of(b))
}

/// [`of_pair`] on versions already read.
pub fn of_pair_read(a: &Version, b: &Version) -> Relation {
    if earlier(a.article, b.article) {
        between_read(a, b)
    } else {
        between_read(b, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles from texts, named `000.txt`, `001.txt`, … so they keep their order.
    fn articles(texts: &[&str]) -> Vec<Article> {
        let names: Vec<String> = (0..texts.len()).map(|i| format!("{i:03}.txt")).collect();
        let (a, _) = crate::load::load_memory(
            names
                .iter()
                .zip(texts)
                .map(|(n, t)| (n.as_str(), t.as_bytes())),
        );
        assert_eq!(a.len(), texts.len());
        a
    }

    const STORY: &str = "SHIPPING STRIKE ENDS IN ROTTERDAM\n\nROTTERDAM, March 3 - Dock workers in Rotterdam ended a strike on Tuesday after the port employers agreed to keep 350 jobs they had planned to cut, the union said.\n\nThe strike had held up container traffic for nine days and cost the port some 40 mln guilders, officials said.";

    #[test]
    fn words_hash_alike_whatever_their_case_and_apart_when_they_differ() {
        let h = |w: &str| words(w)[0].hash;
        assert_eq!(h("Acme"), h("ACME"));
        assert_eq!(h("international"), h("INTERNATIONAL"));
        assert_ne!(h("acme"), h("acmf"));
        // Past the first eight bytes, and by length alone.
        assert_ne!(h("internationale"), h("internationalf"));
        assert_ne!(h("ab"), h("abc"));
        assert_eq!(h("Zürich"), h("ZÜRICH"));
    }

    #[test]
    fn versions_read_together_share_a_reading_of_one_text_and_relate_as_read_alone() {
        let resent = STORY.replace("SHIPPING STRIKE ENDS", "RPT - SHIPPING STRIKE ENDS");
        let changed = STORY.replace("350 jobs", "530 jobs");
        let corrected = format!("{STORY}\n\nNOTE: corrects the number of days.");
        let a = articles(&[STORY, &resent, &changed, STORY, &corrected]);
        let read = Version::all(a.iter().map(Some).chain([None]));
        assert_eq!(read.len(), 6);
        assert!(read[5].is_none());
        let v: Vec<&Version> = read.iter().flatten().collect();
        // One body under two headlines is one text; the changed figure is another.
        assert!(std::sync::Arc::ptr_eq(&v[0].read, &v[1].read));
        assert!(std::sync::Arc::ptr_eq(&v[0].read, &v[3].read));
        assert!(!std::sync::Arc::ptr_eq(&v[0].read, &v[2].read));
        for (i, later) in v.iter().enumerate().skip(1) {
            assert_eq!(
                of_pair_read(v[0], later),
                of_pair(&a[0], &a[i]),
                "version {i}"
            );
        }
        assert_eq!(of_pair_read(v[0], v[4]), Relation::Correction);
        assert_eq!(of_pair_read(v[0], v[2]), Relation::Correction);
        assert_eq!(of_pair_read(v[0], v[1]), Relation::Copy);
    }

    #[test]
    fn the_same_text_again_is_a_copy_and_with_a_figure_changed_a_correction() {
        let changed = STORY.replace("350 jobs", "530 jobs");
        let a = articles(&[STORY, STORY, &changed]);
        assert_eq!(of_pair(&a[0], &a[1]), Relation::Copy);
        assert_eq!(of_pair(&a[0], &a[2]), Relation::Correction);
    }

    #[test]
    fn a_flagged_correction_is_one_whatever_its_text() {
        let flagged = STORY.replacen("SHIPPING STRIKE", "CORRECTED - SHIPPING STRIKE", 1);
        let a = articles(&[STORY, &flagged]);
        assert_eq!(of_pair(&a[0], &a[1]), Relation::Correction);
    }

    #[test]
    fn longer_later_is_an_update_shorter_later_a_brief_and_other_words_a_rewrite() {
        let longer = format!(
            "{STORY}\n\nShipping lines said they expected the backlog of 12,000 containers to clear by the end of next week, and that no ships would be turned away.\n\nThe union said it would hold a vote on the agreement on Friday."
        );
        let short = "SHIPPING STRIKE ENDS\n\nROTTERDAM, March 3 - Dock workers in Rotterdam ended a strike on Tuesday after the port employers agreed to keep 350 jobs they had planned to cut, the union said.";
        let other = "ROTTERDAM DOCKERS GO BACK TO WORK\n\nROTTERDAM, March 3 - Port workers returned to their posts after nine days off the job, once employers dropped a plan to shed 350 posts, according to union leaders.";
        let a = articles(&[STORY, &longer, short, other]);
        assert_eq!(between(&a[0], &a[1]), Relation::Update);
        assert_eq!(between(&a[1], &a[2]), Relation::Brief);
        assert_eq!(between(&a[0], &a[3]), Relation::Rewrite);
    }

    #[test]
    fn a_headline_without_a_body_is_a_brief_and_briefs_compare_on_headlines() {
        let a = articles(&[
            "RATE CUT TO THREE PCT\n\n",
            "RATE CUT TO THREE PCT\n\n",
            "RATE CUT TO 3-1/4 PCT\n\n",
            STORY,
        ]);
        assert_eq!(between(&a[0], &a[1]), Relation::Copy);
        assert_eq!(between(&a[1], &a[2]), Relation::Correction);
        assert_eq!(between(&a[0], &a[3]), Relation::Brief);
    }
}
