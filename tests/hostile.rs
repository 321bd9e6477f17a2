//! Hostile input: each bad file sits beside good ones. Every bad file is reported with its
//! stage and reason, every good report is kept, and the build exits 1 (or 0 when a file was
//! only changed, with a warning).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::util::*;

const GOOD_A: &str = "某县2021年部门预算绩效自评报告\n一、项目概况\n全年预算资金120万元，实际支出118.5万元，执行率98.8%。\n二、存在的问题\n（一）绩效目标设置不够细化。\n（二）资金拨付进度偏慢。\n三、改进措施\n（一）细化绩效指标。\n";
const GOOD_B: &str =
    "某市2020年审计工作报告\n审计发现，部分单位结余资金未及时上缴，涉及金额35.6万元。\n";

fn write(dir: &Path, name: &str, text: &str) {
    fs::write(dir.join(name), text).expect("write fixture");
}

fn good_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a_good.txt", GOOD_A);
    write(dir.path(), "z_good.txt", GOOD_B);
    dir
}

fn build_with_env(
    corpus: &Path,
    env: &[(&str, &str)],
    extra: &[&str],
) -> (tempfile::TempDir, std::process::Output) {
    let index = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_baogao"));
    cmd.args(["build", "--quiet", "--corpus"])
        .arg(corpus)
        .arg("--index")
        .arg(index.path())
        .args(extra);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("baogao runs");
    (index, out)
}

fn sources(index: &Path) -> Vec<String> {
    read_jsonl(&index.join("reports.jsonl"))
        .iter()
        .map(|r| r["source"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_panic_in_one_file_costs_that_file_only() {
    let corpus = good_corpus();
    write(corpus.path(), "m_panics.txt", GOOD_B);
    let (index, out) = build_with_env(
        corpus.path(),
        &[("BAOGAO_TEST_PANIC_ON", "m_panics.txt")],
        &[],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("m_panics.txt") && err.contains("panic"),
        "{err}"
    );
    assert_eq!(sources(index.path()), ["a_good.txt", "z_good.txt"]);
    let report = read_json(&index.path().join("build_report.json"));
    let skipped = report["skipped"].as_array().expect("skipped");
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0]["path"], "m_panics.txt");
    assert_eq!(skipped[0]["stage"], "read");
}

#[test]
fn a_huge_line_is_read_in_pieces_with_a_warning() {
    let corpus = good_corpus();
    // One line of 66,000 chars holding 6,000 figures, as a flattened scraped page can.
    let line = "全年财政收入增长5%，".repeat(6_000);
    write(
        corpus.path(),
        "m_long.txt",
        &format!("某县财政收入情况\n{line}\n"),
    );
    let (index, out) = build_with_env(corpus.path(), &[], &["--max-line-chars", "10000"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("m_long.txt") && err.contains("line 2 has 66000 chars"),
        "{err}"
    );
    let figures = read_jsonl(&index.path().join("figures.jsonl"));
    let long: Vec<_> = figures
        .iter()
        .filter(|f| f["source"] == "m_long.txt")
        .collect();
    assert_eq!(long.len(), 6_000);
    // Every figure of the broken line still points at source line 2.
    assert!(long.iter().all(|f| f["line"] == 2 && f["text"] == "5%"));
    let report = read_json(&index.path().join("build_report.json"));
    let warnings = report["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["stage"], "clean");
}

#[test]
fn a_giant_report_is_split_not_dropped() {
    let corpus = good_corpus();
    let mut text = String::from("某省2022年政府工作报告\n");
    for i in 0..400 {
        text.push_str(&format!(
            "第{i}项工作：全面推进乡村振兴，加快建设现代化产业体系。\n"
        ));
    }
    write(corpus.path(), "m_giant.txt", &text);
    let (index, out) = build_with_env(corpus.path(), &[], &["--max-report-chars", "3000"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("m_giant.txt") && err.contains("parts split at paragraph ends"),
        "{err}"
    );
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    let parts: Vec<_> = reports
        .iter()
        .filter(|r| r["source"] == "m_giant.txt")
        .collect();
    assert!(parts.len() >= 3, "{}", parts.len());
    // The parts cover the report's lines in order, without gaps or overlaps.
    assert_eq!(parts[0]["line_start"], 1);
    assert_eq!(
        parts.last().map(|p| p["line_end"].clone()),
        Some(401.into())
    );
    for w in parts.windows(2) {
        assert_eq!(
            w[1]["line_start"].as_u64(),
            w[0]["line_end"].as_u64().map(|e| e + 1)
        );
    }
    // Search still finds text from the last part.
    let hits = baogao(&[
        "search",
        "--index",
        index.path().to_str().expect("utf-8"),
        "--json",
        "第399项工作",
    ]);
    let text = String::from_utf8_lossy(&hits.stdout);
    assert!(text.contains("m_giant.txt"), "{text}");
}

#[test]
fn too_many_threads_are_capped_with_a_warning() {
    let corpus = good_corpus();
    let (index, out) = build_with_env(corpus.path(), &[], &["--threads", "20000"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("--threads 20000 is more than"), "{err}");
    assert_eq!(sources(index.path()), ["a_good.txt", "z_good.txt"]);
}

#[test]
fn control_characters_in_warnings_are_escaped() {
    let corpus = good_corpus();
    // An empty file whose name holds an escape sequence: the warning must not emit it raw.
    write(corpus.path(), "bad\u{1b}[2J.txt", "");
    let (_index, out) = build_with_env(corpus.path(), &[], &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("bad\\u{1b}[2J.txt"), "{err}");
}
