//! Tests of money semantics.
