//! Network rules: VPC, subnets, routes, NAT, endpoints and NACLs.

pub mod net001_vpc_flow_logs;
pub mod net002_default_security_group_open;
pub mod net003_subnet_public_ip;
pub mod net004_nat_gateway_per_az;
pub mod net005_eip_unattached;
pub mod net006_vpc_endpoint_open_policy;
pub mod net007_nacl_open_admin_ports;
pub mod net008_default_vpc_managed;
pub mod net009_nacl_unattached;
pub mod net010_default_route_target;
pub mod net011_availability_zones_unfiltered;
pub mod net012_endpoint_service_auto_accept;
