//! Errors: [`Error`] stops a run; [`FileError`] stops one file and is collected.

use std::path::PathBuf;

/// A fatal error: the run cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("corpus folder {0} does not exist or is not a folder")]
    MissingCorpus(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("index at {0}: {1}")]
    Index(PathBuf, String),
    #[error("{0}")]
    Other(String),
}

/// Why one file was skipped; the rest of the batch goes on.
#[derive(Debug, Clone, thiserror::Error, serde::Serialize)]
#[error("{path}: {reason}")]
pub struct FileError {
    /// Path relative to the corpus root.
    pub path: String,
    /// Human-readable reason (`empty file`, `binary file (NUL bytes)`, …).
    pub reason: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
