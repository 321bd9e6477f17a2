//! Stage 1: find the corpus files and decode them into text.
//!
//! Decoding order: a byte-order mark wins; then strict UTF-8; then a detector (`chardetng`,
//! the detector Firefox uses) picks among GB18030/GBK, Big5, Shift_JIS, … and `encoding_rs`
//! decodes. UTF-16 without a BOM is recognised by its NUL bytes. The encoding actually used is
//! recorded, so a user can see why a file came out the way it did.

use std::fs;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use walkdir::WalkDir;

use crate::error::{Error, FileError, Result, Stage};

/// The kinds of files baogao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: lines are kept as they are.
    Text,
    /// HTML: parsed, scripts/styles/navigation dropped, block elements become lines.
    Html,
}

/// A file found in the corpus.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the corpus root, with `/` separators: the stable name used in output.
    pub rel: String,
    pub format: Format,
    /// Size in bytes (for progress).
    pub bytes: u64,
}

/// A decoded file.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Name of the encoding that decoded the bytes (`UTF-8`, `GBK`, `Big5`, `UTF-16LE`, …).
    pub encoding: String,
    /// For HTML: the 1-based source line where each line of `text` starts (its first text
    /// node). `None` when the lines of `text` are the source lines.
    pub source_lines: Option<Vec<usize>>,
}

/// The format of a path, by extension, or `None` for files baogao does not read.
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}

/// Walk `root` recursively and list the files to read, sorted by relative path so that output
/// order never depends on the file system.
pub fn discover(root: &Path) -> Result<Vec<SourceFile>> {
    if !root.is_dir() {
        return Err(Error::MissingCorpus(root.to_path_buf()));
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            // An unreadable sub-folder is not fatal: the files we can read still count.
            Err(_) => continue,
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let Some(format) = format_of(path) else {
            continue;
        };
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        files.push(SourceFile {
            path: path.to_path_buf(),
            rel,
            format,
            bytes,
        });
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(files)
}

/// Read and decode one file; HTML is reduced to its text.
pub fn read(file: &SourceFile) -> Result<Decoded, FileError> {
    let fail = |stage: Stage| move |reason: String| FileError::new(file.rel.clone(), stage, reason);
    let bytes = fs::read(&file.path).map_err(|e| fail(Stage::Read)(format!("cannot read: {e}")))?;
    let mut decoded = decode(&bytes).map_err(fail(Stage::Decode))?;
    if file.format == Format::Html {
        let (text, lines) = html_to_text_with_lines(&decoded.text);
        decoded.text = text;
        decoded.source_lines = Some(lines);
    }
    if decoded.text.trim().is_empty() {
        return Err(fail(Stage::Decode)(
            "no text (only whitespace or markup)".into(),
        ));
    }
    Ok(decoded)
}

/// Share of U+FFFD replacement characters above which a file counts as undecodable.
const MAX_REPLACEMENT_SHARE: f64 = 0.02;

/// Decode bytes: BOM, strict UTF-8, UTF-16 by NUL pattern, else detected legacy encoding.
pub fn decode(bytes: &[u8]) -> std::result::Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), enc.name(), had_errors);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return finish(text.into_owned(), enc.name(), had_errors);
    }
    if looks_binary(bytes) {
        return Err("binary file (NUL or control bytes), not text".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8".into(),
            source_lines: None,
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    // encoding_rs calls GBK "GBK" and decodes it as GB18030, a superset.
    finish(text.into_owned(), enc.name(), had_errors)
}

/// A decoded file is refused when too many of its chars are replacement characters or C1
/// control codes (what single-byte fallbacks such as windows-1252 turn invalid bytes into).
fn finish(text: String, encoding: &str, had_errors: bool) -> std::result::Result<Decoded, String> {
    let bad = text
        .chars()
        .filter(|&c| c == '\u{FFFD}' || ('\u{80}'..='\u{9F}').contains(&c))
        .count();
    let total = text.chars().count().max(1);
    if bad as f64 / total as f64 > MAX_REPLACEMENT_SHARE {
        let how = if had_errors {
            "invalid"
        } else {
            "control codes"
        };
        return Err(format!(
            "undecodable bytes: {bad} of {total} characters {how} as {encoding}"
        ));
    }
    Ok(Decoded {
        text,
        encoding: encoding.to_string(),
        source_lines: None,
    })
}

/// UTF-16 text without a BOM has a NUL in every other byte for ASCII (and often for CJK
/// punctuation); pick the byte order by where the NULs are.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in bytes[..n].iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let pairs = n / 2;
    if odd * 3 > pairs && even * 10 < odd {
        Some(UTF_16LE)
    } else if even * 3 > pairs && odd * 10 < even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// NUL bytes, or many C0 control bytes other than tab/newline/carriage return/form feed/escape.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len()
}

/// Elements whose content is never report text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "iframe", "svg", "head", "button", "select",
    "form", "footer", "aside",
];

/// Elements that start a new line.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "title",
    "body",
    "td",
    "th",
];

/// Reduce an HTML page to text lines with a real HTML parser (html5ever via `scraper`):
/// scripts, styles and navigation are dropped, block elements become lines, runs of whitespace
/// inside a block collapse to one space.
pub fn html_to_text(html: &str) -> String {
    html_to_text_with_lines(html).0
}

/// [`html_to_text`], plus the 1-based line of the HTML source where each output line starts.
///
/// html5ever keeps no source positions, so each text node is found again in the source: the
/// nodes come in document order, so a forward search from the previous match finds it (its
/// first few chars; entity-encoded text that cannot be found keeps the previous position).
pub fn html_to_text_with_lines(html: &str) -> (String, Vec<usize>) {
    let doc = scraper::Html::parse_document(html);
    let mut w = HtmlText {
        html,
        newlines: html.match_indices('\n').map(|(i, _)| i).collect(),
        cursor: 0,
        out: String::new(),
        line: String::new(),
        line_src: None,
        lines: Vec::new(),
    };
    w.walk(doc.tree.root());
    w.flush();
    (w.out, w.lines)
}

struct HtmlText<'a> {
    html: &'a str,
    newlines: Vec<usize>,
    /// Byte offset in `html` of the last text node found.
    cursor: usize,
    out: String,
    line: String,
    /// Source line of the current output line's first text.
    line_src: Option<usize>,
    lines: Vec<usize>,
}

impl HtmlText<'_> {
    fn flush(&mut self) {
        let t = self.line.trim();
        if !t.is_empty() {
            self.out.push_str(t);
            self.out.push('\n');
            let src = self.line_src.unwrap_or_else(|| self.line_at(self.cursor));
            self.lines.push(src);
        }
        self.line.clear();
        self.line_src = None;
    }

    fn line_at(&self, byte: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < byte) + 1
    }

    /// Find a text node in the source after the cursor; returns its source line.
    fn locate(&mut self, text: &str) -> usize {
        let probe: String = text.trim().chars().take(6).collect();
        if !probe.is_empty()
            && let Some(found) = self
                .html
                .get(self.cursor..)
                .and_then(|rest| rest.find(&probe))
        {
            self.cursor += found;
        }
        self.line_at(self.cursor)
    }

    fn walk(&mut self, node: ego_tree::NodeRef<'_, scraper::Node>) {
        match node.value() {
            scraper::Node::Text(t) => {
                if t.trim().is_empty() {
                    if !self.line.is_empty() {
                        push_space(&mut self.line);
                    }
                    return;
                }
                let src = self.locate(t);
                if self.line.trim().is_empty() {
                    self.line_src = Some(src);
                }
                for (i, part) in t.split_whitespace().enumerate() {
                    if i > 0 || (t.starts_with(char::is_whitespace) && !self.line.is_empty()) {
                        push_space(&mut self.line);
                    }
                    self.line.push_str(part);
                }
                if t.ends_with(char::is_whitespace) && !self.line.is_empty() {
                    push_space(&mut self.line);
                }
            }
            scraper::Node::Element(e) => {
                let name = e.name();
                if SKIPPED_ELEMENTS.contains(&name) {
                    return;
                }
                let block = BLOCK_ELEMENTS.contains(&name);
                if block {
                    self.flush();
                }
                for child in node.children() {
                    self.walk(child);
                }
                if block {
                    self.flush();
                }
            }
            _ => {
                for child in node.children() {
                    self.walk(child);
                }
            }
        }
    }
}

fn push_space(line: &mut String) {
    // Chinese text has no spaces between words; keep one only between Latin/digit runs.
    if !line.ends_with(' ') {
        line.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_taken_as_is() {
        let d = decode("經費".as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "經費");
    }

    #[test]
    fn gbk_is_detected() {
        let text = "二、存在的主要问题\n（一）招商引资总量不大，在全省排位有待提升。全年完成投资626.8万元。";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert!(
            d.encoding == "GBK" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );
    }

    #[test]
    fn big5_is_detected() {
        let text = "二、存在的主要問題\n（一）招商引資總量不大，在全省排位有待提升。各區縣市投入要達到一個億以上。";
        let (bytes, _, _) = encoding_rs::BIG5.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, text);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "預算績效 2021年";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (text, "UTF-16LE"));
        let ascii = "budget 2021 report";
        let mut be = Vec::new();
        for u in ascii.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        let binary = [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3, 0, 0, 7];
        assert!(decode(&binary).unwrap_err().contains("binary"));
    }

    #[test]
    fn html_lines_know_their_source_line() {
        let html = "<html><body>\n<div class=nav><script>\nvar a = '一、基本情况';\n</script></div>\n<h1>学生资助\n工作总结</h1>\n<p>一、基本情况</p><p>全年发放资金&nbsp;<b>16万元</b>。</p>\n\n<p>\n  二、存在的问题</p>\n</body></html>";
        let (text, lines) = html_to_text_with_lines(html);
        assert_eq!(
            text,
            "学生资助 工作总结\n一、基本情况\n全年发放资金 16万元。\n二、存在的问题\n"
        );
        // The script's copy of 一、基本情况 (line 3) is not where the paragraph is (line 7); the title starts on line 5.
        assert_eq!(lines, vec![5, 7, 7, 10]);
    }

    #[test]
    fn html_drops_scripts_and_nav_and_keeps_blocks() {
        let html = "<html><head><title>t</title><script>var x='預算';</script></head><body>\
            <nav><a href='/'>首页</a> <a>工作报告</a></nav>\
            <h1>学生资助工作总结</h1><p>一、基本情况</p><p>全年发放资金<b>16万元</b>。</p>\
            <style>p{color:red}</style></body></html>";
        let text = html_to_text(html);
        assert_eq!(
            text,
            "学生资助工作总结\n一、基本情况\n全年发放资金16万元。\n"
        );
    }
}
