//! # ACM003 acm-certificate-wildcard
//!
//! **What it does.** Flags ACM certificates whose domain name or subject alternative names hold a wildcard (`*.example.com`).
//!
//! **Why.** A wildcard certificate vouches for every host under the domain: whoever gets its key, or any service it is attached to, can pose as all of them. The API answers on one name, and a certificate for that name alone limits the damage.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_acm_certificate" "this" {
//!   domain_name       = "*.example.com"
//!   validation_method = "DNS"
//! }
//! ```
//!
//! **Fix.** Name the host itself, e.g. `domain_name = "pets.example.com"`.
//!
//! checkov: CKV2_AWS_71.

use crate::lint::rules::prelude::*;

declare_rule!(Wildcard {
    id: "ACM003",
    name: "acm-certificate-wildcard",
    category: Security,
    severity: Info,
    checkov: ["CKV2_AWS_71"],
    profile_fix: None,
    source: include_str!("acm003_acm_certificate_wildcard.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for cert in ctx.resources("aws_acm_certificate") {
        let mut names = strings(&cert.value("subject_alternative_names"));
        names.extend(string(&cert.value("domain_name")));
        if let Some(wild) = names.iter().find(|n| n.contains('*')) {
            out.push(cert.finding(
                &META,
                cert.pos_of("domain_name"),
                format!(
                    "{} covers {wild}: every host under the domain",
                    cert.address
                ),
                "name the host the API answers on instead of a wildcard",
            ));
        }
    }
}
