//! `baogao themes` (work in progress).

use super::ThemesArgs;

pub fn run(_args: ThemesArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`baogao themes` is not implemented yet")
}
