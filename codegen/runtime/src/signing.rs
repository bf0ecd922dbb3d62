//! Alibaba Cloud RPC signing (HMAC-SHA1, signature version 1.0) as pure functions: no I/O, no clock unless asked.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::credentials::Credentials;
use crate::operation::Operation;
use crate::utc_time;

/// `SignatureMethod`.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// `SignatureVersion`.
pub const SIGNATURE_VERSION: &str = "1.0";
/// `Format`: the client decodes JSON only.
pub const FORMAT: &str = "JSON";

/// The HTTP method a request is signed for (it is part of the string-to-sign).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpMethod {
    /// Parameters in the URL. HTTP stacks and proxies log URLs: avoid for requests with passwords.
    Get,
    /// Parameters travel as an `application/x-www-form-urlencoded` body: no URL length limit,
    /// and parameter values (passwords) stay out of URLs and proxy logs.
    #[default]
    Post,
}

impl HttpMethod {
    /// `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for HttpMethod {
    type Err = SigningInputError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "GET" => Ok(HttpMethod::Get),
            "POST" => Ok(HttpMethod::Post),
            _ => Err(SigningInputError::Method(s.to_owned())),
        }
    }
}

/// A `Timestamp` common parameter: UTC, `yyyy-MM-ddTHH:mm:ssZ`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp(String);

impl Timestamp {
    /// The current time.
    pub fn now() -> Self {
        Timestamp(utc_time::format_timestamp(jiff::Timestamp::now()))
    }

    /// The UTC time `seconds` after 1970-01-01T00:00:00Z, at most 9999-12-30T22:00:00Z (the last
    /// instant jiff represents).
    pub fn from_unix_seconds(seconds: u64) -> Self {
        let instant = i64::try_from(seconds)
            .ok()
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .unwrap_or(jiff::Timestamp::MAX);
        Timestamp(utc_time::format_timestamp(instant))
    }

    /// Checks `text` against the runtime's one time rule (the shape `yyyy-MM-ddTHH:mm:ssZ`, and a
    /// date and time of the calendar: no month 13, February 29 only in leap years, no second 60).
    pub fn parse(text: &str) -> Result<Self, SigningInputError> {
        utc_time::parse(utc_time::TIMESTAMP_PATTERN, text)
            .map(|_| Timestamp(text.to_owned()))
            .map_err(|_| SigningInputError::Timestamp(text.to_owned()))
    }

    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The instant it names.
    pub fn to_system_time(&self) -> SystemTime {
        utc_time::parse(utc_time::TIMESTAMP_PATTERN, &self.0)
            .ok()
            .and_then(|instant| SystemTime::try_from(instant).ok())
            .unwrap_or(UNIX_EPOCH)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A `SignatureNonce`: must differ between requests (the service rejects a reused one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nonce(String);

impl Nonce {
    /// A random UUID (version 4, from the operating system's generator), hyphenated lower case.
    pub fn random() -> Self {
        Nonce(uuid::Uuid::new_v4().hyphenated().to_string())
    }

    /// A given nonce (a dry run's `--nonce`); must not be empty.
    pub fn new(value: impl Into<String>) -> Result<Self, SigningInputError> {
        let value = value.into();
        if value.is_empty() {
            return Err(SigningInputError::EmptyNonce);
        }
        Ok(Nonce(value))
    }

    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Nonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A bad `--method`, `--timestamp` or `--nonce`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigningInputError {
    /// Neither GET nor POST.
    Method(String),
    /// Not UTC `yyyy-MM-ddTHH:mm:ssZ`.
    Timestamp(String),
    /// An empty nonce.
    EmptyNonce,
}

impl fmt::Display for SigningInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SigningInputError::Method(method) => {
                write!(f, "unsupported HTTP method `{method}` (expected GET or POST)")
            }
            SigningInputError::Timestamp(text) => {
                write!(f, "timestamp `{text}` is not UTC `yyyy-MM-ddTHH:mm:ssZ`")
            }
            SigningInputError::EmptyNonce => f.write_str("the signature nonce is empty"),
        }
    }
}

impl std::error::Error for SigningInputError {}

/// What Alibaba Cloud's signatures (RPC and ROA) percent-encode: every byte but RFC 3986's
/// unreserved characters `A-Z a-z 0-9 - _ . ~` (so a space is `%20`, never `+`).
pub const ENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// RFC 3986 percent-encoding of UTF-8 ([`ENCODE`]); hex is upper case.
pub fn percent_encode(text: &str) -> String {
    utf8_percent_encode(text, ENCODE).to_string()
}

/// The canonicalized query string: pairs sorted by key in byte order (then by value, so a
/// repeated key is deterministic), each side percent-encoded, joined with `=` and `&`.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort_by(|left, right| {
        (left.0.as_bytes(), left.1.as_bytes()).cmp(&(right.0.as_bytes(), right.1.as_bytes()))
    });
    let mut query = String::new();
    for (key, value) in sorted {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&percent_encode(key));
        query.push('=');
        query.push_str(&percent_encode(value));
    }
    query
}

/// `METHOD&%2F&percentEncode(canonical_query)`.
pub fn string_to_sign(method: HttpMethod, canonical_query: &str) -> String {
    format!("{}&{}&{}", method.as_str(), percent_encode("/"), percent_encode(canonical_query))
}

/// `Base64(HMAC-SHA1(secret + "&", string_to_sign))`.
pub fn signature(access_key_secret: &str, string_to_sign: &str) -> String {
    let key = format!("{access_key_secret}&");
    // HMAC accepts keys of any length, so this never fails.
    let mut mac =
        <Hmac<sha1::Sha1>>::new_from_slice(key.as_bytes()).expect("HMAC-SHA1 accepts keys of any length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The common parameters other than `Signature`, for an operation's `Version`.
pub fn common_params(
    version: &str,
    access_key_id: &str,
    timestamp: &Timestamp,
    nonce: &Nonce,
) -> Vec<(String, String)> {
    [
        ("Format", FORMAT),
        ("Version", version),
        ("AccessKeyId", access_key_id),
        ("SignatureMethod", SIGNATURE_METHOD),
        ("Timestamp", timestamp.as_str()),
        ("SignatureVersion", SIGNATURE_VERSION),
        ("SignatureNonce", nonce.as_str()),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value.to_owned()))
    .collect()
}

/// A signed parameter set: the canonical query and its signature.
///
/// `Debug` shows the parameter names only: the query holds passwords and security tokens, and the
/// signature authorizes the request for as long as its timestamp is accepted.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedQuery {
    /// The canonicalized query string (every parameter but `Signature`).
    pub canonical_query: String,
    /// The Base64 signature, not yet percent-encoded.
    pub signature: String,
}

impl fmt::Debug for SignedQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> =
            self.canonical_query.split('&').filter_map(|pair| pair.split('=').next()).collect();
        f.debug_struct("SignedQuery")
            .field("parameters", &names)
            .field("signature", &crate::redacted::Redacted)
            .finish()
    }
}

impl SignedQuery {
    /// The complete encoded query (or form body): the canonical query plus `&Signature=…`.
    pub fn to_query_string(&self) -> String {
        format!("{}&Signature={}", self.canonical_query, percent_encode(&self.signature))
    }
}

/// Signs `pairs`, which must already hold every common parameter but `Signature`.
pub fn sign_pairs(pairs: &[(String, String)], method: HttpMethod, access_key_secret: &str) -> SignedQuery {
    let canonical_query = canonical_query(pairs);
    let signature = signature(access_key_secret, &string_to_sign(method, &canonical_query));
    SignedQuery { canonical_query, signature }
}

/// Signs a request's own `pairs` (`Action` and its parameters) for `version`: adds the common
/// parameters, `SecurityToken` when the credentials hold one, and the signature over all of them.
pub fn sign_query(
    mut pairs: Vec<(String, String)>,
    version: &str,
    credentials: &Credentials,
    method: HttpMethod,
    timestamp: &Timestamp,
    nonce: &Nonce,
) -> SignedQuery {
    pairs.retain(|(key, _)| !COMMON_KEYS.contains(&key.as_str()));
    pairs.extend(common_params(version, credentials.access_key_id(), timestamp, nonce));
    if let Some(token) = credentials.security_token() {
        pairs.push(("SecurityToken".to_owned(), token.expose().to_owned()));
    }
    sign_pairs(&pairs, method, credentials.access_key_secret().expose())
}

/// The keys the signer sets itself; a request's own pairs never carry them.
const COMMON_KEYS: &[&str] = &[
    "Format",
    "Version",
    "AccessKeyId",
    "SignatureMethod",
    "Timestamp",
    "SignatureVersion",
    "SignatureNonce",
    "SecurityToken",
    "Signature",
];

/// Signs one request: its own pairs plus the common parameters (and `SecurityToken`).
pub fn sign_request<O: Operation>(
    request: &O,
    credentials: &Credentials,
    method: HttpMethod,
    timestamp: &Timestamp,
    nonce: &Nonce,
) -> SignedQuery {
    sign_query(request.to_query_pairs().to_vec(), O::VERSION, credentials, method, timestamp, nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_keeps_only_unreserved_characters() {
        assert_eq!(percent_encode("Az09-_.~"), "Az09-_.~");
        assert_eq!(percent_encode("a b+c*d/e:f=g&h"), "a%20b%2Bc%2Ad%2Fe%3Af%3Dg%26h");
        assert_eq!(percent_encode("\"é中"), "%22%C3%A9%E4%B8%AD");
        // Every byte: unreserved ones as they are, all others `%XX` in upper-case hex (RFC 3986).
        for byte in 0u8..=0x7f {
            let text = char::from(byte).to_string();
            let want = if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                text.clone()
            } else {
                format!("%{byte:02X}")
            };
            assert_eq!(percent_encode(&text), want, "byte {byte:#04x}");
        }
    }

    #[test]
    fn canonical_query_sorts_by_key_bytes() {
        let pairs = vec![
            ("b".to_owned(), "2".to_owned()),
            ("B".to_owned(), "1".to_owned()),
            ("a.N".to_owned(), "x y".to_owned()),
        ];
        assert_eq!(canonical_query(&pairs), "B=1&a.N=x%20y&b=2");
    }

    #[test]
    fn timestamps_format_in_utc() {
        assert_eq!(Timestamp::from_unix_seconds(0).as_str(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::from_unix_seconds(1_456_231_584).as_str(), "2016-02-23T12:46:24Z");
        assert_eq!(Timestamp::from_unix_seconds(951_825_599).as_str(), "2000-02-29T11:59:59Z");
        assert!(Timestamp::parse("2016-02-23T12:46:24Z").is_ok());
        assert!(Timestamp::parse("2016-02-23 12:46:24").is_err());
        assert!(Timestamp::parse("2016-13-23T12:46:24Z").is_err());
        assert!(Timestamp::parse("2016-12-31T23:59:60Z").is_err(), "no second 60, as the validators");
        assert!(Timestamp::parse("2023-02-29T00:00:00Z").is_err());
        assert!(Timestamp::parse("2016-02-23T12:46:24Z ").is_err());
        assert_eq!(Timestamp::from_unix_seconds(u64::MAX).as_str(), "9999-12-30T22:00:00Z");
        assert_eq!(Timestamp::now().as_str().len(), 20);
        for seconds in [0, 951_825_599, 1_456_231_584, 4_102_444_800] {
            let round_trip = Timestamp::from_unix_seconds(seconds).to_system_time();
            assert_eq!(round_trip, UNIX_EPOCH + std::time::Duration::from_secs(seconds));
        }
    }

    #[test]
    fn a_security_token_is_signed_and_common_keys_are_not_taken_from_the_request() {
        let credentials = Credentials::new("id", "secret").with_security_token("sts-token");
        let pairs = vec![
            ("Action".to_owned(), "DescribeRegions".to_owned()),
            ("AccessKeyId".to_owned(), "forged".to_owned()),
        ];
        let timestamp = Timestamp::from_unix_seconds(0);
        let nonce = Nonce::new("n").expect("nonce");
        let signed = sign_query(pairs, "2014-05-26", &credentials, HttpMethod::Get, &timestamp, &nonce);
        assert!(signed.canonical_query.contains("&SecurityToken=sts-token&"));
        assert!(signed.canonical_query.starts_with("AccessKeyId=id&Action=DescribeRegions&"));
        assert!(!signed.canonical_query.contains("forged"));
    }

    #[test]
    fn random_nonces_differ_and_look_like_uuids() {
        let first = Nonce::random();
        let second = Nonce::random();
        assert_ne!(first, second);
        assert_eq!(first.as_str().len(), 36);
        assert_eq!(&first.as_str()[14..15], "4", "version 4");
        assert!(matches!(&first.as_str()[19..20], "8" | "9" | "a" | "b"), "RFC 4122 variant");
        assert!(first
            .as_str()
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    }
}
