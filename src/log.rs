//! The log file: what the loader, the folder watcher and the version finder did,
//! and every error they handled without stopping, for when something looks wrong.
//! Off unless asked for with `--verbose` (the data folder's `copydesk.log`) or
//! `COPYDESK_LOG=FILE`. The engine writes its events with `tracing`; this is the
//! one place that sends them anywhere, so nothing reaches the terminal.

use std::fs::OpenOptions;
use std::path::PathBuf;

use tracing_subscriber::fmt::format::FmtSpan;

/// The variable that names a log file (and so turns the log on).
pub const LOG_VAR: &str = "COPYDESK_LOG";

/// The log's name in the data folder.
pub const LOG_NAME: &str = "copydesk.log";

/// The data folder: `$COPYDESK_DATA_DIR`, else the platform's
/// (`~/.local/share/copydesk` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("COPYDESK_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "copydesk").map(|d| d.data_dir().to_path_buf())
}

/// Where the log goes, if anywhere: `$COPYDESK_LOG`, else with `verbose` the data
/// folder's `copydesk.log`.
pub fn file(verbose: bool, env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(f) = env(LOG_VAR).filter(|f| !f.trim().is_empty()) {
        return Some(PathBuf::from(f));
    }
    verbose.then(data_dir).flatten().map(|d| d.join(LOG_NAME))
}

/// Starts logging to `path` (appended to, its folder made if needed), every event
/// at debug level and above. An error says why the file cannot be written.
pub fn start(path: &std::path::Path) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot make the log's folder {}: {e}", dir.display()))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot write the log {}: {e}", path.display()))?;
    tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_max_level(tracing::Level::DEBUG)
        .with_thread_names(true)
        .with_span_events(FmtSpan::NONE)
        .try_init()
        .map_err(|e| format!("cannot start the log: {e}"))?;
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        args = ?std::env::args().skip(1).collect::<Vec<_>>(),
        "copydesk started"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_wins_and_verbose_uses_the_data_folder() {
        let env = |v: &str| (v == LOG_VAR).then(|| "/tmp/x.log".to_string());
        assert_eq!(file(false, &env), Some(PathBuf::from("/tmp/x.log")));
        let none = |_: &str| None;
        assert_eq!(file(false, &none), None);
        let blank = |v: &str| (v == LOG_VAR).then(String::new);
        assert_eq!(file(false, &blank), None);
        if let Some(d) = data_dir() {
            assert_eq!(file(true, &none), Some(d.join(LOG_NAME)));
        }
    }
}
