//! The comparison pane: the comparison on screen (it fills the body), the article
//! marked as the left side of the next one, the comparison being made in the
//! background, and the pane to go back to. Comparisons of ordinary length are
//! made on the spot; long ones in the background, so that no key waits for one.

mod draw;
mod lines;
mod view;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::library::Texts;
use copydesk_core::article::{Article, ArticleId};
use copydesk_core::export::{self, ExportError};
use copydesk_core::store::Applied;

use super::effect::Effect;
use super::focus::Focus;
use super::job::{CompareRequest, Job};
use super::library::Library;
use super::numbers::thousands;
use super::queue::Latest;
use super::style::Styles;
use crate::config::{Action, Context, Keymap};

pub use lines::{Cell, DiffLayout, DiffLine, FOLD_MIN, Paint, SIDE_BY_SIDE_MIN, is_change};
pub use view::ComparisonView;

/// Comparisons of at most this many words (both sides together) are made on the
/// spot, in well under a frame; longer ones in the background.
const COMPARE_NOW_WORDS: u32 = 20_000;

/// Width a comparison is laid out for before the view has been drawn.
const DEFAULT_WIDTH: u16 = 120;

/// The comparison pane.
#[derive(Default)]
pub struct ComparisonPane {
    view: Option<ComparisonView>,
    marked: Option<ArticleId>,
    latest: Latest,
    back: Focus,
}

impl ComparisonPane {
    /// Actions worth a hint in the status bar while a comparison is open.
    pub const HINTS: &'static [(Action, &'static str)] = &[
        (Action::NextChange, "next change"),
        (Action::PrevChange, "previous"),
        (Action::ToggleFold, "fold"),
        (Action::SwapSides, "swap"),
        (Action::NextVersion, "other version"),
        (Action::Back, "back"),
        (Action::Help, "help"),
    ];

    /// The open comparison.
    pub fn view(&self) -> Option<&ComparisonView> {
        self.view.as_ref()
    }

    /// The open comparison, to change.
    pub fn view_mut(&mut self) -> Option<&mut ComparisonView> {
        self.view.as_mut()
    }

    /// The article marked as the left side of the next comparison.
    pub fn marked(&self) -> Option<ArticleId> {
        self.marked
    }

    /// Whether a comparison is being made in the background.
    pub fn working(&self) -> bool {
        self.latest.waiting()
    }

    /// Marks `id` as the left side of the next comparison, or unmarks it.
    pub fn mark_left(&mut self, id: ArticleId, keys: &Keymap) -> Effect {
        if self.marked == Some(id) {
            self.marked = None;
            return Effect::Say("unmarked".to_string());
        }
        self.marked = Some(id);
        let key = keys.first_key(Context::List, Action::Compare);
        Effect::Say(format!(
            "marked as the left side: select another article and press {key}"
        ))
    }

    /// A change to the folder replaced the marked article: the mark follows.
    pub fn follow(&mut self, applied: &Applied) {
        if let Some(new) = self.marked.and_then(|m| applied.replacement(m)) {
            self.marked = Some(new);
        }
    }

    /// Compares `id` with the marked article, or else with its closest other
    /// version; `back` is the pane to return to.
    pub fn compare(&mut self, id: ArticleId, back: Focus, lib: &Library, keys: &Keymap) -> Effect {
        let store = lib.texts();
        let mark_key = keys.first_key(Context::List, Action::MarkLeft);
        let (left, right) = match self.marked {
            Some(m) if m != id && store.get(m).is_some() => (m, id),
            _ => {
                let Some(clusters) = lib.clusters() else {
                    return Effect::Say(format!(
                        "still finding the versions of each story; meanwhile {mark_key} marks an article to compare by hand"
                    ));
                };
                let Some(other) = clusters.closest(id) else {
                    return Effect::Say(format!(
                        "no other version of this story; {mark_key} marks an article to compare with any other"
                    ));
                };
                order(store, id, other)
            }
        };
        let versions: Vec<ArticleId> = lib
            .clusters()
            .and_then(|c| c.cluster_of(left).or_else(|| c.cluster_of(right)))
            .map(|c| c.members.iter().copied().filter(|&m| m != left).collect())
            .unwrap_or_default();
        let from_mark = self.marked.take().is_some();
        let request = CompareRequest {
            left,
            right,
            versions,
            folded: false,
            width: self
                .view
                .as_ref()
                .map_or(DEFAULT_WIDTH, |d| d.layout().width),
        };
        self.back = back;
        let message = if from_mark {
            "comparing with the marked article"
        } else {
            ""
        };
        self.open(request, message, lib, keys)
    }

    /// Opens the comparison `request` asks for: at once if the articles are of
    /// ordinary length, else in the background (the view opens when it is done).
    fn open(
        &mut self,
        request: CompareRequest,
        message: &str,
        lib: &Library,
        keys: &Keymap,
    ) -> Effect {
        let words: u32 = [request.left, request.right]
            .iter()
            .filter_map(|&id| lib.article(id))
            .map(|a| a.words)
            .sum();
        let generation = self.latest.ask();
        if words <= COMPARE_NOW_WORDS {
            return match ComparisonView::new(lib.texts(), &request) {
                Ok(v) => self.show(v, message, keys),
                Err(why) => Effect::Say(why),
            };
        }
        self.latest.wait();
        Effect::Say(format!(
            "comparing {} words in the background…",
            thousands(words as usize)
        ))
        .then(Effect::Start(Job::Compare {
            generation,
            request,
            message: message.to_string(),
        }))
    }

    /// Takes a comparison made in the background, if it is the one waited for.
    pub fn answer(
        &mut self,
        generation: u64,
        view: Result<Box<ComparisonView>, String>,
        message: &str,
        keys: &Keymap,
    ) -> Effect {
        if !self.latest.take(generation) {
            return Effect::None;
        }
        match view {
            Ok(v) => self.show(*v, message, keys),
            Err(why) => Effect::Say(why),
        }
    }

    fn show(&mut self, view: ComparisonView, message: &str, keys: &Keymap) -> Effect {
        let changes = view.changes().len();
        let next = keys.first_key(Context::Diff, Action::NextChange);
        let count = match changes {
            0 => "no changes".to_string(),
            1 => format!("1 change, {next} jumps to it"),
            n => format!("{n} changes, {next} jumps to the next"),
        };
        self.view = Some(view);
        Effect::Say(if message.is_empty() {
            count
        } else {
            format!("{message}: {count}")
        })
    }

    /// Handles an action while the comparison is open.
    pub fn update(&mut self, action: Action, lib: &Library, keys: &Keymap) -> Effect {
        let Some(v) = self.view.as_mut() else {
            return Effect::None;
        };
        let scroll = v.scroll_mut();
        match action {
            Action::MoveDown => scroll.by(1),
            Action::MoveUp => scroll.by(-1),
            Action::PageDown => scroll.page(true),
            Action::PageUp => scroll.page(false),
            Action::HalfPageDown => scroll.half_page(true),
            Action::HalfPageUp => scroll.half_page(false),
            Action::First => scroll.first(),
            Action::Last => scroll.last(),
            Action::NextChange | Action::PrevChange => {
                return Effect::Say(match v.jump(action == Action::NextChange) {
                    Ok(row) => {
                        let changes = v.changes();
                        let i = changes.iter().position(|&r| r == row).unwrap_or(0);
                        format!("change {} of {}", i + 1, changes.len())
                    }
                    Err(e) => e.to_string(),
                });
            }
            Action::SwapSides => {
                let request = v.swapped();
                return self.open(request, "sides swapped", lib, keys);
            }
            Action::ToggleFold => {
                v.toggle_fold();
                return Effect::Say(
                    if v.folded() {
                        "unchanged runs folded"
                    } else {
                        "unchanged runs shown"
                    }
                    .to_string(),
                );
            }
            Action::NextVersion | Action::PrevVersion => {
                return match v.cycled(action == Action::NextVersion) {
                    Ok(request) => {
                        let message =
                            match request.versions.iter().position(|&x| x == request.right) {
                                Some(i) => format!(
                                    "right side: version {} of {}",
                                    i + 1,
                                    request.versions.len()
                                ),
                                None => "right side changed".to_string(),
                            };
                        self.open(request, &message, lib, keys)
                    }
                    Err(e) => Effect::Say(e.to_string()),
                };
            }
            Action::ExportHtml => return Effect::Say(export_html(v, lib)),
            Action::Back => {
                self.view = None;
                // A comparison still being made is not wanted any more.
                self.latest.cancel();
                return Effect::Focus(self.back);
            }
            _ => {}
        }
        Effect::None
    }

    /// Lays the open comparison out for a body of `width` × `height` cells.
    pub fn fit(&mut self, width: u16, height: usize, store: &Texts) {
        let Some(v) = self.view.as_mut() else {
            return;
        };
        v.fit(width);
        let header = draw::header_height(v, store);
        v.set_height(height.saturating_sub(header));
        v.fit(width);
    }

    /// Draws the open comparison into `area`.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, store: &Texts, styles: &Styles) {
        if let Some(v) = &self.view {
            draw::draw(v, area, buf, store, styles);
        }
    }
}

/// Writes the comparison as an HTML page into the export folder; what happened.
fn export_html(v: &ComparisonView, lib: &Library) -> String {
    let Some(folder) = lib.export_folder() else {
        return ExportError::NoFolder.to_string();
    };
    match export::write_html(&v.comparison, &folder, lib.store().root()) {
        Ok(path) => format!("comparison written to {}", path.display()),
        Err(e) => e.to_string(),
    }
}

/// Which of two versions goes on the left: the older when both dates are
/// known and differ, else the shorter, so that the right side is the one
/// that (usually) adds.
fn order(store: &Texts, a: ArticleId, b: ArticleId) -> (ArticleId, ArticleId) {
    let (Some(x), Some(y)) = (store.get(a), store.get(b)) else {
        return (a, b);
    };
    let key = |v: &Article| (v.words, v.id);
    let a_first = match (x.date, y.date) {
        (Some(dx), Some(dy)) if dx != dy => dx < dy,
        _ => key(x) < key(y),
    };
    if a_first { (a, b) } else { (b, a) }
}
