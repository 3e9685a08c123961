//! The gated handoff to terraform: `plan`, `apply` (with the pet service image delivered
//! first) and `destroy` for one profile.

use super::check::{check_profile, gate, CheckOptions};
use super::console::{Console, Stop, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Severity;
use crate::handoff::image::{
    deliver, find_aws, find_container_tool, plan_build, registry_from_state, Delivered, ImageBuild,
    Registry, Tools,
};
use crate::handoff::plan_review::{destroy_blockers, PlanSummary};
use crate::handoff::terraform::{find, RunError, Terraform};
use crate::handoff::{
    discard_plan, needs_init, plan_is_current, record_init, record_plan, required_version,
    PLAN_FILE, REGISTRY_PLAN_FILE,
};
use crate::hcl::ConfigIndex;
use crate::profile::{placeholders, LoadedProfile};
use std::path::{Path, PathBuf};

/// How `plan` reports the summary of what the plan will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SummaryFormat {
    /// Text on stderr, after terraform's own output.
    #[default]
    Text,
    /// Markdown on stdout, for a pull request comment; terraform's output goes to stderr.
    Markdown,
}

/// Where things are, and which tools to use.
pub struct DeployOptions {
    /// Parent directory of rendered roots.
    pub out: PathBuf,
    pub provider_schema: Option<PathBuf>,
    /// `--terraform`, when given.
    pub terraform: Option<PathBuf>,
    /// The pet service's source, for profiles that build it.
    pub service_dir: PathBuf,
    /// Hand a profile with example values to terraform anyway.
    pub allow_placeholders: bool,
    /// Do not check the account, certificate and state bucket before terraform.
    pub skip_preflight: bool,
}

impl DeployOptions {
    fn root(&self, profile: &LoadedProfile) -> PathBuf {
        self.out.join(&profile.name)
    }
}

/// A terraform run that did not finish with an exit code (it could not start, or a signal
/// ended it): told, and the flow stops with the run's own code.
fn run_failed(console: &dyn Console, e: RunError) -> Stop {
    console.fail(&e.to_string(), e.code())
}

/// Terraform's exit code as the process's.
pub fn exit_code(code: i32) -> u8 {
    u8::try_from(code).unwrap_or(1)
}

/// `required_version` of a root on disk (for apply and destroy, which do not re-check it).
fn root_required_version(root: &Path) -> Option<String> {
    ConfigIndex::load(root)
        .ok()
        .and_then(|i| required_version(&i))
}

/// Find terraform and check it against `required` (the root's `required_version`).
fn terraform_for(
    console: &dyn Console,
    options: &DeployOptions,
    required: Option<&str>,
) -> Result<Terraform, Stop> {
    find(options.terraform.as_deref(), required)
        .map_err(|e| console.fail(&e.to_string(), EXIT_USAGE))
}

/// `terraform init` when needed. Stops with terraform's exit code on failure.
fn init_if_needed(console: &dyn Console, tf: &Terraform, root: &Path) -> Result<(), Stop> {
    if !needs_init(root) {
        return Ok(());
    }
    match tf.run(root, &["init".into(), "-input=false".into()], &|l| console.progress(l)) {
        Ok(0) => {
            record_init(root);
            Ok(())
        }
        Ok(code) => Err(console.fail(
            &format!("terraform init failed in {} (exit {code}); see its output above\n  hint: init needs network access to the provider registry and to the state backend", root.display()),
            exit_code(code),
        )),
        Err(e) => Err(console.fail(&e.to_string(), e.code())),
    }
}

/// The image the profile builds; `None` when it brings its own.
fn image_build(
    console: &dyn Console,
    options: &DeployOptions,
    profile: &LoadedProfile,
) -> Result<Option<ImageBuild>, Stop> {
    if profile.profile.service.image.is_some() {
        return Ok(None);
    }
    plan_build(&options.service_dir, profile.profile.service.architecture)
        .map(Some)
        .map_err(|e| console.fail(&e.to_string(), EXIT_USAGE))
}

/// The terraform arguments that deploy `build`.
fn image_vars(build: Option<&ImageBuild>) -> Vec<String> {
    match build {
        Some(b) => vec!["-var".into(), format!("image_tag={}", b.tag)],
        None => Vec::new(),
    }
}

/// `terraform plan -out=petgen.tfplan` with the image `vars` and the user's `extra`
/// arguments. The plan's fingerprint covers the image vars: `apply` uses the saved plan only
/// while it deploys the image the source would build now.
fn plan_only(
    console: &dyn Console,
    tf: &Terraform,
    root: &Path,
    vars: &[String],
    extra: &[String],
) -> Result<i32, Stop> {
    let mut args: Vec<String> = vec![
        "plan".into(),
        "-input=false".into(),
        format!("-out={PLAN_FILE}"),
    ];
    args.extend(vars.iter().cloned());
    args.extend(extra.iter().cloned());
    let code = tf
        .run(root, &args, &|l| console.progress(l))
        .map_err(|e| run_failed(console, e))?;
    if code == 0 {
        record_plan(root, vars);
    }
    Ok(code)
}

/// Refuse a profile that still holds example values (all of them, or those under `prefix`),
/// each named with its line, unless `allow`. Nothing has been created yet when this stops.
pub fn refuse_placeholders(
    console: &dyn Console,
    profile: &LoadedProfile,
    allow: bool,
    prefix: Option<&str>,
) -> Result<(), Stop> {
    let found: Vec<_> = placeholders::diagnostics(profile, Severity::Error)
        .into_iter()
        .filter(|d| prefix.is_none_or(|p| d.subject.as_deref().is_some_and(|k| k.starts_with(p))))
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    if allow {
        for d in &found {
            console.say(&format!("warning: {d}"));
        }
        return Ok(());
    }
    for d in &found {
        console.say(&format!("error: {d}"));
    }
    Err(console.fail(
        &format!(
            "{} still holds {} example value(s); AWS would fail on them partway, or nobody would get the mail\n  hint: replace them with your own; --allow-placeholders goes on anyway",
            profile.path.display(),
            found.len()
        ),
        EXIT_USAGE,
    ))
}

/// Render and check the root, refuse when the checks fail, then find terraform.
fn checked_terraform(
    console: &dyn Console,
    options: &DeployOptions,
    profile: &LoadedProfile,
    check_only: bool,
    force: bool,
) -> Result<Terraform, Stop> {
    let checked = check_profile(
        console,
        &CheckOptions {
            out: &options.out,
            provider_schema: options.provider_schema.as_deref(),
            check_only,
            terraform: options.terraform.as_deref(),
        },
        profile,
    )?;
    gate(console, checked.passed, force)?;
    if options.skip_preflight {
        console.progress("petgen: preflight skipped (--skip-preflight)");
    } else {
        super::live::run_preflight(console, profile)?;
    }
    let tf = terraform_for(console, options, checked.required_version.as_deref())?;
    console.progress(&format!(
        "petgen: using terraform {} ({})",
        tf.version,
        tf.path.display()
    ));
    Ok(tf)
}

/// `petgen plan`: checks, init and plan. Returns terraform's exit code.
pub fn plan(
    console: &dyn Console,
    options: &DeployOptions,
    profile: &LoadedProfile,
    check_only: bool,
    force: bool,
    extra: &[String],
    format: SummaryFormat,
) -> Result<u8, Stop> {
    refuse_placeholders(console, profile, options.allow_placeholders, None)?;
    let build = image_build(console, options, profile)?;
    if let Some(b) = &build {
        console.progress(&format!(
            "petgen: the pet service image is tagged {} (service/ content, {}); petgen apply builds and pushes it",
            b.tag, b.platform
        ));
    }
    let vars = image_vars(build.as_ref());
    let root = options.root(profile);
    let mut tf = checked_terraform(console, options, profile, check_only, force)?;
    // A Markdown summary is the standard output; terraform's own goes to stderr.
    tf.stdout_to_stderr = format == SummaryFormat::Markdown;
    init_if_needed(console, &tf, &root)?;
    let code = plan_only(console, &tf, &root, &vars, extra)?;
    if code != 0 {
        return Ok(exit_code(code));
    }
    let summary = review_plan(console, &tf, &root, PLAN_FILE)?;
    match format {
        SummaryFormat::Text => console.say(summary.text().trim_end()),
        SummaryFormat::Markdown => {
            console.out(&summary.markdown(&format!("petgen plan: {}", profile.name)))
        }
    }
    let losses = summary.data_losses(&[]);
    if !losses.is_empty() {
        console.say(&format!(
            "note: petgen apply will refuse this plan unless given {}",
            PlanSummary::allow_flags(&losses)
        ));
    }
    Ok(EXIT_OK)
}

/// Make sure the image repository exists before anything needs the image: a targeted plan
/// of `module.registry`, applied when it has changes. Returns whether the state changed.
fn ensure_registry(
    console: &dyn Console,
    tf: &Terraform,
    root: &Path,
    vars: &[String],
    yes: bool,
    allow_destroy: &[String],
) -> Result<bool, Stop> {
    let mut args: Vec<String> = vec![
        "plan".into(),
        "-input=false".into(),
        "-detailed-exitcode".into(),
        "-target=module.registry".into(),
        format!("-out={REGISTRY_PLAN_FILE}"),
    ];
    args.extend(vars.iter().cloned());
    console.progress("petgen: the image repository must exist before the image is pushed; planning module.registry alone");
    let code = tf
        .run(root, &args, &|l| console.progress(l))
        .map_err(|e| run_failed(console, e))?;
    let cleanup = || {
        let _ = std::fs::remove_file(root.join(REGISTRY_PLAN_FILE));
    };
    match code {
        0 => {
            cleanup();
            Ok(false)
        }
        2 => {
            // The repository holds every image: its plan passes the same gate as the stack's.
            let summary =
                review_plan(console, tf, root, REGISTRY_PLAN_FILE).inspect_err(|_| cleanup())?;
            // The flags name the stack's addresses too: only the stack's plan warns about strays.
            gate_plan(console, &summary, allow_destroy, false).inspect_err(|_| cleanup())?;
            if !yes
                && !console.confirm(
                    "Apply this to the image repository (module.registry) before the image is pushed? Type 'yes' to continue: ",
                    "yes",
                )
            {
                cleanup();
                console.say("petgen: apply cancelled");
                return Err(Stop(EXIT_FINDINGS));
            }
            let applied = tf.run(
                root,
                &[
                    "apply".into(),
                    "-input=false".into(),
                    REGISTRY_PLAN_FILE.into(),
                ],
                &|l| console.progress(l),
            );
            cleanup();
            match applied {
                Ok(0) => Ok(true),
                Ok(code) => Err(console.fail(
                    &format!("image delivery failed at step \"create the registry\": terraform apply exited with status {code}; the rest of the stack was not applied"),
                    exit_code(code),
                )),
                Err(e) => Err(run_failed(console, e)),
            }
        }
        code => {
            cleanup();
            Err(console.fail(
                &format!("image delivery failed at step \"create the registry\": terraform plan exited with status {code}; the rest of the stack was not applied"),
                exit_code(code),
            ))
        }
    }
}

/// The repository's URL and name, from terraform's state.
fn read_registry(console: &dyn Console, tf: &Terraform, root: &Path) -> Result<Registry, Stop> {
    let (code, stdout) = tf
        .capture(root, &["show", "-json"])
        .map_err(|e| run_failed(console, e))?;
    match (code, registry_from_state(&stdout)) {
        (0, Some(r)) => Ok(r),
        (0, None) => Err(console.fail(
            "image delivery failed at step \"read the registry\": terraform's state has no module.registry.aws_ecr_repository.this",
            EXIT_FINDINGS,
        )),
        (code, _) => Err(console.fail(
            &format!("image delivery failed at step \"read the registry\": terraform show exited with status {code}"),
            exit_code(code),
        )),
    }
}

/// What the saved plan will do, from `terraform show -json` (terraform's documented plan
/// representation). A plan petgen cannot read stops the flow with the reason: the gate
/// never passes what it could not check.
fn review_plan(
    console: &dyn Console,
    tf: &Terraform,
    root: &Path,
    plan_file: &str,
) -> Result<PlanSummary, Stop> {
    let (code, stdout) = tf
        .capture(root, &["show", "-json", plan_file])
        .map_err(|e| run_failed(console, e))?;
    if code != 0 {
        return Err(console.fail(
            &format!("cannot read the saved plan: terraform show -json {plan_file} exited with status {code}; nothing was applied"),
            EXIT_FINDINGS,
        ));
    }
    PlanSummary::from_json(&stdout).map_err(|e| {
        console.fail(
            &format!("cannot read the saved plan from terraform show -json {plan_file}: {e}; nothing was applied"),
            EXIT_FINDINGS,
        )
    })
}

/// The data-loss gate: the summary, then a refusal when the plan deletes or replaces a
/// resource holding data or identity that `allow_destroy` does not name.
fn gate_plan(
    console: &dyn Console,
    summary: &PlanSummary,
    allow_destroy: &[String],
    warn_unmatched: bool,
) -> Result<(), Stop> {
    console.say(summary.text().trim_end());
    for a in allow_destroy.iter().filter(|_| warn_unmatched) {
        if !summary
            .changes
            .iter()
            .any(|c| &c.address == a && c.is_data_loss())
        {
            console.say(&format!(
                "warning: --allow-destroy {a} matches no resource the plan deletes or replaces"
            ));
        }
    }
    match summary.refusal(allow_destroy) {
        Some(refusal) => Err(console.fail(&refusal, EXIT_FINDINGS)),
        None => Ok(()),
    }
}

/// `petgen apply`: the saved plan while it is current (else check, plan and confirm), with
/// the pet service image delivered to the stack's registry first. Returns terraform's exit
/// code.
pub fn apply(
    console: &dyn Console,
    options: &DeployOptions,
    profile: &LoadedProfile,
    container_tool: Option<&Path>,
    yes: bool,
    force: bool,
    allow_destroy: &[String],
) -> Result<u8, Stop> {
    let root = options.root(profile);
    refuse_placeholders(console, profile, options.allow_placeholders, None)?;
    let build = image_build(console, options, profile)?;
    // Find the tools before anything changes, so a missing one stops the apply cleanly.
    let tools = match &build {
        Some(_) => Some(
            find_container_tool(container_tool)
                .and_then(|container| {
                    Ok(Tools {
                        container,
                        aws: find_aws()?,
                    })
                })
                .map_err(|e| console.fail(&e.to_string(), EXIT_USAGE))?,
        ),
        None => None,
    };
    let vars = image_vars(build.as_ref());
    let mut current = plan_is_current(&root, &vars);
    let tf = if current {
        terraform_for(console, options, root_required_version(&root).as_deref())?
    } else {
        console.progress(&format!(
            "petgen: no current saved plan for {}; checking and planning first",
            root.display()
        ));
        checked_terraform(console, options, profile, false, force)?
    };
    init_if_needed(console, &tf, &root)?;

    if let (Some(build), Some(tools)) = (&build, &tools) {
        if ensure_registry(console, &tf, &root, &vars, yes, allow_destroy)? {
            // The saved plan was made before the repository existed.
            discard_plan(&root);
            current = false;
        }
        let registry = read_registry(console, &tf, &root)?;
        let how = deliver(
            build,
            &registry,
            &profile.profile.project.region,
            tools,
            &|l| console.progress(l),
        )
        .map_err(|e| {
            console.fail(
                &format!("{e}\n  note: the stack was not applied"),
                EXIT_FINDINGS,
            )
        })?;
        console.progress(&format!(
            "petgen: image {}:{} {}",
            registry.url,
            build.tag,
            match how {
                Delivered::AlreadyInRegistry => "was already in the registry",
                Delivered::PushedExisting => "pushed",
                Delivered::BuiltAndPushed => "built and pushed",
            }
        ));
    }

    if !current {
        let code = plan_only(console, &tf, &root, &vars, &[])?;
        if code != 0 {
            return Ok(exit_code(code));
        }
    }
    let summary = review_plan(console, &tf, &root, PLAN_FILE)?;
    gate_plan(console, &summary, allow_destroy, true)?;
    // A plan made just now has not been seen: ask, unless told not to.
    if !current
        && !yes
        && !console.confirm(
            &format!(
                "Apply this plan to {}? Type 'yes' to continue: ",
                profile.name
            ),
            "yes",
        )
    {
        console.say("petgen: apply cancelled");
        return Err(Stop(EXIT_FINDINGS));
    }
    let mut tf_args: Vec<String> = vec!["apply".into(), "-input=false".into()];
    if yes {
        tf_args.push("-auto-approve".into());
    }
    tf_args.push(PLAN_FILE.into());
    let code = tf
        .run(&root, &tf_args, &|l| console.progress(l))
        .map_err(|e| run_failed(console, e))?;
    if code == 0 {
        // A saved plan can only be applied once.
        discard_plan(&root);
    }
    Ok(exit_code(code))
}

/// The protections in the state that will stop `terraform destroy`, each with how to remove
/// it. Best effort: a state petgen cannot read is said, and the destroy goes on to terraform,
/// which has the last word.
fn report_destroy_blockers(console: &dyn Console, tf: &Terraform, root: &Path) {
    let note = |why: &dyn std::fmt::Display| {
        console.say(&format!(
            "note: cannot list what protects the stack from destroy: {why}"
        ))
    };
    let out = match tf.capture(root, &["show", "-json"]) {
        Ok((0, out)) => out,
        Ok((c, _)) => return note(&format_args!("terraform show -json exited with status {c}")),
        Err(e) => return note(&e),
    };
    let blockers = match destroy_blockers(&out) {
        Ok(b) => b,
        Err(e) => return note(&e),
    };
    if blockers.is_empty() {
        return;
    }
    console.say(&format!(
        "petgen: {} protected resource(s) will stop this destroy until their protection is removed:",
        blockers.len()
    ));
    for b in blockers {
        console.say(&format!(
            "  {}: {}\n    to remove: {}",
            b.address, b.what, b.remove
        ));
    }
}

/// `petgen destroy`, after the profile name is typed (or `yes`).
pub fn destroy(
    console: &dyn Console,
    options: &DeployOptions,
    profile: &LoadedProfile,
    yes: bool,
) -> Result<u8, Stop> {
    let root = options.root(profile);
    if !root.is_dir() {
        return Err(console.fail(
            &format!(
                "{} does not exist\n  hint: there is nothing petgen knows how to destroy",
                root.display()
            ),
            EXIT_USAGE,
        ));
    }
    let tf = terraform_for(console, options, root_required_version(&root).as_deref())?;
    init_if_needed(console, &tf, &root)?;
    report_destroy_blockers(console, &tf, &root);
    if !yes
        && !console.confirm(
            &format!("This destroys every resource of profile {name}. Type the profile name ({name}) to continue: ", name = profile.name),
            &profile.name,
        )
    {
        console.say("petgen: destroy cancelled");
        return Err(Stop(EXIT_FINDINGS));
    }
    // The profile name was confirmed above (or `yes` was given), so terraform need not ask.
    let mut tf_args: Vec<String> = vec![
        "destroy".into(),
        "-input=false".into(),
        "-auto-approve".into(),
    ];
    // Every root variable needs a value, even to destroy; the tag is not used.
    if profile.profile.service.image.is_none() {
        let tag = plan_build(&options.service_dir, profile.profile.service.architecture)
            .map(|b| b.tag)
            .unwrap_or_else(|_| "destroy".into());
        tf_args.extend(["-var".into(), format!("image_tag={tag}")]);
    }
    let code = tf
        .run(&root, &tf_args, &|l| console.progress(l))
        .map_err(|e| run_failed(console, e))?;
    Ok(exit_code(code))
}
