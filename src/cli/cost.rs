use super::report_error;
use super::{ProfileDir, EXIT_FINDINGS, EXIT_OK};
use crate::cost::compare::compare;
use crate::cost::output;
use crate::cost::price_table::PriceTable;
use crate::hcl::ConfigIndex;
use crate::pipeline::root::{checkout_at, estimate_root, load_root, parse_errors};
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

    // The comparison base, if one was asked for.
    let base = if let Some(other) = &args.compare {
        let other_dir = args.out.join(other);
        load_root(&other_dir, Some(other), &args.profiles.dir).and_then(|(i, p)| {
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
        checkout_at(git_ref, &dir).and_then(|tmp| {
            let root = tmp.path().join("root");
            let i = ConfigIndex::load(&root).map_err(|e| parse_errors(&e))?;
            estimate_root(&i, profile.as_ref(), None, args.region.as_deref(), prices)
                .map(|e| Some((git_ref.clone(), e)))
        })
    } else {
        Ok(None)
    };
    let base = match base {
        Ok(b) => b,
        Err(e) => return report_error(&e),
    };

    match (&base, args.format) {
        (None, Format::Table) => out!("{}", output::table(&head)),
        (None, Format::Json) => outln!(
            "{}",
            serde_json::to_string_pretty(&head).unwrap_or_default()
        ),
        (None, Format::Markdown) => {
            outln!(
                "### petgen cost estimate: {head_name}\n\n**${:.2} per month** ({})\n",
                head.total_monthly_usd,
                head.region
            );
            outln!("| resource | monthly USD |\n|---|---:|");
            for r in &head.resources {
                outln!("| `{}` | ${:.2} |", r.address, r.monthly_usd);
            }
            if head.is_partial() {
                outln!(
                    "\nPartial: {} has no price for {}.",
                    head.region,
                    head.missing_prices.join(", ")
                );
            }
        }
        (Some((base_name, base_est)), format) => {
            let c = compare(base_name, base_est, &head_name, &head);
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
    if let Some(budget) = profile
        .as_ref()
        .and_then(|p| p.profile.budget_usd_per_month)
    {
        let strict = profile.as_ref().is_some_and(|p| p.profile.budget_strict);
        if head.is_partial() && strict {
            note!(
                "error: the budget ${budget:.2} cannot be fully checked without those prices, and budget_strict = true in {}",
                profile
                    .as_ref()
                    .map(|p| p.path.display().to_string())
                    .unwrap_or_default()
            );
            return EXIT_FINDINGS;
        }
        if head.total_monthly_usd > budget {
            note!(
                "error: the estimate ${:.2} exceeds budget_usd_per_month = {budget} in {}",
                head.total_monthly_usd,
                profile
                    .as_ref()
                    .map(|p| p.path.display().to_string())
                    .unwrap_or_default()
            );
            return EXIT_FINDINGS;
        }
    }
    EXIT_OK
}
