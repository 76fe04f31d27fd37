//! `.json` files: one record, or an array of records.

use super::record::{self, json_message};
use super::text::decode_text;
use super::{Format, Input, Loaded};
use crate::article::Location;
use crate::skipped::{SkipReason, Skipped};

/// `.json` files.
pub struct Json;

impl Format for Json {
    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn read(&self, input: &Input<'_>) -> Result<Loaded, SkipReason> {
        let (text, encoding) = decode_text(input.bytes)?;
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| SkipReason::InvalidJson {
                line: e.line(),
                column: e.column(),
                message: json_message(&e),
            })?;
        let rel = input.rel;
        let serde_json::Value::Array(items) = value else {
            let a = record::article(&value, Location::file(rel), 1, encoding, input)?;
            return Ok(Loaded {
                articles: vec![a],
                skipped: Vec::new(),
                warnings: super::encoding_warning(rel, encoding, &text)
                    .into_iter()
                    .collect(),
            });
        };
        let mut out = Loaded::default();
        out.warnings
            .extend(super::encoding_warning(rel, encoding, &text));
        for (n, item) in items.iter().enumerate() {
            let at = Location::record(rel, n + 1);
            match record::article(item, at, n + 1, encoding, input) {
                Ok(a) => out.articles.push(a),
                Err(reason) => out.skipped.push(Skipped {
                    path: rel.to_string(),
                    reason,
                }),
            }
        }
        if items.is_empty() {
            out.skipped.push(Skipped {
                path: rel.to_string(),
                reason: SkipReason::Empty,
            });
        }
        Ok(out)
    }
}
