#![no_main]
//! A search query → `index::query::parse` with the shared segmenter's jieba, then the tantivy
//! query built from it.

use baogao::index::query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|q: &str| {
    let seg = baogao::segment::Segmenter::shared();
    let _ = query::normalize(q);
    if let Ok(parsed) = query::parse(seg.jieba(), q) {
        for u in parsed.positive_units() {
            for p in u.patterns() {
                let _ = query::span_chars(p);
            }
        }
    }
});
