//! Value enums identical in several APIs of a product, emitted once into `src/<product>/shared.rs`.
//!
//! Two APIs share an enum when its Rust name and its values (variant names and wire values, in order)
//! are the same; the doc text of the values may differ. Each shared enum is compiled when any API
//! using it is, and each of those API modules re-exports it under its own name.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::api_module::ApiPlan;
use super::docs::code_span;
use super::names::{self, Namer};
use super::value_enums;

/// The product's module of shared types (`src/<product>/shared.rs`); API modules are named apart from it.
pub const MODULE: &str = "shared";

/// What makes two APIs' enums one type: the Rust name and `(variant, value)` pairs in order.
type EnumKey = (String, Vec<(String, String)>);

/// Marks in `plans` every enum shared with another API, and gives the tokens of `shared.rs`, or `None`
/// when no enum is shared. `features[i]` is the cargo feature of `plans[i]`.
pub fn share_enums(plans: &mut [ApiPlan], features: &[String]) -> Option<TokenStream> {
    let mut groups: BTreeMap<EnumKey, Vec<(usize, usize)>> = BTreeMap::new();
    for (p, plan) in plans.iter().enumerate() {
        for (e, model) in plan.model.enums.iter().enumerate() {
            let values = model.variants.iter().map(|(v, value, _)| (v.clone(), value.clone())).collect();
            groups.entry((model.rust_name.clone(), values)).or_default().push((p, e));
        }
    }
    let mut shared: Vec<Vec<(usize, usize)>> = groups.into_values().filter(|users| users.len() > 1).collect();
    if shared.is_empty() {
        return None;
    }
    let api_name = |p: usize| plans[p].api.name.as_str();
    for users in &mut shared {
        users.sort_by(|a, b| api_name(a.0).cmp(api_name(b.0)).then(a.cmp(b)));
    }
    let enum_of = |(p, e): (usize, usize)| &plans[p].model.enums[e];
    shared.sort_by(|a, b| {
        (enum_of(a[0]).rust_name.as_str(), api_name(a[0].0))
            .cmp(&(enum_of(b[0]).rust_name.as_str(), api_name(b[0].0)))
    });

    let mut namer = Namer::with_reserved(&[]);
    let mut items = Vec::new();
    let mut marks = Vec::new();
    for users in &shared {
        let first = enum_of(users[0]);
        let module = namer.claim(&[names::snake(&first.rust_name)]);
        let meanings_differ = users.iter().any(|&u| enum_of(u).variants != first.variants);
        let api_list: Vec<String> = users.iter().map(|&(p, _)| code_span(api_name(p))).collect();
        let mut doc = value_enums::own_doc(first);
        doc.push_str(&format!("\n\nOne type for the APIs that take it: {}.", api_list.join(", ")));
        if meanings_differ {
            doc.push_str(&format!(
                " Their pages describe some values differently; the descriptions here are {}'s.",
                api_list[0]
            ));
        }
        let mut gate: Vec<&str> = users.iter().map(|&(p, _)| features[p].as_str()).collect();
        gate.sort_unstable();
        gate.dedup();
        let m = names::ident(&module);
        let item = value_enums::tokens(first, &doc);
        items.push(quote! {
            #[cfg(any( #( feature = #gate ),* ))]
            pub mod #m {
                #item
            }
        });
        marks.extend(users.iter().map(|&user| (user, module.clone())));
    }
    for ((p, e), module) in marks {
        plans[p].shared_enums[e] = Some(module);
    }
    Some(quote! {
        //! Value enums several APIs of this product take, each in a module compiled when one of those
        //! APIs' features is on; the API modules re-export them.
        #( #items )*
    })
}
