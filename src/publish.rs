//! Last stage: publish a build's outputs as one generation, atomically, under a lock.
//!
//! Layout of an index folder:
//!
//! ```text
//! index/
//!   .lock                  held (flock) by the one build writing here
//!   .staging-<pid>/        the build in progress; never read
//!   gen-7/                 a complete generation: tantivy/, reports.jsonl, figures.jsonl, …
//!   current -> gen-7       THE switch: readers resolve it once and read that generation
//!   reports.jsonl -> current/reports.jsonl    stable paths for notebooks and scripts
//!   tantivy -> current/tantivy                (one link per output, made once)
//! ```
//!
//! A build writes everything into its staging folder, renames it to the next `gen-N`, then
//! replaces `current` with one `rename(2)`: a reader sees all of the old generation or all of
//! the new, never a mix, and a build killed at any point leaves the previous one current. Old
//! generations, stale staging folders and the files of the older flat layout are removed once
//! the new generation is current. Readers never write or lock anything, so a read-only index
//! can be searched.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

/// The pointer to the current generation (a symlink on Unix, a one-line file elsewhere).
pub const CURRENT: &str = "current";
/// The lock file a build holds for its whole run.
pub const LOCK_FILE: &str = ".lock";
const GEN_PREFIX: &str = "gen-";
const STAGING_PREFIX: &str = ".staging-";

/// What every generation holds; each also gets a stable top-level link into `current`.
pub const OUTPUTS: &[&str] = &[
    "tantivy",
    "reports.jsonl",
    "figures.jsonl",
    "sections.jsonl",
    "facts.jsonl",
    "totals.json",
    "aggregate.json",
    "build_report.json",
];

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The folder holding the current generation of `index`: the target of `current`, or `index`
/// itself for an index in the flat layout of older builds (or none at all).
pub fn current_dir(index: &Path) -> PathBuf {
    match read_current(index) {
        Some(name) => index.join(name),
        None => index.to_path_buf(),
    }
}

fn read_current(index: &Path) -> Option<String> {
    let pointer = index.join(CURRENT);
    let name = match fs::read_link(&pointer) {
        Ok(target) => target.to_string_lossy().into_owned(),
        Err(_) => fs::read_to_string(&pointer).ok()?.trim().to_string(),
    };
    // Only a generation name of ours: never a path that leads elsewhere.
    is_generation(&name).then_some(name)
}

fn is_generation(name: &str) -> bool {
    name.strip_prefix(GEN_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The exclusive right to build into one index folder, held until dropped (or until the
/// process dies: the kernel releases the lock, so a killed build never blocks the next).
#[derive(Debug)]
pub struct BuildLock {
    _file: File,
}

/// Take the build lock of `index` (created if missing), or fail at once if another build
/// holds it.
pub fn lock(index: &Path) -> Result<BuildLock> {
    fs::create_dir_all(index).map_err(io_err(index))?;
    let path = index.join(LOCK_FILE);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io_err(&path))?;
    match file.try_lock() {
        Ok(()) => Ok(BuildLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(Error::Locked(index.to_path_buf())),
        Err(fs::TryLockError::Error(e)) => Err(Error::Io { path, source: e }),
    }
}

/// The folder a build writes into; [`Staging::publish`] makes it the current generation.
/// Dropped without publishing (a failed build), it is removed.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    index: PathBuf,
    published: bool,
}

impl Staging {
    /// Create `<index>/.staging-<pid>/`. Holding the lock, every other staging folder is a
    /// killed build's leftover and is removed.
    pub fn new(index: &Path, _lock: &BuildLock) -> Result<Staging> {
        fs::create_dir_all(index).map_err(io_err(index))?;
        for name in entries(index) {
            if name.starts_with(STAGING_PREFIX) {
                // Best effort: a folder we cannot remove is only wasted space.
                let _ = fs::remove_dir_all(index.join(&name));
            }
        }
        let dir = index.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(Staging {
            dir,
            index: index.to_path_buf(),
            published: false,
        })
    }

    /// Path of a file inside the staging folder (for writers that make their own files).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Write records as JSON lines.
    pub fn write_jsonl<T: Serialize>(&self, name: &str, records: &[T]) -> Result<()> {
        let path = self.path(name);
        let mut w = BufWriter::new(File::create(&path).map_err(io_err(&path))?);
        for r in records {
            serde_json::to_writer(&mut w, r).map_err(|e| Error::Other(format!("{name}: {e}")))?;
            w.write_all(b"\n").map_err(io_err(&path))?;
        }
        w.flush().map_err(io_err(&path))
    }

    /// Write one pretty-printed JSON document.
    pub fn write_json<T: Serialize>(&self, name: &str, value: &T) -> Result<()> {
        let path = self.path(name);
        let mut text = serde_json::to_string_pretty(value)
            .map_err(|e| Error::Other(format!("{name}: {e}")))?;
        text.push('\n');
        fs::write(&path, text).map_err(io_err(&path))
    }

    /// Make the staged outputs the current generation: rename the staging folder to the next
    /// `gen-N`, switch `current` to it in one rename, then tidy up (stable links, old
    /// generations, files of the flat layout).
    pub fn publish(mut self) -> Result<()> {
        let index = self.index.clone();
        let next = entries(&index)
            .iter()
            .filter(|n| is_generation(n))
            .filter_map(|n| n[GEN_PREFIX.len()..].parse::<u64>().ok())
            .max()
            .map_or(1, |n| n + 1);
        let name = format!("{GEN_PREFIX}{next}");
        let generation = index.join(&name);
        fs::rename(&self.dir, &generation).map_err(io_err(&self.dir))?;
        self.published = true;
        test_pause("publish");
        switch_current(&index, &name)?;
        test_pause("switched");
        tidy(&index, &name);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            // A build that failed half-way leaves no staging folder behind.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Point `current` at generation `name` with one atomic rename.
fn switch_current(index: &Path, name: &str) -> Result<()> {
    let tmp = index.join(format!(".{CURRENT}-{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    #[cfg(unix)]
    std::os::unix::fs::symlink(name, &tmp).map_err(io_err(&tmp))?;
    #[cfg(not(unix))]
    fs::write(&tmp, format!("{name}\n")).map_err(io_err(&tmp))?;
    let current = index.join(CURRENT);
    fs::rename(&tmp, &current).map_err(io_err(&current))
}

/// After a switch: give every output its stable top-level link, and remove what is no
/// longer current. Best effort: what cannot be removed is only wasted space, and readers
/// never look at it.
fn tidy(index: &Path, current: &str) {
    for name in entries(index) {
        let path = index.join(&name);
        let stale_generation = is_generation(&name) && name != current;
        // Left by the flat layout of older builds and by their folder swaps.
        let stale_flat = name.starts_with("tantivy.old") || name.starts_with("tantivy.tmp-");
        if stale_generation || stale_flat {
            let _ = fs::remove_dir_all(&path);
        }
    }
    #[cfg(unix)]
    for out in OUTPUTS {
        let path = index.join(out);
        let link = Path::new(CURRENT).join(out);
        if fs::read_link(&path).is_ok_and(|t| t == link) {
            continue;
        }
        // A file or folder of the flat layout (or a wrong link) gives way to the link.
        let tmp = index.join(format!(".link-{out}-{}", std::process::id()));
        let _ = fs::remove_file(&tmp);
        if std::os::unix::fs::symlink(&link, &tmp).is_err() {
            continue;
        }
        if path.is_dir() && !path.is_symlink() {
            let aside = index.join(format!(".old-{out}-{}", std::process::id()));
            if fs::rename(&path, &aside).is_ok() {
                let _ = fs::remove_dir_all(&aside);
            }
        }
        if fs::rename(&tmp, &path).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }
}

/// Names in a folder, sorted (empty when it cannot be read).
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A hidden hook for the integration tests: `BAOGAO_TEST_PAUSE_AT=<point>` makes a build
/// stop at that point (`files`, `staged`, `publish`, `switched`) for a minute, after saying
/// so on stderr, so a test can kill it there.
pub(crate) fn test_pause(point: &str) {
    static AT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if AT
        .get_or_init(|| std::env::var("BAOGAO_TEST_PAUSE_AT").ok())
        .as_deref()
        == Some(point)
    {
        eprintln!("baogao: test pause at {point}");
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publish_one(index: &Path, text: &str) {
        let lock = lock(index).unwrap();
        let staging = Staging::new(index, &lock).unwrap();
        fs::create_dir_all(staging.path("tantivy")).unwrap();
        fs::write(staging.path("reports.jsonl"), text).unwrap();
        staging.publish().unwrap();
    }

    #[test]
    fn generations_switch_and_old_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path();
        // An index of the flat layout, with a leftover folder swap.
        fs::write(index.join("reports.jsonl"), "flat\n").unwrap();
        fs::create_dir_all(index.join("tantivy.old")).unwrap();
        assert_eq!(current_dir(index), index);
        publish_one(index, "one\n");
        assert_eq!(current_dir(index), index.join("gen-1"));
        publish_one(index, "two\n");
        assert_eq!(current_dir(index), index.join("gen-2"));
        assert_eq!(
            fs::read_to_string(index.join("reports.jsonl")).unwrap(),
            "two\n"
        );
        let names = entries(index);
        assert!(!names.iter().any(|n| n == "gen-1" || n == "tantivy.old"));
        assert!(!names.iter().any(|n| n.starts_with(STAGING_PREFIX)));
    }

    #[test]
    fn a_second_lock_fails_at_once_and_a_dropped_one_frees_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path()).unwrap();
        let err = lock(dir.path()).unwrap_err();
        assert!(matches!(err, Error::Locked(_)), "{err}");
        drop(first);
        assert!(lock(dir.path()).is_ok());
    }

    #[test]
    fn a_failed_build_leaves_the_current_generation() {
        let dir = tempfile::tempdir().unwrap();
        publish_one(dir.path(), "one\n");
        {
            let lock = lock(dir.path()).unwrap();
            let staging = Staging::new(dir.path(), &lock).unwrap();
            fs::write(staging.path("reports.jsonl"), "half").unwrap();
            // Dropped: the build failed.
        }
        assert_eq!(current_dir(dir.path()), dir.path().join("gen-1"));
        assert!(
            !entries(dir.path())
                .iter()
                .any(|n| n.starts_with(STAGING_PREFIX))
        );
    }

    #[test]
    fn current_never_leads_out_of_the_index() {
        let dir = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc", dir.path().join(CURRENT)).unwrap();
        assert_eq!(current_dir(dir.path()), dir.path());
        assert!(is_generation("gen-12") && !is_generation("gen-") && !is_generation("gen-1/.."));
    }
}
