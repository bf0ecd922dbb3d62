//! Diagnostics in rustc style (`file:line: error|warning: message`), collected per page, never panics.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is: only errors make `gen` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One finding about a page, located by file and 1-based line (0 when it concerns the whole file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, line, message)
    }

    pub fn warning(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, line, message)
    }

    pub fn note(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, file, line, message)
    }

    fn new(severity: Severity, file: &str, line: usize, message: impl Into<String>) -> Self {
        Self { file: file.to_owned(), line, severity, message: message.into() }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Note => "note",
        })
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line: severity: message`, with the file name and message made safe for a terminal
    /// (they quote the docs: see [`crate::escape::terminal`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = crate::escape::terminal(&self.file);
        let message = crate::escape::terminal(&self.message);
        if self.line == 0 {
            write!(f, "{file}: {}: {message}", self.severity)
        } else {
            write!(f, "{file}:{}: {}: {message}", self.line, self.severity)
        }
    }
}

/// Collects diagnostics for one file.
#[derive(Debug, Default)]
pub struct Diagnostics {
    file: String,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: impl Into<String>) -> Self {
        Self { file: file.into(), items: Vec::new() }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn error(&mut self, line: usize, message: impl Into<String>) {
        self.items.push(Diagnostic::error(&self.file, line, message));
    }

    pub fn warning(&mut self, line: usize, message: impl Into<String>) {
        self.items.push(Diagnostic::warning(&self.file, line, message));
    }

    pub fn note(&mut self, line: usize, message: impl Into<String>) {
        self.items.push(Diagnostic::note(&self.file, line, message));
    }

    /// Takes over `other`'s diagnostics (collected for the same file).
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}
