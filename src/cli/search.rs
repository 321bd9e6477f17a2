//! `baogao search` (work in progress).

use super::SearchArgs;

pub fn run(_args: SearchArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`baogao search` is not implemented yet")
}
