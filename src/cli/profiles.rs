use super::{ProfileDir, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Diagnostics;
use crate::profile::load::{list_profiles, shared_state};
use crate::profile::load_profile;

#[derive(Debug, clap::Args)]
pub struct ProfilesArgs {
    #[command(flatten)]
    pub profiles: ProfileDir,
    /// Output: text (one line per profile) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: super::render::Format,
}

/// Print each profile with its environment, region and parent, one per line.
pub fn run(args: ProfilesArgs) -> u8 {
    let dir = &args.profiles.dir;
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
                    "{name:<12} {:<12} {:<14} {}{extends}",
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
                    outln!("{name:<12} (invalid)");
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
