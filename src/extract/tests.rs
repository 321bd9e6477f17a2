//! Behaviour tests on real sentences.
