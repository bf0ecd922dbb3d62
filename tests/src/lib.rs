//! Tests that use the generated `ecs-api` crate as its users do; the tests live in `tests/`.
