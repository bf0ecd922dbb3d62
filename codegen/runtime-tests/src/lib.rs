//! Builds the hand-written runtime (`codegen/runtime/*.rs`) exactly as the generated crate includes it.

pub mod runtime;
