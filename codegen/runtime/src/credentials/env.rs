//! Credentials from `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, for STS
//! credentials, `ALIBABA_CLOUD_SECURITY_TOKEN`.

use super::{Credentials, CredentialsError, ProvideCredentials, ProvideFuture};
use crate::env::Env;

/// The environment variable holding the AccessKey ID.
pub const ACCESS_KEY_ID_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// The environment variable holding the AccessKey secret.
pub const ACCESS_KEY_SECRET_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// The environment variable holding an STS security token.
pub const SECURITY_TOKEN_VAR: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

const NAME: &str = "environment";

/// Reads the three variables each time it is asked (they are cheap to read).
#[derive(Debug, Clone, Default)]
pub struct EnvProvider {
    env: Env,
}

impl EnvProvider {
    /// Reads the variables from `env` (the process's, or a test's own).
    pub fn new(env: Env) -> Self {
        EnvProvider { env }
    }

    /// The credentials now in the environment: not configured when neither key variable is set,
    /// invalid when only one is.
    pub fn credentials(&self) -> Result<Credentials, CredentialsError> {
        match (self.env.get(ACCESS_KEY_ID_VAR), self.env.get(ACCESS_KEY_SECRET_VAR)) {
            (Some(id), Some(secret)) => {
                let mut credentials = Credentials::new(id, secret).with_provider(NAME);
                if let Some(token) = self.env.get(SECURITY_TOKEN_VAR) {
                    credentials = credentials.with_security_token(token);
                }
                Ok(credentials)
            }
            (None, None) => Err(CredentialsError::not_configured(
                NAME,
                format!("{ACCESS_KEY_ID_VAR} and {ACCESS_KEY_SECRET_VAR} are not set"),
            )),
            (Some(_), None) => Err(CredentialsError::invalid(
                NAME,
                format!("{ACCESS_KEY_ID_VAR} is set but {ACCESS_KEY_SECRET_VAR} is not"),
            )),
            (None, Some(_)) => Err(CredentialsError::invalid(
                NAME,
                format!("{ACCESS_KEY_SECRET_VAR} is set but {ACCESS_KEY_ID_VAR} is not"),
            )),
        }
    }
}

impl ProvideCredentials for EnvProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(std::future::ready(self.credentials()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_token_and_names_a_half_set_pair() {
        let env = Env::from_pairs([
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, "secret"),
            (SECURITY_TOKEN_VAR, "token"),
        ]);
        let credentials = EnvProvider::new(env).credentials().expect("set");
        assert_eq!(credentials.access_key_id(), "id");
        assert_eq!(credentials.access_key_secret().expose(), "secret");
        assert_eq!(credentials.security_token().map(|t| t.expose()), Some("token"));

        let half = EnvProvider::new(Env::from_pairs([(ACCESS_KEY_ID_VAR, "id")]));
        assert!(matches!(half.credentials(), Err(CredentialsError::Invalid { .. })));
        let none = EnvProvider::new(Env::from_pairs([("HOME", "/")]));
        assert!(matches!(none.credentials(), Err(CredentialsError::NotConfigured { .. })));
    }
}
