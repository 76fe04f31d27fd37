//! copydesk: a terminal reader for news articles that knows which articles are
//! versions of one story and shows what one version adds over another.
//!
//! This crate is the engine (load, store, search, dedup, compare, config) and the
//! command-line front end; the terminal UI is a thin layer over the same engine.

pub mod article;
pub mod cli;
pub mod compare;
pub mod config;
pub mod date;
pub mod decode;
pub mod dedup;
pub mod demo;
pub mod export;
pub mod filter;
pub mod frontmatter;
pub mod fuzzing;
pub mod keys;
pub mod load;
pub mod search;
pub mod state;
pub mod store;
pub mod synth;
pub mod text;
pub mod tui;
pub mod unique;
pub mod watch;

pub use article::{Article, ArticleId};
pub use load::{LoadError, LoadOptions, Skipped};
pub use store::Store;
