//! Command-line interface: argument parsing and one file per subcommand. Each subcommand
//! returns an exit code: 0 success, 1 findings (drift, lint errors), 2 usage or input error.

mod profiles;
mod render;
mod schema;
mod validate;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "petgen",
    version,
    about = "Render, validate, lint and cost the petstore Terraform stack from typed profiles",
    after_help = "Examples:\n  petgen profiles\n  petgen render --profile dev\n  petgen render --all --check\n  petgen schema profile > profiles/profile.schema.json"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
pub struct ProfileDir {
    /// Directory holding the profiles.
    #[arg(
        long = "profiles",
        value_name = "DIR",
        default_value = "profiles",
        global = true
    )]
    pub dir: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render Terraform for one or all profiles into generated/<profile>/.
    #[command(
        after_help = "Examples:\n  petgen render --profile dev\n  petgen render --all\n  petgen render --all --check        # CI: exit 1 and print a diff if generated/ is stale\n  petgen render --profile prod --out /tmp/out"
    )]
    Render(render::RenderArgs),
    /// List the profiles.
    #[command(after_help = "Example:\n  petgen profiles --profiles profiles")]
    Profiles(profiles::ProfilesArgs),
    /// Check a Terraform root offline against the provider schema and its own references.
    #[command(
        after_help = "Examples:\n  petgen validate generated/prod --provider-schema ../shared/provider-schemas/aws/schema.json\n  PETGEN_PROVIDER_SCHEMA=schema.json petgen validate path/to/any/root --format json\n\nExit codes: 0 clean (warnings allowed), 1 errors found, 2 usage error."
    )]
    Validate(validate::ValidateArgs),
    /// Print a JSON Schema.
    #[command(after_help = "Example:\n  petgen schema profile > profiles/profile.schema.json")]
    Schema(schema::SchemaArgs),
}

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Render(args) => render::run(args),
        Command::Profiles(args) => profiles::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Validate(args) => validate::run(args),
    }
}
