//! The runtime modules, included from `codegen/runtime/` the way `generated/src/runtime/mod.rs` lists them.

#[path = "../../../runtime/client.rs"]
pub mod client;
#[path = "../../../runtime/credentials.rs"]
pub mod credentials;
#[path = "../../../runtime/dry_run.rs"]
pub mod dry_run;
#[path = "../../../runtime/endpoint.rs"]
pub mod endpoint;
#[path = "../../../runtime/operation.rs"]
pub mod operation;
#[path = "../../../runtime/secret.rs"]
pub mod secret;
#[path = "../../../runtime/signing.rs"]
pub mod signing;
#[path = "../../../runtime/validation.rs"]
pub mod validation;
