//! `spec/<product>/product.toml`: keys that override what the docs say, each with its reason.
//!
//! ```toml
//! [version]
//! value = "2014-05-26"
//! reason = "the seed page states no version; the common-parameters guide says 2014-05-26"
//!
//! [endpoints]                      # each key given replaces the docs' (map entries are merged)
//! reason = "…"
//! central = "ecs.aliyuncs.com"
//! regional = { cn-hangzhou = "ecs.cn-hangzhou.aliyuncs.com" }
//! vpc = { cn-hangzhou = "ecs-vpc.cn-hangzhou.aliyuncs.com" }
//! patterns = ["ecs.{region}.aliyuncs.com"]
//! ```
//!
//! Also `[code]`, `[name]` and `[style]` (`value = "rpc"`). Unknown keys and empty reasons are errors.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::ir::ApiStyle;

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductToml {
    pub code: Option<Keyed<String>>,
    pub name: Option<Keyed<String>>,
    pub version: Option<Keyed<String>>,
    pub style: Option<Keyed<ApiStyle>>,
    pub endpoints: Option<EndpointsOverride>,
}

/// One overridden value and why.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyed<T> {
    pub value: Spanned<T>,
    pub reason: Spanned<String>,
}

/// Overridden endpoints and why.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointsOverride {
    pub reason: Spanned<String>,
    pub central: Option<String>,
    #[serde(default)]
    pub regional: BTreeMap<String, String>,
    #[serde(default)]
    pub vpc: BTreeMap<String, String>,
    pub patterns: Option<Vec<String>>,
}

/// A problem in the file, with its 1-based line (0 for the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlError {
    pub line: usize,
    pub message: String,
}

/// Parses `text`, checking that every reason says something and the version is a date.
pub fn parse(text: &str) -> Result<ProductToml, TomlError> {
    if let Some((line, c)) = crate::parse::hidden_chars::first_hidden_in_toml(text) {
        return Err(TomlError { line, message: crate::parse::hidden_chars::refused(c) });
    }
    let file: ProductToml = toml::from_str(text).map_err(|e| TomlError {
        line: e.span().map_or(0, |span| line_of(text, span.start)),
        message: e.message().to_owned(),
    })?;
    let reasons = [
        file.code.as_ref().map(|k| &k.reason),
        file.name.as_ref().map(|k| &k.reason),
        file.version.as_ref().map(|k| &k.reason),
        file.style.as_ref().map(|k| &k.reason),
        file.endpoints.as_ref().map(|e| &e.reason),
    ];
    if let Some(empty) = reasons.into_iter().flatten().find(|r| r.get_ref().trim().is_empty()) {
        return Err(TomlError {
            line: line_of(text, empty.span().start),
            message: "an override needs a reason: say why the docs are not enough".into(),
        });
    }
    if let Some(version) = &file.version {
        if !crate::parse::product_claims::is_date(version.value.get_ref()) {
            return Err(TomlError {
                line: line_of(text, version.value.span().start),
                message: format!("version `{}` is not a YYYY-MM-DD date", version.value.get_ref()),
            });
        }
    }
    Ok(file)
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_with_its_reason() {
        let text = "[version]\nvalue = \"2014-05-26\"\nreason = \"r1\"\n\n[style]\nvalue = \"rpc\"\nreason = \"r2\"\n\n[endpoints]\nreason = \"r3\"\ncentral = \"ecs.aliyuncs.com\"\nregional = { cn-hangzhou = \"ecs.cn-hangzhou.aliyuncs.com\" }\n";
        let file = parse(text).unwrap();
        assert_eq!(file.version.unwrap().value.into_inner(), "2014-05-26");
        assert_eq!(file.style.unwrap().value.into_inner(), ApiStyle::Rpc);
        let endpoints = file.endpoints.unwrap();
        assert_eq!(endpoints.central.as_deref(), Some("ecs.aliyuncs.com"));
        assert_eq!(endpoints.regional["cn-hangzhou"], "ecs.cn-hangzhou.aliyuncs.com");
        assert!(file.code.is_none() && endpoints.patterns.is_none());
    }

    #[test]
    fn unknown_keys_missing_or_empty_reasons_and_bad_versions_are_errors_with_a_line() {
        for (text, line, needle) in [
            ("[version]\nvalue = \"2014-05-26\"\nreason = \"r\"\nsource = \"x\"\n", 4, "unknown field"),
            ("[version]\nvalue = \"2014-05-26\"\n", 1, "missing field `reason`"),
            ("[code]\nvalue = \"Ecs\"\nreason = \"  \"\n", 3, "needs a reason"),
            ("[version]\nvalue = \"2014-5-26\"\nreason = \"r\"\n", 2, "not a YYYY-MM-DD date"),
            ("code = \"Ecs\"\n", 1, "invalid type"),
            ("[name]\nvalue = \"Elastic\u{202e}Compute\"\nreason = \"r\"\n", 2, "U+202E"),
            ("[name]\nvalue = \"Elastic\"\r\nreason = \"r\u{200b}\"\r\n", 3, "U+200B"),
            ("[name]\nvalue = \"Elastic\\u202eCompute\"\nreason = \"r\"\n", 2, "U+202E"),
            ("[name]\nvalue = \"Elastic\"\nreason = \"r\\U0000200F\"\n", 3, "U+200F"),
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(e.line, line, "{text}: {e:?}");
            assert!(e.message.contains(needle), "{text}: {e:?}");
        }
    }
}
