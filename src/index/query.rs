//! The query language of `baogao search`, and its translation into tantivy queries.
//!
//! Input: the query string as typed. Output: a [`ParsedQuery`] (groups of [`Unit`]s) that
//! `search` turns into a tantivy `BooleanQuery` and that `snippet` uses to find the matches.
//!
//! Syntax (our own small parser; tantivy's `QueryParser` syntax and errors are never exposed):
//! - words separated by spaces are ANDed: `招商引资 存在的问题`;
//! - `"quoted text"` (also `“…”`, `「…」`, `『…』`) is a phrase, punctuation included;
//! - `a OR b` (upper-case `OR`) matches either; OR binds tighter than AND;
//! - `-word` / `-"phrase"` (or `NOT word`) excludes reports that contain it; `AND` may be
//!   written and means what a space means;
//! - a field prefix (`title:…`) is an error that names it, never a silent zero.
//!
//! Every word is normalised like the indexed text ([`normalize`]: width folding, then
//! traditional → simplified) and cut with the same jieba, so `預算績效` and `预算绩效` are the
//! same query. An unquoted run of letters is one [`Unit`]: it must appear as written, like a
//! quoted phrase; under `--any` ([`ParsedQuery::any`]) most of its words are enough (see
//! [`min_words`]), and reports where the run appears as written score higher.
//! Each word is looked up through its *finest cover* by dictionary sub-words (`招商引资` =
//! `招商`@0 + `引资`@2), which the search-mode index holds wherever the text contains the word,
//! however jieba cut it there (see `tokenizer` for why positions are char indexes).

use jieba_rs::{Jieba, TokenizeMode};
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use super::tokenizer::is_word;
use crate::lex::width::fold_for_match;
use crate::segment::HMM;

/// Why a query could not be understood. Messages are written for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query is empty")]
    Empty,
    #[error("unclosed quote {0} in the query")]
    UnclosedQuote(char),
    #[error("`OR` must stand between two words, as in `学生资助 OR 助学金`")]
    DanglingOr,
    #[error("an excluded word (-{0}) cannot be part of an OR")]
    ExcludedInOr(String),
    #[error("`-` must be followed by the word to exclude, as in `-公务用车`")]
    LoneMinus,
    #[error("the query only excludes words; add at least one word to search for")]
    OnlyExclusions,
    #[error("`{0}` has no searchable words (only punctuation or spaces)")]
    NoWords(String),
    #[error("`NOT` must be followed by the word to exclude, as in `资金 NOT 面谈`")]
    LoneNot,
    #[error(
        "`{0}:` is not a field baogao can search yet (at `{1}`); use the filters --genre, --region, --report-year, or quote the text to search for it: \"{1}\""
    )]
    UnknownField(String, String),
}

/// One piece of a unit: a term expected at `offset` chars from the start of the match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub offset: u32,
    pub text: String,
    /// Length in chars.
    pub chars: u32,
}

/// A run of pieces that must appear at their offsets (a word or a phrase).
pub type Pattern = Vec<Piece>;

/// Length in chars of a match of `pattern`.
pub fn span_chars(pattern: &[Piece]) -> u32 {
    pattern
        .iter()
        .map(|p| p.offset + p.chars)
        .max()
        .unwrap_or(0)
}

/// The fields a query looks in: the body, and the title (a match there weighs `title_boost`
/// times a body match).
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub body: Field,
    pub title: Field,
    pub title_boost: f32,
}

/// The tantivy query matching `pattern` over one field.
pub fn field_query(pattern: &[Piece], field: Field) -> Box<dyn Query> {
    if let [only] = pattern {
        return Box::new(TermQuery::new(
            Term::from_field_text(field, &only.text),
            IndexRecordOption::WithFreqs,
        ));
    }
    let terms = pattern
        .iter()
        .map(|p| (p.offset as usize, Term::from_field_text(field, &p.text)))
        .collect();
    Box::new(PhraseQuery::new_with_offset(terms))
}

/// The tantivy query matching `pattern` in the body or the title.
pub fn pattern_query(pattern: &[Piece], target: Target) -> Box<dyn Query> {
    Box::new(BooleanQuery::union(vec![
        field_query(pattern, target.body),
        Box::new(BoostQuery::new(
            field_query(pattern, target.title),
            target.title_boost,
        )),
    ]))
}

/// How many of the `n` words of an unquoted run a report must contain: three quarters,
/// rounded down, at least one (the words are jieba's guess at the boundaries, and reports
/// paraphrase: `存在的问题` vs `存有问题`).
pub fn min_words(n: usize) -> usize {
    (n * 3 / 4).max(1)
}

/// Extra weight of an unquoted run found exactly as written.
pub const PHRASE_BOOST: f32 = 1.0;

/// A word, an unquoted run of words, or a quoted phrase of the query.
///
/// - quoted, or unquoted by default: the whole `phrase` must appear;
/// - unquoted under `--any`: [`min_words`] of its `words` must appear somewhere in the report
///   (so `存在的问题` also finds `存在以下问题` and `存有问题`), and reports where the run appears
///   as written score higher;
/// - excluded (`-word`): reports containing the `phrase` are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The normalised text, for messages.
    pub text: String,
    pub quoted: bool,
    /// The whole unit in sequence; sorted by offset, the first one at offset 0.
    pub phrase: Pattern,
    /// The words of the unit that are required when it is not quoted (function words like
    /// `的` left out), each with offsets from its own start.
    pub words: Vec<Pattern>,
}

impl Unit {
    /// The patterns whose matches are highlighted: the phrase, and, under `--any`, the words
    /// of an unquoted unit.
    pub fn patterns(&self, any: bool) -> Vec<&Pattern> {
        let mut out = vec![&self.phrase];
        if any && !self.quoted && self.words.len() > 1 {
            out.extend(self.words.iter());
        }
        out
    }

    /// The query for a positive unit: the unit as written (its chars in sequence, however
    /// jieba cut the text), or under `any` [`min_words`] of its words.
    pub fn to_query(&self, target: Target, any: bool) -> Box<dyn Query> {
        if self.quoted || self.words.len() <= 1 || !any {
            return pattern_query(&self.phrase, target);
        }
        let words = BooleanQuery::union_with_minimum_required_clauses(
            self.words
                .iter()
                .map(|w| pattern_query(w, target))
                .collect(),
            min_words(self.words.len()),
        );
        let clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(words)),
            (
                Occur::Should,
                Box::new(BoostQuery::new(
                    field_query(&self.phrase, target.body),
                    PHRASE_BOOST,
                )),
            ),
        ];
        Box::new(BooleanQuery::new(clauses))
    }
}

/// A parsed query: every group must match (one of its units), no exclusion may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    /// AND of ORs.
    pub groups: Vec<Vec<Unit>>,
    pub excluded: Vec<Unit>,
    /// `--any`: an unquoted run matches when most of its words are there, not only as
    /// written. Off by default, so that every hit holds what was typed.
    pub any: bool,
}

impl ParsedQuery {
    /// The units a hit is expected to contain (for snippets), in query order.
    pub fn positive_units(&self) -> impl Iterator<Item = &Unit> {
        self.groups.iter().flatten()
    }

    /// The tantivy query of the positive groups (exclusions are applied by the caller with
    /// [`ParsedQuery::exclusion_query`]).
    pub fn to_query(&self, target: Target) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &self.groups {
            let q: Box<dyn Query> = match group.as_slice() {
                [one] => one.to_query(target, self.any),
                many => Box::new(BooleanQuery::union(
                    many.iter().map(|u| u.to_query(target, self.any)).collect(),
                )),
            };
            clauses.push((Occur::Must, q));
        }
        BooleanQuery::new(clauses)
    }

    /// The reports any excluded phrase matches, as one query, or `None` without exclusions.
    ///
    /// Why not `Occur::MustNot` clauses: tantivy 0.27's exclusion probes its docset with
    /// `seek_danger` at targets below the phrase scorer's current doc (a debug assertion fails
    /// in `phrase_scorer.rs`, and release builds rely on unspecified behaviour), so the
    /// searcher collects these reports first and drops them from the hits.
    pub fn exclusion_query(&self, target: Target) -> Option<BooleanQuery> {
        if self.excluded.is_empty() {
            return None;
        }
        Some(BooleanQuery::union(
            self.excluded
                .iter()
                .map(|u| pattern_query(&u.phrase, target))
                .collect(),
        ))
    }
}

/// Function words left out of the required words of an unquoted run (they still count in its
/// phrase): they occur in nearly every report and would only cost time.
const FUNCTION_WORDS: &[&str] = &[
    "的", "地", "得", "了", "着", "和", "与", "及", "之", "是", "也", "而", "或", "等", "对", "把",
    "被", "在", "其", "并", "a", "an", "the", "of", "and", "or", "to", "in",
];

/// Normalise text like the index's simplified view: width folding, then traditional →
/// simplified, char-aligned (`crate::simplify::normalize_query`). Lower-casing happens when a
/// word is cut, so that the `OR` keyword survives normalisation.
pub fn normalize(text: &str) -> String {
    crate::simplify::normalize_query(text)
}

/// A lexical item of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    Atom {
        text: String,
        phrase: bool,
        negated: bool,
    },
    Or,
}

fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        _ => None,
    }
}

/// Split the (normalised) query into atoms and `OR`s. Unquoted words are further split at
/// punctuation, so `招商引资，存在问题` is two words.
fn lex(query: &str) -> Result<Vec<Lexeme>, QueryError> {
    let mut chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let negated = c == '-';
        if negated {
            i += 1;
            if i >= chars.len() || chars[i].is_whitespace() {
                return Err(QueryError::LoneMinus);
            }
        }
        let c = chars[i];
        if let Some(close) = closing_quote(c) {
            let start = i + 1;
            let Some(len) = chars[start..].iter().position(|&x| x == close) else {
                return Err(QueryError::UnclosedQuote(c));
            };
            let text: String = chars[start..start + len].iter().collect();
            out.push(Lexeme::Atom {
                text: text.trim().to_string(),
                phrase: true,
                negated,
            });
            i = start + len + 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && closing_quote(chars[i]).is_none() {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if word == "OR" && !negated {
            out.push(Lexeme::Or);
            continue;
        }
        // `AND` is what a space already means.
        if word == "AND" && !negated {
            continue;
        }
        // `NOT word` is `-word`.
        if word == "NOT" && !negated {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            if i >= chars.len() {
                return Err(QueryError::LoneNot);
            }
            chars.insert(i, '-');
            continue;
        }
        // `title:预算`, `genre:audit`: a field prefix. None is searchable inside the query yet,
        // so say so instead of searching for the letters.
        if let Some((field, _)) = word.split_once([':', '：'])
            && !field.is_empty()
            && field.chars().all(|c| c.is_ascii_alphabetic())
        {
            return Err(QueryError::UnknownField(field.to_string(), word.clone()));
        }
        let before = out.len();
        for part in split_word(&word) {
            out.push(Lexeme::Atom {
                text: part,
                phrase: false,
                negated,
            });
        }
        if out.len() == before {
            return Err(QueryError::NoWords(word));
        }
    }
    Ok(out)
}

/// Split an unquoted word at punctuation, keeping the connectors of `COVID-19`, `5.2%`,
/// `1,000` (between ASCII letters or digits, or `%` after a digit).
fn split_word(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut parts = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let ascii_alnum = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
        let keep = c.is_alphanumeric()
            || (matches!(c, '-' | '.' | ',' | '_' | '+' | '/' | '\'')
                && ascii_alnum(prev)
                && ascii_alnum(next))
            || (c == '%' && prev.is_some_and(|p| p.is_ascii_digit()));
        if keep {
            cur.push(c);
        } else if !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

/// Parse a query typed by a user.
pub fn parse(jieba: &Jieba, query: &str) -> Result<ParsedQuery, QueryError> {
    let normalized = normalize(query);
    let lexemes = lex(&normalized)?;
    if lexemes.is_empty() {
        return Err(QueryError::Empty);
    }
    let mut groups: Vec<Vec<Unit>> = Vec::new();
    let mut excluded = Vec::new();
    let mut pending_or = false;
    for (k, lx) in lexemes.iter().enumerate() {
        match lx {
            Lexeme::Or => {
                let prev_ok = matches!(
                    k.checked_sub(1).and_then(|j| lexemes.get(j)),
                    Some(Lexeme::Atom { negated: false, .. })
                );
                let next_ok = matches!(lexemes.get(k + 1), Some(Lexeme::Atom { .. }));
                if !prev_ok || !next_ok || pending_or {
                    if let Some(Lexeme::Atom {
                        text,
                        negated: true,
                        ..
                    }) = k
                        .checked_sub(1)
                        .and_then(|j| lexemes.get(j))
                        .or(lexemes.get(k + 1))
                    {
                        return Err(QueryError::ExcludedInOr(text.clone()));
                    }
                    return Err(QueryError::DanglingOr);
                }
                pending_or = true;
            }
            Lexeme::Atom {
                text,
                phrase,
                negated,
            } => {
                let unit = build_unit(jieba, text, *phrase)?;
                if *negated {
                    if pending_or {
                        return Err(QueryError::ExcludedInOr(text.clone()));
                    }
                    excluded.push(unit);
                } else if pending_or {
                    pending_or = false;
                    match groups.last_mut() {
                        Some(g) => g.push(unit),
                        None => return Err(QueryError::DanglingOr),
                    }
                } else {
                    groups.push(vec![unit]);
                }
            }
        }
    }
    if pending_or {
        return Err(QueryError::DanglingOr);
    }
    if groups.is_empty() {
        return Err(QueryError::OnlyExclusions);
    }
    Ok(ParsedQuery {
        groups,
        excluded,
        any: false,
    })
}

/// Turn one normalised atom into a unit: default-mode words, each replaced by its finest cover.
fn build_unit(jieba: &Jieba, text: &str, quoted: bool) -> Result<Unit, QueryError> {
    let text: String = text.chars().map(fold_for_match).collect();
    let text = text.as_str();
    let mut phrase: Pattern = Vec::new();
    let mut words: Vec<Pattern> = Vec::new();
    for w in jieba.tokenize(text, TokenizeMode::Default, HMM) {
        if !is_word(w.word) {
            continue;
        }
        let word: Pattern = finest_cover(jieba, w.word)
            .into_iter()
            .map(|(rel, sub)| Piece {
                offset: rel as u32,
                chars: sub.chars().count() as u32,
                text: sub,
            })
            .collect();
        phrase.extend(word.iter().map(|p| Piece {
            offset: p.offset + w.start as u32,
            ..p.clone()
        }));
        if !FUNCTION_WORDS.contains(&w.word) && !words.contains(&word) {
            words.push(word);
        }
    }
    let Some(first) = phrase.first().map(|p| p.offset) else {
        let shown = if quoted {
            format!("\"{text}\"")
        } else {
            text.to_string()
        };
        return Err(QueryError::NoWords(shown));
    };
    for p in &mut phrase {
        p.offset -= first;
    }
    phrase.sort_by_key(|p| p.offset);
    if words.is_empty() {
        // Only function words (`的`): the run itself is what is asked for.
        words.push(phrase.clone());
    }
    Ok(Unit {
        text: text.to_string(),
        quoted,
        phrase,
        words,
    })
}

/// Cover `word` by its 2- and 3-char dictionary sub-words (the ones search mode indexes inside
/// any longer word), preferring 2-char ones; the word itself when it has no such cover.
/// Returns `(char offset, sub-word)` pairs.
fn finest_cover(jieba: &Jieba, word: &str) -> Vec<(usize, String)> {
    let n = word.chars().count();
    if n <= 2 {
        return vec![(0, word.to_string())];
    }
    // subs[start] = lengths of sub-words starting at char `start`.
    let mut subs: Vec<Vec<(usize, &str)>> = vec![Vec::new(); n];
    for t in jieba.tokenize(word, TokenizeMode::Search, HMM) {
        let len = t.end - t.start;
        if (2..=3).contains(&len) && len < n && t.start < n {
            subs[t.start].push((len, t.word));
        }
    }
    // best[i] = (cost, previous cut, word) for the cover of chars [0, i).
    let mut best: Vec<Option<(usize, usize, &str)>> = vec![None; n + 1];
    best[0] = Some((0, 0, ""));
    for i in 0..n {
        let Some((cost, _, _)) = best[i] else {
            continue;
        };
        for &(len, w) in &subs[i] {
            let c = cost + if len == 2 { 2 } else { 3 };
            let j = i + len;
            if j <= n && best[j].is_none_or(|(old, _, _)| c < old) {
                best[j] = Some((c, i, w));
            }
        }
    }
    if best[n].is_none() {
        return vec![(0, word.to_string())];
    }
    let mut out = Vec::new();
    let mut j = n;
    while j > 0 {
        let Some((_, i, w)) = best[j] else { break };
        out.push((i, w.to_string()));
        j = i;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn jieba() -> &'static Jieba {
        Segmenter::shared().jieba()
    }

    fn pieces(u: &Unit) -> Vec<(u32, &str)> {
        u.phrase
            .iter()
            .map(|p| (p.offset, p.text.as_str()))
            .collect()
    }

    #[test]
    fn traditional_and_full_width_are_normalised() {
        assert_eq!(normalize("預算績效"), "预算绩效");
        assert_eq!(normalize("ＡＢＣ１２"), "ABC12");
        let a = parse(jieba(), "預算績效").expect("parse");
        let b = parse(jieba(), "预算绩效").expect("parse");
        assert_eq!(a, b);
    }

    #[test]
    fn words_are_covered_by_their_sub_words() {
        let q = parse(jieba(), "招商引资").expect("parse");
        assert_eq!(pieces(&q.groups[0][0]), vec![(0, "招商"), (2, "引资")]);
        let q = parse(jieba(), "绩效评价").expect("parse");
        assert_eq!(pieces(&q.groups[0][0]), vec![(0, "绩效"), (2, "评价")]);
        let q = parse(jieba(), "存在的问题").expect("parse");
        assert_eq!(
            pieces(&q.groups[0][0]),
            vec![(0, "存在"), (2, "的"), (3, "问题")]
        );
    }

    #[test]
    fn and_or_not_and_phrases() {
        let q = parse(jieba(), "学生资助 OR 助学金 -公务用车 \"预算 执行\"").expect("parse");
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[0].len(), 2);
        assert_eq!(q.excluded.len(), 1);
        assert_eq!(q.groups[1][0].text, "预算 执行");
        assert_eq!(pieces(&q.groups[1][0]), vec![(0, "预算"), (3, "执行")]);
        let q = parse(jieba(), "招商引资，存在问题").expect("parse");
        assert_eq!(q.groups.len(), 2);
        let q = parse(jieba(), "「學生資助」").expect("parse");
        assert_eq!(q.groups[0][0].text, "学生资助");
        // A literal AND is a space; NOT is `-`.
        assert_eq!(parse(jieba(), "预算 AND 绩效"), parse(jieba(), "预算 绩效"));
        assert_eq!(
            parse(jieba(), "资金 NOT 面谈"),
            parse(jieba(), "资金 -面谈")
        );
        assert_eq!(
            parse(jieba(), "资金 NOT \"考核面谈\""),
            parse(jieba(), "资金 -\"考核面谈\"")
        );
    }

    #[test]
    fn malformed_queries_are_errors_not_panics() {
        let cases = [
            ("", QueryError::Empty),
            ("   ", QueryError::Empty),
            ("\"学生资助", QueryError::UnclosedQuote('"')),
            ("OR 学生", QueryError::DanglingOr),
            ("学生 OR", QueryError::DanglingOr),
            ("学生 OR OR 资助", QueryError::DanglingOr),
            ("学生 OR -资助", QueryError::ExcludedInOr("资助".into())),
            ("-", QueryError::LoneMinus),
            ("学生 - 资助", QueryError::LoneMinus),
            ("-资助", QueryError::OnlyExclusions),
            ("，。", QueryError::NoWords(",。".into())),
            ("\"，\"", QueryError::NoWords("\",\"".into())),
            ("资金 NOT", QueryError::LoneNot),
            (
                "title:预算",
                QueryError::UnknownField("title".into(), "title:预算".into()),
            ),
            (
                "预算 genre:audit",
                QueryError::UnknownField("genre".into(), "genre:audit".into()),
            ),
        ];
        for (q, want) in cases {
            assert_eq!(parse(jieba(), q), Err(want), "query {q:?}");
        }
    }

    #[test]
    fn ascii_words_keep_connectors() {
        let q = parse(jieba(), "COVID-19").expect("parse");
        assert_eq!(q.groups.len(), 1);
        assert!(q.groups[0][0].text.starts_with("covid"));
    }
}
