//! `petgen bootstrap`: the S3 bucket of the profile's `[backend]`, which `terraform init` needs
//! and cannot create. It is made versioned, encrypted, closed to the public and TLS-only, and
//! tagged as bootstrap's own. A bucket that bootstrap did not make is never changed: what
//! differs from what bootstrap would make is reported instead.

use super::{one_line, status, Aws, AwsError};
use aws_sdk_s3::config::http::HttpResponse;
use aws_sdk_s3::error::SdkError;
use aws_sdk_s3::types::{
    BucketLocationConstraint, BucketVersioningStatus, CreateBucketConfiguration,
    PublicAccessBlockConfiguration, ServerSideEncryption, ServerSideEncryptionByDefault,
    ServerSideEncryptionConfiguration, ServerSideEncryptionRule, Tag, Tagging,
    VersioningConfiguration,
};
use aws_sdk_s3::Client;

/// The tag that marks a bucket as bootstrap's: its value is the profile that asked for it.
pub const OWNER_TAG: &str = "petgen:bootstrap";

/// Why the state bucket could not be found, made or configured. `detail` is the SDK's error
/// as [`one_line`] words it.
#[derive(Debug, thiserror::Error)]
pub enum BootstrapError {
    #[error(transparent)]
    Aws(#[from] AwsError),
    #[error("s3://{bucket} is in {actual}, and the backend says {wanted}; set backend.region = \"{actual}\"")]
    OtherRegion {
        bucket: String,
        actual: String,
        wanted: String,
    },
    #[error("s3://{bucket} is in another region than {wanted}; set backend.region to the bucket's region")]
    Moved { bucket: String, wanted: String },
    #[error("s3://{bucket} exists, but not in account {account} (or these credentials may not read it); S3 names are global: choose another backend.bucket, e.g. with your account ID in it")]
    NotInAccount { bucket: String, account: String },
    #[error("cannot look up s3://{bucket}: {detail}")]
    Lookup { bucket: String, detail: String },
    #[error("s3://{bucket} belongs to another account; S3 names are global: choose another backend.bucket, e.g. with your account ID in it")]
    Taken { bucket: String },
    #[error("cannot create s3://{bucket}: {detail}")]
    Create { bucket: String, detail: String },
    /// A request petgen built is incomplete: a bug, said as the SDK says it.
    #[error("{0}")]
    Build(#[source] aws_sdk_s3::error::BuildError),
    #[error("cannot tag s3://{bucket}: {detail}")]
    Tag { bucket: String, detail: String },
    #[error("cannot read s3://{bucket}'s versioning: {detail}")]
    ReadVersioning { bucket: String, detail: String },
    /// `what` names the setting: "enable versioning", "block public access", ...
    #[error("cannot {what} on s3://{bucket}: {detail}")]
    Configure {
        what: &'static str,
        bucket: String,
        detail: String,
    },
}

/// The state bucket a profile's backend names.
#[derive(Debug, Clone)]
pub struct StateBucket {
    pub bucket: String,
    /// The backend's region.
    pub region: String,
    /// The profile, recorded in the bucket's tag.
    pub profile: String,
}

/// What bootstrap did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The bucket was created, with every setting.
    Created { account: String },
    /// The bucket was bootstrap's already; `fixed` lists the settings it had to restore.
    Kept { account: String, fixed: Vec<String> },
    /// Somebody else's bucket in the caller's account: left alone; `differs` lists what is
    /// not as bootstrap makes it.
    Foreign {
        account: String,
        differs: Vec<String>,
    },
}

/// Where a bucket is, as HeadBucket sees it.
pub enum Existing {
    /// In the caller's account, in this region.
    Ours,
    Missing,
}

/// Whether `b` exists for `account`. Errors name the fix: another account's bucket, another
/// region, no permission.
pub fn locate(
    aws: &Aws,
    s3: &Client,
    b: &StateBucket,
    account: &str,
) -> Result<Existing, BootstrapError> {
    let head = aws.run(
        s3.head_bucket()
            .bucket(&b.bucket)
            .expected_bucket_owner(account)
            .send(),
    );
    match head {
        Ok(out) => match out.bucket_region() {
            Some(r) if r != b.region => Err(BootstrapError::OtherRegion {
                bucket: b.bucket.clone(),
                actual: r.to_string(),
                wanted: b.region.clone(),
            }),
            _ => Ok(Existing::Ours),
        },
        Err(e) => match status(&e) {
            Some(404) => Ok(Existing::Missing),
            Some(301) => Err(BootstrapError::Moved {
                bucket: b.bucket.clone(),
                wanted: b.region.clone(),
            }),
            Some(403) => Err(BootstrapError::NotInAccount {
                bucket: b.bucket.clone(),
                account: account.to_string(),
            }),
            _ => Err(BootstrapError::Lookup {
                bucket: b.bucket.clone(),
                detail: one_line(&e),
            }),
        },
    }
}

/// Create the bucket, or check the one there. Idempotent.
pub fn bootstrap(aws: &Aws, b: &StateBucket) -> Result<Outcome, BootstrapError> {
    let account = aws.caller_account()?;
    let config = aws.in_region(&b.region);
    let s3 = Client::new(&config);
    match locate(aws, &s3, b, &account)? {
        Existing::Missing => {
            create(aws, &s3, b)?;
            configure(aws, &s3, b, &Settings::default())?;
            Ok(Outcome::Created { account })
        }
        Existing::Ours => {
            let settings = inspect(aws, &s3, b)?;
            let differs = settings.differences();
            if settings.bootstrapped {
                configure(aws, &s3, b, &settings)?;
                // A policy of the bucket's own is left as it is, so its lack of a TLS rule is
                // not fixed, only said.
                let fixed = differs
                    .into_iter()
                    .map(|d| {
                        if d.contains("deny requests without TLS") && settings.has_policy {
                            format!("{d} (its policy is left as it is: add the statement yourself)")
                        } else {
                            d
                        }
                    })
                    .collect();
                Ok(Outcome::Kept { account, fixed })
            } else {
                Ok(Outcome::Foreign { account, differs })
            }
        }
    }
}

fn create(aws: &Aws, s3: &Client, b: &StateBucket) -> Result<(), BootstrapError> {
    let mut req = s3.create_bucket().bucket(&b.bucket);
    // us-east-1 is the one region S3 refuses to be named in.
    if b.region != "us-east-1" {
        req = req.create_bucket_configuration(
            CreateBucketConfiguration::builder()
                .location_constraint(BucketLocationConstraint::from(b.region.as_str()))
                .build(),
        );
    }
    match aws.run(req.send()) {
        Ok(_) => {}
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_bucket_already_owned_by_you()) => {}
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_bucket_already_exists()) =>
        {
            return Err(BootstrapError::Taken {
                bucket: b.bucket.clone(),
            })
        }
        Err(e) => {
            return Err(BootstrapError::Create {
                bucket: b.bucket.clone(),
                detail: one_line(&e),
            })
        }
    }
    // The tag first: a run stopped after it still knows the bucket as its own next time.
    let tagging = Tagging::builder()
        .tag_set(
            Tag::builder()
                .key(OWNER_TAG)
                .value(&b.profile)
                .build()
                .map_err(BootstrapError::Build)?,
        )
        .build()
        .map_err(BootstrapError::Build)?;
    aws.run(
        s3.put_bucket_tagging()
            .bucket(&b.bucket)
            .tagging(tagging)
            .send(),
    )
    .map_err(|e| BootstrapError::Tag {
        bucket: b.bucket.clone(),
        detail: one_line(&e),
    })?;
    Ok(())
}

/// The settings of a bucket that bootstrap cares about.
#[derive(Debug, Default)]
struct Settings {
    bootstrapped: bool,
    versioned: bool,
    encrypted: bool,
    public_blocked: bool,
    tls_only: bool,
    /// Some policy is there: bootstrap never replaces one, even its own, since its
    /// statements may have been added to.
    has_policy: bool,
}

impl Settings {
    fn differences(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.versioned {
            out.push("versioning is not enabled (an overwritten state cannot be recovered)".into());
        }
        if !self.encrypted {
            out.push("no default encryption".into());
        }
        if !self.public_blocked {
            out.push("public access is not blocked in all four ways".into());
        }
        if !self.tls_only {
            out.push("the bucket policy does not deny requests without TLS".into());
        }
        out
    }
}

/// The body of a successful answer the SDK could not read. Some S3-compatible servers name
/// an answer's root element differently from S3; its content is still the answer.
fn unread_body<E>(e: &SdkError<E, HttpResponse>) -> Option<String> {
    let raw = e.raw_response()?;
    if raw.status().as_u16() != 200 {
        return None;
    }
    raw.body()
        .bytes()
        .map(|b| String::from_utf8_lossy(b).into_owned())
}

/// A getter's answer as text, whether the SDK read it or not: `Ok(None)` when the setting
/// is absent (S3 answers 404 for an unset encryption, policy or public access block).
fn setting<T, E>(
    result: Result<T, SdkError<E, HttpResponse>>,
    read: impl Fn(&T) -> String,
) -> Option<String> {
    match result {
        Ok(out) => Some(read(&out)),
        Err(e) => unread_body(&e),
    }
}

fn inspect(aws: &Aws, s3: &Client, b: &StateBucket) -> Result<Settings, BootstrapError> {
    let name = &b.bucket;
    let tags = setting(aws.run(s3.get_bucket_tagging().bucket(name).send()), |t| {
        t.tag_set()
            .iter()
            .map(|t| format!("<Key>{}</Key>", t.key()))
            .collect()
    });
    let bootstrapped = tags.is_some_and(|t| t.contains(&format!("<Key>{OWNER_TAG}</Key>")));
    let versioning = aws.run(s3.get_bucket_versioning().bucket(name).send());
    if let Err(e) = &versioning {
        if unread_body(e).is_none() {
            return Err(BootstrapError::ReadVersioning {
                bucket: name.clone(),
                detail: one_line(e),
            });
        }
    }
    let versioned = setting(versioning, |o| {
        format!(
            "<Status>{}</Status>",
            o.status().map(|s| s.as_str()).unwrap_or_default()
        )
    })
    .is_some_and(|v| v.contains("<Status>Enabled</Status>"));
    let encrypted = setting(
        aws.run(s3.get_bucket_encryption().bucket(name).send()),
        |o| {
            let rules = o
                .server_side_encryption_configuration()
                .map(|c| c.rules().len())
                .unwrap_or(0);
            "<SSEAlgorithm>".repeat(rules)
        },
    )
    .is_some_and(|v| v.contains("<SSEAlgorithm>"));
    let public_blocked = setting(
        aws.run(s3.get_public_access_block().bucket(name).send()),
        |o| {
            let c = o.public_access_block_configuration();
            [
                ("BlockPublicAcls", c.and_then(|c| c.block_public_acls())),
                ("IgnorePublicAcls", c.and_then(|c| c.ignore_public_acls())),
                ("BlockPublicPolicy", c.and_then(|c| c.block_public_policy())),
                (
                    "RestrictPublicBuckets",
                    c.and_then(|c| c.restrict_public_buckets()),
                ),
            ]
            .iter()
            .map(|(k, v)| format!("<{k}>{}</{k}>", v.unwrap_or(false)))
            .collect()
        },
    )
    .is_some_and(|v| {
        [
            "BlockPublicAcls",
            "IgnorePublicAcls",
            "BlockPublicPolicy",
            "RestrictPublicBuckets",
        ]
        .iter()
        .all(|k| v.contains(&format!("<{k}>true</{k}>")))
    });
    let policy = setting(aws.run(s3.get_bucket_policy().bucket(name).send()), |o| {
        o.policy().unwrap_or_default().to_string()
    });
    let tls_only = policy.as_deref().is_some_and(denies_plain_http);
    let has_policy = policy.is_some_and(|p| !p.trim().is_empty());
    Ok(Settings {
        bootstrapped,
        versioned,
        encrypted,
        public_blocked,
        tls_only,
        has_policy,
    })
}

/// Whether a bucket policy denies every request made without TLS.
pub fn denies_plain_http(policy: &str) -> bool {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(policy) else {
        return false;
    };
    let statements = match &doc["Statement"] {
        serde_json::Value::Array(a) => a.clone(),
        s @ serde_json::Value::Object(_) => vec![s.clone()],
        _ => return false,
    };
    // One value or a list of them, compared as IAM does for these keys: case aside.
    let any_of = |v: &serde_json::Value, wanted: &[&str]| -> bool {
        let one = |x: &serde_json::Value| match x {
            serde_json::Value::String(t) => wanted.iter().any(|w| t.eq_ignore_ascii_case(w)),
            serde_json::Value::Bool(b) => wanted.contains(&if *b { "true" } else { "false" }),
            _ => false,
        };
        match v {
            serde_json::Value::Array(items) => items.iter().any(one),
            other => one(other),
        }
    };
    statements.iter().any(|s| {
        let everyone = any_of(&s["Principal"], &["*"]) || any_of(&s["Principal"]["AWS"], &["*"]);
        let all_actions = any_of(&s["Action"], &["s3:*", "*"]);
        let cond = &s["Condition"]["Bool"]["aws:SecureTransport"];
        any_of(&s["Effect"], &["Deny"]) && everyone && all_actions && any_of(cond, &["false"])
    })
}

/// The partition of a region, for the bucket's ARN.
fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// The TLS-only bucket policy.
pub fn tls_only_policy(bucket: &str, region: &str) -> String {
    let arn = format!("arn:{}:s3:::{bucket}", partition(region));
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [arn.clone(), format!("{arn}/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }]
    })
    .to_string()
}

/// Set every setting that `have` lacks.
fn configure(
    aws: &Aws,
    s3: &Client,
    b: &StateBucket,
    have: &Settings,
) -> Result<(), BootstrapError> {
    let name = &b.bucket;
    let fail = |what: &'static str, detail: String| BootstrapError::Configure {
        what,
        bucket: name.clone(),
        detail,
    };
    if !have.public_blocked {
        aws.run(
            s3.put_public_access_block()
                .bucket(name)
                .public_access_block_configuration(
                    PublicAccessBlockConfiguration::builder()
                        .block_public_acls(true)
                        .ignore_public_acls(true)
                        .block_public_policy(true)
                        .restrict_public_buckets(true)
                        .build(),
                )
                .send(),
        )
        .map_err(|e| fail("block public access", one_line(&e)))?;
    }
    if !have.versioned {
        aws.run(
            s3.put_bucket_versioning()
                .bucket(name)
                .versioning_configuration(
                    VersioningConfiguration::builder()
                        .status(BucketVersioningStatus::Enabled)
                        .build(),
                )
                .send(),
        )
        .map_err(|e| fail("enable versioning", one_line(&e)))?;
    }
    if !have.encrypted {
        let rule = ServerSideEncryptionRule::builder()
            .apply_server_side_encryption_by_default(
                ServerSideEncryptionByDefault::builder()
                    .sse_algorithm(ServerSideEncryption::Aes256)
                    .build()
                    .map_err(BootstrapError::Build)?,
            )
            .build();
        aws.run(
            s3.put_bucket_encryption()
                .bucket(name)
                .server_side_encryption_configuration(
                    ServerSideEncryptionConfiguration::builder()
                        .rules(rule)
                        .build()
                        .map_err(BootstrapError::Build)?,
                )
                .send(),
        )
        .map_err(|e| fail("set default encryption", one_line(&e)))?;
    }
    if !have.tls_only && !have.has_policy {
        aws.run(
            s3.put_bucket_policy()
                .bucket(name)
                .policy(tls_only_policy(name, &b.region))
                .send(),
        )
        .map_err(|e| fail("set the TLS-only policy", one_line(&e)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_bootstrap_writes_is_one_it_recognises() {
        assert!(denies_plain_http(&tls_only_policy("b", "eu-west-1")));
        assert!(tls_only_policy("b", "cn-north-1").contains("arn:aws-cn:s3:::b/*"));
        assert!(!denies_plain_http(
            r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*"}}"#
        ));
        assert!(!denies_plain_http("not json"));
        assert!(denies_plain_http(
            r#"{"Statement":[{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":"*","Condition":{"Bool":{"aws:SecureTransport":["False"]}}}]}"#
        ));
    }
}
