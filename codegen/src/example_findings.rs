//! `spec/doc-example-findings.toml`: the docs' examples known to be wrong, each with the reason, put
//! into the IR (`Api::examples.findings`) so that a crate's doc-example test expects those failures
//! and no others.
//!
//! ```toml
//! [[finding]]
//! api = "ecs/DescribeUserdata"     # <product folder>/<Action>
//! example = "json_response"        # sample_request | json_response | xml_response | error_codes
//! fails = "not JSON"               # a part of the failing check's message
//! reason = "the sample lacks the commas between its members"
//! ```

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::ir::{Api, ExampleFinding, ExampleKind};

/// The file's name in a spec dir.
pub const FILE: &str = "doc-example-findings.toml";

/// The parsed file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleFindings {
    #[serde(default, rename = "finding")]
    pub entries: Vec<Entry>,
}

/// One entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `<product folder>/<Action>`.
    pub api: String,
    pub example: ExampleKind,
    pub fails: String,
    pub reason: String,
}

impl ExampleFindings {
    /// Reads `<spec dir>/doc-example-findings.toml`; no file means no findings.
    pub fn load(spec_dir: &std::path::Path) -> Result<Self, Diagnostic> {
        let path = spec_dir.join(FILE);
        let file = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Diagnostic::error(&file, 0, format!("cannot read: {e}"))),
        };
        let parsed: Self = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].lines().count().max(1)).unwrap_or(0);
            Diagnostic::error(&file, line, format!("bad doc-example findings file: {}", e.message()))
        })?;
        for entry in &parsed.entries {
            if entry.fails.trim().is_empty() || entry.reason.trim().is_empty() {
                return Err(Diagnostic::error(
                    &file,
                    0,
                    format!("finding for `{}`: `fails` and `reason` must not be empty", entry.api),
                ));
            }
        }
        Ok(parsed)
    }

    /// Puts the entries of `product` into its APIs' examples, in file order.
    pub fn apply(&self, product: &str, apis: &mut [Api]) {
        for entry in &self.entries {
            let Some((p, name)) = entry.api.split_once('/') else { continue };
            if p != product {
                continue;
            }
            if let Some(api) = apis.iter_mut().find(|a| a.name == name) {
                api.examples.findings.push(ExampleFinding {
                    example: entry.example,
                    fails: entry.fails.clone(),
                    reason: entry.reason.clone(),
                });
            }
        }
    }

    /// Entries that name no API of `products` (`(product, API names)`): warnings, so a renamed page
    /// does not leave a finding behind unseen.
    pub fn unmatched(&self, products: &[(&str, Vec<&str>)], file: &str) -> Vec<Diagnostic> {
        self.entries
            .iter()
            .filter(|e| {
                let (product, name) = e.api.split_once('/').unwrap_or(("", &e.api));
                products.iter().any(|(p, _)| *p == product)
                    && !products.iter().any(|(p, apis)| *p == product && apis.contains(&name))
            })
            .map(|e| {
                Diagnostic::warning(file, 0, format!("doc-example finding for `{}` names no API", e.api))
            })
            .collect()
    }
}
