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
            Ok(s) => (s.to_string(), Encoding::Utf8),
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

/// NUL bytes, or more than one byte in ten a control character, mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
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
            '\u{A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\u{3000}' => {
                out.push(' ')
            }
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
