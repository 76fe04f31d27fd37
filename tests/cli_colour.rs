//! The command line as rg users expect it: `--color` and the colour variables,
//! `search`'s exit code and words, mistyped commands, `--config` anywhere, and the
//! log file.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The built binary, with none of the colour or log variables of the calling
/// environment leaking in.
fn copydesk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    for v in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "COPYDESK_LOG"] {
        c.env_remove(v);
    }
    c
}

fn demo(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles")
        .join(path)
        .display()
        .to_string()
}

/// `copydesk diff` of two demo versions, into a pipe, with `args` and `env`.
fn diff(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = copydesk();
    c.arg("diff")
        .arg(demo("northwire/geneva-talks.txt"))
        .arg(demo("courier/geneva-no-ceasefire.txt"))
        .args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn coloured(out: &Output) -> bool {
    out.stdout.contains(&0x1b)
}

fn marked(out: &Output) -> bool {
    let s = String::from_utf8_lossy(&out.stdout);
    s.contains("{+") && s.contains("[-")
}

#[test]
fn diff_colours_a_pipe_only_when_told_to() {
    let plain = diff(&[], &[]);
    assert!(!coloured(&plain) && marked(&plain), "a pipe gets markers");
    let always = diff(&["--color", "always"], &[]);
    assert!(coloured(&always) && !marked(&always));
    assert!(String::from_utf8_lossy(&always.stdout).contains("\x1b[1m\x1b[32m"));
    let never = diff(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]);
    assert!(!coloured(&never) && marked(&never), "--color never wins");
    // The global flag works before the command too.
    let mut c = copydesk();
    let out = c
        .args(["--color", "always", "diff"])
        .arg(demo("northwire/geneva-talks.txt"))
        .arg(demo("courier/geneva-no-ceasefire.txt"))
        .output()
        .unwrap();
    assert!(coloured(&out));
}

#[test]
fn clicolor_force_colours_a_pipe_and_no_color_wins_over_it() {
    let forced = diff(&[], &[("CLICOLOR_FORCE", "1")]);
    assert!(coloured(&forced));
    let both = diff(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!coloured(&both) && marked(&both));
    let no_color = diff(&[], &[("NO_COLOR", "1")]);
    assert!(!coloured(&no_color));
    // --color always wins over NO_COLOR.
    let always = diff(&["--color", "always"], &[("NO_COLOR", "1")]);
    assert!(coloured(&always));
}

#[test]
fn ansi_is_text_with_colour_always() {
    let ansi = diff(&["--format", "ansi"], &[("NO_COLOR", "1")]);
    let always = diff(&["--format", "text", "--color", "always"], &[]);
    assert!(coloured(&ansi));
    assert_eq!(ansi.stdout, always.stdout);
}

#[test]
fn every_printing_command_takes_color() {
    let article = demo("northwire/geneva-talks.txt");
    for args in [
        vec!["list"],
        vec!["search", "talks"],
        vec!["dups"],
        vec!["show", &article],
    ] {
        let out = copydesk()
            .args(&args)
            .args(["--color", "always"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        assert!(coloured(&out), "{args:?} is not coloured");
        let out = copydesk().args(&args).output().unwrap();
        assert!(!coloured(&out), "{args:?} is coloured in a pipe");
        let out = copydesk()
            .args(&args)
            .args(["--format", "ansi"])
            .output()
            .unwrap();
        assert!(coloured(&out), "{args:?} --format ansi");
    }
}

#[test]
fn article_text_cannot_write_escape_codes_even_in_colour() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Evil \x1b]52;c;ZXZpbA==\x07 headline\x1b[2J\n\nBody \x1b[31mred\x1b[0m text.\n",
    )
    .unwrap();
    for args in [vec!["list"], vec!["search", "evil"]] {
        let out = copydesk()
            .args(&args)
            .arg(dir.path())
            .args(["--color", "always"])
            .output()
            .unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(
            !s.contains("\x1b]52") && !s.contains("\x1b[2J"),
            "{args:?}: {s:?}"
        );
    }
    let out = copydesk()
        .arg("show")
        .arg(dir.path().join("a.txt"))
        .args(["--color", "always"])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(!s.contains("\x1b[31m") && !s.contains("\x1b]52"), "{s:?}");
}

#[test]
fn search_exits_1_when_nothing_matches() {
    let out = copydesk().args(["search", "zzqxjvw"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 matches"));
    let out = copydesk()
        .args(["search", "zzqxjvw", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 0);
    let out = copydesk().args(["search", "talks"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn search_takes_several_words_and_a_folder_first() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = copydesk()
            .arg("search")
            .args(args)
            .args(["--format", "json", "--limit", "0"])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let quoted = json(&["geneva talks"]);
    let words = json(&["geneva", "talks"]);
    assert_eq!(quoted["query"], "geneva talks");
    assert_eq!(words["query"], "geneva talks");
    assert_eq!(quoted["total"], words["total"]);
    assert!(words["total"].as_u64().unwrap() > 0);
    // An existing folder first is the folder; the rest is the query.
    let folder = demo("northwire");
    let in_folder = json(&[&folder, "geneva", "talks"]);
    assert_eq!(in_folder["query"], "geneva talks");
    assert!(in_folder["total"].as_u64().unwrap() > 0);
    assert!(in_folder["total"].as_u64() <= words["total"].as_u64());
    // A first word that is no path is part of the query.
    let not_a_folder = json(&["no-such-folder-here", "geneva"]);
    assert_eq!(not_a_folder["query"], "no-such-folder-here geneva");
}

#[test]
fn a_mistyped_command_is_a_usage_error_that_names_the_right_one() {
    let out = copydesk().arg("lsit").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unrecognized subcommand 'lsit'"), "{err}");
    assert!(err.contains("'list'"), "{err}");
    let out = copydesk().arg("serch").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("'search'"));
    // A folder of that name is a folder.
    let dir = tempfile::tempdir().unwrap();
    let out = copydesk()
        .current_dir(dir.path())
        .args(["lsit", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn config_works_before_and_after_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "bogus = 1\n").unwrap();
    let bad = bad.to_str().unwrap();
    for args in [
        vec!["--config", bad, "config", "check"],
        vec!["config", "check", "--config", bad],
        vec!["config", "--config", bad, "check"],
        vec!["--config", bad, "list"],
        vec!["list", "--config", bad],
        vec!["search", "talks", "--config", bad],
        vec!["dups", "--config", bad],
    ] {
        let out = copydesk().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("bad.toml:1:1"), "{args:?}: {err}");
    }
    let out = copydesk()
        .args(["config", "path", "--config", bad])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("bad.toml (--config)"));
}

#[test]
fn verbose_and_copydesk_log_write_what_the_loader_and_version_finder_did() {
    let data = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    std::fs::write(articles.path().join("a.txt"), "A story\n\nIt rained.\n").unwrap();
    std::fs::write(articles.path().join("b.txt"), "").unwrap();
    std::fs::write(articles.path().join("c.json"), "{ not json").unwrap();
    let out = copydesk()
        .env("COPYDESK_DATA_DIR", data.path())
        .args(["--verbose", "dups"])
        .arg(articles.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = std::fs::read_to_string(data.path().join("copydesk.log")).unwrap();
    assert!(log.contains("copydesk started"), "{log}");
    assert!(
        log.contains("file skipped") && log.contains("b.txt"),
        "{log}"
    );
    assert!(
        log.contains("c.json") && log.contains("invalid JSON"),
        "{log}"
    );
    assert!(
        log.contains("loaded") && log.contains("elapsed_ms"),
        "{log}"
    );
    assert!(log.contains("versions found"), "{log}");
    // COPYDESK_LOG names another file, without --verbose.
    let other = data.path().join("elsewhere/run.log");
    let out = copydesk()
        .env("COPYDESK_LOG", &other)
        .arg("list")
        .arg(articles.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let log = std::fs::read_to_string(&other).unwrap();
    assert!(log.contains("file skipped"), "{log}");
    // Without either, nothing is written.
    let quiet = tempfile::tempdir().unwrap();
    let out = copydesk()
        .env("COPYDESK_DATA_DIR", quiet.path())
        .arg("list")
        .arg(articles.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(quiet.path()).unwrap().count(), 0);
}
