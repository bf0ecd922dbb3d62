//! The contract between generated request types and everything that sends them (query, signing, client).

/// One API call: implemented by every generated `<Api>Request`.
pub trait Operation {
    /// The `Action` query parameter (`RunInstances`).
    const ACTION: &'static str;
    /// The `Version` common parameter, from `product.toml` (`2014-05-26`).
    const VERSION: &'static str;
    /// Whether the client may send the request again after the service may have seen it (a 5xx, a
    /// timeout, a connection broken after sending). From the IR: an API that documents a
    /// `ClientToken` is, the client filling one in ([`Operation::CLIENT_TOKEN`]).
    const IDEMPOTENT: bool;
    /// The wire name of the API's idempotency token (`ClientToken`) when it documents one: the client
    /// fills in a fresh UUID when the caller set none, and sends the same one with every attempt.
    const CLIENT_TOKEN: Option<&'static str> = None;

    /// The typed success body.
    type Response: serde::de::DeserializeOwned;
    /// The typed error: the API's error enum.
    type Error: From<ErrorBody> + std::error::Error;

    /// The request's wire pairs in Alibaba's RPC style, `Action` first, then parameters in table order.
    fn to_query_pairs(&self) -> Vec<(String, String)>;

    /// The request as a RESTful (ROA) operation sends it (method, path, query, headers, body) for
    /// an operation whose docs give a method and a path: the client then sends this, never
    /// [`Operation::to_query_pairs`] with an `Action`. `None` (the default) for RPC operations.
    fn roa(&self) -> Option<Result<crate::roa::Request, crate::roa::RoaError>> {
        None
    }

    /// Checks the request against the rules read from the docs; every violation at once.
    /// Generated requests check their documented rules; the default accepts everything.
    fn validate(&self) -> Result<(), crate::validation::ValidationErrors> {
        Ok(())
    }
}

/// One documented code in an API's error enum `E`: the code, the HTTP status when the docs give
/// exactly one, and the variant that holds the service's body.
pub type DocumentedCode<E> = (&'static str, Option<u16>, fn(Box<ErrorBody>) -> E);

/// The service's error body: `{"RequestId","HostId","Code","Message","Recommend"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "PascalCase", default)]
#[non_exhaustive]
pub struct ErrorBody {
    pub request_id: String,
    pub host_id: String,
    pub code: String,
    pub message: String,
    pub recommend: String,
    /// The HTTP status the body came with (as received); not part of the JSON.
    #[serde(skip)]
    pub status: u16,
}

impl ErrorBody {
    /// A body with this code and message, the rest empty.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorBody { code: code.into(), message: message.into(), ..ErrorBody::default() }
    }

    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = request_id.into();
        self
    }

    pub fn with_host_id(mut self, host_id: impl Into<String>) -> Self {
        self.host_id = host_id.into();
        self
    }

    pub fn with_recommend(mut self, recommend: impl Into<String>) -> Self {
        self.recommend = recommend.into();
        self
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
}

impl std::fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, crate::error::truncated(&self.message, crate::error::DISPLAY_LIMIT))
    }
}

impl std::error::Error for ErrorBody {}
