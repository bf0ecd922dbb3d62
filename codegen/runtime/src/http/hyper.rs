//! The default transport: hyper's pooled HTTP/1.1 client over rustls (ring, webpki roots).

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_rustls::{ConfigBuilderExt, HttpsConnector};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use super::{HttpRequest, HttpTransport, TransportError, TransportErrorKind, TransportFuture};

/// hyper + rustls. Connections are pooled and kept for 30 s idle; redirects are never followed
/// (hyper does not follow them).
#[derive(Clone, Debug)]
pub struct HyperTransport {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl HyperTransport {
    /// A transport whose connection setup (TCP and TLS) gives up after `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Self {
        let mut http = HttpConnector::new();
        http.set_connect_timeout(Some(connect_timeout));
        http.set_nodelay(true);
        http.enforce_http(false);
        let tls = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions")
        .with_webpki_roots()
        .with_no_client_auth();
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client =
            Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(30)).build(https);
        HyperTransport { client }
    }
}

impl HttpTransport for HyperTransport {
    fn send(&self, request: HttpRequest, max_body: usize) -> TransportFuture<'_> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let request = http::Request::from_parts(parts, Full::new(Bytes::from(body)));
            let response = self.client.request(request).await.map_err(|error| {
                let kind =
                    if error.is_connect() { TransportErrorKind::Connect } else { TransportErrorKind::Io };
                TransportError::new(kind, error_chain(&error))
            })?;
            let (parts, body) = response.into_parts();
            let too_large = || {
                TransportError::new(
                    TransportErrorKind::BodyTooLarge { limit: max_body },
                    "the body was not read past the limit",
                )
            };
            let declared = parts
                .headers
                .get(http::header::CONTENT_LENGTH)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.parse::<u64>().ok());
            if declared.is_some_and(|length| length > max_body as u64) {
                return Err(too_large());
            }
            let collected = Limited::new(body, max_body).collect().await.map_err(|error| {
                if error.downcast_ref::<http_body_util::LengthLimitError>().is_some() {
                    too_large()
                } else {
                    TransportError::new(TransportErrorKind::Io, error_chain(error.as_ref()))
                }
            })?;
            Ok(http::Response::from_parts(parts, collected.to_bytes().to_vec()))
        })
    }
}

/// The error and its sources, `: `-joined (hyper's own message is often just "client error").
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}
