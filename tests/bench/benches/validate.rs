//! `to_query_pairs` and `validate` on a fully populated RunInstances request, each as a ratio to
//! `serde_json::to_string` of the same request measured in the same run (the bars: at most
//! 1× and 0.5×). Both walk the typed request through its field table; neither goes through JSON.
#![recursion_limit = "256"]

use std::hint::black_box;
use std::time::Instant;

use alibabacloud_ecs::run_instances::RunInstancesRequest;
use alibabacloud_ecs::Operation;
use criterion::Criterion;

/// The bars, as ratios to `serde_json::to_string`.
const MAX_QUERY_RATIO: f64 = 1.0;
const MAX_VALIDATE_RATIO: f64 = 0.5;

/// Every parameter of the page set (the page's examples where valid), 16 data disks, 20 tags,
/// two ENIs: the longest request the rules allow, and valid, so every check runs to the end.
fn full_request() -> RunInstancesRequest {
    let disk = |i: usize| {
        serde_json::json!({
            "Size": 40 + i, "SnapshotId": format!("s-{i}"), "Category": "cloud_essd", "Encrypted": "false",
            "KMSKeyId": "0e478b7a-4262-4802-b8cb-00d3fb40826X", "DiskName": format!("cloud_ssdData{i}"),
            "Description": "FinanceDept", "Device": "/dev/vda", "DeleteWithInstance": true, "PerformanceLevel": "PL2"
        })
    };
    let tag = |i: usize| serde_json::json!({"Key": format!("FinanceDept{i}"), "Value": "FinanceDept.Joshua"});
    let eni = serde_json::json!({
        "PrimaryIpAddress": "172.16.236.14", "VSwitchId": "vsw-vswitchid2", "SecurityGroupId": "sg-securitygroupid2",
        "NetworkInterfaceName": "FinanceJoshua", "Description": "FinanceDept"
    });
    let json = serde_json::json!({
        "RegionId": "cn-hangzhou", "ZoneId": "cn-hangzhou-b", "ImageId": "win2008r2_64_ent_sp1_en-us_40G_alibase_20170915.vhd",
        "SecurityGroupId": "sg-bp15ed6xe1yxeycg7ov3", "VSwitchId": "vsw-bp1s5fnvk4gn2tws03ziX", "InstanceType": "ecs.g5.large",
        "InternetMaxBandwidthIn": 200, "InternetMaxBandwidthOut": 5, "InstanceName": "JoshuaHost", "HostName": "JoshuaHost",
        "UniqueSuffix": true, "Description": "FinanceDept", "PasswordInherit": false, "Password": "EcsV587!",
        "KeyPairName": "Instancetest",
        "SystemDisk": {"Size": "40", "Category": "cloud_ssd", "DiskName": "cloud_ssdSystem", "Description": "FinanceDept", "PerformanceLevel": "PL1"},
        "DataDisk": (1..=16).map(disk).collect::<Vec<_>>(),
        "IoOptimized": "optimized", "NetworkInterface": [eni.clone(), eni], "RamRoleName": "FinanceDept",
        "UserData": "ZWNobyBoZWxsbyBlY3Mh", "MinAmount": 1, "Amount": 1, "SpotPriceLimit": 0.97, "SpotStrategy": "NoSpot",
        "SpotInterruptionBehavior": "Terminate", "CreditSpecification": "Standard", "SecurityEnhancementStrategy": "Active",
        "DeploymentSetId": "ds-bp1brhwhoqinyjd6tnXX", "DedicatedHostId": "dh-dedicatedhost1",
        "Tag": (1..=20).map(tag).collect::<Vec<_>>(),
        "HpcClusterId": "hpc-clusterid", "ResourceGroupId": "rg-resourcegroupid1", "LaunchTemplateId": "lt-bp1apo0bbbkuy0rj3b9X",
        "LaunchTemplateName": "JoshuaWinPostPaid", "LaunchTemplateVersion": 3, "DeletionProtection": false,
        "AutoReleaseTime": "2018-01-01T12:05:00Z", "InternetChargeType": "PayByTraffic", "Period": 1, "AutoRenew": true,
        "PeriodUnit": "Month", "AutoRenewPeriod": 1, "InstanceChargeType": "PrePaid", "PrivateIpAddress": "172.16.236.14",
        "Ipv6Address": ["2001:db8:1234:1a00::1"], "DryRun": false, "ClientToken": "123e4567-e89b-12d3-a456-426655440000",
        "Affinity": "default", "Tenancy": "default"
    });
    serde_json::from_value(json).expect("a well-typed request")
}

/// Mean time per call of `f` over `calls` calls, the best of `rounds` rounds (the machine is shared).
fn per_call_ns(calls: u32, rounds: u32, mut f: impl FnMut()) -> f64 {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                f();
            }
            start.elapsed().as_secs_f64() * 1e9 / f64::from(calls)
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` (CI's smoke run) does not, and
    // criterion then runs each benchmark once: the ratios below are then taken from few calls.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let request = full_request();
    assert_eq!(request.validate(), Ok(()), "the benchmark request is valid");
    let pairs = request.to_query_pairs().len();
    assert!(pairs >= 250, "the request is fully populated: {pairs} wire pairs");
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group(format!("RunInstances, fully populated ({pairs} wire pairs)"));
    group.bench_function("serde_json::to_string", |b| b.iter(|| serde_json::to_string(black_box(&request))));
    group.bench_function("to_query_pairs", |b| b.iter(|| black_box(&request).to_query_pairs()));
    group.bench_function("validate", |b| b.iter(|| black_box(&request).validate()));
    group.finish();
    c.final_summary();

    // The ratios, from interleaved rounds in this process.
    let (calls, rounds) = if smoke { (10, 1) } else { (2_000, 7) };
    let json = per_call_ns(calls, rounds, || drop(black_box(serde_json::to_string(black_box(&request)))));
    let query = per_call_ns(calls, rounds, || drop(black_box(black_box(&request).to_query_pairs())));
    let validate = per_call_ns(calls, rounds, || drop(black_box(black_box(&request).validate())));
    let verdict = |ratio: f64, bar: f64| if ratio <= bar { "ok" } else { "OVER" };
    println!("serde_json::to_string: {json:.0} ns/call ({pairs} wire pairs)");
    println!(
        "to_query_pairs: {query:.0} ns/call, {:.2}x to_string (bar: at most {MAX_QUERY_RATIO}x): {}",
        query / json,
        verdict(query / json, MAX_QUERY_RATIO)
    );
    println!(
        "validate: {validate:.0} ns/call, {:.2}x to_string (bar: at most {MAX_VALIDATE_RATIO}x): {}",
        validate / json,
        verdict(validate / json, MAX_VALIDATE_RATIO)
    );
    if smoke {
        test_report::count("benchmarks run once in smoke mode (cargo test --benches)", 1);
    }
}
