//! The async client (feature `client`): one per product, built from a shared [`Config`]; checks,
//! fills and signs each request, sends it with retries where safe, and types the answer.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use tracing::field::Empty;
use tracing::Instrument;

use crate::config::Config;
use crate::endpoint::{Endpoint, ProductEndpoints};
use crate::engine::{Engine, Payload, Signer};
use crate::error::{ConfigError, Error};
use crate::operation::Operation;
use crate::region::Region;
use crate::retry::RetryPolicy;
use crate::signing::Nonce;

/// Per-call overrides of the config's retry policy and timeouts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// How this call's failures are retried.
    pub retry: Option<RetryPolicy>,
    /// The limit on each attempt.
    pub timeout: Option<Duration>,
    /// The limit on the whole call, retries and waits included.
    pub operation_timeout: Option<Duration>,
}

impl CallOptions {
    /// No overrides: the call runs as the config says.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// Retries this call as `retry` says instead of the config's policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The limit on each attempt of this call, connecting to last body byte.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The limit on the whole call, retries and waits included.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }
}

/// Sends one product's requests (generated crates wrap it: `alibabacloud_ecs::Client`). Cheap to
/// clone; clones share connections, credentials and the retry quota.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    endpoint: Endpoint,
    product: &'static str,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("product", &self.inner.product)
            .field("region", &self.inner.config.region())
            .field("endpoint", &self.inner.endpoint.base_url())
            .field("config", &self.inner.config)
            .finish()
    }
}

impl Client {
    /// A client for the product whose endpoint data is `endpoints`: the config's explicit endpoint,
    /// else the one the data gives for the config's region and network.
    pub fn new(config: &Config, endpoints: &'static ProductEndpoints) -> Result<Client, Error> {
        let endpoint = match (config.endpoint(), config.region()) {
            (Some(endpoint), _) => endpoint.clone(),
            (None, Some(region)) => {
                endpoints.resolve(region, config.network()).map_err(ConfigError::Endpoint)?
            }
            (None, None) => return Err(ConfigError::NoRegion.into()),
        };
        Ok(Client { inner: Arc::new(Inner { config: config.clone(), endpoint, product: endpoints.product }) })
    }

    /// The region requests go to and default to.
    pub fn region(&self) -> Option<&Region> {
        self.inner.config.region()
    }

    /// Where requests go.
    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// The config the client was made from.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Sends `request` and reads the typed answer. See [`Client::send_with`].
    pub async fn send<O: Operation>(&self, request: &O) -> Result<O::Response, Error<O::Error>> {
        self.send_with(request, &CallOptions::default()).await
    }

    /// Sends `request` with per-call overrides:
    ///
    /// 1. checks it against the docs' rules (unless the config turned that off): a request that
    ///    breaks one is not sent ([`Error::Invalid`]);
    /// 2. fills an unset `RegionId` with the client's region, and refuses one that names another
    ///    region ([`Error::RegionMismatch`]);
    /// 3. fills an unset `ClientToken` (APIs that document one) with a fresh UUID, the same for
    ///    every attempt;
    /// 4. signs each attempt anew and retries per [`RetryPolicy`].
    pub async fn send_with<O: Operation>(
        &self,
        request: &O,
        options: &CallOptions,
    ) -> Result<O::Response, Error<O::Error>> {
        self.call(request, options, &[]).await.map(|(response, _)| response)
    }

    /// [`Client::send_with`] with some wire pairs replaced (a paginator's page number or token),
    /// returning the answer's JSON too.
    pub(crate) async fn call<O: Operation>(
        &self,
        request: &O,
        options: &CallOptions,
        overrides: &[(&str, String)],
    ) -> Result<(O::Response, serde_json::Value), Error<O::Error>> {
        let span = tracing::info_span!(
            "alibabacloud.call",
            product = self.inner.product,
            operation = O::ACTION,
            region = self.region().map_or("", Region::as_str),
            attempts = Empty,
            request_id = Empty,
            status = Empty,
        );
        let call = async {
            let result = self.call_inner(request, options, overrides).await;
            let span = tracing::Span::current();
            match &result {
                Ok((_, json)) => {
                    if let Some(id) = json.get("RequestId").and_then(serde_json::Value::as_str) {
                        span.record("request_id", id);
                    }
                    span.record("status", "ok");
                    tracing::debug!("call succeeded");
                }
                Err(error) => {
                    if let Some(id) = error.request_id() {
                        span.record("request_id", id);
                    }
                    if let Some(status) = error.status() {
                        span.record("status", status);
                    }
                    tracing::info!(error = %error, "call failed");
                }
            }
            result
        };
        call.instrument(span).await
    }

    async fn call_inner<O: Operation>(
        &self,
        request: &O,
        options: &CallOptions,
        overrides: &[(&str, String)],
    ) -> Result<(O::Response, serde_json::Value), Error<O::Error>> {
        let config = self.inner.config.inner();
        if config.validate_requests {
            request.validate().map_err(Error::Invalid)?;
        }
        // A RESTful (ROA) operation goes by its own method and path, never as an RPC `Action`.
        // A missing client token goes where the docs put it (query, header or body).
        let token: Vec<(&str, serde_json::Value)> = O::CLIENT_TOKEN
            .map(|name| (name, serde_json::Value::String(Nonce::random().as_str().to_owned())))
            .into_iter()
            .collect();
        let roa = match request.roa_with(&token) {
            Some(Ok(mut roa)) => {
                for (key, value) in overrides {
                    crate::region::set_pair(&mut roa.query, key, value.clone());
                }
                if let Some(region) = self.region() {
                    if !roa.headers.iter().any(|(key, _)| key.eq_ignore_ascii_case("x-acs-region-id")) {
                        roa.headers.push(("x-acs-region-id".to_owned(), region.as_str().to_owned()));
                    }
                }
                Some(roa)
            }
            Some(Err(error)) => {
                let message = format!("the request cannot be put on the wire: {error}");
                return Err(Error::Transport(crate::error::TransportError::new(
                    crate::error::TransportErrorKind::Other,
                    message,
                )));
            }
            None => None,
        };
        let mut pairs = if roa.is_some() { Vec::new() } else { request.to_query_pairs().to_vec() };
        for (key, value) in overrides {
            crate::region::set_pair(&mut pairs, key, value.clone());
        }
        if roa.is_none() {
            crate::region::fill_region(&mut pairs, self.region())?;
        }
        if let (Some(name), None) = (O::CLIENT_TOKEN, &roa) {
            if !pairs.iter().any(|(key, value)| key == name && !value.is_empty()) {
                crate::region::set_pair(&mut pairs, name, Nonce::random().as_str().to_owned());
            }
        }
        let engine = Engine {
            transport: &config.transport,
            endpoint: &self.inner.endpoint,
            method: config.method,
            retry: options.retry.as_ref().unwrap_or(&config.retry),
            quota: &config.quota,
            timeout: options.timeout.unwrap_or(config.timeout),
            max_body: config.max_response_bytes,
        };
        let payload = match &roa {
            Some(roa) => Payload::Roa(roa),
            None => Payload::Rpc(&pairs),
        };
        let exchange = engine.exchange_payload(
            O::VERSION,
            payload,
            Signer::Credentials(&config.credentials),
            O::IDEMPOTENT,
        );
        let answer = match options.operation_timeout.or(config.operation_timeout) {
            Some(limit) => {
                tokio::time::timeout(limit, exchange).await.unwrap_or(Err(Error::Timeout { after: limit }))
            }
            None => exchange.await,
        }
        .map_err(|error| error.map_api(O::Error::from))?;
        let json: serde_json::Value =
            serde_json::from_slice(&answer.body).map_err(|error| Error::Decode {
                status: 200,
                request_id: None,
                message: error.to_string(),
                body: String::from_utf8_lossy(&answer.body).into_owned(),
            })?;
        let response = O::Response::deserialize(&json).map_err(|error| Error::Decode {
            status: 200,
            request_id: json.get("RequestId").and_then(serde_json::Value::as_str).map(str::to_owned),
            message: error.to_string(),
            body: String::from_utf8_lossy(&answer.body).into_owned(),
        })?;
        Ok((response, json))
    }
}
