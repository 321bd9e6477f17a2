//! `baogao search` over an index built by `baogao build`.

use crate::util::*;

fn search(index: &std::path::Path, args: &[&str]) -> (Option<i32>, Vec<serde_json::Value>, String) {
    let mut all = vec![
        "search",
        "--json",
        "--index",
        index.to_str().expect("utf-8"),
    ];
    all.extend_from_slice(args);
    let out = baogao(&all);
    let hits = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    (out.status.code(), hits, stderr(&out))
}

fn ordinals(hits: &[serde_json::Value]) -> Vec<u64> {
    hits.iter().filter_map(|h| h["ordinal"].as_u64()).collect()
}

#[test]
fn simplified_and_traditional_queries_find_the_same_reports() {
    let (index, out) = build(&seed_corpus(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (code, simp, err) = search(index.path(), &["学生资助"]);
    assert_eq!(code, Some(0), "{err}");
    let (_, trad, _) = search(index.path(), &["學生資助"]);
    assert_eq!(ordinals(&simp), ordinals(&trad));
    let top: Vec<u64> = ordinals(&simp).into_iter().take(2).collect();
    assert!(top.contains(&9) && top.contains(&10), "{top:?}");
    // Snippets are the original (traditional) text with the match marked.
    let hit = &simp[0];
    let snippet = hit["snippet"].as_str().expect("snippet");
    let chars: Vec<char> = snippet.chars().collect();
    let [a, b] = [
        hit["highlights"][0][0].as_u64(),
        hit["highlights"][0][1].as_u64(),
    ]
    .map(|x| x.expect("highlight") as usize);
    let marked: String = chars[a..b].iter().collect();
    assert_eq!(marked, "學生資助");
    // The hit's line holds the snippet's text.
    let seed =
        std::fs::read_to_string(seed_corpus().join("000_8704a95fd81a1589.txt")).expect("seed");
    let line = seed
        .lines()
        .nth(hit["line"].as_u64().expect("line") as usize - 1)
        .expect("line");
    assert!(baogao::clean::clean_line(line).text.contains("學生資助"));
}

#[test]
fn limit_filters_and_errors() {
    let (index, out) = build(&seed_corpus(), &[]);
    assert!(out.status.success());
    let (_, all, _) = search(index.path(), &["招商引资", "--limit", "1000"]);
    assert!(
        all.len() >= 7,
        "招商引资 is in reports 11–17 at least: {:?}",
        ordinals(&all)
    );
    let (_, one, _) = search(index.path(), &["招商引资", "--limit", "1"]);
    assert_eq!(one.len(), 1);
    // The seed's years are anonymised (20xx) except `09年` (2009, report 3), doc numbers and
    // plan periods: report 11's “十一五”期間 covers 2006–2010.
    let (_, y, _) = search(index.path(), &["绩效", "--year", "2009"]);
    assert_eq!(ordinals(&y), vec![3, 11]);
    let (_, none, _) = search(index.path(), &["绩效", "--from", "1990", "--to", "2000"]);
    assert!(none.is_empty());
    // `-word` excludes, without `--` and with options after it.
    let (_, with, _) = search(index.path(), &["资金", "--limit", "100"]);
    let (code, without, err) = search(index.path(), &["资金", "-学生资助", "--limit", "100"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(without.len() < with.len() && !without.is_empty());
    assert!(!ordinals(&without).contains(&9) && !ordinals(&without).contains(&10));
    let (code, _, err) = search(index.path(), &["\"未闭合"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("quote"), "{err}");
    // A literal AND and NOT mean what they say; a field prefix is an error naming it.
    let (_, plain, _) = search(index.path(), &["预算 绩效", "--limit", "100"]);
    let (code, and, err) = search(index.path(), &["预算 AND 绩效", "--limit", "100"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!plain.is_empty());
    assert_eq!(ordinals(&and), ordinals(&plain));
    let (code, not, err) = search(index.path(), &["资金 NOT 学生资助", "--limit", "100"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(ordinals(&not), ordinals(&without));
    let (code, hits, err) = search(index.path(), &["title:预算"]);
    assert_eq!(code, Some(2));
    assert!(hits.is_empty() && err.contains("`title:`"), "{err}");
}

#[test]
fn rebuilds_swap_the_index_and_a_failed_build_keeps_it() {
    let (index, out) = build(&seed_corpus(), &[]);
    assert!(out.status.success());
    let idx = index.path().to_str().expect("utf-8");
    let seed = seed_corpus();
    let again = baogao(&[
        "build",
        "--quiet",
        "--corpus",
        seed.to_str().expect("utf-8"),
        "--index",
        idx,
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    let failed = baogao(&[
        "build",
        "--quiet",
        "--corpus",
        "/no/such/dir",
        "--index",
        idx,
    ]);
    assert_eq!(failed.status.code(), Some(2));
    let (code, hits, err) = search(index.path(), &["公务用车"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(ordinals(&hits).first(), Some(&8));
    let leftovers: Vec<String> = std::fs::read_dir(index.path())
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old") || n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn search_without_an_index_says_to_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = search(dir.path(), &["预算"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("baogao build"), "{err}");
}

/// One report record: the title, script and line span a hit shows are those of
/// `reports.jsonl`, for every report of a mixed corpus (GBK, Big5, UTF-16, HTML, Markdown with a
/// `#` heading, a file with no heading, the seed page).
#[test]
fn hits_and_reports_jsonl_agree_on_every_report() {
    let corpus = tempfile::tempdir().expect("temp dir");
    let dir = corpus.path();
    for name in [
        "big5_report.txt",
        "gbk_report.txt",
        "page.html",
        "sub/utf16_bom.txt",
    ] {
        let to = dir.join(name);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(fixture_corpus().join(name), &to).expect("copy");
    }
    std::fs::copy(
        seed_corpus().join("000_8704a95fd81a1589.txt"),
        dir.join("seed.txt"),
    )
    .expect("copy");
    std::fs::write(
        dir.join("heading.md"),
        "# 某县2022年农业农村局整体支出绩效自评报告\n\n全年支出资金86万元，绩效目标基本完成。\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("无标题说明.txt"),
        "今年以来，我们围绕乡村振兴开展了一系列工作，投入资金12万元。\n",
    )
    .expect("write");
    let (index, out) = build(dir, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let reports = read_jsonl(&index.path().join("reports.jsonl"));
    assert!(reports.len() >= 20, "{}", reports.len());
    let index_arg = index.path().to_str().expect("utf-8");
    for r in &reports {
        let title = r["title_simplified"].as_str().expect("title");
        // The longest run of Han characters of the title, at most 6 chars, as the query.
        let query: String = title
            .split(|c: char| !('\u{4e00}'..='\u{9fff}').contains(&c))
            .max_by_key(|run| run.chars().count())
            .unwrap_or("")
            .chars()
            .take(6)
            .collect();
        assert!(query.chars().count() >= 2, "title {title}");
        let source = r["source"].as_str().expect("source");
        let out = baogao(&[
            "search", "--index", index_arg, "--json", "--limit", "100", "--source", source, &query,
        ]);
        let hit = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|h| h["id"] == r["id"]);
        let Some(hit) = hit else {
            panic!("{source} report {}: no hit for {query}", r["ordinal"]);
        };
        for key in [
            "title",
            "script",
            "line_start",
            "line_end",
            "source",
            "ordinal",
        ] {
            assert_eq!(hit[key], r[key], "{source} report {}: {key}", r["ordinal"]);
        }
    }
    let titles: Vec<&str> = reports.iter().filter_map(|r| r["title"].as_str()).collect();
    assert!(
        titles.contains(&"某县2022年农业农村局整体支出绩效自评报告"),
        "{titles:?}"
    );
    assert!(titles.contains(&"无标题说明"), "{titles:?}");
}
