//! # ACM002 acm-certificate-transparency-logging-off
//!
//! **What it does.** Flags ACM certificates with `certificate_transparency_logging_preference = "DISABLED"`.
//!
//! **Why.** Browsers distrust a public certificate that is not in the Certificate Transparency logs, and the logs are how a domain's owner spots a certificate issued for it by mistake or by an attacker.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_acm_certificate" "this" {
//!   domain_name       = "pets.example.com"
//!   validation_method = "DNS"
//!   options {
//!     certificate_transparency_logging_preference = "DISABLED"
//!   }
//! }
//! ```
//!
//! **Fix.** Set `certificate_transparency_logging_preference = "ENABLED"`, or leave it out (ENABLED is the default).
//!
//! checkov: CKV_AWS_234.

use crate::lint::rules::prelude::*;

declare_rule!(TransparencyLoggingOff {
    id: "ACM002",
    name: "acm-certificate-transparency-logging-off",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_234"],
    profile_fix: None,
    source: include_str!("acm002_acm_certificate_transparency_logging_off.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for cert in ctx.resources("aws_acm_certificate") {
        for options in cert.blocks("options") {
            let off =
                string(&cert.value_in(options, "certificate_transparency_logging_preference"))
                    .is_some_and(|v| v.eq_ignore_ascii_case("DISABLED"));
            if off {
                out.push(cert.finding(
                    &META,
                    cert.pos(),
                    format!(
                        "{} is kept out of the Certificate Transparency logs",
                        cert.address
                    ),
                    "set certificate_transparency_logging_preference = \"ENABLED\"",
                ));
            }
        }
    }
}
