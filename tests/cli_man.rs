//! The manual page and shell completions, generated from the argument definitions.

use std::process::Command;

fn copydesk(args: &[&str]) -> String {
    let out =
        copydesk_testkit::run::stdout_of(Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args));
    String::from_utf8(out).unwrap()
}

#[test]
fn the_shipped_manual_page_is_the_generated_one() {
    let page = copydesk(&["man"]);
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/copydesk.1")).unwrap();
    assert!(
        page == shipped,
        "assets/copydesk.1 is stale: run `cargo run -q -- man > assets/copydesk.1`"
    );
}

#[test]
fn the_manual_page_documents_every_command_and_key() {
    let page = copydesk(&["man"]);
    assert!(page.starts_with(".ie") || page.contains(".TH copydesk 1"));
    for section in [
        "SH NAME",
        "SH SYNOPSIS",
        "SH COMMANDS",
        "SH KEYS",
        "SH ENVIRONMENT",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for command in [
        "list",
        "search",
        "dups",
        "diff",
        "config",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SS \"copydesk {command}\""))
                || page.contains(&format!(".SS copydesk {command}")),
            "no section for {command}"
        );
    }
    // Every action bound by default is named, so a reader can find it in the config.
    let config = copydesk::config::Config::default();
    for ctx in copydesk::config::Context::ALL {
        for (action, _) in config.keys.bindings(ctx) {
            assert!(page.contains(action.name()), "{} missing", action.name());
        }
    }
    // Arguments with choices list them.
    assert!(page.contains("One of: text, ansi, json"));
}

#[test]
fn completions_name_the_commands_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = copydesk(&["completions", shell]);
        for command in ["list", "search", "dups", "diff", "config"] {
            assert!(script.contains(command), "{shell}: no {command}");
        }
        assert!(script.contains("format"), "{shell}: no options");
    }
    assert!(copydesk(&["completions", "bash"]).contains("complete -F"));
    let bad = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("possible values"));
}
