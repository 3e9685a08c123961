//! AWS Price List offer files (`offers/v1.0/aws/<offerCode>/current/<region>/index.json`) into
//! petgen's price table.
//!
//! An offer file lists `products` by SKU, each with a `productFamily` and string `attributes`
//! (`regionCode`, `usagetype`, `operation`, ...), and `terms.OnDemand[sku][sku.termCode]` with
//! `priceDimensions` (`unit`, `pricePerUnit.USD`, `beginRange`, `endRange`). Each price petgen
//! uses is found by the attributes AWS documents for it, never by position: the offer code, the
//! product family, and the usagetype, which carries a region prefix (`EU-NatGateway-Hours` in
//! eu-west-1, `USE1-Fargate-GB-Hours` or a bare `NatGateway-Hours` in us-east-1, the full region
//! code for KMS). Look-alike rows share words but not the whole usagetype (regional NAT,
//! provisioned NAT bandwidth, Outposts, ARM and Windows Fargate, Standard-IA tables) or differ in
//! family or operation (network and gateway load balancers share `LoadBalancerUsage`), so they
//! never match. Rows outside an AWS Region (Local Zones, Wavelength, Outposts) are skipped.

use super::price_table::{Price, PriceFileError, PriceTable, MAX_UNIT_PRICE_USD};
use crate::facts::price_keys::PriceKey;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How a usagetype names its region.
#[derive(Debug, Clone, Copy)]
enum Prefix {
    /// `<CODE>-<base>` with an upper-case billing code (`USE1`, `EU`, `APN1`), or the bare
    /// base (us-east-1 for some services).
    Billing,
    /// `<regionCode>-<base>`, as KMS does.
    RegionCode,
}

/// How a price is read from a row's price dimensions.
#[derive(Debug, Clone, Copy)]
enum Pick {
    /// One price: the first band with a non-zero price; a $0 band before it is a free
    /// quantity.
    Flat,
    /// The first band up to its end (`tier_limit`), and each next band as the next of the
    /// `over` keys (up to its end, but for the last).
    Tiered { over: &'static [PriceKey] },
    /// Cognito Lite and Essentials: the offer leaves the 10,000 free MAU of both plans out of
    /// the plan's own bands (they start after the free tier, which is a separate global row),
    /// so the bands are shifted by it; the next band, if any, is the `over` key.
    FreeTierOutside { free: f64, over: Option<PriceKey> },
}

/// One price petgen uses, and how to find it in an offer file.
#[derive(Debug)]
struct Spec {
    key: PriceKey,
    offer: &'static str,
    /// Accepted `productFamily` values; empty accepts any (public IPv4 rows carry none).
    families: &'static [&'static str],
    usagetype: &'static str,
    prefix: Prefix,
    /// Required `operation`, when the usagetype alone is shared with look-alikes.
    operation: Option<&'static str>,
    /// Attributes that must be absent or empty (Linux/x86 Fargate has no CPU architecture
    /// and no operating system; ARM and Windows rows do).
    absent: &'static [&'static str],
    /// Attributes that must have these values (Aurora MySQL and Aurora PostgreSQL rows share
    /// their usagetypes and differ only in `databaseEngine`).
    equals: &'static [(&'static str, &'static str)],
    /// How many offer units make one of petgen's (a million requests); the unit is the key's.
    per: f64,
    pick: Pick,
}

const fn spec(
    key: PriceKey,
    offer: &'static str,
    families: &'static [&'static str],
    usagetype: &'static str,
) -> Spec {
    Spec {
        key,
        offer,
        families,
        usagetype,
        prefix: Prefix::Billing,
        operation: None,
        absent: &[],
        equals: &[],
        per: 1.0,
        pick: Pick::Flat,
    }
}

const MILLION: f64 = 1e6;
const ALB: &[&str] = &["Load Balancer-Application"];
const DDB_REQUESTS: &[&str] = &["Amazon DynamoDB PayPerRequest Throughput"];
const WAF: &[&str] = &["Web Application Firewall"];
/// The postgres engine's rows of the AmazonRDS offer.
const AURORA_PG: &[(&str, &str)] = &[("databaseEngine", "Aurora PostgreSQL")];

/// Every price petgen uses, by offer file. The attribute values are the ones AWS's offer
/// files carry (AWS Billing user guide, "Reading the offer files"; infracost's product filters).
static SPECS: &[Spec] = &[
    Spec {
        absent: &["cpuArchitecture", "operatingSystem"],
        ..spec(
            PriceKey::FargateX86VcpuHour,
            "AmazonECS",
            &["Compute"],
            "Fargate-vCPU-Hours:perCPU",
        )
    },
    Spec {
        absent: &["cpuArchitecture", "operatingSystem"],
        ..spec(
            PriceKey::FargateX86GbHour,
            "AmazonECS",
            &["Compute"],
            "Fargate-GB-Hours",
        )
    },
    spec(
        PriceKey::FargateArmVcpuHour,
        "AmazonECS",
        &["Compute"],
        "Fargate-ARM-vCPU-Hours:perCPU",
    ),
    spec(
        PriceKey::FargateArmGbHour,
        "AmazonECS",
        &["Compute"],
        "Fargate-ARM-GB-Hours",
    ),
    spec(
        PriceKey::NatGatewayHour,
        "AmazonEC2",
        &["NAT Gateway"],
        "NatGateway-Hours",
    ),
    spec(
        PriceKey::NatGatewayGb,
        "AmazonEC2",
        &["NAT Gateway"],
        "NatGateway-Bytes",
    ),
    spec(
        PriceKey::PublicIpv4Hour,
        "AmazonVPC",
        &[],
        "PublicIPv4:InUseAddress",
    ),
    Spec {
        per: MILLION,
        ..spec(
            PriceKey::DynamodbWriteRequestMillion,
            "AmazonDynamoDB",
            DDB_REQUESTS,
            "WriteRequestUnits",
        )
    },
    Spec {
        per: MILLION,
        ..spec(
            PriceKey::DynamodbReadRequestMillion,
            "AmazonDynamoDB",
            DDB_REQUESTS,
            "ReadRequestUnits",
        )
    },
    spec(
        PriceKey::DynamodbStorageGbMonth,
        "AmazonDynamoDB",
        &["Database Storage"],
        "TimedStorage-ByteHrs",
    ),
    spec(
        PriceKey::DynamodbWcuHour,
        "AmazonDynamoDB",
        &["Provisioned IOPS"],
        "WriteCapacityUnit-Hrs",
    ),
    spec(
        PriceKey::DynamodbRcuHour,
        "AmazonDynamoDB",
        &["Provisioned IOPS"],
        "ReadCapacityUnit-Hrs",
    ),
    spec(
        PriceKey::DynamodbPitrGbMonth,
        "AmazonDynamoDB",
        &["Database Storage"],
        "TimedPITRStorage-ByteHrs",
    ),
    Spec {
        per: MILLION,
        ..spec(
            PriceKey::DynamodbReplicatedWriteRequestMillion,
            "AmazonDynamoDB",
            DDB_REQUESTS,
            "ReplWriteRequestUnits",
        )
    },
    Spec {
        per: MILLION,
        pick: Pick::Tiered {
            over: &[PriceKey::ApigwHttpRequestMillionOver300m],
        },
        ..spec(
            PriceKey::ApigwHttpRequestMillion,
            "AmazonApiGateway",
            &["API Calls"],
            "ApiGatewayHttpRequest",
        )
    },
    spec(
        PriceKey::CloudmapInstanceMonth,
        "AWSCloudMap",
        &["AWS Cloud Map"],
        "Cloud-Map-Resources",
    ),
    Spec {
        per: MILLION,
        ..spec(
            PriceKey::CloudmapLookupMillion,
            "AWSCloudMap",
            &["AWS Cloud Map"],
            "Cloud-Map-DIR-API-Calls",
        )
    },
    spec(
        PriceKey::ConfigItem,
        "AWSConfig",
        // The usage types are Config's own; its product families are not needed to tell them
        // apart.
        &[],
        "ConfigurationItemRecorded",
    ),
    Spec {
        pick: Pick::Tiered {
            over: &[
                PriceKey::ConfigRuleEvaluationNext400k,
                PriceKey::ConfigRuleEvaluationOver500k,
            ],
        },
        ..spec(
            PriceKey::ConfigRuleEvaluation,
            "AWSConfig",
            &[],
            "ConfigRuleEvaluations",
        )
    },
    // Aurora Serverless v2 (AmazonRDS). The usagetypes and the `ServerlessV2` family are
    // third-party (infracost and other cost tools, and billing exports), not an AWS page; rows
    // of either engine carry the same usagetype, so the engine attribute picks PostgreSQL's.
    // Some tools report that a region lists its storage under `databaseEngine = Any`: such a
    // region's storage is then reported missing by the import, and the shipped price stays.
    Spec {
        equals: AURORA_PG,
        ..spec(
            PriceKey::AuroraServerlessV2AcuHour,
            "AmazonRDS",
            &["ServerlessV2"],
            "Aurora:ServerlessV2Usage",
        )
    },
    Spec {
        equals: AURORA_PG,
        ..spec(
            PriceKey::AuroraServerlessV2IoOptimizedAcuHour,
            "AmazonRDS",
            &["ServerlessV2"],
            "Aurora:ServerlessV2IOOptimizedUsage",
        )
    },
    Spec {
        equals: AURORA_PG,
        ..spec(
            PriceKey::AuroraStorageGbMonth,
            "AmazonRDS",
            &[],
            "Aurora:StorageUsage",
        )
    },
    Spec {
        equals: AURORA_PG,
        ..spec(
            PriceKey::AuroraIoOptimizedStorageGbMonth,
            "AmazonRDS",
            &[],
            "Aurora:IO-OptimizedStorageUsage",
        )
    },
    Spec {
        equals: AURORA_PG,
        per: MILLION,
        ..spec(
            PriceKey::AuroraIoMillion,
            "AmazonRDS",
            &[],
            "Aurora:StorageIOUsage",
        )
    },
    Spec {
        equals: AURORA_PG,
        ..spec(
            PriceKey::AuroraBackupGbMonth,
            "AmazonRDS",
            &[],
            "Aurora:BackupUsage",
        )
    },
    // The usagetype and family are third-party (infracost, cost tools), not an AWS page.
    spec(
        PriceKey::SecretsManagerSecretMonth,
        "AWSSecretsManager",
        &["Secret"],
        "AWSSecretsManager-Secrets",
    ),
    Spec {
        pick: Pick::FreeTierOutside {
            free: 10_000.0,
            over: Some(PriceKey::CognitoLiteMauOver100k),
        },
        ..spec(
            PriceKey::CognitoLiteMau,
            "AmazonCognito",
            &[],
            "CognitoLiteMAU",
        )
    },
    Spec {
        pick: Pick::FreeTierOutside {
            free: 10_000.0,
            over: None,
        },
        ..spec(
            PriceKey::CognitoEssentialsMau,
            "AmazonCognito",
            &[],
            "CognitoEssentialsMAU",
        )
    },
    spec(
        PriceKey::CognitoPlusMau,
        "AmazonCognito",
        &[],
        "CognitoPlusMAU",
    ),
    spec(
        PriceKey::LogsIngestionGb,
        "AmazonCloudWatch",
        &["Data Payload"],
        "DataProcessing-Bytes",
    ),
    spec(
        PriceKey::LogsStorageGbMonth,
        "AmazonCloudWatch",
        &["Storage Snapshot"],
        "TimedStorage-ByteHrs",
    ),
    spec(
        PriceKey::VpcInterfaceEndpointAzHour,
        "AmazonVPC",
        &["VpcEndpoint"],
        "VpcEndpoint-Hours",
    ),
    spec(
        PriceKey::VpcInterfaceEndpointGb,
        "AmazonVPC",
        &["VpcEndpoint"],
        "VpcEndpoint-Bytes",
    ),
    Spec {
        prefix: Prefix::RegionCode,
        ..spec(
            PriceKey::KmsKeyMonth,
            "awskms",
            &["Encryption Key"],
            "KMS-Keys",
        )
    },
    Spec {
        operation: Some("LoadBalancing:Application"),
        ..spec(PriceKey::AlbHour, "AWSELB", ALB, "LoadBalancerUsage")
    },
    Spec {
        operation: Some("LoadBalancing:Application"),
        ..spec(PriceKey::AlbLcuHour, "AWSELB", ALB, "LCUUsage")
    },
    spec(PriceKey::WafWebAclMonth, "awswaf", WAF, "WebACLV2"),
    spec(PriceKey::WafRuleMonth, "awswaf", WAF, "RuleV2"),
    Spec {
        per: MILLION,
        ..spec(
            PriceKey::WafRequestMillion,
            "awswaf",
            WAF,
            "RequestV2-Tier1",
        )
    },
];

/// The billing codes that prefix usagetypes in the regions petgen ships prices for; a row of
/// one of these regions with another code is not that region's. Other regions accept any
/// upper-case code, since the row's `regionCode` already names the region.
const BILLING_CODES: &[(&str, &str)] = &[
    ("us-east-1", "USE1"),
    ("us-east-2", "USE2"),
    ("us-west-2", "USW2"),
    ("eu-west-1", "EU"),
    ("eu-central-1", "EUC1"),
    ("eu-west-2", "EUW2"),
    ("ap-southeast-1", "APS1"),
    ("ap-southeast-2", "APS2"),
    ("ap-northeast-1", "APN1"),
];

/// The offer codes holding petgen's prices, for `petgen prices fetch`.
pub fn offer_codes() -> Vec<&'static str> {
    let set: BTreeSet<&str> = SPECS.iter().map(|s| s.offer).collect();
    set.into_iter().collect()
}

/// The offer files' fields petgen reads; everything else is skipped unread. Products no spec
/// can match, and the terms of those products, are dropped as they stream past, so reading
/// takes memory for the rows petgen prices, not for the file: the EC2 offer of one region
/// runs to gigabytes.
#[derive(Debug)]
struct OfferFile {
    offer_code: String,
    publication_date: String,
    /// Products some spec may match, by SKU.
    products: BTreeMap<String, Product>,
    /// Every region a product names, matched or not: the regions the file covers.
    regions: BTreeSet<String>,
    terms: Terms,
}

/// The most rows of one offer file petgen keeps (products a spec may match, and their
/// terms), and the most regions it names. A real offer file has a few dozen such rows per
/// region and about 40 regions; a file beyond these bounds is not an offer file.
const MAX_KEPT_ROWS: usize = 20_000;
const MAX_REGIONS: usize = 1_000;

impl<'de> Deserialize<'de> for OfferFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(OfferFileVisitor)
    }
}

struct OfferFileVisitor;

impl<'de> serde::de::Visitor<'de> for OfferFileVisitor {
    type Value = OfferFile;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an AWS Price List offer file")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<OfferFile, A::Error> {
        use serde::de::{Error, IgnoredAny};
        let (mut offer_code, mut publication_date) = (None, None);
        let mut products: Option<BTreeMap<String, Product>> = None;
        let mut regions = BTreeSet::new();
        let mut terms: Option<Terms> = None;
        while let Some(key) = map.next_key::<String>()? {
            // A second `products` or `offerCode` would silently replace the first, as a
            // derived deserializer never lets it.
            let seen = match key.as_str() {
                "offerCode" => offer_code.is_some(),
                "publicationDate" => publication_date.is_some(),
                "products" => products.is_some(),
                "terms" => terms.is_some(),
                _ => false,
            };
            if seen {
                return Err(A::Error::custom(format!("duplicate field `{key}`")));
            }
            match key.as_str() {
                "offerCode" => offer_code = Some(map.next_value::<String>()?),
                "publicationDate" => publication_date = Some(map.next_value::<String>()?),
                "products" => {
                    products = Some(map.next_value_seed(ProductsSeed {
                        offer_code: offer_code.as_deref(),
                        regions: &mut regions,
                    })?)
                }
                "terms" => terms = Some(map.next_value_seed(TermsSeed(products.as_ref()))?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let products = products.ok_or_else(|| A::Error::missing_field("products"))?;
        let mut terms = terms.unwrap_or_default();
        // Terms read before the products were kept whole (within the bound): drop the rest.
        terms.on_demand.retain(|sku, _| products.contains_key(sku));
        Ok(OfferFile {
            offer_code: offer_code.ok_or_else(|| A::Error::missing_field("offerCode"))?,
            publication_date: publication_date
                .ok_or_else(|| A::Error::missing_field("publicationDate"))?,
            products,
            regions,
            terms,
        })
    }
}

/// `products`: keeps the rows a spec of the file's offer code (any, before it is known) may
/// match in the row's own region.
struct ProductsSeed<'a> {
    offer_code: Option<&'a str>,
    regions: &'a mut BTreeSet<String>,
}

impl<'de> serde::de::DeserializeSeed<'de> for ProductsSeed<'_> {
    type Value = BTreeMap<String, Product>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ProductsSeed<'_> {
    type Value = BTreeMap<String, Product>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("products by SKU")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut kept = BTreeMap::new();
        while let Some(sku) = map.next_key::<String>()? {
            let product: Product = map.next_value()?;
            let Some(region) = product.attributes.region_code.as_deref() else {
                continue;
            };
            // A region names a price file (`<region>.toml`): anything that is not one, such
            // as `../x` in a hostile offer, names no file at all.
            if !crate::facts::aws::is_region(region) {
                continue;
            }
            if product
                .attributes
                .location_type
                .as_deref()
                .is_none_or(|t| t == "AWS Region")
                && !self.regions.contains(region)
            {
                if self.regions.len() == MAX_REGIONS {
                    return Err(A::Error::custom(format!(
                        "more than {MAX_REGIONS} regions; AWS has about 40"
                    )));
                }
                self.regions.insert(region.to_string());
            }
            let wanted = SPECS
                .iter()
                .filter(|s| self.offer_code.is_none_or(|c| c == s.offer))
                .any(|s| product_matches(s, &product, region));
            if wanted {
                if kept.len() == MAX_KEPT_ROWS {
                    return Err(A::Error::custom(format!(
                        "more than {MAX_KEPT_ROWS} products match petgen's prices; an offer file has a few dozen per region"
                    )));
                }
                kept.insert(sku, product);
            }
        }
        Ok(kept)
    }
}

/// `terms`: the on-demand terms of the kept products (of any product, within the bound,
/// when the products come later in the file).
struct TermsSeed<'a>(Option<&'a BTreeMap<String, Product>>);

impl<'de> serde::de::DeserializeSeed<'de> for TermsSeed<'_> {
    type Value = Terms;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Terms, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TermsSeed<'_> {
    type Value = Terms;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("terms by kind")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Terms, A::Error> {
        use serde::de::Error;
        let mut terms = Terms::default();
        let mut seen = false;
        while let Some(kind) = map.next_key::<String>()? {
            if kind == "OnDemand" {
                if std::mem::replace(&mut seen, true) {
                    return Err(A::Error::custom("duplicate field `OnDemand`"));
                }
                terms.on_demand = map.next_value_seed(OnDemandSeed(self.0))?;
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(terms)
    }
}

struct OnDemandSeed<'a>(Option<&'a BTreeMap<String, Product>>);

impl<'de> serde::de::DeserializeSeed<'de> for OnDemandSeed<'_> {
    type Value = BTreeMap<String, BTreeMap<String, Term>>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for OnDemandSeed<'_> {
    type Value = BTreeMap<String, BTreeMap<String, Term>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("on-demand terms by SKU")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut kept = BTreeMap::new();
        while let Some(sku) = map.next_key::<String>()? {
            if self.0.is_some_and(|products| !products.contains_key(&sku)) {
                map.next_value::<serde::de::IgnoredAny>()?;
                continue;
            }
            if kept.len() == MAX_KEPT_ROWS {
                return Err(A::Error::custom(format!(
                    "more than {MAX_KEPT_ROWS} on-demand terms before the products; AWS lists products first"
                )));
            }
            kept.insert(sku, map.next_value::<BTreeMap<String, Term>>()?);
        }
        Ok(kept)
    }
}

#[derive(Debug, Deserialize)]
struct Product {
    #[serde(rename = "productFamily", default)]
    product_family: Option<String>,
    #[serde(default)]
    attributes: Attributes,
}

/// The attributes matching reads. `deny_unknown_fields` is off: offer files carry dozens more.
#[derive(Debug, Default, Deserialize)]
struct Attributes {
    #[serde(rename = "regionCode")]
    region_code: Option<String>,
    usagetype: Option<String>,
    operation: Option<String>,
    #[serde(rename = "locationType")]
    location_type: Option<String>,
    #[serde(rename = "cpuArchitecture")]
    cpu_architecture: Option<String>,
    #[serde(rename = "operatingSystem")]
    operating_system: Option<String>,
    #[serde(rename = "databaseEngine")]
    database_engine: Option<String>,
}

impl Attributes {
    fn get(&self, name: &str) -> Option<&str> {
        match name {
            "cpuArchitecture" => self.cpu_architecture.as_deref(),
            "operatingSystem" => self.operating_system.as_deref(),
            "databaseEngine" => self.database_engine.as_deref(),
            _ => None,
        }
    }
}

/// `terms.OnDemand`, by SKU then term code (read by [`TermsSeed`]).
#[derive(Debug, Default)]
struct Terms {
    on_demand: BTreeMap<String, BTreeMap<String, Term>>,
}

#[derive(Debug, Deserialize)]
struct Term {
    #[serde(rename = "effectiveDate", default)]
    effective_date: String,
    #[serde(rename = "priceDimensions", default)]
    price_dimensions: BTreeMap<String, Dimension>,
}

#[derive(Debug, Deserialize)]
struct Dimension {
    #[serde(rename = "pricePerUnit", default)]
    price_per_unit: BTreeMap<String, String>,
    #[serde(rename = "beginRange", default)]
    begin_range: String,
    #[serde(rename = "endRange", default)]
    end_range: String,
}

/// Why an offer file cannot be read, or a price file cannot be written from it.
#[derive(Debug, thiserror::Error)]
pub enum OfferError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not an offer file; `at` is the JSON path of the fault (`.` for the top), `message` the
    /// JSON reader's, without its own position.
    #[error("{name}:{line}:{column}: {}{message}\n  hint: give an AWS Price List offer file (JSON): offers/v1.0/aws/<offerCode>/current/<region>/index.json, with offerCode, publicationDate, products and terms", if at == "." { String::new() } else { format!("at {at}: ") })]
    Format {
        name: String,
        line: usize,
        column: usize,
        at: String,
        message: String,
    },
    /// The price file being updated, or the update, is not a valid price file.
    #[error(transparent)]
    PriceFile(Box<PriceFileError>),
    #[error("{}: {source}", path.display())]
    Toml {
        path: PathBuf,
        source: toml_edit::TomlError,
    },
    /// The header of a new price file does not parse: a bug.
    #[error("{0}")]
    Header(#[source] toml_edit::TomlError),
    #[error("{}: `regions` is not a table", path.display())]
    RegionsNotTable { path: PathBuf },
    #[error("{}: regions.{region} is not a table", path.display())]
    RegionNotTable { path: PathBuf, region: String },
    #[error("cannot create {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write in {}: {source}", dir.display())]
    WriteIn {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl From<PriceFileError> for OfferError {
    fn from(e: PriceFileError) -> Self {
        // Boxed: it is the largest, and rare.
        OfferError::PriceFile(Box::new(e))
    }
}

/// Why one on-demand term of an offer row gives no price petgen can use.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TermError {
    #[error("a price dimension has no USD price")]
    NoUsd,
    /// `what` is `USD price`, `beginRange` or `endRange`.
    #[error("{what} {value:?} is not a number")]
    NotANumber { what: &'static str, value: String },
    #[error("USD price {0} is not a price")]
    NotAPrice(f64),
    #[error("the range {begin:?} to {end:?} is not a quantity")]
    NotAQuantity { begin: String, end: String },
    #[error("the on-demand term has no price dimensions")]
    NoDimensions,
    #[error("every band is free")]
    AllFree,
    #[error("the tier after the first is missing")]
    NoNextTier,
    #[error("{key} would be ${usd} per {unit}, beyond any list price")]
    BeyondListPrice {
        key: &'static str,
        usd: f64,
        unit: String,
    },
}

/// A parsed offer file, with where it came from.
pub struct Offer {
    name: String,
    file: OfferFile,
}

impl Offer {
    /// Read an offer file. Errors name `path:line:col` and say what an offer file is.
    pub fn read(path: &Path) -> Result<Offer, OfferError> {
        // Streamed, like a download: an offer file can be gigabytes, and only the rows petgen
        // prices are kept.
        let file = std::fs::File::open(path)
            .and_then(|f| match f.metadata()?.is_dir() {
                true => Err(std::io::Error::other("it is a directory")),
                false => Ok(f),
            })
            .map_err(|source| OfferError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        let name = path.display().to_string();
        // Only a regular file can be read a second time (not a pipe such as /dev/stdin).
        let size = file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map_or(u64::MAX, |m| m.len());
        let reader = std::io::BufReader::with_capacity(1 << 20, file);
        Offer::from_reader(&name, reader).map_err(|streamed| {
            // A stream's error position can lie past the fault; a file small enough to hold
            // is read again whole, for the exact line and column.
            const EXACT_UP_TO: u64 = 64 << 20;
            match size <= EXACT_UP_TO {
                true => match std::fs::read(path) {
                    Ok(bytes) => Offer::parse(&name, &bytes).err().unwrap_or(streamed),
                    Err(_) => streamed,
                },
                false => streamed,
            }
        })
    }

    /// Parse an offer file; `name` is used in errors.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Offer, OfferError> {
        Offer::from_deserializer(name, &mut serde_json::Deserializer::from_slice(bytes))
    }

    /// Parse an offer file as it streams in (a download), without holding its text: offer
    /// files of large services run to gigabytes. Error positions may point past the fault.
    pub fn from_reader(name: &str, reader: impl std::io::Read) -> Result<Offer, OfferError> {
        Offer::from_deserializer(name, &mut serde_json::Deserializer::from_reader(reader))
    }

    fn from_deserializer<'de, R: serde_json::de::Read<'de>>(
        name: &str,
        de: &mut serde_json::Deserializer<R>,
    ) -> Result<Offer, OfferError> {
        let file: OfferFile = serde_path_to_error::deserialize(de).map_err(|e| {
            let inner = e.inner();
            OfferError::Format {
                name: name.to_string(),
                line: inner.line(),
                column: inner.column(),
                at: e.path().to_string(),
                message: strip_position(&inner.to_string()),
            }
        })?;
        Ok(Offer {
            name: name.to_string(),
            file,
        })
    }

    pub fn offer_code(&self) -> &str {
        &self.file.offer_code
    }

    /// Regions with at least one product in this file.
    fn regions(&self) -> BTreeSet<String> {
        self.file.regions.clone()
    }
}

/// serde_json appends " at line L column C"; the message leads with the position instead.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// What an import found for one region.
#[derive(Debug, Default)]
pub struct RegionReport {
    pub region: String,
    /// Keys and the prices found for them.
    pub found: BTreeMap<String, Price>,
    /// Keys whose offer file was given but has no matching row, with what was looked for.
    pub missing: Vec<(String, String)>,
    /// Keys several rows match at different prices: nothing is written for them.
    pub ambiguous: Vec<(String, Vec<String>)>,
    /// Keys whose offer file was not among the files given, with its offer code.
    pub not_covered: Vec<(String, String)>,
}

/// A row that matched a spec, priced.
struct Candidate {
    sku: String,
    usagetype: String,
    prices: Vec<(&'static str, Price)>,
}

fn usagetype_matches(spec: &Spec, usagetype: &str, region: &str) -> bool {
    match spec.prefix {
        Prefix::RegionCode => {
            usagetype
                .strip_prefix(region)
                .and_then(|rest| rest.strip_prefix('-'))
                == Some(spec.usagetype)
        }
        Prefix::Billing => {
            if usagetype == spec.usagetype {
                return true;
            }
            let Some((code, rest)) = usagetype.split_once('-') else {
                return false;
            };
            let code_ok = match BILLING_CODES.iter().find(|(r, _)| *r == region) {
                Some((_, known)) => code == *known,
                None => {
                    !code.is_empty()
                        && code
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                }
            };
            code_ok && rest == spec.usagetype
        }
    }
}

fn product_matches(spec: &Spec, p: &Product, region: &str) -> bool {
    let a = &p.attributes;
    a.region_code.as_deref() == Some(region)
        && a.location_type.as_deref().is_none_or(|t| t == "AWS Region")
        && (spec.families.is_empty()
            || p.product_family
                .as_deref()
                .is_some_and(|f| spec.families.contains(&f)))
        && a.usagetype
            .as_deref()
            .is_some_and(|u| usagetype_matches(spec, u, region))
        && spec
            .operation
            .is_none_or(|op| a.operation.as_deref() == Some(op))
        && spec
            .absent
            .iter()
            .all(|name| a.get(name).is_none_or(str::is_empty))
        && spec
            .equals
            .iter()
            .all(|(name, value)| a.get(name) == Some(*value))
}

/// A band of a tiered price: from, to (`None` = no end), USD per offer unit.
#[derive(Debug, Clone, Copy)]
struct Band {
    begin: f64,
    end: Option<f64>,
    usd: f64,
}

fn bands(term: &Term) -> Result<Vec<Band>, TermError> {
    let number = |what: &'static str, value: &str| {
        value.parse::<f64>().map_err(|_| TermError::NotANumber {
            what,
            value: value.to_string(),
        })
    };
    let mut out = Vec::new();
    for d in term.price_dimensions.values() {
        let usd = d.price_per_unit.get("USD").ok_or(TermError::NoUsd)?;
        let usd = number("USD price", usd)?;
        let begin: f64 = if d.begin_range.is_empty() {
            0.0
        } else {
            number("beginRange", &d.begin_range)?
        };
        let end = match d.end_range.as_str() {
            "" | "Inf" => None,
            s => Some(number("endRange", s)?),
        };
        if !(usd.is_finite() && usd >= 0.0) {
            return Err(TermError::NotAPrice(usd));
        }
        if !(begin.is_finite() && begin >= 0.0) || end.is_some_and(|e: f64| !e.is_finite()) {
            return Err(TermError::NotAQuantity {
                begin: d.begin_range.clone(),
                end: d.end_range.clone(),
            });
        }
        out.push(Band { begin, end, usd });
    }
    out.sort_by(|a, b| a.begin.total_cmp(&b.begin));
    if out.is_empty() {
        return Err(TermError::NoDimensions);
    }
    Ok(out)
}

/// The prices a spec reads from a row's bands.
fn pick(
    spec: &Spec,
    bands: &[Band],
    unit_price: impl Fn(PriceKey, f64) -> Price,
) -> Result<Vec<(&'static str, Price)>, TermError> {
    let per = spec.per;
    match spec.pick {
        Pick::Flat => {
            let paid = bands
                .iter()
                .position(|b| b.usd > 0.0)
                .ok_or(TermError::AllFree)?;
            let mut p = unit_price(spec.key, bands[paid].usd * per);
            if paid > 0 {
                p.free_quantity = Some(bands[paid].begin / per);
            }
            Ok(vec![(spec.key.as_str(), p)])
        }
        Pick::Tiered { over } => {
            let first = bands[0];
            let mut p = unit_price(spec.key, first.usd * per);
            let mut end = first.end;
            if let Some(end) = end {
                p.tier_limit = Some(end / per);
            }
            let mut out = vec![(spec.key.as_str(), p)];
            for (i, key) in over.iter().enumerate() {
                let Some(begin) = end else { break };
                let next = bands
                    .iter()
                    .find(|b| b.begin == begin)
                    .ok_or(TermError::NoNextTier)?;
                let mut p = unit_price(*key, next.usd * per);
                if i + 1 < over.len() {
                    p.tier_limit = next.end.map(|e| e / per);
                }
                out.push((key.as_str(), p));
                end = next.end;
            }
            Ok(out)
        }
        Pick::FreeTierOutside { free, over } => {
            let first = bands[0];
            let mut p = unit_price(spec.key, first.usd * per);
            p.free_quantity = Some(free);
            let mut out = Vec::new();
            if let (Some(end), Some(over)) = (first.end, over) {
                p.tier_limit = Some(end + free);
                let next = bands
                    .iter()
                    .find(|b| b.begin == end)
                    .ok_or(TermError::NoNextTier)?;
                out.push((over.as_str(), unit_price(over, next.usd * per)));
            }
            out.insert(0, (spec.key.as_str(), p));
            Ok(out)
        }
    }
}

/// Prices a price file accepts: an offer's price beyond [`MAX_UNIT_PRICE_USD`] per petgen's
/// unit is refused here, so that `import` never writes a file petgen cannot read back.
fn within_bounds(
    prices: Vec<(&'static str, Price)>,
) -> Result<Vec<(&'static str, Price)>, TermError> {
    match prices.iter().find(|(_, p)| p.usd > MAX_UNIT_PRICE_USD) {
        Some((key, p)) => Err(TermError::BeyondListPrice {
            key,
            usd: p.usd,
            unit: p.unit.clone(),
        }),
        None => Ok(prices),
    }
}

fn date_of(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    crate::calendar::parse_date(d).map(|_| d.to_string())
}

/// Import `offers`: for each region they hold, the price of every key their offer codes
/// cover, or why not.
pub fn import(offers: &[Offer]) -> Vec<RegionReport> {
    let mut regions: BTreeSet<String> = BTreeSet::new();
    for o in offers {
        regions.extend(o.regions());
    }
    let mut reports = Vec::new();
    for region in regions {
        let mut report = RegionReport {
            region: region.clone(),
            ..RegionReport::default()
        };
        // Offer files that hold this region, by offer code.
        let here: Vec<&Offer> = offers
            .iter()
            .filter(|o| o.regions().contains(&region))
            .collect();
        for spec in SPECS {
            let files: Vec<&&Offer> = here
                .iter()
                .filter(|o| o.file.offer_code == spec.offer)
                .collect();
            if files.is_empty() {
                report
                    .not_covered
                    .push((spec.key.to_string(), spec.offer.to_string()));
                continue;
            }
            let mut candidates: Vec<Candidate> = Vec::new();
            let mut problems: Vec<String> = Vec::new();
            for offer in files {
                for (sku, product) in &offer.file.products {
                    if !product_matches(spec, product, &region) {
                        continue;
                    }
                    let Some(terms) = offer.file.terms.on_demand.get(sku) else {
                        continue;
                    };
                    for term in terms.values() {
                        let effective = date_of(&term.effective_date)
                            .or_else(|| date_of(&offer.file.publication_date))
                            .unwrap_or_else(|| "1970-01-01".into());
                        let usagetype = product.attributes.usagetype.clone().unwrap_or_default();
                        let source = format!(
                            "AWS Price List offer file {} for {region} (publicationDate {}), SKU {sku}, usagetype {usagetype}; imported from {}",
                            offer.file.offer_code, offer.file.publication_date, offer.name
                        );
                        let unit_price = |key: PriceKey, usd: f64| Price {
                            usd: round_price(usd),
                            unit: key.unit().to_string(),
                            free_quantity: None,
                            tier_limit: None,
                            effective: effective.clone(),
                            source: source.clone(),
                        };
                        match bands(term)
                            .and_then(|b| pick(spec, &b, unit_price))
                            .and_then(within_bounds)
                        {
                            Ok(prices) => candidates.push(Candidate {
                                sku: sku.clone(),
                                usagetype,
                                prices,
                            }),
                            Err(e) => problems.push(format!("SKU {sku}: {e}")),
                        }
                    }
                }
            }
            // Two products matching one price means the match is not specific enough; even
            // at the same price, neither is trusted.
            let skus: BTreeSet<&str> = candidates.iter().map(|c| c.sku.as_str()).collect();
            match (candidates.len(), skus.len()) {
                (0, _) => {
                    let looked = match spec.prefix {
                        Prefix::RegionCode => format!("{region}-{}", spec.usagetype),
                        Prefix::Billing => format!("[CODE-]{}", spec.usagetype),
                    };
                    let why = if problems.is_empty() {
                        format!(
                            "no on-demand {} row in {region} with usagetype {looked}{}",
                            spec.offer,
                            if spec.families.is_empty() {
                                String::new()
                            } else {
                                format!(" in product family {}", spec.families.join(" or "))
                            }
                        )
                    } else {
                        problems.join("; ")
                    };
                    report.missing.push((spec.key.to_string(), why));
                }
                (_, 1) => {
                    candidates.sort_by(|a, b| a.sku.cmp(&b.sku));
                    for (key, price) in candidates.swap_remove(0).prices {
                        report.found.insert(key.to_string(), price);
                    }
                }
                _ => report.ambiguous.push((
                    spec.key.to_string(),
                    candidates
                        .iter()
                        .map(|c| {
                            format!(
                                "SKU {} ({}) at ${}",
                                c.sku,
                                c.usagetype,
                                c.prices.first().map(|(_, p)| p.usd).unwrap_or_default()
                            )
                        })
                        .collect(),
                )),
            }
        }
        reports.push(report);
    }
    reports
}

/// Offer prices have ten decimals; per-million conversions would otherwise print float noise
/// (0.6250000000000001).
fn round_price(x: f64) -> f64 {
    (x * 1e10).round() / 1e10
}

/// The header of a price file petgen creates.
const HEADER: &str = "# AWS list prices imported by `petgen prices import` from AWS Price List offer files.\n# Each price names its offer file, region, publicationDate and SKU. Edit by re-importing.\n";

/// Lay the found prices of `reports` over the price file at `path` (created if absent),
/// keeping its other entries and comments. The file is replaced atomically: a failed write
/// leaves the old one.
pub fn write(path: &Path, reports: &[&RegionReport]) -> Result<(), OfferError> {
    let existing = match std::fs::read_to_string(path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(OfferError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let mut doc: toml_edit::DocumentMut = match &existing {
        Some(t) => {
            PriceTable::parse(path, t)?;
            t.parse().map_err(|source| OfferError::Toml {
                path: path.to_path_buf(),
                source,
            })?
        }
        None => HEADER.parse().map_err(OfferError::Header)?,
    };
    let regions = doc
        .entry("regions")
        .or_insert_with(|| {
            let mut t = toml_edit::Table::new();
            t.set_implicit(true);
            toml_edit::Item::Table(t)
        })
        .as_table_mut()
        .ok_or_else(|| OfferError::RegionsNotTable {
            path: path.to_path_buf(),
        })?;
    for report in reports {
        let region = regions
            .entry(&report.region)
            .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()))
            .as_table_mut()
            .ok_or_else(|| OfferError::RegionNotTable {
                path: path.to_path_buf(),
                region: report.region.clone(),
            })?;
        for (key, p) in &report.found {
            let mut t = toml_edit::Table::new();
            t.insert("usd", toml_edit::value(p.usd));
            t.insert("unit", toml_edit::value(p.unit.as_str()));
            if let Some(f) = p.free_quantity {
                t.insert("free_quantity", toml_edit::value(f));
            }
            if let Some(l) = p.tier_limit {
                t.insert("tier_limit", toml_edit::value(l));
            }
            t.insert("effective", toml_edit::value(p.effective.as_str()));
            t.insert("source", toml_edit::value(p.source.as_str()));
            region.insert(key, toml_edit::Item::Table(t));
        }
    }
    let text = doc.to_string();
    // What is written must read back as a price file.
    PriceTable::parse(path, &text)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|source| OfferError::CreateDir {
        path: dir.clone(),
        source,
    })?;
    crate::atomic_file::write(path, text.as_bytes()).map_err(|e| match e.step {
        crate::atomic_file::Step::Create => OfferError::WriteIn {
            dir,
            source: e.source,
        },
        _ => OfferError::Write {
            path: path.to_path_buf(),
            source: e.source,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec_of(key: &str) -> &'static Spec {
        SPECS.iter().find(|s| s.key.as_str() == key).unwrap()
    }

    /// An offer file generated as it is read, never held whole: `rows` products with the
    /// usagetype `usagetype(i)`, each with an on-demand term.
    struct Stream<F: Fn(usize) -> String> {
        rows: usize,
        usagetype: F,
        at: usize,
        buf: Vec<u8>,
        pos: usize,
        section: u8,
    }

    impl<F: Fn(usize) -> String> std::io::Read for Stream<F> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            while self.pos == self.buf.len() {
                self.pos = 0;
                self.buf = match self.section {
                    0 => {
                        self.section = 1;
                        br#"{"offerCode": "AmazonEC2", "publicationDate": "2026-01-01T00:00:00Z", "products": {"#.to_vec()
                    }
                    1 if self.at < self.rows => {
                        let i = self.at;
                        self.at += 1;
                        format!(
                            r#"{}"SKU{i}": {{"productFamily": "NAT Gateway", "attributes": {{"regionCode": "eu-west-1", "usagetype": "{}"}}}}"#,
                            if i == 0 { "" } else { "," },
                            (self.usagetype)(i)
                        )
                        .into_bytes()
                    }
                    1 => {
                        self.section = 2;
                        self.at = 0;
                        br#"}, "terms": {"OnDemand": {"#.to_vec()
                    }
                    2 if self.at < self.rows => {
                        let i = self.at;
                        self.at += 1;
                        format!(
                            r#"{}"SKU{i}": {{"SKU{i}.T": {{"effectiveDate": "2026-01-01", "priceDimensions": {{"d": {{"unit": "Hrs", "pricePerUnit": {{"USD": "0.048"}}}}}}}}}}"#,
                            if i == 0 { "" } else { "," }
                        )
                        .into_bytes()
                    }
                    2 => {
                        self.section = 3;
                        b"}}}".to_vec()
                    }
                    _ => return Ok(0),
                };
            }
            let n = out.len().min(self.buf.len() - self.pos);
            out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }

    fn stream<F: Fn(usize) -> String>(rows: usize, usagetype: F) -> Stream<F> {
        Stream {
            rows,
            usagetype,
            at: 0,
            buf: Vec::new(),
            pos: 0,
            section: 0,
        }
    }

    /// Rows no spec matches stream past without being kept, whatever their number: memory
    /// follows the rows petgen prices, not the file.
    #[test]
    fn an_offer_keeps_only_the_rows_petgen_may_price() {
        let offer = Offer::from_reader(
            "stream",
            stream(200_000, |i| {
                if i == 123_456 {
                    "EU-NatGateway-Hours".into()
                } else {
                    format!("EU-Other-{i}")
                }
            }),
        )
        .unwrap();
        assert_eq!(
            offer.file.products.keys().collect::<Vec<_>>(),
            ["SKU123456"]
        );
        assert_eq!(
            offer.file.terms.on_demand.keys().collect::<Vec<_>>(),
            ["SKU123456"]
        );
        assert_eq!(
            offer.regions().into_iter().collect::<Vec<_>>(),
            ["eu-west-1"]
        );
        let reports = import(&[offer]);
        assert_eq!(reports[0].found["nat_gateway_hour"].usd, 0.048);
    }

    /// A second `products` (or `offerCode`) would silently replace the first.
    #[test]
    fn duplicate_top_level_fields_are_refused() {
        let one = r#"{"offerCode": "AmazonEC2", "publicationDate": "2026-01-01", "products": {}, "terms": {}"#;
        for extra in [r#", "products": {}}"#, r#", "offerCode": "AmazonECS"}"#] {
            let text = format!("{one}{extra}");
            let e = Offer::parse("o.json", text.as_bytes())
                .err()
                .unwrap()
                .to_string();
            assert!(e.contains("duplicate field"), "{e}");
        }
    }

    /// An endless stream of rows that do match (all look-alikes of one price) stops at the
    /// bound with an error, instead of growing until memory runs out.
    #[test]
    fn an_offer_with_endless_matching_rows_is_refused_at_the_bound() {
        let e = Offer::from_reader(
            "stream",
            stream(MAX_KEPT_ROWS + 10, |_| "EU-NatGateway-Hours".into()),
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            e.contains("more than 20000 products match petgen's prices"),
            "{e}"
        );
    }

    #[test]
    fn usagetypes_match_with_their_region_prefix_only() {
        let nat = spec_of("nat_gateway_hour");
        assert!(usagetype_matches(nat, "NatGateway-Hours", "us-east-1"));
        assert!(usagetype_matches(nat, "EU-NatGateway-Hours", "eu-west-1"));
        assert!(!usagetype_matches(
            nat,
            "USE1-NatGateway-Hours",
            "eu-west-1"
        ));
        assert!(!usagetype_matches(
            nat,
            "EU-RegionalNatGateway-Hours",
            "eu-west-1"
        ));
        assert!(!usagetype_matches(
            nat,
            "EU-NatGateway-Prvd-Gbps",
            "eu-west-1"
        ));
        assert!(usagetype_matches(nat, "EUW3-NatGateway-Hours", "eu-west-3"));
        assert!(!usagetype_matches(
            nat,
            "Global-NatGateway-Hours",
            "eu-west-3"
        ));
        let gb = spec_of("nat_gateway_gb");
        assert!(!usagetype_matches(
            gb,
            "EU-Outposts-NatGateway-Bytes",
            "eu-west-1"
        ));
        let kms = spec_of("kms_key_month");
        assert!(usagetype_matches(
            kms,
            "eu-central-1-KMS-Keys",
            "eu-central-1"
        ));
        assert!(!usagetype_matches(
            kms,
            "us-east-1-KMS-Keys",
            "eu-central-1"
        ));
        let ddb = spec_of("dynamodb_write_request_million");
        assert!(usagetype_matches(ddb, "WriteRequestUnits", "us-east-1"));
        assert!(!usagetype_matches(
            ddb,
            "EU-ReplWriteRequestUnits",
            "eu-west-1"
        ));
        assert!(!usagetype_matches(
            ddb,
            "EU-IA-WriteRequestUnits",
            "eu-west-1"
        ));
    }

    /// Aurora MySQL and Aurora PostgreSQL rows share their usagetype: the engine attribute
    /// picks PostgreSQL's, so the two are not ambiguous.
    #[test]
    fn aurora_rows_are_told_apart_by_engine() {
        let row = |sku: &str, engine: &str| {
            format!(
                r#""{sku}": {{"productFamily": "ServerlessV2", "attributes": {{"regionCode": "eu-west-1", "usagetype": "EU-Aurora:ServerlessV2Usage", "databaseEngine": "{engine}"}}}}"#
            )
        };
        let term = |sku: &str, usd: &str| {
            format!(
                r#""{sku}": {{"{sku}.T": {{"effectiveDate": "2025-12-05", "priceDimensions": {{"d": {{"unit": "ACU-Hr", "pricePerUnit": {{"USD": "{usd}"}}}}}}}}}}"#
            )
        };
        let text = format!(
            r#"{{"offerCode": "AmazonRDS", "publicationDate": "2025-12-05T00:00:00Z", "products": {{{}, {}}}, "terms": {{"OnDemand": {{{}, {}}}}}}}"#,
            row("MYSQL", "Aurora MySQL"),
            row("PG", "Aurora PostgreSQL"),
            term("MYSQL", "0.99"),
            term("PG", "0.14")
        );
        let offer = Offer::parse("rds.json", text.as_bytes()).unwrap();
        let reports = import(&[offer]);
        let r = &reports[0];
        assert_eq!(r.found["aurora_serverless_v2_acu_hour"].usd, 0.14);
        assert!(r.ambiguous.is_empty(), "{:?}", r.ambiguous);
        assert!(r.found["aurora_serverless_v2_acu_hour"]
            .source
            .contains("SKU PG"));
    }

    #[test]
    fn every_key_petgen_prices_is_imported_by_one_spec() {
        let t = PriceTable::embedded();
        let mut imported: BTreeSet<&str> = SPECS.iter().map(|s| s.key.as_str()).collect();
        for s in SPECS {
            match s.pick {
                Pick::Tiered { over } => imported.extend(over.iter().map(|k| k.as_str())),
                Pick::FreeTierOutside {
                    over: Some(over), ..
                } => {
                    imported.insert(over.as_str());
                }
                _ => {}
            }
        }
        assert_eq!(imported.len(), SPECS.len() + 4);
        for key in t.region("eu-west-1").unwrap().keys().chain(
            t.region("us-east-1")
                .unwrap()
                .keys()
                .filter(|k| k.starts_with("cognito_")),
        ) {
            assert!(imported.contains(key.as_str()), "{key} cannot be imported");
        }
    }
}
