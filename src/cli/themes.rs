//! `baogao themes`: recurring problems and measures from `aggregate.json`.

use std::io::Write;

use super::{EXIT_OK, ThemesArgs};
use baogao::aggregate::{Aggregate, Theme};

pub fn run(args: ThemesArgs) -> anyhow::Result<u8> {
    let mut agg: Aggregate = baogao::output::read_index_json(&args.index, "aggregate.json")?;
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
