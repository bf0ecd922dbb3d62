//! The errors the service answers with: one generic type for every API, each API's codes a table.
//!
//! A generated API has an error-code enum (`RunInstancesErrorCode`, a variant per documented code) and
//! the alias `RunInstancesError = ServiceError<RunInstancesErrorCode>`. A body the service sends
//! becomes the API's documented code, else a code common to every API of the product, else
//! [`ErrorKind::Unknown`]; the body (request id, message, …) is always kept.

use std::fmt;

use crate::operation::ErrorBody;

/// An API's documented error codes.
pub trait ErrorCodes: Copy + Eq + fmt::Debug + 'static {
    /// Each documented code: its variant, the code as the service sends it, and the HTTP status
    /// when the docs give exactly one.
    const CODES: &'static [(Self, &'static str, Option<u16>)];
    /// The codes common to every API of the product, looked up after these.
    type Common: ErrorCodes;
}

/// No codes: what the common codes fall back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoCodes {}

impl ErrorCodes for NoCodes {
    const CODES: &'static [(Self, &'static str, Option<u16>)] = &[];
    type Common = NoCodes;
}

/// Which code an error has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind<C: ErrorCodes> {
    /// A code the API's page documents.
    Api(C),
    /// A code common to every API of the product.
    Common(C::Common),
    /// A code the docs do not list (see [`ServiceError::code`]).
    Unknown,
}

/// Code and metadata of an error the service returned (smithy's `ProvideErrorMetadata`).
pub trait ProvideErrorMetadata {
    /// The error code as the service sent it.
    fn code(&self) -> &str;
    /// The service's message.
    fn message(&self) -> &str;
    /// The id of the failed request, for support tickets.
    fn request_id(&self) -> &str;
    /// The HTTP status the docs give for this code, when they give exactly one.
    fn http_status(&self) -> Option<u16>;
    /// The whole body: message, request id, host id, recommendation and the HTTP status received.
    fn body(&self) -> &ErrorBody;
}

/// An error the service returned for one API.
#[derive(Clone, PartialEq, Eq)]
pub struct ServiceError<C: ErrorCodes> {
    kind: ErrorKind<C>,
    body: Box<ErrorBody>,
}

/// The row of `code` in `C`'s table.
fn row<C: ErrorCodes>(code: &str) -> Option<&'static (C, &'static str, Option<u16>)> {
    C::CODES.iter().find(|(_, documented, _)| *documented == code)
}

impl<C: ErrorCodes> ServiceError<C> {
    /// Which code this is: documented by the API, common to the product, or unknown.
    pub fn kind(&self) -> ErrorKind<C> {
        self.kind
    }

    /// The API's documented code, if it is one.
    pub fn api_code(&self) -> Option<C> {
        match self.kind {
            ErrorKind::Api(code) => Some(code),
            _ => None,
        }
    }

    /// The error code as the service sent it.
    pub fn code(&self) -> &str {
        &self.body.code
    }

    /// The service's message.
    pub fn message(&self) -> &str {
        &self.body.message
    }

    /// The id of the failed request.
    pub fn request_id(&self) -> &str {
        &self.body.request_id
    }

    /// The HTTP status the docs give for this code, when they give exactly one.
    pub fn http_status(&self) -> Option<u16> {
        match self.kind {
            ErrorKind::Api(code) => C::CODES.iter().find(|(c, _, _)| *c == code).and_then(|r| r.2),
            ErrorKind::Common(code) => C::Common::CODES.iter().find(|(c, _, _)| *c == code).and_then(|r| r.2),
            ErrorKind::Unknown => None,
        }
    }

    /// The service's error body.
    pub fn body(&self) -> &ErrorBody {
        &self.body
    }

    /// The body, taken out.
    pub fn into_body(self) -> ErrorBody {
        *self.body
    }
}

impl<C: ErrorCodes> From<ErrorBody> for ServiceError<C> {
    fn from(body: ErrorBody) -> Self {
        let kind = match (row::<C>(&body.code), row::<C::Common>(&body.code)) {
            (Some((code, _, _)), _) => ErrorKind::Api(*code),
            (None, Some((code, _, _))) => ErrorKind::Common(*code),
            (None, None) => ErrorKind::Unknown,
        };
        ServiceError { kind, body: Box::new(body) }
    }
}

impl<C: ErrorCodes> ProvideErrorMetadata for ServiceError<C> {
    fn code(&self) -> &str {
        ServiceError::code(self)
    }

    fn message(&self) -> &str {
        ServiceError::message(self)
    }

    fn request_id(&self) -> &str {
        ServiceError::request_id(self)
    }

    fn http_status(&self) -> Option<u16> {
        ServiceError::http_status(self)
    }

    fn body(&self) -> &ErrorBody {
        ServiceError::body(self)
    }
}

impl<C: ErrorCodes> fmt::Debug for ServiceError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError").field("kind", &self.kind).field("body", &self.body).finish()
    }
}

impl<C: ErrorCodes> fmt::Display for ServiceError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.body.message)?;
        if !self.body.request_id.is_empty() {
            write!(f, " (request id {})", self.body.request_id)?;
        }
        Ok(())
    }
}

impl<C: ErrorCodes> std::error::Error for ServiceError<C> {}
