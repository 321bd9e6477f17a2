//! The `baogao` binary: parse arguments, call the library, map the outcome to an exit code.
//! Argument types and the per-command glue live in the binary-only module `cli`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code.into(),
        Err(err) => {
            eprintln!("baogao: error: {err:#}");
            ExitCode::from(cli::EXIT_FATAL)
        }
    }
}
