//! The genre of a report, from cue phrases of its title, then of its opening lines.

use serde::{Deserialize, Serialize};

/// What kind of report it is.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    PerformanceEvaluation,
    Audit,
    Rectification,
    BudgetExecution,
    GovernmentWorkReport,
    WorkSummary,
    PartyCongress,
    #[default]
    Other,
}

impl Genre {
    pub const ALL: [Genre; 8] = [
        Genre::PerformanceEvaluation,
        Genre::Audit,
        Genre::Rectification,
        Genre::BudgetExecution,
        Genre::GovernmentWorkReport,
        Genre::WorkSummary,
        Genre::PartyCongress,
        Genre::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Genre::PerformanceEvaluation => "performance_evaluation",
            Genre::Audit => "audit",
            Genre::Rectification => "rectification",
            Genre::BudgetExecution => "budget_execution",
            Genre::GovernmentWorkReport => "government_work_report",
            Genre::WorkSummary => "work_summary",
            Genre::PartyCongress => "party_congress",
            Genre::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Genre> {
        Genre::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

use Genre::*;

/// Title cues, tried in this order: a rectification report of an audit is a rectification
/// report (`审计整改情况的报告`), an audit of budget execution is an audit
/// (`关于2023年度预算执行和其他财政收支的审计工作报告`), an evaluation of a budget item is an
/// evaluation. (cue, genre, gloss)
pub const TITLE_CUES: &[(&str, Genre, &str)] = &[
    ("整改", Rectification, "rectification"),
    ("审计", Audit, "audit"),
    ("绩效评价", PerformanceEvaluation, "performance evaluation"),
    (
        "绩效自评",
        PerformanceEvaluation,
        "performance self-evaluation",
    ),
    ("绩效评估", PerformanceEvaluation, "performance assessment"),
    ("绩效报告", PerformanceEvaluation, "performance report"),
    ("绩效", PerformanceEvaluation, "performance"),
    (
        "代表大会上的报告",
        PartyCongress,
        "report to a party congress",
    ),
    ("党代会", PartyCongress, "party congress"),
    (
        "政府工作报告",
        GovernmentWorkReport,
        "government work report",
    ),
    ("预算执行", BudgetExecution, "budget execution"),
    ("决算", BudgetExecution, "final accounts"),
    ("预算草案", BudgetExecution, "draft budget"),
    ("预算的报告", BudgetExecution, "report on the budget"),
    ("预算报告", BudgetExecution, "budget report"),
    ("部门预算", BudgetExecution, "departmental budget"),
    ("单位预算", BudgetExecution, "unit budget"),
    (
        "级预算",
        BudgetExecution,
        "budget of a level of government (市级预算)",
    ),
    ("工作总结", WorkSummary, "work summary"),
    ("工作报告", WorkSummary, "work report of an office"),
    ("工作情况", WorkSummary, "account of the work"),
    ("述职", WorkSummary, "report on duties"),
];

/// Opening-line cues for a report whose title says nothing (a scraped page titled by its
/// site): the way each genre addresses its reader. (cue, genre, gloss)
pub const BODY_CUES: &[(&str, Genre, &str)] = &[
    (
        "整改情况报告如下",
        Rectification,
        "the rectification is reported as follows",
    ),
    ("审计发现", Audit, "the audit found"),
    ("审计工作报告", Audit, "audit work report"),
    ("绩效评价", PerformanceEvaluation, "performance evaluation"),
    (
        "绩效自评",
        PerformanceEvaluation,
        "performance self-evaluation",
    ),
    ("绩效评估", PerformanceEvaluation, "performance assessment"),
    (
        "各位代表",
        GovernmentWorkReport,
        "fellow deputies (a report to a people's congress)",
    ),
    ("预算执行情况", BudgetExecution, "budget execution"),
    ("部门决算", BudgetExecution, "departmental final accounts"),
    ("部门预算", BudgetExecution, "departmental budget"),
    ("单位预算", BudgetExecution, "unit budget"),
    (
        "工作总结如下",
        WorkSummary,
        "the work is summed up as follows",
    ),
];

/// The genre of a report with title `title` (simplified) and opening lines `head`.
pub fn of<'a>(title: &str, head: impl Iterator<Item = &'a str>) -> Genre {
    if let Some((_, g, _)) = TITLE_CUES.iter().find(|(c, _, _)| title.contains(c)) {
        // 各位代表 under a 工作报告 title: the government's report to the congress.
        return *g;
    }
    let head: Vec<&str> = head.collect();
    BODY_CUES
        .iter()
        .find(|(c, _, _)| head.iter().any(|l| l.contains(c)))
        .map_or(Other, |(_, g, _)| *g)
}
