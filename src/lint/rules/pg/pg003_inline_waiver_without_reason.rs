//! # PG003 inline-waiver-without-reason
//!
//! **What it does.** Reports a `# petgen:ignore ID` comment that gives no reason; such a comment suppresses nothing.
//!
//! **Why.** Every accepted finding needs a reason a reviewer can judge.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_subnet" "public" {
//!   # petgen:ignore NET003
//!   map_public_ip_on_launch = true
//! }
//! ```
//!
//! **Fix.** Write the reason after the ID: `# petgen:ignore NET003 NAT gateways live here`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(InlineWithoutReason {
    id: "PG003",
    name: "inline-waiver-without-reason",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("pg003_inline_waiver_without_reason.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // Reported by the waiver engine (`lint::waivers`), which sees every suppression.
    let _ = (ctx, out);
}
