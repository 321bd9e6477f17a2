//! `baogao totals` (work in progress).

use super::TotalsArgs;

pub fn run(_args: TotalsArgs) -> anyhow::Result<u8> {
    anyhow::bail!("`baogao totals` is not implemented yet")
}
