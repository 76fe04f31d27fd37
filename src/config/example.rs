//! The documented default config file (`copydesk config default`, shipped as
//! `config.example.toml`): every setting, colour, duplicate-finder threshold and
//! key binding with its default and a line saying what it does.

use super::{Config, Context};
use copydesk_core::dedup::DedupOptions;

/// What each duplicate-finder setting does, in the order the file lists them.
/// The names are the fields of [`DedupOptions`]; a test checks that every field
/// has a line here.
const DEDUP_DOCS: &[(&str, &str)] = &[
    ("shingle", "words per shingle"),
    ("sketch", "shingle hashes kept per article to find pairs"),
    (
        "min_shared_sketch",
        "sketch values two articles must share to be compared",
    ),
    (
        "common_share",
        "a shingle in more than this share of articles is common...",
    ),
    (
        "common_min_articles",
        "...but never in fewer than this many",
    ),
    ("common_max_articles", "...nor in more than this many"),
    (
        "min_containment",
        "least share of the smaller article found in the other",
    ),
    (
        "max_versions",
        "values held by more articles do not find pairs",
    ),
    ("min_shared", "least number of shared shingles"),
    (
        "min_sentences",
        "least number of the smaller article's sentences shared",
    ),
    ("min_sentence_share", "least share of its sentences shared"),
    (
        "long_passage",
        "shared shingles that count whatever the sentences",
    ),
    (
        "min_figures_agree",
        "least share of figures that agree in shared context",
    ),
    (
        "strong_containment",
        "containment at which one pair joins a story",
    ),
];

/// Each duplicate-finder setting of `opts` as (name, value as the file writes it,
/// what it does), the values taken from the options themselves.
fn dedup_settings(opts: &DedupOptions) -> Vec<(&'static str, String, &'static str)> {
    let values = match toml::Value::try_from(opts) {
        Ok(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    DEDUP_DOCS
        .iter()
        .map(|&(name, doc)| {
            let value = match values.get(name) {
                Some(toml::Value::Float(f)) => format!("{f:?}"),
                Some(v) => v.to_string(),
                None => String::new(),
            };
            (name, value, doc)
        })
        .collect()
}

impl Config {
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
        out.push_str("# How the folder is followed: \"auto\" as the operating system reports\n");
        out.push_str("# changes, \"poll\" by looking at it every 2 seconds (for network file\n");
        out.push_str("# systems, whose changes made elsewhere the system never reports).\n");
        out.push_str(&format!("watch = \"{}\"\n\n", d.watch.name()));
        out.push_str("# Width of the list pane, percent of the screen (20 to 80).\n");
        out.push_str(&format!("split = {}\n\n", d.split));
        out.push_str("# The widest the reader sets an article's text, in columns (0: as wide as\n");
        out.push_str(
            "# the pane), and where the text sits in a wider pane: \"centre\" or \"left\".\n",
        );
        out.push_str(&format!("max_width = {}\n", d.max_width));
        out.push_str(&format!("text_align = \"{}\"\n\n", d.align.name()));
        out.push_str("# Files bigger than this many MiB are skipped (and listed as skipped).\n");
        out.push_str(&format!("max_file_mib = {}\n\n", d.max_file_mib));
        out.push_str("# Program that opens an article's URL, with the URL added as its last\n");
        out.push_str("# argument (default: open on macOS, xdg-open elsewhere). The file itself\n");
        out.push_str("# opens in $VISUAL or $EDITOR, and in $PAGER.\n");
        out.push_str("# open_command = \"firefox --new-tab\"\n\n");
        out.push_str("# Agencies whose sign-off names the source, besides those copydesk knows\n");
        out.push_str("# (Reuters, AP, AFP, dpa, UPI, Bloomberg, Xinhua, Kyodo and many more).\n");
        out.push_str("# agencies = [\"Northwire\"]\n\n");
        out.push_str("# Colours: a name (black, red, green, yellow, blue, magenta, cyan, gray,\n");
        out.push_str("# darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta,\n");
        out.push_str("# lightcyan, white, reset) or #rrggbb. With NO_COLOR set, copydesk uses\n");
        out.push_str("# bold, underline and marks instead.\n[theme]\n");
        for (name, color, doc) in d.theme.entries() {
            out.push_str(&format!("{name} = \"{color}\"  # {doc}\n"));
        }
        out.push_str("\n# How versions of one story are found (see README).\n[dedup]\n");
        for (name, value, doc) in dedup_settings(&d.dedup) {
            out.push_str(&format!("{name} = {value}  # {doc}\n"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dedup_setting_is_documented_once() {
        let Ok(toml::Value::Table(t)) = toml::Value::try_from(DedupOptions::default()) else {
            panic!("the options serialize as a table");
        };
        let mut fields: Vec<&str> = t.keys().map(String::as_str).collect();
        let mut documented: Vec<&str> = DEDUP_DOCS.iter().map(|(n, _)| *n).collect();
        fields.sort_unstable();
        documented.sort_unstable();
        assert_eq!(documented, fields);
    }
}
