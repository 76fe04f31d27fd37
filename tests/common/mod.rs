//! Helpers shared by integration tests.

#![allow(dead_code)]

pub mod pty;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Every entry under `root` with a hash of its bytes (files only; a FIFO is
/// never opened) and its modification time, to show a folder was left alone.
pub fn folder_snapshot(root: &Path) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).follow_links(false) {
        let Ok(e) = e else { continue };
        let Ok(meta) = e.path().symlink_metadata() else {
            continue;
        };
        let hash = if meta.is_file() {
            std::fs::read(e.path()).map_or(0, |b| fnv(&b))
        } else {
            0
        };
        out.insert(e.path().to_path_buf(), (hash, meta.modified().ok()));
    }
    out
}

/// FNV-1a: enough to notice a changed byte.
fn fnv(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &x in b {
        h ^= x as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The reader over `store` with the default config and marks kept in memory, the
/// jobs it asks for at the start taken (and not run).
pub fn app_over(store: copydesk_core::Store) -> copydesk::tui::app::App {
    let mut a = copydesk::tui::app::App::new(
        store,
        copydesk::config::Config::default(),
        copydesk_core::state::Marks::in_memory(),
        false,
    );
    a.take_jobs();
    a
}

/// The reader over the demo corpus with its versions found, no message showing.
pub fn demo_app() -> copydesk::tui::app::App {
    use copydesk::tui::event::Outside;
    let store = copydesk::demo::store();
    let clusters = copydesk_core::dedup::cluster(store.articles(), &Default::default(), &|_| {});
    let mut a = app_over(store);
    a.outside(Outside::Clustered(clusters));
    a.message = None;
    a
}

/// Writes `text` as the config file copydesk finds under `home` (as the pty
/// sessions set `XDG_CONFIG_HOME`).
pub fn write_config(home: &Path, text: &str) {
    let dir = home.join("config/copydesk");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}
