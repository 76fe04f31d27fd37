//! Crude stems of normalised words, so that a headline and the story it heads
//! meet on a word written in another form (`CHARGES` and `charged`, `VIOLATIONS`
//! and `violated`, `profit` and `profits`). Only for matching words; never shown.

/// Endings cut from a word, longest first; a stem keeps at least
/// [`LEAST_STEM`] letters.
const ENDINGS: &[&str] = &[
    "ations", "ating", "ation", "ated", "ates", "ements", "ement", "ments", "ment", "ings", "ing",
    "ions", "ion", "ies", "ied", "ers", "ure", "er", "ed", "es", "ly", "s", "e",
];

/// The fewest letters a stem keeps: shorter words are names or acronyms.
const LEAST_STEM: usize = 4;

/// The stem of a normalised word (lower case, as [`crate::text::normalize`]
/// gives it), written into `out`: a possessive `'s` and one ending left out. A
/// figure is kept as it is.
pub(crate) fn stem_into(word: &str, out: &mut String) {
    out.clear();
    let word = word.strip_suffix("'s").unwrap_or(word);
    if word.bytes().any(|b| b.is_ascii_digit()) || !word.is_ascii() {
        out.push_str(word);
        return;
    }
    let cut = ENDINGS
        .iter()
        .find(|e| word.len() >= e.len() + LEAST_STEM && word.ends_with(*e))
        .map_or(0, |e| e.len());
    out.push_str(&word[..word.len() - cut]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(w: &str) -> String {
        let mut out = String::new();
        stem_into(w, &mut out);
        out
    }

    #[test]
    fn forms_of_one_word_meet_and_short_words_and_figures_stay() {
        for (a, b) in [
            ("charges", "charged"),
            ("violations", "violated"),
            ("disclosure", "disclose"),
            ("disbursements", "disbursement"),
            ("profits", "profit"),
            ("delayed", "delays"),
            ("campeau's", "campeau"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
        assert_ne!(stem("loans"), stem("lower"));
        assert_eq!(stem("gms"), "gms");
        assert_eq!(stem("us"), "us");
        assert_eq!(stem("157.4s"), "157.4s");
    }
}
