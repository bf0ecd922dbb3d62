//! One call on the wire: each attempt signed anew (fresh timestamp and nonce), sent, its answer
//! classified, and retried where that is safe. Shared by the product clients and the STS calls of
//! the credential providers.

use std::time::{Duration, Instant};

use futures_util::FutureExt as _;
use tracing::field::Empty;
use tracing::Instrument;

use crate::credentials::ProvideCredentials;
use crate::endpoint::Endpoint;
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::http::{HttpRequest, HttpTransport, SharedTransport};
use crate::operation::ErrorBody;
use crate::retry::{RetryPolicy, RetryQuota, RetryReason};
use crate::signing::{self, HttpMethod, Nonce, Timestamp};

/// The `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("alibabacloud-rust-sdk/", env!("CARGO_PKG_VERSION"));

/// How a call is sent.
pub(crate) struct Engine<'a> {
    pub transport: &'a SharedTransport,
    pub endpoint: &'a Endpoint,
    pub method: HttpMethod,
    pub retry: &'a RetryPolicy,
    pub quota: &'a RetryQuota,
    pub timeout: Duration,
    pub max_body: usize,
}

/// Who signs the attempts.
pub(crate) enum Signer<'a> {
    /// HMAC-SHA1 with the provider's current credentials, looked up for every attempt.
    Credentials(&'a dyn ProvideCredentials),
    /// No signature: STS `AssumeRoleWithOIDC`, whose proof is the OIDC token in the request.
    Anonymous,
}

/// What each attempt sends.
#[derive(Clone, Copy)]
pub(crate) enum Payload<'a> {
    /// RPC: the request's own pairs (`Action` and parameters), signed into a query.
    Rpc(&'a [(String, String)]),
    /// ROA: the request's method, path, query, headers and body, signed with `Authorization`.
    Roa(&'a crate::roa::Request),
}

/// A 2xx answer.
#[derive(Debug)]
pub(crate) struct Answer {
    pub body: Vec<u8>,
}

/// What one attempt ended with.
enum Outcome {
    Success(Answer),
    Final(Error),
    Retry { reason: RetryReason, error: Error, retry_after: Option<Duration> },
}

impl Engine<'_> {
    /// Sends `pairs` (the request's own: `Action` and parameters) until an answer settles it or the
    /// retry policy, the safety rule or the quota says stop. `safe_to_repeat`: the service may act on
    /// the same request twice without harm (see [`RetryReason::allows`]).
    pub async fn exchange(
        &self,
        version: &str,
        pairs: &[(String, String)],
        signer: Signer<'_>,
        safe_to_repeat: bool,
    ) -> Result<Answer, Error> {
        self.exchange_payload(version, Payload::Rpc(pairs), signer, safe_to_repeat).await
    }

    /// [`Engine::exchange`] for either style of request.
    pub async fn exchange_payload(
        &self,
        version: &str,
        payload: Payload<'_>,
        signer: Signer<'_>,
        safe_to_repeat: bool,
    ) -> Result<Answer, Error> {
        let mut attempt = 0u32;
        let mut taken = 0u32;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempts", attempt);
            let span = tracing::debug_span!(
                "alibabacloud.attempt",
                attempt,
                status = Empty,
                request_id = Empty,
                latency_ms = Empty
            );
            let attempt_future = match payload {
                Payload::Rpc(pairs) => self.attempt(version, pairs, &signer).boxed(),
                Payload::Roa(request) => self.attempt_roa(version, request, &signer).boxed(),
            };
            match attempt_future.instrument(span).await {
                Outcome::Success(answer) => {
                    self.quota.release(taken);
                    return Ok(answer);
                }
                Outcome::Final(error) => return Err(error),
                Outcome::Retry { reason, error, retry_after } => {
                    if attempt >= self.retry.max_attempts || !reason.allows(safe_to_repeat) {
                        return Err(error);
                    }
                    let mut delay = self.retry.backoff(attempt);
                    if let Some(after) = retry_after {
                        if after > self.retry.max_retry_after {
                            tracing::debug!(
                                retry_after_ms = millis(after),
                                "Retry-After beyond the limit; not retrying"
                            );
                            return Err(error);
                        }
                        delay = delay.max(after);
                    }
                    let Some(cost) = self.quota.acquire(reason) else {
                        tracing::warn!("retry quota exhausted; not retrying");
                        return Err(error);
                    };
                    taken += cost;
                    tracing::info!(
                        attempt,
                        reason = reason.as_str(),
                        delay_ms = millis(delay),
                        error = %error,
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    async fn attempt(&self, version: &str, pairs: &[(String, String)], signer: &Signer<'_>) -> Outcome {
        let timestamp = Timestamp::now();
        let query = match signer {
            Signer::Credentials(provider) => match provider.provide_credentials().await {
                Ok(credentials) => signing::sign_query(
                    pairs.to_vec(),
                    version,
                    &credentials,
                    self.method,
                    &timestamp,
                    &Nonce::random(),
                )
                .to_query_string(),
                Err(error) => return Outcome::Final(Error::Credentials(error)),
            },
            Signer::Anonymous => {
                let mut all = pairs.to_vec();
                all.extend([
                    ("Format".to_owned(), signing::FORMAT.to_owned()),
                    ("Version".to_owned(), version.to_owned()),
                    ("Timestamp".to_owned(), timestamp.as_str().to_owned()),
                ]);
                signing::canonical_query(&all)
            }
        };
        let request = match build_request(self.method, self.endpoint, query) {
            Ok(request) => request,
            Err(error) => return Outcome::Final(error),
        };
        self.send(request).await
    }

    /// One ROA attempt: signed anew (fresh `Date` and nonce, the provider's current keys and
    /// security token) and sent by the request's own method and path.
    async fn attempt_roa(
        &self,
        version: &str,
        request: &crate::roa::Request,
        signer: &Signer<'_>,
    ) -> Outcome {
        let Signer::Credentials(provider) = signer else {
            let error = TransportError::new(TransportErrorKind::Other, "a ROA request is always signed");
            return Outcome::Final(Error::Transport(error));
        };
        let credentials = match provider.provide_credentials().await {
            Ok(credentials) => credentials,
            Err(error) => return Outcome::Final(Error::Credentials(error)),
        };
        let nonce = Nonce::random();
        let unix_seconds =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let signing = crate::roa::Signing {
            version,
            access_key_id: credentials.access_key_id(),
            access_key_secret: credentials.access_key_secret().expose(),
            security_token: credentials.security_token().map(|t| t.expose()),
            nonce: nonce.as_str(),
            unix_seconds,
        };
        let signed = crate::roa::sign(request, &signing);
        let base = self.endpoint.base_url();
        let mut builder = http::Request::builder()
            .method(signed.method)
            .uri(format!("{}{}", base.trim_end_matches('/'), signed.path_and_query))
            .header(http::header::USER_AGENT, USER_AGENT);
        for (name, value) in &signed.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        match builder.body(signed.body) {
            Ok(request) => self.send(request).await,
            Err(error) => Outcome::Final(Error::Transport(TransportError::new(
                TransportErrorKind::Other,
                error.to_string(),
            ))),
        }
    }

    /// Sends one built request and classifies the answer.
    async fn send(&self, request: HttpRequest) -> Outcome {
        let started = Instant::now();
        let sent = tokio::time::timeout(self.timeout, self.transport.send(request, self.max_body)).await;
        let span = tracing::Span::current();
        span.record("latency_ms", millis(started.elapsed()));
        let response = match sent {
            Err(_) => {
                tracing::debug!("attempt timed out");
                return Outcome::Retry {
                    reason: RetryReason::TimedOut,
                    error: Error::Timeout { after: self.timeout },
                    retry_after: None,
                };
            }
            Ok(Err(error)) => {
                tracing::debug!(error = %error, "attempt failed");
                let reason = match error.kind {
                    TransportErrorKind::Connect => RetryReason::NeverSent,
                    TransportErrorKind::Io => RetryReason::Transient,
                    _ => return Outcome::Final(Error::Transport(error)),
                };
                return Outcome::Retry { reason, error: Error::Transport(error), retry_after: None };
            }
            Ok(Ok(response)) => response,
        };
        let outcome = classify(response);
        tracing::debug!("attempt answered");
        outcome
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// POST: the query as a form body to `/`; GET: the query in the URL.
fn build_request(method: HttpMethod, endpoint: &Endpoint, query: String) -> Result<HttpRequest, Error> {
    let base = endpoint.base_url();
    let builder = http::Request::builder()
        .header(http::header::USER_AGENT, USER_AGENT)
        .header(http::header::ACCEPT, "application/json");
    let built = match method {
        HttpMethod::Get => builder.method(http::Method::GET).uri(format!("{base}?{query}")).body(Vec::new()),
        HttpMethod::Post => builder
            .method(http::Method::POST)
            .uri(base)
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(query.into_bytes()),
    };
    built.map_err(|error| {
        Error::Transport(crate::error::TransportError::new(TransportErrorKind::Other, error.to_string()))
    })
}

/// `Throttling`, `Throttling.User`, `Throttling.Api`, …: the service refused the call for its rate.
pub fn is_throttling_code(code: &str) -> bool {
    code == "Throttling" || code.starts_with("Throttling.")
}

/// Codes for a passing fault on the service's side, retried like a 5xx (only when safe):
/// `ServiceUnavailable*`, `InternalError*`, and `LastTokenProcessing` (an earlier request with the
/// same `ClientToken` is still running; asking again later gives its result).
pub fn is_transient_code(code: &str) -> bool {
    code.starts_with("ServiceUnavailable")
        || code.starts_with("InternalError")
        || code == "LastTokenProcessing"
}

/// The `Retry-After` delay, in its delta-seconds form.
fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn classify(response: http::Response<Vec<u8>>) -> Outcome {
    let status = response.status().as_u16();
    let span = tracing::Span::current();
    span.record("status", status);
    let retry_after = retry_after(response.headers());
    if (300..400).contains(&status) {
        let location = response
            .headers()
            .get(http::header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        return Outcome::Final(Error::Redirect { status, location });
    }
    let body = response.into_body();
    if (200..300).contains(&status) {
        return Outcome::Success(Answer { body });
    }
    let raw = String::from_utf8_lossy(&body).into_owned();
    let parsed = serde_json::from_slice::<ErrorBody>(&body);
    if let Ok(error_body) = &parsed {
        if !error_body.request_id.is_empty() {
            span.record("request_id", error_body.request_id.as_str());
        }
    }
    let (error, code) = match parsed {
        Ok(error_body) if !error_body.code.is_empty() => {
            let error_body = error_body.with_status(status).with_raw(raw);
            let code = error_body.code.clone();
            let service = Box::new(error_body);
            if code == "DryRunOperation" {
                return Outcome::Final(Error::DryRunPassed(service));
            }
            (Error::Service(service), Some(code))
        }
        parsed => {
            let request_id = parsed.ok().map(|body| body.request_id).filter(|id| !id.is_empty());
            let message = "an error status without a service error body (`Code`)".to_owned();
            (Error::Decode { status, request_id, message, body: raw }, None)
        }
    };
    let code = code.as_deref().unwrap_or("");
    if status == 429 || is_throttling_code(code) {
        Outcome::Retry { reason: RetryReason::Throttled, error, retry_after }
    } else if status >= 500 || is_transient_code(code) {
        Outcome::Retry { reason: RetryReason::Transient, error, retry_after }
    } else {
        Outcome::Final(error)
    }
}
