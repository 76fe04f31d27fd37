//! Marks survive a crash at any moment: a child process changes marks one key at a
//! time, round after round, and is killed with SIGKILL at random moments; every
//! time, the database opens without complaint and each article holds the value of
//! the round before or of the round being written, with the articles of the new
//! round before those of the old one: at most the change being made is lost.

#![cfg(unix)]

use std::path::Path;
use std::time::Duration;

use copydesk_core::article::Article;
use copydesk_core::state::{DATABASE, Mark, Marks};

const ARTICLES: usize = 200;

fn articles() -> Vec<Article> {
    let texts: Vec<(String, String)> = (0..ARTICLES)
        .map(|i| {
            (
                format!("a{i:04}.txt"),
                format!("Headline number {i}\n\nThe body of article {i} says little.\n"),
            )
        })
        .collect();
    let (a, _) =
        copydesk_core::load::load_memory(texts.iter().map(|(p, t)| (p.as_str(), t.as_bytes())));
    assert_eq!(a.len(), ARTICLES);
    a
}

/// The marks of round `r`: starred on even rounds.
fn mark(round: usize) -> Mark {
    Mark {
        read: true,
        starred: round.is_multiple_of(2),
    }
}

/// Not a test of its own: the child process the crash test starts and kills. Each
/// round writes, article by article, the round's number as the reading position
/// and the round's star.
#[test]
#[ignore]
fn marking_child() {
    let Ok(file) = std::env::var("COPYDESK_TEST_MARKS_DB") else {
        return;
    };
    let arts = articles();
    let (mut marks, msg) = Marks::open(Path::new(&file));
    assert!(msg.is_none(), "{msg:?}");
    // Finish the round a kill broke off, the last article written first (its star
    // may not have been), so that every article is one round behind at most.
    let newest = marks.position(&arts[0]);
    let cut = (0..ARTICLES)
        .find(|&i| marks.position(&arts[i]) != newest)
        .unwrap_or(ARTICLES);
    if newest > 0 {
        marks.set(&arts[cut - 1], mark(newest)).unwrap();
        for a in &arts[cut..] {
            marks.set_position(a, newest).unwrap();
            marks.set(a, mark(newest)).unwrap();
        }
    }
    for round in newest + 1.. {
        for a in &arts {
            marks.set_position(a, round).unwrap();
            marks.set(a, mark(round)).unwrap();
        }
    }
}

#[test]
fn sigkill_while_marking_loses_at_most_the_change_being_made() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(DATABASE);
    let arts = articles();
    let exe = std::env::current_exe().unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    let mut checked = 0;
    let mut last_round = 0;
    for _ in 0..25 {
        let mut child = std::process::Command::new(&exe)
            .args(["--exact", "marking_child", "--ignored", "--test-threads=1"])
            .env("COPYDESK_TEST_MARKS_DB", &file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(50..300)));
        child.kill().unwrap();
        child.wait().unwrap();
        if !file.exists() {
            continue;
        }
        let (marks, msg) = Marks::open(&file);
        assert!(msg.is_none(), "the database was damaged: {msg:?}");
        let rounds: Vec<usize> = arts.iter().map(|a| marks.position(a)).collect();
        let newest = rounds[0];
        assert!(newest >= last_round, "a finished round was lost");
        last_round = newest;
        // The new round reached a prefix of the articles; the rest hold the old one.
        let cut = rounds.iter().position(|&r| r != newest).unwrap_or(ARTICLES);
        for (i, (&r, a)) in rounds.iter().zip(&arts).enumerate() {
            let expected = if i < cut {
                newest
            } else {
                newest.saturating_sub(1)
            };
            assert_eq!(r, expected, "article {i}: {rounds:?}");
            let m = marks.get(a);
            // The star follows the position, or is the one change in flight.
            let in_flight = i + 1 == cut;
            let before = if r <= 1 { Mark::default() } else { mark(r - 1) };
            assert!(
                m == mark(r) || (in_flight && m == before) || (r == 0 && m == Mark::default()),
                "article {i} at round {r} holds {m:?}"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} kills came after a first change"
    );
    assert!(last_round >= 1, "rounds were written");
}
