//! Binary-only: command-line arguments (clap) and one `run` function per command.
//! The library does the work; this module parses, renders and picks exit codes.

mod build;
mod extract;
mod search;
mod themes;
mod totals;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Everything went well.
pub const EXIT_OK: u8 = 0;
/// The command finished, but some input files failed (see the warnings / build_report.json).
pub const EXIT_PARTIAL: u8 = 1;
/// The command could not run (missing corpus, unreadable index, bad arguments).
pub const EXIT_FATAL: u8 = 2;

const AFTER_HELP: &str = "\
Exit codes:
  0  all good
  1  finished, but some files failed (each is named in a warning and in build_report.json)
  2  could not run (missing corpus or index, bad arguments, malformed query)

Typical session:
  baogao build --corpus corpus --index index     # ingest, clean, split, extract, index
  baogao search 预算绩效 --year 2021               # keyword search, simplified or traditional
  baogao totals --by year --currency CNY         # fund totals per year
  baogao themes --problems --top 10              # recurring problems across reports
  baogao extract report.txt --json               # figures of single files, no index";

/// Mine Chinese reports: search them, total their money figures by year, and list recurring
/// problems and proposed measures.
#[derive(Debug, Parser)]
#[command(name = "baogao", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command shares.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// Worker threads (default: all cores). Output is identical whatever the count.
    #[arg(long, short = 'j', global = true)]
    pub threads: Option<usize>,
    /// No progress bar and no summary line on stderr (warnings are still printed).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the index folder from a corpus folder: reports.jsonl, figures.jsonl, totals.json,
    /// sections.jsonl, aggregate.json, build_report.json and the search index (tantivy/).
    ///
    /// Reads .txt, .md, .html and .htm files recursively, in path order. Encodings are detected
    /// (BOM, UTF-8, GB18030/GBK, Big5, UTF-16). A file that cannot be read (too big, binary,
    /// undecodable, nested too deep, a broken or outside link…) is reported with its reason in
    /// build_report.json and skipped; the rest of the batch goes on (exit code 1). The new
    /// index is published in one atomic step, so the previous one stays usable until then; a
    /// second build into the same folder at the same time fails at once (exit code 2).
    Build(BuildArgs),
    /// Print the money figures, percentages and years of the given files (no index needed).
    Extract(ExtractArgs),
    /// Print fund totals from a built index: sums of facts of one measure, year and currency.
    ///
    /// A fact is one sum with one meaning (measure, subject, year, span, status), counted once
    /// however many sentences or reports restate it (facts.jsonl). A total adds actual sums of
    /// one year only: targets (`--status target`), multi-year and part-year sums and `其中`
    /// breakdowns are never added to it. Each row shows how many facts and reports it holds
    /// and its largest fact, so one outlier is visible.
    ///
    /// Examples:
    ///   baogao totals --measure revenue --by year
    ///   baogao totals --measure budget --by report --genre performance_evaluation
    ///   baogao totals --by measure --region 江西省 --json
    Totals(TotalsArgs),
    /// List fund facts from a built index: subject × year, each value with the reports and
    /// lines behind it.
    ///
    /// Examples:
    ///   baogao facts --measure budget
    ///   baogao facts --subject 公务接待费 --json
    Facts(FactsArgs),
    /// Search the reports of a built index by keyword.
    Search(SearchArgs),
    /// Print recurring problem and measure themes from a built index.
    ///
    /// A theme is a problem (or measure) that recurs across reports, in one category of the
    /// taxonomy (资金使用与管理 … for evaluation, audit, budget and rectification reports;
    /// 经济运行 … 作风与廉政 for government reports). Each item points back to its file and
    /// line; a problem item that bundles several problems is split into clauses, each in its
    /// own theme. Near-copies of a report count once (`independent`). Filters keep the items
    /// of matching reports and recount; `--by` prints each theme's counts per year, region or
    /// genre (the trend).
    ///
    /// Examples:
    ///   baogao themes --problems --top 15
    ///   baogao themes --genre government_work_report --from 2015 --to 2025 --by year
    ///   baogao themes --category 资金使用与管理 --region 江西省 --json
    ///
    /// --json prints one JSON document: aggregate.json's layout, filtered; with --by, one
    /// object {by, problems, measures} whose themes carry `periods`.
    Themes(ThemesArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Folder holding the reports.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Folder to write the index into (created if missing).
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    /// Print the build report as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// Lines longer than this many chars are read as pieces broken at sentence ends (with a
    /// warning); records keep the line's number.
    #[arg(long, default_value_t = baogao::limits::Limits::default().max_line_chars, value_name = "CHARS")]
    pub max_line_chars: usize,
    /// Reports longer than this many chars are indexed as several parts split at paragraph
    /// ends (with a warning), never dropped.
    #[arg(long, default_value_t = baogao::limits::Limits::default().max_report_chars, value_name = "CHARS")]
    pub max_report_chars: usize,
    /// Files larger than this many megabytes are skipped with a reason, before they are read,
    /// so one giant file cannot exhaust memory.
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub max_file_mb: u64,
    /// Follow symlinks whose target lies outside the corpus folder. By default such links are
    /// listed as skipped, so a link to /etc/passwd is never indexed. Links inside the corpus
    /// are always followed (loops are detected and reported).
    #[arg(long)]
    pub follow_links: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files to read (.txt, .md, .html, .htm; any encoding baogao detects); a folder means
    /// the files in it, recursively.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// One JSON object per figure per line (fields as in GUIDELINES.md) instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TotalsBy {
    Year,
    Measure,
    Report,
    Region,
    Genre,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    Actual,
    Target,
}

/// What facts a `totals` or `facts` command keeps.
#[derive(Debug, Args)]
pub struct FactFilter {
    /// Only this measure: budget, allocation, expenditure, revenue, investment, output, trade,
    /// consumption, income, financial, other.
    #[arg(long, value_parser = parse_measure)]
    pub measure: Option<baogao::semantics::Measure>,
    /// Only facts whose subject contains this text, in either script (`公务接待费`).
    #[arg(long, value_name = "TEXT")]
    pub subject: Option<String>,
    /// Only facts of reports about this region (`江西省`, `九江市`, `平潭县`).
    #[arg(long)]
    pub region: Option<String>,
    /// Only facts of reports of this genre: performance_evaluation, audit, rectification,
    /// budget_execution, government_work_report, work_summary, party_congress, other.
    #[arg(long, value_parser = parse_genre)]
    pub genre: Option<baogao::meta::Genre>,
    /// Actual sums (the default) or targets, which are never added to actuals.
    #[arg(long, value_enum, default_value = "actual")]
    pub status: StatusArg,
    /// Only this currency (ISO code: CNY, USD, HKD, EUR, JPY, GBP).
    #[arg(long)]
    pub currency: Option<String>,
}

fn parse_measure(s: &str) -> Result<baogao::semantics::Measure, String> {
    baogao::semantics::Measure::parse(s).ok_or_else(|| {
        format!(
            "unknown measure `{s}`; one of {}",
            baogao::semantics::Measure::ALL
                .map(|m| m.as_str())
                .join(", ")
        )
    })
}

fn parse_genre(s: &str) -> Result<baogao::meta::Genre, String> {
    baogao::meta::Genre::parse(s).ok_or_else(|| {
        format!(
            "unknown genre `{s}`; one of {}",
            baogao::meta::Genre::ALL.map(|g| g.as_str()).join(", ")
        )
    })
}

impl FactFilter {
    pub fn to_filter(&self) -> baogao::facts::Filter {
        baogao::facts::Filter {
            measure: self.measure,
            subject: self.subject.clone(),
            region: self.region.clone(),
            genre: self.genre,
            status: Some(match self.status {
                StatusArg::Actual => baogao::semantics::Status::Actual,
                StatusArg::Target => baogao::semantics::Status::Target,
            }),
            currency: self.currency.clone(),
        }
    }
}

#[derive(Debug, Args)]
pub struct FactsArgs {
    /// Index folder written by `baogao build`.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    #[command(flatten)]
    pub filter: FactFilter,
    /// Also list multi-year, part-year and to-date sums and `其中` breakdowns (by default only
    /// what a total may add).
    #[arg(long)]
    pub all: bool,
    /// One JSON object per fact per line (as in facts.jsonl) instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct TotalsArgs {
    /// Index folder written by `baogao build`.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    /// Group by the facts' year (default), measure, report, or the report's region or genre.
    /// Every row is one measure, one year and one currency: sums of different measures are
    /// never added.
    #[arg(long, value_enum, default_value = "year")]
    pub by: TotalsBy,
    #[command(flatten)]
    pub filter: FactFilter,
    /// One JSON object per total per line instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words are ANDed (a literal AND may be written); "quoted phrase"; a OR b; -word
    /// or NOT word excludes. Each word must appear as typed, in simplified or traditional
    /// script (see --any). A field prefix such as title: is an error (exit 2), not a search.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Index folder written by `baogao build`.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    /// Maximum number of hits.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Also match reports that hold most (three quarters) of an unquoted run's words, not
    /// only the run as written. By default every hit holds each word exactly as typed (in
    /// either script).
    #[arg(long)]
    pub any: bool,
    /// Only reports that mention this year.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub year: Option<i64>,
    /// Only reports that mention a year in [FROM, TO].
    #[arg(long)]
    pub from: Option<i64>,
    #[arg(long)]
    pub to: Option<i64>,
    /// Only reports whose source path (relative to the corpus) matches this glob.
    #[arg(long)]
    pub source: Option<String>,
    /// One JSON object per hit per line.
    /// Only reports whose own year (from their title, date line or file name) is this year
    /// or in this range: `2019`, `2015..2020`, `..2000`. Unlike --year, which filters on the
    /// years a report mentions.
    #[arg(long, value_name = "YEAR|FROM..TO")]
    pub report_year: Option<String>,
    /// Only reports of this genre: performance_evaluation, audit, rectification,
    /// budget_execution, government_work_report, work_summary, party_congress, other.
    #[arg(long, value_parser = parse_genre)]
    pub genre: Option<baogao::meta::Genre>,
    /// Only reports about this region: a province, prefecture or county by its full name
    /// (`江西省`, `九江市`, `修水县`), in either script.
    #[arg(long)]
    pub region: Option<String>,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct ThemesArgs {
    /// Index folder written by `baogao build`.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    /// Only problem themes.
    #[arg(long, conflicts_with = "measures")]
    pub problems: bool,
    /// Only measure themes.
    #[arg(long)]
    pub measures: bool,
    /// Show the first N themes of each list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Only items of reports of this genre (counts are recomputed over them).
    #[arg(long, value_parser = parse_genre)]
    pub genre: Option<baogao::meta::Genre>,
    /// Only items of reports about this region (`江西省`, `九江市`).
    #[arg(long)]
    pub region: Option<String>,
    /// Only items of reports whose own year is this year or in this range (`2019`,
    /// `2015..2020`).
    #[arg(long, value_name = "YEAR|FROM..TO", conflicts_with_all = ["from", "to"])]
    pub report_year: Option<String>,
    /// Only items of reports whose own year is FROM or later.
    #[arg(long, value_name = "FROM")]
    pub from: Option<i64>,
    /// Only items of reports whose own year is TO or earlier.
    #[arg(long, value_name = "TO")]
    pub to: Option<i64>,
    /// Only themes of this category (`资金使用与管理`, `就业民生`, `其他`; see
    /// src/aggregate/taxonomy.tsv).
    #[arg(long)]
    pub category: Option<String>,
    /// Counts per theme and period: report year, region (province) or genre.
    #[arg(long, value_enum)]
    pub by: Option<ThemesBy>,
    /// JSON instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemesBy {
    Year,
    Region,
    Genre,
}

/// Let `baogao search 资金 -面谈` work without `--`: after the `search` command, an argument
/// that starts with `-` and then a non-ASCII char cannot be an option (options are ASCII), so
/// its `-` becomes the full-width `－`, which the query parser folds back to an exclusion.
pub fn search_friendly_args(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut in_search = false;
    args.into_iter()
        .map(|arg| {
            if arg == "search" {
                in_search = true;
            }
            match arg.to_str() {
                Some(s)
                    if in_search
                        && s.starts_with('-')
                        && !s[1..].starts_with(|c: char| c.is_ascii())
                        && s.len() > 1 =>
                {
                    OsString::from(format!("－{}", &s[1..]))
                }
                _ => arg,
            }
        })
        .collect()
}

/// Run a parsed command; returns the exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Build(a) => build::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Totals(a) => totals::run(a),
        Command::Facts(a) => totals::run_facts(a),
        Command::Search(a) => search::run(a),
        Command::Themes(a) => themes::run(a),
    }
}

/// Set the worker count once, from `--threads`. More threads than cores only cost memory (each holds
/// a file's records), so the count is capped at the machine's cores, with a warning.
pub fn init_threads(common: &Common) {
    if let Some(n) = common.threads {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let n = if n > cores {
            eprintln!(
                "baogao: warning: --threads {n} is more than the {cores} cores here; using {cores}"
            );
            cores
        } else {
            n.max(1)
        };
        baogao::pipeline::set_threads(n);
    }
}

/// Text from a report or a file name made safe for a terminal: control characters (an escape
/// sequence in a scraped page could recolour or clear the user's screen) are shown as
/// `\u{…}` escapes. Tabs and newlines are kept.
pub fn term_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
