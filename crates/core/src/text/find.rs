//! Finding words in text the way a reader means them: case and accents ignored,
//! in composed or decomposed form alike, and every hit given as a byte range of
//! the text as written, so that highlighting shows it unchanged (`Café` stays
//! `Café`, combining accent and all).

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` folded (lower case, accents off), each folded character with the byte
/// range of `text` it came from; combining marks join the character before.
fn folded(text: &str) -> (Vec<char>, Vec<Range<usize>>) {
    let mut chars = Vec::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_combining_mark(c) {
            if let Some(last) = from.last_mut() {
                let last: &mut Range<usize> = last;
                last.end = end;
            }
            continue;
        }
        for d in c.nfd().filter(|d| !is_combining_mark(*d)) {
            for l in d.to_lowercase().filter(|l| !is_combining_mark(*l)) {
                chars.push(l);
                from.push(i..end);
            }
        }
    }
    (chars, from)
}

/// `needle` folded for [`find_all`] (lower case, accents off).
pub fn fold(needle: &str) -> String {
    folded(needle).0.into_iter().collect()
}

/// Every place `needle` occurs in `text`, case and accents ignored, as byte
/// ranges of `text` that never overlap; none for an empty needle.
pub fn find_all(text: &str, needle: &str) -> Vec<Range<usize>> {
    find_in(text, &fold(needle))
}

/// [`find_all`] with the needle folded already (by [`fold`]): for finding one
/// needle in many lines.
pub fn find_in(text: &str, want: &str) -> Vec<Range<usize>> {
    if want.is_empty() {
        return Vec::new();
    }
    // ASCII folds to its lower case byte for byte, so a long article is searched
    // without folding it character by character on every keystroke.
    if text.is_ascii() && want.is_ascii() {
        let hay: Vec<u8> = text.bytes().map(|b| b.to_ascii_lowercase()).collect();
        let finder = memchr::memmem::Finder::new(want.as_bytes());
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(at) = finder.find(&hay[i..]) {
            let start = i + at;
            out.push(start..start + want.len());
            i = start + want.len();
        }
        return out;
    }
    find_folded(text, want)
}

/// [`find_all`] for any text, `want` folded already: the text folded character by
/// character.
fn find_folded(text: &str, want: &str) -> Vec<Range<usize>> {
    let want: Vec<char> = want.chars().collect();
    let (hay, from) = folded(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i + want.len() <= hay.len() {
        if hay[i..i + want.len()] == want[..] {
            out.push(from[i].start..from[i + want.len() - 1].end);
            i += want.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_never_matter() {
        assert_eq!(find_all("ZURICH and Zürich", "zürich"), [0..6, 11..18]);
        let decomposed = "Cafe\u{301} society";
        let hits = find_all(decomposed, "cafe");
        assert_eq!(&decomposed[hits[0].clone()], "Cafe\u{301}");
        assert_eq!(find_all("Café", "CAFE\u{301}"), vec![0..5]);
        assert!(find_all("abc", "").is_empty());
        assert_eq!(find_all("aaaa", "aa"), [0..2, 2..4]);
    }

    #[test]
    fn ascii_text_is_found_as_the_folding_finds_it() {
        let texts = [
            "The River kept RISING, and the river rose.",
            "aaaaa",
            "",
            "x",
            "ab ab  AB\tab\nAb",
        ];
        for text in texts {
            for needle in [
                "river", "RIVER", "a", "aa", "ab", "AB a", "é", "rivér", "x", " ",
            ] {
                assert_eq!(
                    find_all(text, needle),
                    find_folded(text, &fold(needle)),
                    "{text:?} {needle:?}"
                );
            }
        }
        assert_eq!(find_all("The River", "rivér"), vec![(4..9)]);
    }
}
