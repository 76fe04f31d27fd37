//! The comparison of two arbitrary texts (the input split at its first NUL byte).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    copydesk_testkit::fuzzing::compare(data);
});
