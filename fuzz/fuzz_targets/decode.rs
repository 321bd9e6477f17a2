#![no_main]
//! Bytes → `ingest::decode` → `html_to_text_with_lines` on the decoded text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = baogao::ingest::decode(data) else {
        return;
    };
    if let Some(map) = &decoded.source_lines {
        assert!(map.iter().all(|&n| n >= 1));
    }
    let Ok((text, lines)) = baogao::ingest::html_to_text_with_lines(&decoded.text) else {
        return;
    };
    let n = baogao::lex::split_lines(&text).len();
    assert!(
        lines.len() >= n.saturating_sub(1),
        "{} source lines for {n} text lines",
        lines.len()
    );
    assert!(lines.iter().all(|&l| l >= 1), "line 0 in {lines:?}");
});
