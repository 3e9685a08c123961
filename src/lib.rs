//! petgen renders, checks and hands off the petstore Terraform stack.
//!
//! The modules follow the pipeline, and each stage uses only the stages before it
//! (`tests/architecture.rs` keeps it so):
//!
//! ```text
//! profile ──► render ───────────────────────────────────┐
//!    │                                                  ▼
//!    └──────────► hcl (index, spans) ─► hcl::semantic (eval, trace, resource views)
//!                       │                     │              │
//!                       ▼                     ▼              ▼
//!                   validate                lint           cost      (siblings)
//!                       └──────────┬──────────┴──────────────┘
//!                                  ▼
//!              handoff (terraform, the service image) ◄── pipeline (load, check, gate, deploy)
//!                                                            ▼
//!                                                      cli (parse, print) ─► main.rs
//! ```
//!
//! - [`profile`]: typed TOML profiles, `extends`, every check with its file:line:col.
//! - [`render`]: minijinja templates into canonical HCL, written in place under a lock.
//! - [`hcl`]: the index of a root and its modules, references, static values, and the
//!   semantic model lint and cost read.
//! - [`validate`]: the provider schema (via JSON Schema) and the root's own references.
//! - [`lint`]: the rules, their waivers; [`cost`]: prices × usage.
//! - [`handoff`]: terraform and the image tools; [`pipeline`]: the stages strung together.
//! - Under all of them: [`diagnostic`] (one diagnostic model, one emitter trait),
//!   [`calendar`], [`fingerprint`], [`atomic_file`].

pub mod atomic_file;
pub mod calendar;
pub mod cli;
pub mod cost;
pub mod diagnostic;
pub mod facts;
pub mod fingerprint;
pub mod graph;
pub mod handoff;
pub mod hcl;
pub mod lint;
pub mod live;
pub mod pipeline;
pub mod profile;
pub mod render;
pub mod validate;
