use super::{ProfileDir, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Diagnostics;
use crate::profile::load::{list_profiles, shared_state};
use crate::profile::load_profile;

#[derive(Debug, clap::Args)]
pub struct ProfilesArgs {
    #[command(subcommand)]
    pub action: Option<ProfilesAction>,
    #[command(flatten)]
    pub profiles: ProfileDir,
    /// Output: text (one line per profile) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: super::render::Format,
}

#[derive(Debug, clap::Subcommand)]
pub enum ProfilesAction {
    /// Write profiles/NAME.toml: a profile that renders, validates, lints clean and costs the
    /// first time in REGION.
    #[command(
        after_help = "Examples:\n  petgen profiles new staging --region eu-west-1\n  petgen profiles new prod-eu --region eu-west-1 --from prod\n\nExit codes: 0 written; 2 the name is taken or invalid, the region unknown, or FROM unusable there."
    )]
    New(NewArgs),
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The new profile's name (its file name, and its environment).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Its AWS region.
    #[arg(long, value_name = "REGION")]
    pub region: String,
    /// Extend this profile, overriding only what belongs to a region (zones, VPC blocks, the
    /// state bucket's region, replicas). Default: a development environment like dev.
    #[arg(long, value_name = "PROFILE")]
    pub from: Option<String>,
}

/// `petgen profiles new`.
fn new(dir: &std::path::Path, args: &NewArgs) -> u8 {
    use crate::profile::scaffold::{new_profile, NewProfile};
    let path = crate::profile::load::profile_path(dir, &args.name);
    if !crate::profile::load::valid_profile_name(&args.name) {
        note!(
            "error: {:?} cannot name a profile\n  hint: use lowercase letters, digits, - and _",
            args.name
        );
        return EXIT_USAGE;
    }
    if !crate::facts::aws::is_region(&args.region) {
        note!(
            "error: {:?} is not an AWS region\n  hint: e.g. eu-west-1",
            args.region
        );
        return EXIT_USAGE;
    }
    if path.exists() {
        note!(
            "error: {} exists already\n  hint: choose another name, or edit it",
            path.display()
        );
        return EXIT_USAGE;
    }
    let names = list_profiles(dir).unwrap_or_default();
    // Profiles that do not load cannot collide; the new one is checked after it is written.
    let others: Vec<_> = names
        .iter()
        .filter_map(|n| load_profile(dir, n).ok())
        .collect();
    let from = match &args.from {
        Some(f) => match load_profile(dir, f) {
            Ok(p) => Some(p),
            Err(e) => {
                note!("{e}");
                return EXIT_USAGE;
            }
        },
        None => None,
    };
    let text = match new_profile(&NewProfile {
        name: &args.name,
        region: &args.region,
        from: from.as_ref(),
        others: &others,
    }) {
        Ok(t) => t,
        Err(e) => {
            note!("error: {e}");
            return EXIT_USAGE;
        }
    };
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|_| {
        use std::io::Write;
        // create_new: never overwrite a profile written meanwhile.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
    }) {
        note!("error: cannot write {}: {e}", path.display());
        return EXIT_USAGE;
    }
    // What was written must load: otherwise it is petgen's mistake, and the file goes again.
    if let Err(e) = load_profile(dir, &args.name) {
        let _ = std::fs::remove_file(&path);
        note!("{e}");
        note!("error: the new profile does not load; nothing was written");
        return EXIT_USAGE;
    }
    outln!("{}", path.display());
    super::progress(&format!(
        "petgen: wrote {}; next: petgen render --profile {}",
        path.display(),
        args.name
    ));
    EXIT_OK
}

/// Print each profile with its environment, region and parent, one per line.
pub fn run(args: ProfilesArgs) -> u8 {
    let dir = &args.profiles.dir;
    if let Some(ProfilesAction::New(new_args)) = &args.action {
        return new(dir, new_args);
    }
    let names = match list_profiles(dir) {
        Ok(n) => n,
        Err(e) => {
            // The diagnostics carry their own `error:`.
            note!("{e}");
            return EXIT_USAGE;
        }
    };
    let mut code = EXIT_OK;
    let mut loaded = Vec::new();
    let json = args.format == super::render::Format::Json;
    let mut rows = Vec::new();
    // Columns as wide as the longest name (an environment is its profile's name by default).
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(12);
    for name in names {
        match load_profile(dir, &name) {
            Ok(p) if json => {
                rows.push(serde_json::json!({
                    "name": name,
                    "environment": p.environment(),
                    "region": p.profile.project.region,
                    "production": p.profile.project.production,
                    "extends": p.profile.extends,
                    "file": dir.join(format!("{name}.toml")).display().to_string(),
                    "valid": true,
                }));
                loaded.push(p);
            }
            Ok(p) => {
                let extends = p
                    .profile
                    .extends
                    .as_deref()
                    .map(|e| format!("  extends {e}"))
                    .unwrap_or_default();
                outln!(
                    "{name:<width$} {:<width$} {:<14} {}{extends}",
                    p.environment(),
                    p.profile.project.region,
                    if p.profile.project.production {
                        "production"
                    } else {
                        "non-production"
                    },
                );
                loaded.push(p);
            }
            Err(e) => {
                if json {
                    rows.push(serde_json::json!({ "name": name, "valid": false }));
                } else {
                    outln!("{name:<width$} (invalid)");
                }
                note!("{e}");
                code = EXIT_USAGE;
            }
        }
    }
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "profiles": rows }))
                .unwrap_or_default()
        );
    }
    let shared = shared_state(dir, &loaded.iter().collect::<Vec<_>>());
    if !shared.is_empty() {
        note!("{}", Diagnostics(shared));
        code = EXIT_USAGE;
    }
    code
}
