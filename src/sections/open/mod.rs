//! Where a section opens: the opening strategies, in the order they are tried.
//!
//! Each strategy is one file. A line that is a node of the outline (a numbered line) is offered
//! to [`AT_NODE`] in order, any other line to [`AT_LINE`]; the first strategy that opens a
//! section wins, and the scan goes on after the section's last line. A new report genre whose
//! sections open in a new way gets a new file and a new entry here, not an edit to the others.

use super::{Ctx, Opened};

mod bare;
mod heading;
mod intro;
mod measure_intro;
mod measure_list;
mod node_intro;

/// One way a section can open, with what it looks for.
pub(super) struct Strategy {
    /// Short name, for tests and debugging.
    pub name: &'static str,
    /// Try to open a section at an outline node (for [`AT_NODE`]) or at a line index (for
    /// [`AT_LINE`]).
    pub open: fn(&Ctx<'_>, usize) -> Option<Opened>,
}

/// Strategies for numbered lines, given the outline node.
pub(super) const AT_NODE: &[Strategy] = &[
    Strategy {
        name: "heading",
        open: |ctx, at| ctx.heading_section(at),
    },
    Strategy {
        name: "node_intro",
        open: |ctx, at| ctx.node_intro_section(at),
    },
];

/// Strategies for other lines, given the line index.
pub(super) const AT_LINE: &[Strategy] = &[
    Strategy {
        name: "bare_heading",
        open: |ctx, at| ctx.bare_section(at),
    },
    Strategy {
        name: "intro_sentence",
        open: |ctx, at| ctx.intro_section(at),
    },
    Strategy {
        name: "measure_list",
        open: |ctx, at| ctx.measure_list_section(at),
    },
    Strategy {
        name: "measure_intro",
        open: |ctx, at| ctx.measure_intro_section(at),
    },
];

/// The first section the strategies of `list` open at `at`, with the strategy's name.
pub(super) fn first(list: &[Strategy], ctx: &Ctx<'_>, at: usize) -> Option<(&'static str, Opened)> {
    list.iter()
        .find_map(|s| (s.open)(ctx, at).map(|o| (s.name, o)))
}

#[cfg(test)]
mod tests {
    use crate::doc::{CleanDoc, Report};

    /// The strategy and type of each section of `text` (a report written for the test).
    fn opened(text: &str) -> Vec<(&'static str, &'static str)> {
        let doc = CleanDoc {
            source: "t.txt".into(),
            encoding: "UTF-8".into(),
            lines: crate::clean::clean_text(text),
            source_lines: None,
        };
        super::super::sections_with_strategy(&Report::whole(&doc))
            .into_iter()
            .map(|(name, s)| (name, s.r#type.as_str()))
            .collect()
    }

    #[test]
    fn each_strategy_opens_its_own_kind_of_section() {
        let cases = [
            (
                "某县2023年度项目支出绩效自评报告\n一、基本情况\n项目按计划实施。\n二、存在的问题\n（一）预算编制不够细化。\n（二）绩效目标设置偏粗。\n",
                ("heading", "problems"),
            ),
            (
                "某县2023年度项目支出绩效自评报告\n存在的主要问题\n项目资金拨付进度偏慢，影响了实施效果。\n",
                ("bare_heading", "problems"),
            ),
            (
                "某县2023年度项目支出绩效自评报告\n项目取得一定成效，但也存在一些问题和不足，主要体现在以下几个方面：\n1.资金使用效率不高。\n2.监督检查不到位。\n",
                ("intro_sentence", "problems"),
            ),
            (
                "某县2023年度项目支出绩效自评报告\n针对上述情况，建议如下：\n1.加强预算管理。\n2.完善绩效考核。\n",
                ("measure_list", "measures"),
            ),
            (
                "某县2024年政府工作报告\n做好今年的工作，要进一步细化预算编制，加强资金监管，督促项目按期实施。\n",
                ("measure_intro", "measures"),
            ),
            (
                "某县2023年度项目支出绩效自评报告\n一、基本情况\n项目按计划实施。\n二、绩效管理有待加强。主要存在以下几个方面的问题：一是目标不够清晰；二是监控不够及时；三是结果应用不足。\n",
                ("node_intro", "problems"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(opened(text), [want], "{text}");
        }
    }

    #[test]
    fn plain_text_opens_nothing() {
        let text = "某县2023年度工作总结\n一、基本情况\n全年完成各项任务，群众满意度较高。\n";
        assert_eq!(opened(text), []);
    }
}
