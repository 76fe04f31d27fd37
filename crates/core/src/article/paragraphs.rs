//! Turning lines into paragraphs: hard wraps joined, wire copy's indented paragraphs
//! understood, and preformatted lines (tables, column-aligned figures, Markdown
//! code) kept as they are written.

use super::clean_inline;

/// Paragraphs, and for each whether it is a line of a preformatted block.
#[derive(Default)]
struct Out {
    paragraphs: Vec<String>,
    pre: Vec<bool>,
}

impl Out {
    fn prose(&mut self, p: String) {
        self.paragraphs.push(p);
        self.pre.push(false);
    }

    /// A preformatted line, right end trimmed and tabs set to eight columns.
    fn pre_line(&mut self, line: &str) {
        let line = line.trim_end();
        if line.trim().is_empty() {
            return;
        }
        let mut text = String::with_capacity(line.len());
        for c in line.chars() {
            if c == '\t' {
                let width = text.chars().count();
                text.extend(std::iter::repeat_n(' ', 8 - width % 8));
            } else {
                text.push(c);
            }
        }
        self.paragraphs.push(text);
        self.pre.push(true);
    }
}

/// Splits lines (blank lines between blocks) into paragraphs, joining hard wraps;
/// in `markdown`, fenced and indented code blocks are preformatted.
pub(crate) fn paragraphs_of(lines: &[&str], markdown: bool) -> (Vec<String>, Vec<bool>) {
    let mut out = Out::default();
    let mut block: Vec<&str> = Vec::new();
    let mut fence: Option<&str> = None;
    for line in lines.iter().copied().chain(std::iter::once("")) {
        if markdown {
            let t = line.trim_start();
            if let Some(f) = fence {
                if t.starts_with(f) && t.trim_start_matches(f).trim().is_empty() {
                    fence = None;
                } else {
                    out.pre_line(line);
                }
                continue;
            }
            let opens = ["```", "~~~"].into_iter().find(|f| t.starts_with(f));
            if let Some(f) = opens {
                split_block(&block, markdown, &mut out);
                block.clear();
                fence = Some(f);
                continue;
            }
        }
        if line.trim().is_empty() {
            split_block(&block, markdown, &mut out);
            block.clear();
        } else {
            block.push(line);
        }
    }
    (out.paragraphs, out.pre)
}

/// A line laid out as a table row: a tab inside it, or columns set apart by runs
/// of three or more spaces: two such gaps, or one before a figure. One gap before
/// a word is a typing slip in prose (`said the   U.S. dollar`).
pub(crate) fn is_table_row(line: &str) -> bool {
    let t = line.trim().as_bytes();
    if t.contains(&b'\t') {
        return true;
    }
    // Most lines are prose, with no gap at all to look at.
    if memchr::memmem::find(t, b"   ").is_none() {
        return false;
    }
    let mut gaps = 0;
    let mut run = 0;
    for (i, &b) in t.iter().enumerate() {
        if b == b' ' {
            run += 1;
            continue;
        }
        if run >= 3 {
            gaps += 1;
            let figure = b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'$' | b'(' | b'.');
            if gaps >= 2 || figure || t[..i - run].last().is_some_and(u8::is_ascii_digit) {
                return true;
            }
        }
        run = 0;
    }
    false
}

/// Which lines of a block are preformatted: every table row, and the short lines
/// between two table rows (a table's headings and notes); a long line of prose
/// between them ends the table.
fn table_lines(block: &[&str]) -> Vec<bool> {
    let mut table: Vec<bool> = block.iter().map(|l| is_table_row(l)).collect();
    let rows: Vec<usize> = (0..block.len()).filter(|&i| table[i]).collect();
    for pair in rows.windows(2) {
        let between = pair[0] + 1..pair[1];
        let short = block[between.clone()]
            .iter()
            .all(|l| char_len(l.trim()) <= 45 || l.trim_end().ends_with(['-', ':']));
        if short {
            table[between].fill(true);
        }
    }
    table
}

fn split_block(block: &[&str], markdown: bool, out: &mut Out) {
    if block.is_empty() {
        return;
    }
    // An indented block in Markdown is code.
    if markdown
        && block
            .iter()
            .all(|l| l.starts_with("    ") || l.starts_with('\t'))
    {
        for l in block {
            let l = l
                .strip_prefix("    ")
                .or_else(|| l.strip_prefix('\t'))
                .unwrap_or(l);
            out.pre_line(l);
        }
        return;
    }
    let table = table_lines(block);
    let widest = block
        .iter()
        .zip(&table)
        .filter(|(_, t)| !**t)
        .map(|(l, _)| char_len(l.trim_end()))
        .max()
        .unwrap_or(0);
    let indented_later = block.iter().skip(1).any(|l| starts_indented(l));
    // Lines that all end a sentence are paragraphs, however short; hard-wrapped text
    // breaks mid-sentence.
    let all_end_sentences = block.len() >= 2
        && block[..block.len() - 1]
            .iter()
            .all(|l| l.trim_end().ends_with(['.', '!', '?', '"', '”', '’']));
    let one_per_line = (widest > 110 || all_end_sentences) && !indented_later;
    let mut current = String::new();
    let mut prev_len = 0usize;
    let mut prev_ended = false;
    let flush = |current: &mut String, out: &mut Out| {
        let p = clean_inline(current);
        if !p.is_empty() {
            out.prose(p);
        }
        current.clear();
    };
    for (i, line) in block.iter().enumerate() {
        if table[i] {
            flush(&mut current, out);
            out.pre_line(line);
            prev_ended = true;
            prev_len = 0;
            continue;
        }
        let t = line.trim();
        let new_para = i > 0
            && (one_per_line
                || starts_indented(line)
                || (!indented_later && prev_ended && prev_len * 10 < widest * 7));
        if new_para || current.is_empty() {
            flush(&mut current, out);
            current.push_str(t);
        } else if current.ends_with('-')
            && current[..current.len() - 1].ends_with(char::is_alphabetic)
            && t.starts_with(char::is_lowercase)
        {
            current.push_str(t);
        } else {
            current.push(' ');
            current.push_str(t);
        }
        prev_len = char_len(line.trim_end());
        prev_ended = t.ends_with(['.', '!', '?', '"', '”', '’', ')']) && !t.ends_with(" Mr.");
    }
    flush(&mut current, out);
}

fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

fn starts_indented(line: &str) -> bool {
    line.starts_with('\t') || line.starts_with("  ")
}
