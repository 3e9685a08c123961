use super::report_error;
use super::{ProfileDir, EXIT_FINDINGS, EXIT_OK};
use crate::cost::compare::compare;
use crate::cost::output;
use crate::cost::price_table::PriceTable;
use crate::cost::Estimate;
use crate::pipeline::cost::{cost, Base, CostReport, CostRequest};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct CostArgs {
    /// Terraform root to price. Default: generated/<profile> with --profile.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Price generated/NAME with profile NAME's usage assumptions.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Compare with another profile's rendered root (its own usage assumptions).
    #[arg(long, value_name = "PROFILE", conflicts_with_all = ["compare_dir", "compare_ref"])]
    pub compare: Option<String>,
    /// Compare with another Terraform directory (this root's usage assumptions).
    #[arg(long, value_name = "DIR", conflicts_with = "compare_ref")]
    pub compare_dir: Option<PathBuf>,
    /// Compare with this root as committed at a git ref, e.g. origin/main.
    #[arg(long, value_name = "REF")]
    pub compare_ref: Option<String>,
    /// Region to price when neither a profile nor a provider block names one.
    #[arg(long)]
    pub region: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Parent directory of rendered roots, for --profile and --compare.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    #[command(flatten)]
    pub profiles: ProfileDir,
}

pub fn run(args: CostArgs) -> u8 {
    let prices = match PriceTable::current() {
        Ok(p) => p,
        Err(e) => return report_error(e),
    };
    let base = match (&args.compare, &args.compare_dir, &args.compare_ref) {
        (Some(p), _, _) => Some(Base::Profile(p)),
        (_, Some(d), _) => Some(Base::Dir(d)),
        (_, _, Some(r)) => Some(Base::GitRef(r)),
        _ => None,
    };
    let request = CostRequest {
        dir: args.dir.as_deref(),
        profile: args.profile.as_deref(),
        base,
        region: args.region.as_deref(),
        out: &args.out,
        profiles: &args.profiles.dir,
    };
    let CostReport {
        profile,
        head_name,
        head,
        base,
        break_even: crossing,
        ..
    } = match cost(&request, prices) {
        Ok(report) => report,
        Err(e) => return report_error(&e),
    };

    let budget = profile
        .as_ref()
        .and_then(|p| p.stack.budget)
        .map(|b| b.usd_per_month);
    match (&base, args.format) {
        (None, Format::Table) => {
            out!("{}", output::table(&head));
            if let Some(b) = budget {
                outln!("\n{}", output::budget_line(head.total_monthly_usd, b));
            }
            if head.is_partial() {
                outln!(
                    "\nPartial: {} has no price for {}.",
                    head.region,
                    head.missing_prices.join(", ")
                );
            }
        }
        (None, Format::Json) => {
            let mut v = serde_json::to_value(&head).unwrap_or_default();
            if let Some(map) = v.as_object_mut() {
                map.insert("budget_usd_per_month".into(), serde_json::json!(budget));
                map.insert(
                    "within_budget".into(),
                    serde_json::json!(budget.map(|b| head.total_monthly_usd <= b)),
                );
            }
            outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        (None, Format::Markdown) => out!("{}", output::markdown(&head_name, &head, budget)),
        (Some((base_name, base_est)), format) => {
            let mut c = compare(base_name, base_est, &head_name, &head);
            c.break_even = crossing;
            match format {
                Format::Table => out!("{}", output::diff_text(&c)),
                Format::Markdown => out!("{}", output::diff_markdown(&c)),
                Format::Json => outln!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "base": base_est, "head": head, "diff": c })
                    )
                    .unwrap_or_default()
                ),
            }
        }
    }
    if let Some(note) = head.partial_note() {
        note!("note: {note}");
    }
    // Both sides are priced in the head's region: a base with no price for something there
    // shows it as free, and no break-even is named.
    if let Some((base_name, base_est)) = &base {
        if let Some(note) = base_est.partial_note() {
            note!("note: {base_name}: {note}");
        }
    }
    budget_verdict(profile.as_ref(), &head)
}

/// Exit 1 when the estimate is over the profile's budget, or partial under `budget_strict`.
fn budget_verdict(profile: Option<&crate::profile::LoadedProfile>, head: &Estimate) -> u8 {
    let Some(p) = profile else {
        return EXIT_OK;
    };
    let Some(budget) = p.stack.budget else {
        return EXIT_OK;
    };
    if budget.refuses(head.is_partial()) {
        note!(
            "error: the budget ${:.2} cannot be fully checked without those prices, and budget_strict = true in {}",
            budget.usd_per_month,
            p.path.display()
        );
        return EXIT_FINDINGS;
    }
    if budget.exceeded_by(head.total_monthly_usd) {
        note!(
            "error: the estimate ${:.2} exceeds budget_usd_per_month = {} in {}",
            head.total_monthly_usd,
            budget.usd_per_month,
            p.path.display()
        );
        return EXIT_FINDINGS;
    }
    EXIT_OK
}
