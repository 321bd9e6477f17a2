//! Themes over tests/fixtures/themes: four reports of one county in our own words — two
//! government work reports (2019, 2021), a performance evaluation (2020) and the rectification
//! report that answers it (2022). Each file's problems are known; the expected themes follow.

use crate::util::*;

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/themes/corpus")
}

fn themes(idx: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["themes", "--index", idx, "--top", "50", "--json"];
    args.extend_from_slice(extra);
    let out = baogao(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The theme whose items hold `needle` in their headline or clauses.
fn theme_with<'a>(list: &'a serde_json::Value, needle: &str) -> &'a serde_json::Value {
    list.as_array()
        .expect("themes")
        .iter()
        .find(|t| {
            t["items"].as_array().expect("items").iter().any(|i| {
                // A bundled item is in a theme by its clauses, a whole item by its headline.
                match i["clauses"].as_array() {
                    Some(c) if !c.is_empty() => c
                        .iter()
                        .any(|c| c.as_str().is_some_and(|c| c.contains(needle))),
                    _ => i["headline"].as_str().is_some_and(|h| h.contains(needle)),
                }
            })
        })
        .unwrap_or_else(|| panic!("no theme holds {needle}: {list:#}"))
}

fn sources(t: &serde_json::Value) -> Vec<String> {
    let mut s: Vec<String> = t["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["source"].as_str().unwrap_or("").to_string())
        .collect();
    s.sort();
    s
}

#[test]
fn bundled_problems_split_into_themes_with_categories_years_and_statuses() {
    let (index, out) = build(&fixture(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let idx = index.path().to_str().expect("utf-8");
    let agg = themes(idx, &["--problems"]);
    let problems = &agg["problems"];
    // The 2019 report bundles three problems in one sentence (经济下行压力加大，部分企业生产
    // 经营困难，就业压力较大): its item is in the enterprise theme and in the jobs theme, each
    // time with the clause that fell there.
    let firms = theme_with(problems, "企业生产经营困难");
    assert_eq!(firms["category"], "经济运行");
    assert_eq!(sources(firms), ["gwr_2019.txt", "gwr_2021.txt"]);
    let jobs = theme_with(problems, "就业增收面临压力");
    assert_eq!(jobs["category"], "就业民生");
    assert_eq!(sources(jobs), ["gwr_2019.txt", "gwr_2021.txt"]);
    let item_2019 = |t: &serde_json::Value| -> serde_json::Value {
        t["items"]
            .as_array()
            .and_then(|v| v.iter().find(|i| i["source"] == "gwr_2019.txt").cloned())
            .unwrap_or_default()
    };
    assert_eq!(item_2019(firms)["line"], item_2019(jobs)["line"]);
    assert_eq!(
        item_2019(firms)["clauses"],
        serde_json::json!(["部分企业生产经营困难"])
    );
    assert_eq!(
        item_2019(jobs)["clauses"],
        serde_json::json!(["就业压力较大"])
    );
    // Trend: one report a year.
    assert_eq!(
        firms["by_year"],
        serde_json::json!([
            {"year": 2019, "reports": 1, "items": 1},
            {"year": 2021, "reports": 1, "items": 1}
        ])
    );
    // The evaluation's problems and the rectification report's answers meet in evaluation
    // categories; the rectification items carry their status.
    for (needle, category, status) in [
        ("专项资金拨付", "资金使用与管理", "已整改"),
        ("绩效指标设置不够细化", "绩效目标与指标", "整改中"),
        ("档案管理不规范", "项目管理", "未整改"),
    ] {
        let t = theme_with(problems, needle);
        assert_eq!(t["category"], category, "{t:#}");
        assert_eq!(
            sources(t),
            ["evaluation_2020.txt", "rectification_2022.txt"]
        );
        let rect = t["items"]
            .as_array()
            .and_then(|v| v.iter().find(|i| i["source"] == "rectification_2022.txt"))
            .expect("rectification item");
        assert_eq!(rect["status"], status, "{rect:#}");
        assert_eq!(rect["genre"], "rectification");
    }
    let cov = &agg["coverage"];
    assert_eq!(cov["rectification"]["已整改"], 1);
    assert_eq!(cov["rectification"]["整改中"], 1);
    assert_eq!(cov["rectification"]["未整改"], 1);
    assert!(cov["bundled_problem_items"].as_u64() >= Some(1));
    assert!(agg["near_duplicates"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn filters_and_trends_use_the_reports_own_year_genre_and_region() {
    let (index, out) = build(&fixture(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let idx = index.path().to_str().expect("utf-8");
    // 2020..2022 leaves one government report: its themes no longer recur.
    let later = themes(idx, &["--problems", "--from", "2020", "--to", "2022"]);
    for t in later["problems"].as_array().expect("themes") {
        for i in t["items"].as_array().expect("items") {
            assert_ne!(i["source"], "gwr_2019.txt", "{t:#}");
        }
    }
    let gwr = themes(idx, &["--genre", "government_work_report"]);
    let labels: Vec<&str> = gwr["problems"]
        .as_array()
        .expect("themes")
        .iter()
        .filter_map(|t| t["category"].as_str())
        .collect();
    assert!(
        !labels.is_empty()
            && labels.iter().all(|c| [
                "经济运行",
                "就业民生",
                "财政金融风险",
                "作风与廉政",
                "其他"
            ]
            .contains(c)),
        "{labels:?}"
    );
    let money = themes(idx, &["--category", "资金使用与管理"]);
    assert!(
        money["problems"]
            .as_array()
            .is_some_and(|v| !v.is_empty() && v.iter().all(|t| t["category"] == "资金使用与管理"))
    );
    // --by year: counts per period, as text and as JSON.
    let out = baogao(&["themes", "--index", idx, "--problems", "--by", "year"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("2019 1/1") && text.contains("2021 1/1"),
        "{text}"
    );
    let by = themes(idx, &["--problems", "--by", "genre"]);
    assert_eq!(by["by"], "genre");
    let firms = by["problems"]
        .as_array()
        .and_then(|v| v.iter().find(|t| t["category"] == "经济运行"))
        .expect("economy theme");
    assert_eq!(
        firms["periods"],
        serde_json::json!([{"period": "government_work_report", "reports": 2, "items": 2}])
    );
    // A bad range is an error, not an empty list.
    let out = baogao(&["themes", "--index", idx, "--report-year", "20x9"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
