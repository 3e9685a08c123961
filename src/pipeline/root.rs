//! Roots: loading one (with its profile), choosing its provider schema, validating a render
//! before it is written, estimating, and reading a root as committed at a git ref.

use crate::cost::compare::{break_even, BreakEven, Side};
use crate::cost::price_table::PriceTable;
use crate::cost::{estimate, region_of, Assumptions, Estimate};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::handoff::terraform::TerraformError;
use crate::hcl::semantic::Model;
use crate::hcl::{ConfigIndex, Memory, ParseError};
use crate::profile::LoadedProfile;
use crate::render::{RenderedFile, RenderedRoot, OVERLAY_HEADER_PREFIX};
use crate::validate::provider_schema::{
    choose_source, from_terraform, FromTerraformError, ProviderSchema, SchemaSource,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a root could not be loaded, rendered, estimated or checked out.
#[derive(Debug, thiserror::Error)]
pub enum RootError {
    #[error("{} is not a directory\n  hint: render it first: petgen render --profile NAME", dir.display())]
    NotADirectory { dir: PathBuf },
    /// The profile does not load; its diagnostics say why.
    #[error("{0}")]
    Profile(#[source] Diagnostics),
    #[error("no profile named {name:?} in {}", dir.display())]
    NoProfile { name: String, dir: PathBuf },
    /// The root's files do not parse: one `error:` line each.
    #[error("{}", ParseErrors(.0))]
    Parse(Vec<ParseError>),
    #[error("internal error: template failed for profile {profile}: {source:#}")]
    Template {
        profile: String,
        source: minijinja::Error,
    },
    #[error(
        "internal error: the HCL rendered for profile {profile} does not parse:\n{}",
        ParseErrors(errors)
    )]
    RenderedParse {
        profile: String,
        errors: Vec<ParseError>,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is Terraform JSON, which petgen does not read\n  hint: write it as HCL (.tf)", path.display())]
    OverlayJson { path: PathBuf },
    #[error("{} is not a file\n  hint: overlays hold .tf files, not folders", path.display())]
    OverlayNotAFile { path: PathBuf },
    #[error("{} has the name of a file petgen renders (generated/{profile}/{name})\n  hint: rename the overlay, e.g. to overlay-{name}", path.display())]
    OverlayRenderedName {
        path: PathBuf,
        profile: String,
        name: String,
    },
    #[error("{} and {} would both be generated/{profile}/{name}\n  hint: rename one of them", other.display(), path.display())]
    OverlayClash {
        other: PathBuf,
        path: PathBuf,
        profile: String,
        name: String,
    },
    #[error("cannot tell which region to price: no profile and no literal provider \"aws\" region\n  hint: pass --region REGION")]
    NoRegion,
    /// A local step of a checkout (a temporary directory, extracting, moving) failed.
    #[error("{0}")]
    Checkout(#[source] std::io::Error),
    #[error("cannot run {tool}: {source}")]
    Spawn {
        tool: &'static str,
        source: std::io::Error,
    },
    #[error("{} is not in a git repository", dir.display())]
    NotInRepository { dir: PathBuf },
    #[error("the root is outside the repository")]
    OutsideRepository,
    #[error("{git_ref} is not a commit in this repository")]
    NotACommit { git_ref: String },
    #[error("git archive {git_ref} failed: {stderr}")]
    Archive { git_ref: String, stderr: String },
    #[error("{} does not exist at {git_ref}", rel.display())]
    NotAtRef { rel: PathBuf, git_ref: String },
}

/// Parse errors, one `error:` line each.
struct ParseErrors<'a>(&'a [ParseError]);

impl std::fmt::Display for ParseErrors<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "error: {e}")?;
        }
        Ok(())
    }
}

/// Parse errors of a root, as the error they are.
pub fn parse_errors(errors: &[ParseError]) -> RootError {
    RootError::Parse(errors.to_vec())
}

/// Load a root and its profile (named, or found in the root's generated header).
pub fn load_root(
    dir: &Path,
    profile: Option<&str>,
    profiles: &Path,
) -> Result<(ConfigIndex, Option<LoadedProfile>), RootError> {
    if !dir.is_dir() {
        return Err(RootError::NotADirectory {
            dir: dir.to_path_buf(),
        });
    }
    let name = profile
        .map(str::to_string)
        .or_else(|| crate::render::profile_of_root(dir));
    let loaded = match name {
        Some(n) if profiles.join(format!("{n}.toml")).is_file() => {
            Some(super::load_profile(profiles, &n).map_err(RootError::Profile)?)
        }
        Some(n) if profile.is_some() => {
            return Err(RootError::NoProfile {
                name: n,
                dir: profiles.to_path_buf(),
            })
        }
        _ => None,
    };
    let index = ConfigIndex::load(dir).map_err(RootError::Parse)?;
    Ok((index, loaded))
}

/// The provider schema to validate `root` against: `--provider-schema`, then
/// `PETGEN_PROVIDER_SCHEMA`, then the initialised root's own (`terraform providers schema
/// -json`, cached), else the schema petgen ships for the version its templates pin. The
/// second value says why a preferred source was passed over, when one was. `terraform` is the
/// `--terraform` the user gave, if any: it answers for the root as it would for the plan.
pub fn load_schema(
    flag: Option<&Path>,
    root: &Path,
    terraform: Option<&Path>,
) -> Result<(Arc<ProviderSchema>, Option<SchemaSkipped>), Diagnostics> {
    match choose_source(flag, root) {
        SchemaSource::File(p) | SchemaSource::Env(p) => {
            ProviderSchema::load_shared(&p).map(|s| (s, None))
        }
        SchemaSource::Terraform { root } => {
            match from_terraform(&root, || crate::handoff::terraform::locate(terraform)) {
                Ok(s) => Ok((s, None)),
                Err(reason) => Ok((ProviderSchema::embedded(), Some(reason))),
            }
        }
        SchemaSource::None { .. } => Ok((ProviderSchema::embedded(), None)),
    }
}

/// Why the root's own provider schema was passed over for the embedded one.
pub type SchemaSkipped = FromTerraformError<TerraformError>;

/// A profile rendered for `target`, with its index (parsed from memory) and its README.
pub struct Rendered {
    pub root: RenderedRoot,
    pub index: ConfigIndex,
}

/// Render `profile` as the root at `target`: the templates, then the README drawn from the
/// rendered HCL. Parse errors in the rendered HCL are template bugs.
pub fn render_profile(profile: &LoadedProfile, target: &Path) -> Result<Rendered, RootError> {
    let mut root = crate::render::render(profile).map_err(|source| RootError::Template {
        profile: profile.name.clone(),
        source,
    })?;
    let overlays = overlay_files(profile, &root.files)?;
    root.files.extend(overlays);
    root.files.sort_by(|a, b| a.path.cmp(&b.path));
    let files = root
        .files
        .iter()
        .map(|f| (target.join(&f.path), f.contents.clone()))
        .collect();
    let index = ConfigIndex::load_from(target, &Memory(files)).map_err(|errors| {
        RootError::RenderedParse {
            profile: profile.name.clone(),
            errors,
        }
    })?;
    root.files.push(super::readme::readme(profile, &index));
    root.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered { root, index })
}

/// The user's own Terraform for `profile`, as it goes into the rendered root: every `*.tf` in
/// `overlays/all/`, then in `overlays/<profile>/`, beside `profiles/`. Each copy starts with a
/// one-line header naming its original (which also marks it as petgen's to replace or
/// remove); the rest is the user's text, byte for byte. A name that petgen renders, or that
/// both folders hold, is an error naming both files.
pub fn overlay_files(
    profile: &LoadedProfile,
    rendered: &[RenderedFile],
) -> Result<Vec<RenderedFile>, RootError> {
    let project = profile
        .path
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new(""));
    let overlays = project.join("overlays");
    let mut out: Vec<RenderedFile> = Vec::new();
    let mut taken: Vec<(String, PathBuf)> = Vec::new();
    for dir in [overlays.join("all"), overlays.join(&profile.name)] {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(RootError::Read { path: dir, source }),
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.ends_with(".tf.json") {
                return Err(RootError::OverlayJson { path });
            }
            if !name.ends_with(".tf") {
                continue;
            }
            if !path.is_file() {
                return Err(RootError::OverlayNotAFile { path });
            }
            if rendered.iter().any(|f| f.path == Path::new(&name)) {
                return Err(RootError::OverlayRenderedName {
                    path,
                    profile: profile.name.clone(),
                    name,
                });
            }
            if let Some((_, other)) = taken.iter().find(|(n, _)| *n == name) {
                return Err(RootError::OverlayClash {
                    other: other.clone(),
                    path,
                    profile: profile.name.clone(),
                    name,
                });
            }
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(source) => return Err(RootError::Read { path, source }),
            };
            let original = path
                .strip_prefix(project)
                .unwrap_or(&path)
                .display()
                .to_string();
            out.push(RenderedFile {
                path: PathBuf::from(&name),
                contents: format!(
                    "{OVERLAY_HEADER_PREFIX}{original} (your own Terraform): edit that file, then run petgen render --profile {}\n{text}",
                    profile.name
                ),
            });
            taken.push((name, path));
        }
    }
    Ok(out)
}

/// Point diagnostics about an overlay's copy at the overlay itself: the copy of
/// `overlays/dev/x.tf` in a root not yet written is `generated/dev/x.tf`, one line further
/// down (its header), and the user edits the original.
pub fn locate_in_overlays(diagnostics: &mut [Diagnostic], root: &RenderedRoot, target: &Path) {
    let originals: Vec<(PathBuf, PathBuf)> = root
        .files
        .iter()
        .filter_map(|f| {
            let rest = f.contents.strip_prefix(OVERLAY_HEADER_PREFIX)?;
            let original = rest.split(" (your own Terraform)").next()?;
            Some((target.join(&f.path), PathBuf::from(original)))
        })
        .collect();
    for d in diagnostics {
        if let Some(loc) = d.location.as_mut() {
            if let Some((_, original)) = originals.iter().find(|(copy, _)| *copy == loc.file) {
                loc.file = original.clone();
                loc.line = loc.line.saturating_sub(1).max(1);
            }
        }
        // A hint may name another place ("the first declaration is at FILE:LINE:COL").
        if let Some(fix) = d.fix.as_mut() {
            for (copy, original) in &originals {
                *fix = relocate_mentions(
                    fix,
                    &copy.display().to_string(),
                    &original.display().to_string(),
                );
            }
        }
    }
}

/// `text` with each `COPY:LINE:COL` written as `ORIGINAL:LINE-1:COL`.
fn relocate_mentions(text: &str, copy: &str, original: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(copy) {
        out.push_str(&rest[..i]);
        let after = &rest[i + copy.len()..];
        let digits: String = after
            .strip_prefix(':')
            .map(|a| a.chars().take_while(char::is_ascii_digit).collect())
            .unwrap_or_default();
        match digits.parse::<usize>() {
            Ok(line) => {
                out.push_str(&format!("{original}:{}", line.saturating_sub(1).max(1)));
                rest = &after[1 + digits.len()..];
            }
            Err(_) => {
                out.push_str(original);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Validate a rendered root before it touches the disk, as if it were at `target`.
pub fn validate_rendered(
    root: &RenderedRoot,
    target: &Path,
    schema: Option<&ProviderSchema>,
) -> Result<Vec<Diagnostic>, Vec<ParseError>> {
    let files = root
        .files
        .iter()
        .map(|f| (target.join(&f.path), f.contents.clone()))
        .collect();
    let index = ConfigIndex::load_from(target, &Memory(files))?;
    Ok(crate::validate::validate(&index, schema))
}

/// Estimate one root; `usage_from` overrides whose usage assumptions apply.
pub fn estimate_root(
    index: &ConfigIndex,
    profile: Option<&LoadedProfile>,
    usage_from: Option<&LoadedProfile>,
    region_flag: Option<&str>,
    prices: &PriceTable,
) -> Result<Estimate, RootError> {
    let model = Model::new(index);
    let region = region_flag
        .map(str::to_string)
        .or_else(|| region_of(&model, profile))
        .ok_or(RootError::NoRegion)?;
    let assumptions = Assumptions::for_profile(usage_from.or(profile));
    Ok(estimate(&model, &region, &assumptions, prices))
}

/// Where two rendered roots cost the same as the monthly request volume varies, each priced
/// with its own profile's usage; `None` when they never do, or a side cannot be priced.
pub fn break_even_between(
    base: (&ConfigIndex, &LoadedProfile),
    head: (&ConfigIndex, &LoadedProfile),
    prices: &PriceTable,
) -> Option<BreakEven> {
    let (base_model, head_model) = (Model::new(base.0), Model::new(head.0));
    let region = region_of(&head_model, Some(head.1))?;
    let (base_a, head_a) = (
        Assumptions::for_profile(Some(base.1)),
        Assumptions::for_profile(Some(head.1)),
    );
    break_even(
        &Side {
            name: &base.1.name,
            model: &base_model,
            assumptions: &base_a,
        },
        &Side {
            name: &head.1.name,
            model: &head_model,
            assumptions: &head_a,
        },
        &region,
        prices,
    )
}

/// The root as committed at `git_ref`, extracted into a temporary directory (`root/` in it).
/// `Ok(None)` when the ref exists but the root did not exist at it (a profile added since).
pub fn checkout_at(git_ref: &str, dir: &Path) -> Result<Option<tempfile::TempDir>, RootError> {
    let tmp = tempfile::tempdir().map_err(RootError::Checkout)?;
    let top = std::process::Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(dir)
        .output()
        .map_err(|source| RootError::Spawn {
            tool: "git",
            source,
        })?;
    if !top.status.success() {
        return Err(RootError::NotInRepository {
            dir: dir.to_path_buf(),
        });
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let abs = std::fs::canonicalize(dir).map_err(RootError::Checkout)?;
    let rel = abs
        .strip_prefix(&top)
        .map_err(|_| RootError::OutsideRepository)?;
    let git_ok = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&top)
            .output()
            .map(|o| o.status.success())
            .map_err(|source| RootError::Spawn {
                tool: "git",
                source,
            })
    };
    if !git_ok(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{git_ref}^{{commit}}"),
    ])? {
        return Err(RootError::NotACommit {
            git_ref: git_ref.to_string(),
        });
    }
    let spec = format!("{git_ref}:{}", rel.display());
    if !git_ok(&["cat-file", "-e", &spec])? {
        return Ok(None);
    }
    let archive = std::process::Command::new("git")
        .args(["archive", "--format=tar", git_ref, "--"])
        .arg(rel)
        .current_dir(&top)
        .output()
        .map_err(|source| RootError::Spawn {
            tool: "git",
            source,
        })?;
    if !archive.status.success() {
        return Err(RootError::Archive {
            git_ref: git_ref.to_string(),
            stderr: String::from_utf8_lossy(&archive.stderr).trim().to_string(),
        });
    }
    let mut untar = std::process::Command::new("tar")
        .args(["-x", "-C"])
        .arg(tmp.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|source| RootError::Spawn {
            tool: "tar",
            source,
        })?;
    if let Some(mut stdin) = untar.stdin.take() {
        use std::io::Write;
        stdin
            .write_all(&archive.stdout)
            .map_err(RootError::Checkout)?;
    }
    untar.wait().map_err(RootError::Checkout)?;
    let extracted = tmp.path().join(rel);
    if !extracted.is_dir() {
        return Err(RootError::NotAtRef {
            rel: rel.to_path_buf(),
            git_ref: git_ref.to_string(),
        });
    }
    // Move the extracted root to the top of the temporary directory.
    let holder = tempfile::tempdir().map_err(RootError::Checkout)?;
    let target = holder.path().join("root");
    std::fs::rename(&extracted, &target).map_err(RootError::Checkout)?;
    drop(tmp);
    Ok(Some(holder))
}
