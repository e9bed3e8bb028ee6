//! The `quotestance` command-line tool: a thin layer over the library that
//! parses arguments, calls the library and prints.
//!
//! Exit codes: 0 on success, 1 when some input lines failed, 2 on usage or
//! fatal errors. A closed output pipe (`| head`) is a success.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse(); // usage errors exit 2, --help 0
    match cli::run(args) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            cli::say_line(format_args!("quotestance: {}", cli::error_chain(&err)));
            ExitCode::from(2)
        }
    }
}
