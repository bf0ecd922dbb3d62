//! The contract between generated request types and everything that sends them (query, signing, client).

/// One API call: implemented by every generated `<Api>Request`.
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

    /// The `ClientToken` value, where the API has one and it is set: makes a retry safe.
    fn client_token(&self) -> Option<&str> {
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
