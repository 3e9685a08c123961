//! Security-group rules, whichever way they are written: inline `ingress`/`egress` blocks,
//! `aws_security_group_rule`, or `aws_vpc_security_group_{ingress,egress}_rule`.

pub mod sg001_security_group_description;
pub mod sg002_security_group_open_admin_ports;
pub mod sg003_security_group_open_http;
pub mod sg004_security_group_open_all_ingress;
pub mod sg005_security_group_open_all_egress;
pub mod sg006_security_group_unattached;

use super::prelude::*;
use crate::hcl::Pos;
use hcl_edit::structure::Body;

/// One rule, normalised.
pub struct SgRule<'a> {
    /// The resource that declares the rule (the group itself for inline rules).
    pub res: Res<'a>,
    pub pos: Pos,
    pub ingress: bool,
    pub protocol: Option<String>,
    pub from: Option<f64>,
    pub to: Option<f64>,
    pub cidrs: Vec<String>,
    pub described: bool,
    /// The group the rule belongs to.
    pub group: Vec<Traced>,
    /// Groups the rule admits or targets.
    pub peer_groups: Vec<Traced>,
    /// The rule names a prefix list or `self` as its peer.
    pub other_peer: bool,
}

impl SgRule<'_> {
    pub fn from_anywhere(&self) -> bool {
        self.cidrs.iter().any(|c| c == "0.0.0.0/0" || c == "::/0")
    }

    pub fn all_traffic(&self) -> bool {
        matches!(self.protocol.as_deref(), Some("-1") | Some("all"))
            || (self.from.is_some_and(|f| f <= 0.0) && self.to.is_some_and(|t| t >= 65535.0))
    }

    /// Does the rule admit TCP `port`? Unknown ports never match.
    pub fn covers(&self, port: u32) -> bool {
        if self.all_traffic() {
            return true;
        }
        let tcp = matches!(self.protocol.as_deref(), Some("tcp") | Some("6"));
        let p = port as f64;
        tcp && self.from.is_some_and(|f| f <= p) && self.to.is_some_and(|t| p <= t)
    }
}

fn protocol(v: Option<Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.to_ascii_lowercase()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// Every security-group rule in the configuration.
/// The security groups of the ECS services' tasks (their `network_configuration`).
pub fn task_groups(ctx: &Ctx) -> Vec<Traced> {
    let mut out = Vec::new();
    for s in ctx.resources("aws_ecs_service") {
        for n in s.blocks("network_configuration") {
            if let Some(a) = n.get_attribute("security_groups") {
                out.extend(ctx.trace(s.module, &a.value));
            }
        }
    }
    out
}

/// Two traces name the same resource.
pub fn same(a: &Traced, b: &Traced) -> bool {
    a.module == b.module && a.target == b.target
}

impl SgRule<'_> {
    /// The rule admits only groups in `allowed`: no CIDR, prefix list or `self`.
    pub fn only_from(&self, allowed: &[Traced]) -> bool {
        !self.peer_groups.is_empty()
            && self.cidrs.is_empty()
            && !self.other_peer
            && self
                .peer_groups
                .iter()
                .all(|p| allowed.iter().any(|a| same(p, a)))
    }

    /// The rule belongs to one of `groups`.
    pub fn on_any_of(&self, groups: &[Traced]) -> bool {
        self.group.iter().any(|g| groups.iter().any(|x| same(g, x)))
    }
}

pub fn rules<'a>(ctx: &'a Ctx<'a>) -> Vec<SgRule<'a>> {
    let mut out = Vec::new();
    for sg in ctx.resources("aws_security_group") {
        let own = vec![Traced {
            module: sg.module.address.clone(),
            target: sg.local_address(),
            attr: None,
        }];
        for (kind, ingress) in [("ingress", true), ("egress", false)] {
            for b in sg.blocks(kind) {
                let body: &Body = b;
                let groups = body
                    .get_attribute("security_groups")
                    .map(|a| ctx.trace(sg.module, &a.value))
                    .unwrap_or_default();
                let mut cidrs = strings(&sg.value_in(body, "cidr_blocks"));
                cidrs.extend(strings(&sg.value_in(body, "ipv6_cidr_blocks")));
                out.push(SgRule {
                    pos: crate::hcl::Pos {
                        file: sg.pos().file,
                        offset: offset_of(body),
                    },
                    ingress,
                    protocol: protocol(sg.value_in(body, "protocol")),
                    from: number(&sg.value_in(body, "from_port")),
                    to: number(&sg.value_in(body, "to_port")),
                    cidrs,
                    described: body.get_attribute("description").is_some(),
                    group: own.clone(),
                    peer_groups: groups,
                    other_peer: is_true(&sg.value_in(body, "self"))
                        || body.get_attribute("prefix_list_ids").is_some(),
                    res: sg.clone(),
                });
            }
        }
    }
    for r in ctx.resources("aws_security_group_rule") {
        let mut cidrs = strings(&r.value("cidr_blocks"));
        cidrs.extend(strings(&r.value("ipv6_cidr_blocks")));
        out.push(SgRule {
            pos: r.pos(),
            ingress: string(&r.value("type")).as_deref() == Some("ingress"),
            protocol: protocol(r.value("protocol")),
            from: number(&r.value("from_port")),
            to: number(&r.value("to_port")),
            cidrs,
            described: r.attr("description").is_some(),
            group: r.trace("security_group_id"),
            peer_groups: r.trace("source_security_group_id"),
            other_peer: is_true(&r.value("self")) || r.attr("prefix_list_ids").is_some(),
            res: r.clone(),
        });
    }
    for (ty, ingress) in [
        ("aws_vpc_security_group_ingress_rule", true),
        ("aws_vpc_security_group_egress_rule", false),
    ] {
        for r in ctx.resources(ty) {
            let mut cidrs = Vec::new();
            cidrs.extend(string(&r.value("cidr_ipv4")));
            cidrs.extend(string(&r.value("cidr_ipv6")));
            out.push(SgRule {
                pos: r.pos(),
                ingress,
                protocol: protocol(r.value("ip_protocol")),
                from: number(&r.value("from_port")),
                to: number(&r.value("to_port")),
                cidrs,
                described: r.attr("description").is_some(),
                group: r.trace("security_group_id"),
                peer_groups: r.trace("referenced_security_group_id"),
                other_peer: r.attr("prefix_list_id").is_some(),
                res: r.clone(),
            });
        }
    }
    out
}
