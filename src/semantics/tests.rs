//! Tests of money semantics: every row of every cue table runs on a sentence.
//!
//! `cue_examples.tsv` holds, for each row of each table in [`super::cues`], at least one
//! sentence written in the manner of real reports (our own words) and what the rules must read
//! from its first money figure. A row without an example fails the coverage test, so a new cue
//! arrives with its sentence.

use crate::doc::CleanDoc;
use crate::doc::Report;
use crate::extract::{Figure, Kind, YearRef};

use super::cues;

const EXAMPLES: &str = include_str!("cue_examples.tsv");

/// The report every example sentence stands in: a work summary of 2020, an annual genre, so
/// `今年` is 2020 and a sum with no year word is of 2020.
const TITLE: &str = "某县财政局2020年工作总结";

/// One line of `cue_examples.tsv`: table, cue, `field=value`, sentence.
#[derive(Debug)]
struct Example<'a> {
    line: usize,
    table: &'a str,
    cue: &'a str,
    field: &'a str,
    want: &'a str,
    sentence: &'a str,
}

fn examples() -> Vec<Example<'static>> {
    EXAMPLES
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                cols.len(),
                4,
                "cue_examples.tsv:{}: want 4 columns: {l}",
                i + 1
            );
            let (field, want) = cols[2]
                .split_once('=')
                .unwrap_or_else(|| panic!("cue_examples.tsv:{}: want field=value", i + 1));
            Example {
                line: i + 1,
                table: cols[0],
                cue: cols[1],
                field,
                want,
                sentence: cols[3],
            }
        })
        .collect()
}

/// The terms of each table, by the name the examples file uses.
fn tables() -> Vec<(&'static str, Vec<&'static str>)> {
    fn texts<T>(t: &'static [cues::Cue<T>]) -> Vec<&'static str> {
        t.iter().map(|c| c.text).collect()
    }
    vec![
        ("MEASURES", texts(cues::MEASURES)),
        ("FUND_NOUNS", texts(cues::FUND_NOUNS)),
        ("STATUSES", texts(cues::STATUSES)),
        ("SPANS", texts(cues::SPANS)),
        ("RELATIVE_YEARS", texts(cues::RELATIVE_YEARS)),
        ("FUTURE_CONDITIONS", cues::FUTURE_CONDITIONS.to_vec()),
        ("EXECUTION_WORDS", cues::EXECUTION_WORDS.to_vec()),
        ("PERSON_WORDS", cues::PERSON_WORDS.to_vec()),
        ("COMPARISON_MARKS", cues::COMPARISON_MARKS.to_vec()),
        ("QUOTA_WORDS", cues::QUOTA_WORDS.to_vec()),
        ("SUBJECT_TAILS", cues::SUBJECT_TAILS.to_vec()),
        ("VERBS_ALONE", cues::VERBS_ALONE.to_vec()),
        ("SUBJECT_LEADS", texts(cues::SUBJECT_LEADS)),
        ("SUBJECT_OPENERS", texts(cues::SUBJECT_OPENERS)),
    ]
}

/// The first money figure of `sentence`, read as line 2 of the report [`TITLE`].
fn first_money(sentence: &str) -> Option<Figure> {
    let doc = CleanDoc {
        source: "example.txt".into(),
        encoding: "UTF-8".into(),
        lines: crate::clean::clean_text(&format!("{TITLE}\n{sentence}\n")),
        source_lines: None,
    };
    crate::pipeline::report_figures(&Report::whole(&doc))
        .into_iter()
        .find(|f| f.kind == Kind::Money && f.line == 2)
}

fn year_text(y: &YearRef) -> String {
    match y {
        YearRef::Year(y) => y.to_string(),
        YearRef::Anonymised => "20xx".into(),
        YearRef::None => "null".into(),
    }
}

/// What the rules read for `field` from the figure, as the examples file writes it.
fn read(f: &Figure, field: &str) -> String {
    let Some(s) = &f.semantics else {
        return "no semantics".into();
    };
    match field {
        "measure" => s.measure.as_str().into(),
        "status" => serde_json::to_value(s.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        "span" => serde_json::to_value(s.span)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        "year" => year_text(&s.period_year),
        "subject" => s.subject.clone().unwrap_or_else(|| "null".into()),
        other => format!("unknown field {other}"),
    }
}

#[test]
fn every_cue_row_has_an_example_sentence() {
    let ex = examples();
    let mut missing = Vec::new();
    for (table, terms) in tables() {
        for term in terms {
            if !ex.iter().any(|e| e.table == table && e.cue == term) {
                missing.push(format!("{table} {term}"));
            }
        }
    }
    assert!(missing.is_empty(), "rows without an example: {missing:?}");
    let names: Vec<&str> = tables().iter().map(|(n, _)| *n).collect();
    for e in &ex {
        assert!(
            names.contains(&e.table),
            "line {}: no table {}",
            e.line,
            e.table
        );
        let simplified = crate::simplify::to_simplified_aligned(e.sentence);
        assert!(
            simplified.contains(e.cue),
            "line {}: the sentence does not hold its cue {}",
            e.line,
            e.cue
        );
    }
}

#[test]
fn every_example_sentence_reads_as_its_row_says() {
    let mut wrong = Vec::new();
    let ex = examples();
    for e in &ex {
        let got = match first_money(e.sentence) {
            Some(f) => read(&f, e.field),
            None => "no money figure".into(),
        };
        if got != e.want {
            wrong.push(format!(
                "line {} {} {}: {}={} but read {} in {}",
                e.line, e.table, e.cue, e.field, e.want, got, e.sentence
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} examples read wrong:\n{}",
        wrong.len(),
        ex.len(),
        wrong.join("\n")
    );
}

#[test]
fn year_and_earlier_sum_frames_are_no_part_of_a_subject() {
    use super::{SUM_BEFORE_RISE, YEAR_BEFORE_SUM};
    assert!(YEAR_BEFORE_SUM.is_match("公共财政预算收入由2010年的"));
    assert!(YEAR_BEFORE_SUM.is_match("增加到2015年的"));
    assert!(YEAR_BEFORE_SUM.is_match("存款余额2020年底"));
    assert!(!YEAR_BEFORE_SUM.is_match("2020年度部门预算"));
    assert!(SUM_BEFORE_RISE.is_match("由5.24亿元增加到"));
    assert!(SUM_BEFORE_RISE.is_match("由5.24亿元"));
    assert!(!SUM_BEFORE_RISE.is_match("由5.24亿元的专项资金"));
    assert!(!SUM_BEFORE_RISE.is_match("元旦"));
    let subject = |before: &str| super::subject_of(before).map(|r| before[r].to_string());
    assert_eq!(
        subject("公共财政预算收入由2010年的").as_deref(),
        Some("公共财政预算收入")
    );
    assert_eq!(
        subject("公共财政预算收入由2010年的5.24亿元增加到2015年的").as_deref(),
        Some("公共财政预算收入")
    );
    assert_eq!(
        subject("一般公共预算收入剔除虚增空转因素后完成").as_deref(),
        Some("一般公共预算收入")
    );
    // The whole-area word that opens a subject is no part of it; other qualifiers stay.
    assert_eq!(
        subject("全县一般公共预算收入达到").as_deref(),
        Some("一般公共预算收入")
    );
    assert_eq!(
        subject("市本级一般公共预算收入为").as_deref(),
        Some("市本级一般公共预算收入")
    );
}

#[test]
fn a_verb_alone_completes_the_growth_of_the_sum_before_it() {
    let subject = |before: &str| super::subject_of(before).map(|r| before[r].to_string());
    assert_eq!(
        subject("地方财政总收入增长20%，达到").as_deref(),
        Some("地方财政总收入")
    );
    assert_eq!(
        subject("全年一般公共预算收入同比增长7.5%，达到").as_deref(),
        Some("一般公共预算收入")
    );
    assert_eq!(
        subject("明年一般公共预算收入确保增长6%，力争达到").as_deref(),
        Some("一般公共预算收入")
    );
    // No growth clause before: the verb alone names nothing.
    assert_eq!(subject("项目已竣工，达到"), None);
    assert!(!super::GROWTH_CLAUSE.is_match("增长20%，"));
}
