//! Stage 1: find the corpus files and decode them into text.
//!
//! Decoding order: a byte-order mark wins; then strict UTF-8; then a detector (`chardetng`,
//! the detector Firefox uses) picks among GB18030/GBK, Big5, Shift_JIS, … and `encoding_rs`
//! decodes. UTF-16 without a BOM is recognised by its NUL bytes. The encoding actually used is
//! recorded, so a user can see why a file came out the way it did.

use std::collections::HashMap;
use std::fs;
use std::io::Read as _;
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
    /// Position in the corpus's sorted file list: with the report's ordinal, the key that
    /// breaks ties between equal search scores the same way in every build.
    pub order: usize,
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
    /// What decoding changed that a user should know (invalid bytes replaced, …).
    pub warnings: Vec<String>,
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

/// How the corpus folder is walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Follow symlinks that lead out of the corpus root. Off by default: a corpus scraped or
    /// unpacked from elsewhere must not pull in `/etc/passwd` through a link.
    pub follow_links: bool,
}

/// What a walk of the corpus found: the files to read, and everything it could not list.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, sorted by relative path.
    pub files: Vec<SourceFile>,
    /// Entries the walk could not use (unreadable folder, broken link, loop, link out of the
    /// root, duplicate), each with its reason: none is skipped silently.
    pub skipped: Vec<FileError>,
}

/// Walk `root` recursively and list the files to read, sorted by relative path so that output
/// order never depends on the file system.
///
/// Symlinks inside the root are followed (walkdir detects loops); a link whose target lies
/// outside the root is recorded as skipped unless [`WalkOptions::follow_links`]. A file reached
/// twice (through a link) is read once.
pub fn discover(root: &Path, opts: &WalkOptions) -> Result<Discovery> {
    if !root.is_dir() {
        return Err(Error::MissingCorpus(root.to_path_buf()));
    }
    let canon_root = fs::canonicalize(root).map_err(|e| Error::Io {
        path: root.to_path_buf(),
        source: e,
    })?;
    let rel_of = |path: &Path| rel_name(path.strip_prefix(root).unwrap_or(path));
    let mut found = Discovery::default();
    let mut seen: HashMap<FileKey, String> = HashMap::new();
    let mut walk = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().unwrap_or(root);
                found.skipped.push(FileError::new(
                    rel_of(path),
                    Stage::Discover,
                    walk_error_reason(&err, path),
                ));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() && !opts.follow_links {
            let target = fs::canonicalize(path).ok();
            if !target.as_ref().is_some_and(|t| t.starts_with(&canon_root)) {
                let shown = target.map_or_else(|| "?".into(), |t| t.display().to_string());
                found.skipped.push(FileError::new(
                    rel_of(path),
                    Stage::Discover,
                    format!(
                        "symlink to {} leaves the corpus root: not followed (--follow-links follows it)",
                        shown
                    ),
                ));
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(format) = format_of(path) else {
            continue;
        };
        let rel = rel_of(path);
        let meta = entry.metadata().ok();
        if let Some(key) = meta.as_ref().and_then(file_key) {
            if let Some(first) = seen.get(&key) {
                found.skipped.push(FileError::new(
                    rel,
                    Stage::Discover,
                    format!("same file as {first} (reached through a link): read once"),
                ));
                continue;
            }
            seen.insert(key, rel.clone());
        }
        found.files.push(SourceFile {
            path: path.to_path_buf(),
            rel,
            format,
            bytes: meta.map_or(0, |m| m.len()),
            order: 0,
        });
    }
    found.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    // Escaped names are unique in practice; if two still meet, the second is not read under
    // the first one's id.
    let mut files: Vec<SourceFile> = Vec::with_capacity(found.files.len());
    for f in std::mem::take(&mut found.files) {
        if files.last().is_some_and(|last| last.rel == f.rel) {
            found.skipped.push(FileError::new(
                f.rel.clone(),
                Stage::Discover,
                "another file has the same name once made printable: not read",
            ));
            continue;
        }
        files.push(f);
    }
    for (i, f) in files.iter_mut().enumerate() {
        f.order = i;
    }
    found.files = files;
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// Why the walk could not use an entry, in words a user can act on.
fn walk_error_reason(err: &walkdir::Error, path: &Path) -> String {
    if let Some(ancestor) = err.loop_ancestor() {
        return format!("symlink loop back to {}: not followed", ancestor.display());
    }
    let Some(io) = err.io_error() else {
        return err.to_string();
    };
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match io.kind() {
        std::io::ErrorKind::NotFound if is_link => {
            "broken symlink: its target does not exist".into()
        }
        std::io::ErrorKind::PermissionDenied => "cannot read: permission denied".into(),
        _ => format!("cannot read: {io}"),
    }
}

/// Identity of a file on disk, to read a file reached through two paths once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct FileKey(u64, u64);

#[cfg(unix)]
fn file_key(meta: &fs::Metadata) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    Some(FileKey(meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_key(_meta: &fs::Metadata) -> Option<FileKey> {
    None
}

/// A relative path as the stable name used in output: `/` separators, and bytes that are not
/// UTF-8 written as `\xNN` (with `\` doubled in such names), so two distinct names never
/// become one, as a lossy conversion would make them.
pub fn rel_name(rel: &Path) -> String {
    rel.components()
        .map(|c| component_name(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(unix)]
fn component_name(name: &std::ffi::OsStr) -> String {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt;
    let bytes = name.as_bytes();
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

#[cfg(not(unix))]
fn component_name(name: &std::ffi::OsStr) -> String {
    name.to_string_lossy().into_owned()
}

/// Read and decode one file; HTML is reduced to its text. Files larger than `max_bytes` are
/// refused before they are read, so one giant file cannot exhaust memory.
pub fn read(file: &SourceFile, max_bytes: u64) -> Result<Decoded, FileError> {
    let fail = |stage: Stage| move |reason: String| FileError::new(file.rel.clone(), stage, reason);
    let too_big = |size: u64| {
        fail(Stage::Read)(format!(
            "file is {:.1} MB, over the {:.0} MB limit (--max-file-mb raises it)",
            size as f64 / MB,
            max_bytes as f64 / MB
        ))
    };
    if file.bytes > max_bytes {
        return Err(too_big(file.bytes));
    }
    let mut bytes = Vec::with_capacity(file.bytes.min(max_bytes) as usize);
    fs::File::open(&file.path)
        .and_then(|f| f.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| fail(Stage::Read)(format!("cannot read: {e}")))?;
    // The file grew since it was listed.
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(bytes.len() as u64));
    }
    let mut decoded = decode(&bytes).map_err(fail(Stage::Decode))?;
    drop(bytes);
    if file.format == Format::Html {
        let (text, lines) = html_to_text_with_lines(&decoded.text).map_err(fail(Stage::Decode))?;
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

/// Bytes in a megabyte, for limits given in MB.
pub const MB: f64 = 1024.0 * 1024.0;

/// Share of U+FFFD replacement characters above which a file counts as undecodable.
const MAX_REPLACEMENT_SHARE: f64 = 0.02;

/// Decode bytes.
///
/// In order: a BOM; UTF-16 recognised without a BOM (by its NUL pattern, or for Chinese text
/// with few NULs by its code units); NUL bytes anywhere, or many control bytes, refuse the file
/// as binary (one rule over the whole file); strict UTF-8; UTF-8 with a few invalid bytes,
/// decoded lossily with a warning; else the encoding a detector picks.
pub fn decode(bytes: &[u8]) -> std::result::Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), enc.name(), had_errors);
    }
    let utf8 = std::str::from_utf8(bytes);
    if let Some(enc) = utf16_without_bom(bytes)
        .or_else(|| utf8.is_err().then(|| utf16_by_code_units(bytes)).flatten())
    {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return finish(text.into_owned(), enc.name(), had_errors);
    }
    if let Some(reason) = binary_reason(bytes) {
        return Err(reason);
    }
    if let Ok(text) = utf8 {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8".into(),
            source_lines: None,
            warnings: Vec::new(),
        });
    }
    if let Some(invalid) = mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let mut decoded = finish(text, "UTF-8", true)?;
        decoded.warnings.push(format!(
            "{invalid} invalid UTF-8 byte sequence{} replaced with U+FFFD",
            if invalid == 1 { "" } else { "s" }
        ));
        return Ok(decoded);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    // encoding_rs calls GBK "GBK" and decodes it as GB18030, a superset.
    finish(text.into_owned(), enc.name(), had_errors)
}

/// Invalid UTF-8 sequences in bytes that are otherwise UTF-8: `Some(count)` when the
/// multi-byte characters that do decode outnumber the invalid sequences twenty to one. GBK or
/// Big5 text read as UTF-8 is almost all invalid, so it never passes.
fn mostly_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut invalid, mut multibyte) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (invalid > 0 && multibyte >= 20 * invalid).then_some(invalid)
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
        warnings: Vec::new(),
    })
}

/// How many leading bytes the UTF-16 checks look at.
const UTF16_PROBE_BYTES: usize = 8192;

/// UTF-16 text without a BOM has a NUL in every other byte for ASCII (and often for CJK
/// punctuation); pick the byte order by where the NULs are.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(UTF16_PROBE_BYTES) & !1;
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

/// Chinese UTF-16 with hardly any ASCII has no NULs to go by; its code units do: read in the
/// right byte order, nine in ten are Han characters, CJK or full-width punctuation, or ASCII,
/// and at least half are common characters (GB2312 level 1, the 3,755 most used hanzi) or
/// CJK punctuation. Read in GBK, Big5 or the wrong order, far fewer are; garbage bytes land
/// on Han code points too, but on rare ones (level 1 is 18% of the block). Only asked of
/// bytes that are not valid UTF-8.
fn utf16_by_code_units(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(UTF16_PROBE_BYTES) & !1;
    if n < 8 {
        return None;
    }
    let head = &bytes[..n];
    for (enc, unit) in [
        (UTF_16LE, u16::from_le_bytes as fn([u8; 2]) -> u16),
        (UTF_16BE, u16::from_be_bytes),
    ] {
        let (mut plausible, mut common) = (0usize, 0usize);
        for pair in head.chunks_exact(2) {
            let u = unit([pair[0], pair[1]]);
            let is_han = crate::lex::han::is_han_unit(u);
            // CJK punctuation and full-width ASCII forms (，：（）％), not half-width kana.
            let is_punct = (0x3000..=0x303F).contains(&u) || (0xFF01..=0xFF5E).contains(&u);
            common += usize::from(is_punct || (is_han && is_common_hanzi(u)));
            plausible += usize::from(
                is_han
                    || is_punct
                    || matches!(u, 0x09 | 0x0A | 0x0D | 0x20..=0x7E)
                    || (0x2000..=0x206F).contains(&u),
            );
        }
        let units = n / 2;
        if plausible * 10 >= units * 9 && common * 2 >= units {
            return Some(enc);
        }
    }
    None
}

/// A hanzi of GB2312 level 1 (GBK lead byte 0xB0–0xD7, trail 0xA1–0xFE): the 3,755
/// characters that make up most of any Chinese text.
fn is_common_hanzi(unit: u16) -> bool {
    let Some(c) = char::from_u32(u32::from(unit)) else {
        return false;
    };
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable && bytes.len() == 2 && (0xB0..=0xD7).contains(&bytes[0]) && bytes[1] >= 0xA1
}

/// One rule for binary files, over the whole file: any NUL byte (text decoders never produce
/// them; UTF-16 was recognised before), or more than one byte in twenty a C0 control other
/// than tab, newline, carriage return, form feed or escape.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    if let Some(at) = memchr::memchr(0, bytes) {
        return Some(format!("binary file: NUL byte at offset {at}, not text"));
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    (controls * 20 > bytes.len()).then(|| {
        format!(
            "binary file: {controls} of {} bytes are control codes, not text",
            bytes.len()
        )
    })
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

/// Deepest element nesting read. Browsers stop nesting at 512 levels (Blink); real report
/// pages, even with unclosed tags, stay far below 4,096. Deeper pages are hostile or broken,
/// and html5ever's tree building is quadratic in depth, so they are refused with a reason.
pub const MAX_HTML_DEPTH: usize = 4096;

/// Reduce an HTML page to text lines with a real HTML parser (html5ever via `scraper`):
/// scripts, styles and navigation are dropped, block elements become lines, runs of whitespace
/// inside a block collapse to one space. Errors when the page nests deeper than
/// [`MAX_HTML_DEPTH`].
pub fn html_to_text(html: &str) -> std::result::Result<String, String> {
    Ok(html_to_text_with_lines(html)?.0)
}

/// [`html_to_text`], plus the 1-based line of the HTML source where each output line starts.
///
/// html5ever keeps no source positions, so each text node is found again in the source: the
/// nodes come in document order, so a forward search from the previous match finds it (its
/// first few chars; entity-encoded text that cannot be found keeps the previous position).
pub fn html_to_text_with_lines(html: &str) -> std::result::Result<(String, Vec<usize>), String> {
    let unclosed = unclosed_depth(html);
    if unclosed > MAX_HTML_DEPTH {
        return Err(too_deep(unclosed));
    }
    let doc = scraper::Html::parse_document(html);
    let mut w = HtmlText {
        html,
        newlines: memchr::memchr_iter(b'\n', html.as_bytes()).collect(),
        cursor: 0,
        out: String::new(),
        line: String::new(),
        line_src: None,
        lines: Vec::new(),
    };
    w.walk(doc.tree.root())?;
    w.flush();
    Ok((w.out, w.lines))
}

fn too_deep(depth: usize) -> String {
    format!("HTML nested {depth} elements deep (limit {MAX_HTML_DEPTH}): not read")
}

/// Elements whose end tag may be left out (they close themselves) or that have none: they do
/// not count towards [`unclosed_depth`].
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb",
    "rt", "rp", "colgroup", "caption", "html", "head", "body", "br", "img", "hr", "meta", "link",
    "input", "col", "area", "base", "embed", "source", "track", "wbr", "param",
];

/// The deepest nesting of start tags not yet closed, from a scan of the tags alone (no
/// parse). It guards the parser: comments, scripts and the exact tree-building rules are not
/// modelled, so it can only over-count pages that open many tags they never close.
fn unclosed_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let (closing, name_start) = match rest.first() {
            Some(b'/') => (true, 1),
            Some(c) if c.is_ascii_alphabetic() => (false, 0),
            _ => continue,
        };
        let name_len = rest[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &rest[name_start..name_start + name_len];
        if name.is_empty()
            || SELF_CLOSING
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
        {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
            if tag_end > 0 && rest[tag_end - 1] == b'/' {
                continue;
            }
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
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

/// One step of the tree walk: visit a node (at a depth), or end a block element's line.
enum Step<'a> {
    Visit(ego_tree::NodeRef<'a, scraper::Node>, usize),
    EndBlock,
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

    fn text(&mut self, t: &str) {
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

    /// Walk the tree in document order with an explicit stack: no recursion, so no depth of
    /// nesting can overflow the thread's stack.
    fn walk(
        &mut self,
        root: ego_tree::NodeRef<'_, scraper::Node>,
    ) -> std::result::Result<(), String> {
        let mut stack = vec![Step::Visit(root, 0)];
        while let Some(step) = stack.pop() {
            let (node, depth) = match step {
                Step::EndBlock => {
                    self.flush();
                    continue;
                }
                Step::Visit(node, depth) => (node, depth),
            };
            if depth > MAX_HTML_DEPTH {
                return Err(too_deep(depth));
            }
            match node.value() {
                scraper::Node::Text(t) => {
                    self.text(t);
                    continue;
                }
                scraper::Node::Element(e) => {
                    let name = e.name();
                    if SKIPPED_ELEMENTS.contains(&name) {
                        continue;
                    }
                    if BLOCK_ELEMENTS.contains(&name) {
                        self.flush();
                        stack.push(Step::EndBlock);
                    }
                }
                _ => {}
            }
            stack.extend(node.children().rev().map(|c| Step::Visit(c, depth + 1)));
        }
        Ok(())
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
        let (text, lines) = html_to_text_with_lines(html).unwrap();
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
        let text = html_to_text(html).unwrap();
        assert_eq!(
            text,
            "学生资助工作总结\n一、基本情况\n全年发放资金16万元。\n"
        );
    }

    #[test]
    fn deep_html_is_refused_without_recursion() {
        let deep = format!(
            "<html><body>{}深{}</body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let err = html_to_text_with_lines(&deep).unwrap_err();
        assert!(err.contains("nested 10000 elements deep"), "{err}");
        // Unclosed self-closing tags (p, li, td, br) do not count as depth.
        let flat = format!(
            "<html><body>{}</body></html>",
            "<p>一、基本情况<br><li>甲".repeat(6_000)
        );
        assert!(unclosed_depth(&flat) < 10);
        assert!(html_to_text(&flat).unwrap().contains("一、基本情况"));
        // Depth just under the limit still walks (with an explicit stack, on any thread).
        let ok = format!(
            "<html><body>{}项目资金16万元{}</body></html>",
            "<span>".repeat(MAX_HTML_DEPTH - 8),
            "</span>".repeat(MAX_HTML_DEPTH - 8)
        );
        let text = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || html_to_text(&ok))
            .unwrap()
            .join()
            .unwrap()
            .unwrap();
        assert_eq!(text, "项目资金16万元\n");
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_is_decoded_lossily() {
        let line = "（一）项目资金到位率100%，共计16万元。"
            .repeat(10)
            .into_bytes();
        let bytes = [&line[..], &[0xFF], &line[..], &[0xC3], &line[..]].concat();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
        assert_eq!(d.warnings.len(), 1);
        assert!(
            d.warnings[0].starts_with("2 invalid UTF-8"),
            "{:?}",
            d.warnings
        );
        // GBK never passes as mostly UTF-8.
        let (gbk, _, _) = encoding_rs::GBK.encode("（一）项目资金到位率100%，共计16万元。");
        assert_eq!(mostly_utf8(&gbk), None);
        assert!(decode(&gbk).unwrap().warnings.is_empty());
    }

    #[test]
    fn chinese_utf16_without_bom_or_nuls_is_recognised() {
        let text =
            "预算绩效管理工作总结：项目资金到位，绩效目标基本完成。存在的问题：资金拨付进度偏慢。";
        for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
            assert!(!bytes.contains(&0));
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding.as_str()), (text, name));
        }
        // GBK and Big5 of the same text are not taken for UTF-16.
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(utf16_by_code_units(&gbk), None);
        let (big5, _, _) = encoding_rs::BIG5.encode(text);
        assert_eq!(utf16_by_code_units(&big5), None);
        // Garbage bytes that happen to land on (rare) Han code points are not UTF-16 either.
        let garbage: Vec<u8> = [0x81u8, 0xFF, 0x82, 0xFE].repeat(200);
        assert_eq!(utf16_by_code_units(&garbage), None);
    }

    #[test]
    fn the_seed_page_in_legacy_encodings_is_never_taken_for_utf16() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/000_8704a95fd81a1589.txt"
        );
        let page = std::fs::read_to_string(path).unwrap();
        let simplified = crate::simplify::to_simplified_aligned(&page);
        for (enc, text) in [
            (encoding_rs::GBK, simplified.as_str()),
            (encoding_rs::BIG5, page.as_str()),
        ] {
            let (bytes, _, _) = enc.encode(text);
            let d = decode(&bytes).unwrap();
            assert!(
                !d.encoding.starts_with("UTF-16"),
                "{} read as {}",
                enc.name(),
                d.encoding
            );
            // Every slice of it too (the probe reads only the head).
            for start in (0..bytes.len()).step_by(bytes.len() / 16 + 1) {
                assert_eq!(
                    utf16_by_code_units(&bytes[start..]),
                    None,
                    "{} at {start}",
                    enc.name()
                );
            }
        }
    }

    #[test]
    fn a_nul_anywhere_makes_a_file_binary() {
        let mut bytes = "一、基本情况\n".repeat(2_000).into_bytes();
        assert!(bytes.len() > 8192);
        assert!(decode(&bytes).is_ok());
        let at = bytes.len() - 3;
        bytes[at] = 0;
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err,
            format!("binary file: NUL byte at offset {at}, not text")
        );
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_stay_distinct() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let a = Path::new(OsStr::from_bytes(b"dir/\xB1\xA8\xB8\xE6.txt"));
        let b = Path::new(OsStr::from_bytes(b"dir/\xB1\xA8\xB8\xE7.txt"));
        assert_eq!(rel_name(a), "dir/\\xB1\\xA8\\xB8\\xE6.txt");
        assert_ne!(rel_name(a), rel_name(b));
        assert_eq!(
            rel_name(Path::new("二〇二一/报告.txt")),
            "二〇二一/报告.txt"
        );
    }
}
