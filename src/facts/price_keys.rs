//! The prices petgen estimates with, by key: the `[regions.<region>.<key>]` names of the price
//! files. Every price a pricer, a cost rule or the offer import asks for is one of these, so a
//! misspelt key is a compile error rather than a price reported missing, and each key's unit is
//! written once, here.

/// One price in the price files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PriceKey {
    NatGatewayHour,
    NatGatewayGb,
    PublicIpv4Hour,
    FargateX86VcpuHour,
    FargateX86GbHour,
    FargateArmVcpuHour,
    FargateArmGbHour,
    DynamodbWriteRequestMillion,
    DynamodbReadRequestMillion,
    DynamodbStorageGbMonth,
    DynamodbWcuHour,
    DynamodbRcuHour,
    DynamodbPitrGbMonth,
    DynamodbReplicatedWriteRequestMillion,
    ApigwHttpRequestMillion,
    ApigwHttpRequestMillionOver300m,
    CloudmapInstanceMonth,
    CloudmapLookupMillion,
    CognitoLiteMau,
    CognitoLiteMauOver100k,
    CognitoEssentialsMau,
    CognitoPlusMau,
    LogsIngestionGb,
    LogsStorageGbMonth,
    VpcInterfaceEndpointAzHour,
    VpcInterfaceEndpointGb,
    KmsKeyMonth,
    AlbHour,
    AlbLcuHour,
    WafWebAclMonth,
    WafRuleMonth,
    WafRequestMillion,
    CloudwatchAlarmMetricMonth,
    CloudwatchAlarmHighResMetricMonth,
    CloudwatchCustomMetricMonth,
    CloudwatchDashboardMonth,
    CloudtrailDataEvent100k,
    Route53HostedZoneMonth,
    S3StandardGbMonth,
    SnsEmail100k,
    ConfigItem,
    ConfigRuleEvaluation,
    ConfigRuleEvaluationNext400k,
    ConfigRuleEvaluationOver500k,
}

impl PriceKey {
    pub const ALL: [PriceKey; 44] = [
        PriceKey::NatGatewayHour,
        PriceKey::NatGatewayGb,
        PriceKey::PublicIpv4Hour,
        PriceKey::FargateX86VcpuHour,
        PriceKey::FargateX86GbHour,
        PriceKey::FargateArmVcpuHour,
        PriceKey::FargateArmGbHour,
        PriceKey::DynamodbWriteRequestMillion,
        PriceKey::DynamodbReadRequestMillion,
        PriceKey::DynamodbStorageGbMonth,
        PriceKey::DynamodbWcuHour,
        PriceKey::DynamodbRcuHour,
        PriceKey::DynamodbPitrGbMonth,
        PriceKey::DynamodbReplicatedWriteRequestMillion,
        PriceKey::ApigwHttpRequestMillion,
        PriceKey::ApigwHttpRequestMillionOver300m,
        PriceKey::CloudmapInstanceMonth,
        PriceKey::CloudmapLookupMillion,
        PriceKey::CognitoLiteMau,
        PriceKey::CognitoLiteMauOver100k,
        PriceKey::CognitoEssentialsMau,
        PriceKey::CognitoPlusMau,
        PriceKey::LogsIngestionGb,
        PriceKey::LogsStorageGbMonth,
        PriceKey::VpcInterfaceEndpointAzHour,
        PriceKey::VpcInterfaceEndpointGb,
        PriceKey::KmsKeyMonth,
        PriceKey::AlbHour,
        PriceKey::AlbLcuHour,
        PriceKey::WafWebAclMonth,
        PriceKey::WafRuleMonth,
        PriceKey::WafRequestMillion,
        PriceKey::CloudwatchAlarmMetricMonth,
        PriceKey::CloudwatchAlarmHighResMetricMonth,
        PriceKey::CloudwatchCustomMetricMonth,
        PriceKey::CloudwatchDashboardMonth,
        PriceKey::CloudtrailDataEvent100k,
        PriceKey::Route53HostedZoneMonth,
        PriceKey::S3StandardGbMonth,
        PriceKey::SnsEmail100k,
        PriceKey::ConfigItem,
        PriceKey::ConfigRuleEvaluation,
        PriceKey::ConfigRuleEvaluationNext400k,
        PriceKey::ConfigRuleEvaluationOver500k,
    ];

    /// The key as the price files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            PriceKey::NatGatewayHour => "nat_gateway_hour",
            PriceKey::NatGatewayGb => "nat_gateway_gb",
            PriceKey::PublicIpv4Hour => "public_ipv4_hour",
            PriceKey::FargateX86VcpuHour => "fargate_x86_vcpu_hour",
            PriceKey::FargateX86GbHour => "fargate_x86_gb_hour",
            PriceKey::FargateArmVcpuHour => "fargate_arm_vcpu_hour",
            PriceKey::FargateArmGbHour => "fargate_arm_gb_hour",
            PriceKey::DynamodbWriteRequestMillion => "dynamodb_write_request_million",
            PriceKey::DynamodbReadRequestMillion => "dynamodb_read_request_million",
            PriceKey::DynamodbStorageGbMonth => "dynamodb_storage_gb_month",
            PriceKey::DynamodbWcuHour => "dynamodb_wcu_hour",
            PriceKey::DynamodbRcuHour => "dynamodb_rcu_hour",
            PriceKey::DynamodbPitrGbMonth => "dynamodb_pitr_gb_month",
            PriceKey::DynamodbReplicatedWriteRequestMillion => {
                "dynamodb_replicated_write_request_million"
            }
            PriceKey::ApigwHttpRequestMillion => "apigw_http_request_million",
            PriceKey::ApigwHttpRequestMillionOver300m => "apigw_http_request_million_over_300m",
            PriceKey::CloudmapInstanceMonth => "cloudmap_instance_month",
            PriceKey::CloudmapLookupMillion => "cloudmap_lookup_million",
            PriceKey::CognitoLiteMau => "cognito_lite_mau",
            PriceKey::CognitoLiteMauOver100k => "cognito_lite_mau_over_100k",
            PriceKey::CognitoEssentialsMau => "cognito_essentials_mau",
            PriceKey::CognitoPlusMau => "cognito_plus_mau",
            PriceKey::LogsIngestionGb => "logs_ingestion_gb",
            PriceKey::LogsStorageGbMonth => "logs_storage_gb_month",
            PriceKey::VpcInterfaceEndpointAzHour => "vpc_interface_endpoint_az_hour",
            PriceKey::VpcInterfaceEndpointGb => "vpc_interface_endpoint_gb",
            PriceKey::KmsKeyMonth => "kms_key_month",
            PriceKey::AlbHour => "alb_hour",
            PriceKey::AlbLcuHour => "alb_lcu_hour",
            PriceKey::WafWebAclMonth => "waf_web_acl_month",
            PriceKey::WafRuleMonth => "waf_rule_month",
            PriceKey::WafRequestMillion => "waf_request_million",
            PriceKey::CloudwatchAlarmMetricMonth => "cloudwatch_alarm_metric_month",
            PriceKey::CloudwatchAlarmHighResMetricMonth => "cloudwatch_alarm_high_res_metric_month",
            PriceKey::CloudwatchCustomMetricMonth => "cloudwatch_custom_metric_month",
            PriceKey::CloudwatchDashboardMonth => "cloudwatch_dashboard_month",
            PriceKey::CloudtrailDataEvent100k => "cloudtrail_data_event_100k",
            PriceKey::Route53HostedZoneMonth => "route53_hosted_zone_month",
            PriceKey::S3StandardGbMonth => "s3_standard_gb_month",
            PriceKey::SnsEmail100k => "sns_email_100k",
            PriceKey::ConfigItem => "config_item",
            PriceKey::ConfigRuleEvaluation => "config_rule_evaluation",
            PriceKey::ConfigRuleEvaluationNext400k => "config_rule_evaluation_next_400k",
            PriceKey::ConfigRuleEvaluationOver500k => "config_rule_evaluation_over_500k",
        }
    }

    /// The unit every region's price of this key is in.
    pub fn unit(self) -> &'static str {
        match self {
            PriceKey::NatGatewayHour => "NAT-gateway-hour",
            PriceKey::NatGatewayGb => "GB processed",
            PriceKey::PublicIpv4Hour => "IP-hour",
            PriceKey::FargateX86VcpuHour => "vCPU-hour",
            PriceKey::FargateX86GbHour => "GB-hour",
            PriceKey::FargateArmVcpuHour => "vCPU-hour",
            PriceKey::FargateArmGbHour => "GB-hour",
            PriceKey::DynamodbWriteRequestMillion => "million write request units",
            PriceKey::DynamodbReadRequestMillion => "million read request units",
            PriceKey::DynamodbStorageGbMonth => "GB-month",
            PriceKey::DynamodbWcuHour => "WCU-hour",
            PriceKey::DynamodbRcuHour => "RCU-hour",
            PriceKey::DynamodbPitrGbMonth => "GB-month",
            PriceKey::DynamodbReplicatedWriteRequestMillion => {
                "million replicated write request units"
            }
            PriceKey::ApigwHttpRequestMillion => "million requests",
            PriceKey::ApigwHttpRequestMillionOver300m => "million requests",
            PriceKey::CloudmapInstanceMonth => "registered instance-month",
            PriceKey::CloudmapLookupMillion => "million DiscoverInstances calls",
            PriceKey::CognitoLiteMau => "MAU (10,001-100,000)",
            PriceKey::CognitoLiteMauOver100k => "MAU (over 100,000)",
            PriceKey::CognitoEssentialsMau => "MAU (over 10,000)",
            PriceKey::CognitoPlusMau => "MAU",
            PriceKey::LogsIngestionGb => "GB ingested",
            PriceKey::LogsStorageGbMonth => "GB-month stored",
            PriceKey::VpcInterfaceEndpointAzHour => "endpoint-AZ-hour",
            PriceKey::VpcInterfaceEndpointGb => "GB processed (first PB)",
            PriceKey::KmsKeyMonth => "key-month",
            PriceKey::AlbHour => "ALB-hour",
            PriceKey::AlbLcuHour => "LCU-hour",
            PriceKey::WafWebAclMonth => "web ACL-month",
            PriceKey::WafRuleMonth => "rule-month",
            PriceKey::WafRequestMillion => "million requests",
            PriceKey::CloudwatchAlarmMetricMonth => "standard-resolution alarm metric-month",
            PriceKey::CloudwatchAlarmHighResMetricMonth => "high-resolution alarm metric-month",
            PriceKey::CloudwatchCustomMetricMonth => "custom metric-month",
            PriceKey::CloudwatchDashboardMonth => "dashboard-month",
            PriceKey::CloudtrailDataEvent100k => "100,000 data events",
            PriceKey::Route53HostedZoneMonth => "hosted zone-month",
            PriceKey::S3StandardGbMonth => "GB-month (S3 Standard, first 50 TB)",
            PriceKey::SnsEmail100k => "100,000 e-mail notifications",
            PriceKey::ConfigItem => "configuration item recorded",
            PriceKey::ConfigRuleEvaluation => "rule evaluation (first 100,000)",
            PriceKey::ConfigRuleEvaluationNext400k => "rule evaluation (100,001-500,000)",
            PriceKey::ConfigRuleEvaluationOver500k => "rule evaluation (over 500,000)",
        }
    }

    /// The key a price file names, if petgen prices with it.
    pub fn from_name(name: &str) -> Option<PriceKey> {
        PriceKey::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for PriceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
