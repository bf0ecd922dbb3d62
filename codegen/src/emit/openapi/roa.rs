//! A ROA (RESTful) operation's request: its path template as an OpenAPI path, path, query and
//! header parameters, and the request body as one schema. The common headers (`x-acs-version`
//! among them) are the signer's, named by the `AcsSignature` security scheme.

use super::tree::{tree, Json, Object};

use super::group::Node;
use super::params::{node_schema, plain_in, skip};
use crate::ir::{Api, BodyEncoding, Position, Roa};

/// `/openapi/instances/{InstanceId}/snapshot-repos` for `…/[InstanceId]/…`.
pub fn path_key(roa: &Roa) -> String {
    roa.path.replace('[', "{").replace(']', "}")
}

/// The method as an OpenAPI path item key (`post`).
pub fn method_key(roa: &Roa) -> String {
    roa.method.as_str().to_ascii_lowercase()
}

/// The operation's parameters and body, and the rows that could not be placed.
pub struct Request<'a> {
    pub parameters: Vec<Json<'a>>,
    pub body: Option<Json<'a>>,
    pub skipped: Vec<Json<'a>>,
}

/// The page's path, query and header parameters in table order, and the body parameters as one
/// request body.
pub fn request<'a>(api: &'a Api, roa: &Roa) -> Request<'a> {
    let mut parameters = Vec::new();
    let mut skipped = Vec::new();
    let mut body = Node::Empty;
    let mut body_required = false;
    for param in &api.request {
        let location = match param.position {
            Position::Path => "path",
            Position::Query => "query",
            Position::Header => "header",
            Position::Body => {
                if body.insert_member(&param.path, param) {
                    body_required |= param.required;
                } else {
                    skipped.push(skip(param, "its JSON path clashes with another body parameter"));
                }
                continue;
            }
        };
        if param.path.len() > 1 || param.path.iter().any(|s| s.index != crate::ir::Index::None) {
            skipped.push(skip(
                param,
                "a structured parameter outside the body has no wire form in ROA requests",
            ));
            continue;
        }
        if location == "header" && param.wire_name.eq_ignore_ascii_case("x-acs-version") {
            continue;
        }
        parameters.push(plain_in(param, location));
    }
    let body = roa.body.as_ref().filter(|_| !matches!(body, Node::Empty)).map(|b| {
        let schema = match (&b.whole, &body) {
            (Some(whole), Node::Object(members)) => members
                .iter()
                .find(|(k, _)| k == whole)
                .map_or_else(Object::new, |(_, node)| node_schema(node)),
            _ => node_schema(&body),
        };
        let content_type = match b.encoding {
            BodyEncoding::Json => "application/json",
            BodyEncoding::Form => "application/x-www-form-urlencoded",
        };
        tree!({
            "required": body_required,
            "content": { content_type: { "schema": schema } }
        })
    });
    Request { parameters, body, skipped }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::openapi::fixtures::{api, param};
    use crate::ir::{Body, HttpMethod, Index, PositionFrom, Wire};
    use serde_json::json;

    fn roa_api() -> (Api, Roa) {
        let mut a = api("CreateCollector");
        let mut id = param("InstanceId");
        id.position = Position::Path;
        id.required = true;
        let token = param("clientToken");
        let mut name = param("name");
        name.position = Position::Body;
        name.required = true;
        let mut file = param("configs.N.fileName");
        file.position = Position::Body;
        file.position_from = PositionFrom::BodyTable;
        a.request = vec![id, token, name, file];
        let roa = Roa {
            method: HttpMethod::Post,
            methods: vec![],
            path: "/openapi/instances/[InstanceId]/collectors".into(),
            path_params: vec!["InstanceId".into()],
            body: Some(Body { encoding: BodyEncoding::Json, whole: None, example: None, line: 3 }),
            line: 2,
        };
        a.wire = Wire::Roa(roa.clone());
        (a, roa)
    }

    #[test]
    fn path_query_and_body_go_where_the_docs_put_them() {
        let (a, roa) = roa_api();
        assert_eq!(path_key(&roa), "/openapi/instances/{InstanceId}/collectors");
        assert_eq!(method_key(&roa), "post");
        let r = request(&a, &roa);
        let placed: Vec<(&str, &str)> =
            r.parameters.iter().map(|p| (p["name"].as_str().unwrap(), p["in"].as_str().unwrap())).collect();
        assert_eq!(placed, [("InstanceId", "path"), ("clientToken", "query")]);
        let body = r.body.unwrap();
        assert_eq!(body["required"], json!(true));
        let schema = &body["content"]["application/json"]["schema"];
        assert_eq!(schema["required"], json!(["name"]));
        assert_eq!(schema["properties"]["configs"]["type"], json!("array"));
        assert_eq!(
            schema["properties"]["configs"]["items"]["properties"]["fileName"]["type"],
            json!("string")
        );
        assert!(r.skipped.is_empty());
    }

    #[test]
    fn a_whole_body_is_the_array_itself() {
        let (mut a, mut roa) = roa_api();
        let mut zones = param("RequestBody.N");
        zones.position = Position::Body;
        assert_eq!(zones.path[0].index, Index::Each);
        a.request = vec![zones];
        roa.body.as_mut().unwrap().whole = Some("RequestBody".into());
        let r = request(&a, &roa);
        let schema = &r.body.unwrap()["content"]["application/json"]["schema"];
        assert_eq!(schema["type"], json!("array"));
        assert_eq!(schema["items"]["type"], json!("string"));
    }
}
