//! The contract between generated request types and everything that sends them (query, signing, client).

use std::ops::Deref;

use crate::query::QueryPairs;
use crate::validation::{ValidationErrors, ValidationMode};

/// One API call: implemented by every generated `<Api>Request` (and by [`Validated`] and
/// [`WithValidation`] around one).
pub trait Operation {
    /// The `Action` query parameter (`RunInstances`).
    const ACTION: &'static str;
    /// The `Version` common parameter, from `product.toml` (`2014-05-26`).
    const VERSION: &'static str;
    /// The default endpoint host, from `product.toml` (`ecs.aliyuncs.com`).
    const ENDPOINT: &'static str;
    /// Whether sending the same request twice is safe without a token (read-only `Describe*` calls).
    const IDEMPOTENT: bool;

    /// The typed success body.
    type Response: serde::de::DeserializeOwned;
    /// The typed error: the API's `ServiceError`.
    type Error: From<ErrorBody> + std::error::Error;

    /// The request's wire pairs in Alibaba's RPC style, `Action` first, then parameters in table order.
    fn to_query_pairs(&self) -> QueryPairs;

    /// The `ClientToken` value, where the API has one and it is set: makes a retry safe.
    fn client_token(&self) -> Option<&str> {
        None
    }

    /// Checks the request against the rules read from the docs; every violation at once.
    /// Generated requests check their documented rules; the default accepts everything.
    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }

    /// The validation mode this call asks for, over the client's ([`WithValidation`] sets it).
    fn validation_mode(&self) -> Option<ValidationMode> {
        None
    }

    /// This request, validated as `mode` says whatever the client's mode is.
    fn with_validation(self, mode: ValidationMode) -> WithValidation<Self>
    where
        Self: Sized,
    {
        WithValidation { request: self, mode }
    }
}

/// A request that kept every rule the generator enforces (required parameters included) when it was
/// made, and cannot be changed since: `build()` on a generated builder gives one.
///
/// Its [`Operation::validate`] does not check again.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated<R>(R);

impl<R: Operation> Validated<R> {
    /// Checks `request`; every violation when it breaks a rule.
    pub fn new(request: R) -> Result<Self, ValidationErrors> {
        request.validate()?;
        Ok(Validated(request))
    }

    /// The request, to change it (which makes it unvalidated again).
    pub fn into_inner(self) -> R {
        self.0
    }
}

impl<R> Deref for Validated<R> {
    type Target = R;

    fn deref(&self) -> &R {
        &self.0
    }
}

impl<R: Operation> Operation for Validated<R> {
    const ACTION: &'static str = R::ACTION;
    const VERSION: &'static str = R::VERSION;
    const ENDPOINT: &'static str = R::ENDPOINT;
    const IDEMPOTENT: bool = R::IDEMPOTENT;
    type Response = R::Response;
    type Error = R::Error;

    fn to_query_pairs(&self) -> QueryPairs {
        self.0.to_query_pairs()
    }

    fn client_token(&self) -> Option<&str> {
        self.0.client_token()
    }

    /// Already checked when it was made.
    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }
}

/// A request with its own validation mode for one call, over the client's.
#[derive(Debug, Clone, PartialEq)]
pub struct WithValidation<R> {
    pub request: R,
    pub mode: ValidationMode,
}

impl<R: Operation> Operation for WithValidation<R> {
    const ACTION: &'static str = R::ACTION;
    const VERSION: &'static str = R::VERSION;
    const ENDPOINT: &'static str = R::ENDPOINT;
    const IDEMPOTENT: bool = R::IDEMPOTENT;
    type Response = R::Response;
    type Error = R::Error;

    fn to_query_pairs(&self) -> QueryPairs {
        self.request.to_query_pairs()
    }

    fn client_token(&self) -> Option<&str> {
        self.request.client_token()
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        self.request.validate()
    }

    fn validation_mode(&self) -> Option<ValidationMode> {
        Some(self.mode)
    }
}

/// The service's error body: `{"RequestId","HostId","Code","Message","Recommend"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ErrorBody {
    pub request_id: String,
    pub host_id: String,
    pub code: String,
    pub message: String,
    pub recommend: String,
    /// The HTTP status the body came with; not part of the JSON.
    #[serde(skip)]
    pub status: u16,
}
