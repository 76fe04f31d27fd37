//! The reader without a terminal: one clear line pointing at the commands that
//! print, exit 1, never a panic and never a screen drawn into a file.

use std::process::{Command, Stdio};

#[test]
fn the_reader_without_a_terminal_says_so_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Harbour strike ends\n\nDockers voted on Sunday.\n",
    )
    .unwrap();
    let home = tempfile::tempdir().unwrap();
    let out_file = home.path().join("out");
    let run = |stdin: Stdio, stdout: Stdio| {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg(dir.path())
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("COPYDESK_DATA_DIR", home.path().join("data"))
            .env_remove("COPYDESK_CONFIG")
            .stdin(stdin)
            .stdout(stdout)
            .stderr(Stdio::piped())
            .output()
            .unwrap()
    };
    for (what, out) in [
        ("input", run(Stdio::null(), Stdio::piped())),
        (
            "output",
            run(
                Stdio::null(),
                Stdio::from(std::fs::File::create(&out_file).unwrap()),
            ),
        ),
    ] {
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(
            err.starts_with("copydesk: the reader needs a terminal"),
            "{err}"
        );
        assert!(
            err.contains("copydesk list") && err.contains("copydesk search"),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "{what}: nothing drawn");
    }
    assert_eq!(
        std::fs::metadata(&out_file).unwrap().len(),
        0,
        "no screen in the file"
    );
}
