//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed corpus folder.
pub fn seed_corpus() -> PathBuf {
    root().join("corpus")
}

/// The fixture corpus folder.
pub fn fixture_corpus() -> PathBuf {
    root().join("tests/fixtures/corpus")
}

/// Run `baogao` with arguments.
pub fn baogao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(args)
        .output()
        .expect("the baogao binary runs")
}

/// Build `corpus` into a fresh temporary index folder; returns the folder and the output.
pub fn build(corpus: &Path, extra: &[&str]) -> (tempfile::TempDir, Output) {
    let index = tempfile::tempdir().expect("temp dir");
    let mut args = vec![
        "build",
        "--quiet",
        "--corpus",
        corpus.to_str().expect("utf-8 path"),
        "--index",
        index.path().to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    let out = baogao(&args);
    (index, out)
}

/// Read a JSON-lines file.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// Read a JSON file.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
