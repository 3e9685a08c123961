//! `[api]`: the front door.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// HTTP methods of the pets route.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
pub enum Method {
    /// `GET /petstore/pets/{petId}`.
    #[serde(rename = "GET")]
    Get,
    /// `POST /petstore/pets/{petId}`.
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// What serves the API to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiKind {
    /// An API Gateway HTTP API reaching the tasks through a VPC link and Cloud Map.
    #[default]
    HttpApi,
    /// An internet-facing Application Load Balancer: HTTPS on the profile's domain,
    /// JWT validation on POST, WAF, and the tasks registered as IP targets.
    Alb,
}

/// The front door: an API Gateway HTTP API (the default) or an Application Load Balancer.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Api {
    /// `"http_api"` or `"alb"`. Default: `"http_api"`.
    pub kind: ApiKind,
    /// The host name clients call, e.g. `"pets.example.com"`. Required with `kind = "alb"`;
    /// with the HTTP API it adds a custom domain (regional, TLS 1.2) mapped to the stage.
    /// Default: none (the HTTP API answers on its execute-api host name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    /// ARN of an issued ACM certificate covering `domain_name`, in the stack's region. Give
    /// this or `hosted_zone_id`. Default: none (issued by the stack when `hosted_zone_id` is
    /// given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_arn: Option<String>,
    /// A Route 53 public hosted zone ID of `domain_name`'s domain. The stack then creates the
    /// alias record `domain_name` → the API and, without `certificate_arn`, issues the
    /// certificate with DNS validation in this zone. Default: none (point the name at the API
    /// yourself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosted_zone_id: Option<String>,
    /// `alb` only: answer HTTP on port 80 with a permanent redirect to HTTPS. Default: `true`.
    pub http_redirect: bool,
    /// `alb` only: attach a WAF web ACL with AWS's Known Bad Inputs rules (blocking) and
    /// Anonymous IP list (counting). Default: `true`.
    pub waf: bool,
    /// API name. Default: `"<project.name>-<environment>"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Methods that need a Cognito JWT. Default: `["POST"]` (GET stays public).
    pub protected_methods: Vec<Method>,
    /// Throttle the stage's default route. Default: `true`.
    pub throttling: bool,
    /// Default-route burst limit (requests), 1-5000. Default: `100`.
    pub throttling_burst_limit: u32,
    /// Default-route steady rate limit (requests per second), up to 10000. Default: `50`.
    pub throttling_rate_limit: f64,
    /// Write stage access logs to a CloudWatch log group. Default: `true`.
    pub access_logs: bool,
}

impl Default for Api {
    fn default() -> Self {
        Api {
            kind: ApiKind::HttpApi,
            domain_name: None,
            certificate_arn: None,
            hosted_zone_id: None,
            http_redirect: true,
            waf: true,
            name: None,
            protected_methods: vec![Method::Post],
            throttling: true,
            throttling_burst_limit: 100,
            throttling_rate_limit: 50.0,
            access_logs: true,
        }
    }
}
