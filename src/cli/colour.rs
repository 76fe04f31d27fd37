//! Colour on the command line, decided as rg and other well-behaved tools decide it:
//! `--color always` and `--color never` win; under `auto`, `NO_COLOR` turns colour
//! off, else `CLICOLOR_FORCE` turns it on, else only a terminal gets it. Styles are
//! `anstyle` styles, written through an `anstream` stream that removes them again
//! whenever colour is off.

use std::io::{self, Write};

use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Effects, Style};

/// `--color`: when the output is coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// Colour a terminal only; NO_COLOR turns it off, CLICOLOR_FORCE on (NO_COLOR wins).
    #[default]
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

impl ColorWhen {
    /// Whether what goes to standard output is coloured.
    pub fn for_stdout(self) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            // anstream's rule: NO_COLOR, then CLICOLOR_FORCE, then CLICOLOR=0, then
            // whether the stream is a terminal that takes colour.
            ColorWhen::Auto => AutoStream::choice(&io::stdout()) != ColorChoice::Never,
        }
    }
}

/// The styles the commands use, in one place.
pub mod styles {
    use super::*;

    /// A headline.
    pub const HEADLINE: Style = Style::new().effects(Effects::BOLD);
    /// A path, as rg colours file names.
    pub const PATH: Style = AnsiColor::Magenta.on_default();
    /// A source or agency.
    pub const SOURCE: Style = AnsiColor::Cyan.on_default();
    /// Secondary text: counts, dates, the line under a headline.
    pub const DIM: Style = Style::new().effects(Effects::DIMMED);
    /// The characters a query matched.
    pub const MATCH: Style = Style::new().effects(Effects::BOLD.insert(Effects::UNDERLINE));
    /// Text a version adds.
    pub const INSERT: Style = AnsiColor::Green.on_default().effects(Effects::BOLD);
    /// Text a version drops.
    pub const DELETE: Style = AnsiColor::Red.on_default();
    /// A difference that does not count (spelling, quotes).
    pub const MINOR: Style = Style::new().effects(Effects::DIMMED);
    /// The gutter mark of a rewritten sentence.
    pub const CHANGED: Style = AnsiColor::Yellow.on_default();
    /// The gutter mark of a moved sentence.
    pub const MOVED: Style = AnsiColor::Cyan.on_default();
}

/// Paints text with styles, or leaves it as it is when colour is off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paint {
    /// Whether styles are written.
    pub on: bool,
}

impl Paint {
    /// Colour on or off.
    pub fn new(on: bool) -> Paint {
        Paint { on }
    }

    /// `text` in `style` (already sanitised for the terminal: styles go around it).
    pub fn paint(self, style: Style, text: &str) -> String {
        if !self.on || text.is_empty() || style == Style::new() {
            return text.to_string();
        }
        format!("{style}{text}{style:#}")
    }
}

/// Standard output, buffered, through a stream that passes styles when `on` and
/// removes every escape sequence otherwise.
pub fn stdout(on: bool) -> io::BufWriter<AutoStream<io::StdoutLock<'static>>> {
    let choice = if on {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    };
    io::BufWriter::new(AutoStream::new(io::stdout().lock(), choice))
}

/// Flushes `out` and turns the result into an exit code (see [`super::finish`]).
pub fn flush(out: &mut dyn Write, result: io::Result<()>) -> std::process::ExitCode {
    super::finish(result.and_then(|()| out.flush()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paint_wraps_only_when_on() {
        assert_eq!(Paint::new(false).paint(styles::HEADLINE, "Port"), "Port");
        assert_eq!(
            Paint::new(true).paint(styles::HEADLINE, "Port"),
            "\x1b[1mPort\x1b[0m"
        );
        assert_eq!(Paint::new(true).paint(styles::HEADLINE, ""), "");
    }
}
