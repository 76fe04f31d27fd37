//! Handing an article to other programs: the browser for its URL, the editor
//! or pager for its text, the terminal's clipboard for its headline, path or URL.
//! This module only decides what to run; `programs` runs it.

use std::path::{Path, PathBuf};

use copydesk_core::article::Article;

use crate::config::Action;

/// Something to run outside the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum External {
    /// Start a program and leave it running (a browser); nothing waits for it.
    Launch {
        /// Program and arguments.
        argv: Vec<String>,
    },
    /// Run a program on the terminal, the reader suspended until it exits.
    Foreground {
        /// Program and arguments.
        argv: Vec<String>,
        /// Text to give it on standard input (a pager reading the article).
        stdin: Option<String>,
        /// What it is, for messages (`editor`, `pager`).
        what: &'static str,
    },
    /// Put text on the clipboard through the terminal (OSC 52, works over ssh).
    Copy(String),
}

/// Editors known to take `+LINE` before the file to open at that line.
const PLUS_LINE_EDITORS: &[&str] = &[
    "vi",
    "vim",
    "nvim",
    "nano",
    "emacs",
    "emacsclient",
    "micro",
    "kak",
    "mg",
    "joe",
    "ne",
];

/// Splits a command as written in a variable or the config (`code --wait`,
/// `"/Applications/My Editor" -n`) into program and arguments, by the shell's
/// quoting rules (`shell-words`). A command whose quotes do not close is split at
/// its spaces instead, and the log says so.
pub fn split_command(command: &str) -> Vec<String> {
    match shell_words::split(command) {
        Ok(words) => words,
        Err(e) => {
            tracing::warn!(command, error = %e, "command split at spaces instead");
            command.split_whitespace().map(str::to_string).collect()
        }
    }
}

/// The first set, non-blank variable of `names`, split into a command, else `fallback`.
fn command_from_env(
    names: &[&str],
    fallback: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<String> {
    names
        .iter()
        .filter_map(|n| env(n))
        .map(|v| split_command(&v))
        .find(|argv| !argv.is_empty())
        .unwrap_or_else(|| vec![fallback.to_string()])
}

/// Why a URL is not handed to the browser.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlRefused {
    /// Another scheme than http or https (`file:`, `javascript:`, a path, an option).
    #[error("only http and https links are opened; this one is {0}")]
    Scheme(String),
    /// Spaces or control characters, which no link holds.
    #[error("a link holds no spaces or control characters")]
    Spaces,
    /// Nothing after the scheme.
    #[error("the link names no host")]
    NoHost,
}

/// `url` if it is one to hand to a browser: `http://` or `https://` (in any case)
/// followed by a host, with no spaces or control characters. Anything else (a
/// `file:` or `javascript:` link, a path, a word starting with `-` that an opener
/// would take for an option) is refused, and says why.
pub fn web_url(url: &str) -> Result<&str, UrlRefused> {
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let rest = match scheme.as_deref() {
        Some("http" | "https") => &url[url.find(':').unwrap_or(0) + 1..],
        Some(s)
            if !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            return Err(UrlRefused::Scheme(format!("a {s}: link")));
        }
        _ => return Err(UrlRefused::Scheme("not a link".to_string())),
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlRefused::Spaces);
    }
    let host = rest
        .strip_prefix("//")
        .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        Some(h) if !h.is_empty() && !h.starts_with('@') => Ok(url),
        _ => Err(UrlRefused::NoHost),
    }
}

/// The browser command for a URL that passed [`web_url`]: the configured one,
/// else the platform's opener. The URL goes last; it starts with `http`, so no
/// opener can take it for an option. (No `--` goes before it: `xdg-open` refuses
/// one as an unknown option.)
pub fn open_url(url: &str, configured: Option<&str>) -> External {
    let mut argv = configured
        .map(split_command)
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| {
            vec![
                if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                }
                .to_string(),
            ]
        });
    argv.push(url.to_string());
    External::Launch { argv }
}

/// The file an article came from, and the line of its record in a JSON Lines
/// file; none for the built-in demo corpus, which has no files.
pub fn source_file(root: &Path, a: &Article) -> Option<(PathBuf, Option<usize>)> {
    if root.as_os_str() == crate::demo::DEMO_ROOT {
        return None;
    }
    let (rel, record) = (&*a.location.file, a.location.record.map(|n| n as usize));
    // A store of one file has that file as its root and the file name as the path.
    let file = if root.is_file() {
        root.to_path_buf()
    } else {
        root.join(rel)
    };
    let jsonl = copydesk_core::load::FileKind::of(Path::new(rel)).is_some_and(|k| k.by_line());
    Some((file, record.filter(|_| jsonl)))
}

/// The editor command for `file`, at `line` when the editor is known to take `+LINE`.
pub fn edit(file: &Path, line: Option<usize>, env: &dyn Fn(&str) -> Option<String>) -> External {
    let mut argv = command_from_env(&["VISUAL", "EDITOR"], "vi", env);
    let program = Path::new(&argv[0])
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(n) = line
        && PLUS_LINE_EDITORS.contains(&program.as_str())
    {
        argv.push(format!("+{n}"));
    }
    argv.push(file.display().to_string());
    External::Foreground {
        argv,
        stdin: None,
        what: "editor",
    }
}

/// The pager command, reading the article's text on standard input.
pub fn page(a: &Article, env: &dyn Fn(&str) -> Option<String>) -> External {
    External::Foreground {
        argv: command_from_env(&["PAGER"], "less", env),
        stdin: Some(wrapped_text(a, PAGER_WIDTH)),
        what: "pager",
    }
}

/// Columns the pager's text is wrapped to.
pub const PAGER_WIDTH: usize = 78;

/// The article as plain text with its paragraphs wrapped to `width` columns
/// (tables and code as written), for a pager that does not wrap.
pub fn wrapped_text(a: &Article, width: usize) -> String {
    let plain = plain_text(a);
    let pre: std::collections::HashSet<&str> = a
        .paragraphs_marked()
        .filter(|(_, pre)| *pre)
        .map(|(p, _)| p)
        .collect();
    let mut out = String::new();
    for line in plain.lines() {
        if pre.contains(line) || copydesk_core::text::width::width(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        for l in copydesk_core::text::wrap::wrap(&[(line, ())], width) {
            let text: String = l.into_iter().map(|(t, _)| t).collect();
            out.push_str(text.trim_end());
            out.push('\n');
        }
    }
    out
}

/// The article as plain text: headline, where and who, body, credit.
pub fn plain_text(a: &Article) -> String {
    let mut out = String::new();
    out.push_str(&a.title);
    out.push_str("\n\n");
    let about: Vec<&str> = [a.dateline.as_deref(), a.source.as_deref(), a.author()]
        .into_iter()
        .flatten()
        .collect();
    if !about.is_empty() || a.date.is_some() {
        let mut line = about.join(" · ");
        if let Some(d) = a.date {
            if !line.is_empty() {
                line.push_str(" · ");
            }
            line.push_str(&d.to_string());
        }
        out.push_str(&line);
        out.push_str("\n\n");
    }
    for p in a.paragraphs() {
        out.push_str(p);
        out.push_str("\n\n");
    }
    if let Some(c) = a.credit() {
        out.push_str(c);
        out.push('\n');
    }
    if let Some(u) = a.url() {
        out.push_str(u);
        out.push('\n');
    }
    out
}

/// What sharing action `action` does with article `a` (from the folder `root`):
/// the program to run or the text to copy, if any, and what to say (empty for
/// nothing). None for an action that does not share.
pub fn share(
    action: Action,
    a: &Article,
    root: &Path,
    open_command: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<(Option<External>, String)> {
    let no_url = "this article has no URL (records with a url or link field have one)";
    let copied = |text: String, what: &str| (Some(External::Copy(text)), what.to_string());
    Some(match action {
        Action::OpenUrl => match a.url().map(|u| (u, web_url(u))) {
            Some((u, Ok(_))) => (Some(open_url(u, open_command)), format!("opening {u}")),
            Some((u, Err(why))) => (None, format!("not opening {u}: {why}")),
            None => (None, no_url.to_string()),
        },
        Action::EditFile => match source_file(root, a) {
            Some((file, line)) => (Some(edit(&file, line, env)), String::new()),
            None => (
                None,
                "the demo corpus is built into copydesk: there is no file to edit".to_string(),
            ),
        },
        Action::PageArticle => (Some(page(a, env)), String::new()),
        Action::CopyHeadline => copied(a.title.to_string(), "headline copied to the clipboard"),
        Action::CopyPath => match source_file(root, a) {
            Some((file, _)) => {
                let mut path = file.display().to_string();
                if let Some(record) = a.location.record {
                    path = format!("{path}#{record}");
                }
                copied(path, "path copied to the clipboard")
            }
            None => copied(
                a.location.to_string(),
                "path in the built-in demo corpus copied to the clipboard",
            ),
        },
        Action::CopyUrl => match a.url() {
            Some(u) => copied(u.to_string(), "URL copied to the clipboard"),
            None => (None, no_url.to_string()),
        },
        _ => return None,
    })
}

/// The command that asks the terminal to put `text` on the clipboard (OSC 52).
/// tmux takes it and hands it on when its `set-clipboard` option is on.
pub fn clipboard(text: &str) -> ratatui::crossterm::clipboard::CopyToClipboard<String> {
    ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_gets_wrapped_paragraphs() {
        let body = "word ".repeat(60);
        let (arts, _) = copydesk_core::load::load_memory([(
            "a.txt",
            format!("A headline\n\n{body}\n").as_bytes(),
        )]);
        let text = wrapped_text(&arts[0], 40);
        assert!(text.lines().all(|l| l.chars().count() <= 40), "{text}");
        assert_eq!(text.matches("word").count(), 60);
    }

    #[test]
    fn commands_split_like_a_shell_would_for_simple_cases() {
        assert_eq!(split_command("code --wait"), ["code", "--wait"]);
        assert_eq!(split_command("  vim  "), ["vim"]);
        assert_eq!(
            split_command("\"/Applications/My Editor\" -n ''"),
            ["/Applications/My Editor", "-n", ""]
        );
        assert!(split_command("   ").is_empty());
        assert_eq!(
            split_command(r#"emacsclient -a "" --eval '(find-file "x")'"#),
            ["emacsclient", "-a", "", "--eval", r#"(find-file "x")"#]
        );
        assert_eq!(split_command(r"my\ editor -w"), ["my editor", "-w"]);
        // Quotes that never close: split at the spaces rather than refuse.
        assert_eq!(split_command("vim 'x"), ["vim", "'x"]);
    }

    #[test]
    fn editors_that_take_a_line_get_one() {
        let env = |v: &str| -> Option<String> {
            match v {
                "VISUAL" => Some("".into()),
                "EDITOR" => Some("/usr/bin/nvim -p".into()),
                _ => None,
            }
        };
        let External::Foreground { argv, .. } = edit(Path::new("/n/a.jsonl"), Some(7), &env) else {
            panic!()
        };
        assert_eq!(argv, ["/usr/bin/nvim", "-p", "+7", "/n/a.jsonl"]);
        let code = |v: &str| (v == "EDITOR").then(|| "code --wait".to_string());
        let External::Foreground { argv, .. } = edit(Path::new("/n/a.jsonl"), Some(7), &code)
        else {
            panic!()
        };
        assert_eq!(argv, ["code", "--wait", "/n/a.jsonl"]);
        let none = |_: &str| None;
        let External::Foreground { argv, .. } = edit(Path::new("/n/a.txt"), None, &none) else {
            panic!()
        };
        assert_eq!(argv, ["vi", "/n/a.txt"]);
    }

    #[test]
    fn only_http_and_https_links_go_to_the_browser() {
        for ok in [
            "https://example.com/a?b=c#d",
            "HTTP://example.com",
            "http://user@example.com:8080/x",
        ] {
            assert_eq!(web_url(ok), Ok(ok));
        }
        for (bad, why) in [
            ("--help", "not a link"),
            ("-x", "not a link"),
            ("file:///etc/shadow", "a file: link"),
            ("javascript:alert(1)", "a javascript: link"),
            ("/usr/share/applications/evil.desktop", "not a link"),
            ("evil.desktop", "not a link"),
            ("x-scheme-handler:foo", "a x-scheme-handler: link"),
        ] {
            assert_eq!(
                web_url(bad),
                Err(UrlRefused::Scheme(why.to_string())),
                "{bad}"
            );
        }
        assert_eq!(web_url("https://a.com/x y"), Err(UrlRefused::Spaces));
        assert_eq!(web_url("https://a.com/\u{1b}]52"), Err(UrlRefused::Spaces));
        assert_eq!(web_url("https:///etc/shadow"), Err(UrlRefused::NoHost));
        assert_eq!(web_url("http:example.com"), Err(UrlRefused::NoHost));
    }

    #[test]
    fn a_refused_link_starts_nothing_and_says_why() {
        let none = |_: &str| None;
        for url in [
            "--help",
            "file:///etc/shadow",
            "javascript:alert(1)",
            "a.desktop",
        ] {
            let (mut a, _) = copydesk_core::load::load_memory([(
                "a.json",
                format!("{{\"title\": \"T\", \"body\": \"B.\", \"url\": {url:?}}}").as_bytes(),
            )]);
            let a = a.remove(0);
            assert_eq!(a.url(), Some(url));
            let (run, said) = share(Action::OpenUrl, &a, Path::new("/n"), None, &none).unwrap();
            assert_eq!(run, None, "{url}");
            assert!(said.starts_with("not opening"), "{said}");
        }
        let (mut a, _) = copydesk_core::load::load_memory([(
            "a.json",
            br#"{"title": "T", "body": "B.", "url": "https://example.com/a"}"#.as_slice(),
        )]);
        let a = a.remove(0);
        let (run, _) = share(
            Action::OpenUrl,
            &a,
            Path::new("/n"),
            Some("firefox --new-tab"),
            &none,
        )
        .unwrap();
        assert_eq!(
            run,
            Some(External::Launch {
                argv: vec![
                    "firefox".into(),
                    "--new-tab".into(),
                    "https://example.com/a".into()
                ]
            })
        );
    }

    #[test]
    fn clipboard_sequence_carries_the_text() {
        use ratatui::crossterm::Command as _;
        let mut seq = String::new();
        clipboard("Port strike ends").write_ansi(&mut seq).unwrap();
        assert_eq!(seq, "\x1b]52;c;UG9ydCBzdHJpa2UgZW5kcw==\x1b\\");
    }
}
