//! Publication and reproducibility: a killed build leaves the index all old or all new; two
//! builds at once cannot mix; search writes nothing; a damaged index is an error, not a
//! crash; `search --json` is the same whatever the thread count or build.

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::util::*;

const BASE_A: &str = "某县2021年教育局部门预算绩效自评报告\n一、项目概况\n全年预算资金120万元，实际支出118.5万元。\n二、存在的问题\n（一）绩效目标设置不够细化。\n";
const BASE_B: &str =
    "某市2020年审计工作报告\n审计发现，部分单位结余资金未及时上缴，涉及金额35.6万元。\n";

fn cmd(corpus: &Path, index: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_baogao"));
    c.args(["build", "--quiet", "--corpus"])
        .arg(corpus)
        .arg("--index")
        .arg(index);
    c
}

fn search_json(index: &Path, query: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["search", "--json", "--limit", "100", "--index"])
        .arg(index)
        .arg(query)
        .output()
        .expect("baogao runs")
}

fn sources_of(path: &Path) -> BTreeSet<String> {
    read_jsonl(path)
        .iter()
        .map(|r| r["source"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Sources of the hits of a `search --json` run.
fn hit_sources(out: &Output) -> BTreeSet<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["source"].as_str().map(str::to_string))
        .collect()
}

/// Start a build that stops at `point` (test hook) and return it once it is there.
fn paused_build(corpus: &Path, index: &Path, point: &str) -> std::process::Child {
    let mut child = cmd(corpus, index)
        .env("BAOGAO_TEST_PAUSE_AT", point)
        .stderr(Stdio::piped())
        .spawn()
        .expect("baogao runs");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    let want = format!("test pause at {point}");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains(&want) {
                let _ = tx.send(());
            }
        }
    });
    if rx.recv_timeout(Duration::from_secs(300)).is_err() {
        let _ = child.kill();
        panic!("the build never reached {point}");
    }
    child
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read_dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_index_all_old_or_all_new() {
    let corpus = tempfile::tempdir().expect("temp dir");
    let index = tempfile::tempdir().expect("temp dir");
    fs::write(corpus.path().join("a.txt"), BASE_A).expect("write");
    fs::write(corpus.path().join("b.txt"), BASE_B).expect("write");
    assert!(
        cmd(corpus.path(), index.path())
            .status()
            .expect("runs")
            .success()
    );

    // Killed before the switch, the index stays old; after it, it is new. Never a mix.
    for (i, (point, new)) in [
        ("files", false),
        ("staged", false),
        ("publish", false),
        ("switched", true),
    ]
    .into_iter()
    .enumerate()
    {
        let before = sources_of(&index.path().join("reports.jsonl"));
        let added = format!("c{i}_{point}.txt");
        fs::write(
            corpus.path().join(&added),
            format!("某区202{i}年专项资金审计报告\n审计发现专项资金{i}0万元未及时拨付。\n"),
        )
        .expect("write");
        let mut child = paused_build(corpus.path(), index.path(), point);
        child.kill().expect("SIGKILL");
        let _ = child.wait();

        let reports = sources_of(&index.path().join("reports.jsonl"));
        // The new generation holds every file now in the corpus.
        let expected = if new {
            entries(corpus.path()).into_iter().collect()
        } else {
            before.clone()
        };
        assert_eq!(reports, expected, "killed at {point}");
        // The other outputs and the search index are of the same generation.
        let figures = sources_of(&index.path().join("figures.jsonl"));
        assert!(
            figures.is_subset(&reports),
            "killed at {point}: {figures:?}"
        );
        assert_eq!(figures.contains(&added), new, "killed at {point}");
        let hits = search_json(index.path(), "专项资金");
        assert!(hits.status.success(), "{}", stderr(&hits));
        let with_word: BTreeSet<String> = reports
            .iter()
            .filter(|s| s.starts_with('c'))
            .cloned()
            .collect();
        assert_eq!(hit_sources(&hits), with_word, "killed at {point}");
    }

    // The next build is not blocked by the killed ones, and leaves one generation.
    let out = cmd(corpus.path(), index.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let reports = sources_of(&index.path().join("reports.jsonl"));
    assert_eq!(reports.len(), 6, "{reports:?}");
    let names = entries(index.path());
    assert_eq!(
        names.iter().filter(|n| n.starts_with("gen-")).count(),
        1,
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.starts_with(".staging")),
        "{names:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_second_build_at_the_same_time_fails_fast_and_the_index_stays_whole() {
    let corpus = tempfile::tempdir().expect("temp dir");
    let index = tempfile::tempdir().expect("temp dir");
    fs::write(corpus.path().join("a.txt"), BASE_A).expect("write");
    assert!(
        cmd(corpus.path(), index.path())
            .status()
            .expect("runs")
            .success()
    );
    fs::write(corpus.path().join("b.txt"), BASE_B).expect("write");

    let mut first = paused_build(corpus.path(), index.path(), "staged");
    let second = cmd(corpus.path(), index.path()).output().expect("runs");
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(err.contains("another baogao build is writing"), "{err}");
    first.kill().expect("SIGKILL");
    let _ = first.wait();

    // Neither build changed what readers see.
    let reports = sources_of(&index.path().join("reports.jsonl"));
    assert_eq!(reports, BTreeSet::from(["a.txt".to_string()]));
    let hits = search_json(index.path(), "绩效目标");
    assert_eq!(hit_sources(&hits), reports);
    assert!(
        cmd(corpus.path(), index.path())
            .status()
            .expect("runs")
            .success()
    );
    assert_eq!(sources_of(&index.path().join("reports.jsonl")).len(), 2);
}

/// Every path under `dir` with its size and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read_dir").flatten() {
            let meta = fs::symlink_metadata(e.path()).expect("metadata");
            if meta.is_dir() {
                stack.push(e.path());
            }
            out.push((e.path(), meta.len(), meta.modified().expect("mtime")));
        }
    }
    out.sort();
    out
}

#[cfg(unix)]
#[test]
fn search_writes_and_locks_nothing_so_a_read_only_index_works() {
    use std::os::unix::fs::PermissionsExt;
    let (index, out) = build(&fixture_corpus(), &[]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    let before = snapshot(index.path());
    // Read-only for everyone (root still can write, hence the snapshot check as well).
    let set_mode = |mode: u32| {
        for (path, _, _) in snapshot(index.path()) {
            if !path.is_symlink() {
                let _ = fs::set_permissions(&path, fs::Permissions::from_mode(mode));
            }
        }
        let _ = fs::set_permissions(index.path(), fs::Permissions::from_mode(mode));
    };
    set_mode(0o555);
    let hits = search_json(index.path(), "存在的问题");
    set_mode(0o755);
    assert_eq!(hits.status.code(), Some(0), "{}", stderr(&hits));
    assert!(!hit_sources(&hits).is_empty());
    assert_eq!(
        snapshot(index.path()),
        before,
        "search changed the index folder"
    );
}

#[test]
fn a_damaged_index_is_an_error_not_a_crash() {
    let (index, out) = build(&seed_corpus(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let tantivy = index.path().join("current/tantivy");
    let mut tried = 0;
    for ext in ["term", "idx", "pos", "store"] {
        let Some(file) = fs::read_dir(&tantivy)
            .expect("read_dir")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
        else {
            continue;
        };
        let original = fs::read(&file).expect("read");
        for k in 0..4 {
            let mut bytes = original.clone();
            // A run of flipped bytes at four places through the file, ends included.
            let at = (bytes.len().saturating_sub(16)) * k / 3;
            for b in bytes.iter_mut().skip(at).take(16) {
                *b ^= 0xA5;
            }
            fs::write(&file, &bytes).expect("write");
            for q in ["预算", "绩效 评价"] {
                let out = search_json(index.path(), q);
                let err = stderr(&out);
                tried += 1;
                assert!(
                    matches!(out.status.code(), Some(0 | 2)),
                    "{ext} at {at}, {q}: exit {:?}: {err}",
                    out.status.code()
                );
                assert!(!err.contains("panicked at"), "{ext} at {at}: {err}");
                if out.status.code() == Some(2) {
                    assert!(err.starts_with("baogao:"), "{err}");
                }
            }
        }
        fs::write(&file, &original).expect("restore");
    }
    assert!(tried >= 24, "{tried}");
}

/// 5,000 small reports, many with identical text, so that many hits tie on score.
fn many_small_files(dir: &Path) {
    let templates = [
        "某县{y}年{d}部门预算绩效自评报告\n一、项目概况\n全年预算资金{a}万元。\n二、存在的问题\n（一）资金拨付进度偏慢。\n",
        "某市{y}年{d}审计工作报告\n审计发现，部分单位结余资金未及时上缴，涉及金额{a}万元。\n",
        "{d}{y}年专项资金绩效评价报告\n专项资金到位{a}万元，资金拨付进度偏慢。\n",
        "某区{y}年{d}工作总结\n推进乡村振兴，完成投资{a}万元。\n存在问题：资金拨付进度偏慢。\n",
    ];
    let bodies = ["教育局", "卫健委", "财政局", "农业农村局", "交通局"];
    for i in 0..5_000 {
        let sub = dir.join(format!("d{:02}", i % 50));
        fs::create_dir_all(&sub).expect("mkdir");
        let text = templates[i % 4]
            .replace("{y}", &(2015 + i % 8).to_string())
            .replace("{d}", bodies[i % 5])
            .replace("{a}", &(100 + i % 7).to_string());
        fs::write(sub.join(format!("r{i:05}.txt")), text).expect("write");
    }
}

#[test]
fn search_json_is_the_same_whatever_the_threads_or_the_build() {
    let corpus = tempfile::tempdir().expect("temp dir");
    many_small_files(corpus.path());
    let queries = [
        "资金拨付进度偏慢",
        "预算",
        "专项资金 绩效",
        "审计 -乡村振兴",
        "2019年",
    ];
    let run = |threads: &str| {
        let (index, out) = build(corpus.path(), &["--threads", threads]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let outputs: Vec<Vec<u8>> = queries
            .iter()
            .map(|q| {
                let out = Command::new(env!("CARGO_BIN_EXE_baogao"))
                    .args(["search", "--json", "--limit", "20", "--index"])
                    .arg(index.path())
                    .arg(q)
                    .output()
                    .expect("runs");
                assert!(out.status.success(), "{q}: {}", stderr(&out));
                out.stdout
            })
            .collect();
        outputs
    };
    let one = run("1");
    let two = run("2");
    let two_again = run("2");
    for (i, q) in queries.iter().enumerate() {
        assert!(!one[i].is_empty(), "{q}: no hits");
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        assert_eq!(text(&one[i]), text(&two[i]), "{q}: --threads 1 vs 2");
        assert_eq!(text(&two[i]), text(&two_again[i]), "{q}: two builds");
    }
    // Ties are cut in (source, ordinal) order: the 20 hits of an all-tied query are the 20
    // first files holding the phrase with the top score.
    let hits: Vec<serde_json::Value> = String::from_utf8_lossy(&one[0])
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(hits.len(), 20);
    for w in hits.windows(2) {
        let key = |h: &serde_json::Value| {
            (
                -(h["score"].as_f64().unwrap_or(0.0) * 1e4).round() as i64,
                h["source"].as_str().unwrap_or("").to_string(),
            )
        };
        assert!(key(&w[0]) <= key(&w[1]), "{} then {}", w[0], w[1]);
    }
}
