//! An article and the rules that turn raw text into one: headline, dateline,
//! agency, byline, credit line and body paragraphs.

use serde::Serialize;

use crate::date::Date;
use crate::text::sentences;

/// Index of an article in its store; stable for a given folder content.
pub type ArticleId = u32;

/// Which rule produced an article's headline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleRule {
    /// `title` in the file's front matter.
    FrontMatter,
    /// A short first line followed by a blank line.
    TitleLine,
    /// The lead sentence, dateline removed, cut at a word boundary.
    Lead,
    /// The file name, when nothing else gave a headline.
    FileName,
    /// The `title` field of a JSON record.
    Record,
}

impl TitleRule {
    /// The rule's name as printed by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            TitleRule::FrontMatter => "front-matter",
            TitleRule::TitleLine => "title-line",
            TitleRule::Lead => "lead",
            TitleRule::FileName => "file-name",
            TitleRule::Record => "record",
        }
    }
}

/// How the file's bytes were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// Valid UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    /// UTF-16, little endian, with a byte order mark.
    Utf16Le,
    /// UTF-16, big endian, with a byte order mark.
    Utf16Be,
    /// Not valid UTF-8; read as Windows-1252 (a superset of Latin-1's printable range).
    Windows1252,
}

impl Encoding {
    /// The encoding's name as printed by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

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
    /// Whether text in this script runs right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Script::Arabic | Script::Hebrew)
    }

    fn of(c: char) -> Option<Script> {
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

/// Where an article's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrigin {
    /// Front matter or a record field.
    Metadata,
    /// The file's modification time.
    FileTime,
    /// No date known.
    None,
}

/// One news article, parsed and ready to show, search and compare.
#[derive(Clone, Debug)]
pub struct Article {
    /// Position in the store.
    pub id: ArticleId,
    /// Path relative to the loaded folder, `/`-separated; records add `#LINE`.
    pub path: Box<str>,
    /// The headline.
    pub title: Box<str>,
    /// Which rule gave the headline.
    pub title_rule: TitleRule,
    /// Place from the dateline (`PARIS`).
    pub dateline: Option<Box<str>>,
    /// The dateline exactly as written (`PARIS (Reuters) -`), shown by the reader.
    pub dateline_text: Option<Box<str>>,
    /// Agency or publication (`Reuters`).
    pub source: Option<Box<str>>,
    /// Byline or author field.
    pub author: Option<Box<str>>,
    /// Link to the original, when the record had one.
    pub url: Option<Box<str>>,
    /// Credit line (`Reporting by …; editing by …`), kept apart from the body.
    pub credit: Option<Box<str>>,
    /// Body paragraphs separated by `\n`; no paragraph contains a newline.
    pub body: Box<str>,
    /// Words in the body.
    pub words: u32,
    /// Publication date, or the file's modification date.
    pub date: Option<Date>,
    /// Where `date` came from.
    pub date_origin: DateOrigin,
    /// How the file was decoded.
    pub encoding: Encoding,
    /// Dominant writing system.
    pub script: Script,
    /// Hash of headline and body, stable across runs and versions, used to key marks.
    pub content_hash: u64,
}

impl Article {
    /// The body's paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split('\n').filter(|p| !p.is_empty())
    }
}

/// Metadata given outside the text: front matter or a JSON record's fields.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    /// `title` / `headline`.
    pub title: Option<String>,
    /// `date` as written.
    pub date: Option<String>,
    /// `source` / `publisher` / `agency`.
    pub source: Option<String>,
    /// `author` / `byline`.
    pub author: Option<String>,
    /// `url` / `link`.
    pub url: Option<String>,
}

impl Meta {
    /// Stores `value` under the field that `key` names, if it names one.
    pub fn set(&mut self, key: &str, value: String) {
        let value = value.trim().to_string();
        if value.is_empty() {
            return;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" => &mut self.title,
            "date" | "published" | "pubdate" | "published_at" | "publish_date" | "datetime" => {
                &mut self.date
            }
            "source" | "publisher" | "agency" | "site" | "outlet" => &mut self.source,
            "author" | "authors" | "byline" | "by" => &mut self.author,
            "url" | "link" | "permalink" => &mut self.url,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }
}

/// The parts of an article that come from its text alone.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// Headline.
    pub title: String,
    /// Rule that gave the headline.
    pub title_rule: TitleRule,
    /// Dateline place.
    pub dateline: Option<String>,
    /// Dateline as written.
    pub dateline_text: Option<String>,
    /// Agency from the dateline or a sign-off.
    pub source: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Credit line.
    pub credit: Option<String>,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
}

impl Parsed {
    /// Words in the body, counting each CJK character as a word.
    pub fn word_count(&self) -> u32 {
        self.paragraphs.iter().map(|p| count_words(p)).sum()
    }
}

/// Counts words the way a reader would: whitespace-separated runs holding a letter or
/// digit, and each CJK character on its own.
pub fn count_words(text: &str) -> u32 {
    let b = text.as_bytes();
    // CJK characters (U+3000..U+9FFF) each count as a word and need the slow path.
    if b.iter().any(|&x| (0xE3..=0xE9).contains(&x)) {
        return count_words_cjk(text);
    }
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
    for &x in b {
        // Branch-free: word ends are too frequent to predict.
        let class = CLASS[x as usize];
        let ws = u32::from(class == 2);
        n += ws & alnum;
        alnum = (alnum | u32::from(class == 1)) & (ws ^ 1);
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

/// Longest lead-derived headline, in characters.
const LEAD_TITLE_CHARS: usize = 100;

/// Parses decoded text into headline, dateline, credit and paragraphs.
///
/// `text` must already have Unix line ends. `meta` carries front matter or record fields;
/// a title there wins over every rule. `file_name` is the last resort for a headline.
pub fn parse(text: &str, meta: &Meta, file_name: &str, title_rule_for_meta: TitleRule) -> Parsed {
    let all_lines: Vec<&str> = text.lines().collect();
    let mut lines: &[&str] = &all_lines;
    let skip_blank = |lines: &mut &[&str]| {
        let n = lines.iter().take_while(|l| l.trim().is_empty()).count();
        *lines = &lines[n..];
    };
    skip_blank(&mut lines);

    let mut author = None;
    if let Some(first) = lines.first()
        && let Some(name) = byline(first.trim())
    {
        author = Some(name.to_string());
        lines = &lines[1..];
        skip_blank(&mut lines);
    }

    let mut title: Option<(String, TitleRule)> = meta
        .title
        .as_ref()
        .map(|t| (clean_inline(t), title_rule_for_meta));
    if let Some((candidate, used)) = title_lines(lines) {
        if title.is_none() {
            title = Some((candidate, TitleRule::TitleLine));
            lines = &lines[used..];
        } else if title
            .as_ref()
            .is_some_and(|(t, _)| same_words(t, &candidate))
        {
            // The front matter repeats the first line: do not show it twice.
            lines = &lines[used..];
        }
    }

    // Sign-off, dangling web labels and the credit line sit on the last lines.
    let mut source = None;
    let mut credit = None;
    loop {
        let blank = lines
            .iter()
            .rev()
            .take_while(|l| l.trim().is_empty())
            .count();
        lines = &lines[..lines.len() - blank];
        let Some(last) = lines.last().map(|l| l.trim()) else {
            break;
        };
        if source.is_none()
            && credit.is_none()
            && let Some(agency) = sign_off(last)
        {
            source = Some(agency.to_string());
        } else if last.ends_with(':') && last.split_whitespace().count() <= 3 {
            // A label such as "Share:" left over from a web page.
        } else if credit.is_none() && is_credit(last) {
            credit = Some(strip_parens(last));
        } else {
            break;
        }
        lines = &lines[..lines.len() - 1];
    }

    let mut paragraphs = paragraphs_of(lines);
    if credit.is_none() {
        credit = take_credit(&mut paragraphs);
    }

    let mut dateline = None;
    let mut dateline_text = None;
    if let Some(first) = paragraphs.first_mut()
        && let Some(d) = parse_dateline(first)
    {
        dateline = Some(d.place);
        dateline_text = Some(first[..d.prefix_end].trim().to_string());
        if let Some(agency) = d.agency {
            source = Some(agency);
        }
        *first = first[d.body_start..].trim_start().to_string();
        if first.is_empty() {
            paragraphs.remove(0);
        }
    }

    let (title, title_rule) = match title {
        Some(t) if !t.0.is_empty() => t,
        _ => match paragraphs.first() {
            Some(p) => (lead_title(p), TitleRule::Lead),
            None => (file_title(file_name), TitleRule::FileName),
        },
    };
    Parsed {
        title,
        title_rule,
        dateline,
        dateline_text,
        source: source.map(|s| canonical_agency(&s)),
        author,
        credit,
        paragraphs,
    }
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// Collapses runs of whitespace into one space, drops control characters
/// (a JSON `\b` in a headline), and trims.
pub fn clean_inline(s: &str) -> String {
    let tidy = s.is_ascii()
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s
            .bytes()
            .any(|b| (b.is_ascii_control() || b.is_ascii_whitespace()) && b != b' ')
        && memchr::memmem::find(s.as_bytes(), b"  ").is_none();
    if tidy {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        let w: String = w.chars().filter(|c| !c.is_control()).collect();
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

/// The headline at the top of `lines`, if there is one, and how many lines it takes:
/// a short line followed by a blank line, a table, or nothing; a Markdown heading; or
/// two capitalised wire-style lines that wrap one headline.
fn title_lines(lines: &[&str]) -> Option<(String, usize)> {
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
    let all_caps = |l: &str| {
        let mut letters = l.chars().filter(|c| c.is_alphabetic()).peekable();
        letters.peek().is_some() && letters.all(char::is_uppercase)
    };
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
    None
}

/// Whether a line is short and shaped like a headline rather than a sentence.
fn reads_as_title(line: &str) -> bool {
    if line.is_empty() || line.chars().count() > 160 || line.split_whitespace().count() > 25 {
        return false;
    }
    if !line.chars().any(char::is_alphanumeric) {
        return false;
    }
    if line.ends_with([',', ';', ':']) {
        return false;
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

/// Splits lines (blank lines between blocks) into paragraphs, joining hard wraps.
fn paragraphs_of(lines: &[&str]) -> Vec<String> {
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
fn is_table_row(line: &str) -> bool {
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

/// An agency sign-off on the last line of wire copy (`Reuter`, `REUTER`, ` Northwire`):
/// a single capitalised word on a line of its own.
fn sign_off(line: &str) -> Option<String> {
    let t = line.trim().trim_end_matches(['.', '-']).trim();
    let ok = (2..=15).contains(&t.chars().count())
        && t.chars().all(char::is_alphabetic)
        && t.starts_with(char::is_uppercase);
    ok.then(|| canonical_agency(t))
}

/// Spells an agency the way it calls itself (`Reuter` and `REUTER` are Reuters).
fn canonical_agency(s: &str) -> String {
    match s.to_ascii_lowercase().as_str() {
        "reuter" | "reuters" => "Reuters".to_string(),
        "ap" => "AP".to_string(),
        "afp" => "AFP".to_string(),
        "dpa" => "dpa".to_string(),
        _ if s.len() > 3 && s.chars().all(|c| c.is_uppercase()) => {
            // First letter kept, the rest lower-cased (the letter may be wider
            // than one byte: `ÉFE`).
            let first = s.chars().next().map_or(0, char::len_utf8);
            let mut out: String = s[..first].to_string();
            out.push_str(&s[first..].to_lowercase());
            out
        }
        _ => s.to_string(),
    }
}

const CREDIT_OPENERS: &[&str] = &[
    "reporting by",
    "additional reporting",
    "reporting and writing by",
    "writing by",
    "written by",
    "editing by",
    "edited by",
    "compiled by",
    "reported by",
];

fn is_credit(p: &str) -> bool {
    let head = p.trim().trim_start_matches('(').as_bytes();
    p.len() <= 1600
        && CREDIT_OPENERS
            .iter()
            .any(|o| head.len() >= o.len() && head[..o.len()].eq_ignore_ascii_case(o.as_bytes()))
}

/// Removes the credit line from the end of the body and returns it.
fn take_credit(paragraphs: &mut Vec<String>) -> Option<String> {
    let last = paragraphs.last()?;
    if is_credit(last) {
        let c = paragraphs.pop()?;
        return Some(strip_parens(&c));
    }
    // A credit in brackets at the end of the last paragraph: `… said. (Reporting by X)`.
    if last.ends_with(')') {
        let lower = last.to_lowercase();
        let at = CREDIT_OPENERS
            .iter()
            .filter_map(|o| lower.rfind(&format!("({o}")))
            .min()?;
        let p = paragraphs.last_mut()?;
        let credit = strip_parens(&p[at..]);
        p.truncate(at);
        let trimmed = p.trim_end().to_string();
        *p = trimmed;
        if p.is_empty() {
            paragraphs.pop();
        }
        return Some(credit);
    }
    None
}

fn strip_parens(s: &str) -> String {
    let t = s.trim();
    match t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) => inner.trim().to_string(),
        None => t.to_string(),
    }
}

/// `By Jane Smith` on a line of its own.
fn byline(p: &str) -> Option<&str> {
    let rest = p.strip_prefix("By ").or_else(|| p.strip_prefix("BY "))?;
    let words = rest.split_whitespace().count();
    let ok = (1..=6).contains(&words)
        && rest.chars().count() <= 60
        && !rest.ends_with('.')
        && rest
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w == "and" || w == "in");
    ok.then_some(rest.trim())
}

/// A dateline found at the start of a paragraph.
#[derive(Debug, PartialEq)]
struct Dateline {
    place: String,
    agency: Option<String>,
    /// End of the dateline including its dash.
    prefix_end: usize,
    /// Where the body text starts.
    body_start: usize,
}

fn parse_dateline(p: &str) -> Option<Dateline> {
    let window = &p[..p.floor_char_boundary(140)];
    let (at, prefix_end, body_start) = find_dash(window)?;
    let prefix = p[..at].trim();
    let (rest, agency) = match prefix.strip_suffix(')') {
        Some(inner) => {
            let open = inner.rfind('(')?;
            let agency = inner[open + 1..].trim();
            let ok = !agency.is_empty()
                && agency.chars().count() <= 40
                && agency.split_whitespace().count() <= 5
                && agency.starts_with(|c: char| c.is_uppercase());
            if !ok {
                return None;
            }
            (
                inner[..open].trim().trim_end_matches(',').trim(),
                Some(agency.to_string()),
            )
        }
        None => (prefix, None),
    };
    let mut parts = rest.split(',').map(str::trim);
    let place = parts.next()?;
    let extras: Vec<&str> = parts.collect();
    if extras.len() > 3 || !is_place(place) {
        return None;
    }
    let mut has_date = false;
    for e in &extras {
        if is_date_words(e) {
            has_date = true;
        } else if !is_region(e) {
            return None;
        }
    }
    let all_caps = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if !all_caps && agency.is_none() && !has_date {
        return None;
    }
    Some(Dateline {
        place: place.to_string(),
        agency,
        prefix_end,
        body_start,
    })
}

/// The first dash that separates a dateline from the text: ` - `, ` -- `, or an en or
/// em dash with a space on at least one side. Returns where the separator starts
/// (its leading space), where the dash ends, and where the text after it starts.
fn find_dash(window: &str) -> Option<(usize, usize, usize)> {
    let b = window.as_bytes();
    for (i, c) in window.char_indices() {
        let (dash_end, needs_both) = match c {
            '-' if b.get(i + 1) == Some(&b'-') => (i + 2, true),
            '-' => (i + 1, true),
            '—' | '–' => (i + c.len_utf8(), false),
            _ => continue,
        };
        let space_before = i > 0 && b[i - 1] == b' ';
        let space_after = b.get(dash_end) == Some(&b' ');
        let ok = if needs_both {
            space_before && space_after
        } else {
            space_before || space_after
        };
        if ok {
            let at = if space_before { i - 1 } else { i };
            let body = if space_after { dash_end + 1 } else { dash_end };
            return Some((at, dash_end, body));
        }
    }
    None
}

fn is_place(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && s.chars().count() <= 50
        && s.split_whitespace().count() <= 5
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '/' | '.' | '-' | '\''))
        && s.split([' ', '/', '-'])
            .filter(|w| !w.is_empty())
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
}

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `Feb 26`, `March 3`, `Jan. 29 2018`, `26 February`.
fn is_date_words(s: &str) -> bool {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    let has_month = words.iter().any(|w| MONTHS.contains(&w.as_str()));
    let numbers_ok = words
        .iter()
        .filter(|w| !MONTHS.contains(&w.as_str()))
        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 4);
    has_month && numbers_ok
}

/// A state or region after the place: `Wash.`, `Calif.`, `N.J.`, `Texas`.
fn is_region(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && s.chars().count() <= 25
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || c == '.')
        })
}

fn lead_title(paragraph: &str) -> String {
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

fn file_title(file_name: &str) -> String {
    let stem = match file_name.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => file_name,
    };
    stem.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_loses_control_characters_and_extra_spaces() {
        assert_eq!(clean_inline("Port\u{8}strike ends"), "Portstrike ends");
        assert_eq!(clean_inline("\u{8}\u{7}"), "");
        assert_eq!(
            clean_inline("  Two   spaces\tand a tab "),
            "Two spaces and a tab"
        );
        assert_eq!(clean_inline("Already tidy"), "Already tidy");
    }

    fn p(text: &str) -> Parsed {
        parse(text, &Meta::default(), "story.txt", TitleRule::FrontMatter)
    }

    #[test]
    fn agency_names_in_capitals_are_spelled_as_words() {
        assert_eq!(canonical_agency("REUTER"), "Reuters");
        assert_eq!(canonical_agency("NORTHWIRE"), "Northwire");
        // A first letter of two bytes (found by fuzzing: it used to panic).
        assert_eq!(canonical_agency("ÉFEX"), "Éfex");
        assert_eq!(canonical_agency("ÒÒÒÒ"), "Òòòò");
    }

    #[test]
    fn reuters_dateline_and_credit() {
        let a = p(
            "LYON (Reuters) - The city council voted on Monday to close the old bridge.\nIt will reopen in May.\nReporting by Ann Example; editing by Bo Sample\n",
        );
        assert_eq!(a.dateline.as_deref(), Some("LYON"));
        assert_eq!(a.dateline_text.as_deref(), Some("LYON (Reuters) -"));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(
            a.credit.as_deref(),
            Some("Reporting by Ann Example; editing by Bo Sample")
        );
        assert_eq!(a.title_rule, TitleRule::Lead);
        assert_eq!(
            a.title,
            "The city council voted on Monday to close the old bridge."
        );
        assert_eq!(a.paragraphs.len(), 2);
        assert!(a.paragraphs[0].starts_with("The city council"));
    }

    #[test]
    fn other_dateline_shapes() {
        for (line, place, agency) in [
            (
                "WASHINGTON, Feb 26 - The agency said so.",
                "WASHINGTON",
                None,
            ),
            ("LONDON (AP) — The queen spoke.", "LONDON", Some("AP")),
            ("KENT, Wash., March 3 - The company said so.", "KENT", None),
            (
                "ROME/MILAN (Reuters) - Both cities.",
                "ROME/MILAN",
                Some("Reuters"),
            ),
            ("Chicago, June 1 - Pork prices fell.", "Chicago", None),
        ] {
            let a = p(line);
            assert_eq!(a.dateline.as_deref(), Some(place), "{line}");
            assert_eq!(a.source.as_deref(), agency, "{line}");
        }
    }

    #[test]
    fn dash_inside_a_sentence_is_not_a_dateline() {
        let a = p("The minister - who spoke briefly - left early.");
        assert_eq!(a.dateline, None);
        let a = p("Britain, China, France and the United States - were invited.");
        assert_eq!(a.dateline, None);
    }

    #[test]
    fn wire_copy_title_line_indent_paragraphs_and_sign_off() {
        let text = "ACME TO BUY WIDGET MAKER\n\nBOSTON, March 2 - Acme Corp said it\nwould buy Widget Co for 10 mln dlrs.\n    The deal is subject to approval by\nshareholders of both firms.\n Reuter\n";
        let a = p(text);
        assert_eq!(a.title, "ACME TO BUY WIDGET MAKER");
        assert_eq!(a.title_rule, TitleRule::TitleLine);
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(
            a.paragraphs,
            vec![
                "Acme Corp said it would buy Widget Co for 10 mln dlrs.",
                "The deal is subject to approval by shareholders of both firms."
            ]
        );
    }

    #[test]
    fn wrapped_capital_headline_and_headline_over_a_table() {
        let a = p(
            "PRICES OF WIDGETS RISE 1.0 PCT IN YEAR TO\nAPRIL - OFFICIAL\n\nWidget prices rose.\n",
        );
        assert_eq!(
            a.title,
            "PRICES OF WIDGETS RISE 1.0 PCT IN YEAR TO APRIL - OFFICIAL"
        );
        let a = p(
            "RUBBER PRICES (YEN PER KILO) - APRIL 07\n      OPEN    HIGH    LOW\n JUN   12.5    13.0   12.0\n",
        );
        assert_eq!(a.title, "RUBBER PRICES (YEN PER KILO) - APRIL 07");
        assert_eq!(a.title_rule, TitleRule::TitleLine);
        assert_eq!(a.source, None);
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn headline_only_flash_has_empty_body() {
        let a = p("ACME SEES HIGHER PROFIT\n\n\n");
        assert_eq!(a.title, "ACME SEES HIGHER PROFIT");
        assert!(a.paragraphs.is_empty());
    }

    #[test]
    fn long_lines_are_paragraphs_of_their_own() {
        let long = "word ".repeat(30);
        let text = format!("{long}ends here.\n{long}and again.\n");
        assert_eq!(p(&text).paragraphs.len(), 2);
    }

    #[test]
    fn parenthesised_credit_at_end_of_last_paragraph() {
        let a = p(
            "Talks resumed on Friday. Both sides met. (Reporting by Ann Example; Editing by Bo Sample)",
        );
        assert_eq!(
            a.credit.as_deref(),
            Some("Reporting by Ann Example; Editing by Bo Sample")
        );
        assert_eq!(
            a.paragraphs,
            vec!["Talks resumed on Friday. Both sides met."]
        );
    }

    #[test]
    fn lead_title_is_cut_at_a_word() {
        let lead = "Officials from eleven countries gathered in the northern city on Thursday to discuss a plan that would reshape the regional electricity market for years.";
        let a = p(lead);
        assert!(a.title.chars().count() <= LEAD_TITLE_CHARS + 1);
        assert!(a.title.ends_with('…'));
        assert!(lead.starts_with(a.title.trim_end_matches('…')));
    }

    #[test]
    fn file_name_when_no_text_gives_a_headline() {
        let a = parse("", &Meta::default(), "notes.md", TitleRule::FrontMatter);
        assert_eq!(a.title, "notes");
        assert_eq!(a.title_rule, TitleRule::FileName);
    }

    #[test]
    fn trailing_label_is_dropped() {
        let a = p("A long sentence that is the body of this story, really.\nShare:\n");
        assert_eq!(a.paragraphs.len(), 1);
    }

    #[test]
    fn byline_becomes_author() {
        let a = p("By Jane Example\n\nMADRID (AP) - Rain fell.");
        assert_eq!(a.author.as_deref(), Some("Jane Example"));
        assert_eq!(a.dateline.as_deref(), Some("MADRID"));
    }

    #[test]
    fn words_and_scripts() {
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
