//! The profile's side of the live commands: what `bootstrap`, `preflight`, `token` and
//! `smoke` need from a profile and its deployed root, and how their results are told.

use super::console::{Console, Stop, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::handoff::terraform::{find, Terraform};
use crate::live::bootstrap::{bootstrap as make_bucket, Outcome, StateBucket};
use crate::live::preflight::{self, arn_account, Certificate, NamedAccount, Preflight, Zone};
use crate::live::smoke::{self, Smoke};
use crate::live::token::{sign_in, CodeSource, Pool};
use crate::live::Aws;
use crate::profile::{placeholders, LoadedProfile, Method};
use std::collections::BTreeMap;
use std::path::Path;

/// The state bucket of an S3 backend.
pub fn state_bucket(profile: &LoadedProfile) -> Option<StateBucket> {
    let b = &profile.stack.backend;
    if !b.s3 || b.bucket.is_empty() {
        return None;
    }
    Some(StateBucket {
        bucket: b.bucket.clone(),
        region: b.region.clone(),
        profile: profile.name.clone(),
    })
}

/// `petgen bootstrap`: create the state bucket, or say what is there.
pub fn bootstrap(console: &dyn Console, profile: &LoadedProfile) -> Result<u8, Stop> {
    let Some(bucket) = state_bucket(profile) else {
        console.say(&format!(
            "petgen bootstrap: {} keeps its state in a local file (backend.kind = \"local\"); there is nothing to create",
            profile.path.display()
        ));
        return Ok(EXIT_OK);
    };
    let aws =
        Aws::connect(&bucket.region).map_err(|e| console.fail(&e.to_string(), EXIT_FINDINGS))?;
    let outcome =
        make_bucket(&aws, &bucket).map_err(|e| console.fail(&e.to_string(), EXIT_FINDINGS))?;
    let url = format!("s3://{}", bucket.bucket);
    match outcome {
        Outcome::Created { account } => console.out(&format!(
            "created {url} in {} (account {account}): versioned, encrypted (SSE-S3), public access blocked, TLS-only policy, tagged {}={}\n",
            bucket.region,
            crate::live::bootstrap::OWNER_TAG,
            profile.name
        )),
        Outcome::Kept { account, fixed } if fixed.is_empty() => console.out(&format!(
            "{url} exists in {} (account {account}) as bootstrap made it; nothing to do\n",
            bucket.region
        )),
        Outcome::Kept { account, fixed } => console.out(&format!(
            "{url} exists in {} (account {account}); restored what an earlier run left unfinished: {}\n",
            bucket.region,
            fixed.join("; ")
        )),
        Outcome::Foreign { account, differs } => {
            console.out(&format!(
                "{url} exists in {} (account {account}) and was not made by petgen bootstrap; left as it is\n",
                bucket.region
            ));
            for d in &differs {
                console.say(&format!("warning: {url}: {d}"));
            }
        }
    }
    console.say(&format!(
        "petgen: terraform init can use it now: petgen plan --profile {}",
        profile.name
    ));
    Ok(EXIT_OK)
}

/// What preflight checks for a profile: the accounts in its ARNs, its state bucket, and a
/// certificate it gives.
pub fn preflight_for(profile: &LoadedProfile) -> Preflight {
    let p = &profile.profile;
    let accounts = placeholders::strings(p)
        .into_iter()
        .filter_map(|(key, value)| {
            arn_account(&value).map(|account| NamedAccount {
                key,
                account: account.to_string(),
            })
        })
        .collect();
    let certificate = match (&p.api.certificate_arn, &p.api.domain_name) {
        (Some(arn), Some(domain)) => Some(Certificate {
            arn: arn.clone(),
            domain: domain.clone(),
            region: p.project.region.clone(),
        }),
        _ => None,
    };
    let zone = match (&p.api.hosted_zone_id, &p.api.domain_name) {
        (Some(id), Some(domain)) => Some(Zone {
            id: id.clone(),
            domain: domain.clone(),
        }),
        _ => None,
    };
    Preflight {
        accounts,
        state_bucket: state_bucket(profile),
        certificate,
        zone,
        profile: profile.name.clone(),
    }
}

/// Preflight before terraform: each check one line; a failure stops the flow.
pub fn run_preflight(console: &dyn Console, profile: &LoadedProfile) -> Result<(), Stop> {
    let checks = preflight_for(profile);
    if checks.is_empty() {
        return Ok(());
    }
    let aws = Aws::connect(&profile.profile.project.region)
        .map_err(|e| console.fail(&e.to_string(), EXIT_FINDINGS))?;
    let results = preflight::run(&aws, &checks);
    let failed = results.iter().filter(|c| !c.passed).count();
    for c in &results {
        if c.passed {
            console.progress(&format!("preflight: {}", c.line));
        } else {
            console.say(&format!("preflight: FAIL {}", c.line));
        }
    }
    if failed > 0 {
        return Err(console.fail(
            &format!("preflight: {failed} check(s) failed; terraform was not run\n  hint: --skip-preflight runs terraform anyway (when its credentials are not yours)"),
            EXIT_FINDINGS,
        ));
    }
    Ok(())
}

/// The root's terraform outputs (`terraform output -json`), name → value.
pub fn root_outputs(
    console: &dyn Console,
    terraform: Option<&Path>,
    root: &Path,
) -> Result<BTreeMap<String, serde_json::Value>, Stop> {
    if !root.join(".terraform").is_dir() {
        return Err(console.fail(
            &format!(
                "{} has not been initialised, so its outputs cannot be read\n  hint: apply it first (petgen apply), or give the values as flags",
                root.display()
            ),
            EXIT_USAGE,
        ));
    }
    let tf: Terraform =
        find(terraform, None).map_err(|e| console.fail(&e.to_string(), EXIT_USAGE))?;
    let (code, stdout) = tf
        .capture(root, &["output", "-json"])
        .map_err(|e| console.fail(&e.to_string(), e.code()))?;
    if code != 0 {
        return Err(console.fail(
            &format!(
                "terraform output exited with status {code} in {}",
                root.display()
            ),
            EXIT_FINDINGS,
        ));
    }
    let parsed: BTreeMap<String, serde_json::Value> =
        serde_json::from_slice(&stdout).map_err(|e| {
            console.fail(
                &format!("terraform output -json is not JSON: {e}"),
                EXIT_FINDINGS,
            )
        })?;
    Ok(parsed
        .into_iter()
        .filter_map(|(k, v)| v.get("value").cloned().map(|v| (k, v)))
        .collect())
}

/// A root output that is missing, or not a string.
#[derive(Debug, thiserror::Error)]
#[error("{} has no output {name:?}; has it been applied?", root.display())]
pub struct MissingOutput {
    pub root: std::path::PathBuf,
    pub name: String,
}

/// A string output, or why it is missing.
pub fn output_string(
    outputs: &BTreeMap<String, serde_json::Value>,
    name: &str,
    root: &Path,
) -> Result<String, MissingOutput> {
    outputs
        .get(name)
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .ok_or_else(|| MissingOutput {
            root: root.to_path_buf(),
            name: name.to_string(),
        })
}

/// Sign in and return the access token.
pub fn token(
    console: &dyn Console,
    pool: &Pool,
    region: &str,
    username: &str,
    password: &str,
    codes: &mut dyn CodeSource,
) -> Result<String, Stop> {
    let aws = Aws::connect(region).map_err(|e| console.fail(&e.to_string(), EXIT_FINDINGS))?;
    sign_in(&aws, pool, username, password, codes).map_err(|e| {
        let code = if e.is_input() {
            EXIT_USAGE
        } else {
            EXIT_FINDINGS
        };
        console.fail(&e.to_string(), code)
    })
}

/// Which methods need a token: the profile's, else the design's (POST only).
pub fn protected_methods(profile: Option<&LoadedProfile>) -> (bool, bool) {
    match profile {
        Some(p) => (
            p.profile.api.protected_methods.contains(&Method::Get),
            p.profile.api.protected_methods.contains(&Method::Post),
        ),
        None => (false, true),
    }
}

/// Run the smoke checks and print one line each; exit 0 only when all pass.
pub fn smoke(
    console: &dyn Console,
    base_url: &str,
    token: Option<&str>,
    custom_domain: bool,
    (get_protected, post_protected): (bool, bool),
) -> u8 {
    let pet_id = smoke::fresh_pet_id();
    console.progress(&format!("petgen smoke: {base_url} (pet {pet_id})"));
    let checks = smoke::run(&Smoke {
        base_url,
        token,
        pet_id: &pet_id,
        custom_domain,
        get_protected,
        post_protected,
    });
    for c in &checks {
        console.out(&format!(
            "{} {}\n",
            if c.passed { "ok  " } else { "FAIL" },
            c.line
        ));
    }
    let failed = checks.iter().filter(|c| !c.passed).count();
    if failed == 0 {
        console.say(&format!("petgen smoke: all {} checks passed", checks.len()));
        EXIT_OK
    } else {
        console.say(&format!(
            "petgen smoke: {failed} of {} checks failed",
            checks.len()
        ));
        EXIT_FINDINGS
    }
}
