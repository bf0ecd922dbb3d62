//! Turns Alibaba Cloud API reference pages into an IR, a typed Rust crate and an OpenAPI document.
//!
//! Stages, one module each: `parse` (Markdown page → [`ir::Api`]), `meta` (what the pages say about
//! their product → [`ir::ProductMeta`]), `emit` (IR → files), `diff` (IR → IR changes); `gen` runs
//! the pipeline that `cargo xtask gen` calls.

pub mod case;
pub mod constraints;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod escape;
pub mod example_findings;
pub mod facts;
pub mod file_names;
pub mod gen;
pub mod ir;
pub mod ir_json;
pub mod json_out;
pub mod meta;
pub mod output;
pub mod parallel;
pub mod parse;
pub(crate) mod pattern;
pub mod reuse;
pub mod scaling;
pub mod spec;
pub mod write;
