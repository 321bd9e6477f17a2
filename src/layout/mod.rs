//! Stage: layout recovery — a report's lines as the paragraphs a reader sees.
//!
//! Reports reach us in three layouts, and the line-based stages need the paragraph:
//! - **clean text**, one paragraph per line: kept as it is;
//! - **wrapped PDF text**: a paragraph cut into lines of one width, with page numbers and
//!   running headers between pages. Lines of the page width that do not end a sentence are
//!   joined with the next line; page furniture is dropped ([`is_page_furniture`]);
//! - **flattened web pages**: a whole body on one line. A line is split before each inline
//!   outline marker (`二、` `（三）` `4.` `（2）`) that starts a clause and continues the
//!   marker's series ([`inline_marker_starts`]).
//!
//! Coordinates are kept, not patched: a [`Para`] is a list of [`Piece`]s, each a char range of
//! one cleaned line with its source line, so any char of a paragraph maps back to its source
//! line and offset ([`Para::locate`]).

use crate::doc::{CleanLine, LineRef};
use crate::lex::marker::{MarkerKind, is_space, parse_marker};
use crate::lex::sentence::is_sentence_end;

/// Chars `start..start + len` of one cleaned line, placed at `at` in its paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    /// 1-based line of the decoded text.
    pub no: usize,
    /// 1-based source line.
    pub src: usize,
    pub line: &'a CleanLine,
    /// First char of the piece in the line's cleaned text.
    pub start: usize,
    /// Chars of the piece.
    pub len: usize,
    /// First char of the piece in the paragraph.
    pub at: usize,
}

/// One paragraph: its text (original script and simplified view, char-aligned) and the pieces
/// of lines it is made of.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    pub pieces: Vec<Piece<'a>>,
    /// Cleaned text, original script, trimmed of blanks at both ends.
    pub t: Vec<char>,
    /// Simplified view, char-aligned with `t`.
    pub s: Vec<char>,
}

impl<'a> Para<'a> {
    /// The piece holding paragraph char `i` (the last piece for `i` past the end).
    pub fn piece_at(&self, i: usize) -> &Piece<'a> {
        let k = self.pieces.partition_point(|p| p.at <= i).saturating_sub(1);
        &self.pieces[k.min(self.pieces.len() - 1)]
    }

    /// The source line of paragraph char `i`.
    pub fn src_at(&self, i: usize) -> usize {
        self.piece_at(i).src
    }

    /// The first piece: where the paragraph starts.
    pub fn first(&self) -> &Piece<'a> {
        &self.pieces[0]
    }

    /// The piece of paragraph char `i` and the char of its line's cleaned text.
    pub fn locate(&self, i: usize) -> (&Piece<'a>, usize) {
        let p = self.piece_at(i);
        (p, p.start + i.saturating_sub(p.at).min(p.len))
    }
}

/// Shortest line (columns) that counts when measuring the page width of wrapped text.
const MIN_MEASURED_COLUMNS: usize = 24;
/// A line this many columns short of the page width still fills it: punctuation at the line
/// end is pushed over or squeezed, and a paragraph's first line is indented by two chars
/// that PDF text often loses.
const WIDTH_SLACK: usize = 5;
/// Share of measured lines that must have the page width for the text to be read as wrapped.
const MIN_WRAPPED_SHARE: f64 = 0.3;
/// Fewest lines of the page width for the text to be read as wrapped.
const MIN_WRAPPED_LINES: usize = 4;
/// Shortest line (chars) searched for inline outline markers: a flattened body.
const MIN_FLATTENED_CHARS: usize = 60;

/// Page numbers and page counters between the pages of PDF text: `— 4 —`, `- 12 -`, `12`,
/// `第3页 共10页`, `3/10`.
pub static PAGE_NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:[—\-－–─]+ *[0-9]{1,4} *[—\-－–─]+|[0-9]{1,4}|第 *[0-9]{1,4} *页(?: *[，,/ ] *共 *[0-9]{1,4} *页)?|[0-9]{1,4} */ *[0-9]{1,4}|共 *[0-9]{1,4} *页 *第 *[0-9]{1,4} *页)$",
    )
    .unwrap_or_else(|e| panic!("PAGE_NUMBER: {e}"))
});

/// Whether a trimmed line is a page number or counter, or holds no letter, digit or Han char
/// at all (a rule, a page number in a font without a text map: `^N^A^R`).
pub fn is_page_furniture(trimmed: &str) -> bool {
    PAGE_NUMBER.is_match(trimmed) || !trimmed.chars().any(char::is_alphanumeric)
}

/// A row of a table laid out as text: a leading account or amount code (`8510 困难群众救助
///补助资金`), or several blank-separated numbers (`866 1,309 51.1`). Such a row names an
/// account, never a problem or a measure, whatever words it holds.
pub static TABLE_ROW: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[0-9][0-9,.]{2,}\s+[^\s年月日号]|(?:-?[0-9][0-9,.%]*\s+){2,}-?[0-9]")
        .unwrap_or_else(|e| panic!("TABLE_ROW: {e}"))
});

/// Whether a paragraph is a row of a table ([`TABLE_ROW`]).
pub fn is_table_row(s: &[char]) -> bool {
    let text: String = s.iter().take(80).collect();
    TABLE_ROW.is_match(&text)
}

/// A line as chars, trimmed, with where its text starts.
struct Trimmed<'a> {
    r: LineRef<'a>,
    lead: usize,
    t: Vec<char>,
    s: Vec<char>,
}

impl Trimmed<'_> {
    /// Width of the line on the page, in columns: a Han or full-width char takes two, an
    /// ASCII char one; the indent counts.
    fn columns(&self) -> usize {
        let w = |c: &char| if c.is_ascii() { 1 } else { 2 };
        self.lead * 2 + self.t.iter().map(w).sum::<usize>()
    }
}

fn trimmed<'a>(r: &LineRef<'a>) -> Option<Trimmed<'a>> {
    let t: Vec<char> = r.line.text.chars().collect();
    let mut s: Vec<char> = r.line.simplified.chars().collect();
    if s.len() != t.len() {
        // Not char-aligned: match cues on the text itself.
        s = t.clone();
    }
    let lead = s.iter().take_while(|c| is_space(**c)).count();
    let mut end = s.len();
    while end > lead && is_space(s[end - 1]) {
        end -= 1;
    }
    (end > lead).then(|| Trimmed {
        r: *r,
        lead,
        t: t[lead..end].to_vec(),
        s: s[lead..end].to_vec(),
    })
}

/// The page width of wrapped text: the commonest length of the longer lines, when enough lines
/// have it; `None` for text with one paragraph per line.
fn page_width(lines: &[Trimmed]) -> Option<usize> {
    let lens: Vec<usize> = lines
        .iter()
        .map(Trimmed::columns)
        .filter(|&n| n >= MIN_MEASURED_COLUMNS)
        .collect();
    if lens.len() < MIN_WRAPPED_LINES {
        return None;
    }
    let mut counts = std::collections::BTreeMap::new();
    for &n in &lens {
        *counts.entry(n).or_insert(0usize) += 1;
    }
    // The commonest width (the widest on a tie), and how many lines come within the slack
    // of it: wrapped lines fill the width give or take a char, other lines scatter.
    let (&width, _) = counts.iter().max_by_key(|&(w, c)| (*c, *w))?;
    let near = lens
        .iter()
        .filter(|&&n| n + WIDTH_SLACK >= width && n <= width + WIDTH_SLACK)
        .count();
    let share = near as f64 / lens.len() as f64;
    (near >= MIN_WRAPPED_LINES && share >= MIN_WRAPPED_SHARE).then_some(width)
}

/// Whether a wrapped line goes on into the next: it fills the page width, does not close a
/// sentence, and the next line does not open a numbered heading.
fn continues(line: &Trimmed, next: &Trimmed, width: usize) -> bool {
    // A paragraph's first line is indented: the indent fills the width too.
    let full = line.columns() + WIDTH_SLACK >= width;
    let closed = line
        .s
        .last()
        .is_some_and(|&c| is_sentence_end(c) || matches!(c, '：' | ':' | '；' | ';'));
    full && !closed && parse_marker(&next.s).is_none()
}

/// Outline kinds that a flattened line is split before.
const SPLIT_KINDS: &[MarkerKind] = &[
    MarkerKind::CnComma,
    MarkerKind::CnParen,
    MarkerKind::NumComma,
    MarkerKind::NumParen,
];

/// Chars a marker may follow and still start a clause: the end of a sentence or clause, a
/// blank, a closing bracket or quote.
fn starts_clause(prev: Option<char>) -> bool {
    prev.is_none_or(|c| {
        is_space(c)
            || is_sentence_end(c)
            || matches!(c, '：' | ':' | '；' | ';' | '）' | ')' | '”' | '"' | '」')
    })
}

/// Whether `before` ends with a short numbered problems or measures heading (`三、建议和意见`,
/// `二、存在问题`): a marker right after it starts the heading's list, though no blank or stop
/// stands between (`三、建议和意见（一）加快…`).
fn ends_a_heading_word(before: &[char]) -> bool {
    const MAX_INLINE_HEADING_CHARS: usize = 20;
    // Blanks between the heading and the marker (主要措施   （一）) are no part of it.
    let end = before
        .iter()
        .rposition(|&c| !is_space(c))
        .map_or(0, |p| p + 1);
    let before = &before[..end];
    let start = before
        .iter()
        .rposition(|&c| is_space(c) || is_sentence_end(c))
        .map_or(0, |p| p + 1);
    let seg = &before[start..];
    let seg = match parse_marker(seg) {
        Some(m) => &seg[m.len..],
        None => return false,
    };
    (2..=MAX_INLINE_HEADING_CHARS).contains(&seg.len())
        && crate::sections::classify(&seg.iter().collect::<String>()).is_some()
}

/// Char positions inside `s` (a flattened line) where an inline outline marker starts a new
/// paragraph. A marker counts when it starts a clause, is not part of a number or date (`3.5%`,
/// `2021.3`), and continues its kind's series: its number is 1, or one more than the last
/// marker of its kind. `last` holds the last number per kind and carries over lines.
pub fn inline_marker_starts(s: &[char], last: &mut [u32; 4]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let prev = i.checked_sub(1).map(|k| s[k]);
        // A digit right before an Arabic marker makes one number (`13.5`); before a Han
        // marker (`5三、`, a page number left inline) it does not.
        if i > 0
            && let Some(m) = parse_marker(&s[i..])
            && let Some(k) = SPLIT_KINDS.iter().position(|&kind| kind == m.kind)
            && (starts_clause(prev)
                || prev.is_some_and(|c| c.is_ascii_digit())
                    && matches!(m.kind, MarkerKind::CnComma | MarkerKind::CnParen)
                || ends_a_heading_word(&s[..i]))
            && !(prev.is_some_and(|c| c.is_ascii_digit())
                && matches!(m.kind, MarkerKind::NumComma | MarkerKind::NumParen))
        {
            let after = s.get(i + m.len).copied();
            // `3.5%`, `2.1万`: an Arabic number, not a marker. A Han marker may be followed by
            // a year (`一、2025年预算执行情况`).
            let numeric_tail = matches!(m.kind, MarkerKind::NumComma | MarkerKind::NumParen)
                && after.is_some_and(|c| c.is_ascii_digit() || c == '%' || c == '％');
            let in_series = m.ordinal == 1 || m.ordinal == last[k] + 1;
            if !numeric_tail && in_series {
                out.push(i);
                last[k] = m.ordinal;
                // A higher level restarts the series below it.
                for deeper in last.iter_mut().skip(k + 1) {
                    *deeper = 0;
                }
                i += m.len;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Record the number of a marker that opens a line, so inline markers of later lines continue
/// its series.
fn note_line_marker(s: &[char], last: &mut [u32; 4]) {
    if let Some(m) = parse_marker(s)
        && let Some(k) = SPLIT_KINDS.iter().position(|&kind| kind == m.kind)
    {
        last[k] = m.ordinal;
        for deeper in last.iter_mut().skip(k + 1) {
            *deeper = 0;
        }
    }
}

/// The paragraphs of a report's lines: blank lines and page furniture dropped, wrapped lines
/// joined, flattened lines split at their inline outline markers.
pub fn paragraphs<'a>(lines: &[LineRef<'a>]) -> Vec<Para<'a>> {
    let all: Vec<Trimmed<'a>> = lines.iter().filter_map(trimmed).collect();
    let furniture: Vec<bool> = all
        .iter()
        .map(|l| is_page_furniture(&l.s.iter().collect::<String>()))
        .collect();
    let kept: Vec<Trimmed<'a>> = all
        .into_iter()
        .zip(&furniture)
        .filter(|(_, f)| !**f)
        .map(|(l, _)| l)
        .collect();
    let width = page_width(&kept);

    // Join wrapped lines into paragraphs.
    let mut joined: Vec<Vec<Trimmed<'a>>> = Vec::new();
    for l in kept {
        let goes_on = match (width, joined.last().and_then(|p| p.last())) {
            (Some(w), Some(prev)) => continues(prev, &l, w),
            _ => false,
        };
        match joined.last_mut() {
            Some(p) if goes_on => p.push(l),
            _ => joined.push(vec![l]),
        }
    }

    // Split flattened paragraphs at inline markers.
    let mut last = [0u32; 4];
    let mut out = Vec::new();
    for group in joined {
        let para = para_of(&group);
        note_line_marker(&para.s, &mut last);
        let cuts = if para.s.len() >= MIN_FLATTENED_CHARS {
            inline_marker_starts(&para.s, &mut last)
        } else {
            Vec::new()
        };
        if cuts.is_empty() {
            out.push(para);
            continue;
        }
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(para.s.len());
        for w in bounds.windows(2) {
            if let Some(p) = slice(&para, w[0], w[1]) {
                out.push(p);
            }
        }
    }
    out
}

/// The paragraph of a run of joined lines.
fn para_of<'a>(group: &[Trimmed<'a>]) -> Para<'a> {
    let mut pieces = Vec::with_capacity(group.len());
    let mut t = Vec::new();
    let mut s = Vec::new();
    for l in group {
        pieces.push(Piece {
            no: l.r.no,
            src: l.r.src,
            line: l.r.line,
            start: l.lead,
            len: l.t.len(),
            at: t.len(),
        });
        t.extend_from_slice(&l.t);
        s.extend_from_slice(&l.s);
    }
    Para { pieces, t, s }
}

/// Chars `a..b` of a paragraph as a paragraph of its own, trimmed of blanks; `None` when blank.
fn slice<'a>(p: &Para<'a>, a: usize, b: usize) -> Option<Para<'a>> {
    let mut a = a;
    let mut b = b.min(p.s.len());
    while a < b && is_space(p.s[a]) {
        a += 1;
    }
    while b > a && is_space(p.s[b - 1]) {
        b -= 1;
    }
    if a >= b {
        return None;
    }
    let pieces = p
        .pieces
        .iter()
        .filter(|pc| pc.at < b && pc.at + pc.len > a)
        .map(|pc| {
            let from = a.max(pc.at);
            let to = b.min(pc.at + pc.len);
            Piece {
                start: pc.start + (from - pc.at),
                len: to - from,
                at: from - a,
                ..*pc
            }
        })
        .collect();
    Some(Para {
        pieces,
        t: p.t[a..b].to_vec(),
        s: p.s[a..b].to_vec(),
    })
}

#[cfg(test)]
mod tests;
