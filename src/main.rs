//! The `baogao` binary: parse arguments, call the library, map the outcome to an exit code.
//! Argument types and the per-command glue live in the binary-only module `cli`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse_from(cli::search_friendly_args(std::env::args_os()));
    match cli::run(args) {
        Ok(code) => code.into(),
        // `baogao … | head` closes the pipe early: that is not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::from(cli::EXIT_OK),
        Err(err) => {
            eprintln!("baogao: error: {err:#}");
            ExitCode::from(cli::EXIT_FATAL)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = Some(std::io::ErrorKind::BrokenPipe);
    err.downcast_ref::<std::io::Error>().map(|e| e.kind()) == broken
        || err
            .downcast_ref::<serde_json::Error>()
            .and_then(|e| e.io_error_kind())
            == broken
}
