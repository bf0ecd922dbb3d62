//! The IR's facts over the whole ECS reference in `spec/ecs`: secrets, idempotence, client tokens
//! and the common error codes, each with its evidence, as `gen` decides them.

use std::path::Path;

use codegen::gen::read_products;
use codegen::ir::{Api, FactSource, Field, FieldShape, Product};

fn ecs() -> Product {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let (products, _) = read_products(&spec).expect("spec/ lists");
    products.into_iter().find(|p| p.name == "ecs").expect("spec/ecs")
}

fn api<'a>(product: &'a Product, name: &str) -> &'a Api {
    product.apis.iter().find(|a| a.name == name).unwrap_or_else(|| panic!("no {name}"))
}

fn field<'a>(fields: &'a [Field], name: &str) -> &'a Field {
    fields.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no field {name}"))
}

#[test]
fn idempotence_is_read_from_the_summary_never_from_the_name() {
    let ecs = ecs();
    assert!(ecs.apis.len() >= 200, "{} APIs", ecs.apis.len());
    let idempotent: Vec<&Api> = ecs.apis.iter().filter(|a| a.idempotent.value).collect();
    assert!(idempotent.len() >= 70, "{} idempotent", idempotent.len());
    assert!(ecs.apis.len() - idempotent.len() >= 100);
    for api in &idempotent {
        assert_eq!(api.idempotent.from, FactSource::Summary, "{}", api.name);
        assert!(
            api.summary.contains(&api.idempotent.why),
            "{}: the evidence is a sentence of the summary",
            api.name
        );
    }
    // Every Describe* page of ECS says it queries, so the summary and the name agree here.
    assert!(ecs.apis.iter().filter(|a| a.name.starts_with("Describe")).all(|a| a.idempotent.value));
    assert!(!api(&ecs, "RunInstances").idempotent.value);
    assert!(api(&ecs, "GetInstanceConsoleOutput").idempotent.value, "`obtain` reads");
}

#[test]
fn client_tokens_are_the_parameters_that_say_they_ensure_idempotence() {
    let ecs = ecs();
    let with_token: Vec<&Api> = ecs.apis.iter().filter(|a| a.client_token.is_some()).collect();
    assert!(with_token.len() >= 30, "{} APIs with a client token", with_token.len());
    for api in &with_token {
        let token = api.client_token.as_ref().unwrap();
        let param = api.request.iter().find(|p| p.wire_name == token.param).expect("the parameter exists");
        assert!(param.path.len() == 1 && param.description.plain.contains(&token.why), "{}", api.name);
    }
    // A page with a ClientToken parameter always says what it is for.
    for api in &ecs.apis {
        if api.request.iter().any(|p| p.wire_name == "ClientToken") {
            assert!(api.client_token.is_some(), "{} has a ClientToken the rule missed", api.name);
        }
    }
    assert_eq!(
        api(&ecs, "RunInstances").client_token.as_ref().map(|t| t.param.as_str()),
        Some("ClientToken")
    );
}

#[test]
fn secrets_are_marked_with_their_reason_in_requests_and_responses() {
    let ecs = ecs();
    let secret_params: Vec<(&str, &str)> = ecs
        .apis
        .iter()
        .flat_map(|a| a.request.iter().map(move |p| (a.name.as_str(), p)))
        .filter(|(_, p)| p.secret.as_ref().is_some_and(|f| f.value))
        .map(|(a, p)| (a, p.wire_name.as_str()))
        .collect();
    assert!(secret_params.len() >= 10, "{secret_params:?}");
    assert!(secret_params.contains(&("RunInstances", "Password")));
    assert!(secret_params.contains(&("RunInstances", "UserData")));
    let run = api(&ecs, "RunInstances");
    let inherit = run.request.iter().find(|p| p.wire_name == "PasswordInherit").unwrap();
    assert_eq!(inherit.secret.as_ref().map(|f| f.value), Some(false), "a flag about a password is not one");
    let key_pair_name = run.request.iter().find(|p| p.wire_name == "KeyPairName").unwrap();
    assert_eq!(key_pair_name.secret, None);
    let body = field(&api(&ecs, "CreateKeyPair").response, "PrivateKeyBody");
    let fact = body.secret.as_ref().expect("decided");
    assert!(fact.value && fact.why.contains("private key"), "{fact:?}");
    let fingerprint = field(&api(&ecs, "CreateKeyPair").response, "KeyPairFingerPrint");
    assert_eq!(fingerprint.secret, None);
    assert!(matches!(body.shape, FieldShape::Scalar { .. }));
}

#[test]
fn common_errors_come_from_the_guides_with_their_pages() {
    let ecs = ecs();
    let rows = &ecs.meta.common_errors;
    assert_eq!(rows.len(), 48, "the Response results table has 48 rows");
    assert!(rows.iter().all(|r| r.sources.len() >= 2), "both editions list every row");
    let internal = rows.iter().find(|r| r.code == "InternalError").unwrap();
    assert_eq!(internal.status, Some(500));
    let pages: Vec<&str> = internal.sources.iter().map(|s| s.file.as_str()).collect();
    assert!(pages.contains(&"ecs/guides/Appendix--Error-code-table.md"), "{pages:?}");
    assert!(rows.iter().filter(|r| r.code == "MissingParameter").count() == 6);
}
