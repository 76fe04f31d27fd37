//! The log of a followed folder: the watcher's events, the batches it reads again
//! and the version finder's runs reach the log file (a test binary of its own,
//! since the log is the process's one global subscriber).

use std::sync::mpsc;
use std::time::Duration;

use copydesk::watch::Watch;
use copydesk_core::LoadOptions;
use copydesk_core::versions::{VersionFinder, VersionRun};

#[test]
fn the_watcher_and_the_version_finder_write_to_the_log() {
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("copydesk.log");
    copydesk::log::start(&log).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (tx, rx) = mpsc::channel();
    let _watch = Watch::start(
        dir.path(),
        LoadOptions::default(),
        |_| {},
        move |c| {
            let _ = tx.send(c);
        },
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Ferry strike ends\n\nCrews agreed.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.json"), "{ broken").unwrap();
    let changes = rx.recv_timeout(Duration::from_secs(20)).unwrap();
    let mut finder = VersionFinder::new(Default::default(), true);
    let mut articles = changes.articles.clone();
    for (i, a) in articles.iter_mut().enumerate() {
        a.id = i as u32;
    }
    finder.run(&articles, &VersionRun::Full, &|_| {});
    let text = std::fs::read_to_string(&log).unwrap();
    for said in [
        "following the folder",
        "folder event",
        "burst of changes over",
        "changed paths read again",
        "changed path could not be read",
        "b.json",
        "versions found",
        "elapsed_ms",
    ] {
        assert!(text.contains(said), "{said:?} not in the log:\n{text}");
    }
}
