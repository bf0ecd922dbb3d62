//! The profile file `~/.alibabacloud/credentials.ini` (or `ALIBABA_CLOUD_CREDENTIALS_FILE`), the
//! profile named by `ALIBABA_CLOUD_PROFILE` or `default`; types `access_key`, `sts`,
//! `ecs_ram_role` and `ram_role_arn`.

use std::path::PathBuf;

use super::chain::Context;
use super::{ini, Credentials, CredentialsError, ProvideCredentials, ProvideFuture};

const NAME: &str = "profile";

/// Reads the file on every lookup (the cache above it asks only when credentials need refreshing).
#[derive(Debug, Clone)]
pub struct ProfileFileProvider {
    context: Context,
    profile: Option<String>,
}

impl ProfileFileProvider {
    pub(crate) fn new(context: Context) -> Self {
        ProfileFileProvider { context, profile: None }
    }

    fn path(&self) -> Result<(PathBuf, bool), CredentialsError> {
        if let Some(path) = self.context.env.get("ALIBABA_CLOUD_CREDENTIALS_FILE") {
            return Ok((PathBuf::from(path), true));
        }
        let home = self
            .context
            .env
            .home()
            .ok_or_else(|| CredentialsError::not_configured(NAME, "no home folder (HOME)"))?;
        Ok((home.join(".alibabacloud").join("credentials.ini"), false))
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let (path, named) = self.path()?;
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && !named => {
                return Err(CredentialsError::not_configured(NAME, format!("{shown} does not exist")));
            }
            Err(error) => {
                return Err(CredentialsError::invalid(NAME, format!("cannot read {shown}: {error}")))
            }
        };
        let file = ini::parse(&text)
            .map_err(|error| CredentialsError::invalid(NAME, format!("{shown}: {error}")))?;
        let profile = self
            .profile
            .clone()
            .or_else(|| self.context.env.get("ALIBABA_CLOUD_PROFILE"))
            .unwrap_or_else(|| "default".to_owned());
        let Some(section) = file.get(&profile) else {
            return Err(CredentialsError::not_configured(
                NAME,
                format!("{shown} has no [{profile}] profile"),
            ));
        };
        if section.get("enable").is_some_and(|value| value.eq_ignore_ascii_case("false")) {
            return Err(CredentialsError::not_configured(
                NAME,
                format!("[{profile}] in {shown} has enable = false"),
            ));
        }
        let key = |name: &str| {
            section.get(name).filter(|value| !value.is_empty()).cloned().ok_or_else(|| {
                CredentialsError::invalid(NAME, format!("[{profile}] in {shown} lacks `{name}`"))
            })
        };
        let kind = key("type")?;
        let credentials = match kind.as_str() {
            "access_key" => Credentials::new(key("access_key_id")?, key("access_key_secret")?),
            "sts" => Credentials::new(key("access_key_id")?, key("access_key_secret")?)
                .with_security_token(key("security_token")?),
            "ecs_ram_role" => {
                let mut provider = self.context.ecs_ram_role();
                if let Ok(role_name) = key("role_name") {
                    provider = provider.role_name(role_name);
                }
                return provider.provide_credentials().await;
            }
            "ram_role_arn" => {
                let source = Credentials::new(key("access_key_id")?, key("access_key_secret")?).with_provider(NAME);
                let mut provider = self.context.ram_role_arn(source, key("role_arn")?, section.get("sts_region"))?;
                if let Ok(name) = key("role_session_name") {
                    provider = provider.session_name(name);
                }
                if let Ok(policy) = key("policy") {
                    provider = provider.policy(policy);
                }
                return provider.provide_credentials().await;
            }
            other => {
                return Err(CredentialsError::invalid(
                    NAME,
                    format!("[{profile}] in {shown}: unsupported type `{other}` (access_key, sts, ecs_ram_role, ram_role_arn)"),
                ))
            }
        };
        Ok(credentials.with_provider(NAME))
    }
}

impl ProvideCredentials for ProfileFileProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}
