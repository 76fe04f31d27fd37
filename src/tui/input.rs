//! Terminal input: the thread that reads it (and steps aside while another
//! program has the terminal), key presses turned into the keymap's chords, and
//! each terminal event handed to the app.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

use ratatui::crossterm::event::{
    self, Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton,
    MouseEventKind,
};

use super::app::App;
use super::event::Event;
use super::layout::Areas;
use crate::keys::{Chord, Key, Mods};

/// Turns a terminal key press into a chord; key releases give nothing.
pub fn chord_of(k: &KeyEvent) -> Option<Chord> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let m = k.modifiers;
    let mut mods = Mods {
        ctrl: m.contains(KeyModifiers::CONTROL),
        alt: m.contains(KeyModifiers::ALT),
        shift: m.contains(KeyModifiers::SHIFT),
    };
    let key = match k.code {
        KeyCode::Char(c) => {
            // The character already says whether shift was held.
            mods.shift = false;
            let c = if mods.ctrl { c.to_ascii_lowercase() } else { c };
            Key::Char(c)
        }
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        // Some terminals send shift-tab as tab with shift rather than back-tab.
        KeyCode::Tab if !mods.shift => Key::Tab,
        KeyCode::Tab | KeyCode::BackTab => {
            mods.shift = false;
            Key::BackTab
        }
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Insert => Key::Insert,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    };
    Some(Chord { key, mods })
}

/// Lets the event loop take the terminal away from the input thread while
/// another program (an editor, a pager) runs on it.
#[derive(Default)]
pub struct InputGate {
    /// Set while the input thread must not read.
    pub paused: AtomicBool,
    /// Held by the input thread while it reads, and by the loop while paused.
    pub reading: Mutex<()>,
}

/// The input thread: terminal events into the loop's channel, never while paused.
pub fn read_input(gate: &InputGate, tx: &Sender<Event>) {
    loop {
        if gate.paused.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        let Ok(_held) = gate.reading.lock() else {
            return;
        };
        if gate.paused.load(Ordering::SeqCst) {
            continue;
        }
        match event::poll(Duration::from_millis(100)) {
            Ok(true) => match event::read() {
                Ok(ev) => {
                    if tx.send(Event::Term(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => return,
            },
            Ok(false) => {}
            Err(_) => return,
        }
    }
}

/// Hands one terminal event to the app: keys through the keymap, the mouse
/// where the panes were last drawn (`areas`), a new size.
pub fn handle(app: &mut App, ev: TermEvent, areas: &Areas) {
    match ev {
        TermEvent::Key(k) => {
            #[cfg(debug_assertions)]
            if let KeyCode::Char(c) = k.code
                && std::env::var("COPYDESK_TEST_PANIC_KEY").is_ok_and(|v| v.starts_with(c))
            {
                panic!("test panic on key {c}, as COPYDESK_TEST_PANIC_KEY asked");
            }
            if let Some(chord) = chord_of(&k) {
                app.key(chord);
            }
        }
        TermEvent::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => app.click(m.column, m.row, areas),
            MouseEventKind::ScrollDown => app.wheel(true, m.column, m.row, areas),
            MouseEventKind::ScrollUp => app.wheel(false, m.column, m.row, areas),
            _ => {}
        },
        TermEvent::Resize(w, h) => app.resize(w, h),
        _ => {}
    }
}
