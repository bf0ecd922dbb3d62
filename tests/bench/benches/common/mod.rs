//! The request the benchmarks measure, shared by the criterion bench and the counting example.

use alibabacloud_ecs::run_instances::RunInstancesRequest;

/// Every parameter of the page set (the page's examples where valid), 16 data disks, 20 tags,
/// two ENIs: the longest request the rules allow, and valid, so every check runs to the end.
pub fn full_request() -> RunInstancesRequest {
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
