//! What AWS and terraform accept, as facts every stage may read: Fargate sizes, regions and
//! their zones, name syntax, the keys of the price files, and terraform version constraints.

pub mod aws;
pub mod price_keys;
pub mod terraform_version;
