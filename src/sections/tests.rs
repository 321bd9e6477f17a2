//! Tests of the section rules: each cue rule with real lines from the seed page (positive and
//! negative), a government-work-report fixture, and the scored run over the seed.

use std::path::{Path, PathBuf};

use super::*;
use crate::doc::CleanDoc;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed page: `corpus/` if the lead placed it there, else `../shared/seed/`.
pub(crate) fn seed_path() -> PathBuf {
    let name = "000_8704a95fd81a1589.txt";
    let local = root().join("corpus").join(name);
    if local.exists() {
        return local;
    }
    root().join("../shared/seed").join(name)
}

fn sections_of_text(text: &str) -> Vec<Section> {
    let doc = CleanDoc {
        source: "fixture.txt".to_string(),
        encoding: "UTF-8".to_string(),
        lines: crate::clean::clean_text(text),
        source_lines: None,
    };
    let mut report = crate::doc::Report::whole(&doc);
    report.id = "r1".to_string();
    sections_in_report(&report)
}

fn flat(items: &[Item]) -> Vec<&Item> {
    let mut out = Vec::new();
    for it in items {
        out.push(it);
        out.extend(flat(&it.children));
    }
    out
}

// ---- cue rules, on headings taken from the seed (simplified view) ----

#[test]
fn problem_headings_from_the_seed() {
    for h in [
        "预算绩效管理工作存在的问题和原因分析",
        "20xx年度绩效考核实施过程中存在的问题",
        "反映出的问题",
        "调研中发现的问题",
        "公司绩效管理中存在的不足",
        "主要经验及做法、存在的问题及原因分析",
        "存在问题分析",
        "存在的主要问题",
        "当前招商引资工作应当解决的几个问题",
        "今年来招商引资工作开展情况及问题",
        "绩效管理过程存在短板",
    ] {
        assert_eq!(classify(h), Some(PROBLEMS), "{h}");
    }
}

#[test]
fn measure_headings_from_the_seed() {
    for h in [
        "下一步工作思路和建议",
        "加强丹阳市政府绩效管理中的`对策",
        "下一步工作打算",
        "个人思考及建议",
        "有关建议",
        "下一步工作安排",
        "对策建议",
        "几点建议",
        "几点对策与建议",
        "20xx年工作思路",
        "招商引资工作的建议",
        "今后的工作措施及调研课题的综合对策建议",
    ] {
        assert_eq!(classify(h), Some(MEASURES), "{h}");
    }
}

#[test]
fn trap_headings_from_the_seed_are_neither() {
    for h in [
        // measures already taken
        "采取有力措施，确保创优活动取得实效",
        "主要工作措施",
        // template heading
        "其他需要说明的问题",
        "其他需要说明的情况",
        // interview questions
        "绩效管理过程是否存在问题？",
        "考核机构职责是否明确，年度绩效考核结果如何？",
        // advice, not deficiencies
        "20xx年考核工作中需注意的问题",
        // achievements and plain topics
        "预算绩效管理工作整体开展情况",
        "20xx年招商引资工作情况",
        "进一步完善招商项目前期工作",
        "自评结果",
    ] {
        assert_eq!(classify(h), None, "{h}");
    }
}

#[test]
fn opening_sentence_rule() {
    let yes = "虽然我镇招商引资取得了一些成效，但对照自身的发展需求，相对周边地区的发展态势，也还存在一些问题和不足，主要体现在以下几个方面：";
    assert!(is_intro_sentence(&yes.chars().collect::<Vec<_>>(), false).is_some());
    let yes_inline = "但也存在一些问题和不足。一是各科室的预算绩效管理意识不够强。二是起步较晚。";
    assert!(is_intro_sentence(&yes_inline.chars().collect::<Vec<_>>(), false).is_some());
    for no in [
        // advice on statistics, not problems (seed report 6)
        "利用数据统计必须注意五个基本问题：一是要加强基础工作。二是不规范操作。",
        // problems mentioned in passing (seed report 2)
        "党组书记在会上总结了上半年财务收支工作所取得的成绩和存在的问题，对下一步财务收支工作提出要求，针求干部职工意见。",
        "尽管做了大量的工作，取得了一定成效，但离县人大常委会的要求还存在一定差距。从现在起，决心严格按照上级的规定。",
        // a summary announcement, no list (seed report 3)
        "现将与被考核人员的沟通、面谈情况以及从中反映出的问题总结如下，既为总结上年度在考核工作中的经验，也为本年度考核工作的改进提供参考。",
    ] {
        assert!(
            is_intro_sentence(&no.chars().collect::<Vec<_>>(), false).is_none(),
            "{no}"
        );
    }
}

#[test]
fn opening_sentence_with_a_semicolon_list() {
    let secs = sections_of_text(
        "一、2023年工作回顾\n我们也清醒看到，发展中还面临不少困难和挑战。主要是：需求收缩压力较大；产业转型升级任务艰巨；民生领域还有短板。我们将高度重视。\n二、2024年重点工作\n（一）扩大有效需求。",
    );
    assert_eq!(secs.len(), 2, "{secs:#?}");
    let heads: Vec<&str> = secs[0].items.iter().map(|i| i.headline.as_str()).collect();
    assert_eq!(
        heads,
        [
            "需求收缩压力较大",
            "产业转型升级任务艰巨",
            "民生领域还有短板"
        ]
    );
    assert_eq!(secs[1].r#type, MEASURES);
}

#[test]
fn empty_section_says_none() {
    let secs = sections_of_text(
        "五、主要經驗及做法、存在的問題及原因分析\n\n無。\n\n六、有關建議\n\n無。\n\n七、其他需要說明的問題\n\n資金結余的原因為，招標價格低于預算價。",
    );
    assert_eq!(secs.len(), 2, "{secs:#?}");
    assert!(secs.iter().all(|s| s.empty && s.items.is_empty()));
    assert_eq!(secs[0].r#type, PROBLEMS);
    assert_eq!(secs[1].r#type, MEASURES);
}

#[test]
fn nested_headings_inherit_the_section_type() {
    // Seed report 13: group headings with 问题 inside a measures section.
    let secs = sections_of_text(
        "三、幾點對策與建議。\n（一）關于對招商引資工作的認識問題\n1、要進一步解放思想，堅定超常規發展的信心\n對外開放工作的落后。\n（二）關于資金的問題\n1、降低門檻，激活民間資本\n四、結語\n全文完。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].r#type, MEASURES);
    assert_eq!(secs[0].line_end, 6);
    let items = &secs[0].items;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].role, ItemRole::Group);
    assert_eq!(items[0].children[0].role, ItemRole::Measure);
    assert_eq!(
        items[0].children[0].headline,
        "要進一步解放思想，堅定超常規發展的信心"
    );
}

#[test]
fn measure_clauses_in_an_unnumbered_paragraph() {
    // Seed report 1, section 四.
    let secs = sections_of_text(
        "四、下一步工作思路和建議\n下一步，市政務服務管理局預算績效管理工作將在市財政局績效管理局指導下，結合本單位制定的預算績效管理制度，進一步細化工作措施完善評價指標，科學合理設置評價分值，加強具體工作的操作和執行，督促工作人員加強業務學習，不斷提升預算績效管理水平，確保此項工作的成效。",
    );
    let heads: Vec<&str> = secs[0].items.iter().map(|i| i.headline.as_str()).collect();
    assert_eq!(
        heads,
        [
            "進一步細化工作措施完善評價指標",
            "科學合理設置評價分值",
            "加強具體工作的操作和執行",
            "督促工作人員加強業務學習",
            "不斷提升預算績效管理水平"
        ]
    );
}

// ---- forms seen in real reports beyond the seed (lines written for these tests) ----

fn heads_of(sec: &Section) -> Vec<&str> {
    flat(&sec.items)
        .iter()
        .map(|i| i.headline.as_str())
        .collect()
}

#[test]
fn recognised_problems_as_plain_sentences() {
    // Government work reports: a recognition sentence, then one problem per sentence, up to
    // the sentence that turns to resolve.
    let secs = sections_of_text(
        "市政府工作报告\n我们也清醒地看到，全市发展中还存在一些困难和问题。工业投资增长乏力。城乡居民增收渠道偏窄。基层治理还有短板。对此，我们将认真加以解决。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].r#type, PROBLEMS);
    assert_eq!(
        heads_of(&secs[0]),
        [
            "工业投资增长乏力",
            "城乡居民增收渠道偏窄",
            "基层治理还有短板"
        ]
    );
    // The cue sentence as a paragraph of its own: the next paragraph holds the problems.
    let secs = sections_of_text(
        "报告\n在肯定成绩的同时，我们也清醒认识到面临的挑战和问题。\n从国内看，有效需求不足，消费恢复偏慢。部分企业经营困难。我们既要正视困难，更要坚定信心。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!((secs[0].heading_line, secs[0].line_end), (2, 3));
    assert_eq!(
        heads_of(&secs[0]),
        ["有效需求不足，消费恢复偏慢", "部分企业经营困难"]
    );
}

#[test]
fn plain_sentences_need_a_recognition_cue() {
    for text in [
        // 存在…差距 is not a recognition: no list of sentences.
        "报告\n虽然做了不少工作，但离群众的期盼还存在一定差距。下一步，我们要再接再厉。今年将继续努力。",
        // No problem word.
        "报告\n我们清醒地看到了发展的光明前景。全市上下信心十足。各项工作稳步推进。",
    ] {
        let secs = sections_of_text(text);
        assert!(secs.is_empty(), "{text}: {secs:#?}");
    }
}

#[test]
fn recognition_paragraph_then_numbered_lines_at_top_level() {
    // No heading above: the `一是` lines and their bodies are the items, and a later
    // recognition paragraph opens a section of its own.
    let secs = sections_of_text(
        "讲话\n我们也清醒地认识到，当前工作中的困难和问题还不少。\n一是产业基础薄弱。缺少龙头企业带动。\n二是人才储备不足。\n我们还认识到，机关作风仍有不足。个别干部推诿扯皮，服务不够主动，办事拖拉。",
    );
    assert_eq!(secs.len(), 2, "{secs:#?}");
    assert_eq!((secs[0].heading_line, secs[0].line_end), (2, 4));
    assert_eq!(heads_of(&secs[0]), ["产业基础薄弱", "人才储备不足"]);
    assert_eq!(secs[1].heading_line, 5);
}

#[test]
fn inline_run_after_one_more_sentence() {
    let s: Vec<char> = "我们也清醒地认识到，困难和问题还不少。一些老矛盾尚未化解。一是就业压力大。二是财政收支紧。"
        .chars()
        .collect();
    assert!(is_intro_sentence(&s, false).is_some());
    // Two sentences in between: not the cue's list.
    let s: Vec<char> =
        "我们也看到存在一些问题。甲地情况复杂。乙地也不简单。一是就业压力大。二是财政收支紧。"
            .chars()
            .collect();
    assert!(is_intro_sentence(&s, false).is_none());
}

#[test]
fn bare_unnumbered_headings() {
    let secs = sections_of_text(
        "关于社区养老问题的调研报告\n基本情况\n全街道共有老人三千余人。\n存在的主要问题\n一是场地不足。二是人手紧张。\n几点建议\n建议进一步整合场地资源，加强志愿者队伍建设。",
    );
    let got: Vec<(SectionType, usize, usize)> = secs
        .iter()
        .map(|s| (s.r#type, s.heading_line, s.line_end))
        .collect();
    // The title (first line) is not a heading; 基本情况 names no section.
    assert_eq!(got, [(PROBLEMS, 4, 5), (MEASURES, 6, 7)], "{secs:#?}");
    assert_eq!(heads_of(&secs[0]), ["场地不足", "人手紧张"]);
    assert_eq!(
        heads_of(&secs[1]),
        ["进一步整合场地资源", "加强志愿者队伍建设"]
    );
    // A subtitle line and a sentence are not bare headings.
    for text in [
        "调研报告\n——新形势下的问题与挑战\n正文第一段。",
        "调研报告\n存在的问题，正在逐步解决\n正文第一段。",
    ] {
        assert!(sections_of_text(text).is_empty(), "{text}");
    }
}

#[test]
fn measure_intro_sentence() {
    let secs =
        sections_of_text("报告\n做好明年的工作，要着力扩大内需，着力稳定就业，着力防范风险。");
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].r#type, MEASURES);
    assert_eq!(
        heads_of(&secs[0]),
        ["着力扩大内需", "着力稳定就业", "着力防范风险"]
    );
    for no in [
        "做好这项工作意义重大，要高度重视。",
        "我们要做好今年的工作。",
    ] {
        assert!(
            measure_intro(&no.chars().collect::<Vec<_>>()).is_none(),
            "{no}"
        );
    }
}

#[test]
fn label_with_text_on_the_same_line() {
    let secs = sections_of_text(
        "调研报告\n三、调研结果\n1. 总体进展：多数村已完成道路硬化。\n2. 主要困难：资金到位迟缓，养护人手不足；部分路段设备老化。\n四、结语\n完。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!((secs[0].r#type, secs[0].heading_line), (PROBLEMS, 4));
    assert_eq!(
        heads_of(&secs[0]),
        ["资金到位迟缓，养护人手不足", "部分路段设备老化"]
    );
}

#[test]
fn rectification_and_announcement_headings_are_not_problems() {
    // A rectification heading is no problems heading by its words (its sub-headings decide:
    // see problems_under_a_rectification_heading_are_listed_when_they_name_problems).
    for h in [
        "审计查出问题的整改情况",
        "问题整改的具体情况",
        "现将调研中发现的问题汇报如下",
    ] {
        assert_eq!(classify(h), None, "{h}");
    }
    for h in [
        "审计发现的主要问题",
        "审计发现的主要问题及整改情况",
        "工作中的缺点和错误",
        "问题与不足",
        "存在的不足",
    ] {
        assert_eq!(classify(h), Some(PROBLEMS), "{h}");
    }
    for h in [
        "审计建议",
        "下一步工作打算",
        "2024年政府工作任务",
        "今年工作的主要任务",
    ] {
        assert_eq!(classify(h), Some(MEASURES), "{h}");
    }
}

// ---- fixtures in the style of real reports (written for the tests) ----

fn fixture_json(secs: &[Section]) -> Vec<serde_json::Value> {
    secs.iter()
        .map(|s| {
            serde_json::json!({
                "type": s.r#type,
                "heading_line": s.heading_line,
                "line_end": s.line_end,
                "items": flat(&s.items).iter().map(|i| serde_json::json!([i.line, i.marker, i.headline, i.role])).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn check_fixture(name: &str) {
    let dir = root().join("tests/fixtures/sections");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture");
    let secs = sections_of_text(&text);
    let got = serde_json::Value::Array(fixture_json(&secs));
    if std::env::var("BAOGAO_FIXTURE_BLESS").is_ok() {
        let pretty = serde_json::to_string_pretty(&got).unwrap_or_default();
        std::fs::write(dir.join(format!("{name}.expected.json")), pretty + "\n").expect("bless");
        return;
    }
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).expect("expected"),
    )
    .expect("json");
    assert_eq!(
        got,
        expected,
        "{name} got:\n{}",
        serde_json::to_string_pretty(&got).unwrap_or_default()
    );
}

#[test]
fn fixture_government_report_with_plain_problem_sentences() {
    check_fixture("gov_plain");
}

#[test]
fn fixture_audit_report() {
    check_fixture("audit");
}

#[test]
fn fixture_survey_report_with_bare_headings() {
    check_fixture("survey");
}

// ---- government work report fixture (simplified) ----

#[test]
fn government_work_report_fixture() {
    let dir = root().join("tests/fixtures/sections");
    let text = std::fs::read_to_string(dir.join("gov_report.txt")).expect("fixture");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("gov_report.expected.json")).expect("expected"),
    )
    .expect("json");
    let secs = sections_of_text(&text);
    let got: Vec<serde_json::Value> = secs
        .iter()
        .map(|s| {
            serde_json::json!({
                "type": s.r#type,
                "heading_line": s.heading_line,
                "line_end": s.line_end,
                "items": flat(&s.items).iter().map(|i| serde_json::json!([i.line, i.marker, i.headline, i.role])).collect::<Vec<_>>(),
            })
        })
        .collect();
    assert_eq!(
        serde_json::Value::Array(got.clone()),
        expected,
        "got:\n{}",
        serde_json::to_string_pretty(&got).unwrap_or_default()
    );
}

// ---- the seed page, scored ----

/// Sections of every gold report of the seed, with gold report ranges and test cleaning.
pub(crate) fn seed_sections() -> (Vec<Section>, Vec<crate::aggregate::ReportInfo>) {
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/gold/seed_sections.json")).expect("gold"),
    )
    .expect("gold json");
    let loaded = crate::pipeline::load_path(&seed_path()).expect("seed page (../shared/seed)");
    let mut doc = loaded.doc;
    doc.source = "seed/000_8704a95fd81a1589.txt".to_string();
    // The real split must find the gold's reports.
    let gold_reports = gold["reports"].as_array().expect("reports");
    assert_eq!(loaded.layout.reports.len(), gold_reports.len());
    let mut secs = Vec::new();
    let mut infos = Vec::new();
    for (span, r) in loaded.layout.reports.iter().zip(gold_reports) {
        assert_eq!(Some(span.title_line as u64), r["title_line"].as_u64());
        let n = span.ordinal;
        let id = crate::doc::report_id(&doc.source, n);
        let report = crate::doc::Report::new(&doc, span);
        secs.extend(sections_in_report(&report));
        let mut info = crate::aggregate::ReportInfo::of(&report, &crate::meta::of(&report));
        info.title = doc
            .line(span.title_line)
            .map(|l| l.text.trim().to_string())
            .unwrap_or_default();
        assert_eq!(info.id, id);
        assert_eq!(info.ordinal, n);
        infos.push(info);
    }
    (secs, infos)
}

fn write_jsonl(path: &Path, secs: &[Section]) {
    let mut s = String::new();
    for sec in secs {
        s.push_str(&serde_json::to_string(sec).expect("serialize"));
        s.push('\n');
    }
    std::fs::write(path, s).expect("write");
}

#[test]
fn seed_scores_above_the_floors() {
    let (secs, _) = seed_sections();
    let dir = tempfile::tempdir().expect("tempdir");
    let pred = dir.path().join("sections.jsonl");
    write_jsonl(&pred, &secs);
    if let Ok(out) = std::env::var("BAOGAO_SECTIONS_OUT") {
        write_jsonl(Path::new(&out), &secs);
    }
    let out = std::process::Command::new("python3")
        .arg(root().join("tests/gold/score_sections.py"))
        .arg(root().join("tests/gold/seed_sections.json"))
        .arg(&pred)
        .args(["--min-section-f1", "0.95", "--min-item-f1", "0.90"])
        .output()
        .expect("run python3");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "scorer below the floors:\n{report}");
}

// ---- forms from the second held-out round (lines written for these tests) ----

#[test]
fn cause_headings_are_not_problem_sections() {
    for h in ["问题产生的原因", "问题背后的原因分析", "短板形成的根源"] {
        assert_eq!(classify(h), None, "{h}");
    }
    for h in [
        "存在的问题及原因分析",
        "主要问题和原因",
        "困难与成因",
        "存在的主要问题",
    ] {
        assert_eq!(classify(h), Some(PROBLEMS), "{h}");
    }
    assert_eq!(classify("审计意见"), Some(MEASURES));
    assert_eq!(classify("审计评价意见"), None);
}

#[test]
fn labels_ending_in_a_colon_open_their_list() {
    let secs = sections_of_text(
        "检查通报\n检查组走访了五个站点。\n站点不足的地方有以下几点：\n1. 台账不全：登记簿缺页。\n2. 设备老化：两台电脑无法开机。\n审核意见：\n1、补齐台账。\n2、更换设备。",
    );
    let got: Vec<(SectionType, usize)> = secs.iter().map(|s| (s.r#type, s.heading_line)).collect();
    // 审核意见 names no section; the label with 不足 does.
    assert_eq!(got, [(PROBLEMS, 3)], "{secs:#?}");
    assert_eq!(heads_of(&secs[0]), ["台账不全", "设备老化"]);
    // A line with a colon inside is still no heading.
    assert!(sections_of_text("报告\n问题：见附件，另行报送\n正文。").is_empty());
}

#[test]
fn measure_list_opened_by_a_sentence() {
    let yes = "为了把这项工作做实，我们需要从以下几个方面着手：";
    assert!(is_measure_list_opener(&yes.chars().collect::<Vec<_>>()));
    for no in [
        // findings, not proposals
        "存在的不足主要体现在以下几个方面：",
        // work already done
        "去年我们采取了以下措施：",
        // a modal, but it points to problems
        "需要注意以下问题：",
        // no colon: nothing follows
        "我们需要从以下几个方面着手。",
    ] {
        assert!(
            !is_measure_list_opener(&no.chars().collect::<Vec<_>>()),
            "{no}"
        );
    }
    let secs = sections_of_text(
        "督查小结\n发现问题尚存\n个别单位台账不全；少数站点设备老化。\n提高质量\n为了把这项工作做实，我们需要从以下几个方面着手：\n- 统一台账：年底前完成登记。\n- 更新设备：分批更换旧电脑。\n结语\n完。",
    );
    let got: Vec<(SectionType, usize)> = secs.iter().map(|s| (s.r#type, s.heading_line)).collect();
    assert_eq!(got, [(PROBLEMS, 2), (MEASURES, 5)], "{secs:#?}");
    assert_eq!(heads_of(&secs[1]), ["统一台账", "更新设备"]);
}

#[test]
fn opening_sentence_on_a_numbered_line() {
    let secs = sections_of_text(
        "评价报告\n（1）资料报送及时。各单位按期报送。\n（2）指标设置不够科学。部分单位在指标设置上主要存在以下几个方面的问题。第一，数量指标偏少。第二，时效指标缺失。\n（3）结果应用较好。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!((secs[0].r#type, secs[0].heading_line), (PROBLEMS, 3));
    assert_eq!(heads_of(&secs[0]), ["数量指标偏少", "时效指标缺失"]);
    // A guard in another sentence of the paragraph does not hide the list; one in the cue
    // sentence does.
    let s: Vec<char> = "不清楚如何填报。主要存在以下问题：甲；乙。"
        .chars()
        .collect();
    assert!(is_intro_sentence(&s, false).is_some());
    let s: Vec<char> = "是否存在以下问题：甲；乙。".chars().collect();
    assert!(is_intro_sentence(&s, false).is_none());
}

#[test]
fn plain_sentences_lose_lead_in_and_closing() {
    let secs = sections_of_text(
        "报告\n我们也清醒地看到，工作中还存在不少差距。主要是：园区配套不全。人才引进偏慢。对上述问题，我们将认真加以解决。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(heads_of(&secs[0]), ["园区配套不全", "人才引进偏慢"]);
}

#[test]
fn bullets_older_markers_and_english_lines() {
    use crate::lex::marker::{MarkerKind, parse_marker};
    let kind = |s: &str| parse_marker(&s.chars().collect::<Vec<_>>()).map(|m| (m.kind, m.len));
    assert_eq!(kind("- 台账不全"), Some((MarkerKind::Bullet, 2)));
    assert_eq!(kind("• 台账不全"), Some((MarkerKind::Bullet, 2)));
    assert_eq!(kind("-5%以内"), None);
    assert_eq!(kind("第一点，要抓紧"), Some((MarkerKind::Di, 4)));
    assert_eq!(kind("第二个问题，关于干部"), Some((MarkerKind::Di, 6)));
    assert_eq!(kind("第二十五条 项目结束后"), None);
    // The English half of a bilingual page is no heading, and a measure paragraph led by a
    // short imperative sentence is a child measure.
    let secs = sections_of_text(
        "报告\n三、今年工作任务\n（一）扩大有效投资。\n1. Expanding effective investment\n加快重大项目建设。全年开工项目一百个。\nWe will step up major projects.\n（二）办好民生实事。\n新建养老床位五百张，改造农村公路一百公里。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    let items: Vec<(usize, &str)> = flat(&secs[0].items)
        .iter()
        .map(|i| (i.line, i.headline.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            (3, "扩大有效投资"),
            (5, "加快重大项目建设"),
            (7, "办好民生实事")
        ]
    );
}

#[test]
fn announcements_and_adopted_suggestions_are_not_measure_lists() {
    for no in [
        "现将审计发现问题的整改情况和审计建议采纳情况报告如下：",
        "去年采取了以下措施：",
    ] {
        assert!(
            !is_measure_list_opener(&no.chars().collect::<Vec<_>>()),
            "{no}"
        );
    }
    for yes in ["针对上述问题，提出以下几点建议：", "为此，建议如下："] {
        assert!(
            is_measure_list_opener(&yes.chars().collect::<Vec<_>>()),
            "{yes}"
        );
    }
    assert_eq!(classify("已采纳的审计建议"), None);
    assert_eq!(classify("审计建议"), Some(MEASURES));
}

#[test]
fn problems_under_a_rectification_heading_are_listed_when_they_name_problems() {
    // The rectification report lists its problems, each with its rectification: one problems
    // section whose items are the problems (their status is read by the themes stage).
    let text = "整改报告\n二、问题整改的具体情况\n1.关于台账不全的问题。\n整改情况：已补齐台账。\n2.关于设备老化的问题。\n整改情况：已更换设备。";
    let secs = sections_of_text(text);
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].r#type, PROBLEMS);
    assert_eq!(
        heads_of(&secs[0]),
        ["关于台账不全的问题", "关于设备老化的问题"]
    );
    // Sub-headings that name the work done, not problems, open nothing.
    let text = "整改报告\n二、问题整改的具体情况\n1.健全台账制度。\n已补齐台账。\n2.更新办公设备。\n已更换设备。";
    assert!(
        sections_of_text(text).is_empty(),
        "{:#?}",
        sections_of_text(text)
    );
    // The same headings under a plain heading are a problems list.
    let secs = sections_of_text(
        "检查报告\n二、检查发现的问题\n1.关于台账不全的问题。\n登记簿缺页。\n2.关于设备老化的问题。\n两台电脑无法开机。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].heading_line, 2);
}

#[test]
fn fixture_inspection_notice_with_bullets_and_a_measure_list_opener() {
    check_fixture("inspection");
}

#[test]
fn fixture_evaluation_report_with_an_opening_sentence_on_a_numbered_line() {
    check_fixture("evaluation");
}

#[test]
fn proposals_after_the_problems_above() {
    let secs = sections_of_text(
        "调查报告\n走访发现，部分村的垃圾清运不及时。\n针对上述问题，建议镇政府增加清运车辆，完善保洁员考核办法，加强村民环保宣传。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].r#type, MEASURES);
    assert_eq!(secs[0].heading_line, 3);
    assert!(secs[0].items.len() >= 2, "{secs:#?}");
    for no in [
        "针对上述问题，我们已经组织了专项整治。",
        "针对这些问题的成因，下文逐一分析。",
    ] {
        assert!(
            measure_intro(&no.chars().collect::<Vec<_>>()).is_none(),
            "{no}"
        );
    }
}

#[test]
fn problem_heading_right_after_a_recognising_sentence_opens_the_section() {
    let secs = sections_of_text(
        "审计工作综述\n近年来审计工作有所改进，但是仍然存在一些问题。\n二、审计工作中存在的主要问题\n（一）取证不够充分\n部分底稿缺少签字。\n（二）整改跟踪不及时\n个别问题拖延半年。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].r#type, PROBLEMS);
    assert_eq!(secs[0].heading_line, 3);
    assert_eq!(heads_of(&secs[0]), ["取证不够充分", "整改跟踪不及时"]);
    // Without a problems heading after it, the sentence still opens the section.
    let secs = sections_of_text(
        "工作总结\n我们的工作还存在一些问题和不足，主要是：\n（一）理论学习存在不足。\n（二）调研不够扎实。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].heading_line, 2);
}

// ---- forms from the third held-out round (lines written for these tests) ----

#[test]
fn rationale_headings_are_not_problem_sections() {
    for h in [
        "直面城乡发展新挑战的现实需要",
        "破解融资难题的必然要求",
        "化解基层矛盾问题的重要举措",
        "补齐民生短板的有效途径",
        "四、应对人口老龄化挑战的迫切需要",
    ] {
        assert_eq!(classify(h), None, "{h}");
    }
    for h in [
        "当前面临的新挑战",
        "存在的问题和下一步工作要求",
        "发展中的困难与需要",
        "群众反映强烈的突出问题",
    ] {
        assert!(classify(h).is_some(), "{h}");
    }
    // The coordinator keeps the heading a section (here measures: 下一步 is the later cue).
    assert_eq!(classify("存在的问题和下一步工作要求"), Some(MEASURES));
    // As a bare line it opens nothing either.
    let secs = sections_of_text(
        "关于家庭农场的调查\n直面城乡发展新挑战的现实需要\n近年来，家庭农场数量快速增长，带动了土地流转。",
    );
    assert!(secs.is_empty(), "{secs:#?}");
}

#[test]
fn deputies_opinions_in_news_open_no_section() {
    for yes in [
        "代表们认为，在看到成绩的同时，全县发展仍面临不少困难和问题，报告提出的任务切实可行。",
        "讨论中，委员们一致表示，我市经济运行中还存在一些突出问题，需要下大力气解决。",
        "与会人员普遍认为，当前仍存在一些困难和问题，要增强忧患意识。",
    ] {
        assert!(reports_speech(yes), "{yes}");
        let text = format!("县人代会分组审议政府工作报告\n{yes}\n会议还听取了其他报告。");
        let secs = sections_of_text(&text);
        assert!(secs.is_empty(), "{yes}: {secs:#?}");
    }
    for no in [
        "我代表县人民政府，向大会作政府工作报告。",
        "调查选取了具有代表性的农户认为合适的时段开展访谈。",
        "在肯定成绩的同时，我们也清醒地看到，发展中还存在一些困难和问题，主要是：",
    ] {
        assert!(!reports_speech(no), "{no}");
    }
    // The government's own sentence still opens its list.
    let secs = sections_of_text(
        "政府工作报告\n在肯定成绩的同时，我们也清醒地看到，发展中还存在一些困难和问题，主要是：产业层次不高；财政收支矛盾突出；公共服务短板较多。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].r#type, PROBLEMS);
    assert_eq!(secs[0].items.len(), 3, "{secs:#?}");
}

#[test]
fn an_excerpt_opening_mid_list_finds_its_later_measures_heading() {
    let secs = sections_of_text(
        "调研材料（第5页）\n（三）台账登记不及时。部分站点登记滞后。\n（四）巡查频次偏低。一是人手不足。二是车辆紧张。\n三、对下一步工作的建议\n（一）建立台账月报制度。\n（二）增加巡查车辆。\n（三）充实巡查力量。",
    );
    let got: Vec<(SectionType, usize, usize)> = secs
        .iter()
        .map(|s| (s.r#type, s.heading_line, s.items.len()))
        .collect();
    assert!(got.contains(&(MEASURES, 4, 3)), "{secs:#?}");
}

#[test]
fn how_to_texts_and_abstracts_open_no_sections() {
    // A how-to naming the parts of a model report.
    let secs = sections_of_text(
        "如何写自查报告\n一、基本情况。这部分写单位概况。\n二、问题和整改建议。这部分主要写查出的问题，以及下一步怎样改，措施要可行。\n三、结尾。",
    );
    assert!(secs.is_empty(), "{secs:#?}");
    let secs = sections_of_text(
        "如何写自查报告\n一、基本情况\n这部分写单位概况。\n二、存在的问题\n这一部分要把问题写准写实。\n三、结尾",
    );
    assert!(secs.is_empty(), "{secs:#?}");
    // An abstract saying what the paper does.
    let secs = sections_of_text(
        "论文\n摘要：本文以某县为例，分析专项资金管理中存在的问题，并提出改进建议。\n一、引言\n近年来专项资金规模扩大。\n二、专项资金管理中存在的问题\n（一）拨付不及时\n资金滞留时间较长。",
    );
    let got: Vec<(SectionType, usize)> = secs.iter().map(|s| (s.r#type, s.heading_line)).collect();
    assert_eq!(got, [(PROBLEMS, 5)], "{secs:#?}");
    // A real report's heading with a body keeps its section.
    let secs = sections_of_text(
        "自查报告\n一、存在的问题\n这些问题主要是台账不全。\n（一）台账不全\n登记簿缺页。",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
}

// ---- layouts as published (fixtures in our own words) ----

#[test]
fn fixture_flattened_evaluation_report() {
    // The whole body on one line, as crawled pages give it: sections and items still come out,
    // each item on that line.
    check_fixture("flattened_evaluation");
}

#[test]
fn fixture_wrapped_audit_report_with_page_numbers() {
    // PDF text: lines of one width, page numbers between pages; the intro sentence starts on
    // line 3 and its `问题：` is on line 5.
    check_fixture("wrapped_audit");
}

#[test]
fn headings_about_fixing_problems_are_not_problem_sections() {
    for h in [
        "压责任补短板、强阵地防风险，落实意识形态工作责任",
        "抓实标杆标准、健全长效机制，全力推动相关问题一体整改",
        "着力解决历史遗留问题",
        "补齐民生短板",
    ] {
        assert_ne!(classify(h), Some(PROBLEMS), "{h}");
    }
    for h in [
        "存在的问题和不足",
        "解决群众急难愁盼方面存在的不足",
        "审计发现的主要问题",
        "巡视反馈问题",
    ] {
        assert_eq!(classify(h), Some(PROBLEMS), "{h}");
    }
}

#[test]
fn a_method_statement_opens_no_problems_section() {
    let s: Vec<char> = "通过收集数据、实地调研，总结经验做法、查找存在问题与原因、提出有关建议。"
        .chars()
        .collect();
    assert!(intro_cue(&s, false).is_none());
    let s: Vec<char> = "项目实施中也存在一些问题，主要是：".chars().collect();
    assert!(intro_cue(&s, false).is_some());
}

#[test]
fn a_heading_glued_to_its_first_sentence_still_opens_its_section() {
    // Flattened text: no blank between a heading and its body, a page number left inline.
    let text = "某省2023年彩票公益金项目绩效评价报告\n\
                一、基本情况2023年共安排资金3000万元，支持9个地市。 5二、存在问题根据现场核查，发现以下问题。\
                （一）部分项目建设滞后全年仍有3个项目未开工。（二）资金使用不规范个别地市挪用资金20万元。\
                三、建议和意见（一）加快项目建设进度。（二）规范资金使用管理。\n";
    let secs = sections_of_text(text);
    let types: Vec<_> = secs.iter().map(|s| (s.r#type, s.heading.clone())).collect();
    assert_eq!(secs.len(), 2, "{types:?}");
    assert_eq!(secs[0].r#type, PROBLEMS);
    assert!(secs[0].heading.starts_with("二、存在问题"), "{types:?}");
    assert_eq!(secs[0].items.len(), 2, "{:#?}", secs[0].items);
    assert_eq!(secs[1].r#type, MEASURES);
    assert_eq!(secs[1].items.len(), 2, "{:#?}", secs[1].items);
}

// ---- intro sentences and back matter (issue 11; sentences in our own words) ----

#[test]
fn an_intro_sentence_ending_in_a_colon_falls_back_to_sentence_items() {
    let secs = sections_of_text(
        "二、存在的不足\n在肯定成绩的同时，我们也看到工作中还存在一些问题：产业结构单一，抗风险能力弱。项目储备不足，后续投资乏力。基层治理能力有待提升。\n三、下一步打算\n（一）调整产业结构。\n",
    );
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(
        heads_of(p),
        [
            "产业结构单一，抗风险能力弱",
            "项目储备不足，后续投资乏力",
            "基层治理能力有待提升"
        ]
    );
    // A colon that ends the paragraph, or one after a long first sentence, is no intro.
    let secs =
        sections_of_text("二、存在的问题\n项目资金拨付率为61%，工程款支付滞后，主要原因如下：\n");
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(p.items.len(), 1);
}

#[test]
fn a_cue_split_over_two_sentences_opens_the_section() {
    // Recognition in one sentence, the problem word in the next.
    let secs = sections_of_text(
        "各位代表：\n过去一年，全市经济运行总体平稳。\n我们也清醒地认识到，前进道路上不会一帆风顺。当前，我市发展面临诸多困难挑战：外需收缩，工业品价格持续低位；部分企业订单不足，经营困难；财政收支平衡难度加大。我们一定直面问题，全力以赴加以解决。\n",
    );
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(
        heads_of(p),
        [
            "外需收缩，工业品价格持续低位",
            "部分企业订单不足，经营困难",
            "财政收支平衡难度加大"
        ]
    );
}

#[test]
fn a_glossary_or_an_annex_ends_the_section_before_it() {
    for label in ["名词解释：", "附：名词解释", "附件1", "附件：评价指标体系"]
    {
        let text = format!(
            "三、改进措施\n1.加快资金支付。\n2.细化绩效指标。\n{label}\n1.绩效目标：指项目预期达到的产出和效果。\n2.满意度：指受益群众对项目的评价。\n"
        );
        let secs = sections_of_text(&text);
        let m = secs
            .iter()
            .find(|s| s.r#type == MEASURES)
            .expect("measures");
        assert_eq!(heads_of(m), ["加快资金支付", "细化绩效指标"], "{label}");
        assert_eq!(m.line_end, 3, "{label}");
    }
    // A sentence about annexes is no annex label.
    let secs = sections_of_text(
        "三、存在的问题\n1.项目资金拨付滞后。\n附件材料不齐全，验收资料缺失。\n2.绩效指标不够量化。\n",
    );
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(p.line_end, 4);
}

#[test]
fn a_measures_heading_whose_first_paragraph_sums_up_the_problems_holds_both() {
    let secs = sections_of_text(
        "八、下步工作措施\n全年决算情况总体平稳，但也存在一些困难和问题，主要是：税收收入增长乏力；部分专项资金结转较多；基层“三保”压力较大。对此，我们将认真加以解决。\n（一）加强收入征管。落实各项税费政策。\n（二）盘活存量资金。清理结转结余资金。\n",
    );
    let m = secs
        .iter()
        .find(|s| s.r#type == MEASURES)
        .expect("measures");
    assert_eq!(heads_of(m), ["加强收入征管", "盘活存量资金"]);
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(p.heading_line, 2);
    assert_eq!(p.line_end, 2);
    assert_eq!(
        heads_of(p),
        [
            "税收收入增长乏力",
            "部分专项资金结转较多",
            "基层“三保”压力较大"
        ]
    );
}

#[test]
fn recognising_sentences_that_end_in_a_colon_list_their_problems() {
    // …面临的困难和挑战：甲，乙，丙。丁。 — sentences after the colon, no list marks.
    let secs = sections_of_text(
        "各位代表：\n过去一年，全县经济运行总体平稳。\n同时，我们也清醒地看到面临的困难和挑战：有效需求不足，科技创新能力不强，转型升级任务艰巨。政府部门形式主义仍不同程度存在。我们一定直面问题，尽心竭力做好工作。\n",
    );
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(p.heading_line, 3);
    assert_eq!(
        heads_of(p),
        [
            "有效需求不足，科技创新能力不强，转型升级任务艰巨",
            "政府部门形式主义仍不同程度存在"
        ]
    );
    // 我们也清醒认识到：甲；乙；丙。 — the recognition verb itself announces the list.
    let secs = sections_of_text(
        "各位代表：\n我们也清醒认识到：工业增长动力不足；城乡收入差距仍较明显；基层公共服务还有短板。\n",
    );
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(
        heads_of(p),
        [
            "工业增长动力不足",
            "城乡收入差距仍较明显",
            "基层公共服务还有短板"
        ]
    );
}

#[test]
fn acknowledged_and_far_recognised_problems_open_a_section() {
    // 问题和困难也不少: acknowledged, so the plain sentences after it are problems.
    let secs = sections_of_text(
        "各位代表：\n我们在各项工作取得成绩的同时，面临的问题和困难也不少。物价上涨幅度偏大。部分地区电力供应紧张。\n",
    );
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(heads_of(p), ["物价上涨幅度偏大", "部分地区电力供应紧张"]);
    // The problem word far after 认识到, in the same sentence.
    let secs = sections_of_text(
        "各位代表：\n我们清醒认识到，我县仍处于爬坡过坎的关键时期，发展不平衡不充分的一些突出问题尚未解决。县域经济总量偏小。农村基础设施欠账较多。\n",
    );
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(heads_of(p), ["县域经济总量偏小", "农村基础设施欠账较多"]);
    // A measures heading whose first paragraph announces the proposals holds no problems.
    let secs = sections_of_text(
        "七、审计建议\n做好今年工作，要统筹好发展和安全。结合审计发现的问题，建议：\n（一）加强预算管理。严控一般性支出。\n（二）规范资金使用。\n",
    );
    assert!(secs.iter().all(|s| s.r#type == MEASURES), "{secs:#?}");
}

#[test]
fn a_heading_about_the_planned_years_work_lists_measures() {
    // The report reviews 2025 and plans 2026: `2026年…工作` is the plan, `2025年…工作` is not.
    let secs = sections_of_text(
        "关于2025年预算执行情况和2026年预算草案的报告\n（一）2025年财政管理工作\n1.加强收入征管。\n2.盘活存量资金。\n（二）2026年财政管理改革工作\n1.深化零基预算改革。\n2.健全预算绩效管理。\n",
    );
    assert_eq!(secs.len(), 1, "{secs:#?}");
    assert_eq!(secs[0].r#type, MEASURES);
    assert_eq!(heads_of(&secs[0]), ["深化零基预算改革", "健全预算绩效管理"]);
    // One year in the title: no plan year.
    let secs = sections_of_text(
        "2026年财政工作要点\n（一）2026年财政管理改革工作\n1.深化零基预算改革。\n2.健全预算绩效管理。\n",
    );
    assert!(secs.is_empty(), "{secs:#?}");
}

#[test]
fn a_flattened_numbered_part_is_read_for_its_opening_sentence() {
    // 一、…回顾 and its whole text on one line, problems in the middle of it.
    let review = "全年经济运行总体平稳，主要指标好于预期，各项社会事业稳步发展，人民生活持续改善。"
        .repeat(40);
    let text = format!(
        "各位代表：\n一、2025年工作回顾 {review}同时，我们清醒认识到，前进道路上还有不少困难和问题。主要是：县域经济总量偏小。农村基础设施欠账较多。这些问题，我们将认真解决。 二、2026年工作安排 （一）壮大县域经济。（二）补齐农村基础设施。\n"
    );
    let secs = sections_of_text(&text);
    let p = secs
        .iter()
        .find(|s| s.r#type == PROBLEMS)
        .expect("problems");
    assert_eq!(heads_of(p), ["县域经济总量偏小", "农村基础设施欠账较多"]);
    assert!(secs.iter().any(|s| s.r#type == MEASURES));
}
