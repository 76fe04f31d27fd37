//! Counting words the way a reader would, across scripts.

use super::script::Script;

/// Counts words the way a reader would: whitespace-separated runs holding a letter or
/// digit, and each CJK character on its own.
pub fn count_words(text: &str) -> u32 {
    let b = text.as_bytes();
    // Byte classes: 0 neither letter nor space, 1 letter or digit, 2 whitespace.
    // Non-ASCII lead bytes of letters count as letters; continuation bytes and
    // the lead bytes of punctuation blocks (U+0080..U+00BF, U+2000..U+2FFF,
    // emoji) count as neither.
    static CLASS: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            let b = i as u8;
            t[i] = if b.is_ascii_alphanumeric()
                || (b >= 0xC3 && b <= 0xE1)
                || (b >= 0xEA && b <= 0xEF)
            {
                1
            } else if b.is_ascii_whitespace() {
                2
            } else {
                0
            };
            i += 1;
        }
        t
    };
    let mut n = 0u32;
    let mut alnum = 0u32;
    let mut cjk = 0u32;
    for &x in b {
        // Branch-free: word ends are too frequent to predict.
        let class = CLASS[x as usize];
        let ws = u32::from(class == 2);
        n += ws & alnum;
        alnum = (alnum | u32::from(class == 1)) & (ws ^ 1);
        // The lead bytes of CJK characters (U+3000..U+9FFF), noted in the same
        // pass: each such character is a word, counted on the slow path.
        cjk |= u32::from((0xE3..=0xE9).contains(&x));
    }
    if cjk != 0 {
        return count_words_cjk(text);
    }
    n + alnum
}

/// [`count_words`] for text with CJK characters, each of which is a word.
fn count_words_cjk(text: &str) -> u32 {
    let mut n = 0u32;
    let mut alnum = false;
    let mut cjk = false;
    for c in text.chars() {
        if c.is_whitespace() {
            n += u32::from(alnum && !cjk);
            alnum = false;
            cjk = false;
        } else if Script::of(c) == Some(Script::Cjk) {
            n += 1;
            cjk = true;
        } else {
            alnum |= c.is_alphanumeric();
        }
    }
    n + u32::from(alnum && !cjk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_across_scripts() {
        assert_eq!(count_words("Hello, world - 42 times"), 4);
        assert_eq!(count_words("東京で雨"), 4);
        assert_eq!(count_words("café crème — “quoted” words - 3"), 5);
        assert_eq!(count_words("Привет мир"), 2);
        assert_eq!(count_words("مرحبا بالعالم"), 2);
        assert_eq!(count_words("  "), 0);
        assert_eq!(count_words("Tokyo 東京 rain"), 4);
        assert_eq!(Script::dominant(["مرحبا بالعالم hi"]), Script::Arabic);
        assert_eq!(Script::dominant(["東京で雨"]), Script::Cjk);
        assert_eq!(Script::dominant(["123"]), Script::Latin);
    }
}
