//! Credentials (AccessKey pair, STS `SecurityToken`, expiry) and the providers that find them: explicit
//! keys, the environment, the OIDC role (RRSA), the profile files, the ECS instance RAM role, all
//! chained in the order of Alibaba's own credentials libraries and cached until shortly before expiry.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use crate::secret::Secret;

mod env;
pub mod ini;

#[cfg(feature = "client")]
mod cache;
#[cfg(feature = "client")]
mod chain;
#[cfg(feature = "client")]
mod cli;
#[cfg(feature = "client")]
mod ecs_ram_role;
#[cfg(feature = "client")]
mod profile;
#[cfg(feature = "client")]
mod sts;

pub use env::{EnvProvider, ACCESS_KEY_ID_VAR, ACCESS_KEY_SECRET_VAR, SECURITY_TOKEN_VAR};

#[cfg(feature = "client")]
pub use cache::{CachedProvider, TimeSource, REFRESH_BEFORE_EXPIRY};
#[cfg(feature = "client")]
pub use chain::{DefaultChain, DefaultChainBuilder};
#[cfg(feature = "client")]
pub use cli::CliConfigProvider;
#[cfg(feature = "client")]
pub use ecs_ram_role::{EcsRamRoleProvider, METADATA_HOST};
#[cfg(feature = "client")]
pub use profile::ProfileFileProvider;
#[cfg(feature = "client")]
pub use sts::{OidcRoleProvider, RamRoleArnProvider, STS_VERSION};

/// An AccessKey pair, with the STS `SecurityToken` and expiry of temporary credentials.
/// `Debug` and `Display` show the ID (it travels in every request) but never the secret or token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: Secret,
    security_token: Option<Secret>,
    expiry: Option<SystemTime>,
    provider: &'static str,
}

impl Credentials {
    /// An explicit, long-lived AccessKey pair.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<Secret>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
            expiry: None,
            provider: "explicit",
        }
    }

    /// Temporary (STS) credentials: the token goes on the wire as `SecurityToken` with every request.
    pub fn with_security_token(mut self, token: impl Into<Secret>) -> Self {
        let token = token.into();
        self.security_token = (!token.is_empty()).then_some(token);
        self
    }

    /// When the credentials stop working; a cache refreshes them shortly before.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// Names the source, for logs (`environment`, `ecs_ram_role`, …).
    pub fn with_provider(mut self, provider: &'static str) -> Self {
        self.provider = provider;
        self
    }

    /// The AccessKey ID (not secret: it is sent with every request).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret, for signing only.
    pub fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }

    /// The STS token, for temporary credentials.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }

    /// When temporary credentials expire.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Which provider gave them.
    pub fn provider(&self) -> &'static str {
        self.provider
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field("security_token", &self.security_token)
            .field("expiry", &self.expiry)
            .field("provider", &self.provider)
            .finish()
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccessKey {} from {}", self.access_key_id, self.provider)?;
        if self.security_token.is_some() {
            f.write_str(" (temporary)")?;
        }
        Ok(())
    }
}

/// What a provider's lookup returns.
pub type ProvideFuture<'a> = Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials. Called for every request (behind a cache, see [`CachedProvider`]), so
/// it must be cheap or cached itself.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// The credentials to sign the next request with, or why there are none.
    fn provide_credentials(&self) -> ProvideFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// A provider behind an `Arc`, cheap to clone into every client.
#[derive(Clone, Debug)]
pub struct SharedCredentialsProvider(Arc<dyn ProvideCredentials>);

impl SharedCredentialsProvider {
    /// Shares `provider`.
    pub fn new(provider: impl ProvideCredentials + 'static) -> Self {
        SharedCredentialsProvider(Arc::new(provider))
    }
}

impl ProvideCredentials for SharedCredentialsProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        self.0.provide_credentials()
    }
}

/// Why no credentials could be had.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsError {
    /// The source is not set up (no variables, no file): a chain tries the next one.
    NotConfigured {
        /// The source's name (`environment`, `profile`, …).
        provider: &'static str,
        /// What is missing.
        reason: String,
    },
    /// The source is set up but unusable (a malformed file, a missing key): a chain stops here
    /// rather than fall back to another identity.
    Invalid {
        /// The source's name.
        provider: &'static str,
        /// What is wrong with it (never a secret's value).
        message: String,
    },
    /// Fetching failed: STS or the metadata service answered with an error, or not at all.
    Fetch {
        /// The source's name.
        provider: &'static str,
        /// What the service answered, or why it did not.
        message: String,
    },
    /// No source in the chain is set up; each one says why.
    NoneConfigured {
        /// Each source tried, in order, with why it is not set up.
        tried: Vec<String>,
    },
}

impl CredentialsError {
    pub(crate) fn not_configured(provider: &'static str, reason: impl Into<String>) -> Self {
        CredentialsError::NotConfigured { provider, reason: reason.into() }
    }

    pub(crate) fn invalid(provider: &'static str, message: impl Into<String>) -> Self {
        CredentialsError::Invalid { provider, message: message.into() }
    }

    #[cfg(feature = "client")]
    pub(crate) fn fetch(provider: &'static str, message: impl Into<String>) -> Self {
        CredentialsError::Fetch { provider, message: message.into() }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::NotConfigured { provider, reason } => {
                write!(f, "{provider}: not set up: {reason}")
            }
            CredentialsError::Invalid { provider, message } => write!(f, "{provider}: {message}"),
            CredentialsError::Fetch { provider, message } => {
                write!(
                    f,
                    "{provider}: fetching credentials failed: {}",
                    crate::error::truncated(message, 512)
                )
            }
            CredentialsError::NoneConfigured { tried } => {
                write!(f, "no credentials found; tried: {}", tried.join("; "))
            }
        }
    }
}

impl std::error::Error for CredentialsError {}

#[cfg(feature = "client")]
/// Reads an STS/metadata `Expiration` (`2021-10-20T04:27:09Z`).
pub(crate) fn parse_expiration(provider: &'static str, text: &str) -> Result<SystemTime, CredentialsError> {
    crate::signing::Timestamp::parse(text)
        .map(|timestamp| timestamp.to_system_time())
        .map_err(|_| CredentialsError::fetch(provider, format!("unreadable Expiration `{text}`")))
}
