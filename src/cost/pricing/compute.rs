//! Fargate: vCPU- and GB-hours for the expected average task count.

use super::{in_range, num, Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::cost::HOURS_PER_MONTH;
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::Res;
use serde_json::json;

impl Pricer<'_> {
    /// The profile's expected average task count, else the service's desired count.
    pub(super) fn average_tasks(&mut self, service: Option<&Res>) -> f64 {
        if let Some(t) = self.usage.average_task_count {
            self.note("average_task_count", json!(t));
            return t;
        }
        let desired = service
            .and_then(|s| num(s.value("desired_count")))
            .or_else(|| {
                self.model
                    .resources("aws_ecs_service")
                    .next()
                    .and_then(|s| num(s.value("desired_count")))
            })
            .unwrap_or(self.default_tasks);
        self.note("average_task_count", json!(desired));
        desired
    }

    pub(super) fn fargate(&mut self, service: &Res) -> Result<Priced, Missing> {
        let launch = service
            .value("launch_type")
            .and_then(|v| v.as_str().map(str::to_string));
        if launch.as_deref() != Some("FARGATE") {
            return Ok(Priced::NotPriced("only FARGATE services are priced".into()));
        }
        let model = self.model;
        let Some(td) = service.trace("task_definition").into_iter().find_map(|t| {
            let name = t
                .target
                .strip_prefix("aws_ecs_task_definition.")?
                .to_string();
            let module = model.index.modules.get(&t.module)?;
            module
                .resource("aws_ecs_task_definition", &name)
                .map(|b| Res::from_parts(model, module, b))
        }) else {
            return Ok(Priced::NotPriced(
                "its task definition is not in this configuration".into(),
            ));
        };
        let (Some(cpu), Some(mem)) = (num(td.value("cpu")), num(td.value("memory"))) else {
            return Ok(Priced::NotPriced(
                "the task's cpu and memory are not static".into(),
            ));
        };
        // Fargate's largest task: 16 vCPU and 120 GB.
        for (name, value, max) in [("cpu", cpu, 16_384.0), ("memory", mem, 122_880.0)] {
            if let Err(why) = in_range(name, value, max) {
                return Ok(Priced::NotPriced(format!("the task's {why}")));
            }
        }
        let arm = td.blocks("runtime_platform").iter().any(|b| {
            td.value_in(b, "cpu_architecture")
                .and_then(|v| v.as_str().map(str::to_string))
                .as_deref()
                == Some("ARM64")
        });
        let tasks = self.average_tasks(Some(service));
        let (vcpu_key, gb_key, arch) = if arm {
            (
                PriceKey::FargateArmVcpuHour,
                PriceKey::FargateArmGbHour,
                "ARM64",
            )
        } else {
            (
                PriceKey::FargateX86VcpuHour,
                PriceKey::FargateX86GbHour,
                "x86_64",
            )
        };
        Ok(Priced::Components(vec![
            self.line(
                vcpu_key,
                &format!("vCPU ({arch}, {tasks} × {} vCPU)", cpu / 1024.0),
                tasks * cpu / 1024.0 * HOURS_PER_MONTH,
            )?,
            self.line(
                gb_key,
                &format!("Memory ({arch}, {tasks} × {} GB)", mem / 1024.0),
                tasks * mem / 1024.0 * HOURS_PER_MONTH,
            )?,
        ]))
    }
}
