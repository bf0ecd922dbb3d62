//! The errors the service answers with: one generic type for every API, each API's codes a table.
//!
//! A generated API has an error-code enum (`RunInstancesErrorCode`, a variant per documented code) and
//! the alias `RunInstancesError = ServiceError<RunInstancesErrorCode>`. A body the service sends
//! becomes the API's documented code, else a code common to every API of the product, each
//! written out exactly before either written as a pattern (`Invalid%s.ValueNotSupported`), else
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

/// Code and metadata of an error the service returned (smithy's `ProvideErrorMetadata`): what the
/// service said, as received, whatever the API's typed code.
pub trait ProvideErrorMetadata {
    /// The whole body: code, message, request id, host id, recommendation, the HTTP status
    /// received and the raw body.
    fn body(&self) -> &ErrorBody;

    /// The error code as the service sent it.
    fn code(&self) -> &str {
        &self.body().code
    }

    /// The service's message (whole; `Display` impls cut it).
    fn message(&self) -> &str {
        &self.body().message
    }

    /// The id of the failed request, for support tickets.
    fn request_id(&self) -> &str {
        &self.body().request_id
    }

    /// The id of the host that answered.
    fn host_id(&self) -> &str {
        &self.body().host_id
    }

    /// The service's recommendation (often a link to its diagnosis page).
    fn recommend(&self) -> &str {
        &self.body().recommend
    }

    /// The HTTP status actually received (0 when the error did not come over HTTP).
    fn status(&self) -> u16 {
        self.body().status
    }

    /// The body exactly as received.
    fn raw_body(&self) -> &str {
        &self.body().raw
    }

    /// The HTTP status the docs list for this code, when they give exactly one (not what was
    /// received: see [`ProvideErrorMetadata::status`]).
    fn documented_status(&self) -> Option<u16> {
        None
    }
}

impl ProvideErrorMetadata for ErrorBody {
    fn body(&self) -> &ErrorBody {
        self
    }
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

/// The first row of `C`'s table whose code is a pattern `code` fits: the docs write `%s` where
/// the service puts a name (`Invalid%s.ValueNotSupported` for `InvalidFunctionName.ValueNotSupported`).
fn pattern_row<C: ErrorCodes>(code: &str) -> Option<&'static (C, &'static str, Option<u16>)> {
    C::CODES.iter().find(|(_, documented, _)| fits(code, documented))
}

/// Whether `code` is `pattern` with at least one character in place of each `%s`.
fn fits(code: &str, pattern: &str) -> bool {
    let mut parts = pattern.split("%s");
    let first = parts.next().unwrap_or_default();
    let mut rest: Vec<&str> = parts.collect();
    let Some(last) = rest.pop() else { return false };
    let Some(mut at) = code.strip_prefix(first).map(|_| first.len()) else { return false };
    // Past one character of the placeholder that starts at `at`.
    let past_one = |at: usize| code.get(at..)?.chars().next().map(|c| at + c.len_utf8());
    for middle in rest {
        let Some(start) = past_one(at) else { return false };
        let Some(found) = code[start..].find(middle) else { return false };
        at = start + found + middle.len();
    }
    past_one(at).is_some_and(|start| code.len() >= start + last.len() && code.ends_with(last))
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

    /// The HTTP status actually received (0 when the error did not come over HTTP).
    pub fn status(&self) -> u16 {
        self.body.status
    }

    /// The HTTP status the docs give for this code, when they give exactly one (not what was
    /// received: see [`ServiceError::status`]).
    pub fn documented_status(&self) -> Option<u16> {
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
    /// The API's code, else the product's common code, each written exactly before either as a
    /// pattern (`Invalid%s.ValueNotSupported`), else unknown.
    fn from(body: ErrorBody) -> Self {
        let code = body.code.as_str();
        let kind = if let Some((api, _, _)) = row::<C>(code) {
            ErrorKind::Api(*api)
        } else if let Some((common, _, _)) = row::<C::Common>(code) {
            ErrorKind::Common(*common)
        } else if let Some((api, _, _)) = pattern_row::<C>(code) {
            ErrorKind::Api(*api)
        } else if let Some((common, _, _)) = pattern_row::<C::Common>(code) {
            ErrorKind::Common(*common)
        } else {
            ErrorKind::Unknown
        };
        ServiceError { kind, body: Box::new(body) }
    }
}

impl<C: ErrorCodes> ProvideErrorMetadata for ServiceError<C> {
    fn body(&self) -> &ErrorBody {
        ServiceError::body(self)
    }

    fn documented_status(&self) -> Option<u16> {
        ServiceError::documented_status(self)
    }
}

impl<C: ErrorCodes> fmt::Debug for ServiceError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError").field("kind", &self.kind).field("body", &self.body).finish()
    }
}

impl<C: ErrorCodes> fmt::Display for ServiceError<C> {
    /// `Code: message (HTTP 404, RequestId …)`, the message and the recommendation cut to a
    /// readable length: a server's message may be megabytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.body.fmt(f)
    }
}

impl<C: ErrorCodes> std::error::Error for ServiceError<C> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Codes {
        NotSupported,
        FunctionNotSupported,
    }

    impl ErrorCodes for Codes {
        const CODES: &'static [(Self, &'static str, Option<u16>)] = &[
            (Codes::NotSupported, "Invalid%s.ValueNotSupported", Some(400)),
            (Codes::FunctionNotSupported, "InvalidFunction.ValueNotSupported", Some(400)),
        ];
        type Common = NoCodes;
    }

    fn kind(code: &str) -> ErrorKind<Codes> {
        ServiceError::<Codes>::from(ErrorBody::new(code, "m")).kind()
    }

    #[test]
    fn a_code_written_with_a_placeholder_matches_any_name_in_its_place() {
        assert_eq!(kind("InvalidDomain.ValueNotSupported"), ErrorKind::Api(Codes::NotSupported));
        assert_eq!(kind("Invalid%s.ValueNotSupported"), ErrorKind::Api(Codes::NotSupported));
        // A code written out exactly wins over the pattern.
        assert_eq!(kind("InvalidFunction.ValueNotSupported"), ErrorKind::Api(Codes::FunctionNotSupported));
        // The placeholder stands for at least one character; the rest must be as written.
        assert_eq!(kind("Invalid.ValueNotSupported"), ErrorKind::Unknown);
        assert_eq!(kind("InvalidDomain.ValueNotFound"), ErrorKind::Unknown);
        assert_eq!(kind("Other"), ErrorKind::Unknown);
    }

    #[test]
    fn every_placeholder_stands_for_at_least_one_character() {
        assert!(fits("AxBy", "A%sB%s"));
        assert!(fits("A1B2C", "A%sB%sC"));
        assert!(fits("Aé.B", "A%s.B"));
        assert!(!fits("AB2C", "A%sB%sC"));
        assert!(!fits("A1BC", "A%sB%sC"));
        assert!(!fits("A.B", "A.B"));
        assert!(!fits("AB", "A%sB"));
    }
}
