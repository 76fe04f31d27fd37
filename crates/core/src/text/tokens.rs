//! Words of a sentence as byte spans of the original text. Whitespace and
//! punctuation between words are never tokens; they stay in the gaps.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

/// Whether `c` is written without spaces between words, so each one is a token.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // kana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x20000..=0x3FFFF)
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Byte spans of the words of `s`, in order.
///
/// A word is a run of letters, digits and combining marks, held together by an
/// apostrophe between letters (`Russia’s`), a dot between letters or digits (`U.N`,
/// `5.93`) plus the final dot of a dotted acronym (`U.N.`), a comma inside a number
/// (`1,600`), or an ampersand between capitals (`AT&T`). Hyphens and dashes split
/// words. Each CJK character is a word of its own.
pub fn tokens(s: &str) -> Vec<Range<usize>> {
    // About one word in six bytes of prose: room for most texts at once.
    let mut out = Vec::with_capacity(s.len() / 6 + 1);
    for_each(s, |r| out.push(r));
    out
}

/// Calls `f` with the span of each word of `s`, in order (see [`tokens`]).
pub fn for_each(s: &str, mut f: impl FnMut(Range<usize>)) {
    let b = s.as_bytes();
    let at = |pos: usize| -> Option<char> {
        match b.get(pos) {
            Some(&x) if x < 0x80 => Some(char::from(x)),
            Some(_) => s.get(pos..).and_then(|t| t.chars().next()),
            None => None,
        }
    };
    let mut i = 0;
    while i < b.len() {
        // Skip what cannot start a word quickly: ASCII spaces and punctuation.
        if b[i] < 0x80 && !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let Some(c) = at(i) else { break };
        let start = i;
        if is_cjk(c) {
            f(start..start + c.len_utf8());
            i += c.len_utf8();
            continue;
        }
        if !is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let mut j = i + c.len_utf8();
        let mut prev = c;
        let mut dotted = false;
        loop {
            // ASCII letters and digits run on without further checks.
            while j < b.len() && b[j].is_ascii_alphanumeric() {
                prev = char::from(b[j]);
                j += 1;
            }
            let Some(c) = at(j) else { break };
            if is_cjk(c) {
                break;
            }
            if is_word_char(c) {
                prev = c;
                j += c.len_utf8();
                continue;
            }
            let next_at = j + c.len_utf8();
            let next = at(next_at);
            let joins = match c {
                _ if is_apostrophe(c) => {
                    prev.is_alphabetic() && next.is_some_and(char::is_alphabetic)
                }
                '.' => {
                    prev.is_alphanumeric()
                        && next.is_some_and(|x| x.is_alphanumeric() && !is_cjk(x))
                }
                ',' => {
                    let digits = b.get(next_at..next_at + 4);
                    prev.is_ascii_digit()
                        && (digits.is_some_and(|d| {
                            d[..3].iter().all(u8::is_ascii_digit) && !d[3].is_ascii_digit()
                        }) || b
                            .get(next_at..)
                            .is_some_and(|d| d.len() == 3 && d.iter().all(u8::is_ascii_digit)))
                }
                '&' => prev.is_uppercase() && next.is_some_and(char::is_uppercase),
                _ => false,
            };
            if !joins {
                break;
            }
            dotted |= c == '.';
            prev = c;
            j = next_at;
        }
        let mut end = j;
        // `U.N.` keeps its last dot: single letters between dots make an acronym.
        if dotted && at(j) == Some('.') && is_dotted_acronym(&s[start..end]) {
            end += 1;
        }
        f(start..end);
        i = end;
    }
}

fn is_dotted_acronym(w: &str) -> bool {
    w.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::tokens;

    fn words(s: &str) -> Vec<&str> {
        tokens(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn news_words() {
        assert_eq!(
            words("a U.N.-led process, 1,600 people; Russia’s 5.93 AT&T."),
            vec![
                "a",
                "U.N.",
                "led",
                "process",
                "1,600",
                "people",
                "Russia’s",
                "5.93",
                "AT&T"
            ]
        );
        assert_eq!(words("“Quoted,” he said."), vec!["Quoted", "he", "said"]);
        assert_eq!(words("the U.S."), vec!["the", "U.S."]);
        assert_eq!(words("end. Next"), vec!["end", "Next"]);
        assert_eq!(
            words("1,2 and 12,3456"),
            vec!["1", "2", "and", "12", "3456"]
        );
    }

    #[test]
    fn cjk_and_other_scripts() {
        assert_eq!(words("東京で雨"), vec!["東", "京", "で", "雨"]);
        assert_eq!(words("مرحبا بالعالم"), vec!["مرحبا", "بالعالم"]);
        assert_eq!(words("e\u{301}tude"), vec!["e\u{301}tude"]);
        assert!(words("— … !").is_empty());
    }
}
