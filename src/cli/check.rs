//! `petgen check`: the whole gate in one process, for CI and before terraform: the committed
//! root is what the profile renders, it validates, lints clean and stays within budget.

use super::{ProfileDir, SchemaArgs, Terminal, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Diagnostics;
use crate::pipeline::check::{check_profile, CheckOptions};
use crate::pipeline::console::Stop;
use crate::pipeline::render::select_profiles;
use crate::profile::load::shared_state;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Profile to check (its committed root, generated/NAME). Repeat for several.
    #[arg(long = "profile", value_name = "NAME", required_unless_present = "all")]
    pub profile: Vec<String>,
    /// Check every profile.
    #[arg(long, conflicts_with = "profile")]
    pub all: bool,
    /// Parent directory of the rendered roots.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    #[command(flatten)]
    pub profiles: ProfileDir,
    #[command(flatten)]
    pub schema: SchemaArgs,
}

pub fn run(args: CheckArgs) -> u8 {
    let dir = &args.profiles.dir;
    let names = match select_profiles(&Terminal, dir, args.all, &args.profile) {
        Ok(names) => names,
        Err(stop) => return stop.0,
    };
    let mut loaded = Vec::new();
    let mut errors = Diagnostics::default();
    for name in &names {
        match crate::pipeline::load_profile(dir, name) {
            Ok(p) => loaded.push(p),
            Err(e) => errors.0.extend(e.0),
        }
    }
    errors
        .0
        .extend(shared_state(dir, &loaded.iter().collect::<Vec<_>>()));
    if !errors.0.is_empty() {
        note!("{errors}");
        return EXIT_USAGE;
    }
    let options = CheckOptions {
        out: &args.out,
        provider_schema: args.schema.provider_schema.as_deref(),
        check_only: true,
        terraform: None,
    };
    let mut failed = Vec::new();
    let mut code = EXIT_OK;
    for profile in &loaded {
        super::progress(&format!("── {} ──", profile.name));
        match check_profile(&Terminal, &options, profile) {
            Ok(checked) if checked.passed => {}
            Ok(_) | Err(Stop(EXIT_FINDINGS)) => {
                failed.push(profile.name.clone());
                code = code.max(EXIT_FINDINGS);
            }
            Err(Stop(c)) => {
                failed.push(profile.name.clone());
                code = code.max(c);
            }
        }
    }
    if failed.is_empty() {
        note!("petgen check: {} profile(s) passed", loaded.len());
    } else {
        note!(
            "petgen check: {} of {} profile(s) failed: {}",
            failed.len(),
            loaded.len(),
            failed.join(", ")
        );
    }
    code
}
