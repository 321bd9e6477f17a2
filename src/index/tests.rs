//! Index tests over the seed page and `tests/fixtures/search/`: relevance in both scripts,
//! phrases, filters, atomic rebuilds and reopening in a fresh process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::*;

const SEED_SOURCE: &str = "000_8704a95fd81a1589.txt";

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_path() -> PathBuf {
    let in_repo = manifest().join("corpus").join(SEED_SOURCE);
    if in_repo.exists() {
        in_repo
    } else {
        manifest().join("../shared/seed").join(SEED_SOURCE)
    }
}

/// The reports of one file through the real pipeline (read, clean, split, extract), as
/// `IndexDoc`s.
fn pipeline_docs(path: &Path, rel: &str) -> Vec<IndexDoc> {
    let file = crate::ingest::SourceFile {
        path: path.to_path_buf(),
        rel: rel.to_string(),
        format: crate::ingest::Format::Text,
        order: 0,
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    };
    let loaded = crate::pipeline::load_file(&file).unwrap_or_else(|e| panic!("{rel}: {e}"));
    crate::pipeline::index_docs(&loaded)
}

/// Seed reports plus fixture reports.
fn corpus_docs() -> Vec<IndexDoc> {
    static DOCS: OnceLock<Vec<IndexDoc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut docs = pipeline_docs(&seed_path(), SEED_SOURCE);
        assert_eq!(docs.len(), 17);
        let dir = manifest().join("tests/fixtures/search");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixtures")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        for n in names {
            let mut d = pipeline_docs(&dir.join(&n), &format!("fixtures/{n}"));
            assert_eq!(d.len(), 1, "{n}");
            docs.append(&mut d);
        }
        docs
    })
    .clone()
}

fn build(dir: &Path, docs: Vec<IndexDoc>) -> BuildStats {
    let seg = Segmenter::shared();
    let b = open_for_build(dir, seg).expect("open_for_build");
    for d in docs {
        b.add(d).expect("add");
    }
    b.commit().expect("commit")
}

/// One index for all read-only tests.
fn shared_index() -> &'static SearchIndex {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static IDX: OnceLock<SearchIndex> = OnceLock::new();
    IDX.get_or_init(|| {
        let dir = DIR.get_or_init(|| tempfile::tempdir().expect("tempdir"));
        build(dir.path(), corpus_docs());
        SearchIndex::open(dir.path(), Segmenter::shared()).expect("open")
    })
}

/// Short name of a hit: the seed report number, or the fixture file stem.
fn name(h: &Hit) -> String {
    if h.source == SEED_SOURCE {
        h.ordinal.to_string()
    } else {
        h.source
            .trim_start_matches("fixtures/")
            .trim_end_matches(".txt")
            .to_string()
    }
}

fn names(q: &str) -> Vec<String> {
    let mut req = SearchRequest::new(q);
    req.limit = 100;
    shared_index()
        .search(&req)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .iter()
        .map(name)
        .collect()
}

#[test]
#[ignore = "exploration: prints the hits of candidate queries"]
fn explore() {
    for q in std::env::var("Q").unwrap_or_default().split(';') {
        let mut req = SearchRequest::new(q);
        req.limit = 30;
        match shared_index().search(&req) {
            Ok(hits) => {
                println!("== {q}");
                for h in hits {
                    println!("{:>20} {:6.2} L{} {}", name(&h), h.score, h.line, h.snippet);
                }
            }
            Err(e) => println!("== {q}: {e}"),
        }
    }
}

/// Reports (short names) whose simplified text contains `needle`.
fn containing(needle: &str) -> Vec<String> {
    let mut out: Vec<String> = corpus_docs()
        .iter()
        .filter(|d| d.simplified_body().contains(needle))
        .map(doc_name)
        .collect();
    out.sort();
    out
}

fn doc_name(d: &IndexDoc) -> String {
    if d.source == SEED_SOURCE {
        d.ordinal.to_string()
    } else {
        d.source
            .trim_start_matches("fixtures/")
            .trim_end_matches(".txt")
            .to_string()
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// The relevance list: each query with the reports that must be its first hits (in any
/// order). Every query is run as written (simplified) and converted to traditional.
const RELEVANCE: &[(&str, &[&str])] = &[
    ("学生资助", &["9", "10", "xuesheng_2021"]),
    ("公务用车", &["8", "gongwuche_2022"]),
    ("招商", &["11", "12", "13", "14", "15", "16", "17"]),
    ("语文 教学", &["4"]),
    ("供电公司", &["6"]),
    ("问卷 调查", &["7"]),
    ("丹阳", &["5"]),
    ("考核 面谈", &["3"]),
    ("常德", &["11"]),
    ("乐清", &["12"]),
    ("茌平", &["13"]),
    ("涌泉镇", &["16"]),
    ("五原县", &["17"]),
    ("政务服务管理局", &["1"]),
    ("乡村振兴", &["xiangcun_2020"]),
    ("助学金", &["xuesheng_2021", "9", "10"]),
    ("运行维护费", &["gongwuche_2022"]),
    ("常德 OR 乐清", &["11", "12"]),
];

#[test]
fn relevance_in_simplified_and_traditional() {
    let mut failures = Vec::new();
    let mut traditional = 0;
    for (q, want) in RELEVANCE {
        let trad = hanconv::s2t(q);
        if &trad != q {
            traditional += 1;
        }
        for query in [q.to_string(), trad] {
            let got = names(&query);
            let top: Vec<String> = got.iter().take(want.len()).cloned().collect();
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            if sorted(top) != sorted(want.clone()) {
                failures.push(format!("{query}: want {want:?} first, got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        traditional >= 15,
        "only {traditional} queries differ in traditional"
    );
}

/// Dictionary words whose hits must be exactly the reports containing them.
const WORDS: [&str; 12] = [
    "招商",
    "引资",
    "绩效评价",
    "绩效评估",
    "绩效管理",
    "预算绩效",
    "绩效",
    "资助资金",
    "事前绩效评估",
    "产业链",
    "营商环境",
    "专项资金",
];

#[test]
fn a_word_cut_differently_in_the_text_still_matches() {
    let seg = Segmenter::shared();
    for word in WORDS {
        assert_eq!(seg.cut(word).len(), 1, "{word} is not one word for jieba");
        let want = containing(word);
        assert!(!want.is_empty(), "{word} is in no report");
        assert_eq!(sorted(names(word)), want, "query {word}");
    }
    // The pairs above are only a test if jieba does cut some of them apart in the text.
    let cut_apart = |word: &str| {
        corpus_docs().iter().any(|d| {
            let body = d.simplified_body();
            body.contains(word) && !seg.cut(&body).iter().any(|w| w.text == word)
        })
    };
    let apart: Vec<&str> = WORDS.into_iter().filter(|w| cut_apart(w)).collect();
    println!("cut apart somewhere in the text: {apart:?}");
    assert!(apart.contains(&"招商"), "{apart:?}");
    assert!(apart.contains(&"绩效评估"), "{apart:?}");
    assert!(apart.len() >= 4, "{apart:?}");
}

#[test]
fn quoted_phrase_must_appear_as_written() {
    let exact = containing("存在的问题");
    assert_eq!(sorted(names("\"存在的问题\"")), exact);
    assert_eq!(sorted(names("「存在的問題」")), exact);
    // Unquoted, the same: every hit holds what was typed.
    assert_eq!(sorted(names("存在的问题")), exact);
    // Under --any, paraphrases (`存在以下问题`, `存有问题`) are found too.
    let loose = names_any("存在的问题");
    assert!(loose.len() > exact.len(), "{loose:?} vs {exact:?}");
    for n in &exact {
        assert!(loose.contains(n));
    }
}

fn names_any(q: &str) -> Vec<String> {
    let mut req = SearchRequest::new(q);
    req.limit = 100;
    req.any = true;
    shared_index()
        .search(&req)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .iter()
        .map(name)
        .collect()
}

/// The reports whose simplified title or body holds every word.
fn holding(words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = corpus_docs()
        .iter()
        .filter(|d| {
            let text = format!(
                "{}\n{}",
                crate::simplify::to_simplified_aligned(&d.title),
                d.simplified_body()
            );
            words.iter().all(|w| text.contains(w))
        })
        .map(doc_name)
        .collect();
    out.sort();
    out
}

/// Precise by default: the hits of a query are exactly the reports that hold each of its
/// words as written (truth by scanning the text), in either script.
#[test]
fn every_hit_holds_every_word_as_written() {
    for q in [
        "招商引资 存在的问题",
        "预算 绩效",
        "资助资金",
        "事前绩效评估",
        "公务用车 运行维护费",
        "2021年",
        "万元",
        "乡村振兴",
        // Runs whose ends cut through words of the text (学生 / 资助工作).
        "生资助",
        "资助工",
    ] {
        let words: Vec<&str> = q.split(' ').collect();
        let want = holding(&words);
        assert!(!want.is_empty(), "{q} is in no report");
        for query in [q.to_string(), hanconv::s2t(q)] {
            assert_eq!(sorted(names(&query)), want, "query {query}");
        }
    }
}

#[test]
fn exclusion_and_or() {
    let hits = names("资金 -助学金");
    let with = containing("助学金");
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(!with.contains(h), "{h} contains 助学金");
    }
    assert_eq!(sorted(names("常德 OR 乐清")), vec!["11", "12"]);
    assert_eq!(names("常德 乐清"), Vec::<String>::new());
}

#[test]
fn year_filter_keeps_reports_mentioning_the_years() {
    let idx = shared_index();
    let docs = corpus_docs();
    let expect = |lo: i64, hi: i64, word: &str| {
        let mut v: Vec<String> = docs
            .iter()
            .filter(|d| d.years.iter().any(|y| (lo..=hi).contains(y)))
            .filter(|d| d.simplified_body().contains(word))
            .map(doc_name)
            .collect();
        v.sort();
        v
    };
    let run = |years: (Option<i64>, Option<i64>), word: &str| {
        let mut req = SearchRequest::new(word);
        req.limit = 100;
        req.years = Some(years);
        sorted(idx.search(&req).expect("search").iter().map(name).collect())
    };
    assert_eq!(
        run((Some(2022), Some(2022)), "绩效"),
        expect(2022, 2022, "绩效")
    );
    let y2022 = run((Some(2022), Some(2022)), "绩效");
    assert!(y2022.contains(&"gongwuche_2022".to_string()), "{y2022:?}");
    assert!(!y2022.contains(&"xuesheng_2021".to_string()), "{y2022:?}");
    assert_eq!(
        run((Some(2019), Some(2020)), "资金"),
        expect(2019, 2020, "资金")
    );
    assert!(run((Some(2019), Some(2020)), "资金").contains(&"xiangcun_2020".to_string()));
    assert_eq!(run((Some(2023), None), "绩效"), expect(2023, 9999, "绩效"));
    let mut bad = SearchRequest::new("绩效");
    bad.years = Some((Some(2022), Some(2020)));
    assert!(matches!(
        idx.search(&bad),
        Err(SearchError::BadYears { .. })
    ));
}

#[test]
fn source_glob_filter() {
    let idx = shared_index();
    let mut req = SearchRequest::new("存在的问题");
    req.limit = 100;
    req.source_glob = Some("fixtures/*".into());
    let hits = idx.search(&req).expect("search");
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.source.starts_with("fixtures/")));
    req.source_glob = Some("nothing/*".into());
    assert!(idx.search(&req).expect("search").is_empty());
    req.source_glob = Some("[".into());
    assert!(matches!(idx.search(&req), Err(SearchError::BadGlob { .. })));
}

#[test]
fn hits_show_the_original_script_with_highlights_and_lines() {
    let mut req = SearchRequest::new("公务用车");
    req.limit = 5;
    let hits = shared_index().search(&req).expect("search");
    let h = hits
        .iter()
        .find(|h| h.ordinal == 8 && h.source == SEED_SOURCE);
    let h = h.expect("report 8");
    assert_eq!(h.title, "招商引資工作經費事前績效評估報告 8");
    assert!((420..=488).contains(&h.line), "line {}", h.line);
    assert!(!h.highlights.is_empty());
    for &(s, e) in &h.highlights {
        let marked: String = h.snippet.chars().skip(s).take(e - s).collect();
        assert_eq!(marked, "公務用車");
    }
    // The line number points at a source line that holds the snippet's text.
    // (The snippet is cleaned text: the raw line still has its pinyin glosses.)
    let loaded = crate::pipeline::load_path(&seed_path()).expect("seed page");
    let line = &loaded.doc.lines[h.line - 1].text;
    let core: String = h.snippet.trim_matches('…').chars().take(10).collect();
    assert!(line.contains(&core), "{core} not in line {}", h.line);
}

#[test]
fn title_only_match_marks_the_title_line() {
    let hits = {
        let mut req = SearchRequest::new("事前绩效评估报告");
        req.limit = 100;
        shared_index().search(&req).expect("search")
    };
    let h = hits
        .iter()
        .find(|h| h.ordinal == 4 && h.source == SEED_SOURCE)
        .expect("report 4");
    assert_eq!(h.line, 192);
    assert!(!h.highlights.is_empty(), "{h:?}");
}

#[test]
fn limits_and_malformed_queries() {
    let idx = shared_index();
    let mut req = SearchRequest::new("绩效");
    req.limit = usize::MAX;
    let all = idx.search(&req).expect("search");
    assert_eq!(sorted(all.iter().map(name).collect()), containing("绩效"));
    req.limit = 2;
    assert_eq!(idx.search(&req).expect("search").len(), 2);
    req.limit = 0;
    assert!(idx.search(&req).expect("search").is_empty());
    for bad in ["\"学生", "OR", "-学生", "，", ""] {
        let err = idx.search(&SearchRequest::new(bad)).expect_err(bad);
        assert!(err.is_user_error(), "{bad}: {err}");
    }
}

#[test]
fn failed_build_keeps_the_previous_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let all = corpus_docs();
    let fixtures: Vec<IndexDoc> = all
        .iter()
        .filter(|d| d.source.starts_with("fixtures/"))
        .cloned()
        .collect();
    build(dir.path(), fixtures);
    let seg = Segmenter::shared();
    let count = |q: &str| {
        let mut req = SearchRequest::new(q);
        req.limit = 100;
        search(dir.path(), seg, &req).expect("search").len()
    };
    assert_eq!(count("存在的问题"), 3);

    // A build that fails half-way (dropped without commit) changes nothing.
    {
        let b = open_for_build(dir.path(), seg).expect("open");
        for d in all.iter().take(5) {
            b.add(d.clone()).expect("add");
        }
    }
    assert_eq!(count("存在的问题"), 3);
    // A killed build leaves its staging folder and maybe an unpublished generation; searching
    // ignores both and the next build removes them.
    let stale = dir.path().join(".staging-4000000000");
    std::fs::create_dir_all(stale.join("tantivy")).expect("mkdir");
    std::fs::write(stale.join("tantivy/junk"), b"x").expect("write");
    std::fs::create_dir_all(dir.path().join("gen-99")).expect("mkdir");
    assert_eq!(count("存在的问题"), 3);

    build(dir.path(), all.clone());
    assert!(count("存在的问题") > 3);
    let mut leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read_dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("gen-") || n.starts_with(".staging"))
        .collect();
    leftovers.sort();
    assert_eq!(leftovers, ["gen-100"]);
}

#[test]
fn an_index_of_another_format_asks_for_a_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs: Vec<IndexDoc> = corpus_docs().into_iter().take(2).collect();
    build(dir.path(), docs);
    let meta = dir.path().join("tantivy").join(META_FILE);
    std::fs::write(&meta, r#"{"format":0,"tokenizer":"old"}"#).expect("write");
    let err = SearchIndex::open(dir.path(), Segmenter::shared()).expect_err("outdated");
    assert!(err.to_string().contains("rebuild the index"), "{err}");
    std::fs::remove_file(&meta).expect("rm");
    let err = SearchIndex::open(dir.path(), Segmenter::shared()).expect_err("outdated");
    assert!(err.to_string().contains("rebuild the index"), "{err}");
    let missing = tempfile::tempdir().expect("tempdir");
    let err = SearchIndex::open(missing.path(), Segmenter::shared()).expect_err("missing");
    assert!(matches!(err, SearchError::NoIndex(_)), "{err}");
}

#[test]
fn pretokenized_and_plain_adds_index_the_same() {
    let seg = Segmenter::shared();
    let docs: Vec<IndexDoc> = corpus_docs().into_iter().rev().take(3).collect();
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    build(a.path(), docs.clone());
    let builder = open_for_build(b.path(), seg).expect("open");
    for d in docs.clone() {
        let toks = pre_tokenize(seg, &d);
        builder.add_pretokenized(d, toks).expect("add");
    }
    builder.commit().expect("commit");
    for q in ["存在的问题", "绩效评价", "资金"] {
        let mut req = SearchRequest::new(q);
        req.limit = 10;
        let ha = search(a.path(), seg, &req).expect("a");
        let hb = search(b.path(), seg, &req).expect("b");
        assert_eq!(ha, hb, "{q}");
    }
    // Tokens of another text are refused.
    let builder = open_for_build(b.path(), seg).expect("open");
    let wrong = pre_tokenize(seg, &docs[1]);
    assert!(builder.add_pretokenized(docs[0].clone(), wrong).is_err());
}

/// Environment variable naming the index the child process searches.
const CHILD_ENV: &str = "BAOGAO_TEST_FRESH_INDEX";

#[test]
fn reopened_index_searches_in_a_fresh_process() {
    let dir = tempfile::tempdir().expect("tempdir");
    build(dir.path(), corpus_docs());
    let exe = std::env::current_exe().expect("current_exe");
    let out = std::process::Command::new(exe)
        .args([
            "--exact",
            "index::tests::fresh_process_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, dir.path())
        .output()
        .expect("spawn");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("1 passed"), "{stdout}");
}

#[test]
#[ignore = "run by reopened_index_searches_in_a_fresh_process in a child process"]
fn fresh_process_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    // A new process: nothing of the building process (tokenizer registration, segmenter) is
    // shared; `SearchIndex::open` must set it all up.
    let idx = SearchIndex::open(Path::new(&dir), &Segmenter::new()).expect("open");
    let mut req = SearchRequest::new("學生資助");
    req.limit = 3;
    let got = sorted(idx.search(&req).expect("search").iter().map(name).collect());
    assert_eq!(got, vec!["10", "9", "xuesheng_2021"]);
}
