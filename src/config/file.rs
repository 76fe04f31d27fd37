//! Reading a config file: its TOML shape, and turning it into a [`Config`] on top
//! of the defaults, with every mistake found located at its line and column.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{Action, Color, Config, ConfigError, ConfigErrors, Context, Theme};
use crate::keys::{self, KeySeq};
use copydesk_core::dedup::DedupOptions;

/// One `[keys.CONTEXT]` table as written: action names to key strings.
type FileBindings = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// The file as written: every entry optional, nothing else allowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    library: Option<String>,
    mouse: Option<bool>,
    live: Option<bool>,
    watch: Option<Spanned<String>>,
    split: Option<Spanned<u16>>,
    max_file_mib: Option<Spanned<u64>>,
    open_command: Option<Spanned<String>>,
    agencies: Option<Vec<Spanned<String>>>,
    theme: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    dedup: Option<DedupOptions>,
    keys: Option<BTreeMap<Spanned<String>, FileBindings>>,
}

/// The text being parsed and where it came from, to place mistakes.
struct Source<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Source<'_> {
    /// A mistake at byte offset `at` of the text.
    fn error(&self, at: usize, message: String) -> ConfigError {
        let (line, col) = line_col(self.text, at);
        ConfigError {
            path: self.path.to_path_buf(),
            line,
            col,
            message,
        }
    }
}

/// 1-based line and column of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..text.floor_char_boundary(at)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Parses a config file's text over the defaults; `path` is used in messages.
pub(super) fn parse(text: &str, path: &Path) -> Result<Config, ConfigErrors> {
    let src = Source { text, path };
    let file: FileConfig = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let msg = e.message().trim().replace('\n', " ");
        ConfigErrors(vec![src.error(at, msg)])
    })?;
    let mut errors = Vec::new();
    let mut config = Config::default();
    if let Some(lib) = &file.library {
        config.library = Some(expand_home(lib));
    }
    config.mouse = file.mouse.unwrap_or(config.mouse);
    config.live = file.live.unwrap_or(config.live);
    settings(&file, &src, &mut config, &mut errors);
    if let Some(d) = file.dedup {
        config.dedup = d;
    }
    for (name, value) in file.theme.into_iter().flatten() {
        if let Err(e) = theme_colour(&mut config.theme, &name, &value, &src) {
            errors.push(e);
        }
    }
    for (ctx_name, actions) in file.keys.into_iter().flatten() {
        let Some(ctx) = Context::from_name(ctx_name.get_ref()) else {
            let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            errors.push(src.error(
                ctx_name.span().start,
                format!(
                    "unknown context [keys.{}]; contexts are {}",
                    ctx_name.get_ref(),
                    names.join(", ")
                ),
            ));
            continue;
        };
        key_table(ctx, actions, &src, &mut config, &mut errors);
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        errors.sort_by_key(|e| (e.line, e.col));
        Err(ConfigErrors(errors))
    }
}

/// The settings with a range of valid values: the split, the file size limit,
/// the browser command.
fn settings(file: &FileConfig, src: &Source, config: &mut Config, errors: &mut Vec<ConfigError>) {
    if let Some(s) = &file.split {
        if (20..=80).contains(s.get_ref()) {
            config.split = *s.get_ref();
        } else {
            errors.push(src.error(
                s.span().start,
                format!("split is {}; give a percentage from 20 to 80", s.get_ref()),
            ));
        }
    }
    if let Some(m) = &file.max_file_mib {
        if *m.get_ref() >= 1 {
            config.max_file_mib = *m.get_ref();
        } else {
            errors.push(src.error(
                m.span().start,
                "max_file_mib must be at least 1".to_string(),
            ));
        }
    }
    if let Some(w) = &file.watch {
        match crate::watch::Following::from_name(w.get_ref()) {
            Some(f) => config.watch = f,
            None => errors.push(src.error(
                w.span().start,
                format!("watch is \"{}\"; give \"auto\" or \"poll\"", w.get_ref()),
            )),
        }
    }
    if let Some(c) = &file.open_command {
        if c.get_ref().trim().is_empty() {
            errors.push(src.error(
                c.span().start,
                "open_command is empty; name a program such as xdg-open or firefox".to_string(),
            ));
        } else {
            config.open_command = Some(c.get_ref().clone());
        }
    }
    for a in file.agencies.iter().flatten() {
        let name = a.get_ref().trim();
        if name.is_empty() || name.chars().count() > 40 {
            errors.push(src.error(
                a.span().start,
                "an agency's name must have 1 to 40 characters, as in \"Northwire\"".to_string(),
            ));
        } else {
            config.agencies.push(name.to_string());
        }
    }
}

/// Sets one `[theme]` entry, or says why it cannot be.
fn theme_colour(
    theme: &mut Theme,
    name: &Spanned<String>,
    value: &Spanned<String>,
    src: &Source,
) -> Result<(), ConfigError> {
    let Some(c) = Color::parse(value.get_ref()) else {
        return Err(src.error(
            value.span().start,
            format!(
                "\"{}\" is not a colour; use a name such as cyan, lightred, darkgray or reset, or #rrggbb",
                value.get_ref()
            ),
        ));
    };
    if theme.set(name.get_ref(), c) {
        return Ok(());
    }
    let known: Vec<&str> = Theme::default().entries().iter().map(|e| e.0).collect();
    Err(src.error(
        name.span().start,
        format!(
            "unknown theme colour \"{}\"; the theme has {}",
            name.get_ref(),
            known.join(", ")
        ),
    ))
}

/// Takes in one `[keys.CONTEXT]` table: each action gets exactly the keys given.
fn key_table(
    ctx: Context,
    actions: FileBindings,
    src: &Source,
    config: &mut Config,
    errors: &mut Vec<ConfigError>,
) {
    // Which of the user's keys were given in this context, to find clashes.
    let mut seen: HashMap<KeySeq, String> = HashMap::new();
    for (action_name, list) in actions {
        let Some(action) = Action::from_name(action_name.get_ref()) else {
            errors.push(src.error(
                action_name.span().start,
                format!(
                    "unknown action \"{}\" in [keys.{}]; `copydesk config default` lists every action",
                    action_name.get_ref(),
                    ctx.name()
                ),
            ));
            continue;
        };
        let strings = match key_strings(src.text, &list) {
            Ok(s) => s,
            Err(at) => {
                errors.push(src.error(
                    at,
                    format!(
                        "keys for {} must be a string or a list of strings, such as [\"j\", \"down\"]",
                        action.name()
                    ),
                ));
                continue;
            }
        };
        let mut seqs = Vec::new();
        for (s, at) in strings {
            match keys::parse(&s) {
                Ok(seq) => match seen.get(&seq) {
                    Some(other) => errors.push(src.error(
                        at,
                        format!(
                            "\"{s}\" is bound to both {other} and {} in [keys.{}]; give it to one of them",
                            action.name(),
                            ctx.name()
                        ),
                    )),
                    None => {
                        seen.insert(seq.clone(), action.name().to_string());
                        seqs.push(seq);
                    }
                },
                Err(e) => errors.push(src.error(at, e.to_string())),
            }
        }
        config.keys.set(ctx, action, seqs);
    }
}

/// The key strings of one binding with the byte offset of each in `text`: a string,
/// or an array of strings (whose positions are found in the array's text).
fn key_strings(text: &str, value: &Spanned<toml::Value>) -> Result<Vec<(String, usize)>, usize> {
    let span = value.span();
    match value.get_ref() {
        toml::Value::String(s) => Ok(vec![(s.clone(), span.start)]),
        toml::Value::Array(items) => {
            let src = text.get(span.clone()).unwrap_or("");
            let mut from = 0;
            let mut out = Vec::new();
            for item in items {
                let toml::Value::String(s) = item else {
                    return Err(span.start);
                };
                // Each element's position: the next occurrence of it as written.
                let at = [format!("\"{s}\""), format!("'{s}'")]
                    .iter()
                    .filter_map(|q| src[from..].find(q.as_str()).map(|i| (i, q.len())))
                    .min();
                let pos = match at {
                    Some((i, len)) => {
                        let p = span.start + from + i;
                        from += i + len;
                        p
                    }
                    None => span.start,
                };
                out.push((s.clone(), pos));
            }
            Ok(out)
        }
        _ => Err(span.start),
    }
}

/// `~/x` with the home folder in front; anything else as written.
fn expand_home(p: &str) -> PathBuf {
    if let Some(rest) = p.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    PathBuf::from(p)
}
