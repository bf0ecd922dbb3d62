//! Synthetic pages of `n` rows or characters, one per shape of input that has grown with the square
//! of its size somewhere: for the scaling checks (`codegen/tests/scaling.rs`, `cargo xtask bench --scaling`).
//!
//! Each shape is built so that doubling `n` doubles the page: a stage whose work more than doubles
//! (by more than the checks' 2.5) does work that grows faster than its input.

use std::fmt::Write;

/// One shape of page.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub name: &'static str,
    /// The page with `n` rows or units, and an edited version of it (for `diff`).
    pub page: fn(usize, bool) -> String,
}

/// Every shape, in the order the checks report them.
pub const SHAPES: &[Shape] = &[
    Shape { name: "request rows", page: request_rows },
    Shape { name: "response rows + JSON example", page: response_rows },
    Shape { name: "response rows, table order only", page: response_table_order },
    Shape { name: "response sub-tables (2018 layout)", page: sub_tables },
    Shape { name: "error rows", page: error_rows },
    Shape { name: "one long description", page: long_description },
    Shape { name: "hidden characters", page: hidden_characters },
    Shape { name: "ROA body tree + JSON example", page: roa_body },
];

const HEAD: &str = "# Scale\n\nA page for scaling checks.\n\n## Request parameters\n\n|Name|Type|Required|Example|Description|\n|---|---|---|---|---|\n|Action|String|Yes|Scale|The operation. Set the value to Scale.|\n";

const TAIL: &str = "\n## Examples\n\nSample requests\n\n```\nhttps://scale.aliyuncs.com/?Action=Scale&RegionId=cn-hangzhou\n&<Common request parameters>\n```\n";

/// The `product.toml` the pages need (they state no version or endpoint).
pub const PRODUCT_TOML: &str = "[version]\nvalue = \"2020-01-01\"\nreason = \"scaling check\"\n\n[code]\nvalue = \"Scale\"\nreason = \"scaling check\"\n\n[endpoints]\nreason = \"scaling check\"\ncentral = \"scale.aliyuncs.com\"\n";

/// `n` parameters in groups (`Group7.N.Key`), each with rule sentences; the edit renames every
/// third parameter, retypes every fifth and rewords every seventh.
fn request_rows(n: usize, edited: bool) -> String {
    let mut page = String::from(HEAD);
    for i in 0..n {
        let name = if edited && i % 3 == 0 { format!("Renamed{i}") } else { format!("Param{i}") };
        let name = if i % 4 == 0 { format!("Group{}.N.{name}", i / 40) } else { name };
        let ty = if edited && i % 5 == 0 { "Integer" } else { "String" };
        let words = if edited && i % 7 == 0 { "The reworded parameter" } else { "The parameter" };
        let _ = writeln!(
            page,
            "|{name}|{ty}|No|v{i}|{words} number {i}. It can be 2 to 128 characters in length. Valid values: a{i}, b{i}. You cannot specify both Param{i} and Param{}.|",
            i + 1
        );
    }
    page + TAIL
}

/// A ROA page: a path of `n / 10` parameters, and `n` body rows, ten `└` members to a group
/// (every fifth group a list), with a JSON body example that shows every one; the edit renames
/// every third member and moves the path.
fn roa_body(n: usize, edited: bool) -> String {
    let groups = n.div_ceil(10);
    let mut path = String::from(if edited { "/v2/things" } else { "/things" });
    let mut page = String::from(
        "# ScaleRoa

A ROA page for scaling checks.

## Request syntax

```
",
    );
    let mut params = String::new();
    for g in 0..groups {
        let _ = write!(path, "/[Id{g}]");
        let _ = writeln!(params, "|Id{g}|String|Path|Yes|i{g}|The ID {g}.|");
    }
    let _ = write!(
        page,
        "POST {path} HTTP/1.1
```

## Request parameters

|Name|Type|Position|Required|Example|Description|
|---|---|---|---|---|---|
{params}
## RequestBody

|Name|Type|Required|Example|Description|
|---|---|---|---|---|
"
    );
    let mut json = String::from("{");
    for g in 0..groups {
        let list = g % 5 == 0;
        let _ = writeln!(page, "|group{g}|{}|No| |The group {g}.|", if list { "Array" } else { "Struct" });
        let _ =
            write!(json, "{}\"group{g}\":{}{{", if g == 0 { "" } else { "," }, if list { "[" } else { "" });
        for i in g * 10..((g + 1) * 10).min(n) {
            let name = if edited && i % 3 == 0 { format!("renamed{i}") } else { format!("member{i}") };
            let _ = writeln!(
                page,
                "|└{name}|String|Yes|v{i}|The member {i}. It can be 2 to 128 characters in length.|"
            );
            let _ = write!(json, "{}\"{name}\":\"v{i}\"", if i % 10 == 0 { "" } else { "," });
        }
        json.push_str(if list { "}]" } else { "}" });
    }
    json.push('}');
    let _ = write!(page, "\nExample:\n\n```\n{json}\n```\n\n## Response parameters\n\n|Name|Type|Example|Description|\n|---|---|---|---|\n|RequestId|String|r|The request ID.|\n");
    page
}

/// `n` response fields, ten to a struct, with a JSON example that shows every one.
fn response_rows(n: usize, edited: bool) -> String {
    let mut page = String::from(HEAD);
    page.push_str("|RegionId|String|Yes|cn|The region.|\n\n## Response parameters\n\n|Name|Type|Example|Description|\n|---|---|---|---|\n");
    let mut json = String::from("{\"RequestId\":\"r\"");
    for group in 0..n.div_ceil(10) {
        let _ = writeln!(page, "|Group{group}|Struct| |The group {group}.|");
        let _ = write!(json, ",\"Group{group}\":{{");
        for i in group * 10..((group + 1) * 10).min(n) {
            let name = if edited && i % 3 == 0 { format!("Renamed{i}") } else { format!("Field{i}") };
            let _ = writeln!(page, "|{name}|String|v{i}|The field {i}.|");
            let _ = write!(json, "{}\"{name}\":\"v{i}\"", if i % 10 == 0 { "" } else { "," });
        }
        json.push('}');
    }
    json.push('}');
    page.push_str(TAIL);
    let _ = write!(page, "\nSuccessful response examples\n\n`JSON` format\n\n```\n{json}\n```\n");
    page
}

/// `n` response fields under one list, placed by table order alone (no example).
fn response_table_order(n: usize, edited: bool) -> String {
    let mut page = String::from(HEAD);
    page.push_str("|RegionId|String|Yes|cn|The region.|\n\n## Response parameters\n\n|Name|Type|Example|Description|\n|---|---|---|---|\n|Items|Array of Item| |The items.|\n|Item| | | |\n");
    for i in 0..n {
        let ty = if edited && i % 5 == 0 { "Integer" } else { "String" };
        let _ = writeln!(page, "|Field{i:07}|{ty}|v|The field {i}.|");
    }
    page + TAIL
}

/// `n / 5` 2018-style sub-tables of five rows, each the type of a field of the first table: in
/// turn under a bold label, under a paragraph of the type's name, and unlabeled after a field
/// whose type links to a table id.
fn sub_tables(n: usize, edited: bool) -> String {
    let mut page = String::from(HEAD);
    page.push_str("|RegionId|String|Yes|cn|The region.|\n\n## Response parameters\n\n|Name|Type|Description|\n|---|---|---|\n");
    let tables = n.div_ceil(5);
    for t in 0..tables {
        let target = if t % 3 == 2 { format!("table_{t}") } else { format!("Type{t}") };
        let _ = writeln!(page, "|Field{t}|[Type{t}](#{target})|The field {t}.|");
    }
    for t in 0..tables {
        let label = match t % 3 {
            0 => format!("**Type{t}**\n\n"),
            1 => format!("Type{t}\n\n"),
            _ => String::new(),
        };
        let _ = write!(page, "\n{label}|Name|Type|Description|\n|---|---|---|\n");
        for i in 0..5 {
            let ty = if edited && (t + i) % 5 == 0 { "Integer" } else { "String" };
            let _ = writeln!(page, "|Member{i}|{ty}|The member {i} of {t}.|");
        }
    }
    page + TAIL
}

/// `n` error rows, some codes repeated with another status.
fn error_rows(n: usize, edited: bool) -> String {
    let mut page = String::from(HEAD);
    page.push_str("|RegionId|String|Yes|cn|The region.|\n");
    page.push_str(TAIL);
    page.push_str(
        "\n## Error codes\n\n|HTTP status code|Error code|Error message|Description|\n|---|---|---|---|\n",
    );
    for i in 0..n {
        let status = if edited && i % 3 == 0 { 403 } else { 400 };
        let code = if i % 10 == 9 { format!("Invalid.Code{}", i - 1) } else { format!("Invalid.Code{i}") };
        let _ = writeln!(page, "|{status}|{code}|The code {i} is invalid.|The error {i}.|");
    }
    page
}

/// One parameter whose description is `n` units of links, brackets, backticks, abbreviations and
/// rule words.
fn long_description(n: usize, edited: bool) -> String {
    let mut page = String::from(HEAD);
    page.push_str("|Description|String|No|x|");
    for i in 0..n {
        let unit = match i % 7 {
            0 => "[a link](~~25609~~) ",
            1 => "`code` ",
            2 => "[unclosed ",
            3 => "(paren ",
            4 => "Valid values: a, b. ",
            // An abbreviation's period ends no sentence: one sentence grows with the page.
            5 => "e.g. Such ",
            _ if edited => "changed words ",
            _ => "plain words ",
        };
        page.push_str(unit);
    }
    page.push_str("|\n");
    page + TAIL
}

/// `n` rows each holding bidi controls and carriage returns.
fn hidden_characters(n: usize, edited: bool) -> String {
    let mut page = String::from(HEAD);
    for i in 0..n {
        let extra = if edited && i % 3 == 0 { " again" } else { "" };
        let _ = writeln!(
            page,
            "|Param{i}|String|No|x\u{202E}y|Text \u{202E}reversed\r and \u{2066}isolated{extra}.|"
        );
    }
    page + TAIL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubling_n_doubles_each_page_and_the_pages_parse() {
        for shape in SHAPES {
            let (one, two) = ((shape.page)(400, false).len(), (shape.page)(800, false).len());
            let ratio = two as f64 / one as f64;
            assert!((1.7..=2.05).contains(&ratio), "{}: {ratio}", shape.name);
            let parsed = crate::parse::parse_page("p.md", (shape.page)(40, true).as_bytes());
            assert!(parsed.api.is_some(), "{}: {:?}", shape.name, parsed.diagnostics);
        }
    }

    #[test]
    fn every_sub_table_is_read_as_its_fields_type() {
        let parsed = crate::parse::parse_page("p.md", sub_tables(60, false).as_bytes());
        let api = parsed.api.expect("an API");
        assert_eq!(api.response.len(), 12);
        for field in &api.response {
            let crate::ir::FieldShape::Struct { fields } = &field.shape else { panic!("{field:?}") };
            assert_eq!(fields.len(), 5, "{}", field.name);
        }
        let unread = parsed.diagnostics.iter().filter(|d| d.message.contains("table")).count();
        assert_eq!(unread, 0, "{:?}", parsed.diagnostics);
    }

    #[test]
    fn the_roa_page_is_read_as_roa_with_its_path_and_body() {
        let parsed = crate::parse::parse_page("p.md", roa_body(40, false).as_bytes());
        assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
        let api = parsed.api.expect("an API");
        let crate::ir::Wire::Roa(roa) = &api.wire else { panic!("ROA expected") };
        assert_eq!(roa.path_params.len(), 4);
        let body = api.request.iter().filter(|p| p.position == crate::ir::Position::Body).count();
        assert_eq!(body, 40);
        assert!(api.request.iter().any(|p| p.wire_name == "group0.N.member0"));
        assert!(api.request.iter().any(|p| p.wire_name == "group1.member10"));
    }
}
