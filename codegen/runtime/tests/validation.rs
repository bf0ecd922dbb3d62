//! Validation of typed requests through their field tables: single-field rules, indexes, required
//! fields, cross-field rules (also below lists), secrets, the bound on output and the modes.

mod support;

use alibabacloud_runtime::validation::{self, ValidationMode, REQUIRED};
use alibabacloud_runtime::{Operation, Secret, Validated, ValidationErrors};
use serde_json::json;
use support::tables::Request;

/// `json` on top of a request that passes every rule, violations as `path: message`.
fn run(json: serde_json::Value) -> Vec<String> {
    let mut base = json!({"RegionId": "cn-hangzhou", "ImageId": "img-1"});
    base.as_object_mut().unwrap().extend(json.as_object().unwrap().clone());
    let request: Request = serde_json::from_value(base).unwrap();
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.violations().iter().map(|v| format!("{}: {}", v.path, v.message)).collect(),
    }
}

#[test]
fn truth_table() {
    let valid = [
        json!({}),
        json!({"Amount": 1}),
        json!({"Amount": 100}),
        json!({"InstanceName": "JoshuaHost"}),
        json!({"InstanceName": "a:b_c-d"}),
        json!({"DataDisk": (0..16).map(|_| json!({"Size": 40, "Category": "cloud_ssd"})).collect::<Vec<_>>()}),
        json!({"DataDisk": [{"Size": 20, "Category": "cloud_essd"}]}),
        json!({"DataDisk": [{"Size": 10, "Category": "cloud"}]}),
        json!({"DataDisk": [{"Size": 10}]}),
        json!({"DataDisk": [{"Size": 30000, "Category": "cloud_essd"}, {"Size": 3, "Category": "local"}]}),
        json!({"Tag": [{"Key": "FinanceDept"}]}),
        json!({"HostName": "a.b-c"}),
        json!({"AutoReleaseTime": "2018-01-01T12:05:00Z"}),
        json!({"UserData": "ZWNobyBoZWxsbyBlY3Mh"}),
        json!({"Ipv6AddressCount": 1}),
        json!({"Ipv6Address": ["2001:db8::1"]}),
        json!({"ClientToken": "123e4567-e89b-12d3-a456-426655440000"}),
        json!({"PasswordInherit": false, "Password": "EcsV587!"}),
        json!({"PrivateIpAddress": "172.16.236.14", "VSwitchId": "vsw-1", "Amount": 1}),
        json!({"Period": 12, "PeriodUnit": "Month"}),
        json!({"Period": 5}),
        json!({"Period": 4, "PeriodUnit": "Week"}),
        json!({"ImageId": null, "LaunchTemplateName": "t"}),
        json!({"SystemDisk": {"Size": "40"}}),
        json!({"Price": 0.97}),
        json!({"Price": 100}),
    ];
    for json in valid {
        assert_eq!(run(json.clone()), Vec::<String>::new(), "{json}");
    }
    let invalid = [
        (json!({"Tag": [{"Key": "see http://x"}]}), "Tag.1.Key: cannot contain `http://`"),
        (json!({"Tag": [{"Key": "k"}, {}]}), "Tag.2.Key: is required"),
        (json!({"HostName": "-host"}), "HostName: cannot start or end with `-`"),
        (json!({"ClientToken": "tokén"}), "ClientToken: must be ASCII only, contains `é`"),
        (json!({"Amount": 0}), "Amount: must be 1 to 100"),
        (json!({"Price": 100.5}), "Price: must be 0 to 100"),
        (json!({"Price": 9.5}), "Price: cannot start with `9`"),
        (json!({"InstanceName": "a"}), "InstanceName: must be 2 to 128 characters long, is 1"),
        (json!({"InstanceName": "1abc"}), "InstanceName: must start with a letter"),
        (json!({"InstanceName": "ab cd"}), "InstanceName: contains ` `, which is not allowed"),
        (
            json!({"DataDisk": (0..17).map(|_| json!({"Size": 40})).collect::<Vec<_>>()}),
            "DataDisk.17.Size: index 17 is outside 1 to 16",
        ),
        (
            json!({"DataDisk": [{}, {}, {"Category": "ssd"}]}),
            "DataDisk.3.Category: must be one of cloud, cloud_efficiency, cloud_ssd, ephemeral_ssd, cloud_essd, local",
        ),
        (
            json!({"DataDisk": [{}, {}, {"Size": 10, "Category": "cloud_essd"}]}),
            "DataDisk.3.Size: must be 20 to 32768 for cloud_essd",
        ),
        (json!({"DataDisk": [{"Size": 3000, "Category": "cloud"}]}), "DataDisk.1.Size: must be 5 to 2000 for cloud"),
        (json!({"DataDisk": [{"Size": 3}, {"Size": 10}]}), "DataDisk.1.Size: must be 5 to 2000 for cloud"),
        (json!({"DataDisk": [{"Size": 3, "Category": "cloud_essd"}]}), "DataDisk.1.Size: must be 20 to 32768 for cloud_essd"),
        (json!({"Tag": [{"Key": "k"}, {"Key": "acs:x"}]}), "Tag.2.Key: cannot start with `acs:`"),
        (json!({"HostName": "a..b"}), "HostName: cannot contain `..`"),
        (
            json!({"AutoReleaseTime": "2018-01-01 12:05:00"}),
            "AutoReleaseTime: must be a UTC time in the form yyyy-MM-ddTHH:mm:ssZ",
        ),
        (json!({"UserData": "not base64!"}), "UserData: must be Base64"),
        (json!({"SystemDisk": {"Size": "19"}}), "SystemDisk.Size: must be 20 to 500"),
        (json!({"Ipv6Address": ["2001:db8::1", "2001:db8::2"]}), "Ipv6Address.2: index 2 is outside 1 to 1"),
        (
            json!({"Ipv6Address": ["2001:db8::1"], "Ipv6AddressCount": 1}),
            "Ipv6AddressCount: cannot be set together with Ipv6Address.N",
        ),
        (json!({"PasswordInherit": true, "Password": "EcsV587!"}), "Password: must not be set when PasswordInherit is true"),
        (
            json!({"PrivateIpAddress": "172.16.236.14", "VSwitchId": "vsw-1", "Amount": 2}),
            "Amount: must be 1 when PrivateIpAddress is set",
        ),
        (json!({"PrivateIpAddress": "172.16.236.14"}), "PrivateIpAddress: can only be set together with VSwitchId"),
        (json!({"Period": 5, "PeriodUnit": "Week"}), "Period: must be one of 1, 2, 3, 4 when PeriodUnit is Week"),
        (
            json!({"DataDisk": [{"Category": "local"}], "AutoReleaseTime": "2018-01-01T12:05:00Z"}),
            "AutoReleaseTime: must not be set when DataDisk.N.Category is local",
        ),
        (json!({"ImageId": null}), "ImageId: is required unless LaunchTemplateId or LaunchTemplateName is set"),
        (json!({"RegionId": null}), "RegionId: is required"),
    ];
    for (json, want) in invalid {
        assert_eq!(run(json.clone()), [want.to_owned()], "{json}");
    }
    let errors = Request::default().validate().unwrap_err();
    let shown: Vec<(&str, &str)> = errors.violations().iter().map(|v| (v.path.as_str(), v.source)).collect();
    assert_eq!(
        shown,
        [("RegionId", REQUIRED), ("ImageId", "ImageId is required.")],
        "in field order, with the others"
    );
}

#[test]
fn a_secret_is_never_quoted() {
    let violations = run(json!({"Password": "/密码"}));
    assert_eq!(
        violations,
        [
            "Password: must be 8 to 30 characters long",
            "Password: contains a character that is not allowed",
            "Password: cannot start with `/`",
        ]
    );
    let errors = Request { password: Some(Secret::new("Sup3rS3cret密")), ..Request::default() }
        .validate()
        .unwrap_err();
    assert!(!format!("{errors} {errors:?}").contains('密'));
}

#[test]
fn output_is_bounded() {
    let disks: Vec<_> = (0..200).map(|_| json!({"Category": "bogus"})).collect();
    let request: Request =
        serde_json::from_value(json!({"RegionId": "r", "ImageId": "i", "DataDisk": disks})).unwrap();
    let errors = request.validate().unwrap_err();
    assert_eq!(errors.violations().len(), validation::MAX_VIOLATIONS);
    assert!(errors.omitted() > 0);
    assert!(errors.to_string().ends_with(&format!("… and {} more", errors.omitted())));
}

#[test]
fn validated_requests_record_that_they_passed() {
    let invalid = Request { amount: Some(0), ..Request::default() };
    let errors = Validated::new(invalid.clone()).unwrap_err();
    assert_eq!(errors.violations().len(), 3, "{errors}");
    let valid = Request { region_id: Some("r".into()), image_id: Some("i".into()), ..Request::default() };
    let validated = Validated::new(valid.clone()).unwrap();
    assert_eq!(*validated, valid);
    assert_eq!(validated.to_query_pairs(), valid.to_query_pairs());
    assert_eq!(validated.validate(), Ok(()));
    assert_eq!(validated.into_inner(), valid);
}

#[test]
fn modes_enforce_report_or_skip_per_client_and_per_call() {
    let invalid = Request::default();
    assert!(ValidationMode::Enforce.apply(&invalid).is_err());
    assert_eq!(ValidationMode::Report.apply(&invalid), Ok(()));
    assert_eq!(ValidationMode::Off.apply(&invalid), Ok(()));
    assert_eq!(ValidationMode::default(), ValidationMode::Enforce);
    assert_eq!(ValidationMode::for_call(&invalid, ValidationMode::Off), ValidationMode::Off);
    let per_call = invalid.clone().with_validation(ValidationMode::Report);
    assert_eq!(ValidationMode::for_call(&per_call, ValidationMode::Enforce), ValidationMode::Report);
    assert_eq!(per_call.validate(), invalid.validate(), "the call's own mode does not change the verdict");
}

#[test]
fn hand_made_violations_collect() {
    let none: ValidationErrors = std::iter::empty().collect();
    assert_eq!(none.into_result(), Ok(()));
}

/// Keeps the fields of every `tracing` event (this test's own subscriber, for its thread only).
#[derive(Default, Clone)]
struct Capture(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        struct Fields(String);
        impl tracing::field::Visit for Fields {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                self.0.push_str(&format!("{}={:?} ", field.name(), value));
            }
        }
        let mut fields = Fields(format!("{} {}: ", event.metadata().level(), event.metadata().target()));
        event.record(&mut fields);
        self.0.lock().unwrap().push(fields.0);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn report_mode_logs_every_violation_through_tracing_without_the_secret() {
    let capture = Capture::default();
    let request = Request { password: Some(Secret::new("/Sup3r密")), ..Request::default() };
    let verdict =
        tracing::subscriber::with_default(capture.clone(), || ValidationMode::Report.apply(&request));
    assert_eq!(verdict, Ok(()), "reported, not blocked");
    let lines = capture.0.lock().unwrap().clone();
    assert_eq!(lines.len(), 1, "{lines:?}");
    let line = &lines[0];
    assert!(line.starts_with("WARN alibabacloud_runtime::validation: "), "{line}");
    assert!(line.contains("action=\"RunInstances\"") && line.contains("RegionId: is required"), "{line}");
    assert!(line.contains("Password: must be 8 to 30 characters long"), "{line}");
    assert!(!line.contains("Sup3r") && !line.contains('密'), "{line}");
    let quiet = Capture::default();
    tracing::subscriber::with_default(quiet.clone(), || ValidationMode::Off.apply(&request)).unwrap();
    assert!(quiet.0.lock().unwrap().is_empty());
}
