//! Tests of facts and totals, on sentences written for them.

use super::*;
use crate::doc::{CleanDoc, Report};

/// The figures of a text read as one report of an annual genre.
fn figures_of(name: &str, text: &str) -> Vec<Figure> {
    let doc = CleanDoc {
        source: name.into(),
        encoding: "UTF-8".into(),
        lines: crate::clean::clean_text(text),
        source_lines: None,
    };
    crate::pipeline::report_figures(&Report::whole(&doc))
}

#[test]
fn a_restated_sum_is_one_fact_and_a_breakdown_is_never_added() {
    let text = "某县财政局2021年度部门整体支出绩效自评报告\n\
                2021年一般公共预算收入完成12.5亿元，其中税收收入8.1亿元。\n\
                全年一般公共预算收入完成12.5亿元，增长6%。\n\
                2021年地区生产总值完成310亿元。\n";
    let figures = figures_of("a.txt", text);
    let facts = facts(&figures);
    let revenue: Vec<&Fact> = facts
        .iter()
        .filter(|f| f.measure == Measure::Revenue && !f.part)
        .collect();
    assert_eq!(revenue.len(), 1, "{facts:#?}");
    assert_eq!(revenue[0].mentions.len(), 2);
    assert!(
        facts.iter().any(|f| f.part && f.value == 8.1e8),
        "{facts:#?}"
    );
    let totals = totals(&facts, &[], GroupBy::Year, &Filter::default());
    // Revenue and GDP are never one sum.
    let by_measure: Vec<(Measure, f64)> = totals.iter().map(|t| (t.measure, t.sum)).collect();
    assert!(
        by_measure.contains(&(Measure::Revenue, 12.5e8)),
        "{by_measure:?}"
    );
    assert!(
        by_measure.contains(&(Measure::Output, 310e8)),
        "{by_measure:?}"
    );
}

#[test]
fn targets_are_totalled_apart() {
    let text = "某县2023年政府工作报告\n今年地方一般公共预算收入力争达到15亿元。\n";
    let facts = facts(&figures_of("b.txt", text));
    assert!(
        facts.iter().all(|f| f.status == Status::Target),
        "{facts:#?}"
    );
    let actual = totals(&facts, &[], GroupBy::Year, &Filter::default());
    assert!(actual.is_empty());
    let target = Filter {
        status: Some(Status::Target),
        ..Filter::default()
    };
    assert_eq!(totals(&facts, &[], GroupBy::Year, &target).len(), 1);
}

#[test]
fn old_yuan_before_1955_is_converted() {
    let text = "一九五四年政府工作报告\n一九五三年国家预算支出为二百三十三万亿元。\n";
    let facts = facts(&figures_of("c.txt", text));
    let f = facts.first().expect("a fact");
    assert!(f.old_yuan);
    assert!((f.value - 233e12 / OLD_YUAN_PER_YUAN).abs() < 1.0, "{f:#?}");
}

/// Every row of the subject tables on a pair of statements that must be one fact.
#[test]
fn subject_tables_make_one_fact_of_each_restatement() {
    use crate::semantics::cues::{AREA_WORDS, RENAMED_SUBJECTS};
    for area in AREA_WORDS {
        let text = format!(
            "某县财政局2021年工作总结\n2021年{area}一般公共预算收入完成12.5亿元。\n\
             2021年一般公共预算收入完成12.5亿元，增长6%。\n"
        );
        let facts = facts(&figures_of("a.txt", &text));
        assert_eq!(facts.len(), 1, "{area}: {facts:#?}");
        assert_eq!(facts[0].mentions.len(), 2, "{area}");
    }
    for row in RENAMED_SUBJECTS {
        let text = format!(
            "某县财政局2021年工作总结\n2021年{}完成12.5亿元。\n2021年{}完成12.5亿元。\n",
            row.text, row.means
        );
        let facts = facts(&figures_of("a.txt", &text));
        assert_eq!(facts.len(), 1, "{}: {facts:#?}", row.text);
        assert_eq!(super::subject_key(row.text), row.means, "{}", row.gloss);
    }
    // A different account of the same value and year stays its own fact.
    let text = "某县财政局2021年工作总结\n2021年一般公共预算收入完成12.5亿元。\n\
                2021年政府性基金收入完成12.5亿元。\n";
    assert_eq!(facts(&figures_of("a.txt", text)).len(), 2);
    // A statement with no subject joins the named fact of its value and year.
    let text = "某县财政局2021年工作总结\n公共财政预算收入由2016年的8亿元增加到2021年的12.5亿元。\n\
                2021年地方公共财政预算收入达到12.5亿元。\n";
    let revenue: Vec<Fact> = facts(&figures_of("a.txt", text))
        .into_iter()
        .filter(|f| f.period_year == YearRef::Year(2021))
        .collect();
    assert_eq!(revenue.len(), 1, "{revenue:#?}");
}
