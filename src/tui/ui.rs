//! Laying out the screen and drawing every view from the app's state. Status-bar
//! hints and the help overlay come from the live keymap, so they always say what
//! the keys do.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::config::{Action, Context};
use copydesk_core::text::width;

use super::app::{App, Focus, Overlay};
use super::list::ListView;
use super::reader::{ReaderText, ReaderView};
use super::style::Styles;

/// The smallest screen the layout works on.
pub const MIN_WIDTH: u16 = 40;
/// The smallest screen height the layout works on.
pub const MIN_HEIGHT: u16 = 8;

/// Where the panes were drawn, for the mouse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    /// The list pane, if shown.
    pub list: Option<Rect>,
    /// The reader pane, if shown.
    pub reader: Option<Rect>,
}

/// Actions worth a hint in the status bar, per context, with a short label.
fn hints(ctx: Context) -> &'static [(Action, &'static str)] {
    match ctx {
        Context::List => &[
            (Action::MoveDown, "down"),
            (Action::Open, "read"),
            (Action::Search, "search"),
            (Action::Compare, "compare"),
            (Action::ToggleStories, "stories"),
            (Action::CycleSort, "sort"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Context::Reader => &[
            (Action::PageDown, "page"),
            (Action::NextArticle, "next"),
            (Action::Compare, "compare"),
            (Action::HighlightUnique, "unique"),
            (Action::Back, "back"),
            (Action::Help, "help"),
        ],
        Context::Search => &[
            (Action::Accept, "keep"),
            (Action::Cancel, "clear"),
            (Action::ToggleFullText, "full text"),
        ],
        Context::Help => &[(Action::Close, "close"), (Action::MoveDown, "scroll")],
        Context::Diff => &[
            (Action::NextChange, "next change"),
            (Action::PrevChange, "previous"),
            (Action::ToggleFold, "fold"),
            (Action::SwapSides, "swap"),
            (Action::NextVersion, "other version"),
            (Action::Back, "back"),
            (Action::Help, "help"),
        ],
        Context::Global => &[],
    }
}

fn hint_line(app: &App) -> String {
    let ctx = app.context();
    let keys = &app.config.keys;
    let mut parts = Vec::new();
    for (action, label) in hints(ctx) {
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
    if !app.pending.is_empty() {
        let typed: Vec<String> = app.pending.iter().map(|c| c.to_string()).collect();
        parts.insert(0, format!("[{}…]", typed.join(" ")));
    }
    parts.join("  ")
}

/// `12345` as `12,345`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A ten-cell bar for a percentage.
fn gauge(pct: usize) -> String {
    let full = (pct.min(100) + 5) / 10;
    format!("{}{}", "█".repeat(full), "░".repeat(10 - full))
}

fn status_right(app: &App) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &app.message {
        parts.push(m.clone());
    }
    if let Some(p) = app.loading {
        if p.walking || p.files_total == 0 {
            parts.push(format!("loading {} files…", thousands(p.files_done)));
        } else {
            let pct = (p.files_done * 100).checked_div(p.files_total).unwrap_or(0);
            parts.push(format!(
                "loading {} {pct}% of {} files",
                gauge(pct),
                thousands(p.files_total)
            ));
        }
    } else if let Some(c) = app.clustering {
        let pct = (c.done * 100).checked_div(c.total).unwrap_or(0);
        let stage = match c.phase {
            copydesk_core::dedup::Phase::Shingling => "reading",
            copydesk_core::dedup::Phase::Candidates => "pairing",
            copydesk_core::dedup::Phase::Verifying => "checking",
            copydesk_core::dedup::Phase::Grouping => "grouping",
        };
        parts.push(format!("finding versions: {stage} {} {pct}%", gauge(pct)));
    }
    if let Some(n) = app.taking_in {
        parts.push(format!(
            "reading {} changed path{}…",
            thousands(n),
            if n == 1 { "" } else { "s" }
        ));
    }
    if app.comparing.is_some() {
        parts.push("comparing…".to_string());
    }
    if app.search.busy {
        parts.push("ranking…".to_string());
    }
    if let Some(d) = &app.diff {
        let total = d.layout.lines.len().max(1);
        let end = (d.scroll + d.height).min(total);
        parts.push(format!("{}%", end * 100 / total));
    } else if !app.rows.is_empty() {
        parts.push(format!(
            "{}/{}",
            thousands(app.selected + 1),
            thousands(app.rows.len())
        ));
    }
    parts.join("  ")
}

/// Draws the whole screen and records where the panes went.
pub fn draw(frame: &mut Frame, app: &mut App) -> Areas {
    let area = frame.area();
    let styles = Styles::new(&app.config.theme, app.no_color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Too small: {}×{}. copydesk needs {}×{}.",
            area.width, area.height, MIN_WIDTH, MIN_HEIGHT
        );
        let lines: Vec<Line> =
            copydesk_core::text::wrap::wrap(&[(msg.as_str(), ())], area.width as usize)
                .into_iter()
                .map(|l| Line::raw(l.into_iter().map(|(t, _)| t).collect::<String>()))
                .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return Areas::default();
    }
    let searching = app.search.editing || !app.search.text.is_empty();
    let [body, prompt, status] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(u16::from(searching)),
        Constraint::Length(1),
    ])
    .areas(area);

    let diff_area = app.diff.is_some().then_some(body);
    if let Some(d) = app.diff.as_mut() {
        d.fit(body.width);
        let head = super::diff_view::header_height(d, &app.store, &styles, body.width);
        d.height = (body.height as usize).saturating_sub(head);
        d.fit(body.width);
        frame.render_widget(
            super::diff_view::DiffView {
                state: d,
                store: &app.store,
                styles: &styles,
            },
            body,
        );
    }

    // Panes: side by side, or the focused one alone when zoomed or narrow.
    let narrow = body.width < 80;
    let show_reader = diff_area.is_none()
        && app.reading.is_some()
        && (app.zoom || !narrow || app.focus == Focus::Reader);
    let show_list =
        diff_area.is_none() && !(app.zoom && app.reading.is_some() || narrow && show_reader);
    let (list_area, reader_area) = match (show_list, show_reader) {
        (true, true) => {
            let [l, r] = Layout::horizontal([
                Constraint::Percentage(app.config.split),
                Constraint::Percentage(100 - app.config.split),
            ])
            .areas(body);
            (Some(l), Some(r))
        }
        (true, false) => (Some(body), None),
        (false, true) => (None, Some(body)),
        (false, false) => (None, None),
    };

    if let Some(l) = list_area {
        app.list_height = l.height.saturating_sub(2) as usize;
        app.keep_visible();
        frame.render_widget(
            ListView {
                app,
                styles: &styles,
                focused: app.focus == Focus::List && !app.search.editing,
            },
            l,
        );
    }
    if let Some(r) = reader_area {
        let inner_w = r.width.saturating_sub(2);
        app.reader_height = r.height.saturating_sub(2) as usize;
        if let Some(id) = app.reading {
            let stale = app
                .reader_text
                .as_ref()
                .is_none_or(|t| t.id != id || t.width != inner_w);
            if stale {
                // Keep the paragraph at the top of the pane when the width changes.
                let para = app
                    .reader_text
                    .as_ref()
                    .filter(|t| t.id == id)
                    .and_then(|t| t.lines.get(app.reader_scroll))
                    .map_or(0, |l| l.para);
                let unique = if app.unique { app.unique_for(id) } else { None };
                if let Some(a) = app.store.get(id) {
                    let text = ReaderText::build(a, inner_w, unique.as_deref());
                    app.reader_scroll = if para == 0 {
                        0
                    } else {
                        text.line_of_para(para)
                    };
                    app.reader_text = Some(text);
                }
            }
            let max = app.reader_text.as_ref().map_or(0, |t| {
                t.lines.len().saturating_sub(app.reader_height.max(1))
            });
            app.reader_scroll = app.reader_scroll.min(max);
        }
        let title = app
            .reader_text
            .as_ref()
            .map(|t| {
                let total = t.lines.len().max(1);
                let end = (app.reader_scroll + app.reader_height).min(total);
                let unique = match (&app.unique_of, app.unique) {
                    (Some((id, u)), true) if *id == t.id => {
                        format!(" · {} words only here", thousands(u.words))
                    }
                    _ => String::new(),
                };
                format!(" reading · {}%{unique} ", end * 100 / total)
            })
            .unwrap_or_default();
        frame.render_widget(
            ReaderView {
                text: app.reader_text.as_ref(),
                scroll: app.reader_scroll,
                styles: &styles,
                focused: app.focus == Focus::Reader,
                title,
            },
            r,
        );
    }

    if searching {
        let mut spans = vec![
            Span::styled("/", styles.title),
            Span::raw(app.search.text.clone()),
        ];
        if app.search.editing {
            spans.push(Span::styled("▏", styles.title));
        }
        if app.search.full_text {
            spans.push(Span::styled("  [full text]", styles.dim));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), prompt);
    }

    let left = hint_line(app);
    let right = status_right(app);
    let w = status.width as usize;
    let right_w = width::width(&right).min(w);
    let left = width::fit(&left, w.saturating_sub(right_w + 1));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(left, styles.dim),
            Span::raw(" "),
            Span::raw(width::truncate(&right, right_w)),
        ])),
        status,
    );

    if let Some(o) = app.overlay {
        draw_overlay(frame, app, o, &styles, body);
    }
    Areas {
        list: list_area,
        reader: reader_area,
    }
}

fn draw_overlay(frame: &mut Frame, app: &mut App, overlay: Overlay, styles: &Styles, body: Rect) {
    let (title, lines): (String, Vec<Line>) = match overlay {
        Overlay::Help { of, .. } => {
            let mut lines = Vec::new();
            let keys = &app.config.keys;
            let section = |ctx: Context, heading: &str, lines: &mut Vec<Line>| {
                let bindings = keys.bindings(ctx);
                if bindings.is_empty() {
                    return;
                }
                lines.push(Line::styled(heading.to_string(), styles.title));
                let rows: Vec<(String, &str)> = bindings
                    .iter()
                    .filter(|(_, seqs)| !seqs.is_empty())
                    .map(|(action, seqs)| {
                        let k: Vec<String> = seqs.iter().map(|s| s.to_string()).collect();
                        (k.join(", "), action.describe(ctx))
                    })
                    .collect();
                let key_w = rows.iter().map(|(k, _)| width::width(k)).max().unwrap_or(0) + 2;
                for (k, what) in rows {
                    lines.push(Line::from(vec![
                        Span::raw(format!("  {}", width::fit(&k, key_w))),
                        Span::styled(what, styles.dim),
                    ]));
                }
                lines.push(Line::raw(""));
            };
            let heading = match of {
                Context::List => "In the list",
                Context::Reader => "In the reader",
                Context::Search => "In the search prompt",
                Context::Diff => "In the comparison",
                Context::Help | Context::Global => "In this box",
            };
            section(of, heading, &mut lines);
            if matches!(of, Context::List | Context::Reader | Context::Search) {
                lines.push(Line::styled("Search and filter", styles.title));
                let w = copydesk_core::filter::SYNTAX
                    .iter()
                    .map(|(k, _)| width::width(k))
                    .max()
                    .unwrap_or(0)
                    + 2;
                for (example, what) in copydesk_core::filter::SYNTAX {
                    lines.push(Line::from(vec![
                        Span::raw(format!("  {}", width::fit(example, w))),
                        Span::styled(*what, styles.dim),
                    ]));
                }
                lines.push(Line::raw(""));
            }
            section(Context::Global, "Everywhere", &mut lines);
            if of != Context::Help {
                section(Context::Help, "In this box", &mut lines);
            }
            (" Keys ".to_string(), lines)
        }
        Overlay::Skipped { .. } => {
            let skipped = app.store.skipped();
            let mut lines = vec![Line::styled(
                format!(
                    "{} file{} not loaded:",
                    skipped.len(),
                    if skipped.len() == 1 { "" } else { "s" }
                ),
                styles.title,
            )];
            for s in skipped {
                lines.push(Line::from(vec![
                    Span::raw(format!("{}: ", s.path)),
                    Span::styled(s.reason.to_string(), styles.dim),
                ]));
            }
            (" Skipped ".to_string(), lines)
        }
    };
    let w = body.width.saturating_sub(4).clamp(20, 90).min(body.width);
    let h = (lines.len() as u16 + 2)
        .min(body.height.saturating_sub(2))
        .max(3);
    let area = Rect {
        x: body.x + (body.width.saturating_sub(w)) / 2,
        y: body.y + (body.height.saturating_sub(h)) / 2,
        width: w,
        height: h,
    };
    let visible = h.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(visible);
    let scroll = match app.overlay.as_mut() {
        Some(Overlay::Help { scroll, .. } | Overlay::Skipped { scroll }) => {
            *scroll = (*scroll).min(max_scroll);
            *scroll
        }
        None => 0,
    };
    Clear.render(area, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(styles.focused)
        .title(Span::styled(title, styles.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(visible)
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            if width::width(&text) > inner.width as usize {
                Line::styled(width::truncate(&text, inner.width as usize), l.style)
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
