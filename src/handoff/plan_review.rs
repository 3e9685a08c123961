//! The data-loss gate: what a saved plan will do, read from `terraform show -json PLAN`
//! (terraform's documented JSON plan representation), summarised for people and PR comments,
//! and refused when it deletes or replaces a resource that holds data or identity unless each
//! such address is named with `--allow-destroy`. `destroy` lists, from the state, the
//! protections that will stop it.

use serde_json::Value;

/// What terraform will do to one resource instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    Create,
    Update,
    /// Delete and create, in either order.
    Replace,
    Delete,
    /// Removed from terraform's state and left in AWS (a `removed` block with
    /// `destroy = false`): nothing is lost, but terraform no longer manages it.
    Forget,
}

/// What is wrong with a change's `actions`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error("an empty change.actions")]
    Empty,
    #[error("an unknown action {0:?}")]
    Unknown(String),
}

/// Why `terraform show -json` output is not a plan (or a state) petgen can read. The gate
/// never guesses: each says what is missing.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("terraform printed nothing")]
    Empty,
    #[error("it is not JSON ({0})")]
    NotJson(#[source] serde_json::Error),
    #[error("it has no format_version, so it is not terraform's JSON plan")]
    NoFormatVersion,
    #[error("its format_version is {0}; petgen reads version {FORMAT_MAJOR}.x")]
    FormatVersion(String),
    #[error("resource_changes is not a list")]
    ChangesNotList,
    #[error("a resource change has no address")]
    NoAddress,
    #[error("{address} has no change.actions")]
    NoActions { address: String },
    #[error("{address} has an action that is not a string: {action}")]
    ActionNotString { address: String, action: Value },
    #[error("{address} has {source}")]
    BadActions {
        address: String,
        source: ActionError,
    },
    #[error("{address} has no type")]
    NoType { address: String },
    #[error("it has neither resource_changes nor planned_values: it is not a plan")]
    NotAPlan,
}

/// The action strings terraform's JSON plan format documents.
const KNOWN_ACTIONS: &[&str] = &["no-op", "create", "read", "update", "delete", "forget"];

impl Action {
    /// The action of `change.actions`; `Ok(None)` when nothing changes in AWS, an error for
    /// anything the documented format does not have.
    fn of(actions: &[&str]) -> Result<Option<Action>, ActionError> {
        if actions.is_empty() {
            return Err(ActionError::Empty);
        }
        if let Some(bad) = actions.iter().find(|a| !KNOWN_ACTIONS.contains(a)) {
            return Err(ActionError::Unknown(bad.to_string()));
        }
        let has = |a: &str| actions.contains(&a);
        Ok(Some(if has("delete") && has("create") {
            Action::Replace
        } else if has("delete") {
            Action::Delete
        } else if has("forget") && !has("create") {
            Action::Forget
        } else if has("create") {
            // ["create", "forget"] also leaves the old object in AWS, unmanaged.
            Action::Create
        } else if has("update") {
            Action::Update
        } else {
            // no-op, read: nothing changes in AWS.
            return Ok(None);
        }))
    }

    fn symbol(self) -> &'static str {
        match self {
            Action::Create => "+",
            Action::Update => "~",
            Action::Replace => "-/+",
            Action::Delete => "-",
            Action::Forget => ".",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update in place",
            Action::Replace => "replace",
            Action::Delete => "destroy",
            Action::Forget => "forget (left in AWS, no longer managed)",
        }
    }
}

/// One resource change of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub address: String,
    pub resource_type: String,
    pub action: Action,
    /// The attributes that force a replacement (`replace_paths`), as `a.b[0]`.
    pub forced_by: Vec<String>,
    /// terraform's `action_reason`, when it gives one.
    pub reason: Option<String>,
    /// The deposed object's key, for a leftover of a create-before-destroy replacement.
    pub deposed: Option<String>,
}

/// terraform's documented `action_reason` values, in words.
fn reason_text(reason: &str) -> String {
    match reason {
        "replace_because_tainted" => "it is tainted".into(),
        "replace_because_cannot_update" => "an argument cannot change in place".into(),
        "replace_by_request" => "-replace asked for it".into(),
        "replace_by_triggers" => "replace_triggered_by asked for it".into(),
        "delete_because_no_resource_config" => "the configuration no longer has it".into(),
        "delete_because_no_module" => "its module is gone from the configuration".into(),
        "delete_because_wrong_repetition" => "it changed between count and for_each".into(),
        "delete_because_count_index" => "its count index is out of range".into(),
        "delete_because_each_key" => "its for_each key is gone".into(),
        "delete_because_no_move_target" => "its moved target does not exist".into(),
        other => other.replace('_', " "),
    }
}

impl Change {
    /// What is lost when this resource goes, if it holds data or identity.
    pub fn holds(&self) -> Option<&'static str> {
        holds(&self.resource_type)
    }

    /// A delete or replace of a resource that holds data or identity.
    pub fn is_data_loss(&self) -> bool {
        matches!(self.action, Action::Delete | Action::Replace) && self.holds().is_some()
    }

    fn why(&self) -> String {
        let why = match (
            &self.action,
            self.forced_by.is_empty(),
            self.reason.as_deref(),
        ) {
            (Action::Replace, false, _) => {
                format!("{} cannot change in place", self.forced_by.join(", "))
            }
            (_, _, Some(r)) => reason_text(r),
            _ => String::new(),
        };
        match &self.deposed {
            Some(key) if why.is_empty() => {
                format!("deposed object {key}, left by an earlier create-before-destroy")
            }
            Some(key) => {
                format!("deposed object {key}, left by an earlier create-before-destroy; {why}")
            }
            None => why,
        }
    }
}

/// Resource types whose loss loses data or identity, and what goes with them.
pub fn holds(resource_type: &str) -> Option<&'static str> {
    Some(match resource_type {
        "aws_dynamodb_table" => "every item in the table",
        "aws_dynamodb_table_replica" => "the replica's items",
        "aws_cognito_user_pool" => {
            "every user and their password (tokens already issued stop working)"
        }
        "aws_kms_key" => "everything encrypted with the key, once its deletion window ends",
        "aws_s3_bucket" => "every object in the bucket",
        "aws_ecr_repository" => "every image in the repository",
        "aws_rds_cluster" | "aws_db_instance" => "the database",
        // The data is the cluster's; an instance holds the database's service. Replacing
        // the only instance, or both at once, leaves the cluster without a writer.
        "aws_rds_cluster_instance" => {
            "a database instance (the data stays with the cluster, but the service has no database while the writer is replaced)"
        }
        "aws_secretsmanager_secret" => "the secret's value",
        "aws_cloudwatch_log_group" => "every log event it keeps",
        _ => return None,
    })
}

/// A plan, as far as the gate needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanSummary {
    pub changes: Vec<Change>,
}

fn path_text(path: &Value) -> String {
    let mut out = String::new();
    for step in path.as_array().into_iter().flatten() {
        match step {
            Value::String(s) if out.is_empty() => out.push_str(s),
            Value::String(s) => {
                out.push('.');
                out.push_str(s);
            }
            other => out.push_str(&format!("[{other}]")),
        }
    }
    out
}

/// The major version of terraform's JSON format that this reader knows.
const FORMAT_MAJOR: &str = "1";

fn check_format(doc: &Value) -> Result<(), PlanError> {
    let version = doc["format_version"]
        .as_str()
        .ok_or(PlanError::NoFormatVersion)?;
    if version.split('.').next() != Some(FORMAT_MAJOR) {
        return Err(PlanError::FormatVersion(version.to_string()));
    }
    Ok(())
}

impl PlanSummary {
    /// Read `terraform show -json PLAN` output. Anything that is not a plan petgen can read is
    /// an error with the reason: the gate never guesses.
    pub fn from_json(bytes: &[u8]) -> Result<PlanSummary, PlanError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(PlanError::Empty);
        }
        let doc: Value = serde_json::from_slice(bytes).map_err(PlanError::NotJson)?;
        check_format(&doc)?;
        let mut changes = Vec::new();
        if let Some(entries) = doc.get("resource_changes") {
            let entries = entries.as_array().ok_or(PlanError::ChangesNotList)?;
            for rc in entries {
                if rc["mode"].as_str() == Some("data") {
                    continue;
                }
                let address = rc["address"]
                    .as_str()
                    .ok_or(PlanError::NoAddress)?
                    .to_string();
                let actions = rc["change"]["actions"]
                    .as_array()
                    .ok_or_else(|| PlanError::NoActions {
                        address: address.clone(),
                    })?
                    .iter()
                    .map(|a| {
                        a.as_str().ok_or_else(|| PlanError::ActionNotString {
                            address: address.clone(),
                            action: a.clone(),
                        })
                    })
                    .collect::<Result<Vec<&str>, PlanError>>()?;
                let Some(action) =
                    Action::of(&actions).map_err(|source| PlanError::BadActions {
                        address: address.clone(),
                        source,
                    })?
                else {
                    continue;
                };
                let resource_type = rc["type"]
                    .as_str()
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| PlanError::NoType {
                        address: address.clone(),
                    })?
                    .to_string();
                changes.push(Change {
                    resource_type,
                    deposed: rc["deposed"].as_str().map(str::to_string),
                    forced_by: rc["change"]["replace_paths"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(path_text)
                        .collect(),
                    reason: rc["action_reason"].as_str().map(str::to_string),
                    address,
                    action,
                });
            }
        } else if doc.get("planned_values").is_none() {
            return Err(PlanError::NotAPlan);
        }
        Ok(PlanSummary { changes })
    }

    fn count(&self, action: Action) -> usize {
        self.changes.iter().filter(|c| c.action == action).count()
    }

    /// `Plan: 1 to add, 2 to change, 1 to replace, 0 to destroy.`
    pub fn headline(&self) -> String {
        if self.changes.is_empty() {
            return "Plan: no changes.".into();
        }
        let forget = match self.count(Action::Forget) {
            0 => String::new(),
            n => format!(", {n} to forget"),
        };
        format!(
            "Plan: {} to add, {} to change, {} to replace, {} to destroy{forget}.",
            self.count(Action::Create),
            self.count(Action::Update),
            self.count(Action::Replace),
            self.count(Action::Delete)
        )
    }

    /// The summary as text: the headline, then one line per change, data losses marked.
    pub fn text(&self) -> String {
        let mut out = self.headline();
        out.push('\n');
        for c in &self.changes {
            out.push_str(&format!(
                "  {:>3} {} ({})",
                c.action.symbol(),
                c.address,
                c.action.verb()
            ));
            let why = c.why();
            if !why.is_empty() && c.action != Action::Create && c.action != Action::Update {
                out.push_str(&format!(": {why}"));
            }
            if c.is_data_loss() {
                out.push_str(&format!(" [loses {}]", c.holds().unwrap_or_default()));
            }
            out.push('\n');
        }
        out
    }

    /// The summary as Markdown, for a pull request comment.
    pub fn markdown(&self, title: &str) -> String {
        let mut out = format!("### {title}\n\n**{}**\n", self.headline());
        if self.changes.is_empty() {
            return out;
        }
        out.push_str("\n| | resource | action | why | data loss |\n|---|---|---|---|---|\n");
        for c in &self.changes {
            out.push_str(&format!(
                "| `{}` | `{}` | {} | {} | {} |\n",
                c.action.symbol(),
                markdown_cell(&c.address),
                c.action.verb(),
                markdown_cell(&c.why()),
                if c.is_data_loss() {
                    format!("**yes**: {}", c.holds().unwrap_or_default())
                } else {
                    String::new()
                }
            ));
        }
        let losses = self.data_losses(&[]);
        if !losses.is_empty() {
            // A fenced block keeps the flags exactly as a shell takes them.
            out.push_str(&format!(
                "\n`petgen apply` refuses this plan unless it is given:\n\n```\n{}\n```\n",
                PlanSummary::allow_flags(&losses)
            ));
        }
        out
    }

    /// Deletes and replaces of data-holding resources not named in `allowed`.
    pub fn data_losses(&self, allowed: &[String]) -> Vec<&Change> {
        self.changes
            .iter()
            .filter(|c| c.is_data_loss() && !allowed.iter().any(|a| a == &c.address))
            .collect()
    }

    /// The `--allow-destroy` flags that would let these losses through, each address once and
    /// quoted for a POSIX shell.
    pub fn allow_flags(losses: &[&Change]) -> String {
        let mut addresses: Vec<&str> = losses.iter().map(|c| c.address.as_str()).collect();
        addresses.sort_unstable();
        addresses.dedup();
        addresses
            .iter()
            .map(|a| format!("--allow-destroy {}", shell_quote(a)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The refusal, when the plan loses data that was not allowed: one paragraph per resource
    /// with what forces it and the flag that allows it.
    pub fn refusal(&self, allowed: &[String]) -> Option<String> {
        let losses = self.data_losses(allowed);
        if losses.is_empty() {
            return None;
        }
        let mut out = String::from("refusing to apply: the plan would lose data\n");
        for c in &losses {
            let why = c.why();
            out.push_str(&format!(
                "  {} {} ({}){}: {} would be lost\n",
                c.action.verb(),
                c.address,
                c.resource_type,
                if why.is_empty() {
                    String::new()
                } else {
                    format!(" because {why}")
                },
                c.holds().unwrap_or_default()
            ));
        }
        out.push_str(&format!(
            "  hint: if that is intended, run petgen apply again with {}",
            PlanSummary::allow_flags(&losses)
        ));
        Some(out)
    }
}

/// `s` as one POSIX shell word.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A pipe or backtick would end a Markdown table cell or code span.
fn markdown_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('`', "'").replace('\n', " ")
}

/// A protection in the state that stops `terraform destroy`, with how to remove it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protection {
    pub address: String,
    pub what: String,
    pub remove: String,
}

fn state_resources(module: &Value, out: &mut Vec<Value>) {
    for r in module["resources"].as_array().into_iter().flatten() {
        out.push(r.clone());
    }
    for child in module["child_modules"].as_array().into_iter().flatten() {
        state_resources(child, out);
    }
}

/// What destroying a cluster keeps: the final snapshot, whose name must be free.
fn final_snapshot(v: &Value) -> String {
    match (
        v["skip_final_snapshot"].as_bool(),
        v["final_snapshot_identifier"].as_str(),
    ) {
        (Some(false), Some(id)) => format!(
            "{id} (delete an older snapshot of that name first: RDS refuses to overwrite it)"
        ),
        _ => "unless skip_final_snapshot is set".to_string(),
    }
}

/// The protections in `terraform show -json` (of the state) that will stop a destroy.
pub fn destroy_blockers(state_json: &[u8]) -> Result<Vec<Protection>, PlanError> {
    let doc: Value = serde_json::from_slice(state_json).map_err(PlanError::NotJson)?;
    check_format(&doc)?;
    let mut resources = Vec::new();
    state_resources(&doc["values"]["root_module"], &mut resources);
    let mut out = Vec::new();
    for r in resources {
        if r["mode"].as_str() == Some("data") {
            continue;
        }
        let address = r["address"].as_str().unwrap_or_default().to_string();
        let v = &r["values"];
        let name = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let found = match r["type"].as_str().unwrap_or_default() {
            "aws_dynamodb_table" if v["deletion_protection_enabled"] == true => Some((
                "deletion protection is on".to_string(),
                format!("set data.deletion_protection = false in the profile, render and apply (or: aws dynamodb update-table --table-name {} --no-deletion-protection-enabled)", name("name")),
            )),
            "aws_cognito_user_pool" if v["deletion_protection"] == "ACTIVE" => Some((
                "deletion protection is ACTIVE".to_string(),
                format!("aws cognito-idp update-user-pool --user-pool-id {} --deletion-protection INACTIVE (production profiles turn it on)", name("id")),
            )),
            "aws_lb" | "aws_alb" if v["enable_deletion_protection"] == true => Some((
                "deletion protection is on".to_string(),
                format!("aws elbv2 modify-load-balancer-attributes --load-balancer-arn {} --attributes Key=deletion_protection.enabled,Value=false", name("arn")),
            )),
            "aws_rds_cluster" if v["deletion_protection"] == true => Some((
                "deletion protection is on".to_string(),
                format!("aws rds modify-db-cluster --db-cluster-identifier {} --no-deletion-protection (production profiles turn it on); destroy then keeps a final snapshot, {}", name("cluster_identifier"), final_snapshot(v)),
            )),
            "aws_db_instance" if v["deletion_protection"] == true => Some((
                "deletion protection is on".to_string(),
                format!("aws rds modify-db-instance --db-instance-identifier {} --no-deletion-protection", name("identifier")),
            )),
            "aws_s3_bucket" if v["force_destroy"] != true => Some((
                "destroy fails while the bucket holds any object or object version".to_string(),
                format!("empty it first, versions included (aws s3api list-object-versions --bucket {b}, then delete-objects; or the console's Empty button)", b = name("bucket")),
            )),
            "aws_ecr_repository" if v["force_delete"] != true => Some((
                "destroy fails while the repository holds images".to_string(),
                format!("delete its images first (aws ecr list-images --repository-name {n}, then aws ecr batch-delete-image --repository-name {n} --image-ids ...)", n = name("name")),
            )),
            _ => None,
        };
        if let Some((what, remove)) = found {
            out.push(Protection {
                address,
                what,
                remove,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_map_as_terraform_documents_them() {
        assert_eq!(Action::of(&["delete", "create"]), Ok(Some(Action::Replace)));
        assert_eq!(Action::of(&["create", "delete"]), Ok(Some(Action::Replace)));
        assert_eq!(Action::of(&["delete"]), Ok(Some(Action::Delete)));
        assert_eq!(Action::of(&["no-op"]), Ok(None));
        assert_eq!(Action::of(&["read"]), Ok(None));
        assert_eq!(Action::of(&["update"]), Ok(Some(Action::Update)));
        assert_eq!(Action::of(&["forget"]), Ok(Some(Action::Forget)));
        assert_eq!(Action::of(&["create", "forget"]), Ok(Some(Action::Create)));
        assert!(Action::of(&["destroy"]).is_err());
        assert!(Action::of(&[]).is_err());
    }

    #[test]
    fn hints_paste_back_into_a_shell() {
        assert_eq!(
            shell_quote(r#"aws_s3_bucket.b["it's"]"#),
            r#"'aws_s3_bucket.b["it'\''s"]'"#
        );
        let c = |a: &str| Change {
            address: a.into(),
            resource_type: "aws_s3_bucket".into(),
            action: Action::Delete,
            forced_by: vec![],
            reason: None,
            deposed: Some("00000001".into()),
        };
        let (a, b) = (c("aws_s3_bucket.b"), c("aws_s3_bucket.b"));
        assert_eq!(
            PlanSummary::allow_flags(&[&a, &b]),
            "--allow-destroy 'aws_s3_bucket.b'"
        );
    }

    #[test]
    fn paths_read_as_attribute_paths() {
        let p: Value = serde_json::json!(["replica", 0, "region_name"]);
        assert_eq!(path_text(&p), "replica[0].region_name");
    }

    #[test]
    fn a_plan_without_resource_changes_is_a_no_op_when_it_is_a_plan() {
        let s = PlanSummary::from_json(br#"{"format_version":"1.2","planned_values":{}}"#).unwrap();
        assert_eq!(s.headline(), "Plan: no changes.");
        assert!(PlanSummary::from_json(br#"{"format_version":"1.0","values":{}}"#).is_err());
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        let s = PlanSummary {
            changes: vec![Change {
                address: "aws_s3_bucket.a[\"x|y`\"]".into(),
                resource_type: "aws_s3_bucket".into(),
                action: Action::Delete,
                forced_by: vec![],
                reason: None,
                deposed: None,
            }],
        };
        let md = s.markdown("prod");
        assert!(md.contains(r#"aws_s3_bucket.a["x\|y'"]"#), "{md}");
    }
}
