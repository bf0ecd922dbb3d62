//! Compares the IR's facts: which parameters and response fields are secret, whether the
//! operation is idempotent, and which parameter is its client token.

use super::change::{Change, ChangeKind};
use crate::ir::{Api, Fact, Field, FieldShape};

fn is(fact: Option<&Fact>) -> bool {
    fact.is_some_and(|f| f.value)
}

fn secret_word(secret: bool) -> &'static str {
    if secret {
        "secret"
    } else {
        "not secret"
    }
}

/// Appends the fact changes between two versions of one API.
pub fn compare_facts(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    let api = new.name.as_str();
    for n in &new.request {
        let Some(o) = old.request.iter().find(|o| o.wire_name == n.wire_name) else { continue };
        secret_change(api, &n.wire_name, is(o.secret.as_ref()), is(n.secret.as_ref()), changes);
    }
    compare_fields(api, "", &old.response, &new.response, changes);
    if old.idempotent.value != new.idempotent.value {
        let kind = ChangeKind::IdempotencyChanged { now_idempotent: new.idempotent.value };
        changes.push(
            Change::new(api, kind, api, "")
                .values(old.idempotent.value.to_string(), new.idempotent.value.to_string()),
        );
    }
    let token = |a: &Api| a.client_token.as_ref().map_or_else(|| "none".to_owned(), |t| t.param.clone());
    if token(old) != token(new) {
        changes
            .push(Change::new(api, ChangeKind::ClientTokenChanged, api, "").values(token(old), token(new)));
    }
}

fn secret_change(api: &str, name: &str, old: bool, new: bool, changes: &mut Vec<Change>) {
    if old != new {
        let kind = ChangeKind::SecretChanged { now_secret: new };
        changes.push(Change::new(api, kind, name, "").values(secret_word(old), secret_word(new)));
    }
}

fn compare_fields(api: &str, parent: &str, old: &[Field], new: &[Field], changes: &mut Vec<Change>) {
    for n in new {
        let Some(o) = old.iter().find(|o| o.name == n.name) else { continue };
        let path = if parent.is_empty() { n.name.clone() } else { format!("{parent}.{}", n.name) };
        secret_change(api, &path, is(o.secret.as_ref()), is(n.secret.as_ref()), changes);
        compare_fields(api, &path, children(&o.shape), children(&n.shape), changes);
    }
}

fn children(shape: &FieldShape) -> &[Field] {
    match shape {
        FieldShape::Struct { fields } | FieldShape::Array { fields, .. } => fields,
        FieldShape::Scalar { .. } | FieldShape::ScalarList { .. } => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_ir::{api, field, param};
    use crate::ir::{ClientToken, FactSource, ScalarType};

    fn secret() -> Option<Fact> {
        Some(Fact { value: true, from: FactSource::Name, why: "the name ends in `password`".into() })
    }

    #[test]
    fn secrets_idempotence_and_client_tokens_are_compared() {
        let mut old = api(
            "A",
            vec![param("Password", ScalarType::String, "p"), param("Token", ScalarType::String, "t")],
        );
        old.response = vec![field(
            "Key",
            FieldShape::Struct {
                fields: vec![field("PrivateKeyBody", FieldShape::Scalar { ty: ScalarType::String })],
            },
        )];
        let mut new = old.clone();
        new.request[0].secret = secret();
        if let FieldShape::Struct { fields } = &mut new.response[0].shape {
            fields[0].secret = secret();
        }
        new.idempotent = Fact { value: true, from: FactSource::Summary, why: "Queries A.".into() };
        new.client_token = Some(ClientToken {
            param: "Token".into(),
            from: FactSource::Description,
            why: "Ensures the idempotence of the request.".into(),
        });
        let mut changes = Vec::new();
        compare_facts(&old, &new, &mut changes);
        let got: Vec<(String, &str, &str)> =
            changes.iter().map(|c| (c.kind.label(), c.name.as_str(), c.detail.as_str())).collect();
        assert_eq!(
            got,
            [
                ("secret-changed (now secret)".to_owned(), "Password", "not secret → secret"),
                ("secret-changed (now secret)".to_owned(), "Key.PrivateKeyBody", "not secret → secret"),
                ("idempotency-changed (now idempotent)".to_owned(), "A", "false → true"),
                ("client-token-changed".to_owned(), "A", "none → Token"),
            ]
        );
        assert!(changes.iter().all(|c| !c.is_breaking()));
        let mut same = Vec::new();
        compare_facts(&new, &new, &mut same);
        assert!(same.is_empty());
    }
}
