//! # LB011 waf-without-known-bad-inputs
//!
//! **What it does.** Flags WAFv2 web ACLs attached to a load balancer or API without the AWS managed Known Bad Inputs rule group (which blocks Log4Shell payloads).
//!
//! **Why.** Log4j-style payloads are still sprayed at every public endpoint; the managed rule group blocks them for a few cents a month.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_wafv2_web_acl" "this" {
//!   name  = "petstore"
//!   scope = "REGIONAL"
//!   default_action {
//!     allow {}
//!   }
//! }
//! ```
//!
//! **Fix.** Add a rule with `managed_rule_group_statement { name = "AWSManagedRulesKnownBadInputsRuleSet", vendor_name = "AWS" }`.
//!
//! checkov: CKV2_AWS_76, CKV2_AWS_77, CKV_AWS_192.

use crate::lint::rules::prelude::*;

declare_rule!(WafKnownBadInputs {
    id: "LB011",
    name: "waf-without-known-bad-inputs",
    category: Security,
    severity: Warning,
    checkov: ["CKV2_AWS_76", "CKV2_AWS_77", "CKV_AWS_192"],
    profile_fix: None,
    source: include_str!("lb011_waf_without_known_bad_inputs.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    fn has_known_bad_inputs(body: &hcl_edit::structure::Body, acl: &Res) -> bool {
        nested_bodies(body).iter().any(|(name, b)| {
            name == "managed_rule_group_statement"
                && string(&acl.value_in(b, "name")).as_deref()
                    == Some("AWSManagedRulesKnownBadInputsRuleSet")
        })
    }
    for acl in ctx.resources("aws_wafv2_web_acl") {
        let attached = referenced_by(
            ctx,
            &acl,
            &["aws_wafv2_web_acl_association"],
            &["web_acl_arn"],
        );
        if attached && !has_known_bad_inputs(acl.body(), &acl) {
            out.push(acl.finding(
                &META,
                acl.pos(),
                format!(
                    "{} does not include AWSManagedRulesKnownBadInputsRuleSet",
                    acl.address
                ),
                "add the Known Bad Inputs managed rule group",
            ));
        }
    }
}
