//! Behaviour of [`mentions_in_line`] on real report sentences: what must be found, and what must
//! not (look-alikes). Sentences come from the seed page and from the style of government work
//! reports (1954–2026) and budget reports.

use super::*;

/// (kind, text, value) of every mention.
fn found(line: &str) -> Vec<(Kind, &str, Option<f64>)> {
    mentions_in_line(line)
        .into_iter()
        .map(|m| (m.kind, &line[m.span], m.value))
        .collect()
}

fn money(line: &str) -> Vec<Mention> {
    mentions_in_line(line)
        .into_iter()
        .filter(|m| m.kind == Kind::Money)
        .collect()
}

fn texts(line: &str, kind: Kind) -> Vec<&str> {
    mentions_in_line(line)
        .into_iter()
        .filter(|m| m.kind == kind)
        .map(|m| &line[m.span])
        .collect()
}

#[test]
fn chinese_numeral_money_and_percent() {
    let s = "一九五四年，国家财政收入完成二百六十二亿三千七百万元，比一九五三年增长百分之十二。";
    assert_eq!(
        found(s),
        [
            (Kind::Year, "一九五四年", Some(1954.0)),
            (
                Kind::Money,
                "二百六十二亿三千七百万元",
                Some(26_237_000_000.0)
            ),
            (Kind::Year, "一九五三年", Some(1953.0)),
            (Kind::Percent, "百分之十二", Some(12.0)),
        ]
    );
    assert_eq!(money(s)[0].year, YearRef::Year(1954));
    let m = money("基本建设完成投资三百五十亿元，其中工业一百一十七亿元");
    assert_eq!(
        m.iter().map(|m| m.value).collect::<Vec<_>>(),
        [Some(3.5e10), Some(1.17e10)]
    );
    assert_eq!(money("收入二十三亿八千万元")[0].value, Some(2.38e9));
}

#[test]
fn full_width_digits_map_back_to_the_input() {
    let s = "全市地区生产总值达到１２３４．５６亿元，增长８．５％，１９５５年";
    assert_eq!(
        found(s),
        [
            (Kind::Money, "１２３４．５６亿元", Some(123_456_000_000.0)),
            (Kind::Percent, "８．５％", Some(8.5)),
            (Kind::Year, "１９５５年", Some(1955.0)),
        ]
    );
}

#[test]
fn qualifiers_and_colloquial_forms() {
    let s = "津市、西洞庭、臨澧、澧縣近兩年來在基礎設施建設的投入上達到2個億以上,津市達到3個多億。";
    let m = money(s);
    assert_eq!(
        m.iter().map(|m| &s[m.span.clone()]).collect::<Vec<_>>(),
        ["2個億以上", "3個多億"]
    );
    assert!(
        m.iter()
            .all(|m| m.approx == Some(Approx::Over) && m.role == Some(Role::Amount))
    );
    assert_eq!(m[1].value, Some(3e8));
    let m = money("總額近10億元,約5億元,10萬元左右,400多萬元,不到2000万元,逾百亿元,十几亿元");
    let approx: Vec<_> = m.iter().map(|m| m.approx).collect();
    use Approx::*;
    assert_eq!(
        approx,
        [
            Some(Nearly),
            Some(About),
            Some(About),
            Some(Over),
            Some(Under),
            Some(Over),
            Some(Over)
        ]
    );
    assert_eq!((m[5].value, m[6].value), (Some(1e10), Some(1e9)));
    // A bare unit needs a qualifier or a class: `万元GDP`, `百元` alone are not sums.
    assert!(money("万元GDP能耗,百元营业收入").is_empty());
    assert_eq!(money("投资十亿元")[0].value, Some(1e9));
}

#[test]
fn ranges() {
    let m = money("补助标准为15-20萬元");
    assert_eq!(
        (m[0].value, m[0].range),
        (Some(150_000.0), Some([150_000.0, 200_000.0]))
    );
    let m = money("全市财政投入十五亿元到二十亿元");
    assert_eq!(m[0].range, Some([1.5e9, 2e9]));
    let m = money("完成1—10億元項目31個");
    assert_eq!((m[0].value, m[0].role), (Some(1e8), Some(Role::Threshold)));
    let p: Vec<_> = mentions_in_line("20%以下,20-50%,50%以上")
        .into_iter()
        .map(|m| (m.value, m.range))
        .collect();
    assert_eq!(
        p,
        [
            (Some(20.0), None),
            (Some(20.0), Some([20.0, 50.0])),
            (Some(50.0), None)
        ]
    );
    let p = mentions_in_line("失业率控制在百分之五到百分之六");
    assert_eq!((p[0].value, p[0].range), (Some(5.0), Some([5.0, 6.0])));
    let p = mentions_in_line("增长百分之五至六");
    assert_eq!((p[0].value, p[0].range), (Some(5.0), Some([5.0, 6.0])));
    // Not a range: what follows 到 is a year.
    let p = mentions_in_line("增长百分之十到二〇二五年");
    assert_eq!((p[0].value, p[0].range), (Some(10.0), None));
}

#[test]
fn currencies() {
    let s = "引进外资1.5亿美元、港澳资金8000万港元、贷款2000万欧元、50亿日元和100万英镑";
    let c: Vec<_> = money(s).iter().map(|m| m.currency).collect();
    assert_eq!(
        c,
        [
            Some("USD"),
            Some("HKD"),
            Some("EUR"),
            Some("JPY"),
            Some("GBP")
        ]
    );
}

#[test]
fn roles() {
    let role = |s: &str| money(s).iter().map(|m| m.role).collect::<Vec<_>>();
    use Role::*;
    assert_eq!(
        role("該縣共引進千萬元以上項目106個,其中億元以上工業項目13個"),
        [Some(Threshold), Some(Threshold)]
    );
    assert_eq!(role("我市雖然簽約了148個億元以上項目"), [Some(Threshold)]);
    assert_eq!(
        role("投資20億元以上的重大戰略項目極少,投資10億元以上工業項目只有6個"),
        [Some(Threshold), Some(Threshold)]
    );
    assert_eq!(
        role("重點簽約項目有投資20億元的xx合作項目等"),
        [Some(Amount)]
    );
    assert_eq!(
        role("爭取再引進幾個上億元的食品加工等項目"),
        [Some(Threshold)]
    );
    assert_eq!(
        role("要求有突破50萬元以上的要申報預算績效管理"),
        [Some(Threshold)]
    );
    assert_eq!(
        role("五年引進內外資總額達到1500億元以上,其中引進外資總額30億美元"),
        [Some(Amount), Some(Amount)]
    );
    assert_eq!(
        role("每年引資總額達到300億元左右,五年引進內外資總額達到1500億元以上"),
        [Some(PerUnit), Some(Amount)]
    );
    assert_eq!(
        role("一、二、三檔資助金額分別為每生每年3000元、2000元、1000元。"),
        [Some(PerUnit); 3]
    );
    assert_eq!(
        role("單獨設立人均1萬元的鄉鎮領導干部績效考核獎"),
        [Some(PerUnit)]
    );
    assert_eq!(
        role("經開區投資要達到5個億以上;各區縣市投入要達到一個億以上。"),
        [Some(Amount), Some(PerUnit)]
    );
    assert_eq!(
        role("20xx年1-10月基本支出為944.83萬元,相比同期增加560.43萬元。"),
        [Some(Amount), Some(Change)]
    );
    assert_eq!(
        role("安排教育支出98.5亿元，比上年增加5.3亿元"),
        [Some(Amount), Some(Change)]
    );
    assert_eq!(role("临时救助标准3000元/人"), [Some(PerUnit)]);
    assert_eq!(
        role("各级财政共投入资金5亿元，各乡镇共投入3个多亿"),
        [Some(Amount), Some(Amount)]
    );
    assert_eq!(
        role("财政收入从50亿元增加到80亿元"),
        [Some(Amount), Some(Amount)]
    );
}

#[test]
fn thresholds_keep_their_bare_units() {
    let s = "每年要引進一個億元工業項目,對億元以上的投資項目";
    let m = money(s);
    assert_eq!(
        m.iter().map(|m| &s[m.span.clone()]).collect::<Vec<_>>(),
        ["億元", "億元以上"]
    );
    assert_eq!(m[0].approx, Some(Approx::Exact));
    assert_eq!(m[1].approx, Some(Approx::Over));
    assert!(
        m.iter()
            .all(|m| m.value == Some(1e8) && m.role == Some(Role::Threshold))
    );
}

#[test]
fn money_look_alikes_are_not_money() {
    for s in [
        "全市共建成標準化廠房30萬平米,其中經開區16萬平米",
        "已引進5萬噸潤滑油、可年產特種專用車輛1萬臺",
        "元月至12月,xx市共引進項目210個",
        "三一重工、創元鋁業、凱元紡織等一大批戰略投資者",
        "自查評分99.5分,項目36個,獎金12人",
        "總投資xx萬元,投資額為xx萬元,投資xx億元的熱電聯產項目",
        "單位：万元",
        "万元GDP能耗下降",
        "城乡二元结构逐步破除,一元化管理",
        "投資3萬5萬就能上一個小項目,培育5個“千億”產業,百億茶產業",
        "湖南省第九屆人民代表大會常務委員會公告(第67)號",
        "数百万元的资金,几十亿元",
    ] {
        assert!(money(s).is_empty(), "{s}: {:?}", money(s));
    }
}

#[test]
fn years_and_their_roles() {
    let y = |s: &str| {
        mentions_in_line(s)
            .into_iter()
            .filter(|m| m.kind == Kind::Year)
            .map(|m| (m.value, m.role, m.range))
            .collect::<Vec<_>>()
    };
    use Role::*;
    assert_eq!(
        y("20xx年,市政務服務管理局"),
        [(None, Some(Placeholder), None)]
    );
    assert_eq!(
        y("220xx年,我市共謀劃項目167個"),
        [(None, Some(Placeholder), None)]
    );
    assert_eq!(
        y("(皖教助〔2017〕4號)"),
        [(Some(2017.0), Some(DocNumber), None)]
    );
    assert_eq!(y("国发[2021]5号"), [(Some(2021.0), Some(DocNumber), None)]);
    assert_eq!(
        y("“十一五”期間"),
        [(Some(2006.0), Some(PlanPeriod), Some([2006.0, 2010.0]))]
    );
    assert_eq!(
        y("到“十一五末”"),
        [(Some(2010.0), Some(PlanPeriod), Some([2006.0, 2010.0]))]
    );
    assert_eq!(
        y("是“十五”末的近2倍"),
        [(Some(2005.0), Some(PlanPeriod), Some([2001.0, 2005.0]))]
    );
    assert_eq!(
        y("实施十四五规划"),
        [(Some(2021.0), Some(PlanPeriod), Some([2021.0, 2025.0]))]
    );
    assert_eq!(
        y("“一五”计划"),
        [(Some(1953.0), Some(PlanPeriod), Some([1953.0, 1957.0]))]
    );
    assert_eq!(
        y("2019-2021年"),
        [(Some(2019.0), Some(Date), Some([2019.0, 2021.0]))]
    );
    assert_eq!(y("二0二一年"), [(Some(2021.0), Some(Date), None)]);
    assert_eq!(y("09年度獎金"), [(Some(2009.0), Some(Date), None)]);
    assert_eq!(y("98年底"), [(Some(1998.0), Some(Date), None)]);
    assert_eq!(texts("我委自2022年已經開始", Kind::Year), ["2022年"]);
}

#[test]
fn not_years() {
    for s in [
        "時間:2023-10-01 12:55:02",
        "實際收入1-10月,一般需2-3年,連續4年,連續七年,未來3年內,三年來",
        "80年代的青島海爾,90年代的TCL集團",
        "主動對接“中國制造2025”",
        "改革开放30年来,连续12年保持增长,实行12年义务教育",
        "今年,去年,上年,明年",
        "投资十五亿元,二十五个项目,开展“七五”普法",
        "1990年代",
    ] {
        assert!(
            texts(s, Kind::Year).is_empty(),
            "{s}: {:?}",
            texts(s, Kind::Year)
        );
    }
}

#[test]
fn percent_forms() {
    let p = |s: &str| {
        mentions_in_line(s)
            .into_iter()
            .map(|m| (m.kind, m.value, m.points))
            .collect::<Vec<_>>()
    };
    assert_eq!(p("增长１２％"), [(Kind::Percent, Some(12.0), Some(false))]);
    assert_eq!(
        p("增长百分之十二点五"),
        [(Kind::Percent, Some(12.5), Some(false))]
    );
    assert_eq!(
        p("提高0.2个百分点"),
        [(Kind::Percent, Some(0.2), Some(true))]
    );
    assert_eq!(
        p("下降两个百分点"),
        [(Kind::Percent, Some(2.0), Some(true))]
    );
    assert_eq!(p("增长-2.3%"), [(Kind::Percent, Some(-2.3), Some(false))]);
    assert_eq!(
        texts(
            "資助比例達到了100%,僅占億元以上簽約項目的4.1%",
            Kind::Percent
        ),
        ["100%", "4.1%"]
    );
    for s in [
        "6成以上",
        "近2倍",
        "三分之一",
        "按百分制作一個客觀的自我評估",
        "百分点",
    ] {
        assert!(texts(s, Kind::Percent).is_empty(), "{s}");
    }
}

#[test]
fn year_attribution() {
    let y = |s: &str| money(s).iter().map(|m| m.year).collect::<Vec<_>>();
    use YearRef::*;
    // The year of the sentence; the previous sentence and other lines do not count.
    assert_eq!(
        y("20xx年財務收入預算收入為360.3萬元。實際收入1-10月1406.47萬元。"),
        [Anonymised, None]
    );
    // Pairs of one year and one amount.
    assert_eq!(
        y("20xx年為60萬元,2021年為200萬元,2022年443.35萬元"),
        [Anonymised, Year(2021), Year(2022)]
    );
    // 上年 is the year before a stated year, unknown before an anonymised one.
    assert_eq!(
        y("2021年安排资金2.5亿元，比上年2.1亿元增加0.4亿元。"),
        [Year(2021), Year(2020), Year(2021)]
    );
    assert_eq!(
        y("故20xx年預算為10萬元,比上年5萬元增加5萬元"),
        [Anonymised, None, Anonymised]
    );
    // Cumulative since a year.
    assert_eq!(
        y("我縣招商局成立于20xx年8月,三年來,共引進資金40.3億元。"),
        [None]
    );
    assert_eq!(y("自2018年以来，累计投入扶贫资金12.6亿元。"), [None]);
    // A comparison base is not the figure's year, but is its own value's year.
    assert_eq!(
        y("2021年完成投资50亿元，比2020年增加5亿元。"),
        [Year(2021), Year(2021)]
    );
    assert_eq!(
        y("投资50亿元，比2020年的45亿元增长11%。"),
        [None, Year(2020)]
    );
    // A price base is not the year of a sum.
    assert_eq!(
        y("按一九五二年不变价格计算，全年工业总产值可达七百零四亿元。"),
        [None]
    );
    // Each sum takes the nearest year before it.
    assert_eq!(
        y("国民收入从一九七八年的三千六百二十四亿元增加到一九八三年的五千七百二十四亿元。"),
        [Year(1978), Year(1983)]
    );
    // Plan periods and document numbers are not years of a sum.
    assert_eq!(y("“十一五”期間,全市實際引進市外內資930億元"), [None]);
    // A year after the sum in the same sentence.
    assert_eq!(y("共投入资金3亿元用于2022年的项目建设。"), [Year(2022)]);
}

#[test]
fn sentences_split_on_terminators_only() {
    let s = "  一是,甲;乙。二是!三是?尾";
    let parts: Vec<&str> = sentences(s).into_iter().map(|r| &s[r]).collect();
    assert_eq!(parts, ["一是,甲;乙。", "二是!", "三是?", "尾"]);
}

#[test]
fn spans_are_in_text_order_and_do_not_overlap() {
    let s = "2021年投入1.2亿元，增长15%，其中“十四五”期间亿元以上项目18个，占比百分之五十。";
    let m = mentions_in_line(s);
    assert!(m.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    assert_eq!(m.len(), 6);
}

#[test]
fn year_ref_serializes_as_int_string_or_null() {
    let v = serde_json::to_string(&[YearRef::Year(2021), YearRef::Anonymised, YearRef::None])
        .unwrap_or_default();
    assert_eq!(v, "[2021,\"20xx\",null]");
    let back: Vec<YearRef> = serde_json::from_str(&v).unwrap_or_default();
    assert_eq!(
        back,
        [YearRef::Year(2021), YearRef::Anonymised, YearRef::None]
    );
}

// ---- Phenomena of real reports 1954–2026 (sentences written for these tests) ----

#[test]
fn pdf_text_with_a_space_before_the_unit() {
    let s = "——2025 年 3 月 5 日报告：全省生产总值达到 12.3 万亿元，上缴 560.75 亿元，增长 5%。";
    assert_eq!(texts(s, Kind::Year), ["2025 年"]);
    let m = money(s);
    assert_eq!(
        m.iter()
            .map(|m| (&s[m.span.clone()], m.value))
            .collect::<Vec<_>>(),
        [
            ("12.3 万亿元", Some(1.23e13)),
            ("560.75 亿元", Some(5.6075e10))
        ]
    );
    // Only a space before a multiplier joins: two numbers are still two.
    assert_eq!(texts("第2 3万元", Kind::Money), ["3万元"]);
    assert!(texts("共有 2 人获奖", Kind::Money).is_empty());
}

#[test]
fn shu_ends_a_noun_before_digits() {
    // 总数/人数 + digits is a sum; 数 + a unit (数百万元) is "several" and has no value.
    assert_eq!(
        texts("原定收入总数1,302.17亿元，人数3000元", Kind::Money),
        ["1,302.17亿元", "3000元"]
    );
    assert!(texts("投入数百万元，花了几十亿元", Kind::Money).is_empty());
}

#[test]
fn written_out_five_year_plans_are_plan_periods() {
    let s = "在第二个五年计划期间，比第一个五年计划增长一倍，第十四个五年规划末。";
    let m: Vec<_> = mentions_in_line(s)
        .into_iter()
        .filter(|m| m.kind == Kind::Year)
        .map(|m| (&s[m.span], m.role, m.value, m.range))
        .collect();
    assert_eq!(
        m,
        [
            (
                "第二个五年计划期间",
                Some(Role::PlanPeriod),
                Some(1958.0),
                Some([1958.0, 1962.0])
            ),
            (
                "第一个五年计划",
                Some(Role::PlanPeriod),
                Some(1953.0),
                Some([1953.0, 1957.0])
            ),
            (
                "第十四个五年规划末",
                Some(Role::PlanPeriod),
                Some(2025.0),
                Some([2021.0, 2025.0])
            ),
        ]
    );
    assert_eq!(
        texts("关于发展国民经济的第一个五年建设计划的决议", Kind::Year),
        ["第一个五年建设计划"]
    );
    // Not plans: an ordinal without 五年计划, a five-year span.
    assert!(texts("第三个年头，五年计划，第五个阶段", Kind::Year).is_empty());
}

#[test]
fn year_ranges_with_nian_on_both_ends() {
    // Each year with its own 年 is its own date mention (GUIDELINES.md); one 年 makes a range.
    let s = "从一九八一年到一九八五年，2016年至2020年，2019-2021年。";
    let m: Vec<_> = mentions_in_line(s)
        .into_iter()
        .map(|m| (&s[m.span], m.value, m.range))
        .collect();
    assert_eq!(
        m,
        [
            ("一九八一年", Some(1981.0), None),
            ("一九八五年", Some(1985.0), None),
            ("2016年", Some(2016.0), None),
            ("2020年", Some(2020.0), None),
            ("2019-2021年", Some(2019.0), Some([2019.0, 2021.0])),
        ]
    );
    // Nor is the pair any sum's year.
    let m = mentions_in_line("2016年至2020年，累计投入资金3亿元。");
    assert!(
        m.iter()
            .filter(|m| m.kind == Kind::Money)
            .all(|m| m.year == YearRef::None)
    );
    // Dates with months are two years, not a range; a backwards pair is two years.
    assert_eq!(
        texts("2022年7月至2023年6月，2021年到2020年", Kind::Year),
        ["2022年", "2023年", "2021年", "2020年"]
    );
    // A range is no sum's year.
    assert_eq!(
        money("2016年至2020年累计投入80亿元。")[0].year,
        YearRef::None
    );
}

#[test]
fn comparisons_are_bounds() {
    let m = money("力争财政赤字少于三十亿元，补助不少于500万元，结余不高于2亿元。");
    assert_eq!(
        m.iter().map(|m| (m.approx, m.role)).collect::<Vec<_>>(),
        [
            (Some(Approx::Under), Some(Role::Amount)),
            (Some(Approx::Over), Some(Role::Amount)),
            (Some(Approx::Under), Some(Role::Amount)),
        ]
    );
    // Comparison words stay out of the text (as `不低于120元` → `120元`).
    assert_eq!(texts("力争赤字少于三十亿元", Kind::Money), ["三十亿元"]);
}

#[test]
fn exceeding_after_bi_is_a_change() {
    // After 比, 超过 tells by how much: exact, a change; elsewhere it is a bound.
    let s = "收入将比原列预算1,302.17亿元超过16.62亿元。";
    let m = money(s);
    assert_eq!(&s[m[1].span.clone()], "16.62亿元");
    assert_eq!(
        (m[1].approx, m[1].role),
        (Some(Approx::Exact), Some(Role::Change))
    );
    let m = money("全年收入超过16.62亿元。");
    assert_eq!(
        (m[0].approx, m[0].role),
        (Some(Approx::Over), Some(Role::Amount))
    );
}

#[test]
fn per_unit_cues_before_a_colon_and_aggregates() {
    let m = money("全年全国职工人均工资：6470元，农民人均纯收入:1200元。");
    assert!(m.iter().all(|m| m.role == Some(Role::PerUnit)));
    // 各部门 is an aggregate, like 各级.
    let m = money("此外各地方各部门用自筹资金建设的部分约50亿元。");
    assert_eq!(m[0].role, Some(Role::Amount));
    // A colon alone is no cue.
    assert_eq!(money("项目总投资：6470元。")[0].role, Some(Role::Amount));
}

#[test]
fn comparison_bases_with_yu_and_tong() {
    use YearRef::*;
    let y = |s: &str| money(s).into_iter().map(|m| m.year).collect::<Vec<_>>();
    assert_eq!(
        y("其中农业产值达到948亿元，比上年增长1.1%，与1966年持平。"),
        [None]
    );
    assert_eq!(
        y("1997年人均工资6470元，与1996年比增长4.2%。"),
        [Year(1997)]
    );
    assert_eq!(y("支出同1955年相比增加5亿元。"), [None]);
    // 同/与 as "and" keep the year.
    assert_eq!(y("1955年与1956年共投入5亿元。"), [Year(1956)]);
}

#[test]
fn a_year_in_an_aside_is_not_the_sums_year() {
    use YearRef::*;
    let y = |s: &str| money(s).into_iter().map(|m| m.year).collect::<Vec<_>>();
    assert_eq!(
        y("2024年实施项目15个（含2023年结转项目5个），批复预算985万元。"),
        [Year(2024)]
    );
    // A sum inside the same aside takes it.
    assert_eq!(
        y("2024年批复预算985万元（其中2023年结转50万元）。"),
        [Year(2024), Year(2023)]
    );
}

#[test]
fn thousands_separators_do_not_end_a_clause() {
    assert!(context::is_change("比原定1,302.17亿元超过"));
    assert_eq!(context::clause_tail("甲,乙1,302"), "乙1,302");
}

#[test]
fn years_listed_before_a_shared_nian() {
    let s = "关于1980、1981年计划，2019、2020和2021年，一九五八、一九五九年。";
    assert_eq!(
        texts(s, Kind::Year),
        [
            "1980",
            "1981年",
            "2019",
            "2020",
            "2021年",
            "一九五八",
            "一九五九年"
        ]
    );
    // Counts and amounts before 年 are no years.
    assert_eq!(texts("共12、13年，第3和2021年", Kind::Year), ["2021年"]);
}

#[test]
fn space_grouped_thousands() {
    let m = money("本级预算人员经费3 472.51万元已全部拨付，另有1 234 567元。");
    assert_eq!(
        m.iter().map(|m| m.value).collect::<Vec<_>>(),
        [Some(34_725_100.0), Some(1_234_567.0)]
    );
    // Four digits before a space are no group: `2019 300万元` is 300万元.
    assert_eq!(texts("表2019 300万元", Kind::Money), ["300万元"]);
}

#[test]
fn fiscal_years_straddle_two_calendar_years() {
    let s = "预计2027/28年度的经营开支为五千亿元，二零一九/二零年度则较少，2030至31财政年度再议。";
    let y: Vec<Mention> = mentions_in_line(s)
        .into_iter()
        .filter(|m| m.kind == Kind::Year)
        .collect();
    assert_eq!(
        y.iter().map(|m| &s[m.span.clone()]).collect::<Vec<_>>(),
        ["2027/28年", "二零一九/二零年", "2030至31财政年"]
    );
    assert_eq!(y[0].value, Some(2027.0));
    assert_eq!(y[0].range, Some([2027.0, 2028.0]));
    assert_eq!(y[1].range, Some([2019.0, 2020.0]));
    // Not a fiscal year: the ends do not follow each other, or a month range.
    assert!(
        texts("2027/29年度", Kind::Year)
            .iter()
            .all(|t| !t.contains('/'))
    );
    assert!(texts("第1-10月", Kind::Year).is_empty());
    // A fiscal year is no single year: a sum in its sentence gets none.
    let m = money("在2031/32年度，学校维修拨款为12亿元。");
    assert_eq!(m[0].year, YearRef::None);
}

#[test]
fn republic_of_china_years() {
    let s = "中華民國九十一年度總預算，與民國95年相比；112年度預計歲出3兆200億元，110年8月通過。";
    let y: Vec<(&str, Option<f64>)> = mentions_in_line(s)
        .into_iter()
        .filter(|m| m.kind == Kind::Year)
        .map(|m| (&s[m.span], m.value))
        .collect();
    assert_eq!(
        y,
        [
            ("九十一年", Some(2002.0)),
            ("95年", Some(2006.0)),
            ("112年", Some(2023.0)),
            ("110年", Some(2021.0)),
        ]
    );
    assert_eq!(money(s)[0].value, Some(3.02e12));
    // Without the era name, a bare number of years is a duration, not a year.
    assert!(texts("建校110年，连续12年，历时115年来", Kind::Year).is_empty());
}

#[test]
fn mismatched_quotes_around_a_plan() {
    let s = "〝十五〞期间投资增长，“九五〞时期较慢。";
    assert_eq!(texts(s, Kind::Year), ["〝十五〞期间", "“九五〞时期"]);
}

#[test]
fn change_verbs_before_a_blank() {
    let m = money("比上年度增收 3.5億元，结余 20億元。");
    assert_eq!(m[0].role, Some(Role::Change));
    assert_eq!(m[1].role, Some(Role::Amount));
}

#[test]
fn a_range_or_plan_before_a_sum_gives_it_no_year() {
    // The range frames the sum: no jump to a year in a later clause.
    let m = money("2016至2020年全市累计投入环保资金80亿元，其中2020年投入20亿元。");
    assert_eq!(m[0].year, YearRef::None);
    assert_eq!(m[1].year, YearRef::Year(2020));
    let m = money("从2011到2015年共征收税款55亿元，仅2015年就有14亿元。");
    assert_eq!(m[0].year, YearRef::None);
    assert_eq!(m[1].year, YearRef::Year(2015));
    let m = money("“十三五”期间共安排债券资金45亿元，2019年最多。");
    assert_eq!(m[0].year, YearRef::None);
    // A year before the range still counts for a sum before the range.
    let m = money("2018年投入9亿元，用于2019-2021年建设。");
    assert_eq!(m[0].year, YearRef::Year(2018));
}

#[test]
fn starts_and_multiples_of_a_base_year() {
    let m = money("2024年全县税收12亿元，是2015年的3倍，人均税收达到4000元。");
    assert_eq!(m[0].year, YearRef::Year(2024));
    assert_eq!(m[1].year, YearRef::Year(2024));
    let m = money("2024年出口由2015年的900万美元增加到1.5亿美元。");
    assert_eq!(m[0].year, YearRef::Year(2015));
    assert_eq!(m[1].year, YearRef::Year(2024));
    // `从2019年起` starts a period; it is no comparison base.
    let m = money("从2019年起每年安排3000万元。");
    assert_eq!(m[0].year, YearRef::Year(2019));
}

#[test]
fn taiwan_and_macau_currency_words() {
    let m = money("總預算歲出2兆8,000億元新臺幣，另撥350億新台幣；博彩稅收入約100億澳門元。");
    assert_eq!(
        m.iter().map(|m| (m.currency, m.value)).collect::<Vec<_>>(),
        [
            (Some("TWD"), Some(2.8e12)),
            (Some("TWD"), Some(3.5e10)),
            (Some("MOP"), Some(1e10)),
        ]
    );
    // A bare 元 stays CNY: the rules read one line.
    assert_eq!(money("歲出350億元")[0].currency, Some("CNY"));
}

// Held-out round 3 (own sentences in the style of catalogues, statistics and 三公 accounts).

#[test]
fn inclusive_bounds_name_classes() {
    let s = "园区内总投资8000万元及以上的工程,以及2亿美元及其以上的外资类别,由省里审批。";
    let m = money(s);
    assert_eq!(
        m.iter().map(|m| &s[m.span.clone()]).collect::<Vec<_>>(),
        ["8000万元及以上", "2亿美元及其以上"]
    );
    assert!(m.iter().all(|m| m.role == Some(Role::Threshold)));
    assert!(m.iter().all(|m| m.approx == Some(Approx::Over)));
    // A plain stated sum stays an amount.
    let m = money("今年完成投资8000万元,比上年多。");
    assert_eq!(m[0].role, Some(Role::Amount));
}

#[test]
fn table_bounds_with_comparison_signs() {
    let s = "成本指标 设备总成本 ≤65万元 64.8 10 10";
    let m = money(s);
    assert_eq!(texts(s, Kind::Money), ["≤65万元"]);
    assert_eq!(m[0].approx, Some(Approx::Under));
    assert_eq!(m[0].role, Some(Role::Amount));
}

#[test]
fn a_written_zero_is_zero() {
    let m = money("当年因公出国(境)决算支出0万元,公务接待费0.0万元。");
    assert_eq!(m.len(), 2);
    assert!(m.iter().all(|m| m.value == Some(0.0)));
    // A bare unit is still one of it where the stage accepts it.
    assert_eq!(money("投资上亿元的项目")[0].value, Some(100_000_000.0));
}

#[test]
fn from_one_sum_to_another_is_no_range() {
    let s = "全县税收从5亿元到10亿元,只用了四年时间。";
    let m = money(s);
    assert_eq!(texts(s, Kind::Money), ["5亿元", "10亿元"]);
    assert!(m.iter().all(|m| m.range.is_none()));
    // A range keeps its form: `补助8万元到12万元` (no 从 before it).
    let m = money("每户补助8万元到12万元不等。");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].range, Some([80_000.0, 120_000.0]));
}

#[test]
fn percentage_points_after_a_blank() {
    let s = "城镇增幅比农村高出近5 个百分点。";
    assert_eq!(texts(s, Kind::Percent), ["5 个百分点"]);
}

#[test]
fn last_years_spending_as_a_base_gets_last_year() {
    let s = "2021年接待费支出80万元,比上年累计支出95万元减少15万元。";
    let m = money(s);
    let years: Vec<_> = m.iter().map(|m| m.year).collect();
    assert_eq!(
        years,
        [
            YearRef::Year(2021),
            YearRef::Year(2020),
            YearRef::Year(2021)
        ]
    );
}

#[test]
fn per_capita_measures_without_renjun() {
    // Income and productivity measures are per person even without 人均.
    let m = money("去年城镇居民可支配收入达到31200元，农民纯收入为9800元，全员劳动生产率12000元。");
    assert!(m.iter().all(|m| m.role == Some(Role::PerUnit)), "{m:?}");
    // A total of incomes is no rate.
    let m = money("全市居民可支配收入总额约为860亿元。");
    assert_eq!(m[0].role, Some(Role::Amount));
}

#[test]
fn townships_together_are_an_aggregate() {
    let m = money("其中：各乡镇下达指标8.2亿元，县直各部门下达指标20亿元。");
    assert!(m.iter().all(|m| m.role == Some(Role::Amount)), "{m:?}");
    // A rate per district stays a rate.
    let m = money("要求各区县投入要达到300万元以上。");
    assert_eq!(m[0].role, Some(Role::PerUnit));
}

#[test]
fn xinzeng_after_bi_is_a_difference() {
    let m = money("人均产值为41000元，比去年新增2500元。");
    assert_eq!(m[1].role, Some(Role::Change));
    // Without a comparison, 新增 names new things, not a difference.
    let m = money("新增专项债券资金3亿元。");
    assert_eq!(m[0].role, Some(Role::Amount));
}

#[test]
fn a_bounded_total_of_funds_is_a_sum() {
    let m = money("全县下拨总额超过3亿元的农田建设专项资金。");
    assert_eq!(m[0].role, Some(Role::Amount));
    // Projects above a size stay a class.
    let m = money("投资总额超过5亿元的项目有12个。");
    assert_eq!(m[0].role, Some(Role::Threshold));
}

#[test]
fn lists_sharing_percentage_points() {
    let p = |line: &str| -> Vec<(String, f64)> {
        mentions_in_line(line)
            .into_iter()
            .filter(|m| m.kind == Kind::Percent && m.points == Some(true))
            .map(|m| (line[m.span].to_string(), m.value.unwrap_or(f64::NAN)))
            .collect()
    };
    assert_eq!(
        p("两项比重分别下降0.42和2.5个百分点。"),
        vec![("0.42".into(), 0.42), ("2.5个百分点".into(), 2.5)]
    );
    assert_eq!(
        p("各自拉动增长0.9个、2.07个、3.1个百分点。"),
        vec![
            ("0.9个".into(), 0.9),
            ("2.07个".into(), 2.07),
            ("3.1个百分点".into(), 3.1)
        ]
    );
    // A percent or a year before the conjunction is no member.
    assert_eq!(p("增长12%和3个百分点。").len(), 1);
    assert_eq!(p("2019年和2020年分别提高2个百分点。").len(), 1);
}

#[test]
fn percents_cut_by_a_stray_blank() {
    let p = |line: &str| -> Vec<(String, f64)> {
        mentions_in_line(line)
            .into_iter()
            .filter(|m| m.kind == Kind::Percent)
            .map(|m| (line[m.span].to_string(), m.value.unwrap_or(f64::NAN)))
            .collect()
    };
    assert_eq!(p("利润增长12. 6%。"), vec![("12. 6%".into(), 12.6)]);
    assert_eq!(p("出口增 长- 21.5%。"), vec![("- 21.5%".into(), -21.5)]);
    // An outline number at the start of a line is no whole part.
    assert_eq!(p("3. 5%以上的部分"), vec![("5%".into(), 5.0)]);
    // A range keeps its ends.
    assert_eq!(p("增长5 - 8%。")[0].1, 5.0);
}

#[test]
fn several_years_in_a_later_clause_take_no_year() {
    let m = money("预计2015年全县财政收入完成12亿元；五年累计完成投资300亿元，年均增加40亿元。");
    let years: Vec<_> = m.iter().map(|m| m.year).collect();
    assert_eq!(
        years,
        vec![YearRef::Year(2015), YearRef::None, YearRef::None]
    );
    // A cumulative sum inside the year keeps it.
    let m = money("2015年累计完成投资30亿元。");
    assert_eq!(m[0].year, YearRef::Year(2015));
}

/// A 1 MB run-on line (no `。`) with many figures: every figure is found, its text is the source
/// at its span, and its sentence is a bounded window around it, not the whole line.
#[test]
fn long_line_with_many_figures() {
    let unit = "财政收入增长5%，";
    let n = (1 << 20) / unit.len() + 1;
    let line = unit.repeat(n);
    let m = mentions_in_line(&line);
    assert_eq!(m.len(), n);
    for x in &m {
        assert_eq!(line.get(x.span.clone()), Some("5%"));
    }
    let wide = "２０２１年".repeat((1 << 20) / "２０２１年".len() + 1);
    let years = mentions_in_line(&wide);
    assert_eq!(years.len(), wide.chars().count() / 5);
    for y in &years {
        assert_eq!(wide.get(y.span.clone()), Some("２０２１年"));
    }
    let doc = crate::doc::CleanDoc {
        source: "long.txt".into(),
        encoding: "UTF-8".into(),
        lines: vec![crate::doc::CleanLine::identity(&line)],
        source_lines: None,
    };
    let figs = figures_in_report(&crate::doc::Report::whole(&doc));
    assert_eq!(figs.len(), n);
    for f in &figs {
        assert_eq!(f.text, "5%");
        assert!(f.sentence.contains("5%"));
        assert!(f.sentence.chars().count() <= 2 * figure::SENTENCE_WINDOW + 2);
    }
}

/// The matching side of `extract` reads simplified text only ([`super::mentions_in_line`]
/// simplifies its input first), so a traditional spelling in a rule is dead weight that hides
/// which terms really match. Every string literal of the rule files is checked, char by char.
#[test]
fn cue_tables_hold_simplified_terms_only() {
    let files = [
        ("context.rs", include_str!("context.rs")),
        ("scan.rs", include_str!("scan.rs")),
        ("years.rs", include_str!("years.rs")),
        ("patterns.rs", include_str!("patterns.rs")),
        ("mod.rs", include_str!("mod.rs")),
        ("totals.rs", include_str!("totals.rs")),
    ];
    let mut found = Vec::new();
    for (name, src) in files {
        // Rules only: the file's tests come after its `#[cfg(test)]`, and may well quote
        // traditional input.
        let rules = src.split("#[cfg(test)]").next().unwrap_or_default();
        for (no, line) in rules.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (k, lit) in line.split('"').enumerate() {
                if k % 2 == 0 {
                    continue;
                }
                let traditional: String = lit
                    .chars()
                    .filter(|&c| {
                        let one = c.to_string();
                        crate::simplify::to_simplified_aligned(&one) != one
                    })
                    .collect();
                if !traditional.is_empty() {
                    found.push(format!("{name}:{}: {traditional} in {lit}", no + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} traditional spellings:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn a_bound_before_a_list_holds_for_each_sum() {
    let m = mentions_in_line("经济总量接连突破8万亿元、9万亿元，财政收入120亿元、支出98亿元。");
    let approx: Vec<_> = m
        .iter()
        .filter(|m| m.kind == Kind::Money)
        .map(|m| m.approx)
        .collect();
    assert_eq!(
        approx,
        [
            Some(Approx::Over),
            Some(Approx::Over),
            Some(Approx::Exact),
            Some(Approx::Exact)
        ]
    );
}
