//! Cognito user pools by feature plan, and KMS keys.

use super::{Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::Res;
use serde_json::json;

impl Pricer<'_> {
    /// Monthly active users, by the pool's feature plan.
    pub(super) fn user_pool(&mut self, res: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let components = {
            let tier = res
                .value("user_pool_tier")
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| "ESSENTIALS".into());
            self.note("monthly_active_users", json!(u.monthly_active_users));
            let mau = u.monthly_active_users;
            match tier.as_str() {
                "LITE" => self.tiered(
                    PriceKey::CognitoLiteMau,
                    PriceKey::CognitoLiteMauOver100k,
                    (
                        "Monthly active users (Lite, 10k free, to 100k)",
                        "Monthly active users (Lite, over 100k)",
                    ),
                    mau,
                )?,
                "PLUS" => {
                    vec![self.line(PriceKey::CognitoPlusMau, "Monthly active users (Plus)", mau)?]
                }
                _ => vec![self.line(
                    PriceKey::CognitoEssentialsMau,
                    "Monthly active users (Essentials, 10k free)",
                    mau,
                )?],
            }
        };
        Ok(Priced::Components(components))
    }

    /// One customer-managed key.
    pub(super) fn kms_key(&mut self, _res: &Res) -> Result<Priced, Missing> {
        Ok(Priced::Components(vec![self.line(
            PriceKey::KmsKeyMonth,
            "Customer-managed key",
            1.0,
        )?]))
    }
}
