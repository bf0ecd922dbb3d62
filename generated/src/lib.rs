//! Placeholder until the first `cargo xtask gen`.
