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

/// Every case of the reliability issue in one corpus, each bad file beside the good ones.
#[cfg(unix)]
#[test]
fn a_hostile_corpus_loses_no_good_report() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;

    let corpus = good_corpus();
    let dir = corpus.path();
    let outside = tempfile::tempdir().expect("temp dir");
    write(
        outside.path(),
        "passwd.txt",
        "root:x:0:0:root:/root:/bin/bash\n",
    );

    // Refused: 10,000 nested divs, a file over the size limit, a NUL past the first 8 KB.
    let deep = format!(
        "<html><body>{}{GOOD_B}{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    write(dir, "b_deep.html", &deep);
    write(dir, "c_big.txt", &GOOD_A.repeat(12_000));
    let mut nul = GOOD_A.repeat(60).into_bytes();
    let at = nul.len() - 10;
    nul[at] = 0;
    fs::write(dir.join("d_nul.txt"), &nul).expect("write");
    // Refused by the walk: a broken link, a loop, a link out of the corpus.
    symlink(dir.join("no_such_file.txt"), dir.join("e_broken.txt")).expect("symlink");
    fs::create_dir(dir.join("f_dir")).expect("mkdir");
    symlink("..", dir.join("f_dir/loop")).expect("symlink");
    symlink(outside.path().join("passwd.txt"), dir.join("g_passwd.txt")).expect("symlink");
    // Read, with or without a warning: lossy UTF-8, Chinese UTF-16 without BOM or NULs,
    // two file names that are not UTF-8 and differ only in an invalid byte.
    let lossy = [GOOD_A.as_bytes(), &[0xFF], GOOD_A.as_bytes()].concat();
    fs::write(dir.join("h_lossy.txt"), lossy).expect("write");
    let utf16: Vec<u8> =
        "某区2019年卫生健康项目绩效评价报告\n项目总投资为壹佰万元整，资金全部到位。\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
    let utf16_no_ascii: Vec<u8> = utf16
        .chunks_exact(2)
        .filter(|p| p != &[b'\n', 0] && !(p[1] == 0 && p[0].is_ascii_digit()))
        .flatten()
        .copied()
        .collect();
    assert!(!utf16_no_ascii.contains(&0));
    fs::write(dir.join("i_utf16.txt"), &utf16_no_ascii).expect("write");
    for last in [0xE6u8, 0xE7] {
        let name = [b"j_\xB1\xA8\xB8".as_slice(), &[last], b".txt"].concat();
        fs::write(dir.join(OsStr::from_bytes(&name)), GOOD_B).expect("write");
    }

    let (index, out) = build_with_env(dir, &[], &["--max-file-mb", "1"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let report = read_json(&index.path().join("build_report.json"));
    let skipped: Vec<(String, String, String)> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            let f = |k: &str| s[k].as_str().unwrap_or("").to_string();
            (f("path"), f("stage"), f("reason"))
        })
        .collect();
    let expect = [
        ("b_deep.html", "decode", "nested 10000 elements deep"),
        ("c_big.txt", "read", "over the 1 MB limit"),
        ("d_nul.txt", "decode", &format!("NUL byte at offset {at}")),
        ("e_broken.txt", "discover", "broken symlink"),
        ("f_dir/loop", "discover", "symlink loop"),
        ("g_passwd.txt", "discover", "leaves the corpus root"),
    ];
    assert_eq!(skipped.len(), expect.len(), "{skipped:#?}");
    for ((path, stage, reason), (want_path, want_stage, want_reason)) in skipped.iter().zip(expect)
    {
        assert_eq!((path.as_str(), stage.as_str()), (want_path, want_stage));
        assert!(reason.contains(want_reason), "{path}: {reason}");
        assert!(err.contains(want_path), "{path} not on stderr: {err}");
    }
    let warnings = report["warnings"].as_array().expect("warnings");
    assert!(
        warnings.iter().any(|w| w["path"] == "h_lossy.txt"
            && w["stage"] == "decode"
            && w["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("1 invalid UTF-8"))),
        "{warnings:?}"
    );
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    let got: Vec<(&str, &str)> = reports
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap_or(""),
                r["id"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let names: Vec<&str> = got.iter().map(|g| g.0).collect();
    assert_eq!(
        names,
        [
            "a_good.txt",
            "h_lossy.txt",
            "i_utf16.txt",
            "j_\\xB1\\xA8\\xB8\\xE6.txt",
            "j_\\xB1\\xA8\\xB8\\xE7.txt",
            "z_good.txt"
        ]
    );
    assert_ne!(got[3].1, got[4].1, "ids of the two escaped names");
    assert!(
        !fs::read_to_string(index.path().join("reports.jsonl"))
            .unwrap_or_default()
            .contains("root:x")
    );
    let encoding = reports[2]["encoding"].as_str().unwrap_or("");
    assert_eq!(encoding, "UTF-16LE");
}

#[test]
fn control_characters_in_report_text_never_reach_the_terminal() {
    let corpus = good_corpus();
    // A scraped page with an escape sequence in its title and body, and a bell.
    write(
        corpus.path(),
        "m_escape.txt",
        "某县\u{1b}]0;owned\u{7}专项审计报告\n审计发现专项资金\u{1b}[2J未及时拨付，涉及金额12万元。\n",
    );
    let (index, out) = build_with_env(corpus.path(), &[], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hits = baogao(&[
        "search",
        "--index",
        index.path().to_str().expect("utf-8"),
        "专项资金",
    ]);
    let text = String::from_utf8_lossy(&hits.stdout);
    assert!(text.contains("m_escape.txt"), "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}
