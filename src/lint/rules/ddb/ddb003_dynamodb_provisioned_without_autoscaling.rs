//! # DDB003 dynamodb-provisioned-without-autoscaling
//!
//! **What it does.** Flags PROVISIONED tables with no `aws_appautoscaling_target` for them.
//!
//! **Why.** Fixed capacity is paid for around the clock whether used or not, and requests beyond it are throttled.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_dynamodb_table" "pets" {
//!   billing_mode   = "PROVISIONED"
//!   read_capacity  = 50
//!   write_capacity = 50
//! }
//! ```
//!
//! **Fix.** Use `PAY_PER_REQUEST`, or add application autoscaling targets and policies for read and write capacity.
//!
//! In a petgen profile: `data.billing_mode = "PAY_PER_REQUEST"`.
//!
//! checkov: CKV2_AWS_16.

use crate::lint::rules::prelude::*;

declare_rule!(ProvisionedAutoscaling {
    id: "DDB003",
    name: "dynamodb-provisioned-without-autoscaling",
    category: Cost,
    severity: Warning,
    checkov: ["CKV2_AWS_16"],
    profile_fix: Some("data.billing_mode = \"PAY_PER_REQUEST\""),
    source: include_str!("ddb003_dynamodb_provisioned_without_autoscaling.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx.resources("aws_dynamodb_table") {
        if string(&t.value("billing_mode")).as_deref() != Some("PROVISIONED") {
            continue;
        }
        let scaled = ctx.resources("aws_appautoscaling_target").any(|a| {
            string(&a.value("service_namespace")).as_deref() == Some("dynamodb")
                && (a.trace("resource_id").iter().any(|x| t.is(x))
                    || string(&a.value("resource_id")).is_some_and(|r| {
                        string(&t.value("name")).is_some_and(|n| r == format!("table/{n}"))
                    }))
        });
        if !scaled {
            out.push(t.finding(
                &META,
                t.pos_of("billing_mode"),
                format!("{} has fixed provisioned capacity", t.address),
                "use PAY_PER_REQUEST or add autoscaling",
            ));
        }
    }
}
