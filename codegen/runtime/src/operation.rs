//! The contract between generated request types and everything that sends them (query, signing, client).

use std::ops::Deref;

use crate::query::{QueryError, QueryPairs};
use crate::validation::{ValidationErrors, ValidationMode};

/// One API call: implemented by every generated `<Api>Request` (and by [`Validated`] and
/// [`WithValidation`] around one).
pub trait Operation {
    /// The `Action` query parameter (`RunInstances`).
    const ACTION: &'static str;
    /// The `Version` common parameter, from `product.toml` (`2014-05-26`).
    const VERSION: &'static str;
    /// Whether the client may send the request again after the service may have seen it (a 5xx, a
    /// timeout, a connection broken after sending). From the IR: an API that only reads
    /// (`idempotent`) is, and so is one that documents a client token (`client_token`), the client
    /// filling one in ([`Operation::CLIENT_TOKEN`]).
    const IDEMPOTENT: bool;
    /// The wire name of the API's idempotency token (`ClientToken`) when it documents one: the client
    /// fills in a fresh UUID when the caller set none, and sends the same one with every attempt.
    const CLIENT_TOKEN: Option<&'static str> = None;

    /// The typed success body.
    type Response: serde::de::DeserializeOwned;
    /// The typed error: the API's `ServiceError`.
    type Error: From<ErrorBody> + crate::ProvideErrorMetadata + std::error::Error;

    /// The request's wire pairs in Alibaba's RPC style, `Action` first, then parameters in table order.
    fn to_query_pairs(&self) -> QueryPairs;

    /// Reads wire pairs back into a request: the inverse of [`Operation::to_query_pairs`]. `Action`
    /// must name this API when present; common request parameters (`Version`, `Signature`, …) are
    /// skipped. Rules (required parameters included) are left to validation.
    fn from_query_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError>
    where
        Self: crate::schema::Schema,
    {
        crate::query::from_query_pairs(Self::ACTION, pairs)
    }

    /// The request as a RESTful (ROA) operation sends it (method, path, query, headers, body) for
    /// an operation whose docs give a method and a path: the client then sends this, never
    /// [`Operation::to_query_pairs`] with an `Action`. `None` (the default) for RPC operations.
    fn roa(&self) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        None
    }

    /// [`Operation::roa`] with `defaults` (docs name, value) set where the request leaves them
    /// unset or empty, each put where the docs put that member (query, header, body or path): how
    /// the client fills in a missing client token. The default ignores `defaults`.
    fn roa_with(
        &self,
        defaults: &[(&str, serde_json::Value)],
    ) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        let _ = defaults;
        self.roa()
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

/// What a generated request says of its API: [`Operation`]'s constants and types, and for a RESTful
/// API its request. The runtime's one `impl Operation` for all of them (below) supplies the code,
/// compiled once here instead of once per API in every generated crate.
#[doc(hidden)]
pub trait GeneratedOperation: crate::schema::Schema + Sized {
    const ACTION: &'static str;
    const VERSION: &'static str;
    const IDEMPOTENT: bool;
    const CLIENT_TOKEN: Option<&'static str> = None;
    type Response: serde::de::DeserializeOwned;
    type Error: From<ErrorBody> + crate::ProvideErrorMetadata + std::error::Error;

    /// [`Operation::roa_with`] (and, with no defaults, [`Operation::roa`]): `None` for an RPC API.
    fn as_roa(
        &self,
        defaults: &[(&str, serde_json::Value)],
    ) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        let _ = defaults;
        None
    }
}

/// Every generated request: its wire pairs and its validation walk its field tables.
impl<T: GeneratedOperation> Operation for T {
    const ACTION: &'static str = <T as GeneratedOperation>::ACTION;
    const VERSION: &'static str = <T as GeneratedOperation>::VERSION;
    const IDEMPOTENT: bool = <T as GeneratedOperation>::IDEMPOTENT;
    const CLIENT_TOKEN: Option<&'static str> = <T as GeneratedOperation>::CLIENT_TOKEN;
    type Response = <T as GeneratedOperation>::Response;
    type Error = <T as GeneratedOperation>::Error;

    #[inline]
    fn to_query_pairs(&self) -> QueryPairs {
        crate::query::to_query_pairs(<T as GeneratedOperation>::ACTION, self)
    }

    #[inline]
    fn roa(&self) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        self.as_roa(&[])
    }

    #[inline]
    fn roa_with(
        &self,
        defaults: &[(&str, serde_json::Value)],
    ) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        self.as_roa(defaults)
    }

    #[inline]
    fn validate(&self) -> Result<(), ValidationErrors> {
        crate::validation::validate(self)
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
    const IDEMPOTENT: bool = R::IDEMPOTENT;
    const CLIENT_TOKEN: Option<&'static str> = R::CLIENT_TOKEN;
    type Response = R::Response;
    type Error = R::Error;

    fn to_query_pairs(&self) -> QueryPairs {
        self.0.to_query_pairs()
    }

    fn roa(&self) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        self.0.roa()
    }

    fn roa_with(
        &self,
        defaults: &[(&str, serde_json::Value)],
    ) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        self.0.roa_with(defaults)
    }

    /// Already checked when it was made.
    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }
}

/// A request with its own validation mode for one call, over the client's.
#[derive(Debug, Clone, PartialEq)]
pub struct WithValidation<R> {
    /// The request, sent as it is.
    pub request: R,
    /// The mode this call validates `request` in, over the client's ([`Operation::validation_mode`]).
    pub mode: ValidationMode,
}

impl<R: Operation> Operation for WithValidation<R> {
    const ACTION: &'static str = R::ACTION;
    const VERSION: &'static str = R::VERSION;
    const IDEMPOTENT: bool = R::IDEMPOTENT;
    const CLIENT_TOKEN: Option<&'static str> = R::CLIENT_TOKEN;
    type Response = R::Response;
    type Error = R::Error;

    fn to_query_pairs(&self) -> QueryPairs {
        self.request.to_query_pairs()
    }

    fn roa(&self) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        self.request.roa()
    }

    fn roa_with(
        &self,
        defaults: &[(&str, serde_json::Value)],
    ) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        self.request.roa_with(defaults)
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
#[non_exhaustive]
pub struct ErrorBody {
    /// `RequestId`: the id of the failed request, for support tickets.
    pub request_id: String,
    /// `HostId`: the id of the host that answered.
    pub host_id: String,
    /// `Code`: the error code as the service sent it (`InvalidParameter`, `Throttling.User`).
    pub code: String,
    /// `Message`: the service's message, whole.
    pub message: String,
    /// `Recommend`: the service's recommendation, often a link to its diagnosis page.
    pub recommend: String,
    /// The HTTP status the body came with (as received); not part of the JSON.
    #[serde(skip)]
    pub status: u16,
    /// The body exactly as received (empty when the error did not come over HTTP); not part of the JSON.
    #[serde(skip)]
    pub raw: String,
}

impl ErrorBody {
    /// A body with this code and message, the rest empty.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorBody { code: code.into(), message: message.into(), ..ErrorBody::default() }
    }

    /// Sets the id of the failed request (`RequestId`).
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = request_id.into();
        self
    }

    /// Sets the id of the host that answered (`HostId`).
    pub fn with_host_id(mut self, host_id: impl Into<String>) -> Self {
        self.host_id = host_id.into();
        self
    }

    /// Sets the service's recommendation (`Recommend`).
    pub fn with_recommend(mut self, recommend: impl Into<String>) -> Self {
        self.recommend = recommend.into();
        self
    }

    /// Sets the HTTP status the body came with (the client sets the one received).
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// Sets the body as received (the client reads it as UTF-8, invalid bytes replaced).
    pub fn with_raw(mut self, raw: impl Into<String>) -> Self {
        self.raw = raw.into();
        self
    }
}

impl std::fmt::Display for ErrorBody {
    /// `Code: message (HTTP 400, RequestId …); see <recommend>`, the message and the recommendation
    /// cut to a readable length (a server's message may be megabytes); the HTTP part only when the
    /// body came over HTTP.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::error::{truncated, DISPLAY_LIMIT};
        write!(f, "{}: {}", truncated(&self.code, 200), truncated(&self.message, DISPLAY_LIMIT))?;
        let request_id = if self.request_id.is_empty() { "none" } else { self.request_id.as_str() };
        if self.status != 0 {
            write!(f, " (HTTP {}, RequestId {})", self.status, truncated(request_id, 200))?;
        } else if !self.request_id.is_empty() {
            write!(f, " (RequestId {})", truncated(request_id, 200))?;
        }
        if !self.recommend.is_empty() {
            write!(f, "; see {}", truncated(&self.recommend, 200))?;
        }
        Ok(())
    }
}

impl std::error::Error for ErrorBody {}
