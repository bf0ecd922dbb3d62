//! A file the generator produces: a path relative to the output dir and its full contents.

use std::path::PathBuf;

/// One generated file. Emitters return these; `write` puts them on disk only when they changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output dir, `/`-separated (`src/ecs/run_instances.rs`).
    pub path: PathBuf,
    pub contents: String,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<String>) -> Self {
        Self { path: path.into(), contents: contents.into() }
    }
}
