//! # SG001 security-group-description
//!
//! **What it does.** Checks that security groups and their rules have descriptions.
//!
//! **Why.** A rule without a description cannot be reviewed: nobody can tell whether it is still needed.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_security_group" "tasks" {
//!   name   = "tasks"
//!   vpc_id = aws_vpc.this.id
//! }
//! ```
//!
//! **Fix.** Set `description` on the group and on every rule.
//!
//! checkov: CKV_AWS_23.

use crate::lint::rules::prelude::*;

declare_rule!(Description {
    id: "SG001",
    name: "security-group-description",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_23"],
    profile_fix: None,
    source: include_str!("sg001_security_group_description.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for sg in ctx.resources("aws_security_group") {
        if sg.attr("description").is_none() {
            out.push(sg.finding(
                &META,
                sg.pos(),
                format!("{} has no description", sg.address),
                "add description = \"...\"",
            ));
        }
    }
    for rule in super::rules(ctx) {
        if !rule.described {
            out.push(rule.res.finding(
                &META,
                rule.pos,
                format!("a rule of {} has no description", rule.res.address),
                "add description = \"...\" to the rule",
            ));
        }
    }
}
