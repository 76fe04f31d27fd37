//! Turning the theme into terminal styles, with `NO_COLOR` respected: without
//! colour, the same distinctions are made with bold, underline, reverse and dim.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{self, Theme};

/// The styles the views draw with.
#[derive(Clone, Copy, Debug)]
pub struct Styles {
    /// Headlines in the reader, pane titles.
    pub title: Style,
    /// The focused pane's border.
    pub focused: Style,
    /// Other borders.
    pub border: Style,
    /// The selected row.
    pub selected: Style,
    /// The unread dot.
    pub unread: Style,
    /// The star.
    pub star: Style,
    /// The versions badge.
    pub badge: Style,
    /// Characters a search matched.
    pub matched: Style,
    /// Secondary text.
    pub dim: Style,
    /// Text a version adds.
    pub added: Style,
    /// Text a version drops.
    pub dropped: Style,
    /// Rewritten sentences' gutter.
    pub changed: Style,
    /// Moved sentences' gutter.
    pub moved: Style,
    /// Minor variants.
    pub minor: Style,
    /// Plain text.
    pub plain: Style,
}

fn color(c: config::Color) -> Color {
    match c {
        config::Color::Reset => Color::Reset,
        config::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
        config::Color::Named(i) => [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ][i as usize % 16],
    }
}

impl Styles {
    /// Styles from the theme, or from modifiers only when `no_color`.
    pub fn new(theme: &Theme, no_color: bool) -> Styles {
        let plain = Style::default();
        if no_color {
            let bold = plain.add_modifier(Modifier::BOLD);
            return Styles {
                title: bold,
                focused: bold,
                border: plain,
                selected: plain.add_modifier(Modifier::REVERSED),
                unread: bold,
                star: bold,
                badge: bold,
                matched: bold.add_modifier(Modifier::UNDERLINED),
                dim: plain.add_modifier(Modifier::DIM),
                added: bold.add_modifier(Modifier::UNDERLINED),
                dropped: plain.add_modifier(Modifier::CROSSED_OUT),
                changed: bold,
                moved: bold,
                minor: plain.add_modifier(Modifier::DIM),
                plain,
            };
        }
        let fg = |c| plain.fg(color(c));
        Styles {
            title: fg(theme.accent).add_modifier(Modifier::BOLD),
            focused: fg(theme.accent),
            border: fg(theme.dim),
            selected: plain.bg(color(theme.selected)),
            unread: fg(theme.unread),
            star: fg(theme.star),
            badge: fg(theme.badge),
            matched: fg(theme.matched).add_modifier(Modifier::BOLD),
            dim: fg(theme.dim),
            added: fg(theme.added).add_modifier(Modifier::BOLD),
            dropped: fg(theme.dropped),
            changed: fg(theme.changed),
            moved: fg(theme.moved),
            minor: fg(theme.dim),
            plain,
        }
    }
}
