//! Where an article's headline comes from when its metadata gives none: a short
//! first line, two wrapped capital lines, the lead sentence, or the file name.

use super::clean_inline;
use super::paragraphs::is_table_row;
use crate::text::sentences;

/// Longest lead-derived headline, in characters.
pub(crate) const LEAD_TITLE_CHARS: usize = 100;

/// Whether two headlines are the same words, whatever their case and spacing.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// The headline at the top of `lines`, if there is one, and how many lines it takes:
/// a short line followed by a blank line, a table, or nothing; a Markdown heading; or
/// two capitalised wire-style lines that wrap one headline.
pub(crate) fn title_lines(lines: &[&str]) -> Option<(String, usize)> {
    let first = lines.first()?;
    let candidate = first.trim().trim_start_matches('#').trim();
    let markdown_heading = first.trim_start().starts_with("# ");
    let ends_block = |i: usize| {
        lines
            .get(i)
            .is_none_or(|l| l.trim().is_empty() || is_table_row(l))
    };
    if (markdown_heading || ends_block(1)) && reads_as_title(candidate) {
        return Some((clean_inline(candidate), 1));
    }
    // A line in capitals over an indented paragraph heads it (`CORRECTION - ACME
    // ITEM` over `    In the Boston item ...`).
    let indented_next = lines
        .get(1)
        .is_some_and(|l| l.starts_with("  ") || l.starts_with('\t'));
    if indented_next && !first.starts_with(' ') && all_caps(first) && reads_as_title(candidate) {
        return Some((clean_inline(candidate), 1));
    }
    if let Some(second) = lines.get(1)
        && all_caps(first)
        && all_caps(second)
        && ends_block(2)
    {
        let joined = clean_inline(&format!("{} {}", first.trim(), second.trim()));
        if reads_as_title(&joined) {
            return Some((joined, 2));
        }
    }
    // A flash in mixed case wraps as well: a long first line that does not read as a
    // line of its own (`ACME net profit 10.5 mln dlrs vs 9.8 mln in year to`) and
    // a second that closes the block (`end-June`).
    if let Some(second) = lines.get(1)
        && wraps_on(first, second)
        && ends_block(2)
    {
        let joined = clean_inline(&format!("{} {}", first.trim(), second.trim()));
        if reads_as_title(&joined) {
            return Some((joined, 2));
        }
    }
    None
}

/// Shortest first line taken for one a headline wrapped from, in characters.
const WRAPPED_LINE_CHARS: usize = 30;

/// Whether `second` carries on the headline `first` was wrapped from: neither is
/// indented, the first is as long as a wrapped line and ends no sentence, and the
/// second is a line of words, not a table row.
fn wraps_on(first: &str, second: &str) -> bool {
    let indented = |l: &str| l.starts_with(' ') || l.starts_with('\t');
    let first_trim = first.trim_end();
    !indented(first)
        && !indented(second)
        && !second.trim().is_empty()
        && !is_table_row(second)
        && first_trim.chars().count() >= WRAPPED_LINE_CHARS
        && !first_trim.ends_with(['.', '!', '?', ',', ';', ':'])
        && reads_as_title(first_trim)
}

/// Whether every letter of `l` is a capital (and it has letters).
fn all_caps(l: &str) -> bool {
    let mut letters = l.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// Whether a line is short and shaped like a headline rather than a sentence.
pub(crate) fn reads_as_title(line: &str) -> bool {
    if line.is_empty() || line.chars().count() > 160 || line.split_whitespace().count() > 25 {
        return false;
    }
    if !line.chars().any(char::is_alphanumeric) {
        return false;
    }
    if line.ends_with([',', ';', ':']) {
        return false;
    }
    // A line all in capitals is a wire headline, whatever full stops it holds
    // (`SINO-U.S. VENTURE ...`, `... ONE DLR. WTI NOW 18 DLRS`): prose is not
    // written in capitals.
    if all_caps(line) {
        return true;
    }
    if sentences::first(line).is_some_and(|f| f.len() < line.trim_end().len()) {
        return false;
    }
    if let Some(stem) = line.strip_suffix('.') {
        // `PLAN FOR U.S.` ends in an acronym, not a full stop.
        let last = stem.rsplit(' ').next().unwrap_or("");
        let acronym = !last.is_empty()
            && last.contains('.')
            && last.split('.').all(|p| p.chars().count() <= 2);
        let ellipsis = stem.ends_with("..");
        return acronym || ellipsis;
    }
    true
}

pub(crate) fn lead_title(paragraph: &str) -> String {
    let first = sentences::first(paragraph).unwrap_or(paragraph);
    cut_at_word(first, LEAD_TITLE_CHARS)
}

/// Shortens `s` to at most `max` characters at a word boundary, adding `…` if cut.
pub fn cut_at_word(s: &str, max: usize) -> String {
    let s = clean_inline(s);
    if s.chars().count() <= max {
        return s;
    }
    let cut = s.char_indices().nth(max).map(|(i, _)| i).unwrap_or(s.len());
    let head = &s[..cut];
    let at = head.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut);
    let mut out = head[..at]
        .trim_end_matches([',', ';', ':', '-', ' '])
        .to_string();
    out.push('…');
    out
}

pub(crate) fn file_title(file_name: &str) -> String {
    let stem = match file_name.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => file_name,
    };
    stem.to_string()
}
