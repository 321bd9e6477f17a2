//! Lexical primitives shared by every stage, each written once: Han classes ([`han`]), width
//! folding ([`width`]), numerals ([`numeral`]), list markers ([`marker`]) and sentence and
//! clause boundaries ([`sentence`]).
//!
//! Why one module: the stages used to carry their own copies (four numeral parsers, three width
//! folds, three list-marker recognisers), and the copies disagreed at the edges — a `（十二）`
//! heading was a marker to one stage and not to another. A rule fixed here is fixed for all.
//!
//! Everything here is a pure function of chars or `&str`: no regex state, no allocation unless
//! the result is a new string.

pub mod han;
pub mod marker;
pub mod numeral;
pub mod sentence;
pub mod width;

/// Split text into lines (`\n`, `\r\n`, lone `\r`) without terminators; a final terminator
/// does not add an empty line. The one line splitter: decoded text, long-line breaking and
/// tests all count lines with it, so line numbers agree everywhere.
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        // A byte search: both terminators are ASCII, so a match is always a char boundary.
        match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            Some(i) => {
                lines.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                lines.push(rest);
                break;
            }
        }
    }
    lines
}

/// The last `n` chars of `s` (all of `s` when it is shorter): the window a cue before a
/// number is looked for in.
pub fn tail_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    &s[start..]
}

/// The first `n` chars of `s`.
pub fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::split_lines;

    #[test]
    fn splits_on_every_terminator_and_keeps_blank_lines() {
        assert_eq!(
            split_lines("一\r\n二\r三\n\n四\n"),
            ["一", "二", "三", "", "四"]
        );
        assert_eq!(split_lines(""), Vec::<&str>::new());
        assert_eq!(split_lines("\n"), [""]);
        assert_ne!(split_lines("一\n二"), ["一\n二"]);
    }
}
