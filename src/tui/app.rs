//! The reader's state and the one function that changes it. Nothing here draws;
//! everything here can be driven from tests with plain actions and events.

use std::collections::HashSet;
use std::sync::Arc;

use crate::config::{Action, Config, Context, Lookup};
use crate::keys::{Chord, Key};
use copydesk_core::article::ArticleId;
use copydesk_core::dedup::{Clusters, DedupProgress};
use copydesk_core::filter::{self, Filter};
use copydesk_core::load::{Batch, LoadSummary, Progress};
use copydesk_core::search::{Hit, Query, SearchIndex};
use copydesk_core::state::{Mark, Marks};
use copydesk_core::store::Store;
use copydesk_core::unique::{Unique, unique_content};
use copydesk_core::versions::{VersionRun, VersionSchedule};

use super::diff::{CompareRequest, DEFAULT_WIDTH, DiffState};
use super::external::{self, External};
use super::reader::ReaderText;

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    List,
    /// The reader.
    Reader,
}

/// A box drawn over the panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The keys of the current view, scrolled by this many lines.
    Help { scroll: usize, of: Context },
    /// The files that were not loaded, scrolled by this many lines.
    Skipped { scroll: usize },
}

pub use copydesk_core::sort::Sort;

/// The search prompt and its results.
#[derive(Clone, Debug, Default)]
pub struct SearchState {
    /// Whether the prompt has the keyboard.
    pub editing: bool,
    /// The query as typed.
    pub text: String,
    /// Whether bodies are searched too.
    pub full_text: bool,
    /// The filter terms of the prompt (`source:`, `since:`, `until:`).
    pub filter: Filter,
    /// The prompt without its filter terms: what the fuzzy search looks for.
    pub words: String,
    /// The query the results belong to, and every match (for narrowing).
    pub last: Option<(Query, Vec<ArticleId>)>,
    /// Ranked results: the list shows these when a query is active.
    pub results: Option<Vec<ArticleId>>,
    /// Whether the results are still being ranked or searched in the background.
    pub busy: bool,
    /// Increases with every query, so late answers to old ones are dropped.
    pub generation: u64,
}

/// Work the event loop should start off the input thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// Rank every match of a query (the list shows a quick first page meanwhile).
    RankAll {
        /// Which query this is.
        generation: u64,
        /// The query.
        query: Query,
        /// Its matches.
        ids: Vec<ArticleId>,
    },
    /// Search bodies.
    FullText {
        /// Which query this is.
        generation: u64,
        /// The query.
        query: Query,
    },
    /// Find the versions of each story (all of them, or what changed).
    Versions(VersionRun),
    /// Compare two long articles.
    Compare {
        /// Which request this is.
        generation: u64,
        /// What to compare.
        request: CompareRequest,
        /// What to say when the comparison opens.
        message: String,
    },
}

/// Something that happened outside the keyboard.
#[derive(Debug)]
pub enum Outside {
    /// A batch of loaded articles.
    Loaded(Batch),
    /// Loading is over.
    LoadDone(LoadSummary),
    /// Loading could not start.
    LoadFailed(String),
    /// Clustering progress.
    Clustering(DedupProgress),
    /// Clustering is over.
    Clustered(Clusters),
    /// A background comparison finished.
    Compared {
        /// Which request it answers.
        generation: u64,
        /// The comparison, if both articles were there.
        state: Option<Box<DiffState>>,
        /// What to say.
        message: String,
    },
    /// The folder changed: this many paths are being read again.
    Reading(usize),
    /// What the changed paths hold now.
    Changed(copydesk_core::store::Changes),
    /// The folder cannot be followed.
    WatchFailed(String),
    /// A background search finished.
    Searched {
        /// Which query it answers.
        generation: u64,
        /// Ranked results.
        hits: Vec<Hit>,
    },
}

/// What one change to the folder brought, for the status bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveReport {
    /// Articles in files that were not there before.
    pub added: usize,
    /// Articles in files that changed.
    pub changed: usize,
    /// Articles whose files are gone.
    pub removed: usize,
    /// The ids of the added and changed articles.
    pub new_ids: Vec<ArticleId>,
}

impl LiveReport {
    /// `+12 articles, 3 changed, 2 removed`, plus the new versions once known.
    pub fn line(&self, new_versions: Option<usize>) -> String {
        let mut parts = Vec::new();
        let n = super::ui::thousands;
        if self.added > 0 {
            parts.push(format!(
                "+{} article{}",
                n(self.added),
                if self.added == 1 { "" } else { "s" }
            ));
        }
        if self.changed > 0 {
            parts.push(format!("{} changed", n(self.changed)));
        }
        if self.removed > 0 {
            parts.push(format!("{} removed", n(self.removed)));
        }
        if parts.is_empty() {
            parts.push("the folder changed; no article did".to_string());
        }
        if let Some(n) = new_versions.filter(|&n| n > 0) {
            parts.push(format!(
                "{} new version{}",
                super::ui::thousands(n),
                if n == 1 { "" } else { "s" }
            ));
        }
        parts.join(", ")
    }
}

/// How many matches are ranked on the spot; more are ranked in the background.
const RANK_NOW: usize = 4000;

/// Comparisons of at most this many words (both sides together) are made on the
/// spot, in well under a frame; longer ones in the background, so that no key
/// ever waits for one.
const COMPARE_NOW_WORDS: u32 = 20_000;

/// Unique content is found on the spot when the comparisons it takes hold at
/// most this many words in all (about a quarter of a second); beyond, the reader
/// says the story is too long for it.
const UNIQUE_NOW_WORDS: u64 = 100_000;

/// Rows of the first page ranked exactly on each keystroke.
const FIRST_PAGE: usize = 200;

/// The whole state of the reader.
pub struct App {
    /// The articles (shared with background work once loading is over).
    pub store: Arc<Store>,
    /// The headline index.
    pub index: Arc<SearchIndex>,
    /// Versions of each story, once found.
    pub clusters: Option<Arc<Clusters>>,
    /// Read and starred marks.
    pub marks: Marks,
    /// Settings and keys.
    pub config: Config,
    /// Whether colours are off (`NO_COLOR`).
    pub no_color: bool,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// Whether the reader fills the screen.
    pub zoom: bool,
    /// A box over the panes, if any.
    pub overlay: Option<Overlay>,
    /// Order of the list.
    pub sort: Sort,
    /// Whether read articles are hidden.
    pub unread_only: bool,
    /// The search.
    pub search: SearchState,
    /// Articles in the list, in display order.
    pub rows: Vec<ArticleId>,
    /// Selected row.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// Rows the list pane showed last time it was drawn.
    pub list_height: usize,
    /// The article in the reader.
    pub reading: Option<ArticleId>,
    /// The reader's text wrapped to its width.
    pub reader_text: Option<ReaderText>,
    /// First reader line shown.
    pub reader_scroll: usize,
    /// Lines the reader showed last time it was drawn.
    pub reader_height: usize,
    /// Loading progress, while loading.
    pub loading: Option<Progress>,
    /// Clustering progress, while clustering.
    pub clustering: Option<DedupProgress>,
    /// A line for the status bar.
    pub message: Option<String>,
    /// Chords of a key sequence pressed so far.
    pub pending: Vec<Chord>,
    /// Background work to start.
    pub jobs: Vec<Job>,
    /// The open comparison, if any: it fills the screen.
    pub diff: Option<DiffState>,
    /// The article marked as the left side of the next comparison.
    pub marked: Option<ArticleId>,
    /// The comparison being made in the background, by request number.
    pub comparing: Option<u64>,
    /// Numbers comparison requests, so that late answers to old ones are dropped.
    pub compare_generation: u64,
    /// Whether the list shows one row per story.
    pub stories: bool,
    /// Stories shown with their versions in the story view, by cluster id.
    pub expanded: HashSet<u32>,
    /// Whether the reader highlights what only this version says.
    pub unique: bool,
    /// The unique content of the article last highlighted.
    pub unique_of: Option<(ArticleId, Arc<Unique>)>,
    /// Programs to run for the user (browser, editor, pager, clipboard).
    pub external: Vec<External>,
    /// Changes to the folder waiting for the store to be free of background work.
    pub live_pending: Vec<copydesk_core::store::Changes>,
    /// When the versions are found, and what changed since they last were.
    pub versions: VersionSchedule,
    /// Changed paths being read, while they are.
    pub taking_in: Option<usize>,
    /// What the last change brought, finished once versions are found again.
    pub live_report: Option<LiveReport>,
    /// Whether to leave.
    pub quit: bool,
}

impl App {
    /// A reader over `store` (possibly still empty while a load runs).
    pub fn new(store: Store, config: Config, marks: Marks, loading: bool) -> App {
        let index = SearchIndex::build(store.articles());
        let mut app = App {
            store: Arc::new(store),
            index: Arc::new(index),
            clusters: None,
            marks,
            config,
            no_color: false,
            focus: Focus::List,
            zoom: false,
            overlay: None,
            sort: Sort::Path,
            unread_only: false,
            search: SearchState::default(),
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            list_height: 20,
            reading: None,
            reader_text: None,
            reader_scroll: 0,
            reader_height: 20,
            loading: loading.then(Progress::default),
            clustering: None,
            message: None,
            pending: Vec::new(),
            jobs: Vec::new(),
            diff: None,
            marked: None,
            comparing: None,
            compare_generation: 0,
            stories: false,
            expanded: HashSet::new(),
            unique: false,
            unique_of: None,
            external: Vec::new(),
            live_pending: Vec::new(),
            versions: VersionSchedule::new(),
            taking_in: None,
            live_report: None,
            quit: false,
        };
        app.refresh_rows();
        if !loading {
            app.find_versions();
            app.announce_skipped();
        }
        app
    }

    /// The context whose keys apply now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(_) => Context::Help,
            None if self.search.editing => Context::Search,
            None if self.diff.is_some() => Context::Diff,
            None => match self.focus {
                Focus::List => Context::List,
                Focus::Reader => Context::Reader,
            },
        }
    }

    /// The article on the selected row.
    pub fn selected_article(&self) -> Option<ArticleId> {
        self.rows.get(self.selected).copied()
    }

    /// Handles a key press: through the keymap to an action, or into the prompt.
    pub fn key(&mut self, chord: Chord) {
        let ctx = self.context();
        if ctx == Context::Search && self.pending.is_empty() {
            if let Lookup::Action(a) = self.config.keys.lookup(ctx, &[chord]) {
                self.update(a);
                return;
            }
            if let Key::Char(c) = chord.key
                && !chord.mods.ctrl
                && !chord.mods.alt
            {
                self.search.text.push(c);
                self.run_search();
                return;
            }
        }
        self.pending.push(chord);
        match self.config.keys.lookup(ctx, &self.pending) {
            Lookup::Action(a) => {
                self.pending.clear();
                self.update(a);
            }
            Lookup::Prefix => {}
            Lookup::None => {
                let unfinished = self.pending.len() > 1;
                self.pending.clear();
                // A key that ends no sequence may still mean something on its own.
                if unfinished {
                    self.key(chord);
                }
            }
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        match self.context() {
            Context::Help => self.update_overlay(action),
            Context::Search => self.update_search(action),
            Context::List => self.update_list(action),
            Context::Reader => self.update_reader(action),
            Context::Diff => self.update_diff(action),
            Context::Global => {}
        }
    }

    fn update_global(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Some(Overlay::Help {
                    scroll: 0,
                    of: self.context(),
                })
            }
            Action::ShowSkipped => self.overlay = Some(Overlay::Skipped { scroll: 0 }),
            _ => return false,
        }
        true
    }

    fn update_overlay(&mut self, action: Action) {
        let Some(overlay) = self.overlay.as_mut() else {
            return;
        };
        let (Overlay::Help { scroll, .. } | Overlay::Skipped { scroll }) = overlay;
        match action {
            Action::MoveDown => *scroll += 1,
            Action::MoveUp => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll += 10,
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::First => *scroll = 0,
            // Drawing clamps it to the last screenful.
            Action::Last => *scroll = usize::MAX / 2,
            Action::Close | Action::Help => self.overlay = None,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn move_selection(&mut self, to: isize) {
        if self.rows.is_empty() {
            self.selected = 0;
            return;
        }
        self.selected = to.clamp(0, self.rows.len() as isize - 1) as usize;
        self.keep_visible();
    }

    /// Scrolls the list so that the selected row is on screen.
    pub fn keep_visible(&mut self) {
        let h = self.list_height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        let max_offset = self.rows.len().saturating_sub(h);
        self.offset = self.offset.min(max_offset);
    }

    fn update_list(&mut self, action: Action) {
        if self.update_global(action) {
            return;
        }
        let sel = self.selected as isize;
        let page = self.list_height.max(1) as isize;
        match action {
            Action::MoveDown => self.move_selection(sel + 1),
            Action::MoveUp => self.move_selection(sel - 1),
            Action::PageDown => self.move_selection(sel + page),
            Action::PageUp => self.move_selection(sel - page),
            Action::HalfPageDown => self.move_selection(sel + page / 2),
            Action::HalfPageUp => self.move_selection(sel - page / 2),
            Action::First => self.move_selection(0),
            Action::Last => self.move_selection(isize::MAX / 2),
            Action::Open => {
                if let Some(id) = self.selected_article() {
                    self.open(id);
                    self.focus = Focus::Reader;
                }
            }
            Action::Search => self.start_search(),
            Action::ToggleRead => self.toggle(|m| m.read = !m.read),
            Action::ToggleStar => self.toggle(|m| m.starred = !m.starred),
            Action::UnreadOnly => {
                self.unread_only = !self.unread_only;
                self.refresh_rows();
                self.message = Some(if self.unread_only {
                    "showing unread articles only".to_string()
                } else {
                    "showing all articles".to_string()
                });
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refresh_rows();
                self.message = Some(format!("sorted by {}", self.sort.name()));
            }
            Action::FocusOther if self.reading.is_some() => self.focus = Focus::Reader,
            Action::Compare => {
                if let Some(id) = self.selected_article() {
                    self.compare(id);
                }
            }
            Action::MarkLeft => {
                if let Some(id) = self.selected_article() {
                    self.mark_left(id);
                }
            }
            Action::ToggleStories => self.toggle_stories(),
            Action::ToggleExpand => self.toggle_expand(),
            a if a.shares() => {
                if let Some(id) = self.selected_article() {
                    self.share(id, action);
                }
            }
            _ => {}
        }
    }

    /// Hands article `id` to another program, or its headline, path or URL to
    /// the clipboard.
    fn share(&mut self, id: ArticleId, action: Action) {
        let Some(a) = self.store.get(id) else {
            return;
        };
        let env = |name: &str| std::env::var(name).ok();
        let no_url = "this article has no URL (records with a url or link field have one)";
        let (job, message) = match action {
            Action::OpenUrl => match a.url.as_deref() {
                Some(u) => (
                    Some(external::open_url(u, self.config.open_command.as_deref())),
                    format!("opening {u}"),
                ),
                None => (None, no_url.to_string()),
            },
            Action::EditFile => match external::source_file(self.store.root(), a) {
                Some((file, line)) => {
                    let job = external::edit(&file, line, &env);
                    (Some(job), String::new())
                }
                None => (
                    None,
                    "the demo corpus is built into copydesk: there is no file to edit".to_string(),
                ),
            },
            Action::PageArticle => (Some(external::page(a, &env)), String::new()),
            Action::CopyHeadline => (
                Some(External::Copy(a.title.to_string())),
                "headline copied to the clipboard".to_string(),
            ),
            Action::CopyPath => match external::source_file(self.store.root(), a) {
                Some((file, _)) => {
                    let mut path = file.display().to_string();
                    if let Some(record) = a.location.record {
                        path = format!("{path}#{record}");
                    }
                    (
                        Some(External::Copy(path)),
                        "path copied to the clipboard".to_string(),
                    )
                }
                None => (
                    Some(External::Copy(a.location.to_string())),
                    "path in the built-in demo corpus copied to the clipboard".to_string(),
                ),
            },
            Action::CopyUrl => match a.url.as_deref() {
                Some(u) => (
                    Some(External::Copy(u.to_string())),
                    "URL copied to the clipboard".to_string(),
                ),
                None => (None, no_url.to_string()),
            },
            _ => return,
        };
        self.external.extend(job);
        if !message.is_empty() {
            self.message = Some(message);
        }
    }

    /// Takes the programs to run requested since the last call.
    pub fn take_external(&mut self) -> Vec<External> {
        std::mem::take(&mut self.external)
    }

    fn update_reader(&mut self, action: Action) {
        if self.update_global(action) {
            return;
        }
        let page = self.reader_height.max(1);
        match action {
            Action::MoveDown => self.scroll_reader(1),
            Action::MoveUp => self.scroll_reader(-1),
            Action::PageDown => self.scroll_reader(page.saturating_sub(1).max(1) as isize),
            Action::PageUp => self.scroll_reader(-(page.saturating_sub(1).max(1) as isize)),
            Action::HalfPageDown => self.scroll_reader((page / 2).max(1) as isize),
            Action::HalfPageUp => self.scroll_reader(-((page / 2).max(1) as isize)),
            Action::First => self.reader_scroll = 0,
            Action::Last => self.scroll_reader(isize::MAX / 2),
            Action::NextArticle | Action::PrevArticle => {
                let step = if action == Action::NextArticle { 1 } else { -1 };
                let before = self.selected;
                self.move_selection(self.selected as isize + step);
                if self.selected != before
                    && let Some(id) = self.selected_article()
                {
                    self.open(id);
                }
            }
            Action::Zoom => self.zoom = !self.zoom,
            Action::ToggleRead => self.toggle(|m| m.read = !m.read),
            Action::ToggleStar => self.toggle(|m| m.starred = !m.starred),
            Action::Search => self.start_search(),
            Action::FocusOther => self.focus = Focus::List,
            Action::Back => {
                self.focus = Focus::List;
                self.zoom = false;
            }
            Action::Compare => {
                if let Some(id) = self.reading {
                    self.compare(id);
                }
            }
            Action::MarkLeft => {
                if let Some(id) = self.reading {
                    self.mark_left(id);
                }
            }
            Action::HighlightUnique => self.toggle_unique(),
            a if a.shares() => {
                if let Some(id) = self.reading {
                    self.share(id, action);
                }
            }
            _ => {}
        }
    }

    /// The first key bound to `action` in `ctx` (or everywhere), for messages.
    pub fn key_for(&self, ctx: Context, action: Action) -> String {
        let keys = &self.config.keys;
        keys.keys_for(ctx, action)
            .first()
            .or_else(|| keys.keys_for(Context::Global, action).first())
            .map(|k| k.to_string())
            .unwrap_or_else(|| action.name().to_string())
    }

    /// Which of two versions goes on the left: the older when both dates are
    /// known and differ, else the shorter, so that the right side is the one
    /// that (usually) adds.
    fn order(&self, a: ArticleId, b: ArticleId) -> (ArticleId, ArticleId) {
        let (Some(x), Some(y)) = (self.store.get(a), self.store.get(b)) else {
            return (a, b);
        };
        let key = |v: &copydesk_core::article::Article| (v.words, v.id);
        let a_first = match (x.date, y.date) {
            (Some(dx), Some(dy)) if dx != dy => dx < dy,
            _ => key(x) < key(y),
        };
        if a_first { (a, b) } else { (b, a) }
    }

    /// Opens the comparison of `id` with the marked article, or else with its
    /// closest other version.
    pub fn compare(&mut self, id: ArticleId) {
        let mark_key = self.key_for(Context::List, Action::MarkLeft);
        let (left, right) = match self.marked {
            Some(m) if m != id && self.store.get(m).is_some() => (m, id),
            _ => {
                let Some(clusters) = &self.clusters else {
                    self.message = Some(format!(
                        "still finding the versions of each story; meanwhile {mark_key} marks an article to compare by hand"
                    ));
                    return;
                };
                let Some(other) = clusters.closest(id) else {
                    self.message = Some(format!(
                        "no other version of this story; {mark_key} marks an article to compare with any other"
                    ));
                    return;
                };
                self.order(id, other)
            }
        };
        let versions: Vec<ArticleId> = self
            .clusters
            .as_ref()
            .and_then(|c| c.cluster_of(left).or_else(|| c.cluster_of(right)))
            .map(|c| c.members.iter().copied().filter(|&m| m != left).collect())
            .unwrap_or_default();
        let from_mark = self.marked.take().is_some();
        let request = CompareRequest {
            left,
            right,
            versions,
            back: self.focus,
            folded: false,
            width: self.diff.as_ref().map_or(DEFAULT_WIDTH, |d| d.layout.width),
        };
        let message = if from_mark {
            "comparing with the marked article"
        } else {
            ""
        };
        self.open_diff(request, message);
    }

    /// Opens the comparison `request` asks for: at once if the articles are of
    /// ordinary length, else in the background (the view opens when it is done).
    fn open_diff(&mut self, request: CompareRequest, message: &str) {
        let words: u32 = [request.left, request.right]
            .iter()
            .filter_map(|&id| self.store.get(id))
            .map(|a| a.words)
            .sum();
        self.compare_generation += 1;
        if words <= COMPARE_NOW_WORDS {
            self.comparing = None;
            if let Some(d) = DiffState::new(&self.store, &request) {
                self.show_diff(d, message);
            }
            return;
        }
        self.comparing = Some(self.compare_generation);
        self.message = Some(format!(
            "comparing {} words in the background…",
            super::ui::thousands(words as usize)
        ));
        self.jobs.push(Job::Compare {
            generation: self.compare_generation,
            request,
            message: message.to_string(),
        });
    }

    fn show_diff(&mut self, d: DiffState, message: &str) {
        let changes = d.changes().len();
        let next = self.key_for(Context::Diff, Action::NextChange);
        let count = match changes {
            0 => "no changes".to_string(),
            1 => format!("1 change, {next} jumps to it"),
            n => format!("{n} changes, {next} jumps to the next"),
        };
        self.message = Some(if message.is_empty() {
            count
        } else {
            format!("{message}: {count}")
        });
        self.diff = Some(d);
    }

    /// Marks `id` as the left side of the next comparison, or unmarks it.
    fn mark_left(&mut self, id: ArticleId) {
        if self.marked == Some(id) {
            self.marked = None;
            self.message = Some("unmarked".to_string());
            return;
        }
        self.marked = Some(id);
        let key = self.key_for(Context::List, Action::Compare);
        self.message = Some(format!(
            "marked as the left side: select another article and press {key}"
        ));
    }

    fn update_diff(&mut self, action: Action) {
        if self.update_global(action) {
            return;
        }
        let Some(d) = self.diff.as_mut() else {
            return;
        };
        let page = d.height.max(1);
        match action {
            Action::MoveDown => d.scroll_by(1),
            Action::MoveUp => d.scroll_by(-1),
            Action::PageDown => d.scroll_by(page.saturating_sub(1).max(1) as isize),
            Action::PageUp => d.scroll_by(-(page.saturating_sub(1).max(1) as isize)),
            Action::HalfPageDown => d.scroll_by((page / 2).max(1) as isize),
            Action::HalfPageUp => d.scroll_by(-((page / 2).max(1) as isize)),
            Action::First => d.scroll_to_end(false),
            Action::Last => d.scroll_to_end(true),
            Action::NextChange | Action::PrevChange => {
                self.message = Some(match d.jump(action == Action::NextChange) {
                    Ok(row) => {
                        let changes = d.changes();
                        let i = changes.iter().position(|&r| r == row).unwrap_or(0);
                        format!("change {} of {}", i + 1, changes.len())
                    }
                    Err(e) => e.to_string(),
                });
            }
            Action::SwapSides => {
                let request = d.swapped();
                self.open_diff(request, "sides swapped");
            }
            Action::ToggleFold => {
                d.toggle_fold();
                self.message = Some(
                    if d.folded {
                        "unchanged runs folded"
                    } else {
                        "unchanged runs shown"
                    }
                    .to_string(),
                );
            }
            Action::NextVersion | Action::PrevVersion => {
                match d.cycled(action == Action::NextVersion) {
                    Ok(request) => {
                        let message =
                            match request.versions.iter().position(|&v| v == request.right) {
                                Some(i) => {
                                    format!(
                                        "right side: version {} of {}",
                                        i + 1,
                                        request.versions.len()
                                    )
                                }
                                None => "right side changed".to_string(),
                            };
                        self.open_diff(request, &message);
                    }
                    Err(e) => self.message = Some(e.to_string()),
                }
            }
            Action::ExportHtml => {
                let folder = self.export_folder();
                let d = self.diff.as_ref().expect("in the comparison view");
                self.message = Some(match folder {
                    None => copydesk_core::export::ExportError::NoFolder.to_string(),
                    Some(f) => {
                        match copydesk_core::export::write_html(
                            &d.comparison,
                            &f,
                            self.store.root(),
                        ) {
                            Ok(path) => format!("comparison written to {}", path.display()),
                            Err(e) => e.to_string(),
                        }
                    }
                });
            }
            Action::Back => {
                self.focus = d.back;
                self.diff = None;
                // A comparison still being made is not wanted any more.
                self.comparing = None;
            }
            _ => {}
        }
    }

    /// Where exported comparisons go: `exports/` beside the marks file.
    pub fn export_folder(&self) -> Option<std::path::PathBuf> {
        Some(self.marks.file()?.parent()?.join("exports"))
    }

    fn toggle_stories(&mut self) {
        self.stories = !self.stories;
        self.refresh_rows();
        let expand = self.key_for(Context::List, Action::ToggleExpand);
        self.message = Some(match (self.stories, &self.clusters) {
            (true, None) => "one row per story once the versions are found".to_string(),
            (true, Some(_)) => format!("one row per story; {expand} shows a story's versions"),
            (false, _) => "one row per article".to_string(),
        });
    }

    fn toggle_expand(&mut self) {
        let Some(id) = self.selected_article() else {
            return;
        };
        let Some(c) = self.clusters.as_ref().and_then(|c| c.cluster_of(id)) else {
            self.message = Some("this article has no other versions".to_string());
            return;
        };
        let (cid, first) = (c.id, c.members[0]);
        self.stories = true;
        if !self.expanded.remove(&cid) {
            self.expanded.insert(cid);
        }
        self.refresh_rows();
        if let Some(i) = self.rows.iter().position(|&r| r == first) {
            self.selected = i;
            self.keep_visible();
        }
    }

    /// The unique content of `id` within its story, computed once per article.
    pub fn unique_for(&mut self, id: ArticleId) -> Option<Arc<Unique>> {
        if let Some((cached, u)) = &self.unique_of
            && *cached == id
        {
            return Some(u.clone());
        }
        let c = self.clusters.as_ref()?.cluster_of(id)?;
        let a = self.store.get(id)?;
        let others: Vec<&copydesk_core::article::Article> = c
            .members
            .iter()
            .filter(|&&m| m != id)
            .filter_map(|&m| self.store.get(m))
            .collect();
        let work: u64 = others.iter().map(|o| u64::from(o.words + a.words)).sum();
        if work > UNIQUE_NOW_WORDS {
            return None;
        }
        let u = Arc::new(unique_content(a, &others));
        self.unique_of = Some((id, u.clone()));
        Some(u)
    }

    fn toggle_unique(&mut self) {
        self.unique = !self.unique;
        self.reader_text = None;
        if !self.unique {
            self.message = Some("unique content no longer highlighted".to_string());
            return;
        }
        self.message = Some(match self.reading.and_then(|id| self.unique_for(id)) {
            Some(u) => format!(
                "{} word{} here and in no other version (of {})",
                u.words,
                if u.words == 1 { "" } else { "s" },
                u.against + 1
            ),
            None => {
                self.unique = false;
                let in_story = self.reading.is_some_and(|id| {
                    self.clusters
                        .as_ref()
                        .is_some_and(|c| c.cluster_of(id).is_some())
                });
                if in_story {
                    let key = self.key_for(Context::Reader, Action::Compare);
                    format!(
                        "this story's versions are too long to set against each other here; {key} compares two of them"
                    )
                } else {
                    "this article has no other versions to set it against".to_string()
                }
            }
        });
    }

    fn scroll_reader(&mut self, by: isize) {
        let lines = self.reader_text.as_ref().map_or(0, |t| t.lines.len());
        let max = lines.saturating_sub(self.reader_height.max(1));
        self.reader_scroll = (self.reader_scroll as isize + by).clamp(0, max as isize) as usize;
    }

    /// Shows an article in the reader and marks it read.
    pub fn open(&mut self, id: ArticleId) {
        if self.reading != Some(id) {
            self.reading = Some(id);
            self.reader_text = None;
            self.reader_scroll = 0;
        }
        if let Some(a) = self.store.get(id) {
            let mut m = self.marks.get(a);
            if !m.read {
                m.read = true;
                self.marks.set(a, m);
                self.save_marks();
            }
        }
    }

    fn toggle(&mut self, f: impl Fn(&mut Mark)) {
        let id = match self.focus {
            Focus::Reader => self.reading,
            Focus::List => self.selected_article(),
        };
        let Some(a) = id.and_then(|id| self.store.get(id)) else {
            return;
        };
        let mut m = self.marks.get(a);
        f(&mut m);
        self.marks.set(a, m);
        self.save_marks();
        if self.unread_only && m.read && self.focus == Focus::List {
            self.refresh_rows();
        }
    }

    fn save_marks(&mut self) {
        if let Err(e) = self.marks.save() {
            let file = self
                .marks
                .file()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            self.message = Some(format!("could not save marks to {file}: {e}"));
        }
    }

    fn start_search(&mut self) {
        self.search.editing = true;
        self.focus = Focus::List;
        self.zoom = false;
    }

    fn update_search(&mut self, action: Action) {
        match action {
            Action::Accept => {
                self.search.editing = false;
                if self.search.text.trim().is_empty() {
                    self.clear_search();
                }
            }
            Action::Cancel => {
                self.search.editing = false;
                self.clear_search();
            }
            Action::DeleteChar => {
                self.search.text.pop();
                self.run_search();
            }
            Action::ClearQuery => {
                self.search.text.clear();
                self.run_search();
            }
            Action::ToggleFullText => {
                self.search.full_text = !self.search.full_text;
                self.search.last = None;
                self.run_search();
            }
            Action::MoveDown => self.move_selection(self.selected as isize + 1),
            Action::MoveUp => self.move_selection(self.selected as isize - 1),
            Action::Quit => self.quit = true,
            Action::Help => {
                self.update_global(action);
            }
            _ => {}
        }
    }

    fn clear_search(&mut self) {
        self.search.text.clear();
        self.search.words.clear();
        self.search.filter = Filter::default();
        self.search.results = None;
        self.search.last = None;
        self.search.busy = false;
        self.search.generation += 1;
        self.refresh_rows();
    }

    /// The query the list is filtered by, if any.
    pub fn active_query(&self) -> Option<Query> {
        let q = Query::parse(&self.search.words);
        (!q.is_empty() && !self.search.full_text).then_some(q)
    }

    /// Re-runs the search for the text in the prompt.
    pub fn run_search(&mut self) {
        self.search.generation += 1;
        let today = jiff::Zoned::now().date();
        let split = filter::split(&self.search.text, today);
        if let Some(e) = split.errors.first() {
            self.message = Some(e.to_string());
        }
        self.search.filter = split.filter;
        self.search.words = split.words;
        let query = Query::parse(&self.search.words);
        if query.is_empty() {
            self.search.results = None;
            self.search.last = None;
            self.search.busy = false;
            self.refresh_rows();
            return;
        }
        if self.search.full_text {
            if self.loading.is_some() {
                self.message = Some("full-text search starts once loading is over".to_string());
                return;
            }
            self.search.busy = true;
            self.jobs.push(Job::FullText {
                generation: self.search.generation,
                query,
            });
            return;
        }
        let within = self
            .search
            .last
            .as_ref()
            .filter(|(prev, _)| query.narrows(prev))
            .map(|(_, ids)| ids.as_slice());
        let step = self.index.search(&query, within, FIRST_PAGE);
        let mut results: Vec<ArticleId> = step.top.iter().map(|h| h.id).collect();
        if step.matches.len() <= RANK_NOW {
            results = self
                .index
                .rank(&query, &step.matches)
                .iter()
                .map(|h| h.id)
                .collect();
            self.search.busy = false;
        } else {
            // The first page is exact; the rest follows in id order until the
            // background ranking arrives.
            let shown: std::collections::HashSet<ArticleId> = results.iter().copied().collect();
            results.extend(step.matches.iter().filter(|id| !shown.contains(id)));
            // While loading, the store is still growing; ranking waits for the end.
            self.search.busy = self.loading.is_none();
            if self.loading.is_none() {
                self.jobs.push(Job::RankAll {
                    generation: self.search.generation,
                    query: query.clone(),
                    ids: step.matches.clone(),
                });
            }
        }
        self.search.last = Some((query, step.matches));
        self.search.results = Some(results);
        self.selected = 0;
        self.offset = 0;
        self.refresh_rows();
    }

    /// Rebuilds the list rows from the store, the search, the filter and the order,
    /// keeping the selected article selected when it is still there.
    pub fn refresh_rows(&mut self) {
        let keep = self.selected_article();
        let articles = self.store.articles();
        let mut rows: Vec<ArticleId> = match &self.search.results {
            Some(r) => r.clone(),
            None => self.sort.order(&self.store, self.clusters.as_deref()),
        };
        if self.search.results.is_some() {
            rows.retain(|&id| self.store.is_live(id));
        }
        if !self.search.filter.is_empty() {
            rows.retain(|&id| self.search.filter.keeps(&articles[id as usize]));
        }
        if self.unread_only {
            rows.retain(|&id| !self.marks.get(&articles[id as usize]).read || Some(id) == keep);
        }
        if self.stories
            && let Some(c) = &self.clusters
        {
            // One row per story, at the place of its first member in the order,
            // showing its first version; expanded stories list the others below.
            let mut seen = HashSet::new();
            let mut grouped = Vec::with_capacity(rows.len());
            for id in rows {
                match c.cluster_of(id) {
                    None => grouped.push(id),
                    Some(story) if seen.insert(story.id) => {
                        grouped.push(story.members[0]);
                        if self.expanded.contains(&story.id) {
                            grouped.extend(&story.members[1..]);
                        }
                    }
                    Some(_) => {}
                }
            }
            rows = grouped;
        }
        self.rows = rows;
        let find = |k: ArticleId| self.rows.iter().position(|&r| r == k);
        let found = keep.and_then(|k| {
            find(k).or_else(|| {
                // A version folded into its story: select the story.
                let c = self.clusters.as_ref()?.cluster_of(k)?;
                find(c.members[0])
            })
        });
        self.selected = match found {
            Some(i) => i,
            None => self.selected.min(self.rows.len().saturating_sub(1)),
        };
        self.keep_visible();
    }

    /// Handles what happened outside the keyboard.
    pub fn outside(&mut self, event: Outside) {
        match event {
            Outside::Loaded(batch) => {
                let progress = batch.progress;
                let grew = !batch.articles.is_empty();
                if let Some(store) = Arc::get_mut(&mut self.store) {
                    store.extend(batch);
                }
                if grew && let Some(index) = Arc::get_mut(&mut self.index) {
                    index.extend(self.store.articles());
                }
                self.loading = Some(progress);
                if grew {
                    if self.search.results.is_some() {
                        self.search.last = None;
                        self.run_search();
                    } else if self.sort == Sort::Path
                        && !self.unread_only
                        && self.search.filter.is_empty()
                    {
                        let from = self.rows.len() as ArticleId;
                        self.rows.extend(from..self.store.len() as ArticleId);
                    } else {
                        self.refresh_rows();
                    }
                }
            }
            Outside::LoadDone(summary) => {
                if let Some(store) = Arc::get_mut(&mut self.store) {
                    store.finish(summary);
                }
                self.loading = None;
                self.refresh_rows();
                self.find_versions();
                self.announce_skipped();
            }
            Outside::LoadFailed(e) => {
                self.loading = None;
                self.message = Some(e);
            }
            Outside::Clustering(p) => self.clustering = Some(p),
            Outside::Clustered(c) => {
                self.clustering = None;
                if let Some(run) = self.versions.finished() {
                    self.jobs.push(Job::Versions(run));
                }
                let stories = c.clusters.len();
                self.clusters = Some(Arc::new(c));
                if self.sort == Sort::Versions || self.stories {
                    self.refresh_rows();
                }
                // A clustering started before the last change leaves the report
                // for the one that follows it.
                let fresh = self
                    .clusters
                    .as_ref()
                    .is_some_and(|c| c.articles_seen() == self.store.len());
                if let Some(report) = self.live_report.take_if(|_| fresh) {
                    let clusters = self.clusters.as_ref().expect("just set");
                    let versions = report
                        .new_ids
                        .iter()
                        .filter(|&&id| clusters.cluster_of(id).is_some())
                        .count();
                    self.message = Some(report.line(Some(versions)));
                } else if self.message.is_none() {
                    self.message = Some(format!(
                        "{} stor{} with more than one version",
                        super::ui::thousands(stories),
                        if stories == 1 { "y" } else { "ies" }
                    ));
                }
            }
            Outside::Compared {
                generation,
                state,
                message,
            } => {
                if self.comparing == Some(generation) {
                    self.comparing = None;
                    match state {
                        Some(d) => self.show_diff(*d, &message),
                        None => self.message = Some("the articles are gone".to_string()),
                    }
                }
            }
            Outside::Reading(n) => self.taking_in = Some(n),
            Outside::Changed(changes) => {
                self.taking_in = None;
                self.live_pending.push(changes);
            }
            Outside::WatchFailed(e) => self.message = Some(e),
            Outside::Searched { generation, hits } => {
                if generation == self.search.generation {
                    self.search.busy = false;
                    self.search.results = Some(hits.iter().map(|h| h.id).collect());
                    self.refresh_rows();
                }
            }
        }
    }

    /// Asks for the versions of each story to be found, once at a time: asked
    /// again while they are being found, it runs once more afterwards.
    pub fn find_versions(&mut self) {
        if let Some(run) = self.versions.ask() {
            self.jobs.push(Job::Versions(run));
        }
    }

    /// Applies changes to the folder once no background work holds the store;
    /// returns whether any were applied.
    pub fn apply_live_changes(&mut self) -> bool {
        if self.live_pending.is_empty() || self.loading.is_some() {
            return false;
        }
        if Arc::get_mut(&mut self.store).is_none() || Arc::get_mut(&mut self.index).is_none() {
            return false;
        }
        let pending = std::mem::take(&mut self.live_pending);
        // Where the selected row is on screen, to keep it there.
        let screen_row = self.selected.saturating_sub(self.offset);
        let mut report = LiveReport::default();
        for changes in pending {
            self.apply_one(changes, &mut report);
        }
        if report.added + report.changed + report.removed == 0 {
            // Files touched with the same text (a save without edits): nothing to say.
            return false;
        }
        // Changes that come before the versions are found again add up.
        if let Some(earlier) = self.live_report.take() {
            report.added += earlier.added;
            report.changed += earlier.changed;
            report.removed += earlier.removed;
            report.new_ids.extend(earlier.new_ids);
        }
        self.live_report = Some(report);
        self.refresh_rows();
        self.offset = self.selected.saturating_sub(screen_row);
        self.keep_visible();
        self.find_versions();
        if self.search.results.is_some() {
            self.search.last = None;
            self.run_search();
        }
        let line = self.live_report.as_ref().map(|r| r.line(None));
        self.message = line;
        true
    }

    fn apply_one(&mut self, changes: copydesk_core::store::Changes, report: &mut LiveReport) {
        let store = Arc::get_mut(&mut self.store).expect("checked by the caller");
        let applied = store.apply(changes);
        report.added += applied.added.len();
        report.changed += applied.replaced.len();
        report.removed += applied.removed.len();
        let ids = applied.new_ids();
        report.new_ids.extend(&ids);
        self.versions.note(&ids, &applied.gone_ids());
        if let Some(index) = Arc::get_mut(&mut self.index) {
            index.extend(self.store.articles());
        }
        // What was selected, read or marked follows its new version.
        let moved = |id: Option<ArticleId>| id.and_then(|id| applied.replacement(id));
        // The selected row shows the new version, so that refreshing the rows
        // keeps it selected.
        if let Some(new) = moved(self.selected_article()) {
            self.rows[self.selected] = new;
        }
        if let Some(new) = moved(self.reading) {
            let scroll = self.reader_scroll;
            self.reading = Some(new);
            self.reader_text = None;
            self.reader_scroll = scroll;
        } else if self.reading.is_some_and(|r| !self.store.is_live(r)) {
            self.reading = None;
            self.reader_text = None;
            self.focus = Focus::List;
        }
        if let Some(new) = moved(self.marked) {
            self.marked = Some(new);
        }
        self.unique_of = None;
    }

    fn announce_skipped(&mut self) {
        let n = self.store.skipped().len();
        if n > 0 {
            let key = self
                .config
                .keys
                .keys_for(Context::Global, Action::ShowSkipped)
                .first()
                .map(|k| k.to_string())
                .unwrap_or_else(|| "show_skipped".into());
            self.message = Some(format!(
                "{n} file{} skipped, press {key} for details",
                if n == 1 { "" } else { "s" }
            ));
        }
    }

    /// Takes the background work requested since the last call.
    pub fn take_jobs(&mut self) -> Vec<Job> {
        std::mem::take(&mut self.jobs)
    }
}
