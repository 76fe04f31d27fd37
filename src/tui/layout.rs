//! Where everything goes on a screen of a given size: the body (list and reader
//! side by side, one of them alone when zoomed or narrow, or the comparison over
//! both), the search prompt, the status bar and an overlay box. The app lays the
//! screen out whenever its size or what is shown changes, and tells each pane how
//! much room it has; drawing only reads the result.

use ratatui::layout::{Constraint, Layout as Split, Rect};

use super::focus::Focus;

/// The smallest screen the layout works on.
pub const MIN_WIDTH: u16 = 40;
/// The smallest screen height the layout works on.
pub const MIN_HEIGHT: u16 = 8;

/// Below this width only one of list and reader is shown.
const TWO_PANES_MIN: u16 = 80;

/// What is shown, as far as it decides where things go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    /// Whether the search prompt has a line.
    pub searching: bool,
    /// Whether a comparison fills the body.
    pub comparing: bool,
    /// Whether the reader has an article.
    pub reading: bool,
    /// Whether the reader fills the body.
    pub zoom: bool,
    /// The pane with the keyboard.
    pub focus: Focus,
    /// Width of the list pane, percent of the body.
    pub split: u16,
    /// Lines of the overlay, when one is open.
    pub overlay_lines: Option<usize>,
}

/// The screen laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// The whole screen.
    pub area: Rect,
    /// Whether the screen is below the smallest size (only a notice is shown).
    pub too_small: bool,
    /// Everything above the prompt and the status bar.
    pub body: Rect,
    /// The search prompt's line.
    pub prompt: Option<Rect>,
    /// The status bar.
    pub status: Rect,
    /// The list pane.
    pub list: Option<Rect>,
    /// The reader pane.
    pub reader: Option<Rect>,
    /// The comparison.
    pub comparison: Option<Rect>,
    /// The overlay box.
    pub overlay: Option<Rect>,
}

/// Where the panes were drawn, for the mouse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    /// The list pane, if shown.
    pub list: Option<Rect>,
    /// The reader pane, if shown.
    pub reader: Option<Rect>,
}

impl Layout {
    /// Lays out a screen of `area` showing `shown`.
    pub fn new(area: Rect, shown: &Shown) -> Layout {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Layout {
                area,
                too_small: true,
                ..Layout::default()
            };
        }
        let [body, prompt, status] = Split::vertical([
            Constraint::Min(3),
            Constraint::Length(u16::from(shown.searching)),
            Constraint::Length(1),
        ])
        .areas(area);
        let (list, reader) = if shown.comparing {
            (None, None)
        } else {
            panes(body, shown)
        };
        Layout {
            area,
            too_small: false,
            body,
            prompt: shown.searching.then_some(prompt),
            status,
            list,
            reader,
            comparison: shown.comparing.then_some(body),
            overlay: shown.overlay_lines.map(|n| overlay_box(body, n)),
        }
    }

    /// The panes the mouse can point at.
    pub fn areas(&self) -> Areas {
        Areas {
            list: self.list,
            reader: self.reader,
        }
    }
}

/// List and reader side by side, or the one that matters alone when zoomed or
/// narrow.
fn panes(body: Rect, shown: &Shown) -> (Option<Rect>, Option<Rect>) {
    let narrow = body.width < TWO_PANES_MIN;
    let show_reader = shown.reading && (shown.zoom || !narrow || shown.focus == Focus::Reader);
    let show_list = !(shown.zoom && shown.reading || narrow && show_reader);
    match (show_list, show_reader) {
        (true, true) => {
            let [l, r] = Split::horizontal([
                Constraint::Percentage(shown.split),
                Constraint::Percentage(100 - shown.split),
            ])
            .areas(body);
            (Some(l), Some(r))
        }
        (true, false) => (Some(body), None),
        (false, true) => (None, Some(body)),
        (false, false) => (None, None),
    }
}

/// A box of `lines` lines (and a border) centred on the body, as tall as fits.
fn overlay_box(body: Rect, lines: usize) -> Rect {
    let w = body.width.saturating_sub(4).clamp(20, 90).min(body.width);
    let h = u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(body.height.saturating_sub(2))
        .max(3);
    Rect {
        x: body.x + (body.width.saturating_sub(w)) / 2,
        y: body.y + (body.height.saturating_sub(h)) / 2,
        width: w,
        height: h,
    }
}
