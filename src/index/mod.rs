//! Stage 5: the tantivy search index (work in progress).
