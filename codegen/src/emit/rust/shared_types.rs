//! Types identical in several APIs of a product, emitted once into `src/shared.rs`: value enums,
//! request groups (`Tag`), nested response objects, and the response that holds only the request id.
//!
//! Two APIs share a type when everything but its prose is the same: its Rust name and, for an
//! enum, its values; for a request group, its wire prefix and each field's name, type, flags and
//! rules (with their sources); for a response object, each field's JSON key and type; a whole
//! response whose only member is `RequestId` is [`REQUEST_ID_RESPONSE`] in every API. Types a
//! shared type uses are then shared by the same APIs too. A shared type keeps the first API's (by
//! name) descriptions and says which APIs take it; each of those API modules re-exports it, and it
//! compiles when any of their features is on.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::api_module::{group_doc, holds_secret, response_doc, ApiPlan};
use super::docs::code_span;
use super::names::{self, Namer};
use super::render::{Block, BlockKind, Piece, RustTokens};
use super::request_model::{FieldKind, RequestModel, ValueType};
use super::response_model::{ResponseKind, ResponseModel, ResponseStruct};
use super::structs::{self, SchemaUses};
use super::value_enums;

/// The product's module of shared types (`src/shared.rs`); API modules are named apart from it.
pub const MODULE: &str = "shared";

/// The shared type of every response that holds only the request id (each API names it
/// `<Api>Response` by a type alias).
pub const REQUEST_ID_RESPONSE: &str = "RequestIdResponse";

/// What kind of type a key names, in the order `shared.rs` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Enum,
    Group,
    Response,
    /// A whole response (`structs[0]`) that is [`REQUEST_ID_RESPONSE`].
    RequestIdResponse,
}

/// What makes two APIs' types one type.
fn enum_key(request: &RequestModel, index: usize) -> String {
    let e = &request.enums[index];
    let values: Vec<String> = e.variants.iter().map(|(v, value, _)| format!("{v}={value:?}")).collect();
    format!("enum {}[{}]", e.rust_name, values.join(","))
}

fn group_key(request: &RequestModel, index: usize) -> String {
    let s = &request.structs[index];
    let value = |v: ValueType| match v {
        ValueType::Scalar(ty) => format!("{ty:?}"),
        ValueType::Enum(i) => enum_key(request, i),
    };
    let fields: Vec<String> = s
        .fields
        .iter()
        .map(|f| {
            let kind = match f.kind {
                FieldKind::Scalar(v) => value(v),
                FieldKind::List(v) => format!("list {}", value(v)),
                FieldKind::Group(i) => group_key(request, i),
                FieldKind::GroupList(i) => format!("list {}", group_key(request, i)),
            };
            format!("{}:{}:{}:{}:{}:{:?}", f.doc_name, f.rust_name, f.required, f.secret, kind, f.checks)
        })
        .collect();
    format!("struct {}@{}{{{}}}{:?}", s.rust_name, s.wire_prefix, fields.join(","), s.cross)
}

fn response_key(response: &ResponseModel, index: usize) -> String {
    let s = &response.structs[index];
    let fields: Vec<String> = s
        .fields
        .iter()
        .map(|f| {
            let kind = match f.kind {
                ResponseKind::Scalar(ty) => format!("{ty:?}"),
                ResponseKind::ScalarList(ty, wrapped) => format!("list {ty:?} {wrapped}"),
                ResponseKind::Struct(i) => response_key(response, i),
                ResponseKind::StructList(i, wrapped) => {
                    format!("list {} {wrapped}", response_key(response, i))
                }
            };
            format!("{}:{}:{}:{}", f.json_name, f.rust_name, f.secret, kind)
        })
        .collect();
    format!("response {}{{{}}}", s.rust_name, fields.join(","))
}

/// Whether the response of `plan` holds only `RequestId`, a plain string, and the module names no
/// type [`REQUEST_ID_RESPONSE`] of its own (an API named `RequestId` keeps its response).
fn is_request_id_response(plan: &ApiPlan) -> bool {
    let own_names = [&plan.request_name, &plan.response_name, &plan.error_name, &plan.code_name];
    let named_here = own_names.into_iter().any(|n| n == REQUEST_ID_RESPONSE)
        || plan.request.structs.iter().any(|s| s.rust_name == REQUEST_ID_RESPONSE)
        || plan.request.enums.iter().any(|e| e.rust_name == REQUEST_ID_RESPONSE)
        || plan.response.structs.iter().any(|s| s.rust_name == REQUEST_ID_RESPONSE);
    let string = ResponseKind::Scalar(crate::ir::ScalarType::String);
    !named_here
        && matches!(&plan.response.structs[0].fields[..], [f] if f.json_name == "RequestId" && f.kind == string && !f.secret)
}

/// One API's use of a type: `(plan, index)` into its enums, request structs or response structs.
type User = (usize, usize);

/// Marks in `plans` every type shared with another API, and gives the tokens of `shared.rs`, or `None`
/// when no type is shared. `features[i]` is the cargo feature of `plans[i]`.
pub fn share_types(plans: &mut [ApiPlan], features: &[String]) -> Option<RustTokens> {
    let mut groups: BTreeMap<(Kind, String), Vec<User>> = BTreeMap::new();
    for (p, plan) in plans.iter().enumerate() {
        for e in 0..plan.request.enums.len() {
            groups.entry((Kind::Enum, enum_key(&plan.request, e))).or_default().push((p, e));
        }
        for s in 1..plan.request.structs.len() {
            groups.entry((Kind::Group, group_key(&plan.request, s))).or_default().push((p, s));
        }
        for s in 1..plan.response.structs.len() {
            groups.entry((Kind::Response, response_key(&plan.response, s))).or_default().push((p, s));
        }
        if is_request_id_response(plan) {
            groups.entry((Kind::RequestIdResponse, String::new())).or_default().push((p, 0));
        }
    }
    let api_names: Vec<String> = plans.iter().map(|p| p.api.name.clone()).collect();
    let api_name = |p: usize| api_names[p].as_str();
    let shared: Vec<(Kind, Vec<User>)> = groups
        .into_iter()
        .filter(|(_, users)| users.len() > 1)
        .map(|((kind, _), mut users)| {
            users.sort_by(|a, b| api_name(a.0).cmp(api_name(b.0)).then(a.cmp(b)));
            (kind, users)
        })
        .collect();
    if shared.is_empty() {
        return None;
    }
    let name_of = |kind: Kind, (p, i): User| -> String {
        match kind {
            Kind::Enum => plans[p].request.enums[i].rust_name.clone(),
            Kind::Group => plans[p].request.structs[i].rust_name.clone(),
            Kind::Response => plans[p].response.structs[i].rust_name.clone(),
            Kind::RequestIdResponse => REQUEST_ID_RESPONSE.to_owned(),
        }
    };
    let mut shared: Vec<(Kind, String, Vec<User>)> =
        shared.into_iter().map(|(kind, users)| (kind, name_of(kind, users[0]), users)).collect();
    shared.sort_by(|a, b| (a.0, &a.1, api_name(a.2[0].0)).cmp(&(b.0, &b.1, api_name(b.2[0].0))));

    let mut namer = Namer::with_reserved(&[]);
    let modules: Vec<String> = shared.iter().map(|(_, name, _)| namer.claim(&[names::snake(name)])).collect();
    for ((kind, _, users), module) in shared.iter().zip(&modules) {
        for &(p, i) in users {
            let slot = match kind {
                Kind::Enum => &mut plans[p].shared_enums[i],
                Kind::Group => &mut plans[p].shared_groups[i],
                Kind::Response | Kind::RequestIdResponse => &mut plans[p].shared_responses[i],
            };
            *slot = Some(module.clone());
        }
    }
    let mut file = RustTokens::with_inner_doc(
        "Types several APIs of this product take (value enums, request groups, response objects),\n\
         each in a module compiled when one of those APIs' features is on; the API modules re-export them.",
    );
    for ((kind, _, users), module) in shared.iter().zip(&modules) {
        let mut gate: Vec<&str> = users.iter().map(|&(p, _)| features[p].as_str()).collect();
        gate.sort_unstable();
        gate.dedup();
        let apis: Vec<String> = users.iter().map(|&(p, _)| code_span(api_name(p))).collect();
        let note = format!("\n\nOne type for the APIs that take it: {}.", apis.join(", "));
        let (p, i) = users[0];
        let plan = &plans[p];
        let m = names::ident(module);
        let mut block =
            Block::new(BlockKind::Module, quote!(#[cfg(any( #( feature = #gate ),* ))] pub mod #m));
        let body = match kind {
            Kind::Enum => shared_enum(plan, users, plans, i, &note),
            Kind::Group => shared_group(plan, users, plans, i, &note),
            Kind::Response => shared_response(plan, users, plans, i, &note),
            Kind::RequestIdResponse => shared_request_id_response(plan, users, plans, &note),
        };
        body.into_iter().for_each(|piece| block.push_piece(piece));
        file.push_block(block);
    }
    Some(file)
}

/// The note on a shared type whose pages describe it differently.
fn differs_note(differs: bool, users: &[User], plans: &[ApiPlan]) -> String {
    if differs {
        format!(
            " Their pages describe some of it differently; the descriptions here are `{}`'s.",
            plans[users[0].0].api.name
        )
    } else {
        String::new()
    }
}

/// `use super::module::Name;` for the shared types a shared type uses.
fn sibling_uses(names: impl Iterator<Item = (String, String)>) -> TokenStream {
    let mut names: Vec<(String, String)> = names.collect();
    names.sort();
    names.dedup();
    let uses = names.iter().map(|(module, name)| {
        let (module, name) = (names::ident(module), format_ident!("{}", name));
        quote!(use super::#module::#name;)
    });
    quote!( #( #uses )* )
}

fn shared_enum(plan: &ApiPlan, users: &[User], plans: &[ApiPlan], index: usize, note: &str) -> Vec<Piece> {
    let e = &plan.request.enums[index];
    let differs = users.iter().any(|&(p, i)| plans[p].request.enums[i].variants != e.variants);
    let doc = format!("{}{note}{}", value_enums::own_doc(e), differs_note(differs, users, plans));
    let mut pieces = vec![Piece::Items(quote!(
        use crate::runtime::UnknownValue;
    ))];
    pieces.extend(value_enums::enum_items(e, &doc));
    pieces
}

fn shared_group(plan: &ApiPlan, users: &[User], plans: &[ApiPlan], index: usize, note: &str) -> Vec<Piece> {
    let request = &plan.request;
    let s = &request.structs[index];
    let docs = |p: usize, i: usize| -> Vec<String> {
        plans[p].request.structs[i].fields.iter().map(|f| f.doc.clone()).collect()
    };
    let differs = users.iter().any(|&(p, i)| docs(p, i) != docs(users[0].0, index));
    let doc = format!("{}{note}{}", group_doc(&s.wire_prefix), differs_note(differs, users, plans));
    let mut uses = SchemaUses::default();
    let schema_impl = structs::request_schema(request, index, &mut uses);
    let deps = s.fields.iter().filter_map(|f| {
        let (module, name) = match f.kind {
            FieldKind::Scalar(ValueType::Enum(e)) | FieldKind::List(ValueType::Enum(e)) => {
                (plan.shared_enums[e].clone()?, request.enums[e].rust_name.clone())
            }
            FieldKind::Group(g) | FieldKind::GroupList(g) => {
                (plan.shared_groups[g].clone()?, request.structs[g].rust_name.clone())
            }
            FieldKind::Scalar(ValueType::Scalar(_)) | FieldKind::List(ValueType::Scalar(_)) => return None,
        };
        Some((module, name))
    });
    let deps = sibling_uses(deps);
    let secret = s.fields.iter().any(holds_secret).then(|| {
        quote!(
            use crate::runtime::Secret;
        )
    });
    let name: Ident = format_ident!("{}", s.rust_name);
    let mut pieces = vec![Piece::Items(quote!(#secret #deps))];
    pieces.extend(structs::request_struct(request, index, &doc).into_iter().map(Piece::from));
    pieces.push(Piece::Items(quote!(crate::runtime::json_form!(#name);)));
    pieces.extend(uses.module(vec![schema_impl]).map(Piece::from));
    pieces
}

fn shared_response(
    plan: &ApiPlan,
    users: &[User],
    plans: &[ApiPlan],
    index: usize,
    note: &str,
) -> Vec<Piece> {
    let response = &plan.response;
    let s = &response.structs[index];
    let docs = |p: usize, i: usize| -> Vec<String> {
        plans[p].response.structs[i].fields.iter().map(|f| f.doc.clone()).collect()
    };
    let differs = users.iter().any(|&(p, i)| docs(p, i) != docs(users[0].0, index));
    let doc = format!("{}{note}{}", response_doc(&s.doc_name), differs_note(differs, users, plans));
    let mut uses = SchemaUses::default();
    let schema_impl = structs::response_schema(response, index, &mut uses);
    let deps = s.fields.iter().filter_map(|f| match f.kind {
        ResponseKind::Struct(i) | ResponseKind::StructList(i, _) => {
            Some((plan.shared_responses[i].clone()?, response.structs[i].rust_name.clone()))
        }
        ResponseKind::Scalar(_) | ResponseKind::ScalarList(..) => None,
    });
    let deps = sibling_uses(deps);
    let name: Ident = format_ident!("{}", s.rust_name);
    let mut pieces = vec![Piece::Items(deps)];
    pieces.push(structs::response_struct(response, index, &doc).into());
    pieces.push(Piece::Items(quote!(crate::runtime::lenient_json!(#name);)));
    pieces.extend(uses.module(vec![schema_impl]).map(Piece::from));
    pieces
}

/// [`REQUEST_ID_RESPONSE`], made from the first API's response (its field's doc and example).
fn shared_request_id_response(plan: &ApiPlan, users: &[User], plans: &[ApiPlan], note: &str) -> Vec<Piece> {
    let root = &plan.response.structs[0];
    let docs = |p: usize| -> Vec<&str> {
        plans[p].response.structs[0].fields.iter().map(|f| f.doc.as_str()).collect()
    };
    let differs = users.iter().any(|&(p, _)| docs(p) != docs(users[0].0));
    let doc = format!(
        "A successful response that holds only the ID of the request.{note}{}",
        differs_note(differs, users, plans)
    );
    let model = ResponseModel {
        structs: vec![ResponseStruct {
            rust_name: REQUEST_ID_RESPONSE.to_owned(),
            doc_name: root.doc_name.clone(),
            fields: root.fields.clone(),
        }],
    };
    let mut uses = SchemaUses::default();
    let schema_impl = structs::response_schema(&model, 0, &mut uses);
    let name: Ident = format_ident!("{}", REQUEST_ID_RESPONSE);
    let mut pieces = vec![Piece::from(structs::response_struct(&model, 0, &doc))];
    pieces.push(Piece::Items(quote!(crate::runtime::lenient_json!(#name);)));
    pieces.extend(uses.module(vec![schema_impl]).map(Piece::from));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{self, FieldShape, ScalarType};

    fn api(name: &str, response: &[&str]) -> ir::Api {
        let field = |name: &&str| ir::Field {
            name: (*name).to_owned(),
            doc_type: "String".to_owned(),
            shape: FieldShape::Scalar { ty: ScalarType::String },
            example: None,
            description: Default::default(),
            line: 1,
            secret: None,
        };
        ir::Api {
            name: name.to_owned(),
            response: response.iter().map(field).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn responses_of_the_request_id_only_share_one_type_unless_the_module_names_it() {
        let apis = [
            api("DeleteThing", &["RequestId"]),
            api("StopThing", &["RequestId"]),
            api("RequestId", &["RequestId"]),
            api("DescribeThing", &["RequestId", "Name"]),
            api("GetToken", &["requestId"]),
        ];
        let mut plans: Vec<ApiPlan> = apis.iter().map(|a| ApiPlan::new(a, "2014-05-26")).collect();
        let features: Vec<String> = apis.iter().map(|a| names::snake(&a.name)).collect();
        let shared = super::super::render::render(
            share_types(&mut plans, &features).expect("two responses are shared"),
        );
        let roots: Vec<Option<&str>> = plans.iter().map(|p| p.shared_responses[0].as_deref()).collect();
        assert_eq!(roots, [Some("request_id_response"), Some("request_id_response"), None, None, None]);
        assert!(shared.contains("pub struct RequestIdResponse"), "{shared}");
        assert!(shared.contains(r#"feature = "delete_thing", feature = "stop_thing""#), "{shared}");
        let module = super::super::render::render(plans[0].module_tokens());
        assert!(
            module.contains("pub use crate::shared::request_id_response::RequestIdResponse;"),
            "{module}"
        );
        assert!(module.contains("pub type DeleteThingResponse = RequestIdResponse;"), "{module}");
        assert!(!module.contains("pub struct DeleteThingResponse"), "{module}");
        let own = super::super::render::render(plans[2].module_tokens());
        assert!(own.contains("pub struct RequestIdResponse"), "{own}");
    }
}
