//! `baogao extract` (work in progress).

use super::ExtractArgs;

pub fn run(_args: ExtractArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`baogao extract` is not implemented yet")
}
