//! Sentence splitting, tokens, normalisation and wrapping of arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    copydesk_testkit::fuzzing::sentences(data);
});
