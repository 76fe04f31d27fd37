//! Plain text (`.txt`, `.text`) and Markdown (`.md`, `.markdown`): one article per
//! file, front matter allowed in both.

use super::{Format, Input, Loaded, frontmatter};
use crate::article::{self, Encoding, TitleRule};
use crate::decode;
use crate::skipped::{SkipReason, Warning};

/// `.txt` and `.text` files.
pub struct PlainText;

/// `.md` and `.markdown` files.
pub struct Markdown;

impl Format for PlainText {
    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }

    fn read(&self, input: &Input<'_>) -> Result<Loaded, SkipReason> {
        one_article(input)
    }
}

impl Format for Markdown {
    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }

    fn read(&self, input: &Input<'_>) -> Result<Loaded, SkipReason> {
        one_article(input)
    }
}

/// Decoded text, with or without front matter, as one article.
fn one_article(input: &Input<'_>) -> Result<Loaded, SkipReason> {
    let (text, encoding) = decode_text(input.bytes)?;
    let file_name = input.rel.rsplit('/').next().unwrap_or(input.rel);
    let front = frontmatter::split(&text);
    let (meta, body) = (front.meta, front.body);
    let cx = article::ParseContext {
        file_name,
        meta_rule: TitleRule::FrontMatter,
        agencies: input.agencies,
        markdown: markdown(file_name),
    };
    let parsed = article::parse_in(body, &meta, &cx);
    if parsed.paragraphs.is_empty() && parsed.title_rule == TitleRule::FileName {
        return Err(SkipReason::Empty);
    }
    let location = crate::article::Location::file(input.rel);
    Ok(Loaded {
        articles: vec![article::build(
            parsed,
            &meta,
            location,
            encoding,
            input.mtime,
        )],
        skipped: Vec::new(),
        warnings: super::encoding_warning(input.rel, encoding, &text)
            .into_iter()
            .chain(front.problem.map(|(line, message)| Warning {
                path: input.rel.to_string(),
                line: Some(line),
                message,
            }))
            .collect(),
    })
}

/// Whether a file name is a Markdown file's.
fn markdown(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    Markdown
        .extensions()
        .iter()
        .any(|e| lower.ends_with(&format!(".{e}")))
}

/// The bytes as text, or why they are not an article.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<(String, Encoding), SkipReason> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SkipReason::Empty);
    }
    decode::decode(bytes).map_err(|_| SkipReason::Binary)
}
