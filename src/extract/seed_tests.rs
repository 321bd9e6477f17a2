//! Score the extractor on the seed page against its gold (`tests/gold/seed_figures.jsonl`) with
//! the team's scorer, and keep the floor: F1 ≥ 0.97 per kind, role right on ≥ 95% of matched
//! money figures.
//!
//! Until the lead's `clean` module lands, lines are cleaned here by an approximation: pinyin
//! glosses (`經(jīng)費`) are dropped with an offset map, and the simplified view is hanconv's
//! `t2s` (per char when a phrase conversion would change the char count).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Figure, figures_in_report};
use crate::doc::{CleanDoc, CleanLine, LineRef};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn is_pinyin(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

/// A cleaned line: `(pinyin)` glosses removed, anchors mapping clean bytes to raw bytes.
pub(crate) fn approx_clean(raw: &str) -> CleanLine {
    let mut text = String::with_capacity(raw.len());
    let mut anchors = vec![(0u32, 0u32)];
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        if rest.starts_with('(')
            && let Some(close) = rest.find(')')
        {
            let inner = &rest[1..close];
            if (!inner.is_empty() && inner.chars().all(is_pinyin) && !inner.is_ascii())
                || is_plain_gloss(inner, &text)
            {
                i += close + 1;
                anchors.push((text.len() as u32, i as u32));
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        text.push(c);
        i += c.len_utf8();
    }
    let simplified = simplify(&text);
    CleanLine {
        raw: raw.to_string(),
        text,
        simplified,
        anchors,
        repaired: false,
    }
}

/// Toneless glosses (`(yu)`) only right after a Chinese character.
fn is_plain_gloss(inner: &str, before: &str) -> bool {
    !inner.is_empty()
        && inner.len() <= 6
        && inner.chars().all(|c| c.is_ascii_lowercase())
        && before
            .chars()
            .next_back()
            .is_some_and(|c| c as u32 >= 0x4E00)
}

fn simplify(text: &str) -> String {
    let s = hanconv::t2s(text);
    if s.chars().count() == text.chars().count() {
        return s;
    }
    text.chars()
        .map(|c| {
            let t = hanconv::t2s(c.to_string());
            let mut it = t.chars();
            match (it.next(), it.next()) {
                (Some(x), None) => x,
                _ => c,
            }
        })
        .collect()
}

/// A document cleaned by [`approx_clean`].
pub(crate) fn approx_doc(path: &Path) -> CleanDoc {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    CleanDoc {
        source: name,
        encoding: "UTF-8".to_string(),
        lines: raw.lines().map(approx_clean).collect(),
    }
}

/// Figures of every line of a document, as one report.
pub(crate) fn doc_figures(doc: &CleanDoc) -> Vec<Figure> {
    let lines: Vec<LineRef> = doc
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| LineRef { no: i + 1, line })
        .collect();
    figures_in_report(doc, &lines, "seed")
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
    let doc = approx_doc(&manifest().join("tests/fixtures/extract/000_8704a95fd81a1589.txt"));
    let figures = doc_figures(&doc);
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
fn approx_clean_drops_glosses_and_maps_back() {
    let l = approx_clean("招商引資工作經(jīng)費,共計283.55萬元");
    assert_eq!(l.text, "招商引資工作經費,共計283.55萬元");
    assert_eq!(l.simplified, "招商引资工作经费,共计283.55万元");
    let start = l.text.find('2').unwrap_or(0);
    assert_eq!(l.raw_text(start..l.text.len()), "283.55萬元");
    let s = l.text.find('經').unwrap_or(0);
    assert_eq!(l.raw_text(s..s + 6), "經(jīng)費");
}
