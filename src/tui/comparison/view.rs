//! The comparison on screen: two versions, their comparison, its layout for the
//! view's width, the window onto its lines, the change last jumped to, and the
//! story's other versions the right side can cycle through.

use crate::tui::library::Texts;
use copydesk_core::article::ArticleId;
use copydesk_core::compare::{self, Comparison};

use super::lines::{DiffLayout, is_change};
use crate::tui::job::CompareRequest;
use crate::tui::scroll::Scroll;

/// Lines the view shows before it knows its height.
const HEIGHT_BEFORE_LAYOUT: usize = 20;

/// An open comparison.
#[derive(Clone, Debug)]
pub struct ComparisonView {
    /// The left version.
    pub left: ArticleId,
    /// The right version.
    pub right: ArticleId,
    /// Their comparison.
    pub comparison: Comparison,
    /// What kind of version the right side is of the left (`correction · figure
    /// 36 → 46`).
    pub kind: String,
    /// The story's versions other than the left one: what the right side cycles
    /// through.
    pub versions: Vec<ArticleId>,
    cursor: Option<usize>,
    folded: bool,
    layout: DiffLayout,
    scroll: Scroll,
}

impl ComparisonView {
    /// Compares the two versions `request` names; what to say instead when one is
    /// not there or is too long to compare.
    pub fn new(store: &Texts, request: &CompareRequest) -> Result<ComparisonView, String> {
        let (Some(left), Some(right)) = (store.get(request.left), store.get(request.right)) else {
            return Err("the articles are gone".to_string());
        };
        let comparison = compare::try_compare(left, right).map_err(|e| e.to_string())?;
        let kind = copydesk_core::story::timeline::describe(left, right, &comparison);
        let layout = DiffLayout::build(&comparison, request.width, request.folded);
        let mut scroll = Scroll::text(HEIGHT_BEFORE_LAYOUT);
        scroll.set_len(layout.lines.len());
        Ok(ComparisonView {
            left: request.left,
            right: request.right,
            comparison,
            kind,
            versions: request.versions.clone(),
            cursor: None,
            folded: request.folded,
            layout,
            scroll,
        })
    }

    /// The comparison row of the change last jumped to.
    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    /// Whether unchanged runs are folded.
    pub fn folded(&self) -> bool {
        self.folded
    }

    /// The comparison laid out for the view's width.
    pub fn layout(&self) -> &DiffLayout {
        &self.layout
    }

    /// The window onto the layout's lines.
    pub fn scroll(&self) -> &Scroll {
        &self.scroll
    }

    /// The window, to move it.
    pub fn scroll_mut(&mut self) -> &mut Scroll {
        &mut self.scroll
    }

    /// The view got `height` lines for the rows (below its header).
    pub fn set_height(&mut self, height: usize) {
        self.scroll.set_height(height);
    }

    /// Lays the comparison out again if the width or the folding changed,
    /// keeping the sentence at the top of the view at the top.
    pub fn fit(&mut self, width: u16) {
        if self.layout.width != width || self.layout.folded != self.folded {
            let top = self.top_row();
            self.layout = DiffLayout::build(&self.comparison, width, self.folded);
            self.scroll.set_len(self.layout.lines.len());
            self.scroll
                .set_offset(top.map_or(0, |r| self.layout.line_of_row[r]));
        }
    }

    /// The comparison row at the top of the view.
    fn top_row(&self) -> Option<usize> {
        self.layout
            .lines
            .get(self.scroll.offset())
            .map(|l| l.rows.start)
    }

    /// The rows that are changes, in reading order.
    pub fn changes(&self) -> Vec<usize> {
        // Two flashes have their headlines alone to differ in.
        let flashes = self.comparison.summary.headlines_only.is_some();
        (0..self.comparison.rows.len())
            .filter(|&i| {
                let row = &self.comparison.rows[i];
                is_change(row) || (flashes && row.kind != compare::RowKind::Kept)
            })
            .collect()
    }

    fn cursor_on_screen(&self) -> bool {
        self.cursor
            .is_some_and(|r| self.scroll.shows(self.layout.line_of_row[r]))
    }

    /// Moves to the next (`forward`) or previous change. From a change on
    /// screen the jump goes to its neighbour; after scrolling away, to the
    /// first change below the top of the view (or above its bottom). At either
    /// end the cursor stays and the answer says so.
    pub fn jump(&mut self, forward: bool) -> Result<usize, &'static str> {
        let changes = self.changes();
        if changes.is_empty() {
            return Err("the two versions say the same thing");
        }
        let line_of = |r: usize| self.layout.line_of_row[r];
        let target = if self.cursor_on_screen() {
            let at = self.cursor.unwrap_or(0);
            if forward {
                changes.iter().find(|&&r| r > at)
            } else {
                changes.iter().rev().find(|&&r| r < at)
            }
        } else {
            let top = self.scroll.offset();
            let bottom = top + self.scroll.height().max(1);
            if forward {
                changes.iter().find(|&&r| line_of(r) >= top)
            } else {
                changes.iter().rev().find(|&&r| line_of(r) < bottom)
            }
        };
        let Some(&row) = target else {
            return Err(if forward {
                "no change below: this is the last"
            } else {
                "no change above: this is the first"
            });
        };
        self.cursor = Some(row);
        let context = (self.scroll.height() / 4).min(2);
        self.scroll
            .set_offset(self.layout.line_of_row[row].saturating_sub(context));
        Ok(row)
    }

    /// Folds or unfolds runs of unchanged sentences.
    pub fn toggle_fold(&mut self) {
        self.folded = !self.folded;
        self.fit(self.layout.width);
        if let Some(r) = self.cursor
            && !self.cursor_on_screen()
        {
            self.scroll
                .set_offset(self.layout.line_of_row[r].saturating_sub(2));
        }
    }

    /// The same comparison with the sides swapped; the old left side takes the
    /// new left side's place among the versions.
    pub fn swapped(&self) -> CompareRequest {
        let (l, r) = (self.right, self.left);
        let mut versions = self.versions.clone();
        match versions.iter().position(|&v| v == l) {
            Some(i) => versions[i] = r,
            None => versions.retain(|&v| v != l),
        }
        CompareRequest {
            left: l,
            right: r,
            versions,
            ..self.request()
        }
    }

    /// The comparison with the story's next (or previous) version on the right.
    pub fn cycled(&self, forward: bool) -> Result<CompareRequest, &'static str> {
        let n = self.versions.len();
        let at = self.versions.iter().position(|&v| v == self.right);
        let next = match at {
            _ if n == 0 => return Err("this article has no other versions to cycle through"),
            Some(_) if n == 1 => return Err("this story has no other version"),
            Some(i) if forward => self.versions[(i + 1) % n],
            Some(i) => self.versions[(i + n - 1) % n],
            None if forward => self.versions[0],
            None => self.versions[n - 1],
        };
        Ok(CompareRequest {
            right: next,
            ..self.request()
        })
    }

    /// This comparison as a request, to make it again with changes.
    fn request(&self) -> CompareRequest {
        CompareRequest {
            left: self.left,
            right: self.right,
            versions: self.versions.clone(),
            folded: self.folded,
            width: self.layout.width,
        }
    }

    /// Where the right side is among the versions, counting from 1.
    pub fn version_position(&self) -> Option<(usize, usize)> {
        let i = self.versions.iter().position(|&v| v == self.right)?;
        Some((i + 1, self.versions.len()))
    }
}
