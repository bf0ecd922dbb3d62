//! `alibabacloud-runtime`: what every generated Alibaba Cloud SDK crate shares, written by hand.
//!
//! Generated crates (one per product, e.g. `alibabacloud-ecs`) hold only what their docs say:
//! requests, responses, error codes and the rules read from the prose, each struct with a table of
//! its fields. This crate holds the rest, written once for every struct: the [`Operation`] contract
//! they implement, RPC query pairs ([`query`]), the docs' JSON form and lenient response reading
//! ([`json`]), rule checking ([`validation`], [`rules`]), value enums ([`ValueEnum`]), service errors
//! ([`ServiceError`]), signing ([`signing`]), credentials and, behind the `client` feature, the HTTP
//! client. The generator's own doc checks call the same rule functions, so each rule means one thing.
#![forbid(unsafe_code)]

pub mod client;
pub mod credentials;
pub mod dry_run;
pub mod endpoint;
pub mod json;
pub mod operation;
pub mod query;
pub mod redacted;
pub mod rules;
#[doc(hidden)]
pub mod schema;
pub mod secret;
pub mod service_error;
pub mod signing;
pub mod validation;
pub mod value_enum;

pub use operation::{ErrorBody, Operation, Validated, WithValidation};
pub use redacted::Redacted;
pub use secret::Secret;
pub use service_error::{ErrorCodes, ErrorKind, NoCodes, ProvideErrorMetadata, ServiceError};
pub use validation::{ValidationErrors, ValidationMode, Violation};
pub use value_enum::{UnknownValue, ValueEnum};

/// serde, for the impls the macros here write into generated crates.
#[doc(hidden)]
pub use serde as __serde;
