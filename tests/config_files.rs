//! Config files: every broken file in `tests/configs/broken` gives exactly the
//! message beside it, from the library, from `config check` and at start-up; the
//! example file is the defaults; a valid file that rebinds keys takes effect.

use std::path::Path;
use std::process::Command;

use copydesk::config::{Action, Config, Context, Lookup};
use copydesk::keys;

fn copydesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

#[test]
fn each_broken_file_gives_its_message() {
    let mut seen = 0;
    for entry in std::fs::read_dir("tests/configs/broken").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        seen += 1;
        let rel = Path::new("tests/configs/broken").join(path.file_name().unwrap());
        let expected = std::fs::read_to_string(rel.with_extension("expected")).unwrap();
        let err = Config::read(&rel).unwrap_err();
        assert_eq!(format!("{err}\n"), expected, "{}", rel.display());

        let out = copydesk()
            .args(["config", "check"])
            .arg(&rel)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", rel.display());
        assert_eq!(String::from_utf8_lossy(&out.stderr), expected);

        // The reader and the commands refuse to start, with the same message.
        let out = copydesk()
            .arg("--config")
            .arg(&rel)
            .arg("list")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).starts_with(&expected));
        let out = copydesk().arg("--config").arg(&rel).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).starts_with(&expected));
    }
    assert!(seen >= 10);
}

#[test]
fn the_example_file_is_the_defaults() {
    let text = std::fs::read_to_string("config.example.toml").unwrap();
    assert_eq!(
        Config::parse(&text, Path::new("config.example.toml")).unwrap(),
        Config::default()
    );
    assert_eq!(
        text,
        Config::default_toml(),
        "regenerate with `copydesk config default > config.example.toml`"
    );
    for action in Action::ALL {
        assert!(
            text.contains(&format!("\n{} = [", action.name())),
            "{} missing",
            action.name()
        );
    }
    let out = copydesk().args(["config", "default"]).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
}

#[test]
fn a_valid_file_rebinds_keys_and_the_help_follows() {
    let c = Config::read(Path::new("tests/configs/rebind.toml")).unwrap();
    assert_eq!(c.split, 40);
    assert!(!c.mouse);
    assert_eq!(
        c.theme.accent,
        copydesk::config::Color::Rgb(0xff, 0x88, 0x00)
    );
    let k = |s: &str| keys::parse(s).unwrap().0;
    assert_eq!(
        c.keys.lookup(Context::List, &k("x")),
        Lookup::Action(Action::MoveDown)
    );
    assert_eq!(c.keys.lookup(Context::List, &k("j")), Lookup::None);
    assert_eq!(
        c.keys.lookup(Context::List, &k("o")),
        Lookup::Action(Action::Open)
    );
    assert_eq!(
        c.keys.lookup(Context::Reader, &k("f2")),
        Lookup::Action(Action::Help)
    );
    assert_eq!(c.keys.lookup(Context::Reader, &k("?")), Lookup::None);
    let out = copydesk()
        .args(["config", "check", "tests/configs/rebind.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "tests/configs/rebind.toml: ok\n"
    );
}

#[test]
fn config_path_lists_the_lookup_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, "mouse = false\n").unwrap();
    let out = copydesk()
        .args(["config", "path"])
        .env("COPYDESK_CONFIG", &file)
        .env("XDG_CONFIG_HOME", dir.path().join("xdg"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(&file.display().to_string()) && lines[0].ends_with("← used"),
        "{text}"
    );
    assert!(
        lines[1].contains("xdg/copydesk/config.toml") && lines[1].contains("[$XDG_CONFIG_HOME]"),
        "{text}"
    );
}

#[test]
fn one_check_names_every_mistake_of_every_kind() {
    let out = copydesk()
        .args(["config", "check", "tests/configs/broken/many_mistakes.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<usize> = err
        .lines()
        .map(|l| l.split(':').nth(1).unwrap().parse().unwrap())
        .collect();
    // A wrong type, an unknown setting, a value out of range, a bad [dedup]
    // value and a key that hides a sequence: five kinds, on five lines.
    assert_eq!(lines, [1, 2, 3, 6, 9], "{err}");
    // The global --config names the file to check, before the command as after.
    let out = copydesk()
        .args([
            "--config",
            "tests/configs/broken/many_mistakes.toml",
            "config",
            "check",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), err);
}

#[test]
fn a_config_path_that_cannot_be_read_is_an_error_not_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let xdg = dir.path().join("xdg");
    std::fs::create_dir_all(xdg.join("copydesk/config.toml")).unwrap();
    let run = |args: &[&str]| {
        copydesk()
            .args(args)
            .env("XDG_CONFIG_HOME", &xdg)
            .env("HOME", dir.path())
            .env_remove("COPYDESK_CONFIG")
            .output()
            .unwrap()
    };
    for args in [&["config", "check"][..], &["list"][..]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("config.toml:1:1: this is a folder, not a config file"),
            "{err}"
        );
    }
    let out = run(&["config", "path"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("a folder, not a file"), "{text}");
    assert!(!text.contains("no config file found"), "{text}");
}

#[test]
fn the_default_keys_hide_no_sequence() {
    // What a user's file is refused for, the defaults must not do themselves.
    let d = Config::default();
    for ctx in Context::ALL {
        let seqs: Vec<&keys::KeySeq> = d.keys.bindings(ctx).iter().flat_map(|(_, s)| s).collect();
        for a in &seqs {
            for b in &seqs {
                assert!(
                    b.0.len() <= a.0.len() || !b.0.starts_with(&a.0),
                    "{a} hides {b} in {}",
                    ctx.name()
                );
            }
        }
    }
    let c = Config::parse("[keys.list]\nfirst = [\"g\"]\n", Path::new("c.toml")).unwrap();
    assert_eq!(
        c.keys.lookup(Context::List, &keys::parse("g").unwrap().0),
        Lookup::Action(Action::First)
    );
}
