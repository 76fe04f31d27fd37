//! Wrapping styled text to a width in terminal cells, so that line counts are exact
//! and styles survive the line breaks. Lines break at spaces, between CJK
//! characters, and inside words too long for a line.

use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::tokens::is_cjk;

/// A run of text with one style.
pub type Span<S> = (String, S);

#[derive(Debug)]
struct Word<S> {
    parts: Vec<Span<S>>,
    width: usize,
    space: Option<Span<S>>,
}

impl<S: std::fmt::Debug> Fragment for Word<S> {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space.as_ref().map_or(0.0, |s| s.0.width() as f64)
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

fn push_part<S: Copy + PartialEq>(parts: &mut Vec<Span<S>>, text: &str, style: S) {
    match parts.last_mut() {
        Some((t, s)) if *s == style => t.push_str(text),
        _ => parts.push((text.to_string(), style)),
    }
}

/// Punctuation that must not begin a line.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '！'
            | '？'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〉'
            | '》'
            | 'ー'
            | '・'
            | '：'
            | '；'
    ) || matches!(c, ',' | '.' | '!' | '?' | ')' | ']' | ':' | ';')
}

/// Splits styled spans into words, each with the whitespace that follows it.
fn words<S: Copy + PartialEq>(spans: &[(&str, S)]) -> Vec<Word<S>> {
    let mut out: Vec<Word<S>> = Vec::new();
    let mut cur = Word {
        parts: Vec::new(),
        width: 0,
        space: None,
    };
    let finish = |cur: &mut Word<S>, out: &mut Vec<Word<S>>| {
        if !cur.parts.is_empty() || cur.space.is_some() {
            out.push(std::mem::replace(
                cur,
                Word {
                    parts: Vec::new(),
                    width: 0,
                    space: None,
                },
            ));
        }
    };
    for &(text, style) in spans {
        let text = super::display::display(text);
        for g in text.graphemes(true) {
            let c = g.chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                if cur.parts.is_empty() {
                    // After a CJK character (which ends its word at once), the space
                    // belongs to that word: `東京 Tokyo` keeps it.
                    if let Some(prev) = out.last_mut()
                        && prev.space.is_none()
                        && cur.space.is_none()
                    {
                        prev.space = Some((" ".to_string(), style));
                    }
                    continue;
                }
                match &mut cur.space {
                    Some((s, _)) => {
                        if !s.is_empty() {
                            continue;
                        }
                        s.push(' ');
                    }
                    None => cur.space = Some((" ".to_string(), style)),
                }
                continue;
            }
            if cur.space.is_some() {
                finish(&mut cur, &mut out);
            }
            // Closing punctuation never starts a line: it stays with the character
            // before it (`館、` and `た。` keep together).
            if cur.parts.is_empty()
                && is_closing(c)
                && let Some(prev) = out.last_mut()
                && prev.space.is_none()
            {
                push_part(&mut prev.parts, g, style);
                prev.width += g.width();
                continue;
            }
            if is_cjk(c) && !cur.parts.is_empty() {
                finish(&mut cur, &mut out);
            }
            push_part(&mut cur.parts, g, style);
            cur.width += g.width();
            if is_cjk(c) {
                finish(&mut cur, &mut out);
            }
        }
    }
    finish(&mut cur, &mut out);
    out
}

/// Cuts a word wider than `width` into pieces that fit.
fn split_long<S: Copy + PartialEq>(w: Word<S>, width: usize, out: &mut Vec<Word<S>>) {
    if w.width <= width {
        out.push(w);
        return;
    }
    let mut piece = Word {
        parts: Vec::new(),
        width: 0,
        space: None,
    };
    for (text, style) in &w.parts {
        for g in text.graphemes(true) {
            let gw = g.width();
            if piece.width + gw > width && piece.width > 0 {
                out.push(std::mem::replace(
                    &mut piece,
                    Word {
                        parts: Vec::new(),
                        width: 0,
                        space: None,
                    },
                ));
            }
            push_part(&mut piece.parts, g, *style);
            piece.width += gw;
        }
    }
    piece.space = w.space;
    out.push(piece);
}

/// Wraps styled spans into lines no wider than `width` cells (a lone grapheme wider
/// than the line, such as a CJK character in a one-cell column, still gets a line).
/// Whitespace runs become one space; no line starts or ends with a space. The text is
/// made safe to show first ([`super::display::display`]).
pub fn wrap<S: Copy + PartialEq + std::fmt::Debug>(
    spans: &[(&str, S)],
    width: usize,
) -> Vec<Vec<Span<S>>> {
    let width = width.max(1);
    let mut frags = Vec::new();
    for w in words(spans) {
        split_long(w, width, &mut frags);
    }
    let lines = textwrap::wrap_algorithms::wrap_first_fit(&frags, &[width as f64]);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut spans_out: Vec<Span<S>> = Vec::new();
        for (k, w) in line.iter().enumerate() {
            for (t, s) in &w.parts {
                push_part(&mut spans_out, t, *s);
            }
            if k + 1 < line.len()
                && let Some((sp, s)) = &w.space
            {
                push_part(&mut spans_out, sp, *s);
            }
        }
        if !spans_out.is_empty() {
            out.push(spans_out);
        }
    }
    out
}

/// Width in cells of a wrapped line.
pub fn line_width<S>(line: &[Span<S>]) -> usize {
    line.iter().map(|(t, _)| t.width()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_after_cjk_text_stay() {
        let text = |lines: Vec<Vec<Span<()>>>| -> Vec<String> {
            lines
                .iter()
                .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
                .collect()
        };
        assert_eq!(text(wrap(&[("東京 Tokyo", ())], 40)), ["東京 Tokyo"]);
        assert_eq!(
            text(wrap(&[("演习 三万人参加 of troops", ())], 40)),
            ["演习 三万人参加 of troops"]
        );
        // A break still falls between CJK characters when the line is full.
        assert_eq!(text(wrap(&[("東京東京 x", ())], 4)), ["東京", "東京", "x"]);
    }

    fn plain(lines: &[Vec<Span<u8>>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_styles() {
        let lines = wrap(&[("alpha beta ", 0u8), ("gamma", 1), (" delta", 0)], 11);
        assert_eq!(plain(&lines), vec!["alpha beta", "gamma delta"]);
        assert_eq!(lines[1][0], ("gamma".to_string(), 1));
        assert!(lines.iter().all(|l| line_width(l) <= 11));
    }

    #[test]
    fn long_words_and_cjk() {
        let lines = wrap(&[("abcdefghij", 0u8)], 4);
        assert_eq!(plain(&lines), vec!["abcd", "efgh", "ij"]);
        let lines = wrap(&[("東京都庁舎", 0u8)], 4);
        assert_eq!(plain(&lines), vec!["東京", "都庁", "舎"]);
        let lines = wrap(&[("東京都、庁舎。", 0u8)], 6);
        assert_eq!(plain(&lines), vec!["東京", "都、庁", "舎。"]);
        let lines = wrap(&[("東", 0u8)], 1);
        assert_eq!(plain(&lines), vec!["東"]);
        assert!(wrap(&[("   ", 0u8)], 5).is_empty());
    }
}
