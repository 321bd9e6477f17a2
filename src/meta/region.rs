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
    let tsv = "code\tname\tlevel\tparent\n360000\t江西省\tprovince\t\n360400\t九江市\tprefecture\t360000\n"; // TEMP until data/divisions.tsv lands
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
        self.matcher
            .find_iter(text)
            .filter_map(|m| self.by_name.get(&self.patterns[m.pattern().as_usize()]))
            .cloned()
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
    let body_named: Vec<Vec<usize>> = body.flat_map(|l| g.named(l)).collect();
    let mut votes: HashMap<usize, usize> = HashMap::new();
    for ids in &body_named {
        if ids.len() == 1 {
            for a in g.ancestors(ids[0]) {
                *votes.entry(a).or_default() += 1;
            }
        }
    }
    // The top province, then its top prefecture, then its top county (ties: lower code).
    let pick = |level: Level, parent: Option<usize>| {
        votes
            .iter()
            .filter(|(i, _)| {
                g.divisions[**i].level == level
                    && (parent.is_none() || g.divisions[**i].parent == parent)
            })
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then(g.divisions[*b.0].code.cmp(&g.divisions[*a.0].code))
            })
            .map(|(i, _)| *i)
    };
    let Some(p) = pick(Level::Province, None) else {
        return Region::default();
    };
    let Some(c) = pick(Level::Prefecture, Some(p)).or_else(|| pick(Level::County, Some(p))) else {
        return g.region(p);
    };
    match pick(Level::County, Some(c)) {
        Some(k) => g.region(k),
        None => g.region(c),
    }
}
