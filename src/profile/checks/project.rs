//! The project: names, the environment, the region and the terraform version.

use super::{problem, Problem};
use crate::facts::aws::*;
use crate::profile::Profile;

pub(super) fn check(p: &Profile, profile_name: &str, out: &mut Vec<Problem>) {
    let env = p.environment(profile_name).to_string();
    if !is_identifier_prefix(&p.project.name) || p.project.name.len() > 24 {
        out.push(problem(
            "project.name",
            format!("{:?} cannot prefix resource names", p.project.name),
            "use 1-24 lowercase letters, digits and '-', starting with a letter",
        ));
    }
    if !is_identifier_prefix(&env) || env.len() > 16 {
        out.push(problem(
            "project.environment",
            format!("{env:?} cannot be used in resource names"),
            "use 1-16 lowercase letters, digits and '-', starting with a letter",
        ));
    }
    let region = p.project.region.as_str();
    if !is_region(region) {
        out.push(problem(
            "project.region",
            format!("{region:?} is not an AWS region name"),
            "use a region code such as \"us-east-1\" or \"eu-west-1\"",
        ));
    }

    let tv = p.project.terraform_version.as_str();
    match crate::facts::terraform_version::admits_a_supported_version(tv) {
        None => out.push(problem(
            "project.terraform_version",
            format!("{tv:?} is not a terraform version constraint"),
            "write operators and versions separated by commas, e.g. \">= 1.10\" or \"~> 1.11\"",
        )),
        Some(false) => out.push(problem(
            "project.terraform_version",
            format!(
                "{tv:?} excludes every terraform petgen supports ({})",
                crate::facts::terraform_version::SUPPORTED
            ),
            "allow at least one terraform 1.x release from 1.10 on, e.g. \">= 1.10\"",
        )),
        Some(true) => {}
    }
}
