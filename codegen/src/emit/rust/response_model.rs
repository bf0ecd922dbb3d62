//! The response's shape as Rust sees it: one struct per object in the response tree, identical nested
//! objects of one response sharing a struct.

use std::collections::BTreeMap;

use crate::ir::{self, FieldShape, ScalarType};

use super::docs::item_doc;
use super::names::{self, Namer};

/// All structs of one API's response; `structs[0]` is `<Api>Response`.
#[derive(Debug)]
pub struct ResponseModel {
    pub structs: Vec<ResponseStruct>,
}

#[derive(Debug)]
pub struct ResponseStruct {
    pub rust_name: String,
    /// The object's documented name (`Instance`), empty for the root.
    pub doc_name: String,
    pub fields: Vec<ResponseField>,
}

#[derive(Debug, Clone)]
pub struct ResponseField {
    /// The JSON key.
    pub json_name: String,
    pub rust_name: String,
    pub kind: ResponseKind,
    /// Rustdoc text, already made rustdoc-safe.
    pub doc: String,
    /// The IR marks the field secret (`facts::secret`): a scalar is held as `Secret`.
    pub secret: bool,
}

/// What a response field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    Scalar(ScalarType),
    /// A list of scalars; `true` when the docs show it wrapped (`{"InstanceIdSet": [...]}`).
    ScalarList(ScalarType, bool),
    /// Index into [`ResponseModel::structs`].
    Struct(usize),
    StructList(usize, bool),
}

/// Builds the response of `api`, its root named `response_name`; `module_types` hands out names.
pub fn build(api: &ir::Api, response_name: &str, module_types: &mut Namer) -> ResponseModel {
    let mut builder =
        Builder { module_types, seen: BTreeMap::new(), model: ResponseModel { structs: Vec::new() } };
    builder.add(response_name.to_owned(), String::new(), &api.response);
    builder.model
}

struct Builder<'a> {
    module_types: &'a mut Namer,
    /// Structure signature → struct index, so identical nested objects share one type.
    seen: BTreeMap<String, usize>,
    model: ResponseModel,
}

/// The structure of a field list without prose, for sharing identical nested types.
fn signature(fields: &[ir::Field]) -> String {
    fields
        .iter()
        .map(|f| {
            let shape = match &f.shape {
                FieldShape::Scalar { ty } => format!("{ty:?}"),
                FieldShape::ScalarList { ty, wrapper } => format!("[{ty:?};{wrapper:?}]"),
                FieldShape::Struct { fields } => format!("{{{}}}", signature(fields)),
                FieldShape::Array { item, wrapper, fields } => {
                    format!("[{item};{wrapper:?};{{{}}}]", signature(fields))
                }
            };
            let secret = if is_secret(f) { "!" } else { "" };
            format!("{}{secret}:{shape}", f.name)
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether the IR marks the field secret (decided in `facts::secret`).
fn is_secret(field: &ir::Field) -> bool {
    field.secret.as_ref().is_some_and(|f| f.value)
}

/// Fields of a struct, keeping only the first of repeated JSON keys.
fn unique_fields(fields: &[ir::Field]) -> Vec<&ir::Field> {
    let mut seen = std::collections::BTreeSet::new();
    fields.iter().filter(|f| seen.insert(f.name.as_str())).collect()
}

impl Builder<'_> {
    /// The struct for a nested object, made the first time its structure is seen.
    fn nested(&mut self, type_doc_name: &str, fields: &[ir::Field]) -> usize {
        let key = format!("{}|{}", names::camel(type_doc_name), signature(fields));
        if let Some(&index) = self.seen.get(&key) {
            return index;
        }
        let name = self
            .module_types
            .claim(&[names::camel(type_doc_name), format!("{}Info", names::camel(type_doc_name))]);
        let index = self.add(name, type_doc_name.to_owned(), fields);
        self.seen.insert(key, index);
        index
    }

    fn add(&mut self, rust_name: String, doc_name: String, fields: &[ir::Field]) -> usize {
        let index = self.model.structs.len();
        self.model.structs.push(ResponseStruct { rust_name, doc_name, fields: Vec::new() });
        let fields = unique_fields(fields);
        let doc_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        let rust_names = names::snake_names(&mut Namer::default(), &doc_names);
        let members = fields
            .iter()
            .zip(rust_names)
            .map(|(f, rust_name)| {
                let kind = match &f.shape {
                    FieldShape::Scalar { ty } => ResponseKind::Scalar(*ty),
                    FieldShape::ScalarList { ty, wrapper } => {
                        ResponseKind::ScalarList(*ty, wrapper.is_some())
                    }
                    FieldShape::Struct { fields } => ResponseKind::Struct(self.nested(&f.name, fields)),
                    FieldShape::Array { item, wrapper, fields } => {
                        let type_doc_name =
                            if item.trim().is_empty() { f.name.as_str() } else { item.as_str() };
                        ResponseKind::StructList(self.nested(type_doc_name, fields), wrapper.is_some())
                    }
                };
                ResponseField {
                    json_name: f.name.clone(),
                    rust_name,
                    kind,
                    doc: item_doc(&f.description, f.example.as_deref()),
                    secret: is_secret(f),
                }
            })
            .collect();
        self.model.structs[index].fields = members;
        index
    }
}
