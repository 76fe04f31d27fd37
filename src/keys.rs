//! Key strings as the config file writes them (`"j"`, `"ctrl-d"`, `"alt-enter"`,
//! `"G"`, `"space"`, `"g g"`), parsed into key chords and sequences that do not
//! depend on any terminal library.

use std::fmt;

/// A key without modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A printable character (case matters: `G` is not `g`).
    Char(char),
    /// Enter or Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift and Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// Home.
    Home,
    /// End.
    End,
    /// Page Up.
    PageUp,
    /// Page Down.
    PageDown,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// A function key, F1 to F24.
    F(u8),
}

/// Modifier flags of a chord.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mods {
    /// Control held.
    pub ctrl: bool,
    /// Alt (Option) held.
    pub alt: bool,
    /// Shift held, for keys other than characters (`G` already says shift).
    pub shift: bool,
}

/// One key press with its modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chord {
    /// The key.
    pub key: Key,
    /// The modifiers.
    pub mods: Mods,
}

impl Chord {
    /// A chord without modifiers.
    pub fn plain(key: Key) -> Chord {
        Chord {
            key,
            mods: Mods::default(),
        }
    }
}

/// One chord, or several pressed in turn (`g g`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySeq(pub Vec<Chord>);

/// Why a key string does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Nothing in it.
    #[error("an empty key string")]
    Empty,
    /// A name that is not a key.
    #[error(
        "\"{0}\" is not a key; write a character, or one of enter, esc, tab, backtab, backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, space, f1 to f24, with ctrl-, alt- or shift- in front if wanted"
    )]
    Unknown(String),
    /// A modifier with no key after it.
    #[error("\"{0}\" names a modifier but no key")]
    NoKey(String),
    /// More than three keys in a sequence.
    #[error("\"{0}\" is a sequence of more than three keys")]
    TooLong(String),
}

fn named(name: &str) -> Option<Key> {
    Some(match name {
        "enter" | "return" => Key::Enter,
        "esc" | "escape" => Key::Esc,
        "tab" => Key::Tab,
        "backtab" => Key::BackTab,
        "backspace" | "bs" => Key::Backspace,
        "delete" | "del" => Key::Delete,
        "insert" | "ins" => Key::Insert,
        "home" => Key::Home,
        "end" => Key::End,
        "pageup" | "pgup" => Key::PageUp,
        "pagedown" | "pgdn" => Key::PageDown,
        "up" => Key::Up,
        "down" => Key::Down,
        "left" => Key::Left,
        "right" => Key::Right,
        "space" => Key::Char(' '),
        "minus" => Key::Char('-'),
        _ => {
            let n = name.strip_prefix('f')?.parse::<u8>().ok()?;
            if (1..=24).contains(&n) {
                Key::F(n)
            } else {
                return None;
            }
        }
    })
}

/// Parses one chord such as `j`, `G`, `ctrl-d`, `alt-enter`, `shift-tab`, `-`.
pub fn parse_chord(s: &str) -> Result<Chord, KeyError> {
    if s.is_empty() {
        return Err(KeyError::Empty);
    }
    let mut mods = Mods::default();
    let mut rest = s;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (m, len) = if lower.starts_with("ctrl-") {
            (&mut mods.ctrl, 5)
        } else if lower.starts_with("alt-") {
            (&mut mods.alt, 4)
        } else if lower.starts_with("shift-") {
            (&mut mods.shift, 6)
        } else {
            break;
        };
        if rest.len() == len {
            return Err(KeyError::NoKey(s.to_string()));
        }
        *m = true;
        rest = &rest[len..];
    }
    let mut chars = rest.chars();
    let key = match (chars.next(), chars.next()) {
        (Some(c), None) => Key::Char(c),
        _ => named(&rest.to_ascii_lowercase()).ok_or_else(|| KeyError::Unknown(s.to_string()))?,
    };
    let key = match (key, mods.shift) {
        // `shift-tab` is the key terminals send as back-tab, and back-tab
        // already holds shift: `shift-backtab` is the same key.
        (Key::Tab | Key::BackTab, true) => {
            mods.shift = false;
            Key::BackTab
        }
        // With ctrl, terminals send a letter in lower case whether or not shift
        // is held (the reader reads keys the same way), so `ctrl-shift-t` and
        // `ctrl-T` are `ctrl-t`.
        (Key::Char(c), _) if mods.ctrl => {
            mods.shift = false;
            Key::Char(c.to_ascii_lowercase())
        }
        // `shift-a` is `A`; on other characters the character itself says
        // whether shift was held.
        (Key::Char(c), true) => {
            mods.shift = false;
            Key::Char(c.to_uppercase().next().unwrap_or(c))
        }
        (k, _) => k,
    };
    Ok(Chord { key, mods })
}

/// Parses a key string: one chord, or chords separated by spaces (`g g`).
pub fn parse(s: &str) -> Result<KeySeq, KeyError> {
    // A lone space is the space key, not a separator.
    if s == " " {
        return Ok(KeySeq(vec![Chord::plain(Key::Char(' '))]));
    }
    let parts: Vec<&str> = s.split(' ').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err(KeyError::Empty);
    }
    if parts.len() > 3 {
        return Err(KeyError::TooLong(s.to_string()));
    }
    parts
        .iter()
        .map(|p| parse_chord(p))
        .collect::<Result<Vec<_>, _>>()
        .map(KeySeq)
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.mods.alt {
            f.write_str("alt-")?;
        }
        if self.mods.shift {
            f.write_str("shift-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::Enter => f.write_str("enter"),
            Key::Esc => f.write_str("esc"),
            Key::Tab => f.write_str("tab"),
            Key::BackTab => f.write_str("shift-tab"),
            Key::Backspace => f.write_str("backspace"),
            Key::Delete => f.write_str("delete"),
            Key::Insert => f.write_str("insert"),
            Key::Home => f.write_str("home"),
            Key::End => f.write_str("end"),
            Key::PageUp => f.write_str("pageup"),
            Key::PageDown => f.write_str("pagedown"),
            Key::Up => f.write_str("up"),
            Key::Down => f.write_str("down"),
            Key::Left => f.write_str("left"),
            Key::Right => f.write_str("right"),
            Key::F(n) => write!(f, "f{n}"),
        }
    }
}

impl fmt::Display for KeySeq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_strings() {
        let c = |s| parse(s).unwrap().0;
        assert_eq!(c("j"), vec![Chord::plain(Key::Char('j'))]);
        assert_eq!(c("G"), vec![Chord::plain(Key::Char('G'))]);
        assert_eq!(c("shift-g"), vec![Chord::plain(Key::Char('G'))]);
        assert_eq!(c("?"), vec![Chord::plain(Key::Char('?'))]);
        assert_eq!(c("space"), vec![Chord::plain(Key::Char(' '))]);
        assert_eq!(c(" "), vec![Chord::plain(Key::Char(' '))]);
        assert_eq!(c("-"), vec![Chord::plain(Key::Char('-'))]);
        assert_eq!(c("shift-tab"), vec![Chord::plain(Key::BackTab)]);
        assert_eq!(c("shift-backtab"), vec![Chord::plain(Key::BackTab)]);
        assert_eq!(c("down"), vec![Chord::plain(Key::Down)]);
        let ctrl_d = c("ctrl-d")[0];
        assert!(ctrl_d.mods.ctrl && ctrl_d.key == Key::Char('d'));
        assert_eq!(c("ctrl-D"), c("ctrl-d"));
        let alt_enter = c("alt-enter")[0];
        assert!(alt_enter.mods.alt && alt_enter.key == Key::Enter);
        assert_eq!(c("g g").len(), 2);
        assert_eq!(c("f5"), vec![Chord::plain(Key::F(5))]);
        for s in [
            "g g",
            "ctrl-d",
            "alt-enter",
            "G",
            "space",
            "shift-tab",
            "f12",
            "?",
        ] {
            assert_eq!(
                parse(&parse(s).unwrap().to_string()).unwrap(),
                parse(s).unwrap(),
                "{s}"
            );
        }
    }

    #[test]
    fn bad_key_strings() {
        assert_eq!(parse(""), Err(KeyError::Empty));
        assert!(matches!(parse("ctrl-"), Err(KeyError::NoKey(_))));
        assert!(matches!(parse("hyper-x"), Err(KeyError::Unknown(_))));
        assert!(matches!(parse("f99"), Err(KeyError::Unknown(_))));
        assert!(matches!(parse("a b c d"), Err(KeyError::TooLong(_))));
    }
}
