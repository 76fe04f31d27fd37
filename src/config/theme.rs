//! The theme: the colours of the interface as the config file names them, with
//! their defaults.

use std::fmt;

/// A colour as the config writes it: a name (`cyan`, `darkgray`, `reset`) or
/// `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// The terminal's own colour.
    Reset,
    /// One of the sixteen named colours, by index (0 black ... 15 white).
    Named(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

const COLOR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

impl Color {
    /// The colour a config string names: a name (`cyan`, `darkgray`, `reset`),
    /// `grey` spelt either way, or `#rrggbb`.
    pub fn parse(s: &str) -> Option<Color> {
        let lower = s.to_ascii_lowercase().replace(['_', '-', ' '], "");
        if lower == "reset" || lower == "default" {
            return Some(Color::Reset);
        }
        if let Some(hex) = lower.strip_prefix('#')
            && hex.len() == 6
        {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        let lower = if lower == "grey" {
            "gray".to_string()
        } else {
            lower.replace("grey", "gray")
        };
        COLOR_NAMES
            .iter()
            .position(|n| *n == lower)
            .map(|i| Color::Named(i as u8))
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Color::Reset => f.write_str("reset"),
            Color::Named(i) => f.write_str(COLOR_NAMES[*i as usize]),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

macro_rules! theme {
    ($($field:ident = $default:expr, $doc:literal;)*) => {
        /// Colours of the interface.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Theme {
            $(#[doc = $doc] pub $field: Color,)*
        }

        impl Default for Theme {
            fn default() -> Self {
                Theme { $($field: $default,)* }
            }
        }

        impl Theme {
            /// Every colour with its name and what it paints, in the order the config lists them.
            pub fn entries(&self) -> Vec<(&'static str, Color, &'static str)> {
                vec![$((stringify!($field), self.$field, $doc),)*]
            }

            /// Sets the colour called `name`; false when the theme has no such colour.
            pub fn set(&mut self, name: &str, c: Color) -> bool {
                match name {
                    $(stringify!($field) => self.$field = c,)*
                    _ => return false,
                }
                true
            }
        }
    };
}

theme! {
    accent = Color::Named(6), "Titles, the focused pane's border, the prompt";
    selected = Color::Named(8), "Background of the selected row";
    unread = Color::Named(14), "The unread dot";
    star = Color::Named(11), "The star";
    badge = Color::Named(13), "The versions badge";
    matched = Color::Named(11), "Characters a search matched";
    dim = Color::Named(8), "Secondary text: sources, dates, credit lines";
    added = Color::Named(2), "Text a version adds";
    dropped = Color::Named(1), "Text a version drops";
    changed = Color::Named(3), "Rewritten sentences";
    moved = Color::Named(6), "Moved sentences";
}
