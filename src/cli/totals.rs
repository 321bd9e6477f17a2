//! `baogao totals`: fund totals from `totals.json` of a built index.

use std::collections::BTreeMap;
use std::io::Write;

use super::{EXIT_OK, TotalsArgs, TotalsBy};
use baogao::doc::ReportRecord;
use baogao::extract::{ByCurrency, Totals};

pub fn run(args: TotalsArgs) -> anyhow::Result<u8> {
    let totals: Totals = baogao::output::read_index_json(&args.index, "totals.json")?;
    let groups: &BTreeMap<String, ByCurrency> = match args.by {
        TotalsBy::Year => &totals.by_year,
        TotalsBy::Report => &totals.by_report,
        TotalsBy::Source => &totals.by_source,
    };
    let currency = args.currency.as_deref().map(str::to_ascii_uppercase);
    let keep = |c: &str| currency.as_deref().is_none_or(|want| want == c);
    let mut out = std::io::stdout().lock();
    if args.json {
        // One object per group and currency, one per line (NDJSON), in key order.
        for (key, by_cur) in groups {
            for (cur, b) in by_cur.iter().filter(|(c, _)| keep(c)) {
                let row = serde_json::json!({
                    "by": by_name(args.by), "key": key, "currency": cur,
                    "count": b.count, "sum": b.sum,
                });
                serde_json::to_writer(&mut out, &row)?;
                writeln!(out)?;
            }
        }
        return Ok(EXIT_OK);
    }
    let titles: BTreeMap<String, String> = if args.by == TotalsBy::Report {
        baogao::output::read_index_jsonl::<ReportRecord>(&args.index, "reports.jsonl")?
            .into_iter()
            .map(|r| (r.id, format!("{}#{} {}", r.source, r.ordinal, r.title)))
            .collect()
    } else {
        BTreeMap::new()
    };
    writeln!(
        out,
        "{:<40} {:<4} {:>6} {:>22}  {:>14}",
        by_name(args.by),
        "cur",
        "count",
        "sum",
        "≈"
    )?;
    for (key, by_cur) in groups {
        for (cur, b) in by_cur.iter().filter(|(c, _)| keep(c)) {
            let label = titles.get(key).cloned().unwrap_or_else(|| key.clone());
            writeln!(
                out,
                "{:<40} {:<4} {:>6} {:>22.2}  {:>14}",
                label,
                cur,
                b.count,
                b.sum,
                readable(b.sum)
            )?;
        }
    }
    writeln!(
        out,
        "\n{} amounts counted; {} repeats and {} parts (其中 …) left out; thresholds, rates and changes are never summed.",
        totals.counted, totals.repeats_skipped, totals.parts_skipped
    )?;
    Ok(EXIT_OK)
}

fn by_name(by: TotalsBy) -> &'static str {
    match by {
        TotalsBy::Year => "year",
        TotalsBy::Report => "report",
        TotalsBy::Source => "source",
    }
}

/// `3.62万亿`, `4.03亿`, `626.80万`: the sum in the units reports use.
fn readable(v: f64) -> String {
    let a = v.abs();
    if a >= 1e12 {
        format!("{:.2}万亿", v / 1e12)
    } else if a >= 1e8 {
        format!("{:.2}亿", v / 1e8)
    } else if a >= 1e4 {
        format!("{:.2}万", v / 1e4)
    } else {
        format!("{v:.2}")
    }
}
