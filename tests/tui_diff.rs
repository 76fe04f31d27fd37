//! The comparison view and the story view, driven by keys without a terminal:
//! opening a comparison from a story or from a mark, jumping between changes,
//! folding, swapping, cycling versions, and going back.

mod common;

use copydesk::config::{Config, Context};
use copydesk::keys;
use copydesk::tui::app::App;
use copydesk::tui::comparison::{DiffLayout, is_change};
use copydesk::tui::event::Outside;
use copydesk::tui::focus::Focus;
use copydesk_core::article::ArticleId;
use copydesk_core::compare::RowKind;
use copydesk_core::state::Marks;

fn app() -> App {
    common::demo_app()
}

fn press(app: &mut App, keys_typed: &str) {
    for k in keys_typed.split(' ') {
        for chord in keys::parse(k).unwrap().0 {
            app.key(chord);
        }
    }
}

fn id(a: &App, path: &str) -> ArticleId {
    a.library.store().find_path(path).unwrap()
}

fn select(a: &mut App, path: &str) {
    let want = id(a, path);
    let row = a.list.rows().iter().position(|&r| r == want).unwrap();
    a.list.select(row);
}

fn story_of(a: &App, path: &str) -> Vec<ArticleId> {
    let clusters = a.library.clusters().unwrap();
    clusters
        .cluster_of(id(a, path))
        .expect("the demo story has versions")
        .members
        .clone()
}

#[test]
fn compare_opens_the_closest_version_and_back_returns() {
    let mut a = app();
    select(&mut a, "courier/dockers-walk-out.md");
    press(&mut a, "c");
    let d = a.comparison.view().expect("the view is open");
    let story = story_of(&a, "courier/dockers-walk-out.md");
    let me = id(&a, "courier/dockers-walk-out.md");
    assert!(
        d.left == me || d.right == me,
        "the selected article is one side"
    );
    assert!(story.contains(&d.left) && story.contains(&d.right));
    assert_ne!(d.left, d.right);
    let closest = a.library.clusters().unwrap().closest(me).unwrap();
    assert!(d.left == closest || d.right == closest);
    assert_eq!(a.context(), Context::Diff);
    assert!(a.message.as_deref().unwrap().contains("changes"));
    // Versions to cycle through: the story's others than the left one.
    assert_eq!(d.versions.len(), story.len() - 1);
    assert!(!d.versions.contains(&d.left));

    press(&mut a, "q");
    assert!(a.comparison.view().is_none());
    assert_eq!(a.context(), Context::List);
    assert_eq!(
        a.list.selected_article(),
        Some(me),
        "the list is where it was"
    );

    // From the reader, back goes to the reader.
    press(&mut a, "enter c");
    assert!(a.comparison.view().is_some());
    press(&mut a, "esc");
    assert_eq!(a.focus(), Focus::Reader);
    assert!(a.comparison.view().is_none());
}

#[test]
fn an_article_without_versions_says_how_to_compare_it() {
    let mut a = app();
    select(&mut a, "northwire/comet-sighting.txt");
    press(&mut a, "c");
    assert!(a.comparison.view().is_none());
    let m = a.message.clone().unwrap();
    assert!(
        m.contains("no other version") && m.contains("m marks"),
        "{m}"
    );
}

#[test]
fn a_mark_compares_any_two_articles() {
    let mut a = app();
    select(&mut a, "northwire/comet-sighting.txt");
    press(&mut a, "m");
    assert_eq!(
        a.comparison.marked(),
        Some(id(&a, "northwire/comet-sighting.txt"))
    );
    // Pressing it again unmarks; a third time marks again.
    press(&mut a, "m");
    assert_eq!(a.comparison.marked(), None);
    press(&mut a, "m");
    select(&mut a, "courier/museum-reopens.md");
    press(&mut a, "c");
    let d = a.comparison.view().unwrap();
    assert_eq!(d.left, id(&a, "northwire/comet-sighting.txt"));
    assert_eq!(d.right, id(&a, "courier/museum-reopens.md"));
    assert_eq!(a.comparison.marked(), None, "the mark is used up");
    // Two unrelated stories: everything on the left is dropped, on the right added.
    let s = &d.comparison.summary;
    assert!(s.added_sentences > 0 && s.dropped_sentences > 0, "{s:?}");
    assert_eq!(s.kept_sentences, 0);
}

#[test]
fn a_resend_with_the_same_text_says_there_is_nothing_to_see() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Harbour reopens\n\nThe harbour reopened on Friday after the storm. \
                Ferries will run on the usual timetable from Monday.\n";
    std::fs::write(dir.path().join("first.txt"), text).unwrap();
    std::fs::write(dir.path().join("resend.txt"), text).unwrap();
    let store = copydesk_core::Store::load(dir.path()).unwrap();
    let mut a = App::new(store, Config::default(), Marks::in_memory(), false);
    a.take_jobs();
    a.list.select(0);
    press(&mut a, "m j c");
    let d = a.comparison.view().expect("the view opens");
    assert_ne!(d.left, d.right);
    assert!(d.changes().is_empty());
    assert_eq!(d.comparison.summary.line(), "the two bodies are the same");
    let m = a.message.clone().unwrap();
    assert!(m.ends_with("no changes"), "{m}");
}

#[test]
fn jumping_visits_every_change_in_order_and_stops_at_the_ends() {
    let mut a = app();
    select(&mut a, "courier/dockers-walk-out.md");
    press(&mut a, "c");
    let changes = a.comparison.view().unwrap().changes();
    assert!(changes.len() >= 4, "{changes:?}");
    let mut visited = Vec::new();
    for _ in 0..changes.len() {
        press(&mut a, "]");
        let d = a.comparison.view().unwrap();
        let row = d.cursor().unwrap();
        visited.push(row);
        assert!(is_change(&d.comparison.rows[row]));
        // The change is on screen.
        let line = d.layout().line_of_row[row];
        assert!(
            line >= d.scroll().offset() && line < d.scroll().offset() + d.scroll().height(),
            "line {line}"
        );
    }
    assert_eq!(visited, changes);
    assert_eq!(
        a.message.as_deref(),
        Some(format!("change {} of {}", changes.len(), changes.len()).as_str())
    );
    // At the last change the cursor stays and says so.
    press(&mut a, "n");
    assert_eq!(
        a.comparison.view().unwrap().cursor(),
        changes.last().copied()
    );
    assert!(a.message.as_deref().unwrap().contains("last"));
    // Backwards, with both keys.
    press(&mut a, "[");
    assert_eq!(
        a.comparison.view().unwrap().cursor(),
        Some(changes[changes.len() - 2])
    );
    for _ in 0..changes.len() {
        press(&mut a, "N");
    }
    assert_eq!(a.comparison.view().unwrap().cursor(), Some(changes[0]));
    assert!(a.message.as_deref().unwrap().contains("first"));
}

#[test]
fn after_scrolling_away_the_next_change_is_the_first_below_the_top() {
    let mut a = app();
    select(&mut a, "courier/dockers-walk-out.md");
    press(&mut a, "c");
    {
        let d = a.comparison.view_mut().unwrap();
        d.set_height(6);
    }
    press(&mut a, "]");
    let first = a.comparison.view().unwrap().cursor().unwrap();
    press(&mut a, "G");
    let d = a.comparison.view().unwrap();
    let top = d.scroll().offset();
    let expected = d
        .changes()
        .into_iter()
        .find(|&r| d.layout().line_of_row[r] >= top)
        .unwrap();
    press(&mut a, "]");
    let d = a.comparison.view().unwrap();
    assert_eq!(d.cursor(), Some(expected));
    assert_ne!(Some(first), d.cursor());
}

#[test]
fn folding_hides_unchanged_runs_and_keeps_every_change() {
    let mut a = app();
    select(&mut a, "northwire/central-bank-rates.txt");
    press(&mut a, "m");
    select(&mut a, "valdorian-daily/rates-held.md");
    press(&mut a, "c");
    let before = a.comparison.view().unwrap().layout().clone();
    press(&mut a, "z");
    let d = a.comparison.view().unwrap();
    assert!(d.folded());
    let folds: Vec<_> = d.layout().lines.iter().filter(|l| l.fold).collect();
    assert!(
        !folds.is_empty(),
        "the demo pair has a run of kept sentences"
    );
    for f in &folds {
        assert!(f.rows.len() >= copydesk::tui::comparison::FOLD_MIN);
        let text: String = f.left.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(text, format!("… {} sentences unchanged …", f.rows.len()));
        for r in f.rows.clone() {
            assert!(!is_change(&d.comparison.rows[r]));
        }
    }
    assert!(d.layout().lines.len() < before.lines.len());
    for r in d.changes() {
        let line = &d.layout().lines[d.layout().line_of_row[r]];
        assert!(!line.fold && line.rows.start == r);
    }
    press(&mut a, "z");
    assert_eq!(*a.comparison.view().unwrap().layout(), before);
}

#[test]
fn swapping_sides_turns_additions_into_drops() {
    let mut a = app();
    select(&mut a, "courier/dockers-walk-out.md");
    press(&mut a, "c");
    let d = a.comparison.view().unwrap();
    let (l, r) = (d.left, d.right);
    let s = d.comparison.summary.clone();
    press(&mut a, "s");
    let d = a.comparison.view().unwrap();
    assert_eq!((d.left, d.right), (r, l));
    let t = &d.comparison.summary;
    assert_eq!(t.added_sentences, s.dropped_sentences);
    assert_eq!(t.dropped_sentences, s.added_sentences);
    assert_eq!(t.changed_sentences, s.changed_sentences);
    assert!(!d.versions.contains(&d.left));
    assert!(
        d.versions.contains(&l),
        "the old left side can be cycled to"
    );
    press(&mut a, "s");
    let d = a.comparison.view().unwrap();
    assert_eq!((d.left, d.right), (l, r));
    assert_eq!(d.comparison.summary, s);
}

#[test]
fn tab_cycles_the_right_side_through_the_story() {
    let mut a = app();
    select(&mut a, "courier/dockers-walk-out.md");
    press(&mut a, "c");
    let d = a.comparison.view().unwrap();
    let left = d.left;
    let versions = d.versions.clone();
    assert_eq!(versions.len(), 3, "a story of four versions");
    let start = d.right;
    let mut seen = vec![start];
    for _ in 0..versions.len() - 1 {
        press(&mut a, "tab");
        let d = a.comparison.view().unwrap();
        assert_eq!(d.left, left, "the left side stays");
        assert_eq!(
            d.comparison.right.path,
            a.library.store().get(d.right).unwrap().location.to_string()
        );
        seen.push(d.right);
    }
    let mut sorted = seen.clone();
    sorted.sort();
    let mut all = versions.clone();
    all.sort();
    assert_eq!(sorted, all, "every other version comes round once");
    press(&mut a, "tab");
    assert_eq!(
        a.comparison.view().unwrap().right,
        start,
        "and then the first again"
    );
    press(&mut a, "shift-tab");
    assert_eq!(a.comparison.view().unwrap().right, *seen.last().unwrap());
    assert!(a.message.as_deref().unwrap().contains("of 3"));
}

#[test]
fn a_two_version_story_has_nothing_to_cycle_to() {
    let mut a = app();
    select(&mut a, "courier/ferry-road-sold.txt");
    press(&mut a, "c");
    let right = a.comparison.view().unwrap().right;
    press(&mut a, "tab");
    assert_eq!(a.comparison.view().unwrap().right, right);
    assert!(a.message.as_deref().unwrap().contains("no other version"));
}

#[test]
fn the_layout_keeps_rows_level_at_any_width() {
    let mut a = app();
    select(&mut a, "courier/dockers-walk-out.md");
    press(&mut a, "c");
    let c = a.comparison.view().unwrap().comparison.clone();
    for width in [100u16, 120, 160, 240] {
        let layout = DiffLayout::build(&c, width, false);
        assert!(!layout.stacked);
        for (i, row) in c.rows.iter().enumerate() {
            if row.unit == copydesk_core::compare::UnitKind::Headline {
                continue;
            }
            // A row's lines are consecutive and start together on both sides.
            let first = layout.line_of_row[i];
            let lines: Vec<_> = layout.lines.iter().filter(|l| l.rows.start == i).collect();
            assert_eq!(layout.lines[first].rows.start, i);
            if row.left.is_some() {
                assert!(
                    !lines[0].left.is_empty(),
                    "left text starts on the row's first line"
                );
            }
            if row.right.is_some() {
                assert!(!lines[0].right.is_empty());
            }
            for l in &lines {
                let w = |cell: &Vec<(String, _)>| {
                    cell.iter()
                        .map(|(t, _)| copydesk_core::text::width::width(t))
                        .sum::<usize>()
                };
                assert!(w(&l.left) <= layout.column && w(&l.right) <= layout.column);
            }
        }
    }
    // Narrow: one column, added and dropped marked in the gutter.
    let stacked = DiffLayout::build(&c, 80, false);
    assert!(stacked.stacked);
    assert!(stacked.lines.iter().all(|l| l.right.is_empty()));
    let marks: String = stacked.lines.iter().map(|l| l.mark).collect();
    for (i, row) in c.rows.iter().enumerate() {
        let mark = stacked.lines[stacked.line_of_row[i]].mark;
        match row.kind {
            RowKind::Added if !row.moved => assert_eq!(mark, '+'),
            RowKind::Dropped if !row.moved => assert_eq!(mark, '-'),
            _ => {}
        }
    }
    assert!(marks.contains('↕'), "the demo pair has a moved sentence");
}

#[test]
fn the_story_view_groups_versions_and_expands_in_place() {
    let mut a = app();
    let all = a.list.rows().len();
    let clusters = a.library.clusters().unwrap().clone();
    let clustered = clusters.clustered_articles();
    press(&mut a, "v");
    assert!(a.list.stories());
    assert_eq!(
        a.list.rows().len(),
        all - clustered + clusters.clusters.len()
    );
    let members = story_of(&a, "courier/dockers-walk-out.md");
    let cluster = clusters
        .cluster_of(id(&a, "courier/dockers-walk-out.md"))
        .unwrap();
    // The story's row is its first version with a real headline, the others below.
    let first = copydesk::tui::list::story_head(cluster, &a.library);
    let mut story = vec![first];
    story.extend(members.iter().filter(|&&m| m != first));
    let at = a.list.rows().iter().position(|&r| r == first).unwrap();
    for &m in &story[1..] {
        assert!(
            !a.list.rows().contains(&m),
            "versions are folded into the story's row"
        );
    }
    a.list.select(at);
    press(&mut a, "space");
    // The story's row, then its other versions in the order they came: the
    // first of them on the story's row.
    let timeline = copydesk_core::story::timeline(a.library.store(), &story);
    let order: Vec<u32> = timeline.iter().map(|s| s.article).collect();
    assert_eq!(&a.list.rows()[at..at + story.len()], order.as_slice());
    let mut shown = a.list.rows()[at..at + story.len()].to_vec();
    shown.sort_unstable();
    let mut all_versions = story.clone();
    all_versions.sort_unstable();
    assert_eq!(shown, all_versions);
    assert_eq!(a.list.selected(), at);
    // A version's row works like any article's: open it, then collapse from it.
    press(&mut a, "j");
    assert_eq!(a.list.selected_article(), Some(order[1]));
    press(&mut a, "space");
    assert_eq!(
        a.list.rows().len(),
        all - clustered + clusters.clusters.len()
    );
    assert_eq!(
        a.list.selected_article(),
        Some(first),
        "the story's row is selected"
    );
    press(&mut a, "v");
    assert_eq!(a.list.rows().len(), all);
    assert_eq!(a.list.selected_article(), Some(first));
}

#[test]
fn the_reader_highlights_what_only_this_version_says() {
    let mut a = app();
    select(&mut a, "courier/dockers-walk-out.md");
    press(&mut a, "enter u");
    assert!(a.reader.highlights_unique());
    let m = a.message.clone().unwrap();
    assert!(m.contains("in no other version"), "{m}");
    let me = id(&a, "courier/dockers-walk-out.md");
    let u = a.reader.unique_for(me, &a.library).unwrap();
    assert!(u.words > 0);
    let body = &a.library.store().get(me).unwrap().body;
    let text: Vec<&str> = u.ranges.iter().map(|r| &body[r.clone()]).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("simmering since last spring")),
        "{text:?}"
    );
    press(&mut a, "u");
    assert!(!a.reader.highlights_unique());
    // An article without versions has nothing to set against.
    press(&mut a, "q");
    select(&mut a, "northwire/comet-sighting.txt");
    press(&mut a, "enter u");
    assert!(!a.reader.highlights_unique());
    assert!(a.message.as_deref().unwrap().contains("no other versions"));
}

#[test]
fn long_articles_are_compared_in_the_background() {
    // Two versions of about 15,000 words each: over the on-the-spot limit.
    let para = |i: usize, v: &str| {
        format!(
            "Paragraph {i} of the long report says the harbour works ran {v} over the plan in year {i}, the auditors found.\n\n"
        )
    };
    let left: String = (0..800).map(|i| para(i, "far")).collect();
    let right: String = (0..800)
        .map(|i| para(i, if i % 50 == 0 { "well" } else { "far" }))
        .collect();
    let left = format!("The long report\n\n{left}");
    let right = format!("The long report, revised\n\n{right}");
    let (articles, _) = copydesk_core::load::load_memory([
        ("left.txt", left.as_bytes()),
        ("right.txt", right.as_bytes()),
    ]);
    assert!(articles.iter().map(|a| a.words).sum::<u32>() > 20_000);
    let store = copydesk_core::Store::from_articles("long", articles, Vec::new());
    let mut a = App::new(store, Config::default(), Marks::in_memory(), false);
    a.take_jobs();
    press(&mut a, "m j c");
    assert!(
        a.comparison.view().is_none(),
        "the view waits for the comparison"
    );
    assert!(a.comparison.working());
    let jobs = a.take_jobs();
    let [
        copydesk::tui::job::Job::Compare {
            generation,
            request,
            message,
        },
    ] = jobs.as_slice()
    else {
        panic!("one comparison job, not {jobs:?}");
    };
    // Keys still work meanwhile.
    press(&mut a, "k");
    assert_eq!(a.list.selected(), 0);
    // An answer to an older request is dropped; the current one opens the view.
    let state =
        copydesk::tui::comparison::ComparisonView::new(a.library.texts(), request).map(Box::new);
    a.outside(Outside::Compared {
        generation: generation - 1,
        view: state.clone(),
        message: message.clone(),
    });
    assert!(a.comparison.view().is_none());
    a.outside(Outside::Compared {
        generation: *generation,
        view: state,
        message: message.clone(),
    });
    let d = a.comparison.view().expect("the view opens");
    assert_eq!(d.changes().len(), 16, "one changed sentence in fifty");
    assert!(!a.comparison.working());
    // Swapping is a new long comparison, made in the background too.
    press(&mut a, "s");
    assert!(a.comparison.working());
    assert!(matches!(
        a.take_jobs().as_slice(),
        [copydesk::tui::job::Job::Compare { .. }]
    ));
    // Leaving the view drops it.
    press(&mut a, "q");
    assert!(!a.comparison.working() && a.comparison.view().is_none());
}

#[test]
fn the_comparison_is_exported_into_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let store = copydesk::demo::store();
    let (marks, _) = Marks::open(&data.path().join("marks.db"));
    let mut a = App::new(store, Config::default(), marks, false);
    a.take_jobs();
    let clusters =
        copydesk_core::dedup::cluster(a.library.store().articles(), &Default::default(), &|_| {});
    a.outside(Outside::Clustered(clusters));
    select(&mut a, "northwire/geneva-talks.txt");
    press(&mut a, "c e");
    assert!(a.comparison.view().is_some(), "still in the comparison");
    let m = a.message.clone().unwrap();
    let written = data.path().join("exports");
    assert!(m.starts_with("comparison written to "), "{m}");
    let file = std::path::PathBuf::from(m.trim_start_matches("comparison written to "));
    assert!(file.starts_with(&written), "{m}");
    let page = std::fs::read_to_string(&file).unwrap();
    let d = a.comparison.view().unwrap();
    assert!(page.contains(&d.comparison.summary.line()));
    // Without a data folder, the message says what to do.
    let mut b = app();
    select(&mut b, "northwire/geneva-talks.txt");
    press(&mut b, "c e");
    assert!(b.message.as_deref().unwrap().contains("COPYDESK_DATA_DIR"));
}
