//! The one integration-test binary: runs the `baogao` binary on the seed corpus and on
//! fixtures, and checks real outcomes.

mod util;

mod build;
mod figures;
mod hostile;
mod meta;
mod properties;
mod publish;
mod search;
mod sections;
mod themes;
