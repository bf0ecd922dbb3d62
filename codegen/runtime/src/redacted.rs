//! A stand-in that `Debug`-prints as `***`, used in place of secret request values.

use std::fmt;

/// Prints `***`: generated `Debug` impls show it instead of a password or secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}
