//! Fixtures that carry their answer: every `tests/fixtures/extract/NAME.txt` with a
//! `NAME.expected.jsonl` next to it (gold format, written by hand with `make_expected.py`) must
//! score F1 = 1 with every attribute agreeing, and give exactly the expected texts.
//!
//! The fixtures are report text of other kinds than the seed page: a government work report
//! (Chinese numerals, full-width digits, 1950s and 2020s years, plan periods) and a budget report
//! (currencies, ranges, rates, changes, thresholds, document numbers), and three modelled on real
//! reports in their own wording: a 1950s budget report in Chinese numerals, a 1980s work report
//! (written-out plans, year ranges, 每人平均, 个百分点) and a 2020s audit report (PDF spacing,
//! asides, comparison bases, listed years), and Hong Kong, Macau and Taiwan budget text (fiscal
//! years `2025/26年度`, Republic of China years, `兆`, TWD and MOP, bases `由…的`/`是…的N倍`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::seed_tests::{agreement, clean_doc, doc_figures, score};

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let mut out: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p
                .file_name()?
                .to_str()?
                .strip_suffix(".expected.jsonl")?
                .to_string();
            Some((dir.join(format!("{name}.txt")), p))
        })
        .collect();
    out.sort();
    out
}

/// (line, kind, text) → count, from the expected file.
fn expected_texts(path: &PathBuf) -> BTreeMap<(usize, String, String), usize> {
    let body = std::fs::read_to_string(path).unwrap_or_default();
    let mut m = BTreeMap::new();
    for l in body.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"));
        let key = (
            v["line"].as_u64().unwrap_or(0) as usize,
            v["kind"].as_str().unwrap_or("").to_string(),
            v["text"].as_str().unwrap_or("").to_string(),
        );
        *m.entry(key).or_insert(0) += 1;
    }
    m
}

#[test]
fn fixtures_match_their_answers() {
    let list = fixtures();
    assert!(list.len() >= 2, "no fixtures found");
    for (txt, expected) in list {
        let figures = doc_figures(&clean_doc(&txt));
        let (ok, out) = score(&figures, &expected, 1.0);
        println!("{}\n{out}", txt.display());
        assert!(ok, "{}: F1 < 1:\n{out}", txt.display());
        let diffs = attribute_diffs(&figures, &expected);
        for field in ["role", "approx", "range", "year", "points", "currency"] {
            let a = agreement(&out, field).unwrap_or(1.0);
            assert!(
                a >= 1.0,
                "{}: {field} agreement {a}:\n{out}\n{diffs}",
                txt.display()
            );
        }
        let mut got = BTreeMap::new();
        for f in &figures {
            let kind = serde_json::to_value(f.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string));
            *got.entry((f.line, kind.unwrap_or_default(), f.text.clone()))
                .or_insert(0) += 1;
        }
        assert_eq!(
            got,
            expected_texts(&expected),
            "{}: texts differ",
            txt.display()
        );
    }
}

/// Expected records whose attributes differ from the prediction at the same line and text.
fn attribute_diffs(figures: &[super::Figure], expected: &PathBuf) -> String {
    let body = std::fs::read_to_string(expected).unwrap_or_default();
    let mut out = String::new();
    for l in body.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(g) = serde_json::from_str::<serde_json::Value>(l) else {
            continue;
        };
        let line = g["line"].as_u64().unwrap_or(0) as usize;
        let text = g["text"].as_str().unwrap_or("");
        let Some(p) = figures.iter().find(|f| f.line == line && f.text == text) else {
            continue;
        };
        let p = serde_json::to_value(p).unwrap_or_default();
        for field in [
            "value", "role", "approx", "range", "year", "points", "currency",
        ] {
            if g.get(field).is_some() && g[field] != p[field] {
                out += &format!(
                    "  L{line} {text}: {field} expected {} got {}\n",
                    g[field], p[field]
                );
            }
        }
    }
    out
}
