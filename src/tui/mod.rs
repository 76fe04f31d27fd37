//! The terminal reader, built of panes that each own what they show: the article
//! list, the reader, the search prompt, the comparison of two versions, boxes over
//! them (keys, skipped files), and the background work. The app routes each key
//! to the pane in front and carries out what the pane asks for; one event loop
//! takes events from one channel, updates, and draws.
//!
//! Below the panes: the shared articles (`library`), the window arithmetic every
//! scrolling pane uses (`scroll`), where things go on screen (`layout`), and the
//! newest-job-wins queue the background workers are built on (`queue`).

pub mod app;
pub mod comparison;
pub mod effect;
pub mod event;
mod event_loop;
pub mod external;
pub mod focus;
mod input;
pub mod job;
pub mod layout;
pub mod library;
pub mod line;
pub mod list;
mod numbers;
pub mod overlay;
mod programs;
pub mod prompt;
mod queue;
pub mod reader;
pub mod screen;
pub mod scroll;
mod status;
pub mod style;
pub mod tty;
pub mod work;
mod workers;

pub use event_loop::{Ended, Source, TuiError, run};
pub use input::chord_of;
