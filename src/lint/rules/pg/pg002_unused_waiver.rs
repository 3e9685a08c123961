//! # PG002 unused-waiver
//!
//! **What it does.** Reports a profile waiver that matches no finding.
//!
//! **Why.** A stale waiver would silently hide the finding if it came back for another reason.
//!
//! **Example.**
//!
//! ```hcl
//! [[waivers]]
//! rule     = "NET001"
//! resource = "module.network.aws_vpc.this"
//! reason   = "flow logs come later"   # but flow logs are on
//! ```
//!
//! **Fix.** Remove the waiver.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(UnusedWaiver {
    id: "PG002",
    name: "unused-waiver",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("pg002_unused_waiver.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // Reported by the waiver engine (`lint::waivers`), which sees every suppression.
    let _ = (ctx, out);
}
