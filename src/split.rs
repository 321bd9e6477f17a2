//! Find the reports inside a source file, and the site chrome around them.
//!
//! Scraped "collection" pages (`…报告(通用17篇)`) hold many reports, each opened by a title line
//! that repeats a common stem with its number: `招商引資工作經費事前績效評估報告 1`, `… 2`, …, or
//! `篇一：…`, `第2篇 …`. A series of such lines numbered 1, 2, 3 … marks the reports. What comes
//! before the first title (SEO spam, breadcrumbs, byline, editor's blurb) and after the last
//! report (a "related articles" list) belongs to no report.
//!
//! A file without such a series is one report; its title is the first heading-like line after the
//! page chrome, or the file name.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{CleanDoc, CleanLine, ReportSpan};
use crate::lex::numeral::parse_small_number;

/// A title with a trailing report number: `招商引资工作经费事前绩效评估报告 1`, `…报告2`,
/// `…报告（三）`, `…总结 第4篇`, `…方法篇5`, `…体会2：`. The stem is normalised by [`series_stem`].
static NUMBERED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\S.{1,58}?)\s*(?:第\s*)?[（(【\[]?\s*([0-9]{1,3}|[一二三四五六七八九十]{1,3})\s*[）)】\]]?\s*篇?\s*[:：]?$")
        .expect("NUMBERED_TITLE is a valid regex")
});

/// A piece number glued to its text on a long line, as document sites print a collection:
/// `酒店岗位说明书(通用3篇)酒店岗位说明书篇1⑴熟悉…`, `酒店岗位说明书篇2岗位职责：…`. Only a
/// stem shared by several such lines makes a series.
static GLUED_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[^（(]{2,40}[（(][^）)]{0,8}篇[）)])?(\S{2,40}?)篇\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})")
        .expect("GLUED_PIECE is a valid regex")
});

/// What a series stem may end with besides its text: `…方法篇1` and `…报告之2` share the stem
/// of `…方法` / `…报告`.
static STEM_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:篇|第|之|范文|[-—_:：·\s])+$").expect("STEM_TAIL is a valid regex")
});

/// The stem of a numbered title without its joining word: `业务员绩效考核方法篇` → `业务员绩效考核方法`.
fn series_stem(stem: &str) -> String {
    STEM_TAIL.replace(stem.trim(), "").to_string()
}

/// Labels of the annexes, tables and figures of one report (`附件1`, `附件2`, `表十一`,
/// `附表3`): numbered, but parts of a report, never a series of reports.
const ANNEX_LABELS: &[&str] = &[
    "附件",
    "附表",
    "附录",
    "附图",
    "表",
    "图",
    "表格",
    "图表",
    "附",
    "附件表",
];

/// Whether a series stem is an annex label, with any numeral the title pattern left in it
/// (`表十一` reads as stem `表十`, number 一).
fn is_annex_label(stem: &str) -> bool {
    let bare = stem.trim_end_matches(|c: char| {
        c.is_ascii_digit() || crate::lex::numeral::cjk_digit(c).is_some() || c == '十'
    });
    ANNEX_LABELS.contains(&bare.trim())
}

/// A leading piece number: `篇一：…`, `【篇2】…`, `第三篇 …`.
static PIECE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[【\[（(]?(?:(?:篇|范文|例文|精选)\s*([一二三四五六七八九十百0-9]{1,4})|第\s*([一二三四五六七八九十百0-9]{1,4})\s*篇)[】\]）)]?")
        .expect("PIECE_TITLE is a valid regex")
});

/// The start of the page trailer: a "related articles" list, `上一篇：`/`下一篇：` links, the
/// copyright or disclaimer footer, a "members read the rest" paywall note, a line of `|`-separated
/// links, e.g. `【…】相关文章：`, `小编精心推荐`, `版权所有 © 2023`, `……(未完,全文共6831字`.
static RELATED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"相关文章|相关推荐|相关阅读|相关专题|猜你喜欢|热门推荐|推荐阅读|延伸阅读|热门文章|热门排行|精心推荐|小编推荐|为您推荐|上一篇|下一篇|更多相关|版权所有|版权声明|免责声明|转载请注明|Copyright|©|正式会员|全文共\s*[0-9]+\s*字|当前仅显示|[（(]未完|未完待续|省略[0-9]+字|分享到|收藏本文|打印本文|关闭窗口|返回顶部|返回列表|\S\s*\|\s*\S.*\|",
    )
    .expect("RELATED_HEADER is a valid regex")
});

/// A footer line that closes an article: the editor, source or author note, `[责任编辑:张三]`,
/// `（编辑：李四）`, `本文来源：某某网`. It starts the trailer only when no body text follows it.
static FOOTER_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[【（(]?\s*(?:责任编辑|编辑|来源|本文来源|文章来源|信息来源|作者|审核|校对|稿件来源)\s*[:：]")
        .expect("FOOTER_NOTE is a valid regex")
});

/// Page chrome before a report: spam keyword lines, breadcrumbs (`首页 > …`, `-> 要闻 -> …`,
/// a lone `首页`), bylines (`时间: 2024-08-02 栏目:办公范文`, `编辑:某某2017-04-26`), site
/// welcome lines, login boxes, document-site widgets (`上传人:… 文档编号:…`, `第1页 / 共58页`,
/// `….docx`), share and font-size widgets, `推荐度`, and bullet or dash nav items.
static HEADER_CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:.*_.*_.*_|.*\|.*\|)|首页\s*[>»›]|^首页$|^\s*(?:->|>|»|›)|[>»›]\s*正文$|当前位置|发布时间|发布日期",
        r"|时间\s*[:：]\s*[0-9]{4}|来源\s*[:：]|[0-9]{4}-[0-9]{2}-[0-9]{2}\s+[0-9]{2}:[0-9]{2}|^\[?[0-9]{1,2}-[0-9]{1,2}\s+[0-9]{2}:[0-9]{2}",
        r"|我要投稿|浏览次数|阅读\s*[:：]\s*[0-9]|^[•·\-*]|推荐度|导航$|^栏目|栏目\s*[:：]|编辑\s*[:：]|作者\s*[:：]|字号\s*[:：]|^摘要\s*[:：]|标签\s*[:：]",
        r"|欢迎您|欢迎光临|欢迎访问|用户名\s*[:：]|二维码|手机查看|手机版",
        r"|_第\s*[0-9]+\s*页$|已阅读\s*[0-9]+\s*页|继续免费阅读|^付费下载$|^下载本文档$|^文档简介$|本文档由用户提供",
        r"|上传人|文档编号|上传时间|由会员分享|点击查看更多|^下载资源$|^资源描述$|^合集下载$|^下载\s+相关\s+举报|^举报$|第\s*[0-9]+\s*页\s*/\s*共|发布于|\.(?:docx?|pdf|pptx?|xlsx?)(?:VIP)?(?:_|$)|https?://",
    ))
    .expect("HEADER_CHROME is a valid regex")
});

/// Document-site shop widgets around a shown document: the share bar (`书签 分享 收藏 举报`),
/// the shop header (`欢迎来到某某文库！`, `全部分类`, `首页 某某办公 > 资源分类 > …`), the download
/// box (`资源ID:…`, `下载积分:16金币`, `快捷下载`, `邮箱/手机:`, `验证码: 换一换`, `支付方式:`),
/// the download terms (`3、本站不支持迅雷下载…`) and the reposting disclaimer (`本文部分内容来自
/// 网络整理…`, `==本文为word格式，下载后可方便编辑和修改！`).
static DOCSITE_WIDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^书签\s|上传文档赚钱|欢迎来到|帮助中心|^全部分类$|ImageVerifierCode|换一换|资源ID|资源大小|下载积分|金币|快捷下载",
        r"|会员登录|^邮箱\s*/\s*手机|^温馨提示|^友情提示|支付方式|^验证码|用户名和密码|^资源描述\s*[:：]|^关\s*键\s*词\s*[:：]|【下载声明】",
        r"|^[0-9]{1,2}\s*[.、．]\s*本站|本文部分内容来自网络|本文为\s*word\s*格式|下载后可方便编辑|^首页\s.{0,20}[>»›]",
    ))
    .expect("DOCSITE_WIDGET is a valid regex")
});

/// A tag or share line: four or more space-separated words of at most four characters,
/// `绩效 管理 细则 通用 10`, `书签 分享 收藏 举报 版权申诉 / 23`. A title has fewer gaps.
static KEYWORD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\S{1,4}\s+){3,}\S{1,4}$").expect("KEYWORD_LINE is a valid regex")
});

/// A site name with its slogan, `汽车探索网-带你全面了解汽车知识`, `某某范文网_专业的范文写作网站`.
static SITE_SLOGAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\S{1,12}(?:网|网站|文库|之家)\s*[-—–_|]").expect("SITE_SLOGAN is a valid regex")
});

/// Page chrome: [`HEADER_CHROME`], [`DOCSITE_WIDGET`], [`KEYWORD_LINE`] or [`SITE_SLOGAN`].
fn is_chrome(line: &str) -> bool {
    HEADER_CHROME.is_match(line)
        || DOCSITE_WIDGET.is_match(line)
        || KEYWORD_LINE.is_match(line)
        || SITE_SLOGAN.is_match(line)
}

/// Where the reports of a file are.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub reports: Vec<ReportSpan>,
    /// First line of the trailing "related articles" chrome, if any.
    pub trailer_start: Option<usize>,
}

/// Find the reports in the cleaned lines of one file. `file_stem` names a single report that has
/// no heading-like line.
pub fn split(lines: &[CleanLine]) -> Layout {
    let view: Vec<&str> = lines.iter().map(|l| l.simplified.trim()).collect();
    let titles = numbered_series(&view);
    // Body text before the first title means the numbered titles are parts of the report
    // above them (the tables of a final-accounts report: 机关资本性支出(一), (二)), not a series
    // of reports: no line of the body may be left out of every report.
    let body_before: usize = titles.first().map_or(0, |&t| {
        view[..t - 1]
            .iter()
            .filter(|l| is_body_text(l))
            .map(|l| l.chars().count())
            .sum()
    });
    if titles.len() >= 2 && body_before < MAX_CHARS_BEFORE_SERIES {
        let last_title = titles[titles.len() - 1];
        let trailer_start = trailer(&view, last_title + 1);
        let stop = trailer_start.unwrap_or(view.len() + 1);
        let mut reports = Vec::with_capacity(titles.len());
        for (k, &t) in titles.iter().enumerate() {
            let next = titles.get(k + 1).copied().unwrap_or(stop);
            reports.push(ReportSpan {
                ordinal: k + 1,
                title_line: t,
                line_start: t,
                line_end: last_non_blank(&view, t, next - 1),
            });
        }
        return Layout {
            reports,
            trailer_start,
        };
    }
    // One report. Blurbs are skipped only when some other text follows them.
    let first = (1..=view.len())
        .find(|&n| is_content(view[n - 1]) && !EDITOR_BLURB.is_match(view[n - 1]))
        .or_else(|| (1..=view.len()).find(|&n| is_content(view[n - 1])));
    let Some(first) = first else {
        return Layout::default();
    };
    let guess = single_title(&view, first);
    // Body text before the guessed title means the guess is wrong (the file starts with its
    // text, e.g. `1994年，全国各族人民…`): the report starts at the first content line, and
    // lines are never dropped from it. Only page chrome may stand before a title.
    let title_line =
        if (first..guess).any(|n| is_body_text(view[n - 1]) || is_figure_line(view[n - 1])) {
            first
        } else {
            guess
        };
    // A site label without a document word (`三一办公`) gives way to the file name above the text.
    let body_start = if DOC_KIND.is_match(view[title_line - 1]) {
        title_line
    } else {
        (title_line..=view.len())
            .find(|&n| is_body_text(view[n - 1]))
            .unwrap_or(title_line)
    };
    let title_line = file_name_title(&view, body_start).unwrap_or(title_line);
    // Navigation such as `相关推荐` above the title is not the trailer: look after the title.
    let trailer_start = trailer(&view, title_line + 1);
    let stop = trailer_start.unwrap_or(view.len() + 1);
    Layout {
        reports: vec![ReportSpan {
            ordinal: 1,
            title_line,
            line_start: title_line,
            line_end: last_non_blank(&view, title_line, stop - 1),
        }],
        trailer_start,
    }
}

/// Body chars after a "related"/share line that make it a widget above the text, not the
/// trailer (a disclaimer sentence after a copyright line is not a report body).
const MIN_BODY_AFTER_WIDGET: usize = 200;

/// Most chars of body text before the first title of a series of reports (an editor's intro to
/// a collection is short; a report body is not).
const MAX_CHARS_BEFORE_SERIES: usize = 1_500;

/// A document site's file name, `第四章 组织课件.ppt`, `物业管理质量手册.docx`.
static DOC_FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\S.{1,60}\.(?:docx?|pdf|pptx?|xlsx?|txt)$")
        .expect("DOC_FILE_NAME is a valid regex")
});

/// When the line right above the first body line `start` is the document's file name
/// (`第四章 组织课件.ppt` above `第六讲 组织，第一节…`), that file name is the title.
fn file_name_title(view: &[&str], start: usize) -> Option<usize> {
    if !is_body_text(view[start - 1]) {
        return None;
    }
    let above = (1..start).rev().find(|&n| !view[n - 1].is_empty())?;
    DOC_FILE_NAME.is_match(view[above - 1]).then_some(above)
}

/// How many lines after the first content line the title of a single report may be.
const HEADER_ZONE: usize = 24;

/// The title line of a file that holds one report.
///
/// The header zone runs from the first content line to the first line of the body (a list
/// heading such as `一、基本情况` or a full sentence). Scraped pages show the title twice (page
/// title, then article title) among breadcrumbs and bylines, or a collection title
/// `…方案(通用6篇)` followed by the one numbered piece the page shows, `…方案1`: a heading whose
/// [`title_key`] repeats in the header zone is the title (its last occurrence, right before the
/// body). Otherwise the first heading-like line that names a kind of document
/// ([`DOC_KIND`]) is, and failing that the first heading-like line: a site or section label such
/// as `信息公开` gives way to `…行政管理制度`.
fn single_title(view: &[&str], first: usize) -> usize {
    let zone_end = (view.len() + 1).min(first + HEADER_ZONE);
    let mut candidates: Vec<(usize, String)> = Vec::new();
    let mut piece_one = None;
    for n in first..zone_end {
        let l = view[n - 1];
        if crate::lex::marker::starts_with_numbered_marker(l)
            || CHAPTER_HEADING.is_match(l)
            || is_body_text(l)
        {
            break;
        }
        // `篇一：` on its own line, or `第一篇：…`: the one piece the page shows starts here.
        if piece_one.is_none() && l.chars().count() <= 40 && piece_number(l) == Some(1) {
            piece_one = Some(n);
        }
        if is_heading_like(l) {
            candidates.push((n, title_key(l)));
        }
    }
    if let Some(n) = piece_one {
        return n;
    }
    // A lone name right above the text is the author's byline, not a title: `趙家欣`.
    if let [(n, _)] = candidates.as_slice()
        && BYLINE_NAME.is_match(view[n - 1])
        && let Some(next) = (n + 1..=view.len()).find(|&m| !view[m - 1].is_empty())
        && is_body_text(view[next - 1])
    {
        return next;
    }
    let repeated = candidates
        .iter()
        .rev()
        .find(|(n, t)| candidates.iter().any(|(m, u)| m < n && u == t));
    // `…范本一` after a collection title `…(二篇)` / `…范文2篇` is the one piece shown.
    let first_piece = candidates.iter().find(|(n, _)| {
        let numbered_one = NUMBERED_TITLE
            .captures(view[n - 1])
            .and_then(|c| c.get(2))
            .and_then(|m| parse_small_number(m.as_str()))
            == Some(1);
        numbered_one
            && candidates
                .iter()
                .any(|(m, _)| m < n && COLLECTION_TITLE.is_match(view[m - 1]))
    });
    repeated
        .or(first_piece)
        .or_else(|| {
            candidates
                .iter()
                .find(|(n, _)| DOC_KIND.is_match(view[n - 1]))
        })
        .or(candidates.first())
        .map(|(n, _)| *n)
        .unwrap_or(first)
}

/// The number of a leading piece marker, `篇一：` → 1, `第2篇 …` → 2.
fn piece_number(line: &str) -> Option<u32> {
    let c = PIECE_TITLE.captures(line)?;
    c.get(1)
        .or_else(|| c.get(2))
        .and_then(|m| parse_small_number(m.as_str()))
}

/// A bare personal name: a common surname and one to three more Han characters, `赵家欣`,
/// `欧阳明`; section words such as `前言`, `总则`, `摘要` do not start with a surname.
static BYLINE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜谢邹苏潘葛范彭鲁马方任袁柳史唐薛雷贺汤罗郝安常傅齐康余顾孟黄萧尹姚邵汪毛狄宋庞熊纪舒屈项祝董梁杜阮蓝闵季贾江童颜郭梅盛林钟徐邱骆高夏蔡田胡凌霍虞万柯卢莫房解应丁宣邓洪包左石崔龚程邢裴陆荣翁荀于甄曲封储靳段焦巴牧山谷车侯全班仰秋仲伊宫宁仇甘武刘景詹龙叶黎白蒲邰从鄂索咸赖卓蔺屠蒙池乔阳胥能苍双闻党翟谭贡劳姬申扶冉宰雍桑桂牛寿通边燕冀尚农温庄晏柴瞿阎连习艾鱼容向古易慎廖终居衡步耿满弘匡国文寇广禄东欧殳沃利蔚越隆师巩厍聂晁勾敖融冷辛阚那简饶曾关蒯相查后荆红游竺权逯盖益桓公欧阳司马上官诸葛])\p{Han}{1,3}$")
        .expect("BYLINE_NAME is a valid regex")
});

/// A heading compared without its collection note or piece number: `…方案(通用6篇)`, `…方案1`,
/// `…方法篇1` and `…方法` all give `…方案` / `…方法`.
fn title_key(line: &str) -> String {
    let t = COLLECTION_SUFFIX.replace(line, "");
    let t = t.trim();
    match NUMBERED_TITLE.captures(t) {
        Some(c) => series_stem(c.get(1).map_or(t, |m| m.as_str())),
        None => t.to_string(),
    }
}

/// A collection title: `…报告(通用17篇)`, `…范文2篇`, `…说明书（精选5篇）`.
static COLLECTION_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9一二三四五六七八九十]+篇[）)]?\s*$")
        .expect("COLLECTION_TITLE is a valid regex")
});

/// A chapter or article heading, `第一章 总则`, `第二条`: the body (or its table of contents) has
/// begun.
static CHAPTER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第\s*[一二三四五六七八九十百0-9]{1,4}\s*[章节条]")
        .expect("CHAPTER_HEADING is a valid regex")
});

/// Words that name a kind of document, which a site or section label (`信息公开`, `起点作文网`)
/// lacks: `…工作报告`, `…管理制度`, `…的格式`.
static DOC_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"报告|总结|制度|方案|办法|规定|意见|通知|计划|细则|公报|汇报|讲话|发言|述职|材料|手册|规范|格式|要求|决定|纲要|规划|条例|章程|说明|建议|调查|调研|评估|评价|自查|整改|通报|纪要|公告|通告|请示|批复|范文|心得|体会|怎么写|写法")
        .expect("DOC_KIND is a valid regex")
});

/// The `(通用17篇)` / `（精选5篇）` note of a collection title.
static COLLECTION_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(][^）)]{0,6}[0-9一二三四五六七八九十]+篇[）)]\s*$")
        .expect("COLLECTION_SUFFIX is a valid regex")
});

/// Title lines (1-based) of the longest run of numbered titles 1, 2, 3 … sharing one stem.
///
/// A run of pieces that starts at 2 (`范文二`, `篇二` …, the first piece printed without its
/// header) makes a series too when text stands before it: the first piece starts at the first
/// content line that is neither chrome nor a blurb.
fn numbered_series(view: &[&str]) -> Vec<usize> {
    let mut by_stem: BTreeMap<String, Vec<(usize, u32)>> = BTreeMap::new();
    for (i, line) in view.iter().enumerate() {
        if line.chars().count() > 64 {
            if let Some(c) = GLUED_PIECE.captures(line) {
                let stem = c.get(1).map_or("", |m| m.as_str());
                let num = c.get(2).and_then(|m| parse_small_number(m.as_str()));
                if let Some(num) = num
                    && stem
                        .chars()
                        .filter(|&ch| crate::lex::han::is_han(ch))
                        .count()
                        >= 2
                {
                    by_stem
                        .entry(format!("{stem}\u{0}glued"))
                        .or_default()
                        .push((i + 1, num));
                }
            }
            continue;
        }
        if let Some(c) = PIECE_TITLE.captures(line) {
            let num = c
                .get(1)
                .or_else(|| c.get(2))
                .and_then(|m| parse_small_number(m.as_str()));
            if let Some(num) = num {
                by_stem.entry(PIECES.into()).or_default().push((i + 1, num));
            }
        } else if let Some(c) = NUMBERED_TITLE.captures(line) {
            let raw_stem = c.get(1).map_or("", |m| m.as_str()).trim();
            let stem = series_stem(raw_stem);
            let han = stem
                .chars()
                .filter(|&ch| crate::lex::han::is_han(ch))
                .count();
            let num = c.get(2).and_then(|m| parse_small_number(m.as_str()));
            if han >= 2
                && !is_annex_label(&stem)
                && !raw_stem.ends_with(['。', '，', '；', '：', ',', ';', ':', '、'])
                && !crate::lex::marker::starts_with_numbered_marker(raw_stem)
                && let Some(num) = num
            {
                by_stem.entry(stem).or_default().push((i + 1, num));
            }
        }
    }
    let run_from = |entries: &[(usize, u32)], start: u32| -> Vec<usize> {
        let mut run = Vec::new();
        let mut expect = start;
        for &(line, num) in entries {
            if num == expect {
                run.push(line);
                expect += 1;
            }
        }
        run
    };
    let mut best: Vec<usize> = Vec::new();
    for entries in by_stem.values() {
        // Keep the lines numbered 1, 2, 3 … in order.
        let run = run_from(entries, 1);
        if run.len() > best.len() {
            best = run;
        }
    }
    if best.len() < 2
        && let Some(entries) = by_stem.get(PIECES)
    {
        let run = run_from(entries, 2);
        let first_piece = run.first().and_then(|&second| {
            (1..second).find(|&n| {
                let l = view[n - 1];
                is_content(l) && !EDITOR_BLURB.is_match(l) && !COLLECTION_SUFFIX.is_match(l)
            })
        });
        if let Some(first_piece) = first_piece {
            best = std::iter::once(first_piece).chain(run).collect();
        }
    }
    best
}

/// The stem under which `篇一：…`, `【范文2】…` pieces are collected.
const PIECES: &str = "篇";

/// The first line of the page trailer at or after line `from`: a [`RELATED_HEADER`] line, or a
/// [`FOOTER_NOTE`] after which no body text follows.
fn trailer(view: &[&str], from: usize) -> Option<usize> {
    let body_chars = |lines: &[&str]| -> usize {
        lines
            .iter()
            .filter(|l| is_body_text(l))
            .map(|l| l.chars().count())
            .sum()
    };
    (from..=view.len()).find(|&n| {
        let l = view[n - 1];
        let short = l.chars().count() <= 64;
        // A share widget above the text (分享到：) is no trailer: more body follows it than
        // precedes it.
        (short && RELATED_HEADER.is_match(l) && {
            let after = body_chars(&view[n..]);
            after < MIN_BODY_AFTER_WIDGET || body_chars(&view[from - 1..n - 1]) >= after
        }) || (short && FOOTER_NOTE.is_match(l) && !view[n..].iter().any(|rest| is_body_text(rest)))
    })
}

fn last_non_blank(view: &[&str], from: usize, to: usize) -> usize {
    (from..=to.min(view.len()))
        .rev()
        .find(|&n| !view[n - 1].is_empty())
        .unwrap_or(from)
}

/// A line with some text that is not page chrome (a lone `-` or `|` is not text).
fn is_content(line: &str) -> bool {
    line.chars().any(char::is_alphanumeric) && !is_chrome(line)
}

/// An editor's blurb of a scraped page: `以下是小编精心整理的…，仅供参考`.
static EDITOR_BLURB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"小编|仅供参考|供大家参考|欢迎阅读|希望.{0,10}帮助|以下是.{0,30}(?:整理|收集|分享|范文)|(?:为您|为你|为大家)(?:精心)?(?:整理|收集|准备|精选)",
    )
    .expect("EDITOR_BLURB is a valid regex")
});

/// A number with a money or percent unit (`3,509億`, `17.8%`): report data, never chrome.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9][0-9,.]*\s*(?:%|％|万|萬|亿|億|元|个百分点|個百分點)")
        .expect("FIGURE is a valid regex")
});

/// A short line of data, such as a row of a flattened table (`預算(元):3,509億`): it belongs to
/// the report even when a heading-like line comes after it.
fn is_figure_line(line: &str) -> bool {
    !line.is_empty()
        && !HEADER_CHROME.is_match(line)
        && !EDITOR_BLURB.is_match(line)
        && FIGURE.is_match(line)
}

/// A line of report text: not chrome, not a blurb, and either long or a full sentence.
fn is_body_text(line: &str) -> bool {
    !line.is_empty()
        && !is_chrome(line)
        && !EDITOR_BLURB.is_match(line)
        && (line.chars().count() > 60 || line.ends_with(crate::lex::sentence::is_clause_end))
}

/// A short line that does not read as a sentence.
pub fn is_heading_like(line: &str) -> bool {
    let n = line.chars().count();
    (2..=60).contains(&n)
        && !is_chrome(line)
        && !line.ends_with(['。', '，', '；', '：', ',', ';', ':', '！', '？'])
        && line.chars().filter(|&c| crate::lex::han::is_han(c)).count() >= 2
}

/// A report's title (original, simplified): its title line without Markdown `#`, or, when that
/// line is body text rather than a heading (a file with no heading at all), the file name.
/// Decided here only: `reports.jsonl`, the search index and search hits all use it.
pub fn report_title(doc: &CleanDoc, span: &ReportSpan) -> (String, String) {
    let strip = |s: &str| s.trim().trim_start_matches('#').trim().to_string();
    match doc.line(span.title_line) {
        Some(l) if is_heading_like(l.simplified.trim_start_matches(['#', ' '])) => {
            (strip(&l.text), strip(&l.simplified))
        }
        _ => {
            let stem = Path::new(&doc.source)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let simplified = crate::simplify::to_simplified_aligned(&stem);
            (stem, simplified)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean_text;

    const SEED: &str = include_str!("../corpus/000_8704a95fd81a1589.txt");

    #[test]
    fn seed_page_has_17_reports_on_gold_title_lines() {
        let layout = split(&clean_text(SEED));
        let titles: Vec<usize> = layout.reports.iter().map(|r| r.title_line).collect();
        assert_eq!(
            titles,
            vec![
                16, 48, 118, 192, 220, 290, 324, 420, 490, 566, 670, 768, 830, 1032, 1178, 1228,
                1310
            ]
        );
        let ends: Vec<usize> = layout.reports.iter().map(|r| r.line_end).collect();
        assert_eq!(ends[0], 46);
        assert_eq!(ends[16], 1344);
        assert_eq!(layout.trailer_start, Some(1346));
    }

    #[test]
    fn single_report_takes_first_heading_after_chrome() {
        let text = "首页 > 工作总结\n\n发布时间：2023-01-02 10:00\n\n2021年学生资助工作总结\n\n一、基本情况\n全年资助学生120人。\n\n相关文章：\n某某总结";
        let layout = split(&clean_text(text));
        assert_eq!(layout.reports.len(), 1);
        let r = &layout.reports[0];
        assert_eq!((r.title_line, r.line_end), (5, 8));
        assert_eq!(layout.trailer_start, Some(10));
    }

    #[test]
    fn single_page_title_is_the_repeated_heading_not_the_breadcrumb() {
        let text = "亚洲_国产_综合_视频\n\n工作报告\n\n学生资助工作总结\n\n时间:2023-10-01 12:55:02 工作报告 我要投稿\n\n学生资助工作总结(通用1篇)\n\n以下是小编整理的学生资助工作总结，仅供参考。\n\n学生资助工作总结\n\n一、基本情况\n全年资助学生120人。";
        let layout = split(&clean_text(text));
        assert_eq!(layout.reports.len(), 1);
        assert_eq!(layout.reports[0].title_line, 13);
    }

    #[test]
    fn a_file_that_starts_with_its_text_loses_no_line() {
        let text = "1994年,全國各族人民在黨中央領導下,國內生產總值達到43800億元,比上年增長11.8%。\n\n農業生產情況\n\n全年糧食總產量44450萬噸。";
        let layout = split(&clean_text(text));
        assert_eq!(layout.reports.len(), 1);
        assert_eq!(
            (layout.reports[0].line_start, layout.reports[0].line_end),
            (1, 5)
        );
        // Chrome and a blurb before the title do not count as body text.
        let text = "首页 > 统计公报\n\n以下是小编整理的统计公报，仅供参考。\n\n1994年国民经济和社会发展统计公报\n\n全年粮食总产量44450万吨。";
        let layout = split(&clean_text(text));
        assert_eq!(layout.reports[0].line_start, 5);
    }

    #[test]
    fn a_flattened_table_before_a_heading_stays_in_the_report() {
        let text =
            "年份:2021\n預算(元):3,509億\n增幅:17.8%\n年份:2020\n預算(元):2,838億\n註:單位為人民幣";
        let layout = split(&clean_text(text));
        assert_eq!(layout.reports.len(), 1);
        assert_eq!(layout.reports[0].line_start, 1);
        // A view count or a date is not data.
        let text =
            "首页 > 工作总结\n浏览次数：59\n2023-10-01 12:00\n审计工作总结\n全年审计资金3.2亿元。";
        let layout = split(&clean_text(text));
        assert_eq!(layout.reports[0].line_start, 4);
    }

    #[test]
    fn government_report_title_is_its_first_line() {
        let text = "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n\n各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n一、2023年工作回顾\n过去一年是全面贯彻党的二十大精神的开局之年。";
        let layout = split(&clean_text(text));
        assert_eq!(layout.reports[0].title_line, 1);
        assert_eq!(layout.reports[0].line_end, 8);
    }

    #[test]
    fn piece_numbers_make_a_series() {
        let text = "工作总结范文（精选2篇）\n篇一：财政局工作总结\n内容一。\n篇二：审计局工作总结\n内容二。";
        let layout = split(&clean_text(text));
        let t: Vec<usize> = layout.reports.iter().map(|r| r.title_line).collect();
        assert_eq!(t, vec![2, 4]);
    }

    #[test]
    fn model_essay_numbers_make_a_series() {
        let text = "审计工作报告范文\n范文一：某县审计局2022年工作报告\n内容一。\n范文二：某市审计局2022年工作报告\n内容二。\n【范文三】某区审计工作报告\n内容三。";
        let layout = split(&clean_text(text));
        let t: Vec<usize> = layout.reports.iter().map(|r| r.title_line).collect();
        assert_eq!(t, vec![2, 4, 6]);
    }

    #[test]
    fn numbered_sentence_is_not_a_title() {
        // A list of sentences ending in numbers must not pass for a series of titles.
        let text = "报告正文\n完成项目数量为1\n";
        let layout = split(&clean_text(text));
        assert_eq!(layout.reports.len(), 1);
    }

    fn titles_and_ends(text: &str) -> Vec<(usize, usize)> {
        split(&clean_text(text))
            .reports
            .iter()
            .map(|r| (r.title_line, r.line_end))
            .collect()
    }

    #[test]
    fn numbered_titles_in_other_shapes_make_a_series() {
        for (one, two) in [
            ("乡镇财政所自查报告（一）", "乡镇财政所自查报告（二）"),
            ("乡镇财政所自查报告 第1篇", "乡镇财政所自查报告 第2篇"),
            ("乡镇财政所自查报告篇1", "乡镇财政所自查报告篇2"),
            ("乡镇财政所自查报告一", "乡镇财政所自查报告二"),
            ("【篇1】乡镇财政所自查报告", "【篇2】某街道自查报告"),
            ("范文1：乡镇财政所自查报告", "范文2：某街道自查报告"),
        ] {
            let text = format!(
                "自查报告合集\n{one}\n今年我所对账务做了全面清查。\n{two}\n街道对照要求逐项自查。"
            );
            assert_eq!(titles_and_ends(&text), vec![(2, 3), (4, 5)], "{one}");
        }
    }

    #[test]
    fn numbered_table_titles_after_a_report_body_are_no_series() {
        // A final-accounts report with its numbered tables after the text: one report, from
        // its title on.
        let mut text = String::from("某省2023年财政决算报告\n");
        for k in 0..50 {
            text.push_str(&format!(
                "第{k}段：全省一般公共预算收入完成情况良好，各项支出保障有力，财政运行总体平稳有序。\n"
            ));
        }
        text.push_str("机关资本性支出(一)\n科目 金额\n机关资本性支出(二)\n科目 金额\n");
        assert_eq!(titles_and_ends(&text), [(1, 55)]);
    }

    #[test]
    fn annex_and_table_labels_are_parts_of_one_report() {
        // A government work report with two annexes, and a budget report with its tables: one
        // report each, from the title on.
        let text = "2026年某省政府工作报告\n各位代表：\n现在，我代表省人民政府报告工作。\n\
                    附件1\n名词解释\n附件2\n2026年民生实事清单\n";
        assert_eq!(titles_and_ends(text), vec![(1, 7)]);
        let text = "关于某市2025年预算执行情况的报告\n全市一般公共预算收入完成80亿元。\n\
                    表十一\n市本级支出表\n表十二\n市本级收入表\n表十三\n债务情况表\n";
        assert_eq!(titles_and_ends(text), vec![(1, 8)]);
        assert!(super::is_annex_label("表十"));
        assert!(super::is_annex_label("附件"));
        assert!(!super::is_annex_label("乡镇财政所自查报告"));
    }

    #[test]
    fn a_list_of_numbered_items_is_not_a_series() {
        let text = "学校安全工作总结\n一、检查教室1\n二、检查食堂2\n全年未发生安全事故。";
        assert_eq!(titles_and_ends(text), vec![(1, 4)]);
    }

    #[test]
    fn a_page_showing_only_piece_one_of_a_collection() {
        // Nav with `相关推荐` above the title must not end the report before it starts.
        let text = "- 物业公司考核办法 推荐度：\n- 相关推荐\n物业公司考核办法(通用4篇)\n为了做好考核，以下是小编整理的物业公司考核办法，仅供参考。\n物业公司考核办法1\n为调动员工积极性，制定本办法。\n一、考核内容\n按月考核出勤。";
        assert_eq!(titles_and_ends(text), vec![(5, 8)]);
        let text = "某某作文网\n\n保洁员考核细则(收集3篇)\n\n时间: 2024-01-02 栏目:办公范文\n\n保洁员考核细则篇1\n\n保洁员每日清扫两次。";
        assert_eq!(titles_and_ends(text), vec![(7, 9)]);
    }

    #[test]
    fn a_piece_series_may_print_its_first_piece_without_header() {
        let text = "前言：我们特意为您整理了3篇证明范文，希望对您有帮助。\n兹证明张三系我村村民。\n特此证明。\n范文二\n兹证明李四家庭困难。\n范文三\n兹证明王五已迁出。";
        assert_eq!(titles_and_ends(text), vec![(2, 3), (4, 5), (6, 7)]);
    }

    #[test]
    fn a_share_widget_above_the_text_is_no_trailer() {
        let mut text = String::from(
            "首页 > 政务公开\n某市2025年预算执行情况的报告\n时间：2026-03-19 来源：本网\n分享到：\n",
        );
        for k in 0..10 {
            text.push_str(&format!(
                "第{k}项：全市一般公共预算收入完成情况良好，各项支出保障有力，财政运行总体平稳。\n"
            ));
        }
        let layout = split(&clean_text(&text));
        assert_eq!(layout.trailer_start, None);
        assert_eq!(layout.reports[0].line_end, 14);
    }

    #[test]
    fn the_trailer_of_a_single_report_is_left_out() {
        let text = "2023年档案工作总结\n全年整理档案300卷。\n下一步加强数字化。\n上一篇：2022年档案工作总结\n下一篇：档案室管理制度";
        assert_eq!(titles_and_ends(text), vec![(1, 3)]);
        let text = "2023年档案工作总结\n全年整理档案300卷。\n[责任编辑：赵六]";
        assert_eq!(titles_and_ends(text), vec![(1, 2)]);
        let text = "2023年档案工作总结\n全年整理档案300卷。\n版权所有 某某范文网\n免责声明：本站内容来自网友投稿。";
        assert_eq!(titles_and_ends(text), vec![(1, 2)]);
        let text = "2023年档案工作总结\n全年整理档案300卷。\n……(未完，全文共5000字，当前仅显示800字)\n收藏本文";
        assert_eq!(titles_and_ends(text), vec![(1, 2)]);
    }

    #[test]
    fn a_byline_followed_by_text_is_not_the_trailer() {
        let text = "2023年档案工作总结\n作者：档案室\n全年整理档案300卷，接待查档120人次。\n下一步加强数字化。";
        assert_eq!(titles_and_ends(text), vec![(1, 4)]);
    }

    #[test]
    fn a_site_or_section_label_is_not_the_title() {
        let text = "信息公开\n\n某市档案馆财务管理制度\n\n第一章 总则\n\n第一条 为规范财务管理，制定本制度。";
        assert_eq!(titles_and_ends(text), vec![(3, 7)]);
        let text = "首页\n-> 政务公开 -> 工作报告\n某县统计局2023年工作报告\n发布日期：2024-01-05 09:00 浏览次数：\n一、主要工作\n全年完成统计调查12项。";
        assert_eq!(titles_and_ends(text), vec![(3, 6)]);
    }

    #[test]
    fn document_site_widgets_are_chrome() {
        let text = "档案管理手册.docx\n上传人：a****1 文档编号：123 上传时间：2023-01-08 格式：DOCX 页数：9\n档案管理手册.docx_第1页\n第1页 / 共9页\n点击查看更多>>\n《档案管理手册.docx》由会员分享，可在线阅读。\n档案管理手册\n第一章 归档范围3\n第二章 保管期限5\n第一章 归档范围\n凡是具有保存价值的文件均应归档。";
        assert_eq!(titles_and_ends(text), vec![(7, 11)]);
    }

    #[test]
    fn a_title_repeated_inside_the_body_is_not_taken() {
        let text = "首页 > 报告 > 档案工作报告怎么写\n档案工作报告怎么写\n来源：某网 阅读：3000 次\n一、报告的含义\n档案工作报告怎么写\n报告是向上级汇报工作的文书。";
        assert_eq!(titles_and_ends(text), vec![(2, 6)]);
    }

    #[test]
    fn pieces_numbered_with_a_colon_or_glued_to_their_text() {
        let text = "读书心得范文2篇\n小编整理了两篇读书心得，一起看看吧！\n读书心得1：\n这本书讲了一个守岛人的故事。\n读书心得2：\n读完以后我很受触动。";
        assert_eq!(titles_and_ends(text), vec![(3, 4), (5, 6)]);
        let long = "负责接待来访客人并登记，按时整理来访记录，做好电话转接与留言，保持前台整洁有序，遇到投诉及时上报并跟进处理结果。";
        let text = format!(
            "保安员岗位说明书(通用2篇)保安员岗位说明书篇1{long}\n保安员岗位说明书篇2{long}"
        );
        assert_eq!(titles_and_ends(&text), vec![(1, 1), (2, 2)]);
        // One long line with a piece number is not a series by itself.
        let text = format!("年度总结\n本报告共分三篇一是{long}");
        assert_eq!(titles_and_ends(&text), vec![(1, 2)]);
    }

    #[test]
    fn the_first_piece_after_a_collection_title_is_the_title() {
        let text = "社区服务心得体会范本 社区志愿心得(二篇)\n下面我给大家整理了一些心得体会范文，希望能够帮助到大家。\n有关社区服务的心得体会范本一\n这次服务让我认识了很多老人。";
        assert_eq!(titles_and_ends(text), vec![(3, 4)]);
        // Without a collection title a heading ending in 一 is not preferred.
        let text = "社区服务工作总结\n服务小组一\n这次服务让我认识了很多老人。";
        assert_eq!(titles_and_ends(text), vec![(1, 3)]);
    }

    #[test]
    fn reader_widgets_of_document_sites_are_chrome() {
        let text = "档案工作手册_第1页\n档案工作手册_第2页\n已阅读2页，还剩8页未读，继续免费阅读\n付费下载\n版权说明：本文档由用户提供并上传\n文档简介\n档案工作手册一、归档范围凡是具有保存价值的文件均应归档，按年度整理。";
        assert_eq!(titles_and_ends(text), vec![(7, 7)]);
    }

    #[test]
    fn shop_widgets_tag_lines_and_site_slogans_are_chrome() {
        for l in [
            "书签 分享 收藏 举报 版权申诉 / 9",
            "欢迎来到某某文库！ | 帮助中心",
            "下载积分:8金币",
            "验证码:   换一换",
            "2、本站资源均为用户上传",
            "==本文为word格式，下载后可方便编辑和修改！",
            "首页 某某文库 > 资源分类 > 文档下载",
            "档案 管理 制度 通用 5",
            "某某范文网-专业的写作平台",
        ] {
            assert!(is_chrome(l), "{l}");
        }
        for l in [
            "档案管理工作总结",
            "第四章 组织结构",
            "整改报告-做好整改的几点体会",
            "全年共下载资料120份。",
        ] {
            assert!(!is_chrome(l), "{l}");
        }
    }

    #[test]
    fn a_lone_piece_one_marker_starts_the_shown_piece() {
        let text = "档案制度汇编.docx\n\n档案制度汇编\n\n篇一：\n\n档案借阅办法\n\n为规范档案借阅，制定本办法。";
        assert_eq!(titles_and_ends(text), vec![(5, 9)]);
    }

    #[test]
    fn a_name_above_the_text_is_a_byline() {
        let text = "\n王晓明\n年底自查是每个单位的例行工作，不能草草了事。\n自查要找准问题。";
        assert_eq!(titles_and_ends(text), vec![(3, 4)]);
        // A short heading that is not a name stays the title.
        let text = "前言\n年底自查是每个单位的例行工作，不能草草了事。";
        assert_eq!(titles_and_ends(text), vec![(1, 2)]);
    }

    #[test]
    fn a_file_name_right_above_the_text_is_the_title() {
        let text = "某某文库\n快捷下载\n第二章 档案课件.ppt\n验证码: 换一换\n第二章 档案课件.ppt\n第一节 档案的概念，第二节 档案的分类，第三节 档案的保管，第四节 档案的利用与开发。";
        assert_eq!(titles_and_ends(text), vec![(5, 6)]);
        // A document title with a document word keeps its place.
        let text = "档案管理制度\n附件.docx\n为规范档案管理，制定本制度。";
        assert_eq!(titles_and_ends(text), vec![(1, 3)]);
    }
}
