//! (work in progress)
use serde::{Deserialize, Serialize};

/// A report as the aggregate sees it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ReportInfo {
    pub id: String,
    pub source: String,
    pub ordinal: usize,
    pub title: String,
}
