//! Searching and reading in a real pseudo-terminal, keys typed one at a time as a
//! person types them: the best match selected while typing, the prompt edited as a
//! line, a kept search cleared with esc, `/` inside a long article, and the reader
//! following the list.

mod common;

use common::pty::start;

/// Headlines where the best match changes with the last key: `trad` puts the
/// short `Trad jazz ...` first, `trade` the `Trade deficit ...` (which a reader
/// that kept the previous top selected would miss).
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    w(
        "a.txt",
        "Trad jazz band plays the docks\n\nA trad jazz band played at the docks on Monday.\n",
    );
    w(
        "b.txt",
        "Trade deficit widens sharply in March as exports fall\n\nThe trade deficit widened in March, officials said.\n",
    );
    w(
        "c.txt",
        "Museum reopens its doors\n\nThe maritime museum reopened after a long restoration.\n",
    );
    let mut long = String::from("Long report on the harbour\n\n");
    for i in 0..80 {
        long.push_str(&format!(
            "Paragraph {i} says something about the harbour and its ships.\n\n"
        ));
    }
    long.push_str("The very last paragraph mentions a zebracorn once.\n");
    w("d.txt", &long);
    dir
}

/// The row drawn selected (reversed, or in the selection colour) on screen.
fn selected_row(s: &common::pty::Session) -> String {
    let parser = s.screen.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    for r in 1..rows {
        let cell = screen.cell(r, 8);
        if cell.is_some_and(|c| c.inverse() || c.bgcolor() != vt100::Color::Default) {
            return (0..cols)
                .filter_map(|c| screen.cell(r, c).map(|x| x.contents().to_string()))
                .collect();
        }
    }
    String::new()
}

#[test]
fn typing_a_query_key_by_key_leaves_the_best_match_selected() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("4 articles");
    s.send("/");
    for c in "trade".chars() {
        s.send(&c.to_string());
    }
    s.wait_for("/trade");
    s.wait_for("2 matches");
    let row = selected_row(&s);
    assert!(
        row.contains("Trade deficit widens"),
        "selected: {row:?}\n{}",
        s.contents()
    );
    s.send("\r");
    s.send("\r");
    s.wait_for("The trade deficit widened in March");
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn the_prompt_edits_as_a_line_and_esc_clears_a_kept_search() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("4 articles");
    s.send("/");
    for k in ["a", "b", "c", "\x1b[D", "\x1b[D", "Z"] {
        s.send(k);
    }
    s.wait_for("/aZbc");
    s.send("\x15");
    s.wait_for("4 articles");
    assert!(!s.contents().contains("aZbc"), "ctrl-u clears");
    for c in "why?!".chars() {
        s.send(&c.to_string());
    }
    s.wait_for("/why?!");
    assert!(!s.contents().contains("Everywhere"), "? typed, no help");
    s.send("\x15");
    for c in "museum".chars() {
        s.send(&c.to_string());
    }
    s.wait_for("1 match");
    s.send("\r");
    s.send("\x1b");
    s.wait_for("4 articles");
    assert!(
        !s.contents().contains("/museum"),
        "esc cleared the kept search"
    );
    // `/` starts fresh; up brings back the kept query, from the history file.
    s.send("/");
    s.send("\x1b[A");
    s.wait_for("/museum");
    s.send("\x1b");
    s.send("q");
    assert!(s.wait_exit().success());
    let history = std::fs::read_to_string(home.path().join("data/search-history")).unwrap();
    assert_eq!(history, "museum\n");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
}

#[test]
fn slash_in_the_reader_brings_a_word_from_the_end_on_screen() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("4 articles");
    for _ in 0..3 {
        s.send("j");
    }
    s.send("\r");
    s.wait_for("Paragraph 0 says");
    assert!(!s.contents().contains("zebracorn"));
    s.send("/");
    for c in "ZEBRACORN".chars() {
        s.send(&c.to_string());
    }
    s.send("\r");
    s.wait_for("mentions a zebracorn once");
    s.wait_for("/ZEBRACORN 1/1");
    s.send("g");
    s.send("g");
    s.wait_for("Paragraph 0 says");
    s.send("n");
    s.wait_for("mentions a zebracorn once");
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn after_tab_and_j_the_reader_shows_the_newly_selected_article() {
    let dir = fixture();
    let home = tempfile::tempdir().unwrap();
    let mut s = start(&[dir.path().to_str().unwrap()], home.path(), &[]);
    s.wait_for("4 articles");
    s.send("\r");
    s.wait_for("A trad jazz band played");
    s.send("\t");
    s.send("j");
    s.wait_for("The trade deficit widened in March");
    assert!(!s.contents().contains("A trad jazz band played"));
    s.send("q");
    assert!(s.wait_exit().success());
}
