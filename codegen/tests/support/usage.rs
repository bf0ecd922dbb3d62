//! A usage file of one API of a generated crate, written from the crate's source as `syn` reads it
//! (not from the IR, not from the emitter's naming): code that touches every public item a user may
//! touch — each public field read with its type, each setter and constructor called with a value
//! of its argument type, each value-enum and error-code variant named. Each line ends with a
//! `// key:` comment naming what the docs call the item it touches (the wire name, read from the
//! generated doc comments), so a compile error on a line says which documented item broke.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use quote::ToTokens;
use syn::{Attribute, FnArg, ImplItem, Item, Pat, ReturnType, Type, UseTree, Visibility};

/// What a usage line touches, as the docs name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    /// A request parameter (`DataDisk.N.Size`).
    Param(String),
    /// A group of request parameters (`DataDisk.N`: the `DataDisk.N.*` parameters).
    Group(String),
    /// A documented value of a parameter (`SystemDisk.Category`, `cloud_essd`).
    Value(String, String),
    /// A documented error code.
    Error(String),
    /// A response field, by its Rust name (the docs' name is not in the generated source).
    Response(String),
    /// The request builder's constructor, with the parameters it takes.
    Builder(Vec<String>),
    /// A struct as a whole, with the parameters (or groups) its fields stand for.
    Struct(Vec<String>),
}

impl Key {
    fn encode(&self) -> String {
        match self {
            Key::Param(w) => format!("param:{w}"),
            Key::Group(g) => format!("group:{g}"),
            Key::Value(w, v) => format!("value:{w}={v}"),
            Key::Error(c) => format!("error:{c}"),
            Key::Response(f) => format!("response:{f}"),
            Key::Builder(ws) => format!("builder:{}", ws.join("|")),
            Key::Struct(ws) => format!("struct:{}", ws.join("|")),
        }
    }

    /// The key a usage line ends with (`// key: …`), if any.
    pub fn of_line(line: &str) -> Option<Key> {
        let (_, key) = line.rsplit_once("// key: ")?;
        let (kind, rest) = key.split_once(':')?;
        let list = |s: &str| s.split('|').filter(|w| !w.is_empty()).map(str::to_owned).collect();
        Some(match kind {
            "param" => Key::Param(rest.to_owned()),
            "group" => Key::Group(rest.to_owned()),
            "value" => {
                let (w, v) = rest.split_once('=')?;
                Key::Value(w.to_owned(), v.to_owned())
            }
            "error" => Key::Error(rest.to_owned()),
            "response" => Key::Response(rest.to_owned()),
            "builder" => Key::Builder(list(rest)),
            "struct" => Key::Struct(list(rest)),
            _ => return None,
        })
    }
}

/// A public field: its name, type as written, and what it stands for.
struct FieldItem {
    name: String,
    ty: String,
    key: Key,
}

struct Method {
    name: String,
    takes_self: bool,
    /// (argument name, type as written)
    args: Vec<(String, String)>,
    returns_self: bool,
    /// The field a setter sets (`Sets [`Struct::field`]`).
    sets: Option<String>,
}

/// The public items of an API module (and of the shared types it re-exports).
#[derive(Default)]
struct Items {
    structs: BTreeMap<String, Vec<FieldItem>>,
    /// Enum name → unit variants, each with its key.
    enums: BTreeMap<String, Vec<(String, Key)>>,
    /// Type name → its public methods and associated functions without generic parameters.
    methods: BTreeMap<String, Vec<Method>>,
    /// Names the module re-exports (`pub use crate::shared::x::Name;`).
    reexports: Vec<String>,
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn text(tokens: impl ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

/// The doc comment's text.
fn doc(attrs: &[Attribute]) -> String {
    let mut out = String::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value {
                out.push_str(&s.value());
                out.push('\n');
            }
        }
    }
    out
}

/// The first `` `…` `` of `text` after `marker`.
fn ticked_after(text: &str, marker: &str) -> Option<String> {
    let rest = &text[text.find(marker)? + marker.len()..];
    let rest = &rest[rest.find('`')? + 1..];
    Some(rest[..rest.find('`')?].to_owned())
}

fn field_key(doc: &str, name: &str) -> Key {
    if let Some(wire) = ticked_after(doc, "Wire name:") {
        return Key::Param(wire);
    }
    if let Some(group) = ticked_after(doc, "The").filter(|g| g.ends_with(".*")) {
        return Key::Group(group.trim_end_matches(".*").to_owned());
    }
    Key::Response(name.to_owned())
}

fn collect(items: &[Item], out: &mut Items) {
    for item in items {
        match item {
            Item::Struct(s) if is_pub(&s.vis) => {
                let fields = s
                    .fields
                    .iter()
                    .filter(|f| is_pub(&f.vis))
                    .filter_map(|f| {
                        let name = f.ident.as_ref()?.to_string();
                        let key = field_key(&doc(&f.attrs), &name);
                        Some(FieldItem { name, ty: text(&f.ty), key })
                    })
                    .collect();
                out.structs.insert(s.ident.to_string(), fields);
            }
            Item::Enum(e) if is_pub(&e.vis) => {
                let enum_doc = doc(&e.attrs);
                let param = ticked_after(&enum_doc, "The documented values of");
                let errors = enum_doc.contains("error codes");
                let variants = e
                    .variants
                    .iter()
                    .filter(|v| v.fields.is_empty())
                    .map(|v| {
                        let name = v.ident.to_string();
                        let value = ticked_after(&doc(&v.attrs), "").unwrap_or_else(|| name.clone());
                        let key = match &param {
                            Some(p) => Key::Value(p.clone(), value),
                            None if errors => Key::Error(value),
                            None => Key::Struct(vec![e.ident.to_string()]),
                        };
                        (name, key)
                    })
                    .collect();
                out.enums.insert(e.ident.to_string(), variants);
            }
            Item::Impl(i) if i.trait_.is_none() => {
                let Type::Path(ty) = &*i.self_ty else { continue };
                let Some(name) = ty.path.segments.last().map(|s| s.ident.to_string()) else { continue };
                for member in &i.items {
                    let ImplItem::Fn(f) = member else { continue };
                    if !is_pub(&f.vis) || !f.sig.generics.params.is_empty() {
                        continue;
                    }
                    let args = f
                        .sig
                        .inputs
                        .iter()
                        .filter_map(|a| match a {
                            FnArg::Typed(t) => {
                                let name = match &*t.pat {
                                    Pat::Ident(p) => p.ident.to_string(),
                                    other => text(other),
                                };
                                Some((name, text(&t.ty)))
                            }
                            FnArg::Receiver(_) => None,
                        })
                        .collect();
                    let sets = ticked_after(&doc(&f.attrs), "Sets [")
                        .and_then(|path| path.rsplit_once("::").map(|(_, field)| field.to_owned()));
                    out.methods.entry(name.clone()).or_default().push(Method {
                        name: f.sig.ident.to_string(),
                        takes_self: f.sig.receiver().is_some(),
                        args,
                        returns_self: matches!(&f.sig.output, ReturnType::Type(_, t) if text(t) == "Self"),
                        sets,
                    });
                }
            }
            Item::Use(u) if is_pub(&u.vis) => reexported(&u.tree, &mut out.reexports),
            Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    collect(items, out);
                }
            }
            _ => {}
        }
    }
}

fn reexported(tree: &UseTree, out: &mut Vec<String>) {
    match tree {
        UseTree::Path(p) => reexported(&p.tree, out),
        UseTree::Name(n) => out.push(n.ident.to_string()),
        UseTree::Rename(r) => out.push(r.rename.to_string()),
        UseTree::Group(g) => g.items.iter().for_each(|t| reexported(t, out)),
        UseTree::Glob(_) => {}
    }
}

fn parse(path: &Path) -> Vec<Item> {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display())).items
}

/// The wire names (or group names, or response field names) a struct's fields stand for.
fn names_of(fields: &[FieldItem]) -> Vec<String> {
    fields
        .iter()
        .map(|f| match &f.key {
            Key::Param(w) | Key::Group(w) | Key::Response(w) => w.clone(),
            other => other.encode(),
        })
        .collect()
}

/// The usage code of API module `module` of the crate in `crate_dir`, using the crate as `sdk`
/// (see [`file_for`]). Panics on an argument type it has no value for.
pub fn usage_file(crate_dir: &Path, module: &str) -> String {
    let mut items = Items::default();
    collect(&parse(&crate_dir.join("src").join(format!("{module}.rs"))), &mut items);
    let shared_file = crate_dir.join("src/shared.rs");
    if shared_file.exists() {
        let mut shared = Items::default();
        collect(&parse(&shared_file), &mut shared);
        // What `sdk::<module>::*` names: the module's own items and what it re-exports.
        for name in items.reexports.clone() {
            if let Some(fields) = shared.structs.remove(&name) {
                items.structs.insert(name.clone(), fields);
            }
            if let Some(variants) = shared.enums.remove(&name) {
                items.enums.insert(name.clone(), variants);
            }
            if let Some(methods) = shared.methods.remove(&name) {
                items.methods.insert(name, methods);
            }
        }
    }
    let mut out = String::new();
    writeln!(out, "use sdk::{module}::*;\nuse sdk::runtime::Secret;\n\nfn main() {{}}\n").unwrap();
    for (name, fields) in &items.structs {
        let whole = Key::Struct(names_of(fields)).encode();
        writeln!(out, "fn fields_of_{name}(x: &{name}) {{ // key: {whole}").unwrap();
        for f in fields {
            writeln!(out, "    let _: &{} = &x.{}; // key: {}", f.ty, f.name, f.key.encode()).unwrap();
        }
        out.push_str("}\n");
    }
    for (name, variants) in &items.enums {
        writeln!(out, "fn variants_of_{name}() {{").unwrap();
        for (variant, key) in variants {
            writeln!(out, "    let _ = {name}::{variant}; // key: {}", key.encode()).unwrap();
        }
        out.push_str("}\n");
    }
    for (name, methods) in &items.methods {
        // A builder's setters set fields of the struct it builds (`RunInstancesRequestBuilder`).
        let target = name.strip_suffix("Builder").unwrap_or(name);
        let fields: &[FieldItem] = items.structs.get(target).map_or(&[], Vec::as_slice);
        let whole = Key::Struct(names_of(fields)).encode();
        writeln!(out, "fn methods_of_{name}(x: {name}) {{ // key: {whole}").unwrap();
        for m in methods {
            let args: Vec<String> = m.args.iter().map(|(_, ty)| value(ty, &items)).collect();
            let call = if m.takes_self {
                format!("x.clone().{}({})", m.name, args.join(", "))
            } else {
                format!("{name}::{}({})", m.name, args.join(", "))
            };
            let field = |rust: &str| fields.iter().find(|f| f.name == rust).map(|f| f.key.clone());
            let key = match (&m.sets, m.name.as_str()) {
                (Some(set), _) => field(set).unwrap_or_else(|| Key::Struct(names_of(fields))),
                (None, "builder") => Key::Builder(
                    m.args.iter().filter_map(|(arg, _)| field(arg)).map(|k| names_of_key(&k)).collect(),
                ),
                _ => Key::Struct(names_of(fields)),
            };
            let binding = if m.returns_self { format!("let _: {name}") } else { "let _".to_owned() };
            writeln!(out, "    {binding} = {call}; // key: {}", key.encode()).unwrap();
        }
        out.push_str("}\n");
    }
    out
}

fn names_of_key(key: &Key) -> String {
    match key {
        Key::Param(w) | Key::Group(w) | Key::Response(w) => w.clone(),
        other => other.encode(),
    }
}

/// A usage file from [`usage_file`]'s code, against crate `krate` (`alibabacloud_x`).
pub fn file_for(krate: &str, code: &str) -> String {
    format!("#![allow(unused, clippy::all)]\nuse {krate} as sdk;\n{code}")
}

/// An expression of the argument type `ty` (as `syn` prints it).
fn value(ty: &str, items: &Items) -> String {
    let ty = ty.trim();
    if let Some(inner) = ty.strip_prefix("impl Into <").and_then(|t| t.strip_suffix('>')) {
        return value(inner, items);
    }
    if let Some(inner) = ty.strip_prefix("impl IntoIterator < Item =").and_then(|t| t.strip_suffix('>')) {
        return format!("vec![{}]", value(inner, items));
    }
    match ty {
        "i32" => "0i32".into(),
        "i64" => "0i64".into(),
        "f32" => "0f32".into(),
        "f64" => "0f64".into(),
        "bool" => "false".into(),
        "String" | "Secret" => "String::new()".into(),
        "& str" => "\"\"".into(),
        name if items
            .methods
            .get(name)
            .is_some_and(|m| m.iter().any(|m| m.name == "new" && m.args.is_empty())) =>
        {
            format!("{name}::new()")
        }
        name => match items.enums.get(name).and_then(|v| v.first()) {
            Some((variant, _)) => format!("{name}::{variant}"),
            None => panic!("no value for an argument of type `{ty}`"),
        },
    }
}
