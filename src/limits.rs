//! Limits that keep one hostile or unlucky file from taking a whole batch's time and memory.
//!
//! A scraped page can put a whole book on one line, or paste a hundred reports into one file
//! with no headings between them. Every stage is meant to be linear, but memory still grows
//! with the largest unit a stage holds at once (a line for extraction, a report for the index
//! and the sections). So, before the stages run:
//!
//! - a line longer than [`Limits::max_line_chars`] is broken into pieces at sentence ends
//!   (each piece keeps the source line it came from, so records still point into the file);
//! - a report longer than [`Limits::max_report_chars`] is split at line (paragraph) boundaries
//!   into parts that are reports of their own, never dropped.
//!
//! Each change is reported as a [`FileWarning`](crate::error::FileWarning) by the pipeline, so
//! nothing happens silently. The file-size limit is checked earlier, in [`crate::ingest`].

use crate::doc::{CleanLine, ReportSpan};

/// The limits of one build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Lines longer than this many chars are broken at sentence ends.
    pub max_line_chars: usize,
    /// Reports longer than this many chars are split at line boundaries.
    pub max_report_chars: usize,
    /// Files larger than this many bytes are refused before they are read.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    /// 200,000 chars is far beyond any real paragraph (a flattened page body is a few tens of
    /// thousands); 2,000,000 chars (≈ 6 MB of UTF-8) is a few hundred pages, several times the
    /// longest government work report. 64 MB per file bounds a file's memory (about 1 GB at
    /// the pipeline's peak of ≈ 15 bytes per input byte) while passing any real report.
    fn default() -> Limits {
        Limits {
            max_line_chars: 200_000,
            max_report_chars: 2_000_000,
            max_file_bytes: 64 * 1024 * 1024,
        }
    }
}

/// A long line that was broken: its 1-based line number in the decoded text, its length and
/// the number of pieces it became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrokenLine {
    pub line: usize,
    pub chars: usize,
    pub pieces: usize,
}

/// Where a long line may be broken: after a sentence end, or failing that after a clause
/// mark. Both keep figures whole, since no figure spans these marks.
fn is_soft_break(c: char) -> bool {
    crate::lex::sentence::is_comma(c)
        || crate::lex::sentence::is_colon(c)
        || c == '、'
        || crate::lex::sentence::is_blank(c)
}

/// Break every line longer than `max_chars` chars into pieces of at most `max_chars` chars.
///
/// Returns `None` when no line is too long (the common case, checked on byte lengths first,
/// so it costs one pass over the line ends). Otherwise returns the new text, the map from each
/// new line (index `i` for line `i + 1`) to its original line in `text`, and the broken lines.
pub fn break_long_lines(
    text: &str,
    max_chars: usize,
) -> Option<(String, Vec<usize>, Vec<BrokenLine>)> {
    let max_chars = max_chars.max(1);
    let lines = crate::lex::split_lines(text);
    // chars ≤ bytes, so a line of at most `max_chars` bytes is never too long.
    if lines
        .iter()
        .all(|l| l.len() <= max_chars || l.chars().count() <= max_chars)
    {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut map = Vec::with_capacity(lines.len() + 16);
    let mut broken = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let no = i + 1;
        let chars = if line.len() <= max_chars {
            line.len()
        } else {
            line.chars().count()
        };
        if chars <= max_chars {
            out.push_str(line);
            out.push('\n');
            map.push(no);
            continue;
        }
        let mut pieces = 0;
        for piece in pieces_of(line, max_chars) {
            out.push_str(piece);
            out.push('\n');
            map.push(no);
            pieces += 1;
        }
        broken.push(BrokenLine {
            line: no,
            chars,
            pieces,
        });
    }
    Some((out, map, broken))
}

/// Cut `line` into pieces of at most `max_chars` chars, each ending at the last sentence end
/// (else clause mark) in the second half of its window, else at the window's end.
fn pieces_of(line: &str, max_chars: usize) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // Byte offset just past `max_chars` chars (or the end).
        let window_end = rest
            .char_indices()
            .nth(max_chars)
            .map_or(rest.len(), |(b, _)| b);
        if window_end == rest.len() {
            let piece = rest;
            rest = "";
            return Some(piece);
        }
        let window = &rest[..window_end];
        let half = window
            .char_indices()
            .nth(max_chars / 2)
            .map_or(0, |(b, _)| b);
        let cut_after = |is_mark: fn(char) -> bool| {
            window[half..]
                .char_indices()
                .rev()
                .find(|(_, c)| is_mark(*c))
                .map(|(b, c)| half + b + c.len_utf8())
        };
        let cut = cut_after(crate::lex::sentence::is_clause_end)
            .or_else(|| cut_after(is_soft_break))
            .unwrap_or(window_end);
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// A report that was split: its span before, and how many parts it became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitReport {
    pub line_start: usize,
    pub line_end: usize,
    pub chars: usize,
    pub parts: usize,
}

/// Split every report longer than `max_chars` into parts at line boundaries, each part at most
/// `max_chars` chars unless a single line is longer (lines are broken earlier, see
/// [`break_long_lines`]). Parts are reports of their own: ordinals are renumbered in order, a
/// part after the first is titled by its first non-blank line.
pub fn split_giant_reports(
    lines: &[CleanLine],
    reports: Vec<ReportSpan>,
    max_chars: usize,
) -> (Vec<ReportSpan>, Vec<SplitReport>) {
    let chars_of = |no: usize| {
        no.checked_sub(1)
            .and_then(|i| lines.get(i))
            .map_or(0, |l| l.text.chars().count())
    };
    let mut out = Vec::with_capacity(reports.len());
    let mut splits = Vec::new();
    for span in reports {
        let total: usize = (span.line_start..=span.line_end).map(chars_of).sum();
        if total <= max_chars {
            out.push(span);
            continue;
        }
        let before = out.len();
        let mut start = span.line_start;
        let mut size = 0;
        for no in span.line_start..=span.line_end {
            let c = chars_of(no);
            if size > 0 && size + c > max_chars {
                push_part(&mut out, lines, &span, start, no - 1);
                start = no;
                size = 0;
            }
            size += c;
        }
        push_part(&mut out, lines, &span, start, span.line_end);
        splits.push(SplitReport {
            line_start: span.line_start,
            line_end: span.line_end,
            chars: total,
            parts: out.len() - before,
        });
    }
    for (i, span) in out.iter_mut().enumerate() {
        span.ordinal = i + 1;
    }
    (out, splits)
}

/// Push the part `from..=to` of `span`, trimmed of blank lines at both ends (a part of blank
/// lines only is dropped: it holds no text).
fn push_part(
    out: &mut Vec<ReportSpan>,
    lines: &[CleanLine],
    span: &ReportSpan,
    from: usize,
    to: usize,
) {
    let blank = |no: usize| {
        no.checked_sub(1)
            .and_then(|i| lines.get(i))
            .is_none_or(|l| l.text.trim().is_empty())
    };
    let Some(first) = (from..=to).find(|&n| !blank(n)) else {
        return;
    };
    let last = (first..=to).rev().find(|&n| !blank(n)).unwrap_or(first);
    let title_line = if (from..=to).contains(&span.title_line) {
        span.title_line
    } else {
        first
    };
    out.push(ReportSpan {
        ordinal: 0,
        title_line,
        line_start: first.min(title_line),
        line_end: last,
    });
}

/// Share of a file's non-blank chars that lie at or after line `from` (1-based), and their
/// count: what a trailer cut there leaves out.
pub fn share_from(lines: &[CleanLine], from: usize) -> (usize, usize, f64) {
    let mut total = 0usize;
    let mut after = 0usize;
    for (i, l) in lines.iter().enumerate() {
        let c = l.text.trim().chars().count();
        total += c;
        if i + 1 >= from {
            after += c;
        }
    }
    let share = if total == 0 {
        0.0
    } else {
        after as f64 / total as f64
    };
    (after, total, share)
}

/// A trailer cut that leaves out more than this share of a file's text (and more than
/// [`TRAILER_WARN_CHARS`]) gets a warning: real trailers ("related articles", share buttons)
/// are a small tail, so a big one usually means a cue word inside the body.
pub const TRAILER_WARN_SHARE: f64 = 0.2;
/// See [`TRAILER_WARN_SHARE`].
pub const TRAILER_WARN_CHARS: usize = 2_000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean_text;

    #[test]
    fn short_lines_are_left_alone() {
        assert!(break_long_lines("一、总体情况\n全年支出1.5亿元。\n", 100).is_none());
    }

    #[test]
    fn a_long_line_breaks_at_sentence_ends_and_keeps_its_line_number() {
        let sentence = "全年财政收入增长5%，支出1.5亿元。";
        let long = sentence.repeat(40);
        let text = format!("标题\n{long}\n尾行");
        let (new, map, broken) = break_long_lines(&text, 100).expect("broken");
        let new_lines = crate::lex::split_lines(&new);
        assert_eq!(new_lines.len(), map.len());
        assert_eq!(new_lines[0], "标题");
        assert_eq!(*new_lines.last().expect("lines"), "尾行");
        assert_eq!(map[0], 1);
        assert_eq!(*map.last().expect("map"), 3);
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].line, 2);
        // Every piece but the last ends a sentence, is within the limit, and they rejoin.
        let pieces: Vec<&str> = new_lines[1..new_lines.len() - 1].to_vec();
        assert_eq!(pieces.len(), broken[0].pieces);
        assert!(pieces.iter().all(|p| p.chars().count() <= 100));
        assert!(pieces.iter().all(|p| p.ends_with('。')));
        assert_eq!(pieces.concat(), long);
    }

    #[test]
    fn a_line_without_punctuation_is_cut_at_the_limit() {
        let long = "预算".repeat(150);
        let (new, map, _) = break_long_lines(&long, 100).expect("broken");
        let pieces = crate::lex::split_lines(&new);
        assert_eq!(pieces.len(), 3);
        assert!(map.iter().all(|&l| l == 1));
        assert_eq!(pieces.concat(), long);
    }

    #[test]
    fn a_giant_report_is_split_at_line_boundaries() {
        let mut text = String::from("某县2021年财政预算执行情况的报告\n");
        for i in 0..30 {
            text.push_str(&format!("第{i}段：全年一般公共预算支出增长百分之五。\n"));
        }
        let lines = clean_text(&text);
        let span = ReportSpan {
            ordinal: 1,
            title_line: 1,
            line_start: 1,
            line_end: lines.len(),
        };
        let (parts, splits) = split_giant_reports(&lines, vec![span], 200);
        assert_eq!(splits.len(), 1);
        assert_eq!(splits[0].parts, parts.len());
        assert!(parts.len() > 1);
        assert_eq!(parts[0].title_line, 1);
        assert_eq!(parts[0].line_start, 1);
        assert_eq!(parts.last().map(|p| p.line_end), Some(lines.len()));
        for (i, p) in parts.iter().enumerate() {
            assert_eq!(p.ordinal, i + 1);
            let chars: usize = (p.line_start..=p.line_end)
                .map(|n| lines[n - 1].text.chars().count())
                .sum();
            assert!(chars <= 200, "part {i} has {chars} chars");
            if i > 0 {
                assert_eq!(p.line_start, parts[i - 1].line_end + 1);
            }
        }
    }

    #[test]
    fn a_small_report_is_kept_whole() {
        let lines = clean_text("标题\n正文。\n");
        let span = ReportSpan {
            ordinal: 1,
            title_line: 1,
            line_start: 1,
            line_end: 2,
        };
        let (parts, splits) = split_giant_reports(&lines, vec![span.clone()], 200);
        assert_eq!(parts, vec![span]);
        assert!(splits.is_empty());
    }

    #[test]
    fn trailer_share_counts_the_tail() {
        let lines = clean_text("正文正文正文\n正文正文正文\n相关文章\n");
        let (after, total, share) = share_from(&lines, 3);
        assert_eq!((after, total), (4, 16));
        assert!((share - 0.25).abs() < 1e-9);
    }
}
