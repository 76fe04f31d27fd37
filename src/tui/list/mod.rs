//! The list pane: the articles in display order (the search's results or every
//! article in the chosen order, filtered, optionally one row per story), the
//! selection and the window onto them. It draws only the rows on screen, so a
//! million articles scroll as smoothly as thirty.

mod draw;

use std::collections::{HashMap, HashSet};

use copydesk_core::article::ArticleId;
use copydesk_core::dedup::Cluster;
use copydesk_core::sort::Sort;
use copydesk_core::store::Applied;
use copydesk_core::story::{Step, timeline};

use super::effect::{Effect, MarkChange};
use super::library::Library;
use super::prompt::Found;
use super::scroll::Scroll;
use crate::config::{Action, Context, Keymap};

pub use draw::ListLook;

/// The version a story's row shows: the first with a real headline (from its
/// metadata or a title line), so that a lead sentence cut short stands for the
/// story only when no version has better; else the first version.
pub fn story_head(c: &copydesk_core::dedup::Cluster, lib: &Library) -> ArticleId {
    use copydesk_core::article::TitleRule;
    let store = lib.store();
    c.members
        .iter()
        .copied()
        .find(|&m| {
            store
                .get(m)
                .is_some_and(|a| !matches!(a.title_rule, TitleRule::Lead | TitleRule::FileName))
        })
        .unwrap_or(c.members[0])
}

/// Rows the list shows before it knows its height.
const HEIGHT_BEFORE_LAYOUT: usize = 20;

/// The list pane.
pub struct ListPane {
    rows: Vec<ArticleId>,
    scroll: Scroll,
    sort: Sort,
    /// Whether the order is reversed.
    reversed: bool,
    unread_only: bool,
    starred_only: bool,
    stories: bool,
    expanded: HashSet<u32>,
    /// Timelines of the expanded stories, by story id, with the members they
    /// were worked out for (a new finding of versions may change a story).
    timelines: HashMap<u32, (Vec<ArticleId>, Vec<Step>)>,
    /// Whether the user moved the selection since the query last changed: new
    /// results then keep it where it is instead of going to the best match.
    pinned: bool,
}

impl Default for ListPane {
    fn default() -> Self {
        ListPane::new()
    }
}

impl ListPane {
    /// Actions worth a hint in the status bar while the list has the keyboard.
    pub const HINTS: &'static [(Action, &'static str)] = &[
        (Action::MoveDown, "down"),
        (Action::Open, "read"),
        (Action::Search, "search"),
        (Action::Compare, "compare"),
        (Action::ToggleStories, "stories"),
        (Action::CycleSort, "sort"),
        (Action::Help, "help"),
        (Action::Quit, "quit"),
    ];

    /// An empty list in path order.
    pub fn new() -> ListPane {
        ListPane {
            rows: Vec::new(),
            scroll: Scroll::list(HEIGHT_BEFORE_LAYOUT),
            sort: Sort::Path,
            reversed: false,
            unread_only: false,
            starred_only: false,
            stories: false,
            expanded: HashSet::new(),
            timelines: HashMap::new(),
            pinned: false,
        }
    }

    /// The articles in the list, in display order.
    pub fn rows(&self) -> &[ArticleId] {
        &self.rows
    }

    /// The selected row.
    pub fn selected(&self) -> usize {
        self.scroll.selected()
    }

    /// The article on the selected row.
    pub fn selected_article(&self) -> Option<ArticleId> {
        self.rows.get(self.scroll.selected()).copied()
    }

    /// The window onto the rows.
    pub fn scroll(&self) -> &Scroll {
        &self.scroll
    }

    /// The order of the rows.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Whether read articles are hidden.
    pub fn unread_only(&self) -> bool {
        self.unread_only
    }

    /// Whether only starred articles are shown.
    pub fn starred_only(&self) -> bool {
        self.starred_only
    }

    /// Whether the order is reversed.
    pub fn reversed(&self) -> bool {
        self.reversed
    }

    /// Whether the list shows one row per story.
    pub fn stories(&self) -> bool {
        self.stories
    }

    /// The list got `height` rows of screen.
    pub fn set_height(&mut self, height: usize) {
        self.scroll.set_height(height);
    }

    /// Selects `row` and brings it on screen (the user's own move: kept until
    /// the query changes).
    pub fn select(&mut self, row: usize) {
        self.pinned = true;
        self.scroll.select(row);
    }

    /// Whether the user moved the selection since the query last changed.
    pub fn pinned(&self) -> bool {
        self.pinned
    }

    /// Selects the row of article `id`, if it is in the list.
    pub fn select_article(&mut self, id: ArticleId) {
        if let Some(i) = self.rows.iter().position(|&r| r == id) {
            self.scroll.select(i);
        }
    }

    /// Moves the selection by `n` rows; returns whether it moved.
    pub fn move_by(&mut self, n: isize) -> bool {
        self.pinned = true;
        let before = self.scroll.selected();
        self.scroll.by(n);
        self.scroll.selected() != before
    }

    /// Scrolls so that the selected row is `screen_row` rows from the top, as
    /// far as the rows allow.
    pub fn place(&mut self, screen_row: usize) {
        let offset = self.scroll.selected().saturating_sub(screen_row);
        self.scroll.set_offset(offset);
    }

    /// Where the selected row is on screen.
    pub fn screen_row(&self) -> usize {
        self.scroll.selected().saturating_sub(self.scroll.offset())
    }

    /// Rows the loader added, when the list shows every article in path order
    /// unfiltered: appended without building the list again. Returns false when
    /// the rows must be built again instead.
    pub fn grow(&mut self, lib: &Library, found: &Found) -> bool {
        if self.sort != Sort::Path
            || self.reversed
            || self.unread_only
            || self.starred_only
            || !found.filter.is_empty()
        {
            return false;
        }
        let from = self.rows.len() as ArticleId;
        self.rows.extend(from..lib.len() as ArticleId);
        self.scroll.set_len(self.rows.len());
        true
    }

    /// A change to the folder replaced the selected article: the row shows its
    /// new version, so that building the rows again keeps it selected.
    pub fn follow(&mut self, applied: &Applied) {
        let at = self.scroll.selected();
        if let Some(new) = self.selected_article().and_then(|s| applied.replacement(s)) {
            self.rows[at] = new;
        }
    }

    /// Handles an action while the list has the keyboard.
    pub fn update(
        &mut self,
        action: Action,
        lib: &Library,
        found: &Found,
        keys: &Keymap,
    ) -> Effect {
        let selected = self.selected_article();
        let on_selected = |f: fn(ArticleId) -> Effect| selected.map_or(Effect::None, f);
        if action.moves() {
            self.pinned = true;
        }
        match action {
            Action::MoveDown => self.scroll.by(1),
            Action::MoveUp => self.scroll.by(-1),
            Action::PageDown => self.scroll.page(true),
            Action::PageUp => self.scroll.page(false),
            Action::HalfPageDown => self.scroll.half_page(true),
            Action::HalfPageUp => self.scroll.half_page(false),
            Action::First => self.scroll.first(),
            Action::Last => self.scroll.last(),
            Action::Open => return on_selected(Effect::Open),
            Action::Search => return Effect::StartSearch,
            Action::ClearSearch => return Effect::ClearSearch,
            Action::ToggleRead => return on_selected(|id| Effect::Toggle(id, MarkChange::Read)),
            Action::ToggleStar => return on_selected(|id| Effect::Toggle(id, MarkChange::Star)),
            Action::UnreadOnly => {
                self.unread_only = !self.unread_only;
                self.refresh(lib, found);
                return Effect::Say(
                    if self.unread_only {
                        "showing unread articles only"
                    } else {
                        "showing all articles"
                    }
                    .to_string(),
                );
            }
            Action::StarredOnly => {
                self.starred_only = !self.starred_only;
                self.refresh(lib, found);
                return Effect::Say(
                    if self.starred_only {
                        "showing starred articles only"
                    } else {
                        "showing all articles"
                    }
                    .to_string(),
                );
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refresh(lib, found);
                return Effect::Say(format!("sorted by {}", self.order_name()));
            }
            Action::ReverseSort => {
                self.reversed = !self.reversed;
                self.refresh(lib, found);
                return Effect::Say(format!("sorted by {}", self.order_name()));
            }
            Action::MarkAllRead => return Effect::MarkAllRead,
            Action::Undo => return Effect::Undo,
            Action::Compare => return on_selected(Effect::Compare),
            Action::MarkLeft => return on_selected(Effect::MarkLeft),
            Action::ToggleStories => return self.toggle_stories(lib, found, keys),
            Action::ToggleExpand => return self.toggle_expand(lib, found),
            a if a.shares() => return selected.map_or(Effect::None, |id| Effect::Share(id, a)),
            _ => {}
        }
        Effect::None
    }

    /// The order in words: `date`, `date, reversed`.
    pub fn order_name(&self) -> String {
        if self.reversed {
            format!("{}, reversed", self.sort.name())
        } else {
            self.sort.name().to_string()
        }
    }

    fn toggle_stories(&mut self, lib: &Library, found: &Found, keys: &Keymap) -> Effect {
        self.stories = !self.stories;
        self.refresh(lib, found);
        let expand = keys.first_key(Context::List, Action::ToggleExpand);
        Effect::Say(match (self.stories, lib.clusters()) {
            (true, None) => "one row per story once the versions are found".to_string(),
            (true, Some(_)) => format!("one row per story; {expand} shows a story's versions"),
            (false, _) => "one row per article".to_string(),
        })
    }

    fn toggle_expand(&mut self, lib: &Library, found: &Found) -> Effect {
        let Some(id) = self.selected_article() else {
            return Effect::None;
        };
        let Some(c) = lib.clusters().and_then(|c| c.cluster_of(id)) else {
            return Effect::Say("this article has no other versions".to_string());
        };
        let story = c.id;
        self.stories = true;
        if !self.expanded.remove(&story) {
            self.expanded.insert(story);
            let mut members = c.members.clone();
            members.sort_unstable();
            let steps = timeline::timeline(lib.store(), &c.members);
            self.timelines.insert(story, (members, steps));
        }
        let first = self.head(c, lib);
        self.refresh(lib, found);
        self.select_article(first);
        Effect::None
    }

    /// Builds the rows again from the articles, the search, the filter and the
    /// order, keeping the selected article selected when it is still there.
    pub fn refresh(&mut self, lib: &Library, found: &Found) {
        let keep = self.selected_article();
        self.build_rows(lib, found, keep);
    }

    /// Builds the rows; `keep` is the article to keep selected, if any.
    fn build_rows(&mut self, lib: &Library, found: &Found, keep: Option<ArticleId>) {
        let store = lib.store();
        let mut rows: Vec<ArticleId> = match found.results {
            Some(r) => {
                // A million results are copied once, into the rows' own room.
                let mut rows = std::mem::take(&mut self.rows);
                rows.clear();
                rows.extend(r.iter().copied().filter(|&id| lib.is_live(id)));
                rows
            }
            None => {
                // Before the texts are read, the columns give every order but
                // length and versions.
                let mut rows = if lib.texts_read() {
                    self.sort.order(store, lib.clusters())
                } else {
                    self.sort.order_columns(lib.columns())
                };
                if self.reversed {
                    rows.reverse();
                }
                rows
            }
        };
        if !found.filter.is_empty() {
            let f = found.filter;
            let c = lib.columns();
            rows.retain(|&id| {
                let m = lib.mark(id);
                let keeps = match store.get(id) {
                    Some(a) => f.keeps(a),
                    // Tags wait for the texts; the other terms are in the columns.
                    None => f.keeps_row(c.source(id), c.file(id), c.date(id)),
                };
                keeps && f.keeps_marks(m.read, m.starred)
            });
        }
        if self.unread_only {
            rows.retain(|&id| !lib.mark(id).read);
        }
        if self.starred_only {
            rows.retain(|&id| lib.mark(id).starred);
        }
        if self.stories {
            rows = self.grouped(rows, lib);
        }
        self.rows = rows;
        let find = |k: ArticleId| self.rows.iter().position(|&r| r == k);
        let found_at = keep.and_then(|k| {
            find(k).or_else(|| {
                // A version folded into its story: select the story.
                let c = lib.clusters()?.cluster_of(k)?;
                find(self.head(c, lib))
            })
        });
        self.scroll.reset(self.rows.len(), found_at);
    }

    /// Builds the rows again for a changed query, as fzf does: the best match
    /// (the first row) selected and the list at its top.
    pub fn refresh_from_top(&mut self, lib: &Library, found: &Found) {
        // No selection to look for among the rows: the first is selected.
        self.build_rows(lib, found, None);
        self.pinned = false;
        self.scroll.reset(self.rows.len(), Some(0));
        self.scroll.set_offset(0);
    }

    /// New results of the same query (ranked in the background): the best match
    /// selected, unless the user moved since the query changed.
    pub fn refresh_results(&mut self, lib: &Library, found: &Found) {
        if self.pinned {
            self.refresh(lib, found);
        } else {
            self.refresh_from_top(lib, found);
        }
    }

    /// The timeline worked out for a story when it was expanded, if the story
    /// still has the same versions.
    pub fn timeline(&self, story: &Cluster) -> Option<&[Step]> {
        let (members, steps) = self.timelines.get(&story.id)?;
        let same = members.len() == story.members.len()
            && story
                .members
                .iter()
                .all(|m| members.binary_search(m).is_ok());
        same.then_some(steps.as_slice())
    }

    /// The article on a story's row: the first version of its timeline when it
    /// is expanded, else the version [`story_head`] picks.
    pub fn head(&self, story: &Cluster, lib: &Library) -> ArticleId {
        if self.expanded.contains(&story.id)
            && let Some(first) = self.timeline(story).and_then(|s| s.first())
        {
            return first.article;
        }
        story_head(story, lib)
    }

    /// One row per story, at the place of its first member in the order, showing
    /// its first version; expanded stories list the others below.
    fn grouped(&self, rows: Vec<ArticleId>, lib: &Library) -> Vec<ArticleId> {
        let Some(c) = lib.clusters() else {
            return rows;
        };
        let mut seen = HashSet::new();
        let mut grouped = Vec::with_capacity(rows.len());
        for id in rows {
            match c.cluster_of(id) {
                None => grouped.push(id),
                Some(story) if seen.insert(story.id) => {
                    let head = self.head(story, lib);
                    grouped.push(head);
                    if self.expanded.contains(&story.id) {
                        match self.timeline(story) {
                            // The versions in the order they came after the
                            // first, which is the story's row.
                            Some(steps) => grouped.extend(steps[1..].iter().map(|s| s.article)),
                            None => grouped.extend(story.members.iter().filter(|&&m| m != head)),
                        }
                    }
                }
                Some(_) => {}
            }
        }
        grouped
    }
}
