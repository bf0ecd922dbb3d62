//! Request parameters as OpenAPI query parameters: `Action`, `Version`, `Format`, then the page's own in table order.

use std::collections::BTreeSet;

use super::tree::{tree, Json, Object};

use super::group::{self, Node};
use super::value_schema::{insert_some, insert_unexpressed, unexpressed_entry, ValueSchema};
use crate::ir::{Api, Enforcement, Param, Rule, ScalarType};

/// Parameters every operation sends and this module writes itself (a page row of that name is not repeated).
const COMMON: [&str; 3] = ["Action", "Version", "Format"];

/// The `components.parameters` key of the shared `Format` parameter.
pub const FORMAT_COMPONENT: &str = "Format";

/// An operation's parameter objects, and the page rows that could not be given one.
pub struct Parameters<'a> {
    pub list: Vec<Json<'a>>,
    /// `x-alibaba-skipped-parameters` entries.
    pub skipped: Vec<Json<'a>>,
}

enum Entry<'a> {
    Plain(&'a Param),
    Group(String, Node<'a>),
}

pub fn parameters<'a>(api: &'a Api, version: &'a str) -> Parameters<'a> {
    let mut skipped = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    for param in api.request.iter().filter(|p| !COMMON.contains(&p.wire_name.as_str())) {
        let Some((name, rest)) = group::split(param) else {
            entries.push(Entry::Plain(param));
            continue;
        };
        let at = entries.iter().position(|e| matches!(e, Entry::Group(n, _) if *n == name));
        let at = at.unwrap_or_else(|| {
            entries.push(Entry::Group(name, Node::list()));
            entries.len() - 1
        });
        let Entry::Group(_, node) = &mut entries[at] else { continue };
        if !node.insert_into_list(rest, param) {
            skipped
                .push(skip(param, "its wire name clashes with another parameter of the same repeated group"));
        }
    }

    let mut list = vec![
        action(&api.name),
        version_param(version),
        tree!({"$ref": format!("#/components/parameters/{FORMAT_COMPONENT}")}),
    ];
    let mut seen: BTreeSet<String> = COMMON.iter().map(|s| s.to_string()).collect();
    for entry in &entries {
        let name = match entry {
            Entry::Plain(param) => &param.wire_name,
            Entry::Group(name, _) => name,
        };
        if !seen.insert(name.clone()) {
            let values = match entry {
                Entry::Plain(param) => vec![*param],
                Entry::Group(_, node) => node.values(),
            };
            skipped
                .extend(values.into_iter().map(|p| skip(p, "another parameter already has its query name")));
            continue;
        }
        list.push(match entry {
            Entry::Plain(param) => plain(param),
            Entry::Group(name, node) => repeated(name, node),
        });
    }
    Parameters { list, skipped }
}

/// The `Format` parameter, shared by all operations: the document describes JSON responses only.
pub fn format_component() -> Json<'static> {
    tree!({
        "name": "Format",
        "in": "query",
        "required": true,
        "description": "The response format. This document describes the JSON responses, so it is always `JSON` (the service's own default is XML).",
        "schema": {"type": "string", "const": "JSON"}
    })
}

fn action(name: &str) -> Json<'_> {
    tree!({
        "name": "Action",
        "in": "query",
        "required": true,
        "description": format!("The operation to perform: `{name}`."),
        "schema": {"type": "string", "const": name}
    })
}

fn version_param(version: &str) -> Json<'_> {
    if version.is_empty() {
        return tree!({
            "name": "Version",
            "in": "query",
            "required": true,
            "description": "The API version (not known: the product has no `product.toml`).",
            "schema": {"type": "string"}
        });
    }
    tree!({
        "name": "Version",
        "in": "query",
        "required": true,
        "description": format!("The API version: `{version}`."),
        "schema": {"type": "string", "const": version}
    })
}

/// One parameter of its own, `in: query` (or `path`, `header` for a ROA operation).
pub(super) fn plain(param: &Param) -> Json<'_> {
    plain_in(param, "query")
}

pub(super) fn plain_in<'a>(param: &'a Param, location: &'static str) -> Json<'a> {
    let schema = ValueSchema::new(param.ty, &param.constraints);
    let mut unexpressed = schema.unexpressed().to_vec();
    for constraint in &param.constraints {
        if constraint.enforcement == Enforcement::Enforced
            && matches!(constraint.rule, Rule::RepeatCount { .. })
        {
            unexpressed.push(unexpressed_entry(constraint, Some("the parameter has no `.N` index".into())));
        }
    }
    let mut map = Object::new();
    map.push_new("name", &param.wire_name);
    map.push_new("in", location);
    map.push_new("required", param.required || location == "path");
    insert_some(&mut map, "description", description(param));
    let mut keywords = schema.keywords();
    let json_text = param.ty == ScalarType::Json;
    if json_text {
        // A JSON value goes on the wire as its text (`Parameters={"name":"Jack"}`): a string whose
        // content is JSON, as JSON Schema 2020-12 says it; its example is the doc's text.
        keywords = Object::new();
        keywords.push_new("type", "string");
        keywords.push_new("contentMediaType", "application/json");
    }
    if let Some(why) = super::facts::mark_schema(param.secret.as_ref(), &mut keywords) {
        map.insert("x-alibaba-secret", why);
    }
    map.insert("schema", keywords);
    insert_example(&mut map, "example", &schema, param);
    if json_text {
        if let (Some(example), Some(text)) = (map.get_mut("example"), param.example.as_deref()) {
            *example = Json::from(text.trim());
        }
    }
    insert_unexpressed(&mut map, &unexpressed);
    Json::Object(map)
}

fn repeated<'a>(name: &str, list: &Node<'a>) -> Json<'a> {
    let item = match list {
        Node::List(item) => item.as_ref(),
        other => other,
    };
    let mut map = Object::new();
    map.push_new("name", name.to_owned());
    map.push_new("in", "query");
    map.push_new("required", list.required());
    let mut schema = node_schema(list);
    let style = if let Node::Value(param) = item {
        insert_some(&mut map, "description", description(param));
        if let Some(items) = schema.get_mut("items").and_then(Json::as_object_mut) {
            items.swap_remove("description");
        }
        "repeatList"
    } else {
        let wire_names: Vec<String> = list.values().iter().map(|p| format!("`{}`", p.wire_name)).collect();
        map.insert(
            "description",
            format!("A repeated group, sent flattened as {} (N counts from 1).", wire_names.join(", ")),
        );
        "flat"
    };
    map.insert("schema", schema);
    map.insert("x-alibaba-style", style);
    Json::Object(map)
}

pub(super) fn node_schema<'a>(node: &Node<'a>) -> Object<'a> {
    match node {
        Node::Empty => Object::new(),
        Node::Value(param) => {
            let schema = ValueSchema::new(param.ty, &param.constraints);
            let mut map = schema.keywords();
            if let Some(why) = super::facts::mark_schema(param.secret.as_ref(), &mut map) {
                map.insert("x-alibaba-secret", why);
            }
            insert_some(&mut map, "description", description(param));
            insert_example(&mut map, "examples", &schema, param);
            insert_unexpressed(&mut map, schema.unexpressed());
            map
        }
        Node::Object(members) => {
            let mut properties = Object::new();
            let mut required = Vec::new();
            for (key, child) in members {
                properties.insert(key.clone(), node_schema(child));
                if child.required() {
                    required.push(Json::from(key.clone()));
                }
            }
            let mut map = Object::new();
            map.push_new("type", "object");
            map.push_new("properties", properties);
            if !required.is_empty() {
                map.push_new("required", required);
            }
            map
        }
        Node::List(item) => {
            let mut map = Object::new();
            map.push_new("type", "array");
            map.push_new("items", node_schema(item));
            if let Some((min, max)) = repeat_bounds(&item.direct_values()) {
                if min > 0 {
                    map.push_new("minItems", min);
                }
                map.push_new("maxItems", max);
            }
            map
        }
    }
}

/// The tightest enforced `RepeatCount` among the values numbered by one `.N`.
fn repeat_bounds(values: &[&Param]) -> Option<(u32, u32)> {
    values
        .iter()
        .filter_map(|p| ValueSchema::new(p.ty, &p.constraints).repeat)
        .reduce(|(a, b), (c, d)| (a.max(c), b.min(d)))
}

/// The doc's example, when the schema admits it (as `example` on a parameter, `examples` in a schema);
/// otherwise `x-alibaba-example-omitted` says why it was left out.
fn insert_example(map: &mut Object, key: &'static str, schema: &ValueSchema, param: &Param) {
    let Some(example) = param.example.as_deref().filter(|e| !e.trim().is_empty()) else { return };
    match schema.value(example) {
        Ok(value) if key == "examples" => {
            map.insert(key, tree!([value]));
        }
        Ok(value) => {
            map.insert(key, value);
        }
        Err(why) => {
            map.insert(
                "x-alibaba-example-omitted",
                format!("the doc's example {example:?} does not fit: {why}"),
            );
        }
    }
}

fn description(param: &Param) -> Option<Json<'_>> {
    let text = param.description.markdown.trim();
    (!text.is_empty()).then(|| Json::from(text))
}

pub(super) fn skip<'a>(param: &'a Param, reason: &'static str) -> Json<'a> {
    tree!({"wire_name": &param.wire_name, "line": param.line, "reason": reason})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::openapi::fixtures::{api, param, text};
    use crate::ir::{Constraint, ScalarType};
    use serde_json::json;

    fn enforced(rule: Rule) -> Constraint {
        Constraint { rule, source: "sentence".into(), enforcement: Enforcement::Enforced }
    }

    #[test]
    fn plain_parameters_carry_type_rules_example_and_required() {
        let mut api = api("RunInstances");
        let mut amount = param("Amount");
        amount.ty = ScalarType::Integer;
        amount.required = true;
        amount.example = Some("3".into());
        amount.description = text("How many.");
        amount.constraints = vec![enforced(Rule::Range { min: Some(1.0), max: Some(100.0) })];
        let mut action_row = param("Action");
        action_row.example = Some("RunInstances".into());
        api.request = vec![action_row, amount];
        let params = parameters(&api, "2014-05-26");
        assert!(params.skipped.is_empty());
        assert_eq!(params.list.len(), 4);
        assert_eq!(params.list[0]["schema"], json!({"type": "string", "const": "RunInstances"}));
        assert_eq!(params.list[1]["schema"], json!({"type": "string", "const": "2014-05-26"}));
        assert_eq!(
            params.list[3],
            json!({
                "name": "Amount", "in": "query", "required": true, "description": "How many.",
                "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 100},
                "example": 3
            })
        );
    }

    #[test]
    fn a_json_parameter_is_a_string_of_json_text_with_the_docs_text_as_example() {
        let mut api = api("RunCommand");
        let mut parameters_row = param("Parameters");
        parameters_row.ty = ScalarType::Json;
        parameters_row.example = Some(r#"{"name":"Jack", "key":"v"}"#.into());
        let mut broken = param("Broken");
        broken.ty = ScalarType::Json;
        broken.example = Some("{name".into());
        api.request = vec![parameters_row, broken];
        let params = parameters(&api, "2014-05-26");
        let named = |name: &str| params.list.iter().find(|p| p["name"] == name).expect("listed").to_value();
        assert_eq!(
            named("Parameters"),
            json!({
                "name": "Parameters", "in": "query", "required": false,
                "schema": {"type": "string", "contentMediaType": "application/json"},
                "example": r#"{"name":"Jack", "key":"v"}"#
            })
        );
        // An example that is not JSON is left out, with the reason.
        let broken = named("Broken");
        assert_eq!(broken.get("example"), None);
        assert!(broken["x-alibaba-example-omitted"].as_str().is_some_and(|w| w.contains("{name")));
    }

    #[test]
    fn repeated_groups_become_arrays_in_table_order() {
        let mut api = api("RunInstances");
        let mut size = param("DataDisk.N.Size");
        size.ty = ScalarType::Integer;
        size.required = true;
        size.example = Some("2000000".into());
        size.constraints = vec![
            enforced(Rule::Range { min: Some(20.0), max: Some(32768.0) }),
            enforced(Rule::RepeatCount { min: 1, max: 16 }),
        ];
        let mut ids = param("SecurityGroupIds.N");
        ids.description = text("Security groups.");
        ids.example = Some("sg-1".into());
        ids.constraints = vec![enforced(Rule::RepeatCount { min: 1, max: 5 })];
        api.request = vec![size, param("RegionId"), ids, param("DataDisk.N.Category")];
        let params = parameters(&api, "2014-05-26");
        let names: Vec<&str> = params.list[3..].iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["DataDisk", "RegionId", "SecurityGroupIds"]);
        assert_eq!(
            params.list[3],
            json!({
                "name": "DataDisk", "in": "query", "required": false,
                "description": "A repeated group, sent flattened as `DataDisk.N.Size`, `DataDisk.N.Category` (N counts from 1).",
                "schema": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "Size": {
                                "type": "integer", "format": "int32", "minimum": 20, "maximum": 32768,
                                "x-alibaba-example-omitted": "the doc's example \"2000000\" does not fit: 2000000 is outside the documented range"
                            },
                            "Category": {"type": "string"}
                        },
                        "required": ["Size"]
                    },
                    "minItems": 1,
                    "maxItems": 16
                },
                "x-alibaba-style": "flat"
            })
        );
        assert_eq!(
            params.list[5],
            json!({
                "name": "SecurityGroupIds", "in": "query", "required": false, "description": "Security groups.",
                "schema": {"type": "array", "items": {"type": "string", "examples": ["sg-1"]}, "minItems": 1, "maxItems": 5},
                "x-alibaba-style": "repeatList"
            })
        );
    }

    #[test]
    fn clashing_and_duplicate_rows_are_skipped_with_a_reason() {
        let mut api = api("TagResources");
        api.request =
            vec![param("Tag.N"), param("Tag.N.Key"), param("RegionId"), param("RegionId"), param("Tag")];
        let params = parameters(&api, "");
        let skipped: Vec<&str> = params.skipped.iter().map(|s| s["wire_name"].as_str().unwrap()).collect();
        assert_eq!(skipped, ["Tag.N.Key", "RegionId", "Tag"]);
        assert_eq!(params.list.len(), 5);
        assert_eq!(params.list[1]["schema"], json!({"type": "string"}));
    }
}
