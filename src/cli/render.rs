use super::validate::{load_schema, print_diagnostics, SchemaArgs};
use super::{ProfileDir, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::UserErrors;
use crate::hcl::{ConfigIndex, Memory};
use crate::profile::load::list_profiles;
use crate::profile::load_profile;
use crate::render::write::{diff_against_disk, write_atomically};
use crate::render::{render, RenderedRoot};
use crate::validate::{validate, Severity};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Profile to render (profiles/NAME.toml). Repeat for several.
    #[arg(long = "profile", value_name = "NAME", required_unless_present = "all")]
    pub profile: Vec<String>,
    /// Render every profile.
    #[arg(long, conflicts_with = "profile")]
    pub all: bool,
    /// Write nothing; exit 1 with a unified diff if the output directory differs.
    #[arg(long)]
    pub check: bool,
    /// Parent directory of the rendered roots: each profile goes to OUT/<profile>/.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    #[command(flatten)]
    pub profiles: ProfileDir,
    #[command(flatten)]
    pub schema: SchemaArgs,
}

/// Validate a rendered root before it touches the disk. Returns false when it has errors.
pub(crate) fn validate_rendered(
    root: &RenderedRoot,
    target: &std::path::Path,
    schema: Option<&crate::validate::provider_schema::ProviderSchema>,
) -> bool {
    let files = root
        .files
        .iter()
        .map(|f| (target.join(&f.path), f.contents.clone()))
        .collect();
    let index = match ConfigIndex::load_from(target, &Memory(files)) {
        Ok(i) => i,
        Err(errors) => {
            for e in errors {
                eprintln!("internal error: rendered HCL does not parse: {e}");
            }
            return false;
        }
    };
    let diags = validate(&index, schema);
    print_diagnostics(&diags);
    !diags.iter().any(|d| d.severity == Severity::Error)
}

pub fn run(args: RenderArgs) -> u8 {
    let dir = &args.profiles.dir;
    let names = if args.all {
        match list_profiles(dir) {
            Ok(n) if !n.is_empty() => n,
            Ok(_) => {
                eprintln!("error: no profiles in {}", dir.display());
                return EXIT_USAGE;
            }
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        }
    } else {
        args.profile.clone()
    };

    // Load and render everything before writing anything: one bad profile writes nothing.
    let mut roots: Vec<RenderedRoot> = Vec::new();
    let mut errors = UserErrors(Vec::new());
    for name in &names {
        match load_profile(dir, name) {
            Ok(profile) => match render(&profile) {
                Ok(root) => roots.push(root),
                Err(e) => {
                    eprintln!("internal error: template failed for profile {name}: {e:#}");
                    return EXIT_USAGE;
                }
            },
            Err(e) => errors.0.extend(e.0),
        }
    }
    if !errors.0.is_empty() {
        eprintln!("{errors}");
        eprintln!("nothing was written");
        return EXIT_USAGE;
    }

    // Validate everything before writing anything.
    let first_root = args.out.join(
        roots
            .first()
            .map(|r| r.profile.as_str())
            .unwrap_or_default(),
    );
    let (schema, skipped) = match load_schema(&args.schema, &first_root) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    if let Some(reason) = skipped {
        eprintln!("note: provider-schema checks skipped: {reason}");
    }
    let mut valid = true;
    for root in &roots {
        valid &= validate_rendered(root, &args.out.join(&root.profile), schema.as_ref());
    }
    if !valid {
        eprintln!("error: the rendered Terraform has errors; nothing was written");
        return EXIT_FINDINGS;
    }

    let mut code = EXIT_OK;
    for root in &roots {
        let target = args.out.join(&root.profile);
        if args.check {
            match diff_against_disk(root, &target) {
                Ok(diff) if diff.is_empty() => {
                    eprintln!("{}: up to date", target.display());
                }
                Ok(diff) => {
                    print!("{diff}");
                    eprintln!(
                        "{}: differs from profiles/{}.toml; run `petgen render --profile {}`",
                        target.display(),
                        root.profile,
                        root.profile
                    );
                    code = EXIT_FINDINGS;
                }
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", target.display());
                    return EXIT_USAGE;
                }
            }
        } else {
            match write_atomically(root, &target) {
                Ok(()) => eprintln!(
                    "rendered profile {} -> {} ({} files)",
                    root.profile,
                    target.display(),
                    root.files.len()
                ),
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", target.display());
                    return EXIT_USAGE;
                }
            }
        }
    }
    code
}
