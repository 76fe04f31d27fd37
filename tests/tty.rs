//! The built binary in a real pseudo-terminal: type a search, open an article, quit,
//! and check what was on screen and that the terminal was given back in its normal
//! mode; the same after a panic.

use std::io::Write;
use std::time::Duration;

mod common;

use common::pty::start;

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    w(
        "a-harbour.txt",
        "Harbour strike ends after nine days\n\nDockers at Veltrona voted on Sunday to accept a new pay offer, ending a strike that had stranded forty ships.\n\nThe union said the vote was close.\n",
    );
    w(
        "b-bridge.txt",
        "Bridge repairs delayed until spring\n\nThe old bridge will stay closed to cars until the spring, engineers said.\n",
    );
    w(
        "c-museum.md",
        "---\ntitle: Museum reopens its doors\ndate: 2025-05-01\n---\n\nThe maritime museum reopened after a long restoration.\n",
    );
    dir
}

#[test]
fn search_open_read_and_quit() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("3 articles");
    s.wait_for("Harbour strike ends after nine days");
    s.send("/");
    s.send("harb");
    s.wait_for("1 match");
    s.wait_for("/harb");
    assert!(!s.contents().contains("Bridge repairs"));
    s.send("\r");
    s.send("\r");
    s.wait_for("ending a strike that had");
    s.wait_for("The union said the vote was close.");
    s.send("q");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
    // The marks were kept outside the article folder.
    assert!(home.path().join("data/marks.db").is_file());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_gives_the_terminal_back() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(
        &[dir.path().to_str().unwrap()],
        home.path(),
        &[("COPYDESK_TEST_PANIC_KEY", "P")],
    );
    s.wait_for("3 articles");
    s.send("P");
    let status = s.wait_exit();
    assert!(!status.success());
    s.assert_restored();
    assert!(String::from_utf8_lossy(&s.raw.lock().unwrap()).contains("test panic on key P"));
}

/// Two versions of one story and an unrelated article.
fn story_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    let shared = [
        "Dockers at Veltrona voted on Sunday to accept a new pay offer, ending a strike that had stranded forty ships in the bay.",
        "The union said the vote was close, with 412 members in favour and 377 against the deal.",
        "Under the offer, wages rise by six percent this year and by four percent next year.",
        "Shipping agents said the first vessels would berth on Monday morning.",
        "The port authority said it would take a week to clear the backlog of containers.",
    ];
    w(
        "a-harbour.txt",
        &format!(
            "Harbour strike ends after nine days\n\n{}\n",
            shared.join("\n\n")
        ),
    );
    let mut update: Vec<&str> = shared.to_vec();
    update.insert(
        2,
        "Veltrona's mayor called the agreement a relief for hundreds of small firms that rely on the harbour.",
    );
    update.pop();
    w(
        "b-harbour-update.txt",
        &format!(
            "Veltrona dockers accept pay deal, ending strike\n\n{}\n",
            update.join("\n\n")
        ),
    );
    w(
        "c-bridge.txt",
        "Bridge repairs delayed until spring\n\nThe old bridge will stay closed to cars until the spring, engineers said.\n",
    );
    dir
}

#[test]
fn compare_two_versions_jump_to_a_change_and_go_back() {
    let dir = story_fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("3 articles");
    // The versions are found in the background; the badge says when.
    s.wait_for("◆2");
    s.send("c");
    s.wait_for("right adds 1 sentence");
    s.wait_for("Harbour strike ends after nine days");
    s.wait_for("Veltrona dockers accept pay deal");
    s.wait_for("drops 1");
    s.send("]");
    s.wait_for("change 1 of 2");
    let screen = s.contents();
    let line = screen
        .lines()
        .find(|l| l.contains("mayor called the agreement"))
        .unwrap_or_else(|| panic!("the added sentence is on screen:\n{screen}"));
    assert!(line.starts_with("›+"), "the cursor and the mark: {line:?}");
    s.send("q");
    s.wait_for("3 articles");
    assert!(!s.contents().contains("right adds"));
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

/// The demo corpus plus files that are hard to show: nothing but NUL bytes, bytes
/// that are not UTF-8, a 1 MB line, wide, combining and right-to-left text, an
/// empty file, a FIFO.
#[cfg(unix)]
fn storm_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in copydesk::demo::files() {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    w("nul.txt", &[0u8; 2048]);
    w(
        "latin1.txt",
        b"Caf\xe9 \xff\xfe reopens\n\nThe caf\xe9 reopened.\n",
    );
    let mut long = String::from("A line without end\n\n");
    while long.len() < 1_000_000 {
        long.push_str("and the river kept rising ");
    }
    w("long-line.txt", long.as_bytes());
    w(
        "wide.txt",
        "東京🙂 e\u{301}\u{301}\u{301} مرحبا بالعالم ZWJ 👩‍👩‍👧 headline\n\n東京の下町に🙂 and e\u{301} and مرحبا in one paragraph that goes on for a while to wrap.\n".as_bytes(),
    );
    w("empty.txt", b"");
    let fifo = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(
        dir.path().join("pipe.txt").as_os_str(),
    ))
    .unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    dir
}

#[cfg(unix)]
#[test]
fn a_storm_of_keys_and_resizes_breaks_nothing() {
    let dir = storm_fixture();
    let before = common::folder_snapshot(dir.path());
    let home = tempfile::tempdir().unwrap();
    // The editor, pager and browser keys run programs that end at once, so the
    // storm goes through suspending and resuming the screen too.
    common::write_config(home.path(), "open_command = \"true\"\n");
    let env = [("VISUAL", "true"), ("PAGER", "true")];
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &env);
    s.wait_for("articles");
    // Every key copydesk binds by default except the quit keys, keys it does not
    // bind, text, mouse clicks and wheel turns.
    let mut keys: Vec<String> = "abcdefghijklmnoprstuvwxyzGJKNMOPZ0123456789/?!][-. ,"
        .chars()
        .map(String::from)
        .collect();
    for k in [
        "\r",
        "\t",
        "\x1b[Z",
        "\x7f",
        "\x1b",
        "\x04",
        "\x15",
        "\x06",
        "\x02",
        "\x14",
        "\x0e",
        "\x10",
        "\x1b[A",
        "\x1b[B",
        "\x1b[C",
        "\x1b[D",
        "\x1b[H",
        "\x1b[F",
        "\x1b[5~",
        "\x1b[6~",
        "\x1bOP",
        "é",
        "東",
        "🙂",
        "\x1b[<0;5;5M",
        "\x1b[<0;60;12M",
        "\x1b[<64;70;10M",
        "\x1b[<65;70;10M",
        "\x1b[<65;10;10M",
    ] {
        keys.push(k.to_string());
    }
    let sizes: [(u16, u16); 8] = [
        (1, 1),
        (200, 500),
        (24, 80),
        (40, 120),
        (8, 40),
        (3, 10),
        (50, 99),
        (30, 100),
    ];
    // COPYDESK_STORM_SEED=N tries another storm.
    let seed = std::env::var("COPYDESK_STORM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2026);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut sent = 0;
    for round in 0..250 {
        let mut chunk = String::new();
        for _ in 0..20 {
            chunk.push_str(&keys[rng.usize(..keys.len())]);
            sent += 1;
        }
        s.writer.write_all(chunk.as_bytes()).unwrap();
        s.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(8));
        if round % 10 == 9 {
            let (rows, cols) = sizes[(round / 10) % sizes.len()];
            s.resize(rows, cols);
        }
        assert!(
            s.alive(),
            "copydesk died after {sent} keys (seed {seed}):\n{}",
            s.contents()
        );
    }
    assert_eq!(sent, 5000);
    s.resize(30, 100);
    std::thread::sleep(Duration::from_millis(300));
    assert!(s.alive(), "copydesk died at the end:\n{}", s.contents());
    // Whatever view the storm left open, ctrl-c leaves from it.
    s.send("\x03");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
    assert_eq!(
        common::folder_snapshot(dir.path()),
        before,
        "the article folder is exactly as it was"
    );
}

#[test]
fn quitting_while_a_big_folder_loads_exits_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // 300,000 records: this debug build takes many seconds to load them.
    let mut text = String::new();
    for i in 0..300_000 {
        text.push_str(&format!(
            "{{\"title\":\"Harbour notice {i}\",\"body\":\"Pier {} closes for repairs on day {i}.\"}}\n",
            i % 90
        ));
    }
    std::fs::write(dir.path().join("notices.jsonl"), text).unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("Harbour notice");
    let loading = s.contents();
    assert!(loading.contains("loading"), "still loading:\n{loading}");
    // The list answers while it fills.
    s.type_now("jj");
    s.wait_for("3/");
    let asked = std::time::Instant::now();
    s.type_now("q");
    let status = s.wait_exit();
    // wait_exit lets the last output in for 200 ms after the exit.
    let took = asked.elapsed();
    assert!(status.success(), "{status:?}");
    assert!(
        took < Duration::from_secs(2),
        "quitting during the load took {took:?}"
    );
    s.assert_restored();
}

#[test]
fn the_editor_and_pager_get_the_terminal_and_give_it_back() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    // A stand-in editor that says what it was given, and a pager that reads all.
    let log = home.path().join("editor.log");
    let editor = home.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\necho EDITING; sleep 0.3\n",
            log.display()
        ),
    )
    .unwrap();
    let pager = home.path().join("pager.sh");
    std::fs::write(
        &pager,
        format!("#!/bin/sh\ncat > '{}.pager'\n", log.display()),
    )
    .unwrap();
    for f in [&editor, &pager] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let env = [
        ("VISUAL", ""),
        ("EDITOR", editor.to_str().unwrap()),
        ("PAGER", pager.to_str().unwrap()),
    ];
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &env);
    s.wait_for("Harbour strike ends after nine days");
    s.send("e");
    s.wait_for("back from the editor");
    // The screen is the reader's again, drawn in full.
    s.wait_for("3 articles");
    let given = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        given.trim(),
        dir.path().join("a-harbour.txt").display().to_string()
    );
    s.send("P");
    s.wait_for("back from the pager");
    let paged = std::fs::read_to_string(format!("{}.pager", log.display())).unwrap();
    assert!(
        paged.starts_with("Harbour strike ends after nine days\n"),
        "{paged}"
    );
    // Keys work as before, and the clipboard gets the headline by OSC 52.
    s.send("y");
    s.send("y");
    s.wait_for("headline copied");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(raw.contains("\x1b]52;c;SGFyYm91ciBzdHJpa2UgZW5kcyBhZnRlciBuaW5lIGRheXM=\x1b\\"));
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[test]
fn files_added_and_removed_while_reading_show_up() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("3 articles");
    // Versions are found once; the watch starts when loading is over.
    s.wait_for("stories with more than one version");
    std::fs::write(
        dir.path().join("d-harbour-rewrite.txt"),
        "Dockers end nine-day harbour strike\n\nDockers at Veltrona voted on Sunday to accept a new pay offer, ending a strike that had stranded forty ships in the harbour.\n\nThe union said the vote was close.\n",
    )
    .unwrap();
    s.wait_for("4 articles");
    s.wait_for("+1 article");
    std::fs::remove_file(dir.path().join("b-bridge.txt")).unwrap();
    s.wait_for("1 removed");
    s.wait_for("3 articles");
    assert!(!s.contents().contains("Bridge repairs"));
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn with_live_off_the_folder_is_read_once() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    common::write_config(home.path(), "live = false\n");
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("stories with more than one version");
    std::fs::write(
        dir.path().join("d-new.txt"),
        "Ferry timetable changes\n\nFerries will leave ten minutes earlier from Monday.\n",
    )
    .unwrap();
    // Long enough for a followed folder to have shown it (it takes well under a second).
    std::thread::sleep(Duration::from_millis(1500));
    assert!(s.contents().contains("3 articles"), "{}", s.contents());
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// Headlines and bodies written for this test in the scripts and emoji sequences
/// terminals disagree about most.
fn scripts_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    w(
        "a-heart.txt",
        "Crowds cheer ❤\u{FE0F} in the square\n\nThousands gathered ❤\u{FE0F} on Sunday.\n",
    );
    w(
        "b-family.txt",
        "Family 👨\u{200D}👩\u{200D}👧 reunited at the border\n\nThe family 👍\u{1F3FD} crossed at noon.\n",
    );
    w(
        "c-arabic.txt",
        "لا جديد في المحادثات اليوم\n\nقال المتحدث إنه لا جديد في المحادثات.\n",
    );
    w(
        "d-tokyo.txt",
        "東京 Tokyo talks resume\n\n東京 Tokyo の会議は月曜日に再開された。 Talks resumed.\n",
    );
    w(
        "e-flag.txt",
        "Flag 🇫🇷 day in Lyon\n\nThe flag 🇫🇷 flew over the town hall.\n",
    );
    dir
}

/// The column of the first `ch` on screen row `row`, counting cells.
fn column_of(s: &common::pty::Session, row: u16, ch: &str) -> Option<u16> {
    let p = s.screen.lock().unwrap();
    let screen = p.screen();
    let (_, cols) = screen.size();
    (0..cols.get()).find(|&c| {
        screen
            .cell(row, c)
            .is_some_and(|cell| cell.contents() == ch)
    })
}

/// Every row between the top and bottom borders has a pane border at `col`.
fn borders_line_up(s: &common::pty::Session, col: u16, rows: std::ops::Range<u16>) {
    let p = s.screen.lock().unwrap();
    let screen = p.screen();
    for row in rows {
        let cell = screen
            .cell(row, col)
            .map(|c| c.contents())
            .unwrap_or_default();
        assert_eq!(
            cell,
            "│",
            "row {row}: the border moved; the screen was:\n{}",
            screen.contents()
        );
    }
}

#[test]
fn wide_and_joined_characters_keep_every_border_in_place() {
    let dir = scripts_fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("5 articles");
    s.wait_for("Flag");
    let list_right = column_of(&s, 0, "┐").expect("the list's top right corner");
    borders_line_up(&s, list_right, 1..28);
    // Read each article in turn; the reader's border stays put and nothing of the
    // one before is left on screen.
    s.send("\r");
    for _ in 0..5 {
        s.send("J");
        let reader_right = column_of(&s, 0, "┐").map(|_| 99).unwrap();
        borders_line_up(&s, reader_right, 1..28);
        borders_line_up(&s, list_right, 1..28);
    }
    // What reaches the terminal is in the one form every terminal gives the same
    // width (tmux 3.3 draws a variation selector or a skin tone otherwise).
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    for (c, what) in [
        ('\u{FE0F}', "variation selector"),
        ('\u{200D}', "zero-width joiner"),
        ('\u{1F3FD}', "skin-tone modifier"),
    ] {
        assert!(!raw.contains(c), "a {what} reached the terminal");
    }
    assert!(raw.contains('❤') && raw.contains('👨') && raw.contains("🇫🇷"));
    let before = s.contents();
    // ctrl-l draws the whole screen again: the same screen, since nothing was stale.
    s.send("\u{c}");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(s.contents(), before);
    assert!(before.contains("東京 Tokyo"), "{before}");
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}
