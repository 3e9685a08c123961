//! # BKD002 s3-backend-generic-bucket-name
//!
//! **What it does.** Flags S3 state backends whose bucket name has no account- or organisation-specific part: no run of six or more digits (such as the account ID) and at most three words.
//!
//! **Why.** S3 bucket names are global across every AWS account. A generic name such as `petstore-terraform-state` is probably taken by someone else, and `terraform init` then fails with 403 Forbidden, or, worse, finds a bucket it may write to.
//!
//! **Example.**
//!
//! ```hcl
//! terraform {
//!   backend "s3" {
//!     bucket = "terraform-state"
//!   }
//! }
//! ```
//!
//! **Fix.** Name it `<org>-<account id>-<region>-tfstate`, e.g. `acme-123456789012-us-east-1-tfstate`. In a petgen profile, `backend.bucket`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(GenericBucketName {
    id: "BKD002",
    name: "s3-backend-generic-bucket-name",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: Some("backend.bucket = \"<org>-<account id>-<region>-tfstate\""),
    source: include_str!("bkd002_s3_backend_generic_bucket_name.rs"),
});

/// A name with something only its owner would use: a run of 6+ digits, or more than three
/// words.
fn specific(name: &str) -> bool {
    let digits = name
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() >= 6);
    let words = name
        .split(['-', '.', '_'])
        .filter(|w| !w.is_empty())
        .count();
    digits || words > 3
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (_, module) in ctx.index.iter() {
        for block in module.blocks_of(crate::hcl::BlockKind::Terraform) {
            for backend in block.body.blocks().filter(|b| {
                b.ident.as_str() == "backend" && b.labels.first().map(|l| l.as_str()) == Some("s3")
            }) {
                let res = Res::from_parts(ctx, module, block.clone());
                let Some(name) = string(&res.value_in(&backend.body, "bucket")) else {
                    continue;
                };
                if specific(&name) {
                    continue;
                }
                let pos = crate::hcl::Pos {
                    file: block.pos.file,
                    offset: offset_of(backend),
                };
                let mut f = finding_at(
                    &META,
                    module.location(pos),
                    "terraform.backend.s3",
                    format!("the state bucket name {name:?} is generic: S3 names are global, and it is probably taken"),
                    "name it <org>-<account id>-<region>-tfstate",
                );
                f.snippet = module.line_of(pos).to_string();
                out.push(f);
            }
        }
    }
}
