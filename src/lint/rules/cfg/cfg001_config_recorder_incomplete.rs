//! # CFG001 config-recorder-incomplete
//!
//! **What it does.** Flags an AWS Config configuration recorder that records nothing: the
//! configuration has no delivery channel, no `aws_config_configuration_recorder_status` for
//! the recorder, or a status with `is_enabled = false`.
//!
//! **Why.** A recorder starts stopped. Config records only once a delivery channel exists
//! and the recorder's status turns it on; until then its rules have no configuration items
//! to evaluate and report nothing, which looks the same as everything being compliant.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_config_configuration_recorder" "this" {
//!   name     = "petstore"
//!   role_arn = aws_iam_role.config.arn
//! }
//! ```
//!
//! **Fix.** Add an `aws_config_delivery_channel` to an S3 bucket, and an
//! `aws_config_configuration_recorder_status` with `name` set to the recorder's name and
//! `is_enabled = true` that `depends_on` the delivery channel.
//!
//! In a petgen profile: `audit.config = true` renders all three.
//!
//! checkov has no equivalent check. CKV2_AWS_45 fails a status with `is_enabled` not true,
//! but passes a recorder that has no status or no delivery channel at all.

use super::recorder_of;
use crate::lint::rules::prelude::*;

declare_rule!(RecorderIncomplete {
    id: "CFG001",
    name: "config-recorder-incomplete",
    category: Reliability,
    severity: Error,
    checkov: [],
    profile_fix: Some("audit.config = true"),
    source: include_str!("cfg001_config_recorder_incomplete.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let has_channel = ctx
        .resources("aws_config_delivery_channel")
        .next()
        .is_some();
    let statuses: Vec<_> = ctx
        .resources("aws_config_configuration_recorder_status")
        .collect();
    for rec in ctx.resources("aws_config_configuration_recorder") {
        if !has_channel {
            out.push(rec.finding(
                &META,
                rec.pos(),
                format!(
                    "{} has no delivery channel: Config does not start recording without one",
                    rec.address
                ),
                "add an aws_config_delivery_channel to an S3 bucket",
            ));
        }
        let own: Vec<_> = statuses
            .iter()
            .filter(|s| recorder_of(ctx, s).is_some_and(|r| r.address == rec.address))
            .collect();
        if own.is_empty() {
            out.push(rec.finding(
                &META,
                rec.pos(),
                format!(
                    "{} has no recorder status: a recorder is created stopped",
                    rec.address
                ),
                "add an aws_config_configuration_recorder_status naming it, with is_enabled = true",
            ));
        }
        for status in own {
            if is_false(&status.value("is_enabled")) {
                out.push(status.finding(
                    &META,
                    status.pos_of("is_enabled"),
                    format!("{} stops the recorder {}", status.address, rec.address),
                    "set is_enabled = true",
                ));
            }
        }
    }
}
