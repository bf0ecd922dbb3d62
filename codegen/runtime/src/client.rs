//! The blocking HTTP client (feature `client`): signs, sends, retries where safe, and types the answer.
#![cfg(feature = "client")]

use std::fmt;
use std::time::Duration;

use crate::credentials::{Credentials, CredentialsError};
use crate::endpoint::Endpoint;
use crate::operation::{ErrorBody, Operation};
use crate::signing::{self, HttpMethod, Nonce, Timestamp};
use crate::validation::ValidationErrors;

/// How often, and how patiently, a failed call is tried again.
///
/// Only throttling (`Throttling*` codes, HTTP 429), server errors (5xx), timeouts and transport
/// failures are retried, and only for calls that are safe to repeat: [`Operation::IDEMPOTENT`]
/// ones, or ones carrying a `ClientToken`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included; at least 1.
    pub max_attempts: u32,
    /// The wait before the first retry; doubled before each further one.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts.
    pub max_backoff: Duration,
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn none() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// The wait before attempt `attempt + 1` (`attempt` counts from 1): exponential, capped,
    /// with a random part of up to half (so many clients do not retry in step).
    fn backoff(&self, attempt: u32) -> Duration {
        let doubled = self.initial_backoff.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let capped = doubled.min(self.max_backoff);
        let mut random = [0u8; 2];
        let fraction = match getrandom::getrandom(&mut random) {
            Ok(()) => f64::from(u16::from_le_bytes(random)) / f64::from(u16::MAX),
            Err(_) => 0.5,
        };
        capped.mul_f64(1.0 - 0.5 * fraction)
    }
}

impl Default for RetryPolicy {
    /// Three attempts, waiting about 200 ms then 400 ms.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

/// Builds a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    endpoint: Endpoint,
    method: HttpMethod,
    retry: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    validate_requests: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            credentials: None,
            endpoint: Endpoint::Default,
            method: HttpMethod::Post,
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            validate_requests: true,
        }
    }
}

impl ClientBuilder {
    /// Explicit credentials; without them [`ClientBuilder::build`] reads the environment.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sends to the region's host (`cn-hangzhou` → `ecs.cn-hangzhou.aliyuncs.com`).
    pub fn region(self, region: impl Into<String>) -> Self {
        self.endpoint(Endpoint::Region(region.into()))
    }

    /// Sends to this base URL as given (`http://127.0.0.1:8080` for a local server).
    pub fn base_url(self, base_url: impl Into<String>) -> Self {
        self.endpoint(Endpoint::BaseUrl(base_url.into()))
    }

    /// Where requests go (default: the operation's own host).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// `POST` (the default: parameters in a form body) or `GET` (parameters in the URL).
    pub fn method(mut self, method: HttpMethod) -> Self {
        self.method = method;
        self
    }

    /// How failed calls are retried (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The limit on one attempt, from connecting to the last byte of the body (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The limit on setting up a connection, TLS included (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Whether [`Client::send`] checks each request against the docs' rules
    /// ([`Operation::validate`]) before sending it (default: `true`). Turn it off when the docs lag
    /// the service, e.g. a value the service accepts that the docs do not list yet.
    pub fn validate_requests(mut self, validate: bool) -> Self {
        self.validate_requests = validate;
        self
    }

    /// The client; reads `ALIBABA_CLOUD_ACCESS_KEY_ID` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET`
    /// when no credentials were given.
    pub fn build(self) -> Result<Client, CredentialsError> {
        let credentials = match self.credentials {
            Some(credentials) => credentials,
            None => Credentials::from_env()?,
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(self.timeout))
            .timeout_connect(Some(self.connect_timeout))
            .max_redirects(0)
            .build()
            .new_agent();
        Ok(Client {
            agent,
            credentials,
            endpoint: self.endpoint,
            method: self.method,
            retry: RetryPolicy { max_attempts: self.retry.max_attempts.max(1), ..self.retry },
            validate_requests: self.validate_requests,
        })
    }
}

/// Sends typed requests to the service. Blocking; cheap to clone (connections are pooled and shared).
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    credentials: Credentials,
    endpoint: Endpoint,
    method: HttpMethod,
    retry: RetryPolicy,
    validate_requests: bool,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.credentials)
            .field("endpoint", &self.endpoint)
            .field("method", &self.method)
            .field("retry", &self.retry)
            .field("validate_requests", &self.validate_requests)
            .finish_non_exhaustive()
    }
}

/// What one attempt ended with.
enum Attempt<R, E> {
    Done(Result<R, SendError<E>>),
    /// Worth another try if the call is safe to repeat; the error stands if not.
    Retryable(SendError<E>),
}

impl Client {
    /// A builder with default settings.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client with default settings and credentials from the environment.
    pub fn from_env() -> Result<Client, CredentialsError> {
        ClientBuilder::default().build()
    }

    /// Checks `request` against the docs' rules (unless the builder turned that off), then signs
    /// and sends it; each attempt gets a fresh timestamp and nonce. A request that breaks a rule
    /// is never sent: the answer is [`SendError::Invalid`].
    pub fn send<O: Operation>(&self, request: &O) -> Result<O::Response, SendError<O::Error>> {
        if self.validate_requests {
            request.validate().map_err(SendError::Invalid)?;
        }
        let safe_to_repeat = O::IDEMPOTENT || request.client_token().is_some();
        let mut attempt = 1;
        loop {
            match self.attempt(request) {
                Attempt::Done(result) => return result,
                Attempt::Retryable(error) => {
                    if !safe_to_repeat || attempt >= self.retry.max_attempts {
                        return Err(error);
                    }
                    std::thread::sleep(self.retry.backoff(attempt));
                    attempt += 1;
                }
            }
        }
    }

    fn attempt<O: Operation>(&self, request: &O) -> Attempt<O::Response, O::Error> {
        if let Some(roa) = request.roa() {
            return self.attempt_roa::<O>(roa);
        }
        let signed = signing::sign_request(
            request,
            &self.credentials,
            self.method,
            &Timestamp::now(),
            &Nonce::random(),
        );
        let base = self.endpoint.base_url(O::ENDPOINT);
        let sent = match self.method {
            HttpMethod::Get => self.agent.get(format!("{base}?{}", signed.to_query_string())).call(),
            HttpMethod::Post => self
                .agent
                .post(base)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send(signed.to_query_string()),
        };
        let mut response = match sent {
            Ok(response) => response,
            Err(error) => return transport_failure(error),
        };
        let status = response.status().as_u16();
        let body = match response.body_mut().read_to_vec() {
            Ok(body) => body,
            Err(error) => return transport_failure(error),
        };
        classify::<O>(status, &body)
    }
}

impl Client {
    /// One attempt of a RESTful (ROA) operation: its own method, path, query, headers and body,
    /// signed with an `Authorization` header; no `Action`.
    fn attempt_roa<O: Operation>(
        &self,
        roa: Result<crate::roa::Request, crate::roa::RoaError>,
    ) -> Attempt<O::Response, O::Error> {
        let roa = match roa {
            Ok(roa) => roa,
            Err(error) => {
                let message = format!("the request cannot be made: {error}");
                return Attempt::Done(Err(SendError::Transport { message }));
            }
        };
        let nonce = Nonce::random();
        let now =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let signing = crate::roa::Signing {
            version: O::VERSION,
            access_key_id: self.credentials.access_key_id(),
            access_key_secret: self.credentials.access_key_secret().expose(),
            security_token: None,
            nonce: nonce.as_str(),
            unix_seconds: now,
        };
        let signed = crate::roa::sign(&roa, &signing);
        let base = self.endpoint.base_url(O::ENDPOINT);
        let url = format!("{}{}", base.trim_end_matches('/'), signed.path_and_query);
        let mut builder = ureq::http::Request::builder().method(signed.method).uri(url);
        for (name, value) in &signed.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let request = match builder.body(signed.body) {
            Ok(request) => request,
            Err(error) => return Attempt::Done(Err(SendError::Transport { message: error.to_string() })),
        };
        let mut response = match self.agent.run(request) {
            Ok(response) => response,
            Err(error) => return transport_failure(error),
        };
        let status = response.status().as_u16();
        let body = match response.body_mut().read_to_vec() {
            Ok(body) => body,
            Err(error) => return transport_failure(error),
        };
        classify::<O>(status, &body)
    }
}

/// A failure before a whole answer arrived: timeouts and broken connections may pass with
/// another try; TLS, URL and protocol-use errors will not.
fn transport_failure<R, E>(error: ureq::Error) -> Attempt<R, E> {
    let transient = matches!(
        error,
        ureq::Error::Timeout(_)
            | ureq::Error::Io(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::Protocol(_)
    );
    let error = SendError::from_transport(error);
    if transient {
        Attempt::Retryable(error)
    } else {
        Attempt::Done(Err(error))
    }
}

/// Turns a status and body into the typed answer, and says whether a failure is worth retrying.
fn classify<O: Operation>(status: u16, body: &[u8]) -> Attempt<O::Response, O::Error> {
    let server_side = status == 429 || status >= 500;
    if (200..300).contains(&status) {
        return Attempt::Done(
            serde_json::from_slice::<O::Response>(body)
                .map_err(|error| SendError::decode(status, body, &error)),
        );
    }
    let error = match serde_json::from_slice::<ErrorBody>(body) {
        Ok(error_body) if !error_body.code.is_empty() => {
            let throttled = error_body.code.starts_with("Throttling");
            let error = SendError::Api {
                status,
                request_id: error_body.request_id.clone(),
                error: O::Error::from(ErrorBody { status, ..error_body }),
            };
            if throttled || server_side {
                return Attempt::Retryable(error);
            }
            return Attempt::Done(Err(error));
        }
        Ok(error_body) => SendError::Decode {
            status,
            request_id: Some(error_body.request_id).filter(|id| !id.is_empty()),
            message: "error response without a `Code`".to_owned(),
        },
        Err(error) => SendError::decode(status, body, &error),
    };
    if server_side {
        Attempt::Retryable(error)
    } else {
        Attempt::Done(Err(error))
    }
}

/// Why [`Client::send`] failed. API errors (the service answered with an error code) are kept
/// apart from everything that kept a typed answer from arriving.
#[derive(Debug)]
pub enum SendError<E> {
    /// Not sent: the request breaks rules read from the docs (see
    /// [`ClientBuilder::validate_requests`] to send such requests anyway).
    Invalid(ValidationErrors),
    /// The service answered with an error body, typed as the API's error enum.
    Api {
        /// The API's error enum, built from the error body.
        error: E,
        /// The service's `RequestId`, for support tickets.
        request_id: String,
        /// The HTTP status.
        status: u16,
    },
    /// An attempt ran out of time.
    Timeout,
    /// No answer: connection, TLS or protocol failure.
    Transport {
        /// What failed, without the request URL (which holds every parameter).
        message: String,
    },
    /// An answer that is not the expected JSON.
    Decode {
        /// The HTTP status.
        status: u16,
        /// The `RequestId`, when the body still had one.
        request_id: Option<String>,
        /// What did not match.
        message: String,
    },
}

impl<E> SendError<E> {
    fn from_transport(error: ureq::Error) -> Self {
        match error {
            ureq::Error::Timeout(_) => SendError::Timeout,
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => SendError::Timeout,
            // The URL of a GET request carries every parameter: never repeat it.
            ureq::Error::BadUri(_) => SendError::Transport { message: "invalid request URL".to_owned() },
            other => SendError::Transport { message: other.to_string() },
        }
    }

    fn decode(status: u16, body: &[u8], error: &serde_json::Error) -> Self {
        #[derive(serde::Deserialize)]
        struct RequestIdOnly {
            #[serde(rename = "RequestId")]
            request_id: String,
        }
        SendError::Decode {
            status,
            request_id: serde_json::from_slice::<RequestIdOnly>(body).ok().map(|only| only.request_id),
            message: error.to_string(),
        }
    }

    /// The service's `RequestId`, when an answer carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            SendError::Api { request_id, .. } => Some(request_id),
            SendError::Decode { request_id, .. } => request_id.as_deref(),
            SendError::Invalid(_) | SendError::Timeout | SendError::Transport { .. } => None,
        }
    }

    /// The API error, when the service answered with one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            SendError::Api { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for SendError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Invalid(errors) => write!(f, "invalid request, not sent:\n{errors}"),
            SendError::Api { error, request_id, status } => {
                write!(f, "{error} (HTTP {status}, RequestId {request_id})")
            }
            SendError::Timeout => f.write_str("the request timed out"),
            SendError::Transport { message } => write!(f, "transport error: {message}"),
            SendError::Decode { status, request_id, message } => {
                write!(f, "cannot decode the HTTP {status} response: {message}")?;
                match request_id {
                    Some(request_id) => write!(f, " (RequestId {request_id})"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SendError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SendError::Api { error, .. } => Some(error),
            SendError::Invalid(errors) => Some(errors),
            _ => None,
        }
    }
}
