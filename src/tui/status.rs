//! The status bar: on the left, hints for the keys of the context in front (from
//! the live keymap and the actions the pane accepts, so they always say what the
//! keys do); on the right, the message, the background work, and where you are.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use copydesk_core::text::width;

use super::app::App;
use super::numbers::thousands;
use super::style::Styles;
use crate::config::Context;

/// The hints: the first key of each action worth one, and a key sequence
/// pressed so far.
fn hint_line(app: &App) -> String {
    let ctx = app.context();
    let keys = &app.config.keys;
    let mut parts = Vec::new();
    for (action, label) in app.hints() {
        let k = keys.keys_for(ctx, *action);
        let k = if k.is_empty() {
            keys.keys_for(Context::Global, *action)
        } else {
            k
        };
        if let Some(first) = k.first() {
            parts.push(format!("{first} {label}"));
        }
    }
    if !app.pending().is_empty() || app.count().is_some() {
        let mut typed: Vec<String> = app.count().iter().map(|n| n.to_string()).collect();
        typed.extend(app.pending().iter().map(|c| c.to_string()));
        parts.insert(0, format!("[{}…]", typed.join(" ")));
    }
    parts.join("  ")
}

/// The message, the work going on, and the position in the list or comparison.
fn right_side(app: &App) -> String {
    let mut parts = Vec::new();
    if let Some(w) = &app.warning {
        parts.push(w.clone());
    }
    if let Some(m) = &app.message {
        parts.push(m.clone());
    }
    parts.extend(app.work.status());
    if app.comparison.working() {
        parts.push("comparing…".to_string());
    }
    if app.prompt.busy() {
        parts.push("ranking…".to_string());
    }
    if let Some(v) = app.comparison.view() {
        let s = v.scroll();
        parts.push(format!("{}%", s.end() * 100 / s.len().max(1)));
    } else if !app.list.rows().is_empty() {
        parts.push(format!(
            "{}/{}",
            thousands(app.list.selected() + 1),
            thousands(app.list.rows().len())
        ));
    }
    parts.join("  ")
}

/// Draws the status bar into `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer, styles: &Styles) {
    let left = hint_line(app);
    let right = right_side(app);
    let w = area.width as usize;
    let right_w = width::width(&right).min(w);
    let left = width::fit(&left, w.saturating_sub(right_w + 1));
    Paragraph::new(Line::from(vec![
        Span::styled(left, styles.dim),
        Span::raw(" "),
        Span::raw(width::truncate(&right, right_w)),
    ]))
    .render(area, buf);
}
