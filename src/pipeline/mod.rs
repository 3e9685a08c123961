//! Stage 7: the pipeline, as library functions the CLI calls. It strings the stages together:
//! load a profile (with the checks that need later stages, such as waiver rule IDs), load a
//! root, estimate it, lint it with its estimate, and the gated terraform flows in [`deploy`].
//! The CLI only parses arguments and prints what these return.

pub mod check;
pub mod console;
pub mod cost;
pub mod deploy;
pub mod graphviz;
pub mod live;
pub mod parallel;
pub mod project;
pub mod readme;
pub mod render;
pub mod root;

use crate::cost::front_door::{FrontDoors, Shape};
use crate::cost::CostInputs;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hcl::semantic::Model;
use crate::hcl::ConfigIndex;
use crate::lint::context::{CostView, Ctx, FrontDoorCosts, FrontDoorShape};
use crate::lint::{lint, Finding, Selection};
use crate::profile::{LoadedProfile, Usage};
use std::path::Path;

/// Load `<dir>/<name>.toml`: the profile stage's own checks, then the ones that belong to
/// later stages (waivers name lint rules), all reported as profile errors.
pub fn load_profile(dir: &Path, name: &str) -> Result<LoadedProfile, Diagnostics> {
    let loaded = crate::profile::load_profile(dir, name)?;
    let errors = crate::lint::waivers::check_profile(&loaded);
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(Diagnostics(errors))
    }
}

/// The estimate, as the cost rules read it.
impl CostView for CostInputs {
    fn usage(&self) -> &Usage {
        &self.usage
    }

    fn total_monthly_usd(&self) -> f64 {
        self.estimate.total_monthly_usd
    }

    fn unit_price(&self, key: crate::facts::price_keys::PriceKey) -> Option<f64> {
        self.prices
            .get(&self.estimate.region, key)
            .ok()
            .map(|p| p.usd)
    }

    fn free_quantity(&self, key: crate::facts::price_keys::PriceKey) -> Option<f64> {
        self.prices
            .get(&self.estimate.region, key)
            .ok()
            .and_then(|p| p.free_quantity)
    }

    fn largest_line(&self) -> Option<(String, f64)> {
        self.estimate
            .resources
            .iter()
            .max_by(|a, b| a.monthly_usd.total_cmp(&b.monthly_usd))
            .map(|r| (r.address.clone(), r.monthly_usd))
    }

    fn region(&self) -> &str {
        &self.estimate.region
    }

    fn missing_prices(&self) -> &[String] {
        &self.estimate.missing_prices
    }

    fn front_doors(&self, shape: &FrontDoorShape) -> Option<FrontDoorCosts> {
        let doors = FrontDoors::new(
            &self.prices,
            &self.estimate.region,
            &self.usage,
            Shape {
                azs: shape.azs,
                waf_rules: shape.waf_rules.unwrap_or(0.0),
                waf: shape.waf_rules.is_some(),
                tasks: shape.tasks,
                lookups_per_request: shape.lookups_per_request,
            },
        );
        let requests = self.usage.monthly_requests;
        Some(FrontDoorCosts {
            requests,
            http_api_usd: doors.http_api(requests).ok()?,
            alb_usd: doors.alb(requests).ok()?,
            break_even_requests: doors.break_even().ok()?,
        })
    }
}

/// What linting a root found, with the estimate the cost rules used.
pub struct Linted {
    pub findings: Vec<Finding>,
    pub cost: Option<CostInputs>,
}

/// Lint `index` with its profile's settings and waivers, and the estimate of the root (in the
/// profile's region, else `region`).
pub fn lint_root(
    index: &ConfigIndex,
    profile: Option<&LoadedProfile>,
    production: bool,
    selection: &Selection,
    region: Option<&str>,
) -> Linted {
    // Cost prices what a plan with the defaults would create; lint must not guess the
    // root's inputs.
    let priced = Model::new(index);
    let cost = CostInputs::for_root(&priced, profile, region);
    let model = Model::for_lint(index);
    let mut ctx = Ctx::new(&model, profile);
    ctx.production |= production;
    ctx.cost = cost.as_ref().map(|c| c as &dyn CostView);
    let findings = lint(&ctx, selection);
    Linted { findings, cost }
}

/// Errors of `diagnostics`, for gates.
pub fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.suppressed.is_none() && d.is_error())
        .count()
}
