//! Stage 5 (beside lint and cost): the architecture diagram of a root, drawn from the HCL index
//! rather than kept by hand. Components are the resource types that carry traffic, data or
//! identity ([`COMPONENTS`]); edges are the references between them, followed through the
//! resources in between (roles, policies, security groups) and across modules, then turned to
//! point the way requests flow. The same [`Diagram`] prints as Mermaid ([`mermaid`]) or DOT
//! ([`dot`]); both are deterministic, so a pull request's diff shows the architecture change.

pub mod dot;
pub mod mermaid;

use crate::hcl::semantic::{blocks_named, Model, Res, Traced};
use crate::hcl::{BlockKind, Module};
use hcl_edit::expr::Expression;
use hcl_edit::structure::Body;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// How a component is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// A service or resource.
    Box,
    /// Outside the stack: the client, the internet.
    External,
    /// Where data rests.
    Store,
    /// Identity: user pools, their clients, authorizers.
    Identity,
}

/// One resource type drawn as a component.
pub struct Component {
    pub ty: &'static str,
    pub title: &'static str,
    pub shape: Shape,
    /// Several of these in one module are drawn as one node ("6 alarms").
    pub collapse: bool,
}

const fn c(ty: &'static str, title: &'static str, shape: Shape) -> Component {
    Component {
        ty,
        title,
        shape,
        collapse: false,
    }
}

const fn many(ty: &'static str, title: &'static str, shape: Shape) -> Component {
    Component {
        ty,
        title,
        shape,
        collapse: true,
    }
}

/// The resource types a diagram shows. Everything else (roles, policies, subnets, route
/// tables, security groups, log groups) is followed through, not drawn.
pub const COMPONENTS: &[Component] = &[
    c("aws_apigatewayv2_api", "HTTP API", Shape::Box),
    c("aws_apigatewayv2_route", "route", Shape::Box),
    c(
        "aws_apigatewayv2_authorizer",
        "JWT authorizer",
        Shape::Identity,
    ),
    c("aws_apigatewayv2_integration", "integration", Shape::Box),
    c("aws_apigatewayv2_vpc_link", "VPC link", Shape::Box),
    c("aws_lb", "load balancer", Shape::Box),
    c("aws_lb_listener", "listener", Shape::Box),
    c("aws_lb_listener_rule", "listener rule", Shape::Box),
    c("aws_lb_target_group", "target group", Shape::Box),
    c("aws_wafv2_web_acl", "WAF web ACL", Shape::Box),
    c(
        "aws_service_discovery_service",
        "Cloud Map service",
        Shape::Box,
    ),
    c("aws_ecs_cluster", "ECS cluster", Shape::Box),
    c("aws_ecs_service", "ECS service (Fargate)", Shape::Box),
    c("aws_ecs_task_definition", "task definition", Shape::Box),
    c("aws_ecr_repository", "ECR repository", Shape::Store),
    c("aws_dynamodb_table", "DynamoDB table", Shape::Store),
    c("aws_rds_cluster", "Aurora PostgreSQL cluster", Shape::Store),
    c("aws_rds_cluster_instance", "Aurora instance", Shape::Box),
    c(
        "aws_cognito_user_pool",
        "Cognito user pool",
        Shape::Identity,
    ),
    c(
        "aws_cognito_user_pool_client",
        "app client",
        Shape::Identity,
    ),
    c(
        "aws_cognito_user_pool_domain",
        "hosted domain",
        Shape::Identity,
    ),
    c(
        "aws_cognito_resource_server",
        "resource server",
        Shape::Identity,
    ),
    c("aws_nat_gateway", "NAT gateway", Shape::Box),
    c("aws_internet_gateway", "internet gateway", Shape::Box),
    c("aws_vpc_endpoint", "VPC endpoint", Shape::Box),
    c("aws_kms_key", "KMS key", Shape::Identity),
    c("aws_sns_topic", "SNS topic", Shape::Box),
    many(
        "aws_cloudwatch_metric_alarm",
        "CloudWatch alarms",
        Shape::Box,
    ),
    c("aws_cloudwatch_dashboard", "dashboard", Shape::Box),
    c("aws_cloudtrail", "CloudTrail trail", Shape::Box),
    c("aws_s3_bucket", "S3 bucket", Shape::Store),
];

fn component(ty: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|c| c.ty == ty)
}

/// References whose meaning runs against the request path: `A` refers to `B`, yet traffic
/// goes from `B` to `A` (Cloud Map and target groups send requests to the ECS service).
const AGAINST_THE_FLOW: &[(&str, &str)] = &[
    ("aws_ecs_service", "aws_service_discovery_service"),
    ("aws_ecs_service", "aws_lb_target_group"),
    ("aws_apigatewayv2_route", "aws_apigatewayv2_api"),
    ("aws_lb_listener", "aws_lb"),
    ("aws_lb_listener_rule", "aws_lb_listener"),
];

/// References left out: they restate what the request path already shows (an integration
/// and an authorizer belong to the API whose routes use them).
const NOT_DRAWN: &[(&str, &str)] = &[
    ("aws_apigatewayv2_integration", "aws_apigatewayv2_api"),
    ("aws_apigatewayv2_authorizer", "aws_apigatewayv2_api"),
    ("aws_lb_listener_rule", "aws_lb"),
];

/// Edges on the request path, drawn solid; every other edge is a dependency, drawn dashed.
const REQUEST_PATH: &[(&str, &str)] = &[
    ("client", "aws_apigatewayv2_api"),
    ("client", "aws_lb"),
    ("aws_apigatewayv2_api", "aws_apigatewayv2_route"),
    ("aws_apigatewayv2_route", "aws_apigatewayv2_integration"),
    ("aws_apigatewayv2_integration", "aws_apigatewayv2_vpc_link"),
    ("aws_apigatewayv2_vpc_link", "aws_service_discovery_service"),
    ("aws_service_discovery_service", "aws_ecs_service"),
    ("aws_lb", "aws_lb_listener"),
    ("aws_lb_listener", "aws_lb_listener_rule"),
    ("aws_lb_listener_rule", "aws_lb_target_group"),
    ("aws_lb_target_group", "aws_ecs_service"),
    ("aws_ecs_service", "aws_ecs_task_definition"),
    ("aws_ecs_task_definition", "aws_dynamodb_table"),
    ("aws_ecs_task_definition", "aws_rds_cluster"),
];

/// A node of the diagram.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Node {
    /// Module address (`""` for the root); nodes are grouped by it.
    pub group: String,
    /// Identifier safe in Mermaid and DOT.
    pub id: String,
    /// Lines of the label: what it is, then which resource or detail.
    pub label: Vec<String>,
    pub shape: Shape,
}

/// An edge of the diagram.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    /// A dependency rather than a step on the request path.
    pub dashed: bool,
}

/// The architecture of one root.
#[derive(Debug, Default)]
pub struct Diagram {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Diagram {
    /// Module groups in order, each with its nodes.
    pub fn groups(&self) -> BTreeMap<&str, Vec<&Node>> {
        let mut out: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
        for n in &self.nodes {
            out.entry(n.group.as_str()).or_default().push(n);
        }
        out
    }
}

/// `module.api` → `module_api__aws_lb_this`-style identifiers: letters, digits, `_`.
fn node_id(module: &str, local: &str) -> String {
    let raw = if module.is_empty() {
        local.to_string()
    } else {
        format!("{module}.{local}")
    };
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Every expression in a body, nested blocks included.
fn expressions(body: &Body) -> Vec<&Expression> {
    let mut out: Vec<&Expression> = body.attributes().map(|a| &a.value).collect();
    for b in body.blocks() {
        out.extend(expressions(&b.body));
    }
    out
}

/// A resource or data block by module and local address.
type Key = (String, String);

/// What a block refers to, traced through variables, locals and module outputs.
fn targets(model: &Model, module: &Module, body: &Body) -> BTreeSet<Key> {
    expressions(body)
        .into_iter()
        .flat_map(|e| model.trace(module, e))
        .map(|Traced { module, target, .. }| (module, target))
        .collect()
}

struct Builder<'a> {
    model: &'a Model<'a>,
    /// Component resources, by key: their type and node id.
    components: BTreeMap<Key, (&'static str, String)>,
    nodes: BTreeMap<String, Node>,
    edges: BTreeSet<Edge>,
}

/// Draw `model`'s architecture.
pub fn diagram(model: &Model) -> Diagram {
    let mut b = Builder {
        model,
        components: BTreeMap::new(),
        nodes: BTreeMap::new(),
        edges: BTreeSet::new(),
    };
    b.collect_components();
    b.connect_references();
    b.connect_externals();
    b.connect_egress();
    b.replicas();
    Diagram {
        nodes: b.nodes.into_values().collect(),
        edges: b.edges.into_iter().collect(),
    }
}

impl<'a> Builder<'a> {
    fn collect_components(&mut self) {
        for (address, module) in self.model.index.iter() {
            for block in module.resources() {
                let Some(ty) = block.labels.first().copied() else {
                    continue;
                };
                let res = Res::from_parts(self.model, module, block);
                let Some(comp) = component(ty) else {
                    // petgen's own resources live in its modules: a resource of a type the
                    // picture does not know, written in the root module, is the user's own
                    // (an overlay, or a hand-written root), and is drawn as what it is.
                    if address.is_empty() {
                        self.generic(ty, &res);
                    }
                    continue;
                };
                let local = res.local_address();
                let id = if comp.collapse {
                    node_id(address, ty)
                } else {
                    node_id(address, &local)
                };
                self.components
                    .insert((address.to_string(), local), (comp.ty, id.clone()));
                let node = self.nodes.entry(id.clone()).or_insert_with(|| Node {
                    group: address.to_string(),
                    id: id.clone(),
                    label: Vec::new(),
                    shape: comp.shape,
                });
                if comp.collapse {
                    let count = self.components.values().filter(|(_, i)| *i == id).count();
                    node.label = vec![format!("{count} {}", comp.title)];
                } else {
                    node.label = label(comp, &res);
                }
            }
        }
    }

    /// A resource of a type with no place in the picture: a plain box named by its type.
    fn generic(&mut self, ty: &str, res: &Res) {
        let local = res.local_address();
        let id = node_id("", &local);
        // Connections match on known types; this one takes part in none of those rules.
        self.components
            .insert((String::new(), local), ("other", id.clone()));
        self.nodes.insert(
            id.clone(),
            Node {
                group: String::new(),
                id,
                label: vec![ty.to_string(), res.name().to_string()],
                shape: Shape::Box,
            },
        );
    }

    fn edge(&mut self, from: &str, from_ty: &str, to: &str, to_ty: &str, label: Option<&str>) {
        if from == to {
            return;
        }
        let dashed = !REQUEST_PATH.contains(&(from_ty, to_ty));
        self.edges.insert(Edge {
            from: from.to_string(),
            to: to.to_string(),
            label: label.map(str::to_string),
            dashed,
        });
    }

    /// The components a component refers to, following non-components in between (up to a
    /// few hops: a task definition reaches the table through its role's policy only if the
    /// policy is what refers to the role, which a reference walk cannot see, so the walk stays
    /// short and literal).
    fn reached(&self, start: &Key) -> BTreeSet<Key> {
        let mut out = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([(start.clone(), 0u8)]);
        while let Some((key, depth)) = queue.pop_front() {
            if !seen.insert(key.clone()) || depth > 3 {
                continue;
            }
            let Some(module) = self.model.index.modules.get(&key.0) else {
                continue;
            };
            let Some(block) = find(module, &key.1) else {
                continue;
            };
            for t in targets(self.model, module, block.body) {
                if t == *start {
                    continue;
                }
                if self.components.contains_key(&t) {
                    out.insert(t);
                } else if !t.1.starts_with("data.") {
                    queue.push_back((t, depth + 1));
                }
            }
        }
        out
    }

    fn connect_references(&mut self) {
        let keys: Vec<(Key, (&'static str, String))> = self
            .components
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (key, (ty, id)) in keys {
            for t in self.reached(&key) {
                let Some((tty, tid)) = self.components.get(&t).cloned() else {
                    continue;
                };
                if NOT_DRAWN.contains(&(ty, tty)) {
                    continue;
                }
                if AGAINST_THE_FLOW.contains(&(ty, tty)) {
                    self.edge(&tid, tty, &id, ty, None);
                } else if ty == "aws_apigatewayv2_integration"
                    && tty != "aws_apigatewayv2_vpc_link"
                    && self.via_vpc_link(&key).is_some()
                {
                    // A private integration: the VPC link carries the request to its target.
                    let (lty, lid) = self.via_vpc_link(&key).unwrap_or_default();
                    self.edge(&lid, lty, &tid, tty, None);
                } else {
                    let label = match (ty, tty) {
                        ("aws_apigatewayv2_route", "aws_apigatewayv2_authorizer") => Some("JWT"),
                        ("aws_lb_listener_rule", "aws_cognito_user_pool") => Some("JWT"),
                        ("aws_ecs_task_definition", "aws_dynamodb_table") => Some("reads, writes"),
                        ("aws_ecs_task_definition", "aws_rds_cluster") => Some("SQL over TLS"),
                        ("aws_rds_cluster_instance", "aws_rds_cluster") => Some("serves"),
                        ("aws_ecs_task_definition", "aws_ecr_repository") => Some("image"),
                        ("aws_cloudwatch_metric_alarm", "aws_sns_topic") => Some("notifies"),
                        ("aws_cloudwatch_metric_alarm", _) => Some("watches"),
                        ("aws_cloudtrail", "aws_dynamodb_table") => Some("data events"),
                        _ => None,
                    };
                    self.edge(&id, ty, &tid, tty, label);
                }
            }
        }
    }

    /// The VPC link a private integration goes through, if any.
    fn via_vpc_link(&self, integration: &Key) -> Option<(&'static str, String)> {
        let module = self.model.index.modules.get(&integration.0)?;
        let block = find(module, &integration.1)?;
        let conn = block.body.get_attribute("connection_id")?;
        self.model
            .trace(module, &conn.value)
            .into_iter()
            .find_map(|t| self.components.get(&(t.module, t.target)).cloned())
            .filter(|(ty, _)| *ty == "aws_apigatewayv2_vpc_link")
    }

    /// The client in front of what faces the internet, the internet behind the gateway.
    fn connect_externals(&mut self) {
        let entry: Vec<(&'static str, String)> = self
            .components
            .iter()
            .filter(|((m, l), (ty, _))| {
                *ty == "aws_apigatewayv2_api" || (*ty == "aws_lb" && self.internet_facing(m, l))
            })
            .map(|(_, v)| v.clone())
            .collect();
        if !entry.is_empty() {
            self.external("client", &["Client", "HTTPS"]);
            for (ty, id) in entry {
                self.edge("client", "client", &id, ty, None);
            }
        }
        let gateways: Vec<String> = self
            .components
            .values()
            .filter(|(ty, _)| *ty == "aws_internet_gateway")
            .map(|(_, id)| id.clone())
            .collect();
        if !gateways.is_empty() {
            self.external("internet", &["Internet", "image pulls, AWS APIs"]);
            for id in gateways {
                self.edge(&id, "aws_internet_gateway", "internet", "internet", None);
            }
        }
    }

    fn internet_facing(&self, module: &str, local: &str) -> bool {
        let Some(m) = self.model.index.modules.get(module) else {
            return false;
        };
        let Some(block) = find(m, local) else {
            return false;
        };
        let res = Res::from_parts(self.model, m, block);
        res.value("internal") != Some(serde_json::Value::Bool(true))
    }

    fn external(&mut self, id: &str, label: &[&str]) {
        self.nodes.insert(
            id.to_string(),
            Node {
                group: String::new(),
                id: id.to_string(),
                label: label.iter().map(|s| s.to_string()).collect(),
                shape: Shape::External,
            },
        );
    }

    /// Tasks reach the internet through the NAT gateways their subnets route to, and NAT
    /// gateways through the internet gateway: drawn from the route tables, since no reference
    /// runs from a service to its NAT gateway.
    fn connect_egress(&mut self) {
        let nats: Vec<String> = self
            .components
            .values()
            .filter(|(ty, _)| *ty == "aws_nat_gateway")
            .map(|(_, id)| id.clone())
            .collect();
        if nats.is_empty() {
            return;
        }
        let subnets_with_nat = self.subnets_routed_to_nat();
        let services: Vec<(Key, String)> = self
            .components
            .iter()
            .filter(|(_, (ty, _))| *ty == "aws_ecs_service")
            .map(|(k, (_, id))| (k.clone(), id.clone()))
            .collect();
        for (key, id) in services {
            let Some(module) = self.model.index.modules.get(&key.0) else {
                continue;
            };
            let Some(block) = find(module, &key.1) else {
                continue;
            };
            let res = Res::from_parts(self.model, module, block);
            let subnets: BTreeSet<Key> = res
                .blocks("network_configuration")
                .into_iter()
                .filter_map(|b| b.get_attribute("subnets"))
                .flat_map(|a| self.model.trace(module, &a.value))
                .map(|t| (t.module, t.target))
                .collect();
            for (subnet, nat) in &subnets_with_nat {
                if subnets.contains(subnet) {
                    if let Some((_, nid)) = self.components.get(nat).cloned() {
                        self.edge(
                            &id,
                            "aws_ecs_service",
                            &nid,
                            "aws_nat_gateway",
                            Some("egress"),
                        );
                    }
                }
            }
        }
        let gateways: Vec<String> = self
            .components
            .values()
            .filter(|(ty, _)| *ty == "aws_internet_gateway")
            .map(|(_, id)| id.clone())
            .collect();
        for nat in &nats {
            for igw in &gateways {
                self.edge(nat, "aws_nat_gateway", igw, "aws_internet_gateway", None);
            }
        }
    }

    /// (subnet, NAT gateway) pairs: the subnet's route table sends traffic to the gateway.
    fn subnets_routed_to_nat(&self) -> Vec<(Key, Key)> {
        let mut table_to_nat: Vec<(Key, Key)> = Vec::new();
        for route in self.model.resources("aws_route") {
            let table = trace_arg(&route, "route_table_id");
            let nat = trace_arg(&route, "nat_gateway_id");
            for t in &table {
                for n in &nat {
                    table_to_nat.push((
                        (t.module.clone(), t.target.clone()),
                        (n.module.clone(), n.target.clone()),
                    ));
                }
            }
        }
        for rt in self.model.resources("aws_route_table") {
            for r in rt.blocks("route") {
                if let Some(a) = r.get_attribute("nat_gateway_id") {
                    for n in self.model.trace(rt.module, &a.value) {
                        table_to_nat.push((
                            (rt.module.address.clone(), rt.local_address()),
                            (n.module, n.target),
                        ));
                    }
                }
            }
        }
        let mut out = Vec::new();
        for assoc in self.model.resources("aws_route_table_association") {
            for s in trace_arg(&assoc, "subnet_id") {
                for t in trace_arg(&assoc, "route_table_id") {
                    let table = (t.module.clone(), t.target.clone());
                    for (tb, nat) in &table_to_nat {
                        if *tb == table {
                            out.push(((s.module.clone(), s.target.clone()), nat.clone()));
                        }
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Replica regions of DynamoDB tables, as stores beside their table.
    fn replicas(&mut self) {
        let tables: Vec<(Key, String)> = self
            .components
            .iter()
            .filter(|(_, (ty, _))| *ty == "aws_dynamodb_table")
            .map(|(k, (_, id))| (k.clone(), id.clone()))
            .collect();
        for (key, id) in tables {
            let Some(module) = self.model.index.modules.get(&key.0) else {
                continue;
            };
            let Some(block) = find(module, &key.1) else {
                continue;
            };
            let res = Res::from_parts(self.model, module, block);
            let mut regions: Vec<String> = Vec::new();
            for b in res.body().blocks() {
                match (b.ident.as_str(), b.labels.first().map(|l| l.as_str())) {
                    ("replica", _) => regions.push(match res.value_in(&b.body, "region_name") {
                        Some(serde_json::Value::String(r)) => r,
                        _ => "another region".to_string(),
                    }),
                    // `dynamic "replica" { for_each = var.replica_regions }`: one per item.
                    ("dynamic", Some("replica")) => match res.value_in(&b.body, "for_each") {
                        Some(serde_json::Value::Array(items)) => regions
                            .extend(items.iter().filter_map(|i| i.as_str().map(str::to_string))),
                        Some(serde_json::Value::Object(m)) => regions.extend(m.keys().cloned()),
                        _ => regions.push("other regions".to_string()),
                    },
                    _ => {}
                }
            }
            regions.sort();
            regions.dedup();
            for region in regions {
                let rid = format!("{id}__replica_{}", node_id("", &region));
                self.nodes.insert(
                    rid.clone(),
                    Node {
                        group: key.0.clone(),
                        id: rid.clone(),
                        label: vec!["DynamoDB replica".to_string(), region],
                        shape: Shape::Store,
                    },
                );
                self.edge(
                    &id,
                    "aws_dynamodb_table",
                    &rid,
                    "replica",
                    Some("replicates"),
                );
            }
        }
    }
}

/// What an argument leads to; `each.value` stands for what the resource's `for_each` iterates
/// (`for_each = aws_subnet.private` with `subnet_id = each.value.id`).
fn trace_arg(res: &Res, name: &str) -> Vec<Traced> {
    let Some(attr) = res.attr(name) else {
        return Vec::new();
    };
    let mut out = res.model.trace(res.module, &attr.value);
    let uses_each = crate::hcl::refs::references(&attr.value)
        .iter()
        .any(|r| r.root == "each");
    if uses_each {
        out.extend(res.trace("for_each"));
    }
    out
}

/// A resource block of `module` by local address.
fn find<'m>(module: &'m Module, local: &str) -> Option<crate::hcl::TopBlock<'m>> {
    let (ty, name) = local.split_once('.')?;
    if ty == "data" {
        let (ty, name) = name.split_once('.')?;
        return module
            .blocks_of(BlockKind::Data)
            .find(|b| b.labels.as_slice() == [ty, name]);
    }
    module.resource(ty, name)
}

/// A component's label: its title, then what distinguishes it.
fn label(comp: &Component, res: &Res) -> Vec<String> {
    let text = |name: &str| match res.value(name) {
        Some(serde_json::Value::String(s)) => Some(s),
        _ => None,
    };
    let detail = match comp.ty {
        "aws_apigatewayv2_route" => {
            let key = text("route_key").unwrap_or_else(|| res.name().to_string());
            let jwt = text("authorization_type").is_some_and(|t| t == "JWT");
            return vec![if jwt {
                format!("{key} (JWT)")
            } else {
                format!("{key} (public)")
            }];
        }
        "aws_lb_listener_rule" => {
            let first = |block: &str, arg: &str| {
                res.blocks("condition").iter().find_map(|c| {
                    blocks_named(c, block)
                        .iter()
                        .find_map(|b| match res.value_in(b, arg) {
                            Some(serde_json::Value::Array(v)) => {
                                v.first().and_then(|x| x.as_str()).map(str::to_string)
                            }
                            _ => None,
                        })
                })
            };
            let method = first("http_request_method", "values").unwrap_or_default();
            let path = first("path_pattern", "values")
                .or_else(|| {
                    first("path_pattern", "regex_values")
                        .map(|r| r.trim_start_matches('^').trim_end_matches('$').to_string())
                })
                .unwrap_or_else(|| res.name().to_string());
            let jwt = res.blocks("action").iter().any(|a| {
                matches!(res.value_in(a, "type"), Some(serde_json::Value::String(t)) if t == "jwt-validation")
            });
            let key = format!("{method} {path}").trim().to_string();
            return vec![
                "listener rule".to_string(),
                format!("{key} ({})", if jwt { "JWT" } else { "public" }),
            ];
        }
        "aws_lb_listener" => Some(format!(
            "{} :{}",
            text("protocol").unwrap_or_default(),
            match res.value("port") {
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => "?".to_string(),
            }
        )),
        "aws_vpc_endpoint" => text("service_name")
            .and_then(|s| s.rsplit('.').next().map(str::to_string))
            .map(|s| format!("{s} ({})", text("vpc_endpoint_type").unwrap_or_default()))
            .or_else(|| Some(res.name().to_string())),
        "aws_ecs_service" | "aws_ecs_task_definition" | "aws_dynamodb_table" => {
            let count = match res.value("desired_count") {
                Some(serde_json::Value::Number(n)) if n.as_u64() == Some(1) => {
                    ", 1 task".to_string()
                }
                Some(serde_json::Value::Number(n)) => format!(", {n} tasks"),
                _ => String::new(),
            };
            Some(format!("{}{count}", res.name()))
        }
        "aws_nat_gateway" | "aws_eip" | "aws_rds_cluster_instance" => Some(match res.instances() {
            Some(n) if n > 1 => format!("{} × {n}", res.name()),
            _ => res.name().to_string(),
        }),
        _ => Some(res.name().to_string()),
    };
    let mut out = vec![comp.title.to_string()];
    out.extend(detail);
    out
}

/// A group's heading: the module call, or the root.
pub fn group_title(group: &str) -> String {
    if group.is_empty() {
        "root".to_string()
    } else {
        group.to_string()
    }
}
