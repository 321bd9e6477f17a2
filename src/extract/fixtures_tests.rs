//! Fixtures that carry their answer.
