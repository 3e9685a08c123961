//! # PG001 expired-waiver
//!
//! **What it does.** Reports a profile waiver whose `expires` date has passed. The finding it waived is reported again.
//!
//! **Why.** A waiver is a decision with a shelf life; once it expires, someone has to look at the finding again.
//!
//! **Example.**
//!
//! ```hcl
//! [[waivers]]
//! rule     = "DDB001"
//! resource = "module.data.aws_dynamodb_table.pets"
//! reason   = "restore drill pending"
//! expires  = "2025-01-31"
//! ```
//!
//! **Fix.** Fix the finding, or renew the waiver with a new date and a current reason.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ExpiredWaiver {
    id: "PG001",
    name: "expired-waiver",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("pg001_expired_waiver.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // Reported by the waiver engine (`lint::waivers`), which sees every suppression.
    let _ = (ctx, out);
}
