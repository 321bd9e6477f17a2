//! The place a report is about, from the gazetteer of administrative divisions shipped in
//! `data/divisions.tsv` (see `data/README.md` for its source and licence).
//!
//! Evidence, strongest first: the title, the issuing body, then the opening lines. Names match
//! in full (`九江市`, `平潭县`), never by a short form, so that a common word (`东区`, `南山`) is
//! not read as a place. A county name held by several prefectures counts only when its
//! prefecture or province is named too.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

/// The region of a report: names as in the gazetteer, and the code of the most specific one.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Region {
    pub province: Option<String>,
    pub prefecture: Option<String>,
    pub county: Option<String>,
    /// The 6-digit division code of the most specific level found.
    pub code: Option<String>,
}

impl Region {
    /// Whether `name` is one of the region's levels (a filter value: `江西省`, `九江市`).
    pub fn names(&self, name: &str) -> bool {
        [&self.province, &self.prefecture, &self.county]
            .into_iter()
            .flatten()
            .any(|n| n == name || n.starts_with(name))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Province,
    Prefecture,
    County,
}

#[derive(Debug)]
struct Division {
    code: String,
    name: String,
    level: Level,
    parent: Option<usize>,
}

/// Shortest name (chars) read as a place in the body: two-char names (`和县`, `澧县`) are too
/// often parts of words there; in a title or an issuer they count.
const MIN_BODY_NAME_CHARS: usize = 3;
/// Votes a province needs before the body makes it the report's region.
const MIN_BODY_VOTES: usize = 2;
/// Words of an office after a place name (`九江市政务服务管理局`, `铜陵市人民政府`).
const OFFICE_WORDS: &[&str] = &["局", "委", "政府", "办", "厅", "中心", "人大"];

/// Other names of divisions (name in text, official name).
const ALIASES: &[(&str, &str, &str)] = &[(
    "平潭综合实验区",
    "平潭县",
    "the Pingtan experimental zone administers Pingtan county",
)];

struct Gazetteer {
    divisions: Vec<Division>,
    /// Divisions by name (several for a name held by more than one).
    by_name: HashMap<String, Vec<usize>>,
    patterns: Vec<String>,
    matcher: AhoCorasick,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let tsv = include_str!("../../data/divisions.tsv");
    let mut divisions = Vec::new();
    let mut by_code = HashMap::new();
    let mut parents = Vec::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        let (Some(code), Some(name), Some(level)) = (f.first(), f.get(1), f.get(2)) else {
            continue;
        };
        let level = match *level {
            "province" => Level::Province,
            "prefecture" => Level::Prefecture,
            "county" => Level::County,
            _ => continue,
        };
        by_code.insert(code.to_string(), divisions.len());
        parents.push(f.get(3).map(|p| p.to_string()).unwrap_or_default());
        divisions.push(Division {
            code: code.to_string(),
            name: name.to_string(),
            level,
            parent: None,
        });
    }
    for (d, p) in divisions.iter_mut().zip(&parents) {
        d.parent = by_code.get(p).copied();
    }
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, d) in divisions.iter().enumerate() {
        // Names of one char plus a suffix (`县`) are too short to be evidence alone.
        if d.name.chars().count() >= 2 {
            by_name.entry(d.name.clone()).or_default().push(i);
        }
    }
    for (alias, official, _) in ALIASES {
        if let Some(ids) = by_name.get(*official).cloned() {
            by_name.insert(alias.to_string(), ids);
        }
    }
    let mut patterns: Vec<String> = by_name.keys().cloned().collect();
    patterns.sort();
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .unwrap_or_else(|e| panic!("gazetteer: {e}"));
    Gazetteer {
        divisions,
        by_name,
        patterns,
        matcher,
    }
});

impl Gazetteer {
    /// Division ids named in `text`, in text order.
    fn named(&self, text: &str) -> Vec<Vec<usize>> {
        self.named_with_weight(text, 1)
            .into_iter()
            .map(|(ids, _)| ids)
            .collect()
    }

    /// Division ids named in `text` with their weight as evidence: 2 when an office of the
    /// place follows (`九江市政务服务管理局`), else 1. Names shorter than `min_chars` are left
    /// out (`和县` in `乡镇和县直部门`).
    fn named_with_weight(&self, text: &str, min_chars: usize) -> Vec<(Vec<usize>, usize)> {
        self.matcher
            .find_iter(text)
            .filter_map(|m| {
                let name = &self.patterns[m.pattern().as_usize()];
                if name.chars().count() < min_chars {
                    return None;
                }
                let next: String = text[m.end()..].chars().take(8).collect();
                let office = OFFICE_WORDS.iter().any(|w| next.contains(w));
                self.by_name
                    .get(name)
                    .map(|ids| (ids.clone(), if office { 2 } else { 1 }))
            })
            .collect()
    }

    fn ancestors(&self, mut i: usize) -> Vec<usize> {
        let mut out = vec![i];
        while let Some(p) = self.divisions[i].parent {
            out.push(p);
            i = p;
        }
        out
    }

    /// The most specific division consistent with every other one named.
    fn best(&self, named: &[Vec<usize>]) -> Option<usize> {
        let all: Vec<usize> = named.iter().flatten().copied().collect();
        let mut best: Option<(usize, usize, Level)> = None;
        for ids in named {
            for &i in ids {
                // A name held by several divisions needs a named ancestor to pick one.
                let support = self
                    .ancestors(i)
                    .iter()
                    .skip(1)
                    .filter(|a| all.contains(a))
                    .count();
                if ids.len() > 1 && support == 0 {
                    continue;
                }
                let level = self.divisions[i].level;
                let better = match best {
                    None => true,
                    Some((_, s, l)) => (level, support) > (l, s),
                };
                if better {
                    best = Some((i, support, level));
                }
            }
        }
        best.map(|(i, _, _)| i)
    }

    fn region(&self, i: usize) -> Region {
        let mut r = Region {
            code: Some(self.divisions[i].code.clone()),
            ..Region::default()
        };
        for a in self.ancestors(i) {
            let d = &self.divisions[a];
            let slot = match d.level {
                Level::Province => &mut r.province,
                Level::Prefecture => &mut r.prefecture,
                Level::County => &mut r.county,
            };
            *slot = Some(d.name.clone());
        }
        r
    }
}

/// The region of a report with title `title`, issuer `issuer` and opening lines `body`
/// (simplified text).
pub fn of<'a>(title: &str, issuer: Option<&str>, body: impl Iterator<Item = &'a str>) -> Region {
    let g = &*GAZETTEER;
    let mut named = g.named(title);
    if let Some(i) = issuer {
        named.extend(g.named(i));
    }
    if let Some(i) = g.best(&named) {
        return g.region(i);
    }
    // The body: the most often named division, ancestors counting for their descendants.
    let body_named: Vec<(Vec<usize>, usize)> = body
        .flat_map(|l| g.named_with_weight(l, MIN_BODY_NAME_CHARS))
        .collect();
    let mut votes: HashMap<usize, usize> = HashMap::new();
    for (ids, weight) in &body_named {
        if ids.len() == 1 {
            for a in g.ancestors(ids[0]) {
                *votes.entry(a).or_default() += weight;
            }
        }
    }
    // The top province, then its top prefecture, then its top county.
    // The division with the most votes at a level, when no other ties with it.
    let pick = |level: Level, parent: Option<usize>| {
        let mut at: Vec<(usize, usize)> = votes
            .iter()
            .filter(|(i, _)| {
                g.divisions[**i].level == level
                    && (parent.is_none() || g.divisions[**i].parent == parent)
            })
            .map(|(i, v)| (*i, *v))
            .collect();
        at.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        match at.as_slice() {
            [(i, v), (_, w), ..] if v > w => Some(*i),
            [(i, _)] => Some(*i),
            _ => None,
        }
    };
    // One passing mention (`我国浙江省的许多民企`) is not what a report is about.
    let Some(p) = pick(Level::Province, None).filter(|p| votes[p] >= MIN_BODY_VOTES) else {
        return Region::default();
    };
    let Some(c) = pick(Level::Prefecture, Some(p)).or_else(|| pick(Level::County, Some(p))) else {
        return g.region(p);
    };
    // A county is the region only when it holds most of its prefecture's votes: a
    // prefecture's bulletin names its county seat more than the others, but not more than
    // all of them together.
    match pick(Level::County, Some(c)).filter(|k| 2 * votes[k] > votes[&c]) {
        Some(k) => g.region(k),
        None => g.region(c),
    }
}
