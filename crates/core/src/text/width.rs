//! Display width of text in terminal cells, correct for CJK, emoji and combining marks.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Width of `s` in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// The longest prefix of `s` that fits in `max` cells, cut between graphemes, with `…`
/// in the last cell when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// `s` truncated or padded with spaces to exactly `cells` cells.
pub fn fit(s: &str, cells: usize) -> String {
    let mut t = truncate(s, cells);
    let w = t.width();
    t.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_and_emoji_widths() {
        assert_eq!(width("東京"), 4);
        assert_eq!(truncate("東京都庁", 5), "東京…");
        assert_eq!(fit("東京都庁", 6), "東京… ");
        assert_eq!(truncate("ab", 5), "ab");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(truncate("e\u{301}tude", 3), "e\u{301}t…");
    }
}
