//! `.jsonl` and `.ndjson` files: one record per line, read line by line so that a
//! huge file never has to fit in memory and one bad line skips only itself.

use super::record::{self, json_message};
use super::{Format, Input, Loaded};
use crate::article::{Encoding, Location};
use crate::skipped::SkipReason;

/// `.jsonl` and `.ndjson` files.
pub struct JsonLines;

impl Format for JsonLines {
    fn extensions(&self) -> &'static [&'static str] {
        &["jsonl", "ndjson"]
    }

    fn by_line(&self) -> bool {
        true
    }

    fn read(&self, input: &Input<'_>) -> Result<Loaded, SkipReason> {
        let n = input.line.unwrap_or(1);
        let bytes = input.bytes;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Loaded::default());
        }
        let text = String::from_utf8_lossy(bytes);
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| SkipReason::InvalidJson {
                line: n,
                column: e.column(),
                message: json_message(&e),
            })?;
        let at = Location::record(input.rel, n);
        let a = record::article(&value, at, n, Encoding::Utf8, input)?;
        Ok(Loaded {
            articles: vec![a],
            ..Loaded::default()
        })
    }
}
