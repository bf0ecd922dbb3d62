//! The `rpc url` dry run: a request's full signed URL, built exactly as the client would send it
//! (same endpoint data, region rule and signature), but printed instead of sent.

use std::fmt;

use crate::credentials::{Credentials, CredentialsError, EnvProvider};
use crate::endpoint::{Endpoint, InvalidEndpoint, Network, ProductEndpoints};
use crate::env::Env;
use crate::error::Error;
use crate::operation::{ErrorBody, Operation};
use crate::region::{InvalidRegion, Region};
use crate::secret::Secret;
use crate::signing::{self, HttpMethod, Nonce, SigningInputError, Timestamp};

/// The options after `url <Api>`, for the usage line of the example.
pub const URL_USAGE: &str = "--access-key-id ID --secret S [--security-token T] \
[--timestamp yyyy-MM-ddTHH:mm:ssZ] [--nonce N] [--method GET|POST] [--region REGION] [--vpc] \
[--endpoint HOST] (without --access-key-id/--secret: ALIBABA_CLOUD_ACCESS_KEY_ID, \
ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN)";

/// How to sign a dry-run URL. `Debug` never shows the secret or the token.
#[derive(Debug, Clone)]
pub struct UrlOptions {
    /// `--access-key-id`, `--secret` and `--security-token`, or the environment.
    pub credentials: Credentials,
    /// `--method`; GET by default, so the URL works in `curl` as it is.
    pub method: HttpMethod,
    /// Now when not given.
    pub timestamp: Option<Timestamp>,
    /// Random when not given.
    pub nonce: Option<Nonce>,
    /// `--region`: picks the host from the endpoint data and fills an unset `RegionId`.
    pub region: Option<Region>,
    /// `--vpc`: the region's VPC endpoint.
    pub network: Network,
    /// `--endpoint`: an explicit host instead of the endpoint data's.
    pub endpoint: Option<Endpoint>,
}

impl UrlOptions {
    /// Parses the arguments after `url <Api>` (see [`URL_USAGE`]); credentials not given come from
    /// the process environment.
    pub fn from_args(args: &[String]) -> Result<Self, UrlArgsError> {
        Self::from_args_in(args, &Env::process())
    }

    /// [`UrlOptions::from_args`] reading the environment from `env`.
    pub fn from_args_in(args: &[String], env: &Env) -> Result<Self, UrlArgsError> {
        let mut access_key_id = None;
        let mut secret = None;
        let mut token = None;
        let mut method = HttpMethod::Get;
        let mut timestamp = None;
        let mut nonce = None;
        let mut region = None;
        let mut network = Network::Public;
        let mut endpoint = None;
        let mut rest = args.iter();
        while let Some(flag) = rest.next() {
            if flag == "--vpc" {
                network = Network::Vpc;
                continue;
            }
            let mut value = || rest.next().cloned().ok_or_else(|| UrlArgsError::MissingValue(flag.clone()));
            match flag.as_str() {
                "--access-key-id" => access_key_id = Some(value()?),
                "--secret" => secret = Some(value()?),
                "--security-token" => token = Some(value()?),
                "--method" => method = value()?.parse().map_err(UrlArgsError::Input)?,
                "--timestamp" => timestamp = Some(Timestamp::parse(&value()?).map_err(UrlArgsError::Input)?),
                "--nonce" => nonce = Some(Nonce::new(value()?).map_err(UrlArgsError::Input)?),
                "--region" => region = Some(Region::new(value()?).map_err(UrlArgsError::Region)?),
                "--endpoint" => endpoint = Some(Endpoint::parse(&value()?).map_err(UrlArgsError::Endpoint)?),
                _ => return Err(UrlArgsError::UnknownFlag(flag.clone())),
            }
        }
        let credentials = match (access_key_id, secret) {
            (Some(id), Some(secret)) => {
                let credentials = Credentials::new(id, secret);
                match token {
                    Some(token) => credentials.with_security_token(Secret::new(token)),
                    None => credentials,
                }
            }
            (None, None) => {
                let credentials =
                    EnvProvider::new(env.clone()).credentials().map_err(UrlArgsError::Credentials)?;
                match token {
                    Some(token) => credentials.with_security_token(Secret::new(token)),
                    None => credentials,
                }
            }
            (Some(_), None) => return Err(UrlArgsError::MissingFlag("--secret")),
            (None, Some(_)) => return Err(UrlArgsError::MissingFlag("--access-key-id")),
        };
        Ok(UrlOptions { credentials, method, timestamp, nonce, region, network, endpoint })
    }
}

/// The full signed URL of `request`, pasteable into `curl` (with `-X POST` for a POST signature).
/// The host is `--endpoint`, else the endpoint data's for `--region` (the central endpoint without
/// one); an unset `RegionId` is filled with `--region`, and one naming another region is refused.
pub fn signed_url<O: Operation>(
    request: &O,
    options: &UrlOptions,
    endpoints: &ProductEndpoints,
) -> Result<String, DryRunError> {
    let endpoint = match (&options.endpoint, &options.region) {
        (Some(endpoint), _) => endpoint.clone(),
        (None, Some(region)) => endpoints.resolve(region, options.network).map_err(DryRunError::Endpoint)?,
        (None, None) => Endpoint::https(endpoints.central)
            .map_err(|error| DryRunError::Endpoint(crate::endpoint::EndpointError::Invalid(error)))?,
    };
    let mut pairs = request.to_query_pairs().to_vec();
    crate::region::fill_region::<ErrorBody>(&mut pairs, options.region.as_ref())
        .map_err(DryRunError::Region)?;
    let timestamp = options.timestamp.clone().unwrap_or_else(Timestamp::now);
    let nonce = options.nonce.clone().unwrap_or_else(Nonce::random);
    let signed =
        signing::sign_query(pairs, O::VERSION, &options.credentials, options.method, &timestamp, &nonce);
    Ok(format!("{}?{}", endpoint.base_url(), signed.to_query_string()))
}

/// The whole `rpc url <Api>` step after dispatch: parses `args` (the options after `<Api>`),
/// reads the request from `json` and returns the signed URL to print.
pub fn url_from_json<O>(
    json: &str,
    args: &[String],
    endpoints: &ProductEndpoints,
) -> Result<String, DryRunError>
where
    O: Operation + serde::de::DeserializeOwned,
{
    let options = UrlOptions::from_args(args).map_err(DryRunError::Args)?;
    let request: O = serde_json::from_str(json).map_err(DryRunError::Request)?;
    signed_url(&request, &options, endpoints)
}

/// Why `rpc url` printed no URL.
#[derive(Debug)]
#[non_exhaustive]
pub enum DryRunError {
    /// A bad command line.
    Args(UrlArgsError),
    /// The request JSON does not fit the API's request type.
    Request(serde_json::Error),
    /// No endpoint for the region (or a bad one in the data).
    Endpoint(crate::endpoint::EndpointError),
    /// The request's `RegionId` is not a region, or not `--region`.
    Region(Error),
}

impl fmt::Display for DryRunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DryRunError::Args(error) => write!(f, "{error}; usage: url <Api> {URL_USAGE}"),
            DryRunError::Request(error) => write!(f, "invalid request JSON: {error}"),
            DryRunError::Endpoint(error) => error.fmt(f),
            DryRunError::Region(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for DryRunError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DryRunError::Args(error) => Some(error),
            DryRunError::Request(error) => Some(error),
            DryRunError::Endpoint(error) => Some(error),
            DryRunError::Region(error) => Some(error),
        }
    }
}

/// A bad `rpc url` command line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlArgsError {
    /// An option this command does not know.
    UnknownFlag(String),
    /// An option given without its value.
    MissingValue(String),
    /// `--access-key-id` without `--secret`, or the other way round.
    MissingFlag(&'static str),
    /// A bad method, timestamp or nonce.
    Input(SigningInputError),
    /// `--region` is not a region ID.
    Region(InvalidRegion),
    /// `--endpoint` is not a plain host.
    Endpoint(InvalidEndpoint),
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
            UrlArgsError::Region(error) => error.fmt(f),
            UrlArgsError::Endpoint(error) => error.fmt(f),
            UrlArgsError::Credentials(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for UrlArgsError {}
