//! The pet service image: its content-hash tag, and its delivery to the stack's ECR
//! repository (build, log in, push), as CDK does for image assets.
//!
//! The tag is a fingerprint of everything the Dockerfile copies (the workspace manifests, the
//! table contract and `service/`) plus the target architecture. Unchanged source means the same
//! tag: no rebuild, no push and no new task-definition revision. A tag already in the
//! registry is never rebuilt, and the repository's tags are immutable.

use crate::profile::Architecture;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `PETGEN_CONTAINER_TOOL`: docker or podman, when `--container-tool` is not given.
pub const CONTAINER_TOOL_ENV: &str = "PETGEN_CONTAINER_TOOL";
/// `PETGEN_AWS`: the AWS CLI, when it is not `aws` on `PATH`.
pub const AWS_ENV: &str = "PETGEN_AWS";

/// Why the image could not be planned, found tools for, or delivered.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot parse {}: {source}", path.display())]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error("{} has no package.name", path.display())]
    NoPackageName { path: PathBuf },
    #[error("{} not found: the profile builds the pet service from {}\n  hint: run petgen from the repository root, pass --service DIR, or set service.image in the profile to deploy an existing image", dockerfile.display(), service_dir.display())]
    NoDockerfile {
        dockerfile: PathBuf,
        service_dir: PathBuf,
    },
    /// A tool named by a flag or an environment variable (`what`) that is not there.
    #[error("{what} {} does not exist", path.display())]
    Missing { what: &'static str, path: PathBuf },
    #[error("no container tool: not given with --container-tool, not in PETGEN_CONTAINER_TOOL, and neither docker nor podman is on PATH\n  hint: install Docker or Podman, or set service.image in the profile to deploy an image built elsewhere")]
    NoContainerTool,
    #[error("the AWS CLI was not found: not in PETGEN_AWS, not on PATH\n  hint: install AWS CLI v2; petgen uses it to log in to ECR")]
    NoAws,
    #[error("cannot run {}: {source}", tool.display())]
    Spawn {
        tool: PathBuf,
        source: std::io::Error,
    },
    /// Waiting for a started tool failed.
    #[error("{}: {source}", tool.display())]
    Wait {
        tool: PathBuf,
        source: std::io::Error,
    },
    /// `command` as [`describe`] words it; `code` is `None` for a signal.
    #[error("`{command}` exited with {}", code.map_or("a signal".to_string(), |c| format!("status {c}")))]
    Exited { command: String, code: Option<i32> },
    #[error("`{command}` failed: {stderr}")]
    Failed { command: String, stderr: String },
    #[error("aws ecr describe-images failed: {}\n  hint: check your AWS credentials and region ({region})", if stderr.is_empty() { "no error message" } else { stderr })]
    DescribeImages { stderr: String, region: String },
    #[error("aws ecr get-login-password failed: {stderr}")]
    LoginPassword { stderr: String },
}

/// What `petgen apply` builds: where from, for which platform, under which tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageBuild {
    /// The build context: the workspace root that holds `service/`.
    pub context: PathBuf,
    pub dockerfile: PathBuf,
    /// `linux/amd64` or `linux/arm64`.
    pub platform: &'static str,
    /// `<16 hex digits of the source fingerprint>-<amd64|arm64>`.
    pub tag: String,
}

pub fn platform(arch: Architecture) -> &'static str {
    match arch {
        Architecture::X86_64 => "linux/amd64",
        Architecture::Arm64 => "linux/arm64",
    }
}

/// The files the image is built from, relative to the context, sorted: what the Dockerfile
/// copies (see `.dockerignore`), except the workspace manifests, which [`manifest_inputs`]
/// reduces to what the service's build reads.
fn build_inputs(context: &Path, service: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let p = context.join(".dockerignore");
    if p.is_file() {
        out.push((".dockerignore".to_string(), p));
    }
    let mut stack = vec![service.to_path_buf(), context.join("contracts")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            // The service's build output, as .dockerignore leaves it out; everything else
            // under service/ (dot-files included) is in the build context.
            if path == service.join("target") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.is_file() {
                let rel = path
                    .strip_prefix(context)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, path));
            }
        }
    }
    out.sort();
    out
}

/// What the service's build reads from the workspace manifests: the root `Cargo.toml`'s
/// `[workspace]` and `[profile]` tables (not petgen's own dependencies), and the `Cargo.lock`
/// entries of the service's dependency closure. A petgen-only dependency change then leaves
/// the image's tag, and the running service, alone.
fn manifest_inputs(context: &Path, service: &Path) -> Result<Vec<Vec<u8>>, ImageError> {
    let read = |p: &Path| -> Result<toml::Table, ImageError> {
        let text = std::fs::read_to_string(p).map_err(|source| ImageError::Read {
            path: p.to_path_buf(),
            source,
        })?;
        text.parse::<toml::Table>()
            .map_err(|source| ImageError::Parse {
                path: p.to_path_buf(),
                source,
            })
    };
    let manifest = read(&context.join("Cargo.toml"))?;
    let mut parts = Vec::new();
    for table in ["workspace", "profile", "patch", "replace"] {
        let value = manifest
            .get(table)
            .cloned()
            .unwrap_or(toml::Value::Table(Default::default()));
        parts.push(
            format!(
                "Cargo.toml [{table}] {}",
                serde_json::to_string(&value).unwrap_or_default()
            )
            .into_bytes(),
        );
    }
    let service_manifest = read(&service.join("Cargo.toml"))?;
    let root_package = service_manifest
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .ok_or_else(|| ImageError::NoPackageName {
            path: service.join("Cargo.toml"),
        })?
        .to_string();
    let lock_path = context.join("Cargo.lock");
    if !lock_path.is_file() {
        return Ok(parts);
    }
    let lock = read(&lock_path)?;
    let packages: Vec<&toml::Table> = lock
        .get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_table())
        .collect();
    let field = |p: &toml::Table, k: &str| {
        p.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    // A dependency is written "name", or "name version" when several versions are locked.
    let find = |dep: &str| -> Option<usize> {
        let mut words = dep.split_whitespace();
        let (name, version) = (words.next()?, words.next());
        packages.iter().position(|p| {
            field(p, "name") == name && version.is_none_or(|v| field(p, "version") == v)
        })
    };
    let mut todo: Vec<usize> = packages
        .iter()
        .position(|p| field(p, "name") == root_package)
        .into_iter()
        .collect();
    let mut closure = std::collections::BTreeSet::new();
    while let Some(i) = todo.pop() {
        if !closure.insert(i) {
            continue;
        }
        for dep in packages[i]
            .get("dependencies")
            .and_then(|d| d.as_array())
            .into_iter()
            .flatten()
            .filter_map(|d| d.as_str())
        {
            todo.extend(find(dep));
        }
    }
    let mut entries: Vec<String> = closure
        .into_iter()
        .map(|i| {
            format!(
                "Cargo.lock {}",
                serde_json::to_string(packages[i]).unwrap_or_default()
            )
        })
        .collect();
    entries.sort();
    parts.extend(entries.into_iter().map(String::into_bytes));
    Ok(parts)
}

/// Plan the build of `service_dir` (which holds `Dockerfile`) for `arch`.
pub fn plan_build(service_dir: &Path, arch: Architecture) -> Result<ImageBuild, ImageError> {
    let dockerfile = service_dir.join("Dockerfile");
    if !dockerfile.is_file() {
        return Err(ImageError::NoDockerfile {
            dockerfile,
            service_dir: service_dir.to_path_buf(),
        });
    }
    let context = match service_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut parts: Vec<Vec<u8>> = vec![platform(arch).as_bytes().to_vec()];
    parts.extend(manifest_inputs(&context, service_dir)?);
    for (rel, path) in build_inputs(&context, service_dir) {
        let bytes = std::fs::read(&path).map_err(|source| ImageError::Read {
            path: path.clone(),
            source,
        })?;
        parts.push(rel.into_bytes());
        parts.push(bytes);
    }
    let hash = crate::fingerprint::hex(parts.iter().map(Vec::as_slice));
    let arch_suffix = platform(arch).trim_start_matches("linux/");
    Ok(ImageBuild {
        context,
        dockerfile,
        platform: platform(arch),
        tag: format!("{hash}-{arch_suffix}"),
    })
}

fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn existing(p: PathBuf, what: &'static str) -> Result<PathBuf, ImageError> {
    if p.is_file() {
        // Tools run in the build context's directory, not the one the path was given in.
        Ok(super::terraform::absolute(&p))
    } else {
        Err(ImageError::Missing { what, path: p })
    }
}

/// The container tool: `--container-tool`, then `PETGEN_CONTAINER_TOOL`, then `docker`, then
/// `podman` on `PATH`.
pub fn find_container_tool(flag: Option<&Path>) -> Result<PathBuf, ImageError> {
    if let Some(p) = flag {
        return existing(p.to_path_buf(), "--container-tool");
    }
    if let Some(p) = std::env::var_os(CONTAINER_TOOL_ENV).filter(|v| !v.is_empty()) {
        return existing(PathBuf::from(p), CONTAINER_TOOL_ENV);
    }
    on_path("docker")
        .or_else(|| on_path("podman"))
        .map(|p| super::terraform::absolute(&p))
        .ok_or(ImageError::NoContainerTool)
}

/// The AWS CLI: `PETGEN_AWS`, then `aws` on `PATH`.
pub fn find_aws() -> Result<PathBuf, ImageError> {
    if let Some(p) = std::env::var_os(AWS_ENV).filter(|v| !v.is_empty()) {
        return existing(PathBuf::from(p), AWS_ENV);
    }
    on_path("aws")
        .map(|p| super::terraform::absolute(&p))
        .ok_or(ImageError::NoAws)
}

/// The stack's image repository, as terraform's state records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    /// `ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME`.
    pub url: String,
    pub name: String,
}

impl Registry {
    /// The registry host that `docker login` needs.
    pub fn host(&self) -> &str {
        self.url.split('/').next().unwrap_or(&self.url)
    }
}

/// Find `aws_ecr_repository.this` of `module.registry` in `terraform show -json` output.
pub fn registry_from_state(show_json: &[u8]) -> Option<Registry> {
    let state: serde_json::Value = serde_json::from_slice(show_json).ok()?;
    let children = state["values"]["root_module"]["child_modules"].as_array()?;
    children
        .iter()
        .filter(|m| m["address"] == "module.registry")
        .flat_map(|m| m["resources"].as_array().into_iter().flatten())
        .find(|r| r["address"] == "module.registry.aws_ecr_repository.this")
        .and_then(|r| {
            Some(Registry {
                url: r["values"]["repository_url"].as_str()?.to_string(),
                name: r["values"]["name"].as_str()?.to_string(),
            })
        })
}

/// A failed step of the delivery, named so the user knows where it stopped.
#[derive(Debug, thiserror::Error)]
#[error("image delivery failed at step \"{step}\": {source}")]
pub struct StepError {
    pub step: &'static str,
    /// Boxed: a failed delivery is rare, the happy path's `Result` stays small.
    pub source: Box<ImageError>,
}

fn step(step: &'static str) -> impl Fn(ImageError) -> StepError {
    move |source| StepError {
        step,
        source: Box::new(source),
    }
}

/// What a tool that ran and failed printed on its standard error, trimmed.
#[derive(Debug)]
struct Stderr(String);

/// How the image got into the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivered {
    /// The tag was already there: nothing was built or pushed.
    AlreadyInRegistry,
    /// Pushed an image that was already built locally.
    PushedExisting,
    /// Built and pushed.
    BuiltAndPushed,
}

/// The tools the delivery runs.
#[derive(Debug, Clone)]
pub struct Tools {
    pub container: PathBuf,
    pub aws: PathBuf,
}

fn describe(tool: &Path, args: &[&str]) -> String {
    format!(
        "{} {}",
        tool.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        args.join(" ")
    )
}

/// Run a tool with its output streamed to the user; its exit status must be 0.
fn run_streamed(
    tool: &Path,
    args: &[&str],
    dir: &Path,
    progress: super::Progress,
) -> Result<(), ImageError> {
    progress(&format!("petgen: running {}", describe(tool, args)));
    let status = Command::new(tool)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .status()
        .map_err(|source| ImageError::Spawn {
            tool: tool.to_path_buf(),
            source,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(ImageError::Exited {
            command: describe(tool, args),
            code: status.code(),
        })
    }
}

/// Run a tool quietly; `Ok(Err(stderr))` when it ran and failed.
fn run_quiet(tool: &Path, args: &[&str]) -> Result<Result<Vec<u8>, Stderr>, ImageError> {
    let out = Command::new(tool)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|source| ImageError::Spawn {
            tool: tool.to_path_buf(),
            source,
        })?;
    Ok(if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(Stderr(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ))
    })
}

/// Make sure `registry` holds `build.tag`: check it, build it unless the container tool
/// already has it, log in, push.
pub fn deliver(
    build: &ImageBuild,
    registry: &Registry,
    region: &str,
    tools: &Tools,
    progress: super::Progress,
) -> Result<Delivered, StepError> {
    let image = format!("{}:{}", registry.url, build.tag);
    let image_id = format!("imageTag={}", build.tag);
    let check = run_quiet(
        &tools.aws,
        &[
            "ecr",
            "describe-images",
            "--region",
            region,
            "--repository-name",
            &registry.name,
            "--image-ids",
            &image_id,
            "--output",
            "json",
        ],
    )
    .map_err(step("check the registry"))?;
    match check {
        Ok(_) => {
            progress(&format!(
                "petgen: {image} is already in the registry; nothing to build or push"
            ));
            return Ok(Delivered::AlreadyInRegistry);
        }
        Err(Stderr(stderr)) if stderr.contains("ImageNotFoundException") => {}
        Err(Stderr(stderr)) => {
            return Err(StepError {
                step: "check the registry",
                source: Box::new(ImageError::DescribeImages {
                    stderr,
                    region: region.to_string(),
                }),
            })
        }
    }

    let built_locally = run_quiet(&tools.container, &["image", "inspect", &image])
        .map_err(step("build"))?
        .is_ok();
    if built_locally {
        progress(&format!("petgen: {image} is already built; pushing it"));
    } else {
        let dockerfile = build.dockerfile.to_string_lossy().into_owned();
        let mut args = vec!["build", "--platform", build.platform];
        args.extend(no_attestations(&tools.container));
        args.extend(["--file", &dockerfile, "--tag", &image, "."]);
        run_streamed(&tools.container, &args, &build.context, progress).map_err(step("build"))?;
    }

    let password = run_quiet(
        &tools.aws,
        &["ecr", "get-login-password", "--region", region],
    )
    .map_err(step("log in"))?
    .map_err(|Stderr(stderr)| StepError {
        step: "log in",
        source: Box::new(ImageError::LoginPassword { stderr }),
    })?;
    login(&tools.container, registry.host(), &password, progress).map_err(step("log in"))?;

    run_streamed(
        &tools.container,
        &["push", &image],
        &build.context,
        progress,
    )
    .map_err(step("push"))?;
    Ok(if built_locally {
        Delivered::PushedExisting
    } else {
        Delivered::BuiltAndPushed
    })
}

/// BuildKit (Docker's builder) attaches provenance and SBOM attestations by default: an image
/// index plus an attestation manifest per build, each counted as an image by the
/// repository's lifecycle rule, which would then expire the images a task definition runs.
/// The pet service's image is one manifest, as podman builds it. `DOCKER_BUILDKIT=0` selects
/// the legacy builder, which knows neither flag.
fn no_attestations(tool: &Path) -> Vec<&'static str> {
    let version = run_quiet(tool, &["--version"])
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    let podman = String::from_utf8_lossy(&version)
        .to_ascii_lowercase()
        .contains("podman");
    let legacy = std::env::var("DOCKER_BUILDKIT").is_ok_and(|v| v == "0");
    let buildx =
        !podman && !legacy && run_quiet(tool, &["buildx", "version"]).is_ok_and(|r| r.is_ok());
    if buildx {
        vec!["--provenance=false", "--sbom=false"]
    } else {
        Vec::new()
    }
}

/// `docker login --password-stdin`: the password goes through a pipe, never argv or output.
fn login(
    tool: &Path,
    host: &str,
    password: &[u8],
    progress: super::Progress,
) -> Result<(), ImageError> {
    let args = ["login", "--username", "AWS", "--password-stdin", host];
    progress(&format!("petgen: running {}", describe(tool, &args)));
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| ImageError::Spawn {
            tool: tool.to_path_buf(),
            source,
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A tool that exits before reading reports its own error below.
        let _ = stdin.write_all(password);
    }
    let out = child
        .wait_with_output()
        .map_err(|source| ImageError::Wait {
            tool: tool.to_path_buf(),
            source,
        })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(ImageError::Failed {
            command: describe(tool, &args),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace like petgen's: the generator at the root, the service in `service/`.
    fn workspace(petgen_dep: &str, service_dep: &str, strip: &str) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let w = |p: &str, body: String| {
            let path = d.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, body).unwrap();
        };
        w("Cargo.toml", format!("[workspace]\nmembers = [\".\", \"service\"]\n\n[package]\nname = \"petgen\"\n\n[dependencies]\nclap = \"{petgen_dep}\"\n\n[profile.release]\nstrip = \"{strip}\"\n"));
        w("Cargo.lock", format!(
            "version = 4\n\n[[package]]\nname = \"clap\"\nversion = \"{petgen_dep}\"\n\n[[package]]\nname = \"petgen\"\nversion = \"0.1.0\"\ndependencies = [\"clap\"]\n\n[[package]]\nname = \"petstore\"\nversion = \"0.1.0\"\ndependencies = [\"tokio\"]\n\n[[package]]\nname = \"tokio\"\nversion = \"{service_dep}\"\n"
        ));
        w(
            "service/Cargo.toml",
            "[package]\nname = \"petstore\"\n".into(),
        );
        w("service/Dockerfile", "FROM scratch\n".into());
        w("service/src/main.rs", "fn main() {}\n".into());
        d
    }

    fn tag(d: &tempfile::TempDir) -> String {
        plan_build(&d.path().join("service"), Architecture::X86_64)
            .unwrap()
            .tag
    }

    #[test]
    fn the_tag_follows_what_the_image_is_built_from_and_nothing_else() {
        let base = tag(&workspace("4.5.0", "1.40.0", "symbols"));
        assert_eq!(base, tag(&workspace("4.5.0", "1.40.0", "symbols")));
        // A petgen-only dependency bump leaves the image alone.
        assert_eq!(base, tag(&workspace("4.6.0", "1.40.0", "symbols")));
        // The service's dependencies and the release profile are what it is built with.
        assert_ne!(base, tag(&workspace("4.5.0", "1.41.0", "symbols")));
        assert_ne!(base, tag(&workspace("4.5.0", "1.40.0", "none")));
    }

    #[test]
    fn the_registry_is_read_from_terraform_show_json() {
        let json = br#"{"values":{"root_module":{"child_modules":[
            {"address":"module.network","resources":[]},
            {"address":"module.registry","resources":[
                {"address":"module.registry.aws_ecr_lifecycle_policy.this","values":{}},
                {"address":"module.registry.aws_ecr_repository.this",
                 "values":{"name":"petstore-dev","repository_url":"123456789012.dkr.ecr.us-east-1.amazonaws.com/petstore-dev"}}
            ]}]}}}"#;
        let r = registry_from_state(json).unwrap();
        assert_eq!(r.name, "petstore-dev");
        assert_eq!(r.host(), "123456789012.dkr.ecr.us-east-1.amazonaws.com");
        assert_eq!(registry_from_state(b"{}"), None);
        assert_eq!(registry_from_state(b"not json"), None);
    }
}
