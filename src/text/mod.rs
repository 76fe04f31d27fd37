//! Text handling shared by the engine: sentences, display width.

pub mod sentences;
pub mod width;
