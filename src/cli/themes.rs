//! `baogao themes`: recurring problems and measures from `aggregate.json`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use serde::Serialize;

use super::{EXIT_OK, ThemesArgs, ThemesBy};
use baogao::aggregate::{Aggregate, Theme, ThemeItem};

/// Keep the items of reports `keep` accepts, recount each theme over them (near-copies still
/// counted once, trend recomputed), drop emptied themes and re-rank.
fn restrict(themes: &mut Vec<Theme>, keep: &dyn Fn(&str) -> bool, near: &[Vec<String>]) {
    for t in themes.iter_mut() {
        t.items.retain(|it| keep(&it.report));
        t.item_count = t.items.len();
        let mut ids: Vec<String> = t.items.iter().map(|it| it.report.clone()).collect();
        ids.sort();
        ids.dedup();
        // Each near-copy group counts once; a report in no group counts as itself.
        let independent: BTreeSet<String> = ids
            .iter()
            .map(|id| {
                near.iter()
                    .find(|g| g.contains(id))
                    .and_then(|g| g.first())
                    .unwrap_or(id)
                    .clone()
            })
            .collect();
        t.independent_reports = independent.len();
        t.reports = ids.len();
        t.report_ids = ids;
        t.by_year = baogao::aggregate::by_year(&t.items);
    }
    // A theme recurs across the corpus; under a filter it is kept while it has items there,
    // so one region's share of a recurring problem shows.
    themes.retain(|t| t.item_count > 0);
    themes.sort_by(|a, b| {
        b.independent_reports
            .cmp(&a.independent_reports)
            .then(b.reports.cmp(&a.reports))
            .then(b.item_count.cmp(&a.item_count))
            .then(a.label.cmp(&b.label))
    });
}

/// The year range of `--report-year` or `--from`/`--to`.
fn year_range(args: &ThemesArgs) -> anyhow::Result<Option<(Option<i64>, Option<i64>)>> {
    Ok(match (&args.report_year, args.from, args.to) {
        (Some(r), _, _) => Some(super::search::parse_year_range(r)?),
        (None, None, None) => None,
        (None, from, to) => Some((from, to)),
    })
}

/// One period of a theme under `--by`.
#[derive(Serialize)]
struct Period {
    period: String,
    reports: usize,
    items: usize,
}

/// A theme under `--by`: its name and counts, and its counts per period.
#[derive(Serialize)]
struct ThemePeriods<'a> {
    label: &'a str,
    category: &'a str,
    reports: usize,
    independent_reports: usize,
    item_count: usize,
    periods: Vec<Period>,
}

/// The `--by --json` document.
#[derive(Serialize)]
struct ByDocument<'a> {
    by: &'static str,
    problems: Vec<ThemePeriods<'a>>,
    measures: Vec<ThemePeriods<'a>>,
}

fn period_of(item: &ThemeItem, by: ThemesBy) -> String {
    match by {
        ThemesBy::Year => item
            .year
            .map_or_else(|| "unknown".to_string(), |y| y.to_string()),
        ThemesBy::Region => item.region.clone().unwrap_or_else(|| "unknown".to_string()),
        ThemesBy::Genre => item.genre.as_str().to_string(),
    }
}

fn periods(t: &Theme, by: ThemesBy) -> Vec<Period> {
    let mut per: BTreeMap<String, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for it in &t.items {
        let e = per.entry(period_of(it, by)).or_default();
        e.0.insert(it.report.as_str());
        e.1 += 1;
    }
    // Periods in order, `unknown` last.
    let mut out: Vec<Period> = per
        .into_iter()
        .map(|(period, (r, items))| Period {
            period,
            reports: r.len(),
            items,
        })
        .collect();
    out.sort_by_key(|p| p.period == "unknown");
    out
}

fn with_periods(themes: &[Theme], by: ThemesBy) -> Vec<ThemePeriods<'_>> {
    themes
        .iter()
        .map(|t| ThemePeriods {
            label: &t.label,
            category: &t.category,
            reports: t.reports,
            independent_reports: t.independent_reports,
            item_count: t.item_count,
            periods: periods(t, by),
        })
        .collect()
}

pub fn run(args: ThemesArgs) -> anyhow::Result<u8> {
    let mut agg: Aggregate = baogao::output::read_index_json(&args.index, "aggregate.json")?;
    let years = year_range(&args)?;
    if args.genre.is_some() || args.region.is_some() || years.is_some() {
        let reports: Vec<baogao::doc::ReportRecord> =
            baogao::output::read_index_jsonl(&args.index, "reports.jsonl")?;
        let region = args
            .region
            .as_deref()
            .map(baogao::simplify::normalize_query);
        let ok: BTreeSet<String> = reports
            .into_iter()
            .filter(|r| {
                let m = &r.meta;
                args.genre.is_none_or(|g| m.genre == g)
                    && region.as_deref().is_none_or(|q| m.region.names(q))
                    && years.is_none_or(|(a, b)| match m.year {
                        baogao::extract::YearRef::Year(y) => {
                            a.is_none_or(|a| i64::from(y) >= a)
                                && b.is_none_or(|b| i64::from(y) <= b)
                        }
                        _ => false,
                    })
            })
            .map(|r| r.id)
            .collect();
        let keep = |id: &str| ok.contains(id);
        restrict(&mut agg.problems, &keep, &agg.near_duplicates);
        restrict(&mut agg.measures, &keep, &agg.near_duplicates);
    }
    if let Some(c) = &args.category {
        let c = baogao::simplify::normalize_query(c);
        agg.problems.retain(|t| t.category == c);
        agg.measures.retain(|t| t.category == c);
    }
    agg.problems.truncate(args.top);
    agg.measures.truncate(args.top);
    if args.problems {
        agg.measures.clear();
    }
    if args.measures {
        agg.problems.clear();
    }
    let mut out = std::io::stdout().lock();
    if let Some(by) = args.by {
        if args.json {
            let doc = ByDocument {
                by: match by {
                    ThemesBy::Year => "year",
                    ThemesBy::Region => "region",
                    ThemesBy::Genre => "genre",
                },
                problems: with_periods(&agg.problems, by),
                measures: with_periods(&agg.measures, by),
            };
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
            return Ok(EXIT_OK);
        }
        for (title, themes) in [("Problems", &agg.problems), ("Measures", &agg.measures)] {
            if (title == "Problems" && args.measures) || (title == "Measures" && args.problems) {
                continue;
            }
            writeln!(out, "{title} (reports / items per period)")?;
            if themes.is_empty() {
                writeln!(out, "  (no recurring themes)")?;
            }
            for (i, t) in themes.iter().enumerate() {
                let cells: Vec<String> = periods(t, by)
                    .iter()
                    .map(|p| format!("{} {}/{}", p.period, p.reports, p.items))
                    .collect();
                writeln!(
                    out,
                    "{:>3}. [{}] {}\n       {}",
                    i + 1,
                    t.category,
                    t.label,
                    cells.join("  ")
                )?;
            }
            writeln!(out)?;
        }
        return Ok(EXIT_OK);
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &agg)?;
        writeln!(out)?;
        return Ok(EXIT_OK);
    }
    let c = &agg.coverage;
    writeln!(
        out,
        "{} reports: {} with problem sections, {} with measure sections, {} with neither; {} empty sections",
        c.reports,
        c.reports_with_problems,
        c.reports_with_measures,
        c.reports_without.len(),
        c.empty_sections
    )?;
    writeln!(
        out,
        "{} problem items ({} split into {} clauses; {} topic and {} achievement headings left out), {} measure items",
        c.problem_items,
        c.bundled_problem_items,
        c.problem_clauses,
        c.topic_headings_dropped,
        c.achievement_headings_dropped,
        c.measure_items
    )?;
    if !c.rectification.is_empty() {
        let cells: Vec<String> = c
            .rectification
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(out, "rectification items: {}", cells.join(", "))?;
    }
    if !agg.near_duplicates.is_empty() {
        writeln!(
            out,
            "near-copies (counted once in `independent`): {}",
            agg.near_duplicates
                .iter()
                .map(|g| g.join(" = "))
                .collect::<Vec<_>>()
                .join("; ")
        )?;
    }
    for (title, themes) in [("Problems", &agg.problems), ("Measures", &agg.measures)] {
        if (title == "Problems" && args.measures) || (title == "Measures" && args.problems) {
            continue;
        }
        writeln!(out, "\n{title} (by independent reports)")?;
        if themes.is_empty() {
            writeln!(out, "  (no recurring themes)")?;
        }
        for (i, t) in themes.iter().enumerate() {
            print_theme(&mut out, i + 1, t)?;
        }
    }
    Ok(EXIT_OK)
}

fn print_theme(out: &mut impl Write, n: usize, t: &Theme) -> std::io::Result<()> {
    writeln!(
        out,
        "{n:>3}. [{}] {}  — {} independent / {} reports, {} items  [{}]",
        t.category,
        t.label,
        t.independent_reports,
        t.reports,
        t.item_count,
        t.key_terms.join(" ")
    )?;
    for item in &t.items {
        let what = if item.clauses.is_empty() {
            item.headline.clone()
        } else {
            item.clauses.join("；")
        };
        let status = item
            .status
            .map_or(String::new(), |s| format!("  ({})", s.as_str()));
        writeln!(out, "       {}:{}  {what}{status}", item.source, item.line)?;
    }
    Ok(())
}
