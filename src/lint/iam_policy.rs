//! IAM-style policy documents, wherever they are written: `jsonencode({...})`, a JSON string,
//! or a `data "aws_iam_policy_document"` block. Rules read the normalised statements.

use crate::hcl::semantic::{blocks_named, Res};
use serde_json::Value;

/// One statement, normalised: lists everywhere, `*` kept as written.
#[derive(Debug, Clone, Default)]
pub struct Statement {
    pub allow: bool,
    pub actions: Vec<String>,
    /// The statement uses `NotAction` (which grants everything else).
    pub not_action: bool,
    pub resources: Vec<String>,
    pub not_resource: bool,
    /// Principal values, flattened (`*`, ARNs, service names).
    pub principals: Vec<String>,
    pub has_condition: bool,
}

impl Statement {
    pub fn any_action(&self, pred: impl Fn(&str) -> bool) -> bool {
        self.actions.iter().any(|a| pred(a))
    }

    pub fn all_resources(&self) -> bool {
        self.not_resource || self.resources.iter().any(|r| r == "*")
    }

    /// `*`, `service:*` or a wildcard that covers the named action.
    pub fn grants(&self, action: &str) -> bool {
        if self.not_action {
            return true;
        }
        self.actions
            .iter()
            .any(|a| wildcard_match(&a.to_ascii_lowercase(), &action.to_ascii_lowercase()))
    }
}

/// `*` and `?` matching, as IAM does for actions.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn principals(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Object(m)) => m.values().flat_map(|x| strings(Some(x))).collect(),
        Some(Value::Array(a)) => a.iter().flat_map(|x| principals(Some(x))).collect(),
        _ => Vec::new(),
    }
}

/// Statements of a policy given as a JSON string or an object.
pub fn statements(policy: &Value) -> Vec<Statement> {
    let doc = match policy {
        Value::String(s) => match serde_json::from_str::<Value>(s) {
            Ok(v) => v,
            Err(_) => return Vec::new(),
        },
        other => other.clone(),
    };
    let list = match doc.get("Statement") {
        Some(Value::Array(a)) => a.clone(),
        Some(o @ Value::Object(_)) => vec![o.clone()],
        _ => Vec::new(),
    };
    list.iter()
        .map(|s| Statement {
            allow: s.get("Effect").and_then(Value::as_str) != Some("Deny"),
            not_action: s.get("NotAction").is_some(),
            actions: strings(s.get("Action").or(s.get("NotAction"))),
            not_resource: s.get("NotResource").is_some(),
            resources: strings(s.get("Resource").or(s.get("NotResource"))),
            principals: principals(s.get("Principal").or(s.get("NotPrincipal"))),
            has_condition: s.get("Condition").is_some(),
        })
        .collect()
}

/// Statements of a `data "aws_iam_policy_document"` block, where they are literal.
pub fn document_statements(doc: &Res) -> Vec<Statement> {
    blocks_named(doc.body(), "statement")
        .into_iter()
        .map(|s| {
            let list = |name: &str| match doc.value_in(s, name) {
                Some(v) => strings(Some(&v)),
                None => Vec::new(),
            };
            let not_actions = list("not_actions");
            let not_resources = list("not_resources");
            Statement {
                allow: doc
                    .value_in(s, "effect")
                    .and_then(|v| v.as_str().map(str::to_string))
                    != Some("Deny".into()),
                not_action: !not_actions.is_empty(),
                actions: if not_actions.is_empty() {
                    list("actions")
                } else {
                    not_actions
                },
                not_resource: !not_resources.is_empty(),
                resources: if not_resources.is_empty() {
                    list("resources")
                } else {
                    not_resources
                },
                principals: blocks_named(s, "principals")
                    .into_iter()
                    .chain(blocks_named(s, "not_principals"))
                    .flat_map(|p| {
                        doc.value_in(p, "identifiers")
                            .map(|v| strings(Some(&v)))
                            .unwrap_or_default()
                    })
                    .collect(),
                has_condition: !blocks_named(s, "condition").is_empty(),
            }
        })
        .collect()
}

/// The statements of the policy in argument `arg` of `res`: a literal or `jsonencode`d
/// document, or a reference to a `data.aws_iam_policy_document`'s `json`.
pub fn policy_of(res: &Res, arg: &str) -> Option<Vec<Statement>> {
    if let Some(v) = res.value(arg) {
        return Some(statements(&v));
    }
    for t in res.trace(arg) {
        if let Some(ty_name) = t.target.strip_prefix("data.aws_iam_policy_document.") {
            let module = res.model.index.modules.get(&t.module)?;
            let block = module
                .blocks_of(crate::hcl::BlockKind::Data)
                .find(|b| b.labels.as_slice() == ["aws_iam_policy_document", ty_name])?;
            let doc = Res::from_parts(res.model, module, block);
            return Some(document_statements(&doc));
        }
    }
    None
}

/// Actions that let a principal raise its own privileges (from Rhino Security Labs' list, as
/// checkov and trivy use it).
pub const PRIVILEGE_ESCALATION: &[&str] = &[
    "iam:createpolicyversion",
    "iam:setdefaultpolicyversion",
    "iam:passrole",
    "iam:createaccesskey",
    "iam:createloginprofile",
    "iam:updateloginprofile",
    "iam:attachuserpolicy",
    "iam:attachgrouppolicy",
    "iam:attachrolepolicy",
    "iam:putuserpolicy",
    "iam:putgrouppolicy",
    "iam:putrolepolicy",
    "iam:addusertogroup",
    "iam:updateassumerolepolicy",
    "sts:assumerole",
    "lambda:updatefunctioncode",
    "glue:updatedevendpoint",
];

/// Actions that return credentials or secrets.
pub const CREDENTIAL_EXPOSURE: &[&str] = &[
    "chime:createapikey",
    "codepipeline:pollforjobs",
    "cognito-identity:getopenidtoken",
    "cognito-identity:getopenidtokenfordeveloperidentity",
    "cognito-identity:getcredentialsforidentity",
    "connect:getfederationtoken",
    "connect:getfederationtokens",
    "ec2:getpassworddata",
    // Not ecr:GetAuthorizationToken: its token reaches only the repositories the principal's
    // other ECR permissions allow, and every ECS execution role that pulls from ECR needs it
    // on "*" (checkov's CKV_AWS_107 leaves it out for the same reason).
    "gamelift:requestuploadcredentials",
    "iam:createaccesskey",
    "iam:createloginprofile",
    "iam:createservicespecificcredential",
    "iam:resetservicespecificcredential",
    "iam:updateaccesskey",
    "lightsail:getinstanceaccessdetails",
    "lightsail:getrelationaldatabasemasteruserpassword",
    "rds-db:connect",
    "redshift:getclustercredentials",
    "sso:getrolecredentials",
    "mediapackage:rotatechannelcredentials",
    "mediapackage:rotateingestendpointcredentials",
    "sts:assumerole",
    "sts:assumerolewithsaml",
    "sts:assumerolewithwebidentity",
    "sts:getfederationtoken",
    "sts:getsessiontoken",
];

/// Write-level action verbs, by prefix of the action name after the service.
pub fn is_write_action(action: &str) -> bool {
    let a = action.to_ascii_lowercase();
    if a == "*" {
        return true;
    }
    let Some((_, verb)) = a.split_once(':') else {
        return false;
    };
    const WRITE: &[&str] = &[
        "*",
        "put",
        "create",
        "delete",
        "update",
        "modify",
        "attach",
        "detach",
        "set",
        "add",
        "remove",
        "write",
        "batchwrite",
        "upload",
        "start",
        "stop",
        "terminate",
        "run",
        "invoke",
        "publish",
        "send",
        "tag",
        "untag",
        "enable",
        "disable",
        "restore",
        "copy",
        "import",
        "register",
        "deregister",
        "associate",
        "disassociate",
        "replace",
        "reset",
        "revoke",
        "authorize",
        "pass",
    ];
    WRITE.iter().any(|w| verb.starts_with(w))
}
