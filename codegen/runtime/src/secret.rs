//! A string that never shows itself: Debug and Display print a fixed mask instead of the value.

use std::fmt;

/// The mask printed in place of any secret value.
pub const REDACTED: &str = "***";

/// A secret value (an AccessKey secret, an instance password).
///
/// `Debug` and `Display` print [`REDACTED`]; read the value only where it is used, with
/// [`Secret::expose`]. Serde reads and writes the plain value, so a request type can carry one.
#[derive(Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself: for signing or putting on the wire, never for printing.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty (nothing to hide).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}
