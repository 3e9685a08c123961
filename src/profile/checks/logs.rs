//! Log retention.

use super::{problem, Problem};
use crate::facts::aws::*;
use crate::profile::Profile;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
    if !LOG_RETENTION_DAYS.contains(&p.logs.retention_days) {
        out.push(problem(
            "logs.retention_days",
            format!(
                "CloudWatch does not accept a retention of {} days",
                p.logs.retention_days
            ),
            format!("use one of {LOG_RETENTION_DAYS:?}"),
        ));
    }
}
