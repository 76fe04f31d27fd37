//! Full-screen snapshots of every view at two sizes, drawn into ratatui's test
//! backend from the demo corpus (no file times, in-memory marks: nothing varies).

mod common;

use copydesk::config::Action;
use copydesk::keys;
use copydesk::tui::app::App;
use copydesk::tui::screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn app() -> App {
    common::demo_app()
}

/// Tells the app the terminal's size, as the event loop does, and draws one frame.
fn draw(a: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    a.resize(w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        screen::draw(f, a);
    })
    .unwrap();
    t
}

/// Selects the row of the article at `path`.
fn select(a: &mut App, path: &str) {
    let id = a.library.store().find_path(path).unwrap();
    let row = a.list.rows().iter().position(|&r| r == id).unwrap();
    a.list.select(row);
}

fn both_sizes(name: &str, prepare: impl Fn(&mut App)) {
    for (w, h) in [(100, 30), (60, 20)] {
        let mut a = app();
        prepare(&mut a);
        let t = draw(&mut a, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

fn open(a: &mut App, path: &str) {
    select(a, path);
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

/// The screen's text, then a grid with one letter per cell for its style, then
/// what each letter means: colours and modifiers are part of the snapshot.
fn styled(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let area = buf.area;
    let mut legend: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut grid = String::new();
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            let c = &buf[(x, y)];
            if skip == 0 {
                text.push_str(c.symbol());
                skip = copydesk_core::text::width::width(c.symbol()).max(1);
            }
            skip -= 1;
            let key = format!("fg {:?}, bg {:?}, {:?}", c.fg, c.bg, c.modifier);
            let letter = if key == "fg Reset, bg Reset, NONE" {
                '.'
            } else {
                let i = legend.iter().position(|k| *k == key).unwrap_or_else(|| {
                    legend.push(key.clone());
                    legend.len() - 1
                });
                (b'a' + i as u8) as char
            };
            grid.push(letter);
        }
        text = text.trim_end().to_string();
        text.push('\n');
        grid.push('\n');
    }
    let legend: String = legend
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{} = {k}\n", (b'a' + i as u8) as char))
        .collect();
    format!("{text}\n{grid}\n{legend}")
}

fn compare(a: &mut App, left: &str, right: &str) {
    select(a, left);
    a.update(Action::MarkLeft);
    select(a, right);
    a.update(Action::Compare);
    a.message = None;
}

#[test]
fn diff_view_side_by_side_and_stacked_with_and_without_colour() {
    for (w, h) in [(120, 40), (80, 24)] {
        for no_color in [false, true] {
            let mut a = app();
            a.no_color = no_color;
            compare(
                &mut a,
                "northwire/rivermouth-strike.txt",
                "courier/dockers-walk-out.md",
            );
            let t = draw(&mut a, w, h);
            let name = format!(
                "diff_{w}x{h}_{}",
                if no_color { "no_color" } else { "colour" }
            );
            insta::assert_snapshot!(name, styled(&t));
        }
    }
}

#[test]
fn diff_view_folded_at_a_change() {
    let mut a = app();
    compare(
        &mut a,
        "northwire/central-bank-rates.txt",
        "valdorian-daily/rates-held.md",
    );
    a.resize(120, 40);
    for k in ["z", "]", "]"] {
        for chord in keys::parse(k).unwrap().0 {
            a.key(chord);
        }
    }
    let t = draw(&mut a, 120, 40);
    insta::assert_snapshot!("diff_folded_120x40", t.backend());
}

#[test]
fn story_view_with_one_story_expanded() {
    both_sizes("stories_expanded", |a| {
        a.update(Action::ToggleStories);
        let story = a
            .library
            .clusters()
            .unwrap()
            .cluster_of(
                a.library
                    .store()
                    .find_path("courier/dockers-walk-out.md")
                    .unwrap(),
            )
            .unwrap();
        let first = copydesk::tui::list::story_head(story, &a.library);
        a.list.select_article(first);
        a.update(Action::ToggleExpand);
        a.message = None;
    });
}

#[test]
fn the_selected_version_row_shows_its_whole_account() {
    let mut a = app();
    a.update(Action::ToggleStories);
    let path = "courier/dockers-walk-out.md";
    let id = a.library.store().find_path(path).unwrap();
    let story = a
        .library
        .clusters()
        .unwrap()
        .cluster_of(id)
        .unwrap()
        .clone();
    a.list
        .select_article(copydesk::tui::list::story_head(&story, &a.library));
    a.update(Action::ToggleExpand);
    a.message = None;
    let steps = copydesk_core::story::timeline::timeline(a.library.store(), &story.members);
    let row_text = |t: &Terminal<TestBackend>, y: u16| -> String {
        let buf = t.backend().buffer();
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    };
    // Each version row below the story's, selected in turn, shows its line.
    for step in steps.iter().skip(1) {
        a.list.select_article(step.article);
        let t = draw(&mut a, 100, 30);
        let shown: Vec<String> = (0..30).map(|y| row_text(&t, y)).collect();
        assert!(
            shown.iter().any(|r| r.contains(&step.line())),
            "{:?} not in {shown:#?}",
            step.line()
        );
    }
}

#[test]
fn reader_highlights_unique_content() {
    let mut a = app();
    open(&mut a, "courier/dockers-walk-out.md");
    a.update(Action::HighlightUnique);
    a.message = None;
    let t = draw(&mut a, 100, 30);
    insta::assert_snapshot!("reader_unique_100x30", styled(&t));
}

fn type_keys(a: &mut App, text: &str) {
    for c in text.chars() {
        a.key(keys::Chord::plain(keys::Key::Char(c)));
    }
}

fn press_keys(a: &mut App, text: &str) {
    for k in text.split(' ') {
        for chord in keys::parse(k).unwrap().0 {
            a.key(chord);
        }
    }
}

#[test]
fn search_typed_key_by_key_with_the_cursor_moved_back() {
    let mut a = app();
    a.update(Action::Search);
    type_keys(&mut a, "talks");
    press_keys(&mut a, "left left");
    let t = draw(&mut a, 100, 30);
    insta::assert_snapshot!("search_typed_cursor_100x30", t.backend());
    // The character under the cursor is drawn reversed; the best match selected.
    let buf = t.backend().buffer();
    let prompt_row = 28;
    let under = &buf[(4, prompt_row)];
    assert_eq!(under.symbol(), "k");
    assert!(under.modifier.contains(Modifier::REVERSED));
    assert_eq!(a.list.selected(), 0);
}

#[test]
fn search_inside_an_article_highlights_hits_and_says_where() {
    let mut a = app();
    a.resize(100, 16);
    open(&mut a, "northwire/geneva-talks.txt");
    press_keys(&mut a, "/");
    type_keys(&mut a, "ceasefire");
    press_keys(&mut a, "enter n");
    let t = draw(&mut a, 100, 16);
    insta::assert_snapshot!("reader_find_100x16", t.backend());
    let title: String = (0..100)
        .map(|x| t.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert!(title.contains("/ceasefire 2/"), "{title}");
}

#[test]
fn the_reader_keeps_its_measure_at_200_columns() {
    for (name, align) in [
        (
            "reader_measure_centre_200x30",
            copydesk::tui::reader::Align::Centre,
        ),
        (
            "reader_measure_left_200x30",
            copydesk::tui::reader::Align::Left,
        ),
    ] {
        let mut a = app();
        a.reader.set_measure(80, align);
        open(&mut a, "northwire/geneva-talks.txt");
        a.update(Action::Zoom);
        let t = draw(&mut a, 200, 30);
        insta::assert_snapshot!(name, t.backend());
        let text = a.reader.text().unwrap();
        assert!(
            text.lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.text.as_str()) <= 80)
        );
        assert_eq!(text.width, 80);
    }
}

#[test]
fn a_decomposed_accent_stays_with_its_letter_when_highlighted() {
    let files = [
        (
            "a.txt",
            "Cafe\u{301} owners protest\n\nThe owners protested.\n",
        ),
        ("b.txt", "ZURICH BANKS REPORT\n\nBanks reported.\n"),
    ];
    let (articles, skipped) =
        copydesk_core::load::load_memory(files.iter().map(|(p, t)| (*p, t.as_bytes())));
    let store = copydesk_core::store::Store::from_articles("mem", articles, skipped);
    let mut a = App::new(
        store,
        copydesk::config::Config::default(),
        copydesk_core::state::Marks::in_memory(),
        false,
    );
    a.update(Action::Search);
    type_keys(&mut a, "cafe");
    let t = draw(&mut a, 60, 10);
    let buf = t.backend().buffer();
    let row: String = (0..60).map(|x| buf[(x, 1)].symbol().to_string()).collect();
    assert!(row.contains("Cafe\u{301} owners"), "{row:?}");
    // The accented letter is drawn as one highlighted cell, accent and all.
    let cell = (0..60)
        .map(|x| &buf[(x, 1)])
        .find(|c| c.symbol().starts_with('e'))
        .unwrap();
    assert_eq!(cell.symbol(), "e\u{301}");
    assert!(cell.modifier.contains(Modifier::BOLD));
}
