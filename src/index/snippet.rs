//! Snippets: the best line of a hit, cut around its matches, in the ORIGINAL script.
//!
//! Input: the stored original body (report lines joined with `\n`), the source line number of
//! each of those lines, and the matches as char ranges of the body. Matches are found in the
//! simplified view (index positions are char indexes of it); the simplified view is char-aligned
//! with the original text, so the same char ranges mark the original. Output: a [`Snippet`]
//! whose highlight ranges are char ranges `[start, end)` of the snippet text.

/// Chars of context shown before the first match of the snippet.
const LEAD: usize = 24;
/// Maximum chars of a snippet (without the ellipses).
const WIDTH: usize = 110;
const ELLIPSIS: char = '…';

/// One match: a char range of the body and the query unit it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub unit: usize,
}

/// The passage shown for a hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// 1-based source line of the passage.
    pub line: usize,
    pub text: String,
    /// Char ranges `[start, end)` of `text` to highlight, sorted, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

/// Pick the line with matches of the most distinct units (then the most matches, then the
/// first) and cut a window around its first match.
pub fn make_snippet(body: &str, line_nos: &[usize], matches: &[Match]) -> Snippet {
    // Char start of each body line.
    let mut starts = vec![0usize];
    let chars: Vec<char> = body.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            starts.push(i + 1);
        }
    }
    let line_of = |pos: usize| starts.partition_point(|&s| s <= pos).saturating_sub(1);

    // (line idx, distinct units, matches) per line with matches.
    let mut per_line: Vec<(usize, Vec<usize>, usize)> = Vec::new();
    for m in matches {
        let l = line_of(m.start);
        match per_line.iter_mut().find(|(idx, _, _)| *idx == l) {
            Some((_, units, count)) => {
                if !units.contains(&m.unit) {
                    units.push(m.unit);
                }
                *count += 1;
            }
            None => per_line.push((l, vec![m.unit], 1)),
        }
    }
    let best = per_line
        .iter()
        .max_by_key(|(l, units, count)| (units.len(), *count, std::cmp::Reverse(*l)))
        .map(|(l, _, _)| *l);
    // Without matches (cannot happen for a hit of a positive query), show the first
    // non-blank line.
    let line_idx = match best {
        Some(l) => l,
        None => (0..starts.len())
            .find(|&l| {
                let (s, e) = line_bounds(&starts, chars.len(), l);
                chars[s..e].iter().any(|c| !c.is_whitespace())
            })
            .unwrap_or(0),
    };
    let (line_start, line_end) = line_bounds(&starts, chars.len(), line_idx);
    let mut in_line: Vec<(usize, usize)> = matches
        .iter()
        .filter(|m| m.start >= line_start && m.start < line_end)
        .map(|m| (m.start - line_start, m.end.min(line_end) - line_start))
        .collect();
    in_line.sort();
    let line_chars = &chars[line_start..line_end];

    // Skip the indentation of the line.
    let content_start = line_chars
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or(line_chars.len());
    let content_end = line_chars
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(content_start, |p| p + 1);
    let first = in_line.first().map_or(content_start, |m| m.0);
    let mut from = first
        .saturating_sub(LEAD)
        .max(content_start)
        .min(content_end);
    let to = (from + WIDTH).min(content_end);
    if to - from < WIDTH {
        from = to.saturating_sub(WIDTH).max(content_start);
    }

    let mut text = String::new();
    let mut shift = 0usize;
    if from > content_start {
        text.push(ELLIPSIS);
        shift = 1;
    }
    text.extend(&line_chars[from..to]);
    if to < content_end {
        text.push(ELLIPSIS);
    }
    let mut highlights: Vec<(usize, usize)> = Vec::new();
    for (s, e) in in_line {
        let s = s.max(from);
        let e = e.min(to);
        if s >= e {
            continue;
        }
        let (s, e) = (s - from + shift, e - from + shift);
        match highlights.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => highlights.push((s, e)),
        }
    }
    Snippet {
        line: line_nos.get(line_idx).copied().unwrap_or(0),
        text,
        highlights,
    }
}

fn line_bounds(starts: &[usize], total: usize, l: usize) -> (usize, usize) {
    let s = starts.get(l).copied().unwrap_or(total);
    let e = starts.get(l + 1).map_or(total, |n| n - 1);
    (s, e.max(s))
}

/// Byte range of a char range of `text` (for rendering).
pub fn char_range_to_bytes(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut it = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let s = it.nth(start).unwrap_or(text.len());
    let e = if end > start {
        it.nth(end - start - 1).unwrap_or(text.len())
    } else {
        s
    };
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> String {
        let mut out = String::new();
        for (i, c) in s.text.chars().enumerate() {
            if s.highlights.iter().any(|h| h.0 == i) {
                out.push('[');
            }
            out.push(c);
            if s.highlights.iter().any(|h| h.1 == i + 1) {
                out.push(']');
            }
        }
        out
    }

    #[test]
    fn picks_the_line_with_most_units_and_keeps_the_original_script() {
        let body = "標題\n  學生資助工作\n學生資助資金到位，資金使用規範";
        // "學生資助" at chars 5..9 (line 2), 12..16 and "資金" at 16..18 (line 3).
        let m = [
            Match {
                start: 5,
                end: 9,
                unit: 0,
            },
            Match {
                start: 12,
                end: 16,
                unit: 0,
            },
            Match {
                start: 16,
                end: 18,
                unit: 1,
            },
        ];
        let s = make_snippet(body, &[16, 18, 20], &m);
        assert_eq!(s.line, 20);
        assert_eq!(marked(&s), "[學生資助資金]到位，資金使用規範");
    }

    #[test]
    fn long_lines_are_cut_with_ellipses() {
        let long: String = "甲".repeat(200) + "公務用車" + &"乙".repeat(200);
        let m = [Match {
            start: 200,
            end: 204,
            unit: 0,
        }];
        let s = make_snippet(&long, &[7], &m);
        assert_eq!(s.line, 7);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let (a, b) = s.highlights[0];
        let shown: String = s.text.chars().skip(a).take(b - a).collect();
        assert_eq!(shown, "公務用車");
        assert!(s.text.chars().count() <= WIDTH + 2);
    }

    #[test]
    fn odd_matches_do_not_panic() {
        let body = "ab  \n\ncd";
        for m in [
            Match {
                start: 3,
                end: 9,
                unit: 0,
            },
            Match {
                start: 5,
                end: 5,
                unit: 0,
            },
            Match {
                start: 40,
                end: 50,
                unit: 1,
            },
        ] {
            let _ = make_snippet(body, &[1, 2, 3], &[m]);
        }
        let s = make_snippet("", &[], &[]);
        assert_eq!(s.text, "");
    }

    #[test]
    fn byte_ranges_of_char_ranges() {
        assert_eq!(char_range_to_bytes("a公務b", 1, 3), (1, 7));
        assert_eq!(char_range_to_bytes("ab", 2, 2), (2, 2));
    }
}
