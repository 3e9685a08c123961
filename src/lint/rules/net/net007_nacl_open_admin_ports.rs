//! # NET007 nacl-open-admin-ports
//!
//! **What it does.** Flags network ACL ingress rules that allow 0.0.0.0/0 to FTP (20, 21), SSH (22), RDP (3389) or to all ports.
//!
//! **Why.** NACLs are the subnet's last filter; opening administrative ports to the internet there undoes the security groups' work.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_network_acl_rule" "ssh" {
//!   network_acl_id = aws_network_acl.this.id
//!   rule_number    = 100
//!   egress         = false
//!   protocol       = "tcp"
//!   rule_action    = "allow"
//!   cidr_block     = "0.0.0.0/0"
//!   from_port      = 22
//!   to_port        = 22
//! }
//! ```
//!
//! **Fix.** Allow only the ports the subnet serves, from the ranges that need them.
//!
//! checkov: CKV_AWS_229, CKV_AWS_230, CKV_AWS_231, CKV_AWS_232, CKV_AWS_352.

use crate::lint::rules::prelude::*;

declare_rule!(NaclOpenPorts {
    id: "NET007",
    name: "nacl-open-admin-ports",
    category: Security,
    severity: Warning,
    checkov: [
        "CKV_AWS_229",
        "CKV_AWS_230",
        "CKV_AWS_231",
        "CKV_AWS_232",
        "CKV_AWS_352"
    ],
    profile_fix: None,
    source: include_str!("net007_nacl_open_admin_ports.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let check = |res: &Res, body: Option<&hcl_edit::structure::Body>, out: &mut Vec<Finding>| {
        let v = |k: &str| match body {
            Some(b) => res.value_in(b, k),
            None => res.value(k),
        };
        let action = string(&v(if body.is_some() {
            "action"
        } else {
            "rule_action"
        }))
        .unwrap_or_default();
        let cidr = string(&v("cidr_block"))
            .or(string(&v("ipv6_cidr_block")))
            .unwrap_or_default();
        if action != "allow"
            || !(cidr == "0.0.0.0/0" || cidr == "::/0")
            || (body.is_none() && is_true(&v("egress")))
        {
            return;
        }
        let protocol = match v("protocol") {
            Some(Value::String(s)) => s,
            Some(Value::Number(n)) => n.to_string(),
            _ => return,
        };
        let (from, to) = (
            number(&v("from_port")).unwrap_or(0.0),
            number(&v("to_port")).unwrap_or(0.0),
        );
        let all = protocol == "-1" || protocol == "all" || (from <= 0.0 && to >= 65535.0);
        let exposed: Vec<u32> = [20u32, 21, 22, 3389]
            .into_iter()
            .filter(|p| all || (from <= *p as f64 && *p as f64 <= to))
            .collect();
        if all || !exposed.is_empty() {
            let what = if all {
                "all ports".to_string()
            } else {
                format!("port(s) {exposed:?}")
            };
            out.push(res.finding(
                &META,
                res.pos(),
                format!("{} allows {what} from {cidr}", res.address),
                "allow only the needed ports, from the needed ranges",
            ));
        }
    };
    for rule in ctx.resources("aws_network_acl_rule") {
        check(&rule, None, out);
    }
    for acl in ctx.resources("aws_network_acl") {
        for b in acl.blocks("ingress") {
            check(&acl, Some(b), out);
        }
    }
}
