//! The Alibaba Cloud CLI's `~/.aliyun/config.json`: the profile named by `ALIBABA_CLOUD_PROFILE`,
//! else the file's `current`; modes `AK`, `StsToken`, `EcsRamRole` and `RamRoleArn`.

use serde::Deserialize;

use super::chain::Context;
use super::{Credentials, CredentialsError, ProvideCredentials, ProvideFuture};

const NAME: &str = "cli_profile";

#[derive(Deserialize)]
struct CliConfig {
    #[serde(default)]
    current: String,
    #[serde(default)]
    profiles: Vec<CliProfile>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CliProfile {
    name: String,
    mode: String,
    access_key_id: String,
    access_key_secret: String,
    sts_token: String,
    ram_role_name: String,
    ram_role_arn: String,
    ram_session_name: String,
    expired_seconds: u32,
    sts_region: String,
}

/// Reads the file on every lookup (the cache above it asks only when credentials need refreshing).
/// `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true` turns it off.
#[derive(Debug, Clone)]
pub struct CliConfigProvider {
    context: Context,
}

impl CliConfigProvider {
    pub(crate) fn new(context: Context) -> Self {
        CliConfigProvider { context }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let env = &self.context.env;
        if env.is_true("ALIBABA_CLOUD_CLI_PROFILE_DISABLED") {
            return Err(CredentialsError::not_configured(NAME, "ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true"));
        }
        let home =
            env.home().ok_or_else(|| CredentialsError::not_configured(NAME, "no home folder (HOME)"))?;
        let path = home.join(".aliyun").join("config.json");
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(CredentialsError::not_configured(NAME, format!("{shown} does not exist")));
            }
            Err(error) => {
                return Err(CredentialsError::invalid(NAME, format!("cannot read {shown}: {error}")))
            }
        };
        let config: CliConfig = serde_json::from_str(&text)
            .map_err(|error| CredentialsError::invalid(NAME, format!("{shown}: {error}")))?;
        let name = env.get("ALIBABA_CLOUD_PROFILE").unwrap_or(config.current);
        let Some(profile) = config.profiles.into_iter().find(|profile| profile.name == name) else {
            return Err(CredentialsError::not_configured(NAME, format!("{shown} has no profile `{name}`")));
        };
        let required = |value: String, key: &str| {
            if value.is_empty() {
                Err(CredentialsError::invalid(NAME, format!("profile `{name}` in {shown} lacks `{key}`")))
            } else {
                Ok(value)
            }
        };
        let credentials = match profile.mode.as_str() {
            "AK" => Credentials::new(
                required(profile.access_key_id, "access_key_id")?,
                required(profile.access_key_secret, "access_key_secret")?,
            ),
            "StsToken" => Credentials::new(
                required(profile.access_key_id, "access_key_id")?,
                required(profile.access_key_secret, "access_key_secret")?,
            )
            .with_security_token(required(profile.sts_token, "sts_token")?),
            "EcsRamRole" => {
                let mut provider = self.context.ecs_ram_role();
                if !profile.ram_role_name.is_empty() {
                    provider = provider.role_name(profile.ram_role_name);
                }
                return provider.provide_credentials().await;
            }
            "RamRoleArn" => {
                let source = Credentials::new(
                    required(profile.access_key_id, "access_key_id")?,
                    required(profile.access_key_secret, "access_key_secret")?,
                )
                .with_provider(NAME);
                let region = Some(&profile.sts_region).filter(|region| !region.is_empty());
                let mut provider =
                    self.context.ram_role_arn(source, required(profile.ram_role_arn, "ram_role_arn")?, region)?;
                if !profile.ram_session_name.is_empty() {
                    provider = provider.session_name(profile.ram_session_name);
                }
                if profile.expired_seconds > 0 {
                    provider = provider.duration_seconds(profile.expired_seconds);
                }
                return provider.provide_credentials().await;
            }
            other => {
                return Err(CredentialsError::invalid(
                    NAME,
                    format!("profile `{name}` in {shown}: unsupported mode `{other}` (AK, StsToken, EcsRamRole, RamRoleArn)"),
                ))
            }
        };
        Ok(credentials.with_provider(NAME))
    }
}

impl ProvideCredentials for CliConfigProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}
