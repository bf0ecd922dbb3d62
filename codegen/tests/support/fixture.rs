//! A hand-made IR covering every shape the emitter handles, for tests that must not depend on the parser.

use codegen::ir::*;

fn text(s: &str) -> Text {
    Text { markdown: s.to_owned(), plain: s.to_owned() }
}

/// A parameter whose path is read from its wire name (`N`/`n` → each, digits → literal).
pub fn param(wire_name: &str, ty: ScalarType, required: bool, example: &str, description: &str) -> Param {
    let parts: Vec<&str> = wire_name.split('.').collect();
    let mut path: Vec<Segment> = Vec::new();
    for part in parts {
        match (part, path.last_mut()) {
            ("N" | "n", Some(last)) => last.index = Index::Each,
            (digits, Some(last)) if digits.chars().all(|c| c.is_ascii_digit()) => {
                last.index = Index::Literal(digits.parse().unwrap())
            }
            (name, _) => path.push(Segment { name: name.to_owned(), index: Index::None }),
        }
    }
    Param {
        wire_name: wire_name.to_owned(),
        path,
        doc_type: format!("{ty:?}"),
        ty,
        required,
        example: (!example.is_empty()).then(|| example.to_owned()),
        description: text(description),
        position: Default::default(),
        position_from: Default::default(),
        line: 1,
        constraints: Vec::new(),
        secret: None,
    }
}

fn one_of(values: &[(&str, &str)]) -> Constraint {
    Constraint {
        rule: Rule::OneOf {
            values: values
                .iter()
                .map(|(v, m)| EnumValue { value: (*v).into(), meaning: (*m).into() })
                .collect(),
        },
        source: "Valid values: ...".into(),
        enforcement: Enforcement::Enforced,
    }
}

fn field(name: &str, shape: FieldShape, example: Option<&str>, description: &str) -> Field {
    Field {
        name: name.into(),
        doc_type: String::new(),
        shape,
        example: example.map(Into::into),
        description: text(description),
        line: 1,
        secret: None,
    }
}

fn error(status: Option<u16>, code: &str, message: &str) -> ErrorRow {
    ErrorRow { status, code: code.into(), message: message.into(), description: String::new(), line: 1 }
}

/// `CreateThing`: one API exercising every request, response and error shape.
pub fn api() -> Api {
    use ScalarType::*;
    let mut category = param(
        "SystemDisk.Category",
        String,
        false,
        "cloud_ssd",
        "The category. Valid values:\n\n-   cloud: basic.\n-   cloud\\_ssd: SSD.",
    );
    category.constraints.push(one_of(&[
        ("cloud", "basic disk."),
        ("cloud_ssd", "SSD."),
        ("Unknown", "a value named like the fallback."),
        ("cloud", "again"),
    ]));
    let mut charge = param("InstanceChargeType", String, false, "PrePaid", "The billing method.");
    charge.constraints.push(one_of(&[
        ("PrePaid", "subscription."),
        ("PostPaid", "pay-as-you-go."),
        ("prepaid", "lower-case twin."),
    ]));
    let mut renew = param("AutoRenew", Boolean, false, "true", "Whether to renew.");
    renew.constraints.push(one_of(&[("true", ""), ("false", "")]));
    let mut api = Api {
        name: "CreateThing".into(),
        other_names: Vec::new(),
        wire: codegen::ir::Wire::Rpc,
        source: "spec/test/CreateThing.md".into(),
        summary: "Creates a thing. See [DescribeThings](~~25609~~).".into(),
        request: vec![
            param("Action", String, false, "CreateThing", "The operation."),
            param("RegionId", String, true, "cn-hangzhou", "The region. Call [DescribeRegions](~~25609~~)."),
            param("Amount", Integer, true, "3", "How many."),
            param("Size", Long, false, "40", "A long."),
            param("SpotPriceLimit", Float, false, "0.97", "A float."),
            param("Ratio", Double, false, "1.5", "A double."),
            param("DryRun", Boolean, false, "false", "Whether to check only."),
            param("Description", String, false, "", "A description; cannot start with http:// or https://."),
            charge,
            renew,
            param("SystemDisk.Size", String, false, "40", "The system disk size."),
            category,
            param("DataDisk.N.Size", Integer, false, "2000", "The size of the nth data disk."),
            param("DataDisk.N.Encrypted", Boolean, false, "false", "Whether encrypted."),
            param("SecurityGroupIds.N", String, false, "sg-1", "Security group IDs."),
            param("NetworkInterface.N.VSwitchId", String, false, "vsw-1", "The VSwitch of the nth ENI."),
            param(
                "NetworkInterface.N.SecurityGroupIds.N",
                String,
                false,
                "sg-2",
                "Security groups of the nth ENI.",
            ),
            param("Filter.1.Key", String, false, "CreationStartTime", "The first filter key."),
            param("Filter.1.Value", String, false, "2017-12-05T22:40:00Z", "The first filter value."),
            param("InstanceId", String, false, "i-1", "The instance ID."),
            param("InstanceID", String, false, "i-2", "Same name, other case."),
            param("Type", String, false, "t", "A keyword name."),
            param("3rdParty", String, false, "x", "A name starting with a digit."),
            param("Password", String, false, "EcsV587!", "The password of the instance."),
            param("LoginKey", String, false, "k", "The secret key used to log on."),
            param("Tag.N.Key", String, true, "FinanceDept", "The tag key; required in each tag."),
            param("ClientToken", String, false, "123e4567", "The token used to ensure idempotence."),
        ],
        cross_field: Vec::new(),
        response: vec![
            field("RequestId", FieldShape::Scalar { ty: String }, Some("473469C7"), "The request ID."),
            field("TradePrice", FieldShape::Scalar { ty: Float }, Some("0.165"), "The price."),
            field(
                "PrivateKeyBody",
                FieldShape::Scalar { ty: String },
                Some("-----BEGIN RSA PRIVATE KEY-----"),
                "The private key of the key pair.",
            ),
            field("TotalCount", FieldShape::Scalar { ty: Integer }, Some("2"), "How many."),
            field(
                "InstanceIdSets",
                FieldShape::ScalarList { ty: String, wrapper: Some("InstanceIdSet".into()) },
                None,
                "The IDs.",
            ),
            field(
                "Sizes",
                FieldShape::ScalarList { ty: Integer, wrapper: None },
                None,
                "Bare list of numbers.",
            ),
            field(
                "Owner",
                FieldShape::Struct {
                    fields: vec![
                        field("Name", FieldShape::Scalar { ty: String }, None, "The owner's name."),
                        field("Verified", FieldShape::Scalar { ty: Boolean }, None, "Whether verified."),
                    ],
                },
                None,
                "The owner.",
            ),
            field(
                "Instances",
                FieldShape::Array {
                    item: "Instance".into(),
                    wrapper: Some("Instance".into()),
                    fields: vec![
                        field("InstanceId", FieldShape::Scalar { ty: String }, Some("i-1"), "The ID."),
                        field(
                            "Tags",
                            FieldShape::Array {
                                item: "Tag".into(),
                                wrapper: None,
                                fields: vec![field("Key", FieldShape::Scalar { ty: String }, None, "Key.")],
                            },
                            None,
                            "Tags, bare array.",
                        ),
                    ],
                },
                None,
                "The instances.",
            ),
        ],
        examples: Examples::default(),
        errors: vec![
            error(Some(404), "InvalidVPC.NotFound", "The VPC does not exist."),
            error(Some(404), "InvalidVpc.NotFound", "The Vpc does not exist."),
            error(Some(400), "MissingParameter", "The input parameter \"ImageId\" is missing."),
            error(Some(403), "MissingParameter", "The input parameter <OwnerId> is missing."),
            error(Some(400), "MissingParameter", "The input parameter \"ImageId\" is missing."),
            error(Some(403), "Forbbiden", "User not authorized."),
            error(None, "Unknown", "A code named like the fallback."),
        ],
        ..Default::default()
    };
    // Secrets, idempotence and the client token are decided as `gen` decides them.
    codegen::facts::decide(&mut api, &[], &mut codegen::diag::Diagnostics::new("fixture"));
    api
}

/// A parameter at `position`, as the parser places it.
fn placed(mut p: Param, position: Position, from: PositionFrom) -> Param {
    p.position = position;
    p.position_from = from;
    p
}

/// `UpdateThing`: a RESTful (ROA) operation with a path parameter, query and header parameters
/// and a JSON body with nested lists, a free-form member and a password.
pub fn roa_api() -> Api {
    use ScalarType::*;
    let body = |p: Param| placed(p, Position::Body, PositionFrom::BodyTable);
    let mut settings = param("settings", Json, false, "{\"a.b\": 1}", "Free-form settings.");
    settings.doc_type = "Map".into();
    let mut api = Api {
        name: "UpdateThing".into(),
        other_names: Vec::new(),
        wire: Wire::Roa(Roa {
            method: HttpMethod::Put,
            methods: vec![HttpMethod::Put, HttpMethod::Post],
            path: "/things/[ThingId]/settings".into(),
            path_params: vec!["ThingId".into()],
            body: Some(Body { encoding: BodyEncoding::Json, whole: None, example: None, line: 1 }),
            line: 1,
        }),
        source: "spec/test/UpdateThing.md".into(),
        summary: "Updates a thing's settings.".into(),
        request: vec![
            placed(param("ThingId", String, true, "t-1", "The thing."), Position::Path, PositionFrom::Path),
            placed(
                param("clientToken", String, false, "tok", "The idempotence token."),
                Position::Query,
                PositionFrom::Column,
            ),
            placed(
                param("x-acs-thing-mode", String, false, "fast", "A header."),
                Position::Header,
                PositionFrom::Column,
            ),
            body(param("name", String, true, "n", "The name.")),
            body(param("configs.N.fileName", String, true, "a.yml", "A file name.")),
            body(param("tags.N", String, false, "t", "Tags.")),
            body(settings),
            body(param("adminPassword", String, false, "pw", "The password of the admin.")),
        ],
        cross_field: Vec::new(),
        response: vec![field("RequestId", FieldShape::Scalar { ty: String }, Some("R"), "The request ID.")],
        examples: Examples::default(),
        errors: vec![error(Some(404), "InstanceNotFound", "The instance does not exist.")],
        ..Default::default()
    };
    codegen::facts::decide(&mut api, &[], &mut codegen::diag::Diagnostics::new("fixture"));
    api
}

/// A product holding [`api`] and [`roa_api`].
pub fn product() -> Product {
    Product {
        name: "ecs".into(),
        meta: ProductMeta {
            code: "Ecs".into(),
            name: "Elastic Compute Service".into(),
            version: "2014-05-26".into(),
            endpoint: "ecs.aliyuncs.com".into(),
            style: ApiStyle::Rpc,
            common_errors: [
                (400, "Throttling", "Too many requests."),
                (500, "InternalError", "Unknown error."),
            ]
            .map(|(status, code, message)| CommonError {
                status: Some(status),
                code: code.into(),
                message: message.into(),
                sources: vec![DocLine { file: "ecs/guides/Response-results.md".into(), line: 60 }],
            })
            .to_vec(),
            ..Default::default()
        },
        apis: vec![api(), roa_api()],
    }
}
