//! Long-line benchmark: time per MB of one file holding a single line, from 10 KB to 10 MB,
//! with figures on it (`财政收入增长5%，` repeated) and without (`推进乡村振兴工作，` repeated).
//! Time per MB must stay flat as the line grows: the extraction stage is linear.
//!
//! `cargo bench --bench long_lines` prints one row per case:
//! - `extract`: read, decode, clean, split and extract with no line limit (the algorithm on the
//!   raw line: `load_file_with` + `figures_of_file`, `max_line_chars` = ∞);
//! - `build`: the whole `pipeline::build` of a corpus holding only that file, default limits
//!   (the line is read in pieces of ≤ 200,000 chars), with sections, segmentation and the index.
//!
//! `BAOGAO_BENCH_MAX_MB` (default 10) caps the largest size.

use std::time::Instant;

use baogao::limits::Limits;
use baogao::pipeline::{self, BuildOptions};

fn main() {
    // `cargo bench` passes `--bench`; a filter argument, if any, picks the cases to run.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let max_mb: f64 = std::env::var("BAOGAO_BENCH_MAX_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10.0);
    let sizes = [10_000usize, 100_000, 1_000_000, 10_000_000];
    let unlimited = Limits {
        max_line_chars: usize::MAX,
        max_report_chars: usize::MAX,
        max_file_bytes: u64::MAX,
    };
    println!(
        "{:<8} {:>10} {:<9} {:>9} {:>9} {:>10}",
        "stage", "line MB", "content", "figures", "seconds", "s per MB"
    );
    for stage in ["extract", "build"] {
        if filter.as_deref().is_some_and(|f| !stage.contains(f)) {
            continue;
        }
        for (content, unit) in [
            ("figures", "财政收入增长5%，"),
            ("text", "推进乡村振兴工作，"),
        ] {
            for &bytes in &sizes {
                if bytes as f64 / 1e6 > max_mb {
                    continue;
                }
                let dir = tempfile::tempdir().expect("temp dir");
                let corpus = dir.path().join("corpus");
                std::fs::create_dir_all(&corpus).expect("mkdir");
                let line = unit.repeat(bytes / unit.len());
                let path = corpus.join("long.txt");
                std::fs::write(&path, format!("某县财政工作报告\n{line}\n")).expect("write");
                let mb = line.len() as f64 / 1e6;
                let started = Instant::now();
                let figures = match stage {
                    "extract" => {
                        let file = baogao::ingest::SourceFile {
                            path: path.clone(),
                            rel: "long.txt".into(),
                            format: baogao::ingest::Format::Text,
                            bytes: line.len() as u64,
                            order: 0,
                        };
                        let loaded = pipeline::load_file_with(&file, &unlimited).expect("loads");
                        pipeline::figures_of_file(&loaded).len()
                    }
                    _ => {
                        let opts = BuildOptions {
                            corpus: corpus.clone(),
                            index: dir.path().join("index"),
                            progress: false,
                            limits: Limits::default(),
                            walk: Default::default(),
                        };
                        let report = pipeline::build(&opts).expect("builds");
                        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
                        report.figures
                    }
                };
                let secs = started.elapsed().as_secs_f64();
                println!(
                    "{stage:<8} {mb:>10.3} {content:<9} {figures:>9} {secs:>9.3} {:>10.3}",
                    secs / mb
                );
            }
        }
    }
}
