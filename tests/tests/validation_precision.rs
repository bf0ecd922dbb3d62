//! The committed ECS crate never rejects what the current RunInstances page allows: the list form
//! `SecurityGroupIds.N` is the documented alternative to `SecurityGroupId`, and the page's own
//! `InstanceName` example (sequential names) is valid; both security-group forms together are
//! still rejected; a request without `RegionId` is a violation (exit 1), not an unreadable document.
//! Each request goes through `validate()` and through `rpc validate RunInstances`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use alibabacloud_ecs::run_instances::RunInstancesRequest;
use alibabacloud_ecs::Operation;
use serde_json::{json, Value};

const BASE: &str =
    r#"{"RegionId":"cn-hangzhou","ImageId":"img-1","InstanceType":"ecs.g5.large","VSwitchId":"vsw-1"}"#;

fn request(extra: Value) -> String {
    let mut base: Value = serde_json::from_str(BASE).expect("base JSON");
    base.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
    base.to_string()
}

/// The violations `validate()` reports, as `rpc validate` prints them.
fn crate_verdict(json: &str) -> Vec<String> {
    let request: RunInstancesRequest = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.violations().iter().map(ToString::to_string).collect(),
    }
}

/// Builds the crate's `rpc` example once and returns its path.
fn rpc_binary() -> &'static Path {
    static RPC: OnceLock<PathBuf> = OnceLock::new();
    RPC.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let output = Command::new(cargo)
            .args(["build", "-p", "alibabacloud-ecs", "--example", "rpc", "--message-format=json"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stderr(Stdio::inherit())
            .output()
            .expect("cargo runs");
        assert!(output.status.success(), "cargo build --example rpc failed");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "rpc")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo reports the rpc executable")
    })
}

/// `rpc validate RunInstances` on `json`: exit code and stdout lines.
fn rpc_verdict(json: &str) -> (i32, Vec<String>) {
    let mut child = Command::new(rpc_binary())
        .args(["validate", "RunInstances"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rpc starts");
    child.stdin.take().expect("stdin").write_all(json.as_bytes()).expect("request written");
    let output = child.wait_with_output().expect("rpc finishes");
    let lines = String::from_utf8(output.stdout).expect("UTF-8").lines().map(str::to_owned).collect();
    (output.status.code().expect("exit code"), lines)
}

/// `json` without its `RegionId`: a violation like any other, not a malformed document.
fn without_region(json: String) -> String {
    let mut value: Value = serde_json::from_str(&json).expect("JSON");
    value.as_object_mut().expect("object").remove("RegionId");
    value.to_string()
}

/// `(request, expected violation paths)`: the issue's three requests (both security-group forms,
/// the sequential-name example, no `RegionId`) and three that pin the rules down.
fn cases() -> Vec<(String, Vec<&'static str>)> {
    vec![
        (request(json!({"SecurityGroupIds": ["sg-1", "sg-2"]})), vec![]),
        (request(json!({"SecurityGroupId": "sg-1", "InstanceName": "k8s-node-[1,4]-alibabacloud"})), vec![]),
        (
            request(json!({"SecurityGroupId": "sg-1", "SecurityGroupIds": ["sg-2"]})),
            vec!["SecurityGroupIds.N"],
        ),
        (request(json!({})), vec!["SecurityGroupId"]),
        (request(json!({"SecurityGroupId": "sg-1", "InstanceName": "k8s node"})), vec!["InstanceName"]),
        (without_region(request(json!({"SecurityGroupId": "sg-1"}))), vec!["RegionId"]),
    ]
}

#[test]
fn the_documented_alternatives_pass_validate() {
    let mut checked = 0;
    for (json, paths) in cases() {
        let request: RunInstancesRequest = serde_json::from_str(&json).expect("parses");
        let got: Vec<String> = match request.validate() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.violations().iter().map(|v| v.path.clone()).collect(),
        };
        assert_eq!(got, paths, "{json}: {:?}", crate_verdict(&json));
        checked += 1;
    }
    assert_eq!(checked, 6);
    let both = crate_verdict(&request(json!({"SecurityGroupId": "sg-1", "SecurityGroupIds": ["sg-2"]})));
    assert!(both[0].contains("cannot be set together with SecurityGroupId"), "{both:?}");
    assert!(both[0].contains("You cannot specify both SecurityGroupId and SecurityGroupIds.N"), "{both:?}");
    let no_region = crate_verdict(&without_region(request(json!({"SecurityGroupId": "sg-1"}))));
    assert_eq!(no_region.len(), 1, "{no_region:?}");
    assert!(no_region[0].starts_with("RegionId: is required"), "{no_region:?}");
}

#[test]
fn the_documented_alternatives_pass_rpc_validate() {
    let mut checked = 0;
    for (json, paths) in cases() {
        let (code, lines) = rpc_verdict(&json);
        assert_eq!(code, if paths.is_empty() { 0 } else { 1 }, "{json}: {lines:?}");
        assert_eq!(lines, crate_verdict(&json), "{json}");
        checked += 1;
    }
    assert_eq!(checked, 6);
}
