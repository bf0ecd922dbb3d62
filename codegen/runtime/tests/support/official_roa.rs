//! Alibaba's official Python SDK core as an independent ROA signer: `official_roa_signer.py` run
//! with the venv `scripts/python-sdk.sh` installs (`.tools/python-sdk`). Missing: a test failure
//! when `CI=true`, a visible skip note otherwise.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// What the official composer makes of a request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    pub signature: String,
    pub string_to_sign: String,
}

/// The workspace root (the folder holding `.ci/`) above the crate this is compiled in: the
/// runtime (`codegen/runtime`) or the `tests` crate.
fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join(".ci").is_dir())
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."), PathBuf::from)
}

/// The official signature and string-to-sign, or `None` when the SDK is not installed (and `CI`
/// is not `true`). `path` is the path as received, `query` decoded, `headers` as received.
pub fn sign(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    secret: &str,
) -> Option<Official> {
    let root = workspace_root();
    let python = root.join(".tools/python-sdk/venv/bin/python");
    if !python.exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the official Python SDK is missing at {} (scripts/python-sdk.sh installs it; .ci/run runs that)",
            python.display()
        );
        test_report::skip(
            "ROA signatures not checked by the official signer: the official Python SDK is not installed \
             (run scripts/python-sdk.sh)",
        );
        return None;
    }
    let script = root.join("codegen/runtime/tests/support/official_roa_signer.py");
    let mut child = Command::new(&python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", python.display()));
    let request = serde_json::json!({
        "method": method, "path": path, "query": query, "headers": headers, "secret": secret
    });
    let mut stdin = child.stdin.take().expect("piped stdin");
    writeln!(stdin, "{request}").expect("write to the official signer");
    drop(stdin);
    let output = child.wait_with_output().expect("the official signer ends");
    assert!(output.status.success(), "the official signer failed");
    let answer: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the official signer answers JSON");
    Some(Official {
        signature: answer["signature"].as_str().expect("a signature").to_owned(),
        string_to_sign: answer["string_to_sign"].as_str().expect("a string to sign").to_owned(),
    })
}
