//! The product's common error codes: the rows of its guides' error-code tables, merged.
//!
//! Guides often give one table in several editions (ECS: *Getting started* and *Call methods*
//! both have *Response results*, and the *Error code table* appendix repeats two server errors).
//! The fullest table comes first (then by path); a row of a later page is the same row as an
//! earlier one when it has the same code and status and the same rank among that page's rows of
//! that code and status, and only adds its page to the row's sources. Other products' guides
//! give what they give; none gives none.

use std::collections::BTreeMap;
use std::path::Path;

use super::PageClaims;
use crate::ir::{CommonError, DocLine};

/// The merged common error rows of `pages` (a product's pages and guides; only guides carry rows).
pub fn common_errors(spec_dir: &Path, pages: &[PageClaims]) -> Vec<CommonError> {
    let mut tables: Vec<(String, &PageClaims)> = pages
        .iter()
        .filter(|p| !p.claims.common_errors.is_empty())
        .map(|p| (p.path.strip_prefix(spec_dir).unwrap_or(&p.path).to_string_lossy().replace('\\', "/"), p))
        .collect();
    tables.sort_by(|(a_path, a), (b_path, b)| {
        b.claims.common_errors.len().cmp(&a.claims.common_errors.len()).then_with(|| a_path.cmp(b_path))
    });
    let mut out: Vec<CommonError> = Vec::new();
    let mut index: BTreeMap<(String, Option<u16>, usize), usize> = BTreeMap::new();
    for (file, page) in tables {
        let mut rank: BTreeMap<(&str, Option<u16>), usize> = BTreeMap::new();
        for row in &page.claims.common_errors {
            let n = rank.entry((row.code.as_str(), row.status)).or_default();
            let key = (row.code.clone(), row.status, *n);
            *n += 1;
            let source = DocLine { file: file.clone(), line: row.line };
            match index.get(&key) {
                Some(&i) => out[i].sources.push(source),
                None => {
                    index.insert(key, out.len());
                    out.push(CommonError {
                        status: row.status,
                        code: row.code.clone(),
                        message: row.message.clone(),
                        sources: vec![source],
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::common_errors::CommonErrorClaim;
    use crate::parse::product_claims::ProductClaims;

    fn page(path: &str, rows: &[(u16, &str, &str)]) -> PageClaims {
        let common_errors = rows
            .iter()
            .enumerate()
            .map(|(i, (s, c, m))| CommonErrorClaim {
                status: Some(*s),
                code: (*c).into(),
                message: (*m).into(),
                line: 10 + i,
            })
            .collect();
        PageClaims { path: path.into(), claims: ProductClaims { common_errors, ..Default::default() } }
    }

    #[test]
    fn editions_of_one_table_merge_row_by_row_and_the_fullest_leads() {
        let pages = [
            page("spec/x/guides/A-appendix.md", &[(503, "ServiceUnavailable", "Down.")]),
            page(
                "spec/x/guides/B-results.md",
                &[
                    (400, "Missing", "No `Action`."),
                    (400, "Missing", "No `Version`."),
                    (503, "ServiceUnavailable", "Temporarily down."),
                ],
            ),
            page(
                "spec/x/guides/C-results.md",
                &[
                    (400, "Missing", "No “Action”."),
                    (400, "Missing", "No “Version”."),
                    (503, "ServiceUnavailable", "Down for now."),
                    (409, "Conflict", "Busy."),
                ],
            ),
            page("spec/x/Api.md", &[]),
        ];
        let rows = common_errors(Path::new("spec"), &pages);
        let got: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.code.as_str(),
                    r.message.as_str(),
                    r.sources.iter().map(|s| s.file.as_str()).collect::<Vec<_>>(),
                )
            })
            .collect();
        let (a, b, c) = ("x/guides/A-appendix.md", "x/guides/B-results.md", "x/guides/C-results.md");
        assert_eq!(
            got,
            [
                ("Missing", "No “Action”.", vec![c, b]),
                ("Missing", "No “Version”.", vec![c, b]),
                ("ServiceUnavailable", "Down for now.", vec![c, b, a]),
                ("Conflict", "Busy.", vec![c]),
            ]
        );
        assert!(common_errors(Path::new("spec"), &pages[3..]).is_empty());
    }
}
