//! Stage benchmarks (criterion). Run one with `cargo bench --bench stages -- extract`.
//!
//! Each stage keeps its own `bench_*` function; add yours to `criterion_group!` below.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use baogao::extract::mentions_in_line;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The simplified view of the cleaned seed page, repeated to at least `min_bytes`, as lines:
/// what `mentions_in_line` gets in a build.
fn seed_lines(min_bytes: usize) -> (Vec<String>, usize) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/000_8704a95fd81a1589.txt");
    let page = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let clean: Vec<String> = baogao::clean::clean_text(&page)
        .into_iter()
        .map(|l| l.simplified)
        .collect();
    let size: usize = clean.iter().map(|l| l.len() + 1).sum();
    let copies = min_bytes.div_ceil(size.max(1));
    let mut lines = Vec::new();
    for _ in 0..copies {
        lines.extend(clean.iter().cloned());
    }
    (lines, copies)
}

/// `mentions_in_line` throughput over the seed page repeated to ≥ 20 MB.
fn bench_extract(c: &mut Criterion) {
    let (lines, copies) = seed_lines(20 << 20);
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    // The function must work before it is timed: the seed page has 266 gold mentions.
    let per_copy: usize = lines
        .iter()
        .take(lines.len() / copies)
        .map(|l| mentions_in_line(l).len())
        .sum();
    assert!(per_copy >= 266, "only {per_copy} mentions on the seed page");
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("mentions_in_line/seed_x20MB", |b| {
        b.iter(|| {
            let n: usize = lines
                .iter()
                .map(|l| black_box(mentions_in_line(black_box(l))).len())
                .sum();
            assert_eq!(n, per_copy * copies);
            n
        })
    });
    g.finish();
}

criterion_group!(stages, bench_extract);
criterion_main!(stages);
