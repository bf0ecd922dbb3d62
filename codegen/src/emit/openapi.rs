//! The OpenAPI 3.1 document: one operation per API, an RPC one keyed `/#Action=<Api>`, a ROA one
//! by its own method and path (see `docs/openapi.md`).

mod conform;
mod facts;
#[cfg(test)]
mod fixtures;
mod group;
mod params;
mod pattern;
mod responses;
mod roa;
mod scalar;
mod tree;
mod value_schema;

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use tree::{tree, Json, Object};

use crate::ir::{Api, ExampleKind, Product, Wire};
use crate::output::OutputFile;

/// The document's file name in the output dir.
pub const FILE_NAME: &str = "openapi.json";

/// The `components.securitySchemes` key of the RPC request signature.
const SECURITY_SCHEME: &str = "AccessKey";
/// The `components.securitySchemes` key of the ROA `Authorization` header.
const ROA_SECURITY_SCHEME: &str = "AcsSignature";

/// The document as `openapi.json`, ready for the `gen` pipeline to write.
pub fn output_file(products: &[Product]) -> OutputFile {
    OutputFile::new(FILE_NAME, to_pretty_json(&document_tree(products)))
}

/// Pretty JSON (two-space indent) in the document's own key order, with a trailing newline.
fn to_pretty_json(document: &impl serde::Serialize) -> String {
    let text = crate::json_out::to_string_pretty(document).expect("a document serializes");
    let mut text = crate::escape::json_invisible(text);
    text.push('\n');
    text
}

/// The OpenAPI 3.1 document for `products`, deterministic for the same input, as a
/// `serde_json::Value` (what the file holds, to read in tests and tools).
pub fn document(products: &[Product]) -> Value {
    document_tree(products).to_value()
}

/// The document for `products`, borrowing their text.
fn document_tree(products: &[Product]) -> Json<'_> {
    let several = products.len() > 1;
    // The operations by path, and where each path is in that list.
    let mut paths: Vec<(String, Object)> = Vec::new();
    let mut path_at: HashMap<String, usize> = HashMap::new();
    let mut schemas = Object::new();
    let mut skipped_apis = Vec::new();
    // Operation IDs and schema names that differ only in case clash in client generators and on
    // case-insensitive file systems, so they count as the same.
    let mut taken_ids = BTreeSet::new();
    let mut taken_schemas = BTreeSet::from([responses::ERROR_BODY_COMPONENT.to_lowercase()]);
    let (mut has_rpc, mut has_roa) = (false, false);
    schemas.push_new(responses::ERROR_BODY_COMPONENT, responses::error_body_component());
    for product in products {
        for api in &product.apis {
            let keys = Keys::new(product, api, several);
            if taken_ids.contains(&keys.operation_id.to_lowercase())
                || !taken_schemas.insert(keys.schema.to_lowercase())
            {
                skipped_apis.push(tree!({
                    "api": &api.name,
                    "source": &api.source,
                    "reason": "an API listed before it has the same name, up to letter case"
                }));
                continue;
            }
            let (path, method) = match &api.wire {
                Wire::Rpc => (keys.path.clone(), "get".to_owned()),
                Wire::Roa(r) => {
                    let path = roa::path_key(r);
                    let path = if several {
                        format!("{path}#Product={}", component_safe(&product.meta.code))
                    } else {
                        path
                    };
                    (path, roa::method_key(r))
                }
            };
            let taken = path_at.get(&path).is_some_and(|&at| paths[at].1.contains_key(&method));
            if taken {
                taken_schemas.remove(&keys.schema.to_lowercase());
                skipped_apis.push(tree!({
                    "api": &api.name,
                    "source": &api.source,
                    "reason": format!("an API listed before it has the same method and path (`{} {path}`)", method.to_uppercase())
                }));
                continue;
            }
            taken_ids.insert(keys.operation_id.to_lowercase());
            let schema = responses::success_schema(&api.response);
            let op = operation(product, api, &keys, &schema, several);
            match &api.wire {
                Wire::Rpc => has_rpc = true,
                Wire::Roa(_) => has_roa = true,
            }
            let at = *path_at.entry(path).or_insert_with_key(|path| {
                paths.push((path.clone(), Object::new()));
                paths.len() - 1
            });
            paths[at].1.insert(method, op);
            // Unique: `taken_schemas` holds every schema key, up to case.
            schemas.push_new(keys.schema, schema);
        }
    }

    let mut document = Object::new();
    document.push_new("openapi", "3.1.0");
    document.push_new("info", info(products));
    if let [product] = products {
        document.push_new("servers", tree!([server(product)]));
    }
    let default_scheme = if has_rpc || !has_roa { SECURITY_SCHEME } else { ROA_SECURITY_SCHEME };
    document.push_new("security", tree!([{default_scheme: []}]));
    let tags: Vec<Json> = products.iter().map(facts::tag).collect();
    document.push_new("tags", tags);
    let mut by_path = Object::new();
    for (path, item) in paths {
        by_path.push_new(path, item);
    }
    document.push_new("paths", by_path);
    let mut components = Object::new();
    components.push_new("schemas", schemas);
    let mut schemes = Object::new();
    if has_rpc || !has_roa {
        components.push_new("parameters", tree!({params::FORMAT_COMPONENT: params::format_component()}));
        schemes.push_new(SECURITY_SCHEME, security_scheme());
    }
    if has_roa {
        schemes.push_new(ROA_SECURITY_SCHEME, roa_security_scheme());
    }
    components.push_new("securitySchemes", schemes);
    document.push_new("components", components);
    if !skipped_apis.is_empty() {
        document.push_new("x-alibaba-skipped-apis", skipped_apis);
    }
    Json::Object(document)
}

/// Where an API lives in the document.
struct Keys {
    /// `/#Action=RunInstances` (`/#Product=Ecs&Action=RunInstances` when the document has several products).
    path: String,
    operation_id: String,
    /// The `components.schemas` key of the success body.
    schema: String,
}

impl Keys {
    fn new(product: &Product, api: &Api, several: bool) -> Self {
        let name = component_safe(&api.name);
        if several {
            let code = component_safe(&product.meta.code);
            Self {
                path: format!("/#Product={code}&Action={name}"),
                operation_id: format!("{code}_{name}"),
                schema: format!("{code}_{name}Response"),
            }
        } else {
            Self {
                path: format!("/#Action={name}"),
                operation_id: name.clone(),
                schema: format!("{name}Response"),
            }
        }
    }
}

/// Keeps the characters OpenAPI allows in component keys (`[A-Za-z0-9._-]`), replacing others with `_`.
fn component_safe(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' }).collect()
}

fn operation<'a>(product: &'a Product, api: &'a Api, keys: &Keys, schema: &Json, several: bool) -> Json<'a> {
    let (parameters, body) = match &api.wire {
        Wire::Rpc => (params::parameters(api, &product.meta.version), None),
        Wire::Roa(r) => {
            let request = roa::request(api, r);
            (params::Parameters { list: request.parameters, skipped: request.skipped }, request.body)
        }
    };
    let mut responses = Object::new();
    let schema_ref = format!("#/components/schemas/{}", keys.schema);
    responses.push_new("200", responses::success_response(api, schema, schema_ref));
    let (errors, unplaced) = responses::error_responses(&api.errors);
    for (status, response) in errors {
        responses.insert(status, response);
    }
    responses.insert("default", responses::default_response());

    let mut op = Object::new();
    op.push_new("operationId", keys.operation_id.clone());
    let summary = api.summary.trim();
    if !summary.is_empty() {
        op.push_new("summary", summary);
    }
    op.push_new("tags", tree!([&product.meta.code]));
    if several {
        op.push_new("servers", tree!([server(product)]));
    }
    op.push_new("parameters", parameters.list);
    if let Some(body) = body {
        op.push_new("requestBody", body);
    }
    op.push_new("responses", responses);
    if let Wire::Roa(r) = &api.wire {
        op.push_new("security", tree!([{ROA_SECURITY_SCHEME: []}]));
        if !r.methods.is_empty() {
            let methods: Vec<&str> = r.methods.iter().map(|m| m.as_str()).collect();
            op.push_new("x-alibaba-methods", methods);
        }
    }
    op.push_new("x-alibaba-source", &api.source);
    facts::operation_facts(api, &mut op);
    if !api.cross_field.is_empty() {
        op.push_new("x-alibaba-cross-field-rules", Json::serialized(&api.cross_field));
    }
    let findings: Vec<Json> = api
        .examples
        .findings
        .iter()
        .filter(|f| f.example == ExampleKind::OpenapiExample)
        .map(|f| tree!({"fails": &f.fails, "reason": &f.reason}))
        .collect();
    if !findings.is_empty() {
        op.push_new("x-alibaba-doc-findings", findings);
    }
    if !parameters.skipped.is_empty() {
        op.push_new("x-alibaba-skipped-parameters", parameters.skipped);
    }
    if !unplaced.is_empty() {
        op.push_new("x-alibaba-unplaced-errors", unplaced);
    }
    Json::Object(op)
}

fn info(products: &[Product]) -> Json<'static> {
    let (title, version) = match products {
        [product] => (format!("{} API", product.meta.name), product.meta.version.clone()),
        _ => (
            "Alibaba Cloud APIs".to_owned(),
            products
                .iter()
                .map(|p| format!("{} {}", p.meta.code, p.meta.version))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    };
    tree!({
        "title": title,
        "version": version,
        "description": "Generated by `cargo xtask gen` from the API reference pages. Alibaba Cloud's RPC style sends every \
            operation to `/` with an `Action` query parameter, so each RPC operation is keyed `/#Action=<Api>`: the fragment \
            only keeps the keys apart and is never sent. Parameters named like `DataDisk.N.Size` are arrays whose wire form \
            `x-alibaba-style` gives. RESTful (ROA) operations have the method and path their pages document, and are signed \
            with an `Authorization` header. `docs/openapi.md` in the generator's repository explains these choices and every \
            `x-alibaba-*` extension."
    })
}

/// The product's default host; when the docs give only a pattern (`elasticsearch.{region}.aliyuncs.com`),
/// the pattern with a `region` server variable.
fn server(product: &Product) -> Json<'static> {
    let pattern = product.meta.endpoints.patterns.first().filter(|_| product.meta.endpoint.is_empty());
    match pattern {
        Some(pattern) => tree!({
            "url": format!("https://{pattern}"),
            "description": format!("{} endpoint, by region", product.meta.name),
            "variables": {"region": {
                "default": EXAMPLE_REGION,
                "description": format!("The region ID. The docs give the host only as the pattern `{pattern}`; `{EXAMPLE_REGION}` is an example, not a documented default.")
            }}
        }),
        None => {
            tree!({"url": format!("https://{}", product.meta.endpoint), "description": format!("{} endpoint", product.meta.name)})
        }
    }
}

/// The region a server variable shows when the docs name no default host.
const EXAMPLE_REGION: &str = "cn-hangzhou";

fn security_scheme() -> Json<'static> {
    tree!({
        "type": "apiKey",
        "in": "query",
        "name": "AccessKeyId",
        "description": "Every request carries the caller's `AccessKeyId` and is signed with its secret (RPC signature \
            version 1.0, HMAC-SHA1): the signer adds the parameters listed in `x-alibaba-signature`, computed over the \
            sorted, percent-encoded query.",
        "x-alibaba-signature": {
            "method": "HMAC-SHA1",
            "version": "1.0",
            "parameters": ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"]
        }
    })
}

fn roa_security_scheme() -> Json<'static> {
    tree!({
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "RESTful (ROA) requests carry `Authorization: acs <AccessKeyId>:<Signature>`, the signature an \
            HMAC-SHA1 with the AccessKey secret over the method, `Accept`, `Content-MD5`, `Content-Type`, `Date`, the \
            sorted `x-acs-*` headers and the path with its sorted query; the signer adds the headers listed in \
            `x-alibaba-signature`, `x-acs-version` among them (the product's API version, as `info.version` gives it).",
        "x-alibaba-signature": {
            "method": "HMAC-SHA1",
            "version": "1.0",
            "headers": ["Authorization", "Date", "Content-MD5", "x-acs-version", "x-acs-signature-method", "x-acs-signature-nonce", "x-acs-signature-version", "x-acs-security-token"]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::openapi::fixtures::{api, param};
    use crate::ir::{ApiStyle, ProductMeta};
    use serde_json::json;

    fn product(code: &str, apis: Vec<Api>) -> Product {
        Product {
            name: code.to_lowercase(),
            meta: ProductMeta {
                code: code.into(),
                name: format!("{code} Service"),
                version: "2014-05-26".into(),
                endpoint: format!("{}.aliyuncs.com", code.to_lowercase()),
                style: ApiStyle::Rpc,
                ..Default::default()
            },
            apis,
        }
    }

    #[test]
    fn one_product_keys_operations_by_action() {
        let mut run = api("RunInstances");
        run.request = vec![param("RegionId")];
        let doc = document(&[product("Ecs", vec![api("DescribeRegions"), run])]);
        let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
        assert_eq!(paths, ["/#Action=DescribeRegions", "/#Action=RunInstances"]);
        let op = &doc["paths"]["/#Action=RunInstances"]["get"];
        assert_eq!(op["operationId"], json!("RunInstances"));
        assert_eq!(
            op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            json!("#/components/schemas/RunInstancesResponse")
        );
        assert_eq!(
            doc["servers"],
            json!([{"url": "https://ecs.aliyuncs.com", "description": "Ecs Service endpoint"}])
        );
        assert_eq!(doc["info"]["version"], json!("2014-05-26"));
    }

    #[test]
    fn several_products_keep_operations_apart() {
        let doc = document(&[product("Ecs", vec![api("Describe")]), product("Vpc", vec![api("Describe")])]);
        let op = &doc["paths"]["/#Product=Vpc&Action=Describe"]["get"];
        assert_eq!(op["operationId"], json!("Vpc_Describe"));
        assert_eq!(op["servers"][0]["url"], json!("https://vpc.aliyuncs.com"));
        assert_eq!(doc.get("servers"), None);
    }

    #[test]
    fn a_repeated_api_name_is_skipped_and_said() {
        let doc = document(&[product("Ecs", vec![api("DescribeEX"), api("DescribeEx"), api("Describe")])]);
        assert_eq!(doc["paths"].as_object().unwrap().len(), 2);
        assert_eq!(doc["x-alibaba-skipped-apis"][0]["api"], json!("DescribeEx"));
    }

    /// Secrets, idempotence, the client token and the common errors come from the IR's facts,
    /// and a Boolean's whole-domain value set stays an unenforced rule (no `enum`).
    #[test]
    fn facts_are_read_from_the_ir() {
        use crate::ir::{
            ClientToken, CommonError, Constraint, Enforcement, EnumValue, Fact, FactSource, Rule, ScalarType,
        };
        let fact = |value, why: &str| Fact { value, from: FactSource::Override, why: why.into() };
        let mut run = api("RunThings");
        let mut password = param("Password");
        password.secret = Some(fact(true, "a password"));
        let mut not_secret = param("PasswordHint");
        not_secret.secret = Some(fact(false, "a hint"));
        let mut flag = param("DryRun");
        flag.ty = ScalarType::Boolean;
        flag.constraints.push(Constraint {
            rule: Rule::OneOf {
                values: ["true", "false"]
                    .map(|v| EnumValue { value: v.into(), meaning: String::new() })
                    .to_vec(),
            },
            source: "Valid values: true false".into(),
            enforcement: Enforcement::Unenforced(crate::constraints::WHOLE_DOMAIN.into()),
        });
        run.request = vec![param("ClientToken"), password, not_secret, flag];
        run.idempotent = fact(false, "creates things");
        run.client_token = Some(ClientToken {
            param: "ClientToken".into(),
            from: FactSource::Description,
            why: "Ensures idempotence.".into(),
        });
        let mut ecs = product("Ecs", vec![run]);
        ecs.meta.common_errors = vec![CommonError {
            status: Some(503),
            code: "ServiceUnavailable".into(),
            message: "Down.".into(),
            sources: Vec::new(),
        }];
        let doc = document(&[ecs]);
        let op = &doc["paths"]["/#Action=RunThings"]["get"];
        let by_name =
            |n: &str| op["parameters"].as_array().unwrap().iter().find(|p| p["name"] == n).unwrap().clone();
        assert_eq!(by_name("Password")["schema"]["format"], json!("password"));
        assert_eq!(by_name("Password")["x-alibaba-secret"], json!({"from": "override", "why": "a password"}));
        assert_eq!(by_name("PasswordHint").get("x-alibaba-secret"), None);
        assert_eq!(by_name("PasswordHint")["schema"].get("format"), None);
        assert_eq!(
            op["x-alibaba-idempotent"],
            json!({"value": false, "from": "override", "why": "creates things"})
        );
        assert_eq!(op["x-alibaba-client-token"]["param"], json!("ClientToken"));
        assert_eq!(doc["tags"][0]["x-alibaba-common-errors"][0]["code"], json!("ServiceUnavailable"));
        let dry_run = by_name("DryRun");
        assert_eq!(dry_run["schema"], json!({"type": "boolean"}));
        assert_eq!(
            dry_run["x-alibaba-rules"][0]["enforcement"]["reason"],
            json!(crate::constraints::WHOLE_DOMAIN)
        );
    }

    #[test]
    fn pretty_json_is_stable_and_ends_with_a_newline() {
        let products = [product("Ecs", vec![api("RunInstances")])];
        let first = to_pretty_json(&document(&products));
        assert_eq!(first, to_pretty_json(&document(&products)));
        assert!(first.starts_with("{\n  \"openapi\": \"3.1.0\",\n  \"info\""));
        assert!(first.ends_with("}\n"));
    }
}
