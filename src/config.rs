//! The config file: settings, theme colours, duplicate-finder thresholds, and key
//! bindings per context. Defaults live here; a user's file overrides them entry by
//! entry. Every mistake is reported as `path:line:col: message`, never ignored.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::keys::{self, KeySeq};
use copydesk_core::dedup::DedupOptions;

/// Where key bindings apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Everywhere, unless the focused context binds the key itself.
    Global,
    /// The article list.
    List,
    /// The reader pane.
    Reader,
    /// The side-by-side comparison.
    Diff,
    /// The search prompt.
    Search,
    /// The help overlay and other overlays.
    Help,
}

impl Context {
    /// Every context, in the order the config file lists them.
    pub const ALL: [Context; 6] = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Diff,
        Context::Search,
        Context::Help,
    ];

    /// The context's name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Diff => "diff",
            Context::Search => "search",
            Context::Help => "help",
        }
    }

    fn from_name(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
    }
}

macro_rules! actions {
    ($($variant:ident => $name:literal, $doc:literal;)*) => {
        /// Everything a key can do, named as in the config file.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $(#[doc = $doc] $variant,)*
        }

        impl Action {
            /// Every action.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The action's name in the config file.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// One line saying what the action does, for the help overlay.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $doc,)*
                }
            }

            /// What the action does in `ctx`, for the help overlay: moving the
            /// selection in lists, scrolling in text.
            pub fn describe(self, ctx: Context) -> &'static str {
                match (ctx, self) {
                    (Context::Reader | Context::Help | Context::Diff, Action::MoveDown) => {
                        "Scroll down a line"
                    }
                    (Context::Reader | Context::Help | Context::Diff, Action::MoveUp) => {
                        "Scroll up a line"
                    }
                    (Context::Help | Context::Diff, Action::PageDown) => "Scroll down a page",
                    (Context::Help | Context::Diff, Action::PageUp) => "Scroll up a page",
                    (Context::Diff, Action::Back) => "Leave the comparison",
                    (Context::Search, Action::MoveDown) => "Select the next result",
                    (Context::Search, Action::MoveUp) => "Select the previous result",
                    _ => self.description(),
                }
            }

            /// The action with this config-file name.
            pub fn from_name(s: &str) -> Option<Action> {
                match s {
                    $($name => Some(Action::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

actions! {
    Quit => "quit", "Quit copydesk";
    Help => "help", "Show the keys of this view";
    ShowSkipped => "show_skipped", "List the files that were not loaded, and why";
    MoveDown => "move_down", "Select the next row";
    MoveUp => "move_up", "Select the previous row";
    PageDown => "page_down", "Go down a page";
    PageUp => "page_up", "Go up a page";
    HalfPageDown => "half_page_down", "Go down half a page";
    HalfPageUp => "half_page_up", "Go up half a page";
    First => "first", "Go to the top";
    Last => "last", "Go to the bottom";
    Open => "open", "Open the selected article in the reader";
    Search => "search", "Search headlines";
    ToggleRead => "toggle_read", "Mark read or unread";
    ToggleStar => "toggle_star", "Star or unstar";
    UnreadOnly => "unread_only", "Show only unread articles, or all";
    CycleSort => "cycle_sort", "Change the order: path, date, source, headline, length, versions";
    FocusOther => "focus_other", "Move between the list and the reader";
    NextArticle => "next_article", "Read the next article in the list";
    PrevArticle => "prev_article", "Read the previous article in the list";
    Zoom => "zoom", "Reader at full width, or back";
    Back => "back", "Go back";
    Accept => "accept", "Keep the search results and go to the list";
    Cancel => "cancel", "Clear the search and go back";
    ToggleFullText => "toggle_full_text", "Search bodies too, or headlines only";
    DeleteChar => "delete_char", "Delete the last character of the query";
    ClearQuery => "clear_query", "Clear the query";
    Close => "close", "Close this overlay";
    Compare => "compare", "Compare with its closest other version, or with the marked article";
    MarkLeft => "mark_left", "Mark as the left side of the next comparison, or unmark";
    ToggleStories => "toggle_stories", "One row per story, or one per article";
    ToggleExpand => "toggle_expand", "Show or hide the versions of the selected story";
    HighlightUnique => "highlight_unique", "Highlight what no other version of the story says";
    NextChange => "next_change", "Jump to the next change";
    PrevChange => "prev_change", "Jump to the previous change";
    SwapSides => "swap_sides", "Swap the left and right versions";
    ToggleFold => "toggle_fold", "Fold runs of unchanged sentences, or unfold them";
    NextVersion => "next_version", "Put the story's next version on the right";
    PrevVersion => "prev_version", "Put the story's previous version on the right";
    ExportHtml => "export_html", "Write the comparison as an HTML page into the data folder";
    OpenUrl => "open_url", "Open the article's URL in the browser";
    EditFile => "edit_file", "Open the article's file in $VISUAL or $EDITOR";
    PageArticle => "page_article", "Read the article in $PAGER";
    CopyHeadline => "copy_headline", "Copy the headline to the clipboard";
    CopyPath => "copy_path", "Copy the article's file path to the clipboard";
    CopyUrl => "copy_url", "Copy the article's URL to the clipboard";
}

impl Action {
    /// Whether the action hands the article to another program or the clipboard.
    pub fn shares(self) -> bool {
        matches!(
            self,
            Action::OpenUrl
                | Action::EditFile
                | Action::PageArticle
                | Action::CopyHeadline
                | Action::CopyPath
                | Action::CopyUrl
        )
    }
}

/// Default bindings: context, action, keys.
const DEFAULT_KEYS: &[(Context, Action, &[&str])] = &[
    (Context::Global, Action::Quit, &["ctrl-c"]),
    (Context::Global, Action::Help, &["?", "f1"]),
    (Context::Global, Action::ShowSkipped, &["!"]),
    (Context::List, Action::MoveDown, &["j", "down"]),
    (Context::List, Action::MoveUp, &["k", "up"]),
    (Context::List, Action::PageDown, &["pagedown", "ctrl-f"]),
    (Context::List, Action::PageUp, &["pageup", "ctrl-b"]),
    (Context::List, Action::HalfPageDown, &["ctrl-d"]),
    (Context::List, Action::HalfPageUp, &["ctrl-u"]),
    (Context::List, Action::First, &["g g", "home"]),
    (Context::List, Action::Last, &["G", "end"]),
    (Context::List, Action::Open, &["enter", "l", "right"]),
    (Context::List, Action::Search, &["/"]),
    (Context::List, Action::ToggleRead, &["r"]),
    (Context::List, Action::ToggleStar, &["s"]),
    (Context::List, Action::UnreadOnly, &["u"]),
    (Context::List, Action::CycleSort, &["o"]),
    (Context::List, Action::FocusOther, &["tab"]),
    (Context::List, Action::Compare, &["c"]),
    (Context::List, Action::MarkLeft, &["m"]),
    (Context::List, Action::ToggleStories, &["v"]),
    (Context::List, Action::ToggleExpand, &["space"]),
    (Context::List, Action::OpenUrl, &["O"]),
    (Context::List, Action::EditFile, &["e"]),
    (Context::List, Action::PageArticle, &["P"]),
    (Context::List, Action::CopyHeadline, &["y y"]),
    (Context::List, Action::CopyPath, &["y p"]),
    (Context::List, Action::CopyUrl, &["y u"]),
    (Context::List, Action::Quit, &["q"]),
    (Context::Reader, Action::MoveDown, &["j", "down"]),
    (Context::Reader, Action::MoveUp, &["k", "up"]),
    (
        Context::Reader,
        Action::PageDown,
        &["space", "pagedown", "ctrl-f"],
    ),
    (Context::Reader, Action::PageUp, &["b", "pageup", "ctrl-b"]),
    (Context::Reader, Action::HalfPageDown, &["ctrl-d"]),
    (Context::Reader, Action::HalfPageUp, &["ctrl-u"]),
    (Context::Reader, Action::First, &["g g", "home"]),
    (Context::Reader, Action::Last, &["G", "end"]),
    (Context::Reader, Action::NextArticle, &["J", "n"]),
    (Context::Reader, Action::PrevArticle, &["K", "p"]),
    (Context::Reader, Action::Zoom, &["z"]),
    (Context::Reader, Action::ToggleRead, &["r"]),
    (Context::Reader, Action::ToggleStar, &["s"]),
    (Context::Reader, Action::Search, &["/"]),
    (Context::Reader, Action::FocusOther, &["tab"]),
    (Context::Reader, Action::Back, &["q", "esc", "h", "left"]),
    (Context::Reader, Action::Compare, &["c"]),
    (Context::Reader, Action::MarkLeft, &["m"]),
    (Context::Reader, Action::HighlightUnique, &["u"]),
    (Context::Reader, Action::OpenUrl, &["O"]),
    (Context::Reader, Action::EditFile, &["e"]),
    (Context::Reader, Action::PageArticle, &["P"]),
    (Context::Reader, Action::CopyHeadline, &["y y"]),
    (Context::Reader, Action::CopyPath, &["y p"]),
    (Context::Reader, Action::CopyUrl, &["y u"]),
    (Context::Diff, Action::MoveDown, &["j", "down"]),
    (Context::Diff, Action::MoveUp, &["k", "up"]),
    (
        Context::Diff,
        Action::PageDown,
        &["space", "pagedown", "ctrl-f"],
    ),
    (Context::Diff, Action::PageUp, &["b", "pageup", "ctrl-b"]),
    (Context::Diff, Action::HalfPageDown, &["ctrl-d"]),
    (Context::Diff, Action::HalfPageUp, &["ctrl-u"]),
    (Context::Diff, Action::First, &["g g", "home"]),
    (Context::Diff, Action::Last, &["G", "end"]),
    (Context::Diff, Action::NextChange, &["]", "n"]),
    (Context::Diff, Action::PrevChange, &["[", "N"]),
    (Context::Diff, Action::SwapSides, &["s"]),
    (Context::Diff, Action::ToggleFold, &["z"]),
    (Context::Diff, Action::NextVersion, &["tab"]),
    (Context::Diff, Action::PrevVersion, &["shift-tab"]),
    (Context::Diff, Action::ExportHtml, &["e"]),
    (Context::Diff, Action::Back, &["q", "esc"]),
    (Context::Search, Action::Accept, &["enter"]),
    (Context::Search, Action::Cancel, &["esc"]),
    (Context::Search, Action::ToggleFullText, &["ctrl-t"]),
    (Context::Search, Action::DeleteChar, &["backspace"]),
    (Context::Search, Action::ClearQuery, &["ctrl-u"]),
    (Context::Search, Action::MoveDown, &["down", "ctrl-n"]),
    (Context::Search, Action::MoveUp, &["up", "ctrl-p"]),
    (Context::Help, Action::MoveDown, &["j", "down"]),
    (Context::Help, Action::MoveUp, &["k", "up"]),
    (Context::Help, Action::PageDown, &["space", "pagedown"]),
    (Context::Help, Action::PageUp, &["b", "pageup"]),
    (Context::Help, Action::First, &["g g", "home"]),
    (Context::Help, Action::Last, &["G", "end"]),
    (Context::Help, Action::Close, &["esc", "q", "?"]),
];

/// A colour as the config writes it: a name (`cyan`, `darkgray`, `reset`) or
/// `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// The terminal's own colour.
    Reset,
    /// One of the sixteen named colours, by index (0 black ... 15 white).
    Named(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

const COLOR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

impl Color {
    fn parse(s: &str) -> Option<Color> {
        let lower = s.to_ascii_lowercase().replace(['_', '-', ' '], "");
        if lower == "reset" || lower == "default" {
            return Some(Color::Reset);
        }
        if let Some(hex) = lower.strip_prefix('#')
            && hex.len() == 6
        {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        let lower = if lower == "grey" {
            "gray".to_string()
        } else {
            lower.replace("grey", "gray")
        };
        COLOR_NAMES
            .iter()
            .position(|n| *n == lower)
            .map(|i| Color::Named(i as u8))
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Color::Reset => f.write_str("reset"),
            Color::Named(i) => f.write_str(COLOR_NAMES[*i as usize]),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

macro_rules! theme {
    ($($field:ident = $default:expr, $doc:literal;)*) => {
        /// Colours of the interface.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Theme {
            $(#[doc = $doc] pub $field: Color,)*
        }

        impl Default for Theme {
            fn default() -> Self {
                Theme { $($field: $default,)* }
            }
        }

        impl Theme {
            fn entries(&self) -> Vec<(&'static str, Color, &'static str)> {
                vec![$((stringify!($field), self.$field, $doc),)*]
            }

            fn set(&mut self, name: &str, c: Color) -> bool {
                match name {
                    $(stringify!($field) => self.$field = c,)*
                    _ => return false,
                }
                true
            }
        }
    };
}

theme! {
    accent = Color::Named(6), "Titles, the focused pane's border, the prompt";
    selected = Color::Named(8), "Background of the selected row";
    unread = Color::Named(14), "The unread dot";
    star = Color::Named(11), "The star";
    badge = Color::Named(13), "The versions badge";
    matched = Color::Named(11), "Characters a search matched";
    dim = Color::Named(8), "Secondary text: sources, dates, credit lines";
    added = Color::Named(2), "Text a version adds";
    dropped = Color::Named(1), "Text a version drops";
    changed = Color::Named(3), "Rewritten sentences";
    moved = Color::Named(6), "Moved sentences";
}

/// The effective configuration: defaults with a user's file on top.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Folder opened when none is given on the command line.
    pub library: Option<PathBuf>,
    /// Whether the mouse selects and scrolls.
    pub mouse: bool,
    /// Whether articles added to, changed in or removed from the folder are taken
    /// in while copydesk runs.
    pub live: bool,
    /// Width of the list pane, percent of the screen.
    pub split: u16,
    /// Files larger than this many MiB are not loaded.
    pub max_file_mib: u64,
    /// Program that opens a URL in the browser (default: `open` on macOS, else `xdg-open`).
    pub open_command: Option<String>,
    /// Colours.
    pub theme: Theme,
    /// Duplicate-finder settings.
    pub dedup: DedupOptions,
    /// Key bindings per context.
    pub keys: Keymap,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            library: None,
            mouse: true,
            live: true,
            split: 45,
            max_file_mib: 16,
            open_command: None,
            theme: Theme::default(),
            dedup: DedupOptions::default(),
            keys: Keymap::default(),
        }
    }
}

/// Key bindings: for each context, which key sequence does what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: BTreeMap<Context, Vec<(Action, Vec<KeySeq>)>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings: BTreeMap<Context, Vec<(Action, Vec<KeySeq>)>> = BTreeMap::new();
        for (ctx, action, keys) in DEFAULT_KEYS {
            let seqs = keys
                .iter()
                .map(|k| keys::parse(k).expect("default keys parse"))
                .collect();
            bindings.entry(*ctx).or_default().push((*action, seqs));
        }
        Keymap { bindings }
    }
}

/// What a key sequence pressed so far means in a context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// It completes a binding.
    Action(Action),
    /// It starts one or more longer bindings; wait for the next key.
    Prefix,
    /// It means nothing here.
    None,
}

impl Keymap {
    /// The actions of a context with their keys, in the order the config lists them.
    pub fn bindings(&self, ctx: Context) -> &[(Action, Vec<KeySeq>)] {
        self.bindings.get(&ctx).map_or(&[], Vec::as_slice)
    }

    /// The keys bound to `action` in `ctx` (not counting global ones).
    pub fn keys_for(&self, ctx: Context, action: Action) -> &[KeySeq] {
        self.bindings(ctx)
            .iter()
            .find(|(a, _)| *a == action)
            .map_or(&[], |(_, k)| k.as_slice())
    }

    /// Looks up the chords pressed so far in `ctx`, then in the global context.
    pub fn lookup(&self, ctx: Context, pressed: &[keys::Chord]) -> Lookup {
        let mut prefix = false;
        for c in [ctx, Context::Global] {
            for (action, seqs) in self.bindings(c) {
                for s in seqs {
                    if s.0 == pressed {
                        return Lookup::Action(*action);
                    }
                    if s.0.len() > pressed.len() && s.0.starts_with(pressed) {
                        prefix = true;
                    }
                }
            }
            if prefix {
                return Lookup::Prefix;
            }
            if c == Context::Global {
                break;
            }
        }
        Lookup::None
    }
}

/// A mistake in a config file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: usize,
    /// 1-based column, when known.
    pub col: usize,
    /// What is wrong and what would be right.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.col,
            self.message
        )
    }
}

/// All the mistakes found in one file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// One `[keys.CONTEXT]` table as written: action names to key strings.
type FileBindings = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    library: Option<String>,
    mouse: Option<bool>,
    live: Option<bool>,
    split: Option<Spanned<u16>>,
    max_file_mib: Option<Spanned<u64>>,
    open_command: Option<Spanned<String>>,
    theme: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    dedup: Option<DedupOptions>,
    keys: Option<BTreeMap<Spanned<String>, FileBindings>>,
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

/// 1-based line and column of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..text.floor_char_boundary(at)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Config {
    /// Parses a config file's text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigErrors> {
        let err = |at: usize, message: String| {
            let (line, col) = line_col(text, at);
            ConfigError {
                path: path.to_path_buf(),
                line,
                col,
                message,
            }
        };
        let file: FileConfig = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let msg = e.message().trim().replace('\n', " ");
            ConfigErrors(vec![err(at, msg)])
        })?;
        let mut errors = Vec::new();
        let mut config = Config::default();
        if let Some(lib) = file.library {
            config.library = Some(expand_home(&lib));
        }
        if let Some(m) = file.mouse {
            config.mouse = m;
        }
        if let Some(l) = file.live {
            config.live = l;
        }
        if let Some(s) = file.split {
            if (20..=80).contains(s.get_ref()) {
                config.split = *s.get_ref();
            } else {
                errors.push(err(
                    s.span().start,
                    format!("split is {}; give a percentage from 20 to 80", s.get_ref()),
                ));
            }
        }
        if let Some(m) = file.max_file_mib {
            if *m.get_ref() >= 1 {
                config.max_file_mib = *m.get_ref();
            } else {
                errors.push(err(
                    m.span().start,
                    "max_file_mib must be at least 1".to_string(),
                ));
            }
        }
        if let Some(c) = file.open_command {
            if c.get_ref().trim().is_empty() {
                errors.push(err(
                    c.span().start,
                    "open_command is empty; name a program such as xdg-open or firefox".to_string(),
                ));
            } else {
                config.open_command = Some(c.get_ref().clone());
            }
        }
        if let Some(d) = file.dedup {
            config.dedup = d;
        }
        for (name, value) in file.theme.into_iter().flatten() {
            match Color::parse(value.get_ref()) {
                Some(c) => {
                    if !config.theme.set(name.get_ref(), c) {
                        let known: Vec<&str> = Theme::default().entries().iter().map(|e| e.0).collect();
                        errors.push(err(
                            name.span().start,
                            format!("unknown theme colour \"{}\"; the theme has {}", name.get_ref(), known.join(", ")),
                        ));
                    }
                }
                None => errors.push(err(
                    value.span().start,
                    format!(
                        "\"{}\" is not a colour; use a name such as cyan, lightred, darkgray or reset, or #rrggbb",
                        value.get_ref()
                    ),
                )),
            }
        }
        for (ctx_name, actions) in file.keys.into_iter().flatten() {
            let Some(ctx) = Context::from_name(ctx_name.get_ref()) else {
                let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                errors.push(err(
                    ctx_name.span().start,
                    format!(
                        "unknown context [keys.{}]; contexts are {}",
                        ctx_name.get_ref(),
                        names.join(", ")
                    ),
                ));
                continue;
            };
            // Which of the user's keys were given in this context, to find clashes.
            let mut seen: HashMap<KeySeq, String> = HashMap::new();
            for (action_name, list) in actions {
                let Some(action) = Action::from_name(action_name.get_ref()) else {
                    errors.push(err(
                        action_name.span().start,
                        format!(
                            "unknown action \"{}\" in [keys.{}]; `copydesk config default` lists every action",
                            action_name.get_ref(),
                            ctx.name()
                        ),
                    ));
                    continue;
                };
                let strings = match key_strings(text, &list) {
                    Ok(s) => s,
                    Err(at) => {
                        errors.push(err(
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
                        Ok(seq) => {
                            if let Some(other) = seen.get(&seq) {
                                errors.push(err(
                                    at,
                                    format!(
                                        "\"{s}\" is bound to both {other} and {} in [keys.{}]; give it to one of them",
                                        action.name(),
                                        ctx.name()
                                    ),
                                ));
                            } else {
                                seen.insert(seq.clone(), action.name().to_string());
                                seqs.push(seq);
                            }
                        }
                        Err(e) => errors.push(err(at, e.to_string())),
                    }
                }
                config.keys.set(ctx, action, seqs);
            }
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            errors.sort_by_key(|e| (e.line, e.col));
            Err(ConfigErrors(errors))
        }
    }

    /// Reads and parses a config file.
    pub fn read(path: &Path) -> Result<Config, ConfigErrors> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigErrors(vec![ConfigError {
                path: path.to_path_buf(),
                line: 1,
                col: 1,
                message: format!("cannot read the config file ({e})"),
            }])
        })?;
        Config::parse(&text, path)
    }

    /// The effective configuration: the file given, else the first that exists of
    /// the usual places, else the defaults. Returns the file used, if any.
    pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigErrors> {
        if let Some(p) = explicit {
            return Config::read(p).map(|c| (c, Some(p.to_path_buf())));
        }
        for (p, _) in search_paths() {
            if p.is_file() {
                return Config::read(&p).map(|c| (c, Some(p)));
            }
        }
        Ok((Config::default(), None))
    }

    /// The default configuration as a commented TOML file; `config.example.toml`
    /// is exactly this text.
    pub fn default_toml() -> String {
        let d = Config::default();
        let mut out = String::new();
        out.push_str(
            "# copydesk configuration: every setting with its default.\n\
             #\n\
             # copydesk reads the file given with --config, else $COPYDESK_CONFIG, else\n\
             # $XDG_CONFIG_HOME/copydesk/config.toml, else ~/.config/copydesk/config.toml,\n\
             # else the platform's config folder (`copydesk config path` shows them all).\n\
             # Leave out anything you do not change. A mistake stops copydesk with its\n\
             # file, line and column; `copydesk config check` tells the same.\n\n",
        );
        out.push_str(
            "# Folder opened when no folder is given (default: the built-in demo corpus).\n",
        );
        out.push_str("# library = \"~/news\"\n\n");
        out.push_str("# Click to select, wheel to scroll.\n");
        out.push_str(&format!("mouse = {}\n\n", d.mouse));
        out.push_str("# Take in articles added to, changed in or removed from the folder while\n");
        out.push_str("# copydesk runs (turn off for a huge folder on a network drive).\n");
        out.push_str(&format!("live = {}\n\n", d.live));
        out.push_str("# Width of the list pane, percent of the screen (20 to 80).\n");
        out.push_str(&format!("split = {}\n\n", d.split));
        out.push_str("# Files bigger than this many MiB are skipped (and listed as skipped).\n");
        out.push_str(&format!("max_file_mib = {}\n\n", d.max_file_mib));
        out.push_str("# Program that opens an article's URL, with the URL added as its last\n");
        out.push_str("# argument (default: open on macOS, xdg-open elsewhere). The file itself\n");
        out.push_str("# opens in $VISUAL or $EDITOR, and in $PAGER.\n");
        out.push_str("# open_command = \"firefox --new-tab\"\n\n");
        out.push_str("# Colours: a name (black, red, green, yellow, blue, magenta, cyan, gray,\n");
        out.push_str("# darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta,\n");
        out.push_str("# lightcyan, white, reset) or #rrggbb. With NO_COLOR set, copydesk uses\n");
        out.push_str("# bold, underline and marks instead.\n[theme]\n");
        for (name, color, doc) in d.theme.entries() {
            out.push_str(&format!("{name} = \"{color}\"  # {doc}\n"));
        }
        out.push_str("\n# How versions of one story are found (see README).\n[dedup]\n");
        let dd = &d.dedup;
        let dedup_lines: [(&str, String, &str); 14] = [
            ("shingle", dd.shingle.to_string(), "words per shingle"),
            (
                "sketch",
                dd.sketch.to_string(),
                "shingle hashes kept per article to find pairs",
            ),
            (
                "min_shared_sketch",
                dd.min_shared_sketch.to_string(),
                "sketch values two articles must share to be compared",
            ),
            (
                "common_share",
                format!("{:?}", dd.common_share),
                "a shingle in more than this share of articles is common...",
            ),
            (
                "common_min_articles",
                dd.common_min_articles.to_string(),
                "...but never in fewer than this many",
            ),
            (
                "common_max_articles",
                dd.common_max_articles.to_string(),
                "...nor in more than this many",
            ),
            (
                "min_containment",
                format!("{:?}", dd.min_containment),
                "least share of the smaller article found in the other",
            ),
            (
                "max_versions",
                dd.max_versions.to_string(),
                "values held by more articles do not find pairs",
            ),
            (
                "min_shared",
                dd.min_shared.to_string(),
                "least number of shared shingles",
            ),
            (
                "min_sentences",
                dd.min_sentences.to_string(),
                "least number of the smaller article's sentences shared",
            ),
            (
                "min_sentence_share",
                format!("{:?}", dd.min_sentence_share),
                "least share of its sentences shared",
            ),
            (
                "long_passage",
                dd.long_passage.to_string(),
                "shared shingles that count whatever the sentences",
            ),
            (
                "min_figures_agree",
                format!("{:?}", dd.min_figures_agree),
                "least share of figures that agree in shared context",
            ),
            (
                "strong_containment",
                format!("{:?}", dd.strong_containment),
                "containment at which one pair joins a story",
            ),
        ];
        for (k, v, doc) in dedup_lines {
            out.push_str(&format!("{k} = {v}  # {doc}\n"));
        }
        out.push_str(
            "\n# Keys, per context. A key is a character (\"j\", \"G\", \"?\"), a name (enter,\n\
             # esc, tab, backtab, backspace, delete, insert, home, end, pageup, pagedown,\n\
             # up, down, left, right, space, f1 to f24) with optional ctrl-, alt- or\n\
             # shift- in front, or up to three of them pressed in turn (\"g g\"). An action\n\
             # listed in your file gets exactly the keys you give it; a key you give\n\
             # takes precedence over a default binding of another action. Keys of the\n\
             # focused context come before [keys.global].\n",
        );
        for ctx in Context::ALL {
            let bindings = d.keys.bindings(ctx);
            if bindings.is_empty() {
                continue;
            }
            out.push_str(&format!("\n[keys.{}]\n", ctx.name()));
            for (action, seqs) in bindings {
                let keys: Vec<String> = seqs.iter().map(|s| format!("\"{s}\"")).collect();
                out.push_str(&format!(
                    "{} = [{}]  # {}\n",
                    action.name(),
                    keys.join(", "),
                    action.describe(ctx)
                ));
            }
        }
        out
    }
}

impl Keymap {
    /// Gives `action` exactly `seqs` in `ctx`, taking those keys from any other
    /// action of the context that had them by default.
    fn set(&mut self, ctx: Context, action: Action, seqs: Vec<KeySeq>) {
        let list = self.bindings.entry(ctx).or_default();
        for (a, keys) in list.iter_mut() {
            if *a != action {
                keys.retain(|k| !seqs.contains(k));
            }
        }
        match list.iter_mut().find(|(a, _)| *a == action) {
            Some((_, keys)) => *keys = seqs,
            None => list.push((action, seqs)),
        }
    }
}

fn expand_home(p: &str) -> PathBuf {
    if let Some(rest) = p.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    PathBuf::from(p)
}

/// The places a config file is looked for, in order, each with what it is.
pub fn search_paths() -> Vec<(PathBuf, &'static str)> {
    let mut out = Vec::new();
    if let Some(p) = std::env::var_os("COPYDESK_CONFIG").filter(|p| !p.is_empty()) {
        out.push((PathBuf::from(p), "$COPYDESK_CONFIG"));
    }
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|p| !p.is_empty()) {
        out.push((
            PathBuf::from(x).join("copydesk/config.toml"),
            "$XDG_CONFIG_HOME",
        ));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|p| !p.is_empty()) {
        out.push((
            PathBuf::from(home).join(".config/copydesk/config.toml"),
            "~/.config",
        ));
    }
    if let Some(dirs) = directories::ProjectDirs::from("", "", "copydesk") {
        let p = dirs.config_dir().join("config.toml");
        if !out.iter().any(|(q, _)| *q == p) {
            out.push((p, "platform config folder"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_through_the_generated_file() {
        let text = Config::default_toml();
        let parsed = Config::parse(&text, Path::new("default.toml")).unwrap();
        assert_eq!(parsed, Config::default());
        for a in Action::ALL {
            assert!(
                Context::ALL
                    .iter()
                    .any(|c| !Config::default().keys.keys_for(*c, *a).is_empty()),
                "{} has no default key",
                a.name()
            );
        }
    }

    #[test]
    fn settings_for_the_live_folder_and_the_browser() {
        let c = Config::parse(
            "live = false\nopen_command = \"firefox --new-tab\"\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert!(!c.live);
        assert_eq!(c.open_command.as_deref(), Some("firefox --new-tab"));
        assert!(Config::default().live);
    }

    #[test]
    fn lookups_and_sequences() {
        let k = Keymap::default();
        let g = keys::parse("g").unwrap().0;
        assert_eq!(k.lookup(Context::List, &g), Lookup::Prefix);
        let gg = keys::parse("g g").unwrap().0;
        assert_eq!(k.lookup(Context::List, &gg), Lookup::Action(Action::First));
        let q = keys::parse("q").unwrap().0;
        assert_eq!(k.lookup(Context::List, &q), Lookup::Action(Action::Quit));
        assert_eq!(k.lookup(Context::Reader, &q), Lookup::Action(Action::Back));
        let help = keys::parse("?").unwrap().0;
        assert_eq!(
            k.lookup(Context::Reader, &help),
            Lookup::Action(Action::Help)
        );
        let x = keys::parse("x").unwrap().0;
        assert_eq!(k.lookup(Context::List, &x), Lookup::None);
    }

    #[test]
    fn a_user_binding_replaces_and_takes_its_key() {
        let c = Config::parse("[keys.list]\nopen = [\"o\"]\n", Path::new("c.toml")).unwrap();
        let o = keys::parse("o").unwrap().0;
        assert_eq!(
            c.keys.lookup(Context::List, &o),
            Lookup::Action(Action::Open)
        );
        assert!(c.keys.keys_for(Context::List, Action::CycleSort).is_empty());
        let enter = keys::parse("enter").unwrap().0;
        assert_eq!(c.keys.lookup(Context::List, &enter), Lookup::None);
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = Config::parse(
            "mouse = true\n[keys.list]\nmove_dwn = \"j\"\n",
            Path::new("c.toml"),
        )
        .unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(
            e.to_string(),
            "c.toml:3:1: unknown action \"move_dwn\" in [keys.list]; `copydesk config default` lists every action"
        );
        let e = Config::parse("[keys.list]\nopen = \"ctrl-\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.toml:2:8: \"ctrl-\" names a modifier but no key"
        );
    }
}
