//! The cost flow: price a rendered root with its profile's usage, and optionally a base to
//! compare with (another profile's root, another directory, or this root at a git ref), with
//! the request volume at which two profiles cost the same.

use super::root::{
    break_even_between, checkout_at, estimate_root, load_root, parse_errors, RootError,
};
use crate::cost::compare::BreakEven;
use crate::cost::price_table::PriceTable;
use crate::cost::Estimate;
use crate::hcl::ConfigIndex;
use crate::profile::LoadedProfile;
use std::path::{Path, PathBuf};

/// What to compare the root with.
pub enum Base<'a> {
    /// Another profile's rendered root under the output directory, priced with its own usage.
    Profile(&'a str),
    /// Another directory, priced with this root's usage.
    Dir(&'a Path),
    /// This root as committed at a git ref.
    GitRef(&'a str),
}

pub struct CostRequest<'a> {
    /// The root to price; `None` with a profile means `<out>/<profile>`, else `.`.
    pub dir: Option<&'a Path>,
    pub profile: Option<&'a str>,
    pub base: Option<Base<'a>>,
    /// The region to price when neither a profile nor a provider block names one.
    pub region: Option<&'a str>,
    /// Parent directory of rendered roots.
    pub out: &'a Path,
    /// Where profiles live.
    pub profiles: &'a Path,
}

pub struct CostReport {
    pub dir: PathBuf,
    pub profile: Option<LoadedProfile>,
    pub head_name: String,
    pub head: Estimate,
    /// The base's name and estimate, when a comparison was asked for.
    pub base: Option<(String, Estimate)>,
    /// Where two profiles' costs cross as the request volume varies.
    pub break_even: Option<BreakEven>,
}

/// Price the root of `req`, and its base if it has one.
pub fn cost(req: &CostRequest, prices: &PriceTable) -> Result<CostReport, RootError> {
    let dir = match (req.dir, req.profile) {
        (Some(d), _) => d.to_path_buf(),
        (None, Some(p)) => req.out.join(p),
        (None, None) => PathBuf::from("."),
    };
    let (index, profile) = load_root(&dir, req.profile, req.profiles)?;
    let head = estimate_root(&index, profile.as_ref(), None, req.region, prices)?;
    let head_name = profile
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| dir.display().to_string());
    let mut break_even = None;
    let base = match &req.base {
        None => None,
        Some(Base::Profile(other)) => {
            let (i, p) = load_root(&req.out.join(other), Some(other), req.profiles)?;
            if let (Some(bp), Some(hp)) = (p.as_ref(), profile.as_ref()) {
                break_even = break_even_between((&i, bp), (&index, hp), prices);
            }
            let e = estimate_root(&i, p.as_ref(), None, req.region, prices)?;
            Some((other.to_string(), e))
        }
        Some(Base::Dir(other)) => {
            let (i, p) = load_root(other, None, req.profiles)?;
            let usage = profile.as_ref().or(p.as_ref());
            let e = estimate_root(&i, p.as_ref(), usage, req.region, prices)?;
            Some((other.display().to_string(), e))
        }
        Some(Base::GitRef(git_ref)) => match checkout_at(git_ref, &dir)? {
            Some(tmp) => {
                let root = tmp.path().join("root");
                let i = ConfigIndex::load(&root).map_err(|e| parse_errors(&e))?;
                let e = estimate_root(&i, profile.as_ref(), None, req.region, prices)?;
                Some((git_ref.to_string(), e))
            }
            // A root added since the ref: everything in it is new, against $0.
            None => Some((
                format!("{git_ref} (no {})", dir.display()),
                Estimate::empty(&head.region),
            )),
        },
    };
    Ok(CostReport {
        dir,
        profile,
        head_name,
        head,
        base,
        break_even,
    })
}
