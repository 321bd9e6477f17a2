#![no_main]
//! Text → `clean::clean_text` → `split::split`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (doc, layout) = baogao_fuzz::load_text(text);
    assert_eq!(doc.lines.len(), baogao::lex::split_lines(text).len());
    for l in &doc.lines {
        baogao_fuzz::check_line(l);
    }
    baogao_fuzz::check_layout(&doc, &layout);
});
