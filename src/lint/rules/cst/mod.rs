//! Cost rules: they read the estimate built from prices and the profile usage.

pub mod cst001_nat_gateway_per_az_outside_production;
pub mod cst002_fargate_task_oversized;
pub mod cst003_interface_endpoint_costs_more_than_nat;
pub mod cst004_front_door_break_even;
pub mod cst005_budget_exceeded;
pub mod cst006_cognito_plus_for_threat_protection;
