//! Cue tables: the words that make a heading (or an opening sentence) a problems or a measures
//! section, and the guards against the traps seen in real reports.
//!
//! Everything here is data, matched on the **simplified** view of a line, and every entry carries
//! an English gloss. The rules that combine the tables live in [`super::classify`]; a new report
//! genre should need new rows here, not new code.

/// One cue word and what it means.
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    pub text: &'static str,
    pub gloss: &'static str,
}

const fn cue(text: &'static str, gloss: &'static str) -> Cue {
    Cue { text, gloss }
}

/// Words in a heading that name a problems section (存在的问题, 问题和不足, 短板, 差距 …).
pub const PROBLEM_WORDS: &[Cue] = &[
    cue("问题", "problem(s)"),
    cue("不足", "shortcomings"),
    cue("短板", "weak spots (\"short planks\")"),
    cue("差距", "gaps (falling short of a standard)"),
    cue("困难", "difficulties"),
    cue("挑战", "challenges"),
    cue("薄弱环节", "weak links"),
    cue("瓶颈", "bottlenecks"),
    cue("弊端", "drawbacks"),
    cue("症结", "crux of a problem"),
    cue("隐患", "hidden dangers"),
    cue("缺点", "shortcomings, defects (缺点和不足, 缺点和错误)"),
    cue("错误", "mistakes (older reports: 工作中的缺点和错误)"),
];

/// Verbs that fix what the problem word after them names (`补短板`, `补齐民生短板`, `解决
/// 历史遗留问题`, `破解发展难题`): a heading with them names work on problems, not problems.
pub const FIX_VERBS: &[Cue] = &[
    cue("补", "patch up (补短板)"),
    cue("补齐", "make up for"),
    cue("解决", "solve"),
    cue("破解", "crack"),
    cue("化解", "defuse"),
    cue("攻克", "overcome"),
    cue("整治", "clean up"),
    cue(
        "整改",
        "rectify (整改上轮巡视整改未到位问题: work done on problems)",
    ),
    cue("处置", "dispose of (处置问题线索)"),
    cue("防范", "guard against"),
    cue("聚焦", "focus on (a plan's wording)"),
    cue("推动相关", "push the related (…问题一体整改)"),
];

/// Verbs of method right before a problem verb (`查找存在问题`, `梳理存在的问题`): a sentence
/// saying what an evaluation or audit set out to do, not that problems exist.
pub const METHOD_VERBS: &[Cue] = &[
    cue("查找", "look for"),
    cue("查摆", "lay out (in self-criticism)"),
    cue("梳理", "sort out"),
    cue("剖析", "dissect"),
    cue("分析", "analyse"),
    cue("找出", "find out"),
];

/// Words after a problem word that say it is being fixed (`问题一体整改`, `问题整改到位`,
/// `问题得到解决`).
pub const FIXED_AFTER: &[Cue] = &[
    cue("一体整改", "rectified together"),
    cue("整改到位", "fully rectified"),
    cue("得到解决", "got solved"),
    cue("清零", "cleared"),
];

/// Phrases that use a problem word without announcing a list of problems; a heading containing
/// one of these is not a problems section by that word.
pub const PROBLEM_GUARDS: &[Cue] = &[
    cue(
        "其他需要说明",
        "other matters to explain (template heading)",
    ),
    cue("其他说明", "other notes (template heading)"),
    cue(
        "需要说明的问题",
        "issues needing explanation (template heading)",
    ),
    cue("是否", "whether … (interview question)"),
    cue("如何", "how … (open question)"),
    cue("怎样", "how … (open question)"),
    cue(
        "注意",
        "points to pay attention to (advice, not deficiencies)",
    ),
    cue("解决了", "solved (past tense)"),
    cue("克服困难", "overcame difficulties (achievement)"),
    cue(
        "汇报如下",
        "reported as follows (announces the whole report)",
    ),
    cue(
        "报告如下",
        "reported as follows (announces the whole report)",
    ),
    cue(
        "总结如下",
        "summed up as follows (announces the whole report)",
    ),
    cue(
        "问题整改",
        "rectification of problems: a report on work done (问题整改情况)",
    ),
    cue(
        "问题的整改",
        "the rectification of problems (审计查出问题的整改情况)",
    ),
];

/// Head nouns of a heading about the *causes* of problems (问题产生的原因, 问题背后的原因分析): a
/// problem word that only modifies one of these does not make a problems section. A coordinator
/// between them ([`COORDINATORS`]) keeps the problems: 存在的问题及原因分析.
pub const CAUSE_HEADS: &[Cue] = &[
    cue("原因", "causes, reasons"),
    cue("根源", "roots (of a problem)"),
    cue("成因", "causes of formation"),
];

/// Head nouns of a rationale heading (直面新挑战的客观需要, 破解发展难题的必然要求): the heading
/// says why something must be done, and the problem word only modifies this head. Matched at the
/// end of the headline, with no coordinator ([`COORDINATORS`]) after the problem word: 存在的问题
/// 和下一步工作要求 keeps its problems.
pub const PURPOSE_HEADS: &[Cue] = &[
    cue("需要", "need (客观需要, 现实需要, 迫切需要)"),
    cue("要求", "requirement (必然要求, 内在要求)"),
    cue("选择", "choice (必然选择, 现实选择)"),
    cue("举措", "step, move (重要举措)"),
    cue("之举", "a move (务实之举)"),
    cue("途径", "path, way (有效途径)"),
    cue("路径", "path (必由路径)"),
    cue("关键", "the key (解决问题的关键)"),
    cue("意义", "significance (现实意义)"),
];

/// People whose opinion a news story reports (代表们认为, 委员们一致表示, 与会人员认为): a problems
/// sentence in their mouth is the story's account of a debate, not the report's own list. Each
/// counts only when a [`SPEECH_VERBS`] word follows within a few chars.
pub const REPORTED_SPEAKERS: &[Cue] = &[
    cue("代表们", "the deputies (news of a people's congress)"),
    cue("委员们", "the committee members (news of a CPPCC session)"),
    cue("代表", "deputy, deputies (代表一致认为)"),
    cue("委员", "committee member(s) (委员普遍认为)"),
    cue("与会", "those attending (与会人员, 与会代表, 与会者)"),
    cue("大家", "everyone (大家一致认为)"),
];

/// Verbs of saying or holding an opinion after a [`REPORTED_SPEAKERS`] word.
pub const SPEECH_VERBS: &[Cue] = &[
    cue("认为", "think, hold that"),
    cue("表示", "state, say"),
    cue("指出", "point out"),
    cue("谈到", "mention"),
];

/// Words by which a text describes itself (本文分析了…存在的问题, 【摘要】文章…提出改进措施): a
/// problems sentence with one of these before it says what the paper covers, not what is wrong.
pub const SELF_REFERENCES: &[Cue] = &[
    cue("本文", "this paper"),
    cue("文章以", "the article takes (X as its case)"),
    cue("文章从", "the article, from (several angles)"),
    cue("文章分析", "the article analyses"),
    cue("笔者", "the author"),
    cue("本研究", "this study"),
    cue("摘要", "abstract"),
];

/// Openers of a how-to text that explains what a part of a report should say (三、问题和改进措施。
/// 这部分主要写…): a heading followed by one of these is a template's, not a report's.
pub const TEMPLATE_BODY_OPENERS: &[Cue] = &[
    cue("这部分", "this part (should …)"),
    cue("这一部分", "this part (should …)"),
    cue("本部分", "this part"),
    cue("该部分", "that part"),
];

/// Words that join two heads of a heading (问题及原因, 问题和不足).
pub const COORDINATORS: &[Cue] = &[
    cue("及", "and"),
    cue("和", "and"),
    cue("与", "and, with"),
    cue("、", "enumeration comma"),
    cue("以及", "as well as"),
    cue("并", "and also"),
];

/// Labels of a report's back matter: a glossary or an annex ends the section before it (a
/// measures list must not run on into 名词解释 1.三公经费：指…). Matched at the start of a
/// paragraph, after an optional `附：` and outline marker; an annex label must stand alone or be
/// followed by its number or a colon (附件1：, not 附件材料不齐全).
pub const GLOSSARY_LABELS: &[Cue] = &[
    cue("名词解释", "glossary (explanation of terms)"),
    cue("名词释义", "glossary"),
    cue("名词注释", "glossary"),
    cue("术语解释", "explanation of terms"),
    cue("术语表", "list of terms"),
    cue("词语解释", "explanation of words"),
    cue("有关名词解释", "explanation of the terms used"),
];
/// The annex labels that open back matter: of the split's annex labels (附件 附表 附录 表 图 …)
/// only these, since a table label (表1) may stand inside a section.
pub const ANNEX_HEADS: &[Cue] = &[
    cue("附件", "annex"),
    cue("附表", "annexed table"),
    cue("附录", "appendix"),
];

/// Words of a heading about rectification: the problem headings under it (关于…的问题) each head
/// the account of how that problem was fixed, so they open no problems sections.
pub const RECTIFICATION_HEADS: &[Cue] = &[
    cue("整改", "rectification (问题整改的具体情况)"),
    cue("整治情况", "state of remediation"),
];

/// Words in a heading that name a measures (proposals) section on their own.
pub const MEASURE_WORDS: &[Cue] = &[
    cue("建议", "suggestions, recommendations"),
    cue("对策", "countermeasures"),
    cue("下一步", "next step"),
    cue("下步", "next step (下步工作措施, a short form of 下一步)"),
    cue("今后", "from now on, in future"),
    cue("打算", "plans, intentions"),
    cue(
        "思路",
        "line of thinking, approach (工作思路: plan of work)",
    ),
    cue("努力方向", "direction of effort"),
    cue("改进方向", "direction of improvement"),
    cue("工作计划", "work plan"),
    cue("工作安排", "work arrangements"),
    cue("主要任务", "main tasks"),
    cue("重点任务", "key tasks"),
    cue("工作任务", "work tasks"),
    cue("重点工作", "priorities of work"),
    cue("工作重点", "focus of work"),
    cue("设想", "envisaged plans"),
    cue("展望", "outlook"),
    cue("改进措施", "measures for improvement"),
    cue("整改措施", "rectification measures"),
    cue("几点意见", "a few opinions (proposals)"),
    cue(
        "审计意见",
        "audit opinions: the auditor's recommendations (not 审计评价意见, an appraisal)",
    ),
];

/// Words that name measures only when a future marker says they are proposed, not taken
/// (采取有力措施 "took strong measures" reports past work).
pub const WEAK_MEASURE_WORDS: &[Cue] = &[
    cue("措施", "measures"),
    cue("举措", "initiatives"),
    cue("办法", "methods"),
    cue("路径", "paths, ways"),
];

/// Markers of the future that turn a weak measure word into a proposal.
pub const FUTURE_MARKERS: &[Cue] = &[
    cue("下一步", "next step"),
    cue("今后", "from now on"),
    cue("明年", "next year"),
    cue("来年", "the coming year"),
    cue("未来", "future"),
    cue("下阶段", "next stage"),
    cue("下一阶段", "next stage"),
    cue("今年", "this year (in a plan)"),
    cue(
        "任务的",
        "for the tasks of (完成2026年预算任务的主要措施: measures to fulfil a plan)",
    ),
    cue("目标的", "for the targets of (实现全年目标的措施)"),
];

/// Words of a report on past work: a measure word *before* one of these is about work done
/// (措施落实情况 "how the measures were carried out"), so the heading is not a proposal.
pub const PAST_GUARDS: &[Cue] = &[
    cue("情况", "situation, state of affairs"),
    cue("回顾", "review"),
    cue("成效", "results achieved"),
    cue("成绩", "achievements"),
    cue("做法", "practices adopted"),
    cue("经验", "experience gained"),
    cue("完成", "completed"),
];

/// Verbs that, in a sentence, say problems exist or were found: 存在一些问题和不足,
/// 面临不少困难和挑战, 暴露出……短板. An opening sentence needs one of these before a problem word.
pub const PROBLEM_VERBS: &[Cue] = &[
    cue("存在", "there exist"),
    cue("面临", "face"),
    cue("暴露", "expose, reveal"),
    cue("发现", "find, discover"),
    cue("反映出", "reflect, bring out"),
    cue("认识到", "recognise"),
    cue("看到", "see"),
    cue("仍有", "there still are"),
    cue("还有", "there also are"),
];

/// Verbs of an opening sentence that *recognise* problems (我们也清醒地认识到……困难和问题还不少):
/// government work reports follow them with plain sentences, one problem each, and no numbering.
/// Only these (not 存在, 发现) let an opening sentence take the sentences after it as items.
pub const RECOGNITION_VERBS: &[Cue] = &[
    cue("认识到", "recognise"),
    cue("看到", "see (清醒看到 \"soberly see\")"),
    cue("清醒", "soberly (清醒地认识到)"),
    cue("坦承", "admit frankly"),
];

/// Words right after a problem word that acknowledge the problems (面临的问题和困难也不少,
/// 困难还很多): such a sentence recognises problems as a 认识到 sentence does.
pub const ACKNOWLEDGED_AFTER: &[Cue] = &[
    cue("也不少", "are not few either"),
    cue("还不少", "are still many"),
    cue("不少", "are not few"),
    cue("还很多", "are still many"),
    cue("很多", "are many"),
    cue("较多", "are rather many"),
];

/// Sentence openers that close a list of problem sentences: the report turns to its resolve
/// (我们一定要直面挑战, 对此我们将高度重视, 这些都需要我们…解决).
pub const CLOSING_OPENERS: &[Cue] = &[
    cue("我们一定", "we will certainly"),
    cue("我们要", "we must"),
    cue("我们既要", "we must both"),
    cue("我们必须", "we must"),
    cue("我们将", "we will"),
    cue("我们决不", "we will never"),
    cue("对此", "about this"),
    cue("对以上", "about the above"),
    cue("对上述", "about the above-mentioned"),
    cue("对于上述", "about the above-mentioned"),
    cue("对这些", "about these"),
    cue("对于这些", "about these"),
    cue("这些问题", "these problems"),
    cue("这些都", "all these"),
    cue("针对上述", "in response to the above"),
    cue("针对这些", "in response to these"),
];

/// Openers of a body sentence that announces the year's measures without a heading:
/// 做好今年的政府工作，要…, 做好明年工作，必须…. The sentence must start with an opener (after a
/// speaker such as 温家宝指出，) and contain a linker soon after.
pub const MEASURE_INTRO_OPENERS: &[Cue] = &[
    cue("做好", "to do … well (做好今年工作)"),
    cue("针对上述问题", "in view of the problems above (…，建议…)"),
    cue("针对以上问题", "in view of the problems above"),
    cue("针对这些问题", "in view of these problems"),
    cue("针对存在的问题", "in view of the existing problems"),
];

/// Linkers that follow [`MEASURE_INTRO_OPENERS`] within a few chars: the requirement follows.
pub const MEASURE_INTRO_LINKERS: &[Cue] = &[
    cue("工作，要", "(to do the work well) we must"),
    cue("工作，必须", "(to do the work well) we must"),
    cue("工作，我们要", "(to do the work well) we must"),
    cue("工作，就要", "(to do the work well) we must"),
    cue(
        "，建议",
        "(in view of the problems above) it is suggested that",
    ),
    cue(
        ",建议",
        "(in view of the problems above) it is suggested that",
    ),
    cue("，提出如下建议", "(in view of …) we propose the following"),
];

/// Modal words that, within a few chars before 以下/如下 on a line ending in a colon, announce a
/// list of proposals: 我们需要从以下几个方面入手：, 应考虑以下两个方面：, 建议如下：, 重点抓好以下工作：.
/// 主要体现在以下几个方面： (no modal) announces findings, not proposals.
pub const MEASURE_LIST_MODALS: &[Cue] = &[
    cue("需要", "need to"),
    cue("应", "should (应从, 应考虑)"),
    cue("必须", "must"),
    cue("要从", "must (start) from"),
    cue("要做好", "must do well"),
    cue("要抓好", "must grasp well"),
    cue("将从", "will (start) from"),
    cue("拟", "intend to"),
    cue("重点抓好", "focus on"),
    cue("重点做好", "focus on doing well"),
    cue("着力抓好", "concentrate on"),
];

/// Nouns of proposals right next to 以下/如下 (建议如下, 提出以下几点建议, 对策如下): a list of
/// proposals follows without a modal.
pub const PROPOSAL_NOUNS: &[Cue] = &[
    cue("建议", "suggestions"),
    cue("对策", "countermeasures"),
    cue("措施", "measures (以下措施; not after 采取了)"),
];

/// Words before a measure word of a heading that make it a record of work done: 已采纳的审计建议
/// ("the audit suggestions already adopted"), 已落实的措施.
pub const DONE_MARKERS: &[Cue] = &[cue("已", "already")];

/// Words that point to the list after them (以下 "the following", 如下 "as follows").
pub const LIST_POINTERS: &[Cue] = &[cue("以下", "the following"), cue("如下", "as follows")];

/// Endings of a clause that frames a problem sentence rather than stating it (在住房、教育等方面，
/// 人民群众还有不少不满意的地方): the headline runs on to the next clause.
pub const FRAME_ENDINGS: &[Cue] = &[
    cue("方面", "in the area of (在…方面)"),
    cue("领域", "in the field of (在…领域)"),
    cue("来看", "looking at (从…来看)"),
    cue("来说", "speaking of"),
];

/// Bodies that mean "nothing to report": a section holding only these is empty.
pub const EMPTY_BODIES: &[Cue] = &[
    cue("无", "none"),
    cue("暂无", "none for now"),
    cue("没有", "none"),
    cue("无问题", "no problems"),
    cue("无建议", "no suggestions"),
    cue("不适用", "not applicable"),
];

/// Headline patterns of a category heading that groups items without being one (从招商人员来讲,
/// 关于资金的问题, 工作重点). Checked only on items that have children.
pub const GROUP_PREFIXES: &[Cue] = &[
    cue("从", "from the angle of (从…来看)"),
    cue("关于", "concerning"),
    cue("就", "as for"),
    cue("对于", "as for"),
    cue("在", "in (在…方面)"),
];

/// Endings of a category heading (…来讲, …来看, …方面).
pub const GROUP_SUFFIXES: &[Cue] = &[
    cue("来讲", "speaking of"),
    cue("来看", "looking at"),
    cue("来说", "speaking of"),
    cue("看", "looking at"),
    cue("方面", "aspect"),
    cue("问题", "the question of (关于…问题)"),
    cue("存在", "there exist (从…来讲存在)"),
];

/// Headlines of planning context inside a measures section: not measures themselves.
pub const CONTEXT_HEADS: &[Cue] = &[
    cue("指导思想", "guiding ideology"),
    cue("总体要求", "overall requirements"),
    cue("工作目标", "work targets"),
    cue("主要目标", "main targets"),
    cue("基本原则", "basic principles"),
    cue("总体思路", "overall approach"),
];

/// Words that open a measure clause in an unnumbered measures paragraph (进一步细化工作措施,
/// 加强具体工作的操作和执行, 督促工作人员加强业务学习 …).
pub const MEASURE_VERBS: &[Cue] = &[
    cue("进一步", "further"),
    cue("加强", "strengthen"),
    cue("强化", "reinforce"),
    cue("完善", "improve, perfect"),
    cue("健全", "make sound"),
    cue("建立", "establish"),
    cue("提升", "raise"),
    cue("提高", "raise"),
    cue("推进", "push forward"),
    cue("推动", "promote"),
    cue("加大", "increase"),
    cue("加快", "speed up"),
    cue("优化", "optimise"),
    cue("规范", "standardise"),
    cue("落实", "implement"),
    cue("督促", "urge, supervise"),
    cue("科学", "scientifically"),
    cue("合理", "rationally"),
    cue("不断", "continuously"),
    cue("持续", "continuously"),
    cue("深化", "deepen"),
    cue("创新", "innovate"),
    cue("拓宽", "broaden"),
    cue("严格", "strictly"),
    cue("切实", "earnestly"),
    cue("着力", "focus on"),
    cue("大力", "vigorously"),
    cue("积极", "actively"),
    cue("继续", "continue"),
    cue("坚持", "persist in"),
    cue("细化", "refine"),
    cue("扎实", "solidly"),
    cue("全面", "comprehensively"),
    cue("努力", "strive to"),
    cue("争取", "strive for"),
];

/// Lead-ins stripped before looking for a measure verb (今后我们将进一步…).
pub const CLAUSE_LEAD_INS: &[Cue] = &[
    cue("下一步", "next step"),
    cue("今后", "from now on"),
    cue("我们", "we"),
    cue("我局", "our bureau"),
    cue("还将", "will also"),
    cue("将", "will"),
    cue("要", "must"),
    cue("应", "should"),
    cue("需要", "need to"),
    cue("需", "need to"),
    cue("建议", "it is suggested to (建议进一步完善…)"),
];

/// Clause openers that end a headline (主要原因是… gives the cause, not the problem).
pub const HEADLINE_STOPS: &[Cue] = &[
    cue("主要原因", "the main cause is"),
    cue("原因是", "the cause is"),
    cue("究其原因", "the root cause is"),
];

/// Whether `s` contains any cue of `table`.
pub fn contains_any(s: &str, table: &[Cue]) -> bool {
    table.iter().any(|c| s.contains(c.text))
}

/// Whether `s` starts with any cue of `table`.
pub fn contains_any_prefix(s: &str, table: &[Cue]) -> bool {
    table.iter().any(|c| s.starts_with(c.text))
}

/// Byte position of the last occurrence of any cue of `table` in `s` (end of the match).
/// The end of the last problem word of `s` that no fixing word frames ([`FIX_VERBS`] within
/// the few chars of its clause before it, [`FIXED_AFTER`] right after it).
pub fn last_problem_pos(s: &str) -> Option<usize> {
    const FIX_WINDOW_CHARS: usize = 6;
    PROBLEM_WORDS
        .iter()
        .flat_map(|c| s.match_indices(c.text).map(move |(i, w)| (i, i + w.len())))
        .filter(|&(i, end)| {
            let before = crate::lex::tail_chars(&s[..i], FIX_WINDOW_CHARS);
            let clause = crate::lex::sentence::clause_tail(before);
            let clause = clause.rsplit('、').next().unwrap_or(clause);
            // `应当解决的几个问题` names the problems to solve: a 的 between keeps them.
            let fixed_before = FIX_VERBS.iter().any(|v| {
                clause
                    .rfind(v.text)
                    .is_some_and(|at| !clause[at + v.text.len()..].contains('的'))
            });
            let fixed_after = FIXED_AFTER.iter().any(|v| s[end..].starts_with(v.text));
            !fixed_before && !fixed_after
        })
        .map(|(_, end)| end)
        .max()
}

pub fn last_pos(s: &str, table: &[Cue]) -> Option<usize> {
    table
        .iter()
        .filter_map(|c| s.rfind(c.text).map(|p| p + c.text.len()))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_has_a_gloss_and_is_simplified() {
        let tables: &[&[Cue]] = &[
            PROBLEM_WORDS,
            FIX_VERBS,
            FIXED_AFTER,
            METHOD_VERBS,
            PROBLEM_GUARDS,
            MEASURE_WORDS,
            WEAK_MEASURE_WORDS,
            FUTURE_MARKERS,
            PAST_GUARDS,
            PROBLEM_VERBS,
            EMPTY_BODIES,
            GROUP_PREFIXES,
            GROUP_SUFFIXES,
            CONTEXT_HEADS,
            MEASURE_VERBS,
            CLAUSE_LEAD_INS,
            HEADLINE_STOPS,
            RECOGNITION_VERBS,
            ACKNOWLEDGED_AFTER,
            CLOSING_OPENERS,
            MEASURE_INTRO_OPENERS,
            MEASURE_INTRO_LINKERS,
            FRAME_ENDINGS,
            CAUSE_HEADS,
            COORDINATORS,
            MEASURE_LIST_MODALS,
            LIST_POINTERS,
            PROPOSAL_NOUNS,
            DONE_MARKERS,
            RECTIFICATION_HEADS,
        ];
        for t in tables {
            for c in t.iter() {
                assert!(!c.text.is_empty() && !c.gloss.is_empty());
                assert_eq!(
                    hanconv::t2s(c.text),
                    c.text,
                    "cue not simplified: {}",
                    c.text
                );
            }
        }
    }
}
