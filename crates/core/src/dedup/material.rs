//! What version finding reads of an article: its shingles (hashed runs of normalised
//! words inside a sentence) and its figures in context.

use std::collections::HashMap;

use super::counts::Commonness;
use crate::article::{Article, TitleRule};
use crate::text::{normalize, sentences, tokens};

/// The shingles of an article: (hash, sentence index), sorted by hash, one entry
/// per hash (its first sentence); how many sentences it has; and its figures.
#[derive(Clone, Debug)]
pub(crate) struct Material {
    pub(crate) shingles: Vec<(u32, u16)>,
    pub(crate) sentences: usize,
    /// Figures in context: (hash of the two words before, hash of the figure),
    /// sorted.
    pub(crate) numbers: Vec<(u32, u32)>,
    /// Whether the article is a headline without a body.
    pub(crate) body_empty: bool,
    /// Sentences that hold any of `shingles`: worked out once per article, not
    /// once per pair it is in.
    pub(crate) informative: usize,
}

impl Material {
    /// The material without the shingles `common` says are stock phrases.
    pub(crate) fn uncommon(mut self, common: &impl Fn(u32) -> bool) -> Material {
        self.drop_common(common);
        self
    }

    /// Leaves out, in place, the shingles `common` says are stock phrases.
    pub(crate) fn drop_common(&mut self, common: &impl Fn(u32) -> bool) {
        self.shingles.retain(|s| !common(s.0));
        self.count_informative();
    }

    /// Leaves out, in place, the shingles `common`'s counts say are stock
    /// phrases (fetching the counters ahead, see [`Commonness::drop_from`]).
    pub(crate) fn drop_stock(&mut self, common: &Commonness) {
        common.drop_from(&mut self.shingles);
        self.count_informative();
    }

    /// Counts again the sentences that hold a shingle, after some were left out.
    fn count_informative(&mut self) {
        let mut seen = vec![0u64; self.sentences.max(1).div_ceil(64)];
        let mut n = 0;
        for &(_, sentence) in &self.shingles {
            let (word, bit) = (usize::from(sentence) / 64, sentence % 64);
            if word >= seen.len() {
                seen.resize(word + 1, 0);
            }
            if seen[word] & (1 << bit) == 0 {
                seen[word] |= 1 << bit;
                n += 1;
            }
        }
        self.informative = n;
    }
}

/// Whether the headline was written as one (not taken from the lead or the file
/// name), so that it can count as material.
pub(crate) fn has_real_headline(a: &Article) -> bool {
    !matches!(a.title_rule, TitleRule::Lead | TitleRule::FileName)
}

/// Hashes of normalised words, remembered by the raw word's hash: the same words
/// recur all through a corpus, and normalising is the costly part.
pub(crate) struct WordHashes {
    cache: HashMap<u64, u64, std::hash::BuildHasherDefault<KeyIsHash>>,
    buf: String,
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct KeyIsHash(u64);

impl std::hash::Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl WordHashes {
    /// An empty cache.
    pub(crate) fn new() -> Self {
        WordHashes {
            cache: HashMap::default(),
            buf: String::new(),
        }
    }

    fn of(&mut self, raw: &str) -> u64 {
        let key = xxhash_rust::xxh3::xxh3_64(raw.as_bytes());
        if let Some(&h) = self.cache.get(&key) {
            return h;
        }
        normalize::word_into(raw, &mut self.buf);
        let h = xxhash_rust::xxh3::xxh3_64(self.buf.as_bytes());
        if self.cache.len() >= 1 << 18 {
            self.cache.clear();
        }
        self.cache.insert(key, h);
        h
    }
}

/// A 64-bit finaliser: spreads the bits of a rolling hash before it is cut to 32.
pub(crate) fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Collects shingles and figures sentence by sentence.
struct Collector<'c> {
    k: usize,
    cache: &'c mut WordHashes,
    words: Vec<u64>,
    sentence: u16,
    shingles: Vec<(u32, u16)>,
    numbers: Vec<(u32, u32)>,
}

impl Collector<'_> {
    fn sentence(&mut self, text: &str) {
        self.words.clear();
        tokens::for_each(text, |r| {
            let raw = &text[r.clone()];
            let h = self.cache.of(raw);
            let value = number_word(raw);
            let digits = raw.bytes().any(|b| b.is_ascii_digit());
            if (digits && !continues_figure(text, r.start)) || value.is_some() {
                let n = self.words.len();
                let before = mix(self.words[n.saturating_sub(2)..]
                    .iter()
                    .fold(0x5eed, |acc, &w| mix(acc ^ w)));
                // A figure is compared as its value: `six` as `6`, and `6-1/16`
                // whole, not as the `6` it starts with.
                let figure = match value {
                    Some(v) => self.cache.of(v),
                    None => match figure_end(text, r.end) {
                        end if end > r.end => {
                            xxhash_rust::xxh3::xxh3_64(&text.as_bytes()[r.start..end])
                        }
                        _ => h,
                    },
                };
                self.numbers
                    .push(((before >> 32) as u32, (figure >> 32) as u32));
            }
            self.words.push(h);
        });
        if self.words.is_empty() {
            return;
        }
        // A polynomial rolling hash over the window, mixed once per shingle.
        const P: u64 = 0x100_0000_01b3;
        let width = self.k.min(self.words.len());
        let top = (1..width).fold(1u64, |acc, _| acc.wrapping_mul(P));
        let mut h = 0u64;
        for (i, &x) in self.words.iter().enumerate() {
            if i >= width {
                h = h.wrapping_sub(self.words[i - width].wrapping_mul(top));
            }
            h = h.wrapping_mul(P).wrapping_add(x);
            if i + 1 >= width {
                self.shingles.push(((mix(h) >> 32) as u32, self.sentence));
            }
        }
        self.sentence = self.sentence.saturating_add(1);
    }
}

/// Numbers written out, which count as figures as digits do (`two billion dlrs`),
/// with the value they are compared as; `one` is left out, being mostly a
/// pronoun, and `hundred` stands for itself (`two hundred` is not 100).
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("sixty", "60"),
    ("seventy", "70"),
    ("eighty", "80"),
    ("ninety", "90"),
    ("hundred", "hundred"),
];

/// The value a number word is compared as, if `raw` is one.
fn number_word(raw: &str) -> Option<&'static str> {
    let b = raw.as_bytes();
    // Every number word has three to seven letters and starts with one of these:
    // most words are let through on their length and first letter alone.
    if !((3..=7).contains(&b.len())
        && matches!(b[0] | 0x20, b't' | b'f' | b's' | b'e' | b'n' | b'h'))
    {
        return None;
    }
    NUMBER_WORDS
        .iter()
        .find(|w| w.0.eq_ignore_ascii_case(raw))
        .map(|w| w.1)
}

/// Whether the word at `start` carries on the figure before it (the `1` and `16`
/// of `6-1/16`): it follows a digit and a hyphen or slash.
fn continues_figure(text: &str, start: usize) -> bool {
    let b = &text.as_bytes()[..start];
    b.len() >= 2 && matches!(b[b.len() - 1], b'-' | b'/') && b[b.len() - 2].is_ascii_digit()
}

/// Where a figure ending at `end` ends with the fraction it carries (`6-1/16`,
/// `17-1/2`, `1/4`): past every hyphen or slash followed by a digit.
fn figure_end(text: &str, mut end: usize) -> usize {
    let b = text.as_bytes();
    while end + 1 < b.len() && matches!(b[end], b'-' | b'/') && b[end + 1].is_ascii_digit() {
        end += 1;
        while end < b.len() && (b[end].is_ascii_digit() || b[end] == b'.') {
            end += 1;
        }
    }
    end
}

/// Reads the material of `a` with shingles of `k` words.
pub(crate) fn material(a: &Article, k: usize, cache: &mut WordHashes) -> Material {
    let mut c = Collector {
        k,
        cache,
        words: Vec::with_capacity(64),
        sentence: 0,
        shingles: Vec::with_capacity(a.words as usize + 8),
        numbers: Vec::new(),
    };
    if has_real_headline(a) {
        c.sentence(&a.title);
    }
    for (p, pre) in a.paragraphs_marked() {
        if pre {
            c.sentence(p);
            continue;
        }
        for r in sentences::split(p) {
            c.sentence(&p[r]);
        }
    }
    let Collector {
        mut shingles,
        mut numbers,
        sentence,
        ..
    } = c;
    // One entry per hash, keeping the earliest sentence.
    shingles.sort_unstable();
    shingles.dedup_by_key(|s| s.0);
    numbers.sort_unstable();
    numbers.dedup();
    let mut m = Material {
        shingles,
        sentences: usize::from(sentence),
        numbers,
        body_empty: a.body.is_empty(),
        informative: 0,
    };
    m.count_informative();
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentences_holding_shingles_are_counted_again_when_some_go() {
        let text = "ACME BUYS WIDGET\n\nAcme Corp said it agreed to buy Widget Co. The price was not given by either company. Widget makes parts for farm machinery in Ohio.\n";
        let (articles, _) = crate::load::load_memory([("a.txt", text.as_bytes())]);
        let mut cache = WordHashes::new();
        let whole = material(&articles[0], 3, &mut cache);
        assert_eq!(whole.sentences, 4, "the headline and three sentences");
        assert_eq!(whole.informative, 4);
        // Every shingle of the second sentence is a stock phrase: three are left.
        let second: Vec<u32> = whole
            .shingles
            .iter()
            .filter(|s| s.1 == 2)
            .map(|s| s.0)
            .collect();
        assert!(!second.is_empty());
        let rest = whole.clone().uncommon(&|h| second.contains(&h));
        assert_eq!(rest.informative, 3);
        let none = whole.uncommon(&|_| true);
        assert_eq!(none.informative, 0);
    }
}
