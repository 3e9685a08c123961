//! What rules see: the semantic model of the configuration ([`crate::hcl::semantic`]), the
//! profile a petgen root was rendered from, lint's own settings, and the cost estimate for
//! the cost rules.

use super::{Finding, RuleMeta};
use crate::diagnostic::Location;
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::{Model, Res};
use crate::hcl::Pos;
use crate::profile::{LoadedProfile, Usage};

/// What the cost rules read from the estimate. Cost is a sibling stage, not something lint
/// imports: whoever runs both (the pipeline) hands the estimate over through this view.
pub trait CostView {
    /// The usage assumptions the estimate was made with.
    fn usage(&self) -> &Usage;
    /// The estimate's monthly total, in USD.
    fn total_monthly_usd(&self) -> f64;
    /// A list price (USD) in the estimate's region, by price-table key.
    fn unit_price(&self, key: PriceKey) -> Option<f64>;
    /// The quantity a price-table key gives free each month, if any.
    fn free_quantity(&self, key: PriceKey) -> Option<f64>;
    /// The most expensive resource and its monthly cost.
    fn largest_line(&self) -> Option<(String, f64)>;
    /// The region priced.
    fn region(&self) -> &str;
    /// Price keys the estimate needed and the region lacks: the estimate is partial.
    fn missing_prices(&self) -> &[String];
    /// Both front doors priced at the estimate's usage: `None` when a price is missing.
    fn front_doors(&self, shape: &FrontDoorShape) -> Option<FrontDoorCosts>;
}

/// What a front door looks like apart from its traffic.
#[derive(Debug, Clone, Copy)]
pub struct FrontDoorShape {
    /// AZs an ALB spans (a public IPv4 address each).
    pub azs: f64,
    /// WAF rules in front of the ALB; `None` without a WAF.
    pub waf_rules: Option<f64>,
    /// Tasks registered in Cloud Map behind the HTTP API.
    pub tasks: f64,
    /// DiscoverInstances calls per request behind the HTTP API.
    pub lookups_per_request: f64,
}

/// The monthly cost of each front door at the estimate's request volume, and where they cross.
#[derive(Debug, Clone, Copy)]
pub struct FrontDoorCosts {
    pub requests: f64,
    pub http_api_usd: f64,
    pub alb_usd: f64,
    pub break_even_requests: Option<f64>,
}

/// Everything a rule may read.
pub struct Ctx<'a> {
    pub model: &'a Model<'a>,
    /// The profile a petgen root was rendered from.
    pub profile: Option<&'a LoadedProfile>,
    /// Production rules apply: the profile sets `project.production`, or `--production`.
    pub production: bool,
    /// The cost estimate, for the cost rules.
    pub cost: Option<&'a dyn CostView>,
    /// What resources of some types reference through some arguments, computed once per
    /// question: asking it for each of n resources would otherwise walk all n each time.
    pub(crate) referenced: std::cell::RefCell<ReferenceSets>,
}

/// `(module address, local address)` of referenced resources, keyed by the referring types
/// and arguments.
pub(crate) type ReferenceSets = std::collections::HashMap<
    (Vec<&'static str>, Vec<&'static str>),
    std::rc::Rc<std::collections::HashSet<(String, String)>>,
>;

/// Rules read the model through the context as if it were the model itself: `ctx.resources`,
/// `ctx.eval`, `ctx.trace`, `ctx.index`.
impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Model<'a>;
    fn deref(&self) -> &Model<'a> {
        self.model
    }
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model<'a>, profile: Option<&'a LoadedProfile>) -> Self {
        let production = profile.is_some_and(|p| p.profile.project.production);
        Ctx {
            model,
            profile,
            production,
            cost: None,
            referenced: Default::default(),
        }
    }

    /// A list price (USD) from the cost estimate, when there is one.
    pub fn price(&self, key: PriceKey) -> Option<f64> {
        self.cost?.unit_price(key)
    }

    /// Whether production-only rules apply.
    pub fn production(&self) -> bool {
        self.production
    }
}

/// Findings about a resource. The fix names the HCL change; for petgen roots, [`super::lint`]
/// replaces it with the profile key that makes the change.
pub trait ResFinding {
    fn finding(
        &self,
        meta: &RuleMeta,
        pos: Pos,
        message: impl Into<String>,
        hcl_fix: &str,
    ) -> Finding;
}

impl ResFinding for Res<'_> {
    fn finding(
        &self,
        meta: &RuleMeta,
        pos: Pos,
        message: impl Into<String>,
        hcl_fix: &str,
    ) -> Finding {
        let location: Location = self.module.location(pos);
        let mut f = super::finding_at(meta, location, self.address.clone(), message, hcl_fix);
        f.snippet = self.module.line_of(pos).to_string();
        if hcl_fix.is_empty() {
            f.fix = None;
        }
        f
    }
}

/// What a rule can know of an argument without a plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Attr {
    /// Not written, or null (which Terraform reads as not written): the provider's default
    /// applies.
    Absent,
    /// Written, but its value is decided at plan time: a root module variable (even one with
    /// a default, which `-var` or tfvars may override), a variable without a value, a
    /// reference to another resource, or a function petgen does not evaluate. Rules never
    /// fire on it.
    Unknown,
    /// Written, and known: a literal, or a variable or local that evaluates to one.
    Literal(serde_json::Value),
}

impl Attr {
    /// Argument `name` of the resource.
    pub fn of(res: &Res, name: &str) -> Attr {
        Attr::in_body(res, res.body(), name)
    }

    /// Argument `name` of `body`, a block nested in the resource.
    pub fn in_body(res: &Res, body: &hcl_edit::structure::Body, name: &str) -> Attr {
        let Some(attribute) = body.get_attribute(name) else {
            return Attr::Absent;
        };
        if matches!(attribute.value, hcl_edit::expr::Expression::Null(_)) {
            return Attr::Absent;
        }
        // Lint's model leaves the root's variables unknown: a default is only what a plan
        // gets without `-var` or tfvars. A known null is what Terraform reads as not written.
        match res.model.eval(res.module, &attribute.value) {
            None => Attr::Unknown,
            Some(serde_json::Value::Null) => Attr::Absent,
            Some(v) => Attr::Literal(v),
        }
    }

    /// The literal, when known.
    pub fn literal(&self) -> Option<&serde_json::Value> {
        match self {
            Attr::Literal(v) => Some(v),
            Attr::Absent | Attr::Unknown => None,
        }
    }
}
