//! Hand-written structs with field tables, shaped like generated ones (RunInstances' parameters and
//! rules), for the query, JSON and validation tests.

use alibabacloud_runtime::rules::Rule;
use alibabacloud_runtime::schema::{Field, Schema};
use alibabacloud_runtime::validation::{Check, CrossCheck, CrossRule, Path};
use alibabacloud_runtime::{Operation, Secret, ValidationErrors};

#[derive(Clone, Default)]
pub struct Request {
    pub region_id: Option<String>,
    pub dry_run: Option<bool>,
    pub price: Option<f64>,
    pub amount: Option<i32>,
    pub instance_name: Option<String>,
    pub host_name: Option<String>,
    pub client_token: Option<String>,
    pub image_id: Option<String>,
    pub launch_template_id: Option<String>,
    pub launch_template_name: Option<String>,
    pub auto_release_time: Option<String>,
    pub user_data: Option<String>,
    pub ipv6_address: Vec<String>,
    pub ipv6_address_count: Option<i32>,
    pub password_inherit: Option<bool>,
    pub password: Option<Secret>,
    pub private_ip_address: Option<String>,
    pub v_switch_id: Option<String>,
    pub period: Option<i32>,
    pub period_unit: Option<String>,
    pub system_disk: Option<SystemDisk>,
    pub data_disk: Vec<DataDisk>,
    pub security_group_ids: Vec<String>,
    pub network_interface: Vec<NetworkInterface>,
    pub filter_1: Option<Filter>,
    pub tag: Vec<Tag>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SystemDisk {
    pub size: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataDisk {
    pub size: Option<i64>,
    pub category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NetworkInterface {
    pub v_switch_id: Option<String>,
    pub security_group_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub key: Option<String>,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tag {
    pub key: Option<String>,
}

const NAME: &[Check] = &[
    Check::new(Rule::Length { min: Some(2), max: Some(128) }, "It must be 2 to 128 characters in length"),
    Check::new(Rule::StartsWithLetter, "It must start with a letter."),
    Check::new(
        Rule::AllowedChars { upper: true, lower: true, digit: true, letter: false, extra: ":_-" },
        "can contain uppercase and lowercase letters, digits, colons (:), underscores (_), and hyphens (-).",
    ),
];
const HOST_NAME: &[Check] = &[
    Check::new(Rule::NoLeadingOrTrailing(".-"), "It cannot start or end with a period (.) or a hyphen (-)."),
    Check::new(Rule::NoConsecutive(".-"), "It cannot contain consecutive periods (.) or hyphens (-)."),
];
const PASSWORD: &[Check] = &[
    Check::new(Rule::Length { min: Some(8), max: Some(30) }, "It must be 8 to 30 characters in length"),
    Check::new(
        Rule::AllowedChars {
            upper: true,
            lower: true,
            digit: true,
            letter: false,
            extra: "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/",
        },
        "The following special characters can be used:",
    ),
    Check::new(Rule::ForbiddenPrefixes(&["/"]), "cannot start with a forward slash (/)"),
];

impl Schema for Request {
    const FIELDS: &'static [Field] = &[
        Field::new("RegionId").required(),
        Field::new("DryRun"),
        Field::new("Price").checks(&[
            Check::new(Rule::Range { min: Some(0.0), max: Some(100.0) }, "Valid values: 0 to 100."),
            Check::new(Rule::ForbiddenPrefixes(&["9"]), "A price cannot start with 9."),
        ]),
        Field::new("Amount").checks(&[Check::new(
            Rule::Range { min: Some(1.0), max: Some(100.0) },
            "Valid values: 1 to 100.",
        )]),
        Field::new("InstanceName").checks(NAME),
        Field::new("HostName").checks(HOST_NAME),
        Field::new("ClientToken")
            .checks(&[Check::new(Rule::Ascii, "ClientToken can contain only ASCII characters.")]),
        Field::new("ImageId"),
        Field::new("LaunchTemplateId"),
        Field::new("LaunchTemplateName"),
        Field::new("AutoReleaseTime")
            .checks(&[Check::new(Rule::Time("yyyy-MM-ddTHH:mm:ssZ"), "Format: yyyy-MM-ddTHH:mm:ssZ.")]),
        Field::new("UserData")
            .checks(&[Check::new(Rule::Base64 { max_bytes: Some(16384) }, "It must be encoded in Base64.")]),
        Field::new("Ipv6Address")
            .checks(&[Check::new(Rule::Index { up: 0, min: 1, max: 1 }, "N can only be 1.")]),
        Field::new("Ipv6AddressCount"),
        Field::new("PasswordInherit"),
        Field::new("Password").secret().checks(PASSWORD),
        Field::new("PrivateIpAddress"),
        Field::new("VSwitchId"),
        Field::new("Period"),
        Field::new("PeriodUnit"),
        Field::new("SystemDisk").group(),
        Field::new("DataDisk").group(),
        Field::new("SecurityGroupIds"),
        Field::new("NetworkInterface").group(),
        Field::new("Filter.1").group(),
        Field::new("Tag").group(),
    ];
    const CHECKS: &'static [CrossCheck] = &[
        CrossCheck::new(
            CrossRule::MutuallyExclusive(&[
                Path::new(&[12], "Ipv6Address.N"),
                Path::new(&[13], "Ipv6AddressCount"),
            ]),
            "You cannot specify both",
        ),
        CrossCheck::new(
            CrossRule::ForbiddenWith {
                when: Path::new(&[14], "PasswordInherit"),
                value: Some("true"),
                then: Path::new(&[15], "Password"),
            },
            "the Password must be null.",
        ),
        CrossCheck::new(
            CrossRule::RestrictedWith {
                when: Path::new(&[16], "PrivateIpAddress"),
                when_value: None,
                then: Path::new(&[3], "Amount"),
                values: &["1"],
            },
            "Amount can only be set to 1.",
        ),
        CrossCheck::new(
            CrossRule::DependsOn {
                param: Path::new(&[16], "PrivateIpAddress"),
                depends_on: Path::new(&[17], "VSwitchId"),
            },
            "PrivateIpAddress depends on VSwitchId",
        ),
        CrossCheck::new(
            CrossRule::RequiredUnless {
                param: Path::new(&[7], "ImageId"),
                unless: &[Path::new(&[8], "LaunchTemplateId"), Path::new(&[9], "LaunchTemplateName")],
            },
            "ImageId is required.",
        ),
        CrossCheck::new(
            CrossRule::OneOfBy {
                param: Path::new(&[18], "Period"),
                on: Path::new(&[19], "PeriodUnit"),
                on_default: Some("Month"),
                when: "Week",
                values: &["1", "2", "3", "4"],
            },
            "{“1”, “2”, “3”, “4”} if PeriodUnit is set to Week.",
        ),
        CrossCheck::new(
            CrossRule::ForbiddenWith {
                when: Path::new(&[21, 1], "DataDisk.N.Category"),
                value: Some("local"),
                then: Path::new(&[10], "AutoReleaseTime"),
            },
            "Local disks cannot be released automatically.",
        ),
    ];

    alibabacloud_runtime::accessors!(
        value 0 region_id, 1 dry_run, 2 price, 3 amount, 4 instance_name, 5 host_name, 6 client_token, 7 image_id, 8 launch_template_id, 9 launch_template_name, 10 auto_release_time, 11 user_data, 12 ipv6_address, 13 ipv6_address_count, 14 password_inherit, 15 password, 16 private_ip_address, 17 v_switch_id, 18 period, 19 period_unit, 22 security_group_ids;
        group 20 system_disk, 24 filter_1;
        groups 21 data_disk, 23 network_interface, 25 tag;
    );
}

impl Schema for SystemDisk {
    const FIELDS: &'static [Field] = &[Field::new("Size").checks(&[Check::new(
        Rule::Range { min: Some(20.0), max: Some(500.0) },
        "Valid values: 20 to 500.",
    )])];

    alibabacloud_runtime::accessors!(
        value 0 size;
    );
}

impl Schema for DataDisk {
    const FIELDS: &'static [Field] = &[
        Field::new("Size")
            .checks(&[Check::new(Rule::Index { up: 0, min: 1, max: 16 }, "n ranges from 1 to 16.")]),
        Field::new("Category").checks(&[Check::new(
            Rule::OneOf(&["cloud", "cloud_efficiency", "cloud_ssd", "ephemeral_ssd", "cloud_essd", "local"]),
            "Valid values: cloud …",
        )]),
    ];
    const CHECKS: &'static [CrossCheck] = &[
        CrossCheck::new(
            CrossRule::RangeBy {
                param: Path::new(&[0], "Size"),
                on: Path::new(&[1], "Category"),
                on_default: Some("cloud"),
                when: "cloud_essd",
                min: Some(20.0),
                max: Some(32768.0),
            },
            "cloud_essd: 20 to 32,768.",
        ),
        CrossCheck::new(
            CrossRule::RangeBy {
                param: Path::new(&[0], "Size"),
                on: Path::new(&[1], "Category"),
                on_default: Some("cloud"),
                when: "cloud",
                min: Some(5.0),
                max: Some(2000.0),
            },
            "cloud: 5 to 2,000.",
        ),
    ];

    alibabacloud_runtime::accessors!(
        value 0 size, 1 category;
    );
}

impl Schema for NetworkInterface {
    const FIELDS: &'static [Field] = &[Field::new("VSwitchId"), Field::new("SecurityGroupIds")];

    alibabacloud_runtime::accessors!(
        value 0 v_switch_id, 1 security_group_ids;
    );
}

impl Schema for Filter {
    const FIELDS: &'static [Field] = &[Field::new("Key"), Field::new("Value")];

    alibabacloud_runtime::accessors!(
        value 0 key, 1 value;
    );
}

impl Schema for Tag {
    const FIELDS: &'static [Field] = &[Field::new("Key").required().checks(&[
        Check::new(
            Rule::ForbiddenSubstrings(&["http://", "https://"]),
            "cannot contain http:// or https://.",
        ),
        Check::new(Rule::ForbiddenPrefixes(&["aliyun", "acs:"]), "It cannot start with aliyun or acs:"),
    ])];

    alibabacloud_runtime::accessors!(
        value 0 key;
    );
}

alibabacloud_runtime::json_form!(Request);

impl Operation for Request {
    const ACTION: &'static str = "RunInstances";
    const VERSION: &'static str = "2014-05-26";
    const IDEMPOTENT: bool = false;
    type Response = Response;
    type Error = alibabacloud_runtime::ServiceError<alibabacloud_runtime::NoCodes>;

    fn to_query_pairs(&self) -> alibabacloud_runtime::query::QueryPairs {
        alibabacloud_runtime::query::to_query_pairs(Self::ACTION, self)
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        alibabacloud_runtime::validation::validate(self)
    }
}

/// A response read leniently.
#[derive(Clone, Default)]
pub struct Response {
    pub price: Option<f64>,
    pub count: Option<i32>,
    pub on: Option<bool>,
    pub ids: Vec<String>,
    pub sizes: Vec<i64>,
    pub items: Vec<Item>,
    pub bare: Vec<Item>,
    pub owner: Option<Item>,
}

#[derive(Clone, Default)]
pub struct Item {
    pub id: Option<String>,
}

impl Schema for Response {
    const FIELDS: &'static [Field] = &[
        Field::new("Price"),
        Field::new("Count"),
        Field::new("On"),
        Field::new("Ids").wrapped(),
        Field::new("Sizes"),
        Field::new("Items").wrapped(),
        Field::new("Bare"),
        Field::new("Owner"),
    ];

    alibabacloud_runtime::accessors!(
        value 0 price, 1 count, 2 on, 3 ids, 4 sizes;
        group 7 owner;
        groups 5 items, 6 bare;
    );
}

impl Schema for Item {
    const FIELDS: &'static [Field] = &[Field::new("Id")];

    alibabacloud_runtime::accessors!(
        value 0 id;
    );
}

alibabacloud_runtime::lenient_json!(Response, Item);
