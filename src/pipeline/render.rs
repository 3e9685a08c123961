//! The render flow: load every named profile, render it, validate what it renders, and only
//! then compare with or write the output directory. One bad profile writes nothing.

use super::check::{report_drift, report_written, show_validation};
use super::console::{Console, Stop, EXIT_FINDINGS, EXIT_USAGE};
use super::root::{load_schema, locate_in_overlays, render_profile, Rendered};
use super::{load_profile, parallel};
use crate::diagnostic::Diagnostics;
use crate::profile::load::{list_profiles, shared_state};
use crate::render::write::{diff_against_disk, write_root, Drift, WriteError, Written};
use crate::render::RenderedRoot;
use crate::validate::validate;
use std::path::Path;

/// The profiles a command names: every profile in `dir` with `all`, else `names`.
pub fn select_profiles(
    console: &dyn Console,
    dir: &Path,
    all: bool,
    names: &[String],
) -> Result<Vec<String>, Stop> {
    if !all {
        return Ok(names.to_vec());
    }
    match list_profiles(dir) {
        Ok(n) if !n.is_empty() => Ok(n),
        Ok(_) => Err(console.fail(&format!("no profiles in {}", dir.display()), EXIT_USAGE)),
        Err(e) => {
            // The diagnostics carry their own `error:`.
            console.say(&e.to_string());
            Err(Stop(EXIT_USAGE))
        }
    }
}

/// Load, render and validate the profiles `names` of `dir` for the output directory `out`.
/// Nothing is written; every error has been told to the user when this stops.
pub fn render_all(
    console: &dyn Console,
    dir: &Path,
    names: &[String],
    out: &Path,
    provider_schema: Option<&Path>,
) -> Result<Vec<RenderedRoot>, Stop> {
    let mut roots: Vec<RenderedRoot> = Vec::new();
    let mut errors = Diagnostics(Vec::new());
    let mut loaded = Vec::new();
    let mut indexes = Vec::new();
    let rendered = parallel::map(names, |name| {
        load_profile(dir, name).map(|profile| {
            let root = render_profile(&profile, &out.join(&profile.name));
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
                console.say(&e.to_string());
                return Err(Stop(EXIT_USAGE));
            }
            Err(e) => errors.0.extend(e.0),
        }
    }
    errors
        .0
        .extend(shared_state(dir, &loaded.iter().collect::<Vec<_>>()));
    if !errors.0.is_empty() {
        console.say(&errors.to_string());
        console.say("nothing was written");
        return Err(Stop(EXIT_USAGE));
    }

    // Validate everything before writing anything.
    let first_root = out.join(
        roots
            .first()
            .map(|r| r.profile.as_str())
            .unwrap_or_default(),
    );
    let (schema, skipped) = load_schema(provider_schema, &first_root, None)
        .map_err(|e| console.fail(&e.to_string(), EXIT_USAGE))?;
    if let Some(reason) = skipped {
        console.say(&format!(
            "note: the root's own provider schema is unavailable ({reason}); using the embedded one"
        ));
    }
    console.progress(&format!(
        "validating against provider schema: {}",
        schema.source
    ));
    let mut valid = true;
    let validated = parallel::map(&indexes, |index| validate(index, Some(&schema)));
    for (root, mut diags) in roots.iter().zip(validated) {
        let target = out.join(&root.profile);
        locate_in_overlays(&mut diags, root, &target);
        show_validation(console, &target, &diags);
        valid &= !diags.iter().any(|d| d.is_error());
    }
    if !valid {
        return Err(console.fail(
            "the rendered Terraform has errors; nothing was written",
            EXIT_FINDINGS,
        ));
    }
    Ok(roots)
}

/// Compare each root with what is on disk under `out`, writing nothing. Drift is reported
/// unless `quiet_drift` (a caller that reports it in its own format).
pub fn compare_roots<'a>(
    console: &dyn Console,
    roots: &'a [RenderedRoot],
    out: &Path,
    quiet_drift: bool,
) -> Vec<(&'a RenderedRoot, std::io::Result<Drift>)> {
    let drifts = parallel::map(roots, |root| {
        diff_against_disk(root, &out.join(&root.profile))
    });
    let results: Vec<_> = roots.iter().zip(drifts).collect();
    if !quiet_drift {
        for (root, drift) in &results {
            let target = out.join(&root.profile);
            match drift {
                Ok(d) if d.is_empty() => {
                    console.progress(&format!("{}: up to date", target.display()))
                }
                Ok(d) => report_drift(console, d, &target, &root.profile),
                Err(_) => {}
            }
        }
    }
    results
}

/// Write each root under `out` and say what changed. Roots are independent (each is written
/// under its own lock), so they are written side by side; each is reported in profile order.
pub fn write_roots<'a>(
    console: &dyn Console,
    roots: &'a [RenderedRoot],
    out: &Path,
) -> Vec<(&'a RenderedRoot, Result<Written, WriteError>)> {
    let writes = parallel::map(roots, |root| write_root(root, &out.join(&root.profile)));
    let results: Vec<_> = roots.iter().zip(writes).collect();
    for (root, written) in &results {
        let target = out.join(&root.profile);
        if let Ok(written) = written {
            report_written(console, written, &target);
            console.progress(&format!(
                "rendered profile {} -> {} ({} files, {} changed)",
                root.profile,
                target.display(),
                root.files.len(),
                written.changed.len() + written.removed.len()
            ));
        }
    }
    results
}
