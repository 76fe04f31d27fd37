//! Text handling shared by the engine: sentences, words, normalisation for
//! comparison, spelling variants, display width.

pub mod display;
pub mod find;
pub mod normalize;
pub mod script;
pub mod sentences;
pub mod spelling;
pub mod tokens;
pub mod width;
pub mod words;
pub mod wrap;
