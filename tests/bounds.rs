//! Numbers from outside have bounds: every numeric option is checked by the
//! command line with a usage error that names its range, and a comparison takes
//! memory in proportion to its input, or says it will not compare.

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Counts the bytes allocated now and at most, to bound a comparison's memory.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator; only the counts are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Held by every test of this file: the allocation counts are the whole
/// process's, so a test freeing memory while another measures would spoil it.
static ALONE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Waits until no other test of this file runs.
fn alone() -> std::sync::MutexGuard<'static, ()> {
    ALONE.lock().unwrap_or_else(|e| e.into_inner())
}

fn copydesk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .env(
            "COPYDESK_DATA_DIR",
            std::env::temp_dir().join("copydesk-bounds-data"),
        )
        .output()
        .unwrap()
}

#[test]
fn numeric_options_out_of_range_are_usage_errors_naming_the_range() {
    let _alone = alone();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, "Harbour strike ends\n\nDockers voted on Sunday.\n").unwrap();
    let a = a.to_str().unwrap();
    for (args, range) in [
        (
            vec!["diff", "--width", "18446744073709551615", a, a],
            "20..=1000",
        ),
        (vec!["diff", "--width", "4294967295", a, a], "20..=1000"),
        (
            vec!["diff", "--width", "99999999999999999999999", a, a],
            "20..=1000",
        ),
        (vec!["diff", "--width", "19", a, a], "20..=1000"),
        (vec!["diff", "--width", "-5", a, a], ""),
        (vec!["show", "--width", "0", a], "20..=1000"),
        (vec!["show", "--width", "1001", a], "20..=1000"),
        (vec!["show", "--width", "1e3", a], "20..=1000"),
        (
            vec!["search", "--limit", "18446744073709551616", a, "x"],
            "0..=10000000",
        ),
        (
            vec!["search", "--limit", "10000001", a, "x"],
            "0..=10000000",
        ),
    ] {
        let out = copydesk(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(range), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
    // The edges are fine.
    for args in [
        vec!["diff", "--format", "text", "--width", "1000", a, a],
        vec!["diff", "--format", "text", "--width", "20", a, a],
        vec!["show", "--width", "20", a],
        vec!["search", "--limit", "0", a, "harbour"],
    ] {
        let out = copydesk(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let widest = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        assert!(widest <= 1000, "{args:?}: a line of {widest}");
    }
}

/// A body of `n` two-word sentences, the input that costs a comparison most per
/// byte, with every seventh sentence changed in the second version.
fn short_sentences(n: usize, changed: bool) -> String {
    let mut s = String::from("Notices\n\n");
    for i in 0..n {
        let w = if changed && i % 7 == 0 {
            "Pier"
        } else {
            "Dock"
        };
        s.push_str(&format!("{w} {i}. "));
        if i % 20 == 19 {
            s.push_str("\n\n");
        }
    }
    s
}

#[test]
fn a_comparison_takes_memory_in_proportion_to_its_input() {
    let _alone = alone();
    let texts = [
        short_sentences(30_000, false),
        short_sentences(30_000, true),
    ];
    let input: usize = texts.iter().map(String::len).sum();
    let (mut arts, _) = copydesk_core::load::load_memory([
        ("a.txt", texts[0].as_bytes()),
        ("b.txt", texts[1].as_bytes()),
    ]);
    let (b, a) = (arts.pop().unwrap(), arts.pop().unwrap());
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let c = copydesk_core::compare::try_compare(&a, &b).unwrap();
    let (kept, peak) = (NOW.load(Relaxed) - before, PEAK.load(Relaxed) - before);
    assert!(c.rows.len() >= 30_000);
    // Measured: about 8 and 28 times the input; it was 17 and 37.
    assert!(
        kept < 12 * input,
        "the comparison keeps {kept} bytes for {input}"
    );
    assert!(
        peak < 32 * input,
        "the comparison took {peak} bytes for {input}"
    );
}

#[test]
fn an_article_too_long_to_compare_is_refused_with_a_reason() {
    let _alone = alone();
    let dir = tempfile::tempdir().unwrap();
    let n = copydesk_core::compare::MAX_SENTENCES + 1;
    let long = dir.path().join("long.txt");
    std::fs::write(&long, short_sentences(n, false)).unwrap();
    let short = dir.path().join("short.txt");
    std::fs::write(&short, "Notices\n\nDock 1. Dock 2.\n").unwrap();
    let out = copydesk(&["diff", short.to_str().unwrap(), long.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "has {n} sentences; copydesk compares articles of up to 200000"
        )),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
