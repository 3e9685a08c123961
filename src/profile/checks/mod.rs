//! Semantic checks of a deserialised profile against AWS's rules, one file per profile
//! section, with AWS's own limits in [`crate::facts::aws`]. Every problem names the key it concerns,
//! so the loader can point at the line that sets it.

mod api;
mod auth;
mod backend;
mod data;
mod discovery;
mod logs;
mod monitoring;
mod network;
mod project;
mod service;
mod tags;
mod usage;
mod waivers;

pub use network::default_subnets;

use super::Profile;

/// One semantic problem in a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub message: String,
    pub hint: String,
}

fn problem(key: impl Into<String>, message: impl Into<String>, hint: impl Into<String>) -> Problem {
    Problem {
        key: key.into(),
        message: message.into(),
        hint: hint.into(),
    }
}

/// Check every semantic rule; an empty result means the profile is valid.
pub fn validate(p: &Profile, profile_name: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    project::check(p, profile_name, &mut out);
    tags::check(p, &mut out);
    network::check(p, &mut out);
    service::check(p, &mut out);
    data::check(p, &mut out);
    discovery::check(p, &mut out);
    api::check(p, profile_name, &mut out);
    auth::check(p, &mut out);
    backend::check(p, &mut out);
    usage::check(p, &mut out);
    waivers::check(p, &mut out);
    logs::check(p, &mut out);
    monitoring::check(p, profile_name, &mut out);
    out
}

/// A name of `min`-`max` characters, each `allowed`; `rule` says which in words.
pub fn check_name(
    out: &mut Vec<Problem>,
    key: &str,
    value: &str,
    min: usize,
    max: usize,
    allowed: fn(char) -> bool,
    rule: &str,
) {
    let len = value.chars().count();
    if len < min || len > max || !value.chars().all(allowed) {
        out.push(problem(
            key,
            format!("{value:?} is not a valid name: {rule}"),
            format!("choose a name of {min}-{max} characters using {rule}"),
        ));
    }
}
