//! Tests of report metadata.
