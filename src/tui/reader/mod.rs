//! The reader pane: the article being read, laid out for the pane's width, the
//! window onto its lines, whether it fills the screen, and what only this version
//! of its story says when that is highlighted.

mod find;
mod text;

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use copydesk_core::article::{Article, ArticleId};
use copydesk_core::store::Applied;
use copydesk_core::text::width;
use copydesk_core::unique::{Unique, unique_content};

use super::effect::{Effect, MarkChange};
use super::focus::Focus;
use super::library::Library;
use super::line::Edited;
use super::numbers::thousands;
use super::scroll::Scroll;
use super::style::Styles;
use crate::config::{Action, Context, Keymap};

pub use find::Find;
pub use text::{Kind, ReaderLine, ReaderText};

pub use crate::config::Align;

/// Lines left above a hit brought on screen, so that it is read in context.
const ABOVE_HIT: usize = 2;

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
    /// The search inside the article.
    find: Find,
    /// The widest the text is set, in cells (0: the pane's width).
    max_width: u16,
    /// Where the text sits when the pane is wider than that.
    align: Align,
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
        (Action::Find, "find"),
        (Action::NextArticle, "next"),
        (Action::Compare, "compare"),
        (Action::HighlightUnique, "unique"),
        (Action::Back, "back"),
        (Action::Help, "help"),
    ];

    /// Actions worth a hint while the line after `/` has the keyboard.
    pub const FIND_HINTS: &'static [(Action, &'static str)] = &[
        (Action::Accept, "keep"),
        (Action::Cancel, "clear"),
        (Action::MoveDown, "next hit"),
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
            find: Find::default(),
            max_width: 80,
            align: Align::Centre,
        }
    }

    /// Sets the text no wider than `max_width` cells (0: as wide as the pane),
    /// placed by `align` in a wider pane.
    pub fn set_measure(&mut self, max_width: u16, align: Align) {
        self.max_width = max_width;
        self.align = align;
        self.set_text(None);
    }

    /// The search inside the article.
    pub fn find(&self) -> &Find {
        &self.find
    }

    /// Whether the line after `/` has the keyboard.
    pub fn finding(&self) -> bool {
        self.find.editing
    }

    /// Words of the list's full-text search, to highlight in the body.
    pub fn set_terms(&mut self, terms: Vec<String>) {
        if terms != self.find.terms {
            self.find.terms = terms;
            self.find.refresh(self.text.as_ref());
        }
    }

    /// Starts a search inside the article: a fresh line (the last one in its
    /// history).
    fn start_find(&mut self) -> Effect {
        if self.text.is_none() {
            return Effect::None;
        }
        let old = self.find.line.text().to_string();
        self.find.line.remember(&old);
        self.find.line.clear();
        self.find.editing = true;
        self.find.refresh(self.text.as_ref());
        Effect::None
    }

    /// A character typed after `/`: the nearest hit comes on screen at once.
    pub fn find_type(&mut self, c: char) -> Effect {
        self.find.line.insert(c);
        self.find_again();
        Effect::None
    }

    /// Searches the article for the line as it is now, from the top of the pane.
    fn find_again(&mut self) {
        self.find.current = None;
        self.find.refresh(self.text.as_ref());
        let to = self.find.first_from(self.scroll.offset());
        self.go_to_hit(to);
    }

    /// Handles an action while the line after `/` has the keyboard.
    pub fn find_update(&mut self, action: Action) -> Effect {
        match action {
            Action::Accept => {
                self.find.editing = false;
                let text = self.find.line.text().to_string();
                self.find.line.remember(&text);
                if !text.is_empty() && self.find.hits.is_empty() {
                    return Effect::Say(format!("not found in this article: {text}"));
                }
                Effect::None
            }
            Action::Cancel => {
                self.find.editing = false;
                self.find.line.clear();
                self.find.refresh(self.text.as_ref());
                Effect::None
            }
            Action::Quit => Effect::Quit,
            Action::Help => Effect::Help,
            Action::MoveDown => self.next_hit(1),
            Action::MoveUp => self.next_hit(-1),
            a => {
                if self.find.line.edit(a) == Edited::Text {
                    self.find_again();
                }
                Effect::None
            }
        }
    }

    /// Goes `by` hits on (back when negative), round the ends.
    fn next_hit(&mut self, by: isize) -> Effect {
        if self.find.line.text().is_empty() {
            return Effect::Say("nothing searched for in this article: press / first".to_string());
        }
        let to = self.find.step(by, self.scroll.offset());
        self.go_to_hit(to);
        if to.is_none() {
            return Effect::Say(format!(
                "not found in this article: {}",
                self.find.line.text()
            ));
        }
        Effect::None
    }

    /// Makes hit `to` the current one and brings it on screen.
    fn go_to_hit(&mut self, to: Option<usize>) {
        self.find.current = to;
        let Some((line, _)) = to.and_then(|i| self.find.hits.get(i)) else {
            return;
        };
        let line = *line;
        if !self.scroll.shows(line) || line + 1 >= self.scroll.end() {
            self.reopened_at = None;
            self.scroll.set_offset(line.saturating_sub(ABOVE_HIT));
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
            self.find.current = None;
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

    /// Stops reading: the list takes the whole width again.
    pub fn close(&mut self) {
        self.zoom = false;
        self.reading = None;
        self.set_text(None);
    }

    fn set_text(&mut self, text: Option<ReaderText>) {
        if text.as_ref().map(|t| t.id) != self.text.as_ref().map(|t| t.id) {
            self.hscroll = 0;
        }
        self.scroll
            .set_len(text.as_ref().map_or(0, |t| t.lines.len()));
        self.text = text;
        self.find.refresh(self.text.as_ref());
    }

    /// Lays the article out for a pane of `width` × `height` cells inside its
    /// border, keeping the paragraph at the top of the pane when the width changes.
    pub fn fit(&mut self, width: u16, height: usize, lib: &Library) {
        let Some(id) = self.reading else {
            self.scroll.set_height(height);
            return;
        };
        let width = self.measure(width);
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
        if let Some(a) = lib.article(id) {
            let mut text = ReaderText::build(a, width, unique.as_deref());
            let related: Vec<String> = lib
                .clusters()
                .map(|c| c.related(id))
                .unwrap_or_default()
                .into_iter()
                .filter_map(|r| lib.article(r))
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

    /// How wide the text is set in a pane `width` cells wide.
    fn measure(&self, width: u16) -> u16 {
        match self.max_width {
            0 => width,
            m => width.min(m),
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
        if self.reading.is_some_and(|r| !lib.is_live(r)) {
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
            Action::Find => return self.start_find(),
            Action::FindNext => return self.next_hit(1),
            Action::FindPrev => return self.next_hit(-1),
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
        let a = lib.article(id)?;
        let others: Vec<&Article> = c
            .members
            .iter()
            .filter(|&&m| m != id)
            .filter_map(|&m| lib.article(m))
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
        let found = self
            .find
            .status()
            .map(|f| format!(" · {f}"))
            .unwrap_or_default();
        format!(
            " reading · {}%{found}{unique}{wide} ",
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
            // An article asked for is laid out once it can be read (at once,
            // or when a folder that is still being listed is).
            let say = match self.reading {
                Some(_) => "Opening the article…",
                None => "Select an article and press enter to read it.",
            };
            Paragraph::new(Line::styled(say, s.dim)).render(inner, buf);
            return;
        };
        // The text column: the measure, centred or at the left of the pane.
        let column = text.width.min(inner.width);
        let indent = match self.align {
            Align::Centre => (inner.width - column) / 2,
            Align::Left => 0,
        };
        let area = Rect {
            x: inner.x + indent,
            width: inner.width - indent,
            ..inner
        };
        let lines: Vec<Line> = text
            .lines
            .iter()
            .enumerate()
            .skip(self.scroll.offset())
            .take(inner.height as usize)
            .map(|(i, l)| {
                let hits = self.find.on_line(i);
                let w = if l.kind == Kind::Pre {
                    area.width
                } else {
                    column
                };
                line(l, &hits, s, w as usize, self.hscroll)
            })
            .collect();
        Paragraph::new(lines).render(area, buf);
    }

    /// Draws the line after `/` into the prompt's row.
    pub fn draw_find(&self, area: Rect, buf: &mut Buffer, styles: &Styles) {
        let mut spans = vec![Span::styled("/", styles.title)];
        spans.extend(super::prompt::edited_spans(
            &self.find.line,
            self.find.editing,
            styles,
        ));
        spans.push(Span::styled("  [in this article]", styles.dim));
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

/// One laid-out line in its style, highlights included when it fits; a table or
/// code line seen through the window `hscroll` cells in.
fn line<'l>(
    l: &'l ReaderLine,
    hits: &[(std::ops::Range<usize>, bool, bool)],
    s: &Styles,
    w: usize,
    hscroll: usize,
) -> Line<'l> {
    let style = match l.kind {
        Kind::Title => s.title,
        Kind::Meta | Kind::Credit => s.dim,
        Kind::Body | Kind::Blank | Kind::Pre => Style::default(),
    };
    if l.kind == Kind::Pre && (hits.is_empty() || hscroll > 0 || width::width(&l.text) > w) {
        return Line::styled(width::window(&l.text, hscroll, w), style);
    }
    if width::width(&l.text) > w {
        return Line::styled(width::truncate(&l.text, w), style);
    }
    // Hits of a search first; what only this version says where no hit is.
    let mut marks: Vec<(std::ops::Range<usize>, Style)> = hits
        .iter()
        .map(|(r, current, found)| {
            let st = match (current, found) {
                (true, _) => s.matched.add_modifier(Modifier::REVERSED),
                (false, true) => s.matched.add_modifier(Modifier::UNDERLINED),
                (false, false) => s.matched,
            };
            (r.clone(), st)
        })
        .collect();
    for r in &l.marked {
        if !marks
            .iter()
            .any(|(o, _)| o.start < r.end && r.start < o.end)
        {
            marks.push((r.clone(), s.added));
        }
    }
    if marks.is_empty() {
        return Line::styled(l.text.as_str(), style);
    }
    marks.sort_by_key(|(r, _)| r.start);
    let mut spans = Vec::new();
    let mut at = 0;
    for (r, st) in marks {
        if r.start > at {
            spans.push(Span::styled(&l.text[at..r.start], style));
        }
        spans.push(Span::styled(&l.text[r.clone()], st));
        at = r.end;
    }
    spans.push(Span::styled(&l.text[at..], style));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pane's text, drawn 40 by 5.
    fn drawn(pane: &ReaderPane) -> String {
        let area = Rect::new(0, 0, 40, 5);
        let mut buf = Buffer::empty(area);
        let styles = Styles::new(&crate::config::Theme::default(), true);
        pane.draw(area, &mut buf, &styles, true);
        buf.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn an_article_asked_for_and_not_yet_read_says_so() {
        let mut pane = ReaderPane::new();
        assert!(drawn(&pane).contains("Select an article"));
        pane.open(3);
        assert!(drawn(&pane).contains("Opening the article"));
    }
}
