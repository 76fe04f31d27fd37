//! The config file: settings, theme colours, duplicate-finder thresholds, and key
//! bindings per context. Defaults live in the binary; a user's file overrides them
//! entry by entry. Every mistake is reported as `path:line:col: message`, never
//! ignored.
//!
//! `file` reads a file, `example` writes the documented defaults, `keymap` holds
//! the actions and their keys, `theme` the colours.

mod example;
mod file;
pub mod keymap;
pub mod theme;

use std::fmt;
use std::path::{Path, PathBuf};

use copydesk_core::dedup::DedupOptions;
use copydesk_core::text::display::display_line;

pub use keymap::{Action, Context, Keymap, Lookup};
pub use theme::{Color, Theme};

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
    /// How the folder is followed: as the system reports changes, or by polling.
    pub watch: crate::watch::Following,
    /// Width of the list pane, percent of the screen.
    pub split: u16,
    /// The widest the reader sets its text, in columns (0: the pane's width).
    pub max_width: u16,
    /// Where the reader's text sits in a pane wider than `max_width`.
    pub align: Align,
    /// Files larger than this many MiB are not loaded.
    pub max_file_mib: u64,
    /// Program that opens a URL in the browser (default: `open` on macOS, else `xdg-open`).
    pub open_command: Option<String>,
    /// Agencies to know in sign-offs besides the built-in ones.
    pub agencies: Vec<String>,
    /// Colours.
    pub theme: Theme,
    /// Duplicate-finder settings.
    pub dedup: DedupOptions,
    /// Key bindings per context.
    pub keys: Keymap,
    /// A file of stories found elsewhere (JSON Lines, as `dups --format jsonl`
    /// writes), read instead of finding versions; set by `--clusters`.
    pub clusters: Option<PathBuf>,
}

/// How the reader's text sits in a pane wider than its measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    /// In the middle of the pane.
    #[default]
    Centre,
    /// At the pane's left edge.
    Left,
}

impl Align {
    /// The setting's name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Align::Centre => "centre",
            Align::Left => "left",
        }
    }

    /// The setting with this name (`center` too).
    pub fn from_name(s: &str) -> Option<Align> {
        match s {
            "centre" | "center" => Some(Align::Centre),
            "left" => Some(Align::Left),
            _ => None,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            library: None,
            mouse: true,
            live: true,
            watch: crate::watch::Following::Auto,
            split: 45,
            max_width: 80,
            align: Align::Centre,
            max_file_mib: 16,
            open_command: None,
            agencies: Vec::new(),
            theme: Theme::default(),
            dedup: DedupOptions::default(),
            keys: Keymap::default(),
            clusters: None,
        }
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
        // The path and the quoted text come from outside: shown safely.
        let path = self.path.display().to_string();
        write!(
            f,
            "{}:{}:{}: {}",
            display_line(&path),
            self.line,
            self.col,
            display_line(&self.message)
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

impl Config {
    /// How folders are loaded under this configuration.
    pub fn load_options(&self) -> copydesk_core::LoadOptions {
        copydesk_core::LoadOptions {
            max_file_bytes: self.max_file_mib * 1024 * 1024,
            agencies: self.agencies.clone(),
        }
    }

    /// Parses a config file's text over the defaults; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigErrors> {
        file::parse(text, path)
    }

    /// Reads and parses a config file.
    pub fn read(path: &Path) -> Result<Config, ConfigErrors> {
        let fail = |message: String| {
            ConfigErrors(vec![ConfigError {
                path: path.to_path_buf(),
                line: 1,
                col: 1,
                message,
            }])
        };
        if path.is_dir() {
            return Err(fail(
                "this is a folder, not a config file; remove it or give --config a file"
                    .to_string(),
            ));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail(format!("cannot read the config file ({e})")))?;
        Config::parse(&text, path)
    }

    /// The effective configuration: the file given, else the first that exists of
    /// the usual places, else the defaults. Returns the file used, if any. A path
    /// that is there but cannot be read (a folder, a file without permission) is
    /// an error, never taken for a file that is not there.
    pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigErrors> {
        if let Some(p) = explicit {
            return Config::read(p).map(|c| (c, Some(p.to_path_buf())));
        }
        for (p, _) in search_paths() {
            if p.exists() {
                return Config::read(&p).map(|c| (c, Some(p)));
            }
        }
        Ok((Config::default(), None))
    }
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
    use crate::keys;

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
