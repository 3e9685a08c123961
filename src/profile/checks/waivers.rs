//! Waivers: their reasons (rule IDs and dates are lint's to check).

use super::{problem, Problem};
use crate::profile::Profile;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
    for (i, w) in p.waivers.iter().enumerate() {
        if w.reason.trim().is_empty() {
            out.push(problem(
                format!("waivers[{i}].reason"),
                "a waiver needs a reason",
                "say why this finding is accepted",
            ));
        }
    }
}
