//! Which of the two side-by-side panes has the keyboard.

/// The pane that gets the keys when no overlay, prompt or comparison takes them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    #[default]
    List,
    /// The reader.
    Reader,
}
