//! Stories as an editor reads them: what kind of version each article is of
//! another, a story's timeline, the stories that are related without being
//! versions, and clusters written to and read from JSON Lines.

pub mod clusters_file;
pub mod relation;
pub mod timeline;

pub use relation::Relation;
pub use timeline::{Step, timeline};
