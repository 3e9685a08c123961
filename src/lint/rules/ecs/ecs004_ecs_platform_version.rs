//! # ECS004 ecs-platform-version
//!
//! **What it does.** Flags Fargate services pinned to a platform version other than `LATEST`.
//!
//! **Why.** Old platform versions miss kernel and runtime security fixes.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_service" "this" {
//!   launch_type      = "FARGATE"
//!   platform_version = "1.3.0"
//! }
//! ```
//!
//! **Fix.** Remove `platform_version` or set it to `LATEST`.
//!
//! checkov: CKV_AWS_332.

use crate::lint::rules::prelude::*;

declare_rule!(PlatformVersion {
    id: "ECS004",
    name: "ecs-platform-version",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_332"],
    profile_fix: None,
    source: include_str!("ecs004_ecs_platform_version.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for s in ctx.resources("aws_ecs_service") {
        if let Some(v) = string(&s.value("platform_version")) {
            if v != "LATEST" {
                out.push(s.finding(
                    &META,
                    s.pos_of("platform_version"),
                    format!("{} pins Fargate platform {v}", s.address),
                    "use LATEST",
                ));
            }
        }
    }
}
