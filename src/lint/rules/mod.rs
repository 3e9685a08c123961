//! Every code, one file each: `rules/<prefix>/<id>_<name>.rs`, where the folder is the ID's
//! prefix in lowercase. The file of a rule with a check of its own holds its documentation and
//! its check; the file of a row of [`attribute_table`] (a rule that only asks whether one
//! argument is, or is not, a literal) and of a code the waiver engine reports holds only its
//! documentation. The prefixes:
//!
//! | folder | rules about |
//! |---|---|
//! | `acm` | ACM certificates |
//! | `api` | API Gateway HTTP APIs, routes, stages, JWT authorizers |
//! | `bkd` | the terraform state backend |
//! | `bkt` | S3 buckets |
//! | `cfg` | AWS Config recorders, delivery channels and rules |
//! | `cog` | Cognito user pools, clients, identity pools |
//! | `cst` | cost |
//! | `ddb` | DynamoDB tables |
//! | `ecs` | ECS clusters, task definitions, services |
//! | `iam` | IAM roles, users, policies |
//! | `kms` | KMS keys |
//! | `lb` | load balancers and WAF |
//! | `log` | CloudWatch log groups |
//! | `mon` | CloudWatch alarms |
//! | `net` | VPCs, subnets, routes, NAT, endpoints, network ACLs |
//! | `pg` | petgen's own waivers |
//! | `prv` | provider configuration |
//! | `rds` | RDS and Aurora clusters, instances, parameter groups |
//! | `sg` | security groups |
//! | `trl` | CloudTrail trails |
//!
//! The table of IDs is `lint::codes`.

pub mod acm;
pub mod api;
pub mod attribute_table;
pub mod bkd;
pub mod bkt;
pub mod cfg;
pub mod cog;
pub mod cst;
pub mod ddb;
pub mod ecs;
pub mod iam;
pub mod kms;
pub mod lb;
pub mod log;
pub mod mon;
pub mod net;
pub mod pg;
pub mod prv;
pub mod rds;
pub mod sg;
pub mod trl;

/// What rule files need.
pub mod prelude {
    pub use crate::diagnostic::Severity;
    pub use crate::hcl::semantic::{blocks_named, offset_of, Res, Traced};
    pub use crate::lint::context::{Attr, Ctx, ResFinding};
    pub use crate::lint::iam_policy::{policy_of, Statement};
    pub use crate::lint::{finding_at, Category, Finding, Rule, RuleMeta};
    pub use serde_json::Value;

    /// Declare a rule: its struct, its `META` and its `Rule` impl, which calls the file's
    /// `check` function.
    macro_rules! declare_rule {
        ($ty:ident {
            id: $id:literal,
            name: $name:literal,
            category: $cat:ident,
            severity: $sev:ident,
            checkov: [$($ck:literal),* $(,)?],
            profile_fix: $fix:expr,
            source: $source:expr $(,)?
        }) => {
            pub struct $ty;
            pub static META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
                id: $id,
                name: $name,
                category: $crate::lint::Category::$cat,
                severity: $crate::diagnostic::Severity::$sev,
                checkov: &[$($ck),*],
                profile_fix: $fix,
                reported_by: $crate::lint::ReportedBy::Rule,
                path: file!(),
                // The rule's own file (`include_str!("<its file name>")`, written in the rule
                // file so the path resolves beside it wherever the crate is built from): its
                // `//!` lines are its documentation.
                source: $source,
            };
            impl $crate::lint::Rule for $ty {
                fn meta(&self) -> &$crate::lint::RuleMeta {
                    &META
                }
                fn check(&self, ctx: &$crate::lint::context::Ctx, out: &mut Vec<$crate::lint::Finding>) {
                    check(ctx, out)
                }
            }
        };
    }
    pub(crate) use declare_rule;

    /// A literal `true`.
    pub fn is_true(v: &Option<Value>) -> bool {
        matches!(v, Some(Value::Bool(true))) || matches!(v, Some(Value::String(s)) if s == "true")
    }

    /// A literal `false`.
    pub fn is_false(v: &Option<Value>) -> bool {
        matches!(v, Some(Value::Bool(false))) || matches!(v, Some(Value::String(s)) if s == "false")
    }

    /// A literal number.
    pub fn number(v: &Option<Value>) -> Option<f64> {
        match v {
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) => s.parse().ok(),
            _ => None,
        }
    }

    /// A literal string.
    pub fn string(v: &Option<Value>) -> Option<String> {
        v.as_ref().and_then(|v| v.as_str().map(str::to_string))
    }

    /// Strings of a literal list (or a single string).
    pub fn strings(v: &Option<Value>) -> Vec<String> {
        match v {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }

    /// Does anything in the configuration reference `res` through argument `arg` of a
    /// resource of one of `types`?
    pub fn referenced_by(
        ctx: &Ctx,
        res: &Res,
        types: &[&'static str],
        args: &[&'static str],
    ) -> bool {
        let key = (types.to_vec(), args.to_vec());
        let cached = ctx.referenced.borrow().get(&key).cloned();
        let set = match cached {
            Some(set) => set,
            None => {
                let set = std::rc::Rc::new(references_through(ctx, types, args));
                ctx.referenced.borrow_mut().insert(key, set.clone());
                set
            }
        };
        set.contains(&(res.module.address.clone(), res.local_address()))
    }

    /// Everything resources of `types` reference through `args`, at the top level of their
    /// bodies or in nested blocks (e.g. network_configuration).
    fn references_through(
        ctx: &Ctx,
        types: &[&str],
        args: &[&str],
    ) -> std::collections::HashSet<(String, String)> {
        let mut out = std::collections::HashSet::new();
        for ty in types {
            for other in ctx.resources(ty) {
                for arg in args {
                    let nested = nested_bodies(other.body());
                    let values = other
                        .attr(arg)
                        .into_iter()
                        .chain(nested.iter().filter_map(|(_, b)| b.get_attribute(arg)));
                    for a in values {
                        for t in ctx.trace(other.module, &a.value) {
                            out.insert((t.module, t.target));
                        }
                    }
                }
            }
        }
        out
    }

    /// Every nested body, depth-first, with its block name.
    pub fn nested_bodies(
        body: &hcl_edit::structure::Body,
    ) -> Vec<(String, &hcl_edit::structure::Body)> {
        let mut out = Vec::new();
        for b in body.blocks() {
            out.push((b.ident.as_str().to_string(), &b.body));
            out.extend(nested_bodies(&b.body));
        }
        out
    }
}
