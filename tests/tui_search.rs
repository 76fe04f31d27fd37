//! Searching and reading the way fzf, less and newsboat users expect, driven with
//! keys and actions on the demo corpus without a terminal: the best match
//! selected while typing, a prompt that edits like a line, search inside an
//! article, the reader following the list, the mouse, counts before moves.

mod common;

use copydesk::config::{Action, Context};
use copydesk::keys::{self, Chord, Key};
use copydesk::tui::app::{App, DOUBLE_CLICK};
use copydesk::tui::focus::Focus;
use copydesk::tui::layout::Areas;

fn app() -> App {
    let mut a = common::demo_app();
    a.resize(120, 40);
    a
}

fn press(app: &mut App, keys_typed: &str) {
    for k in keys_typed.split(' ') {
        for chord in keys::parse(k).unwrap().0 {
            app.key(chord);
        }
    }
}

/// Types `text` one key at a time, as a person does (never pasted in one go).
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.key(Chord::plain(Key::Char(c)));
    }
}

#[test]
fn while_typing_the_best_match_is_selected_and_the_list_shows_the_top() {
    let mut a = app();
    press(&mut a, "/");
    let mut old_top_moved_down = false;
    let mut previous_top = None;
    for c in "talks".chars() {
        type_text(&mut a, &c.to_string());
        assert_eq!(
            a.list.selected(),
            0,
            "after {c:?} the best match is selected"
        );
        assert_eq!(a.list.scroll().offset(), 0, "and the list shows the top");
        let top = a.list.rows()[0];
        if let Some(p) = previous_top
            && p != top
            && a.list.rows().contains(&p)
        {
            // The old top is still a match, further down: keeping it selected
            // (what the reader used to do) would not select the best match.
            old_top_moved_down = true;
        }
        previous_top = Some(top);
    }
    assert!(
        old_top_moved_down,
        "the query must move an old top match down, or this test shows nothing"
    );
    // Enter keeps the search and opens the best match.
    let best = a.list.rows()[0];
    press(&mut a, "enter enter");
    assert_eq!(a.reader.reading(), Some(best));
}

#[test]
fn a_move_of_ones_own_is_kept_until_the_query_changes() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "o");
    press(&mut a, "ctrl-n ctrl-n");
    assert_eq!(a.list.selected(), 2);
    // New ranking of the same query (as from the background) keeps the move.
    a.list.refresh_results(&a.library, &a.prompt.found());
    assert_eq!(a.list.selected(), 2);
    type_text(&mut a, "s");
    assert_eq!(a.list.selected(), 0, "a new query selects its best match");
    press(&mut a, "enter j j");
    assert_eq!(a.list.selected(), 2);
    a.list.refresh_results(&a.library, &a.prompt.found());
    assert_eq!(a.list.selected(), 2);
}

#[test]
fn the_prompt_edits_like_a_line() {
    let mut a = app();
    press(&mut a, "/ a b c left left");
    type_text(&mut a, "Z");
    assert_eq!(a.prompt.text(), "aZbc");
    press(&mut a, "ctrl-a");
    type_text(&mut a, "<");
    press(&mut a, "ctrl-e");
    type_text(&mut a, ">");
    assert_eq!(a.prompt.text(), "<aZbc>");
    press(&mut a, "home delete");
    assert_eq!(a.prompt.text(), "aZbc>");
    press(&mut a, "end ctrl-u");
    assert_eq!(a.prompt.text(), "", "ctrl-u clears");
    type_text(&mut a, "geneva talks");
    press(&mut a, "ctrl-w");
    assert_eq!(a.prompt.text(), "geneva ");
    type_text(&mut a, "peace");
    press(&mut a, "alt-backspace");
    assert_eq!(a.prompt.text(), "geneva ");
    press(&mut a, "alt-b");
    type_text(&mut a, "x");
    assert_eq!(a.prompt.text(), "xgeneva ");
    press(&mut a, "ctrl-right");
    type_text(&mut a, "y");
    assert_eq!(a.prompt.text(), "xgenevay ");
    press(&mut a, "ctrl-left ctrl-left");
    assert_eq!(a.prompt.line().cursor(), 0);
    // `?` and `!` are typed, not taken for help and the skipped files.
    press(&mut a, "end ctrl-u");
    type_text(&mut a, "why? now!");
    assert_eq!(a.prompt.text(), "why? now!");
    assert!(a.overlay.is_none());
    assert_eq!(a.context(), Context::Search);
}

#[test]
fn slash_starts_fresh_history_brings_the_old_query_back_and_esc_clears() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("data/search-history");
    let mut a = app();
    a.prompt.keep_history(history.clone());
    press(&mut a, "/");
    type_text(&mut a, "sochi");
    press(&mut a, "enter");
    assert!(a.prompt.results().is_some(), "the search is kept");
    press(&mut a, "/");
    assert_eq!(a.prompt.text(), "", "/ starts a fresh query");
    type_text(&mut a, "syria");
    assert_eq!(a.prompt.text(), "syria");
    press(&mut a, "up");
    assert_eq!(a.prompt.text(), "sochi");
    press(&mut a, "down");
    assert_eq!(a.prompt.text(), "syria");
    press(&mut a, "ctrl-u");
    type_text(&mut a, "talks");
    press(&mut a, "enter");
    assert_eq!(std::fs::read_to_string(&history).unwrap(), "sochi\ntalks\n");
    // Esc in the list clears the kept search.
    press(&mut a, "esc");
    assert!(a.prompt.results().is_none());
    assert_eq!(a.prompt.text(), "");
    assert_eq!(a.list.rows().len(), 30);
    // The history is read back by the next run.
    let mut b = app();
    b.prompt.keep_history(history);
    press(&mut b, "/ up");
    assert_eq!(b.prompt.text(), "talks");
    press(&mut b, "up");
    assert_eq!(b.prompt.text(), "sochi");
}

#[test]
fn an_error_shows_only_for_what_is_in_the_prompt_now() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "since:1");
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.contains("not a date"))
    );
    type_text(&mut a, "d");
    assert_eq!(a.message, None, "a valid filter says nothing");
}

fn open(a: &mut App, path: &str) {
    let id = a.library.store().find_path(path).unwrap();
    let row = a.list.rows().iter().position(|&r| r == id).unwrap();
    a.list.select(row);
    a.update(Action::Open);
}

#[test]
fn slash_in_the_reader_finds_a_word_near_the_end_and_n_goes_on() {
    let mut a = app();
    a.resize(100, 14);
    open(&mut a, "northwire/geneva-talks.txt");
    let text = a.reader.text().unwrap();
    let last = text.lines.len() - 1;
    // A word of the last body line, far below the first screen.
    let word = text.lines[..=last]
        .iter()
        .rev()
        .find(|l| l.kind == copydesk::tui::reader::Kind::Body)
        .unwrap()
        .text
        .split_whitespace()
        .find(|w| w.len() > 5 && w.chars().all(char::is_alphabetic))
        .unwrap()
        .to_string();
    assert!(!a.reader.scroll().shows(last));
    press(&mut a, "/");
    assert_eq!(a.context(), Context::Search);
    type_text(&mut a, &word.to_uppercase());
    press(&mut a, "enter");
    let f = a.reader.find();
    let hit = f.hits[f.current.unwrap()].0;
    assert!(a.reader.scroll().shows(hit), "the hit is on screen");
    assert!(
        f.status()
            .unwrap()
            .contains(&format!("/{}", word.to_uppercase()))
    );
    // n and N go round the hits.
    let n = f.hits.len();
    let first = f.current.unwrap();
    press(&mut a, "n");
    assert_eq!(a.reader.find().current, Some((first + 1) % n));
    press(&mut a, "N");
    assert_eq!(a.reader.find().current, Some(first));
    assert!(a.reader.reading().is_some());
    assert_eq!(a.focus(), Focus::Reader, "n is a hit, not the next article");
}

#[test]
fn with_both_panes_on_screen_the_reader_follows_the_list() {
    let mut a = app();
    a.update(Action::Open);
    assert_eq!(a.focus(), Focus::Reader);
    press(&mut a, "tab j");
    assert_eq!(a.focus(), Focus::List);
    let selected = a.list.selected_article();
    assert_eq!(a.list.selected(), 1);
    assert_eq!(a.reader.reading(), selected, "the reader shows the new row");
    press(&mut a, "k");
    assert_eq!(a.reader.reading(), a.list.selected_article());
}

fn areas(a: &App) -> Areas {
    a.layout().unwrap().areas()
}

#[test]
fn the_wheel_scrolls_the_pane_under_it_and_a_double_click_opens() {
    let mut a = app();
    a.resize(120, 14);
    open(&mut a, "northwire/geneva-talks.txt");
    press(&mut a, "tab");
    let row = a.list.selected();
    let r = areas(&a).reader.unwrap();
    a.wheel(true, r.x + 3, r.y + 3, &areas(&a));
    assert_eq!(
        a.reader.scroll().offset(),
        3,
        "the unfocused reader scrolls"
    );
    assert_eq!(a.list.selected(), row);
    a.list.select(0);
    let l = areas(&a).list.unwrap();
    let now = std::time::Instant::now();
    a.click_at(l.x + 5, l.y + 3, &areas(&a), now);
    assert_eq!(a.list.selected(), 2);
    assert_eq!(a.focus(), Focus::List);
    a.click_at(
        l.x + 5,
        l.y + 3,
        &areas(&a),
        now + DOUBLE_CLICK + DOUBLE_CLICK,
    );
    assert_eq!(a.focus(), Focus::List, "two slow clicks are two clicks");
    a.click_at(l.x + 5, l.y + 3, &areas(&a), now + DOUBLE_CLICK * 3);
    assert_eq!(a.focus(), Focus::Reader, "a double click opens");
    assert_eq!(a.reader.reading(), a.list.selected_article());
}

#[test]
fn a_count_repeats_a_move() {
    let mut a = app();
    press(&mut a, "7 j");
    assert_eq!(a.list.selected(), 7);
    press(&mut a, "1 2 j");
    assert_eq!(a.list.selected(), 19);
    press(&mut a, "3 k");
    assert_eq!(a.list.selected(), 16);
    press(&mut a, "5 G");
    assert_eq!(a.list.selected(), 4);
    press(&mut a, "j");
    assert_eq!(a.list.selected(), 5, "a count is used once");
}

#[test]
fn keys_do_nothing_behind_the_too_small_screen() {
    let mut a = app();
    a.resize(30, 6);
    press(&mut a, "j j enter /");
    assert_eq!(a.list.selected(), 0);
    assert!(a.reader.reading().is_none());
    assert!(!a.prompt.editing());
    press(&mut a, "ctrl-c");
    assert!(a.quit());
}

#[test]
fn the_comparison_has_no_line_for_a_kept_query() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "kestrel");
    press(&mut a, "enter");
    assert!(a.layout().unwrap().prompt.is_some());
    press(&mut a, "c");
    for job in a.take_jobs() {
        if let copydesk::tui::job::Job::Compare {
            generation,
            request,
            message,
        } = job
        {
            let view = copydesk::tui::comparison::ComparisonView::new(a.library.texts(), &request)
                .map(Box::new);
            a.outside(copydesk::tui::event::Outside::Compared {
                generation,
                view,
                message,
            });
        }
    }
    assert!(a.comparison.view().is_some());
    assert!(a.layout().unwrap().prompt.is_none());
}

#[test]
fn starred_only_reverse_mark_all_read_and_undo() {
    let mut a = app();
    let first = a.list.rows()[0];
    let last = *a.list.rows().last().unwrap();
    press(&mut a, "R");
    assert_eq!(a.list.rows()[0], last, "reversed");
    assert!(a.message.as_deref().unwrap().contains("reversed"));
    press(&mut a, "R");
    assert_eq!(a.list.rows()[0], first);
    press(&mut a, "s j s S");
    assert_eq!(a.list.rows().len(), 2, "only the two starred");
    press(&mut a, "S");
    assert_eq!(a.list.rows().len(), 30);
    press(&mut a, "r A");
    assert!(a.list.rows().iter().all(|&id| a.library.mark(id).read));
    assert!(a.message.as_deref().unwrap().starts_with("29 marked read"));
    press(&mut a, "U");
    let unread = a
        .list
        .rows()
        .iter()
        .filter(|&&id| !a.library.mark(id).read)
        .count();
    assert_eq!(unread, 29, "undo gives back exactly what was unread");
}

#[test]
fn only_unread_drops_the_selected_read_row_too() {
    let mut a = app();
    press(&mut a, "j r");
    let read = a.list.selected_article().unwrap();
    press(&mut a, "u");
    assert!(!a.list.rows().contains(&read));
    assert_eq!(a.list.rows().len(), 29);
}

#[test]
fn path_and_mark_filters_in_the_prompt() {
    let mut a = app();
    press(&mut a, "s");
    press(&mut a, "/");
    type_text(&mut a, "path:courier");
    assert_eq!(a.list.rows().len(), 6);
    press(&mut a, "ctrl-u");
    type_text(&mut a, "is:starred");
    assert_eq!(a.list.rows().len(), 1);
    press(&mut a, "ctrl-u");
    type_text(&mut a, "is:unread path:northwire");
    assert_eq!(a.list.rows().len(), 14);
}

#[test]
fn a_story_row_shows_a_real_headline_with_its_own_source_first() {
    use copydesk_core::article::TitleRule;
    let mut a = app();
    a.resize(160, 40);
    press(&mut a, "v");
    let clusters = a.library.clusters().unwrap().clone();
    let store = a.library.store();
    let real = |id| {
        !matches!(
            store.get(id).unwrap().title_rule,
            TitleRule::Lead | TitleRule::FileName
        )
    };
    let mut checked = 0;
    for &row in a.list.rows() {
        let Some(c) = clusters.cluster_of(row) else {
            continue;
        };
        if c.members.iter().any(|&m| real(m)) {
            assert!(real(row), "{:?}", store.get(row).unwrap().title);
            checked += 1;
        }
    }
    assert!(checked > 0);
    // Drawn: the row's source comes first in the story's sources.
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 40)).unwrap();
    t.draw(|f| {
        copydesk::tui::screen::draw(f, &a);
    })
    .unwrap();
    let buf = t.backend().buffer().clone();
    for (i, &row) in a.list.rows().iter().enumerate().take(30) {
        let Some(_) = clusters.cluster_of(row) else {
            continue;
        };
        let Some(src) = store.get(row).unwrap().source.as_deref() else {
            continue;
        };
        let line: String = (0..160)
            .map(|x| buf[(x, i as u16 + 1)].symbol().to_string())
            .collect();
        let tail = line.trim_end().trim_end_matches('│').trim_end();
        let sources = tail.rsplit("  ").next().unwrap_or("");
        let short: String = src.chars().take(8).collect();
        assert!(
            sources.trim_start().starts_with(&short),
            "{src:?} first in {line:?}"
        );
    }
}

#[test]
fn full_text_hits_are_highlighted_in_the_body() {
    let mut a = app();
    press(&mut a, "/ ctrl-t");
    type_text(&mut a, "aaberg");
    let jobs = a.take_jobs();
    for job in jobs {
        if let copydesk::tui::job::Job::FullText { generation, query } = job {
            let hits = copydesk_core::search::full_text(a.library.store().articles(), &query);
            a.outside(copydesk::tui::event::Outside::Searched { generation, hits });
        }
    }
    assert!(!a.list.rows().is_empty());
    press(&mut a, "enter enter");
    let f = a.reader.find();
    assert!(!f.term_hits.is_empty(), "the body's hits are marked");
    let text = a.reader.text().unwrap();
    for (line, r) in &f.term_hits {
        assert_eq!(text.lines[*line].text[r.clone()].to_lowercase(), "aaberg");
    }
}

#[test]
fn tab_from_a_reader_at_full_width_brings_the_list_back_beside_it() {
    let mut a = app();
    a.update(Action::Open);
    press(&mut a, "z");
    assert!(a.reader.zoomed());
    assert!(a.layout().unwrap().list.is_none());
    press(&mut a, "tab j");
    assert!(a.layout().unwrap().list.is_some());
    assert_eq!(a.reader.reading(), a.list.selected_article());
}

#[test]
fn skipped_json_lines_records_are_called_records() {
    let files = [
        (
            "a.jsonl",
            "{\"title\":\"One\",\"body\":\"Body one.\"}\nnot json\nnot json\n",
        ),
        ("b.txt", "\0\0\0\0binary"),
    ];
    let (articles, skipped) =
        copydesk_core::load::load_memory(files.iter().map(|(p, t)| (*p, t.as_bytes())));
    let only_records: Vec<_> = skipped
        .iter()
        .filter(|s| s.path == "a.jsonl")
        .cloned()
        .collect();
    assert_eq!(
        copydesk::tui::overlay::skipped_count(&only_records),
        "2 records"
    );
    assert_eq!(
        copydesk::tui::overlay::skipped_count(&skipped),
        "1 file and 2 records"
    );
    let store = copydesk_core::store::Store::from_articles("mem", articles, skipped);
    let a = App::new(
        store,
        copydesk::config::Config::default(),
        copydesk_core::state::Marks::in_memory(),
        false,
    );
    let m = a.message.clone().unwrap();
    assert!(m.starts_with("1 file and 2 records not loaded"), "{m}");
}

#[test]
fn a_space_typed_after_a_word_keeps_the_results_and_their_ranking_on_its_way() {
    use copydesk::tui::event::Outside;
    use copydesk::tui::job::Job;
    // More matches than the prompt ranks on the spot, so the ranking is a job.
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..6_000)
        .map(|i| {
            let title = match i % 3 {
                0 => format!("OIL OUTPUT RISES IN FIELD {i}"),
                1 => format!("Crude oil price steady, trader {i} says"),
                _ => format!("Soil report number {i}"),
            };
            format!("{{\"title\":\"{title}\",\"body\":\"Text {i}.\",\"date\":\"1987-03-02\"}}\n")
        })
        .collect();
    std::fs::write(dir.path().join("wire.jsonl"), lines).unwrap();
    let mut a = common::app_over(copydesk_core::Store::load(dir.path()).unwrap());
    a.resize(120, 40);
    press(&mut a, "/");
    type_text(&mut a, "oil");
    // The ranking asked for by the last key ("oil").
    let ranking = a
        .take_jobs()
        .into_iter()
        .filter_map(|j| match j {
            Job::RankAll {
                generation,
                query,
                ids,
            } => Some((generation, query, ids)),
            _ => None,
        })
        .last();
    let (generation, query, ids) =
        ranking.expect("over 4,000 matches are ranked in the background");
    let before = a.list.rows().to_vec();
    type_text(&mut a, " ");
    assert!(
        !a.take_jobs()
            .iter()
            .any(|j| matches!(j, Job::RankAll { .. })),
        "the same words are not searched again"
    );
    assert!(a.list.rows() == before.as_slice(), "the results stay");
    // The ranking asked for before the space still answers.
    let hits = a.library.index().rank(&query, &ids);
    a.outside(Outside::Searched {
        generation,
        hits: hits.clone(),
    });
    let ranked: Vec<_> = hits.iter().map(|h| h.id).collect();
    assert!(a.list.rows() == ranked.as_slice(), "the ranking is taken");
    assert!(
        before != ranked,
        "the ranking changes the order, or this shows nothing"
    );
    // A new word is searched as ever.
    type_text(&mut a, "c");
    assert_eq!(
        a.list.rows().len(),
        2_000,
        "only the crude oil headlines have a c"
    );
}
