//! Typo-level edits: a word changed by a letter or two where the rest of the
//! sentence agrees (`Sotchi` → `Sochi`), or a word split and rejoined by stray
//! punctuation (`Quote: d` → `quoted`). They are shown dim and not counted as
//! rewrites. A changed figure, negation, magnitude, direction or date is never one,
//! nor a name that is a different name.

use rustc_hash::FxHashSet as HashSet;

use super::units::Unit;

/// Words whose change always matters, however few letters it takes.
const NEVER_TYPOS: &[&str] = &[
    "no",
    "not",
    "nor",
    "never",
    "none",
    "neither",
    "cannot",
    "can't",
    "won't",
    "without",
    "nothing",
    "nobody",
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "mln",
    "bln",
    "pct",
    "percent",
    "east",
    "west",
    "north",
    "south",
    "more",
    "less",
    "most",
    "least",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "before",
    "after",
    "above",
    "below",
];

/// The words each side of a comparison uses anywhere, to tell a misspelt name (the
/// other spelling is used elsewhere too) from a different name.
#[derive(Default)]
pub(crate) struct Lexicon {
    left: HashSet<u32>,
    right: HashSet<u32>,
}

impl Lexicon {
    /// The words of both bodies.
    pub(crate) fn of(l: &[Unit], r: &[Unit]) -> Lexicon {
        let words = |units: &[Unit]| units.iter().flat_map(|u| u.ids.iter().copied()).collect();
        Lexicon {
            left: words(l),
            right: words(r),
        }
    }
}

/// One changed run of a pair: the words as written and their ids, on each side.
pub(crate) struct Change<'a> {
    /// Left words.
    pub(crate) left: Vec<&'a str>,
    /// Their ids.
    pub(crate) left_ids: Vec<u32>,
    /// Right words.
    pub(crate) right: Vec<&'a str>,
    /// Their ids.
    pub(crate) right_ids: Vec<u32>,
}

/// Whether a changed run is typo-level: one word for one with a slip of one or two
/// letters, or words split or joined by stray punctuation.
pub(crate) fn is_typo(c: &Change<'_>, lex: &Lexicon) -> bool {
    let letters = |words: &[&str]| -> String {
        words
            .iter()
            .flat_map(|w| w.chars())
            .filter(|ch| ch.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (letters(&c.left), letters(&c.right));
    if a.is_empty() || b.is_empty() || a.chars().chain(b.chars()).any(|ch| ch.is_numeric()) {
        return false;
    }
    let protected = |words: &[&str]| {
        words
            .iter()
            .any(|w| NEVER_TYPOS.contains(&w.to_lowercase().as_str()))
    };
    if protected(&c.left) || protected(&c.right) {
        return false;
    }
    if c.left.len() + c.right.len() > 2 {
        // Split or joined: `Quote: d` and `quoted`, `air port` and `airport`.
        return c.left.len() <= 3 && c.right.len() <= 3 && a == b;
    }
    let longest = a.chars().count().max(b.chars().count());
    let slips = strsim::osa_distance(&a, &b);
    if a.chars().count().min(b.chars().count()) < 4 || slips == 0 || slips * 3 > longest {
        return false;
    }
    // A word that changes at its start is another word (`includes` and `excludes`,
    // `import` and `export`); slips of the keys fall further in.
    if a.chars().next() != b.chars().next() {
        return false;
    }
    // A name is misspelt only if the other spelling is in use too: `Jones` and
    // `Jonas` are two people unless the text spells the one as the other elsewhere.
    let name = |w: &str| w.starts_with(|ch: char| ch.is_uppercase());
    if name(c.left[0]) || name(c.right[0]) {
        return lex.left.contains(&c.right_ids[0]) || lex.right.contains(&c.left_ids[0]);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typo(left: &[&str], right: &[&str]) -> bool {
        let c = Change {
            left: left.to_vec(),
            left_ids: (0..left.len() as u32).collect(),
            right: right.to_vec(),
            right_ids: (100..100 + right.len() as u32).collect(),
        };
        is_typo(&c, &Lexicon::default())
    }

    #[test]
    fn slips_of_the_keys_are_typos() {
        assert!(typo(&["goverment"], &["government"]));
        assert!(typo(&["indefenitely"], &["indefinitely"]));
        assert!(typo(&["Quote", "d"], &["quoted"]));
        assert!(typo(&["air", "port"], &["airport"]));
    }

    #[test]
    fn changes_that_matter_are_never_typos() {
        assert!(!typo(&["includes"], &["excludes"]));
        assert!(!typo(&["million"], &["billion"]));
        assert!(!typo(&["June"], &["July"]));
        assert!(!typo(&["not"], &["now"]));
        assert!(!typo(&["east"], &["west"]));
        assert!(!typo(&["1.25"], &["1.2"]));
        assert!(!typo(&["tonne"], &["tonnes", "a"]));
        // A name is a different name unless the other spelling is used elsewhere.
        assert!(!typo(&["Jones"], &["Jonas"]));
        let lex = Lexicon {
            left: [100].into_iter().collect(),
            right: HashSet::default(),
        };
        let c = Change {
            left: vec!["Sotchi"],
            left_ids: vec![1],
            right: vec!["Sochi"],
            right_ids: vec![100],
        };
        assert!(is_typo(&c, &lex));
    }
}
