//! `petgen plan`, `apply` and `destroy`: arguments in, the pipeline's deploy flows, exit code
//! out.

use super::{ProfileDir, SchemaArgs, Terminal, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Diagnostics;
use crate::pipeline::deploy::{self, DeployOptions};
use crate::profile::load::shared_state;
use crate::profile::LoadedProfile;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct HandoffArgs {
    /// Profile whose generated root to hand to terraform.
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    /// terraform binary. Default: $PETGEN_TERRAFORM, else terraform on PATH.
    #[arg(long, value_name = "PATH")]
    pub terraform: Option<PathBuf>,
    /// Parent directory of rendered roots.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    /// The pet service's source (holding its Dockerfile), for profiles that build it. Its
    /// content hash is the image tag.
    #[arg(long = "service", value_name = "DIR", default_value = "service")]
    pub service_dir: PathBuf,
    /// Go on although the profile holds example values (AWS's example account, example.com
    /// names and addresses).
    #[arg(long = "allow-placeholders")]
    pub allow_placeholders: bool,
    /// Do not check, with your credentials, the account, a given certificate and the state
    /// bucket before terraform runs (for when terraform's credentials are not yours).
    #[arg(long = "skip-preflight")]
    pub skip_preflight: bool,
    #[command(flatten)]
    pub profiles: ProfileDir,
    #[command(flatten)]
    pub schema: SchemaArgs,
}

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub common: HandoffArgs,
    /// Do not render: require generated/NAME to be what the profile renders.
    #[arg(long)]
    pub check: bool,
    /// Run terraform even when validation, lint or the budget fail.
    #[arg(long)]
    pub force: bool,
    /// How to print the summary of what the plan will do: text on stderr after terraform's
    /// output, or Markdown on stdout for a pull request comment (terraform's output then goes
    /// to stderr).
    #[arg(long, value_enum, default_value = "text")]
    pub format: PlanFormat,
    /// Extra arguments for terraform plan, after `--`.
    #[arg(last = true, value_name = "TERRAFORM_ARGS")]
    pub extra: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    Text,
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub common: HandoffArgs,
    /// Do not ask for confirmation (for CI); passes -auto-approve to terraform.
    #[arg(long)]
    pub yes: bool,
    /// Run terraform even when validation, lint or the budget fail.
    #[arg(long)]
    pub force: bool,
    /// docker or podman, to build and push the pet service image. Default:
    /// $PETGEN_CONTAINER_TOOL, else docker, else podman on PATH.
    #[arg(long = "container-tool", value_name = "PATH")]
    pub container_tool: Option<PathBuf>,
    /// Let the plan delete or replace this resource although it holds data or identity (a
    /// table, user pool, KMS key, bucket, repository or database). Repeat for each address.
    #[arg(long = "allow-destroy", value_name = "ADDRESS")]
    pub allow_destroy: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct DestroyArgs {
    #[command(flatten)]
    pub common: HandoffArgs,
    /// Do not ask for the profile name (for CI).
    #[arg(long)]
    pub yes: bool,
}

/// Load the profile; refuse one whose state another profile shares.
fn load(args: &HandoffArgs) -> Result<LoadedProfile, u8> {
    let profile =
        crate::pipeline::load_profile(&args.profiles.dir, &args.profile).map_err(|e| {
            note!("{e}");
            EXIT_USAGE
        })?;
    let shared = shared_state(&args.profiles.dir, &[&profile]);
    if !shared.is_empty() {
        note!("{}", Diagnostics(shared));
        note!("error: refusing to hand this profile to terraform");
        return Err(EXIT_USAGE);
    }
    Ok(profile)
}

fn options(args: &HandoffArgs) -> DeployOptions {
    DeployOptions {
        out: args.out.clone(),
        provider_schema: args.schema.provider_schema.clone(),
        terraform: args.terraform.clone(),
        service_dir: args.service_dir.clone(),
        allow_placeholders: args.allow_placeholders,
        skip_preflight: args.skip_preflight,
    }
}

fn finish(result: Result<u8, crate::pipeline::console::Stop>) -> u8 {
    match result {
        Ok(code) => code,
        Err(stop) => stop.0,
    }
}

pub fn plan(args: PlanArgs) -> u8 {
    match load(&args.common) {
        Ok(profile) => finish(deploy::plan(
            &Terminal,
            &options(&args.common),
            &profile,
            args.check,
            args.force,
            &args.extra,
            match args.format {
                PlanFormat::Text => deploy::SummaryFormat::Text,
                PlanFormat::Markdown => deploy::SummaryFormat::Markdown,
            },
        )),
        Err(c) => c,
    }
}

pub fn apply(args: ApplyArgs) -> u8 {
    let code = match load(&args.common) {
        Ok(profile) => finish(deploy::apply(
            &Terminal,
            &options(&args.common),
            &profile,
            args.container_tool.as_deref(),
            args.yes,
            args.force,
            &args.allow_destroy,
        )),
        Err(c) => c,
    };
    if code != EXIT_OK {
        return code;
    }
    offer_smoke(&args.common, args.yes)
}

/// After an apply: offer to check the API at once (on a terminal, when not told `--yes`),
/// else say how.
fn offer_smoke(common: &HandoffArgs, yes: bool) -> u8 {
    use std::io::{BufRead, IsTerminal};
    let later = format!(
        "petgen: check the deployed API with `petgen smoke --profile {} --username USER`",
        common.profile
    );
    if yes || !std::io::stdin().is_terminal() {
        note!("{later}");
        return EXIT_OK;
    }
    super::write_err(
        "Smoke-test the API now? Type the name of a Cognito user who can sign in (Enter skips): ",
    );
    let mut user = String::new();
    if std::io::stdin().lock().read_line(&mut user).is_err() || user.trim().is_empty() {
        note!("{later}");
        return EXIT_OK;
    }
    let code = super::smoke::run(super::smoke::SmokeArgs {
        profile: Some(common.profile.clone()),
        url: None,
        token_file: None,
        username: Some(user.trim().to_string()),
        sign_in: super::token::SignInArgs {
            totp_code: None,
            user_pool_id: None,
            client_id: None,
            region: None,
            out: common.out.clone(),
            terraform: common.terraform.clone(),
            profiles: ProfileDir {
                dir: common.profiles.dir.clone(),
            },
        },
    });
    if code != EXIT_OK {
        note!("note: the apply succeeded; the smoke test did not (run it again with `petgen smoke --profile {}`)", common.profile);
    }
    // The apply's own result: a smoke test the user chose to run does not undo it.
    EXIT_OK
}

pub fn destroy(args: DestroyArgs) -> u8 {
    match load(&args.common) {
        Ok(profile) => finish(deploy::destroy(
            &Terminal,
            &options(&args.common),
            &profile,
            args.yes,
        )),
        Err(c) => c,
    }
}
