//! # LB012 lb-authentication-without-idp-egress
//!
//! **What it does.** Flags load balancer listeners and listener rules with a `jwt-validation`, `authenticate-cognito` or `authenticate-oidc` action whose load balancer's security groups allow no outbound HTTPS.
//!
//! **Why.** To validate a token or sign a user in, the load balancer itself calls the identity provider over HTTPS: the JWKS endpoint for `jwt-validation`, the token and user-info endpoints for the others. Security groups are stateful but deny what they do not allow, so with egress only to the targets every authenticated request fails, while unauthenticated routes keep working and hide the problem.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
//!   security_group_id            = aws_security_group.alb.id
//!   referenced_security_group_id = aws_security_group.tasks.id
//!   ip_protocol                  = "tcp"
//!   from_port                    = 8080
//!   to_port                      = 8080
//! }
//! resource "aws_lb_listener_rule" "post_pet" {
//!   action {
//!     type = "jwt-validation"
//!   }
//! }
//! ```
//!
//! **Fix.** Allow the load balancer's security group out on TCP 443 to the identity provider. Cognito publishes no address range, so the destination is `0.0.0.0/0`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(AuthenticationWithoutIdpEgress {
    id: "LB012",
    name: "lb-authentication-without-idp-egress",
    category: Reliability,
    severity: Error,
    checkov: [],
    profile_fix: None,
    source: include_str!("lb012_lb_authentication_without_idp_egress.rs"),
});

/// Actions the load balancer performs by calling the identity provider.
pub const AUTHENTICATING_ACTIONS: &[&str] = &[
    "jwt-validation",
    "authenticate-cognito",
    "authenticate-oidc",
];

/// Does a rule of this protocol and port range let TCP 443 out? Unknown parts allow it: the
/// rule fires only on what it can know.
fn covers_https(res: &Res, body: &hcl_edit::structure::Body, protocol_arg: &str) -> bool {
    let protocol = string(&res.value_in(body, protocol_arg)).map(|p| p.to_ascii_lowercase());
    match protocol.as_deref() {
        Some("-1") | Some("all") | None => return true,
        Some("tcp") | Some("6") => {}
        Some(_) => return false,
    }
    let from = number(&res.value_in(body, "from_port"));
    let to = number(&res.value_in(body, "to_port"));
    match (from, to) {
        (Some(f), Some(t)) => f <= 443.0 && 443.0 <= t,
        _ => true,
    }
}

/// Can the rule reach the identity provider, which is on the public IPv4 internet? A prefix
/// list, or a value petgen cannot read, may; a private IPv4 block, or IPv6 alone, cannot.
fn to_addresses(res: &Res, body: &hcl_edit::structure::Body, args: &[&str]) -> bool {
    if res.value_in(body, "self") == Some(Value::Bool(true)) {
        return false;
    }
    args.iter().any(|a| {
        if body.get_attribute(a).is_none() || a.contains("ipv6") {
            return false;
        }
        if !a.starts_with("cidr") {
            return true;
        }
        match res.value_in(body, a) {
            None => true,
            v => strings(&v).iter().any(|c| public_ipv4(c)),
        }
    })
}

/// A block that covers public IPv4 addresses (0.0.0.0/0, or any block outside the private
/// and shared ranges).
fn public_ipv4(cidr: &str) -> bool {
    let Ok(net) = cidr.parse::<ipnet::Ipv4Net>() else {
        return true;
    };
    ![
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
    ]
    .iter()
    .filter_map(|p| p.parse::<ipnet::Ipv4Net>().ok())
    .any(|p| p.contains(&net))
}

fn allows_https_out(ctx: &Ctx, sg: &Res) -> bool {
    let inline = sg.blocks("egress").into_iter().any(|e| {
        covers_https(sg, e, "protocol")
            && to_addresses(
                sg,
                e,
                &["cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids"],
            )
    });
    let of_sg = |r: &Res| r.trace("security_group_id").iter().any(|t| sg.is(t));
    let standalone = ctx
        .resources("aws_vpc_security_group_egress_rule")
        .filter(of_sg)
        .any(|r| {
            covers_https(&r, r.body(), "ip_protocol")
                && to_addresses(&r, r.body(), &["cidr_ipv4", "cidr_ipv6", "prefix_list_id"])
        });
    let legacy = ctx
        .resources("aws_security_group_rule")
        .filter(of_sg)
        .filter(|r| string(&r.value("type")).as_deref() != Some("ingress"))
        .any(|r| {
            covers_https(&r, r.body(), "protocol")
                && to_addresses(
                    &r,
                    r.body(),
                    &["cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids"],
                )
        });
    inline || standalone || legacy
}

/// The load balancers behind a listener (`Res` of `aws_lb_listener`).
fn load_balancers<'a>(ctx: &'a Ctx, listener: &Res) -> Vec<Res<'a>> {
    let targets = listener.trace("load_balancer_arn");
    ["aws_lb", "aws_alb"]
        .iter()
        .flat_map(|ty| ctx.resources(ty))
        .filter(|lb| targets.iter().any(|t| lb.is(t)))
        .collect()
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let listeners: Vec<Res> = ["aws_lb_listener", "aws_alb_listener"]
        .iter()
        .flat_map(|ty| ctx.resources(ty))
        .collect();
    let mut subjects: Vec<(Res, Vec<Res>)> = Vec::new();
    for l in &listeners {
        if authenticates(l, "default_action") {
            subjects.push((l.clone(), vec![l.clone()]));
        }
    }
    for ty in ["aws_lb_listener_rule", "aws_alb_listener_rule"] {
        for rule in ctx.resources(ty) {
            if authenticates(&rule, "action") {
                let targets = rule.trace("listener_arn");
                let of = listeners
                    .iter()
                    .filter(|l| targets.iter().any(|t| l.is(t)))
                    .cloned()
                    .collect();
                subjects.push((rule, of));
            }
        }
    }
    for (subject, of) in subjects {
        for listener in of {
            for lb in load_balancers(ctx, &listener) {
                if lb.attr("security_groups").is_none() {
                    continue;
                }
                let targets = lb.trace("security_groups");
                let groups: Vec<Res> = ctx
                    .resources("aws_security_group")
                    .filter(|sg| targets.iter().any(|t| sg.is(t)))
                    .collect();
                // Groups it cannot see (a variable, another root) may allow it.
                if groups.is_empty() || groups.len() < targets.len() {
                    continue;
                }
                if !groups.iter().any(|sg| allows_https_out(ctx, sg)) {
                    out.push(subject.finding(
                        &META,
                        subject.pos(),
                        format!(
                            "{} authenticates with the identity provider, but the security groups of {} allow no HTTPS out: every authenticated request fails",
                            subject.address, lb.address
                        ),
                        "allow the load balancer's security group out on TCP 443 (0.0.0.0/0: Cognito publishes no address range)",
                    ));
                }
            }
        }
    }
}

/// Does `res` have an action block named `block` of an authenticating type?
fn authenticates(res: &Res, block: &str) -> bool {
    res.blocks(block).into_iter().any(|a| {
        string(&res.value_in(a, "type"))
            .is_some_and(|t| AUTHENTICATING_ACTIONS.contains(&t.as_str()))
    })
}
