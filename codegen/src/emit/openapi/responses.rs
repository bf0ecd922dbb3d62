//! Responses: the success schema from the response table with the page's JSON sample, and one error response per documented status.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::{conform, pattern, scalar};
use crate::ir::{Api, ErrorRow, Field, FieldShape};

/// The `components.schemas` key of the service's error body.
pub const ERROR_BODY_COMPONENT: &str = "ErrorBody";

/// The object schema of a success body, from the response table.
pub fn success_schema(fields: &[Field]) -> Value {
    object(fields)
}

/// The `200` response: `schema_ref` points at [`success_schema`]; the page's JSON sample is the
/// example when it parses and fits the schema, else `x-alibaba-example-omitted` says why not.
pub fn success_response(api: &Api, schema: &Value, schema_ref: &str) -> Value {
    let mut media = Map::new();
    media.insert("schema".into(), json!({"$ref": schema_ref}));
    if let Some(sample) = api.examples.json_response.as_deref() {
        // A sample written as a whole HTTP response: its body.
        match serde_json::from_str::<Value>(crate::parse::examples::payload(sample)) {
            Err(e) => {
                media.insert(
                    "x-alibaba-example-omitted".into(),
                    json!(format!("the page's JSON sample is not JSON: {e}")),
                );
            }
            Ok(value) => match conform::mismatch(schema, &value) {
                None => {
                    media.insert("example".into(), value);
                }
                Some(why) => {
                    media.insert(
                        "x-alibaba-example-omitted".into(),
                        json!(format!("the page's JSON sample does not fit the response table: {why}")),
                    );
                }
            },
        }
    }
    json!({"description": "Success.", "content": {"application/json": Value::Object(media)}})
}

/// One response per documented HTTP error status (ascending), and the rows that have no usable status
/// (`x-alibaba-unplaced-errors` entries).
pub fn error_responses(errors: &[ErrorRow]) -> (Vec<(String, Value)>, Vec<Value>) {
    let mut by_status: BTreeMap<u16, Vec<&ErrorRow>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for row in errors {
        match row.status {
            Some(status) if (300..600).contains(&status) => by_status.entry(status).or_default().push(row),
            Some(_) => unplaced.push(unplaced_row(row, "the status is not an HTTP error status")),
            None => unplaced.push(unplaced_row(row, "the row gives no HTTP status")),
        }
    }
    let responses = by_status
        .into_iter()
        .map(|(status, rows)| (status.to_string(), error_response(status, &rows)))
        .collect();
    (responses, unplaced)
}

fn error_response(status: u16, rows: &[&ErrorRow]) -> Value {
    let mut codes: Vec<&str> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for row in rows {
        if !codes.contains(&row.code.as_str()) {
            codes.push(&row.code);
        }
        let line = format!("- `{}`: {}", row.code, row.shown_message());
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    let mut schema = error_body_properties();
    // `Invalid%s.ValueNotSupported`: the service puts a name where the docs write `%s`.
    let (patterns, exact): (Vec<&str>, Vec<&str>) = codes.into_iter().partition(|c| c.contains("%s"));
    let code = &mut schema["properties"]["Code"];
    match (exact.is_empty(), patterns.as_slice()) {
        (_, []) => code["enum"] = json!(exact),
        (true, [one]) => code["pattern"] = json!(pattern::code_pattern(one)),
        _ => {
            let exact = (!exact.is_empty()).then(|| json!({"enum": exact}));
            let patterns = patterns.iter().map(|p| json!({"pattern": pattern::code_pattern(p)}));
            code["anyOf"] = exact.into_iter().chain(patterns).collect();
        }
    }
    json!({
        "description": format!("Errors documented with HTTP status {status}:\n\n{}", lines.join("\n")),
        "content": {"application/json": {"schema": schema}}
    })
}

/// The `default` response: any error, with the service's error body.
pub fn default_response() -> Value {
    json!({
        "description": "Any other error, among them the product's common errors (`x-alibaba-common-errors` on the operation's tag), with the service's error body.",
        "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{ERROR_BODY_COMPONENT}")}}}
    })
}

/// The service's error body (`ErrorBody` in the runtime).
pub fn error_body_component() -> Value {
    let mut schema = error_body_properties();
    schema["description"] = json!("The body of every error response.");
    schema
}

fn error_body_properties() -> Value {
    json!({
        "type": "object",
        "properties": {
            "RequestId": {"type": "string", "description": "The request ID."},
            "HostId": {"type": "string", "description": "The endpoint that answered."},
            "Code": {"type": "string", "description": "The error code."},
            "Message": {"type": "string", "description": "The error message."},
            "Recommend": {"type": "string", "description": "A link to a diagnosis of the error."}
        }
    })
}

fn unplaced_row(row: &ErrorRow, reason: &str) -> Value {
    json!({"status": row.status, "code": row.code, "message": row.message, "line": row.line, "reason": reason})
}

fn object(fields: &[Field]) -> Value {
    let mut properties = Map::new();
    for field in fields {
        properties.entry(field.name.clone()).or_insert_with(|| field_schema(field));
    }
    json!({"type": "object", "properties": properties})
}

fn field_schema(field: &Field) -> Value {
    let mut schema = match &field.shape {
        FieldShape::Scalar { ty } => {
            let mut map = scalar::type_keywords(*ty);
            if let Some(example) = field.example.as_deref().filter(|e| !e.trim().is_empty()) {
                match scalar::typed_value(*ty, example) {
                    Some(value) => {
                        map.insert("examples".into(), json!([value]));
                    }
                    None => {
                        let ty = map.get("type").and_then(Value::as_str).unwrap_or_default().to_owned();
                        map.insert(
                            "x-alibaba-example-omitted".into(),
                            json!(format!("the doc's example {example:?} does not fit: not a JSON {ty}")),
                        );
                    }
                }
            }
            Value::Object(map)
        }
        FieldShape::ScalarList { ty, wrapper } => {
            wrapped(wrapper.as_deref(), json!({"type": "array", "items": scalar::type_keywords(*ty)}))
        }
        FieldShape::Struct { fields } => object(fields),
        FieldShape::Array { wrapper, fields, .. } => {
            wrapped(wrapper.as_deref(), json!({"type": "array", "items": object(fields)}))
        }
    };
    let description = field.description.markdown.trim();
    if !description.is_empty() {
        schema["description"] = json!(description);
    }
    if let Value::Object(map) = &mut schema {
        let target = match map.get_mut("items") {
            Some(Value::Object(items))
                if matches!(field.shape, FieldShape::ScalarList { wrapper: None, .. }) =>
            {
                items
            }
            _ => map,
        };
        if let Some(why) = super::facts::mark_schema(field.secret.as_ref(), target) {
            map.insert("x-alibaba-secret".into(), why);
        }
    }
    schema
}

/// `{"type":"object","properties":{wrapper: array}}` when the JSON wraps the list, else the array.
fn wrapped(wrapper: Option<&str>, array: Value) -> Value {
    match wrapper {
        Some(key) => json!({"type": "object", "properties": {key: array}}),
        None => array,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::openapi::fixtures::{api, text};
    use crate::ir::ScalarType;

    fn field(name: &str, shape: FieldShape) -> Field {
        Field {
            name: name.into(),
            doc_type: String::new(),
            shape,
            example: None,
            description: text(""),
            line: 1,
            secret: None,
        }
    }

    fn error(status: Option<u16>, code: &str, message: &str) -> ErrorRow {
        ErrorRow { status, code: code.into(), message: message.into(), description: String::new(), line: 9 }
    }

    #[test]
    fn a_code_with_a_placeholder_is_a_pattern_of_codes() {
        let (pattern, plain) = (
            error(Some(400), "Invalid%s.ValueNotSupported", "[%s] is not supported."),
            error(Some(400), "Missing", "m"),
        );
        let code = |rows: &[&ErrorRow]| {
            error_response(400, rows)["content"]["application/json"]["schema"]["properties"]["Code"].clone()
        };
        assert_eq!(code(&[&plain])["enum"], json!(["Missing"]));
        assert_eq!(code(&[&pattern])["pattern"], json!("^Invalid.+\\.ValueNotSupported$"));
        assert_eq!(
            code(&[&plain, &pattern])["anyOf"],
            json!([{"enum": ["Missing"]}, {"pattern": "^Invalid.+\\.ValueNotSupported$"}])
        );
        assert_eq!(pattern::code_pattern("A%s(b)%s"), "^A.+\\(b\\).+$");
    }

    #[test]
    fn secret_response_fields_are_marked_from_the_ir() {
        let mut key = field("PrivateKeyBody", FieldShape::Scalar { ty: ScalarType::String });
        key.secret = Some(crate::ir::Fact {
            value: true,
            from: crate::ir::FactSource::Name,
            why: "the name ends in `private key`".into(),
        });
        let mut pins = field("Pins", FieldShape::ScalarList { ty: ScalarType::String, wrapper: None });
        pins.secret = key.secret.clone();
        let schema =
            success_schema(&[key, field("KeyPairName", FieldShape::Scalar { ty: ScalarType::String })]);
        let body = &schema["properties"]["PrivateKeyBody"];
        assert_eq!(body["format"], json!("password"));
        assert_eq!(body["x-alibaba-secret"]["why"], json!("the name ends in `private key`"));
        assert_eq!(schema["properties"]["KeyPairName"].get("x-alibaba-secret"), None);
        let list = &success_schema(&[pins])["properties"]["Pins"];
        assert_eq!(list["items"]["format"], json!("password"));
        assert_eq!(list["x-alibaba-secret"]["from"], json!("name"));
    }

    #[test]
    fn response_tree_shapes() {
        let mut request_id = field("RequestId", FieldShape::Scalar { ty: ScalarType::String });
        request_id.example = Some("473469C7".into());
        request_id.description = text("The request ID.");
        let fields = vec![
            field(
                "InstanceIdSets",
                FieldShape::ScalarList { ty: ScalarType::String, wrapper: Some("InstanceIdSet".into()) },
            ),
            request_id,
            field(
                "Instances",
                FieldShape::Array {
                    item: "Instance".into(),
                    wrapper: Some("Instance".into()),
                    fields: vec![
                        field("Cpu", FieldShape::Scalar { ty: ScalarType::Integer }),
                        field(
                            "Vpc",
                            FieldShape::Struct {
                                fields: vec![field(
                                    "Ips",
                                    FieldShape::ScalarList { ty: ScalarType::String, wrapper: None },
                                )],
                            },
                        ),
                    ],
                },
            ),
        ];
        assert_eq!(
            success_schema(&fields),
            json!({"type": "object", "properties": {
                "InstanceIdSets": {"type": "object", "properties": {"InstanceIdSet": {"type": "array", "items": {"type": "string"}}}},
                "RequestId": {"type": "string", "examples": ["473469C7"], "description": "The request ID."},
                "Instances": {"type": "object", "properties": {"Instance": {"type": "array", "items": {"type": "object", "properties": {
                    "Cpu": {"type": "integer", "format": "int32"},
                    "Vpc": {"type": "object", "properties": {"Ips": {"type": "array", "items": {"type": "string"}}}}
                }}}}}
            }})
        );
    }

    #[test]
    fn the_sample_is_the_example_only_when_it_parses_and_fits() {
        let schema = success_schema(&[field("Count", FieldShape::Scalar { ty: ScalarType::Integer })]);
        let mut api = api("Describe");
        api.examples.json_response = Some(r#"{"Count": 3, "RequestId": "x"}"#.into());
        let media = &success_response(&api, &schema, "#/x")["content"]["application/json"];
        assert_eq!(media["example"], json!({"Count": 3, "RequestId": "x"}));
        api.examples.json_response = Some(r#"{"Count": "3"}"#.into());
        let media = &success_response(&api, &schema, "#/x")["content"]["application/json"];
        assert_eq!(media.get("example"), None);
        assert_eq!(
            media["x-alibaba-example-omitted"],
            json!("the page's JSON sample does not fit the response table: $.Count: expected integer, found string")
        );
        api.examples.json_response = Some("{\"Count\": 3,}".into());
        let media = &success_response(&api, &schema, "#/x")["content"]["application/json"];
        assert!(media["x-alibaba-example-omitted"]
            .as_str()
            .unwrap()
            .starts_with("the page's JSON sample is not JSON"));
    }

    #[test]
    fn a_field_example_that_is_not_of_its_type_is_left_out_with_the_reason() {
        let mut count = field("Count", FieldShape::Scalar { ty: ScalarType::Integer });
        count.example = Some("many".into());
        assert_eq!(
            success_schema(&[count])["properties"]["Count"],
            json!({"type": "integer", "format": "int32", "x-alibaba-example-omitted": "the doc's example \"many\" does not fit: not a JSON integer"})
        );
    }

    #[test]
    fn errors_group_by_status_with_unique_codes() {
        let rows = vec![
            error(Some(404), "InvalidSecurityGroupId", "Not found."),
            error(Some(403), "CategoryNotSupported", "Zone."),
            error(Some(403), "CategoryNotSupported", "Cluster."),
            error(Some(403), "RegionUnauthorized", "No."),
            error(None, "Mystery", "?"),
            error(Some(200), "Odd", "?"),
        ];
        let (responses, unplaced) = error_responses(&rows);
        let statuses: Vec<&str> = responses.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(statuses, ["403", "404"]);
        let forbidden = &responses[0].1;
        assert_eq!(
            forbidden["content"]["application/json"]["schema"]["properties"]["Code"]["enum"],
            json!(["CategoryNotSupported", "RegionUnauthorized"])
        );
        assert_eq!(
            forbidden["description"],
            json!("Errors documented with HTTP status 403:\n\n- `CategoryNotSupported`: Zone.\n- `CategoryNotSupported`: Cluster.\n- `RegionUnauthorized`: No.")
        );
        assert_eq!(unplaced.len(), 2);
        assert_eq!(unplaced[0]["code"], json!("Mystery"));
    }
}
