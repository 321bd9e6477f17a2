//! Cue tables of the themes stage, matched on the simplified text of an item. Each entry
//! carries a gloss; `cue_examples.tsv` gives every row a sentence of our own, and a test checks
//! that each sentence reads as its row says.

pub use crate::semantics::cues::Cue;
use crate::semantics::cues::cue;

/// Words that say something falls short. A clause with one states a problem; a problem item
/// with none anywhere is a topic or an achievement heading, not a problem.
pub const DEFICIENCY_WORDS: &[Cue<()>] = &[
    cue("不足", (), "insufficient"),
    cue("不够", (), "not enough"),
    cue("不强", (), "not strong"),
    cue("不高", (), "not high"),
    cue("不大", (), "not large"),
    cue("不稳", (), "unstable (不稳固, 不稳定)"),
    cue("不牢", (), "not solid (基础不牢固)"),
    cue("不平衡", (), "unbalanced"),
    cue("不充分", (), "inadequate"),
    cue("不到位", (), "not in place"),
    cue("不规范", (), "irregular"),
    cue("不严", (), "lax (不严格, 把关不严)"),
    cue("不完善", (), "imperfect"),
    cue("不健全", (), "incomplete (rules)"),
    cue("不明确", (), "unclear"),
    cue("不合理", (), "unreasonable"),
    cue("不及时", (), "late"),
    cue("不科学", (), "unscientific"),
    cue("不适应", (), "ill-suited"),
    cue("不匹配", (), "mismatched"),
    cue("不畅", (), "not smooth"),
    cue("不佳", (), "poor"),
    cue("不准确", (), "inaccurate"),
    cue("不一致", (), "inconsistent"),
    cue("不实", (), "untrue"),
    cue("不符", (), "not in line with"),
    cue("未", (), "not (yet) done (未按, 未及时, 未达到)"),
    cue("尚未", (), "not yet"),
    cue("没有", (), "have not"),
    cue("缺乏", (), "lack"),
    cue("欠缺", (), "lack"),
    cue("缺少", (), "lack"),
    cue("偏弱", (), "rather weak"),
    cue("偏低", (), "rather low"),
    cue("偏高", (), "rather high"),
    cue("偏慢", (), "rather slow"),
    cue("较低", (), "rather low"),
    cue("较慢", (), "rather slow"),
    cue("较大", (), "rather large (压力较大)"),
    cue("较多", (), "rather many (隐患较多)"),
    cue("较弱", (), "rather weak"),
    cue("较差", (), "rather poor"),
    cue("较少", (), "rather few"),
    cue("薄弱", (), "weak"),
    cue("滞后", (), "lagging"),
    cue("短板", (), "weak spot"),
    cue("弱项", (), "weak point"),
    cue("困难", (), "difficulty"),
    cue("压力", (), "pressure"),
    cue("风险", (), "risk"),
    cue("隐患", (), "hidden danger"),
    cue("矛盾", (), "contradiction, conflict"),
    cue("难题", (), "hard problem"),
    cue("问题", (), "problem"),
    cue("差距", (), "gap"),
    cue("下降", (), "decline"),
    cue("下滑", (), "slide"),
    cue("下行", (), "downturn"),
    cue("过剩", (), "excess"),
    cue("过度", (), "excessive"),
    cue("过高", (), "too high"),
    cue("过低", (), "too low"),
    cue("过大", (), "too large"),
    cue("过多", (), "too many"),
    cue("紧张", (), "tight, strained"),
    cue("严峻", (), "grim"),
    cue("突出", (), "acute (问题突出)"),
    cue("有待", (), "remains to be"),
    cue("亟待", (), "urgently needs"),
    cue("仍需", (), "still needs"),
    cue("违规", (), "in breach of rules"),
    cue("违反", (), "violate"),
    cue("挪用", (), "misappropriate"),
    cue("截留", (), "withhold"),
    cue("闲置", (), "left idle"),
    cue("浪费", (), "waste"),
    cue("虚报", (), "overstate"),
    cue("形式主义", (), "formalism"),
    cue("官僚主义", (), "bureaucratism"),
    cue("腐败", (), "corruption"),
    cue("难以", (), "hard to"),
    cue("难", (), "hard (就业难, 融资难)"),
    cue("低", (), "low (效率低)"),
    cue("弱", (), "weak (能力弱)"),
    cue("差", (), "poor (质量差)"),
    cue("慢", (), "slow (进度慢)"),
];

/// Words of a past-year achievement (取得, 圆满完成, 显著提升): a "problem" heading with one of
/// them and no [`DEFICIENCY_WORDS`] is a success story that sat in a problems section.
pub const ACHIEVEMENT_WORDS: &[Cue<()>] = &[
    cue("取得", (), "achieved"),
    cue("成效", (), "results"),
    cue("成绩", (), "achievements"),
    cue("成就", (), "accomplishments"),
    cue("完成", (), "completed"),
    cue("实现", (), "realised"),
    cue("增长", (), "grew"),
    cue("提升", (), "rose"),
    cue("显著", (), "notably"),
    cue("稳步", (), "steadily"),
    cue("圆满", (), "successfully"),
    cue("明显改善", (), "clearly improved"),
    cue("持续向好", (), "kept improving"),
];

/// Openers of a topic heading (`关于农业合作化问题`): it names what a part is about, not a
/// problem found.
pub const TOPIC_OPENERS: &[Cue<()>] = &[
    cue("关于", (), "about, on (关于…的问题)"),
    cue("论", (), "on (论十大关系)"),
];

/// Endings of a heading that names a field of work, not a measure (`教育助学方面`).
pub const TOPIC_ENDINGS: &[Cue<()>] = &[
    cue("方面", (), "as regards (…方面)"),
    cue("领域", (), "the field of"),
];

/// Inline ordinals that bundle several problems in one item (`一是…；二是…`).
pub const BUNDLE_ORDINALS: &[Cue<()>] = &[
    cue("一是", (), "first"),
    cue("二是", (), "second"),
    cue("三是", (), "third"),
    cue("四是", (), "fourth"),
    cue("五是", (), "fifth"),
    cue("六是", (), "sixth"),
    cue("七是", (), "seventh"),
    cue("八是", (), "eighth"),
    cue("九是", (), "ninth"),
    cue("十是", (), "tenth"),
    cue("其一", (), "first (其一)"),
    cue("其二", (), "second (其二)"),
    cue("其三", (), "third (其三)"),
];

/// How far a rectification item has got.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rectification {
    /// Done (已整改, 已整改到位, 已办结).
    #[serde(rename = "已整改")]
    Done,
    /// Under way (正在整改, 持续推进, 基本完成).
    #[serde(rename = "整改中")]
    InProgress,
    /// Not begun or not done (尚未整改, 未完成整改).
    #[serde(rename = "未整改")]
    NotDone,
}

impl Rectification {
    pub fn as_str(self) -> &'static str {
        match self {
            Rectification::Done => "已整改",
            Rectification::InProgress => "整改中",
            Rectification::NotDone => "未整改",
        }
    }
}

/// Status cues of a rectification report's items, **first match in this order wins**: the
/// negative and partial phrases come first because they contain the positive ones
/// (尚未完成整改 holds 完成整改).
pub const RECTIFICATION_CUES: &[Cue<Rectification>] = &[
    cue("尚未整改", Rectification::NotDone, "not yet rectified"),
    cue("未整改", Rectification::NotDone, "not rectified"),
    cue(
        "未完成整改",
        Rectification::NotDone,
        "rectification not finished",
    ),
    cue("尚未完成", Rectification::NotDone, "not yet finished"),
    cue("尚未到位", Rectification::NotDone, "not yet in place"),
    cue("未按期完成", Rectification::NotDone, "not finished on time"),
    cue("正在整改", Rectification::InProgress, "being rectified"),
    cue("整改中", Rectification::InProgress, "under rectification"),
    cue(
        "持续整改",
        Rectification::InProgress,
        "rectification continues",
    ),
    cue(
        "正在推进",
        Rectification::InProgress,
        "being pushed forward",
    ),
    cue("持续推进", Rectification::InProgress, "kept going"),
    cue("基本完成", Rectification::InProgress, "basically finished"),
    cue(
        "阶段性",
        Rectification::InProgress,
        "a stage of (阶段性成效)",
    ),
    cue("逐步", Rectification::InProgress, "step by step"),
    cue(
        "长期坚持",
        Rectification::InProgress,
        "to be kept up long-term",
    ),
    cue("已整改", Rectification::Done, "rectified"),
    cue("整改到位", Rectification::Done, "rectified in full"),
    cue("完成整改", Rectification::Done, "rectification finished"),
    cue("整改完成", Rectification::Done, "rectification finished"),
    cue("已办结", Rectification::Done, "case closed"),
    cue("已完成", Rectification::Done, "finished"),
    cue("已追回", Rectification::Done, "recovered (funds)"),
    cue("已收回", Rectification::Done, "taken back"),
    cue("已归还", Rectification::Done, "returned"),
    cue(
        "已上缴",
        Rectification::Done,
        "handed over (to the treasury)",
    ),
    cue("已清退", Rectification::Done, "refunded"),
];

/// Whether `text` holds one of `table`'s cues.
pub fn any<T>(table: &[Cue<T>], text: &str) -> bool {
    table.iter().any(|c| text.contains(c.text))
}

/// The status of a rectification item: the first cue of [`RECTIFICATION_CUES`] in `text`.
pub fn rectification(text: &str) -> Option<Rectification> {
    RECTIFICATION_CUES
        .iter()
        .find(|c| text.contains(c.text))
        .map(|c| c.means)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectification_status_reads_our_sentences() {
        use Rectification::*;
        for (sentence, want) in [
            ("整改情况：已整改到位，违规资金已全部退回", Done),
            ("该问题已完成整改，相关制度已印发", Done),
            ("多收取的费用已清退给群众", Done),
            ("挤占的专项资金已归还原渠道", Done),
            ("正在整改，预计三季度完成", InProgress),
            ("已基本完成整改，个别项目仍在验收", InProgress),
            ("此项属长期坚持事项，将持续推进", InProgress),
            ("尚未完成整改，计划年底前补齐资料", NotDone),
            ("因资金缺口，该项目尚未整改", NotDone),
            ("受工期影响未按期完成", NotDone),
        ] {
            assert_eq!(rectification(sentence), Some(want), "{sentence}");
        }
        assert_eq!(rectification("项目资金拨付不及时"), None);
    }

    #[test]
    fn every_table_row_has_a_gloss() {
        let glosses = DEFICIENCY_WORDS
            .iter()
            .chain(ACHIEVEMENT_WORDS)
            .chain(TOPIC_OPENERS)
            .chain(TOPIC_ENDINGS)
            .chain(BUNDLE_ORDINALS)
            .map(|c| (c.text, c.gloss))
            .chain(RECTIFICATION_CUES.iter().map(|c| (c.text, c.gloss)));
        for (text, gloss) in glosses {
            assert!(!text.is_empty() && !gloss.is_empty(), "{text}");
        }
    }
}
