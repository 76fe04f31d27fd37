//! Signals in a real pseudo-terminal: SIGTERM, SIGHUP, SIGINT and SIGQUIT end
//! copydesk with 128 + the signal's number and the terminal given back (main
//! screen, mouse off, cursor shown, input cooked); SIGTSTP and `ctrl-z` give the
//! terminal back and stop, SIGCONT takes it again and draws the screen whole.

#![cfg(unix)]

mod common;

use common::pty::{Session, start};

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    w(
        "a-harbour.txt",
        "Harbour strike ends after nine days\n\nDockers at Veltrona voted on Sunday to accept a new pay offer.\n",
    );
    w(
        "b-bridge.txt",
        "Bridge repairs delayed until spring\n\nThe old bridge will stay closed to cars until the spring.\n",
    );
    dir
}

fn reading(dir: &tempfile::TempDir, home: &tempfile::TempDir) -> Session {
    let s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("2 articles");
    s.wait_for("Harbour strike ends");
    s
}

#[test]
fn term_hup_int_and_quit_give_the_terminal_back_and_exit_128_plus_n() {
    for (sig, name) in [
        (libc::SIGTERM, "TERM"),
        (libc::SIGHUP, "HUP"),
        (libc::SIGINT, "INT"),
        (libc::SIGQUIT, "QUIT"),
    ] {
        let dir = fixture();
        let home = tempfile::tempdir().unwrap();
        let mut s = reading(&dir, &home);
        // Read an article, so that there is a mark to keep.
        s.send("\r");
        s.wait_for("Dockers at Veltrona");
        s.signal(sig);
        let status = s.wait_exit();
        assert_eq!(
            status.exit_code(),
            128 + sig as u32,
            "SIG{name}: {status:?}"
        );
        s.assert_restored();
        let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
        let after = &raw[raw.rfind("\x1b[?1049l").unwrap()..];
        assert!(!after.contains("\x1b[?1049h"), "SIG{name}: left for good");
        assert!(raw.contains("\x1b[?1000l"), "SIG{name}: mouse reports off");
        // The mark made before the signal is there for the next run.
        let db = home.path().join("data");
        assert!(db.is_dir(), "SIG{name}: the data folder was written");
    }
}

#[test]
fn sigtstp_stops_with_the_terminal_given_back_and_sigcont_draws_it_again() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = reading(&dir, &home);
    s.send("j");
    s.signal(libc::SIGTSTP);
    s.wait_screen("leaving the alternate screen", |scr| {
        !scr.alternate_screen() && !scr.hide_cursor()
    });
    assert!(s.cooked(), "the shell gets its terminal back cooked");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !s.stopped() {
        assert!(
            std::time::Instant::now() < deadline,
            "copydesk never stopped"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        s.screen.lock().unwrap().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    s.signal(libc::SIGCONT);
    s.wait_screen("the alternate screen again", |scr| {
        scr.alternate_screen() && scr.hide_cursor()
    });
    assert!(!s.cooked(), "raw again");
    // Drawn whole, the selection where it was.
    s.wait_for("2 articles");
    s.wait_for("Bridge repairs delayed");
    assert!(s.alive());
    // ctrl-z does the same from the keyboard.
    s.send("\x1a");
    s.wait_screen("leaving the alternate screen on ctrl-z", |scr| {
        !scr.alternate_screen()
    });
    while !s.stopped() {
        assert!(
            std::time::Instant::now() < deadline,
            "ctrl-z never stopped it"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    s.signal(libc::SIGCONT);
    s.wait_screen("the alternate screen again after ctrl-z", |scr| {
        scr.alternate_screen()
    });
    s.wait_for("2 articles");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}
