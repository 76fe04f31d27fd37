//! An article and the rules that turn raw text into one: headline, dateline,
//! agency, byline, credit line and body paragraphs.

mod agency;
mod credit;
mod dateline;
mod headline;
mod paragraphs;
mod shared;

use serde::Serialize;

use std::sync::Arc;
use std::time::SystemTime;

use crate::date::{self, Date};
use crate::text::script::Script;

pub use crate::location::Location;
pub use headline::cut_at_word;

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
    /// The `title` field of a JSON record, or the title of a feed's item.
    Record,
    /// A web page's `og:title`, else its first `<h1>`, else its `<title>`.
    Page,
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
            TitleRule::Page => "page",
        }
    }
}

/// How the file's bytes were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Valid UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    /// UTF-8 with a few bytes that are not; each shows as U+FFFD.
    Utf8Damaged,
    /// UTF-16, little endian, with a byte order mark.
    Utf16Le,
    /// UTF-16, big endian, with a byte order mark.
    Utf16Be,
    /// UTF-16, little endian, recognised without a byte order mark.
    Utf16LeNoBom,
    /// UTF-16, big endian, recognised without a byte order mark.
    Utf16BeNoBom,
    /// Windows-1252 (a superset of Latin-1's printable range), as detected.
    Windows1252,
    /// Another legacy encoding, as detected (Shift_JIS, windows-1251, GBK...).
    Legacy(&'static encoding_rs::Encoding),
}

impl Encoding {
    /// The encoding's name as printed by the CLI (`shift_jis`, `windows-1251`).
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf8Damaged => "utf-8-damaged",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Utf16LeNoBom => "utf-16le-no-bom",
            Encoding::Utf16BeNoBom => "utf-16be-no-bom",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Legacy(e) => legacy_name(e),
        }
    }
}

/// encoding_rs's name for a legacy encoding, in lower case.
fn legacy_name(e: &'static encoding_rs::Encoding) -> &'static str {
    const NAMES: &[(&str, &str)] = &[
        ("Shift_JIS", "shift_jis"),
        ("EUC-JP", "euc-jp"),
        ("ISO-2022-JP", "iso-2022-jp"),
        ("EUC-KR", "euc-kr"),
        ("GBK", "gbk"),
        ("gb18030", "gb18030"),
        ("Big5", "big5"),
        ("KOI8-R", "koi8-r"),
        ("KOI8-U", "koi8-u"),
        ("IBM866", "ibm866"),
    ];
    let name = e.name();
    if let Some((_, lower)) = NAMES.iter().find(|(n, _)| *n == name) {
        return lower;
    }
    // encoding_rs names the others in lower case already (windows-1251, iso-8859-2).
    name
}

impl Serialize for Encoding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where an article's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrigin {
    /// Front matter or a record field.
    Metadata,
    /// The dateline (`WASHINGTON, March 2 -`).
    Dateline,
    /// A full date written in the lead.
    Text,
    /// The file's modification time: when the file was saved, not the story.
    FileTime,
    /// No date known.
    None,
}

impl DateOrigin {
    /// The origin's name in JSON output (`date_from`), `None` for no date.
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            DateOrigin::Metadata => Some("metadata"),
            DateOrigin::Dateline => Some("dateline"),
            DateOrigin::Text => Some("text"),
            DateOrigin::FileTime => Some("file"),
            DateOrigin::None => None,
        }
    }
}

/// An article's rarer fields: byline, link, tags, language, credit line, and
/// where its preformatted lines are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extra {
    /// Byline or author field.
    pub author: Option<Box<str>>,
    /// Link to the original, when the record had one.
    pub url: Option<Box<str>>,
    /// Tags and categories from the metadata.
    pub tags: Box<[Box<str>]>,
    /// The language the metadata says the article is in.
    pub lang: Option<Box<str>>,
    /// Credit line (`Reporting by …; editing by …`), kept apart from the body.
    pub credit: Option<Box<str>>,
    /// Which paragraphs (by position in the body) are lines of preformatted blocks,
    /// in order: shown as written, never reflowed.
    pub pre: Box<[u32]>,
}

impl Extra {
    /// The fields boxed, or nothing when every one is empty.
    pub fn boxed(self) -> Option<Box<Extra>> {
        (self != Extra::default()).then(|| Box::new(self))
    }
}

/// One news article, parsed and ready to show, search and compare.
#[derive(Clone, Debug)]
pub struct Article {
    /// Position in the store.
    pub id: ArticleId,
    /// Where it is: the file relative to the loaded folder, and the record in it.
    pub location: Location,
    /// The headline.
    pub title: Box<str>,
    /// Which rule gave the headline.
    pub title_rule: TitleRule,
    /// Place from the dateline (`PARIS`), shared among the articles that name it.
    pub dateline: Option<Arc<str>>,
    /// The dateline exactly as written (`PARIS (Reuters) -`), shown by the reader.
    pub dateline_text: Option<Arc<str>>,
    /// Agency or publication (`Reuters`), shared among the articles that name it.
    pub source: Option<Arc<str>>,
    /// Body paragraphs separated by `\n`; no paragraph contains a newline. A line
    /// of a preformatted block (a table, code) is a paragraph of its own.
    pub body: Box<str>,
    /// The fields most articles lack, held apart so that an article without them
    /// costs one pointer for all of them (a million articles, 88 MB less).
    pub extra: Option<Box<Extra>>,
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
    /// Byline or author field.
    pub fn author(&self) -> Option<&str> {
        self.extra.as_ref()?.author.as_deref()
    }

    /// Link to the original, when the record had one.
    pub fn url(&self) -> Option<&str> {
        self.extra.as_ref()?.url.as_deref()
    }

    /// Tags and categories from the metadata.
    pub fn tags(&self) -> &[Box<str>] {
        self.extra.as_ref().map_or(&[], |e| &e.tags)
    }

    /// The language the metadata says the article is in.
    pub fn lang(&self) -> Option<&str> {
        self.extra.as_ref()?.lang.as_deref()
    }

    /// Credit line (`Reporting by …; editing by …`), kept apart from the body.
    pub fn credit(&self) -> Option<&str> {
        self.extra.as_ref()?.credit.as_deref()
    }

    /// Which paragraphs are lines of preformatted blocks, in order.
    pub fn pre(&self) -> &[u32] {
        self.extra.as_ref().map_or(&[], |e| &e.pre)
    }

    /// The body's paragraphs, in order; each line of a preformatted block is one.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split('\n').filter(|p| !p.is_empty())
    }

    /// The body's paragraphs with whether each is a line of a preformatted block.
    pub fn paragraphs_marked(&self) -> impl Iterator<Item = (&str, bool)> {
        let mut next = self.pre().iter().copied().peekable();
        self.paragraphs().enumerate().map(move |(i, p)| {
            let pre = next.next_if_eq(&(i as u32)).is_some();
            (p, pre)
        })
    }

    /// The body as blocks: paragraphs, and preformatted blocks of several lines
    /// (joined by `\n`) whose spacing is kept.
    pub fn blocks(&self) -> Vec<Block<'_>> {
        let mut out: Vec<Block<'_>> = Vec::new();
        let mut pre_start: Option<(usize, usize)> = None;
        let body: &str = &self.body;
        let mut offset = 0;
        for (p, pre) in self.paragraphs_marked() {
            let start = offset + body[offset..].find(p).unwrap_or(0);
            let end = start + p.len();
            offset = end;
            match (pre, pre_start) {
                (true, Some((s, _))) => pre_start = Some((s, end)),
                (true, None) => pre_start = Some((start, end)),
                (false, _) => {
                    if let Some((s, e)) = pre_start.take() {
                        out.push(Block::pre(&body[s..e]));
                    }
                    out.push(Block::paragraph(p));
                }
            }
        }
        if let Some((s, e)) = pre_start {
            out.push(Block::pre(&body[s..e]));
        }
        out
    }

    /// The line under a headline, the same wherever an article is shown: the
    /// dateline's place (when `place`), source, date (`(file date)` after a file's
    /// time), words and where it is, a `·` between them.
    pub fn meta_line(&self, place: bool) -> String {
        let mut parts: Vec<String> = Vec::new();
        if place && let Some(p) = &self.dateline {
            parts.push(p.to_string());
        }
        if let Some(s) = &self.source {
            parts.push(s.to_string());
        }
        if let Some(d) = self.date {
            // A file's time says when it was saved, not when the story ran.
            match self.date_origin {
                DateOrigin::FileTime => parts.push(format!("{} (file date)", d.human())),
                _ => parts.push(d.human()),
            }
        }
        parts.push(format!("{} words", self.words));
        parts.push(self.location.to_string());
        parts.join(" · ")
    }
}

/// What a block of the body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Running text, reflowed to any width.
    Paragraph,
    /// Lines whose spacing matters (a table, code): shown as written.
    Pre,
}

/// A block of an article's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Block<'a> {
    /// Paragraph or preformatted.
    pub kind: BlockKind,
    /// The text; a preformatted block's lines are joined by `\n`.
    pub text: &'a str,
}

impl<'a> Block<'a> {
    fn paragraph(text: &'a str) -> Block<'a> {
        Block {
            kind: BlockKind::Paragraph,
            text,
        }
    }

    fn pre(text: &'a str) -> Block<'a> {
        Block {
            kind: BlockKind::Pre,
            text,
        }
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
    /// `tags`, `categories`, `keywords`, in order, each once.
    pub tags: Vec<String>,
    /// `lang` / `language`: the language the article is written in.
    pub lang: Option<String>,
}

/// Field names whose values are tags.
const TAG_KEYS: &[&str] = &["tags", "tag", "categories", "category", "keywords"];

impl Meta {
    /// Whether `key` names a field of tags.
    pub fn is_tags(key: &str) -> bool {
        TAG_KEYS.contains(&key.trim().to_ascii_lowercase().as_str())
    }

    /// Adds tags, each once whatever its case, blank ones left out.
    pub fn add_tags(&mut self, tags: impl IntoIterator<Item = String>) {
        for t in tags {
            let t = clean_inline(&t);
            if !t.is_empty() && !self.tags.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                self.tags.push(t);
            }
        }
    }

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
            "lang" | "language" | "locale" => &mut self.lang,
            k if Meta::is_tags(k) => {
                self.add_tags(value.split(',').map(str::to_string));
                return;
            }
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
    /// The date the text gives (dateline, else a full date in the lead), and which.
    pub date: Option<(Date, DateOrigin)>,
    /// Agency from the dateline or a sign-off.
    pub source: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Credit line.
    pub credit: Option<String>,
    /// Body paragraphs; a preformatted block (a table, code) gives one per line.
    pub paragraphs: Vec<String>,
    /// For each paragraph, whether it is a line of a preformatted block.
    pub pre: Vec<bool>,
}

/// What parsing needs to know besides the text and its metadata.
#[derive(Clone, Copy, Debug)]
pub struct ParseContext<'a> {
    /// The file's name: the last resort for a headline.
    pub file_name: &'a str,
    /// The rule to record when the metadata gives the headline.
    pub meta_rule: TitleRule,
    /// Agencies the config adds to those copydesk knows.
    pub agencies: &'a [String],
    /// Whether the text is Markdown (fenced and indented code blocks).
    pub markdown: bool,
}

impl Parsed {
    /// Words in the body, counting each CJK character as a word.
    pub fn word_count(&self) -> u32 {
        self.paragraphs
            .iter()
            .map(|p| crate::text::words::count_words(p))
            .sum()
    }
}

/// Parses decoded text into headline, dateline, credit and paragraphs.
///
/// `text` must already have Unix line ends. `meta` carries front matter or record fields;
/// a title there wins over every rule. `file_name` is the last resort for a headline.
pub fn parse(text: &str, meta: &Meta, file_name: &str, title_rule_for_meta: TitleRule) -> Parsed {
    let cx = ParseContext {
        file_name,
        meta_rule: title_rule_for_meta,
        agencies: &[],
        markdown: file_name.ends_with(".md") || file_name.ends_with(".markdown"),
    };
    parse_in(text, meta, &cx)
}

/// [`parse`] with everything it needs spelled out.
pub fn parse_in(text: &str, meta: &Meta, cx: &ParseContext<'_>) -> Parsed {
    let all_lines: Vec<&str> = text.lines().collect();
    let mut lines: &[&str] = &all_lines;
    skip_blank(&mut lines);
    let author = take_byline(&mut lines);
    let title = take_title(&mut lines, meta, cx.meta_rule);
    let (mut source, mut credit) = take_trailer(&mut lines, cx.agencies);
    let (mut paragraphs, mut pre) = paragraphs::paragraphs_of(lines, cx.markdown);
    if credit.is_none() && pre.last() != Some(&true) {
        credit = credit::take_credit(&mut paragraphs);
        pre.truncate(paragraphs.len());
    }
    let dateline = match pre.first() {
        Some(false) => take_dateline(&mut paragraphs),
        _ => None,
    };
    if pre.len() > paragraphs.len() {
        // The dateline was a paragraph of its own.
        pre.remove(0);
    }
    let (dateline, dateline_text, dateline_date) = match dateline {
        Some((d, text)) => {
            source = d.agency.or(source);
            (Some(d.place), Some(text), d.date)
        }
        None => (None, None, None),
    };
    let date = text_date(dateline_date, &paragraphs);
    let (title, title_rule) = match title {
        Some(t) if !t.0.is_empty() => t,
        _ => match paragraphs.first() {
            Some(p) => (headline::lead_title(p), TitleRule::Lead),
            None => (headline::file_title(cx.file_name), TitleRule::FileName),
        },
    };
    Parsed {
        title,
        title_rule,
        dateline,
        dateline_text,
        date,
        source: source.map(|s| agency::canonical_agency(&s)),
        author,
        credit,
        paragraphs,
        pre,
    }
}

/// The date the text gives: the dateline's (its year, when it has none, from a full
/// date of the same day in the first paragraphs), else the first full date written
/// in the lead.
fn text_date(dateline: Option<Date>, paragraphs: &[String]) -> Option<(Date, DateOrigin)> {
    let lead = paragraphs.iter().take(3);
    if let Some(d) = dateline {
        if d.year().is_some() {
            return Some((d, DateOrigin::Dateline));
        }
        let same_day = Some((d.month(), d.day()));
        // Only a report's own day, after its weekday, gives the year: a same-day
        // date elsewhere is often a year on (notes due March 2, 1990).
        let look = date::Look {
            same_day,
            after_weekday: true,
            ..date::Look::default()
        };
        let with_year = lead.filter_map(|p| date::find_full_date(p, look)).next();
        return Some((with_year.unwrap_or(d), DateOrigin::Dateline));
    }
    // A date further into the lead is more often the event's (a bond due in 1994)
    // than the story's.
    let first = paragraphs.first()?;
    let look = date::Look {
        within: Some(12),
        ..date::Look::default()
    };
    Some((date::find_full_date(first, look)?, DateOrigin::Text))
}

fn skip_blank(lines: &mut &[&str]) {
    let n = lines.iter().take_while(|l| l.trim().is_empty()).count();
    *lines = &lines[n..];
}

/// A byline on the first line (`By Jane Smith`), taken off the text.
fn take_byline(lines: &mut &[&str]) -> Option<String> {
    let name = credit::byline(lines.first()?.trim())?.to_string();
    *lines = &lines[1..];
    skip_blank(lines);
    Some(name)
}

/// The headline: the metadata's, else a title line at the top (taken off the text;
/// so is a first line that only repeats the metadata's title).
fn take_title(lines: &mut &[&str], meta: &Meta, rule: TitleRule) -> Option<(String, TitleRule)> {
    let title = meta.title.as_ref().map(|t| (clean_inline(t), rule));
    let Some((candidate, used)) = headline::title_lines(lines) else {
        return title;
    };
    match title {
        None => {
            *lines = &lines[used..];
            Some((candidate, TitleRule::TitleLine))
        }
        Some(t) => {
            if headline::same_words(&t.0, &candidate) {
                *lines = &lines[used..];
            }
            Some(t)
        }
    }
}

/// Sign-off, dangling web labels and the credit line on the last lines, taken off
/// the text: returns the agency the sign-off names and the credit line.
fn take_trailer(lines: &mut &[&str], agencies: &[String]) -> (Option<String>, Option<String>) {
    let mut source = None;
    let mut credit = None;
    loop {
        let blank = lines
            .iter()
            .rev()
            .take_while(|l| l.trim().is_empty())
            .count();
        *lines = &lines[..lines.len() - blank];
        let Some(last) = lines.last().map(|l| l.trim()) else {
            break;
        };
        if source.is_none()
            && credit.is_none()
            && let Some(agency) = agency::sign_off(last, agencies)
        {
            source = Some(agency);
        } else if last.ends_with(':') && last.split_whitespace().count() <= 3 {
            // A label such as "Share:" left over from a web page.
        } else if credit.is_none() && credit::is_credit(last) {
            credit = Some(credit::strip_parens(last));
        } else {
            break;
        }
        *lines = &lines[..lines.len() - 1];
    }
    (source, credit)
}

/// The dateline at the start of the first paragraph, taken off it; with the
/// dateline as written.
fn take_dateline(paragraphs: &mut Vec<String>) -> Option<(dateline::Dateline, String)> {
    let first = paragraphs.first_mut()?;
    let d = dateline::parse_dateline(first)?;
    let written = first[..d.prefix_end].trim().to_string();
    *first = first[d.body_start..].trim_start().to_string();
    if first.is_empty() {
        paragraphs.remove(0);
    }
    Some((d, written))
}

/// Completes an article from parsed text and metadata; the id is set by the loader.
pub(crate) fn build(
    parsed: Parsed,
    meta: &Meta,
    location: Location,
    encoding: Encoding,
    mtime: Option<SystemTime>,
) -> Article {
    let words = parsed.word_count();
    let from_file = || {
        mtime
            .and_then(date::from_system_time)
            .map(|d| (d, DateOrigin::FileTime))
    };
    let (date, date_origin) = match meta
        .date
        .as_deref()
        .and_then(date::parse)
        .map(|d| (d, DateOrigin::Metadata))
        .or(parsed.date)
        .or_else(from_file)
    {
        Some((d, origin)) => (Some(d), origin),
        None => (None, DateOrigin::None),
    };
    let body = parsed.paragraphs.join("\n");
    let pre: Box<[u32]> = (0..parsed.paragraphs.len() as u32)
        .filter(|&i| parsed.pre[i as usize])
        .collect();
    // The first few thousand bytes tell the script as well as the whole text.
    let sample = &body[..body.floor_char_boundary(4096)];
    let script = Script::dominant([parsed.title.as_str(), sample]);
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(parsed.title.as_bytes());
    hasher.update(b"\n");
    hasher.update(body.as_bytes());
    let source = meta.source.clone().or(parsed.source);
    let author = meta.author.clone().or(parsed.author);
    Article {
        id: 0,
        location,
        title: parsed.title.into(),
        title_rule: parsed.title_rule,
        dateline: parsed.dateline.as_deref().map(shared::text),
        dateline_text: parsed.dateline_text.as_deref().map(shared::text),
        source: source.as_deref().map(shared::text),
        body: body.into(),
        extra: Extra {
            author: author.map(Into::into),
            url: meta.url.clone().map(Into::into),
            tags: meta.tags.iter().map(|t| t.as_str().into()).collect(),
            lang: meta.lang.clone().map(Into::into),
            credit: parsed.credit.map(Into::into),
            pre,
        }
        .boxed(),
        words,
        date,
        date_origin,
        encoding,
        script,
        content_hash: hasher.digest(),
    }
}

/// Collapses runs of whitespace into one space, drops control characters
/// (a JSON `\b` in a headline), and trims.
pub fn clean_inline(s: &str) -> String {
    clean_inline_cow(s).into_owned()
}

/// [`clean_inline`], borrowing `s` when it is tidy already.
pub fn clean_inline_cow(s: &str) -> std::borrow::Cow<'_, str> {
    // Printable ASCII (a loop the compiler vectorises), single spaces, none at
    // either end.
    let bytes = s.as_bytes();
    let tidy = bytes
        .iter()
        .fold(true, |ok, &b| ok & (b.wrapping_sub(b' ') <= b'~' - b' '))
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        // (A searcher for two spaces costs more to set up than a headline
        // takes to scan; a fold without branches is vectorised.)
        && !bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .fold(false, |two, (&a, &b)| two | ((a == b' ') & (b == b' ')));
    if tidy {
        return std::borrow::Cow::Borrowed(s);
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
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::agency::canonical_agency;
    use super::headline::LEAD_TITLE_CHARS;
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
    fn wrapped_headline_in_mixed_case() {
        // A flash whose headline runs onto a second line is all headline.
        let a = p("Acme net profit 10.5 mln dlrs vs 9.8 mln in the year to\nend-June\n\n\n");
        assert_eq!(
            a.title,
            "Acme net profit 10.5 mln dlrs vs 9.8 mln in the year to end-June"
        );
        assert_eq!(a.title_rule, TitleRule::TitleLine);
        assert!(a.paragraphs.is_empty());
        // So is one over a story.
        let a = p(
            "Widget makers agree to cut output by a fifth from\nnext month - trade group\n\nPARIS, May 3 - Widget makers said they would cut output.\n",
        );
        assert_eq!(
            a.title,
            "Widget makers agree to cut output by a fifth from next month - trade group"
        );
        assert_eq!(a.paragraphs.len(), 1);
        // Two lines of prose are a paragraph, not a headline.
        let a = p("The council met on Tuesday and agreed to\nraise the rates.\n");
        assert_eq!(a.title_rule, TitleRule::Lead);
        assert_eq!(a.paragraphs.len(), 1);
        let a = p("The council met on Tuesday. It agreed to\nraise the rates\n");
        assert_eq!(a.title_rule, TitleRule::Lead);
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
}
