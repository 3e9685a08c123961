use super::render::validate_rendered;
use super::validate::{load_schema, print_diagnostics, SchemaArgs};
use super::{ProfileDir, EXIT_FINDINGS, EXIT_USAGE};
use crate::handoff::image::{
    deliver, find_aws, find_container_tool, plan_build, registry_from_state, Delivered, ImageBuild,
    Registry, Tools,
};
use crate::handoff::terraform::{find, Terraform};
use crate::handoff::{
    discard_plan, needs_init, plan_is_current, record_init, record_plan, required_version,
    PLAN_FILE, REGISTRY_PLAN_FILE,
};
use crate::hcl::ConfigIndex;
use crate::lint::context::Ctx;
use crate::lint::{emit, lint, Selection};
use crate::profile::load::shared_state;
use crate::profile::{load_profile, LoadedProfile};
use crate::render::render;
use crate::render::write::{diff_against_disk, write_root};
use crate::validate::{validate, Severity};
use std::io::BufRead;
use std::path::{Path, PathBuf};

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
    /// Extra arguments for terraform plan, after `--`.
    #[arg(last = true, value_name = "TERRAFORM_ARGS")]
    pub extra: Vec<String>,
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
}

#[derive(Debug, clap::Args)]
pub struct DestroyArgs {
    #[command(flatten)]
    pub common: HandoffArgs,
    /// Do not ask for the profile name (for CI).
    #[arg(long)]
    pub yes: bool,
}

fn load(args: &HandoffArgs) -> Result<LoadedProfile, u8> {
    let profile = load_profile(&args.profiles.dir, &args.profile).map_err(|e| {
        eprintln!("{e}");
        EXIT_USAGE
    })?;
    let shared = shared_state(&args.profiles.dir, &[&profile]);
    if !shared.is_empty() {
        eprintln!("{}", crate::diagnostic::UserErrors(shared));
        eprintln!("error: refusing to hand this profile to terraform");
        return Err(EXIT_USAGE);
    }
    Ok(profile)
}

/// What the checks found out about a root.
struct Checked {
    /// Validation, lint and budget all passed.
    passed: bool,
    /// The root's `required_version`, for the terraform version check.
    required_version: Option<String>,
}

/// Render (or check) the root, then validate, lint and cost it. Problems are printed.
fn render_and_check(
    args: &HandoffArgs,
    profile: &LoadedProfile,
    check_only: bool,
) -> Result<Checked, u8> {
    let root = args.out.join(&profile.name);
    let (schema, skipped) = load_schema(&args.schema, &root).map_err(|e| {
        eprintln!("error: {e}");
        EXIT_USAGE
    })?;
    if let Some(reason) = &skipped {
        eprintln!("note: provider-schema checks skipped: {reason}");
    }
    let rendered = render(profile).map_err(|e| {
        eprintln!("internal error: template failed: {e:#}");
        EXIT_USAGE
    })?;
    if check_only {
        match diff_against_disk(&rendered, &root) {
            Ok(d) if d.is_empty() => eprintln!("petgen: {} is current", root.display()),
            Ok(d) => {
                super::render::report_drift(&d, &root, &profile.name);
                eprintln!("error: {} is not what the profile renders", root.display());
                return Err(EXIT_FINDINGS);
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", root.display());
                return Err(EXIT_USAGE);
            }
        }
    } else {
        if !validate_rendered(&rendered, &root, schema.as_ref()) {
            eprintln!("error: the rendered Terraform has errors; nothing was written");
            return Err(EXIT_FINDINGS);
        }
        let written = write_root(&rendered, &root).map_err(|e| {
            eprintln!("error: {e}");
            EXIT_USAGE
        })?;
        super::render::report_written(&written, &root);
        eprintln!("petgen: rendered {}", root.display());
    }

    let index = ConfigIndex::load(&root).map_err(|errors| {
        for e in errors {
            eprintln!("error: {e}");
        }
        EXIT_USAGE
    })?;
    let mut reasons = Vec::new();
    // A fresh render was validated before it was written; only a committed root still needs it.
    if check_only {
        let diags = validate(&index, schema.as_ref());
        print_diagnostics(&diags);
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors > 0 {
            reasons.push(format!("{errors} validation error(s)"));
        }
    }
    let mut ctx = Ctx::new(&index, Some(profile));
    ctx.cost = crate::cost::CostInputs::for_ctx(&ctx, None);
    let findings = lint(&ctx, &Selection::default());
    let lint_errors: Vec<_> = findings
        .iter()
        .filter(|f| f.suppressed.is_none() && f.severity == Severity::Error)
        .cloned()
        .collect();
    if !lint_errors.is_empty() {
        eprint!("{}", emit::human(&lint_errors));
        reasons.push(format!(
            "{} lint error(s): {}",
            lint_errors.len(),
            lint_errors
                .iter()
                .map(|f| f.rule)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    match &ctx.cost {
        Some(c) => eprintln!(
            "petgen: estimated ${:.2}/month{}",
            c.estimate.total_monthly_usd,
            profile
                .profile
                .budget_usd_per_month
                .map(|b| format!(" (budget ${b:.2})"))
                .unwrap_or_default()
        ),
        None => reasons.push(format!(
            "no cost estimate: no prices for {}",
            profile.profile.project.region
        )),
    }
    if reasons.is_empty() {
        eprintln!("petgen: checks passed");
    } else {
        eprintln!("petgen: checks failed: {}", reasons.join("; "));
    }
    Ok(Checked {
        passed: reasons.is_empty(),
        required_version: required_version(&index),
    })
}

fn gate(passed: bool, force: bool) -> Result<(), u8> {
    match (passed, force) {
        (true, _) => Ok(()),
        (false, true) => {
            eprintln!(
                "\n*** WARNING: --force: running terraform although petgen's checks failed ***\n"
            );
            Ok(())
        }
        (false, false) => {
            eprintln!("error: refusing to run terraform until the problems above are fixed\n  hint: fix them, waive accepted findings in the profile, or pass --force");
            Err(EXIT_FINDINGS)
        }
    }
}

/// `required_version` of a root on disk (for apply and destroy, which do not re-check it).
fn root_required_version(root: &Path) -> Option<String> {
    ConfigIndex::load(root)
        .ok()
        .and_then(|i| required_version(&i))
}

/// Find terraform and check it against `required` (the root's `required_version`).
fn terraform_for(args: &HandoffArgs, required: Option<&str>) -> Result<Terraform, u8> {
    find(args.terraform.as_deref(), required).map_err(|e| {
        eprintln!("error: {e}");
        EXIT_USAGE
    })
}

fn exit_code(code: i32) -> u8 {
    u8::try_from(code).unwrap_or(1)
}

/// `terraform init` when needed. Returns terraform's exit code on failure.
fn init_if_needed(tf: &Terraform, root: &Path) -> Result<(), u8> {
    if !needs_init(root) {
        return Ok(());
    }
    match tf.run(root, &["init".into(), "-input=false".into()]) {
        Ok(0) => {
            record_init(root);
            Ok(())
        }
        Ok(code) => {
            eprintln!("error: terraform init failed in {} (exit {code}); see its output above\n  hint: init needs network access to the provider registry and to the state backend", root.display());
            Err(exit_code(code))
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(EXIT_USAGE)
        }
    }
}

/// The image the profile builds (`None` when it brings its own), and the terraform arguments
/// that deploy it.
fn image_build(args: &HandoffArgs, profile: &LoadedProfile) -> Result<Option<ImageBuild>, u8> {
    if profile.profile.service.image.is_some() {
        return Ok(None);
    }
    plan_build(&args.service_dir, profile.profile.service.architecture)
        .map(Some)
        .map_err(|e| {
            eprintln!("error: {e}");
            EXIT_USAGE
        })
}

fn image_vars(build: Option<&ImageBuild>) -> Vec<String> {
    match build {
        Some(b) => vec!["-var".into(), format!("image_tag={}", b.tag)],
        None => Vec::new(),
    }
}

/// `terraform plan -out=petgen.tfplan` with the image `vars` and the user's `extra`
/// arguments. The plan's fingerprint covers the image vars: `apply` uses the saved plan only
/// while it deploys the image the source would build now.
fn plan_only(tf: &Terraform, root: &Path, vars: &[String], extra: &[String]) -> Result<i32, u8> {
    let mut args: Vec<String> = vec![
        "plan".into(),
        "-input=false".into(),
        format!("-out={PLAN_FILE}"),
    ];
    args.extend(vars.iter().cloned());
    args.extend(extra.iter().cloned());
    let code = tf.run(root, &args).map_err(|e| {
        eprintln!("error: {e}");
        EXIT_USAGE
    })?;
    if code == 0 {
        record_plan(root, vars);
    }
    Ok(code)
}

/// Checks, init and plan. Returns terraform's plan exit code and the terraform it used.
fn plan_flow(
    common: &HandoffArgs,
    profile: &LoadedProfile,
    check_only: bool,
    force: bool,
    vars: &[String],
    extra: &[String],
) -> Result<(i32, Terraform), u8> {
    let root = common.out.join(&profile.name);
    let tf = checked_terraform(common, profile, check_only, force)?;
    init_if_needed(&tf, &root)?;
    let code = plan_only(&tf, &root, vars, extra)?;
    Ok((code, tf))
}

/// Render and check the root, refuse when the checks fail, then find terraform.
fn checked_terraform(
    common: &HandoffArgs,
    profile: &LoadedProfile,
    check_only: bool,
    force: bool,
) -> Result<Terraform, u8> {
    let checked = render_and_check(common, profile, check_only)?;
    gate(checked.passed, force)?;
    let tf = terraform_for(common, checked.required_version.as_deref())?;
    eprintln!(
        "petgen: using terraform {} ({})",
        tf.version,
        tf.path.display()
    );
    Ok(tf)
}

pub fn plan(args: PlanArgs) -> u8 {
    let profile = match load(&args.common) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let build = match image_build(&args.common, &profile) {
        Ok(b) => b,
        Err(c) => return c,
    };
    if let Some(b) = &build {
        eprintln!(
            "petgen: the pet service image is tagged {} (service/ content, {}); petgen apply builds and pushes it",
            b.tag, b.platform
        );
    }
    let vars = image_vars(build.as_ref());
    match plan_flow(
        &args.common,
        &profile,
        args.check,
        args.force,
        &vars,
        &args.extra,
    ) {
        Ok((code, _)) => exit_code(code),
        Err(c) => c,
    }
}

fn confirm(prompt: &str, expected: &str) -> bool {
    eprint!("{prompt}");
    let mut line = String::new();
    let ok = std::io::stdin().lock().read_line(&mut line).is_ok();
    ok && line.trim() == expected
}

/// Make sure the image repository exists before anything needs the image: a targeted plan
/// of `module.registry`, applied when it has changes. Returns whether the state changed.
fn ensure_registry(tf: &Terraform, root: &Path, vars: &[String], yes: bool) -> Result<bool, u8> {
    let mut args: Vec<String> = vec![
        "plan".into(),
        "-input=false".into(),
        "-detailed-exitcode".into(),
        "-target=module.registry".into(),
        format!("-out={REGISTRY_PLAN_FILE}"),
    ];
    args.extend(vars.iter().cloned());
    eprintln!("petgen: the image repository must exist before the image is pushed; planning module.registry alone");
    let code = tf.run(root, &args).map_err(|e| {
        eprintln!("error: {e}");
        EXIT_USAGE
    })?;
    let cleanup = || {
        let _ = std::fs::remove_file(root.join(REGISTRY_PLAN_FILE));
    };
    match code {
        0 => {
            cleanup();
            Ok(false)
        }
        2 => {
            if !yes
                && !confirm(
                    "Create the image repository now (module.registry)? Type 'yes' to continue: ",
                    "yes",
                )
            {
                cleanup();
                eprintln!("petgen: apply cancelled");
                return Err(EXIT_FINDINGS);
            }
            let applied = tf.run(
                root,
                &[
                    "apply".into(),
                    "-input=false".into(),
                    REGISTRY_PLAN_FILE.into(),
                ],
            );
            cleanup();
            match applied {
                Ok(0) => Ok(true),
                Ok(code) => {
                    eprintln!("error: image delivery failed at step \"create the registry\": terraform apply exited with status {code}; the rest of the stack was not applied");
                    Err(exit_code(code))
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    Err(EXIT_USAGE)
                }
            }
        }
        code => {
            cleanup();
            eprintln!("error: image delivery failed at step \"create the registry\": terraform plan exited with status {code}; the rest of the stack was not applied");
            Err(exit_code(code))
        }
    }
}

/// The repository's URL and name, from terraform's state.
fn read_registry(tf: &Terraform, root: &Path) -> Result<Registry, u8> {
    let (code, stdout) = tf.capture(root, &["show", "-json"]).map_err(|e| {
        eprintln!("error: {e}");
        EXIT_USAGE
    })?;
    match (code, registry_from_state(&stdout)) {
        (0, Some(r)) => Ok(r),
        (0, None) => {
            eprintln!("error: image delivery failed at step \"read the registry\": terraform's state has no module.registry.aws_ecr_repository.this");
            Err(EXIT_FINDINGS)
        }
        (code, _) => {
            eprintln!("error: image delivery failed at step \"read the registry\": terraform show exited with status {code}");
            Err(exit_code(code))
        }
    }
}

pub fn apply(args: ApplyArgs) -> u8 {
    match apply_flow(&args) {
        Ok(code) => code,
        Err(code) => code,
    }
}

fn apply_flow(args: &ApplyArgs) -> Result<u8, u8> {
    let profile = load(&args.common)?;
    let root = args.common.out.join(&profile.name);
    let build = image_build(&args.common, &profile)?;
    // Find the tools before anything changes, so a missing one stops the apply cleanly.
    let tools = match &build {
        Some(_) => Some(
            find_container_tool(args.container_tool.as_deref())
                .and_then(|container| {
                    Ok(Tools {
                        container,
                        aws: find_aws()?,
                    })
                })
                .map_err(|e| {
                    eprintln!("error: {e}");
                    EXIT_USAGE
                })?,
        ),
        None => None,
    };
    let vars = image_vars(build.as_ref());
    let mut current = plan_is_current(&root, &vars);
    let tf = if current {
        terraform_for(&args.common, root_required_version(&root).as_deref())?
    } else {
        eprintln!(
            "petgen: no current saved plan for {}; checking and planning first",
            root.display()
        );
        checked_terraform(&args.common, &profile, false, args.force)?
    };
    init_if_needed(&tf, &root)?;

    if let (Some(build), Some(tools)) = (&build, &tools) {
        if ensure_registry(&tf, &root, &vars, args.yes)? {
            // The saved plan was made before the repository existed.
            discard_plan(&root);
            current = false;
        }
        let registry = read_registry(&tf, &root)?;
        match deliver(build, &registry, &profile.profile.project.region, tools) {
            Ok(how) => eprintln!(
                "petgen: image {}:{} {}",
                registry.url,
                build.tag,
                match how {
                    Delivered::AlreadyInRegistry => "was already in the registry",
                    Delivered::PushedExisting => "pushed",
                    Delivered::BuiltAndPushed => "built and pushed",
                }
            ),
            Err(e) => {
                eprintln!("error: {e}\n  note: the stack was not applied");
                return Err(EXIT_FINDINGS);
            }
        }
    }

    if !current {
        let code = plan_only(&tf, &root, &vars, &[])?;
        if code != 0 {
            return Ok(exit_code(code));
        }
        if !args.yes
            && !confirm(
                &format!(
                    "Apply this plan to {}? Type 'yes' to continue: ",
                    profile.name
                ),
                "yes",
            )
        {
            eprintln!("petgen: apply cancelled");
            return Err(EXIT_FINDINGS);
        }
    }
    let mut tf_args: Vec<String> = vec!["apply".into(), "-input=false".into()];
    if args.yes {
        tf_args.push("-auto-approve".into());
    }
    tf_args.push(PLAN_FILE.into());
    match tf.run(&root, &tf_args) {
        Ok(code) => {
            if code == 0 {
                // A saved plan can only be applied once.
                discard_plan(&root);
            }
            Ok(exit_code(code))
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(EXIT_USAGE)
        }
    }
}

pub fn destroy(args: DestroyArgs) -> u8 {
    let profile = match load(&args.common) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let root = args.common.out.join(&profile.name);
    if !root.is_dir() {
        eprintln!(
            "error: {} does not exist\n  hint: there is nothing petgen knows how to destroy",
            root.display()
        );
        return EXIT_USAGE;
    }
    if !args.yes
        && !confirm(
            &format!("This destroys every resource of profile {name}. Type the profile name ({name}) to continue: ", name = profile.name),
            &profile.name,
        )
    {
        eprintln!("petgen: destroy cancelled");
        return EXIT_FINDINGS;
    }
    let tf = match terraform_for(&args.common, root_required_version(&root).as_deref()) {
        Ok(t) => t,
        Err(c) => return c,
    };
    if let Err(c) = init_if_needed(&tf, &root) {
        return c;
    }
    // The profile name was confirmed above (or --yes was given), so terraform need not ask.
    let mut tf_args: Vec<String> = vec![
        "destroy".into(),
        "-input=false".into(),
        "-auto-approve".into(),
    ];
    // Every root variable needs a value, even to destroy; the tag is not used.
    if profile.profile.service.image.is_none() {
        let tag = plan_build(
            &args.common.service_dir,
            profile.profile.service.architecture,
        )
        .map(|b| b.tag)
        .unwrap_or_else(|_| "destroy".into());
        tf_args.extend(["-var".into(), format!("image_tag={tag}")]);
    }
    match tf.run(&root, &tf_args) {
        Ok(code) => exit_code(code),
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}
