//! The reader's speed on big folders: time to the first frame of the real binary in
//! a pseudo-terminal, and the time to draw one frame, on generated folders.
//!
//! `cargo bench --bench tui` (100,000 articles, one file each), then the comparison
//! view's frame time on two generated 5,000-word versions of one long story.
//! `cargo bench --bench tui -- 1000000` runs the big-folder check instead: a
//! million articles (JSON Lines), with the time to the first frame, to a key's
//! answer while loading and after, to search results, and to exit when quitting
//! in the middle of the load.

mod support;

#[path = "../tests/common/pty.rs"]
mod pty;

use std::io::Read;
use std::time::{Duration, Instant};

use copydesk::config::{Action, Config};
use copydesk::tui::app::App;
use copydesk::tui::event::Outside;
use copydesk::tui::screen;
use copydesk_core::state::Marks;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Starts the release binary on `dir` in a pseudo-terminal and waits for a frame.
fn first_frame(dir: &std::path::Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let bin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/copydesk");
    let mut cmd = CommandBuilder::new(bin);
    cmd.arg(dir);
    cmd.env("TERM", "xterm-256color");
    let home = tempfile::tempdir().unwrap();
    cmd.env("HOME", home.path());
    cmd.env("COPYDESK_DATA_DIR", home.path());
    let t = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let took = loop {
        let n = reader.read(&mut buf).unwrap();
        seen.extend_from_slice(&buf[..n]);
        // The first frame has drawn the list's border corner.
        if String::from_utf8_lossy(&seen).contains('┌') {
            break t.elapsed();
        }
    };
    let _ = child.kill();
    took
}

/// Two ~`words`-word versions: generated originals joined into one article,
/// against their rewrites joined.
fn long_pair(words: usize) -> copydesk_core::Store {
    let corpus = support::generate(2_000, 7);
    let by_path: std::collections::HashMap<&str, &str> = corpus
        .articles
        .iter()
        .map(|a| (a.path.as_str(), a.text.as_str()))
        .collect();
    let body = |text: &str| {
        text.split_once("\n\n")
            .map_or(String::new(), |(_, b)| b.to_string())
    };
    let (mut left, mut right) = (String::new(), String::new());
    for p in corpus
        .truth
        .pairs
        .iter()
        .filter(|p| p.kind == copydesk_testkit::synth::EditKind::Rewrite)
    {
        if copydesk_core::text::words::count_words(&left) as usize >= words {
            break;
        }
        left.push_str(&body(by_path[p.left.as_str()]));
        left.push_str("\n\n");
        right.push_str(&body(by_path[p.right.as_str()]));
        right.push_str("\n\n");
    }
    let left = format!("A long story as first filed\n\n{left}");
    let right = format!("A long story as rewritten\n\n{right}");
    let (articles, _) = copydesk_core::load::load_memory([
        ("left.txt", left.as_bytes()),
        ("right.txt", right.as_bytes()),
    ]);
    copydesk_core::Store::from_articles("long", articles, Vec::new())
}

/// Draws one frame of `app` and says how long it took.
fn draw_timed(term: &mut Terminal<TestBackend>, app: &App) -> Duration {
    let t = Instant::now();
    term.draw(|f| {
        screen::draw(f, app);
    })
    .unwrap();
    t.elapsed()
}

fn diff_frames() {
    let store = long_pair(5_000);
    let words: Vec<u32> = store.articles().iter().map(|a| a.words).collect();
    let mut app = App::new(store, Config::default(), Marks::in_memory(), false);
    app.take_jobs();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut frame = |app: &App| draw_timed(&mut term, app);
    app.resize(120, 40);
    let (open, _) = support::median(5, || {
        app.update(Action::Back);
        app.list.select(0);
        app.update(Action::MarkLeft);
        app.list.select(1);
        app.update(Action::Compare);
        frame(&app)
    });
    let rows = app.comparison.view().map_or(0, |d| d.comparison.rows.len());
    // Each step is the key's action and the frame after it.
    let mut times = Vec::new();
    let mut step = |app: &mut App, action: Action| {
        let t = Instant::now();
        app.update(action);
        frame(app);
        times.push(t.elapsed());
    };
    for _ in 0..100 {
        step(&mut app, Action::PageDown);
    }
    step(&mut app, Action::First);
    for _ in 0..100 {
        step(&mut app, Action::NextChange);
    }
    step(&mut app, Action::ToggleFold);
    for _ in 0..50 {
        step(&mut app, Action::PrevChange);
    }
    step(&mut app, Action::ToggleFold);
    step(&mut app, Action::SwapSides);
    times.sort();
    println!(
        "comparison of two versions ({} and {} words, {rows} rows), 120x40: opening (compare, lay out, draw) {}; key to frame over {} keys (paging, jumping, folding; swapping compares again): median {}, p99 {}, worst {}",
        words[0],
        words[1],
        support::ms(open),
        times.len(),
        support::ms(times[times.len() / 2]),
        support::ms(times[times.len() * 99 / 100]),
        support::ms(*times.last().unwrap())
    );
}

/// The reader on a folder of `n` articles (JSON Lines), driven in a pty.
fn big_folder(n: usize) {
    let dir = support::corpus_jsonl(n, 1);
    let home = tempfile::tempdir().unwrap();
    let arg = dir.to_str().unwrap();
    let long = Duration::from_secs(600);

    // 1. Quitting in the middle of the load.
    let mut s = pty::start(&[arg], home.path(), &[]);
    let ff = s.wait_until(long, |c| c.contains('┌')).unwrap();
    s.wait_until(long, |c| c.contains("loading")).unwrap();
    let t = Instant::now();
    s.type_now("q");
    while s.alive() {
        std::thread::sleep(Duration::from_millis(1));
    }
    let quit = t.elapsed();
    std::thread::sleep(Duration::from_millis(200));
    s.assert_restored();
    println!(
        "{n} articles: first frame {}; quitting during the load exits in {}, terminal restored",
        support::ms(ff),
        support::ms(quit)
    );

    // 2. Keys and search while loading, then after.
    let mut s = pty::start(&[arg], home.path(), &[]);
    // Keys before the first rows arrive would move nothing.
    s.wait_until(long, |c| c.contains("loading") && c.contains('•'))
        .unwrap();
    let t = Instant::now();
    s.type_now("jjjjjjjjj");
    s.wait_until(long, |c| c.contains(" 10/")).unwrap();
    let scroll_loading = t.elapsed();
    let t = Instant::now();
    s.type_now("/harbour");
    s.wait_until(long, |c| c.contains("match")).unwrap();
    let search_loading = t.elapsed();
    s.type_now("\x1b");
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    if s.wait_until(Duration::from_secs(90), |c| !c.contains("loading"))
        .is_none()
    {
        panic!("still loading after 90 s; the screen:\n{}", s.contents());
    }
    let rest = t.elapsed();
    std::thread::sleep(Duration::from_millis(500));
    let mut scrolls = Vec::new();
    for k in 0..20 {
        let before = s.contents();
        let t = Instant::now();
        s.type_now(if k % 2 == 0 { "\x06" } else { "j" });
        s.wait_until(long, |c| c != before).unwrap();
        scrolls.push(t.elapsed());
    }
    scrolls.sort();
    let t = Instant::now();
    s.type_now("/strike");
    s.wait_until(long, |c| c.contains("matches") && c.contains("/strike"))
        .unwrap();
    let search = t.elapsed();
    let ranked = s
        .wait_until(long, |c| !c.contains("ranking"))
        .map(|d| d + search);
    s.type_now("\x1b");
    // A key right after esc would arrive as alt and that key.
    std::thread::sleep(Duration::from_millis(200));
    s.type_now("q");
    while s.alive() {
        std::thread::sleep(Duration::from_millis(1));
    }
    println!(
        "  while loading: 9 moves shown in {}, \"harbour\" typed and answered in {}; loading went on for {} more",
        support::ms(scroll_loading),
        support::ms(search_loading),
        support::ms(rest)
    );
    println!(
        "  loaded: a key (page or line down) to its frame: median {}, worst {} (20 keys); \"strike\" typed and answered in {}, fully ranked after {}",
        support::ms(scrolls[10]),
        support::ms(scrolls[19]),
        support::ms(search),
        ranked.map_or("-".to_string(), support::ms)
    );
}

fn main() {
    let sizes = support::sizes(&[]);
    if let Some(&n) = sizes.iter().find(|&&n| n >= 500_000) {
        big_folder(n);
        return;
    }
    diff_frames();
    for n in support::sizes(&[100_000]) {
        let dir = support::corpus_on_disk(n, 1);
        let ff: Vec<Duration> = (0..5).map(|_| first_frame(&dir)).collect();
        let mut sorted = ff.clone();
        sorted.sort();
        println!(
            "{n} articles: first frame after start {} (median of 5, binary in a pty)",
            support::ms(sorted[2])
        );

        let store = copydesk_core::Store::load(&dir).unwrap();
        let clusters =
            copydesk_core::dedup::cluster(store.articles(), &Default::default(), &|_| {});
        let mut app = App::new(store, Config::default(), Marks::in_memory(), false);
        app.take_jobs();
        app.outside(Outside::Clustered(clusters));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut frame = |app: &App| draw_timed(&mut term, app);
        let mut times = Vec::new();
        app.resize(120, 40);
        for _ in 0..200 {
            app.update(Action::MoveDown);
            times.push(frame(&app));
        }
        app.update(Action::Last);
        times.push(frame(&app));
        app.update(Action::Open);
        for _ in 0..50 {
            app.update(Action::MoveDown);
            times.push(frame(&app));
        }
        app.update(Action::Back);
        app.update(Action::Search);
        for c in "strike".chars() {
            app.key(copydesk::keys::Chord::plain(copydesk::keys::Key::Char(c)));
            times.push(frame(&app));
        }
        times.sort();
        println!(
            "  frame time over {} frames (list, reader, search with highlights; 120x40): median {}, p99 {}, worst {}",
            times.len(),
            support::ms(times[times.len() / 2]),
            support::ms(times[times.len() * 99 / 100]),
            support::ms(*times.last().unwrap())
        );
    }
}
