//! Article parsing from arbitrary bytes, as each supported file kind: decoding,
//! front matter, headline rules, datelines, JSON and JSON Lines records.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    copydesk_testkit::fuzzing::parse_article(data);
});
