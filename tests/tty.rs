//! The built binary in a real pseudo-terminal: type a search, open an article, quit,
//! and check what was on screen and that the terminal was given back in its normal
//! mode; the same after a panic.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

mod common;

struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

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

fn start(args: &[&str], home: &Path, extra_env: &[(&str, &str)]) -> Session {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_copydesk"));
    for a in args {
        cmd.arg(a);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home);
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("COPYDESK_DATA_DIR", home.join("data"));
    cmd.env_remove("COPYDESK_CONFIG");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let (rows, cols) = (
        std::num::NonZeroU16::new(30).unwrap(),
        std::num::NonZeroU16::new(100).unwrap(),
    );
    let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    let raw = Arc::new(Mutex::new(Vec::new()));
    let (s, r) = (Arc::clone(&screen), Arc::clone(&raw));
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            s.lock().unwrap().process(&buf[..n]);
            r.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    Session {
        child,
        writer,
        screen,
        raw,
        _master: pair.master,
    }
}

impl Session {
    /// Tells the program the terminal is now `rows` by `cols`.
    fn resize(&mut self, rows: u16, cols: u16) {
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let nz = |n: u16| std::num::NonZeroU16::new(n.max(1)).unwrap();
        self.screen.lock().unwrap().set_size(nz(rows), nz(cols));
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.contents().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{what:?} never appeared; the screen was:\n{}",
            self.contents()
        );
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take in the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!(
            "copydesk did not exit; the screen was:\n{}",
            self.contents()
        );
    }

    /// The terminal is back to normal: main screen, cursor shown, no mouse reports.
    fn assert_restored(&self) {
        let p = self.screen.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
        let raw = self.raw.lock().unwrap();
        let text = String::from_utf8_lossy(&raw);
        assert!(
            text.contains("\x1b[?1049h"),
            "the alternate screen was used"
        );
        assert!(text.contains("\x1b[?1049l"), "and left");
    }
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
    assert!(home.path().join("data/marks.json").is_file());
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
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("articles");
    // Every key copydesk binds by default except the quit keys, keys it does not
    // bind, text, mouse clicks and wheel turns.
    let mut keys: Vec<String> = "abcdefghijklmnoprstuvwxyzGJKNMZ0123456789/?!][-. ,"
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
