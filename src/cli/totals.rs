//! `baogao totals` and `baogao facts`: fund totals and fund facts from `facts.jsonl` and
//! `reports.jsonl` of a built index.

use std::collections::BTreeMap;
use std::io::Write;

use super::{EXIT_OK, FactsArgs, TotalsArgs, TotalsBy};
use baogao::doc::ReportRecord;
use baogao::facts::{Fact, GroupBy};

/// The facts and reports of a built index.
fn load(index: &std::path::Path) -> anyhow::Result<(Vec<Fact>, Vec<ReportRecord>)> {
    Ok((
        baogao::output::read_index_jsonl(index, "facts.jsonl")?,
        baogao::output::read_index_jsonl(index, "reports.jsonl")?,
    ))
}

pub fn run(args: TotalsArgs) -> anyhow::Result<u8> {
    let (facts, reports) = load(&args.index)?;
    let by = match args.by {
        TotalsBy::Year => GroupBy::Year,
        TotalsBy::Measure => GroupBy::Measure,
        TotalsBy::Report => GroupBy::Report,
        TotalsBy::Region => GroupBy::Region,
        TotalsBy::Genre => GroupBy::Genre,
    };
    let totals = baogao::facts::totals(&facts, &reports, by, &args.filter.to_filter());
    let mut out = std::io::stdout().lock();
    if args.json {
        for t in &totals {
            serde_json::to_writer(&mut out, t)?;
            writeln!(out)?;
        }
        return Ok(EXIT_OK);
    }
    let titles: BTreeMap<&str, String> = reports
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                format!("{}#{} {}", r.source, r.ordinal, r.title),
            )
        })
        .collect();
    let subjects: BTreeMap<&str, &Fact> = facts.iter().map(|f| (f.id.as_str(), f)).collect();
    writeln!(
        out,
        "{:<28} {:<12} {:<6} {:<4} {:>5} {:>7} {:>16}  largest fact",
        by_name(args.by),
        "measure",
        "year",
        "cur",
        "facts",
        "reports",
        "sum"
    )?;
    for t in &totals {
        let label = if args.by == TotalsBy::Report {
            titles
                .get(t.key.as_str())
                .cloned()
                .unwrap_or_else(|| t.key.clone())
        } else {
            t.key.clone()
        };
        let largest = t.largest.first().map_or(String::new(), |(id, v, _)| {
            let where_ = subjects
                .get(id.as_str())
                .and_then(|f| f.mentions.first())
                .map_or(String::new(), |m| format!(" ({}:{})", m.source, m.line));
            let subject = subjects
                .get(id.as_str())
                .and_then(|f| f.subject.clone())
                .unwrap_or_default();
            format!("{} {}{}", readable(*v), subject, where_)
        });
        writeln!(
            out,
            "{:<28} {:<12} {:<6} {:<4} {:>5} {:>7} {:>16}  {}",
            label,
            t.measure.as_str(),
            t.period_year.key(),
            t.currency,
            t.facts,
            t.reports,
            readable(t.sum),
            largest
        )?;
    }
    writeln!(
        out,
        "\n{} totals. Each adds {} facts of one measure, year and currency (span year, restated sums once, 其中 breakdowns never); see `baogao facts` for the facts behind them.",
        totals.len(),
        match args.filter.status {
            super::StatusArg::Actual => "actual",
            super::StatusArg::Target => "target",
        }
    )?;
    Ok(EXIT_OK)
}

pub fn run_facts(args: FactsArgs) -> anyhow::Result<u8> {
    let (facts, reports) = load(&args.index)?;
    let filter = args.filter.to_filter();
    let meta: BTreeMap<&str, &ReportRecord> = reports.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut kept: Vec<&Fact> = facts
        .iter()
        .filter(|f| {
            let report = f
                .mentions
                .first()
                .and_then(|m| meta.get(m.report.as_str()))
                .copied();
            // Without --all, what a total of that status may add: one year, no breakdown.
            filter.status.is_none_or(|s| s == f.status)
                && (args.all || (f.span == baogao::semantics::SpanKind::Year && !f.part))
                && filter.keeps(f, report)
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if args.json {
        for f in &kept {
            serde_json::to_writer(&mut out, f)?;
            writeln!(out)?;
        }
        return Ok(EXIT_OK);
    }
    // The analyst's table: subject × year.
    kept.sort_by(|a, b| {
        (a.subject.as_deref(), a.period_year, a.measure)
            .cmp(&(b.subject.as_deref(), b.period_year, b.measure))
            .then(b.value.total_cmp(&a.value))
    });
    writeln!(
        out,
        "{:<24} {:<12} {:<6} {:<9} {:<7} {:>16}  stated in",
        "subject", "measure", "year", "span", "status", "value"
    )?;
    for f in &kept {
        let where_: Vec<String> = f
            .mentions
            .iter()
            .take(3)
            .map(|m| format!("{}:{}", m.source, m.line))
            .collect();
        let more = f.mentions.len().saturating_sub(3);
        writeln!(
            out,
            "{:<24} {:<12} {:<6} {:<9} {:<7} {:>16}  {}{}{}",
            f.subject.as_deref().unwrap_or("-"),
            f.measure.as_str(),
            f.period_year.key(),
            label(&f.span),
            label(&f.status),
            format!("{} {}", readable(f.value), f.currency),
            where_.join(", "),
            if more > 0 {
                format!(" (+{more})")
            } else {
                String::new()
            },
            if f.part { " [其中 part]" } else { "" },
        )?;
    }
    writeln!(out, "\n{} facts.", kept.len())?;
    Ok(EXIT_OK)
}

/// The serialised name of a unit enum (`part_year`, `target`).
fn label<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn by_name(by: TotalsBy) -> &'static str {
    match by {
        TotalsBy::Year => "year",
        TotalsBy::Measure => "measure",
        TotalsBy::Report => "report",
        TotalsBy::Region => "region",
        TotalsBy::Genre => "genre",
    }
}

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
