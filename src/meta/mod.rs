//! Stage: what a report is — its own year and date, its genre, the place it is about and the
//! body that issued it. Read once per report from its title, its date line, its first and last
//! lines and its file name; stored in `reports.jsonl` and the index, where search and totals
//! filter on it.

pub mod genre;
pub mod region;

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::doc::Report;
use crate::extract::{Kind, Role, YearRef};
pub use genre::Genre;
pub use region::Region;

/// Where a report's year was read.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// Its title (`2019年政府工作报告`, `二〇二一年度…`).
    Title,
    /// A date line (`2021年3月5日`).
    Date,
    /// Its file name (`gwr_2019.txt`).
    FileName,
    /// The first year its opening lines state (`20xx年，市招商局…`), when nothing above does.
    Body,
}

/// The metadata of one report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct ReportMeta {
    /// The report's own year: an integer, `"20xx"` or null.
    pub year: YearRef,
    pub year_source: Option<YearSource>,
    /// The full date where one is given, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub genre: Genre,
    /// The province, prefecture and county the report is about.
    pub region: Region,
    /// The issuing body, where the text names it.
    pub issuer: Option<String>,
}

/// Lines at the start and at the end of a report where a date line or an issuer stands.
const HEAD_LINES: usize = 6;
const TAIL_LINES: usize = 6;
/// Longest line (chars) read as a date or signature line.
const MAX_META_LINE_CHARS: usize = 40;
/// Lines of the body read for a year when neither title, date line nor file name gives one.
const BODY_LINES: usize = 30;

/// A full date: `2021年3月5日`, `二〇二一年三月五日`.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("((?:19|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})日")
        .unwrap_or_else(|e| panic!("FULL_DATE: {e}"))
});

/// A year in a file name: `gwr_2019`, `2019年`.
static FILE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)")
        .unwrap_or_else(|e| panic!("FILE_YEAR: {e}"))
});

/// The year of a text: its first year mention (a date or `20xx`), not a document number.
pub fn first_year_of(simplified: &str) -> YearRef {
    years_of(simplified)
        .into_iter()
        .next()
        .unwrap_or(YearRef::None)
}

/// Every year a text states (dates and `20xx`, not document numbers), in text order.
fn years_of(simplified: &str) -> Vec<YearRef> {
    crate::extract::mentions_in_simplified(simplified)
        .into_iter()
        .filter(|m| m.kind == Kind::Year)
        .filter_map(|m| match (m.role, m.value) {
            (Some(Role::Date), Some(v)) if (1900.0..=2100.0).contains(&v) => {
                Some(YearRef::Year(v as i32))
            }
            (Some(Role::Placeholder), _) => Some(YearRef::Anonymised),
            _ => None,
        })
        .collect()
}

/// The date of a date line, as (year, `YYYY-MM-DD`).
fn date_in(simplified: &str) -> Option<(i32, String)> {
    let c = FULL_DATE.captures(simplified)?;
    let y = c.get(1)?.as_str();
    let year = y
        .parse::<i32>()
        .ok()
        .or_else(|| crate::lex::numeral::year_digits(y).map(|v| v as i32))?;
    let month = crate::lex::numeral::parse_small_number(c.get(2)?.as_str())?;
    let day = crate::lex::numeral::parse_small_number(c.get(3)?.as_str())?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| (year, format!("{year:04}-{month:02}-{day:02}")))
}

/// The metadata of `report`.
pub fn of(report: &Report) -> ReportMeta {
    let lines: Vec<&str> = report
        .lines
        .iter()
        .map(|l| l.line.simplified.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let short = |l: &&&str| l.chars().count() <= MAX_META_LINE_CHARS;
    let head = lines.iter().take(HEAD_LINES);
    let tail = lines.iter().rev().take(TAIL_LINES);
    // A date line: right under the title (——2019年3月5日在…上) or in the signature.
    let date = head
        .clone()
        .chain(tail.clone())
        .filter(short)
        .find_map(|l| date_in(l));
    // A title with two years (`2023年预算执行情况和2024年预算草案`) is the report of the later.
    let title_year = years_of(&report.title_simplified)
        .into_iter()
        .max()
        .unwrap_or(YearRef::None);
    let (year, year_source) = if title_year != YearRef::None {
        (title_year, Some(YearSource::Title))
    } else if let Some((y, _)) = &date {
        (YearRef::Year(*y), Some(YearSource::Date))
    } else if let Some(y) = FILE_YEAR
        .captures(report.source())
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse::<i32>().ok())
    {
        (YearRef::Year(y), Some(YearSource::FileName))
    } else {
        match lines
            .iter()
            .skip(1)
            .take(BODY_LINES)
            .map(|l| first_year_of(l))
            .find(|y| *y != YearRef::None)
        {
            Some(y) => (y, Some(YearSource::Body)),
            None => (YearRef::None, None),
        }
    };
    let issuer = issuer_of(&report.title_simplified, head.chain(tail).filter(short));
    let region = region::of(
        &report.title_simplified,
        issuer.as_deref(),
        lines.iter().take(40).copied(),
    );
    let issuer = issuer.map(|i| original_of(report, &i));
    ReportMeta {
        year,
        year_source,
        date: date.map(|(_, d)| d),
        genre: genre::of(&report.title_simplified, lines.iter().take(12).copied()),
        region,
        issuer,
    }
}

/// The issuing body: a signature line that names an organisation, else the organisation a
/// title opens with (`九江市财政局2021年度…`).
fn issuer_of<'a>(title: &str, short_lines: impl Iterator<Item = &'a &'a str>) -> Option<String> {
    let org = |s: &str| -> Option<String> {
        let s = s.trim_matches(|c: char| c.is_whitespace() || c == '#');
        let end = ORG_SUFFIX.find_iter(s).last()?.end();
        let name = &s[..end];
        let n = name.chars().count();
        ((4..=30).contains(&n) && name.chars().all(crate::lex::han::is_han))
            .then(|| name.to_string())
    };
    for l in short_lines {
        // A signature line is the organisation alone.
        if let Some(o) = org(l).filter(|o| o.len() == l.trim().len()) {
            return Some(o);
        }
    }
    // A title that opens with an organisation: the text before its year or its first
    // report word.
    let cut = title
        .find(|c: char| c.is_ascii_digit() || c == '二' || c == '关')
        .unwrap_or(title.len());
    org(&title[..cut]).filter(|o| o.len() == title[..cut].trim().len())
}

/// Words an organisation's name ends with.
static ORG_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:人民政府|政府办公室|办公室|委员会|管理局|服务中心|中心|局|厅|委|办|院|署|所|站|公司|学校|大学|医院|审计厅|财政局)")
        .unwrap_or_else(|e| panic!("ORG_SUFFIX: {e}"))
});

/// The original-script form of a simplified phrase of the report (its first occurrence).
fn original_of(report: &Report, simplified: &str) -> String {
    for l in &report.lines {
        if let Some(i) = l.line.simplified.find(simplified) {
            let span =
                crate::doc::map_by_chars(&l.line.simplified, &l.line.text, i..i + simplified.len());
            if let Some(t) = l.line.text.get(span) {
                return t.to_string();
            }
        }
    }
    simplified.to_string()
}

#[cfg(test)]
mod tests;
