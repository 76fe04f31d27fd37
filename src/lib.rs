//! copydesk: a terminal reader for news articles that knows which articles are
//! versions of one story and shows what one version adds over another.
//!
//! This crate is the program: the terminal reader (`tui`), the commands (`cli`),
//! the config file and its keymap, and the folder watcher. The engine is
//! `copydesk-core`.

pub mod cli;
pub mod config;
pub mod demo;
pub mod keys;
pub mod log;
pub mod tui;
pub mod watch;
