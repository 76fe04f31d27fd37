//! What a pane asks the app to do after it handled an action: things that reach
//! beyond the pane (another pane, the marks, the jobs, the status line).

use copydesk_core::article::ArticleId;

use super::focus::Focus;
use super::job::Job;
use crate::config::Action;

/// Which mark of an article to flip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkChange {
    /// Read or unread.
    Read,
    /// Starred or not.
    Star,
}

/// One thing for the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Leave copydesk.
    Quit,
    /// Show a line in the status bar.
    Say(String),
    /// Show the keys of the current context.
    Help,
    /// Show the files that were not loaded.
    ShowSkipped,
    /// Draw the whole screen again, whatever the terminal holds.
    Redraw,
    /// Give the terminal back and stop until continued (`fg`).
    Suspend,
    /// Close the overlay.
    CloseOverlay,
    /// Give the keyboard to this pane.
    Focus(Focus),
    /// Read this article, the reader focused.
    Open(ArticleId),
    /// Read the article this many rows away in the list.
    Read(isize),
    /// Move the list's selection by this many rows.
    Select(isize),
    /// Give the keyboard to the search prompt.
    StartSearch,
    /// Drop a kept search: every article again.
    ClearSearch,
    /// The query changed: search again.
    Search,
    /// Build the list's rows again, the selected article kept selected.
    Refresh,
    /// Build the list's rows again, from the first (the query changed).
    RefreshFromTop,
    /// Build the list's rows again for new results of the same query: from the
    /// first unless the user moved.
    RefreshResults,
    /// Mark every article in the list read (undone by `Undo`).
    MarkAllRead,
    /// Undo the last mark all read.
    Undo,
    /// Flip a mark of this article.
    Toggle(ArticleId, MarkChange),
    /// Compare this article with the marked one, or its closest version.
    Compare(ArticleId),
    /// Mark this article as the left side of the next comparison, or unmark it.
    MarkLeft(ArticleId),
    /// Hand this article to another program or the clipboard (an action that shares).
    Share(ArticleId, Action),
    /// Start background work.
    Start(Job),
    /// Several of these, in order.
    Many(Vec<Effect>),
}

impl Effect {
    /// This effect, then `next`.
    pub fn then(self, next: Effect) -> Effect {
        match (self, next) {
            (Effect::None, e) | (e, Effect::None) => e,
            (Effect::Many(mut v), e) => {
                v.push(e);
                Effect::Many(v)
            }
            (a, b) => Effect::Many(vec![a, b]),
        }
    }
}

/// What the actions every context shares ask for, if `action` is one of them.
pub fn global(action: Action) -> Option<Effect> {
    match action {
        Action::Quit => Some(Effect::Quit),
        Action::Help => Some(Effect::Help),
        Action::ShowSkipped => Some(Effect::ShowSkipped),
        Action::Redraw => Some(Effect::Redraw),
        Action::Suspend => Some(Effect::Suspend),
        _ => None,
    }
}
