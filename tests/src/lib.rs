//! Tests that use the committed ECS crate (`generated/ecs`, `alibabacloud-ecs`) as its users do; the
//! 2019 seed's tests (truth table, page samples) live in `tests/seed/` and run in a crate generated
//! from the seed (`codegen/tests/emit_seed.rs`).
//!
//! The README's Rust example is compiled and run as a doctest here, so it cannot drift from the crate.

#[doc = include_str!("../../README.md")]
mod readme {}

/// The runtime's loopback server (signatures checked by the official Python SDK signer).
#[path = "../../codegen/runtime/tests/support/loopback.rs"]
pub mod loopback;
/// Alibaba's official Python SDK core's ROA signer (for RESTful requests).
#[path = "../../codegen/runtime/tests/support/official_roa.rs"]
pub mod official_roa;
/// Alibaba's official Python SDK signer, as a co-process.
#[path = "../../codegen/runtime/tests/support/official_signer.rs"]
pub mod official_signer;

pub mod ecs_service;

pub use ecs_service::EcsService;
