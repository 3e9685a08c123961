//! # CFG003 config-recorder-without-global-types
//!
//! **What it does.** Flags a configuration recorder whose recording group does not set
//! `include_global_resource_types = true`. A recorder that lists the types it leaves out
//! (`EXCLUSION_BY_RESOURCE_TYPES`) records global types unless it lists them, and is not
//! flagged.
//!
//! **Why.** IAM users, groups, roles and policies are global: a recorder records them only
//! when told to. Without them, a role whose trust policy is widened after apply leaves no
//! trace in Config.
//!
//! AWS accepts `include_global_resource_types = true` only with `all_supported = true`. A
//! recorder that lists its types (as petgen's does, see CFG002) records the global types it
//! lists, `AWS::IAM::Role` among them, whatever this flag says; waive this rule with that
//! reason. Record global types in one region only, or every region bills for each IAM change.
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
//! **Fix.** In the one region that records global types, set `recording_group {
//! all_supported = true, include_global_resource_types = true }`; elsewhere, list the IAM
//! types the stack uses in `resource_types`.
//!
//! checkov: CKV2_AWS_48.

use super::records_by_exclusion;
use crate::lint::rules::prelude::*;

declare_rule!(RecorderWithoutGlobalTypes {
    id: "CFG003",
    name: "config-recorder-without-global-types",
    category: Security,
    severity: Info,
    checkov: ["CKV2_AWS_48"],
    profile_fix: None,
    source: include_str!("cfg003_config_recorder_without_global_types.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for rec in ctx.resources("aws_config_configuration_recorder") {
        if records_by_exclusion(&rec) {
            continue;
        }
        let pos = match rec.blocks("recording_group").first() {
            None => rec.pos(),
            Some(g) => match (
                g.get_attribute("include_global_resource_types"),
                rec.value_in(g, "include_global_resource_types"),
            ) {
                (None, _) => rec.pos(),
                (Some(_), v @ Some(_)) if !is_true(&v) => {
                    rec.pos_in(g, "include_global_resource_types")
                }
                // `true`, or a variable or expression a plan may set either way.
                (Some(_), _) => continue,
            },
        };
        out.push(rec.finding(
            &META,
            pos,
            format!("{} does not record global (IAM) types", rec.address),
            "set recording_group { all_supported = true, include_global_resource_types = true } in the one region that records them, or list the IAM types in resource_types",
        ));
    }
}
