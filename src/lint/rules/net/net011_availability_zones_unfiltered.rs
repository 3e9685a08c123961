//! # NET011 availability-zones-unfiltered
//!
//! **What it does.** Flags `data "aws_availability_zones"` without a `zone-name` or `zone-id` filter.
//!
//! **Why.** The list grows when AWS adds a zone, and every resource keyed by it is then created or moved on the next apply.
//!
//! **Example.**
//!
//! ```hcl
//! data "aws_availability_zones" "all" {
//!   state = "available"
//! }
//! ```
//!
//! **Fix.** Name the zones in the configuration (petgen profiles list them), or filter the data source by `zone-name`.
//!
//! checkov: CKV_AWS_394.

use crate::lint::rules::prelude::*;

declare_rule!(AvailabilityZonesFilter {
    id: "NET011",
    name: "availability-zones-unfiltered",
    category: Reliability,
    severity: Info,
    checkov: ["CKV_AWS_394"],
    profile_fix: None,
    source: include_str!("net011_availability_zones_unfiltered.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for d in ctx.data_sources("aws_availability_zones") {
        let filtered = d.blocks("filter").iter().any(|f| {
            matches!(
                string(&d.value_in(f, "name")).as_deref(),
                Some("zone-name") | Some("zone-id")
            )
        });
        if !filtered {
            out.push(d.finding(
                &META,
                d.pos(),
                format!("{} is not filtered by zone", d.address),
                "add filter { name = \"zone-name\" values = [...] }",
            ));
        }
    }
}
