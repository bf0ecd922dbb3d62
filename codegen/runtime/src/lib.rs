//! `alibabacloud-runtime`: what every generated Alibaba Cloud SDK crate shares, written by hand.
//!
//! Generated crates (one per product, e.g. `alibabacloud-ecs`) hold only what their docs say:
//! requests, responses, error codes, the rules read from the prose and the endpoint data, each
//! struct with a table of its fields. This crate holds the rest, written once for every struct:
//! the [`Operation`] contract they implement, RPC query pairs ([`query`]), the docs' JSON form and
//! lenient response reading ([`json`]), rule checking ([`validation`], [`rules`]), value enums
//! ([`ValueEnum`]), service errors ([`ServiceError`]), signing ([`signing`]), regions and
//! endpoints, credentials and, behind the `client` feature, the async client on tokio ([`client`])
//! with its [`Config`], the credential chain, retries and paginators; `blocking` adds a blocking
//! client over it. The generator's own doc checks call the same rule functions, so each rule means
//! one thing. What the client promises is written down in the repository's `docs/runtime.md`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "blocking")]
pub mod blocking;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
pub mod config;
pub mod credentials;
#[doc(hidden)]
pub mod doc_examples;
pub mod dry_run;
pub mod endpoint;
#[cfg(feature = "client")]
mod engine;
pub mod env;
pub mod error;
#[cfg(feature = "client")]
pub mod http;
pub mod json;
mod macros;
pub mod operation;
#[cfg(feature = "client")]
pub mod paginate;
pub mod query;
pub mod redacted;
pub mod region;
pub mod retry;
pub mod roa;
pub mod roa_dry_run;
pub mod rules;
#[doc(hidden)]
pub mod schema;
pub mod secret;
pub mod service_error;
pub mod signing;
mod utc_time;
pub mod validation;
pub mod value_enum;
pub mod xml;

#[cfg(feature = "client")]
pub use config::Config;
#[cfg(feature = "client")]
pub use engine::{is_throttling_code, is_transient_code, USER_AGENT};
pub use error::Error;
pub use operation::{ErrorBody, Operation, Validated, WithValidation};
pub use redacted::Redacted;
pub use secret::Secret;
/// Any JSON value: the type of a RESTful body member the docs type `Map` or `Object` without members.
pub use serde_json::Value as JsonValue;
pub use service_error::{ErrorCodes, ErrorKind, NoCodes, ProvideErrorMetadata, ServiceError};
pub use validation::{ValidationErrors, ValidationMode, Violation};
pub use value_enum::{UnknownValue, ValueEnum};

/// serde, for the impls the macros here write into generated crates.
#[doc(hidden)]
pub use serde as __serde;
