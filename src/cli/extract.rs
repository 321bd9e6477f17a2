//! `baogao extract FILE...`: figures of single files, without an index.

use std::io::Write;

use super::{EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, ExtractArgs, init_threads, term_safe};
use baogao::extract::Figure;
use baogao::{ingest, pipeline};

pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    init_threads(&args.common);
    // A folder stands for the files baogao reads in it (as `build` finds them).
    let mut files = Vec::new();
    let mut walk_failed = 0;
    for path in &args.files {
        if path.is_dir() {
            let found = ingest::discover(path, &ingest::WalkOptions::default())?;
            for e in &found.skipped {
                walk_failed += 1;
                eprintln!(
                    "baogao: warning: skipped {}: {} ({})",
                    term_safe(&path.join(&e.path).display().to_string()),
                    term_safe(&e.reason),
                    e.stage
                );
            }
            files.extend(found.files.into_iter().map(|f| f.path));
        } else {
            files.push(path.clone());
        }
    }
    // Files are read in parallel; output keeps the order given on the command line.
    let results: Vec<_> =
        pipeline::par_map_indices(files.len(), |i| pipeline::extract_path(&files[i]));
    let mut out = std::io::stdout().lock();
    let mut failed = walk_failed;
    if !args.json {
        writeln!(
            out,
            "{:<28} {:>5}  {:<7} {:<22} {:>16} {:<4} {:<6} {:<11} {:<6}",
            "source", "line", "kind", "text", "value", "cur", "approx", "role", "year"
        )?;
    }
    for (path, result) in files.iter().zip(results) {
        match result {
            Ok(figures) => {
                for f in &figures {
                    if args.json {
                        serde_json::to_writer(&mut out, f)?;
                        writeln!(out)?;
                    } else {
                        print_row(&mut out, f)?;
                    }
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!(
                    "baogao: warning: skipped {}: {} ({})",
                    term_safe(&path.display().to_string()),
                    term_safe(&e.reason),
                    e.stage
                );
            }
        }
    }
    Ok(match failed {
        0 => EXIT_OK,
        n if n == files.len() + walk_failed => EXIT_FATAL,
        _ => EXIT_PARTIAL,
    })
}

fn print_row(out: &mut impl Write, f: &Figure) -> std::io::Result<()> {
    let value = f
        .value
        .map(|v| format!("{v}"))
        .unwrap_or_else(|| "-".into());
    let json = |v: &dyn erased::Ser| v.to_plain();
    writeln!(
        out,
        "{:<28} {:>5}  {:<7} {:<22} {:>16} {:<4} {:<6} {:<11} {:<6}",
        truncate(&f.source, 28),
        f.line,
        json(&f.kind),
        truncate(&f.text, 22),
        value,
        f.currency.as_deref().unwrap_or("-"),
        f.approx
            .as_ref()
            .map(|a| json(a))
            .unwrap_or_else(|| "-".into()),
        f.role
            .as_ref()
            .map(|r| json(r))
            .unwrap_or_else(|| "-".into()),
        json(&f.year),
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// Render a serde value as plain text (`"amount"` → `amount`, `null` → `-`).
mod erased {
    pub trait Ser {
        fn to_plain(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_plain(&self) -> String {
            match serde_json::to_value(self) {
                Ok(serde_json::Value::String(s)) => s,
                Ok(serde_json::Value::Null) | Err(_) => "-".into(),
                Ok(v) => v.to_string(),
            }
        }
    }
}
