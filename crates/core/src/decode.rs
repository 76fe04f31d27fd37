//! Turning a file's bytes into text: byte order marks, UTF-8, UTF-16, Windows-1252,
//! and refusing what is not text at all.

use crate::article::Encoding;

/// Why some bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// Contains NUL bytes or mostly control characters.
    Binary,
}

/// Decodes `bytes` to a `String` with Unix line ends, or says it is binary.
///
/// A UTF-8 or UTF-16 byte order mark decides the encoding; otherwise valid UTF-8 is
/// UTF-8, and anything else is read as Windows-1252. Nothing looks at "magic numbers":
/// a text file that happens to start with `PAR` or `%PDF` is still text if its bytes are.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), NotText> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        )
    } else if bytes.starts_with(b"\xFF\xFE") {
        let (t, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(bytes);
        (t.into_owned(), Encoding::Utf16Le)
    } else if bytes.starts_with(b"\xFE\xFF") {
        let (t, _) = encoding_rs::UTF_16BE.decode_with_bom_removal(bytes);
        (t.into_owned(), Encoding::Utf16Be)
    } else {
        if looks_binary(bytes) {
            return Err(NotText::Binary);
        }
        match std::str::from_utf8(bytes) {
            // The byte check above already ruled out binary UTF-8.
            Ok(s) => return Ok((clean(s), Encoding::Utf8)),
            Err(_) => {
                let (t, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (t.into_owned(), Encoding::Windows1252)
            }
        }
    };
    if looks_binary_text(&text) {
        return Err(NotText::Binary);
    }
    Ok((clean(&text), encoding))
}

/// Whether `text` holds anything [`clean`] would change; most files do not.
fn needs_cleaning(text: &str) -> bool {
    // Plain ASCII without controls or carriage returns is by far the common case,
    // and one branch-free pass proves it.
    let plain = !text.as_bytes().iter().fold(false, |acc, &b| {
        acc | (b >= 0x7F) | (b < 0x20 && b != b'\n' && b != b'\t')
    });
    if plain {
        return false;
    }
    // Bytes that start something `clean` would change: controls, and the lead bytes
    // of the odd spaces and marks it replaces. Checked in detail only when seen.
    static LEAD: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 0x20 {
            t[i] = i != b'\n' as usize && i != b'\t' as usize;
            i += 1;
        }
        t[0x7F] = true;
        t[0xC2] = true;
        t[0xE2] = true;
        t[0xE3] = true;
        t[0xEF] = true;
        t
    };
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if LEAD[x as usize] {
            let hit = match x {
                // U+0080..U+009F (C1 controls) and U+00A0 (no-break space).
                0xC2 => (0x80..=0xA0).contains(&at(i + 1)),
                // U+2000..U+200B, U+2028, U+2029, U+202F.
                0xE2 => at(i + 1) == 0x80 && matches!(at(i + 2), 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF),
                // U+3000 ideographic space.
                0xE3 => at(i + 1) == 0x80 && at(i + 2) == 0x80,
                // U+FEFF byte order mark.
                0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
                _ => true,
            };
            if hit {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// Whether a byte is a control character that text does not contain.
fn is_odd_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)
}

/// NUL bytes, or more than one byte in ten a control character, mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    // One branch-free pass (it vectorises); text rarely holds any control at all.
    let any_control = sample.iter().fold(false, |acc, &b| {
        acc | (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t'))
    });
    if !any_control {
        return false;
    }
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let controls = sample.iter().filter(|&&b| is_odd_control(b)).count();
    controls * 10 > sample.len()
}

fn looks_binary_text(text: &str) -> bool {
    let mut n = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(64 * 1024) {
        n += 1;
        if c == '\0'
            || c == '\u{FFFD}'
            || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}'))
        {
            bad += 1;
        }
    }
    bad * 10 > n
}

/// Unix line ends, no BOM, ordinary spaces for the exotic ones, no stray control
/// characters.
pub fn clean(text: &str) -> String {
    if !needs_cleaning(text) {
        return text.to_string();
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => out.push(' '),
            '\u{0C}' => out.push('\n'),
            '\u{FEFF}' | '\u{200B}' => {}
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(
            decode(b"caf\xc3\xa9").unwrap(),
            ("café".into(), Encoding::Utf8)
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFcaf\xc3\xa9").unwrap(),
            ("café".into(), Encoding::Utf8Bom)
        );
        assert_eq!(
            decode(b"caf\xe9 \x93quoted\x94").unwrap(),
            ("café “quoted”".into(), Encoding::Windows1252)
        );
        assert_eq!(
            decode(b"\xFF\xFEh\0i\0").unwrap(),
            ("hi".into(), Encoding::Utf16Le)
        );
        assert_eq!(
            decode(b"\xFE\xFF\0h\0i").unwrap(),
            ("hi".into(), Encoding::Utf16Be)
        );
    }

    #[test]
    fn binary_is_refused_but_magic_looking_text_is_not() {
        assert_eq!(decode(b"\0\0\0\0"), Err(NotText::Binary));
        assert_eq!(decode(&[1u8, 2, 3, 4, 5, 6, 7, 8]), Err(NotText::Binary));
        assert!(decode(b"PARIS (Reuters) - text").is_ok());
        assert!(decode(b"%PDF is how a PDF starts, said the clerk.").is_ok());
    }

    #[test]
    fn line_ends_and_spaces() {
        assert_eq!(clean("a\r\nb\rc\u{a0}d"), "a\nb\nc d");
    }
}
