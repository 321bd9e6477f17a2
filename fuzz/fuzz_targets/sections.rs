#![no_main]
//! Text → cleaned document → `split` → `sections::sections_in_report` on each report.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (doc, layout) = baogao_fuzz::load_text(text);
    baogao_fuzz::check_layout(&doc, &layout);
    for report in baogao::doc::Report::all(&doc, &layout.reports) {
        let span = &report.span;
        for s in baogao::sections::sections_in_report(&report) {
            assert!(s.line_start <= s.line_end, "{s:?}");
            assert!(
                s.line_start >= span.line_start && s.line_end <= span.line_end,
                "{s:?} outside {span:?}"
            );
        }
    }
});
