//! The shared configuration every product client is built from: region, credentials, endpoint
//! override, network, retries, timeouts and the HTTP transport (feature `client`).

use std::sync::Arc;
use std::time::Duration;

use crate::credentials::{
    CachedProvider, Credentials, DefaultChain, ProvideCredentials, SharedCredentialsProvider, TimeSource,
};
use crate::endpoint::{Endpoint, Network};
use crate::env::{Env, REGION_VAR};
use crate::error::{ConfigError, Error};
use crate::http::{HttpTransport, HyperTransport, SharedTransport};
use crate::region::Region;
use crate::retry::{RetryPolicy, RetryQuota};
use crate::signing::HttpMethod;

/// The default limit on one attempt, from connecting to the last byte of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default limit on connection setup (TCP and TLS).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The default limit on an answer's body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Settings shared by every client made from it (one per product: `alibabacloud_ecs::Client::new(&config)`).
/// Cheap to clone. Credentials are looked up on first use and cached; the retry quota is shared.
#[derive(Clone, Debug)]
pub struct Config(Arc<ConfigInner>);

#[derive(Debug)]
pub(crate) struct ConfigInner {
    pub(crate) region: Option<Region>,
    pub(crate) endpoint: Option<Endpoint>,
    pub(crate) network: Network,
    pub(crate) credentials: SharedCredentialsProvider,
    pub(crate) transport: SharedTransport,
    pub(crate) retry: RetryPolicy,
    pub(crate) quota: Arc<RetryQuota>,
    pub(crate) timeout: Duration,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) method: HttpMethod,
    pub(crate) validate_requests: bool,
    pub(crate) max_response_bytes: usize,
}

impl Config {
    /// A builder; unset settings come from the environment (region) or the defaults.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region from `ALIBABA_CLOUD_REGION_ID`, credentials from the default chain
    /// ([`DefaultChain`]), everything else default.
    pub fn from_env() -> Result<Config, Error> {
        ConfigBuilder::default().build()
    }

    /// The region requests go to and default to.
    pub fn region(&self) -> Option<&Region> {
        self.0.region.as_ref()
    }

    /// The explicit endpoint, when one was set.
    pub fn endpoint(&self) -> Option<&Endpoint> {
        self.0.endpoint.as_ref()
    }

    /// Whether the product's public or VPC endpoints are used.
    pub fn network(&self) -> Network {
        self.0.network
    }

    /// How failed calls are retried.
    pub fn retry(&self) -> &RetryPolicy {
        &self.0.retry
    }

    /// The (cached) credentials provider.
    pub fn credentials_provider(&self) -> &SharedCredentialsProvider {
        &self.0.credentials
    }

    pub(crate) fn inner(&self) -> &ConfigInner {
        &self.0
    }
}

/// Builds a [`Config`]; see each setter for its default.
#[derive(Debug, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint: Option<String>,
    network: Network,
    credentials: Option<SharedCredentialsProvider>,
    transport: Option<SharedTransport>,
    retry: Option<RetryPolicy>,
    timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    method: HttpMethod,
    validate_requests: Option<bool>,
    max_response_bytes: Option<usize>,
    env: Option<Env>,
    time_source: Option<TimeSource>,
}

impl ConfigBuilder {
    /// The region (default: `ALIBABA_CLOUD_REGION_ID`). It picks the endpoint and fills every
    /// request's `RegionId` that is unset; a request naming another region is refused.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// An explicit endpoint, instead of the one the product's endpoint data gives for the region:
    /// `host`, `host:port` or `http[s]://host[:port]`, nothing else.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Public (default) or VPC endpoints.
    pub fn network(mut self, network: Network) -> Self {
        self.network = network;
        self
    }

    /// Explicit credentials: the chain is not consulted.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// A credentials provider (default: [`DefaultChain`]); it is cached, refreshed shortly
    /// before expiry, one refresh at a time.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(SharedCredentialsProvider::new(provider));
        self
    }

    /// The HTTP transport (default: [`HyperTransport`]).
    pub fn http_transport(mut self, transport: impl HttpTransport + 'static) -> Self {
        self.transport = Some(SharedTransport::new(transport));
        self
    }

    /// How failed calls are retried (default: [`RetryPolicy::standard`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The limit on one attempt, connecting to last body byte (default [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The limit on a whole call, retries and waits included (default: none).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// The limit on connection setup (default [`DEFAULT_CONNECT_TIMEOUT`]); used by the default transport.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// `POST` (default: parameters in a form body, out of URLs and logs) or `GET`.
    pub fn method(mut self, method: HttpMethod) -> Self {
        self.method = method;
        self
    }

    /// Whether requests are checked against the docs' rules before sending (default `true`).
    pub fn validate_requests(mut self, validate: bool) -> Self {
        self.validate_requests = Some(validate);
        self
    }

    /// The largest answer body read (default [`DEFAULT_MAX_RESPONSE_BYTES`]).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Where the region and the default chain read the environment (default: the process's).
    pub fn env(mut self, env: Env) -> Self {
        self.env = Some(env);
        self
    }

    /// The clock the credentials cache judges expiry by (default: the system clock).
    pub fn time_source(mut self, time_source: TimeSource) -> Self {
        self.time_source = Some(time_source);
        self
    }

    /// Checks the region and endpoint, and sets up the transport and the credentials cache.
    pub fn build(self) -> Result<Config, Error> {
        let env = self.env.unwrap_or_else(Env::process);
        let region = match self.region.or_else(|| env.get(REGION_VAR)) {
            Some(region) => Some(Region::new(region).map_err(ConfigError::InvalidRegion)?),
            None => None,
        };
        let endpoint = match self.endpoint {
            Some(endpoint) => Some(Endpoint::parse(&endpoint).map_err(ConfigError::InvalidEndpoint)?),
            None => None,
        };
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let transport =
            self.transport.unwrap_or_else(|| SharedTransport::new(HyperTransport::new(connect_timeout)));
        let provider = match self.credentials {
            Some(provider) => provider,
            None => SharedCredentialsProvider::new(
                DefaultChain::builder().env(env.clone()).transport(transport.clone()).build(),
            ),
        };
        let time_source = self.time_source.unwrap_or_default();
        let credentials = SharedCredentialsProvider::new(CachedProvider::new(provider, time_source));
        Ok(Config(Arc::new(ConfigInner {
            region,
            endpoint,
            network: self.network,
            credentials,
            transport,
            retry: self.retry.unwrap_or_default(),
            quota: Arc::new(RetryQuota::default()),
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            operation_timeout: self.operation_timeout,
            method: self.method,
            validate_requests: self.validate_requests.unwrap_or(true),
            max_response_bytes: self.max_response_bytes.unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
        })))
    }
}
