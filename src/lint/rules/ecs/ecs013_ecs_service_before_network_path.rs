//! # ECS013 ecs-service-before-network-path
//!
//! **What it does.** Flags ECS services that do not depend on their tasks' way out: the route table associations of their subnets, those route tables' default routes, and the egress rules of their security groups.
//!
//! **Why.** A Fargate task in a private subnet pulls its image through the NAT gateway. Terraform creates the service as soon as the subnets and the security group exist, in parallel with the routes and rules that give them a path out. The first tasks of the first apply can start before that path exists and fail with `ResourceInitializationError`, and with `wait_for_steady_state` the apply fails.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_service" "this" {
//!   network_configuration {
//!     subnets         = [aws_subnet.private.id]
//!     security_groups = [aws_security_group.tasks.id]
//!   }
//! }
//! ```
//!
//! **Fix.** Make the service wait for them: `depends_on` on the service, or `depends_on` on the module outputs that hand it the subnets and the security group.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ServiceBeforeNetworkPath {
    id: "ECS013",
    name: "ecs-service-before-network-path",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("ecs013_ecs_service_before_network_path.rs"),
});

/// Resources of `ty` whose `arg` leads to one of `targets`.
fn pointing_at<'a>(ctx: &'a Ctx, ty: &'a str, arg: &str, targets: &[Res]) -> Vec<Res<'a>> {
    ctx.resources(ty)
        .filter(|r| {
            trace_arg(r, arg)
                .iter()
                .any(|t| targets.iter().any(|x| x.is(t)))
        })
        .collect()
}

/// Where `arg` of `r` leads. `each.value.id` under `for_each = aws_subnet.private` leads to
/// what `for_each` names, the way petgen's own network module writes associations and routes.
fn trace_arg(r: &Res, arg: &str) -> Vec<Traced> {
    let mut traced = r.trace(arg);
    let per_instance = r
        .attr(arg)
        .is_some_and(|a| a.value.to_string().contains("each.value"));
    if per_instance {
        traced.extend(r.trace("for_each"));
    }
    traced
}

/// Resources of `ty` that `traced` names.
fn named<'a>(ctx: &'a Ctx, ty: &'a str, traced: &[Traced]) -> Vec<Res<'a>> {
    ctx.resources(ty)
        .filter(|r| traced.iter().any(|t| r.is(t)))
        .collect()
}

/// What the service's tasks need before they can reach the internet.
fn network_path<'a>(ctx: &'a Ctx, svc: &Res) -> Vec<Res<'a>> {
    let mut needed = Vec::new();
    for nc in svc.blocks("network_configuration") {
        let subnets = match nc.get_attribute("subnets") {
            Some(a) => named(ctx, "aws_subnet", &ctx.trace(svc.module, &a.value)),
            None => Vec::new(),
        };
        let associations = pointing_at(ctx, "aws_route_table_association", "subnet_id", &subnets);
        let tables: Vec<Res> = associations
            .iter()
            .flat_map(|a| named(ctx, "aws_route_table", &trace_arg(a, "route_table_id")))
            .collect();
        let default_routes = pointing_at(ctx, "aws_route", "route_table_id", &tables)
            .into_iter()
            .filter(|r| {
                matches!(
                    string(&r.value("destination_cidr_block")).as_deref(),
                    Some("0.0.0.0/0") | None
                ) && r.attr("destination_ipv6_cidr_block").is_none()
            });
        let groups = match nc.get_attribute("security_groups") {
            Some(a) => named(ctx, "aws_security_group", &ctx.trace(svc.module, &a.value)),
            None => Vec::new(),
        };
        let egress = pointing_at(
            ctx,
            "aws_vpc_security_group_egress_rule",
            "security_group_id",
            &groups,
        )
        .into_iter()
        .chain(
            pointing_at(ctx, "aws_security_group_rule", "security_group_id", &groups)
                .into_iter()
                .filter(|r| string(&r.value("type")).as_deref() == Some("egress")),
        );
        needed.extend(associations.clone());
        needed.extend(default_routes);
        needed.extend(egress);
    }
    needed
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for svc in ctx.resources("aws_ecs_service") {
        let needed = network_path(ctx, &svc);
        if needed.is_empty() {
            continue;
        }
        let after = ctx.dependencies(svc.module, &svc.local_address());
        let missing: Vec<String> = needed
            .iter()
            .filter(|r| !after.contains(&(r.module.address.clone(), r.local_address())))
            .map(|r| r.address.clone())
            .collect();
        if !missing.is_empty() {
            out.push(svc.finding(
                &META,
                svc.pos(),
                format!(
                    "{} can start tasks before they have a way out to pull their image: it does not wait for {}",
                    svc.address,
                    missing.join(", ")
                ),
                "add them to the service's depends_on, or to depends_on of the outputs that pass it the subnets and security groups",
            ));
        }
    }
}
