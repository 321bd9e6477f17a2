#![no_main]
//! Text → cleaned document (as `pipeline::load_file`) → figures of every report, and the
//! mentions of every line; each figure's `text` must occur in its source line.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (doc, layout) = baogao_fuzz::load_text(text);
    for l in &doc.lines {
        baogao_fuzz::check_mentions(&l.simplified);
        baogao_fuzz::check_mentions(&l.text);
    }
    for report in baogao::doc::Report::all(&doc, &layout.reports) {
        let figures = baogao::extract::figures_in_report(&report);
        baogao_fuzz::check_figures(&doc, &figures);
        let _ = baogao::extract::totals(&figures);
    }
});
