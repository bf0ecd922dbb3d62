//! AccessKey credentials, given explicitly or read from the environment; the secret never shows.

use std::fmt;

use crate::secret::Secret;

/// The environment variable holding the AccessKey ID.
pub const ACCESS_KEY_ID_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// The environment variable holding the AccessKey secret.
pub const ACCESS_KEY_SECRET_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";

/// An AccessKey pair. `Debug` and `Display` show the ID (it travels in every URL) but never the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: Secret,
}

impl Credentials {
    /// An explicit AccessKey pair.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<Secret>) -> Self {
        Credentials { access_key_id: access_key_id.into(), access_key_secret: access_key_secret.into() }
    }

    /// Reads [`ACCESS_KEY_ID_VAR`] and [`ACCESS_KEY_SECRET_VAR`].
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the two variables through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, CredentialsError> {
        let read = |name: &'static str| match lookup(name) {
            Some(value) if !value.is_empty() => Ok(value),
            _ => Err(CredentialsError::Missing(name)),
        };
        Ok(Credentials::new(read(ACCESS_KEY_ID_VAR)?, read(ACCESS_KEY_SECRET_VAR)?))
    }

    /// The AccessKey ID (not secret: it is sent with every request).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret, for signing only.
    pub fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .finish()
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccessKey {}", self.access_key_id)
    }
}

/// Why credentials could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialsError {
    /// The named environment variable is unset or empty.
    Missing(&'static str),
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::Missing(name) => {
                write!(f, "environment variable {name} is not set or empty")
            }
        }
    }
}

impl std::error::Error for CredentialsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_variables_and_names_a_missing_one() {
        let full = |name: &str| match name {
            ACCESS_KEY_ID_VAR => Some("id".to_owned()),
            ACCESS_KEY_SECRET_VAR => Some("secret".to_owned()),
            _ => None,
        };
        let credentials = Credentials::from_lookup(full).expect("both set");
        assert_eq!(credentials.access_key_id(), "id");
        assert_eq!(credentials.access_key_secret().expose(), "secret");

        let no_secret = |name: &str| (name == ACCESS_KEY_ID_VAR).then(|| "id".to_owned());
        assert_eq!(
            Credentials::from_lookup(no_secret),
            Err(CredentialsError::Missing(ACCESS_KEY_SECRET_VAR))
        );
        let empty = |_: &str| Some(String::new());
        assert_eq!(Credentials::from_lookup(empty), Err(CredentialsError::Missing(ACCESS_KEY_ID_VAR)));
    }
}
