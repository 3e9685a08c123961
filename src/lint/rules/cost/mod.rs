//! Cost rules: they read the estimate built from prices and the profile usage.

pub mod apigw_vs_alb;
pub mod budget;
pub mod endpoint_not_worth_it;
pub mod nat_per_az_non_production;
pub mod task_oversized;
