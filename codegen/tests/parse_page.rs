//! `parse_page` on the seed and on bad input: counts, diagnostics, never a panic.

mod common;

use codegen::diag::Severity;
use codegen::ir::{Index, ScalarType};
use codegen::parse::parse_page;

#[test]
fn seed_counts() {
    let page = common::seed();
    let api = page.api.expect("seed API");
    assert_eq!(api.name, "RunInstances");
    assert_eq!(api.request.len(), 71);
    assert_eq!(api.request[1].wire_name, "Action");
    assert_eq!(api.errors.len(), 151);
    let codes: std::collections::BTreeSet<&str> = api.errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes.len(), 135);
    assert!(!page.diagnostics.iter().any(|d| d.severity == Severity::Error));
}

#[test]
fn seed_params_read_names_types_flags_and_shapes() {
    let api = common::seed().api.expect("seed API");
    let get = |n: &str| api.request.iter().find(|p| p.wire_name == n).unwrap_or_else(|| panic!("{n}"));
    let region = get("RegionId");
    assert!(region.required);
    assert_eq!(region.example.as_deref(), Some("cn-hangzhou"));
    assert_eq!(region.line, 38);
    assert_eq!(
        get("ImageId").example.as_deref(),
        Some("win2008r2_64_ent_sp1_en-us_40G_alibase_20170915.vhd")
    );
    let sg = get("SecurityGroupId");
    assert!(sg.description.plain.contains("Note: SecurityGroupId determines"));
    let size = get("DataDisk.N.Size");
    assert_eq!(size.ty, ScalarType::Integer);
    assert_eq!(size.path.len(), 2);
    assert_eq!(size.path[0].index, Index::Each);
}

#[test]
fn bad_input_gives_diagnostics_not_panics() {
    let empty = parse_page("empty.md", b"");
    assert!(empty.api.is_none() && !empty.has_errors());
    assert_eq!(empty.diagnostics[0].severity, Severity::Warning);
    let binary = parse_page("bin.md", b"# T\n\xff\xfe");
    assert!(binary.api.is_none() && binary.has_errors());
    assert_eq!(binary.diagnostics[0].line, 2);
    let untitled = parse_page("untitled.md", b"## Request parameters\n|Name|Type|\n|A|String|\n");
    assert!(untitled.api.is_none() && !untitled.has_errors());
    assert_eq!(untitled.diagnostics.len(), 1, "{:?}", untitled.diagnostics);
    assert!(untitled.diagnostics[0].message.starts_with("not an API reference page: no `Action`"));
    let untitled_api =
        parse_page("untitled.md", b"## Request parameters\n|Name|Type|Example|\n|Action|String|DescribeX|\n");
    assert_eq!(untitled_api.api.expect("named by its Action row").name, "DescribeX");
    let prose = parse_page("prose.md", b"# Overview\n\nNo tables here.\n");
    assert!(prose.api.is_none() && !prose.has_errors());
    assert!(prose.diagnostics.iter().any(|d| d.severity == Severity::Note));
}

#[test]
fn truncated_and_odd_tables_degrade_with_warnings() {
    let page = "# Op\n\n[Debug](https://api.aliyun.com/#product=Ecs&api=Op&type=RPC&version=2014-05-26)\n\n## Request parameters\n\n|Name|Required|Description|\n|A\\_b|Yes|one `x|y` two|\n|B|\n|C|Yes|unclosed at end\n";
    let parsed = parse_page("odd.md", page.as_bytes());
    let api = parsed.api.expect("api");
    assert_eq!(api.request.len(), 3, "{:?}", api.request);
    assert_eq!(api.request[0].wire_name, "A_b");
    assert!(api.request[0].required);
    assert_eq!(api.request[0].description.markdown, "one `x|y` two");
    let warnings: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(warnings.iter().any(|w| w.contains("no Type column")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("odd.md:9: warning: row has 1 cells")), "{warnings:?}");
    assert!(
        warnings.iter().any(|w| w.starts_with("odd.md:10: warning: table row is not closed")),
        "{warnings:?}"
    );
}

#[test]
fn case_clashes_duplicates_and_status_conflicts_warn() {
    let page = "# Op\n\n[Debug](https://api.aliyun.com/#product=Ecs&api=Op&type=RPC&version=2014-05-26)\n\n## Request parameters\n\n|Name|Type|Required|\n|---|---|---|\n|Tag.N.Key|String|No|\n|Tag.N.key|String|No|\n|A|String|No|\n|A|Strin|No|\n\n## Error codes\n\n|HttpCode|Error code|Error message|\n|400|E|m|\n|403|E|m|\n";
    let parsed = parse_page("w.md", page.as_bytes());
    let text: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
    for needle in [
        "w.md:10: warning: request parameter `Tag.N.key` differs only in case",
        "w.md:12: warning: request parameter `A` is listed again (first on line 11); this row is dropped (its type `Strin` differs from the kept row's `String`)",
        "unknown request parameter type `Strin`",
        "different HTTP statuses: 400, 403",
    ] {
        assert!(text.iter().any(|t| t.contains(needle)), "{needle} not in {text:?}");
    }
    let api = parsed.api.expect("api");
    assert_eq!(api.errors.len(), 2, "error rows keep their repeats");
    let names: Vec<&str> = api.request.iter().map(|p| p.wire_name.as_str()).collect();
    assert_eq!(names, ["Tag.N.Key", "Tag.N.key", "A"], "one parameter per wire name, the first kept");
}

#[test]
fn a_data_type_table_gives_the_members_of_its_group_parameter() {
    let page = "# Op\n\n[Debug](https://api.aliyun.com/#product=Ecs&api=Op&type=RPC&version=2014-05-26)\n\n## Request parameters\n\n|Name|Type|Required|Description|\n|---|---|---|---|\n|Configuration.N|Configuration|Yes|d|\n|DryRun|Boolean|No|d|\n\nThe following table describes the parameters of the Configuration data type.\n\n|Name|Type|Required|Description|\n|---|---|---|---|\n|Scope|String|Yes|d|\n|ZoneId|String|No|d|\n";
    let parsed = parse_page("g.md", page.as_bytes());
    let api = parsed.api.expect("api");
    let names: Vec<&str> = api.request.iter().map(|p| p.wire_name.as_str()).collect();
    assert_eq!(names, ["Configuration.N.Scope", "Configuration.N.ZoneId", "DryRun"]);
    assert_eq!(api.request[0].path[0].index, Index::Each);
    assert!(!parsed.diagnostics.iter().any(|d| d.message.contains("unknown request parameter type")));
}

#[test]
fn a_json_typed_parameter_is_a_json_value_without_a_warning() {
    let page = "# Op\n\n[Debug](https://api.aliyun.com/#product=Ecs&api=Op&type=RPC&version=2014-05-26)\n\n## Request parameters\n\n|Name|Type|Required|Example|Description|\n|---|---|---|---|---|\n|Parameters|Json|No|\\{\"name\":\"Jack\"\\}|d|\n|Name|String|No|n|d|\n";
    let parsed = parse_page("j.md", page.as_bytes());
    let api = parsed.api.expect("api");
    assert_eq!(api.request[0].ty, ScalarType::Json);
    assert_eq!(api.request[0].example.as_deref(), Some(r#"{"name":"Jack"}"#));
    assert_eq!(api.request[1].ty, ScalarType::String);
    assert!(!parsed.diagnostics.iter().any(|d| d.message.contains("unknown request parameter type")));
}

#[test]
fn a_data_type_table_right_after_the_request_table_gives_its_parameters_members() {
    let request = |rows: &str, sample: &str| {
        format!(
            "# Op\n\n## Request parameters\n\n|Parameter|Type|Required|Description|\n|:--|:--|:--|:--|\n|Action|String|Yes|Set this parameter to Op.|\n{rows}\n## Examples\n\n**Request example**\n\n```\nhttp://domain-intl.aliyuncs.com/\n? Action=Op\n{sample}\n```\n"
        )
    };
    let names = |page: &str| -> (Vec<String>, Vec<String>) {
        let parsed = parse_page("d.md", page.as_bytes());
        let api = parsed.api.expect("api");
        let warnings = parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| d.to_string())
            .collect();
        (api.request.iter().map(|p| format!("{}:{:?}", p.wire_name, p.ty)).collect(), warnings)
    };
    // A list type of one member, numbered under the parameter's name (domain
    // SaveBatchTaskForDomainNameProxyService).
    let (params, warnings) = names(&request(
        "|DomainName|[DomainNameListType](#table_x)|Yes|Domain name list.|\n|Status|Boolean|Yes|d|\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n|domainName|String|Domain name.|\n",
        "&DomainName. 1=test1.com\n&DomainName. 2=test2.com",
    ));
    assert_eq!(params, ["Action:String", "DomainName.N:String", "Status:Boolean"]);
    assert!(!warnings.iter().any(|w| w.contains("unknown request parameter type")), "{warnings:?}");
    // Numbered under its member's name: read so, with a warning (SaveSingleTaskForModifyingDnsHost).
    let (params, warnings) = names(&request(
        "|Ips|[IpListType](#table_y)|Yes|IP address list.|\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n|ip|String|IP address.|\n",
        "&Ip. 1=218.83.159.236",
    ));
    assert_eq!(params, ["Action:String", "Ip.N:String"]);
    assert!(
        warnings.iter().any(|w| w.contains("the sample request numbers `Ip`, not `Ips`; read as `Ip.N`")),
        "{warnings:?}"
    );
    // A group type, numbered by the sample (SaveBatchTaskForCreatingOrderActivate).
    let (params, _) = names(&request(
        "|OrderActivateParam|[OrderActivateParamType](#table_z)|Yes|List of subtasks.|\n\n|Parameter|Type|Required|Description|\n|:--|:--|:--|:--|\n|DomainName|String|Yes|d|\n|SubscriptionDuration|Integer|No|d|\n",
        "&OrderActivateParam. 1. DomainName=test.com",
    ));
    assert_eq!(
        params,
        [
            "Action:String",
            "OrderActivateParam.N.DomainName:String",
            "OrderActivateParam.N.SubscriptionDuration:Integer"
        ]
    );
    // A Type cell ending in a character of several bytes is no data type (and no panic).
    let (params, _) = names(&request(
        "|Name|Ab类型|Yes|d|\n\n|Parameter|Type|Required|Description|\n|:--|:--|:--|:--|\n|Other|String|No|d|\n",
        "&Name=x",
    ));
    assert_eq!(params, ["Action:String", "Name:String", "Other:String"]);
    // Without such a type, a second table is more parameters.
    let (params, _) = names(&request(
        "|Name|String|Yes|d|\n\n|Parameter|Type|Required|Description|\n|:--|:--|:--|:--|\n|Other|String|No|d|\n",
        "&Name=x",
    ));
    assert_eq!(params, ["Action:String", "Name:String", "Other:String"]);
}
