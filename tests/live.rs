//! A live folder: files added, changed and removed while the reader runs are
//! read again and applied, a burst as one batch, the selection kept.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use copydesk::config::{Action, Config};
use copydesk::tui::app::App;
use copydesk::tui::event::Outside;
use copydesk::tui::job::Job;
use copydesk::watch::{self, Watch};
use copydesk_core::state::Marks;
use copydesk_core::versions::{VersionFinder, VersionRun};
use copydesk_core::{LoadOptions, Store};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn story(title: &str, body: &str) -> String {
    format!("{title}\n\n{body}\n")
}

const FERRY: &str = "Ferries between the islands resumed on Monday after a three-day strike by crews ended with a new pay deal. \
    The operator said all routes would run to the normal timetable by Wednesday. \
    Passengers stranded over the weekend will get refunds, the company said in a statement.";

#[test]
fn only_article_files_and_folders_are_read_again() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "x");
    write(dir.path(), "notes.pdf", "x");
    write(dir.path(), "sub/b.md", "x");
    write(dir.path(), ".hidden/c.txt", "x");
    let root = dir.path().canonicalize().unwrap();
    let touched = watch::relevant(
        &root,
        [
            "a.txt",
            "notes.pdf",
            "sub",
            "sub/b.md",
            ".hidden/c.txt",
            "gone.txt",
            "a.txt",
        ]
        .iter()
        .map(|p| root.join(p))
        .collect(),
    );
    assert_eq!(touched, ["a.txt", "gone.txt", "sub"]);
}

#[test]
fn changed_paths_are_read_with_paths_from_the_root() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "wire/ferry.txt",
        &story("Ferries run again", FERRY),
    );
    write(
        dir.path(),
        "feeds/day.jsonl",
        "{\"title\": \"Bridge opens\", \"body\": \"The new bridge opened.\"}\n{\"title\": \"Port busy\", \"body\": \"Ships queue.\"}\n",
    );
    write(dir.path(), "feeds/broken.json", "{ not json");
    let touched = vec![
        "wire/ferry.txt".to_string(),
        "feeds".to_string(),
        "gone.txt".to_string(),
    ];
    let c = watch::read(dir.path(), touched, &LoadOptions::default());
    let mut paths: Vec<String> = c.articles.iter().map(|a| a.location.to_string()).collect();
    paths.sort();
    assert_eq!(
        paths,
        ["feeds/day.jsonl#1", "feeds/day.jsonl#2", "wire/ferry.txt"]
    );
    assert_eq!(c.skipped.len(), 1);
    assert_eq!(c.skipped[0].path, "feeds/broken.json");
}

/// An app over `dir`, loaded and clustered as the reader would be, and the
/// finder that keeps what the clustering kept, as for a followed folder.
fn reader(dir: &Path) -> (App, VersionFinder) {
    let store = Store::load(dir).unwrap();
    let mut a = App::new(store, Config::default(), Marks::in_memory(), false);
    assert_eq!(a.take_jobs(), [Job::Versions(VersionRun::Full)]);
    let mut finder = VersionFinder::new(Default::default(), true);
    let c = finder.run(a.library.store().articles(), &VersionRun::Full, &|_| {});
    a.outside(Outside::Clustered(c));
    (a, finder)
}

/// What the watcher would hand over for `touched`, applied as the loop does.
fn changed(a: &mut App, finder: &mut VersionFinder, dir: &Path, touched: &[&str]) {
    let touched = touched.iter().map(|s| s.to_string()).collect();
    a.outside(Outside::Changed(watch::read(
        dir,
        touched,
        &LoadOptions::default(),
    )));
    assert!(a.apply_live_changes());
    // Only what changed is set against the versions found before.
    let jobs = a.take_jobs();
    let Some(Job::Versions(run @ VersionRun::Update { .. })) = jobs
        .iter()
        .find(|j| matches!(j, Job::Versions(VersionRun::Update { .. })))
    else {
        panic!("{jobs:?}");
    };
    let c = finder.run(a.library.store().articles(), run, &|_| {});
    a.outside(Outside::Clustered(c));
}

#[test]
fn added_changed_and_removed_files_update_the_list_and_keep_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        write(
            dir.path(),
            &format!("old/{i:02}.txt"),
            &story(
                &format!("Council notice number {i}"),
                &format!("The council published notice {i} about road works in district {i}."),
            ),
        );
    }
    write(
        dir.path(),
        "wire/ferry.txt",
        &story("Ferries run again", FERRY),
    );
    let (mut a, mut finder) = reader(dir.path());
    assert_eq!(a.list.rows().len(), 31);
    a.list.set_height(10);
    // Select and read an article low in the list.
    a.update(Action::Last);
    let ferry = a.list.selected_article().unwrap();
    assert_eq!(
        a.library.store().get(ferry).unwrap().location.to_string(),
        "wire/ferry.txt"
    );
    a.update(Action::Open);
    let offset = a.list.scroll().offset();

    // A rewrite arrives, the read article changes, and a notice goes.
    write(
        dir.path(),
        "new/ferry-rewrite.txt",
        &story(
            "Island ferries back after strike",
            &FERRY.replace("Monday", "Monday morning"),
        ),
    );
    write(
        dir.path(),
        "wire/ferry.txt",
        &story(
            "Ferries run again",
            &format!("{FERRY} Unions welcomed the deal."),
        ),
    );
    std::fs::remove_file(dir.path().join("old/03.txt")).unwrap();
    changed(
        &mut a,
        &mut finder,
        dir.path(),
        &["new", "wire/ferry.txt", "old/03.txt"],
    );

    assert_eq!(
        a.message.as_deref(),
        Some("+1 article, 1 changed, 1 removed, 2 new versions")
    );
    assert_eq!(a.list.rows().len(), 31);
    let paths: Vec<String> = a
        .list
        .rows()
        .iter()
        .map(|&id| a.library.store().get(id).unwrap().location.to_string())
        .collect();
    assert!(!paths.iter().any(|p| p == "old/03.txt"));
    assert!(paths.iter().any(|p| p == "new/ferry-rewrite.txt"));
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "still in path order");
    // The selection and the reader followed the changed article.
    let now = a.list.selected_article().unwrap();
    assert_eq!(
        a.library.store().get(now).unwrap().location.to_string(),
        "wire/ferry.txt"
    );
    assert!(
        a.library
            .store()
            .get(now)
            .unwrap()
            .body
            .contains("Unions welcomed")
    );
    assert_eq!(a.reader.reading(), Some(now));
    assert_eq!(a.list.scroll().offset(), offset, "the list did not scroll");
    assert!(!a.library.store().is_live(ferry));
    // The two ferry stories are versions of one story now.
    let c = a.library.clusters().unwrap();
    assert_eq!(c.versions(now), 2);

    // Saving a file without changing it says nothing and changes nothing.
    a.message = None;
    let touched = vec!["wire/ferry.txt".to_string()];
    a.outside(Outside::Changed(watch::read(
        dir.path(),
        touched,
        &LoadOptions::default(),
    )));
    assert!(!a.apply_live_changes());
    assert_eq!(a.list.selected_article(), Some(now));
    assert_eq!(a.message, None);
}

#[test]
fn a_search_follows_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &story("Ferries run again", FERRY));
    let (mut a, mut finder) = reader(dir.path());
    a.update(Action::Search);
    for c in "harbour".chars() {
        a.key(copydesk::keys::Chord::plain(copydesk::keys::Key::Char(c)));
    }
    assert!(a.list.rows().is_empty());
    write(
        dir.path(),
        "b.txt",
        &story("Harbour dredging starts", "Work began."),
    );
    changed(&mut a, &mut finder, dir.path(), &["b.txt"]);
    assert_eq!(a.list.rows().len(), 1);
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    changed(&mut a, &mut finder, dir.path(), &["b.txt"]);
    assert!(
        a.list.rows().is_empty(),
        "a removed article leaves the results"
    );
}

#[test]
fn a_burst_of_ten_thousand_files_arrives_as_one_batch() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "seed.txt", &story("Ferries run again", FERRY));
    std::fs::create_dir(dir.path().join("inbox")).unwrap();
    let (tx, rx) = mpsc::channel();
    let noticed_tx = tx.clone();
    let _watch = Watch::start(
        dir.path(),
        LoadOptions::default(),
        move |n| {
            let _ = noticed_tx.send(Err(n));
        },
        move |c| {
            let _ = tx.send(Ok(c));
        },
    )
    .unwrap();
    // Files copied one by one into a folder already there, as `cp` does.
    let burst = dir.path().join("inbox");
    for i in 0..10_000 {
        std::fs::write(
            burst.join(format!("{i:05}.txt")),
            format!("Notice {i}\n\nThe port authority issued notice {i}.\n"),
        )
        .unwrap();
    }
    let mut batches: Vec<copydesk_core::store::Changes> = Vec::new();
    let mut noticed = Vec::new();
    // Until three quiet seconds pass with every file in, or a minute in all: a
    // loaded machine can pause the watcher longer than the quiet window.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        match rx.recv_timeout(Duration::from_secs(3)) {
            Ok(Ok(c)) => batches.push(c),
            Ok(Err(n)) => noticed.push(n),
            Err(_) => {
                let arrived: usize = batches.iter().map(|b| b.articles.len()).sum();
                if arrived >= 10_000 || std::time::Instant::now() > deadline {
                    break;
                }
            }
        }
    }
    // On a quiet machine the burst is one batch; a loaded one may pause the
    // writer past the quiet window and split it. Either way it comes in a few
    // batches, never file by file, and holds every file exactly once.
    assert!(
        (1..=20).contains(&batches.len()),
        "{} batches for one burst",
        batches.len()
    );
    let touched: std::collections::HashSet<_> = batches
        .iter()
        .flat_map(|b| b.touched.iter().cloned())
        .collect();
    assert_eq!(touched.len(), 10_000);
    let articles: Vec<_> = batches.iter().flat_map(|b| b.articles.iter()).collect();
    assert_eq!(articles.len(), 10_000);
    assert!(
        articles
            .iter()
            .all(|a| a.location.file.starts_with("inbox/"))
    );
    assert!(!noticed.is_empty(), "progress was reported");
}

#[test]
fn a_single_file_is_followed_across_a_save_by_rename() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.jsonl");
    std::fs::write(
        &file,
        "{\"title\": \"Bridge opens\", \"body\": \"The bridge opened.\"}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("other.txt"), "Other\n\nNot followed.\n").unwrap();
    let (tx, rx) = mpsc::channel();
    let _watch = Watch::start(
        &file,
        LoadOptions::default(),
        |_| {},
        move |c| {
            let _ = tx.send(c);
        },
    )
    .unwrap();
    // Twice, as an editor saves: a new file renamed over the old one.
    for title in ["Bridge opens to traffic", "Bridge opens to cyclists"] {
        let tmp = dir.path().join(".feed.jsonl.swp");
        std::fs::write(
            &tmp,
            format!("{{\"title\": \"{title}\", \"body\": \"The bridge opened.\"}}\n"),
        )
        .unwrap();
        std::fs::rename(&tmp, &file).unwrap();
        let c = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("the save is seen");
        assert_eq!(c.touched, ["feed.jsonl"]);
        assert_eq!(&*c.articles[0].title, title);
    }
    // Other files in the folder are not the reader's.
    std::fs::write(dir.path().join("other.txt"), "Other\n\nChanged.\n").unwrap();
    assert!(rx.recv_timeout(Duration::from_secs(1)).is_err());
}

#[test]
fn a_polled_folder_is_followed_too() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &story("Ferries run again", FERRY));
    let (tx, rx) = mpsc::channel();
    let _watch = Watch::start_with(
        dir.path(),
        LoadOptions::default(),
        watch::Following::Poll,
        |_| {},
        move |c| {
            let _ = tx.send(c);
        },
    )
    .unwrap();
    write(
        dir.path(),
        "sub/b.txt",
        &story("Harbour dredging starts", "Work began."),
    );
    let c = rx
        .recv_timeout(Duration::from_secs(15))
        .expect("the poll sees the new file");
    let paths: Vec<String> = c.articles.iter().map(|a| a.location.to_string()).collect();
    assert!(paths.contains(&"sub/b.txt".to_string()), "{paths:?}");
}

#[cfg(unix)]
#[test]
fn a_link_back_up_is_refused_when_read_again() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &story("Ferries run again", FERRY));
    write(
        dir.path(),
        "sub/x.txt",
        &story("Harbour dredging starts", "Work began."),
    );
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    for touched in [vec!["sub/up"], vec!["sub"], vec!["sub/up/sub/x.txt"]] {
        let c = watch::read(
            dir.path(),
            touched.iter().map(|s| s.to_string()).collect(),
            &LoadOptions::default(),
        );
        let paths: Vec<String> = c.articles.iter().map(|a| a.location.to_string()).collect();
        let expected: &[&str] = if touched == ["sub"] {
            &["sub/x.txt"]
        } else {
            &[]
        };
        assert_eq!(paths, expected, "{touched:?}");
        assert!(
            c.skipped
                .iter()
                .any(|s| s.path == "sub/up"
                    && s.reason == copydesk_core::load::SkipReason::SymlinkLoop),
            "{touched:?}: {:?}",
            c.skipped
        );
    }
    // What the whole folder holds, read again after an overflow: the loader's own answer.
    let all = watch::read_all(dir.path(), &LoadOptions::default());
    assert_eq!(all.touched, [""]);
    assert_eq!(all.articles.len(), 2);
}
