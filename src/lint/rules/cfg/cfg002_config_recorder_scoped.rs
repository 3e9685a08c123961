//! # CFG002 config-recorder-scoped
//!
//! **What it does.** Flags an enabled recorder status whose recorder records a list of
//! resource types (`recording_group { all_supported = false }`) rather than every type Config
//! supports. A recorder that lists the types it leaves out (`EXCLUSION_BY_RESOURCE_TYPES`) is
//! not flagged.
//!
//! **Why.** A recorder that lists its types records nothing else: a resource of another type
//! created in the account, by hand or by another tool, leaves no configuration history and no
//! rule evaluates it. Recording every type is the account-wide default AWS recommends.
//!
//! petgen scopes its recorder on purpose: Config bills every configuration item, so recording
//! every type would bill for every change anywhere in the account and region. petgen records
//! the types its stack renders, which is what its rules evaluate; waive this rule with that
//! reason, or record everything with an account-wide recorder managed outside the stack.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_config_configuration_recorder" "this" {
//!   name     = "petstore"
//!   role_arn = aws_iam_role.config.arn
//!
//!   recording_group {
//!     all_supported  = false
//!     resource_types = ["AWS::DynamoDB::Table"]
//!   }
//! }
//!
//! resource "aws_config_configuration_recorder_status" "this" {
//!   name       = aws_config_configuration_recorder.this.name
//!   is_enabled = true
//! }
//! ```
//!
//! **Fix.** Set `all_supported = true` and remove `resource_types`, where the account has no
//! other recorder and the price of every change is accepted.
//!
//! checkov: CKV2_AWS_45, reported on the recorder status as checkov does.

use super::{recorder_of, records_by_exclusion};
use crate::lint::rules::prelude::*;

declare_rule!(RecorderScoped {
    id: "CFG002",
    name: "config-recorder-scoped",
    category: Security,
    severity: Info,
    checkov: ["CKV2_AWS_45"],
    profile_fix: None,
    source: include_str!("cfg002_config_recorder_scoped.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for status in ctx.resources("aws_config_configuration_recorder_status") {
        if is_false(&status.value("is_enabled")) {
            continue; // CFG001's finding.
        }
        let Some(rec) = recorder_of(ctx, &status) else {
            continue;
        };
        if records_by_exclusion(&rec) {
            continue;
        }
        let scoped = rec
            .blocks("recording_group")
            .into_iter()
            .any(|g| is_false(&rec.value_in(g, "all_supported")));
        if scoped {
            out.push(status.finding(
                &META,
                status.pos(),
                format!(
                    "{} records only the types {} lists",
                    status.address, rec.address
                ),
                "set recording_group.all_supported = true, or waive: a scoped recorder bills only for the stack's types",
            ));
        }
    }
}
