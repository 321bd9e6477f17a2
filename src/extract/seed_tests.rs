//! Score the extractor on the seed page against its gold (`tests/gold/seed_figures.jsonl`) with
//! the team's scorer, and keep the floor: F1 ≥ 0.97 per kind, role right on ≥ 95% of matched
//! money figures.
//!
//! The page goes through the real pipeline front end (`pipeline::load_path`: decode, clean,
//! simplify, split into reports), and each report through [`figures_in_report`], as in a build.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Figure, figures_in_report};
use crate::doc::{CleanDoc, Report};
use crate::pipeline;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A document read and cleaned by the pipeline (all lines, no split).
pub(crate) fn clean_doc(path: &Path) -> CleanDoc {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    CleanDoc {
        source: name,
        encoding: "UTF-8".to_string(),
        lines: crate::clean::clean_text(&text),
        source_lines: None,
    }
}

/// Figures of every line of a document, as one report.
pub(crate) fn doc_figures(doc: &CleanDoc) -> Vec<Figure> {
    let mut report = Report::whole(doc);
    report.id = "all".to_string();
    figures_in_report(&report)
}

/// Figures of a file as a build makes them: the pipeline's reports, each with its id.
pub(crate) fn file_figures(path: &Path) -> Vec<Figure> {
    let loaded = pipeline::load_path(path).unwrap_or_else(|e| panic!("{e}"));
    let doc = &loaded.doc;
    let mut out = Vec::new();
    for report in Report::all(doc, &loaded.layout.reports) {
        out.extend(figures_in_report(&report));
    }
    out
}

/// Write `figures` as JSONL and run the scorer; returns (success, output).
pub(crate) fn score(figures: &[Figure], gold: &Path, min_f1: f64) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let pred = dir.path().join("pred.jsonl");
    let body: String = figures
        .iter()
        .map(|f| serde_json::to_string(f).unwrap_or_default() + "\n")
        .collect();
    std::fs::write(&pred, body).unwrap_or_else(|e| panic!("write: {e}"));
    let out = Command::new("python3")
        .arg(manifest().join("tests/gold/score_figures.py"))
        .arg(gold)
        .arg(&pred)
        .args(["--min-f1", &min_f1.to_string(), "--show", "40"])
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// The `attribute FIELD agrees on a/b = r` ratio of a scorer output.
pub(crate) fn agreement(output: &str, field: &str) -> Option<f64> {
    output
        .lines()
        .find(|l| l.starts_with("attribute ") && l.split_whitespace().nth(1) == Some(field))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|r| r.parse().ok())
}

#[test]
fn seed_page_scores_above_the_floor() {
    let figures = file_figures(&manifest().join("corpus/000_8704a95fd81a1589.txt"));
    let (ok, out) = score(
        &figures,
        &manifest().join("tests/gold/seed_figures.jsonl"),
        0.97,
    );
    println!("{out}");
    assert!(ok, "F1 below 0.97 on the seed page:\n{out}");
    let role = agreement(&out, "role").unwrap_or(0.0);
    assert!(role >= 0.95, "role agreement {role} < 0.95:\n{out}");
}

#[test]
fn text_is_the_source_text_with_glosses() {
    let figures = file_figures(&manifest().join("corpus/000_8704a95fd81a1589.txt"));
    let f = figures
        .iter()
        .find(|f| f.line == 24 && f.kind == super::Kind::Money);
    assert_eq!(f.map(|f| f.text.as_str()), Some("突破50萬元以上"));
    let s = f.map(|f| f.sentence.as_str()).unwrap_or_default();
    assert!(
        s.contains("要求有突破50萬元以上的要申報") && !s.contains("(jīng)"),
        "{s}"
    );
    // Every text stands verbatim on its source line.
    let raw = std::fs::read_to_string(manifest().join("corpus/000_8704a95fd81a1589.txt"))
        .unwrap_or_default();
    let lines: Vec<&str> = raw.lines().collect();
    for f in &figures {
        assert!(
            lines.get(f.line - 1).is_some_and(|l| l.contains(&f.text)),
            "{f:?}"
        );
    }
}

#[test]
fn seed_totals_add_amounts_once() {
    let figures = file_figures(&manifest().join("corpus/000_8704a95fd81a1589.txt"));
    let amounts = figures
        .iter()
        .filter(|f| f.role == Some(super::Role::Amount))
        .count();
    let t = super::totals(&figures);
    println!("{}", serde_json::to_string_pretty(&t).unwrap_or_default());
    assert_eq!(amounts, 94);
    assert_eq!(t.counted + t.repeats_skipped + t.parts_skipped, amounts);
    // L76 restates 360.3萬 and 1406.47萬 in their sentences; L534/L686 break totals down.
    assert!(t.repeats_skipped >= 3 && t.parts_skipped >= 2, "{t:?}");
}
