//! # TRL003 cloudtrail-single-region
//!
//! **What it does.** Flags CloudTrail trails that record one region only.
//!
//! **Why.** Calls made in other regions, such as to a replica of the table, go unrecorded.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudtrail" "table" {
//!   name           = "pets-data-events"
//!   s3_bucket_name = "pets-trail"
//! }
//! ```
//!
//! **Fix.** Set `is_multi_region_trail = true` (and keep `include_global_service_events = true`, which CloudTrail requires with it).
//!
//! checkov: CKV_AWS_67.

use crate::lint::rules::prelude::*;

declare_rule!(SingleRegion {
    id: "TRL003",
    name: "cloudtrail-single-region",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_67"],
    profile_fix: None,
    source: include_str!("trl003_cloudtrail_single_region.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx.resources("aws_cloudtrail") {
        if !is_true(&t.value("is_multi_region_trail")) {
            out.push(t.finding(
                &META,
                t.pos_of("is_multi_region_trail"),
                format!("{} records one region only", t.address),
                "set is_multi_region_trail = true",
            ));
        }
    }
}
