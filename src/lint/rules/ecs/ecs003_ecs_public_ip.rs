//! # ECS003 ecs-public-ip
//!
//! **What it does.** Flags ECS services that give their tasks a public IP.
//!
//! **Why.** Tasks with public IPs are reachable from the internet around the API; the petstore tasks belong in private subnets behind the VPC link, with egress through NAT.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_service" "this" {
//!   name = "petstore"
//!   network_configuration {
//!     subnets          = var.public_subnet_ids
//!     assign_public_ip = true
//!   }
//! }
//! ```
//!
//! **Fix.** Set `assign_public_ip = false` and run the tasks in private subnets.
//!
//! checkov: CKV_AWS_333.

// ECS003 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
