//! Tests that use the generated `ecs-api` crate as its users do; the tests live in `tests/`.
//!
//! The README's Rust example is compiled and run as a doctest here, so it cannot drift from the crate.

#[doc = include_str!("../../README.md")]
mod readme {}
