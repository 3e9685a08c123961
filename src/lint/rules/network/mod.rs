//! Network rules: VPC, subnets, routes, NAT, endpoints and NACLs.

pub mod availability_zones_filter;
pub mod default_route_target;
pub mod default_security_group;
pub mod default_vpc;
pub mod eip_attached;
pub mod endpoint_service_acceptance;
pub mod nacl_open_ports;
pub mod nacl_unattached;
pub mod nat_per_az;
pub mod subnet_public_ip;
pub mod vpc_endpoint_policy;
pub mod vpc_flow_logs;
