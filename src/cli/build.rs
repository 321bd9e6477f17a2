//! `baogao build` (work in progress).

use super::BuildArgs;

pub fn run(_args: BuildArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`baogao build` is not implemented yet")
}
