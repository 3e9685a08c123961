use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = petgen::cli::Cli::parse();
    ExitCode::from(petgen::cli::run(cli))
}
