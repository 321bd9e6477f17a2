//! Reading and writing the index folder's JSON files: the record-by-record JSON-lines writer
//! used while a build is staged, and the readers the `totals` and `themes` commands use on the
//! published generation, with errors that say how to fix a missing or stale index.
//!
//! The staging folder and its atomic publication are [`crate::publish`]'s.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::publish::{self, Staging};

/// A JSON-lines file in the staging folder, written record by record.
pub struct JsonlWriter {
    path: PathBuf,
    out: BufWriter<fs::File>,
}

impl JsonlWriter {
    pub fn create(staging: &Staging, name: &str) -> Result<JsonlWriter> {
        let path = staging.path(name);
        let file = fs::File::create(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        Ok(JsonlWriter {
            path,
            out: BufWriter::new(file),
        })
    }

    pub fn write_all<T: Serialize>(&mut self, records: &[T]) -> Result<()> {
        for r in records {
            serde_json::to_writer(&mut self.out, r)
                .map_err(|e| Error::Other(format!("{}: {e}", self.path.display())))?;
            self.out.write_all(b"\n").map_err(|source| Error::Io {
                path: self.path.clone(),
                source,
            })?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.out.flush().map_err(|source| Error::Io {
            path: self.path.clone(),
            source,
        })
    }
}

/// Read a JSON file of a built index, with an error that says what to do when it is missing.
pub fn read_index_json<T: serde::de::DeserializeOwned>(index: &Path, name: &str) -> Result<T> {
    let path = publish::current_dir(index).join(name);
    let text = fs::read_to_string(&path).map_err(|e| missing_index(index, &path, e))?;
    serde_json::from_str(&text).map_err(|e| {
        Error::Index(
            index.to_path_buf(),
            format!("{name} is not readable ({e}); rebuild the index with `baogao build`"),
        )
    })
}

/// Read a JSON-lines file of a built index.
pub fn read_index_jsonl<T: serde::de::DeserializeOwned>(
    index: &Path,
    name: &str,
) -> Result<Vec<T>> {
    let path = publish::current_dir(index).join(name);
    let text = fs::read_to_string(&path).map_err(|e| missing_index(index, &path, e))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|e| {
                Error::Index(
                    index.to_path_buf(),
                    format!(
                        "{name}:{}: not readable ({e}); rebuild the index with `baogao build`",
                        n + 1
                    ),
                )
            })
        })
        .collect()
}

fn missing_index(index: &Path, path: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        Error::Index(
            index.to_path_buf(),
            format!(
                "{} not found; run `baogao build --index {}` first",
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default(),
                index.display()
            ),
        )
    } else {
        Error::Io {
            path: path.to_path_buf(),
            source: e,
        }
    }
}
