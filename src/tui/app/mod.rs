//! The reader as a whole: the panes, the articles they share, which pane has the
//! keyboard, and the status line. Keys become actions through the keymap of the
//! context in front; the pane in front handles the action and answers with an
//! effect, which the app carries out. Nothing here draws, and everything here can
//! be driven from tests with plain actions and events.

mod outside;

use ratatui::layout::Rect;

use copydesk_core::article::ArticleId;
use copydesk_core::state::Marks;
use copydesk_core::store::Store;

use super::comparison::ComparisonPane;
use super::effect::{self, Effect, MarkChange};
use super::external::{self, External};
use super::focus::Focus;
use super::job::Job;
use super::layout::{Areas, Layout, Shown};
use super::library::Library;
use super::list::ListPane;
use super::overlay::Overlay;
use super::prompt::SearchPrompt;
use super::reader::ReaderPane;
use super::work::Work;
use crate::config::{Action, Config, Context, Lookup};
use crate::keys::{Chord, Key};

/// Rows or lines a turn of the mouse wheel scrolls.
const WHEEL: isize = 3;

/// The largest count before a move.
const MAX_COUNT: usize = 1_000_000;

/// The most times a page move is repeated for a count.
const MAX_REPEAT: usize = 1000;

/// The longest time between the two clicks of a double click.
pub const DOUBLE_CLICK: std::time::Duration = std::time::Duration::from_millis(400);

/// The whole state of the reader.
pub struct App {
    /// The articles, their index, their stories and their marks.
    pub library: Library,
    /// Settings and keys.
    pub config: Config,
    /// The article list.
    pub list: ListPane,
    /// The reader.
    pub reader: ReaderPane,
    /// The search prompt and its results.
    pub prompt: SearchPrompt,
    /// The comparison of two versions.
    pub comparison: ComparisonPane,
    /// A box over the panes, if one is open.
    pub overlay: Option<Overlay>,
    /// The background work.
    pub work: Work,
    /// A line for the status bar.
    pub message: Option<String>,
    /// A warning from start-up (marks not kept, a damaged marks database), shown
    /// before any message until the first key.
    pub warning: Option<String>,
    /// Whether colours are off (`NO_COLOR`).
    pub no_color: bool,
    focus: Focus,
    /// Chords of a key sequence pressed so far.
    pending: Vec<Chord>,
    /// Background work to start.
    jobs: Vec<Job>,
    /// Programs to run for the user (browser, editor, pager, clipboard).
    external: Vec<External>,
    quit: bool,
    /// Whether the whole screen is to be drawn again.
    redraw: bool,
    /// Whether the user asked to stop copydesk for a while.
    suspend: bool,
    /// The screen, once its size is known.
    screen: Option<Rect>,
    /// Where everything goes on the screen.
    layout: Layout,
    /// The last left click: when, and the cell, to tell a double click.
    last_click: Option<(std::time::Instant, u16, u16)>,
    /// A count typed before a move (`7j`).
    count: Option<usize>,
    /// What the last mark all read marked, to undo it.
    undo: Option<Vec<ArticleId>>,
}

impl App {
    /// A reader over `store` (possibly still empty while a load runs).
    pub fn new(store: Store, config: Config, marks: Marks, loading: bool) -> App {
        let mut app = App {
            library: Library::new(store, marks),
            config,
            list: ListPane::new(),
            reader: ReaderPane::new(),
            prompt: SearchPrompt::default(),
            comparison: ComparisonPane::default(),
            overlay: None,
            work: Work::new(loading),
            message: None,
            warning: None,
            no_color: false,
            focus: Focus::List,
            pending: Vec::new(),
            jobs: Vec::new(),
            external: Vec::new(),
            quit: false,
            redraw: false,
            suspend: false,
            screen: None,
            layout: Layout::default(),
            last_click: None,
            count: None,
            undo: None,
        };
        app.reader
            .set_measure(app.config.max_width, app.config.align);
        app.refresh_rows();
        if !loading {
            app.find_versions();
            app.announce_skipped();
        }
        app
    }

    /// Which pane has the keyboard when no overlay, prompt or comparison takes it.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Whether the user asked to leave.
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// Whether the whole screen is to be drawn again (and forgets the request).
    pub fn take_redraw(&mut self) -> bool {
        std::mem::take(&mut self.redraw)
    }

    /// Whether the user asked to stop copydesk for a while (and forgets the request).
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    /// Chords of a key sequence pressed so far (for the status bar).
    pub fn pending(&self) -> &[Chord] {
        &self.pending
    }

    /// Where everything goes on the screen, once its size is known.
    pub fn layout(&self) -> Option<&Layout> {
        self.screen.map(|_| &self.layout)
    }

    /// The context whose keys apply now.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(_) => Context::Help,
            None if self.prompt.editing() || self.reader.finding() => Context::Search,
            None if self.comparison.view().is_some() => Context::Diff,
            None => match self.focus {
                Focus::List => Context::List,
                Focus::Reader => Context::Reader,
            },
        }
    }

    /// Actions worth a hint in the status bar now, with a short label.
    pub fn hints(&self) -> &'static [(Action, &'static str)] {
        match self.context() {
            Context::List => ListPane::HINTS,
            Context::Reader => ReaderPane::HINTS,
            Context::Search if self.reader.finding() => ReaderPane::FIND_HINTS,
            Context::Search => SearchPrompt::HINTS,
            Context::Help => Overlay::HINTS,
            Context::Diff => ComparisonPane::HINTS,
            Context::Global => &[],
        }
    }

    /// Handles a key press: through the keymap to an action, or into the prompt.
    pub fn key(&mut self, chord: Chord) {
        self.warning = None;
        // Another copydesk on the same data folder may have marked something.
        if self.library.refresh_marks() && (self.list.unread_only() || self.list.starred_only()) {
            self.refresh_rows();
        }
        // Behind the "too small" screen nothing acts but leaving and stopping.
        if self.layout().is_some_and(|l| l.too_small) {
            self.pending.clear();
            if let Lookup::Action(a @ (Action::Quit | Action::Suspend)) =
                self.config.keys.lookup_only(Context::Global, &[chord])
            {
                self.update(a);
            }
            return;
        }
        let ctx = self.context();
        if ctx != Context::Search
            && self.pending.is_empty()
            && let Some(d) = self.count_digit(ctx, chord)
        {
            let n = self.count.unwrap_or(0).saturating_mul(10) + d;
            self.count = Some(n.min(MAX_COUNT));
            return;
        }
        if ctx == Context::Search && self.pending.is_empty() {
            // A prompt's own keys first; then any character is typed (`?` and
            // `!` too); only then the global keys (ctrl-c, f1).
            if let Lookup::Action(a) = self.config.keys.lookup_only(ctx, &[chord]) {
                self.update(a);
                return;
            }
            if let Key::Char(c) = chord.key
                && !chord.mods.ctrl
                && !chord.mods.alt
            {
                // Only what the prompt holds now may be said to be wrong.
                self.message = None;
                let effect = self.type_char(c);
                self.run(effect);
                self.relayout();
                return;
            }
        }
        self.pending.push(chord);
        match self.config.keys.lookup(ctx, &self.pending) {
            Lookup::Action(a) => {
                self.pending.clear();
                match self.count.take() {
                    Some(n) if a.moves() => self.update_times(a, n),
                    _ => self.update(a),
                }
            }
            Lookup::Prefix => {}
            Lookup::None => {
                let unfinished = self.pending.len() > 1;
                self.pending.clear();
                self.count = None;
                // A key that ends no sequence may still mean something on its own.
                if unfinished {
                    self.key(chord);
                }
            }
        }
    }

    /// The digit `chord` adds to a count typed before a move, if it is one: a
    /// plain digit the context does not bind (a count never starts with 0).
    fn count_digit(&self, ctx: Context, chord: Chord) -> Option<usize> {
        let Key::Char(c) = chord.key else {
            return None;
        };
        let d = c.to_digit(10)? as usize;
        if chord.mods.ctrl || chord.mods.alt || (d == 0 && self.count.is_none()) {
            return None;
        }
        let free = self.config.keys.lookup(ctx, &[chord]) == Lookup::None;
        free.then_some(d)
    }

    /// The count typed so far before a move, for the status bar.
    pub fn count(&self) -> Option<usize> {
        self.count
    }

    /// A move done `n` times (`7j`); to the first or last with a count, to row
    /// or line `n` (`12G`, as in vi).
    fn update_times(&mut self, action: Action, n: usize) {
        let ctx = self.context();
        match (ctx, action) {
            (Context::List, Action::First | Action::Last) => {
                self.message = None;
                self.list.select(n.saturating_sub(1));
                self.follow_list();
                self.relayout();
            }
            (Context::List, Action::MoveDown | Action::MoveUp) => {
                self.message = None;
                let step = if action == Action::MoveDown { 1 } else { -1 };
                self.list.move_by(step * n as isize);
                self.follow_list();
                self.relayout();
            }
            (Context::Reader, Action::MoveDown | Action::MoveUp) => {
                self.message = None;
                let step = if action == Action::MoveDown { 1 } else { -1 };
                self.reader.scroll_by(step * n as isize);
            }
            _ => {
                for _ in 0..n.min(MAX_REPEAT) {
                    self.update(action);
                }
            }
        }
    }

    /// A character typed into the prompt that has the keyboard.
    fn type_char(&mut self, c: char) -> Effect {
        if self.reader.finding() {
            self.reader.find_type(c)
        } else {
            self.prompt.type_char(c)
        }
    }

    /// Carries out one action in the pane in front.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        // Stopping works from every view, a prompt or a box in front included.
        if action == Action::Suspend {
            self.run(Effect::Suspend);
            return;
        }
        let keys = &self.config.keys;
        let lib = &self.library;
        let effect = match self.context() {
            Context::Help => match self.overlay.as_mut() {
                Some(o) => o.update(action),
                None => Effect::None,
            },
            Context::Search if self.reader.finding() => self.reader.find_update(action),
            Context::Search => self.prompt.update(action),
            ctx => match effect::global(action) {
                Some(e) => e,
                None if action == Action::FocusOther => self.other_pane(),
                None => match ctx {
                    Context::List => {
                        let e = self.list.update(action, lib, &self.prompt.found(), keys);
                        self.run(e);
                        self.follow_list();
                        self.relayout();
                        return;
                    }
                    Context::Reader => self.reader.update(action, lib, keys),
                    Context::Diff => self.comparison.update(action, lib, keys),
                    _ => Effect::None,
                },
            },
        };
        self.run(effect);
        self.relayout();
    }

    /// Carries out what a pane asked for.
    fn run(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Quit => self.quit = true,
            Effect::Say(m) => self.message = Some(m),
            Effect::Help => self.overlay = Some(Overlay::help(self.context(), &self.config.keys)),
            Effect::ShowSkipped => self.overlay = Some(Overlay::skipped(self.library.store())),
            Effect::Redraw => self.redraw = true,
            Effect::Suspend => self.suspend = true,
            Effect::CloseOverlay => self.overlay = None,
            Effect::Focus(f) => {
                // The list behind a reader at full width comes back beside it.
                if f == Focus::List && self.focus == Focus::Reader {
                    self.reader.unzoom();
                }
                self.focus = f;
            }
            Effect::Open(id) => {
                self.open(id);
                self.focus = Focus::Reader;
            }
            Effect::Read(step) => {
                if self.list.move_by(step)
                    && let Some(id) = self.list.selected_article()
                {
                    self.open(id);
                }
            }
            Effect::Select(step) => {
                self.list.move_by(step);
                self.follow_list();
            }
            Effect::StartSearch => {
                let e = self.prompt.start();
                self.focus = Focus::List;
                self.reader.unzoom();
                self.run(e);
            }
            Effect::ClearSearch => {
                // With no search kept, the same key closes the reader beside
                // the list, as leaving an article does in a mail reader.
                if !self.prompt.kept() && self.reader.reading().is_some() {
                    self.remember_position();
                    self.reader.close();
                    self.focus = Focus::List;
                    return;
                }
                let e = self.prompt.drop_kept();
                self.run(e);
            }
            Effect::Search => self.run_search(),
            Effect::Refresh => self.refresh_rows(),
            Effect::RefreshFromTop => self
                .list
                .refresh_from_top(&self.library, &self.prompt.found()),
            Effect::RefreshResults => self
                .list
                .refresh_results(&self.library, &self.prompt.found()),
            Effect::Toggle(id, change) => self.toggle(id, change),
            Effect::MarkAllRead => self.mark_all_read(),
            Effect::Undo => self.undo(),
            Effect::Compare(id) => {
                let e = self
                    .comparison
                    .compare(id, self.focus, &self.library, &self.config.keys);
                self.run(e);
            }
            Effect::MarkLeft(id) => {
                let e = self.comparison.mark_left(id, &self.config.keys);
                self.run(e);
            }
            Effect::Share(id, action) => self.share(id, action),
            Effect::Start(job) => self.jobs.push(job),
            Effect::Many(effects) => {
                for e in effects {
                    self.run(e);
                }
            }
        }
    }

    /// Between list and reader: the other one, if it has something to show.
    fn other_pane(&self) -> Effect {
        match self.focus {
            Focus::List if self.reader.reading().is_none() => Effect::None,
            Focus::List => Effect::Focus(Focus::Reader),
            Focus::Reader => Effect::Focus(Focus::List),
        }
    }

    /// With the reader beside the list, shows the article selected in the list
    /// (as a preview: it is marked read only when opened).
    fn follow_list(&mut self) {
        let beside = self.layout.list.is_some() && self.layout.reader.is_some();
        if !beside || self.reader.reading().is_none() || self.comparison.view().is_some() {
            return;
        }
        if let Some(id) = self.list.selected_article()
            && self.reader.reading() != Some(id)
        {
            self.remember_position();
            self.reader.open_at(id, self.library.position(id));
        }
    }

    /// Shows an article in the reader where it was left, and marks it read.
    pub fn open(&mut self, id: ArticleId) {
        if self.reader.reading() != Some(id) {
            self.remember_position();
        }
        self.reader.open_at(id, self.library.position(id));
        let unread = self.library.is_live(id) && !self.library.mark(id).read;
        if unread {
            let (_, failed) = self.library.change_mark(id, |m| m.read = true);
            if failed.is_some() {
                self.message = failed;
            }
        }
    }

    /// Keeps where the article being read was left, so that it opens there next
    /// time (called when another opens, and when copydesk ends).
    pub fn remember_position(&mut self) {
        if let Some((id, para)) = self.reader.position()
            && let Some(failed) = self.library.set_position(id, para)
        {
            self.message = Some(failed);
        }
    }

    /// Marks every article in the list read, remembering which were unread.
    fn mark_all_read(&mut self) {
        let unread: Vec<ArticleId> = self
            .list
            .rows()
            .iter()
            .copied()
            .filter(|&id| !self.library.mark(id).read)
            .collect();
        let mut failed = None;
        for &id in &unread {
            failed = failed.or(self.library.change_mark(id, |m| m.read = true).1);
        }
        let n = unread.len();
        let undo = self.config.keys.first_key(Context::List, Action::Undo);
        self.message = failed.or(Some(format!(
            "{} marked read; {undo} undoes it",
            crate::tui::numbers::thousands(n)
        )));
        self.undo = Some(unread);
        if self.list.unread_only() {
            self.refresh_rows();
        }
    }

    /// Marks unread again what the last mark all read marked.
    fn undo(&mut self) {
        let Some(ids) = self.undo.take() else {
            self.message = Some("nothing to undo".to_string());
            return;
        };
        let mut failed = None;
        for &id in &ids {
            failed = failed.or(self.library.change_mark(id, |m| m.read = false).1);
        }
        self.message = failed.or(Some(format!(
            "{} marked unread again",
            crate::tui::numbers::thousands(ids.len())
        )));
        self.refresh_rows();
    }

    fn toggle(&mut self, id: ArticleId, change: MarkChange) {
        let (m, failed) = self.library.change_mark(id, |m| match change {
            MarkChange::Read => m.read = !m.read,
            MarkChange::Star => m.starred = !m.starred,
        });
        let Some(m) = m else {
            return;
        };
        if failed.is_some() {
            self.message = failed;
        }
        let gone = self.list.unread_only() && m.read || self.list.starred_only() && !m.starred;
        if gone && self.focus == Focus::List {
            self.refresh_rows();
        }
    }

    /// Hands article `id` to another program, or its headline, path or URL to
    /// the clipboard.
    fn share(&mut self, id: ArticleId, action: Action) {
        let Some(a) = self.library.article(id) else {
            return;
        };
        let env = |name: &str| std::env::var(name).ok();
        let root = self.library.store().root();
        let open_command = self.config.open_command.as_deref();
        let Some((job, message)) = external::share(action, a, root, open_command, &env) else {
            return;
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

    /// Takes the background work requested since the last call.
    pub fn take_jobs(&mut self) -> Vec<Job> {
        std::mem::take(&mut self.jobs)
    }

    /// Runs the query in the prompt again.
    fn run_search(&mut self) {
        let effect = self.prompt.search(&self.library, self.work.loading());
        self.run(effect);
    }

    /// Builds the list's rows again, the selected article kept selected.
    fn refresh_rows(&mut self) {
        self.list.refresh(&self.library, &self.prompt.found());
    }

    /// Asks for the versions of each story to be found.
    fn find_versions(&mut self) {
        if let Some(run) = self.work.find_versions() {
            self.jobs.push(Job::Versions(run));
        }
    }

    fn announce_skipped(&mut self) {
        let store = self.library.store();
        let (n, w) = (store.skipped().len(), store.warnings().len());
        let mut parts = Vec::new();
        if n > 0 {
            let what = super::overlay::skipped_count(store.skipped());
            parts.push(format!("{what} not loaded"));
        }
        if w > 0 {
            parts.push(format!("{w} with warnings"));
        }
        if !parts.is_empty() {
            let key = self
                .config
                .keys
                .first_key(Context::Global, Action::ShowSkipped);
            self.message = Some(format!("{}; press {key} for details", parts.join(", ")));
        }
    }

    /// The terminal is `width` × `height` cells now.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.screen = Some(Rect::new(0, 0, width, height));
        self.relayout();
    }

    /// Lays the screen out for what is shown now and tells each pane its room.
    fn relayout(&mut self) {
        let Some(area) = self.screen else {
            return;
        };
        self.reader.set_terms(self.prompt.full_text_terms());
        let comparing = self.comparison.view().is_some();
        let shown = Shown {
            // A kept query belongs to the list: the comparison has no line for it.
            searching: self.prompt.editing()
                || self.prompt.shown() && !comparing
                || self.reader.finding(),
            comparing: self.comparison.view().is_some(),
            reading: self.reader.reading().is_some(),
            zoom: self.reader.zoomed(),
            focus: self.focus,
            split: self.config.split,
            overlay_lines: self.overlay.as_ref().map(Overlay::len),
        };
        let layout = Layout::new(area, &shown);
        self.layout = layout;
        let inside = |r: Rect| {
            (
                r.width.saturating_sub(2),
                r.height.saturating_sub(2) as usize,
            )
        };
        if let Some(l) = layout.list {
            self.list.set_height(inside(l).1);
        }
        if let Some(r) = layout.reader {
            let (w, h) = inside(r);
            self.reader.fit(w, h, &self.library);
        }
        if let Some(b) = layout.comparison {
            self.comparison
                .fit(b.width, b.height as usize, self.library.texts());
        }
        if let (Some(o), Some(overlay)) = (layout.overlay, self.overlay.as_mut()) {
            overlay.set_height(inside(o).1);
        }
    }

    /// A left click at `column`, `row`: selects the list row under it, or gives
    /// the keyboard to the pane under it; a second click on the same row soon
    /// after opens it.
    pub fn click(&mut self, column: u16, row: u16, areas: &Areas) {
        self.click_at(column, row, areas, std::time::Instant::now());
    }

    /// A left click at `column`, `row` made at `now` (a double click is two on
    /// one cell within [`DOUBLE_CLICK`]).
    pub fn click_at(&mut self, column: u16, row: u16, areas: &Areas, now: std::time::Instant) {
        if !self.config.mouse {
            return;
        }
        let double = self.last_click.is_some_and(|(t, c, r)| {
            (c, r) == (column, row) && now.saturating_duration_since(t) <= DOUBLE_CLICK
        });
        self.last_click = (!double).then_some((now, column, row));
        if let Some(l) = areas.list.filter(|r| inside(r, column, row)) {
            let target = self.list.scroll().offset() + row.saturating_sub(l.y + 1) as usize;
            if row > l.y && target < self.list.rows().len() {
                self.list.select(target);
                self.focus = Focus::List;
                if double && let Some(id) = self.list.selected_article() {
                    self.run(Effect::Open(id));
                } else {
                    self.follow_list();
                }
            }
        } else if areas.reader.is_some_and(|r| inside(&r, column, row))
            && self.reader.reading().is_some()
        {
            self.focus = Focus::Reader;
        }
        self.relayout();
    }

    /// A turn of the wheel at `column`, `row`: scrolls the comparison, or the
    /// pane under the pointer.
    pub fn wheel(&mut self, down: bool, column: u16, row: u16, areas: &Areas) {
        if !self.config.mouse {
            return;
        }
        let step = if down { WHEEL } else { -WHEEL };
        if let Some(v) = self.comparison.view_mut() {
            v.scroll_mut().by(step);
        } else if areas.reader.is_some_and(|r| inside(&r, column, row))
            && self.reader.text().is_some()
        {
            self.reader.scroll_by(step);
        } else if areas.list.is_some_and(|r| inside(&r, column, row))
            && !self.list.rows().is_empty()
        {
            self.list.move_by(step);
            self.follow_list();
        }
        self.relayout();
    }
}

/// Whether the cell at `column`, `row` is inside `r`.
fn inside(r: &Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}
