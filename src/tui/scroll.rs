//! A window onto rows or lines: the first one shown, the selected one (in a list),
//! how many fit and how many there are. Every pane that scrolls keeps one, so the
//! arithmetic of moving, paging and clamping is written here once.

/// A scrolled window onto `len` rows or lines, `height` of them on screen.
///
/// A list has a selection: moving moves the selection, and the window follows so
/// that the selected row stays on screen. Text has none: moving moves the window,
/// which never goes past the last screenful.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scroll {
    offset: usize,
    selected: Option<usize>,
    height: usize,
    len: usize,
}

impl Scroll {
    /// A window onto text, at the top, before its size is known.
    pub fn text(height: usize) -> Scroll {
        Scroll {
            offset: 0,
            selected: None,
            height,
            len: 0,
        }
    }

    /// A window onto a list, the first row selected, before its size is known.
    pub fn list(height: usize) -> Scroll {
        Scroll {
            selected: Some(0),
            ..Scroll::text(height)
        }
    }

    /// The first row or line shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The selected row (the first line shown, for text).
    pub fn selected(&self) -> usize {
        self.selected.unwrap_or(self.offset)
    }

    /// How many rows or lines fit on screen.
    pub fn height(&self) -> usize {
        self.height
    }

    /// How many rows or lines there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The last row or line on screen, plus one: where the window ends.
    pub fn end(&self) -> usize {
        (self.offset + self.height).min(self.len.max(1))
    }

    /// The farthest the window may go: its last screenful.
    pub fn max_offset(&self) -> usize {
        self.len.saturating_sub(self.height.max(1))
    }

    /// Whether `row` is on screen.
    pub fn shows(&self, row: usize) -> bool {
        row >= self.offset && row < self.offset + self.height.max(1)
    }

    /// The content changed length: the selection and the window stay inside it.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        match self.selected {
            Some(s) => self.select(s.min(len.saturating_sub(1))),
            None => self.clamp(),
        }
    }

    /// The content was built again: `len` rows with `row` selected, or the
    /// selection as it was if no row is given (clamped into the new rows either way).
    pub fn reset(&mut self, len: usize, row: Option<usize>) {
        self.len = len;
        if let Some(s) = self.selected {
            self.selected = Some(row.unwrap_or(s).min(len.saturating_sub(1)));
        }
        self.settle();
    }

    /// The screen changed height: the selection stays on screen.
    pub fn set_height(&mut self, height: usize) {
        self.height = height;
        self.settle();
    }

    /// Selects `row` (clamped into the list) and brings it on screen; for text,
    /// puts line `row` at the top.
    pub fn select(&mut self, row: usize) {
        match self.selected {
            Some(_) => {
                self.selected = Some(row.min(self.len.saturating_sub(1)));
                self.settle();
            }
            None => self.set_offset(row),
        }
    }

    /// Puts the window at `offset` as far as it can go there, the selection kept
    /// on screen.
    pub fn set_offset(&mut self, offset: usize) {
        self.offset = offset;
        self.settle();
    }

    /// Moves by `n` rows (the selection) or lines (the window), within bounds.
    pub fn by(&mut self, n: isize) {
        match self.selected {
            // An empty list has nothing to select.
            Some(_) if self.len == 0 => self.selected = Some(0),
            Some(s) => self.select(s.saturating_add_signed(n)),
            None => {
                let to = (self.offset as isize).saturating_add(n);
                self.offset = to.clamp(0, self.max_offset() as isize) as usize;
            }
        }
    }

    /// A page down (`down`) or up: a screenful of rows in a list; in text a
    /// screenful less one line, so that the last line read stays in view.
    pub fn page(&mut self, down: bool) {
        let step = self.page_step();
        self.by(if down { step } else { -step });
    }

    /// Half a page down (`down`) or up.
    pub fn half_page(&mut self, down: bool) {
        let page = self.height.max(1);
        let step = match self.selected {
            Some(_) => page / 2,
            None => (page / 2).max(1),
        } as isize;
        self.by(if down { step } else { -step });
    }

    /// To the first row or line.
    pub fn first(&mut self) {
        match self.selected {
            Some(_) if self.len == 0 => self.selected = Some(0),
            Some(_) => self.select(0),
            None => self.offset = 0,
        }
    }

    /// To the last row, or the last screenful of text.
    pub fn last(&mut self) {
        match self.selected {
            Some(_) if self.len == 0 => self.selected = Some(0),
            Some(_) => self.select(self.len - 1),
            None => self.offset = self.max_offset(),
        }
    }

    fn page_step(&self) -> isize {
        let page = self.height.max(1);
        match self.selected {
            Some(_) => page as isize,
            None => page.saturating_sub(1).max(1) as isize,
        }
    }

    /// Keeps the selection on screen and the window inside the content.
    fn settle(&mut self) {
        if let Some(s) = self.selected {
            let h = self.height.max(1);
            if s < self.offset {
                self.offset = s;
            } else if s >= self.offset + h {
                self.offset = s + 1 - h;
            }
        }
        self.clamp();
    }

    fn clamp(&mut self) {
        self.offset = self.offset.min(self.max_offset());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(len: usize, height: usize) -> Scroll {
        let mut s = Scroll::list(height);
        s.set_len(len);
        s
    }

    #[test]
    fn a_list_moves_its_selection_and_the_window_follows() {
        let mut s = list(30, 10);
        s.by(-1);
        assert_eq!(s.selected(), 0);
        for _ in 0..100 {
            s.by(1);
        }
        assert_eq!((s.selected(), s.offset()), (29, 20));
        s.first();
        assert_eq!((s.selected(), s.offset()), (0, 0));
        s.page(true);
        assert_eq!(s.selected(), 10);
        s.half_page(true);
        assert_eq!(s.selected(), 15);
        s.last();
        assert_eq!(s.selected(), 29);
        // The list shrinks under the selection.
        s.set_len(5);
        assert_eq!((s.selected(), s.offset()), (4, 0));
        s.set_len(0);
        s.by(3);
        assert_eq!(s.selected(), 0);
    }

    #[test]
    fn text_stops_at_its_last_screenful() {
        let mut s = Scroll::text(5);
        s.set_len(12);
        s.by(1);
        assert_eq!(s.offset(), 1);
        s.page(true);
        assert_eq!(s.offset(), 5, "a page keeps one line in view");
        s.last();
        assert_eq!(s.offset(), 7);
        s.page(true);
        assert_eq!(s.offset(), 7);
        s.half_page(false);
        assert_eq!(s.offset(), 5);
        s.set_height(10);
        assert_eq!(s.offset(), 2, "a taller screen shows more of the end");
        assert_eq!(s.end(), 12);
        s.first();
        assert_eq!(s.offset(), 0);
    }
}
