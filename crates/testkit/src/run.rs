//! Running the copydesk binary from a test.

use std::process::Command;

/// The standard output of `cmd`, which must succeed (else the test fails,
/// showing what the command wrote to standard error).
pub fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().expect("the command runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The standard output of `cmd` read as JSON; `cmd` must succeed.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_slice(&stdout_of(cmd)).expect("the output is JSON")
}
