//! The `rpc url` dry run: a request's full signed URL, built exactly as it would be sent, but printed.

use std::fmt;

use crate::credentials::{Credentials, CredentialsError};
use crate::endpoint::Endpoint;
use crate::operation::Operation;
use crate::signing::{self, HttpMethod, Nonce, SigningInputError, Timestamp};

/// The options after `url <Api>`, for the usage line of the example.
pub const URL_USAGE: &str = "--access-key-id ID --secret S [--timestamp yyyy-MM-ddTHH:mm:ssZ] \
[--nonce N] [--method GET|POST] [--region REGION | --endpoint BASE_URL] \
(without --access-key-id/--secret: ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET)";

/// How to sign a dry-run URL. `Debug` never shows the secret.
#[derive(Debug, Clone)]
pub struct UrlOptions {
    /// `--access-key-id` and `--secret`, or the environment.
    pub credentials: Credentials,
    /// `--method`; GET by default, so the URL works in `curl` as it is.
    pub method: HttpMethod,
    /// Now when not given.
    pub timestamp: Option<Timestamp>,
    /// Random when not given.
    pub nonce: Option<Nonce>,
    /// `--region` or `--endpoint`; the operation's own host by default.
    pub endpoint: Endpoint,
}

impl UrlOptions {
    /// Parses the arguments after `url <Api>` (see [`URL_USAGE`]).
    pub fn from_args(args: &[String]) -> Result<Self, UrlArgsError> {
        let mut access_key_id = None;
        let mut secret = None;
        let mut method = HttpMethod::Get;
        let mut timestamp = None;
        let mut nonce = None;
        let mut endpoint = Endpoint::Default;
        let mut rest = args.iter();
        while let Some(flag) = rest.next() {
            let mut value = || rest.next().cloned().ok_or_else(|| UrlArgsError::MissingValue(flag.clone()));
            match flag.as_str() {
                "--access-key-id" => access_key_id = Some(value()?),
                "--secret" => secret = Some(value()?),
                "--method" => method = value()?.parse().map_err(UrlArgsError::Input)?,
                "--timestamp" => timestamp = Some(Timestamp::parse(&value()?).map_err(UrlArgsError::Input)?),
                "--nonce" => nonce = Some(Nonce::new(value()?).map_err(UrlArgsError::Input)?),
                "--region" => endpoint = Endpoint::Region(value()?),
                "--endpoint" => endpoint = Endpoint::BaseUrl(value()?),
                _ => return Err(UrlArgsError::UnknownFlag(flag.clone())),
            }
        }
        let credentials = match (access_key_id, secret) {
            (Some(id), Some(secret)) => Credentials::new(id, secret),
            (None, None) => Credentials::from_env().map_err(UrlArgsError::Credentials)?,
            (Some(_), None) => return Err(UrlArgsError::MissingFlag("--secret")),
            (None, Some(_)) => return Err(UrlArgsError::MissingFlag("--access-key-id")),
        };
        Ok(UrlOptions { credentials, method, timestamp, nonce, endpoint })
    }
}

/// The full signed URL of `request`, pasteable into `curl` (with `-X POST` for a POST signature).
pub fn signed_url<O: Operation>(request: &O, options: &UrlOptions) -> String {
    let timestamp = options.timestamp.clone().unwrap_or_else(Timestamp::now);
    let nonce = options.nonce.clone().unwrap_or_else(Nonce::random);
    let signed = signing::sign_request(request, &options.credentials, options.method, &timestamp, &nonce);
    format!("{}?{}", options.endpoint.base_url(O::ENDPOINT), signed.to_query_string())
}

/// The whole `rpc url <Api>` step after dispatch: parses `args` (the options after `<Api>`),
/// reads the request from `json` and returns the signed URL to print.
pub fn url_from_json<O>(json: &str, args: &[String]) -> Result<String, DryRunError>
where
    O: Operation + serde::de::DeserializeOwned,
{
    let options = UrlOptions::from_args(args).map_err(DryRunError::Args)?;
    let request: O = serde_json::from_str(json).map_err(DryRunError::Request)?;
    Ok(signed_url(&request, &options))
}

/// Why `rpc url` printed no URL.
#[derive(Debug)]
pub enum DryRunError {
    /// A bad command line.
    Args(UrlArgsError),
    /// The request JSON does not fit the API's request type.
    Request(serde_json::Error),
}

impl fmt::Display for DryRunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DryRunError::Args(error) => write!(f, "{error}; usage: url <Api> {URL_USAGE}"),
            DryRunError::Request(error) => write!(f, "invalid request JSON: {error}"),
        }
    }
}

impl std::error::Error for DryRunError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DryRunError::Args(error) => Some(error),
            DryRunError::Request(error) => Some(error),
        }
    }
}

/// A bad `rpc url` command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlArgsError {
    /// An option this command does not know.
    UnknownFlag(String),
    /// An option given without its value.
    MissingValue(String),
    /// `--access-key-id` without `--secret`, or the other way round.
    MissingFlag(&'static str),
    /// A bad method, timestamp or nonce.
    Input(SigningInputError),
    /// No credentials on the command line, nor in the environment.
    Credentials(CredentialsError),
}

impl fmt::Display for UrlArgsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlArgsError::UnknownFlag(flag) => write!(f, "unknown option `{flag}`"),
            UrlArgsError::MissingValue(flag) => write!(f, "option `{flag}` needs a value"),
            UrlArgsError::MissingFlag(flag) => write!(f, "option `{flag}` is required"),
            UrlArgsError::Input(error) => error.fmt(f),
            UrlArgsError::Credentials(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for UrlArgsError {}
