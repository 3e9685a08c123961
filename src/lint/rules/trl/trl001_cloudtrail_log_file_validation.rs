//! # TRL001 cloudtrail-log-file-validation
//!
//! **What it does.** Flags CloudTrail trails without log file validation.
//!
//! **Why.** Without digest files nobody can prove that a log file was not changed or deleted after CloudTrail delivered it, which is what an audit trail is for.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudtrail" "table" {
//!   name           = "pets-data-events"
//!   s3_bucket_name = "pets-trail"
//! }
//! ```
//!
//! **Fix.** Set `enable_log_file_validation = true`.
//!
//! checkov: CKV_AWS_36.

use crate::lint::rules::prelude::*;

declare_rule!(LogFileValidation {
    id: "TRL001",
    name: "cloudtrail-log-file-validation",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_36"],
    profile_fix: None,
    source: include_str!("trl001_cloudtrail_log_file_validation.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx.resources("aws_cloudtrail") {
        if !is_true(&t.value("enable_log_file_validation")) {
            out.push(t.finding(
                &META,
                t.pos_of("enable_log_file_validation"),
                format!("{} does not validate its log files", t.address),
                "set enable_log_file_validation = true",
            ));
        }
    }
}
