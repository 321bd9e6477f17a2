//! Tests of layout recovery, on text written for them in the layouts reports come in.

use super::*;
use crate::doc::{CleanDoc, Report};

fn doc(text: &str) -> CleanDoc {
    CleanDoc {
        source: "layout.txt".into(),
        encoding: "UTF-8".into(),
        lines: crate::clean::clean_text(text),
        source_lines: None,
    }
}

fn texts(paras: &[Para]) -> Vec<String> {
    paras.iter().map(|p| p.t.iter().collect()).collect()
}

#[test]
fn page_furniture_is_recognised_and_text_is_not() {
    for yes in [
        "— 4 —",
        "- 12 -",
        "12",
        "第3页 共10页",
        "第 3 页",
        "3/10",
        "－5－",
    ] {
        assert!(is_page_furniture(yes), "{yes}");
    }
    for no in [
        "2021年",
        "一、总体情况",
        "12个项目",
        "—— 2021年3月",
        "第三章",
    ] {
        assert!(!is_page_furniture(no), "{no}");
    }
}

#[test]
fn wrapped_lines_are_joined_across_page_numbers() {
    // A page width of 20 chars (the title is longer); the second paragraph runs over a page break.
    let text = "某县审计局关于2022年度预算执行的审计报告\n\
                一、基本情况\n\
                县审计局对全县二〇二二年度的预算执行情况\n\
                进行了审计，审计范围包括县本级和各乡镇。\n\
                二、审计发现的主要问题\n\
                审计重点关注了组织财政收入、零基预算、转\n\
                — 4 —\n\
                移支付和国有资本经营预算等方面，发现主要\n\
                问题：一是预算编制不细；二是资金拨付滞后。\n\
                三、审计建议\n\
                加强预算编制管理，提高资金使用效益。\n";
    let d = doc(text);
    let r = Report::whole(&d);
    let paras = paragraphs(&r.lines);
    let t = texts(&paras);
    assert!(
        t.contains(
            &"县审计局对全县二〇二二年度的预算执行情况进行了审计，审计范围包括县本级和各乡镇。"
                .to_string()
        ),
        "{t:#?}"
    );
    let long = paras
        .iter()
        .find(|p| p.t.iter().collect::<String>().starts_with("审计重点关注"))
        .expect("the joined paragraph");
    let s: String = long.t.iter().collect();
    assert!(s.ends_with("二是资金拨付滞后。"), "{s}");
    assert!(!s.contains('4'), "the page number is dropped: {s}");
    // The paragraph starts on line 6 and its `问题：` is on line 9.
    assert_eq!(long.first().src, 6);
    let at = s.chars().position(|c| c == '：').expect("colon");
    assert_eq!(long.src_at(at), 9);
    let (piece, ch) = long.locate(at);
    assert_eq!(piece.line.text.chars().nth(ch), Some('：'));
    // Headings are not joined to the paragraph after them.
    assert!(t.contains(&"三、审计建议".to_string()), "{t:#?}");
}

#[test]
fn one_paragraph_per_line_is_left_alone() {
    let text = "某市2021年部门整体支出绩效自评报告\n\
                一、部门基本情况\n\
                本部门主要职责是负责全市的财政预算管理和国有资产管理工作，内设科室八个。\n\
                二、存在的问题\n\
                部分项目绩效目标设置不够细化量化。\n\
                三、改进措施\n\
                进一步加强绩效目标管理，提升指标质量。\n";
    let d = doc(text);
    let r = Report::whole(&d);
    assert_eq!(paragraphs(&r.lines).len(), 7);
}

#[test]
fn a_flattened_body_is_split_at_its_outline_markers() {
    let text = "某县2021年农村道路建设项目绩效评价报告\n\
                一、项目概况 该项目总投资800万元，建设道路12公里。 二、存在的问题 （一）资金拨付不及时，部分资金滞留3个月。（二）项目档案不完整。 三、建议 （一）加快资金拨付。（二）完善档案管理制度，按3.5%比例预留质保金，于2021.3完成。\n";
    let d = doc(text);
    let r = Report::whole(&d);
    let t = texts(&paragraphs(&r.lines));
    assert_eq!(
        t,
        vec![
            "某县2021年农村道路建设项目绩效评价报告",
            "一、项目概况 该项目总投资800万元，建设道路12公里。",
            "二、存在的问题",
            "（一）资金拨付不及时，部分资金滞留3个月。",
            "（二）项目档案不完整。",
            "三、建议",
            "（一）加快资金拨付。",
            "（二）完善档案管理制度，按3.5%比例预留质保金，于2021.3完成。",
        ]
    );
}

#[test]
fn inline_markers_must_continue_their_series() {
    let s: Vec<char> = "按照规定执行。三、其他事项另行通知。（二）不在序列中。"
        .chars()
        .collect();
    let mut last = [0u32; 4];
    assert!(inline_marker_starts(&s, &mut last).is_empty());
    let s: Vec<char> = "总体较好。一、甲。二、乙。（一）丙。".chars().collect();
    let mut last = [0u32; 4];
    assert_eq!(inline_marker_starts(&s, &mut last).len(), 3);
}

#[test]
fn table_rows_are_told_from_text() {
    let row = |t: &str| is_table_row(&t.chars().collect::<Vec<_>>());
    for yes in [
        "8510 困难群众救助补助资金",
        "866 1,309 51.1",
        "3.产权转让收入 75 -100.0 2.国有企业资本金注入 402",
    ] {
        assert!(row(yes), "{yes}");
    }
    for no in [
        "2025年，面对复杂形势，全市财政收入完成80亿元。",
        "1.解决历史遗留问题及改革成本支出",
        "（一）资金拨付不及时，部分资金滞留3个月。",
        "2026 年预算安排的总体要求",
    ] {
        assert!(!row(no), "{no}");
    }
}

#[test]
fn a_han_marker_before_a_year_and_a_long_heading_before_its_list_split_too() {
    // A web page body on one line: `一、2025年…` opens a part (a year is no decimal), and the
    // measures heading is followed, after blanks, by its first entry.
    let text = "某市2025年预算执行情况的报告\n各位代表：现将预算执行情况报告如下。  一、2025年预算执行情况  全年一般公共预算收入完成86亿元，增长3.1%。  二、完成2026年预算任务的主要措施   （一）加强收入征管。落实各项税费政策。  （二）盘活存量资金。清理结转结余资金。\n";
    let d = doc(text);
    let r = Report::whole(&d);
    let t: Vec<String> = texts(&paragraphs(&r.lines))
        .into_iter()
        .map(|p| p.trim().to_string())
        .collect();
    assert_eq!(
        t,
        vec![
            "某市2025年预算执行情况的报告",
            "各位代表：现将预算执行情况报告如下。",
            "一、2025年预算执行情况  全年一般公共预算收入完成86亿元，增长3.1%。",
            "二、完成2026年预算任务的主要措施",
            "（一）加强收入征管。落实各项税费政策。",
            "（二）盘活存量资金。清理结转结余资金。",
        ]
    );
}
