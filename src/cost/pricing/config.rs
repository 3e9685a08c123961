//! AWS Config: configuration items on the recorder, rule evaluations on each rule.

use super::{Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::facts::config::{mirror_by_identifier, RECORDABLE};
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::Res;
use serde_json::json;

/// A month of daily runs (730 hours).
const DAYS_PER_MONTH: f64 = 730.0 / 24.0;

const EVALUATION_TIERS: [(PriceKey, &str); 3] = [
    (PriceKey::ConfigRuleEvaluation, "Rule evaluations"),
    (
        PriceKey::ConfigRuleEvaluationNext400k,
        "Rule evaluations (100,001-500,000)",
    ),
    (
        PriceKey::ConfigRuleEvaluationOver500k,
        "Rule evaluations (over 500,000)",
    ),
];

impl Pricer<'_> {
    /// One configuration item per change to a recorded resource: `config_items_per_month`.
    pub(super) fn config_recorder(&mut self, _res: &Res) -> Result<Priced, Missing> {
        let items = self.usage.config_items_per_month;
        self.note("config_items_per_month", json!(items));
        Ok(Priced::Components(vec![self.line(
            PriceKey::ConfigItem,
            "Configuration items recorded",
            items,
        )?]))
    }

    /// A change-triggered rule evaluates each configuration item of the types it checks (a
    /// managed rule evaluates only its own resource types, whatever else its scope admits).
    /// The estimate spreads the month's items evenly over the root's recorded resources, so a
    /// rule on the table gets the table's share; a rule that also runs daily adds a month of
    /// daily evaluations of the stack's resources of its types. Tiers are applied per rule:
    /// exact while the account's evaluations stay under 100,000 a month.
    pub(super) fn config_rule(&mut self, res: &Res) -> Result<Priced, Missing> {
        let items = self.usage.config_items_per_month;
        let recorded = self.recorded_types();
        let identifier = res
            .blocks("source")
            .first()
            .and_then(|s| res.value_in(s, "source_identifier"))
            .and_then(|v| v.as_str().map(str::to_string));
        let mut daily = 0.0;
        let share = match identifier.as_deref().and_then(mirror_by_identifier) {
            Some(mirror) => {
                let all = self.recorded_instances(|t| recorded.contains(&t));
                let own =
                    self.recorded_instances(|t| recorded.contains(&t) && mirror.types.contains(&t));
                if mirror.periodic_too {
                    // Its daily run evaluates the stack's resources of its types (and, if
                    // the run is not held to the scope, the account's others too).
                    daily = own * DAYS_PER_MONTH;
                    self.note("config_daily_rule_runs_per_month", json!(DAYS_PER_MONTH));
                }
                if all > 0.0 {
                    own / all
                } else {
                    0.0
                }
            }
            None => {
                // Not one of the managed rules petgen knows the types of: every item.
                self.note(
                    &format!("config_rule_share.{}", res.address),
                    json!("unknown types; every configuration item assumed evaluated"),
                );
                1.0
            }
        };
        self.note("config_items_per_month", json!(items));
        Ok(Priced::Components(super::super::lines::tiers(
            self.prices,
            self.region,
            &EVALUATION_TIERS,
            items * share + daily,
        )?))
    }

    /// The Config types the root's recorder lists; every type petgen knows when it records all
    /// supported types or its list is not a literal.
    fn recorded_types(&self) -> Vec<&'static str> {
        let listed: Option<Vec<&'static str>> = self
            .model
            .resources("aws_config_configuration_recorder")
            .find_map(|rec| {
                let group = *rec.blocks("recording_group").first()?;
                let types = rec.value_in(group, "resource_types")?;
                let types = types.as_array()?;
                Some(
                    RECORDABLE
                        .iter()
                        .map(|(_, c)| *c)
                        .filter(|c| types.iter().any(|t| t.as_str() == Some(c)))
                        .collect(),
                )
            });
        listed.unwrap_or_else(|| RECORDABLE.iter().map(|(_, c)| *c).collect())
    }

    /// Resource instances in the root whose Config type passes `keep`.
    fn recorded_instances(&mut self, keep: impl Fn(&'static str) -> bool) -> f64 {
        RECORDABLE
            .iter()
            .filter(|(_, c)| keep(c))
            .map(|(tf, _)| self.count_instances(tf))
            .sum()
    }
}
