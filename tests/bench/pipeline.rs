//! Throughput of the per-line stages on the seed page: cleaning (glosses, anti-copy marks,
//! mojibake, width folding — includes the simplified conversion, which `clean_line` does),
//! conversion alone, and jieba segmentation of the simplified view. Compare the ratios measured
//! in one run; absolute numbers depend on the machine.
//!
//! `cargo bench --bench pipeline`

use std::hint::black_box;

use baogao::clean;
use baogao::segment::Segmenter;
use baogao::simplify;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SEED: &str = include_str!("../../corpus/000_8704a95fd81a1589.txt");

fn stages(c: &mut Criterion) {
    let bytes = SEED.len() as u64;
    let mut g = c.benchmark_group("seed_page");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);

    g.bench_function("clean_and_simplify", |b| {
        b.iter(|| {
            let lines = clean::clean_text(black_box(SEED));
            assert_eq!(lines.len(), 1364);
            lines
        })
    });

    let cleaned: Vec<String> = clean::clean_text(SEED)
        .into_iter()
        .map(|l| l.text)
        .collect();
    g.bench_function("simplify_only", |b| {
        b.iter(|| {
            cleaned
                .iter()
                .map(|l| simplify::to_simplified_aligned(black_box(l)).len())
                .sum::<usize>()
        })
    });

    let simplified: Vec<String> = clean::clean_text(SEED)
        .into_iter()
        .map(|l| l.simplified)
        .collect();
    let seg = Segmenter::new();
    g.bench_function("segment_jieba", |b| {
        b.iter(|| {
            let n: usize = simplified.iter().map(|l| seg.cut(black_box(l)).len()).sum();
            assert!(n > 20_000);
            n
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
