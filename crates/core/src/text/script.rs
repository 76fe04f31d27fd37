//! The writing system that dominates a text: Latin, Cyrillic, Arabic, CJK and so on.

use serde::Serialize;

/// The writing system that dominates an article, so the UI can treat RTL and
/// wide scripts with care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    /// Latin letters (or no letters at all).
    #[default]
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic script (right to left).
    Arabic,
    /// Hebrew (right to left).
    Hebrew,
    /// Chinese, Japanese or Korean (double-width characters, no spaces between words).
    Cjk,
    /// Devanagari and other Indic scripts.
    Indic,
    /// Thai and other scripts not listed.
    Other,
}

impl Script {
    /// The script of one letter (`None` for anything that is not a letter).
    pub fn of(c: char) -> Option<Script> {
        if !c.is_alphabetic() {
            return None;
        }
        let u = c as u32;
        Some(match u {
            0..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
            0x0400..=0x052F => Script::Cyrillic,
            0x0590..=0x05FF => Script::Hebrew,
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Script::Arabic,
            0x0900..=0x0DFF => Script::Indic,
            0x1100..=0x11FF
            | 0x2E80..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF => Script::Cjk,
            _ => Script::Other,
        })
    }

    /// The script most letters of `text` belong to.
    pub fn dominant<'a>(texts: impl IntoIterator<Item = &'a str>) -> Script {
        let mut counts = [0usize; 8];
        let all = [
            Script::Latin,
            Script::Cyrillic,
            Script::Greek,
            Script::Arabic,
            Script::Hebrew,
            Script::Cjk,
            Script::Indic,
            Script::Other,
        ];
        for t in texts {
            // Only letters outside ASCII can outvote Latin; ASCII letters are counted
            // only when such letters are present.
            let Some(first) = t.bytes().position(|b| b >= 0x80) else {
                counts[0] += usize::from(!t.is_empty());
                continue;
            };
            counts[0] += t.as_bytes()[..first]
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .count();
            for c in t[first..].chars() {
                if c.is_ascii() {
                    counts[0] += usize::from(c.is_ascii_alphabetic());
                } else if let Some(s) = Script::of(c) {
                    counts[all.iter().position(|x| *x == s).unwrap_or(7)] += 1;
                }
            }
        }
        let best = (0..8)
            .max_by_key(|&i| (counts[i], usize::from(i == 0)))
            .unwrap_or(0);
        if counts[best] == 0 {
            Script::Latin
        } else {
            all[best]
        }
    }
}
