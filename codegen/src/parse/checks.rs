//! Page-wide checks that name the docs' own contradictions: names differing only in case, names
//! that are not identifiers, an error code listed with different statuses (exact repeats of a
//! request name are dropped before, by `duplicates`).

use std::collections::{BTreeMap, BTreeSet};

use super::wire_name::is_identifier_path;
use crate::diag::Diagnostics;
use crate::ir::{ErrorRow, Param};

/// Warns about request names that differ only in case or are not identifiers.
pub fn check_params(params: &[Param], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, &Param> = BTreeMap::new();
    for p in params {
        if !is_identifier_path(&p.wire_name) {
            diags.warning(p.line, format!("request parameter name `{}` is not an identifier", p.wire_name));
        }
        match seen.get(&p.wire_name.to_ascii_lowercase()) {
            Some(first) => diags.warning(
                p.line,
                format!(
                    "request parameter `{}` differs only in case from `{}` on line {}",
                    p.wire_name, first.wire_name, first.line
                ),
            ),
            None => {
                seen.insert(p.wire_name.to_ascii_lowercase(), p);
            }
        }
    }
}

/// Warns once per error code that is listed with more than one HTTP status.
pub fn check_errors(errors: &[ErrorRow], diags: &mut Diagnostics) {
    let mut statuses: BTreeMap<&str, (usize, BTreeSet<Option<u16>>)> = BTreeMap::new();
    for e in errors {
        statuses.entry(&e.code).or_insert((e.line, BTreeSet::new())).1.insert(e.status);
    }
    for (code, (line, set)) in statuses {
        if set.len() > 1 {
            let list: Vec<String> =
                set.iter().map(|s| s.map_or("none".to_owned(), |s| s.to_string())).collect();
            diags.warning(
                line,
                format!("error code `{code}` is listed with different HTTP statuses: {}", list.join(", ")),
            );
        }
    }
}
