//! # CFG001 config-recorder-incomplete
//!
//! **What it does.** Flags an AWS Config configuration recorder that records nothing or that
//! AWS refuses: the configuration has no delivery channel, no
//! `aws_config_configuration_recorder_status` for the recorder, or a status with
//! `is_enabled = false`; `include_global_resource_types = true` without `all_supported = true`;
//! more than one recorder (a region holds one); a recorder status or delivery channel with no
//! recorder in the configuration.
//!
//! **Why.** A recorder starts stopped. Config records only once a delivery channel exists
//! and the recorder's status turns it on; until then its rules have no configuration items
//! to evaluate and report nothing, which looks the same as everything being compliant. AWS
//! accepts the global-types flag only when every supported type is recorded, and one
//! customer-managed recorder per account and region, so those fail at apply.
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
    let recorders: Vec<_> = ctx.resources("aws_config_configuration_recorder").collect();
    let instances: usize = recorders.iter().map(|r| r.instances().unwrap_or(1)).sum();
    if instances > 1 {
        for rec in &recorders {
            out.push(rec.finding(
                &META,
                rec.pos(),
                format!(
                    "{} is one of {instances} configuration recorders: a region holds one",
                    rec.address
                ),
                "keep one recorder and list every type it should record",
            ));
        }
    }
    if recorders.is_empty() {
        for ty in [
            "aws_config_configuration_recorder_status",
            "aws_config_delivery_channel",
        ] {
            for r in ctx.resources(ty) {
                out.push(r.finding(
                    &META,
                    r.pos(),
                    format!("{} has no configuration recorder to serve", r.address),
                    "add the aws_config_configuration_recorder it belongs to",
                ));
            }
        }
    }
    for rec in &recorders {
        for g in rec.blocks("recording_group") {
            if is_true(&rec.value_in(g, "include_global_resource_types"))
                && is_false(&rec.value_in(g, "all_supported"))
            {
                out.push(rec.finding(
                    &META,
                    rec.pos_in(g, "include_global_resource_types"),
                    format!(
                        "{} records global types without all_supported = true, which AWS refuses",
                        rec.address
                    ),
                    "set all_supported = true, or list the IAM types in resource_types and drop include_global_resource_types",
                ));
            }
        }
    }
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
