//! # NET009 nacl-unattached
//!
//! **What it does.** Flags network ACLs attached to no subnet.
//!
//! **Why.** An ACL that filters nothing gives a false sense of protection and hides which rules really apply.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_network_acl" "this" {
//!   vpc_id = aws_vpc.this.id
//! }
//! ```
//!
//! **Fix.** Set `subnet_ids`, add an `aws_network_acl_association`, or remove the ACL.
//!
//! checkov: CKV2_AWS_1.

use crate::lint::rules::prelude::*;

declare_rule!(NaclUnattached {
    id: "NET009",
    name: "nacl-unattached",
    category: Security,
    severity: Info,
    checkov: ["CKV2_AWS_1"],
    profile_fix: None,
    source: include_str!("net009_nacl_unattached.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for acl in ctx.resources("aws_network_acl") {
        if acl.attr("subnet_ids").is_none()
            && !referenced_by(
                ctx,
                &acl,
                &["aws_network_acl_association"],
                &["network_acl_id"],
            )
        {
            out.push(acl.finding(
                &META,
                acl.pos(),
                format!("{} is attached to no subnet", acl.address),
                "attach it to subnets or remove it",
            ));
        }
    }
}
