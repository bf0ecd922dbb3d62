//! The rules table: for each change kind, whether it breaks callers on the wire and users of the generated crate.
//!
//! The README's "Diff rules" section documents this table; keep them in step (a test checks every kind is there).
//! Assumptions about the generated crate: required parameters are builder arguments, optional ones
//! setters; request, response and error types are `#[non_exhaustive]`; a closed value set on a
//! string parameter is an enum with a fallback variant; Rust types follow the scalar type
//! (`String`, `i32`, `i64`, `f32`, `f64`, `bool`), `Vec` for `.N`.

use super::change::ChangeKind;

/// The two verdicts of one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// A request that followed the old docs may now fail, or a response reader may now misread.
    pub wire: bool,
    /// Code that compiled against the crate generated from the old docs may no longer compile.
    pub semver: bool,
}

/// The verdicts of a change kind.
pub fn verdict(kind: ChangeKind) -> Verdict {
    use ChangeKind::*;
    let (wire, semver) = match kind {
        ApiAdded => (false, false),
        ApiRemoved => (true, true),
        ParamAdded { required } => (required, required),
        ParamRemoved => (true, true),
        ParamRenamed { same_on_wire, same_rust_name } => (!same_on_wire, !same_rust_name),
        ParamTypeChanged { narrowed, rust_type_changed } => (narrowed, rust_type_changed),
        // Optional → required breaks both; required → optional moves a builder argument to a setter.
        ParamRequiredChanged { now_required } => (now_required, true),
        EnumValueAdded => (false, false),
        EnumValueRemoved => (true, true),
        ConstraintTightened { rust_type_changed } => (true, rust_type_changed),
        ConstraintLoosened { rust_type_changed } => (false, rust_type_changed),
        DefaultChanged { value_changed } => (value_changed, false),
        RepeatLimitChanged { tightened } => (tightened, false),
        ResponseFieldAdded => (false, false),
        ResponseFieldRemoved => (true, true),
        ResponseFieldTypeChanged { json_changed, rust_type_changed } => (json_changed, rust_type_changed),
        ErrorAdded => (false, false),
        // Callers stop seeing the code; a `match` on its variant no longer compiles.
        ErrorRemoved => (false, true),
        // One more documented status for a code is documentation; a status gone is a changed contract.
        ErrorStatusChanged { status_dropped } => (status_dropped, false),
        // The service routes by style, method and path, and reads each parameter where the docs
        // put it: every one of these moves the request away from what the service reads. The
        // request types keep their fields (type or required changes are their own changes), but a
        // style change swaps the request's wire methods (RPC query pairs for ROA method, path and body).
        StyleChanged => (true, true),
        MethodChanged | PathChanged | PositionChanged | BodyChanged => (true, false),
        // Only `Debug` output and the docs change; the field and its type stay.
        SecretChanged { .. } => (false, false),
        // Only the client's retries change (`Operation::IDEMPOTENT`, `client_token()`); requests
        // and types stay.
        IdempotencyChanged { .. } | ClientTokenChanged => (false, false),
    };
    Verdict { wire, semver }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_in_the_documented_rules_table() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
        let table: Vec<&str> = doc.lines().filter(|l| l.starts_with("| `")).collect();
        for kind in ChangeKind::EACH {
            let row = format!("| `{}`", kind.slug());
            assert!(
                table.iter().any(|l| l.starts_with(&row)),
                "README.md has no diff rules row for {}",
                kind.slug()
            );
        }
        let slugs: std::collections::BTreeSet<_> = ChangeKind::EACH.iter().map(|k| k.slug()).collect();
        assert_eq!(slugs.len(), ChangeKind::EACH.len(), "EACH lists every kind once");
    }
}
