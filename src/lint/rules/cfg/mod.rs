//! AWS Config rules: the recorder, its delivery channel and its status.

pub mod cfg001_config_recorder_incomplete;
pub mod cfg002_config_recorder_scoped;
pub mod cfg003_config_recorder_without_global_types;

use crate::lint::rules::prelude::*;

/// The recorder a recorder status or delivery channel belongs to: the one its `name`
/// references, or the one whose literal name equals its literal `name`.
pub(super) fn recorder_of<'a>(ctx: &'a Ctx, res: &Res) -> Option<Res<'a>> {
    let traced = res.trace("name");
    let literal = string(&res.value("name"));
    ctx.resources("aws_config_configuration_recorder")
        .find(|rec| {
            traced.iter().any(|t| rec.is(t))
                || (literal.is_some() && string(&rec.value("name")) == literal)
        })
}

/// The recorder records every type but those it lists
/// (`recording_strategy { use_only = "EXCLUSION_BY_RESOURCE_TYPES" }`): global types included
/// unless listed, whatever `all_supported` and `include_global_resource_types` say.
pub(super) fn records_by_exclusion(rec: &Res) -> bool {
    rec.blocks("recording_group").into_iter().any(|g| {
        blocks_named(g, "recording_strategy").iter().any(|s| {
            string(&rec.value_in(s, "use_only")).as_deref() == Some("EXCLUSION_BY_RESOURCE_TYPES")
        })
    })
}
