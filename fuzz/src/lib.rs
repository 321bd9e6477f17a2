//! Shared helpers of the fuzz targets: build a `CleanDoc` the way `pipeline::load_file` does,
//! without touching the file system.

use baogao::clean;
use baogao::doc::CleanDoc;
use baogao::split::{self, Layout};

/// Decoded text → cleaned document and its layout, as `pipeline::load_file`.
pub fn load_text(text: &str) -> (CleanDoc, Layout) {
    let doc = CleanDoc {
        source: "fuzz.txt".to_string(),
        encoding: "UTF-8".to_string(),
        lines: clean::clean_text(text),
        source_lines: None,
    };
    let layout = split::split(&doc.lines);
    (doc, layout)
}

/// Check the layout against the document: report spans inside the file, ordered.
pub fn check_layout(doc: &CleanDoc, layout: &Layout) {
    for r in &layout.reports {
        assert!(r.line_start >= 1, "report starts at line 0: {r:?}");
        assert!(r.line_start <= r.line_end, "report span reversed: {r:?}");
        assert!(r.line_end <= doc.lines.len(), "report past the end: {r:?}");
        assert!(
            doc.line(r.title_line).is_some(),
            "title line outside: {r:?}"
        );
    }
}

/// Check one cleaned line: the simplified view is char-aligned with the text, and clean
/// spans map to raw spans on char boundaries.
pub fn check_line(l: &baogao::doc::CleanLine) {
    assert_eq!(
        l.text.chars().count(),
        l.simplified.chars().count(),
        "simplified not char-aligned: {l:?}"
    );
    let mut bounds: Vec<usize> = l.text.char_indices().map(|(i, _)| i).collect();
    bounds.push(l.text.len());
    for (k, &a) in bounds.iter().enumerate() {
        for &b in bounds.iter().skip(k).take(4) {
            let r = l.raw_span(a..b);
            assert!(
                r.start <= r.end && r.end <= l.raw.len(),
                "raw span {r:?} of {a}..{b}: {l:?}"
            );
            assert!(l.raw.is_char_boundary(r.start) && l.raw.is_char_boundary(r.end));
            let s = l.clean_to_simplified(a..b);
            assert!(
                l.simplified.get(s.clone()).is_some(),
                "simplified span {s:?}: {l:?}"
            );
        }
    }
}

/// Every figure's `text` is the chars of its line at its `char_span` (the first line, for a figure broken
/// across lines), and every mention span is in bounds and on char boundaries.
pub fn check_figures(doc: &CleanDoc, figures: &[baogao::extract::Figure]) {
    for f in figures {
        let line = doc
            .line(f.line)
            .unwrap_or_else(|| panic!("figure on no line: {f:?}"));
        let first = f.text.split('\n').next().unwrap_or_default();
        let [a, b] = f.char_span;
        assert!(a <= b, "bad char_span: {f:?}");
        let at: String = line.raw.chars().skip(a).take(b - a).collect();
        assert_eq!(at, first, "char_span of {f:?} in {:?}", line.raw);
    }
}

/// Mentions of one simplified line: spans in bounds, on char boundaries, inside the sentence.
pub fn check_mentions(line: &str) {
    for m in baogao::extract::mentions_in_line(line) {
        for s in [&m.span, &m.sentence] {
            assert!(
                s.start <= s.end && s.end <= line.len(),
                "span {s:?} of {line:?}"
            );
            assert!(line.is_char_boundary(s.start) && line.is_char_boundary(s.end));
        }
    }
}
