//! Responses: the success schema from the response table with the page's JSON sample, and one error response per documented status.

use std::collections::BTreeMap;

use serde_json::Value;

use super::tree::{tree, Json, Object};
use super::{conform, pattern, scalar};
use crate::ir::{Api, ErrorRow, Field, FieldShape};

/// The `components.schemas` key of the service's error body.
pub const ERROR_BODY_COMPONENT: &str = "ErrorBody";

/// The object schema of a success body, from the response table.
pub fn success_schema(fields: &[Field]) -> Json<'_> {
    Json::Object(object(fields))
}

/// The `200` response: `schema_ref` points at [`success_schema`]; the page's JSON sample is the
/// example when it parses and fits the schema, else `x-alibaba-example-omitted` says why not.
pub fn success_response<'a>(api: &Api, schema: &Json, schema_ref: String) -> Json<'a> {
    let mut media = Object::new();
    media.push_new("schema", tree!({"$ref": schema_ref}));
    if let Some(sample) = api.examples.json_response.as_deref() {
        // A sample written as a whole HTTP response: its body.
        match serde_json::from_str::<Value>(crate::parse::examples::payload(sample)) {
            Err(e) => {
                media.push_new(
                    "x-alibaba-example-omitted",
                    format!("the page's JSON sample is not JSON: {e}"),
                );
            }
            Ok(value) => match conform::mismatch(schema, &value) {
                None => {
                    media.push_new("example", value);
                }
                Some(why) => {
                    media.push_new(
                        "x-alibaba-example-omitted",
                        format!("the page's JSON sample does not fit the response table: {why}"),
                    );
                }
            },
        }
    }
    tree!({"description": "Success.", "content": {"application/json": media}})
}

/// One response per documented HTTP error status (ascending), and the rows that have no usable status
/// (`x-alibaba-unplaced-errors` entries).
pub fn error_responses(errors: &[ErrorRow]) -> (Vec<(String, Json<'_>)>, Vec<Json<'_>>) {
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

fn error_response<'a>(status: u16, rows: &[&'a ErrorRow]) -> Json<'a> {
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
    let mut code = error_code_schema();
    // `Invalid%s.ValueNotSupported`: the service puts a name where the docs write `%s`.
    let (patterns, exact): (Vec<&str>, Vec<&str>) = codes.into_iter().partition(|c| c.contains("%s"));
    match (exact.is_empty(), patterns.as_slice()) {
        (_, []) => code.push_new("enum", exact),
        (true, [one]) => code.push_new("pattern", pattern::code_pattern(one)),
        _ => {
            let exact = (!exact.is_empty()).then(|| tree!({"enum": exact}));
            let patterns = patterns.iter().map(|p| tree!({"pattern": pattern::code_pattern(p)}));
            code.push_new("anyOf", exact.into_iter().chain(patterns).collect::<Vec<Json>>());
        }
    }
    tree!({
        "description": format!("Errors documented with HTTP status {status}:\n\n{}", lines.join("\n")),
        "content": {"application/json": {"schema": error_body(code, None)}}
    })
}

/// The `default` response: any error, with the service's error body.
pub fn default_response() -> Json<'static> {
    tree!({
        "description": "Any other error, among them the product's common errors (`x-alibaba-common-errors` on the operation's tag), with the service's error body.",
        "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{ERROR_BODY_COMPONENT}")}}}
    })
}

/// The service's error body (`ErrorBody` in the runtime).
pub fn error_body_component() -> Json<'static> {
    error_body(error_code_schema(), Some("The body of every error response."))
}

/// The error body's `Code` member, before an error response adds the codes it documents.
fn error_code_schema() -> Object<'static> {
    let mut code = Object::new();
    code.push_new("type", "string");
    code.push_new("description", "The error code.");
    code
}

/// The error body's schema, its `Code` member `code`.
fn error_body<'a>(code: Object<'a>, description: Option<&'static str>) -> Json<'a> {
    let mut body = Object::new();
    body.push_new("type", "object");
    body.push_new(
        "properties",
        tree!({
            "RequestId": {"type": "string", "description": "The request ID."},
            "HostId": {"type": "string", "description": "The endpoint that answered."},
            "Code": code,
            "Message": {"type": "string", "description": "The error message."},
            "Recommend": {"type": "string", "description": "A link to a diagnosis of the error."}
        }),
    );
    if let Some(description) = description {
        body.push_new("description", description);
    }
    Json::Object(body)
}

fn unplaced_row<'a>(row: &'a ErrorRow, reason: &'static str) -> Json<'a> {
    tree!({"status": row.status, "code": &row.code, "message": &row.message, "line": row.line, "reason": reason})
}

fn object(fields: &[Field]) -> Object<'_> {
    let mut properties = Object::new();
    for field in fields {
        // Of two fields with one name, the first.
        if !properties.contains_key(&field.name) {
            properties.push_new(field.name.as_str(), field_schema(field));
        }
    }
    let mut object = Object::new();
    object.push_new("type", "object");
    object.push_new("properties", properties);
    object
}

fn field_schema(field: &Field) -> Json<'_> {
    let mut schema = match &field.shape {
        FieldShape::Scalar { ty } => {
            let mut map = scalar::type_keywords(*ty);
            if let Some(example) = field.example.as_deref().filter(|e| !e.trim().is_empty()) {
                match scalar::typed_value(*ty, example) {
                    Some(value) => {
                        map.push_new("examples", tree!([value]));
                    }
                    None => {
                        let ty = scalar::json_type(*ty).unwrap_or_default();
                        map.push_new(
                            "x-alibaba-example-omitted",
                            format!("the doc's example {example:?} does not fit: not a JSON {ty}"),
                        );
                    }
                }
            }
            map
        }
        FieldShape::ScalarList { ty, wrapper } => {
            wrapped(wrapper.as_deref(), array(scalar::type_keywords(*ty)))
        }
        FieldShape::Struct { fields } => object(fields),
        FieldShape::Array { wrapper, fields, .. } => wrapped(wrapper.as_deref(), array(object(fields))),
    };
    let description = field.description.markdown.trim();
    if !description.is_empty() {
        schema.insert("description", description);
    }
    let target = match schema.get_mut("items").and_then(Json::as_object_mut) {
        Some(items) if matches!(field.shape, FieldShape::ScalarList { wrapper: None, .. }) => items,
        _ => &mut schema,
    };
    if let Some(why) = super::facts::mark_schema(field.secret.as_ref(), target) {
        schema.insert("x-alibaba-secret", why);
    }
    Json::Object(schema)
}

/// `{"type": "array", "items": items}`.
fn array(items: Object) -> Object {
    let mut array = Object::new();
    array.push_new("type", "array");
    array.push_new("items", items);
    array
}

/// `{"type":"object","properties":{wrapper: array}}` when the JSON wraps the list, else the array.
fn wrapped<'a>(wrapper: Option<&'a str>, array: Object<'a>) -> Object<'a> {
    match wrapper {
        Some(key) => {
            let mut properties = Object::new();
            properties.push_new(key, array);
            let mut object = Object::new();
            object.push_new("type", "object");
            object.push_new("properties", properties);
            object
        }
        None => array,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::openapi::fixtures::{api, text};
    use crate::ir::ScalarType;
    use serde_json::json;

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
            error_response(400, rows)["content"]["application/json"]["schema"]["properties"]["Code"]
                .to_value()
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
        let fields = [key, field("KeyPairName", FieldShape::Scalar { ty: ScalarType::String })];
        let schema = success_schema(&fields);
        let body = &schema["properties"]["PrivateKeyBody"];
        assert_eq!(body["format"], json!("password"));
        assert_eq!(body["x-alibaba-secret"]["why"], json!("the name ends in `private key`"));
        assert_eq!(schema["properties"]["KeyPairName"].get("x-alibaba-secret"), None);
        let pins = [pins];
        let list = &success_schema(&pins)["properties"]["Pins"];
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
        let fields = [field("Count", FieldShape::Scalar { ty: ScalarType::Integer })];
        let schema = success_schema(&fields);
        let mut api = api("Describe");
        api.examples.json_response = Some(r#"{"Count": 3, "RequestId": "x"}"#.into());
        let media = &success_response(&api, &schema, "#/x".into())["content"]["application/json"];
        assert_eq!(media["example"], json!({"Count": 3, "RequestId": "x"}));
        api.examples.json_response = Some(r#"{"Count": "3"}"#.into());
        let media = &success_response(&api, &schema, "#/x".into())["content"]["application/json"];
        assert_eq!(media.get("example"), None);
        assert_eq!(
            media["x-alibaba-example-omitted"],
            json!("the page's JSON sample does not fit the response table: $.Count: expected integer, found string")
        );
        api.examples.json_response = Some("{\"Count\": 3,}".into());
        let media = &success_response(&api, &schema, "#/x".into())["content"]["application/json"];
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
