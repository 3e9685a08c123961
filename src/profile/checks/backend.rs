//! The terraform state backend.

use super::{problem, Problem};
use crate::facts::aws::*;
use crate::profile::{BackendKind, Profile};

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
    let b = &p.backend;
    match b.kind {
        BackendKind::Local => {
            for (key, set) in [
                ("backend.bucket", b.bucket.is_some()),
                ("backend.key", b.key.is_some()),
                ("backend.region", b.region.is_some()),
                ("backend.dynamodb_table", b.dynamodb_table.is_some()),
            ] {
                if set {
                    out.push(problem(
                        key,
                        "only used with kind = \"s3\"",
                        "remove it, or set backend.kind = \"s3\"",
                    ));
                }
            }
        }
        BackendKind::S3 => {
            match &b.bucket {
                None => out.push(problem(
                    "backend",
                    "an s3 backend needs `bucket`",
                    "set backend.bucket to the state bucket's name",
                )),
                Some(name) => {
                    let ok = (3..=63).contains(&name.len())
                        && name.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
                        })
                        && name
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric())
                        && name
                            .chars()
                            .last()
                            .is_some_and(|c| c.is_ascii_alphanumeric());
                    if !ok {
                        out.push(problem(
                            "backend.bucket",
                            format!("{name:?} is not a valid S3 bucket name"),
                            "use 3-63 lowercase letters, digits, '-' and '.'",
                        ));
                    }
                }
            }
            if let Some(key) = &b.key {
                if key.trim().is_empty() || key.starts_with('/') || key.ends_with('/') {
                    out.push(problem(
                        "backend.key",
                        format!("{key:?} is not an object key for the state"),
                        "use a relative path that names a file, e.g. \"petstore/prod.tfstate\"",
                    ));
                }
            }
            if let Some(t) = &b.dynamodb_table {
                let ok = (3..=255).contains(&t.len())
                    && t.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
                if !ok {
                    out.push(problem(
                        "backend.dynamodb_table",
                        format!("{t:?} is not a DynamoDB table name"),
                        "use 3-255 letters, digits, '_', '-' and '.'",
                    ));
                }
            }
            if let Some(r) = &b.region {
                if !is_region(r) {
                    out.push(problem(
                        "backend.region",
                        format!("{r:?} is not an AWS region name"),
                        "e.g. \"us-east-1\"",
                    ));
                }
            }
            if !b.use_lockfile && b.dynamodb_table.is_none() {
                out.push(problem(
                    "backend.use_lockfile",
                    "the s3 backend would not lock the state",
                    "set use_lockfile = true or name a dynamodb_table",
                ));
            }
        }
    }
}
