//! The reader pane: the article being read, laid out for the pane's width, the
//! window onto its lines, whether it fills the screen, and what only this version
//! of its story says when that is highlighted.

mod text;

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use copydesk_core::article::{Article, ArticleId};
use copydesk_core::store::Applied;
use copydesk_core::text::width;
use copydesk_core::unique::{Unique, unique_content};

use super::effect::{Effect, MarkChange};
use super::focus::Focus;
use super::library::Library;
use super::numbers::thousands;
use super::scroll::Scroll;
use super::style::Styles;
use crate::config::{Action, Context, Keymap};

pub use text::{Kind, ReaderLine, ReaderText};

/// Lines the reader shows before it knows its height.
const HEIGHT_BEFORE_LAYOUT: usize = 20;

/// Unique content is found on the spot when the comparisons it takes hold at
/// most this many words in all (about a quarter of a second); beyond, the reader
/// says the story is too long for it.
const UNIQUE_NOW_WORDS: u64 = 100_000;

/// What became of the article being read after a change to the folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Followed {
    /// It is still there (or nothing was being read).
    Kept,
    /// Its file changed: the reader shows the new text.
    Replaced,
    /// Its file is gone: the reader is empty.
    Closed,
}

/// The reader pane.
pub struct ReaderPane {
    reading: Option<ArticleId>,
    text: Option<ReaderText>,
    scroll: Scroll,
    zoom: bool,
    unique: bool,
    unique_of: Option<(ArticleId, Arc<Unique>)>,
    /// How far tables and code are scrolled sideways, in cells.
    hscroll: usize,
    /// The paragraph to show at the top when the article is first laid out.
    resume: usize,
    /// The paragraph the article was reopened at, until it is scrolled: where it
    /// was left stays where it was left, even when a taller pane cannot show it
    /// at the top.
    reopened_at: Option<usize>,
}

/// Cells a table moves sideways per key.
const SIDEWAYS_STEP: usize = 8;

impl Default for ReaderPane {
    fn default() -> Self {
        ReaderPane::new()
    }
}

impl ReaderPane {
    /// Actions worth a hint in the status bar while the reader has the keyboard.
    pub const HINTS: &'static [(Action, &'static str)] = &[
        (Action::PageDown, "page"),
        (Action::NextArticle, "next"),
        (Action::Compare, "compare"),
        (Action::HighlightUnique, "unique"),
        (Action::Back, "back"),
        (Action::Help, "help"),
    ];

    /// An empty reader.
    pub fn new() -> ReaderPane {
        ReaderPane {
            reading: None,
            text: None,
            scroll: Scroll::text(HEIGHT_BEFORE_LAYOUT),
            zoom: false,
            unique: false,
            unique_of: None,
            hscroll: 0,
            resume: 0,
            reopened_at: None,
        }
    }

    /// The article being read.
    pub fn reading(&self) -> Option<ArticleId> {
        self.reading
    }

    /// The article laid out for the pane, once the pane has a width.
    pub fn text(&self) -> Option<&ReaderText> {
        self.text.as_ref()
    }

    /// The window onto the lines.
    pub fn scroll(&self) -> &Scroll {
        &self.scroll
    }

    /// Whether the reader fills the screen.
    pub fn zoomed(&self) -> bool {
        self.zoom
    }

    /// Whether what only this version says is highlighted.
    pub fn highlights_unique(&self) -> bool {
        self.unique
    }

    /// Shows article `id` (from its top, if it is another article).
    pub fn open(&mut self, id: ArticleId) {
        self.open_at(id, 0);
    }

    /// Shows article `id`, another article from paragraph `para` on (where it was
    /// left); the one being read stays where it is.
    pub fn open_at(&mut self, id: ArticleId, para: usize) {
        if self.reading != Some(id) {
            self.reading = Some(id);
            self.resume = para;
            self.reopened_at = None;
            self.set_text(None);
        }
    }

    /// The article being read and the paragraph at the top of the pane, once it
    /// is laid out.
    pub fn position(&self) -> Option<(ArticleId, usize)> {
        let t = self.text.as_ref().filter(|t| Some(t.id) == self.reading)?;
        if let Some(para) = self.reopened_at {
            return Some((t.id, para));
        }
        let para = t.lines.get(self.scroll.offset()).map_or(0, |l| l.para);
        Some((t.id, para))
    }

    /// Scrolls by `n` lines.
    pub fn scroll_by(&mut self, n: isize) {
        self.reopened_at = None;
        self.scroll.by(n);
    }

    /// Leaves full screen (for the search prompt).
    pub fn unzoom(&mut self) {
        self.zoom = false;
    }

    fn set_text(&mut self, text: Option<ReaderText>) {
        if text.as_ref().map(|t| t.id) != self.text.as_ref().map(|t| t.id) {
            self.hscroll = 0;
        }
        self.scroll
            .set_len(text.as_ref().map_or(0, |t| t.lines.len()));
        self.text = text;
    }

    /// Lays the article out for a pane of `width` × `height` cells inside its
    /// border, keeping the paragraph at the top of the pane when the width changes.
    pub fn fit(&mut self, width: u16, height: usize, lib: &Library) {
        let Some(id) = self.reading else {
            self.scroll.set_height(height);
            return;
        };
        let stale = self
            .text
            .as_ref()
            .is_none_or(|t| t.id != id || t.width != width);
        let para = self
            .text
            .as_ref()
            .filter(|t| stale && t.id == id)
            .and_then(|t| t.lines.get(self.scroll.offset()))
            .map_or(self.resume, |l| l.para);
        self.scroll.set_height(height);
        if !stale {
            return;
        }
        let unique = if self.unique {
            self.unique_for(id, lib)
        } else {
            None
        };
        if let Some(a) = lib.store().get(id) {
            let mut text = ReaderText::build(a, width, unique.as_deref());
            let related: Vec<String> = lib
                .clusters()
                .map(|c| c.related(id))
                .unwrap_or_default()
                .into_iter()
                .filter_map(|r| lib.store().get(r))
                .take(5)
                .map(|r| format!("{} — {}", r.title, r.location))
                .collect();
            text.also_see(&related);
            let top = if para == 0 {
                0
            } else {
                text.line_of_para(para)
            };
            self.set_text(Some(text));
            self.scroll.set_offset(top);
            if self.resume > 0 {
                self.reopened_at = Some(self.resume);
            }
            self.resume = 0;
        }
    }

    /// Follows the article being read through a change to the folder.
    pub fn follow(&mut self, applied: &Applied, lib: &Library) -> Followed {
        // What only one version says is worked out again when next needed.
        self.unique_of = None;
        if let Some(new) = self.reading.and_then(|r| applied.replacement(r)) {
            self.reading = Some(new);
            self.set_text(None);
            return Followed::Replaced;
        }
        if self.reading.is_some_and(|r| !lib.store().is_live(r)) {
            self.reading = None;
            self.set_text(None);
            return Followed::Closed;
        }
        Followed::Kept
    }

    /// Handles an action while the reader has the keyboard.
    pub fn update(&mut self, action: Action, lib: &Library, keys: &Keymap) -> Effect {
        let reading = self.reading;
        if matches!(
            action,
            Action::MoveDown
                | Action::MoveUp
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::First
                | Action::Last
        ) {
            self.reopened_at = None;
        }
        let on_reading = |f: fn(ArticleId) -> Effect| reading.map_or(Effect::None, f);
        match action {
            Action::MoveDown => self.scroll.by(1),
            Action::MoveUp => self.scroll.by(-1),
            Action::PageDown => self.scroll.page(true),
            Action::PageUp => self.scroll.page(false),
            Action::HalfPageDown => self.scroll.half_page(true),
            Action::HalfPageUp => self.scroll.half_page(false),
            Action::First => self.scroll.first(),
            Action::Last => self.scroll.last(),
            Action::NextArticle => return Effect::Read(1),
            Action::PrevArticle => return Effect::Read(-1),
            Action::Zoom => self.zoom = !self.zoom,
            Action::ToggleRead => return on_reading(|id| Effect::Toggle(id, MarkChange::Read)),
            Action::ToggleStar => return on_reading(|id| Effect::Toggle(id, MarkChange::Star)),
            Action::Search => return Effect::StartSearch,
            Action::Back => {
                self.zoom = false;
                return Effect::Focus(Focus::List);
            }
            Action::Compare => return on_reading(Effect::Compare),
            Action::MarkLeft => return on_reading(Effect::MarkLeft),
            Action::HighlightUnique => return Effect::Say(self.toggle_unique(lib, keys)),
            Action::ScrollLeft => self.sideways(-(SIDEWAYS_STEP as isize)),
            Action::ScrollRight => self.sideways(SIDEWAYS_STEP as isize),
            a if a.shares() => return reading.map_or(Effect::None, |id| Effect::Share(id, a)),
            _ => {}
        }
        Effect::None
    }

    /// The unique content of `id` within its story, worked out once per article;
    /// none when it has no other versions or they are too long to set against it
    /// here.
    pub fn unique_for(&mut self, id: ArticleId, lib: &Library) -> Option<Arc<Unique>> {
        if let Some((cached, u)) = &self.unique_of
            && *cached == id
        {
            return Some(u.clone());
        }
        let c = lib.clusters()?.cluster_of(id)?;
        let store = lib.store();
        let a = store.get(id)?;
        let others: Vec<&Article> = c
            .members
            .iter()
            .filter(|&&m| m != id)
            .filter_map(|&m| store.get(m))
            .collect();
        let work: u64 = others.iter().map(|o| u64::from(o.words + a.words)).sum();
        if work > UNIQUE_NOW_WORDS {
            return None;
        }
        let u = Arc::new(unique_content(a, &others));
        self.unique_of = Some((id, u.clone()));
        Some(u)
    }

    /// Turns the highlighting on or off; says what it found.
    fn toggle_unique(&mut self, lib: &Library, keys: &Keymap) -> String {
        self.unique = !self.unique;
        self.set_text(None);
        if !self.unique {
            return "unique content no longer highlighted".to_string();
        }
        if let Some(u) = self.reading.and_then(|id| self.unique_for(id, lib)) {
            return format!(
                "{} word{} here and in no other version (of {})",
                u.words,
                if u.words == 1 { "" } else { "s" },
                u.against + 1
            );
        }
        self.unique = false;
        let in_story = self
            .reading
            .is_some_and(|id| lib.clusters().is_some_and(|c| c.cluster_of(id).is_some()));
        if in_story {
            let key = keys.first_key(Context::Reader, Action::Compare);
            format!(
                "this story's versions are too long to set against each other here; {key} compares two of them"
            )
        } else {
            "this article has no other versions to set it against".to_string()
        }
    }

    /// The border title: how far in, and how much only this version says.
    fn title(&self) -> String {
        let Some(t) = &self.text else {
            return String::new();
        };
        let total = t.lines.len().max(1);
        let unique = match (&self.unique_of, self.unique) {
            (Some((id, u)), true) if *id == t.id => {
                format!(" · {} words only here", thousands(u.words))
            }
            _ => String::new(),
        };
        let wide = if t.widest_pre > t.width as usize {
            " · wide table: < >"
        } else {
            ""
        };
        format!(
            " reading · {}%{unique}{wide} ",
            self.scroll.end() * 100 / total
        )
    }

    /// Moves the window onto tables and code sideways by `by` cells, within the
    /// widest of their lines.
    fn sideways(&mut self, by: isize) {
        let (widest, width) = self
            .text
            .as_ref()
            .map_or((0, 0), |t| (t.widest_pre, t.width as usize));
        let max = widest.saturating_sub(width);
        self.hscroll = self.hscroll.saturating_add_signed(by).min(max);
    }

    /// How far tables and code are scrolled sideways, in cells.
    pub fn sideways_offset(&self) -> usize {
        self.hscroll
    }

    /// Draws the reader into `area`.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, s: &Styles, focused: bool) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused { s.focused } else { s.border })
            .title(Span::styled(self.title(), s.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(text) = &self.text else {
            Paragraph::new(Line::styled(
                "Select an article and press enter to read it.",
                s.dim,
            ))
            .render(inner, buf);
            return;
        };
        let lines: Vec<Line> = text
            .lines
            .iter()
            .skip(self.scroll.offset())
            .take(inner.height as usize)
            .map(|l| line(l, s, inner.width as usize, self.hscroll))
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

/// One laid-out line in its style, highlights included when it fits; a table or
/// code line seen through the window `hscroll` cells in.
fn line<'l>(l: &'l ReaderLine, s: &Styles, w: usize, hscroll: usize) -> Line<'l> {
    let style = match l.kind {
        Kind::Title => s.title,
        Kind::Meta | Kind::Credit => s.dim,
        Kind::Body | Kind::Blank | Kind::Pre => Style::default(),
    };
    if l.kind == Kind::Pre {
        return Line::styled(width::window(&l.text, hscroll, w), style);
    }
    if !l.marked.is_empty() && width::width(&l.text) <= w {
        let mut spans = Vec::new();
        let mut at = 0;
        for r in &l.marked {
            spans.push(Span::styled(&l.text[at..r.start], style));
            spans.push(Span::styled(&l.text[r.clone()], s.added));
            at = r.end;
        }
        spans.push(Span::styled(&l.text[at..], style));
        return Line::from(spans);
    }
    Line::styled(width::truncate(&l.text, w), style)
}
