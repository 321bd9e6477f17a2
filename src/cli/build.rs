//! `baogao build`: run the pipeline and print warnings and a one-line summary.

use super::{BuildArgs, EXIT_OK, EXIT_PARTIAL, init_threads, term_safe};
use baogao::pipeline::{self, BuildOptions};

pub fn run(args: BuildArgs) -> anyhow::Result<u8> {
    init_threads(&args.common);
    let opts = BuildOptions {
        corpus: args.corpus,
        index: args.index,
        progress: !args.common.quiet,
        limits: baogao::limits::Limits {
            max_line_chars: args.max_line_chars.max(1),
            max_report_chars: args.max_report_chars.max(1),
            max_file_bytes: args.max_file_mb.max(1).saturating_mul(1024 * 1024),
        },
        walk: baogao::ingest::WalkOptions {
            follow_links: args.follow_links,
        },
    };
    let report = pipeline::build(&opts)?;
    for skipped in &report.skipped {
        eprintln!(
            "baogao: warning: skipped {}: {} ({})",
            term_safe(&skipped.path),
            term_safe(&skipped.reason),
            skipped.stage
        );
    }
    for w in &report.warnings {
        eprintln!(
            "baogao: warning: {}: {} ({})",
            term_safe(&w.path),
            term_safe(&w.message),
            w.stage
        );
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    if !args.common.quiet {
        eprintln!(
            "{} files ({} skipped), {} reports, {:.2} MB in {:.2} s ({:.2} MB/s) → {}",
            report.files_seen,
            report.skipped.len(),
            report.reports,
            report.bytes as f64 / 1e6,
            report.seconds.total,
            report.mb_per_s(),
            opts.index.display()
        );
    }
    Ok(if report.skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}
