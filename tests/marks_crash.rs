//! Marks survive a crash in the middle of saving them: a child process saves two
//! alternating sets of marks in a loop and is killed with SIGKILL at random
//! moments; every time, the marks file is either the old set or the new one,
//! complete, never a truncated or mixed file.

#![cfg(unix)]

use std::path::Path;
use std::time::Duration;

use copydesk_core::article::Article;
use copydesk_core::state::{Mark, Marks};

const ARTICLES: usize = 2000;

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

/// The marks of round `r`: everything read, every other article starred, which
/// ones depending on the round's parity.
fn mark(i: usize, round: usize) -> Mark {
    Mark {
        read: true,
        starred: (i + round).is_multiple_of(2),
    }
}

/// Not a test of its own: the child process the crash test starts and kills.
#[test]
#[ignore]
fn saving_child() {
    let Ok(file) = std::env::var("COPYDESK_TEST_SAVER_FILE") else {
        return;
    };
    let arts = articles();
    let (mut marks, msg) = Marks::open(Path::new(&file));
    assert!(msg.is_none(), "{msg:?}");
    for round in 0.. {
        for (i, a) in arts.iter().enumerate() {
            marks.set(a, mark(i, round));
        }
        marks.save().unwrap();
    }
}

#[test]
fn sigkill_while_saving_never_leaves_half_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("marks.json");
    let arts = articles();
    let exe = std::env::current_exe().unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    let mut complete = 0;
    for _ in 0..25 {
        let mut child = std::process::Command::new(&exe)
            .args(["--exact", "saving_child", "--ignored", "--test-threads=1"])
            .env("COPYDESK_TEST_SAVER_FILE", &file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(30..300)));
        child.kill().unwrap();
        child.wait().unwrap();
        if !file.exists() {
            continue;
        }
        let (marks, msg) = Marks::open(&file);
        assert!(msg.is_none(), "the file was damaged: {msg:?}");
        let even = (0..ARTICLES).all(|i| marks.get(&arts[i]) == mark(i, 0));
        let odd = (0..ARTICLES).all(|i| marks.get(&arts[i]) == mark(i, 1));
        assert!(even || odd, "the file holds a mix of two saves");
        complete += 1;
    }
    assert!(
        complete >= 10,
        "only {complete} kills came after a first save"
    );
}
