//! Hand-written structs with field tables, shaped like generated ones (RunInstances' parameters and
//! rules), for the query, JSON and validation tests.

use alibabacloud_runtime::rules::Rule;
use alibabacloud_runtime::schema::{Field, FieldValue, Schema, Slot, View};
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

    fn get(&self, index: usize) -> View<'_> {
        match index {
            0 => self.region_id.view(),
            1 => self.dry_run.view(),
            2 => self.price.view(),
            3 => self.amount.view(),
            4 => self.instance_name.view(),
            5 => self.host_name.view(),
            6 => self.client_token.view(),
            7 => self.image_id.view(),
            8 => self.launch_template_id.view(),
            9 => self.launch_template_name.view(),
            10 => self.auto_release_time.view(),
            11 => self.user_data.view(),
            12 => self.ipv6_address.view(),
            13 => self.ipv6_address_count.view(),
            14 => self.password_inherit.view(),
            15 => self.password.view(),
            16 => self.private_ip_address.view(),
            17 => self.v_switch_id.view(),
            18 => self.period.view(),
            19 => self.period_unit.view(),
            20 => View::group(&self.system_disk),
            21 => View::groups(&self.data_disk),
            22 => self.security_group_ids.view(),
            23 => View::groups(&self.network_interface),
            24 => View::group(&self.filter_1),
            25 => View::groups(&self.tag),
            _ => View::Absent,
        }
    }

    fn get_mut(&mut self, index: usize) -> Slot<'_> {
        match index {
            0 => self.region_id.slot(),
            1 => self.dry_run.slot(),
            2 => self.price.slot(),
            3 => self.amount.slot(),
            4 => self.instance_name.slot(),
            5 => self.host_name.slot(),
            6 => self.client_token.slot(),
            7 => self.image_id.slot(),
            8 => self.launch_template_id.slot(),
            9 => self.launch_template_name.slot(),
            10 => self.auto_release_time.slot(),
            11 => self.user_data.slot(),
            12 => self.ipv6_address.slot(),
            13 => self.ipv6_address_count.slot(),
            14 => self.password_inherit.slot(),
            15 => self.password.slot(),
            16 => self.private_ip_address.slot(),
            17 => self.v_switch_id.slot(),
            18 => self.period.slot(),
            19 => self.period_unit.slot(),
            20 => Slot::group(&mut self.system_disk),
            21 => Slot::groups(&mut self.data_disk),
            22 => self.security_group_ids.slot(),
            23 => Slot::groups(&mut self.network_interface),
            24 => Slot::group(&mut self.filter_1),
            _ => Slot::groups(&mut self.tag),
        }
    }
}

impl Schema for SystemDisk {
    const FIELDS: &'static [Field] = &[Field::new("Size").checks(&[Check::new(
        Rule::Range { min: Some(20.0), max: Some(500.0) },
        "Valid values: 20 to 500.",
    )])];

    fn get(&self, _: usize) -> View<'_> {
        self.size.view()
    }

    fn get_mut(&mut self, _: usize) -> Slot<'_> {
        self.size.slot()
    }
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
    const CHECKS: &'static [CrossCheck] = &[CrossCheck::new(
        CrossRule::RangeBy {
            param: Path::new(&[0], "Size"),
            on: Path::new(&[1], "Category"),
            on_default: Some("cloud"),
            when: "cloud_essd",
            min: Some(20.0),
            max: Some(32768.0),
        },
        "cloud_essd: 20 to 32,768.",
    )];

    fn get(&self, index: usize) -> View<'_> {
        match index {
            0 => self.size.view(),
            _ => self.category.view(),
        }
    }

    fn get_mut(&mut self, index: usize) -> Slot<'_> {
        match index {
            0 => self.size.slot(),
            _ => self.category.slot(),
        }
    }
}

impl Schema for NetworkInterface {
    const FIELDS: &'static [Field] = &[Field::new("VSwitchId"), Field::new("SecurityGroupIds")];

    fn get(&self, index: usize) -> View<'_> {
        match index {
            0 => self.v_switch_id.view(),
            _ => self.security_group_ids.view(),
        }
    }

    fn get_mut(&mut self, index: usize) -> Slot<'_> {
        match index {
            0 => self.v_switch_id.slot(),
            _ => self.security_group_ids.slot(),
        }
    }
}

impl Schema for Filter {
    const FIELDS: &'static [Field] = &[Field::new("Key"), Field::new("Value")];

    fn get(&self, index: usize) -> View<'_> {
        match index {
            0 => self.key.view(),
            _ => self.value.view(),
        }
    }

    fn get_mut(&mut self, index: usize) -> Slot<'_> {
        match index {
            0 => self.key.slot(),
            _ => self.value.slot(),
        }
    }
}

impl Schema for Tag {
    const FIELDS: &'static [Field] = &[Field::new("Key").required().checks(&[
        Check::new(
            Rule::ForbiddenSubstrings(&["http://", "https://"]),
            "cannot contain http:// or https://.",
        ),
        Check::new(Rule::ForbiddenPrefixes(&["aliyun", "acs:"]), "It cannot start with aliyun or acs:"),
    ])];

    fn get(&self, _: usize) -> View<'_> {
        self.key.view()
    }

    fn get_mut(&mut self, _: usize) -> Slot<'_> {
        self.key.slot()
    }
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

    fn get_mut(&mut self, index: usize) -> Slot<'_> {
        match index {
            0 => self.price.slot(),
            1 => self.count.slot(),
            2 => self.on.slot(),
            3 => self.ids.slot(),
            4 => self.sizes.slot(),
            5 => Slot::groups(&mut self.items),
            6 => Slot::groups(&mut self.bare),
            _ => Slot::group(&mut self.owner),
        }
    }
}

impl Schema for Item {
    const FIELDS: &'static [Field] = &[Field::new("Id")];

    fn get_mut(&mut self, _: usize) -> Slot<'_> {
        self.id.slot()
    }
}

alibabacloud_runtime::lenient_json!(Response, Item);
