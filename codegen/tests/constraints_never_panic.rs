//! Property tests: extraction, overrides and rule checks never panic, whatever the prose or value.

use codegen::constraints::{check, check_examples, extract, Coverage};
use codegen::diag::Diagnostics;
use codegen::ir::{Api, Index, Param, Rule, ScalarType, Segment, Text};
use proptest::prelude::*;

/// Pieces of real descriptions (seed and corpus), recombined at random.
const FRAGMENTS: &[&str] = &[
    "Valid values:",
    "\n\n-   cloud: basic disk.",
    "\n-   cloud\\_essd: 20 to 32,768.",
    "\n-   ``\\{“1”, “2”\\} if PeriodUnit is set to Week.",
    "Valid values: 1 to 200.",
    "n ranges from 1 to 16.",
    "N can only be 1.",
    "It must be 2 to 128 characters in length and can contain uppercase and lowercase letters, digits, colons \\(:\\), and hyphens \\(-\\).",
    "It cannot start with http:// or https://.",
    "It cannot start with `aliyun` or `acs:`, and cannot contain `http://` or `https://`.",
    "It cannot start or end with a period \\(.\\) or a hyphen \\(-\\).",
    "Default value: 200.",
    "Default value: max \\{40, ImageSize\\}.",
    "**Note:** You cannot specify both `Ipv6Addresses.N` and `Ipv6AddressCount`.",
    "If you do not use `LaunchTemplateId` or `LaunchTemplateName` to specify an instance launch template, `ImageId` is required.",
    "When `PrivateIpAddress` is specified, `Amount` can only be set to 1.",
    "PrivateIpAddress depends on VSwitchId and cannot be specified separately.",
    "It must be encoded in Base64. The maximum size of the user data is 16 KB.",
    "Format: yyyy-MM-ddTHH:mm:ssZ.",
    "\n\n ``` {#codeblock}\n()`~!@#$%^&*-_+=|{}[]:;'<>,.?/\n```\n",
    "Optional values:-   true: yes",
    " | ",
    "\\",
    "(",
    "**",
    "`",
    "Valid values when DiskCategory is set to cloud: 5 to 2000",
    "The value of N in NetworkInterface.N cannot be greater than 1.",
];

fn param(wire: &str, ty: ScalarType, markdown: String, example: Option<String>) -> Param {
    let path = wire
        .split('.')
        .filter(|s| *s != "N")
        .map(|name| Segment {
            name: name.to_owned(),
            index: if wire.contains(&format!("{name}.N")) { Index::Each } else { Index::None },
        })
        .collect();
    Param {
        wire_name: wire.to_owned(),
        path,
        doc_type: format!("{ty:?}"),
        ty,
        required: false,
        example,
        description: Text { plain: markdown.clone(), markdown },
        position: Default::default(),
        position_from: Default::default(),
        line: 7,
        constraints: Vec::new(),
        secret: None,
    }
}

fn scalar() -> impl Strategy<Value = ScalarType> {
    prop_oneof![
        Just(ScalarType::String),
        Just(ScalarType::Integer),
        Just(ScalarType::Long),
        Just(ScalarType::Float),
        Just(ScalarType::Boolean),
    ]
}

fn description() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![prop::sample::select(FRAGMENTS).prop_map(str::to_owned), ".{0,40}"],
        0..8,
    )
    .prop_map(|parts| parts.join(" "))
}

proptest! {
    #[test]
    fn extraction_never_panics(
        descriptions in prop::collection::vec((description(), scalar(), proptest::option::of(".{0,20}")), 1..5)
    ) {
        let names = ["DataDisk.N.Size", "DataDisk.N.Category", "Ipv6Address.N", "Amount", "PeriodUnit"];
        let request = descriptions
            .into_iter()
            .zip(names)
            .map(|((md, ty, example), name)| param(name, ty, md, example))
            .collect();
        let mut api = Api {
            name: "RunInstances".into(),
            source: "p.md".into(),
            request,
            ..Default::default()
        };
        let mut diags = Diagnostics::new("p.md");
        extract(&mut api, &mut diags);
        check_examples(&api, &mut diags);
        let coverage = Coverage::of_api(&api);
        prop_assert!(coverage.params_enforced <= coverage.params);
        for p in &api.request {
            for c in &p.constraints {
                prop_assert!(!c.source.is_empty());
            }
        }
    }

    #[test]
    fn checks_never_panic(value in any::<String>(), min in proptest::option::of(0u64..300), max in proptest::option::of(0u64..300)) {
        let rules = [
            Rule::Length { min, max },
            Rule::Range { min: min.map(|v| v as f64), max: max.map(|v| v as f64) },
            Rule::StartsWithLetter,
            Rule::NoConsecutive { chars: ".-".into() },
            Rule::NoLeadingOrTrailing { chars: ".-".into() },
            Rule::ForbiddenPrefixes { prefixes: vec![String::new(), "acs:".into()] },
            Rule::Format { format: codegen::ir::Format::Base64 { max_bytes: max } },
            Rule::Format { format: codegen::ir::Format::Iso8601 { pattern: "yyyy-MM-ddTHH:mm:ssZ".into() } },
            Rule::Format { format: codegen::ir::Format::Ascii },
        ];
        for rule in &rules {
            let _ = check::check(rule, &value);
        }
    }
}
