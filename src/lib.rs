//! petgen renders, checks and hands off the petstore Terraform stack.
//!
//! The modules follow the pipeline:
//! `profile` (typed TOML) → `render` (minijinja → canonical HCL, written atomically) →
//! the CLI (`cli`) that strings the stages together.

pub mod calendar;
pub mod cli;
pub mod cost;
pub mod diagnostic;
pub mod fingerprint;
pub mod handoff;
pub mod hcl;
pub mod lint;
pub mod pipeline;
pub mod profile;
pub mod render;
pub mod validate;
