//! The reader's state, driven by actions and keys without a terminal.

use std::path::Path;

use copydesk::config::{Action, Config};
use copydesk::keys;
use copydesk::tui::app::App;
use copydesk::tui::focus::Focus;
use copydesk::tui::job::Job;
use copydesk::tui::overlay::OverlayKind;
use copydesk_core::sort::Sort;
use copydesk_core::state::Marks;

fn app() -> App {
    App::new(
        copydesk::demo::store(),
        Config::default(),
        Marks::in_memory(),
        false,
    )
}

fn press(app: &mut App, keys_typed: &str) {
    for k in keys_typed.split(' ') {
        for chord in keys::parse(k).unwrap().0 {
            app.key(chord);
        }
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.key(keys::Chord::plain(keys::Key::Char(c)));
    }
}

#[test]
fn selection_stays_in_bounds_and_pages() {
    let mut a = app();
    a.list.set_height(10);
    a.update(Action::MoveUp);
    assert_eq!(a.list.selected(), 0);
    for _ in 0..100 {
        a.update(Action::MoveDown);
    }
    assert_eq!(a.list.selected(), 29);
    assert_eq!(
        a.list.scroll().offset(),
        20,
        "the selected row stays on screen"
    );
    a.update(Action::First);
    assert_eq!((a.list.selected(), a.list.scroll().offset()), (0, 0));
    a.update(Action::PageDown);
    assert_eq!(a.list.selected(), 10);
    a.update(Action::HalfPageDown);
    assert_eq!(a.list.selected(), 15);
    a.update(Action::HalfPageUp);
    a.update(Action::PageUp);
    assert_eq!(a.list.selected(), 0);
    a.update(Action::Last);
    assert_eq!(a.list.selected(), 29);
}

#[test]
fn key_sequences_and_the_default_vim_keys() {
    let mut a = app();
    press(&mut a, "j j j");
    assert_eq!(a.list.selected(), 3);
    press(&mut a, "g");
    assert_eq!(a.list.selected(), 3, "a prefix waits");
    press(&mut a, "g");
    assert_eq!(a.list.selected(), 0);
    press(&mut a, "G");
    assert_eq!(a.list.selected(), 29);
    press(&mut a, "home");
    assert_eq!(a.list.selected(), 0);
    // A prefix followed by a key that completes nothing: that key still counts.
    press(&mut a, "g j");
    assert_eq!(a.list.selected(), 1);
    press(&mut a, "q");
    assert!(a.quit());
}

#[test]
fn opening_reads_and_marks_read() {
    let mut a = app();
    a.update(Action::MoveDown);
    let id = a.list.selected_article().unwrap();
    let art = a.library.store().get(id).unwrap().clone();
    assert!(!a.library.marks().get(&art).read);
    a.update(Action::Open);
    assert_eq!(a.focus(), Focus::Reader);
    assert_eq!(a.reader.reading(), Some(id));
    assert!(a.library.marks().get(&art).read);
    a.update(Action::ToggleRead);
    assert!(!a.library.marks().get(&art).read);
    a.update(Action::ToggleStar);
    assert!(a.library.marks().get(&art).starred);
    a.update(Action::Zoom);
    assert!(a.reader.zoomed());
    a.update(Action::Zoom);
    assert!(!a.reader.zoomed());
    a.update(Action::NextArticle);
    assert_eq!(a.reader.reading(), a.list.selected_article());
    assert_ne!(a.reader.reading(), Some(id));
    a.update(Action::Back);
    assert_eq!(a.focus(), Focus::List);
}

#[test]
fn reader_scrolls_within_its_text() {
    let mut a = app();
    a.update(Action::Open);
    // The reader laid out 20 cells wide and 5 lines high, as for a pane that size.
    a.reader.fit(20, 5, &a.library);
    let lines = a.reader.text().unwrap().lines.len();
    assert!(lines > 10);
    a.update(Action::MoveDown);
    assert_eq!(a.reader.scroll().offset(), 1);
    a.update(Action::Last);
    assert_eq!(a.reader.scroll().offset(), lines - 5);
    a.update(Action::PageDown);
    assert_eq!(
        a.reader.scroll().offset(),
        lines - 5,
        "no scrolling past the end"
    );
    a.update(Action::First);
    assert_eq!(a.reader.scroll().offset(), 0);
}

#[test]
fn marks_persist_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("marks.db");
    let (marks, _) = Marks::open(&file);
    let mut a = App::new(copydesk::demo::store(), Config::default(), marks, false);
    a.update(Action::ToggleStar);
    a.update(Action::MoveDown);
    a.update(Action::Open);
    let (first, second) = (
        a.library.store().get(0).unwrap().clone(),
        a.library.store().get(1).unwrap().clone(),
    );
    let (again, msg) = Marks::open(&file);
    assert!(msg.is_none());
    assert!(again.get(&first).starred);
    assert!(!again.get(&first).read);
    assert!(again.get(&second).read);
}

#[test]
fn unread_only_and_sorting() {
    let mut a = app();
    a.update(Action::Open);
    a.update(Action::Back);
    a.update(Action::MoveDown);
    a.update(Action::UnreadOnly);
    assert_eq!(a.list.rows().len(), 29);
    a.update(Action::UnreadOnly);
    assert_eq!(a.list.rows().len(), 30);
    let by_path = a.list.rows().to_vec();
    a.update(Action::CycleSort);
    assert_eq!(a.list.sort(), Sort::Date);
    let dates: Vec<_> = a
        .list
        .rows()
        .iter()
        .map(|&id| a.library.store().get(id).unwrap().date)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    a.update(Action::CycleSort);
    a.update(Action::CycleSort);
    assert_eq!(a.list.sort(), Sort::Title);
    assert_ne!(a.list.rows(), by_path);
    for _ in 0..3 {
        a.update(Action::CycleSort);
    }
    assert_eq!(a.list.sort(), Sort::Path);
    assert_eq!(a.list.rows(), by_path);
}

#[test]
fn esc_in_the_list_clears_a_kept_search_then_closes_the_reader() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "ost");
    press(&mut a, "enter");
    let found = a.list.rows().len();
    assert!(found < 30);
    a.update(Action::Open);
    assert!(a.reader.reading().is_some());
    press(&mut a, "q");
    assert_eq!(a.focus(), Focus::List);
    // The kept search goes first; the reader stays open beside the list.
    press(&mut a, "esc");
    assert_eq!(a.list.rows().len(), 30);
    assert!(a.reader.reading().is_some());
    // Then the reader closes and the list has the screen.
    press(&mut a, "esc");
    assert_eq!(a.reader.reading(), None);
    assert_eq!(a.focus(), Focus::List);
    assert_eq!(a.list.rows().len(), 30);
}

#[test]
fn search_filters_narrows_keeps_and_clears() {
    let mut a = app();
    press(&mut a, "/");
    assert!(a.prompt.editing());
    type_text(&mut a, "ost");
    let broad = a.list.rows().len();
    type_text(&mut a, "er");
    let narrow = a.list.rows().to_vec();
    assert!(narrow.len() <= broad && !narrow.is_empty());
    for id in &narrow {
        let t = a.library.store().get(*id).unwrap().title.to_lowercase();
        let mut it = t.chars();
        assert!("oster".chars().all(|c| it.any(|x| x == c)), "{t}");
    }
    // The matches of the narrowed query are what a fresh search finds.
    let mut fresh = app();
    press(&mut fresh, "/");
    type_text(&mut fresh, "oster");
    assert_eq!(fresh.list.rows(), narrow);
    press(&mut a, "backspace");
    assert_eq!(a.prompt.text(), "oste");
    press(&mut a, "enter");
    assert!(!a.prompt.editing());
    assert_eq!(a.prompt.text(), "oste");
    assert!(a.list.rows().len() < 30);
    press(&mut a, "/");
    press(&mut a, "esc");
    assert!(a.prompt.text().is_empty());
    assert_eq!(a.list.rows().len(), 30);
    // Full text runs in the background.
    press(&mut a, "/");
    press(&mut a, "ctrl-t");
    type_text(&mut a, "dredging");
    assert!(
        a.take_jobs()
            .iter()
            .any(|j| matches!(j, Job::FullText { .. }))
    );
}

#[test]
fn help_and_skipped_overlays() {
    let mut a = app();
    let kind = |a: &App| a.overlay.as_ref().map(|o| o.kind());
    let scroll = |a: &App| *a.overlay.as_ref().unwrap().scroll();
    press(&mut a, "?");
    assert!(matches!(kind(&a), Some(OverlayKind::Help { .. })));
    press(&mut a, "j");
    assert!(matches!(kind(&a), Some(OverlayKind::Help { .. })) && scroll(&a).offset() == 1);
    // To the bottom: the last screenful of the box (drawing clamped a far-away
    // offset there before; now the move itself lands there).
    press(&mut a, "G");
    let s = scroll(&a);
    assert!(matches!(kind(&a), Some(OverlayKind::Help { .. })));
    assert!(s.offset() > 1 && s.offset() == s.max_offset(), "{s:?}");
    press(&mut a, "g g");
    assert!(matches!(kind(&a), Some(OverlayKind::Help { .. })) && scroll(&a).offset() == 0);
    press(&mut a, "esc");
    assert_eq!(kind(&a), None);
    press(&mut a, "!");
    assert!(matches!(kind(&a), Some(OverlayKind::Skipped)));
    press(&mut a, "q");
    assert_eq!(kind(&a), None);
    assert!(!a.quit());
}

#[test]
fn a_rebound_key_changes_what_keys_do() {
    let config = Config::parse(
        "[keys.list]\nmove_down = [\"x\", \"down\"]\nopen = \"o\"\n",
        Path::new("user.toml"),
    )
    .unwrap();
    let mut a = App::new(copydesk::demo::store(), config, Marks::in_memory(), false);
    press(&mut a, "j");
    assert_eq!(a.list.selected(), 0, "j no longer moves");
    press(&mut a, "x");
    assert_eq!(a.list.selected(), 1);
    press(&mut a, "enter");
    assert_eq!(a.focus(), Focus::List, "enter no longer opens");
    press(&mut a, "o");
    assert_eq!(a.focus(), Focus::Reader);
}

#[test]
fn terminal_keys_read_as_the_chords_a_config_names() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
    let read = |code, mods| copydesk::tui::chord_of(&KeyEvent::new(code, mods));
    let parsed = |s: &str| keys::parse(s).unwrap().0[0];
    // Back-tab arrives with shift held, or as tab with shift on some terminals.
    let back = parsed("shift-tab");
    assert_eq!(read(KeyCode::BackTab, KeyModifiers::SHIFT), Some(back));
    assert_eq!(read(KeyCode::Tab, KeyModifiers::SHIFT), Some(back));
    assert_eq!(parsed("shift-backtab"), back);
    assert_eq!(read(KeyCode::Tab, KeyModifiers::NONE), Some(parsed("tab")));
    // Shifted letters come as the capital; ctrl letters as the small one.
    assert_eq!(
        read(KeyCode::Char('G'), KeyModifiers::SHIFT),
        Some(parsed("G"))
    );
    assert_eq!(
        read(
            KeyCode::Char('D'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT
        ),
        Some(parsed("ctrl-d"))
    );
    let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(copydesk::tui::chord_of(&release), None);
}

#[test]
fn the_order_cycles_through_every_sort_and_each_holds() {
    let mut a = app();
    let seen: Vec<Sort> = (0..6)
        .map(|_| {
            a.update(Action::CycleSort);
            a.list.sort()
        })
        .collect();
    assert_eq!(
        seen,
        [
            Sort::Date,
            Sort::Source,
            Sort::Title,
            Sort::Words,
            Sort::Versions,
            Sort::Path
        ]
    );
    let articles = |a: &App| -> Vec<copydesk_core::Article> {
        a.list
            .rows()
            .iter()
            .map(|&id| a.library.store().get(id).unwrap().clone())
            .collect()
    };
    a.update(Action::CycleSort); // date
    let dates: Vec<_> = articles(&a).iter().map(|x| x.date).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first, undated last"
    );
    a.update(Action::CycleSort); // source
    assert_eq!(a.message.as_deref(), Some("sorted by source"));
    let sources: Vec<Option<String>> = articles(&a)
        .iter()
        .map(|x| x.source.as_deref().map(str::to_lowercase))
        .collect();
    let named = sources.iter().take_while(|s| s.is_some()).count();
    assert!(
        named < sources.len(),
        "the demo has articles without a source"
    );
    assert!(
        sources[named..].iter().all(Option::is_none),
        "no source goes last"
    );
    assert!(sources[..named].windows(2).all(|w| w[0] <= w[1]));
    a.update(Action::CycleSort); // headline
    a.update(Action::CycleSort); // length
    let words: Vec<u32> = articles(&a).iter().map(|x| x.words).collect();
    assert!(words.windows(2).all(|w| w[0] >= w[1]), "longest first");
    assert_eq!(a.list.rows().len(), a.library.store().len());
}

#[test]
fn filters_in_the_prompt_combine_with_the_fuzzy_words() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "source:courier");
    assert!(!a.list.rows().is_empty());
    for &id in a.list.rows() {
        let s = a
            .library
            .store()
            .get(id)
            .unwrap()
            .source
            .as_deref()
            .unwrap()
            .to_lowercase();
        assert!(s.contains("courier"), "{s}");
    }
    let couriers = a.list.rows().len();
    // Adding words narrows within the filter; the words alone match more.
    type_text(&mut a, " museum");
    let both = a.list.rows().to_vec();
    assert!(!both.is_empty() && both.len() < couriers, "{both:?}");
    press(&mut a, "ctrl-u");
    type_text(&mut a, "museum");
    assert!(a.list.rows().len() > both.len());
    // Date bounds keep dated articles inside them only.
    press(&mut a, "ctrl-u");
    type_text(&mut a, "since:2026-04-01 until:2026-07-08");
    assert!(!a.list.rows().is_empty());
    let (since, until) = ("2026-04-01".parse().unwrap(), "2026-07-08".parse().unwrap());
    for &id in a.list.rows() {
        // A date of unknown year (a dateline's) is compared by month and day.
        let d = a.library.store().get(id).unwrap().date.unwrap();
        assert!(d.on_or_after(since) && d.on_or_before(until), "{d}");
        if d.year().is_some() {
            assert!(("2026-04-01"..="2026-07-08").contains(&d.to_string().as_str()));
        }
    }
    // A bad date says how to write one and filters nothing by date.
    press(&mut a, "ctrl-u");
    type_text(&mut a, "since:soon x");
    assert!(a.message.as_deref().unwrap().contains("not a date"));
    // Leaving the prompt with esc drops the filter too.
    press(&mut a, "esc");
    assert_eq!(a.list.rows().len(), a.library.store().len());
}

#[test]
fn articles_go_to_the_browser_editor_pager_and_clipboard() {
    use copydesk::tui::external::External;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("feed.jsonl"),
        "{\"title\": \"Harbour reopens\", \"body\": \"Ferries run again.\", \"url\": \"https://example.org/harbour\"}\n\
         {\"title\": \"Bridge closes\", \"body\": \"Repairs start on Monday.\"}\n",
    )
    .unwrap();
    let store = copydesk_core::Store::load(dir.path()).unwrap();
    let config = Config {
        open_command: Some("firefox --new-tab".into()),
        ..Config::default()
    };
    let mut a = App::new(store, config, Marks::in_memory(), false);
    a.take_jobs();
    press(&mut a, "O");
    assert_eq!(
        a.take_external(),
        [External::Launch {
            argv: vec![
                "firefox".into(),
                "--new-tab".into(),
                "https://example.org/harbour".into()
            ]
        }]
    );
    press(&mut a, "y u");
    assert_eq!(
        a.take_external(),
        [External::Copy("https://example.org/harbour".into())]
    );
    press(&mut a, "y y");
    assert_eq!(
        a.take_external(),
        [External::Copy("Harbour reopens".into())]
    );
    assert_eq!(
        a.message.as_deref(),
        Some("headline copied to the clipboard")
    );
    let file = dir.path().join("feed.jsonl");
    press(&mut a, "y p");
    assert_eq!(
        a.take_external(),
        [External::Copy(format!("{}#1", file.display()))]
    );
    press(&mut a, "e");
    match a.take_external().as_slice() {
        [
            External::Foreground {
                argv,
                stdin: None,
                what: "editor",
            },
        ] => {
            assert_eq!(argv.last().unwrap(), &file.display().to_string());
        }
        other => panic!("{other:?}"),
    }
    // The second record has no URL; the pager reads the article's text.
    press(&mut a, "j O");
    assert!(a.take_external().is_empty());
    assert!(a.message.as_deref().unwrap().contains("no URL"));
    press(&mut a, "P");
    match a.take_external().as_slice() {
        [
            External::Foreground {
                stdin: Some(text),
                what: "pager",
                ..
            },
        ] => {
            assert!(text.starts_with("Bridge closes\n\n"), "{text}");
            assert!(text.contains("Repairs start on Monday."));
        }
        other => panic!("{other:?}"),
    }
    // The reader hands over the article it shows.
    press(&mut a, "k enter y y");
    assert_eq!(
        a.take_external(),
        [External::Copy("Harbour reopens".into())]
    );
}

#[test]
fn the_demo_corpus_has_no_files_to_edit() {
    let mut a = app();
    press(&mut a, "e");
    assert!(a.take_external().is_empty());
    assert!(a.message.as_deref().unwrap().contains("no file to edit"));
    press(&mut a, "y p");
    assert_eq!(a.take_external().len(), 1);
}

#[test]
fn an_article_reopens_where_it_was_left_in_this_run_and_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("marks.db");
    let (marks, _) = Marks::open(&file);
    let mut a = App::new(copydesk::demo::store(), Config::default(), marks, false);
    // A small screen, so that the article scrolls.
    a.resize(40, 10);
    a.update(Action::Open);
    let first = a.reader.reading().unwrap();
    for _ in 0..12 {
        a.update(Action::MoveDown);
    }
    let (_, para) = a.reader.position().unwrap();
    assert!(
        para >= 1,
        "scrolled into the body: {para}, offset {}, focus {:?}, {:?}",
        a.reader.scroll().offset(),
        a.focus(),
        a.reader
            .text()
            .map(|t| t.lines.iter().map(|l| l.para).collect::<Vec<_>>())
    );
    // Another article opens from its top; going back finds the first where it was.
    a.update(Action::NextArticle);
    assert_eq!(a.reader.scroll().offset(), 0);
    a.update(Action::PrevArticle);
    assert_eq!(a.reader.reading(), Some(first));
    assert_eq!(a.reader.position(), Some((first, para)));
    a.remember_position();
    drop(a);
    // The next copydesk opens it there too.
    let (marks, _) = Marks::open(&file);
    let mut b = App::new(copydesk::demo::store(), Config::default(), marks, false);
    b.resize(40, 10);
    assert_eq!(b.library.position(first), para, "kept in the database");
    b.update(Action::Open);
    assert_eq!(b.reader.position(), Some((first, para)));
    // A pane tall enough to show the whole article cannot put that paragraph at
    // the top; where it was left is kept all the same.
    b.resize(120, 40);
    b.remember_position();
    drop(b);
    let (marks, _) = Marks::open(&file);
    let mut c = App::new(copydesk::demo::store(), Config::default(), marks, false);
    c.resize(120, 40);
    c.update(Action::Open);
    c.remember_position();
    assert_eq!(c.library.position(first), para);
    // Scrolling is a new place to leave it at.
    c.resize(40, 10);
    c.update(Action::First);
    c.remember_position();
    assert_eq!(c.library.position(first), 0);
}

#[test]
fn a_start_up_warning_outlives_the_load_message_until_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("a.txt"),
        "Harbour strike ends\n\nDockers voted.\n",
    )
    .unwrap();
    std::fs::write(root.join("b.bin.txt"), [0u8, 1, 2, 0, 0, 0]).unwrap();
    let db = dir.path().join("marks.db");
    std::fs::write(&db, vec![0x5au8; 4096]).unwrap();
    let (marks, warning) = Marks::open(&db);
    let mut a = App::new(
        copydesk_core::store::Store::new(&root),
        Config::default(),
        marks,
        true,
    );
    a.warning = warning;
    let mut summary = None;
    copydesk_core::load::load(&root, &Default::default(), |batch| {
        a.outside(copydesk::tui::event::Outside::Loaded(batch));
        std::ops::ControlFlow::Continue(())
    })
    .map(|s| summary = Some(s))
    .unwrap();
    a.outside(copydesk::tui::event::Outside::LoadDone(summary.unwrap()));
    assert!(
        a.message.as_deref().unwrap_or("").contains("not loaded"),
        "{:?}",
        a.message
    );
    let w = a.warning.clone().unwrap();
    assert!(w.contains("was damaged"), "{w}");
    press(&mut a, "j");
    assert!(a.warning.is_none());
}
