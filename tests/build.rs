//! `baogao build` on the seed page and on fixtures.

use crate::util::*;

#[test]
fn seed_reports_match_gold_title_lines() {
    let (index, out) = build(&seed_corpus(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    let gold = read_json(&root().join("tests/gold/seed_sections.json"));
    let gold_reports = gold["reports"].as_array().expect("gold reports");
    assert_eq!(reports.len(), 17);
    assert_eq!(gold_reports.len(), 17);
    for (r, g) in reports.iter().zip(gold_reports) {
        assert_eq!(r["line_start"], g["title_line"], "{r}");
        assert_eq!(r["line_end"], g["line_end"], "{r}");
        assert_eq!(r["source"], "000_8704a95fd81a1589.txt");
        assert_eq!(r["script"], "traditional");
        assert_eq!(r["encoding"], "UTF-8");
        let n = r["ordinal"].as_u64().expect("ordinal");
        // The gold title keeps its pinyin glosses; the record's title is cleaned.
        assert_eq!(r["title"], format!("招商引資工作經費事前績效評估報告 {n}"));
        assert_eq!(
            r["title_simplified"],
            format!("招商引资工作经费事前绩效评估报告 {n}")
        );
        assert!(r["tokens"].as_u64().expect("tokens") > 100);
    }
    let report = read_json(&index.path().join("build_report.json"));
    assert_eq!(report["files_seen"], 1);
    assert_eq!(report["reports"], 17);
    assert_eq!(report["bytes"], 182426);
}

#[test]
fn fixtures_decode_every_encoding_and_skip_bad_files() {
    let (index, out) = build(&fixture_corpus(), &[]);
    let err = stderr(&out);
    // Some files are bad on purpose: the build finishes with exit code 1 and names them.
    assert_eq!(out.status.code(), Some(1), "{err}");
    for bad in ["empty.txt", "binary.txt", "undecodable.txt"] {
        assert!(err.contains(bad), "no warning for {bad}: {err}");
    }
    let report = read_json(&index.path().join("build_report.json"));
    let skipped: Vec<(String, String)> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap_or("").into(),
                s["reason"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let reason = |p: &str| {
        skipped
            .iter()
            .find(|s| s.0 == p)
            .map(|s| s.1.clone())
            .unwrap_or_default()
    };
    assert_eq!(reason("empty.txt"), "empty file");
    assert!(reason("binary.txt").contains("binary"), "{skipped:?}");
    assert!(
        reason("undecodable.txt").contains("undecodable"),
        "{skipped:?}"
    );
    assert_eq!(report["files_seen"], 7, "the .pdf is not read");

    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    let by_source = |s: &str| {
        reports
            .iter()
            .find(|r| r["source"] == s)
            .unwrap_or_else(|| panic!("no report from {s}: {reports:?}"))
            .clone()
    };
    let gbk = by_source("gbk_report.txt");
    assert_eq!(gbk["encoding"], "GBK");
    assert_eq!(gbk["title"], "2021年学生资助工作总结");
    assert_eq!(gbk["script"], "simplified");
    let big5 = by_source("big5_report.txt");
    assert_eq!(big5["encoding"], "Big5");
    assert_eq!(big5["title"], "公務用車管理工作報告");
    assert_eq!(big5["title_simplified"], "公务用车管理工作报告");
    assert_eq!(big5["script"], "traditional");
    let u16 = by_source("sub/utf16_bom.txt");
    assert_eq!(u16["encoding"], "UTF-16LE");
    assert_eq!(u16["title"], "預算績效管理自評報告");
    let html = by_source("page.html");
    assert_eq!(html["title"], "招商引资工作情况报告");
    assert_eq!(html["encoding"], "UTF-8");
    // Sorted by source path: big5, gbk, page.html, sub/utf16.
    let sources: Vec<&str> = reports
        .iter()
        .filter_map(|r| r["source"].as_str())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
}

#[test]
fn html_text_has_no_script_or_navigation() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        fixture_corpus().join("page.html"),
        dir.path().join("page.html"),
    )
    .expect("copy");
    let (index, out) = build(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    assert_eq!(reports.len(), 1);
    // The report spans the article only: h1 .. last paragraph (footer dropped).
    let r = &reports[0];
    assert_eq!(r["title"], "招商引资工作情况报告");
    let chars = r["chars"].as_u64().expect("chars");
    assert!(chars < 80, "report text includes chrome: {chars} chars");
    // Line numbers are lines of the HTML source: the <h1> is on line 4, the last <p> on 8.
    assert_eq!(
        (r["line_start"].as_u64(), r["line_end"].as_u64()),
        (Some(4), Some(8))
    );
    let figures = read_jsonl(&index.path().join("figures.jsonl"));
    let money = figures
        .iter()
        .find(|f| f["kind"] == "money")
        .expect("a money figure");
    assert_eq!(
        (money["text"].as_str(), money["line"].as_u64()),
        (Some("40.3亿元"), Some(6))
    );
    let sections = read_jsonl(&index.path().join("sections.jsonl"));
    assert!(
        sections
            .iter()
            .any(|s| s["type"] == "problems" && s["heading_line"] == 7),
        "{sections:?}"
    );
}

#[test]
fn same_output_with_one_and_two_threads() {
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        seed_corpus().join("000_8704a95fd81a1589.txt"),
        corpus.path().join("000_8704a95fd81a1589.txt"),
    )
    .expect("copy");
    for f in ["gbk_report.txt", "big5_report.txt", "page.html"] {
        std::fs::copy(fixture_corpus().join(f), corpus.path().join(f)).expect("copy");
    }
    let (one, out1) = build(corpus.path(), &["--threads", "1"]);
    let (two, out2) = build(corpus.path(), &["--threads", "2"]);
    assert!(out1.status.success() && out2.status.success());
    // Every data file of the build (not build_report.json, which has timings).
    let mut names: Vec<String> = std::fs::read_dir(one.path())
        .expect("read index dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl") || n == "totals.json" || n == "aggregate.json")
        .collect();
    names.sort();
    assert!(names.contains(&"reports.jsonl".to_string()), "{names:?}");
    for name in &names {
        let a = std::fs::read(one.path().join(name)).expect("read");
        let b = std::fs::read(two.path().join(name)).expect("read");
        assert!(!a.is_empty(), "{name} is empty");
        assert!(a == b, "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn missing_corpus_is_a_clear_error_with_exit_code_2() {
    let (_index, out) = build(std::path::Path::new("/no/such/corpus"), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("/no/such/corpus") && err.contains("does not exist"),
        "{err}"
    );
}

#[test]
fn failed_build_keeps_previous_output() {
    let (index, out) = build(&seed_corpus(), &[]);
    assert!(out.status.success());
    let before = std::fs::read(index.path().join("reports.jsonl")).expect("read");
    // Rebuilding from a missing corpus fails before anything is written.
    let out = baogao(&[
        "build",
        "--quiet",
        "--corpus",
        "/no/such/corpus",
        "--index",
        index.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let after = std::fs::read(index.path().join("reports.jsonl")).expect("read");
    assert_eq!(before, after);
}

#[test]
fn help_documents_exit_codes() {
    let out = baogao(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Exit codes") && text.contains("some files failed"),
        "{text}"
    );
}

#[test]
fn killed_build_leftovers_are_removed_by_the_next_build() {
    let index = tempfile::tempdir().expect("temp dir");
    // A staging folder of a process that no longer exists (pid numbers never reach this).
    let stale = index.path().join(".staging-4294967");
    std::fs::create_dir_all(stale.join("tantivy")).expect("mkdir");
    let out = baogao(&[
        "build",
        "--quiet",
        "--corpus",
        seed_corpus().to_str().expect("utf-8"),
        "--index",
        index.path().to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    if std::path::Path::new("/proc").is_dir() {
        assert!(!stale.exists(), "stale staging folder left in place");
    }
    assert!(index.path().join("reports.jsonl").exists());
    assert!(index.path().join("tantivy").is_dir());
}

#[test]
fn titles_come_from_headings_or_the_file_name() {
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        corpus.path().join("summary.md"),
        "# 2022年审计工作总结\n\n全年完成审计项目36个，查出问题金额1.2亿元。\n",
    )
    .expect("write");
    std::fs::write(
        corpus.path().join("无标题报告.txt"),
        "全年完成审计项目36个，查出问题金额1.2亿元，促进增收节支3000万元，移送案件线索5件。\n",
    )
    .expect("write");
    let (index, out) = build(corpus.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    let titles: Vec<&str> = reports.iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(titles, vec!["2022年审计工作总结", "无标题报告"]);
}

/// Random lines made of the characters the stages react to (markers, digits in both widths,
/// Chinese numerals, units, glosses, mojibake, brackets, punctuation) must never make a stage
/// panic: every file is either built or skipped with a reason.
#[test]
fn random_tricky_text_never_panics() {
    const ALPHABET: &[&str] = &[
        "一",
        "二",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "萬",
        "億",
        "元",
        "美元",
        "个",
        "個",
        "多",
        "余",
        "近",
        "约",
        "以上",
        "年",
        "月",
        "%",
        "％",
        "百分之",
        "点",
        "0",
        "1",
        "9",
        "５",
        "．",
        ".",
        "，",
        ",",
        "、",
        "。",
        "：",
        "；",
        "（",
        "）",
        "(",
        ")",
        "〔",
        "〕",
        "“",
        "”",
        "十一五",
        "20xx",
        "xx",
        "-",
        "—",
        "至",
        "到",
        "是",
        "一是",
        "二要",
        "①",
        "存在的问题",
        "建议",
        "措施",
        "下一步",
        "(jīng)",
        "的.",
        "ㄒ",
        "唬",
        "└",
        "\u{e46a}",
        " ",
        "\u{3000}",
        "\n",
        "招商引资",
        "篇一",
        "相关文章",
        "每生每年",
        "增加",
        "其中",
        "以下",
        "上年",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for f in 0..40 {
        let mut text = String::new();
        for _ in 0..(200 + next() % 800) {
            text.push_str(ALPHABET[(next() % ALPHABET.len() as u64) as usize]);
        }
        std::fs::write(dir.path().join(format!("r{f:02}.txt")), text).expect("write");
    }
    let (index, out) = build(dir.path(), &[]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{err}");
    let report = read_json(&index.path().join("build_report.json"));
    assert_eq!(
        report["files_read"].as_u64().unwrap_or(0)
            + report["skipped"].as_array().map_or(0, |a| a.len() as u64),
        40
    );
    // And the extract command on the same files.
    let files: Vec<String> = (0..40)
        .map(|f| {
            dir.path()
                .join(format!("r{f:02}.txt"))
                .display()
                .to_string()
        })
        .collect();
    let mut args = vec!["extract", "--json"];
    args.extend(files.iter().map(String::as_str));
    let out = baogao(&args);
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
