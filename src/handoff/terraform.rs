//! Finding the terraform binary, checking its version against the root's `required_version`,
//! and running it with its output streamed to the user.

use crate::facts::terraform_version::satisfies;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `PETGEN_TERRAFORM`: the terraform binary to use when `--terraform` is not given.
pub const TERRAFORM_ENV: &str = "PETGEN_TERRAFORM";

/// A terraform binary and its version.
#[derive(Debug, Clone)]
pub struct Terraform {
    pub path: PathBuf,
    pub version: String,
    /// Send terraform's standard output to petgen's standard error, when petgen's own
    /// standard output carries something a script reads (a Markdown summary).
    pub stdout_to_stderr: bool,
}

/// Why terraform could not be found, asked for its version, or accepted for the root.
#[derive(Debug, thiserror::Error)]
pub enum TerraformError {
    #[error("--terraform {} does not exist", path.display())]
    FlagMissing { path: PathBuf },
    #[error("{TERRAFORM_ENV}={} does not exist", path.display())]
    EnvMissing { path: PathBuf },
    #[error("terraform was not found: not given with --terraform, not in PETGEN_TERRAFORM, not on PATH\n  hint: install terraform >= 1.10 (https://developer.hashicorp.com/terraform/install) or pass --terraform PATH")]
    NotFound,
    #[error("cannot run {}: {source}", path.display())]
    Spawn {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{} version -json` failed: {stderr}", path.display())]
    VersionFailed { path: PathBuf, stderr: String },
    #[error("`{} version -json` printed no JSON: {source}", path.display())]
    VersionNotJson {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("`{} version -json` has no terraform_version", path.display())]
    NoVersion { path: PathBuf },
    #[error("terraform {version} at {} is too old or too new for this root, which requires {constraint:?}\n  hint: install a terraform that satisfies {constraint:?}, or pass --terraform PATH", path.display())]
    Unsupported {
        version: String,
        path: PathBuf,
        constraint: String,
    },
    #[error("cannot read the root's required_version {constraint:?}")]
    BadConstraint { constraint: String },
}

fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// `p` made absolute against the current directory: terraform runs in the root's directory,
/// where a relative path given on the command line means something else.
pub fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Look for terraform: `--terraform PATH`, then `PETGEN_TERRAFORM`, then `PATH`.
pub fn locate(flag: Option<&Path>) -> Result<PathBuf, TerraformError> {
    if let Some(p) = flag {
        return if p.is_file() {
            Ok(absolute(p))
        } else {
            Err(TerraformError::FlagMissing {
                path: p.to_path_buf(),
            })
        };
    }
    if let Some(p) = std::env::var_os(TERRAFORM_ENV).filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(absolute(&p))
        } else {
            Err(TerraformError::EnvMissing { path: p })
        };
    }
    on_path("terraform")
        .map(|p| absolute(&p))
        .ok_or(TerraformError::NotFound)
}

/// Ask the binary for its version (`terraform version -json`).
pub fn version(path: &Path) -> Result<String, TerraformError> {
    let out = Command::new(path)
        .args(["version", "-json"])
        .stdin(Stdio::null())
        .output()
        .map_err(|source| TerraformError::Spawn {
            path: path.to_path_buf(),
            source,
        })?;
    if !out.status.success() {
        return Err(TerraformError::VersionFailed {
            path: path.to_path_buf(),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|source| TerraformError::VersionNotJson {
            path: path.to_path_buf(),
            source,
        })?;
    v["terraform_version"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| TerraformError::NoVersion {
            path: path.to_path_buf(),
        })
}

/// Find terraform and check it against the root's constraint.
pub fn find(flag: Option<&Path>, required: Option<&str>) -> Result<Terraform, TerraformError> {
    let path = locate(flag)?;
    let version = version(&path)?;
    if let Some(c) = required {
        match satisfies(&version, c) {
            Some(true) => {}
            Some(false) => {
                return Err(TerraformError::Unsupported {
                    version,
                    path,
                    constraint: c.to_string(),
                })
            }
            None => {
                return Err(TerraformError::BadConstraint {
                    constraint: c.to_string(),
                })
            }
        }
    }
    Ok(Terraform {
        path,
        version,
        stdout_to_stderr: false,
    })
}

/// Subcommands that take `-no-color`.
const COLOR_SUBCOMMANDS: &[&str] = &["init", "plan", "apply", "destroy", "output", "show"];

/// `args` with `-no-color` after the subcommand when colour is off for standard output (not a
/// terminal, `NO_COLOR`, or `--color never`), so logs and CI output hold no escape codes.
fn with_color_choice(args: &[String]) -> Vec<String> {
    let mut out = args.to_vec();
    let off = anstream::AutoStream::choice(&std::io::stdout()) == anstream::ColorChoice::Never;
    let takes_it = args
        .first()
        .is_some_and(|a| COLOR_SUBCOMMANDS.contains(&a.as_str()));
    if off && takes_it && !args.iter().any(|a| a == "-no-color") {
        out.insert(1, "-no-color".to_string());
    }
    out
}

/// Why a terraform run did not give an exit code: it could not start, it was killed by a
/// signal, or petgen was asked to stop while it ran. `code` is petgen's exit code for it.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("cannot run {}: {source}", path.display())]
    Spawn {
        path: PathBuf,
        source: std::io::Error,
    },
    /// petgen received `signal` and passed it on; terraform exited with `status`, if any.
    #[error("stopped by {}: terraform was asked to stop and has exited{}; nothing more was run", signals::name(*signal), status.map_or(String::new(), |c| format!(" (status {c})")))]
    Stopped { signal: i32, status: Option<i32> },
    #[error("terraform was killed by {}; it may have left its state lock behind (terraform force-unlock)", signals::name(*signal))]
    Killed { signal: i32 },
}

impl RunError {
    fn spawn(path: &Path, source: std::io::Error) -> RunError {
        RunError::Spawn {
            path: path.to_path_buf(),
            source,
        }
    }

    /// petgen's exit code for it: 2 when terraform could not start, 128 + the signal's
    /// number when a signal ended the run, as a shell reports it.
    pub fn code(&self) -> u8 {
        match self {
            RunError::Spawn { .. } => 2,
            RunError::Stopped { signal, .. } | RunError::Killed { signal } => {
                128u8.saturating_add(*signal as u8)
            }
        }
    }
}

impl Terraform {
    /// Run terraform in `dir` with output streamed to the user; returns its exit code.
    /// The environment (AWS_* credentials included) passes through untouched and is never
    /// printed. SIGINT, SIGTERM and SIGHUP sent to petgen are passed on to terraform, once,
    /// and petgen waits for it to stop (it releases its state lock); then the run is an error.
    pub fn run(
        &self,
        dir: &Path,
        args: &[String],
        progress: super::Progress,
    ) -> Result<i32, RunError> {
        let args = with_color_choice(args);
        progress(&format!(
            "petgen: running terraform {} (in {})",
            args.join(" "),
            dir.display()
        ));
        let mut cmd = Command::new(&self.path);
        // petgen passes -input=false: terraform never needs the terminal's input, and in a
        // process group of its own it must not try to read it.
        cmd.args(&args).current_dir(dir).stdin(Stdio::null());
        if self.stdout_to_stderr {
            cmd.stdout(std::io::stderr());
        }
        let status =
            signals::run_forwarding(&mut cmd).map_err(|e| RunError::spawn(&self.path, e))?;
        outcome(status)
    }

    /// Run terraform in `dir` and capture its standard output (for `show -json`); errors
    /// still reach the user.
    pub fn capture(&self, dir: &Path, args: &[&str]) -> Result<(i32, Vec<u8>), RunError> {
        let mut cmd = Command::new(&self.path);
        cmd.args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let (status, stdout) =
            signals::output_forwarding(&mut cmd).map_err(|e| RunError::spawn(&self.path, e))?;
        Ok((outcome(status)?, stdout))
    }
}

/// terraform's exit code, or the error for a run that a signal ended.
fn outcome(status: signals::Finished) -> Result<i32, RunError> {
    if let Some(sig) = status.received {
        return Err(RunError::Stopped {
            signal: sig,
            status: status.status.code(),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.status.signal() {
            return Err(RunError::Killed { signal: sig });
        }
    }
    Ok(status.status.code().unwrap_or(1))
}

/// Passing petgen's termination signals on to the terraform it runs.
mod signals {
    use std::process::{Command, ExitStatus};

    pub struct Finished {
        pub status: ExitStatus,
        /// The signal petgen received while terraform ran, if any.
        pub received: Option<i32>,
    }

    pub fn name(sig: i32) -> String {
        match sig {
            1 => "SIGHUP".into(),
            2 => "SIGINT".into(),
            9 => "SIGKILL".into(),
            15 => "SIGTERM".into(),
            n => format!("signal {n}"),
        }
    }

    #[cfg(unix)]
    mod imp {
        use std::sync::atomic::{AtomicI32, Ordering};

        static CHILD: AtomicI32 = AtomicI32::new(0);
        /// The last signal received while terraform ran: how the run ended.
        static RECEIVED: AtomicI32 = AtomicI32::new(0);
        /// A signal received before terraform's pid was known, still to be passed on.
        static PENDING: AtomicI32 = AtomicI32::new(0);
        pub const FORWARDED: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

        extern "C" fn forward(sig: libc::c_int) {
            // Only async-signal-safe calls: atomics and kill(2).
            RECEIVED.store(sig, Ordering::SeqCst);
            let pid = CHILD.load(Ordering::SeqCst);
            if pid > 0 {
                unsafe {
                    libc::kill(pid, sig);
                }
            } else {
                PENDING.store(sig, Ordering::SeqCst);
            }
        }

        /// The handlers in place while a child runs; the old ones come back on drop.
        pub struct Forwarding {
            old: Vec<(libc::c_int, libc::sigaction)>,
        }

        impl Forwarding {
            pub fn install() -> Forwarding {
                RECEIVED.store(0, Ordering::SeqCst);
                PENDING.store(0, Ordering::SeqCst);
                CHILD.store(0, Ordering::SeqCst);
                let mut old = Vec::new();
                for sig in FORWARDED {
                    unsafe {
                        let mut action: libc::sigaction = std::mem::zeroed();
                        action.sa_sigaction = forward as *const () as usize;
                        action.sa_flags = libc::SA_RESTART;
                        libc::sigemptyset(&mut action.sa_mask);
                        let mut previous: libc::sigaction = std::mem::zeroed();
                        if libc::sigaction(sig, &action, &mut previous) == 0 {
                            old.push((sig, previous));
                        }
                    }
                }
                Forwarding { old }
            }

            pub fn child(&self, pid: u32) {
                CHILD.store(pid as i32, Ordering::SeqCst);
                // A signal that arrived before the pid was known is passed on now, once: the
                // handler passes on whatever arrives after.
                let sig = PENDING.swap(0, Ordering::SeqCst);
                if sig != 0 {
                    unsafe {
                        libc::kill(pid as i32, sig);
                    }
                }
            }

            pub fn received(&self) -> Option<i32> {
                Some(RECEIVED.load(Ordering::SeqCst)).filter(|s| *s != 0)
            }
        }

        impl Drop for Forwarding {
            fn drop(&mut self) {
                CHILD.store(0, Ordering::SeqCst);
                for (sig, previous) in &self.old {
                    unsafe {
                        libc::sigaction(*sig, previous, std::ptr::null_mut());
                    }
                }
            }
        }
    }

    /// terraform runs in a process group of its own, so a Ctrl-C at the terminal reaches it
    /// once, through petgen: a second interrupt would make it quit at once, lock held.
    #[cfg(unix)]
    fn own_group(cmd: &mut Command) {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }

    #[cfg(unix)]
    pub fn run_forwarding(cmd: &mut Command) -> std::io::Result<Finished> {
        let guard = imp::Forwarding::install();
        own_group(cmd);
        let mut child = cmd.spawn()?;
        guard.child(child.id());
        let status = child.wait()?;
        Ok(Finished {
            status,
            received: guard.received(),
        })
    }

    #[cfg(unix)]
    pub fn output_forwarding(cmd: &mut Command) -> std::io::Result<(Finished, Vec<u8>)> {
        let guard = imp::Forwarding::install();
        own_group(cmd);
        let child = cmd.spawn()?;
        guard.child(child.id());
        let out = child.wait_with_output()?;
        Ok((
            Finished {
                status: out.status,
                received: guard.received(),
            },
            out.stdout,
        ))
    }

    #[cfg(not(unix))]
    pub fn run_forwarding(cmd: &mut Command) -> std::io::Result<Finished> {
        Ok(Finished {
            status: cmd.status()?,
            received: None,
        })
    }

    #[cfg(not(unix))]
    pub fn output_forwarding(cmd: &mut Command) -> std::io::Result<(Finished, Vec<u8>)> {
        let out = cmd.output()?;
        Ok((
            Finished {
                status: out.status,
                received: None,
            },
            out.stdout,
        ))
    }
}
