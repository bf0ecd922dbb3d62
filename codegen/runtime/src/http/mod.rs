//! The HTTP transport behind a small trait: the client hands it one request and gets the whole
//! answer back. [`HyperTransport`] (hyper with rustls) is the default; tests and users can plug in
//! their own.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub use crate::error::{TransportError, TransportErrorKind};

mod hyper;

pub use self::hyper::HyperTransport;

/// A request as the transport sends it: method, absolute URI, headers and the whole body.
pub type HttpRequest = http::Request<Vec<u8>>;
/// An answer as the transport read it: status, headers and the whole body.
pub type HttpResponse = http::Response<Vec<u8>>;

/// What [`HttpTransport::send`] returns.
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'a>>;

/// Sends one request and reads the whole answer.
///
/// An implementation must not follow redirects (a signed request belongs to its host), must stop
/// reading a body past `max_body` bytes ([`TransportErrorKind::BodyTooLarge`]), and must report a
/// failure to connect as [`TransportErrorKind::Connect`] only when the request surely never left:
/// the client retries those for every operation. Timeouts are the client's job.
pub trait HttpTransport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads its answer, body included, up to `max_body` bytes.
    fn send(&self, request: HttpRequest, max_body: usize) -> TransportFuture<'_>;
}

/// A transport behind an `Arc`, shared by every client made from one config.
#[derive(Clone, Debug)]
pub struct SharedTransport(Arc<dyn HttpTransport>);

impl SharedTransport {
    /// Shares `transport`.
    pub fn new(transport: impl HttpTransport + 'static) -> Self {
        SharedTransport(Arc::new(transport))
    }
}

impl HttpTransport for SharedTransport {
    fn send(&self, request: HttpRequest, max_body: usize) -> TransportFuture<'_> {
        self.0.send(request, max_body)
    }
}
