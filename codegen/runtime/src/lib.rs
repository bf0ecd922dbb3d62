//! `alibabacloud-runtime`: what every generated Alibaba Cloud SDK crate shares, written by hand.
//!
//! Generated crates (one per product, e.g. `alibabacloud-ecs`) hold only what their docs say:
//! requests, responses, error enums and the rules read from the prose. This crate holds the rest:
//! the [`Operation`] contract they implement, RPC query pairs ([`query`]), rule checking
//! ([`validation`]), signing ([`signing`]), credentials and, behind the `client` feature, the HTTP
//! client. The generator's own doc checks call the same rule functions, so each rule means one thing.
#![forbid(unsafe_code)]

pub mod client;
pub mod credentials;
pub mod de;
pub mod dry_run;
pub mod endpoint;
pub mod operation;
pub mod query;
pub mod redacted;
pub mod roa;
pub mod roa_dry_run;
pub mod secret;
pub mod signing;
pub mod validation;

pub use operation::{DocumentedCode, ErrorBody, Operation};
pub use redacted::Redacted;
pub use validation::{ValidationErrors, Violation};
