//! # ACM001 acm-certificate-without-create-before-destroy
//!
//! **What it does.** Flags ACM certificates without `lifecycle { create_before_destroy = true }`.
//!
//! **Why.** A change that replaces a certificate (its domain, key algorithm or validation method) makes terraform delete the old one first, and ACM refuses to delete a certificate a listener or custom domain still uses: the apply stops halfway. Created before destroyed, the new certificate takes over and the old one goes once nothing uses it.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_acm_certificate" "this" {
//!   domain_name       = "pets.example.com"
//!   validation_method = "DNS"
//! }
//! ```
//!
//! **Fix.** Add `lifecycle { create_before_destroy = true }`.
//!
//! checkov: CKV_AWS_233.

use crate::lint::rules::prelude::*;

declare_rule!(CreateBeforeDestroy {
    id: "ACM001",
    name: "acm-certificate-without-create-before-destroy",
    category: Reliability,
    severity: Warning,
    checkov: ["CKV_AWS_233"],
    profile_fix: None,
    source: include_str!("acm001_acm_certificate_without_create_before_destroy.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for cert in ctx.resources("aws_acm_certificate") {
        let on = cert
            .blocks("lifecycle")
            .iter()
            .any(|l| is_true(&cert.value_in(l, "create_before_destroy")));
        if !on {
            out.push(cert.finding(
                &META,
                cert.pos(),
                format!(
                    "{} is deleted before its replacement exists, which ACM refuses while it is in use",
                    cert.address
                ),
                "add lifecycle { create_before_destroy = true }",
            ));
        }
    }
}
