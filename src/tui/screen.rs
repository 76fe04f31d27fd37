//! Drawing the whole screen from the app as it is: each pane where the layout put
//! it, then the prompt, the status bar and an overlay. Drawing changes nothing
//! and works nothing out; it returns where the panes went, for the mouse.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::App;
use super::focus::Focus;
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use super::list::ListLook;
use super::status;
use super::style::Styles;

/// Draws the screen and says where the panes went.
pub fn draw(frame: &mut Frame, app: &App) -> Areas {
    // Laid out for another size (the terminal changed between the loop's look at
    // it and this frame): the resize on its way lays the screen out again.
    let Some(layout) = app.layout().copied().filter(|l| l.area == frame.area()) else {
        return Areas::default();
    };
    let styles = Styles::new(&app.config.theme, app.no_color);
    if layout.too_small {
        let area = frame.area();
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
    let lib = &app.library;
    let buf = frame.buffer_mut();
    if let Some(b) = layout.comparison {
        app.comparison.draw(b, buf, lib.texts(), &styles);
    }
    if let Some(l) = layout.list {
        let look = ListLook {
            lib,
            found: app.prompt.found(),
            marked: app.comparison.marked(),
            loading: app.work.loading(),
            styles: &styles,
            focused: app.focus() == Focus::List && !app.prompt.editing(),
        };
        app.list.draw(l, buf, &look);
    }
    if let Some(r) = layout.reader {
        app.reader
            .draw(r, buf, &styles, app.focus() == Focus::Reader);
    }
    if let Some(p) = layout.prompt {
        if app.reader.finding() {
            app.reader.draw_find(p, buf, &styles);
        } else {
            app.prompt.draw(p, buf, &styles);
        }
    }
    status::draw(app, layout.status, buf, &styles);
    if let (Some(o), Some(overlay)) = (layout.overlay, &app.overlay) {
        overlay.draw(o, buf, &styles);
    }
    layout.areas()
}
