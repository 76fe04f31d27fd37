//! Full-screen snapshots of every view at two sizes, drawn into ratatui's test
//! backend from the demo corpus (no file times, in-memory marks: nothing varies).

use copydesk::config::{Action, Config};
use copydesk::keys;
use copydesk::state::Marks;
use copydesk::tui::app::{App, Outside};
use copydesk::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn app() -> App {
    let store = copydesk::demo::store();
    let clusters = copydesk::dedup::cluster(store.articles(), &Default::default(), &|_| {});
    let mut a = App::new(store, Config::default(), Marks::in_memory(), false);
    a.take_jobs();
    a.outside(Outside::Clustered(clusters));
    a.message = None;
    a
}

fn draw(a: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        ui::draw(f, a);
    })
    .unwrap();
    t
}

fn both_sizes(name: &str, prepare: impl Fn(&mut App)) {
    for (w, h) in [(100, 30), (60, 20)] {
        let mut a = app();
        prepare(&mut a);
        // Draw once so sizes are known, then again as the user would see it.
        draw(&mut a, w, h);
        let t = draw(&mut a, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

fn open(a: &mut App, path: &str) {
    let id = a.store.find_path(path).unwrap();
    a.selected = a.rows.iter().position(|&r| r == id).unwrap();
    a.update(Action::Open);
}

#[test]
fn list() {
    both_sizes("list", |_| {});
}

#[test]
fn reader_with_a_cjk_article() {
    both_sizes("reader_cjk", |a| open(a, "courier/tokyo-library.md"));
}

#[test]
fn reader_with_an_arabic_article_zoomed() {
    both_sizes("reader_arabic_zoomed", |a| {
        open(a, "courier/book-fair-arabic.md");
        a.update(Action::Zoom);
    });
}

#[test]
fn reader_with_a_wire_story() {
    both_sizes("reader_wire", |a| open(a, "northwire/geneva-talks.txt"));
}

#[test]
fn help_overlay() {
    both_sizes("help", |a| a.update(Action::Help));
}

#[test]
fn search_prompt() {
    both_sizes("search", |a| {
        a.update(Action::Search);
        for c in "rivermouth".chars() {
            a.key(keys::Chord::plain(keys::Key::Char(c)));
        }
    });
}

#[test]
fn search_highlights_matched_characters() {
    let mut a = app();
    a.update(Action::Search);
    for c in "oster".chars() {
        a.key(keys::Chord::plain(keys::Key::Char(c)));
    }
    let t = draw(&mut a, 100, 30);
    let buf = t.backend().buffer();
    // The first result row: its matched letters are styled, others are not.
    let row: Vec<(String, bool)> = (1..99)
        .map(|x| {
            let c = &buf[(x, 1)];
            (
                c.symbol().to_string(),
                c.modifier.contains(Modifier::BOLD) && c.fg == ratatui::style::Color::LightYellow,
            )
        })
        .collect();
    let text: String = row.iter().map(|(s, _)| s.as_str()).collect();
    let marked: String = row
        .iter()
        .filter(|(_, m)| *m)
        .map(|(s, _)| s.as_str())
        .collect();
    assert!(text.to_lowercase().contains("oster"), "{text}");
    assert_eq!(marked.to_lowercase(), "oster", "{text}");
}

#[test]
fn no_color_uses_modifiers() {
    let mut a = app();
    a.no_color = true;
    let t = draw(&mut a, 100, 30);
    let buf = t.backend().buffer();
    let selected = &buf[(10, 1)];
    assert!(selected.modifier.contains(Modifier::REVERSED));
    for y in 0..30 {
        for x in 0..100 {
            let c = &buf[(x, y)];
            assert_eq!(c.fg, ratatui::style::Color::Reset, "colour at {x},{y}");
            assert_eq!(c.bg, ratatui::style::Color::Reset, "colour at {x},{y}");
        }
    }
}

#[test]
fn too_small() {
    let mut a = app();
    let t = draw(&mut a, 30, 6);
    insta::assert_snapshot!("too_small_30x6", t.backend());
    // And a terminal of one cell does not break anything.
    draw(&mut a, 1, 1);
}
