//! Reading a config file: its TOML, walked entry by entry over the defaults, so
//! that every mistake in it (of syntax, of type, an unknown name, a value out of
//! range, keys that clash) is found in one reading, each at its line and column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::{Action, Color, Config, ConfigError, ConfigErrors, Context, Theme};
use crate::keys::{self, KeySeq};
use copydesk_core::dedup::DedupOptions;

/// The top-level settings, in the order messages list them.
const SETTINGS: &[&str] = &[
    "library",
    "mouse",
    "live",
    "watch",
    "split",
    "max_width",
    "text_align",
    "max_file_mib",
    "open_command",
    "agencies",
    "theme",
    "dedup",
    "keys",
];

/// The largest `max_file_mib`: 4 GiB, far past any article.
const MAX_FILE_MIB: i64 = 4096;

/// The text being parsed and where it came from, to place mistakes, and the
/// mistakes found so far.
struct Source<'a> {
    text: &'a str,
    path: &'a Path,
    errors: Vec<ConfigError>,
    /// Where the syntax is broken: what the parser made of it there (an empty
    /// value) is not a second mistake.
    broken: Vec<std::ops::Range<usize>>,
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

    /// Notes a mistake at byte offset `at`.
    fn note(&mut self, at: usize, message: String) {
        if self.broken.iter().any(|r| r.start <= at && at <= r.end) {
            return;
        }
        let e = self.error(at, message);
        self.errors.push(e);
    }

    /// Notes a value of the wrong type, as `invalid type: string "yes", expected a
    /// boolean`.
    fn wrong_type(&mut self, v: &Spanned<DeValue>, expected: &str) {
        self.note(
            v.span().start,
            format!(
                "invalid type: {}, expected {expected}",
                unexpected(v.get_ref())
            ),
        );
    }

    fn boolean(&mut self, v: &Spanned<DeValue>) -> Option<bool> {
        let b = v.get_ref().as_bool();
        if b.is_none() {
            self.wrong_type(v, "a boolean");
        }
        b
    }

    fn string<'v>(&mut self, v: &'v Spanned<DeValue>) -> Option<&'v str> {
        let s = v.get_ref().as_str();
        if s.is_none() {
            self.wrong_type(v, "a string");
        }
        s
    }

    fn integer(&mut self, v: &Spanned<DeValue>) -> Option<i64> {
        let n = integer(v.get_ref());
        if n.is_none() {
            self.wrong_type(v, "an integer");
        }
        n
    }

    fn table<'v, 'i>(&mut self, v: &'v Spanned<DeValue<'i>>) -> Option<&'v DeTable<'i>> {
        let t = v.get_ref().as_table();
        if t.is_none() {
            self.wrong_type(v, "a table");
        }
        t
    }
}

/// What a value is, for a message.
fn unexpected(v: &DeValue) -> String {
    match v {
        DeValue::String(s) => format!("string {:?}", s.as_ref()),
        DeValue::Integer(i) => format!("integer `{i}`"),
        DeValue::Float(f) => format!("floating point `{f}`"),
        DeValue::Boolean(b) => format!("boolean `{b}`"),
        DeValue::Datetime(d) => format!("date `{d}`"),
        DeValue::Array(_) => "sequence".to_string(),
        DeValue::Table(_) => "map".to_string(),
    }
}

fn integer(v: &DeValue) -> Option<i64> {
    let i = v.as_integer()?;
    i64::from_str_radix(i.as_str(), i.radix()).ok()
}

/// A number, integer or not, as written (`nan` and `inf` included).
fn number(v: &DeValue) -> Option<f64> {
    if let Some(n) = integer(v) {
        return Some(n as f64);
    }
    let f = v.as_float()?;
    let s = f.as_str().trim_start_matches('+');
    s.parse::<f64>()
        .ok()
        .or_else(|| s.contains("nan").then_some(f64::NAN))
}

/// 1-based line and column of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..text.floor_char_boundary(at)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The names of a list, as messages give them: `` `a`, `b` ``.
fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses a config file's text over the defaults; `path` is used in messages.
/// Every mistake is reported, in the order of the file.
pub(super) fn parse(text: &str, path: &Path) -> Result<Config, ConfigErrors> {
    let mut src = Source {
        text,
        path,
        errors: Vec::new(),
        broken: Vec::new(),
    };
    let (doc, syntax) = DeTable::parse_recoverable(text);
    for e in syntax {
        let span = e.span().unwrap_or(0..0);
        let msg = e.message().trim().replace('\n', " ");
        let err = src.error(span.start, msg);
        src.errors.push(err);
        src.broken.push(span);
    }
    let mut config = Config::default();
    // Where the user's keys are, per context, to place clashes.
    let mut placed: HashMap<(Context, KeySeq), usize> = HashMap::new();
    for (name, value) in doc.get_ref() {
        let at = name.span().start;
        match name.get_ref().as_ref() {
            "library" => {
                if let Some(lib) = src.string(value) {
                    if lib.trim().is_empty() {
                        src.note(
                            value.span().start,
                            "library is empty; name a folder such as \"~/news\", or leave the setting out".to_string(),
                        );
                    } else {
                        config.library = Some(expand_home(lib));
                    }
                }
            }
            "mouse" => config.mouse = src.boolean(value).unwrap_or(config.mouse),
            "live" => config.live = src.boolean(value).unwrap_or(config.live),
            "watch" => {
                if let Some(w) = src.string(value) {
                    match crate::watch::Following::from_name(w) {
                        Some(f) => config.watch = f,
                        None => src.note(
                            value.span().start,
                            format!("watch is \"{w}\"; give \"auto\" or \"poll\""),
                        ),
                    }
                }
            }
            "split" => {
                if let Some(n) = src.integer(value) {
                    if (20..=80).contains(&n) {
                        config.split = n as u16;
                    } else {
                        src.note(
                            value.span().start,
                            format!("split is {n}; give a percentage from 20 to 80"),
                        );
                    }
                }
            }
            "max_width" => {
                if let Some(n) = src.integer(value) {
                    if n == 0 || (20..=1000).contains(&n) {
                        config.max_width = n as u16;
                    } else {
                        src.note(
                            value.span().start,
                            format!(
                                "max_width is {n}; give columns from 20 to 1000, or 0 for the pane's width"
                            ),
                        );
                    }
                }
            }
            "text_align" => {
                if let Some(a) = src.string(value) {
                    match super::Align::from_name(a) {
                        Some(a) => config.align = a,
                        None => src.note(
                            value.span().start,
                            format!("text_align is \"{a}\"; give \"centre\" or \"left\""),
                        ),
                    }
                }
            }
            "max_file_mib" => {
                if let Some(n) = src.integer(value) {
                    if (1..=MAX_FILE_MIB).contains(&n) {
                        config.max_file_mib = n as u64;
                    } else {
                        src.note(
                            value.span().start,
                            format!("max_file_mib is {n}; give a size from 1 to {MAX_FILE_MIB}"),
                        );
                    }
                }
            }
            "open_command" => {
                if let Some(c) = src.string(value) {
                    if c.trim().is_empty() {
                        src.note(
                            value.span().start,
                            "open_command is empty; name a program such as xdg-open or firefox"
                                .to_string(),
                        );
                    } else {
                        config.open_command = Some(c.to_string());
                    }
                }
            }
            "agencies" => agencies(value, &mut src, &mut config),
            "theme" => {
                if let Some(t) = src.table(value) {
                    for (name, value) in t {
                        let Some(v) = src.string(value) else { continue };
                        let v = Spanned::new(value.span(), v);
                        if let Err(e) = theme_colour(&mut config.theme, name, &v, &src) {
                            src.errors.push(e);
                        }
                    }
                }
            }
            "dedup" => {
                if let Some(t) = src.table(value) {
                    config.dedup = dedup(t, &mut src);
                }
            }
            "keys" => {
                if let Some(t) = src.table(value) {
                    for (ctx_name, actions) in t {
                        let Some(ctx) = Context::from_name(ctx_name.get_ref()) else {
                            let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                            src.note(
                                ctx_name.span().start,
                                format!(
                                    "unknown context [keys.{}]; contexts are {}",
                                    ctx_name.get_ref(),
                                    names.join(", ")
                                ),
                            );
                            continue;
                        };
                        if let Some(actions) = src.table(actions) {
                            key_table(ctx, actions, &mut src, &mut config, &mut placed);
                        }
                    }
                }
            }
            other => src.note(
                at,
                format!(
                    "unknown field `{other}`, expected one of {}",
                    quoted(SETTINGS)
                ),
            ),
        }
    }
    prefix_clashes(&config, &placed, &mut src);
    let mut errors = src.errors;
    if errors.is_empty() {
        Ok(config)
    } else {
        errors.sort_by_key(|e| (e.line, e.col));
        errors.dedup();
        Err(ConfigErrors(errors))
    }
}

/// `agencies = ["Northwire"]`: each a name of 1 to 40 characters.
fn agencies(value: &Spanned<DeValue>, src: &mut Source, config: &mut Config) {
    let Some(list) = value.get_ref().as_array() else {
        src.wrong_type(value, "a sequence of strings");
        return;
    };
    for a in list.iter() {
        let Some(name) = src.string(a) else { continue };
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            src.note(
                a.span().start,
                "an agency's name must have 1 to 40 characters, as in \"Northwire\"".to_string(),
            );
        } else {
            config.agencies.push(name.to_string());
        }
    }
}

/// The range of each whole-number setting of the duplicate finder.
fn dedup_range(name: &str) -> (i64, i64) {
    match name {
        "shingle" => (1, 20),
        "sketch" => (1, 4096),
        _ => (1, 1_000_000),
    }
}

/// `[dedup]` over the defaults: whole numbers in range, shares from 0 to 1 (never
/// `nan`), and no floor above its ceiling.
fn dedup(t: &DeTable, src: &mut Source) -> DedupOptions {
    let defaults = DedupOptions::default();
    let entries = defaults.entries();
    let names: Vec<&str> = entries.iter().map(|e| e.0).collect();
    let mut given = toml::Table::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (name, value) in t {
        let Some(&(field, ref default, _)) =
            entries.iter().find(|e| e.0 == name.get_ref().as_ref())
        else {
            src.note(
                name.span().start,
                format!(
                    "unknown field `{}`, expected one of {}",
                    name.get_ref(),
                    quoted(&names)
                ),
            );
            continue;
        };
        let whole = default.parse::<i64>().is_ok();
        let start = value.span().start;
        if whole {
            let Some(n) = src.integer(value) else {
                continue;
            };
            let (lo, hi) = dedup_range(field);
            if !(lo..=hi).contains(&n) {
                src.note(
                    start,
                    format!("{field} is {n}; give a whole number from {lo} to {hi}"),
                );
                continue;
            }
            given.insert(field.to_string(), toml::Value::Integer(n));
        } else {
            let Some(x) = number(value.get_ref()) else {
                src.wrong_type(value, "a number");
                continue;
            };
            let ok =
                x.is_finite() && (0.0..=1.0).contains(&x) && (field != "common_share" || x > 0.0);
            if !ok {
                let lowest = if field == "common_share" {
                    "above 0"
                } else {
                    "from 0"
                };
                let written = src.text.get(value.span()).unwrap_or("").trim().to_string();
                src.note(
                    start,
                    format!("{field} is {written}; give a share {lowest} to 1, such as {default}"),
                );
                continue;
            }
            given.insert(field.to_string(), toml::Value::Float(x));
        }
        at.insert(field, start);
    }
    let opts: DedupOptions = toml::Value::Table(given).try_into().unwrap_or(defaults);
    let pairs = [
        (
            "common_min_articles",
            opts.common_min_articles,
            "common_max_articles",
            opts.common_max_articles,
        ),
        (
            "min_shared_sketch",
            opts.min_shared_sketch,
            "sketch",
            opts.sketch,
        ),
    ];
    for (low, lo, high, hi) in pairs {
        if lo > hi {
            let place = at.get(low).or_else(|| at.get(high)).copied().unwrap_or(0);
            src.note(
                place,
                format!(
                    "{low} is {lo}, more than {high} ({hi}); the first may be at most the second"
                ),
            );
        }
    }
    opts
}

/// Sets one `[theme]` entry, or says why it cannot be.
fn theme_colour(
    theme: &mut Theme,
    name: &Spanned<DeString>,
    value: &Spanned<&str>,
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
/// Where each key was written goes into `placed`, for the clashes found after.
fn key_table(
    ctx: Context,
    actions: &DeTable,
    src: &mut Source,
    config: &mut Config,
    placed: &mut HashMap<(Context, KeySeq), usize>,
) {
    // Which of the user's keys were given in this context, to find clashes.
    let mut seen: HashMap<KeySeq, String> = HashMap::new();
    for (action_name, list) in actions {
        let Some(action) = Action::from_name(action_name.get_ref()) else {
            src.note(
                action_name.span().start,
                format!(
                    "unknown action \"{}\" in [keys.{}]; `copydesk config default` lists every action",
                    action_name.get_ref(),
                    ctx.name()
                ),
            );
            continue;
        };
        let Some(strings) = key_strings(list) else {
            src.note(
                list.span().start,
                format!(
                    "keys for {} must be a string or a list of strings, such as [\"j\", \"down\"]",
                    action.name()
                ),
            );
            continue;
        };
        let mut seqs = Vec::new();
        for (s, at) in strings {
            match keys::parse(s) {
                Ok(seq) => match seen.get(&seq) {
                    Some(other) => src.note(
                        at,
                        format!(
                            "\"{s}\" is bound to both {other} and {} in [keys.{}]; give it to one of them",
                            action.name(),
                            ctx.name()
                        ),
                    ),
                    None => {
                        seen.insert(seq.clone(), action.name().to_string());
                        placed.insert((ctx, seq.clone()), at);
                        seqs.push(seq);
                    }
                },
                Err(e) => src.note(at, e.to_string()),
            }
        }
        config.keys.set(ctx, action, seqs);
    }
}

/// The key strings of one binding with the byte offset of each: a string, or an
/// array of strings; none for anything else.
fn key_strings<'v>(value: &'v Spanned<DeValue>) -> Option<Vec<(&'v str, usize)>> {
    match value.get_ref() {
        DeValue::String(s) => Some(vec![(s.as_ref(), value.span().start)]),
        DeValue::Array(items) => items
            .iter()
            .map(|item| item.get_ref().as_str().map(|s| (s, item.span().start)))
            .collect(),
        _ => None,
    }
}

/// A key bound on its own in a context where it also starts a longer sequence
/// (`g` and `g g`): the longer one could never be typed. Reported at the key the
/// user wrote.
fn prefix_clashes(config: &Config, placed: &HashMap<(Context, KeySeq), usize>, src: &mut Source) {
    for ctx in Context::ALL {
        let bound: Vec<(Action, &KeySeq)> = config
            .keys
            .bindings(ctx)
            .iter()
            .flat_map(|(a, seqs)| seqs.iter().map(move |s| (*a, s)))
            .collect();
        for &(short_action, short) in &bound {
            for &(long_action, long) in &bound {
                if long.0.len() <= short.0.len() || !long.0.starts_with(&short.0) {
                    continue;
                }
                let Some(&at) = placed
                    .get(&(ctx, short.clone()))
                    .or_else(|| placed.get(&(ctx, long.clone())))
                else {
                    continue;
                };
                src.note(
                    at,
                    format!(
                        "\"{short}\" ({}) hides \"{long}\" ({}) in [keys.{}]: a key that starts a sequence cannot also be bound alone; bind one of them to other keys",
                        short_action.name(),
                        long_action.name(),
                        ctx.name()
                    ),
                );
            }
        }
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
