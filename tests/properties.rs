//! Property tests over the library stages (no binary): random text drawn from a
//! Chinese-report-like alphabet must not panic any stage, spans stay in bounds and on char
//! boundaries, and every figure's `text` is found in its source line. The same checks run
//! unbounded under `cargo fuzz` (see `fuzz/README.md`).

use baogao::clean;
use baogao::doc::{CleanDoc, CleanLine, Report};
use baogao::extract;
use baogao::ingest;
use baogao::sections;
use baogao::split;
use proptest::prelude::*;

/// Pieces of report-like text: digits, full-width digits, CJK numerals and units, punctuation,
/// outline markers, pinyin glosses, Han chars, ASCII and line breaks.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,6}",
        "[0-9]{1,4}\\.[0-9]{1,3}",
        "[０-９]{1,4}",
        "[一二三四五六七八九十百千万亿零两]{1,4}",
        Just("元".to_string()),
        Just("万元".to_string()),
        Just("亿元".to_string()),
        Just("美元".to_string()),
        Just("%".to_string()),
        Just("％".to_string()),
        Just("个百分点".to_string()),
        Just("年".to_string()),
        Just("月".to_string()),
        Just("增长".to_string()),
        Just("下降".to_string()),
        Just("约".to_string()),
        Just("（一）".to_string()),
        Just("一、".to_string()),
        Just("1.".to_string()),
        Just("(jīng)".to_string()),
        Just("经(jīng)费".to_string()),
        Just("存在的问题".to_string()),
        Just("整改措施".to_string()),
        Just("报告".to_string()),
        "[，。、（）·：；—“”《》 ]",
        "[\u{4e00}-\u{9fa5}]{1,3}",
        "[ -~]{1,3}",
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
    ]
}

fn report_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn load(text: &str) -> (CleanDoc, split::Layout) {
    let doc = CleanDoc {
        source: "prop.txt".to_string(),
        encoding: "UTF-8".to_string(),
        lines: clean::clean_text(text),
        source_lines: None,
    };
    let layout = split::split(&doc.lines);
    (doc, layout)
}

/// Every item's span lies in its source line, and the source there holds its headline: the
/// headline's chars, in order (the headline leaves out anti-copy marks, glosses and closing
/// punctuation, and folds full-width digits).
fn check_items(doc: &CleanDoc, items: &[sections::Item]) {
    for it in items {
        let line = doc.line(it.line).expect("item on a line of the file");
        let [a, b] = it.char_span;
        assert!(
            a <= b && b <= line.raw.chars().count(),
            "{it:?} in {:?}",
            line.raw
        );
        let at: String = line.raw.chars().skip(a).take(b - a).collect();
        let at = baogao::lex::width::fold(&at);
        let mut rest = at.chars();
        let headline = baogao::lex::width::fold(&it.headline);
        for c in headline.chars().filter(|c| !c.is_whitespace()) {
            assert!(
                rest.any(|r| r == c),
                "headline {:?} not in the source at {a}..{b}: {at:?}",
                it.headline
            );
        }
        check_items(doc, &it.children);
    }
}

fn check_line(l: &CleanLine) {
    assert_eq!(
        l.text.chars().count(),
        l.simplified.chars().count(),
        "{l:?}"
    );
    let mut bounds: Vec<usize> = l.text.char_indices().map(|(i, _)| i).collect();
    bounds.push(l.text.len());
    for (k, &a) in bounds.iter().enumerate() {
        for &b in bounds.iter().skip(k).take(3) {
            let r = l.raw_span(a..b);
            assert!(
                r.start <= r.end && r.end <= l.raw.len(),
                "{r:?} for {a}..{b}: {l:?}"
            );
            assert!(l.raw.is_char_boundary(r.start) && l.raw.is_char_boundary(r.end));
        }
    }
}

fn check_mentions(line: &str) {
    for m in extract::mentions_in_line(line) {
        for s in [&m.span, &m.sentence] {
            assert!(s.start <= s.end && s.end <= line.len(), "{s:?} in {line:?}");
            assert!(line.is_char_boundary(s.start) && line.is_char_boundary(s.end));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..256), text in report_text()) {
        let _ = ingest::decode(&bytes);
        let html = format!("<html><body><p>{text}</p><div>{text}</div></body></html>");
        let decoded = ingest::decode(html.as_bytes()).expect("UTF-8 decodes");
        let (plain, lines) = ingest::html_to_text_with_lines(&decoded.text).expect("shallow HTML");
        prop_assert!(lines.iter().all(|&n| n >= 1));
        let _ = plain;
    }

    #[test]
    fn clean_and_split_keep_lines_and_spans(text in report_text()) {
        let (doc, layout) = load(&text);
        prop_assert_eq!(doc.lines.len(), baogao::lex::split_lines(&text).len());
        for l in &doc.lines {
            check_line(l);
        }
        for r in &layout.reports {
            prop_assert!(r.line_start >= 1 && r.line_start <= r.line_end);
            prop_assert!(r.line_end <= doc.lines.len());
        }
    }

    #[test]
    fn figures_are_found_in_their_lines(text in report_text()) {
        let (doc, layout) = load(&text);
        for l in &doc.lines {
            check_mentions(&l.simplified);
        }
        for report in Report::all(&doc, &layout.reports) {
            let figures = extract::figures_in_report(&report);
            for f in &figures {
                let line = doc.line(f.line).expect("figure on a line of the file");
                let first = f.text.split('\n').next().unwrap_or_default();
                // The span is in bounds, and the line's chars there are the figure's text.
                let [a, b] = f.char_span;
                prop_assert!(a <= b && b <= line.raw.chars().count(), "{:?} in {:?}", f, line.raw);
                let at: String = line.raw.chars().skip(a).take(b - a).collect();
                prop_assert_eq!(at.as_str(), first, "{:?} in {:?}", f, line.raw);
            }
            let _ = extract::totals(&figures);
        }
    }

    #[test]
    fn sections_stay_inside_their_report(text in report_text()) {
        let (doc, layout) = load(&text);
        for report in Report::all(&doc, &layout.reports) {
            for s in sections::sections_in_report(&report) {
                prop_assert!(s.line_start <= s.line_end, "{:?}", s);
                prop_assert!(s.line_start >= report.line_start() && s.line_end <= report.line_end());
                check_items(&doc, &s.items);
            }
        }
    }

    #[test]
    fn query_parse_never_panics(q in "[ \"'“”\\-ORANDNT()a-z0-9一-龥，。]{0,24}") {
        let seg = baogao::segment::Segmenter::shared();
        let _ = baogao::index::query::normalize(&q);
        let _ = baogao::index::query::parse(seg.jieba(), &q);
    }
}
