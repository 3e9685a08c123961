//! # ECS009 ecs-efs-transit-encryption
//!
//! **What it does.** Flags EFS volumes in task definitions without transit encryption.
//!
//! **Why.** NFS traffic is otherwise clear text inside the VPC.
//!
//! **Example.**
//!
//! ```hcl
//! volume {
//!   name = "data"
//!   efs_volume_configuration {
//!     file_system_id = aws_efs_file_system.this.id
//!   }
//! }
//! ```
//!
//! **Fix.** Set `transit_encryption = "ENABLED"`.
//!
//! checkov: CKV_AWS_97.

use crate::lint::rules::prelude::*;

declare_rule!(EfsTransitEncryption {
    id: "ECS009",
    name: "ecs-efs-transit-encryption",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_97"],
    profile_fix: None,
    source: include_str!("ecs009_ecs_efs_transit_encryption.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for td in ctx.resources("aws_ecs_task_definition") {
        for v in td.blocks("volume") {
            for efs in blocks_named(v, "efs_volume_configuration") {
                if string(&td.value_in(efs, "transit_encryption")).as_deref() != Some("ENABLED") {
                    out.push(td.finding(
                        &META,
                        td.pos(),
                        format!(
                            "an EFS volume of {} is not encrypted in transit",
                            td.address
                        ),
                        "set transit_encryption = \"ENABLED\"",
                    ));
                }
            }
        }
    }
}
