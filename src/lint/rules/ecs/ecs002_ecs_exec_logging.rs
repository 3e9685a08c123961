//! # ECS002 ecs-exec-logging
//!
//! **What it does.** Checks the cluster's ECS Exec configuration: logging must not be `NONE`, and overridden logging must be encrypted with a KMS key.
//!
//! **Why.** ECS Exec opens a shell in production containers; without encrypted session logs there is no trustworthy record of what was run.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_cluster" "this" {
//!   name = "petstore"
//!   configuration {
//!     execute_command_configuration {
//!       logging = "NONE"
//!     }
//!   }
//! }
//! ```
//!
//! **Fix.** Set `logging = "OVERRIDE"` with a `kms_key_id` and an encrypted `log_configuration`, or `DEFAULT`.
//!
//! checkov: CKV_AWS_223, CKV_AWS_224.

use crate::lint::rules::prelude::*;

declare_rule!(ExecLogging {
    id: "ECS002",
    name: "ecs-exec-logging",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_223", "CKV_AWS_224"],
    profile_fix: None,
    source: include_str!("ecs002_ecs_exec_logging.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for c in ctx.resources("aws_ecs_cluster") {
        for conf in c.blocks("configuration") {
            for exec in blocks_named(conf, "execute_command_configuration") {
                let logging = string(&c.value_in(exec, "logging"));
                if logging.as_deref() == Some("NONE") {
                    out.push(c.finding(
                        &META,
                        c.pos_in(exec, "logging"),
                        format!("{} disables ECS Exec session logging", c.address),
                        "set logging = \"DEFAULT\" or \"OVERRIDE\"",
                    ));
                } else if logging.as_deref() == Some("OVERRIDE") {
                    let encrypted = blocks_named(exec, "log_configuration").iter().any(|l| {
                        is_true(&c.value_in(l, "cloud_watch_encryption_enabled"))
                            || is_true(&c.value_in(l, "s3_bucket_encryption_enabled"))
                    });
                    if exec.get_attribute("kms_key_id").is_none() || !encrypted {
                        out.push(c.finding(
                            &META,
                            c.pos(),
                            format!(
                                "{} logs ECS Exec sessions without KMS encryption",
                                c.address
                            ),
                            "set kms_key_id and enable log encryption",
                        ));
                    }
                }
            }
        }
    }
}
