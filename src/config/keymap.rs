//! The keymap: every action a key can do (with the line the help overlay and the
//! example config show for it), the contexts keys are bound in, the default
//! bindings, and looking up the keys pressed so far.

use std::collections::BTreeMap;

use crate::keys::{self, Chord, KeySeq};

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

    /// The context with this config-file name.
    pub fn from_name(s: &str) -> Option<Context> {
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
    DeleteChar => "delete_char", "Delete the character before the cursor";
    DeleteForward => "delete_forward", "Delete the character under the cursor";
    DeleteWord => "delete_word", "Delete the word before the cursor";
    ClearQuery => "clear_query", "Clear the line";
    DeleteToEnd => "delete_to_end", "Delete from the cursor to the end of the line";
    CursorLeft => "cursor_left", "Move the cursor a character left";
    CursorRight => "cursor_right", "Move the cursor a character right";
    WordLeft => "word_left", "Move the cursor to the start of the word";
    WordRight => "word_right", "Move the cursor to the end of the word";
    LineStart => "line_start", "Move the cursor to the start of the line";
    LineEnd => "line_end", "Move the cursor to the end of the line";
    HistoryPrev => "history_prev", "Show the query typed before (history kept across runs)";
    HistoryNext => "history_next", "Show the query typed after";
    ClearSearch => "clear_search", "Clear a kept search, else close the reader";
    Find => "find", "Search inside the article, as less does";
    FindNext => "find_next", "Go to the next hit inside the article";
    FindPrev => "find_prev", "Go to the previous hit inside the article";
    StarredOnly => "starred_only", "Show only starred articles, or all";
    ReverseSort => "reverse_sort", "Reverse the order of the list";
    MarkAllRead => "mark_all_read", "Mark every article in the list read";
    Undo => "undo", "Undo the last mark all read";
    Close => "close", "Close this overlay";
    Compare => "compare", "Compare with its closest other version, or with the marked article";
    MarkLeft => "mark_left", "Mark as the left side of the next comparison, or unmark";
    ToggleStories => "toggle_stories", "One row per story, or one per article";
    ToggleExpand => "toggle_expand", "Show or hide the versions of the selected story";
    HighlightUnique => "highlight_unique", "Highlight what no other version of the story says";
    ScrollLeft => "scroll_left", "Scroll tables and code to the left";
    ScrollRight => "scroll_right", "Scroll tables and code to the right";
    Redraw => "redraw", "Draw the whole screen again";
    Suspend => "suspend", "Stop copydesk and go back to the shell (fg brings it back)";
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
    /// Whether the action moves a selection or a window (a count may repeat it).
    pub fn moves(self) -> bool {
        matches!(
            self,
            Action::MoveDown
                | Action::MoveUp
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::First
                | Action::Last
        )
    }

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
    (Context::Global, Action::Redraw, &["ctrl-l"]),
    (Context::Global, Action::Suspend, &["ctrl-z"]),
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
    (Context::List, Action::ClearSearch, &["esc"]),
    (Context::List, Action::ToggleRead, &["r"]),
    (Context::List, Action::ToggleStar, &["s"]),
    (Context::List, Action::UnreadOnly, &["u"]),
    (Context::List, Action::CycleSort, &["o"]),
    (Context::List, Action::ReverseSort, &["R"]),
    (Context::List, Action::StarredOnly, &["S"]),
    (Context::List, Action::MarkAllRead, &["A"]),
    (Context::List, Action::Undo, &["U"]),
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
    (Context::Reader, Action::NextArticle, &["J"]),
    (Context::Reader, Action::PrevArticle, &["K", "p"]),
    (Context::Reader, Action::Zoom, &["z"]),
    (Context::Reader, Action::ToggleRead, &["r"]),
    (Context::Reader, Action::ToggleStar, &["s"]),
    (Context::Reader, Action::Find, &["/"]),
    (Context::Reader, Action::FindNext, &["n"]),
    (Context::Reader, Action::FindPrev, &["N"]),
    (Context::Reader, Action::FocusOther, &["tab"]),
    (Context::Reader, Action::Back, &["q", "esc", "h", "left"]),
    (Context::Reader, Action::Compare, &["c"]),
    (Context::Reader, Action::MarkLeft, &["m"]),
    (Context::Reader, Action::HighlightUnique, &["u"]),
    (Context::Reader, Action::ScrollLeft, &["<"]),
    (Context::Reader, Action::ScrollRight, &[">"]),
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
    (
        Context::Search,
        Action::DeleteChar,
        &["backspace", "ctrl-h"],
    ),
    (
        Context::Search,
        Action::DeleteForward,
        &["delete", "ctrl-d"],
    ),
    (
        Context::Search,
        Action::DeleteWord,
        &["ctrl-w", "alt-backspace"],
    ),
    (Context::Search, Action::ClearQuery, &["ctrl-u"]),
    (Context::Search, Action::DeleteToEnd, &["ctrl-k"]),
    (Context::Search, Action::CursorLeft, &["left", "ctrl-b"]),
    (Context::Search, Action::CursorRight, &["right", "ctrl-f"]),
    (
        Context::Search,
        Action::WordLeft,
        &["alt-b", "ctrl-left", "alt-left"],
    ),
    (
        Context::Search,
        Action::WordRight,
        &["alt-f", "ctrl-right", "alt-right"],
    ),
    (Context::Search, Action::LineStart, &["home", "ctrl-a"]),
    (Context::Search, Action::LineEnd, &["end", "ctrl-e"]),
    (Context::Search, Action::HistoryPrev, &["up"]),
    (Context::Search, Action::HistoryNext, &["down"]),
    (Context::Search, Action::MoveDown, &["ctrl-n"]),
    (Context::Search, Action::MoveUp, &["ctrl-p"]),
    (Context::Help, Action::MoveDown, &["j", "down"]),
    (Context::Help, Action::MoveUp, &["k", "up"]),
    (Context::Help, Action::PageDown, &["space", "pagedown"]),
    (Context::Help, Action::PageUp, &["b", "pageup"]),
    (Context::Help, Action::First, &["g g", "home"]),
    (Context::Help, Action::Last, &["G", "end"]),
    (Context::Help, Action::Close, &["esc", "q", "?"]),
];

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
    pub fn lookup(&self, ctx: Context, pressed: &[Chord]) -> Lookup {
        self.lookup_in(&[ctx, Context::Global], pressed)
    }

    /// Looks up the chords pressed so far in `ctx` alone (a prompt, where a
    /// character not bound there is typed, `?` and `!` included).
    pub fn lookup_only(&self, ctx: Context, pressed: &[Chord]) -> Lookup {
        self.lookup_in(&[ctx], pressed)
    }

    fn lookup_in(&self, contexts: &[Context], pressed: &[Chord]) -> Lookup {
        let mut prefix = false;
        for &c in contexts {
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
        }
        Lookup::None
    }

    /// The first key bound to `action` in `ctx`, else in the global context, else
    /// the action's name: how messages tell which key to press.
    pub fn first_key(&self, ctx: Context, action: Action) -> String {
        self.keys_for(ctx, action)
            .first()
            .or_else(|| self.keys_for(Context::Global, action).first())
            .map(|k| k.to_string())
            .unwrap_or_else(|| action.name().to_string())
    }

    /// Gives `action` exactly `seqs` in `ctx`, taking those keys from any other
    /// action of the context that had them by default.
    pub(super) fn set(&mut self, ctx: Context, action: Action, seqs: Vec<KeySeq>) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
