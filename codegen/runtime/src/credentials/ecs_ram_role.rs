//! The ECS instance RAM role: temporary credentials from the instance metadata service, asked with a
//! session token (`PUT /latest/api/token`, then the `X-aliyun-ecs-metadata-token` header).

use std::time::Duration;

use serde::Deserialize;

use super::{parse_expiration, Credentials, CredentialsError, ProvideCredentials, ProvideFuture};
use crate::endpoint::{Endpoint, Scheme};
use crate::env::Env;
use crate::error::TransportErrorKind;
use crate::http::{HttpTransport, SharedTransport};

/// The metadata service's address.
pub const METADATA_HOST: &str = "100.100.100.200";
const CREDENTIALS_PATH: &str = "latest/meta-data/ram/security-credentials/";
const TOKEN_PATH: &str = "latest/api/token";
const TOKEN_TTL_SECONDS: &str = "21600";
const NAME: &str = "ecs_ram_role";
const MAX_BODY: usize = 64 * 1024;

/// Credentials of the instance's RAM role. The role name is configured (profile, CLI config or
/// `ALIBABA_CLOUD_ECS_METADATA`) or asked of the metadata service. The metadata token is required
/// when `ALIBABA_CLOUD_IMDSV1_DISABLED=true`; otherwise a service that gives none is asked without.
#[derive(Debug, Clone)]
pub struct EcsRamRoleProvider {
    role_name: Option<String>,
    endpoint: Endpoint,
    transport: SharedTransport,
    require_token: bool,
    timeout: Duration,
}

impl EcsRamRoleProvider {
    /// The instance's role, asked of the metadata service at [`METADATA_HOST`] with a session token
    /// (without one when the service gives none, unless [`require_token`](Self::require_token)).
    pub fn new(transport: SharedTransport) -> Self {
        EcsRamRoleProvider {
            role_name: None,
            endpoint: Endpoint { scheme: Scheme::Http, host: METADATA_HOST.to_owned(), port: None },
            transport,
            require_token: false,
            timeout: Duration::from_secs(2),
        }
    }

    /// With the settings of the environment (`ALIBABA_CLOUD_ECS_METADATA`, `ALIBABA_CLOUD_IMDSV1_DISABLED`).
    pub fn from_env(env: &Env, transport: SharedTransport) -> Self {
        let mut provider = EcsRamRoleProvider::new(transport);
        provider.role_name = env.get("ALIBABA_CLOUD_ECS_METADATA");
        provider.require_token = env.is_true("ALIBABA_CLOUD_IMDSV1_DISABLED");
        provider
    }

    /// This role instead of the one the metadata service names first.
    pub fn role_name(mut self, role_name: impl Into<String>) -> Self {
        self.role_name = Some(role_name.into());
        self
    }

    /// Another metadata service (a test double).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// With `true`, a metadata session token is required (IMDSv2 only): no IMDSv1 fallback.
    pub fn require_token(mut self, require: bool) -> Self {
        self.require_token = require;
        self
    }

    /// The limit on each request to the metadata service (default 2 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// One request to the metadata service: `(status, body)`; unreachable means not on ECS.
    async fn ask(
        &self,
        method: http::Method,
        path: &str,
        header: (&str, &str),
    ) -> Result<(u16, String), CredentialsError> {
        let request = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.endpoint.base_url()))
            .header(header.0, header.1)
            .body(Vec::new())
            .map_err(|error| CredentialsError::invalid(NAME, error.to_string()))?;
        let unreachable = |why: String| {
            CredentialsError::not_configured(
                NAME,
                format!(
                    "the metadata service at {} is unreachable (not an ECS instance?): {why}",
                    self.endpoint.host
                ),
            )
        };
        let answer = tokio::time::timeout(self.timeout, self.transport.send(request, MAX_BODY))
            .await
            .map_err(|_| unreachable(format!("no answer within {:?}", self.timeout)))?
            .map_err(|error| match error.kind {
                TransportErrorKind::Connect => unreachable(error.message),
                _ => CredentialsError::fetch(NAME, error.to_string()),
            })?;
        Ok((answer.status().as_u16(), String::from_utf8_lossy(answer.body()).into_owned()))
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let (status, body) = self
            .ask(
                http::Method::PUT,
                TOKEN_PATH,
                ("X-aliyun-ecs-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS),
            )
            .await?;
        let token = match status {
            200 => body.trim().to_owned(),
            _ if self.require_token => {
                return Err(CredentialsError::fetch(
                    NAME,
                    format!("the metadata token request answered HTTP {status} and IMDSv1 is disabled"),
                ))
            }
            _ => {
                tracing::debug!(status, "no metadata token; asking without one");
                String::new()
            }
        };
        let header = ("X-aliyun-ecs-metadata-token", token.as_str());
        let role_name = match &self.role_name {
            Some(role_name) => role_name.clone(),
            None => {
                let (status, body) = self.ask(http::Method::GET, CREDENTIALS_PATH, header).await?;
                if status != 200 {
                    return Err(CredentialsError::fetch(
                        NAME,
                        format!("asking the role name answered HTTP {status}"),
                    ));
                }
                body.lines().next().unwrap_or("").trim().to_owned()
            }
        };
        let plain = !role_name.is_empty()
            && role_name.len() <= 64
            && role_name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !plain {
            return Err(CredentialsError::fetch(
                NAME,
                format!("`{}` is not a RAM role name", crate::error::truncated(&role_name, 80)),
            ));
        }
        let (status, body) =
            self.ask(http::Method::GET, &format!("{CREDENTIALS_PATH}{role_name}"), header).await?;
        if status != 200 {
            return Err(CredentialsError::fetch(
                NAME,
                format!("the credentials of role `{role_name}` answered HTTP {status}"),
            ));
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Answer {
            code: String,
            access_key_id: String,
            access_key_secret: String,
            security_token: String,
            expiration: String,
        }
        let answer: Answer = serde_json::from_str(&body)
            .map_err(|error| CredentialsError::fetch(NAME, format!("unreadable metadata answer: {error}")))?;
        if answer.code != "Success" {
            return Err(CredentialsError::fetch(
                NAME,
                format!("the metadata service answered Code `{}`", answer.code),
            ));
        }
        Ok(Credentials::new(answer.access_key_id, answer.access_key_secret)
            .with_security_token(answer.security_token)
            .with_expiry(parse_expiration(NAME, &answer.expiration)?)
            .with_provider(NAME))
    }
}

impl ProvideCredentials for EcsRamRoleProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}
