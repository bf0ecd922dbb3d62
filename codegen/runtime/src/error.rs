//! The one error type of every call: what went wrong, with what the service said, in a form a program can act on.

use std::fmt;
use std::time::Duration;

use crate::credentials::CredentialsError;
use crate::endpoint::{EndpointError, InvalidEndpoint};
use crate::operation::ErrorBody;
use crate::region::InvalidRegion;
use crate::service_error::ProvideErrorMetadata;
use crate::validation::ValidationErrors;

/// The longest service message (and body excerpt) `Display` shows; `Debug` and the accessors keep all of it.
pub const DISPLAY_LIMIT: usize = 512;

/// `text` cut to at most `limit` bytes on a character boundary, with the number of bytes left out.
pub fn truncated(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_owned();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} more bytes)", &text[..end], text.len() - end)
}

/// Why a call failed. `E` is the API's error (`RunInstancesError`, a [`crate::ServiceError`] with
/// the API's code enum); runtime-level failures that no API defines (configuration, credentials)
/// use the default, [`ErrorBody`].
///
/// Matching is meant to be on variants: a dry run that passed is [`Error::DryRunPassed`], a
/// service error is [`Error::Service`] with the typed code, throttling stays a service error
/// (after the client's retries) with its code.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = ErrorBody> {
    /// Not sent: the request breaks rules read from the docs.
    Invalid(ValidationErrors),
    /// Not sent: the request's `RegionId` names another region than the client's. A client sends to
    /// its own region's endpoint only; use a client for the other region.
    RegionMismatch {
        /// The client's region (`cn-hangzhou`).
        client: String,
        /// The region the request's `RegionId` names.
        request: String,
    },
    /// The configuration cannot make a request: a bad region or endpoint, no region at all.
    Config(ConfigError),
    /// No credentials could be had, or fetching them failed.
    Credentials(CredentialsError),
    /// The service answered with an error code: the API's typed error (its code, and the body as
    /// received through [`ProvideErrorMetadata`]).
    Service(Box<E>),
    /// A dry run (`DryRun=true`) passed: the service answered `DryRunOperation`.
    DryRunPassed(Box<E>),
    /// The service answered with a redirect; it is never followed (the request is signed for its host).
    Redirect {
        /// The 3xx status received.
        status: u16,
        /// The `Location` header, when the answer had one readable as text.
        location: Option<String>,
    },
    /// An attempt (after the retries the call allowed) or the whole call ran out of time.
    Timeout {
        /// The limit that ran out: that of one attempt (`timeout`), or of the whole call with its
        /// retries (`operation_timeout`).
        after: Duration,
    },
    /// No complete answer: connection, TLS or protocol failure, a truncated or oversized body.
    Transport(TransportError),
    /// An answer that could not be read: a success body that is not the response type, or an error
    /// status without a service error body.
    Decode {
        /// The HTTP status received (200 for a success body that could not be read).
        status: u16,
        /// The `RequestId` the body carried, when one could be read from it.
        request_id: Option<String>,
        /// What could not be read: the JSON or type error, or an error status without a `Code`.
        message: String,
        /// The body as received (invalid UTF-8 replaced by `U+FFFD`).
        body: String,
    },
}

/// A configuration that cannot make a request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// Neither a region (`Config` or `ALIBABA_CLOUD_REGION_ID`) nor an explicit endpoint.
    NoRegion,
    /// The region (from `Config` or `ALIBABA_CLOUD_REGION_ID`) is not a region ID.
    InvalidRegion(InvalidRegion),
    /// The explicit endpoint set on `Config` is not a plain host (or `scheme://host[:port]`).
    InvalidEndpoint(InvalidEndpoint),
    /// The product's endpoint data gives no usable endpoint for the region and network.
    Endpoint(EndpointError),
    /// A request's `RegionId` is set but is not a region ID.
    InvalidRequestRegion(InvalidRegion),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NoRegion => f.write_str(
                "no region: set one on the config or in ALIBABA_CLOUD_REGION_ID, or give an explicit endpoint",
            ),
            ConfigError::InvalidRegion(error) => error.fmt(f),
            ConfigError::InvalidEndpoint(error) => error.fmt(f),
            ConfigError::Endpoint(error) => error.fmt(f),
            ConfigError::InvalidRequestRegion(error) => write!(f, "the request's RegionId: {error}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<ConfigError> for Error {
    fn from(error: ConfigError) -> Self {
        Error::Config(error)
    }
}

/// Why no complete answer arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TransportError {
    /// How far the exchange got: whether the client may try again.
    pub kind: TransportErrorKind,
    /// What the HTTP stack said.
    pub message: String,
}

impl TransportError {
    /// A failure of this kind, with the HTTP stack's message: what an `HttpTransport` returns.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into() }
    }
}

/// How far a failed exchange got, which decides whether another attempt is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection was made (name resolution, TCP connect, TLS handshake): the request never
    /// left, so any operation may be tried again.
    Connect,
    /// The connection broke after it was made (reset, closed early, truncated body): the service
    /// may have acted on the request.
    Io,
    /// The answer's body was larger than the client accepts.
    BodyTooLarge {
        /// The most bytes the client reads (the config's `max_response_bytes`).
        limit: usize,
    },
    /// The request could not be built or the stack failed otherwise.
    Other,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "cannot connect (the request was not sent)",
            TransportErrorKind::Io => "the connection failed after the request may have been sent",
            TransportErrorKind::BodyTooLarge { .. } => "the answer is larger than the client accepts",
            TransportErrorKind::Other => "HTTP error",
        };
        write!(f, "{what}: {}", truncated(&self.message, DISPLAY_LIMIT))?;
        if let TransportErrorKind::BodyTooLarge { limit } = self.kind {
            write!(f, " (limit {limit} bytes)")?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {}

impl<E: ProvideErrorMetadata> Error<E> {
    /// The service's `RequestId`, when an answer carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(service) | Error::DryRunPassed(service) => {
                Some(service.request_id()).filter(|id| !id.is_empty())
            }
            Error::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status received, when an answer arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service(service) | Error::DryRunPassed(service) => Some(service.status()),
            Error::Redirect { status, .. } | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The service's error code (`InvalidParameter`, `Throttling`).
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Service(service) | Error::DryRunPassed(service) => Some(service.code()),
            _ => None,
        }
    }
}

impl<C: crate::ErrorCodes> Error<crate::ServiceError<C>> {
    /// The API's documented error code, when the service answered with one
    /// (`Some(RunInstancesErrorCode::OperationDeniedNoStock)`).
    pub fn api_code(&self) -> Option<C> {
        self.api_error().and_then(crate::ServiceError::api_code)
    }
}

impl<E> Error<E> {
    /// The typed API error, when the service answered with one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Service(service) => Some(service),
            _ => None,
        }
    }

    /// Whether this is a dry run that passed.
    pub fn is_dry_run_passed(&self) -> bool {
        matches!(self, Error::DryRunPassed(_))
    }

    /// The same error with the API error mapped (from an untyped [`ErrorBody`] to an API's enum, say).
    pub fn map_api<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Service(service) => Error::Service(Box::new(f(*service))),
            Error::DryRunPassed(service) => Error::DryRunPassed(Box::new(f(*service))),
            Error::Invalid(errors) => Error::Invalid(errors),
            Error::RegionMismatch { client, request } => Error::RegionMismatch { client, request },
            Error::Config(error) => Error::Config(error),
            Error::Credentials(error) => Error::Credentials(error),
            Error::Redirect { status, location } => Error::Redirect { status, location },
            Error::Timeout { after } => Error::Timeout { after },
            Error::Transport(error) => Error::Transport(error),
            Error::Decode { status, request_id, message, body } => {
                Error::Decode { status, request_id, message, body }
            }
        }
    }
}

impl<E: ProvideErrorMetadata> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(errors) => write!(f, "invalid request, not sent:\n{errors}"),
            Error::RegionMismatch { client, request } => write!(
                f,
                "the request names region `{}` but the client is for `{client}`; not sent \
                 (use a client configured for that region)",
                truncated(request, 80)
            ),
            Error::Config(error) => write!(f, "configuration: {error}"),
            Error::Credentials(error) => write!(f, "credentials: {error}"),
            Error::Service(service) => service.body().fmt(f),
            Error::DryRunPassed(service) => {
                write!(f, "dry run passed (RequestId {})", service.request_id())
            }
            Error::Redirect { status, location } => write!(
                f,
                "HTTP {status} redirect to {}, not followed",
                location.as_deref().map_or_else(|| "nowhere".to_owned(), |l| truncated(l, 200))
            ),
            Error::Timeout { after } => write!(f, "the request timed out after {after:?}"),
            Error::Transport(error) => write!(f, "transport: {error}"),
            Error::Decode { status, request_id, message, .. } => {
                write!(f, "cannot read the HTTP {status} answer: {}", truncated(message, DISPLAY_LIMIT))?;
                match request_id {
                    Some(request_id) => write!(f, " (RequestId {request_id})"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl<E: ProvideErrorMetadata + std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Invalid(errors) => Some(errors),
            Error::Config(error) => Some(error),
            Error::Credentials(error) => Some(error),
            Error::Service(service) => Some(service.as_ref()),
            Error::Transport(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_on_a_character_boundary() {
        assert_eq!(truncated("short", 10), "short");
        let long = "é".repeat(400);
        let cut = truncated(&long, 511);
        assert!(cut.starts_with(&"é".repeat(255)));
        assert!(cut.ends_with("(290 more bytes)"), "{cut}");
    }

    #[test]
    fn display_of_a_huge_service_message_is_bounded() {
        let body = ErrorBody {
            code: "InvalidParameter".into(),
            message: "x".repeat(100_000),
            request_id: "R-1".into(),
            status: 400,
            ..ErrorBody::default()
        };
        let error: Error = Error::Service(Box::new(body));
        let shown = error.to_string();
        assert!(shown.len() < DISPLAY_LIMIT + 200, "{}", shown.len());
        assert!(shown.starts_with("InvalidParameter: xxx"));
        assert!(shown.contains("(HTTP 400, RequestId R-1)"));
        assert_eq!(error.status(), Some(400));
        assert_eq!(error.code(), Some("InvalidParameter"));
    }
}
