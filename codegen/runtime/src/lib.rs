//! `alibabacloud-runtime`: what every generated Alibaba Cloud SDK crate shares, written by hand.
//!
//! Generated crates (one per product, e.g. `alibabacloud-ecs`) hold only what their docs say:
//! requests, responses, error enums, the rules read from the prose and the endpoint data. This
//! crate holds the rest: the [`Operation`] contract they implement, RPC query pairs ([`query`]),
//! rule checking ([`validation`]), signing ([`signing`]), regions and endpoints, credentials and,
//! behind the `client` feature, the async client on tokio ([`client`]) with its [`Config`], the
//! credential chain, retries and paginators; `blocking` adds a blocking client over it. What the
//! client promises is written down in the repository's `docs/runtime.md`.
#![forbid(unsafe_code)]

#[cfg(feature = "blocking")]
pub mod blocking;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
pub mod config;
pub mod credentials;
pub mod de;
pub mod dry_run;
pub mod endpoint;
#[cfg(feature = "client")]
mod engine;
pub mod env;
pub mod error;
#[cfg(feature = "client")]
pub mod http;
pub mod operation;
#[cfg(feature = "client")]
pub mod paginate;
pub mod query;
pub mod redacted;
pub mod region;
pub mod retry;
pub mod roa;
pub mod roa_dry_run;
pub mod secret;
pub mod signing;
pub mod validation;

#[cfg(feature = "client")]
pub use config::Config;
#[cfg(feature = "client")]
pub use engine::{is_throttling_code, is_transient_code, USER_AGENT};
pub use error::{Error, ServiceError};
pub use operation::{DocumentedCode, ErrorBody, Operation};
pub use redacted::Redacted;
pub use validation::{ValidationErrors, Violation};
