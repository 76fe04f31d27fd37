//! Boxes drawn over the panes: the keys of the view (from the live keymap, so
//! they always say what the keys do) and the files that were not loaded. Each
//! holds its lines and the window onto them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use copydesk_core::store::Store;
use copydesk_core::text::display::display_line;
use copydesk_core::text::width;

use super::effect::Effect;
use super::scroll::Scroll;
use super::style::Styles;
use crate::config::{Action, Context, Keymap};

/// Lines a page key moves in a box.
const PAGE: isize = 10;

/// Lines a box shows before it knows its height.
const HEIGHT_BEFORE_LAYOUT: usize = 20;

/// Which box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverlayKind {
    /// The keys of a context.
    Help {
        /// The context whose keys come first.
        of: Context,
    },
    /// The files that were not loaded.
    Skipped,
}

/// How a piece of a box's text is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
    Plain,
    Title,
    Dim,
}

/// One line of a box: its own tone (kept when it must be cut to fit) and its
/// pieces.
type BoxLine = (Tone, Vec<(String, Tone)>);

/// An open box.
#[derive(Clone, Debug)]
pub struct Overlay {
    kind: OverlayKind,
    lines: Vec<BoxLine>,
    scroll: Scroll,
}

impl Overlay {
    /// Actions worth a hint in the status bar while a box is open.
    pub const HINTS: &'static [(Action, &'static str)] =
        &[(Action::Close, "close"), (Action::MoveDown, "scroll")];

    /// The keys of context `of`, then searching, then everywhere, then this box's.
    pub fn help(of: Context, keys: &Keymap) -> Overlay {
        Overlay::with_lines(OverlayKind::Help { of }, help_lines(of, keys))
    }

    /// The files of `store` that were not loaded, and why.
    pub fn skipped(store: &Store) -> Overlay {
        Overlay::with_lines(OverlayKind::Skipped, skipped_lines(store))
    }

    fn with_lines(kind: OverlayKind, lines: Vec<BoxLine>) -> Overlay {
        let mut scroll = Scroll::text(HEIGHT_BEFORE_LAYOUT);
        scroll.set_len(lines.len());
        Overlay {
            kind,
            lines,
            scroll,
        }
    }

    /// Which box this is.
    pub fn kind(&self) -> OverlayKind {
        self.kind
    }

    /// How many lines the box holds.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the box holds nothing.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The window onto the lines.
    pub fn scroll(&self) -> &Scroll {
        &self.scroll
    }

    /// The box got `height` lines inside its border.
    pub fn set_height(&mut self, height: usize) {
        self.scroll.set_height(height);
    }

    /// The list of skipped files changed: the box shows it as it is now.
    pub fn refresh(&mut self, store: &Store) {
        if self.kind == OverlayKind::Skipped {
            self.lines = skipped_lines(store);
            self.scroll.set_len(self.lines.len());
        }
    }

    /// Handles an action while the box is open.
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::MoveDown => self.scroll.by(1),
            Action::MoveUp => self.scroll.by(-1),
            Action::PageDown => self.scroll.by(PAGE),
            Action::PageUp => self.scroll.by(-PAGE),
            Action::First => self.scroll.first(),
            Action::Last => self.scroll.last(),
            Action::Close | Action::Help => return Effect::CloseOverlay,
            Action::Quit => return Effect::Quit,
            _ => {}
        }
        Effect::None
    }

    /// Draws the box into `area` (the box with its border).
    pub fn draw(&self, area: Rect, buf: &mut Buffer, s: &Styles) {
        let title = match self.kind {
            OverlayKind::Help { .. } => " Keys ",
            OverlayKind::Skipped => " Skipped ",
        };
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(s.focused)
            .title(Span::styled(title, s.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let tone = |t: Tone| match t {
            Tone::Plain => Style::default(),
            Tone::Title => s.title,
            Tone::Dim => s.dim,
        };
        let w = inner.width as usize;
        let shown: Vec<Line> = self
            .lines
            .iter()
            .skip(self.scroll.offset())
            .take(self.scroll.height())
            .map(|(line_tone, pieces)| {
                let text: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
                if width::width(&text) > w {
                    return Line::styled(width::truncate(&text, w), tone(*line_tone));
                }
                let spans: Vec<Span> = pieces
                    .iter()
                    .map(|(t, p)| Span::styled(t.as_str(), tone(*p)))
                    .collect();
                Line::from(spans).style(tone(*line_tone))
            })
            .collect();
        Paragraph::new(shown).render(inner, buf);
    }
}

/// A heading line.
fn heading(text: &str) -> BoxLine {
    (Tone::Title, vec![(text.to_string(), Tone::Plain)])
}

/// An empty line.
fn blank() -> BoxLine {
    (Tone::Plain, vec![(String::new(), Tone::Plain)])
}

/// Rows of (what to press, what it does) with the first column aligned.
fn table(rows: Vec<(String, &str)>, lines: &mut Vec<BoxLine>) {
    let key_w = rows.iter().map(|(k, _)| width::width(k)).max().unwrap_or(0) + 2;
    for (k, what) in rows {
        lines.push((
            Tone::Plain,
            vec![
                (format!("  {}", width::fit(&k, key_w)), Tone::Plain),
                (what.to_string(), Tone::Dim),
            ],
        ));
    }
}

/// The keys of `ctx` under `title`, if it binds any.
fn section(ctx: Context, title: &str, keys: &Keymap, lines: &mut Vec<BoxLine>) {
    let bindings = keys.bindings(ctx);
    if bindings.is_empty() {
        return;
    }
    lines.push(heading(title));
    let rows: Vec<(String, &str)> = bindings
        .iter()
        .filter(|(_, seqs)| !seqs.is_empty())
        .map(|(action, seqs)| {
            let k: Vec<String> = seqs.iter().map(|s| s.to_string()).collect();
            (k.join(", "), action.describe(ctx))
        })
        .collect();
    table(rows, lines);
    lines.push(blank());
}

fn help_lines(of: Context, keys: &Keymap) -> Vec<BoxLine> {
    let mut lines = Vec::new();
    let title = match of {
        Context::List => "In the list",
        Context::Reader => "In the reader",
        Context::Search => "In the search prompt",
        Context::Diff => "In the comparison",
        Context::Help | Context::Global => "In this box",
    };
    section(of, title, keys, &mut lines);
    if matches!(of, Context::List | Context::Reader | Context::Search) {
        lines.push(heading("Search and filter"));
        let rows = copydesk_core::filter::SYNTAX
            .iter()
            .chain(copydesk_core::search::SYNTAX)
            .map(|(example, what)| (example.to_string(), *what))
            .collect();
        table(rows, &mut lines);
        lines.push(blank());
    }
    section(Context::Global, "Everywhere", keys, &mut lines);
    if of != Context::Help {
        section(Context::Help, "In this box", keys, &mut lines);
    }
    lines
}

fn skipped_lines(store: &Store) -> Vec<BoxLine> {
    let (skipped, warnings) = (store.skipped(), store.warnings());
    let mut lines = Vec::new();
    if skipped.is_empty() && warnings.is_empty() {
        lines.push(heading("Every file loaded as written."));
    }
    let entry = |place: String, what: String| {
        let (place, what) = (display_line(&place), display_line(&what).into_owned());
        (
            Tone::Plain,
            vec![(format!("{place}: "), Tone::Plain), (what, Tone::Dim)],
        )
    };
    if !skipped.is_empty() {
        lines.push(heading(&format!("{} not loaded:", skipped_count(skipped))));
        lines.extend(
            skipped
                .iter()
                .map(|s| entry(s.path.clone(), s.reason.to_string())),
        );
    }
    if !warnings.is_empty() {
        lines.push(heading(&format!(
            "{} loaded, not quite as written:",
            plural(warnings.len(), "file", "files")
        )));
        lines.extend(warnings.iter().map(|w| {
            let place = match w.line {
                Some(l) => format!("{}:{l}", w.path),
                None => w.path.clone(),
            };
            entry(place, w.message.clone())
        }));
    }
    lines
}

/// Whether what was skipped is one record of a file (a JSON Lines line, an
/// array's element) rather than a whole file.
fn is_record(s: &copydesk_core::skipped::Skipped) -> bool {
    use copydesk_core::skipped::SkipReason;
    let lines = s.path.ends_with(".jsonl") || s.path.ends_with(".ndjson");
    match s.reason {
        SkipReason::LineTooLong { .. } | SkipReason::NotARecord { .. } => true,
        SkipReason::InvalidJson { .. } => lines,
        _ => false,
    }
}

/// What was skipped, counted as it is: `3 files`, `10,000 records`, `2 files
/// and 1 record`.
pub fn skipped_count(skipped: &[copydesk_core::skipped::Skipped]) -> String {
    let records = skipped.iter().filter(|s| is_record(s)).count();
    let files = skipped.len() - records;
    let count = |n: usize, one: &str, many: &str| {
        format!(
            "{} {}",
            super::numbers::thousands(n),
            if n == 1 { one } else { many }
        )
    };
    match (files, records) {
        (f, 0) => count(f, "file", "files"),
        (0, r) => count(r, "record", "records"),
        (f, r) => format!(
            "{} and {}",
            count(f, "file", "files"),
            count(r, "record", "records")
        ),
    }
}

/// `1 file`, `3 files`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
