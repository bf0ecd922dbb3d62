//! Property tests: the row pre-pass and `parse_page` never panic and keep their invariants, on
//! Markdown-like token soup and on arbitrary bytes. Bounded to run in a few seconds.

use codegen::parse::rows::{ends_row, read_row, split_cells, starts_row};
use codegen::parse::{parse_page, ParsedPage};
use proptest::prelude::*;

/// Pieces the docs are made of, so random pages hit tables, fences, headings and escapes.
const TOKENS: &[&str] = &[
    "|",
    " |",
    "\n",
    "\n\n",
    " ",
    "\\",
    "\\|",
    "`",
    "```",
    "~~~",
    "# Op\n",
    "## Request parameters\n",
    "## Response parameters {#r .section}\n",
    "## Examples\n",
    "## Error codes\n",
    "|Name|Type|Required|Example|Description|\n",
    "|---|---|---|---|---|\n",
    "|HTTP status code|Error code|Error message|Description|\n",
    "|Parameter|Type|Example|Description|\n",
    "Yes",
    "No",
    "\\\\No",
    "String",
    "Integer",
    "Array of Item",
    "Item| | | |",
    "Struct",
    "└",
    "DataDisk.N.Size",
    "Tag.1.Key",
    "**Note:**",
    "-   item",
    "400",
    "{\"A\":{\"B\":[1]}}",
    "https://x/?Action=Op&A=1",
    "[X](#X)",
    "**X**",
    "\u{a0}",
    "é",
    "类型",
    "IpListType",
    "OrderType",
    "{",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..120).prop_map(|t| t.concat())
}

fn check_page(page: &ParsedPage) {
    assert!(page.diagnostics.iter().all(|d| d.file == "p.md"));
    if let Some(api) = &page.api {
        assert!(api.request.iter().all(|p| !p.wire_name.is_empty() && !p.path.is_empty()));
        assert_eq!(api.source, "p.md");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn row_pre_pass_consumes_and_closes_consistently(text in soup()) {
        let lines: Vec<&str> = text.split('\n').collect();
        let mut i = 0;
        while i < lines.len() {
            if starts_row(lines[i]) {
                let (row, next) = read_row(&lines, i);
                prop_assert!(next > i);
                prop_assert_eq!(row.line, i + 1);
                if row.closed {
                    prop_assert!(ends_row(lines[next - 1]));
                }
                let _ = split_cells(&row.text);
                i = next;
            } else {
                i += 1;
            }
        }
    }

    #[test]
    fn parse_page_never_panics_on_markdown_soup(text in soup()) {
        check_page(&parse_page("p.md", text.as_bytes()));
    }

    #[test]
    fn parse_page_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_page(&parse_page("p.md", &bytes));
    }
}

#[test]
fn ten_megabyte_page_parses() {
    // Each row its own name: a repeated name is one parameter.
    let row =
        |n: usize| format!("|Param{n}|String|No|x|Some text with `a|b` and \\| escapes\n\n -   item\n\n |\n");
    let mut page = String::from(
        "# Big\n\n[Debug](https://api.aliyun.com/#product=Ecs&api=Big&type=RPC&version=2014-05-26)\n\n## Request parameters\n\n|Name|Type|Required|Example|Description|\n|---|---|---|---|---|\n",
    );
    let mut n = 0;
    while page.len() < 10 << 20 {
        page.push_str(&row(n));
        n += 1;
    }
    page.push_str("|Unclosed|String|Yes|x|runs to the end");
    let parsed = parse_page("p.md", page.as_bytes());
    check_page(&parsed);
    let api = parsed.api.expect("api");
    assert!(api.request.len() > 100_000);
    assert!(parsed.diagnostics.iter().any(|d| d.message.contains("not closed")));
}
