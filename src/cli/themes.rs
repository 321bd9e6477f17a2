//! `baogao themes`: recurring problems and measures from `aggregate.json`.

use std::io::Write;

use super::{EXIT_OK, ThemesArgs};
use baogao::aggregate::{Aggregate, Theme};

/// Keep the items of reports `keep` accepts, recount each theme over them (near-copies still
/// counted once), drop emptied themes and re-rank.
fn restrict(themes: &mut Vec<Theme>, keep: &dyn Fn(&str) -> bool, near: &[Vec<String>]) {
    for t in themes.iter_mut() {
        t.items.retain(|it| keep(&it.report));
        t.item_count = t.items.len();
        let mut ids: Vec<String> = t.items.iter().map(|it| it.report.clone()).collect();
        ids.sort();
        ids.dedup();
        let groups: std::collections::BTreeSet<usize> = ids
            .iter()
            .map(|id| {
                near.iter().position(|g| g.contains(id)).map_or(
                    usize::MAX - ids.iter().position(|x| x == id).unwrap_or(0),
                    |g| g,
                )
            })
            .collect();
        t.independent_reports = groups.len();
        t.reports = ids.len();
        t.report_ids = ids;
    }
    themes.retain(|t| t.item_count > 0);
    themes.sort_by(|a, b| {
        b.independent_reports
            .cmp(&a.independent_reports)
            .then(b.item_count.cmp(&a.item_count))
            .then(a.label.cmp(&b.label))
    });
}

pub fn run(args: ThemesArgs) -> anyhow::Result<u8> {
    let mut agg: Aggregate = baogao::output::read_index_json(&args.index, "aggregate.json")?;
    if args.genre.is_some() || args.region.is_some() || args.report_year.is_some() {
        let years = args
            .report_year
            .as_deref()
            .map(super::search::parse_year_range)
            .transpose()?;
        let reports: Vec<baogao::doc::ReportRecord> =
            baogao::output::read_index_jsonl(&args.index, "reports.jsonl")?;
        let region = args
            .region
            .as_deref()
            .map(baogao::simplify::normalize_query);
        let ok: std::collections::BTreeSet<String> = reports
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
    agg.problems.truncate(args.top);
    agg.measures.truncate(args.top);
    if args.problems {
        agg.measures.clear();
    }
    if args.measures {
        agg.problems.clear();
    }
    let mut out = std::io::stdout().lock();
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
        "{n:>3}. {}  — {} independent / {} reports, {} items  [{}]",
        t.label,
        t.independent_reports,
        t.reports,
        t.item_count,
        t.key_terms.join(" ")
    )?;
    for item in &t.items {
        writeln!(
            out,
            "       {}:{}  {}",
            item.source, item.line, item.headline
        )?;
    }
    Ok(())
}
