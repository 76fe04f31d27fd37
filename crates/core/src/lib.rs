//! copydesk-core: the engine of copydesk. It loads folders of news articles, finds
//! which articles are versions of one story, compares two versions the way an editor
//! reads them, and searches headlines. It knows nothing about terminals: the reader
//! and the command line are front ends over it.

pub mod article;
pub mod columns;
pub mod compare;
pub mod date;
pub mod decode;
pub mod dedup;
pub mod export;
pub mod filter;
pub mod formats;
pub mod lazy;
pub mod load;
pub mod location;
mod memory;
mod prefetch;
pub mod search;
pub mod skipped;
pub mod sort;
pub mod state;
pub mod store;
pub mod story;
pub mod text;
pub mod unique;
pub mod versions;

pub use article::{Article, ArticleId};
pub use load::{LoadError, LoadOptions, Skipped};
pub use location::Location;
pub use store::Store;
