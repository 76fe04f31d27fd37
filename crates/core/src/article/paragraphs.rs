//! Turning lines into paragraphs: hard wraps joined, wire copy's indented paragraphs
//! understood, table rows kept as lines.

use super::clean_inline;

/// Splits lines (blank lines between blocks) into paragraphs, joining hard wraps.
pub(crate) fn paragraphs_of(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in lines.iter().chain(std::iter::once(&"")) {
        if line.trim().is_empty() {
            if !block.is_empty() {
                split_block(&block, &mut out);
                block.clear();
            }
        } else {
            block.push(line);
        }
    }
    out
}

/// A line laid out as a table row: text, then a run of three or more spaces, then text.
pub(crate) fn is_table_row(line: &str) -> bool {
    let mut run = 0;
    for &b in line.trim().as_bytes() {
        match b {
            b'\t' => return true,
            b' ' => {
                run += 1;
                if run == 3 {
                    return true;
                }
            }
            _ => run = 0,
        }
    }
    false
}

fn split_block(block: &[&str], out: &mut Vec<String>) {
    let table: Vec<bool> = block.iter().map(|l| is_table_row(l)).collect();
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
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let p = clean_inline(current);
        if !p.is_empty() {
            out.push(p);
        }
        current.clear();
    };
    for (i, line) in block.iter().enumerate() {
        if table[i] {
            flush(&mut current, out);
            out.push(line.trim_end().replace('\t', "    "));
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
