//! The cue tables of money semantics: rules as data, each row with its gloss.
//!
//! Every table holds simplified terms only (the rules read the simplified view of a line). A cue
//! counts when it stands in the sentence before the figure; the nearest one wins (the word
//! closest to a number is the one that names it: `预算公务接待费为10万元，已开支6万元`).

use super::{Measure, SpanKind, Status};

/// A cue word and what it says, with a gloss for readers of the table.
#[derive(Debug, Clone, Copy)]
pub struct Cue<T: 'static> {
    pub text: &'static str,
    pub means: T,
    pub gloss: &'static str,
}

/// A table row: the one constructor of [`Cue`], shared by every stage's tables.
pub(crate) const fn cue<T>(text: &'static str, means: T, gloss: &'static str) -> Cue<T> {
    Cue { text, means, gloss }
}

use Measure::*;

/// What a sum measures, from the word that names it. Longer terms win over the shorter terms
/// they hold (`预算收入` is a budget, `收入` revenue; `招商引资到位资金` investment, `到位` allocation).
pub const MEASURES: &[Cue<Measure>] = &[
    // budget: planned, requested, approved.
    cue("预算收入", Budget, "budgeted revenue"),
    cue("预算支出", Budget, "budgeted spending"),
    cue(
        "一般公共预算支出",
        Expenditure,
        "general public budget spending (what was spent)",
    ),
    cue(
        "公共财政预算支出",
        Expenditure,
        "public finance budget spending",
    ),
    cue("年初预算", Budget, "budget at the start of the year"),
    cue("预算安排", Budget, "budget arranged"),
    cue("预算数", Budget, "budgeted figure"),
    cue("预算", Budget, "budget"),
    cue("安排资金", Budget, "funds arranged"),
    cue("安排", Budget, "arranged (for a purpose)"),
    cue("申请资金", Budget, "funds requested"),
    cue("申报", Budget, "declared for approval"),
    cue("批复", Budget, "approved"),
    cue("概算", Budget, "estimate"),
    cue("经费保证", Budget, "funds guaranteed"),
    cue("定额补贴", Budget, "quota subsidy"),
    cue("计划投入", Budget, "planned input"),
    cue("收入计划", Budget, "revenue plan"),
    // allocation: handed down or received.
    cue("下达", Allocation, "handed down"),
    cue("拨付", Allocation, "disbursed to a unit"),
    cue("拨入", Allocation, "received from above"),
    cue("拨款", Allocation, "appropriation"),
    cue("转移支付", Allocation, "transfer payment"),
    cue("争取资金", Allocation, "funds obtained from above"),
    cue("争取", Allocation, "obtained (from above)"),
    cue("上级资金", Allocation, "funds from the level above"),
    // expenditure: spent or paid out.
    cue("支出", Expenditure, "spending"),
    cue("开支", Expenditure, "outlay"),
    cue("使用", Expenditure, "used"),
    cue("发放", Expenditure, "paid out"),
    cue("支付", Expenditure, "paid"),
    cue("兑现", Expenditure, "honoured (paid)"),
    cue("投入", Expenditure, "put in (by a government or unit)"),
    cue("执行", Expenditure, "executed"),
    cue("花费", Expenditure, "spent"),
    cue("资助", Expenditure, "aid granted"),
    cue("助学金", Expenditure, "student grant"),
    cue("奖学金", Expenditure, "scholarship"),
    cue("免除学费", Expenditure, "fees waived"),
    cue("免学费", Expenditure, "fees waived"),
    cue("采购", Expenditure, "procurement"),
    cue("补贴", Expenditure, "subsidy paid"),
    cue("救助", Expenditure, "relief paid"),
    // revenue: income of a government or unit.
    cue("财政收入", Revenue, "fiscal revenue"),
    cue("一般公共预算收入", Revenue, "general public budget revenue"),
    cue("公共财政预算收入", Revenue, "public finance budget revenue"),
    cue("地方财政收入", Revenue, "local fiscal revenue"),
    cue("税收", Revenue, "tax revenue"),
    cue("非税收入", Revenue, "non-tax revenue"),
    cue("实际收入", Revenue, "actual revenue"),
    cue("税金", Revenue, "taxes paid in"),
    cue(
        "补助收入",
        Allocation,
        "subsidy revenue from the level above",
    ),
    cue("债务转贷收入", Financial, "on-lent debt revenue"),
    cue("转贷", Financial, "on-lent"),
    cue("结余", Financial, "fund balance"),
    cue("生活费收入", Income, "household living income"),
    cue("收入", Revenue, "revenue"),
    cue("财政收支", Revenue, "fiscal revenue and spending"),
    // investment.
    cue("投资", Investment, "investment"),
    cue("总投资", Investment, "total investment"),
    cue("固定资产投资", Investment, "fixed-asset investment"),
    cue("协议投资", Investment, "contracted investment"),
    cue("到位资金", Investment, "investment funds in place"),
    cue("招商引资", Investment, "investment attracted"),
    cue("引资", Investment, "investment attracted"),
    cue("内外资", Investment, "domestic and foreign capital"),
    cue("内资", Investment, "domestic capital"),
    cue("外资", Investment, "foreign capital"),
    cue("引进资金", Investment, "funds brought in"),
    cue("引进", Investment, "brought in (projects, capital)"),
    cue("招商", Investment, "investment promotion"),
    cue("项目", Investment, "project (of a size)"),
    // output.
    cue("生产总值", Output, "GDP"),
    cue("GDP", Output, "GDP"),
    cue("国民收入", Output, "national income"),
    cue("产值", Output, "output value"),
    cue("增加值", Output, "value added"),
    cue("营业收入", Output, "business revenue of firms"),
    cue("销售收入", Output, "sales revenue of firms"),
    cue("主营业务收入", Output, "main business revenue"),
    // Receipts of an industry, not of a government (`旅游收入31.8亿元`, `接待游客…实现旅游总收入`).
    cue("旅游收入", Output, "tourism receipts of the sector"),
    cue("旅游总收入", Output, "total tourism receipts"),
    cue("旅游综合收入", Output, "overall tourism receipts"),
    cue("电商交易", Financial, "e-commerce turnover"),
    cue("销售额", Output, "sales"),
    cue("营业额", Output, "turnover of firms"),
    cue("产业规模", Output, "size of an industry"),
    cue("产值规模", Output, "output scale"),
    cue("总产值", Output, "gross output value"),
    // trade.
    cue("进出口", Trade, "imports and exports"),
    cue("出口", Trade, "exports"),
    cue("进口", Trade, "imports"),
    cue("外贸", Trade, "foreign trade"),
    // consumption.
    cue(
        "社会消费品零售总额",
        Consumption,
        "retail sales of consumer goods",
    ),
    cue("零售总额", Consumption, "retail sales"),
    cue("消费", Consumption, "consumption"),
    // income of households and persons.
    cue("可支配收入", Income, "disposable income"),
    cue("纯收入", Income, "net income (of farmers)"),
    cue("工资", Income, "wages"),
    cue("养老金", Income, "pension"),
    cue("退休金", Income, "retirement pay"),
    cue("考核奖", Income, "appraisal bonus"),
    cue("奖金", Income, "bonus"),
    // financial.
    cue("存款", Financial, "deposits"),
    cue("贷款", Financial, "loans"),
    cue("债务", Financial, "debt"),
    cue("债券", Financial, "bonds"),
    cue("融资", Financial, "financing"),
    cue("交易额", Financial, "market turnover"),
    cue("成交额", Financial, "turnover"),
    cue("资产", Financial, "assets"),
    cue("保费", Financial, "insurance premiums"),
    cue("余额", Financial, "balance"),
    // other.
    cue("损失", Other, "loss"),
    cue("违规金额", Other, "sum found irregular (audit)"),
    cue("不规范金额", Other, "sum found mismanaged (audit)"),
    cue("查出", Other, "found by an audit"),
    cue("挪用", Other, "misappropriated"),
    cue("套取", Other, "obtained by fraud"),
    cue("闲置", Other, "left idle"),
    cue("结转下年", Other, "carried over to the next year"),
    cue("罚款", Other, "fine"),
    cue("罚没", Other, "confiscation"),
    cue("价格", Other, "price"),
    cue("奖励", Other, "prize"),
    cue("节约", Other, "saving"),
];

use Status::*;

/// Whether a sum happened: the nearest of these words before it. Target words name goals,
/// forecasts and intentions; actual words name what was done.
pub const STATUSES: &[Cue<Status>] = &[
    cue("预计", Target, "forecast"),
    cue("预期", Target, "expected"),
    cue("力争", Target, "strive for"),
    cue("争取再", Target, "strive to obtain more"),
    cue("计划投资", Target, "plans to invest"),
    cue("计划引进", Target, "plans to bring in"),
    cue("计划投入", Target, "plans to put in"),
    cue("计划完成", Target, "plans to complete"),
    cue("计划到", Target, "plans by (a year)"),
    cue("计划任务", Target, "planned task"),
    cue("计划实施", Target, "plans to carry out"),
    cue("拟", Target, "intend"),
    cue("目标", Target, "goal"),
    cue("任务", Target, "assigned task"),
    cue("要达到", Target, "is to reach"),
    cue("将达到", Target, "will reach"),
    cue("可达到", Target, "can reach"),
    cue("可达", Target, "can reach"),
    cue("确保", Target, "ensure"),
    cue("规划", Target, "planned"),
    cue("明年", Target, "next year"),
    cue("保证", Target, "guarantee"),
    cue("力求", Target, "seek"),
    cue("每年要", Target, "each year must"),
    cue("将", Target, "will"),
    cue("完成", Actual, "completed"),
    cue(
        "绩效目标",
        Actual,
        "performance goals (names a plan's indicators, not a sum's status)",
    ),
    cue("实现", Actual, "achieved"),
    cue("已", Actual, "already"),
    cue("实际", Actual, "actual"),
    cue("累计", Actual, "accumulated"),
];

/// Nouns that name a kind of funds but not what happened to them: they decide the measure only
/// when no word of [`MEASURES`] stands before the figure (`拟安排新农村建设专项资金2000万元` is a
/// budget, `其中公务接待费3.58万元` an expenditure).
pub const FUND_NOUNS: &[Cue<Measure>] = &[
    cue("专项资金", Allocation, "earmarked funds"),
    cue("补助资金", Allocation, "subsidy funds"),
    cue("直补资金", Expenditure, "direct subsidies paid"),
    cue("建设资金", Expenditure, "construction funds"),
    cue("接待费", Expenditure, "reception costs"),
    cue("维护费", Expenditure, "upkeep costs"),
    cue("会议费", Expenditure, "meeting costs"),
    cue("培训费", Expenditure, "training costs"),
    cue("经费", Expenditure, "operating funds"),
    cue("费用", Expenditure, "costs"),
];

/// Words between a budget word and its number that say the budget was carried out
/// (`一般公共预算收入预算数为98.6亿元，实际完成101.2亿元`): the sum is then the revenue or the
/// spending itself.
pub const EXECUTION_WORDS: &[&str] = &["完成", "实际", "执行", "实现"];

/// Words that make a 收入 a household's or a person's income (`农民人均纯收入`, `职工…收入`).
pub const PERSON_WORDS: &[&str] = &[
    "人均",
    "职工",
    "居民",
    "农民",
    "家庭",
    "城镇居民",
    "农村居民",
];

use SpanKind::*;

/// Conditions that put a sum in the future wherever they stand before it in the sentence:
/// what a project will yield once built (`项目全部投产后，可…实现产值40亿元`).
pub const FUTURE_CONDITIONS: &[&str] = &["投产后", "建成后", "达产后", "达效后", "届时", "完成后"];

/// The period a sum covers. `截至…` (a stock at a date) outranks the others wherever it stands
/// in the sentence; otherwise the nearest cue wins, and no cue means one year.
pub const SPANS: &[Cue<SpanKind>] = &[
    cue("截至", ToDate, "as of"),
    cue("截止", ToDate, "as of"),
    cue("至今", ToDate, "up to now"),
    cue("年末", ToDate, "at year end"),
    cue("年底", ToDate, "at year end"),
    cue("余额", ToDate, "balance"),
    cue("上半年", PartYear, "first half"),
    cue("下半年", PartYear, "second half"),
    cue("季度", PartYear, "quarter"),
    cue("春季", PartYear, "spring term"),
    cue("秋季", PartYear, "autumn term"),
    cue("学期", PartYear, "school term"),
    cue("月份", PartYear, "months"),
    cue("五年", MultiYear, "five years"),
    cue("年来", MultiYear, "over the years"),
    cue("以来", MultiYear, "since"),
    cue("期间", MultiYear, "during (a plan period)"),
    cue("时期", MultiYear, "during (a period)"),
    cue("连续", MultiYear, "in a row"),
    cue("累计", MultiYear, "accumulated"),
    cue("全年", Year, "the whole year"),
    cue("年度", Year, "the year"),
    cue("每年", Year, "each year"),
];

/// Words that place a sum relative to the report's own year: (word, years from it).
pub const RELATIVE_YEARS: &[Cue<i32>] = &[
    cue("今年", 0, "this year"),
    cue("本年", 0, "this year"),
    cue("当年", 0, "that same year"),
    cue("去年", -1, "last year"),
    cue("上年", -1, "the previous year"),
    cue("上一年", -1, "the previous year"),
    cue("过去一年", -1, "the past year"),
    cue("前年", -2, "the year before last"),
    cue("明年", 1, "next year"),
];

/// What a comparison base follows (`比上年`, `较去年`, `同上年相比`, `与去年同期相比`).
pub const COMPARISON_MARKS: &[&str] = &["比", "较", "同", "与", "和", "超过", "高于", "低于"];

/// Words that end a subject phrase on its right: the verb or copula between a subject and its
/// number (`公务接待费为`, `总投资达`).
pub const SUBJECT_TAILS: &[&str] = &[
    "达到",
    "达",
    "为",
    "是",
    "共计",
    "合计",
    "总计",
    "计",
    "约",
    "近",
    "超过",
    "突破",
    "迈上",
    "跨上",
    "登上",
    "逾",
    "了",
    "的",
    "共",
    "有",
    "已",
    "增至",
    "增加到",
    "提高到",
    "增长到",
    "下降到",
    "减少到",
    "提升到",
    "上升到",
    "降低到",
    "扩大到",
    "完成",
    "实现",
    "力争",
    "计划安排",
    "安排",
    "拟",
    "已开支",
    "已支出",
    "可",
    "要",
    "将",
    "保证",
    "在",
    "上",
    "到",
];

/// Words that, standing between a measure cue and the number, make the number a quota set for
/// something else (`下达攻坚任务64亿元`, `下达我市全年目标任务225亿元`): the cue does not name it.
pub const QUOTA_WORDS: &[&str] = &["任务", "目标", "指标"];

/// Words that open a subject run but do not name the money, with the chars that must follow
/// for the cut to leave a phrase (`其中税收收入` → `税收收入`, `全市一般公共预算收入` →
/// `一般公共预算收入`, `市财政局安排` …). The subject starts after the last one found; `的` and
/// `预算` only before a longer phrase (`区产业转移的产值规模`, `预算公务接待费`, but
/// `基础设施建设的投入`, `预算收入`).
pub const SUBJECT_LEADS: &[Cue<usize>] = &[
    cue("其中包括", 2, "including"),
    cue("其中", 2, "of which"),
    cue("全国", 2, "the whole country"),
    cue("全省", 2, "the whole province"),
    cue("全市", 2, "the whole city"),
    cue("全区", 2, "the whole district"),
    cue("全县", 2, "the whole county"),
    cue("全年", 2, "the whole year"),
    cue("我市", 2, "our city"),
    cue("我县", 2, "our county"),
    cue("我区", 2, "our district"),
    cue("我省", 2, "our province"),
    cue("本年度", 2, "this year's"),
    cue("本年", 2, "this year's"),
    cue("今年", 2, "this year's"),
    cue("当年", 2, "that year's"),
    cue("上年", 2, "last year's"),
    cue("去年", 2, "last year's"),
    cue("明年", 2, "next year's"),
    cue("安排", 2, "arranges (funds)"),
    cue("累计", 2, "accumulated"),
    cue("完成", 2, "completed"),
    cue("实现", 2, "achieved"),
    cue("发放", 2, "paid out"),
    cue("兑现", 2, "paid as promised"),
    cue("投入", 2, "put in"),
    cue("引进", 2, "brought in"),
    cue("争取", 2, "obtained"),
    cue("计划", 2, "plans"),
    cue("拟", 2, "intends"),
    cue("加上", 2, "plus"),
    cue("查出", 2, "found (audit)"),
    cue("节约", 2, "saved"),
    cue("创", 2, "created"),
    cue("实行", 2, "carries out"),
    cue("下达", 2, "handed down (a quota)"),
    cue("有", 2, "has"),
    cue("局", 2, "a bureau (the body, not the money)"),
    cue("公司", 2, "a company"),
    cue("集团", 2, "a group"),
    cue("学校", 2, "a school"),
    cue("的", 3, "of (the phrase after it names the money)"),
];

/// Words cut only where they open the run, with the chars that must follow: `预算公务接待费`
/// is the reception costs (budgeted), but `一般公共预算收入预算数` keeps its inner 预算.
pub const SUBJECT_OPENERS: &[Cue<usize>] =
    &[cue("预算", 3, "budgeted (before an item of spending)")];

/// Phrases that are only a verb: a clause made of one of them names no subject.
pub const VERBS_ALONE: &[&str] = &[
    "实际",
    "达到",
    "完成",
    "实现",
    "实际完成",
    "增长",
    "增加",
    "突破",
    "超过",
    "累计",
    "共计",
    "合计",
    "其中",
    "分别",
    "总计",
    "预计",
    "力争",
    "计划",
    "投入",
    "共",
    "约",
];

/// Words that open a subject with the whole area the report is about (`全县一般公共预算收入`):
/// two statements of one fact may differ by them.
pub const AREA_WORDS: &[&str] = &[
    "全国", "全省", "全区", "全市", "全州", "全县", "全旗", "全镇", "全乡", "全盟",
];

/// Accounts renamed by law, old name first: facts of either name are one series.
pub const RENAMED_SUBJECTS: &[Cue<&str>] = &[
    cue(
        "一般公共财政预算收入",
        "一般公共预算收入",
        "a blend of the two names, used around 2014-2016",
    ),
    cue(
        "公共财政预算收入",
        "一般公共预算收入",
        "the name before the 2014 budget law",
    ),
    cue(
        "一般公共财政预算支出",
        "一般公共预算支出",
        "a blend of the two names",
    ),
    cue(
        "公共财政预算支出",
        "一般公共预算支出",
        "the name before the 2014 budget law",
    ),
];
