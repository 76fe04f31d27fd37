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
    let mut w = fold(raw);
    if w.contains('.') && is_dotted_acronym(&w) {
        w.retain(|c| c != '.');
    }
    if w.contains(',')
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        w.retain(|c| c != ',');
    }
    american(w)
}

/// Lower case, straight apostrophes, accents and other combining marks removed.
fn fold(raw: &str) -> String {
    if raw
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let plain = raw.is_ascii();
    for c in raw.chars() {
        let c = match c {
            '’' | 'ʼ' | '‘' => '\'',
            c => c,
        };
        if plain {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for d in c.nfd() {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }
    }
    out
}

fn is_dotted_acronym(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    w.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// Maps a lower-case British spelling to the American one; other words pass through.
pub fn american(w: String) -> String {
    if !w.is_ascii() || w.len() < 4 {
        return w;
    }
    if let Some(us) = BRITISH.get(w.as_str()) {
        return (*us).to_string();
    }
    for rule in RULES {
        if let Some(stem) = w.strip_suffix(rule.uk)
            && stem.len() >= rule.min_stem
            && !rule.except.contains(&stem)
        {
            return format!("{stem}{}", rule.us);
        }
    }
    for suffix in DOUBLED_SUFFIXES {
        if let Some(doubled) = w.strip_suffix(suffix)
            && let Some(stem) = doubled.get(..doubled.len().saturating_sub(1))
            && doubled.len() >= 2
            && doubled.as_bytes()[doubled.len() - 1] == doubled.as_bytes()[doubled.len() - 2]
            && DOUBLED_FINAL.contains(&stem)
        {
            return format!("{stem}{suffix}");
        }
    }
    w
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
