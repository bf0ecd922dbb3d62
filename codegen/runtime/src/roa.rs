//! Alibaba Cloud ROA (RESTful) requests as pure functions: a path template filled with
//! percent-encoded values, query, headers and a body, signed with an
//! `Authorization: acs <AccessKeyId>:<Signature>` header.
//!
//! The string-to-sign, as the Elasticsearch "Request signatures" guide and Alibaba's SDK cores
//! build it:
//!
//! ```text
//! METHOD \n Accept \n Content-MD5 \n Content-Type \n Date \n
//! x-acs-…:value \n          (every x-acs-* header, name lower-cased, sorted, value trimmed)
//! /path?a=1&b=2             (the path as sent; query keys sorted, values not encoded)
//! ```
//!
//! and the signature is Base64(HMAC-SHA1(AccessKeySecret, string-to-sign)): the secret alone is
//! the key (RPC signing appends `&` to it; ROA does not). The path is signed as
//! it is sent (path parameters percent-encoded), the query with its values as they are (the
//! server decodes the query before it compares).

use base64::Engine as _;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};

use crate::signing::percent_encode;

/// `x-acs-signature-method`.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// `x-acs-signature-version`.
pub const SIGNATURE_VERSION: &str = "1.0";
/// `Accept`: the client decodes JSON only.
pub const ACCEPT: &str = "application/json";
/// `Content-Type` of a JSON body.
pub const JSON: &str = "application/json";
/// `Content-Type` of a form body.
pub const FORM: &str = "application/x-www-form-urlencoded";

/// A request body and its content type. `Debug` shows the type and the length, never the bytes
/// (a body may hold a password).
#[derive(Clone, PartialEq, Eq)]
pub struct Body {
    /// [`JSON`] or [`FORM`].
    pub content_type: &'static str,
    /// The body as sent.
    pub bytes: Vec<u8>,
}

impl Body {
    /// A JSON body.
    pub fn json(value: &serde_json::Value) -> Self {
        Body { content_type: JSON, bytes: value.to_string().into_bytes() }
    }

    /// A form body: `key=value` pairs, percent-encoded, in order.
    pub fn form(pairs: &[(String, String)]) -> Self {
        let text: Vec<String> =
            pairs.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect();
        Body { content_type: FORM, bytes: text.join("&").into_bytes() }
    }
}

/// One ROA request before signing: what the operation's own parameters make. `Debug` shows the
/// method, the path, the names of the query parameters and headers and the body's type and
/// length, never a query, header or body value (any may be a secret).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Request {
    /// `GET`, `POST`, `PUT`, `DELETE`, `PATCH`, `HEAD`.
    pub method: &'static str,
    /// The path as sent: the template with its parameters percent-encoded ([`fill_path`]).
    pub path: String,
    /// Query pairs, values as they are (encoded when the URL is written).
    pub query: Vec<(String, String)>,
    /// Header parameters the operation documents.
    pub headers: Vec<(String, String)>,
    /// The body, when the operation has one.
    pub body: Option<Body>,
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Body")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// The names of `pairs`, in order.
fn names(pairs: &[(String, String)]) -> Vec<&str> {
    pairs.iter().map(|(k, _)| k.as_str()).collect()
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &names(&self.query))
            .field("headers", &names(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}

/// Why a path template could not be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// The template names `[name]` and no value was given for it.
    Missing(String),
    /// A `[` without its `]`.
    Unclosed(String),
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathError::Missing(name) => write!(f, "the path parameter `{name}` has no value"),
            PathError::Unclosed(template) => {
                write!(f, "the path template `{template}` has a `[` without `]`")
            }
        }
    }
}

impl std::error::Error for PathError {}

/// The template (`/openapi/instances/[InstanceId]/snapshot-repos`) with each `[Name]` replaced by
/// its value, percent-encoded (RFC 3986 unreserved characters stay; `/` in a value is encoded).
pub fn fill_path(template: &str, values: &[(&str, &str)]) -> Result<String, PathError> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find(']').ok_or_else(|| PathError::Unclosed(template.to_owned()))?;
        let name = &rest[open + 1..open + close];
        let value = values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| PathError::Missing(name.to_owned()))?;
        out.push_str(&percent_encode(value));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `Content-MD5`: Base64 of the body's MD5 digest.
pub fn content_md5(body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(body))
}

/// `Date`: the RFC 1123 (RFC 9110 IMF-fixdate) GMT time `seconds` after the Unix epoch
/// (`Thu, 22 Feb 2018 07:46:12 GMT`), printed by jiff; at most jiff's last instant
/// (9999-12-30T22:00:00Z).
pub fn http_date(seconds: u64) -> String {
    let instant = i64::try_from(seconds)
        .ok()
        .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
        .unwrap_or(jiff::Timestamp::MAX);
    // jiff refuses only years it cannot print as four digits, which a u64 from 1970 never reaches.
    jiff::fmt::rfc2822::DateTimePrinter::new().timestamp_to_rfc9110_string(&instant).unwrap_or_default()
}

/// CanonicalizedHeaders: every `x-acs-*` header, name lower-cased, sorted by name, spaces around
/// the `:` removed, each followed by `\n`.
pub fn canonicalized_headers(headers: &[(String, String)]) -> String {
    let mut acs: Vec<(String, &str)> = headers
        .iter()
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim()))
        .filter(|(k, _)| k.starts_with("x-acs-"))
        .collect();
    acs.sort();
    acs.iter().map(|(k, v)| format!("{k}:{v}\n")).collect()
}

/// CanonicalizedResource: the path, then `?` and the query pairs sorted by key, `k=v` joined by
/// `&`, values as they are.
pub fn canonicalized_resource(path: &str, query: &[(String, String)]) -> String {
    if query.is_empty() {
        return path.to_owned();
    }
    let mut sorted: Vec<&(String, String)> = query.iter().collect();
    sorted.sort();
    let pairs: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{path}?{}", pairs.join("&"))
}

/// The value of header `name` (any case), empty when absent.
fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k.trim().eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.trim())
}

/// The string-to-sign of a request with these headers, path (as sent) and query.
pub fn string_to_sign(
    method: &str,
    headers: &[(String, String)],
    path: &str,
    query: &[(String, String)],
) -> String {
    let mut out = String::new();
    out.push_str(method);
    out.push('\n');
    for name in ["Accept", "Content-MD5", "Content-Type", "Date"] {
        out.push_str(header(headers, name));
        out.push('\n');
    }
    out.push_str(&canonicalized_headers(headers));
    out.push_str(&canonicalized_resource(path, query));
    out
}

/// Base64(HMAC-SHA1(secret, string-to-sign)).
pub fn signature(access_key_secret: &str, string_to_sign: &str) -> String {
    let mut mac = <Hmac<sha1::Sha1>>::new_from_slice(access_key_secret.as_bytes())
        .expect("HMAC-SHA1 accepts keys of any length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// `acs <AccessKeyId>:<Signature>`.
pub fn authorization(access_key_id: &str, access_key_secret: &str, string_to_sign: &str) -> String {
    format!("acs {access_key_id}:{}", signature(access_key_secret, string_to_sign))
}

/// Where a top-level member of a request's docs-JSON form goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Fills the path template's `[Name]`.
    Path,
    /// A query parameter.
    Query,
    /// A header.
    Header,
    /// A member of the body (or the whole body: [`BodyKind::Whole`]).
    Body,
}

/// How a ROA operation's body is made from its body members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// No body.
    None,
    /// A JSON object of the body members.
    Json,
    /// The value of this one member is the whole JSON body (an array the docs call `RequestBody`).
    Whole(&'static str),
    /// A form of the body members (`application/x-www-form-urlencoded`).
    Form,
}

/// Why a request could not be made.
#[derive(Debug)]
pub enum RoaError {
    /// The request does not serialize to JSON (a generated request always does).
    Serialize(serde_json::Error),
    /// The path template cannot be filled (a parameter without a value, a `[` without `]`).
    Path(PathError),
}

impl std::fmt::Display for RoaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RoaError::Serialize(e) => write!(f, "the request does not serialize: {e}"),
            RoaError::Path(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RoaError {}

/// A RESTful operation: implemented by every generated ROA request, next to
/// [`Operation`](crate::Operation), whose `to_query_pairs` is then the flattened form that
/// validation reads, never what is sent.
pub trait RoaOperation: serde::Serialize {
    /// `POST`, `GET`, ….
    const METHOD: &'static str;
    /// The path template as documented (`/openapi/instances/[InstanceId]/snapshot-repos`).
    const PATH: &'static str;
    /// Where each top-level member of the request's docs-JSON form goes, by its docs name.
    const PLACES: &'static [(&'static str, Place)];
    /// How the body members make the body.
    const BODY: BodyKind;

    /// The request as it goes on the wire, before signing.
    fn roa_request(&self) -> Result<Request, RoaError> {
        self.roa_request_with(&[])
    }

    /// [`RoaOperation::roa_request`] with `defaults` set where the request leaves a member unset
    /// or an empty string ([`with_defaults`]).
    fn roa_request_with(&self, defaults: &[(&str, serde_json::Value)]) -> Result<Request, RoaError> {
        let mut value = serde_json::to_value(self).map_err(RoaError::Serialize)?;
        with_defaults(&mut value, defaults);
        build(Self::METHOD, Self::PATH, Self::PLACES, Self::BODY, &value)
    }
}

/// Sets each `(name, value)` of `defaults` as a top-level member of a request's docs-JSON form
/// where it is missing, `null` or `""`; [`build`] then puts it where the operation's places say.
pub fn with_defaults(value: &mut serde_json::Value, defaults: &[(&str, serde_json::Value)]) {
    let Some(members) = value.as_object_mut() else { return };
    for (name, default) in defaults {
        let unset = match members.get(*name) {
            None | Some(serde_json::Value::Null) => true,
            Some(serde_json::Value::String(s)) => s.is_empty(),
            Some(_) => false,
        };
        if unset {
            members.insert((*name).to_owned(), default.clone());
        }
    }
}

/// A value as a path, query or header string: strings as they are, numbers and booleans as JSON
/// writes them, lists and objects as JSON text.
fn text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Places the members of a request's docs-JSON form (`value`) as `places` says; members not
/// listed and unset (`null`) members are not sent.
pub fn build(
    method: &'static str,
    template: &str,
    places: &[(&str, Place)],
    body_kind: BodyKind,
    value: &serde_json::Value,
) -> Result<Request, RoaError> {
    let empty = serde_json::Map::new();
    let members = value.as_object().unwrap_or(&empty);
    let mut path_values: Vec<(&str, String)> = Vec::new();
    let mut request = Request { method, ..Request::default() };
    let mut body = serde_json::Map::new();
    for (name, place) in places {
        let Some(v) = members.get(*name).filter(|v| !v.is_null()) else { continue };
        match place {
            Place::Path => path_values.push((name, text(v))),
            Place::Query => request.query.push(((*name).to_owned(), text(v))),
            Place::Header => request.headers.push(((*name).to_owned(), text(v))),
            Place::Body => {
                body.insert((*name).to_owned(), v.clone());
            }
        }
    }
    let borrowed: Vec<(&str, &str)> = path_values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    request.path = fill_path(template, &borrowed).map_err(RoaError::Path)?;
    request.body = match body_kind {
        BodyKind::None => None,
        BodyKind::Json => Some(Body::json(&serde_json::Value::Object(body))),
        BodyKind::Whole(name) => {
            Some(Body::json(body.get(name).unwrap_or(&serde_json::Value::Array(Vec::new()))))
        }
        BodyKind::Form => {
            let pairs: Vec<(String, String)> = body.iter().map(|(k, v)| (k.clone(), text(v))).collect();
            Some(Body::form(&pairs))
        }
    };
    Ok(request)
}

/// Seconds since the Unix epoch of a `yyyy-MM-ddTHH:mm:ssZ` time from 1970 on; `None` when it is
/// not one (the runtime's one time rule, as `Timestamp` and the validators read it).
pub fn unix_seconds(iso: &str) -> Option<u64> {
    let instant = crate::utc_time::parse(crate::utc_time::TIMESTAMP_PATTERN, iso).ok()?;
    u64::try_from(instant.as_second()).ok()
}

/// What signing needs besides the request: the API version, the key pair, a security token when
/// the keys are temporary, a nonce and the time.
#[derive(Clone)]
pub struct Signing<'a> {
    /// `x-acs-version`: the API version (`2017-06-13`).
    pub version: &'a str,
    /// The AccessKey ID, sent in `Authorization`.
    pub access_key_id: &'a str,
    /// The AccessKey secret, which only keys the signature.
    pub access_key_secret: &'a str,
    /// `x-acs-security-token`, sent and signed when the keys are STS keys.
    pub security_token: Option<&'a str>,
    /// `x-acs-signature-nonce`: unique per request.
    pub nonce: &'a str,
    /// Seconds since the Unix epoch, for `Date`.
    pub unix_seconds: u64,
}

impl std::fmt::Debug for Signing<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signing")
            .field("version", &self.version)
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"***")
            .field("security_token", &self.security_token.map(|_| "***"))
            .field("nonce", &self.nonce)
            .field("unix_seconds", &self.unix_seconds)
            .finish()
    }
}

/// A signed request, ready to send: nothing is left to compute.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// The HTTP method.
    pub method: &'static str,
    /// The path as sent, with `?` and the percent-encoded query when there is one.
    pub path_and_query: String,
    /// Every header to send, `Authorization` last.
    pub headers: Vec<(String, String)>,
    /// The body bytes; empty when there is none.
    pub body: Vec<u8>,
    /// What was signed (for debugging signature mismatches; holds no secret).
    pub string_to_sign: String,
}

impl std::fmt::Debug for Signed {
    /// The method, the path, the names of the query parameters and headers, the body's length;
    /// no value (the `Authorization` signature, a security token or a secret parameter) is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (path, query) = self.path_and_query.split_once('?').unwrap_or((&self.path_and_query, ""));
        let parameters: Vec<&str> =
            query.split('&').filter(|p| !p.is_empty()).filter_map(|p| p.split('=').next()).collect();
        f.debug_struct("Signed")
            .field("method", &self.method)
            .field("path", &path)
            .field("parameters", &parameters)
            .field("headers", &names(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Adds the common headers (`Accept`, `Date`, `Content-Type` and `Content-MD5` when there is a
/// body, `x-acs-version`, `x-acs-signature-*`, `x-acs-security-token` when one is held) and
/// `Authorization` to `request`.
pub fn sign(request: &Request, signing: &Signing) -> Signed {
    let mut headers: Vec<(String, String)> =
        vec![("Accept".into(), ACCEPT.into()), ("Date".into(), http_date(signing.unix_seconds))];
    if let Some(body) = &request.body {
        headers.push(("Content-Type".into(), body.content_type.into()));
        headers.push(("Content-MD5".into(), content_md5(&body.bytes)));
    }
    headers.push(("x-acs-version".into(), signing.version.into()));
    headers.push(("x-acs-signature-method".into(), SIGNATURE_METHOD.into()));
    headers.push(("x-acs-signature-nonce".into(), signing.nonce.into()));
    headers.push(("x-acs-signature-version".into(), SIGNATURE_VERSION.into()));
    if let Some(token) = signing.security_token {
        headers.push(("x-acs-security-token".into(), token.into()));
    }
    for (k, v) in &request.headers {
        if !headers.iter().any(|(have, _)| have.eq_ignore_ascii_case(k)) {
            headers.push((k.clone(), v.clone()));
        }
    }
    let string_to_sign = string_to_sign(request.method, &headers, &request.path, &request.query);
    headers.push((
        "Authorization".into(),
        authorization(signing.access_key_id, signing.access_key_secret, &string_to_sign),
    ));
    Signed {
        method: request.method,
        path_and_query: path_and_query(&request.path, &request.query),
        headers,
        body: request.body.as_ref().map(|b| b.bytes.clone()).unwrap_or_default(),
        string_to_sign,
    }
}

impl Signed {
    /// The request as HTTP/1.1 text: request line, headers, a blank line, the body (UTF-8, lossy).
    pub fn to_http_text(&self) -> String {
        http_text(self.method, &self.path_and_query, &self.headers, &self.body)
    }
}

impl Request {
    /// The request before signing as HTTP/1.1 text: request line, the headers whose values do not
    /// depend on the time, nonce or keys (`Accept`, `Content-Type`, `x-acs-version`, the signature
    /// method and version, documented header parameters), a blank line, the body.
    pub fn to_http_text(&self, version: &str) -> String {
        let mut headers = vec![("Accept".to_owned(), ACCEPT.to_owned())];
        if let Some(body) = &self.body {
            headers.push(("Content-Type".to_owned(), body.content_type.to_owned()));
        }
        headers.push(("x-acs-version".to_owned(), version.to_owned()));
        headers.push(("x-acs-signature-method".to_owned(), SIGNATURE_METHOD.to_owned()));
        headers.push(("x-acs-signature-version".to_owned(), SIGNATURE_VERSION.to_owned()));
        headers.extend(self.headers.iter().cloned());
        let body = self.body.as_ref().map(|b| b.bytes.as_slice()).unwrap_or_default();
        http_text(self.method, &path_and_query(&self.path, &self.query), &headers, body)
    }
}

fn http_text(method: &str, target: &str, headers: &[(String, String)], body: &[u8]) -> String {
    let mut out = format!("{method} {target} HTTP/1.1\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\n"));
    }
    out.push('\n');
    out.push_str(&String::from_utf8_lossy(body));
    out
}

/// The path and its query as sent: keys and values percent-encoded, in the given order.
pub fn path_and_query(path: &str, query: &[(String, String)]) -> String {
    if query.is_empty() {
        return path.to_owned();
    }
    let pairs: Vec<String> =
        query.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect();
    format!("{path}?{}", pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_filled_with_encoded_values() {
        assert_eq!(
            fill_path("/openapi/instances/[InstanceId]/snapshot-repos", &[("InstanceId", "es-cn-1 /x")]),
            Ok("/openapi/instances/es-cn-1%20%2Fx/snapshot-repos".to_owned())
        );
        assert_eq!(fill_path("/a/[B]", &[]), Err(PathError::Missing("B".into())));
        assert_eq!(fill_path("/a/[B", &[("B", "x")]), Err(PathError::Unclosed("/a/[B".into())));
    }

    #[test]
    fn members_go_where_the_places_say() {
        let value = serde_json::json!({
            "InstanceId": "es-1", "clientToken": "t", "dryRun": true, "configs": [{"fileName": "a"}], "unset": null
        });
        let places = [
            ("InstanceId", Place::Path),
            ("clientToken", Place::Query),
            ("dryRun", Place::Body),
            ("configs", Place::Body),
            ("unset", Place::Query),
        ];
        let r = build("POST", "/i/[InstanceId]/c", &places, BodyKind::Json, &value).unwrap();
        assert_eq!(r.path, "/i/es-1/c");
        assert_eq!(r.query, vec![("clientToken".to_owned(), "t".to_owned())]);
        let body = r.body.unwrap();
        assert_eq!(body.content_type, JSON);
        assert_eq!(String::from_utf8(body.bytes).unwrap(), r#"{"dryRun":true,"configs":[{"fileName":"a"}]}"#);
        let whole = serde_json::json!({"RequestBody": ["a", "b"]});
        let r = build("POST", "/z", &[("RequestBody", Place::Body)], BodyKind::Whole("RequestBody"), &whole)
            .unwrap();
        assert_eq!(r.body.unwrap().bytes, br#"["a","b"]"#);
        assert!(matches!(
            build("GET", "/i/[InstanceId]", &places, BodyKind::None, &serde_json::json!({})),
            Err(RoaError::Path(PathError::Missing(_)))
        ));
    }

    /// A request whose client token the docs put in the body, and one whose token is a header.
    #[derive(serde::Serialize)]
    struct TokenIn<const HEADER: bool> {
        #[serde(rename = "Id")]
        id: &'static str,
        #[serde(rename = "ClientToken", skip_serializing_if = "Option::is_none")]
        client_token: Option<&'static str>,
        #[serde(rename = "name")]
        name: &'static str,
    }

    impl<const HEADER: bool> RoaOperation for TokenIn<HEADER> {
        const METHOD: &'static str = "POST";
        const PATH: &'static str = "/t/[Id]";
        const PLACES: &'static [(&'static str, Place)] = &[
            ("Id", Place::Path),
            ("ClientToken", if HEADER { Place::Header } else { Place::Body }),
            ("name", Place::Body),
        ];
        const BODY: BodyKind = BodyKind::Json;
    }

    #[test]
    fn a_default_client_token_goes_where_the_places_put_it_and_never_over_a_given_one() {
        let token = [("ClientToken", serde_json::Value::String("filled".into()))];
        let body = |r: Request| String::from_utf8(r.body.unwrap().bytes).unwrap();
        let missing = TokenIn::<false> { id: "1", client_token: None, name: "n" };
        let r = missing.roa_request_with(&token).unwrap();
        assert!(r.query.is_empty() && r.headers.is_empty(), "{r:?}");
        assert_eq!(body(r), r#"{"ClientToken":"filled","name":"n"}"#);
        for given in [Some("mine"), Some("")] {
            let r = TokenIn::<false> { id: "1", client_token: given, name: "n" }
                .roa_request_with(&token)
                .unwrap();
            let kept = if given == Some("mine") { "mine" } else { "filled" };
            assert_eq!(body(r), format!(r#"{{"ClientToken":"{kept}","name":"n"}}"#));
        }
        let r = TokenIn::<true> { id: "1", client_token: None, name: "n" }.roa_request_with(&token).unwrap();
        assert_eq!(r.headers, vec![("ClientToken".to_owned(), "filled".to_owned())]);
        assert!(r.query.is_empty());
        assert_eq!(body(r), r#"{"name":"n"}"#);
        let plain = TokenIn::<true> { id: "1", client_token: None, name: "n" }.roa_request().unwrap();
        assert!(plain.headers.is_empty(), "no defaults: nothing filled in");
    }

    #[test]
    fn a_form_body_is_percent_encoded_pairs_with_its_content_type() {
        let value = serde_json::json!({"Id": "a/b", "name": "x y", "count": 3, "flags": [true]});
        let places =
            [("Id", Place::Path), ("name", Place::Body), ("count", Place::Body), ("flags", Place::Body)];
        let r = build("POST", "/f/[Id]", &places, BodyKind::Form, &value).unwrap();
        assert_eq!(r.path, "/f/a%2Fb");
        let body = r.body.unwrap();
        assert_eq!(body.content_type, FORM);
        assert_eq!(String::from_utf8(body.bytes).unwrap(), "name=x%20y&count=3&flags=%5Btrue%5D");
    }

    #[test]
    fn iso_times_read_as_unix_seconds() {
        assert_eq!(unix_seconds("2018-02-22T07:46:12Z"), Some(1_519_285_572));
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(unix_seconds("2018-13-22T07:46:12Z"), None);
        assert_eq!(unix_seconds("2018-02-22 07:46:12"), None);
        // The one time rule: no second 60, no February 29 of a common year, nothing before 1970.
        assert_eq!(unix_seconds("2016-12-31T23:59:60Z"), None);
        assert_eq!(unix_seconds("2023-02-29T00:00:00Z"), None);
        assert_eq!(unix_seconds("1969-12-31T23:59:59Z"), None);
        assert_eq!(unix_seconds("2018-02-22T07:46:12Zx"), None);
    }

    #[test]
    fn dates_are_rfc_1123_gmt() {
        assert_eq!(http_date(1_519_285_572), "Thu, 22 Feb 2018 07:46:12 GMT");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(http_date(1_709_251_199), "Thu, 29 Feb 2024 23:59:59 GMT");
        assert_eq!(http_date(4_102_444_800), "Fri, 01 Jan 2100 00:00:00 GMT");
        assert_eq!(http_date(u64::MAX), "Thu, 30 Dec 9999 22:00:00 GMT");
    }

    #[test]
    fn content_md5_is_base64_of_the_digest() {
        // RFC 1864's example digest of the empty string.
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    }

    #[test]
    fn signing_adds_the_common_headers_and_keeps_the_token_out_of_debug() {
        let request = Request {
            method: "POST",
            path: "/openapi/collectors".into(),
            query: vec![("clientToken".into(), "a b".into())],
            headers: vec![],
            body: Some(Body::json(&serde_json::json!({"name": "x"}))),
        };
        let signing = Signing {
            version: "2017-06-13",
            access_key_id: "id",
            access_key_secret: "secret",
            security_token: Some("token"),
            nonce: "n-1",
            unix_seconds: 1_519_285_572,
        };
        let signed = sign(&request, &signing);
        let names: Vec<&str> = signed.headers.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "Accept",
                "Date",
                "Content-Type",
                "Content-MD5",
                "x-acs-version",
                "x-acs-signature-method",
                "x-acs-signature-nonce",
                "x-acs-signature-version",
                "x-acs-security-token",
                "Authorization"
            ]
        );
        assert_eq!(signed.path_and_query, "/openapi/collectors?clientToken=a%20b");
        assert!(signed
            .string_to_sign
            .ends_with("x-acs-version:2017-06-13\n/openapi/collectors?clientToken=a b"));
        assert!(signed.headers.last().is_some_and(|(_, v)| v.starts_with("acs id:")));
        let shown = format!("{signed:?} {signing:?} {request:?}");
        assert!(!shown.contains("\"token\"") && !shown.contains("\"secret\""), "{shown}");
        assert!(!shown.contains("acs id:") && !shown.contains("a b") && !shown.contains("a%20b"), "{shown}");
        assert!(!shown.contains("\"x\""), "no body value: {shown}");
        assert!(shown.contains("clientToken") && shown.contains("Authorization"), "names stay: {shown}");
    }
}
