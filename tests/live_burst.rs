//! The live view stays equal to its folder: a burst of 20,000 files made while
//! copydesk is stopped (so that the system's queue of changes overflows) ends
//! with every file listed, and a symbolic link loop made while it runs adds no
//! articles, as at load time.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::start;

fn notice(i: usize) -> String {
    format!("Notice {i}\n\nThe port authority issued notice {i}.\n")
}

/// How many articles `copydesk list` finds in `dir`.
fn listed(dir: &Path) -> usize {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["list", "--format", "json"])
        .arg(dir)
        .env("COPYDESK_DATA_DIR", dir.join("..").join("listing-data"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["articles"].as_array().unwrap().len()
}

#[test]
fn a_burst_made_while_stopped_ends_with_the_view_equal_to_the_folder() {
    let top = tempfile::tempdir().unwrap();
    let dir = top.path().join("news");
    std::fs::create_dir_all(dir.join("inbox")).unwrap();
    for i in 0..20 {
        std::fs::write(dir.join(format!("seed-{i:02}.txt")), notice(i)).unwrap();
    }
    let home = tempfile::tempdir().unwrap();
    let s = start(&[dir.to_str().unwrap()], home.path(), &[]);
    s.wait_for("20 articles");
    // The watch starts once the folder is loaded and its versions found.
    s.wait_for("stories with more than one version");
    std::thread::sleep(Duration::from_millis(300));
    s.signal(libc::SIGSTOP);
    for i in 0..20_000 {
        let sub = if i % 2 == 0 { "inbox" } else { "" };
        std::fs::write(dir.join(sub).join(format!("n{i:05}.txt")), notice(i)).unwrap();
    }
    s.signal(libc::SIGCONT);
    let want = listed(&dir);
    assert_eq!(want, 20_020);
    s.wait_for("20,020 articles");
    // And it stays so once the last changes are in.
    std::thread::sleep(Duration::from_millis(1000));
    assert!(s.contents().contains("20,020 articles"), "{}", s.contents());
    let mut s = s;
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_symlink_loop_made_while_reading_adds_no_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("a.txt"), notice(1)).unwrap();
    std::fs::write(dir.path().join("sub/x.txt"), notice(2)).unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("2 articles");
    s.wait_for("stories with more than one version");
    std::thread::sleep(Duration::from_millis(300));
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    std::fs::write(dir.path().join("b.txt"), notice(3)).unwrap();
    s.wait_for("3 articles");
    std::thread::sleep(Duration::from_millis(1000));
    let screen = s.contents();
    assert!(screen.contains("3 articles"), "{screen}");
    assert!(!screen.contains("sub/up"), "{screen}");
    assert_eq!(listed(dir.path()), 3);
    s.send("q");
    assert!(s.wait_exit().success());
}
