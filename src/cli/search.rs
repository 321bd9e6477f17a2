//! `baogao search`: run a keyword search on a built index and print the hits, as text (matched
//! words highlighted when stdout is a terminal) or as JSON lines.

use std::io::{IsTerminal, Write};

use baogao::index::{self, Hit, SearchRequest, snippet::char_range_to_bytes};
use baogao::segment::Segmenter;

use super::{EXIT_OK, SearchArgs, init_threads, term_safe};

const BOLD_RED: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// `2019` or `2015..2020` (either end may be left open: `..2000`, `2010..`).
pub fn parse_year_range(s: &str) -> anyhow::Result<(Option<i64>, Option<i64>)> {
    let year = |t: &str| -> anyhow::Result<Option<i64>> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<i64>().map(Some).map_err(|_| {
            anyhow::anyhow!("bad --report-year `{s}`: give a year (2019) or a range (2015..2020)")
        })
    };
    match s.split_once("..") {
        Some((a, b)) => Ok((year(a)?, year(b)?)),
        None => {
            let y = year(s)?;
            Ok((y, y))
        }
    }
}

pub fn run(args: SearchArgs) -> anyhow::Result<u8> {
    init_threads(&args.common);
    let years = match (args.year, args.from, args.to) {
        (Some(y), _, _) => Some((Some(y), Some(y))),
        (None, None, None) => None,
        (None, from, to) => Some((from, to)),
    };
    let req = SearchRequest {
        query: args.query.join(" "),
        limit: args.limit,
        years,
        source_glob: args.source,
        report_years: args
            .report_year
            .as_deref()
            .map(parse_year_range)
            .transpose()?,
        genre: args.genre,
        region: args.region,
        any: args.any,
    };
    let hits = index::search(&args.index, Segmenter::shared(), &req)?;

    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = stdout.lock();
    let written = if args.json {
        write_json(&mut out, &hits)
    } else {
        write_text(&mut out, &hits, color)
    };
    match written {
        Ok(()) => {}
        // `baogao search … | head` closes the pipe early: not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(EXIT_OK),
        Err(e) => return Err(e.into()),
    }
    if hits.is_empty() && !args.common.quiet {
        eprintln!("baogao: no report matches `{}`", term_safe(&req.query));
    }
    Ok(EXIT_OK)
}

fn write_json(out: &mut impl Write, hits: &[Hit]) -> std::io::Result<()> {
    for h in hits {
        serde_json::to_writer(&mut *out, h)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn write_text(out: &mut impl Write, hits: &[Hit], color: bool) -> std::io::Result<()> {
    let (bold, dim, mark, reset) = if color {
        (BOLD, DIM, BOLD_RED, RESET)
    } else {
        ("", "", "", "")
    };
    for (i, h) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        // Text from the corpus never reaches the terminal raw: a control character in a
        // scraped page could rewrite the screen.
        writeln!(out, "{bold}{}. {}{reset}", i + 1, term_safe(&h.title))?;
        writeln!(
            out,
            "   {dim}{}:{}  report {}  score {:.2}  id {}{reset}",
            term_safe(&h.source),
            h.line,
            h.ordinal,
            h.score,
            h.id
        )?;
        let mut line = String::with_capacity(h.snippet.len() + 16 * h.highlights.len());
        let mut at = 0;
        for &(s, e) in &h.highlights {
            let (bs, be) = char_range_to_bytes(&h.snippet, s, e);
            if bs < at {
                continue;
            }
            line.push_str(&term_safe(&h.snippet[at..bs]));
            line.push_str(mark);
            line.push_str(&term_safe(&h.snippet[bs..be]));
            line.push_str(reset);
            at = be;
        }
        line.push_str(&term_safe(&h.snippet[at..]));
        writeln!(out, "   {line}")?;
    }
    out.flush()
}
