//! A request in the docs' JSON form as wire pairs, checked the way the generated crate's
//! `validate()` checks it: through the emitter's own request model and the runtime's validator
//! (`codegen::emit::rust::model_check`), without compiling a crate.

use codegen::ir::Api;
use serde_json::Value;

/// A request in the docs' JSON form (`{"DataDisk": [{"Size": 40}], "SecurityGroupIds": ["sg-1"]}`)
/// as wire pairs (`DataDisk.1.Size=40`, `SecurityGroupIds.1=sg-1`).
pub fn wire_pairs(request: &Value) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
        let join = |key: &str| if prefix.is_empty() { key.to_owned() } else { format!("{prefix}.{key}") };
        match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| walk(&join(k), v, out)),
            Value::Array(items) => {
                items.iter().enumerate().for_each(|(i, v)| walk(&join(&(i + 1).to_string()), v, out))
            }
            Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            Value::Null => {}
            other => out.push((prefix.to_owned(), other.to_string())),
        }
    }
    let mut out = Vec::new();
    walk("", request, &mut out);
    out
}

/// The violations of `request` (JSON form) under `api`'s enforced rules, one `path: message` a line;
/// keys that do not fit the request (the docs' samples have some) are left out, as before.
pub fn violations(api: &Api, request: &Value) -> Vec<String> {
    codegen::emit::rust::model_check::violations(api, &wire_pairs(request)).0
}
