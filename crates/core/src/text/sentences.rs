//! Sentence splitting tuned for news copy.
//!
//! A full stop is a sentence end only when what follows looks like the start of a
//! new sentence and what precedes it is not an abbreviation, an initial or a dotted
//! acronym in the middle of a name (`U.N. Security Council`). Quotation marks and
//! brackets that close a sentence stay with it. CJK, Arabic and Devanagari sentence
//! marks end a sentence on their own.

use std::ops::Range;

/// Titles and other abbreviations that are never the end of a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "maj", "rev", "st", "hon", "adm", "cmdr", "supt", "insp", "det", "cpl", "pvt", "fr",
    "mme", "mlle", "mt", "ft", "vs", "v", "cf", "approx", "dept", "univ", "est", "ca",
];

/// Abbreviations that are not a sentence end when a number follows (`Jan. 5`, `No. 10`).
const BEFORE_NUMBER: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "vol", "fig", "art", "ch", "p", "pp", "para", "sec",
];

/// Words that usually open a sentence; after a dotted acronym (`U.S.`) they signal a new one.
const SENTENCE_OPENERS: &[&str] = &[
    "a",
    "after",
    "also",
    "an",
    "analysts",
    "and",
    "as",
    "at",
    "before",
    "but",
    "by",
    "despite",
    "during",
    "earlier",
    "for",
    "from",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "most",
    "officials",
    "on",
    "other",
    "our",
    "she",
    "since",
    "so",
    "some",
    "such",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "under",
    "we",
    "when",
    "while",
    "with",
    "yet",
    "you",
];

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»', '」', '』', '）', '›'];
const OPENERS: &[char] = &[
    '"', '\'', '“', '‘', '(', '[', '«', '「', '『', '（', '‹', '¿', '¡',
];

/// Marks that end a sentence whatever follows (CJK, Arabic, Devanagari, Urdu).
fn is_hard_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡' | '؟' | '।' | '۔' | '॥')
}

fn is_soft_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Byte ranges of the sentences of `text`, in order, each trimmed of surrounding
/// whitespace. Every non-whitespace character of `text` lies in exactly one range.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    scan(text, |r| {
        out.push(r);
        true
    });
    out
}

/// The first sentence of `text`, found without splitting the rest.
pub fn first(text: &str) -> Option<&str> {
    let mut found = None;
    scan(text, |r| {
        found = Some(r);
        false
    });
    found.map(|r| &text[r])
}

/// Calls `emit` with each sentence range in order until it returns false.
fn scan(text: &str, mut emit: impl FnMut(Range<usize>) -> bool) {
    let ascii = text.is_ascii();
    let b = text.as_bytes();
    let char_at = |pos: usize| -> char {
        if ascii {
            char::from(b[pos])
        } else {
            text[pos..].chars().next().unwrap_or(' ')
        }
    };
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        if ascii && start.is_some() {
            // Inside a sentence of plain ASCII, jump to the next full stop, `!` or `?`.
            match memchr::memchr3(b'.', b'!', b'?', &b[i..]) {
                Some(k) => i += k,
                None => break,
            }
        }
        let c = char_at(i);
        let len = c.len_utf8();
        if start.is_none() {
            if c.is_whitespace() {
                i += len;
                continue;
            }
            start = Some(i);
        }
        if !(is_soft_terminal(c) || is_hard_terminal(c)) {
            i += len;
            continue;
        }
        // Take the whole run of terminal marks (`?!`, `...`) and any closing quotes.
        let mut run_end = i + len;
        let mut run = String::from(c);
        while run_end < b.len() {
            let d = char_at(run_end);
            if !(is_soft_terminal(d) || is_hard_terminal(d)) {
                break;
            }
            run.push(d);
            run_end += d.len_utf8();
        }
        let mut close_end = run_end;
        while close_end < b.len() {
            let d = char_at(close_end);
            if !CLOSERS.contains(&d) {
                break;
            }
            close_end += d.len_utf8();
        }
        let s = start.expect("start is set above");
        if ends_here(text, s, i, &run, run_end, close_end) {
            if !emit(s..close_end) {
                return;
            }
            start = None;
        }
        i = close_end;
    }
    if let Some(s) = start {
        let end = text.trim_end().len();
        if end > s {
            emit(s..end);
        }
    }
}

/// Decides whether the terminal run `run` at `term_at` ends the sentence begun at `start`.
fn ends_here(
    text: &str,
    start: usize,
    term_at: usize,
    run: &str,
    run_end: usize,
    close_end: usize,
) -> bool {
    let last = run.chars().last().unwrap_or('.');
    if run.chars().any(is_hard_terminal) && !run.contains('.') {
        return true;
    }
    let rest = &text[close_end..];
    let Some(next_visible) = rest.chars().find(|c| !c.is_whitespace()) else {
        return true;
    };
    let gap = rest.len() - rest.trim_start().len();
    let is_ellipsis = run.contains('…') || run.contains("..");
    if gap == 0 {
        // `U.N.-led`, `5.93`, `example.com`: no space, no sentence end, except an
        // ellipsis running straight into a capital (`optimistic...It's`).
        return is_ellipsis && next_visible.is_uppercase() && close_end == run_end;
    }
    if !starts_sentence(next_visible) {
        return false;
    }
    if is_ellipsis || last != '.' || run.len() > 1 {
        return true;
    }
    let word = word_before(text, start, term_at);
    let lower = word.to_lowercase();
    let bare = lower.trim_start_matches(OPENERS);
    if NEVER_FINAL.contains(&bare) {
        return false;
    }
    if next_visible.is_ascii_digit() && BEFORE_NUMBER.contains(&bare) {
        return false;
    }
    if bare == "e.g" || bare == "i.e" {
        return false;
    }
    let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
    let original_letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    // A single capital letter is an initial: `John F. Kennedy`.
    if original_letters.len() == 1 && original_letters[0].is_uppercase() && bare.len() <= 2 {
        return false;
    }
    // A dotted acronym (`U.S.`, `p.m.`) ends a sentence only before a typical opener.
    if bare.contains('.') && letters.len() <= 6 && is_dotted_acronym(bare) {
        let next_word: String = rest
            .trim_start()
            .trim_start_matches(OPENERS)
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        return SENTENCE_OPENERS.contains(&next_word.as_str());
    }
    true
}

fn is_dotted_acronym(word: &str) -> bool {
    word.split('.')
        .all(|part| part.chars().count() <= 2 && part.chars().all(char::is_alphabetic))
}

/// Whether `c` can open a sentence: a capital, a digit, an opening quote or bracket,
/// or a letter of a script without case.
fn starts_sentence(c: char) -> bool {
    if c.is_uppercase() || c.is_ascii_digit() || OPENERS.contains(&c) || c == '“' {
        return true;
    }
    if c.is_alphabetic() {
        return !c.is_lowercase();
    }
    !c.is_alphanumeric() && !matches!(c, ',' | ';' | ':' | '-' | ')' | ']' | '.')
}

/// The whitespace-delimited word that ends at byte `end` (exclusive), not before `floor`.
fn word_before(text: &str, floor: usize, end: usize) -> &str {
    let head = &text[floor..end];
    let from = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &head[from..]
}

/// The sentences of `text` as string slices.
pub fn sentences(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|r| &text[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sentences("It rained. Then it stopped! Did it? Yes."),
            vec!["It rained.", "Then it stopped!", "Did it?", "Yes."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let s = "Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5 with John F. Kennedy Jr. in the U.S. Senate. It went well.";
        assert_eq!(sentences(s).len(), 2, "{:?}", sentences(s));
    }

    #[test]
    fn dotted_acronym_before_an_opener_splits() {
        let s = "Exports rose to the U.S. The company said so.";
        assert_eq!(
            sentences(s),
            vec!["Exports rose to the U.S.", "The company said so."]
        );
        let s = "The U.N. Security Council met. It agreed.";
        assert_eq!(sentences(s).len(), 2);
    }

    #[test]
    fn decimals_and_hyphenated_acronyms_stay_whole() {
        assert_eq!(
            sentences("Sales were 5.93 mln in a U.N.-led plan. Next.").len(),
            2
        );
    }

    #[test]
    fn quotes_close_sentences() {
        let s = "“We will go there,” the spokesman said. “We urge calm.” He left.";
        assert_eq!(
            sentences(s),
            vec![
                "“We will go there,” the spokesman said.",
                "“We urge calm.”",
                "He left."
            ]
        );
        let s = "\"Why?\" she asked. \"Because.\" Done.";
        assert_eq!(
            sentences(s),
            vec!["\"Why?\" she asked.", "\"Because.\"", "Done."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sentences("I am optimistic...It is critical. Wait... and see.").len(),
            3
        );
        assert_eq!(sentences("Hm… Then we go.").len(), 2);
    }

    #[test]
    fn cjk_and_arabic_marks() {
        assert_eq!(sentences("今天下雨。明天晴天！").len(), 2);
        assert_eq!(sentences("هل هذا صحيح؟ نعم.").len(), 2);
    }

    #[test]
    fn no_punctuation_and_empty() {
        assert_eq!(
            sentences("no punctuation here"),
            vec!["no punctuation here"]
        );
        assert!(sentences("   ").is_empty());
        assert!(sentences("").is_empty());
    }
}
