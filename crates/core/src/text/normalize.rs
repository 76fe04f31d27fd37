//! Normalisation of words for comparison only: what an editor reads as the same word
//! becomes the same string. The original text is always what is shown.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::spelling::{DOUBLED_FINAL, DOUBLED_SUFFIXES, RULES, WORDS};

static BRITISH: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| WORDS.iter().copied().collect());

/// The comparison form of one word (a token from [`super::tokens`]): lower case,
/// straight apostrophes, no accents, no dots in acronyms (`U.N.` is `un`), no
/// thousands separators (`1,600` is `1600`), American spelling.
pub fn word(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    word_into(raw, &mut out);
    out
}

/// [`word`] written into `out` (cleared first), to spare an allocation per word.
pub fn word_into(raw: &str, out: &mut String) {
    out.clear();
    fold_into(raw, out);
    if out.contains('.') && is_dotted_acronym(out) {
        out.retain(|c| c != '.');
    }
    if out.contains(',')
        && out
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        out.retain(|c| c != ',');
    }
    if let Some(us) = american_of(out) {
        out.clear();
        out.push_str(&us);
    }
}

/// Lower case, straight apostrophes, accents and other combining marks removed.
fn fold_into(raw: &str, out: &mut String) {
    if raw.is_ascii() {
        out.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in raw.chars() {
        let c = match c {
            '’' | 'ʼ' | '‘' => '\'',
            c => c,
        };
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for d in c.nfd() {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }
    }
}

fn is_dotted_acronym(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    w.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// The American spelling of a lower-case British word, if it has one.
fn american_of(w: &str) -> Option<String> {
    if !w.is_ascii() || w.len() < 4 {
        return None;
    }
    if let Some(us) = BRITISH.get(w) {
        return Some((*us).to_string());
    }
    for rule in RULES {
        if let Some(stem) = w.strip_suffix(rule.uk)
            && stem.len() >= rule.min_stem
            && !rule.except.contains(&stem)
        {
            return Some(format!("{stem}{}", rule.us));
        }
    }
    for suffix in DOUBLED_SUFFIXES {
        if let Some(doubled) = w.strip_suffix(suffix)
            && doubled.len() >= 2
            && doubled.as_bytes()[doubled.len() - 1] == doubled.as_bytes()[doubled.len() - 2]
            && DOUBLED_FINAL.contains(&&doubled[..doubled.len() - 1])
        {
            return Some(format!("{}{suffix}", &doubled[..doubled.len() - 1]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::word;

    #[test]
    fn variants_meet() {
        for (a, b) in [
            ("U.N.", "UN"),
            ("U.S", "us"),
            ("favourable", "favorable"),
            ("organised", "organized"),
            ("organisation", "organization"),
            ("behaviour", "behavior"),
            ("Colours", "colors"),
            ("honoured", "honored"),
            ("centre", "center"),
            ("centres", "centers"),
            ("programme", "program"),
            ("defence", "defense"),
            ("travelled", "traveled"),
            ("cancelling", "canceling"),
            ("counsellor", "counselor"),
            ("worshipped", "worshiped"),
            ("analysed", "analyzed"),
            ("paralyse", "paralyze"),
            ("fibre", "fiber"),
            ("1,600", "1600"),
            ("Russia’s", "russia's"),
            ("Zürich", "zurich"),
            ("café", "cafe"),
        ] {
            assert_eq!(word(a), word(b), "{a} / {b}");
        }
    }

    #[test]
    fn different_words_stay_apart() {
        for (a, b) in [
            ("four", "for"),
            ("hour", "hor"),
            ("your", "yor"),
            ("rise", "rize"),
            ("advertising", "advertizing_not"),
            ("called", "caled"),
            ("filled", "filed"),
            ("string", "stering"),
            ("hatred", "hatered"),
            ("crises", "crizes"),
            ("1,600", "1.600"),
            ("Sochi", "Sotchi"),
        ] {
            assert_ne!(word(a), word(b), "{a} / {b}");
        }
        assert_eq!(word("advertising"), "advertising");
        assert_eq!(word("promise"), "promise");
    }
}
