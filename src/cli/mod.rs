//! Command-line interface: argument parsing and one file per subcommand. Each subcommand
//! returns an exit code: 0 success, 1 findings (drift, lint errors), 2 usage or input error.

mod cost;
mod lint;
mod profiles;
mod render;
mod schema;
mod terraform;
mod validate;

use crate::hcl::ConfigIndex;
use crate::profile::LoadedProfile;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

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
        id = "profiles_dir",
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
    /// Lint a Terraform root for security, reliability and cost problems.
    #[command(
        after_help = "Examples:\n  petgen lint --profile prod\n  petgen lint generated/dev --select NET,ECS --fail-on error\n  petgen lint path/to/any/root --format sarif > lint.sarif\n\nExit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error."
    )]
    Lint(lint::LintArgs),
    /// Estimate the monthly AWS bill of a root, offline, and compare it with another.
    #[command(
        after_help = "Examples:\n  petgen cost --profile prod\n  petgen cost --profile prod --compare dev\n  petgen cost --profile prod --compare-ref origin/main --format markdown\n  petgen cost path/to/root --region us-east-1 --format json\n\nExit codes: 0 ok, 1 over budget_usd_per_month, 2 usage error (including a region without prices)."
    )]
    Cost(cost::CostArgs),
    /// Render, check and run `terraform plan` for a profile.
    #[command(
        after_help = "Examples:\n  petgen plan --profile dev\n  petgen plan --profile prod --check            # CI: generated/prod must be current\n  petgen plan --profile dev -- -var container_image=nginx:1.28\n\nRuns terraform init when the root has no .terraform or its lock file or backend changed.\nExit codes: terraform's; 1 when petgen's checks refuse; 2 usage error."
    )]
    Plan(terraform::PlanArgs),
    /// Apply the saved plan of a profile (planning first when there is none).
    #[command(
        after_help = "Examples:\n  petgen apply --profile dev\n  petgen apply --profile prod --yes   # CI"
    )]
    Apply(terraform::ApplyArgs),
    /// Destroy a profile's resources, after typing the profile name.
    #[command(after_help = "Example:\n  petgen destroy --profile dev")]
    Destroy(terraform::DestroyArgs),
    /// List the lint rules.
    #[command(after_help = "Examples:\n  petgen rules\n  petgen rules --format json")]
    Rules(lint::RulesArgs),
    /// Explain one lint rule.
    #[command(after_help = "Example:\n  petgen rule DDB001")]
    Rule(lint::RuleArgs),
    /// Print a JSON Schema.
    #[command(after_help = "Example:\n  petgen schema profile > profiles/profile.schema.json")]
    Schema(schema::SchemaArgs),
}

/// Parse errors of a root, one `error:` line each.
pub(crate) fn parse_errors(errors: &[crate::hcl::ParseError]) -> String {
    errors
        .iter()
        .map(|e| format!("error: {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Load a root and its profile (named, or found in the root's generated header).
pub(crate) fn load_root(
    dir: &Path,
    profile: Option<&str>,
    profiles: &Path,
) -> Result<(ConfigIndex, Option<LoadedProfile>), String> {
    if !dir.is_dir() {
        return Err(format!(
            "{} is not a directory\n  hint: render it first: petgen render --profile NAME",
            dir.display()
        ));
    }
    let name = profile
        .map(str::to_string)
        .or_else(|| crate::render::profile_of_root(dir));
    let loaded = match name {
        Some(n) if profiles.join(format!("{n}.toml")).is_file() => {
            Some(crate::profile::load_profile(profiles, &n).map_err(|e| e.to_string())?)
        }
        Some(n) if profile.is_some() => {
            return Err(format!("no profile named {n:?} in {}", profiles.display()))
        }
        _ => None,
    };
    let index = ConfigIndex::load(dir).map_err(|e| parse_errors(&e))?;
    Ok((index, loaded))
}

/// Print an error once, whether or not the message already says it is one.
pub(crate) fn report_error(e: &str) -> u8 {
    if e.starts_with("error:") {
        eprintln!("{e}");
    } else {
        eprintln!("error: {e}");
    }
    EXIT_USAGE
}

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Render(args) => render::run(args),
        Command::Profiles(args) => profiles::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Cost(args) => cost::run(args),
        Command::Plan(args) => terraform::plan(args),
        Command::Apply(args) => terraform::apply(args),
        Command::Destroy(args) => terraform::destroy(args),
        Command::Rules(args) => lint::rules(args),
        Command::Rule(args) => lint::rule(args),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
