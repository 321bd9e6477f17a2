//! The `baogao` binary: parse arguments, call the library, map the outcome to an exit code.
//! Argument types and the per-command glue live in the binary-only module `cli`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse_from(cli::search_friendly_args(std::env::args_os()));
    // A panic is a bug or a damaged index, never a crash with a backtrace: one line names
    // where it happened, and the command ends with the fatal exit code. (Panics inside a
    // file's processing are caught by the pipeline and cost that file only.)
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("baogao: internal error (panic{at}): {msg}");
    }));
    let outcome = std::panic::catch_unwind(|| cli::run(args)).unwrap_or_else(|_| {
        Err(anyhow::anyhow!(
            "the command stopped on an internal error; if it was reading an index, the index may be damaged: rebuild it with `baogao build`"
        ))
    });
    match outcome {
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
