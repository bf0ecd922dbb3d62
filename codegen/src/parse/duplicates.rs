//! One request parameter per wire name: a later row with a name already read is dropped, with a warning.
//!
//! The docs sometimes list a name twice (a sub-table that describes a list's element type repeats
//! the list's name; a table of values lists `acc` three times). Two parameters with one wire name
//! cannot both be sent, so the first row is kept, as it is the one the page introduces first; the
//! warning says which row was dropped and whether its type differed. Names that differ only in
//! case are different wire names and stay (`checks` warns about them).

use std::collections::HashMap;

use crate::diag::Diagnostics;
use crate::ir::Param;

/// Keeps the first parameter of each wire name, in order, and warns about every later one.
pub fn drop_repeated_names(params: &mut Vec<Param>, diags: &mut Diagnostics) {
    let mut first: HashMap<String, (usize, String)> = HashMap::with_capacity(params.len());
    params.retain(|p| {
        let Some((line, doc_type)) = first.get(&p.wire_name) else {
            first.insert(p.wire_name.clone(), (p.line, p.doc_type.clone()));
            return true;
        };
        let types = if *doc_type == p.doc_type {
            format!("same type `{doc_type}`")
        } else {
            format!("its type `{}` differs from the kept row's `{doc_type}`", p.doc_type)
        };
        diags.warning(
            p.line,
            format!(
                "request parameter `{}` is listed again (first on line {line}); this row is dropped ({types})",
                p.wire_name
            ),
        );
        false
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Index, ScalarType, Segment, Text};

    fn param(name: &str, doc_type: &str, line: usize) -> Param {
        Param {
            wire_name: name.into(),
            path: vec![Segment { name: name.into(), index: Index::None }],
            doc_type: doc_type.into(),
            ty: ScalarType::from_doc(doc_type).unwrap_or(ScalarType::String),
            required: false,
            example: None,
            description: Text::default(),
            position: Default::default(),
            position_from: Default::default(),
            line,
            constraints: Vec::new(),
            secret: None,
        }
    }

    #[test]
    fn the_first_row_of_a_name_is_kept_and_each_later_one_is_named() {
        let mut params = vec![
            param("DomainName", "DomainListType", 12),
            param("acc", "String", 20),
            param("Acc", "String", 21),
            param("acc", "String", 30),
            param("DomainName", "String", 35),
            param("acc", "Integer", 40),
        ];
        let mut diags = Diagnostics::new("p.md");
        drop_repeated_names(&mut params, &mut diags);
        let kept: Vec<(&str, usize)> = params.iter().map(|p| (p.wire_name.as_str(), p.line)).collect();
        assert_eq!(kept, [("DomainName", 12), ("acc", 20), ("Acc", 21)]);
        let text: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "p.md:30: warning: request parameter `acc` is listed again (first on line 20); this row is dropped (same type `String`)",
                "p.md:35: warning: request parameter `DomainName` is listed again (first on line 12); this row is dropped (its type `String` differs from the kept row's `DomainListType`)",
                "p.md:40: warning: request parameter `acc` is listed again (first on line 20); this row is dropped (its type `Integer` differs from the kept row's `String`)",
            ]
        );
    }
}
