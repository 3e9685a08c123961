use super::validate::{load_schema, print_diagnostics, SchemaArgs};
use super::{ProfileDir, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::UserErrors;
use crate::hcl::{ConfigIndex, Memory};
use crate::profile::load::{list_profiles, shared_state};
use crate::profile::load_profile;
use crate::render::write::{diff_against_disk, write_root, Drift, Written};
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
    let mut loaded = Vec::new();
    for name in &names {
        match load_profile(dir, name) {
            Ok(profile) => match render(&profile) {
                Ok(root) => {
                    roots.push(root);
                    loaded.push(profile);
                }
                Err(e) => {
                    eprintln!("internal error: template failed for profile {name}: {e:#}");
                    return EXIT_USAGE;
                }
            },
            Err(e) => errors.0.extend(e.0),
        }
    }
    errors
        .0
        .extend(shared_state(dir, &loaded.iter().collect::<Vec<_>>()));
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
                Ok(drift) if drift.is_empty() => {
                    eprintln!("{}: up to date", target.display());
                }
                Ok(drift) => {
                    report_drift(&drift, &target, &root.profile);
                    code = EXIT_FINDINGS;
                }
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", target.display());
                    return EXIT_USAGE;
                }
            }
        } else {
            match write_root(root, &target) {
                Ok(written) => {
                    report_written(&written, &target);
                    eprintln!(
                        "rendered profile {} -> {} ({} files, {} changed)",
                        root.profile,
                        target.display(),
                        root.files.len(),
                        written.changed.len() + written.removed.len()
                    )
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_USAGE;
                }
            }
        }
    }
    code
}

/// Print what `--check` found.
pub(crate) fn report_drift(drift: &Drift, target: &std::path::Path, profile: &str) {
    print!("{}", drift.diff);
    for f in &drift.foreign {
        eprintln!(
            "{}: not written by petgen, yet part of the root terraform applies",
            target.join(f).display()
        );
    }
    eprintln!(
        "{}: differs from profiles/{profile}.toml; run `petgen render --profile {profile}`{}",
        target.display(),
        if drift.foreign.is_empty() {
            ""
        } else {
            ", and move the files above out of the root"
        }
    );
}

/// Notes about a write: terraform files recovered from a killed run, foreign files kept.
pub(crate) fn report_written(written: &Written, target: &std::path::Path) {
    for f in &written.recovered {
        eprintln!(
            "note: recovered {} from a killed petgen run",
            target.join(f).display()
        );
    }
    for f in &written.foreign {
        eprintln!(
            "note: {} was not written by petgen; it is left alone, and terraform applies it with the root",
            target.join(f).display()
        );
    }
}
