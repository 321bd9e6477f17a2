//! Search benchmark: build an index over a synthetic corpus made from the seed page, then time
//! typical queries.
//!
//! ```text
//! cargo bench --bench search                      # 50,000 reports, prints latency and size
//! cargo bench --bench search -- --reports 5000    # smaller
//! cargo bench --bench search -- --seed-index DIR  # only index the seed page + fixtures into DIR
//! ```
//!
//! The corpus is deterministic: every report is a title and 6–20 lines drawn, with a fixed-seed
//! generator, from the cleaned lines of the seed page (traditional) and of
//! `tests/fixtures/search/` (simplified), with `20xx年` replaced by a drawn year so that year
//! filters have something to filter. Latency is the wall time of `SearchIndex::search` (parse,
//! search, top 10, snippets) on an opened index, over 20 queries × 25 runs after one warm-up
//! run; the bench fails if a query that should match returns nothing.
//!
//! Last run (2 shared cores, release), one run each of the commit before and after precise
//! matching (every Han char also indexed alone): 50,000 reports, 171.4 MB of text; build 18.5 s
//! → 32.6 s (9.3 → 5.3 MB/s), index 191.7 → 265.0 MB (1.12 → 1.55 MB per MB of text), latency
//! median 3.78 → 2.94 ms, p99 15.21 → 14.40 ms (exact matching has fewer candidates).

use std::path::{Path, PathBuf};
use std::time::Instant;

use baogao::index::{self, IndexDoc, SearchIndex, SearchRequest};
use baogao::ingest::{Format, SourceFile};
use baogao::segment::Segmenter;
use rayon::prelude::*;

const SEED: &str = "000_8704a95fd81a1589.txt";
const RUNS: usize = 25;

/// A benchmark query: text, years filter, whether it must have hits.
type BenchQuery = (&'static str, Option<(i64, i64)>, bool);

const QUERIES: &[BenchQuery] = &[
    ("学生资助", None, true),
    ("公務用車", None, true),
    ("招商引资 存在的问题", None, true),
    ("预算绩效管理", None, true),
    ("绩效评价", None, true),
    ("\"存在的问题\"", None, true),
    ("招商", None, true),
    ("助学金 OR 资助资金", None, true),
    ("乡村振兴 产业链", None, true),
    ("营商环境", None, true),
    ("绩效考核 -面谈", None, true),
    ("績效目標", None, true),
    ("专项资金", Some((2020, 2021)), true),
    ("资金 使用", Some((2023, 2023)), true),
    ("公务用车 运行维护费", None, true),
    ("问题 整改", None, true),
    ("\"招商引资工作\"", None, true),
    ("家庭经济困难学生", None, true),
    ("政府绩效管理 对策", None, true),
    ("丹阳", Some((2015, 2024)), false),
];

/// splitmix64: a tiny deterministic generator (no extra dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path, rel: &str) -> Vec<IndexDoc> {
    let file = SourceFile {
        path: path.to_path_buf(),
        rel: rel.to_string(),
        format: Format::Text,
        order: 0,
        bytes: 0,
    };
    match baogao::pipeline::load_file(&file) {
        Ok(loaded) => baogao::pipeline::index_docs(&loaded),
        Err(e) => panic!("{rel}: {e}"),
    }
}

fn base_docs() -> Vec<IndexDoc> {
    let seed = {
        let in_repo = root().join("corpus").join(SEED);
        if in_repo.exists() {
            in_repo
        } else {
            root().join("../shared/seed").join(SEED)
        }
    };
    let mut docs = load(&seed, SEED);
    let dir = root().join("tests/fixtures/search");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".txt"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    for n in names {
        docs.extend(load(&dir.join(&n), &format!("fixtures/{n}")));
    }
    docs
}

/// Replace each `20xx` with a drawn year (same char count, so views stay aligned).
fn with_year(text: &str, year: i64) -> String {
    text.replace("20xx", &year.to_string())
        .replace("20XX", &year.to_string())
}

/// Synthetic report `i`: deterministic in `i` alone, so it can be made in parallel.
fn synthetic(i: usize, titles: &[String], pool: &[(String, String)]) -> IndexDoc {
    let mut rng = Rng(0x5eed_0000 ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let year = 2015 + rng.below(10) as i64;
    let title = format!(
        "{}（{}）",
        with_year(&titles[rng.below(titles.len())], year),
        i
    );
    let n = 6 + rng.below(15);
    let mut lines = vec![(
        1usize,
        title.clone(),
        baogao::simplify::to_simplified_aligned(&title),
    )];
    for k in 0..n {
        let (orig, simp) = &pool[rng.below(pool.len())];
        lines.push((2 * k + 3, with_year(orig, year), with_year(simp, year)));
    }
    let simplified: String = lines.iter().map(|l| l.2.as_str()).collect();
    IndexDoc {
        id: format!("{i:08x}"),
        source: format!("synthetic/{:05}.txt", i / 10),
        ordinal: (i % 10 + 1) as u64,
        order: index::order_key(i, i % 10 + 1),
        title,
        line_start: 1,
        line_end: 2,
        years: years_of(&simplified),
        has_money: simplified.contains('元'),
        script: baogao::doc::Script::Simplified,
        meta: baogao::meta::ReportMeta::default(),
        lines,
    }
}

fn build(dir: &Path, docs: impl ParallelIterator<Item = IndexDoc>) -> (u64, f64, u64) {
    let seg = Segmenter::shared();
    let t = Instant::now();
    let builder = index::open_for_build(dir, seg).expect("open_for_build");
    let text_bytes: u64 = docs
        .map(|d| {
            let bytes = d.original_body().len() as u64;
            builder.add(d).expect("add");
            bytes
        })
        .sum();
    let stats = builder.commit().expect("commit");
    (text_bytes, t.elapsed().as_secs_f64(), stats.bytes)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let seg = Segmenter::shared();
    let base = base_docs();
    assert!(base.len() >= 17, "seed not split");

    if let Some(dir) = arg("--seed-index") {
        let (bytes, secs, size) = build(Path::new(&dir), base.into_par_iter());
        println!("seed index in {dir}: {bytes} bytes of text, {secs:.2} s, {size} bytes");
        return;
    }
    let reports: usize = arg("--reports")
        .and_then(|s| s.parse().ok())
        .unwrap_or(50_000);

    let titles: Vec<String> = vec![
        "20xx年度学生资助资金绩效评价报告".into(),
        "20xx年公务用车运行维护费项目支出绩效自评报告".into(),
        "20xx年乡村振兴衔接资金绩效评价报告".into(),
        "招商引資工作經費事前績效評估報告".into(),
        "20xx年度部门整体支出绩效自评报告".into(),
        "20xx年招商引资工作调研报告".into(),
        "20xx年預算績效管理工作總結".into(),
    ];
    let pool: Vec<(String, String)> = base
        .iter()
        .flat_map(|d| d.lines.iter().skip(1))
        .filter(|l| l.1.trim().chars().count() >= 8)
        .map(|l| (l.1.clone(), l.2.clone()))
        .collect();
    eprintln!("pool: {} lines from {} reports", pool.len(), base.len());

    let tmp = tempfile::tempdir().expect("tempdir");
    let (text_bytes, secs, index_bytes) = build(
        tmp.path(),
        (0..reports)
            .into_par_iter()
            .map(|i| synthetic(i, &titles, &pool)),
    );
    let text_mb = text_bytes as f64 / 1e6;
    let index_mb = index_bytes as f64 / 1e6;

    let t = Instant::now();
    let idx = SearchIndex::open(tmp.path(), seg).expect("open");
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    assert_eq!(idx.num_reports(), reports as u64);

    let mut all = Vec::with_capacity(QUERIES.len() * RUNS);
    println!("{:<28} {:>6} {:>9} {:>9}", "query", "hits", "median", "max");
    for (q, years, must_hit) in QUERIES {
        let req = SearchRequest {
            query: q.to_string(),
            limit: 10,
            years: years.map(|(a, b)| (Some(a), Some(b))),
            ..SearchRequest::new(q.to_string())
        };
        let warm = idx.search(&req).expect("search");
        assert!(!must_hit || !warm.is_empty(), "no hits for {q}");
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            let hits = idx.search(&req).expect("search");
            times.push(t.elapsed().as_secs_f64() * 1e3);
            assert_eq!(hits.len(), warm.len());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<28} {:>6} {:>7.2}ms {:>7.2}ms",
            q,
            warm.len(),
            times[times.len() / 2],
            times[times.len() - 1]
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    let pct = |p: f64| all[((all.len() - 1) as f64 * p).round() as usize];
    println!();
    println!(
        "reports {reports}, text {text_mb:.1} MB, build {secs:.1} s ({:.2} MB/s)",
        text_mb / secs
    );
    println!(
        "index {index_mb:.1} MB = {:.2} MB per MB of text; open {open_ms:.0} ms",
        index_mb / text_mb
    );
    println!(
        "latency over {} searches: median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        all.len(),
        pct(0.5),
        pct(0.99),
        all[all.len() - 1]
    );
}

/// The years the extractor finds in a synthetic document's text.
fn years_of(text: &str) -> Vec<i64> {
    let years: std::collections::BTreeSet<i64> = baogao::extract::mentions_in_line(text)
        .iter()
        .filter(|m| m.kind == baogao::extract::Kind::Year)
        .filter_map(|m| m.value.map(|v| v as i64))
        .collect();
    years.into_iter().collect()
}
