//! Errors: [`Error`] stops a run; [`FileError`] stops one file and is collected;
//! [`FileWarning`] lets the file through but says what was lost or changed.

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
    #[error(
        "another baogao build is writing {0} (it holds {0}/.lock): wait for it to end, or build into another --index folder"
    )]
    Locked(PathBuf),
    #[error("index at {0}: {1}")]
    Index(PathBuf, String),
    /// Building the search index failed; the cause chain is kept, not flattened to a string.
    #[error(transparent)]
    IndexBuild(#[from] crate::index::IndexError),
    #[error("{0}")]
    Other(String),
}

/// The stage of the per-file work where something went wrong, so a user (and a developer
/// reading `build_report.json`) knows where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Walking the corpus folder (unreadable folders, broken links, loops, links leaving it).
    Discover,
    /// Reading the bytes (permissions, size limit).
    Read,
    /// Turning bytes into text (encodings, binary files, HTML).
    Decode,
    /// Cleaning lines.
    Clean,
    /// Finding the reports in a file.
    Split,
    /// Money, percentages and years.
    Extract,
    /// jieba segmentation and index tokens.
    Segment,
    /// Problem and measure sections.
    Sections,
    /// Adding documents to the search index.
    Index,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Discover => "discover",
            Stage::Read => "read",
            Stage::Decode => "decode",
            Stage::Clean => "clean",
            Stage::Split => "split",
            Stage::Extract => "extract",
            Stage::Segment => "segment",
            Stage::Sections => "sections",
            Stage::Index => "index",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why one file was skipped; the rest of the batch goes on.
#[derive(Debug, Clone, thiserror::Error, serde::Serialize)]
#[error("{path}: {reason} ({stage})")]
pub struct FileError {
    /// Path relative to the corpus root.
    pub path: String,
    /// Where it failed.
    pub stage: Stage,
    /// Human-readable reason (`empty file`, `binary file (NUL bytes)`, …).
    pub reason: String,
}

impl FileError {
    pub fn new(path: impl Into<String>, stage: Stage, reason: impl Into<String>) -> FileError {
        FileError {
            path: path.into(),
            stage,
            reason: reason.into(),
        }
    }
}

/// Something a file's processing changed or dropped without failing the file: invalid bytes
/// replaced, a giant report split, a long trailer cut. Listed in `build_report.json` and
/// printed as a warning, so nothing is lost silently.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileWarning {
    /// Path relative to the corpus root.
    pub path: String,
    pub stage: Stage,
    pub message: String,
}

impl FileWarning {
    pub fn new(path: impl Into<String>, stage: Stage, message: impl Into<String>) -> FileWarning {
        FileWarning {
            path: path.into(),
            stage,
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
