use super::report_error;
use super::{ProfileDir, EXIT_FINDINGS, EXIT_OK};
use crate::cost::compare::compare;
use crate::cost::output;
use crate::cost::price_table::PriceTable;
use crate::cost::Estimate;
use crate::hcl::ConfigIndex;
use crate::pipeline::root::{
    break_even_between, checkout_at, estimate_root, load_root, parse_errors,
};
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
    let dir = match (&args.dir, &args.profile) {
        (Some(d), _) => d.clone(),
        (None, Some(p)) => args.out.join(p),
        (None, None) => PathBuf::from("."),
    };
    let (index, profile) = match load_root(&dir, args.profile.as_deref(), &args.profiles.dir) {
        Ok(x) => x,
        Err(e) => return report_error(&e),
    };
    let head = match estimate_root(
        &index,
        profile.as_ref(),
        None,
        args.region.as_deref(),
        prices,
    ) {
        Ok(e) => e,
        Err(e) => return report_error(&e),
    };
    let head_name = profile
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| dir.display().to_string());

    // The comparison base, if one was asked for; between two profiles, also where their
    // costs cross as the request volume varies.
    let mut crossing = None;
    let base = if let Some(other) = &args.compare {
        let other_dir = args.out.join(other);
        load_root(&other_dir, Some(other), &args.profiles.dir).and_then(|(i, p)| {
            if let (Some(bp), Some(hp)) = (p.as_ref(), profile.as_ref()) {
                crossing = break_even_between((&i, bp), (&index, hp), prices);
            }
            estimate_root(&i, p.as_ref(), None, args.region.as_deref(), prices)
                .map(|e| Some((other.clone(), e)))
        })
    } else if let Some(other_dir) = &args.compare_dir {
        load_root(other_dir, None, &args.profiles.dir).and_then(|(i, p)| {
            estimate_root(
                &i,
                p.as_ref(),
                profile.as_ref().or(p.as_ref()),
                args.region.as_deref(),
                prices,
            )
            .map(|e| Some((other_dir.display().to_string(), e)))
        })
    } else if let Some(git_ref) = &args.compare_ref {
        checkout_at(git_ref, &dir).and_then(|tmp| match tmp {
            Some(tmp) => {
                let root = tmp.path().join("root");
                let i = ConfigIndex::load(&root).map_err(|e| parse_errors(&e))?;
                estimate_root(&i, profile.as_ref(), None, args.region.as_deref(), prices)
                    .map(|e| Some((git_ref.clone(), e)))
            }
            // A root added since the ref: everything in it is new, against $0.
            None => Ok(Some((
                format!("{git_ref} (no {})", dir.display()),
                Estimate::empty(&head.region),
            ))),
        })
    } else {
        Ok(None)
    };
    let base = match base {
        Ok(b) => b,
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
