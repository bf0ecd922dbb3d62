//! What one page says about its product as a whole: API versions, hosts, product code and style.
//!
//! Only collects, with lines; `meta` weighs the claims of every page against each other. What is
//! read, by kind of page:
//!
//! - every page: API Explorer links (`api.aliyun.com/#product=Ecs&api=…&type=RPC&version=…`, made
//!   by the docs platform from the API's metadata), `Version=<date>` pairs and the host of sample
//!   requests (`https://ecs.aliyuncs.com/?Action=…`, the `?` on the same line or the next);
//! - pages that are not API reference pages (common parameters, call methods, guides) also give
//!   the `Version` / `x-acs-version` row of a common-parameters table, endpoint tables (a column
//!   headed "Endpoint") and sentences about the endpoint or service address. On API pages those
//!   would be the API's own parameters and prose, so they are not read there.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::blocks::{Block, Table};
use super::columns::Columns;
use super::inline::plain;
use crate::pattern::Pattern;

/// Everything one page claims about its product.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductClaims {
    pub versions: Vec<VersionClaim>,
    pub hosts: Vec<HostClaim>,
    /// `product=` of API Explorer links.
    pub codes: Vec<Claim>,
    /// `type=` of API Explorer links (`RPC`, `ROA`).
    pub styles: Vec<Claim>,
    /// Rows of a guide's error-code tables (`parse::common_errors`); empty for API pages.
    pub common_errors: Vec<super::common_errors::CommonErrorClaim>,
}

/// A value and the 1-based line that gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub value: String,
    pub line: usize,
}

/// An API version (`YYYY-MM-DD`) and where the page gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionClaim {
    pub value: String,
    pub line: usize,
    pub from: VersionFrom,
}

/// Where a version is written, most authoritative first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum VersionFrom {
    CommonParameters,
    ExplorerLink,
    SampleRequest,
}

/// A host (`ecs.cn-zhangjiakou.aliyuncs.com`, `elasticsearch.<RegionId>.aliyuncs.com`) and where
/// the page gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostClaim {
    /// Lower case, Markdown escapes removed, placeholders as written.
    pub host: String,
    pub line: usize,
    pub from: HostFrom,
    /// The Region ID cell of an endpoint table row, when the table has one.
    pub region: Option<String>,
}

/// Where a host is written, most authoritative first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum HostFrom {
    EndpointTable,
    Statement,
    SampleRequest,
}

impl VersionFrom {
    pub fn describe(self) -> &'static str {
        match self {
            Self::CommonParameters => "common-parameters table",
            Self::ExplorerLink => "API Explorer link",
            Self::SampleRequest => "sample request",
        }
    }
}

impl HostFrom {
    pub fn describe(self) -> &'static str {
        match self {
            Self::EndpointTable => "endpoint table",
            Self::Statement => "endpoint sentence",
            Self::SampleRequest => "sample request",
        }
    }
}

/// Reads the claims any page makes line by line (explorer links, `Version=` pairs, sample-request
/// hosts): all an API reference page claims (see the module doc).
pub fn line_claims(text: &str) -> ProductClaims {
    let mut out = ProductClaims::default();
    read_lines(text, &mut out);
    out
}

/// Adds what a page that is not an API reference page claims in its blocks (`blocks`, under the
/// `# Title` `title`) to its [`line_claims`].
pub fn add_block_claims(out: &mut ProductClaims, blocks: &[Block], title: Option<&str>) {
    read_blocks(blocks, title, out);
    out.versions.sort_by_key(|c| c.line);
    out.hosts.sort_by_key(|c| c.line);
}

struct Patterns {
    explorer: Pattern,
    version_pair: Pattern,
    sample_host: Pattern,
    date: Pattern,
    host: Pattern,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        explorer: Pattern::new(r"api\.aliyun\.com/#[^\s)\]]*"),
        version_pair: Pattern::new(r"(?:^|[\s?&])Version=(\d{4}-\d{2}-\d{2})\b"),
        sample_host: Pattern::new(r"(?i)\bhttps?(?:\(s\))?://([a-z0-9.*-]+\.aliyuncs\.com)\s*/?\s*(\?|$)"),
        date: Pattern::new(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        host: Pattern::new(r"(?i)[a-z0-9<>{}\[\]_*-][a-z0-9<>{}\[\]_.*-]*\.aliyuncs\.com\b"),
    })
}

/// The indexes of `lines` (of `text`) that hold `aliyun` or `Version=`, in order: what
/// [`read_lines`] reads, found in one pass over the page rather than a search per line.
fn lines_to_read(text: &str, lines: &[&str]) -> Vec<usize> {
    let starts: Vec<usize> = lines.iter().map(|l| l.as_ptr() as usize - text.as_ptr() as usize).collect();
    let line_of = |at: usize| starts.partition_point(|&start| start <= at) - 1;
    let mut found: Vec<usize> = ["aliyun", "Version="]
        .iter()
        .flat_map(|needle| memchr::memmem::find_iter(text.as_bytes(), needle))
        .map(line_of)
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Explorer links, `Version=` pairs and sample-request hosts, line by line.
fn read_lines(text: &str, out: &mut ProductClaims) {
    let p = patterns();
    let lines = super::lines::lines(text);
    for i in lines_to_read(text, &lines) {
        let (line, line_no) = (lines[i], i + 1);
        // Cheap substring tests first: most lines to read hold one of these.
        if line.contains("api.aliyun.com") {
            for link in p.explorer.find_iter(line) {
                read_explorer_link(link.as_str(), line_no, out);
            }
        }
        if line.contains("Version=") {
            for pair in p.version_pair.captures_iter(line).filter(|c| is_date(&c[1])) {
                let claim = VersionClaim {
                    value: pair[1].to_owned(),
                    line: line_no,
                    from: VersionFrom::SampleRequest,
                };
                out.versions.push(claim);
            }
        }
        if line.contains("aliyuncs.com") {
            for sample in p.sample_host.captures_iter(line) {
                let query_follows = !sample[2].is_empty()
                    || lines[i + 1..]
                        .iter()
                        .map(|l| l.trim())
                        .find(|l| !l.is_empty())
                        .is_some_and(|l| l.starts_with(['?', '&']));
                if query_follows {
                    let host = sample[1].to_ascii_lowercase();
                    out.hosts.push(HostClaim {
                        host,
                        line: line_no,
                        from: HostFrom::SampleRequest,
                        region: None,
                    });
                }
            }
        }
    }
}

/// `product=`, `type=` and `version=` of an API Explorer link.
fn read_explorer_link(link: &str, line: usize, out: &mut ProductClaims) {
    for pair in link.split(['&', '?', '#', '/']) {
        let Some((key, value)) = pair.split_once('=') else { continue };
        let claim = Claim { value: value.to_owned(), line };
        match key {
            "product" if !value.is_empty() => out.codes.push(claim),
            "type" if !value.is_empty() => out.styles.push(claim),
            "version" if is_date(value) => {
                out.versions.push(VersionClaim { value: claim.value, line, from: VersionFrom::ExplorerLink })
            }
            _ => {}
        }
    }
}

/// Common-parameters tables, endpoint tables and endpoint sentences of a page that is not an API page.
fn read_blocks(blocks: &[Block], title: Option<&str>, out: &mut ProductClaims) {
    let title_is_common = title.is_some_and(is_about_common_parameters);
    // Whether the nearest heading or a paragraph since is about common parameters (setext
    // headings, `Title\n===`, are paragraphs here).
    let mut common = false;
    for block in blocks {
        match block {
            Block::Heading(h) => common = is_about_common_parameters(&h.text),
            Block::Text { text, line } => {
                common |= is_about_common_parameters(text);
                read_statement(text, *line, out);
            }
            Block::Table(table) => {
                if title_is_common || common {
                    read_version_row(table, out);
                }
                read_endpoint_table(table, out);
            }
            Block::Code(_) => {}
        }
    }
}

/// True for "Common parameters", "Common request parameters", … (headings and titles).
pub fn is_about_common_parameters(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("common") && t.contains("param")
}

fn read_version_row(table: &Table, out: &mut ProductClaims) {
    let columns = Columns::from_header(&table.header);
    let name_column = columns.name.unwrap_or(0);
    for row in &table.rows {
        let name = row.cells.get(name_column).map(|c| plain(c).to_ascii_lowercase()).unwrap_or_default();
        if name != "version" && name != "x-acs-version" {
            continue;
        }
        let rest = row.cells.iter().enumerate().filter(|(i, _)| *i != name_column);
        if let Some(value) = rest.flat_map(|(_, c)| dates(&plain(c))).next() {
            out.versions.push(VersionClaim { value, line: row.line, from: VersionFrom::CommonParameters });
        }
    }
}

fn read_endpoint_table(table: &Table, out: &mut ProductClaims) {
    let header: Vec<String> = table.header.iter().map(|h| plain(h).to_ascii_lowercase()).collect();
    let Some(endpoint) = header.iter().position(|h| h.contains("endpoint")) else { return };
    let region_id = header.iter().position(|h| h.contains("region") && h.contains("id"));
    for row in &table.rows {
        let Some(cell) = row.cells.get(endpoint) else { continue };
        let region = region_id.and_then(|i| row.cells.get(i)).map(|c| plain(c).trim().to_owned());
        for host in hosts(&plain(cell)) {
            out.hosts.push(HostClaim {
                host,
                line: row.line,
                from: HostFrom::EndpointTable,
                region: region.clone().filter(|r| !r.is_empty()),
            });
        }
    }
}

fn read_statement(text: &str, line: usize, out: &mut ProductClaims) {
    let lower = text.to_ascii_lowercase();
    if !(lower.contains("endpoint") || lower.contains("service address") || lower.contains("access address"))
    {
        return;
    }
    for host in hosts(&text.replace('\\', "")) {
        out.hosts.push(HostClaim { host, line, from: HostFrom::Statement, region: None });
    }
}

/// Every `*.aliyuncs.com` host of `text`, lower case (placeholders such as `<RegionId>` kept).
fn hosts(text: &str) -> Vec<String> {
    patterns().host.find_iter(text).map(|m| m.as_str().to_ascii_lowercase()).collect()
}

fn dates(text: &str) -> Vec<String> {
    patterns().date.find_iter(text).map(|m| m.as_str().to_owned()).filter(|d| is_date(d)).collect()
}

/// `YYYY-MM-DD` with a month 01–12 and a day 01–31.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(1..=12), Some(1..=31)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::blocks;

    fn scan(page: &str, api_page: bool) -> ProductClaims {
        let b = blocks(page);
        let title = b.iter().find_map(|b| match b {
            Block::Heading(h) if h.level == 1 => Some(h.text.clone()),
            _ => None,
        });
        let mut claims = line_claims(page);
        if !api_page {
            add_block_claims(&mut claims, &b, title.as_deref());
        }
        claims
    }

    #[test]
    fn explorer_links_give_code_style_and_version() {
        let c = scan(
            "# A\n\n[Debug](https://api.aliyun.com/#product=Ecs&api=A&type=RPC&version=2014-05-26)\n",
            true,
        );
        assert_eq!(c.codes, [Claim { value: "Ecs".into(), line: 3 }]);
        assert_eq!(c.styles, [Claim { value: "RPC".into(), line: 3 }]);
        assert_eq!(
            c.versions,
            [VersionClaim { value: "2014-05-26".into(), line: 3, from: VersionFrom::ExplorerLink }]
        );
    }

    #[test]
    fn sample_requests_give_hosts_and_versions() {
        let page = "# A\n\n```\nhttps://ecs.aliyuncs.com/?Action=A\n&SignatureVersion=1.0\n&Version=2014-05-26\n```\n\n        http://vod.cn-shanghai.aliyuncs.com/\n        ? Format=json\n\nSee http://x.oss-cn-beijing.aliyuncs.com/a.png\n";
        let c = scan(page, true);
        let hosts: Vec<(&str, usize)> = c.hosts.iter().map(|h| (h.host.as_str(), h.line)).collect();
        assert_eq!(hosts, [("ecs.aliyuncs.com", 4), ("vod.cn-shanghai.aliyuncs.com", 9)]);
        assert_eq!(
            c.versions,
            [VersionClaim { value: "2014-05-26".into(), line: 6, from: VersionFrom::SampleRequest }]
        );
    }

    #[test]
    fn common_parameter_tables_give_the_version_row_only_outside_api_pages() {
        let page = "# Common parameters\n\n## Common request parameters\n\n|Parameter|Example|Description|\n|---|---|---|\n|x-acs-version|1.0|Set the value to 2017-06-13.|\n|Timestamp|2018-01-01T00:00:00Z|d|\n";
        let c = scan(page, false);
        assert_eq!(
            c.versions,
            [VersionClaim { value: "2017-06-13".into(), line: 7, from: VersionFrom::CommonParameters }]
        );
        assert!(scan(page, true).versions.is_empty());
        let other = "# Response\n\n|Parameter|Type|Example|\n|---|---|---|\n|Version|String|2015-09-01|\n";
        assert!(scan(other, false).versions.is_empty(), "not a common-parameters table");
    }

    #[test]
    fn endpoint_tables_and_sentences_give_hosts() {
        let page = "# Request syntax\n\nThe endpoint is elasticsearch.<RegionId\\>.aliyuncs.com.\n\n|Region|Region ID|Endpoint|\n|---|---|---|\n|China \\(Hangzhou\\)|cn-hangzhou|ecs-vpc.cn-hangzhou.aliyuncs.com|\n|Default|-|`ecs.aliyuncs.com`|\n";
        let c = scan(page, false);
        let hosts: Vec<(&str, HostFrom, Option<&str>)> =
            c.hosts.iter().map(|h| (h.host.as_str(), h.from, h.region.as_deref())).collect();
        assert_eq!(
            hosts,
            [
                ("elasticsearch.<regionid>.aliyuncs.com", HostFrom::Statement, None),
                ("ecs-vpc.cn-hangzhou.aliyuncs.com", HostFrom::EndpointTable, Some("cn-hangzhou")),
                ("ecs.aliyuncs.com", HostFrom::EndpointTable, None),
            ]
        );
        assert!(scan(page, true).hosts.is_empty());
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2018-05-10"));
        assert!(!is_date("2018-13-10"));
        assert!(!is_date("2017011017"));
        assert!(!is_date("2018-5-10"));
    }
}
