//! `[service]`: the ECS service.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// CPU architecture of the Fargate task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Architecture {
    /// Intel/AMD.
    #[serde(rename = "X86_64")]
    X86_64,
    /// Graviton: about 20% cheaper per vCPU-hour; the image must be built for arm64.
    #[serde(rename = "ARM64")]
    Arm64,
}

/// ECS cluster, Fargate task definition and service.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Service {
    /// Bring your own image: run this image reference (e.g.
    /// `"registry.example.com/petstore:1.4.0"`) instead of the pet service petgen builds.
    /// Default: none, and then the stack gets an ECR repository and `petgen plan`/`apply`
    /// build `service/` for `architecture`, push it there and deploy it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Images the stack's ECR repository keeps; older ones expire (only when petgen builds the
    /// image). Default: `10`.
    pub keep_images: u32,
    /// The container health check command, run in the container without a shell; an empty
    /// list renders none. Default: `["/petstore", "healthcheck"]` (the pet service's own probe
    /// of `/health`) when petgen builds the image; none for an image you bring, since only
    /// you know its probe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check: Option<Vec<String>>,
    /// ECS cluster name. Default: `"<project.name>-<environment>"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// ECS service name (also the container and task family name).
    /// Default: `"<project.name>-<environment>"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    /// Port the container listens on (1-65535). Default: `8080`.
    pub container_port: u32,
    /// Task CPU units (256 = 0.25 vCPU). Must pair with `memory` as Fargate allows.
    /// Default: `256`.
    pub cpu: u32,
    /// Task memory in MiB. Default: `512`.
    pub memory: u32,
    /// `"X86_64"` or `"ARM64"`. Default: `"X86_64"`.
    pub architecture: Architecture,
    /// Tasks to run at deploy time. Default: `1`.
    pub desired_count: u32,
    /// Autoscaling floor. Autoscaling is rendered only when `min_count < max_count`.
    /// Default: `1`.
    pub min_count: u32,
    /// Autoscaling ceiling. Default: `1`.
    pub max_count: u32,
    /// Target average CPU utilisation (percent) for target-tracking autoscaling.
    /// Default: `70`.
    pub cpu_target_percent: u32,
    /// Enable CloudWatch Container Insights on the cluster. Default: `false`.
    pub container_insights: bool,
}

impl Default for Service {
    fn default() -> Self {
        Service {
            image: None,
            keep_images: 10,
            health_check: None,
            cluster_name: None,
            service_name: None,
            container_port: 8080,
            cpu: 256,
            memory: 512,
            architecture: Architecture::X86_64,
            desired_count: 1,
            min_count: 1,
            max_count: 1,
            cpu_target_percent: 70,
            container_insights: false,
        }
    }
}

impl Service {
    /// The health check command to render: the profile's, else the pet service's own probe
    /// when petgen builds the image.
    pub fn health_check_command(&self) -> Vec<String> {
        match (&self.health_check, &self.image) {
            (Some(cmd), _) => cmd.clone(),
            (None, None) => vec!["/petstore".into(), "healthcheck".into()],
            (None, Some(_)) => Vec::new(),
        }
    }
}
