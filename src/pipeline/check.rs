//! The gate in front of terraform: render (or require the committed root to be current),
//! validate, lint and cost one profile's root, and decide whether terraform may run.

use super::console::{Console, Stop, EXIT_FINDINGS, EXIT_USAGE};
use super::root::{load_schema, render_profile, Rendered};
use crate::diagnostic::emit::{Emitter, Human, Run};
use crate::diagnostic::{Diagnostic, Severity};
use crate::handoff::required_version;
use crate::hcl::ConfigIndex;
use crate::lint::catalog::LintCatalog;
use crate::lint::Selection;
use crate::profile::{placeholders, LoadedProfile};
use crate::render::write::{diff_against_disk, write_root, Drift, Written};
use crate::validate::codes::ValidationCatalog;
use crate::validate::validate;
use std::path::{Path, PathBuf};

/// Where a profile's root is and how to check it.
pub struct CheckOptions<'a> {
    /// Parent directory of rendered roots.
    pub out: &'a Path,
    /// `--provider-schema`, when given.
    pub provider_schema: Option<&'a Path>,
    /// Require the committed root to be current instead of rendering it.
    pub check_only: bool,
    /// `--terraform`, when given: the binary that reads an initialised root's schema.
    pub terraform: Option<&'a Path>,
}

/// What the checks found out about a root.
pub struct Checked {
    /// Validation, lint and budget all passed.
    pub passed: bool,
    /// Why they did not.
    pub reasons: Vec<String>,
    /// The root's `required_version`, for the terraform version check.
    pub required_version: Option<String>,
    pub root: PathBuf,
}

/// Print what `render --check` found.
pub fn report_drift(console: &dyn Console, drift: &Drift, target: &Path, profile: &str) {
    console.out(&drift.diff);
    for f in &drift.foreign {
        console.say(&format!(
            "{}: not written by petgen, yet part of the root terraform applies",
            target.join(f).display()
        ));
    }
    console.say(&format!(
        "{}: differs from profiles/{profile}.toml; run `petgen render --profile {profile}`{}",
        target.display(),
        if drift.foreign.is_empty() {
            ""
        } else {
            ", and move the files above out of the root"
        }
    ));
}

/// Notes about a write: terraform files recovered from a killed run, foreign files kept.
pub fn report_written(console: &dyn Console, written: &Written, target: &Path) {
    for f in &written.recovered {
        console.say(&format!(
            "note: recovered {} from a killed petgen run",
            target.join(f).display()
        ));
    }
    for f in &written.foreign {
        console.say(&format!(
            "note: {} was not written by petgen; it is left alone, and terraform applies it with the root",
            target.join(f).display()
        ));
    }
}

/// Validation diagnostics, as text.
pub fn show_validation(console: &dyn Console, root: &Path, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let run = Run {
        root: &root.display().to_string(),
        diagnostics,
        catalog: &ValidationCatalog,
        extra: Default::default(),
    };
    console.say(Human.emit(&run).trim_end());
}

/// Render (or check) the root, then validate, lint and cost it. Problems are shown.
pub fn check_profile(
    console: &dyn Console,
    options: &CheckOptions,
    profile: &LoadedProfile,
) -> Result<Checked, Stop> {
    let root = options.out.join(&profile.name);
    let (schema, skipped) = load_schema(options.provider_schema, &root, options.terraform)
        .map_err(|e| console.fail(&e.to_string(), EXIT_USAGE))?;
    if let Some(reason) = &skipped {
        console.say(&format!(
            "note: the root's own provider schema is unavailable ({reason}); using the embedded one"
        ));
    }
    console.progress(&format!("petgen: provider schema: {}", schema.source));
    for d in placeholders::diagnostics(profile, Severity::Warning) {
        console.say(&format!("warning: {d}"));
    }
    let Rendered {
        root: rendered,
        index: rendered_index,
    } = render_profile(profile, &root).map_err(|e| console.fail(&e.to_string(), EXIT_USAGE))?;
    if options.check_only {
        if !root.is_dir() {
            return Err(console.fail(
                &format!(
                    "{} does not exist: profile {} has not been rendered yet\n  hint: render it first: petgen render --profile {}",
                    root.display(),
                    profile.name,
                    profile.name
                ),
                EXIT_FINDINGS,
            ));
        }
        match diff_against_disk(&rendered, &root) {
            Ok(d) if d.is_empty() => {
                console.progress(&format!("petgen: {} is current", root.display()))
            }
            Ok(d) => {
                report_drift(console, &d, &root, &profile.name);
                return Err(console.fail(
                    &format!("{} is not what the profile renders", root.display()),
                    EXIT_FINDINGS,
                ));
            }
            Err(e) => {
                return Err(
                    console.fail(&format!("cannot read {}: {e}", root.display()), EXIT_USAGE)
                )
            }
        }
    } else {
        let mut diags = validate(&rendered_index, Some(&schema));
        super::root::locate_in_overlays(&mut diags, &rendered, &root);
        show_validation(console, &root, &diags);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(console.fail(
                "the rendered Terraform has errors; nothing was written",
                EXIT_FINDINGS,
            ));
        }
        let written =
            write_root(&rendered, &root).map_err(|e| console.fail(&e.to_string(), EXIT_USAGE))?;
        report_written(console, &written, &root);
        console.progress(&format!("petgen: rendered {}", root.display()));
    }

    let index = ConfigIndex::load(&root).map_err(|errors| {
        for e in errors {
            console.say(&format!("error: {e}"));
        }
        Stop(EXIT_USAGE)
    })?;
    let mut reasons = Vec::new();
    // A fresh render was validated before it was written; only a committed root still needs it.
    if options.check_only {
        let diags = validate(&index, Some(&schema));
        show_validation(console, &root, &diags);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            reasons.push(format!("{errors} validation error(s)"));
        }
    }
    let linted = super::lint_root(&index, Some(profile), false, &Selection::default(), None);
    let lint_errors: Vec<Diagnostic> = linted
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none() && f.severity == Severity::Error)
        .cloned()
        .collect();
    if !lint_errors.is_empty() {
        let run = Run {
            root: &root.display().to_string(),
            diagnostics: &lint_errors,
            catalog: &LintCatalog::default(),
            extra: Default::default(),
        };
        console.say(Human.emit(&run).trim_end());
        reasons.push(format!(
            "{} lint error(s): {}",
            lint_errors.len(),
            lint_errors
                .iter()
                .map(|f| f.code)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    // Prices gate only the budget, and only as far as they go: a partial estimate is reported
    // and refuses nothing unless the profile sets budget_strict (CST005 then fails the lint).
    if let Some(c) = &linted.cost {
        console.progress(&format!(
            "petgen: estimated ${:.2}/month{}{}",
            c.estimate.total_monthly_usd,
            if c.estimate.is_partial() {
                " for what is priced"
            } else {
                ""
            },
            profile
                .stack
                .budget
                .map(|b| format!(" (budget ${:.2})", b.usd_per_month))
                .unwrap_or_default()
        ));
        if let Some(note) = c.estimate.partial_note() {
            let budget = match profile.stack.budget {
                None => "",
                Some(b) if b.refuses(true) => {
                    "the budget could not be fully checked, and budget_strict refuses that: "
                }
                Some(_) => {
                    "the budget could not be fully checked (set budget_strict = true to refuse then): "
                }
            };
            console.say(&format!("note: {budget}{note}"));
        }
    }
    if reasons.is_empty() {
        console.progress("petgen: checks passed");
    } else {
        console.say(&format!("petgen: checks failed: {}", reasons.join("; ")));
    }
    Ok(Checked {
        passed: reasons.is_empty(),
        reasons,
        required_version: required_version(&index),
        root,
    })
}

/// Let terraform run only after the checks passed, or loudly with `force`.
pub fn gate(console: &dyn Console, passed: bool, force: bool) -> Result<(), Stop> {
    match (passed, force) {
        (true, _) => Ok(()),
        (false, true) => {
            console.say(
                "\n*** WARNING: --force: running terraform although petgen's checks failed ***\n",
            );
            Ok(())
        }
        (false, false) => Err(console.fail(
            "refusing to run terraform until the problems above are fixed\n  hint: fix them, waive accepted findings in the profile, or pass --force",
            EXIT_FINDINGS,
        )),
    }
}
