//! The default credential chain, in the order of Alibaba's credentials libraries: environment
//! keys, the OIDC role (RRSA), the CLI config, the profile file, the ECS instance RAM role.

use std::sync::OnceLock;

use super::cli::CliConfigProvider;
use super::ecs_ram_role::EcsRamRoleProvider;
use super::env::EnvProvider;
use super::profile::ProfileFileProvider;
use super::sts::{sts_endpoint, OidcRoleProvider, RamRoleArnProvider};
use super::{Credentials, CredentialsError, ProvideCredentials, ProvideFuture};
use crate::endpoint::Endpoint;
use crate::env::Env;
use crate::http::{HyperTransport, SharedTransport};

/// What nested providers (a profile's `ram_role_arn`, `ecs_ram_role`) are built with.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub env: Env,
    pub transport: SharedTransport,
    pub sts_endpoint: Option<Endpoint>,
    pub metadata_endpoint: Option<Endpoint>,
}

impl Context {
    pub fn ecs_ram_role(&self) -> EcsRamRoleProvider {
        let provider = EcsRamRoleProvider::from_env(&self.env, self.transport.clone());
        match &self.metadata_endpoint {
            Some(endpoint) => provider.endpoint(endpoint.clone()),
            None => provider,
        }
    }

    pub fn ram_role_arn(
        &self,
        source: Credentials,
        role_arn: String,
        sts_region: Option<&String>,
    ) -> Result<RamRoleArnProvider, CredentialsError> {
        let endpoint = match &self.sts_endpoint {
            Some(endpoint) => endpoint.clone(),
            None => sts_endpoint(&self.env, sts_region.map(String::as_str))?,
        };
        Ok(RamRoleArnProvider::new(source, role_arn, self.transport.clone()).endpoint(endpoint))
    }
}

/// The chain. The first source that is set up gives the credentials, and stays the chain's choice
/// from then on (a later STS hiccup does not switch identities). A source that is not set up (no
/// variables, no file, not on ECS) passes to the next; one that is set up but broken (a malformed
/// file, a half-set pair of variables) stops the chain with its error.
///
/// Wrap it in a [`CachedProvider`](super::CachedProvider) (a [`Config`](crate::Config) does) so
/// it is asked only when credentials need refreshing.
#[derive(Debug)]
pub struct DefaultChain {
    providers: Vec<Box<dyn ProvideCredentials>>,
    chosen: OnceLock<usize>,
}

impl DefaultChain {
    /// A chain of the default sources, each of which the builder can replace for a test.
    pub fn builder() -> DefaultChainBuilder {
        DefaultChainBuilder::default()
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        if let Some(&index) = self.chosen.get() {
            return self.providers[index].provide_credentials().await;
        }
        let mut tried = Vec::new();
        for (index, provider) in self.providers.iter().enumerate() {
            match provider.provide_credentials().await {
                Ok(credentials) => {
                    let _ = self.chosen.set(index);
                    return Ok(credentials);
                }
                Err(CredentialsError::NotConfigured { provider, reason }) => {
                    tried.push(format!("{provider}: {reason}"))
                }
                Err(error) => return Err(error),
            }
        }
        Err(CredentialsError::NoneConfigured { tried })
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}

/// Builds a [`DefaultChain`].
#[derive(Debug, Default)]
pub struct DefaultChainBuilder {
    env: Option<Env>,
    transport: Option<SharedTransport>,
    sts_endpoint: Option<Endpoint>,
    metadata_endpoint: Option<Endpoint>,
}

impl DefaultChainBuilder {
    /// Where variables and `HOME` are read (default: the process environment).
    pub fn env(mut self, env: Env) -> Self {
        self.env = Some(env);
        self
    }

    /// The transport for STS and the metadata service (default: a new [`HyperTransport`]).
    pub fn transport(mut self, transport: SharedTransport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Another STS endpoint for every STS call of the chain (a test double).
    pub fn sts_endpoint(mut self, endpoint: Endpoint) -> Self {
        self.sts_endpoint = Some(endpoint);
        self
    }

    /// Another metadata service (a test double).
    pub fn metadata_endpoint(mut self, endpoint: Endpoint) -> Self {
        self.metadata_endpoint = Some(endpoint);
        self
    }

    /// The chain, with the process's environment and a real transport where none was given.
    pub fn build(self) -> DefaultChain {
        let env = self.env.unwrap_or_else(Env::process);
        let transport = self.transport.unwrap_or_else(|| {
            SharedTransport::new(HyperTransport::new(crate::config::DEFAULT_CONNECT_TIMEOUT))
        });
        let context = Context {
            env: env.clone(),
            transport: transport.clone(),
            sts_endpoint: self.sts_endpoint,
            metadata_endpoint: self.metadata_endpoint,
        };
        let oidc = OidcFromEnv(context.clone());
        let mut providers: Vec<Box<dyn ProvideCredentials>> = vec![
            Box::new(EnvProvider::new(env.clone())),
            Box::new(oidc),
            Box::new(CliConfigProvider::new(context.clone())),
            Box::new(ProfileFileProvider::new(context.clone())),
        ];
        if !env.is_true("ALIBABA_CLOUD_ECS_METADATA_DISABLED") {
            providers.push(Box::new(context.ecs_ram_role()));
        }
        DefaultChain { providers, chosen: OnceLock::new() }
    }
}

/// The OIDC role as set up by the environment when asked.
#[derive(Debug)]
struct OidcFromEnv(Context);

impl OidcFromEnv {
    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let provider = OidcRoleProvider::from_env(&self.0.env, self.0.transport.clone())?;
        let provider = match &self.0.sts_endpoint {
            Some(endpoint) => provider.endpoint(endpoint.clone()),
            None => provider,
        };
        provider.provide_credentials().await
    }
}

impl ProvideCredentials for OidcFromEnv {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}
