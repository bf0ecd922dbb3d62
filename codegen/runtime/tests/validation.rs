//! The validation runtime, run on wire pairs against checks shaped like the seed's (RunInstances) rules.

use alibabacloud_runtime::validation::{self, validate, Check, Rule};

const CHECKS: &[Check] = &[
    Check { rule: Rule::ForbiddenSubstrings { param: "Tag.N.Key", substrings: &["http://", "https://"] }, source: "cannot contain http:// or https://." },
    Check { rule: Rule::NoLeadingOrTrailing { param: "HostName", chars: ".-" }, source: "It cannot start or end with a period (.) or a hyphen (-)." },
    Check { rule: Rule::Ascii { param: "ClientToken" }, source: "ClientToken can contain only ASCII characters." },
    Check { rule: Rule::Range { param: "Amount", min: Some(1.0), max: Some(100.0) }, source: "Valid values: 1 to 100." },
    Check { rule: Rule::Length { param: "InstanceName", min: Some(2), max: Some(128) }, source: "It must be 2 to 128 characters in length" },
    Check { rule: Rule::RepeatCount { param: "DataDisk.N.Size", min: 1, max: 16 }, source: "n ranges from 1 to 16." },
    Check {
        rule: Rule::OneOf { param: "DataDisk.N.Category", values: &["cloud", "cloud_efficiency", "cloud_ssd", "ephemeral_ssd", "cloud_essd"] },
        source: "Valid values: cloud …",
    },
    Check { rule: Rule::StartsWithLetter { param: "InstanceName" }, source: "It must start with a letter." },
    Check {
        rule: Rule::AllowedChars { param: "InstanceName", upper: true, lower: true, digit: true, letter: false, extra: ":_-" },
        source: "can contain uppercase and lowercase letters, digits, colons (:), underscores (_), and hyphens (-).",
    },
    Check { rule: Rule::ForbiddenPrefixes { param: "Tag.N.Key", prefixes: &["aliyun", "acs:"] }, source: "It cannot start with aliyun or acs:" },
    Check { rule: Rule::NoConsecutive { param: "HostName", chars: ".-" }, source: "It cannot contain consecutive periods (.) or hyphens (-)." },
    Check { rule: Rule::Time { param: "AutoReleaseTime", pattern: "yyyy-MM-ddTHH:mm:ssZ" }, source: "Format: yyyy-MM-ddTHH:mm:ssZ." },
    Check { rule: Rule::Base64 { param: "UserData", max_bytes: Some(16384) }, source: "It must be encoded in Base64." },
    Check { rule: Rule::MutuallyExclusive { params: &["Ipv6Address.N", "Ipv6AddressCount"] }, source: "You cannot specify both" },
    Check { rule: Rule::ForbiddenWith { when: "PasswordInherit", value: Some("true"), then: "Password" }, source: "the Password must be null." },
    Check {
        rule: Rule::RestrictedWith { when: "PrivateIpAddress", when_value: None, then: "Amount", values: &["1"] },
        source: "Amount can only be set to 1.",
    },
    Check { rule: Rule::DependsOn { param: "PrivateIpAddress", depends_on: "VSwitchId" }, source: "PrivateIpAddress depends on VSwitchId" },
    Check { rule: Rule::RequiredUnless { param: "ImageId", unless: &["LaunchTemplateId", "LaunchTemplateName"] }, source: "ImageId is required." },
    Check {
        rule: Rule::RangeBy { param: "DataDisk.N.Size", on: "DataDisk.N.Category", on_default: Some("cloud"), when: "cloud_essd", min: Some(20.0), max: Some(32768.0) },
        source: "cloud_essd: 20 to 32,768.",
    },
    Check {
        rule: Rule::OneOfBy { param: "Period", on: "PeriodUnit", on_default: Some("Month"), when: "Week", values: &["1", "2", "3", "4"] },
        source: "{“1”, “2”, “3”, “4”} if PeriodUnit is set to Week.",
    },
];

fn run(pairs: &[(&str, &str)]) -> Vec<String> {
    let mut owned: Vec<(String, String)> = vec![("ImageId".into(), "img-1".into())];
    owned.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    match validate(&owned, CHECKS) {
        Ok(()) => Vec::new(),
        Err(e) => e.violations().iter().map(|v| format!("{}: {}", v.path, v.message)).collect(),
    }
}

#[test]
fn truth_table() {
    let valid: &[&[(&str, &str)]] = &[
        &[],
        &[("Amount", "1")],
        &[("Amount", "100")],
        &[("InstanceName", "JoshuaHost")],
        &[("InstanceName", "a:b_c-d")],
        &[("DataDisk.16.Size", "40"), ("DataDisk.16.Category", "cloud_ssd")],
        &[("DataDisk.1.Size", "20"), ("DataDisk.1.Category", "cloud_essd")],
        &[("DataDisk.1.Size", "10"), ("DataDisk.1.Category", "cloud")],
        &[("Tag.1.Key", "FinanceDept")],
        &[("HostName", "a.b-c")],
        &[("AutoReleaseTime", "2018-01-01T12:05:00Z")],
        &[("UserData", "ZWNobyBoZWxsbyBlY3Mh")],
        &[("Ipv6AddressCount", "1")],
        &[("ClientToken", "123e4567-e89b-12d3-a456-426655440000")],
        &[("PasswordInherit", "false"), ("Password", "EcsV587!")],
        &[("PrivateIpAddress", "172.16.236.14"), ("VSwitchId", "vsw-1"), ("Amount", "1")],
        &[("Period", "12"), ("PeriodUnit", "Month")],
        &[("Period", "4"), ("PeriodUnit", "Week")],
    ];
    for pairs in valid {
        assert_eq!(run(pairs), Vec::<String>::new(), "{pairs:?}");
    }
    let invalid: &[(&[(&str, &str)], &str)] = &[
        (&[("Tag.1.Key", "see http://x")], "Tag.1.Key: cannot contain `http://`"),
        (&[("HostName", "-host")], "HostName: cannot start or end with `-`"),
        (&[("ClientToken", "tokén")], "ClientToken: must be ASCII only, contains `é`"),
        (&[("Amount", "0")], "Amount: must be 1 to 100"),
        (&[("Amount", "x")], "Amount: must be a number 1 to 100"),
        (&[("InstanceName", "a")], "InstanceName: must be 2 to 128 characters long, is 1"),
        (&[("InstanceName", "1abc")], "InstanceName: must start with a letter"),
        (&[("InstanceName", "ab cd")], "InstanceName: contains ` `, which is not allowed"),
        (&[("DataDisk.17.Size", "40")], "DataDisk.17.Size: index 17 is outside 1 to 16"),
        (&[("DataDisk.3.Category", "ssd")], "DataDisk.3.Category: must be one of cloud, cloud_efficiency, cloud_ssd, ephemeral_ssd, cloud_essd"),
        (&[("DataDisk.3.Size", "10"), ("DataDisk.3.Category", "cloud_essd")], "DataDisk.3.Size: must be 20 to 32768 for cloud_essd"),
        (&[("Tag.2.Key", "acs:x")], "Tag.2.Key: cannot start with `acs:`"),
        (&[("HostName", "a..b")], "HostName: cannot contain `..`"),
        (&[("AutoReleaseTime", "2018-01-01 12:05:00")], "AutoReleaseTime: must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ"),
        (&[("UserData", "not base64!")], "UserData: must be Base64"),
        (&[("Ipv6Address.1", "2001:db8::1"), ("Ipv6AddressCount", "1")], "Ipv6AddressCount: cannot be set together with Ipv6Address.N"),
        (&[("PasswordInherit", "true"), ("Password", "EcsV587!")], "Password: must not be set when PasswordInherit is true"),
        (&[("PrivateIpAddress", "172.16.236.14"), ("VSwitchId", "vsw-1"), ("Amount", "2")], "Amount: must be 1 when PrivateIpAddress is set"),
        (&[("PrivateIpAddress", "172.16.236.14")], "PrivateIpAddress: can only be set together with VSwitchId"),
        (&[("Period", "5"), ("PeriodUnit", "Week")], "Period: must be one of 1, 2, 3, 4 when PeriodUnit is Week"),
    ];
    for (pairs, want) in invalid {
        let got = run(pairs);
        assert_eq!(got, [want.to_string()], "{pairs:?}");
    }
    let no_image = validate(&[], CHECKS).unwrap_err();
    assert_eq!(no_image.violations()[0].path, "ImageId");
    assert_eq!(no_image.violations()[0].source, "ImageId is required.");
}

#[test]
fn output_is_bounded() {
    let pairs: Vec<(String, String)> = (1..=200)
        .map(|i| (format!("DataDisk.{i}.Category"), "bogus".to_owned()))
        .chain([("ImageId".into(), "i".into())])
        .collect();
    let errors = validate(&pairs, CHECKS).unwrap_err();
    assert_eq!(errors.violations().len(), validation::MAX_VIOLATIONS);
    assert!(errors.omitted() > 0);
    assert!(errors.to_string().ends_with(&format!("… and {} more", errors.omitted())));
}
