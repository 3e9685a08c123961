//! # CST005 budget-exceeded
//!
//! **What it does.** Flags a petgen root whose monthly estimate exceeds the profile's `budget_usd_per_month`.
//!
//! **Why.** A budget in the profile turns a cost review into a gate: the change that breaks it fails before `terraform apply`, not on the invoice.
//!
//! **Example.**
//!
//! ```hcl
//! budget_usd_per_month = 100   # the estimate is $168.24
//! ```
//!
//! **Fix.** Reduce the stack's cost (NAT gateways, task size, log volume) or raise the budget in the profile.
//!
//! In a petgen profile: `budget_usd_per_month`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(Budget {
    id: "CST005",
    name: "budget-exceeded",
    category: Cost,
    severity: Error,
    checkov: [],
    profile_fix: Some("budget_usd_per_month"),
    source: include_str!("cst005_budget_exceeded.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let (Some(cost), Some(profile)) = (ctx.cost, ctx.profile) else {
        return;
    };
    let Some(budget) = profile.profile.budget_usd_per_month else {
        return;
    };
    let total = cost.total_monthly_usd();
    if total > budget {
        let largest = cost
            .largest_line()
            .map(|(address, usd)| format!("; the largest line is {address} at ${usd:.2}"))
            .unwrap_or_default();
        out.push(finding_at(
            &META,
            profile.locate("budget_usd_per_month"),
            "budget_usd_per_month",
            format!("the estimate ${total:.2}/month exceeds the budget of ${budget:.2}{largest}"),
            format!("reduce the estimate (`petgen cost --profile {}`) or raise budget_usd_per_month in {}", profile.name, profile.path.display()),
        ));
    }
}
