//! # CST005 budget-exceeded
//!
//! **What it does.** Flags a petgen root whose monthly estimate exceeds the profile's `budget_usd_per_month`. When some resource has no price in the region, the estimate covers only what is priced: it is flagged when that priced part already exceeds the budget, and, when the profile sets `budget_strict = true`, also because the budget cannot be fully checked.
//!
//! **Why.** A budget in the profile turns a cost review into a gate: the change that breaks it fails before `terraform apply`, not on the invoice. A missing price alone does not block a deploy unless the profile asks for that.
//!
//! **Example.**
//!
//! ```hcl
//! budget_usd_per_month = 100   # the estimate is $168.24
//! ```
//!
//! **Fix.** Reduce the stack's cost (NAT gateways, task size, log volume) or raise the budget in the profile. For a partial estimate under `budget_strict`, import the region's prices (`petgen prices fetch --region REGION`, or `petgen prices import FILE...`).
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
    let Some(budget) = profile.stack.budget else {
        return;
    };
    let total = cost.total_monthly_usd();
    if budget.exceeded_by(total) {
        let largest = cost
            .largest_line()
            .map(|(address, usd)| format!("; the largest line is {address} at ${usd:.2}"))
            .unwrap_or_default();
        out.push(finding_at(
            &META,
            profile.locate("budget_usd_per_month"),
            "budget_usd_per_month",
            format!("the estimate ${total:.2}/month exceeds the budget of ${:.2}{largest}", budget.usd_per_month),
            format!("reduce the estimate (`petgen cost --profile {}`) or raise budget_usd_per_month in {}", profile.name, profile.path.display()),
        ));
    }
    let missing = cost.missing_prices();
    if budget.refuses(!missing.is_empty()) {
        let region = cost.region();
        out.push(finding_at(
            &META,
            profile.locate("budget_strict"),
            "budget_strict",
            format!("the budget cannot be fully checked: {region} has no price for {} (budget_strict = true)", missing.join(", ")),
            format!("import the prices (`petgen prices fetch --region {region}`, or `petgen prices import FILE...`), or remove budget_strict from {}", profile.path.display()),
        ));
    }
}
