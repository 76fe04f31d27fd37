//! Display width of text in terminal cells, correct for CJK, emoji and combining marks.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Width of `s` in terminal cells: the sum of its grapheme clusters' widths, as a
/// terminal advances its cursor (so `لا`, lam and alef, takes two cells, not the one
/// of its ligature). Text shown should have gone through [`super::display`] first.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The longest prefix of `s` that fits in `max` cells, cut between graphemes, with `…`
/// in the last cell when something was cut; made safe to show first
/// ([`super::display::display_line`]).
pub fn truncate(s: &str, max: usize) -> String {
    let s = &*super::display::display_line(s);
    if width(s) <= max {
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

/// The part of `s` from cell `skip` on that fits in `max` cells, with `…` in the
/// last cell when more follows: a window onto a line too wide to wrap (a table row).
/// A wide character cut by the window's left edge is left out.
pub fn window(s: &str, skip: usize, max: usize) -> String {
    let s = &*super::display::display_line(s);
    let mut at = 0;
    let mut rest = s;
    for (i, g) in s.grapheme_indices(true) {
        if at >= skip {
            rest = &s[i..];
            break;
        }
        at += g.width();
        rest = &s[i + g.len()..];
    }
    truncate(rest, max)
}

/// `s` truncated or padded with spaces to exactly `cells` cells.
pub fn fit(s: &str, cells: usize) -> String {
    let mut t = truncate(s, cells);
    let w = width(&t);
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
        // Lam and alef are two cells on a terminal, whatever ligature a font draws.
        assert_eq!(width("لا"), 2);
        assert_eq!(fit("لا", 3), "لا ");
        assert_eq!(window("Planted   76.7    76.7", 10, 4), "76.…");
        assert_eq!(window("Planted   76.7", 10, 8), "76.7");
        assert_eq!(window("short", 9, 4), "");
    }
}
