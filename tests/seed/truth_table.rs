//! A truth table for RunInstances' validator, read off the seed page (tests/seed/RunInstances.md) by
//! hand: every case quotes the page sentence it comes from (checked to be on the page) and says
//! which wire paths break which sentence. Each case runs through the generated crate and through
//! `rpc validate RunInstances` (the crate's example binary); no valid case may be rejected.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use alibabacloud_ecs::run_instances::RunInstancesRequest;
use alibabacloud_ecs::Operation;
use serde_json::{json, Map, Value};

const SEED: &str = include_str!("seed/RunInstances.md");

/// One row: the page sentence, the fields set on top of [`base`] (`null` unsets one), and the
/// violations expected as `(wire path, part of the rule's source)`; none for a valid request.
struct Case {
    doc: &'static str,
    fields: Value,
    expect: Vec<(&'static str, &'static str)>,
}

fn ok(doc: &'static str, fields: Value) -> Case {
    Case { doc, fields, expect: Vec::new() }
}

fn bad(doc: &'static str, fields: Value, expect: &[(&'static str, &'static str)]) -> Case {
    Case { doc, fields, expect: expect.to_vec() }
}

/// What every case starts from: the parameters the page requires without a launch template.
fn base() -> Map<String, Value> {
    let Value::Object(map) = json!({
        "RegionId": "cn-hangzhou", "ImageId": "img-1", "InstanceType": "ecs.g5.large", "SecurityGroupId": "sg-1"
    }) else {
        unreachable!()
    };
    map
}

/// Sources of rules added by tests/seed/overrides.toml (the page's own sentence is in `doc`).
const HOSTNAME_CHARS: &str = "Both operating-system bullets allow at most letters, digits, periods";
const CHARGE_TYPE: &str = "The seed page lists only PayByTraffic";
const TERMINATE: &str = "Only the Terminate mode is supported";

const NAME_RULE: &str = "It must be 2 to 128 characters in length and can contain uppercase and lowercase letters, digits, colons (:), underscores (_), and hyphens (-).";
const NO_URL_START: &str = "It cannot start with http:// or https://.";
const TAG_PREFIX: &str = "It cannot start with aliyun or acs:, and cannot contain http:// or https://.";
const REQUIRED_IMAGE: &str = "If you do not use LaunchTemplateId or LaunchTemplateName to specify an instance launch template, ImageId is required.";
const DISK_CATEGORIES: &str = "cloud_ssd: SSD.";

fn disks(n: usize) -> Value {
    Value::Array((0..n).map(|_| json!({"Size": 40, "Category": "cloud_ssd"})).collect())
}

fn tags(n: usize) -> Value {
    Value::Array((1..=n).map(|i| json!({"Key": format!("k{i}"), "Value": "v"})).collect())
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    vec![
        // --- required unless a launch template is used (cross-field) ---
        ok(REQUIRED_IMAGE, json!({})),
        bad(REQUIRED_IMAGE, json!({"ImageId": null}), &[("ImageId", "ImageId is required.")]),
        bad("If you do not use LaunchTemplateId or LaunchTemplateName to specify an instance launch template, SecurityGroupId is required.",
            json!({"SecurityGroupId": null}), &[("SecurityGroupId", "SecurityGroupId is required.")]),
        bad("If you do not use LaunchTemplateId or LaunchTemplateName to specify an instance launch template, InstanceType is required.",
            json!({"InstanceType": null, "ImageId": null}),
            &[("InstanceType", "InstanceType is required."), ("ImageId", "ImageId is required.")]),
        ok(REQUIRED_IMAGE, json!({"ImageId": null, "InstanceType": null, "SecurityGroupId": null, "LaunchTemplateId": "lt-1"})),
        ok(REQUIRED_IMAGE, json!({"ImageId": null, "InstanceType": null, "SecurityGroupId": null, "LaunchTemplateName": "JoshuaWinPostPaid"})),
        // --- required parameters: a violation like any other, not a malformed request ---
        bad("The region ID of the instance.", json!({"RegionId": null}), &[("RegionId", "Required: Yes")]),
        // --- bandwidth ---
        ok("Unit: Mbit/s. Valid values: 1 to 200.", json!({"InternetMaxBandwidthIn": 1})),
        ok("Unit: Mbit/s. Valid values: 1 to 200.", json!({"InternetMaxBandwidthIn": 200})),
        bad("Unit: Mbit/s. Valid values: 1 to 200.", json!({"InternetMaxBandwidthIn": 0}), &[("InternetMaxBandwidthIn", "1 to 200")]),
        bad("Unit: Mbit/s. Valid values: 1 to 200.", json!({"InternetMaxBandwidthIn": 201}), &[("InternetMaxBandwidthIn", "1 to 200")]),
        ok("Unit: Mbit/s. Valid values: 0 to 100.", json!({"InternetMaxBandwidthOut": 0})),
        bad("Unit: Mbit/s. Valid values: 0 to 100.", json!({"InternetMaxBandwidthOut": 101}), &[("InternetMaxBandwidthOut", "0 to 100")]),
        // --- InstanceName ---
        ok(NAME_RULE, json!({"InstanceName": "JoshuaHost"})),
        ok(NAME_RULE, json!({"InstanceName": "a:b_c-d"})),
        ok(NAME_RULE, json!({"InstanceName": format!("J{}", "x".repeat(127))})),
        bad(NAME_RULE, json!({"InstanceName": "J"}), &[("InstanceName", NAME_RULE)]),
        bad(NAME_RULE, json!({"InstanceName": format!("J{}", "x".repeat(128))}), &[("InstanceName", NAME_RULE)]),
        bad(NAME_RULE, json!({"InstanceName": "Joshua Host"}), &[("InstanceName", NAME_RULE)]),
        bad("It must start with a letter.", json!({"InstanceName": "1Joshua"}), &[("InstanceName", "It must start with a letter.")]),
        bad(NO_URL_START, json!({"InstanceName": "http://x"}),
            &[("InstanceName", NO_URL_START), ("InstanceName", NAME_RULE)]),
        // --- HostName ---
        ok("It cannot start or end with a period (.) or a hyphen (-).", json!({"HostName": "web-01.example"})),
        bad("It cannot start or end with a period (.) or a hyphen (-).", json!({"HostName": "-web"}),
            &[("HostName", "It cannot start or end with a period (.) or a hyphen (-).")]),
        bad("It cannot start or end with a period (.) or a hyphen (-).", json!({"HostName": "web."}),
            &[("HostName", "It cannot start or end with a period (.) or a hyphen (-).")]),
        bad("It cannot contain consecutive periods (.) or hyphens (-).", json!({"HostName": "web..01"}),
            &[("HostName", "It cannot contain consecutive periods (.) or hyphens (-).")]),
        bad("For Windows: The hostname must be 2 to 15 characters in length and can contain uppercase and lowercase letters, digits, periods (.), and hyphens (-).",
            json!({"HostName": "web_01"}), &[("HostName", HOSTNAME_CHARS)]),
        bad("For other operating systems: The hostname must be 2 to 64 characters in length",
            json!({"HostName": "h".repeat(65)}), &[("HostName", "whatever the image, it must be 2 to 64 characters")]),
        // --- descriptions ---
        ok("The description of the instance. It must be 2 to 256 characters in length.", json!({"Description": "FinanceDept"})),
        bad("The description of the instance. It must be 2 to 256 characters in length.", json!({"Description": "x"}),
            &[("Description", "It must be 2 to 256 characters in length.")]),
        bad(NO_URL_START, json!({"Description": "https://example.com"}), &[("Description", NO_URL_START)]),
        bad("The description of the system disk. It must be 2 to 256 characters in length.", json!({"SystemDisk": {"Description": "d"}}),
            &[("SystemDisk.Description", "It must be 2 to 256 characters in length.")]),
        bad("The description of the nth data disk. It must be 2 to 256 characters in length. It cannot start with http:// or https://.",
            json!({"DataDisk": [{"Description": "http://disk"}]}), &[("DataDisk.1.Description", NO_URL_START)]),
        bad("The description of the nth ENI. It must be 2 to 256 characters in length.",
            json!({"NetworkInterface": [{"Description": "x"}]}), &[("NetworkInterface.1.Description", "2 to 256 characters")]),
        // --- Password ---
        ok("It must be 8 to 30 characters in length, and must be a combination of uppercase and lowercase letters, digits, and special characters.",
            json!({"Password": "EcsV587!"})),
        bad("It must be 8 to 30 characters in length, and must be a combination of uppercase and lowercase letters, digits, and special characters.",
            json!({"Password": "Ecs1!"}), &[("Password", "It must be 8 to 30 characters in length")]),
        bad("The following special characters can be used:", json!({"Password": "EcsV587!密码"}),
            &[("Password", "The following special characters can be used:")]),
        // --- system disk ---
        ok("The size of the system disk. Unit: GiB. Valid values: 20 to 500.", json!({"SystemDisk": {"Size": "40"}})),
        bad("The size of the system disk. Unit: GiB. Valid values: 20 to 500.", json!({"SystemDisk": {"Size": "19"}}),
            &[("SystemDisk.Size", "Valid values: 20 to 500.")]),
        bad("The size of the system disk. Unit: GiB. Valid values: 20 to 500.", json!({"SystemDisk": {"Size": "501"}}),
            &[("SystemDisk.Size", "Valid values: 20 to 500.")]),
        ok("cloud_essd: ESSD.", json!({"SystemDisk": {"Category": "cloud_essd", "PerformanceLevel": "PL3"}})),
        bad("cloud_essd: ESSD.", json!({"SystemDisk": {"Category": "cloud_hdd"}}), &[("SystemDisk.Category", DISK_CATEGORIES)]),
        bad("PL1 (default value): The maximum random read/write IOPS of a single disk is 50,000.",
            json!({"SystemDisk": {"PerformanceLevel": "pl1"}}), &[("SystemDisk.PerformanceLevel", "PL1 (default value)")]),
        ok("The name of the system disk. It must be 2 to 128 characters in length", json!({"SystemDisk": {"DiskName": "cloud_ssdSystem"}})),
        bad("It must start with a letter.", json!({"SystemDisk": {"DiskName": "_system"}}),
            &[("SystemDisk.DiskName", "It must start with a letter.")]),
        // --- data disks: size by category (cross-field), count, category ---
        ok("cloud: 5 to 2,000.", json!({"DataDisk": [{"Size": 5, "Category": "cloud"}]})),
        ok("cloud: 5 to 2,000.", json!({"DataDisk": [{"Size": 2000, "Category": "cloud"}]})),
        bad("cloud: 5 to 2,000.", json!({"DataDisk": [{"Size": 2001, "Category": "cloud"}]}), &[("DataDisk.1.Size", "cloud: 5 to 2,000.")]),
        bad("cloud: 5 to 2,000.", json!({"DataDisk": [{"Size": 4, "Category": "cloud"}]}), &[("DataDisk.1.Size", "cloud: 5 to 2,000.")]),
        bad("The category of the nth data disk. Default value: cloud.", json!({"DataDisk": [{"Size": 3}]}),
            &[("DataDisk.1.Size", "cloud: 5 to 2,000.")]),
        ok("cloud_efficiency: 20 to 32,768.", json!({"DataDisk": [{"Size": 32768, "Category": "cloud_efficiency"}]})),
        bad("cloud_ssd: 20 to 32,768.", json!({"DataDisk": [{"Size": 40, "Category": "cloud_ssd"}, {"Size": 32769, "Category": "cloud_ssd"}]}),
            &[("DataDisk.2.Size", "cloud_ssd: 20 to 32,768.")]),
        ok("cloud_essd: 20 to 32,768.", json!({"DataDisk": [{"Size": 20, "Category": "cloud_essd", "PerformanceLevel": "PL2"}]})),
        bad("cloud_essd: 20 to 32,768.", json!({"DataDisk": [{"Size": 10, "Category": "cloud_essd"}]}), &[("DataDisk.1.Size", "cloud_essd: 20 to 32,768.")]),
        ok("ephemeral_ssd: 5 to 800.", json!({"DataDisk": [{"Size": 800, "Category": "ephemeral_ssd"}]})),
        bad("ephemeral_ssd: 5 to 800.", json!({"DataDisk": [{"Size": 801, "Category": "ephemeral_ssd"}]}), &[("DataDisk.1.Size", "ephemeral_ssd: 5 to 800.")]),
        ok("The size of the nth data disk. n ranges from 1 to 16.", json!({"DataDisk": disks(16)})),
        bad("The size of the nth data disk. n ranges from 1 to 16.", json!({"DataDisk": disks(17)}), &[("DataDisk.17.Size", "n ranges from 1 to 16.")]),
        bad("cloud_essd: ESSD.", json!({"DataDisk": [{"Category": "cloud_hdd"}]}), &[("DataDisk.1.Category", DISK_CATEGORIES)]),
        bad("PL3: The maximum random read/write IOPS of a single disk is 1,000,000.", json!({"DataDisk": [{"PerformanceLevel": "PL4"}]}),
            &[("DataDisk.1.PerformanceLevel", "PL3:")]),
        bad("It must start with a letter.", json!({"DataDisk": [{"DiskName": "1data"}]}), &[("DataDisk.1.DiskName", "It must start with a letter.")]),
        ok("When DataDisk.N.SnapshotId is specified, the value of DataDisk.N.Size is ignored.",
            json!({"DataDisk": [{"SnapshotId": "s-1", "Size": 40}]})),
        // --- value sets ---
        ok("Specifies whether the instance is an I/O optimized instance.", json!({"IoOptimized": "none"})),
        bad("Specifies whether the instance is an I/O optimized instance.", json!({"IoOptimized": "None"}), &[("IoOptimized", "Valid values: none. optimized.")]),
        ok("SpotAsPriceGo: a Pay-As-You-Go instance with its price based on the current market price.", json!({"SpotStrategy": "SpotAsPriceGo"})),
        bad("SpotWithPriceLimit: a preemptible instance with the upper price limit defined.", json!({"SpotStrategy": "SpotWithoutPriceLimit"}),
            &[("SpotStrategy", "SpotWithPriceLimit:")]),
        ok("Only the Terminate mode is supported, in which the instance is released.", json!({"SpotInterruptionBehavior": "Terminate"})),
        bad("Only the Terminate mode is supported, in which the instance is released.", json!({"SpotInterruptionBehavior": "Stop"}),
            &[("SpotInterruptionBehavior", TERMINATE)]),
        ok("Unlimited: unlimited mode.", json!({"CreditSpecification": "Unlimited"})),
        bad("Unlimited: unlimited mode.", json!({"CreditSpecification": "unlimited"}), &[("CreditSpecification", "Unlimited: unlimited mode.")]),
        bad("Deactive: disables security hardening.", json!({"SecurityEnhancementStrategy": "Enabled"}),
            &[("SecurityEnhancementStrategy", "Deactive: disables security hardening.")]),
        ok("true: enables release protection.", json!({"DeletionProtection": true})),
        ok("PayByTraffic: charged based on actual traffic.", json!({"InternetChargeType": "PayByTraffic"})),
        // The docs lag the service here: tests/seed/overrides.toml adds PayByBandwidth (a valid case must never be rejected).
        ok("PayByTraffic: charged based on actual traffic.", json!({"InternetChargeType": "PayByBandwidth"})),
        bad("PayByTraffic: charged based on actual traffic.", json!({"InternetChargeType": "PayByHour"}),
            &[("InternetChargeType", CHARGE_TYPE)]),
        bad("PostPaid: Pay-As-You-Go.", json!({"InstanceChargeType": "PayAsYouGo"}), &[("InstanceChargeType", "PostPaid: Pay-As-You-Go.")]),
        ok("host: The instance is associated with the DDH on which the instance is created.", json!({"Affinity": "host"})),
        bad("host: The instance is associated with the DDH on which the instance is created.", json!({"Affinity": "Host"}), &[("Affinity", "host: The instance")]),
        bad("host: The ECS instance is created on a DDH.", json!({"Tenancy": "dedicated"}), &[("Tenancy", "host: The ECS instance is created on a DDH.")]),
        bad("The unit of the subscription period. Default value: Month.", json!({"PeriodUnit": "Year"}), &[("PeriodUnit", "Valid values: Week Month")]),
        // --- user data ---
        ok("It must be encoded in Base64. The maximum size of the user data is 16 KB.", json!({"UserData": "ZWNobyBoZWxsbyBlY3Mh"})),
        ok("It must be encoded in Base64. The maximum size of the user data is 16 KB.", json!({"UserData": "A".repeat(21844)})),
        bad("It must be encoded in Base64. The maximum size of the user data is 16 KB.", json!({"UserData": "echo hello ecs!"}),
            &[("UserData", "It must be encoded in Base64.")]),
        bad("It must be encoded in Base64. The maximum size of the user data is 16 KB.", json!({"UserData": "A".repeat(21848)}),
            &[("UserData", "The maximum size of the user data is 16 KB.")]),
        // --- amounts ---
        bad("The minimum number of the specified instances to purchase. Valid values: 1 to 100.", json!({"MinAmount": 0}), &[("MinAmount", "1 to 100")]),
        ok("The specified number of instances you want to create. Valid values: 1 to 100.", json!({"Amount": 100})),
        bad("The specified number of instances you want to create. Valid values: 1 to 100.", json!({"Amount": 101}), &[("Amount", "1 to 100")]),
        // --- tags ---
        ok("This parameter cannot be left empty.", json!({"Tag": [{"Key": "FinanceDept", "Value": "FinanceDept.Joshua"}]})),
        bad("This parameter cannot be left empty.", json!({"Tag": [{"Key": ""}]}), &[("Tag.1.Key", "This parameter cannot be left empty.")]),
        bad("It must be no more than 64 characters in length.", json!({"Tag": [{"Key": "k".repeat(65)}]}),
            &[("Tag.1.Key", "It must be no more than 64 characters in length.")]),
        bad(TAG_PREFIX, json!({"Tag": [{"Key": "aliyun-owner"}]}), &[("Tag.1.Key", TAG_PREFIX)]),
        bad(TAG_PREFIX, json!({"Tag": [{"Key": "ok", "Value": "acs:v"}]}), &[("Tag.1.Value", TAG_PREFIX)]),
        bad(TAG_PREFIX, json!({"Tag": [{"Key": "see http://x"}]}), &[("Tag.1.Key", TAG_PREFIX)]),
        ok("This parameter can be left empty.", json!({"Tag": [{"Key": "k", "Value": ""}]})),
        bad("The tag value of the instance, disk, and primary NIC. n ranges from 1 to 20.", json!({"Tag": tags(21)}),
            &[("Tag.21.Key", "n ranges from 1 to 20."), ("Tag.21.Value", "n ranges from 1 to 20.")]),
        ok("The tag value of the instance, disk, and primary NIC. n ranges from 1 to 20.", json!({"Tag": tags(20)})),
        // --- release time ---
        ok("Format: yyyy-MM-ddTHH:mm:ssZ.", json!({"AutoReleaseTime": "2018-01-01T12:05:00Z"})),
        bad("Format: yyyy-MM-ddTHH:mm:ssZ.", json!({"AutoReleaseTime": "2018-01-01 12:05:00"}), &[("AutoReleaseTime", "Format: yyyy-MM-ddTHH:mm:ssZ.")]),
        bad("Format: yyyy-MM-ddTHH:mm:ssZ.", json!({"AutoReleaseTime": "2018-13-01T12:05:00Z"}), &[("AutoReleaseTime", "Format: yyyy-MM-ddTHH:mm:ssZ.")]),
        // --- subscription period by unit (cross-field) ---
        ok("{“1”, “2”, “3”, “4”} if PeriodUnit is set to Week.", json!({"InstanceChargeType": "PrePaid", "Period": 4, "PeriodUnit": "Week"})),
        bad("{“1”, “2”, “3”, “4”} if PeriodUnit is set to Week.", json!({"InstanceChargeType": "PrePaid", "Period": 5, "PeriodUnit": "Week"}),
            &[("Period", "if PeriodUnit is set to Week.")]),
        ok("“36”,”48”,”60”} if PeriodUnit is set to Month.", json!({"InstanceChargeType": "PrePaid", "Period": 60, "PeriodUnit": "Month"})),
        bad("“36”,”48”,”60”} if PeriodUnit is set to Month.", json!({"InstanceChargeType": "PrePaid", "Period": 10, "PeriodUnit": "Month"}),
            &[("Period", "if PeriodUnit is set to Month.")]),
        bad("The unit of the subscription period. Default value: Month.", json!({"InstanceChargeType": "PrePaid", "Period": 10}),
            &[("Period", "if PeriodUnit is set to Month.")]),
        ok("The unit of the subscription period. Default value: Month.", json!({"InstanceChargeType": "PrePaid", "Period": 12})),
        ok("{“1”, “2”, “3”} if PeriodUnit is set to Week.", json!({"AutoRenew": true, "AutoRenewPeriod": 3, "PeriodUnit": "Week"})),
        bad("{“1”, “2”, “3”} if PeriodUnit is set to Week.", json!({"AutoRenewPeriod": 12, "PeriodUnit": "Week"}),
            &[("AutoRenewPeriod", "if PeriodUnit is set to Week.")]),
        bad("{\"1\", \"2\", \"3\", \"12\", \"24\", \"36\",\"48\", \"60\"} if PeriodUnit is set to Month.", json!({"AutoRenewPeriod": 4}),
            &[("AutoRenewPeriod", "if PeriodUnit is set to Month.")]),
        // --- IPv6 (cross-field, with the page's misspelled Ipv6Addresses.N) ---
        ok("Allocates one or more IPv6 addresses to the ENI. N can only be 1.", json!({"Ipv6Address": ["2001:db8::1"]})),
        bad("Allocates one or more IPv6 addresses to the ENI. N can only be 1.", json!({"Ipv6Address": ["2001:db8::1", "2001:db8::2"]}),
            &[("Ipv6Address.2", "N can only be 1.")]),
        ok("You cannot specify both Ipv6Addresses.N and Ipv6AddressCount.", json!({"Ipv6AddressCount": 1})),
        bad("You cannot specify both Ipv6Addresses.N and Ipv6AddressCount.", json!({"Ipv6AddressCount": 1, "Ipv6Address": ["2001:db8::1"]}),
            &[("Ipv6AddressCount", "You cannot specify both Ipv6Addresses.N and Ipv6AddressCount.")]),
        // --- password inherit, private IP (cross-field) ---
        bad("If PasswordInherit is specified, the Password must be null.", json!({"PasswordInherit": true, "Password": "EcsV587!"}),
            &[("Password", "If PasswordInherit is specified, the Password must be null.")]),
        ok("If PasswordInherit is specified, the Password must be null.", json!({"PasswordInherit": true})),
        ok("If PasswordInherit is specified, the Password must be null.", json!({"PasswordInherit": false, "Password": "EcsV587!"})),
        bad("PrivateIpAddress depends on VSwitchId and cannot be specified separately.", json!({"PrivateIpAddress": "172.16.236.14"}),
            &[("PrivateIpAddress", "PrivateIpAddress depends on VSwitchId")]),
        ok("PrivateIpAddress depends on VSwitchId and cannot be specified separately.", json!({"PrivateIpAddress": "172.16.236.14", "VSwitchId": "vsw-1"})),
        ok("When PrivateIpAddress is specified, Amount can only be set to 1.", json!({"PrivateIpAddress": "172.16.236.14", "VSwitchId": "vsw-1", "Amount": 1})),
        bad("When PrivateIpAddress is specified, Amount can only be set to 1.", json!({"PrivateIpAddress": "172.16.236.14", "VSwitchId": "vsw-1", "Amount": 2}),
            &[("Amount", "Amount can only be set to 1.")]),
        // Sentences that say a value is ignored, not rejected: left unenforced, so these stay valid.
        ok("It is valid only when SpotStrategy is set to SpotWithPriceLimit.", json!({"SpotPriceLimit": 0.97})),
        ok("Therefore, if you specify DedicatedHostId, the values of SpotStrategy and Spotpricelimit will be ignored.",
            json!({"DedicatedHostId": "dh-1", "SpotStrategy": "SpotAsPriceGo"})),
        // --- client token ---
        ok("It must be no more than 64 characters in length.", json!({"ClientToken": "123e4567-e89b-12d3-a456-426655440000"})),
        bad("It must be no more than 64 characters in length.", json!({"ClientToken": "t".repeat(65)}),
            &[("ClientToken", "It must be no more than 64 characters in length.")]),
        bad("ClientToken can contain only ASCII characters.", json!({"ClientToken": "令牌"}), &[("ClientToken", "ClientToken can contain only ASCII characters.")]),
        // --- several rules broken at once: every violation is reported ---
        bad(NAME_RULE, json!({"InstanceName": "1", "Amount": 0, "DataDisk": [{"Size": 10, "Category": "cloud_essd"}], "ImageId": null}),
            &[("InstanceName", NAME_RULE), ("InstanceName", "It must start with a letter."), ("Amount", "1 to 100"),
              ("DataDisk.1.Size", "cloud_essd: 20 to 32,768."), ("ImageId", "ImageId is required.")]),
    ]
}

/// The case's request in the docs' JSON form.
fn request_json(case: &Case) -> String {
    let mut map = base();
    if let Value::Object(fields) = &case.fields {
        map.extend(fields.clone());
    }
    Value::Object(map).to_string()
}

/// The violations as `rpc validate` prints them, or an empty list.
fn crate_verdict(json: &str) -> Vec<String> {
    let request: RunInstancesRequest = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.violations().iter().map(ToString::to_string).collect(),
    }
}

/// Why `case` is not what the crate says, if it is not.
fn mismatch(case: &Case, json: &str) -> Option<String> {
    let request: RunInstancesRequest = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    let violations = match request.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.violations().to_vec(),
    };
    let unexpected: Vec<String> = violations
        .iter()
        .filter(|v| !case.expect.iter().any(|(path, part)| v.path == *path && v.source.contains(part)))
        .map(ToString::to_string)
        .collect();
    let missing: Vec<String> = case
        .expect
        .iter()
        .filter(|(path, part)| !violations.iter().any(|v| v.path == *path && v.source.contains(part)))
        .map(|(path, part)| format!("{path} ({part})"))
        .collect();
    (!unexpected.is_empty() || !missing.is_empty()).then(|| {
        format!("case \"{}\" {json}\n  unexpected: {unexpected:?}\n  missing: {missing:?}", case.doc)
    })
}

/// The seed page as plain text: Markdown escapes, code ticks and bold marks removed.
fn page_text() -> String {
    SEED.replace(['\\', '`'], "").replace("**", "")
}

#[test]
fn every_case_quotes_the_page_and_the_table_is_big_enough() {
    let cases = cases();
    let page = page_text();
    let unquoted: Vec<&str> = cases.iter().map(|c| c.doc).filter(|d| !page.contains(d)).collect();
    assert!(unquoted.is_empty(), "not sentences of the page: {unquoted:#?}");
    let valid = cases.iter().filter(|c| c.expect.is_empty()).count();
    let invalid = cases.len() - valid;
    assert!(cases.len() >= 60 && valid >= 25 && invalid >= 25, "{valid} valid, {invalid} invalid");
}

#[test]
fn truth_table_through_the_generated_crate() {
    let cases = cases();
    let failures: Vec<String> = cases.iter().filter_map(|case| mismatch(case, &request_json(case))).collect();
    assert!(failures.is_empty(), "{} of the cases disagree:\n{}", failures.len(), failures.join("\n"));
    assert!(test_report::count("seed truth-table cases through the generated crate", cases.len()) >= 120);
}

/// Builds the `rpc` example once (cargo's own JSON messages say where it is) and returns its path.
fn rpc_binary() -> &'static Path {
    static RPC: OnceLock<PathBuf> = OnceLock::new();
    RPC.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let output = Command::new(cargo)
            .args(["build", "--example", "rpc", "--message-format=json"])
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

/// Runs `rpc validate RunInstances` on `input`: exit code and stdout lines.
fn rpc_validate(input: &str) -> (i32, Vec<String>, String) {
    let mut child = Command::new(rpc_binary())
        .args(["validate", "RunInstances"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rpc starts");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("request written");
    let output = child.wait_with_output().expect("rpc finishes");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (
        output.status.code().expect("exit code"),
        stdout.lines().map(str::to_owned).collect(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn truth_table_through_rpc_validate() {
    let mut failures = Vec::new();
    for case in cases() {
        let json = request_json(&case);
        let want = crate_verdict(&json);
        let (code, lines, stderr) = rpc_validate(&json);
        let want_code = if want.is_empty() { 0 } else { 1 };
        if code != want_code || lines != want || (case.expect.is_empty() != want.is_empty()) {
            failures
                .push(format!("case \"{}\": exit {code} {lines:?} {stderr}, crate says {want:?}", case.doc));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rpc_validate_prints_the_user_story_line_and_exits_2_on_malformed_input() {
    let (code, lines, _) = rpc_validate(
        r#"{"RegionId":"cn-hangzhou","ImageId":"i","InstanceType":"t","SecurityGroupId":"sg","DataDisk":[{"Size":10,"Category":"cloud_essd"}]}"#,
    );
    assert_eq!(
        (code, lines),
        (
            1,
            vec![r#"DataDisk.1.Size: must be 20 to 32768 for cloud_essd ("cloud_essd: 20 to 32,768.")"#
                .to_owned()]
        )
    );
    let (code, lines, _) =
        rpc_validate(r#"{"ImageId":"i","InstanceType":"t","SecurityGroupId":"sg","Amount":0}"#);
    assert_eq!(
        (code, lines),
        (
            1,
            vec![
                r#"RegionId: is required ("Required: Yes (the docs' parameter table)")"#.to_owned(),
                r#"Amount: must be 1 to 100 ("Valid values: 1 to 100.")"#.to_owned(),
            ]
        ),
        "a missing RegionId is listed with the other violations"
    );
    for malformed in [
        "not json",
        r#"{"RegionId": 1}"#,
        r#"{"RegionId":"r","NoSuchParameter":1}"#,
        r#"{"RegionId":"r","Amount":"3"}"#,
    ] {
        let (code, lines, stderr) = rpc_validate(malformed);
        assert_eq!(code, 2, "{malformed}: {lines:?}");
        assert!(
            lines.is_empty() && stderr.starts_with("rpc: malformed RunInstances request"),
            "{malformed}: {stderr}"
        );
    }
}
