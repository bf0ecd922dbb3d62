//! Temporary credentials from STS: `AssumeRole` signed with source credentials (`ram_role_arn`), and
//! `AssumeRoleWithOIDC` proven by an OIDC token file (RRSA, the OIDC role of the environment).

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::{
    parse_expiration, Credentials, CredentialsError, ProvideCredentials, ProvideFuture,
    SharedCredentialsProvider,
};
use crate::endpoint::Endpoint;
use crate::engine::{Engine, Signer};
use crate::env::Env;
use crate::http::SharedTransport;
use crate::region::Region;
use crate::retry::{RetryPolicy, RetryQuota};
use crate::signing::HttpMethod;

/// STS's API version.
pub const STS_VERSION: &str = "2015-04-01";
const DEFAULT_DURATION_SECONDS: u32 = 3600;
const STS_TIMEOUT: Duration = Duration::from_secs(10);
const STS_MAX_BODY: usize = 1024 * 1024;

/// The STS endpoint: `sts.aliyuncs.com`, or `sts[-vpc].<region>.aliyuncs.com` for
/// `ALIBABA_CLOUD_STS_REGION` (`-vpc` when `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`).
pub(crate) fn sts_endpoint(env: &Env, region: Option<&str>) -> Result<Endpoint, CredentialsError> {
    let region = region.map(str::to_owned).or_else(|| env.get("ALIBABA_CLOUD_STS_REGION"));
    let host = match region {
        Some(region) => {
            let region =
                Region::new(region).map_err(|error| CredentialsError::invalid("sts", error.to_string()))?;
            let vpc = if env.is_true("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED") { "-vpc" } else { "" };
            format!("sts{vpc}.{region}.aliyuncs.com")
        }
        None => "sts.aliyuncs.com".to_owned(),
    };
    Endpoint::https(&host).map_err(|error| CredentialsError::invalid("sts", error.to_string()))
}

/// A session name when none is configured.
fn default_session_name() -> String {
    let millis = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
    format!("alibabacloud-rust-sdk-{millis}")
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AssumeRoleAnswer {
    credentials: Option<StsCredentials>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StsCredentials {
    access_key_id: String,
    access_key_secret: String,
    security_token: String,
    expiration: String,
}

/// Sends one STS call and reads its `Credentials`.
async fn call_sts(
    provider: &'static str,
    transport: &SharedTransport,
    endpoint: &Endpoint,
    pairs: Vec<(String, String)>,
    signer: Signer<'_>,
) -> Result<Credentials, CredentialsError> {
    let retry = RetryPolicy::standard();
    let quota = RetryQuota::default();
    let engine = Engine {
        transport,
        endpoint,
        method: HttpMethod::Post,
        retry: &retry,
        quota: &quota,
        timeout: STS_TIMEOUT,
        max_body: STS_MAX_BODY,
    };
    let answer = engine
        .exchange(STS_VERSION, &pairs, signer, true)
        .await
        .map_err(|error| CredentialsError::fetch(provider, format!("STS at {endpoint}: {error}")))?;
    let parsed: AssumeRoleAnswer = serde_json::from_slice(&answer.body)
        .map_err(|error| CredentialsError::fetch(provider, format!("unreadable STS answer: {error}")))?;
    let sts = parsed
        .credentials
        .ok_or_else(|| CredentialsError::fetch(provider, "the STS answer has no Credentials"))?;
    let expiry = parse_expiration(provider, &sts.expiration)?;
    Ok(Credentials::new(sts.access_key_id, sts.access_key_secret)
        .with_security_token(sts.security_token)
        .with_expiry(expiry)
        .with_provider(provider))
}

fn pair(key: &str, value: impl Into<String>) -> (String, String) {
    (key.to_owned(), value.into())
}

/// Assumes a RAM role with STS `AssumeRole`, signed with the source credentials (which may be
/// temporary themselves: their `SecurityToken` is sent).
#[derive(Debug)]
pub struct RamRoleArnProvider {
    source: SharedCredentialsProvider,
    role_arn: String,
    session_name: String,
    duration_seconds: u32,
    policy: Option<String>,
    external_id: Option<String>,
    endpoint: Endpoint,
    transport: SharedTransport,
}

impl RamRoleArnProvider {
    /// Assumes `role_arn` at `sts.aliyuncs.com` for an hour.
    pub fn new(
        source: impl ProvideCredentials + 'static,
        role_arn: impl Into<String>,
        transport: SharedTransport,
    ) -> Self {
        RamRoleArnProvider {
            source: SharedCredentialsProvider::new(source),
            role_arn: role_arn.into(),
            session_name: default_session_name(),
            duration_seconds: DEFAULT_DURATION_SECONDS,
            policy: None,
            external_id: None,
            endpoint: Endpoint::https("sts.aliyuncs.com").expect("a valid host"),
            transport,
        }
    }

    /// The role session's name, which the role's audit logs show (default
    /// `alibabacloud-rust-sdk-<milliseconds>`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = name.into();
        self
    }

    /// How long the credentials last (`DurationSeconds`; default 3,600).
    pub fn duration_seconds(mut self, seconds: u32) -> Self {
        self.duration_seconds = seconds;
        self
    }

    /// A policy that narrows the role's permissions for this session (`Policy`, JSON).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// The external ID the role's trust policy asks for (`ExternalId`).
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(external_id.into());
        self
    }

    /// Another STS endpoint (a regional or VPC one, or a test double).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    async fn assume(&self) -> Result<Credentials, CredentialsError> {
        let mut pairs = vec![
            pair("Action", "AssumeRole"),
            pair("RoleArn", self.role_arn.clone()),
            pair("RoleSessionName", self.session_name.clone()),
            pair("DurationSeconds", self.duration_seconds.to_string()),
        ];
        if let Some(policy) = &self.policy {
            pairs.push(pair("Policy", policy.clone()));
        }
        if let Some(external_id) = &self.external_id {
            pairs.push(pair("ExternalId", external_id.clone()));
        }
        call_sts("ram_role_arn", &self.transport, &self.endpoint, pairs, Signer::Credentials(&self.source))
            .await
    }
}

impl ProvideCredentials for RamRoleArnProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.assume())
    }
}

/// The OIDC role (RRSA): STS `AssumeRoleWithOIDC` with the token read from a file on every refresh
/// (the platform rotates it). Set up by `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`
/// and `ALIBABA_CLOUD_OIDC_TOKEN_FILE` (and optionally `ALIBABA_CLOUD_ROLE_SESSION_NAME`).
#[derive(Debug)]
pub struct OidcRoleProvider {
    role_arn: String,
    oidc_provider_arn: String,
    token_file: PathBuf,
    session_name: String,
    duration_seconds: u32,
    endpoint: Endpoint,
    transport: SharedTransport,
}

const OIDC: &str = "oidc_role_arn";

impl OidcRoleProvider {
    /// Assumes `role_arn` with the OIDC token in `token_file`, issued by `oidc_provider_arn`, at
    /// `sts.aliyuncs.com` for an hour.
    pub fn new(
        role_arn: impl Into<String>,
        oidc_provider_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
        transport: SharedTransport,
    ) -> Self {
        OidcRoleProvider {
            role_arn: role_arn.into(),
            oidc_provider_arn: oidc_provider_arn.into(),
            token_file: token_file.into(),
            session_name: default_session_name(),
            duration_seconds: DEFAULT_DURATION_SECONDS,
            endpoint: Endpoint::https("sts.aliyuncs.com").expect("a valid host"),
            transport,
        }
    }

    /// From the three variables; not configured unless all are set.
    pub fn from_env(env: &Env, transport: SharedTransport) -> Result<Self, CredentialsError> {
        let names =
            ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"];
        let [role, provider, file] = names.map(|name| env.get(name));
        let (Some(role), Some(provider), Some(file)) = (role, provider, file) else {
            return Err(CredentialsError::not_configured(
                OIDC,
                format!("{} are not all set", names.join(", ")),
            ));
        };
        let mut oidc =
            OidcRoleProvider::new(role, provider, file, transport).endpoint(sts_endpoint(env, None)?);
        if let Some(name) = env.get("ALIBABA_CLOUD_ROLE_SESSION_NAME") {
            oidc = oidc.session_name(name);
        }
        Ok(oidc)
    }

    /// The role session's name (default `alibabacloud-rust-sdk-<milliseconds>`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = name.into();
        self
    }

    /// How long the credentials last (`DurationSeconds`; default 3,600).
    pub fn duration_seconds(mut self, seconds: u32) -> Self {
        self.duration_seconds = seconds;
        self
    }

    /// Another STS endpoint (a regional or VPC one, or a test double).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    async fn assume(&self) -> Result<Credentials, CredentialsError> {
        let token = std::fs::read_to_string(&self.token_file).map_err(|error| {
            CredentialsError::invalid(
                OIDC,
                format!("cannot read the OIDC token file {}: {error}", self.token_file.display()),
            )
        })?;
        let pairs = vec![
            pair("Action", "AssumeRoleWithOIDC"),
            pair("RoleArn", self.role_arn.clone()),
            pair("OIDCProviderArn", self.oidc_provider_arn.clone()),
            pair("OIDCToken", token.trim().to_owned()),
            pair("RoleSessionName", self.session_name.clone()),
            pair("DurationSeconds", self.duration_seconds.to_string()),
        ];
        call_sts(OIDC, &self.transport, &self.endpoint, pairs, Signer::Anonymous).await
    }
}

impl ProvideCredentials for OidcRoleProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.assume())
    }
}
