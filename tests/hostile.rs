//! A folder built to break a loader: ten thousand empty files, a file over the
//! size limit, a 15 MB line, bytes that are not text, a FIFO, a symlink loop, a
//! locked folder, names that are not UTF-8, a path 200 folders deep, a JSON Lines
//! file with a 50 MB line and one with 100,000 records. `copydesk list` must
//! finish, load what is there, say why it skipped each of the rest, stay within
//! a stated memory bound, and leave the folder exactly as it was.
//!
//! This file holds one test, so that the process's children are its own.

#![cfg(unix)]

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

/// The peak resident memory `copydesk list` may use on this folder. Its largest
/// single inputs are a 15 MB article and a 100,000-record file (about 60 MB of
/// articles once parsed); the 200 MB file and the 50 MB line must never be read
/// whole.
const PEAK_BOUND_MB: i64 = 300;

fn article(i: usize) -> String {
    format!(
        "{{\"title\":\"Record {i} about the harbour\",\"body\":\"The harbour board met on day {i} and agreed to repair pier {}. Work starts next week.\",\"source\":\"Wire\"}}\n",
        i % 97
    )
}

fn build(root: &Path) {
    let empty = root.join("empty");
    fs::create_dir(&empty).unwrap();
    for i in 0..10_000 {
        fs::File::create(empty.join(format!("e{i:05}.txt"))).unwrap();
    }
    // 200 MB: sparse, so the test is cheap; the loader must not read it anyway.
    fs::File::create(root.join("huge.txt"))
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    // A 15 MB paragraph without a single line break.
    let mut line = String::from("One long line\n\n");
    while line.len() < 15 * 1000 * 1000 {
        line.push_str("the tide turned and the boats went out again ");
    }
    fs::write(root.join("one-line.txt"), &line).unwrap();
    fs::write(
        root.join("latin1.txt"),
        b"Caf\xe9 reopens\n\nThe caf\xe9 on the quay reopened on Monday \xe0 la fran\xe7aise.\n",
    )
    .unwrap();
    fs::write(root.join("nul.txt"), vec![0u8; 4096]).unwrap();
    let fifo = std::ffi::CString::new(root.join("pipe.txt").as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    fs::create_dir(root.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", root.join("loop/up")).unwrap();
    let locked = root.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(
        locked.join("secret.txt"),
        "Locked away\n\nNobody may read this.\n",
    )
    .unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    fs::write(
        root.join(OsStr::from_bytes(b"caf\xe9-\xff.txt")),
        "Name of bad bytes\n\nThe file name is not UTF-8 but the text is.\n",
    )
    .unwrap();
    let mut deep = root.to_path_buf();
    for _ in 0..200 {
        deep.push("d");
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(
        deep.join("bottom.txt"),
        "At the bottom of the well\n\nTwo hundred folders down, a story.\n",
    )
    .unwrap();
    let mut big_line = fs::File::create(root.join("big-line.jsonl")).unwrap();
    big_line
        .write_all(b"{\"title\":\"Too long\",\"body\":\"")
        .unwrap();
    let chunk = "x".repeat(1024 * 1024);
    for _ in 0..50 {
        big_line.write_all(chunk.as_bytes()).unwrap();
    }
    big_line.write_all(b"\"}\n").unwrap();
    big_line.write_all(article(0).as_bytes()).unwrap();
    let mut records = String::new();
    for i in 0..100_000 {
        records.push_str(&article(i));
    }
    fs::write(root.join("records.jsonl"), records).unwrap();
}

#[test]
// The child is reaped with wait4, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
fn copydesk_list_survives_a_hostile_folder() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("hostile");
    fs::create_dir(&root).unwrap();
    build(&root);
    let before = common::folder_snapshot(&root);
    let is_root = unsafe { libc::geteuid() } == 0;

    let out_path = work.path().join("out.txt");
    let err_path = work.path().join("err.txt");
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("list")
        .arg(&root)
        .env("COPYDESK_DATA_DIR", work.path().join("data"))
        .env("XDG_CONFIG_HOME", work.path().join("config"))
        .env_remove("COPYDESK_CONFIG")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    // wait4 gives this child's own peak memory.
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let deadline = started + Duration::from_secs(300);
    loop {
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(Instant::now() < deadline, "copydesk list did not finish");
        std::thread::sleep(Duration::from_millis(50));
    }
    fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    let took = started.elapsed();
    let peak_mb = usage.ru_maxrss / 1024;
    let out = fs::read_to_string(&out_path).unwrap();
    let err = fs::read_to_string(&err_path).unwrap();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "status {status}: {err}"
    );
    let mut report = String::new();
    writeln!(report, "took {took:?}, peak {peak_mb} MB").unwrap();
    eprintln!("{report}");
    assert!(
        peak_mb < PEAK_BOUND_MB,
        "peak memory {peak_mb} MB is over the {PEAK_BOUND_MB} MB bound"
    );

    let skipped = |path: &str, reason: &str| {
        assert!(
            err.lines()
                .any(|l| l.starts_with("skipped") && l.contains(path) && l.contains(reason)),
            "no line says {path} was skipped for {reason:?}:\n{}",
            err.lines()
                .filter(|l| !l.contains("empty/"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    };
    skipped("huge.txt", "too large");
    skipped("nul.txt", "not text");
    skipped("pipe.txt", "not a regular file");
    skipped("loop/up", "loop");
    skipped("big-line.jsonl", "line 1 is longer");
    let empties = err
        .lines()
        .filter(|l| l.starts_with("skipped empty/") && l.contains("empty"))
        .count();
    assert_eq!(empties, 10_000, "each empty file is reported");
    if is_root {
        // Root reads every folder, so the locked one is simply loaded.
        assert!(out.contains("Locked away"));
    } else {
        skipped("locked", "permission");
    }

    let listed = |text: &str| out.lines().any(|l| l.contains(text));
    assert!(listed("One long line"), "the 15 MB line is an article");
    assert!(listed("Café reopens"), "Latin-1 is decoded");
    assert!(listed("Name of bad bytes"), "a name that is not UTF-8");
    assert!(
        listed("caf\u{fffd}-\u{fffd}.txt"),
        "shown with replacement marks"
    );
    assert!(listed("At the bottom of the well"), "200 folders down");
    assert!(
        listed("big-line.jsonl#2"),
        "the record after the long line loads"
    );
    let records = out.lines().filter(|l| l.contains("records.jsonl#")).count();
    assert_eq!(records, 100_000);

    assert_eq!(
        common::folder_snapshot(&root),
        before,
        "the folder is exactly as it was"
    );
}
