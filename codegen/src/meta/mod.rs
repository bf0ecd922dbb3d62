//! Product metadata (code, API version, endpoints, style) read from the docs, with `product.toml`
//! overriding single keys, each with a reason; every value records its source.
//!
//! The claims come from `parse::product_claims` over every page of the product folder and every
//! guide in its `guides/` folder; `version` and `endpoints` hold the rules that choose among them.
//! Without a source the code and name fall back to the folder name (a note); a product with no
//! API version or no host anywhere is an error, as its crate could not send a request.

pub mod common_errors;
pub mod endpoints;
pub mod overrides;
pub mod pick;
pub mod version;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use endpoints::HostEvidence;
use pick::{pick, At, Evidence, Within};

use crate::diag::Diagnostic;
use crate::ir::{ApiStyle, MetaSource, ProductMeta};
use crate::parallel;
use crate::parse::{self, product_claims::ProductClaims};
use crate::spec::{ProductDir, PRODUCT_META_FILE};

/// The claims of one page or guide, with its path.
#[derive(Debug, Clone)]
pub struct PageClaims {
    pub path: PathBuf,
    pub claims: ProductClaims,
}

/// Reads the claims of a product's guides (`<product>/guides/*.md`) on all cores; an unreadable
/// guide is an error diagnostic.
pub fn guide_claims(dir: &ProductDir, diagnostics: &mut Vec<Diagnostic>) -> Vec<PageClaims> {
    claims_of_guides(parallel::map(&dir.guides, |path| read_guide(path)), diagnostics)
}

/// What one guide page says about its product (none when it cannot be read), and its diagnostics.
pub type GuideReading = (Option<PageClaims>, Vec<Diagnostic>);

/// Reads one guide page of a product folder.
pub fn read_guide(path: &Path) -> GuideReading {
    match std::fs::read(path) {
        Ok(bytes) => {
            let parsed = parse::scan_guide(&path.display().to_string(), &bytes);
            (Some(PageClaims { path: path.to_owned(), claims: parsed.claims }), parsed.diagnostics)
        }
        Err(e) => {
            (None, vec![Diagnostic::error(&path.display().to_string(), 0, format!("cannot read: {e}"))])
        }
    }
}

/// The claims of guides read, their diagnostics put in `diagnostics`, in order.
pub fn claims_of_guides(read: Vec<GuideReading>, diagnostics: &mut Vec<Diagnostic>) -> Vec<PageClaims> {
    read.into_iter()
        .filter_map(|(claims, diags)| {
            diagnostics.extend(diags);
            claims
        })
        .collect()
}

/// Reads every page and guide of `dir` and builds its metadata (what `gen` does from the claims
/// it collects while parsing), for tools and tests.
pub fn read_product_meta(
    spec_dir: &Path,
    dir: &ProductDir,
    diagnostics: &mut Vec<Diagnostic>,
) -> ProductMeta {
    let read = parallel::map(&dir.pages, |path| {
        let shown = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => {
                Ok(PageClaims { path: path.clone(), claims: parse::parse_page(&shown, &bytes).claims })
            }
            Err(e) => Err(Diagnostic::error(&shown, 0, format!("cannot read: {e}"))),
        }
    });
    let mut pages = Vec::with_capacity(read.len());
    for page in read {
        match page {
            Ok(page) => pages.push(page),
            Err(error) => diagnostics.push(error),
        }
    }
    pages.extend(guide_claims(dir, diagnostics));
    product_meta(spec_dir, dir, &pages, diagnostics)
}

/// The product's metadata from the claims of its pages and guides (in that order), then its
/// `product.toml`; reports contradictions, overrides that are not needed, and what is missing.
pub fn product_meta(
    spec_dir: &Path,
    dir: &ProductDir,
    pages: &[PageClaims],
    diagnostics: &mut Vec<Diagnostic>,
) -> ProductMeta {
    let at = |path: &Path, line: usize| At {
        shown: path.display().to_string(),
        rel: path.strip_prefix(spec_dir).unwrap_or(path).to_string_lossy().replace('\\', "/"),
        line,
    };
    let mut versions = Vec::new();
    let mut hosts = Vec::new();
    let mut codes = Vec::new();
    let mut styles = Vec::new();
    for page in pages {
        let c = &page.claims;
        versions.extend(c.versions.iter().map(|v| Evidence {
            value: v.value.clone(),
            tier: v.from,
            at: at(&page.path, v.line),
        }));
        hosts.extend(c.hosts.iter().map(|h| HostEvidence {
            claim: Evidence { value: h.host.clone(), tier: h.from, at: at(&page.path, h.line) },
            region: h.region.clone(),
        }));
        codes.extend(c.codes.iter().map(|v| Evidence {
            value: v.value.clone(),
            tier: 0u8,
            at: at(&page.path, v.line),
        }));
        styles.extend(c.styles.iter().map(|v| Evidence {
            value: v.value.clone(),
            tier: 0u8,
            at: at(&page.path, v.line),
        }));
    }

    let toml_path = dir.dir.join(PRODUCT_META_FILE);
    let toml_shown = toml_path.display().to_string();
    let mut sources = BTreeMap::new();
    let version = version::choose(&versions, diagnostics).map(|v| {
        sources.insert("version".to_owned(), v.at.source());
        v.value.clone()
    });
    let code = most_written("product code", &codes, diagnostics).map(|v| {
        sources.insert("code".to_owned(), v.at.source());
        v.value.clone()
    });
    let style = read_style(&styles, &toml_shown, &mut sources, diagnostics);
    let endpoints = endpoints::assemble(&hosts, &mut sources, diagnostics);
    let mut meta = ProductMeta {
        code: code.unwrap_or_default(),
        name: String::new(),
        version: version.unwrap_or_default(),
        endpoint: String::new(),
        endpoints,
        style,
        common_errors: common_errors::common_errors(spec_dir, pages),
        sources,
    };
    apply_product_toml(&toml_path, &mut meta, diagnostics);
    fill_gaps(dir, &toml_shown, &mut meta, diagnostics);
    meta.endpoint = meta
        .endpoints
        .central
        .clone()
        .or_else(|| meta.endpoints.regional.values().next().cloned())
        .unwrap_or_default();
    meta
}

/// The value written most often (a tie: the first), warning about every other.
fn most_written<'a>(
    what: &str,
    claims: &'a [Evidence<u8>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'a Evidence<u8>> {
    let picked = pick(claims, Within::MostFrequent)?;
    for (other, count) in picked.others {
        diagnostics.push(Diagnostic::warning(
            &other.at.shown,
            other.at.line,
            format!(
                "{what} `{}` ({count} mention{}) contradicts `{}`, the one written most often (first at {})",
                other.value,
                if count == 1 { "" } else { "s" },
                picked.chosen.value,
                picked.chosen.at.display()
            ),
        ));
    }
    Some(picked.chosen)
}

/// `type=RPC` or `type=ROA` of the API Explorer links. Each operation's own style is read from its
/// page (`parse::style`); this is the product's as its docs state it.
fn read_style(
    styles: &[Evidence<u8>],
    toml_shown: &str,
    sources: &mut BTreeMap<String, MetaSource>,
    diagnostics: &mut Vec<Diagnostic>,
) -> ApiStyle {
    match most_written("API style", styles, diagnostics) {
        Some(s) if s.value.eq_ignore_ascii_case("rpc") => {
            sources.insert("style".into(), s.at.source());
        }
        Some(s) if s.value.eq_ignore_ascii_case("roa") => {
            sources.insert("style".into(), s.at.source());
            return ApiStyle::Roa;
        }
        Some(s) => {
            diagnostics.push(Diagnostic::warning(
                &s.at.shown,
                s.at.line,
                format!("the docs describe a `{}` API, neither RPC nor ROA; RPC assumed", s.value),
            ));
            sources.insert(
                "style".into(),
                MetaSource::Assumed {
                    reason: format!(
                        "the docs say `{}` ({}), neither RPC nor ROA; RPC assumed",
                        s.value, s.at.rel
                    ),
                },
            );
        }
        None => {
            diagnostics.push(Diagnostic::note(
                toml_shown,
                0,
                "the docs do not say the API style; RPC assumed",
            ));
            sources.insert(
                "style".into(),
                MetaSource::Assumed {
                    reason: "the docs do not say; each operation's page tells its own style".into(),
                },
            );
        }
    }
    ApiStyle::Rpc
}

/// Applies `product.toml` when there is one; an invalid file is an error and changes nothing.
fn apply_product_toml(path: &Path, meta: &mut ProductMeta, diagnostics: &mut Vec<Diagnostic>) {
    let shown = path.display().to_string();
    let Ok(text) = std::fs::read_to_string(path) else { return };
    let file = match overrides::parse(&text) {
        Ok(file) => file,
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                &shown,
                e.line,
                format!("invalid {PRODUCT_META_FILE}: {}", e.message),
            ));
            return;
        }
    };
    let mut out = Overriding { text: &text, shown: &shown, sources: &mut meta.sources, diagnostics };
    out.string("code", &mut meta.code, file.code);
    out.string("name", &mut meta.name, file.name);
    out.string("version", &mut meta.version, file.version);
    if let Some(style) = file.style {
        let line = overrides::line_of(&text, style.value.span().start);
        out.set(
            "style",
            line,
            meta.style == *style.value.get_ref(),
            &format!("{:?}", style.value.get_ref()),
            style.reason.into_inner(),
        );
        meta.style = style.value.into_inner();
    }
    if let Some(e) = file.endpoints {
        let line = overrides::line_of(&text, e.reason.span().start);
        let reason = e.reason.into_inner();
        if let Some(central) = e.central {
            let same = meta.endpoints.central.as_deref() == Some(central.as_str());
            out.set("endpoints.central", line, same, &central, reason.clone());
            meta.endpoints.central = Some(central);
        }
        for (slot, given, map) in
            [("regional", e.regional, &mut meta.endpoints.regional), ("vpc", e.vpc, &mut meta.endpoints.vpc)]
        {
            for (region, host) in given {
                let same = map.get(&region) == Some(&host);
                out.set(&format!("endpoints.{slot}.{region}"), line, same, &host, reason.clone());
                map.insert(region, host);
            }
        }
        if let Some(patterns) = e.patterns {
            out.sources.retain(|k, _| !k.starts_with("endpoints.patterns."));
            for i in 0..patterns.len() {
                out.sources.insert(
                    format!("endpoints.patterns.{i}"),
                    MetaSource::Override { reason: reason.clone() },
                );
            }
            meta.endpoints.patterns = patterns;
        }
    }
}

/// Records overrides of `product.toml` and notes the ones that repeat the docs.
struct Overriding<'a> {
    text: &'a str,
    shown: &'a str,
    sources: &'a mut BTreeMap<String, MetaSource>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Overriding<'_> {
    fn string(&mut self, key: &str, field: &mut String, keyed: Option<overrides::Keyed<String>>) {
        let Some(keyed) = keyed else { return };
        let line = overrides::line_of(self.text, keyed.value.span().start);
        let value = keyed.value.into_inner();
        self.set(key, line, *field == value, &value, keyed.reason.into_inner());
        *field = value;
    }

    fn set(&mut self, key: &str, line: usize, same_as_docs: bool, value: &str, reason: String) {
        if same_as_docs {
            if let Some(MetaSource::Docs { file, line: at }) = self.sources.get(key) {
                self.diagnostics.push(Diagnostic::note(
                    self.shown,
                    line,
                    format!(
                        "`{key}` = `{value}` is what the docs say ({file}:{at}); the override is not needed"
                    ),
                ));
            }
        }
        self.sources.insert(key.to_owned(), MetaSource::Override { reason });
    }
}

/// What neither the docs nor `product.toml` give: the code and name fall back to the folder name
/// (a note); a missing version or host is an error.
fn fill_gaps(dir: &ProductDir, toml_shown: &str, meta: &mut ProductMeta, diagnostics: &mut Vec<Diagnostic>) {
    if meta.code.is_empty() {
        meta.code = crate::case::upper_camel(dir.name.as_str());
        let reason = format!("no API Explorer link names the product and {PRODUCT_META_FILE} has no [code]: taken from the folder name");
        diagnostics.push(Diagnostic::note(toml_shown, 0, format!("product code `{}`: {reason}", meta.code)));
        meta.sources.insert("code".into(), MetaSource::Assumed { reason });
    }
    if meta.name.is_empty() {
        meta.name = dir.name.clone();
        let reason = format!("the docs are not read for the product's name and {PRODUCT_META_FILE} has no [name]: the folder name");
        diagnostics.push(Diagnostic::note(toml_shown, 0, format!("product name `{}`: {reason}", meta.name)));
        meta.sources.insert("name".into(), MetaSource::Assumed { reason });
    }
    if meta.version.is_empty() {
        diagnostics.push(Diagnostic::error(
            toml_shown,
            0,
            format!("no API version: no common-parameters table, API Explorer link or sample request gives one, and there is no [version] in {PRODUCT_META_FILE}"),
        ));
    }
    let e = &meta.endpoints;
    if e.central.is_none() && e.regional.is_empty() && e.vpc.is_empty() && e.patterns.is_empty() {
        diagnostics.push(Diagnostic::error(
            toml_shown,
            0,
            format!("no endpoint: no endpoint table, endpoint sentence or sample request gives a host, and there is no [endpoints] in {PRODUCT_META_FILE}"),
        ));
    } else if e.central.is_none() && e.regional.is_empty() {
        diagnostics.push(Diagnostic::warning(
            toml_shown,
            0,
            "the docs give no public host (only VPC hosts or patterns): the crate has no default endpoint",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;
    use crate::spec::product_dirs;
    use crate::write::fresh_temp_dir;

    const PAGE: &str = "# DescribeThings\n\n[Debug](https://api.aliyun.com/#product=Things&api=DescribeThings&type=RPC&version=2020-01-01)\n\n## Request parameters\n\n|Name|Type|Required|Example|Description|\n|---|---|---|---|---|\n|Action|String|Yes|DescribeThings|Set the value to DescribeThings.|\n\n## Examples\n\n```\nhttps://things.aliyuncs.com/?Action=DescribeThings\n&<Common request parameters>\n```\n";

    fn product(name: &str, files: &[(&str, &str)]) -> (PathBuf, ProductDir) {
        let spec = fresh_temp_dir(name);
        let dir = spec.join("things");
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let product = product_dirs(&spec).unwrap().remove(0);
        (spec, product)
    }

    fn messages(diags: &[Diagnostic], severity: Severity) -> Vec<String> {
        diags.iter().filter(|d| d.severity == severity).map(ToString::to_string).collect()
    }

    #[test]
    fn without_product_toml_the_docs_give_everything_a_crate_needs() {
        let (spec, dir) = product("meta-docs", &[("DescribeThings.md", PAGE)]);
        let mut diags = Vec::new();
        let meta = read_product_meta(&spec, &dir, &mut diags);
        assert!(messages(&diags, Severity::Error).is_empty(), "{diags:#?}");
        assert_eq!((meta.code.as_str(), meta.version.as_str()), ("Things", "2020-01-01"));
        assert_eq!((meta.endpoint.as_str(), meta.style), ("things.aliyuncs.com", ApiStyle::Rpc));
        let page = MetaSource::Docs { file: "things/DescribeThings.md".into(), line: 3 };
        assert_eq!(meta.sources["version"], page);
        assert_eq!(meta.sources["code"], page);
        assert_eq!(
            meta.sources["endpoints.central"],
            MetaSource::Docs { file: "things/DescribeThings.md".into(), line: 14 }
        );
        assert!(matches!(meta.sources["name"], MetaSource::Assumed { .. }));
        assert_eq!(meta.name, "things");
    }

    #[test]
    fn guides_give_version_and_endpoint_tables() {
        let guide = "# Common parameters\n\n## Common request parameters\n\n|Name|Type|Required|Description|\n|---|---|---|---|\n|Version|String|Yes|Value: 2021-02-02.|\n\n## Endpoints\n\n|Region|Region ID|Endpoint|\n|---|---|---|\n|Default|-|things.aliyuncs.com|\n|China \\(Beijing\\)|cn-beijing|things.cn-beijing.aliyuncs.com|\n|China \\(Beijing\\)|cn-beijing|things-vpc.cn-beijing.aliyuncs.com|\n";
        let (spec, dir) = product("meta-guides", &[("DescribeThings.md", PAGE), ("guides/Common.md", guide)]);
        let mut diags = Vec::new();
        let meta = read_product_meta(&spec, &dir, &mut diags);
        assert_eq!(meta.version, "2021-02-02", "the table beats the explorer link");
        assert_eq!(
            meta.sources["version"],
            MetaSource::Docs { file: "things/guides/Common.md".into(), line: 7 }
        );
        assert_eq!(meta.endpoints.regional["cn-beijing"], "things.cn-beijing.aliyuncs.com");
        assert_eq!(meta.endpoints.vpc["cn-beijing"], "things-vpc.cn-beijing.aliyuncs.com");
        assert_eq!(
            meta.sources["endpoints.central"],
            MetaSource::Docs { file: "things/guides/Common.md".into(), line: 13 }
        );
        let warnings = messages(&diags, Severity::Warning);
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        assert!(warnings[0].contains("DescribeThings.md:3: warning: API version `2020-01-01` (API Explorer link) contradicts `2021-02-02`"), "{}", warnings[0]);
    }

    #[test]
    fn product_toml_overrides_keys_with_their_reason_and_notes_needless_ones() {
        let toml = "[version]\nvalue = \"2020-01-01\"\nreason = \"as the docs\"\n\n[code]\nvalue = \"Thing\"\nreason = \"the service says Thing\"\n\n[endpoints]\nreason = \"a region the docs miss\"\nregional = { cn-beijing = \"things.cn-beijing.aliyuncs.com\" }\n";
        let (spec, dir) = product("meta-toml", &[("DescribeThings.md", PAGE), ("product.toml", toml)]);
        let mut diags = Vec::new();
        let meta = read_product_meta(&spec, &dir, &mut diags);
        assert_eq!(meta.code, "Thing");
        assert_eq!(meta.sources["code"], MetaSource::Override { reason: "the service says Thing".into() });
        assert_eq!(meta.endpoints.regional["cn-beijing"], "things.cn-beijing.aliyuncs.com");
        assert_eq!(meta.endpoint, "things.aliyuncs.com", "the central host stays the default");
        let notes = messages(&diags, Severity::Note);
        assert!(notes.iter().any(|n| n.contains("product.toml:2: note: `version` = `2020-01-01` is what the docs say (things/DescribeThings.md:3)")), "{notes:#?}");
    }

    #[test]
    fn a_bad_product_toml_is_an_error_with_its_line_and_changes_nothing() {
        let toml = "[version]\nvalue = \"2019-01-01\"\nreason = \"r\"\nextra = 1\n";
        let (spec, dir) = product("meta-bad", &[("DescribeThings.md", PAGE), ("product.toml", toml)]);
        let mut diags = Vec::new();
        let meta = read_product_meta(&spec, &dir, &mut diags);
        let errors = messages(&diags, Severity::Error);
        assert_eq!(errors.len(), 1, "{diags:#?}");
        assert!(
            errors[0].contains("product.toml:4: error: invalid product.toml: unknown field `extra`"),
            "{}",
            errors[0]
        );
        assert_eq!(meta.version, "2020-01-01");
    }

    #[test]
    fn no_version_and_no_host_anywhere_are_errors() {
        let (spec, dir) = product("meta-none", &[("A.md", "# A\n\nNothing here.\n")]);
        let mut diags = Vec::new();
        let meta = read_product_meta(&spec, &dir, &mut diags);
        let errors = messages(&diags, Severity::Error);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(errors[0].contains("no API version"));
        assert!(errors[1].contains("no endpoint"));
        assert_eq!(meta.code, "Things", "the folder name, with a note");
    }

    #[test]
    fn the_repo_spec_dir_reads() {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let dir = product_dirs(&spec).unwrap().remove(0);
        let mut diags = Vec::new();
        let meta = read_product_meta(&spec, &dir, &mut diags);
        assert!(messages(&diags, Severity::Error).is_empty(), "{diags:#?}");
        assert_eq!((meta.code.as_str(), meta.version.as_str()), ("Ecs", "2014-05-26"));
        assert_eq!(meta.endpoints.central.as_deref(), Some("ecs.aliyuncs.com"));
        assert_eq!(
            meta.sources["version"],
            MetaSource::Docs { file: "ecs/guides/Call-methods--Common-parameters.md".into(), line: 18 }
        );
        assert_eq!(meta.endpoints.vpc["cn-hangzhou"], "ecs-vpc.cn-hangzhou.aliyuncs.com");
        assert!(matches!(meta.sources["name"], MetaSource::Override { .. }));
        assert!(messages(&diags, Severity::Note).iter().all(|n| !n.contains("not needed")), "{diags:#?}");
    }
}
