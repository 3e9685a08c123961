use super::{ProfileDir, SchemaArgs, Terminal, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Diagnostics;
use crate::pipeline::check::{report_drift, report_written, show_validation};
use crate::pipeline::root::{load_schema, render_profile, Rendered};
use crate::pipeline::{load_profile, parallel};
use crate::profile::load::{list_profiles, shared_state};
use crate::render::write::{diff_against_disk, write_root};
use crate::render::RenderedRoot;
use crate::validate::validate;
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
    /// Output: text, or json (per root: the files written, changed, removed and kept).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn paths(list: &[PathBuf]) -> Vec<String> {
    list.iter().map(|p| p.display().to_string()).collect()
}

fn print_json(roots: Vec<serde_json::Value>) {
    outln!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({ "roots": roots })).unwrap_or_default()
    );
}

pub fn run(args: RenderArgs) -> u8 {
    let dir = &args.profiles.dir;
    let names = if args.all {
        match list_profiles(dir) {
            Ok(n) if !n.is_empty() => n,
            Ok(_) => {
                note!("error: no profiles in {}", dir.display());
                return EXIT_USAGE;
            }
            Err(e) => {
                // The diagnostics carry their own `error:`.
                note!("{e}");
                return EXIT_USAGE;
            }
        }
    } else {
        args.profile.clone()
    };

    // Load and render everything before writing anything: one bad profile writes nothing.
    let mut roots: Vec<RenderedRoot> = Vec::new();
    let mut errors = Diagnostics(Vec::new());
    let mut loaded = Vec::new();
    let mut indexes = Vec::new();
    let rendered = parallel::map(&names, |name| {
        load_profile(dir, name).map(|profile| {
            let root = render_profile(&profile, &args.out.join(&profile.name));
            (profile, root)
        })
    });
    for result in rendered {
        match result {
            Ok((profile, Ok(Rendered { root, index }))) => {
                roots.push(root);
                indexes.push(index);
                loaded.push(profile);
            }
            Ok((_, Err(e))) => {
                note!("{e}");
                return EXIT_USAGE;
            }
            Err(e) => errors.0.extend(e.0),
        }
    }
    errors
        .0
        .extend(shared_state(dir, &loaded.iter().collect::<Vec<_>>()));
    if !errors.0.is_empty() {
        note!("{errors}");
        note!("nothing was written");
        return EXIT_USAGE;
    }

    // Validate everything before writing anything.
    let first_root = args.out.join(
        roots
            .first()
            .map(|r| r.profile.as_str())
            .unwrap_or_default(),
    );
    let (schema, skipped) =
        match load_schema(args.schema.provider_schema.as_deref(), &first_root, None) {
            Ok(s) => s,
            Err(e) => {
                note!("error: {e}");
                return EXIT_USAGE;
            }
        };
    if let Some(reason) = skipped {
        note!("note: the root's own provider schema is unavailable ({reason}); using the embedded one");
    }
    super::progress(&format!(
        "validating against provider schema: {}",
        schema.source
    ));
    let mut valid = true;
    let validated = parallel::map(&indexes, |index| validate(index, Some(&schema)));
    for (root, mut diags) in roots.iter().zip(validated) {
        let target = args.out.join(&root.profile);
        crate::pipeline::root::locate_in_overlays(&mut diags, root, &target);
        show_validation(&Terminal, &target, &diags);
        valid &= !diags.iter().any(|d| d.is_error());
    }
    if !valid {
        note!("error: the rendered Terraform has errors; nothing was written");
        return EXIT_FINDINGS;
    }

    if args.check {
        check_roots(&args, &roots)
    } else {
        write_roots(&args, &roots)
    }
}
/// `--check`: compare each root with what is on disk, write nothing.
fn check_roots(args: &RenderArgs, roots: &[RenderedRoot]) -> u8 {
    let mut code = EXIT_OK;
    let json = args.format == Format::Json;
    let mut report = Vec::new();
    let drifts = parallel::map(roots, |root| {
        diff_against_disk(root, &args.out.join(&root.profile))
    });
    for (root, drift) in roots.iter().zip(drifts) {
        let target = args.out.join(&root.profile);
        match drift {
            Ok(drift) if json => {
                if !drift.is_empty() {
                    code = EXIT_FINDINGS;
                }
                report.push(serde_json::json!({
                    "profile": root.profile,
                    "root": target.display().to_string(),
                    "up_to_date": drift.is_empty(),
                    "diff": drift.diff,
                    "foreign": paths(&drift.foreign),
                }));
            }
            Ok(drift) if drift.is_empty() => {
                super::progress(&format!("{}: up to date", target.display()));
            }
            Ok(drift) => {
                report_drift(&Terminal, &drift, &target, &root.profile);
                code = EXIT_FINDINGS;
            }
            Err(e) => {
                note!("error: cannot read {}: {e}", target.display());
                return EXIT_USAGE;
            }
        }
    }
    if json {
        print_json(report);
    }
    code
}

/// Write each root and say what changed.
fn write_roots(args: &RenderArgs, roots: &[RenderedRoot]) -> u8 {
    let mut code = EXIT_OK;
    let json = args.format == Format::Json;
    let mut report = Vec::new();
    // Roots are independent (each is written under its own lock), so they are written side by
    // side; what each wrote is reported in profile order.
    let writes = parallel::map(roots, |root| {
        write_root(root, &args.out.join(&root.profile))
    });
    for (root, written) in roots.iter().zip(writes) {
        let target = args.out.join(&root.profile);
        match written {
            Ok(written) => {
                report_written(&Terminal, &written, &target);
                if json {
                    report.push(serde_json::json!({
                        "profile": root.profile,
                        "root": target.display().to_string(),
                        "files": root.files.iter().map(|f| f.path.display().to_string()).collect::<Vec<_>>(),
                        "changed": paths(&written.changed),
                        "removed": paths(&written.removed),
                        "recovered": paths(&written.recovered),
                        "foreign": paths(&written.foreign),
                    }));
                }
                super::progress(&format!(
                    "rendered profile {} -> {} ({} files, {} changed)",
                    root.profile,
                    target.display(),
                    root.files.len(),
                    written.changed.len() + written.removed.len()
                ))
            }
            Err(e) => {
                note!("error: {e}");
                code = EXIT_USAGE;
            }
        }
    }
    if json {
        print_json(report);
    }
    code
}
