//! Turning a file's bytes into text: byte order marks, UTF-8 (damaged or not),
//! UTF-16 with or without a byte order mark, legacy encodings detected by chardetng,
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
/// A UTF-8 or UTF-16 byte order mark decides the encoding. Without one: UTF-16 is
/// recognised by its zero bytes, valid UTF-8 is UTF-8, UTF-8 with a few bad bytes
/// stays UTF-8 (each bad byte shows as U+FFFD: [`Encoding::Utf8Damaged`]), and
/// anything else is decoded as the legacy encoding chardetng finds most likely.
/// Nothing looks at "magic numbers": a text file that happens to start with `PAR` or
/// `%PDF` is still text if its bytes are.
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
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        let codec = if encoding == Encoding::Utf16LeNoBom {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (t, _) = codec.decode_without_bom_handling(bytes);
        (t.into_owned(), encoding)
    } else {
        if looks_binary(bytes) {
            return Err(NotText::Binary);
        }
        match std::str::from_utf8(bytes) {
            // The byte check above already ruled out binary UTF-8.
            Ok(s) => return Ok((clean(s), Encoding::Utf8)),
            Err(_) if mostly_utf8(bytes) => (
                String::from_utf8_lossy(bytes).into_owned(),
                Encoding::Utf8Damaged,
            ),
            Err(_) => legacy(bytes),
        }
    };
    if looks_binary_text(&text) {
        return Err(NotText::Binary);
    }
    Ok((clean(&text), encoding))
}

/// UTF-16 without a byte order mark. Its line ends, spaces and Latin letters give
/// zero bytes on one side only (the odd positions for little endian, the even ones
/// for big endian); it must then decode cleanly into text, whatever the script.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(64 * 1024) & !1];
    if sample.len() < 4 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_zero += usize::from(pair[0] == 0);
        odd_zero += usize::from(pair[1] == 0);
    }
    // CJK text has few zero bytes (its line ends), and a few on the wrong side (`一`
    // is U+4E00): the side with twice as many is the high byte.
    let one_sided = |zero: usize, other: usize| zero > 0 && zero >= 2 * other;
    let (encoding, codec) = if one_sided(odd_zero, even_zero) {
        (Encoding::Utf16LeNoBom, encoding_rs::UTF_16LE)
    } else if one_sided(even_zero, odd_zero) {
        (Encoding::Utf16BeNoBom, encoding_rs::UTF_16BE)
    } else {
        return None;
    };
    let text = codec.decode_without_bom_handling_and_without_replacement(sample)?;
    reads_as_text(&text).then_some(encoding)
}

/// Whether decoded text is made of letters, figures, spaces and punctuation, as
/// text is, rather than the noise a wrong decoding gives.
fn reads_as_text(text: &str) -> bool {
    let mut n = 0usize;
    let mut texty = 0usize;
    for c in text.chars() {
        n += 1;
        let ok = c.is_alphanumeric()
            || c.is_whitespace()
            || c.is_ascii_punctuation()
            || matches!(c, '\u{2010}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
            || (c.is_ascii_graphic());
        texty += usize::from(ok && !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    }
    n > 0 && texty * 100 >= n * 95
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 with a few bad bytes: at
/// least as many valid multi-byte sequences as bad bytes, and bad bytes rare. Text
/// in a legacy encoding has no valid multi-byte sequences to speak of.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let (mut bad, mut good) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                good += valid.iter().filter(|&&b| b >= 0xC0).count();
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                bad += skip;
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
    bad > 0 && good >= 2 * bad && bad * 20 <= bytes.len()
}

/// Decodes bytes in the legacy encoding chardetng finds most likely.
fn legacy(bytes: &[u8]) -> (String, Encoding) {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let codec = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (t, _, _) = codec.decode(bytes);
    let encoding = if codec == encoding_rs::WINDOWS_1252 {
        Encoding::Windows1252
    } else {
        Encoding::Legacy(codec)
    };
    (t.into_owned(), encoding)
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

    /// Text written for these tests (not from any corpus), in Japanese and Russian.
    const JAPANESE: &str = "東京都内では朝から強い雨が降り、鉄道の一部で運転の見合わせが続いている。\n気象庁によると、雨は夕方まで続く見込みで、警戒を呼びかけている。\n";
    const RUSSIAN: &str = "Правительство заявило в понедельник, что новые тарифы вступят в силу весной.\nМинистр сообщил журналистам, что переговоры продолжатся на следующей неделе.\n";

    #[test]
    fn legacy_encodings_are_detected() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(JAPANESE);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Legacy(encoding_rs::SHIFT_JIS));
        assert_eq!(enc.as_str(), "shift_jis");
        assert_eq!(text, JAPANESE);
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(RUSSIAN);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc.as_str(), "windows-1251");
        assert_eq!(text, RUSSIAN);
    }

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_without_a_byte_order_mark() {
        let english = "Dockers walked out at noon.\nThe port is closed.\n";
        for (text, little, want) in [
            (english, true, Encoding::Utf16LeNoBom),
            (english, false, Encoding::Utf16BeNoBom),
            (JAPANESE, true, Encoding::Utf16LeNoBom),
            (RUSSIAN, false, Encoding::Utf16BeNoBom),
        ] {
            let (got, enc) = decode(&utf16(text, little)).unwrap();
            assert_eq!((got.as_str(), enc), (text, want));
        }
    }

    #[test]
    fn a_few_bad_bytes_keep_utf8() {
        let mut bytes = "Zürich café talks resume; the mayor’s office said so.\n"
            .repeat(3)
            .into_bytes();
        bytes.insert(20, 0xFC);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Utf8Damaged);
        assert!(text.starts_with("Zürich café"), "{text}");
        assert_eq!(text.matches('\u{FFFD}').count(), 1);
        // Latin-1 throughout is no damaged UTF-8.
        let (_, enc) = decode(b"Z\xfcrich caf\xe9 talks resume on Monday.").unwrap();
        assert_eq!(enc, Encoding::Windows1252);
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
