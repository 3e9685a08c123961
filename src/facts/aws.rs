//! What AWS accepts: Fargate task sizes, log retention values, and the syntax of regions,
//! image references, DNS names and resource names. Facts, not checks: the profile's checks,
//! render, lint, cost and the handoff all read them, so they sit below every stage.

/// Valid Fargate task sizes: CPU units → allowed memory (MiB) as (min, max, step).
const FARGATE_SIZES: &[(u32, u32, u32, u32)] = &[
    (256, 512, 2048, 0), // 512, 1024, 2048 only (special-cased below)
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122880, 8192),
];

/// Memory values Fargate accepts for `cpu`, or `None` for an invalid CPU value.
pub fn fargate_memory_options(cpu: u32) -> Option<Vec<u32>> {
    let &(_, min, max, step) = FARGATE_SIZES.iter().find(|(c, ..)| *c == cpu)?;
    if step == 0 {
        return Some(vec![512, 1024, 2048]);
    }
    Some((min..=max).step_by(step as usize).collect())
}

/// CloudWatch Logs' accepted retention values.
pub const LOG_RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-4`, ...
pub fn is_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let (geo, rest) = match parts.as_slice() {
        [geo, "gov", dir, n] => (*geo, [*dir, *n]),
        [geo, dir, n] => (*geo, [*dir, *n]),
        _ => return false,
    };
    const DIRECTIONS: &[&str] = &[
        "north",
        "south",
        "east",
        "west",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    ];
    geo.len() == 2
        && geo.chars().all(|c| c.is_ascii_lowercase())
        && DIRECTIONS.contains(&rest[0])
        && !rest[1].is_empty()
        && rest[1].len() <= 2
        && rest[1].chars().all(|c| c.is_ascii_digit())
}

/// Docker image reference: `[registry[:port]/]repo/path[:tag][@sha256:<64 hex>]`.
pub fn is_image_reference(s: &str) -> bool {
    if s.is_empty() || s.len() > 255 || s.chars().any(|c| c.is_whitespace()) {
        return false;
    }
    let (name_tag, digest) = match s.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        let Some(hex) = d.strip_prefix("sha256:") else {
            return false;
        };
        if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
    }
    // A tag follows the last ':' that comes after the last '/'.
    let last_slash = name_tag.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (name, tag) = match name_tag[last_slash..].rfind(':') {
        Some(i) => (
            &name_tag[..last_slash + i],
            Some(&name_tag[last_slash + i + 1..]),
        ),
        None => (name_tag, None),
    };
    if let Some(tag) = tag {
        let ok_first = tag
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok_first
            || tag.len() > 128
            || !tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            return false;
        }
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 {
        let first = components[0];
        // A registry host has a dot or a port, or is localhost.
        if first.contains('.') || first.contains(':') || first == "localhost" {
            let (host, port) = match first.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (first, None),
            };
            let host_ok = !host.is_empty()
                && host.split('.').all(|l| {
                    !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                });
            let port_ok =
                port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
            if !host_ok || !port_ok {
                return false;
            }
            components.remove(0);
        }
    }
    !components.is_empty()
        && components.iter().all(|c| {
            !c.is_empty()
                && c.chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit())
                && c.chars()
                    .last()
                    .is_some_and(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit())
                && c.chars().all(|ch| {
                    ch.is_ascii_lowercase() || ch.is_ascii_digit() || matches!(ch, '.' | '_' | '-')
                })
        })
}

pub fn is_dns_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

pub fn is_identifier_prefix(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.ends_with('-')
}

/// The prefix of a region's AZ IDs (`use1` in `use1-az1`), for the regions petgen knows.
pub fn az_id_prefix(region: &str) -> Option<&'static str> {
    Some(match region {
        "us-east-1" => "use1",
        "us-east-2" => "use2",
        "us-west-1" => "usw1",
        "us-west-2" => "usw2",
        "ca-central-1" => "cac1",
        "ca-west-1" => "caw1",
        "eu-west-1" => "euw1",
        "eu-west-2" => "euw2",
        "eu-west-3" => "euw3",
        "eu-central-1" => "euc1",
        "eu-central-2" => "euc2",
        "eu-north-1" => "eun1",
        "eu-south-1" => "eus1",
        "eu-south-2" => "eus2",
        "ap-east-1" => "ape1",
        "ap-northeast-1" => "apne1",
        "ap-northeast-2" => "apne2",
        "ap-northeast-3" => "apne3",
        "ap-south-1" => "aps1",
        "ap-south-2" => "aps2",
        "ap-southeast-1" => "apse1",
        "ap-southeast-2" => "apse2",
        "ap-southeast-3" => "apse3",
        "ap-southeast-4" => "apse4",
        "sa-east-1" => "sae1",
        "me-south-1" => "mes1",
        "me-central-1" => "mec1",
        "af-south-1" => "afs1",
        "il-central-1" => "ilc1",
        "mx-central-1" => "mxc1",
        "us-gov-west-1" => "usgw1",
        _ => return None,
    })
}

/// Is `s` an AZ ID (`use1-az1`) rather than a name (`us-east-1a`)?
pub fn is_az_id(s: &str) -> bool {
    s.split_once("-az").is_some_and(|(prefix, n)| {
        !prefix.is_empty()
            && prefix
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
    })
}

/// Every availability zone ID of the regions petgen knows, from the "AWS Availability Zones"
/// page of the AWS Global Infrastructure guide. Newer accounts may see fewer (us-west-1 gives
/// them two; apne1-az3 is retired), never more.
const REGION_AZ_IDS: &[(&str, &[&str])] = &[
    (
        "us-east-1",
        &[
            "use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6",
        ],
    ),
    ("us-east-2", &["use2-az1", "use2-az2", "use2-az3"]),
    ("us-west-1", &["usw1-az1", "usw1-az2", "usw1-az3"]),
    (
        "us-west-2",
        &["usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"],
    ),
    ("ca-central-1", &["cac1-az1", "cac1-az2", "cac1-az4"]),
    ("eu-west-1", &["euw1-az1", "euw1-az2", "euw1-az3"]),
    (
        "eu-west-2",
        &["euw2-az1", "euw2-az2", "euw2-az3", "euw2-az4"],
    ),
    ("eu-west-3", &["euw3-az1", "euw3-az2", "euw3-az3"]),
    ("eu-central-1", &["euc1-az1", "euc1-az2", "euc1-az3"]),
    ("eu-north-1", &["eun1-az1", "eun1-az2", "eun1-az3"]),
    ("eu-south-2", &["eus2-az1", "eus2-az2", "eus2-az3"]),
    ("ap-east-1", &["ape1-az1", "ape1-az2", "ape1-az3"]),
    (
        "ap-northeast-1",
        &["apne1-az1", "apne1-az2", "apne1-az3", "apne1-az4"],
    ),
    (
        "ap-northeast-2",
        &["apne2-az1", "apne2-az2", "apne2-az3", "apne2-az4"],
    ),
    ("ap-south-1", &["aps1-az1", "aps1-az2", "aps1-az3"]),
    ("ap-southeast-1", &["apse1-az1", "apse1-az2", "apse1-az3"]),
    ("ap-southeast-2", &["apse2-az1", "apse2-az2", "apse2-az3"]),
    ("sa-east-1", &["sae1-az1", "sae1-az2", "sae1-az3"]),
    ("me-south-1", &["mes1-az1", "mes1-az2", "mes1-az3"]),
];

/// The regions whose zone IDs petgen knows.
pub fn known_zone_regions() -> Vec<&'static str> {
    REGION_AZ_IDS.iter().map(|(r, _)| *r).collect()
}

/// The zone list of `region` in one of the tables above.
fn zones_of(
    table: &'static [(&'static str, &'static [&'static str])],
    region: &str,
) -> Option<&'static [&'static str]> {
    table
        .iter()
        .find(|(r, _)| *r == region)
        .map(|(_, ids)| *ids)
}

/// The zone IDs of `region`, when petgen knows them.
pub fn region_az_ids(region: &str) -> Option<&'static [&'static str]> {
    zones_of(REGION_AZ_IDS, region)
}

/// Where API Gateway's VPC links (HTTP APIs) run: the "Availability by Region" table of the
/// API Gateway developer guide (VPC links V2), an allow-list. A VPC link with a subnet in any
/// other zone fails at apply ("BadRequestException ... where service is not available"), and a
/// region missing here is one the guide does not list.
const VPC_LINK_AZ_IDS: &[(&str, &[&str])] = &[
    (
        "us-east-1",
        &["use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6"],
    ),
    ("us-east-2", &["use2-az1", "use2-az2", "use2-az3"]),
    ("us-west-1", &["usw1-az1", "usw1-az3"]),
    (
        "us-west-2",
        &["usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"],
    ),
    ("ca-central-1", &["cac1-az1", "cac1-az2"]),
    ("eu-west-1", &["euw1-az1", "euw1-az2", "euw1-az3"]),
    ("eu-west-2", &["euw2-az1", "euw2-az2", "euw2-az3"]),
    ("eu-west-3", &["euw3-az1", "euw3-az3"]),
    ("eu-central-1", &["euc1-az1", "euc1-az2", "euc1-az3"]),
    ("eu-north-1", &["eun1-az1", "eun1-az2", "eun1-az3"]),
    ("eu-south-2", &["eus2-az1", "eus2-az2", "eus2-az3"]),
    ("ap-east-1", &["ape1-az2", "ape1-az3"]),
    ("ap-northeast-1", &["apne1-az1", "apne1-az2", "apne1-az4"]),
    ("ap-northeast-2", &["apne2-az1", "apne2-az2", "apne2-az3"]),
    ("ap-south-1", &["aps1-az1", "aps1-az2", "aps1-az3"]),
    ("ap-southeast-1", &["apse1-az1", "apse1-az2", "apse1-az3"]),
    ("ap-southeast-2", &["apse2-az1", "apse2-az2", "apse2-az3"]),
    ("sa-east-1", &["sae1-az1", "sae1-az2", "sae1-az3"]),
    ("me-south-1", &["mes1-az1", "mes1-az2", "mes1-az3"]),
    ("us-gov-west-1", &["usgw1-az1", "usgw1-az2", "usgw1-az3"]),
];

/// The zone IDs where VPC links run in `region`; `None` for a region the guide does not list.
pub fn vpc_link_az_ids(region: &str) -> Option<&'static [&'static str]> {
    zones_of(VPC_LINK_AZ_IDS, region)
}

/// The region a zone ID belongs to (`use1-az3` → `us-east-1`), among those petgen knows.
pub fn region_of_az_id(az_id: &str) -> Option<&'static str> {
    let prefix = az_id.split_once("-az")?.0;
    VPC_LINK_AZ_IDS
        .iter()
        .chain(REGION_AZ_IDS)
        .map(|(r, _)| *r)
        .find(|r| az_id_prefix(r) == Some(prefix))
}

#[cfg(test)]
mod vpc_link_tests {
    use super::*;

    #[test]
    fn the_allow_list_is_the_region_minus_the_documented_exceptions() {
        // The zones the guide has always named as without VPC links.
        let excluded = [
            "use1-az3",
            "usw1-az2",
            "cac1-az4",
            "euw2-az4",
            "euw3-az2",
            "ape1-az1",
            "apne1-az3",
            "apne2-az4",
        ];
        for (region, all) in REGION_AZ_IDS {
            let allowed =
                vpc_link_az_ids(region).expect("every region with zone IDs is in the guide");
            for id in *all {
                assert_eq!(allowed.contains(id), !excluded.contains(id), "{id}");
                assert_eq!(region_of_az_id(id), Some(*region));
            }
            assert!(allowed.iter().all(|id| all.contains(id)), "{region}");
        }
        assert_eq!(vpc_link_az_ids("ap-south-2"), None);
        assert_eq!(region_of_az_id("usgw1-az1"), Some("us-gov-west-1"));
        assert_eq!(region_of_az_id("zzz1-az1"), None);
    }
}
