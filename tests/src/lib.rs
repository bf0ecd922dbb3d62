//! Tests that use the committed ECS crate (`generated/ecs`, `alibabacloud-ecs`) as its users do; the
//! 2019 seed's tests (truth table, page samples) live in `tests/seed/` and run in a crate generated
//! from the seed (`codegen/tests/emit_seed.rs`).
//!
//! The README's Rust example is compiled and run as a doctest here, so it cannot drift from the crate.

#[doc = include_str!("../../README.md")]
mod readme {}
