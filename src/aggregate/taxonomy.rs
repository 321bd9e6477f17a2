//! The problem taxonomy, kept as data in `taxonomy.tsv`: which category (资金使用与管理,
//! 就业民生 …) an item belongs to. Evaluation-type reports and government reports list
//! different kinds of problems, so each has its own scheme; the report's genre picks it.

use std::sync::LazyLock;

use crate::meta::Genre;

/// The taxonomy table (see its header for the format).
pub const TAXONOMY: &str = include_str!("taxonomy.tsv");

/// The category of an item no cue places.
pub const OTHER: &str = "其他";

/// Which list of categories applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Performance evaluation, audit, budget execution, rectification.
    Evaluation,
    /// Government work reports, work summaries, congress reports.
    Government,
}

impl Scheme {
    fn parse(s: &str) -> Option<Scheme> {
        match s {
            "evaluation" => Some(Scheme::Evaluation),
            "government" => Some(Scheme::Government),
            _ => None,
        }
    }

    /// The scheme of a genre; `None` for a report of unknown genre (both are tried).
    pub fn of(genre: Genre) -> Option<Scheme> {
        match genre {
            Genre::PerformanceEvaluation
            | Genre::Audit
            | Genre::Rectification
            | Genre::BudgetExecution => Some(Scheme::Evaluation),
            Genre::GovernmentWorkReport | Genre::WorkSummary | Genre::PartyCongress => {
                Some(Scheme::Government)
            }
            Genre::Other => None,
        }
    }
}

/// One row of the table.
#[derive(Debug)]
pub struct Row {
    pub scheme: Scheme,
    pub category: &'static str,
    pub cues: Vec<&'static str>,
    pub gloss: &'static str,
}

/// The parsed table, in file order. Malformed rows are a build-time bug, caught by a test.
pub static ROWS: LazyLock<Vec<Row>> = LazyLock::new(|| {
    TAXONOMY
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let scheme = Scheme::parse(f.next()?)?;
            let category = f.next()?;
            let cues = f.next()?.split_whitespace().collect();
            let gloss = f.next()?;
            Some(Row {
                scheme,
                category,
                cues,
                gloss,
            })
        })
        .collect()
});

/// The category of an item: `headline` (simplified) counts double, `body` (simplified) once.
pub fn categorise(scheme: Option<Scheme>, headline: &str, body: &str) -> &'static str {
    let mut best: Option<(usize, &'static str)> = None;
    for row in ROWS.iter() {
        if scheme.is_some_and(|s| s != row.scheme) {
            continue;
        }
        let score: usize = row
            .cues
            .iter()
            .map(|c| {
                let w = c.chars().count();
                w * (2 * headline.matches(c).count() + body.matches(c).count())
            })
            .sum();
        if score > 0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, row.category));
        }
    }
    best.map_or(OTHER, |(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses_and_every_category_of_the_issue_is_there() {
        let lines = TAXONOMY
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(ROWS.len(), lines, "a malformed row in taxonomy.tsv");
        for c in [
            "资金使用与管理",
            "预算编制与执行",
            "绩效目标与指标",
            "项目管理",
            "制度与内控",
            "人员与能力",
            "信息公开与宣传",
            "经济运行",
            "财政金融风险",
            "就业民生",
            "生态环境",
            "安全",
            "改革创新",
            "作风与廉政",
        ] {
            assert!(ROWS.iter().any(|r| r.category == c), "{c}");
        }
        assert!(
            ROWS.iter()
                .all(|r| !r.cues.is_empty() && !r.gloss.is_empty())
        );
    }

    /// Sentences of our own, one or more per category, with the category they belong to.
    const EXAMPLES: &[(Scheme, &str, &str)] = &[
        (
            Scheme::Evaluation,
            "部分专项资金拨付滞后，结余资金长期闲置",
            "资金使用与管理",
        ),
        (
            Scheme::Evaluation,
            "个别单位违规报销差旅费用，会计核算不规范",
            "资金使用与管理",
        ),
        (
            Scheme::Evaluation,
            "预算编制不够精准，年中追加调整频繁，执行率偏低",
            "预算编制与执行",
        ),
        (
            Scheme::Evaluation,
            "绩效目标设置笼统，指标未能细化量化",
            "绩效目标与指标",
        ),
        (
            Scheme::Evaluation,
            "项目实施进度缓慢，部分工程未按期验收",
            "项目管理",
        ),
        (
            Scheme::Evaluation,
            "内部控制制度不健全，审批流程缺少监督",
            "制度与内控",
        ),
        (
            Scheme::Evaluation,
            "专业人员配备不足，业务培训开展较少",
            "人员与能力",
        ),
        (
            Scheme::Evaluation,
            "项目信息公开不及时，群众知晓度不高，宣传不够",
            "信息公开与宣传",
        ),
        (
            Scheme::Government,
            "经济下行压力加大，有效需求不足，部分企业生产经营困难",
            "经济运行",
        ),
        (
            Scheme::Government,
            "地方政府债务负担较重，财政收支平衡难度加大",
            "财政金融风险",
        ),
        (
            Scheme::Government,
            "稳就业任务艰巨，教育医疗养老等民生领域还有不少短板",
            "就业民生",
        ),
        (
            Scheme::Government,
            "大气污染治理任务繁重，节能减排形势严峻",
            "生态环境",
        ),
        (
            Scheme::Government,
            "安全生产形势不容乐观，一些重特大事故时有发生",
            "安全",
        ),
        (
            Scheme::Government,
            "重点领域改革还需深化，科技创新能力不强",
            "改革创新",
        ),
        (
            Scheme::Government,
            "有的干部担当不够，形式主义官僚主义仍然存在",
            "作风与廉政",
        ),
        (
            Scheme::Government,
            "营商环境与先进地区相比还有差距",
            "改革创新",
        ),
        (Scheme::Government, "农村人居环境整治还有短板", "生态环境"),
    ];

    #[test]
    fn each_category_reads_its_own_sentences() {
        for (scheme, sentence, want) in EXAMPLES {
            assert_eq!(categorise(Some(*scheme), sentence, ""), *want, "{sentence}");
        }
        // A sentence with no cue is 其他; a sentence of one scheme is not read with the other.
        assert_eq!(categorise(Some(Scheme::Evaluation), "天气晴朗", ""), OTHER);
        assert_eq!(
            categorise(Some(Scheme::Government), "绩效目标设置笼统", ""),
            OTHER
        );
        // An unknown genre tries both schemes.
        assert_eq!(categorise(None, "大气污染治理任务繁重", ""), "生态环境");
    }

    #[test]
    fn the_headline_outweighs_the_body() {
        assert_eq!(
            categorise(
                Some(Scheme::Evaluation),
                "绩效指标不够细化",
                "项目资金未及时拨付"
            ),
            "绩效目标与指标"
        );
    }
}
