//! What AWS and terraform accept, as facts every stage may read: Fargate sizes, regions and
//! their zones, name syntax, what AWS Config records and which of its managed rules mirror lint,
//! the keys of the price files, what the task definition tells the service, and terraform
//! version constraints.

pub mod aws;
pub mod config;
pub mod price_keys;
pub mod service;
pub mod terraform_version;
