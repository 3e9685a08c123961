//! What AWS and terraform accept, as facts every stage may read: Fargate sizes, regions and
//! their zones, name syntax, and terraform version constraints.

pub mod aws;
pub mod terraform_version;
