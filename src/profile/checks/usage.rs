//! Usage assumptions and the budget, for the cost estimate.

use super::{problem, Problem};
use crate::profile::Profile;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
    let s = &p.service;
    let u = &p.usage;
    for (key, v) in [
        ("usage.monthly_requests", u.monthly_requests),
        ("usage.average_item_size_kb", u.average_item_size_kb),
        ("usage.storage_gb", u.storage_gb),
        (
            "usage.monthly_data_processed_gb",
            u.monthly_data_processed_gb,
        ),
        ("usage.service_log_ingested_gb", u.service_log_ingested_gb),
        ("usage.access_log_ingested_gb", u.access_log_ingested_gb),
        ("usage.flow_log_ingested_gb", u.flow_log_ingested_gb),
        ("usage.other_log_ingested_gb", u.other_log_ingested_gb),
        ("usage.monthly_active_users", u.monthly_active_users),
        ("usage.cpu_ms_per_request", u.cpu_ms_per_request),
        (
            "usage.endpoint_data_processed_gb",
            u.endpoint_data_processed_gb,
        ),
        ("usage.alb_lcu", u.alb_lcu.unwrap_or(0.0)),
        (
            "usage.alb_new_connections_per_request",
            u.alb_new_connections_per_request,
        ),
        ("usage.average_transfer_kb", u.average_transfer_kb),
        (
            "usage.load_balancer_log_stored_gb",
            u.load_balancer_log_stored_gb,
        ),
        ("usage.config_items_per_month", u.config_items_per_month),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            out.push(problem(
                key,
                format!("{v} is not a non-negative number"),
                "usage figures are monthly quantities, 0 or more",
            ));
        }
    }
    if let Some(v) = u.gateway_endpoint_gb {
        if !(v.is_finite() && v >= 0.0) {
            out.push(problem(
                "usage.gateway_endpoint_gb",
                format!("{v} is not a non-negative number"),
                "usage figures are monthly quantities, 0 or more",
            ));
        }
    }
    if let Some(v) = u.monthly_discovery_lookups {
        if !(v.is_finite() && v >= 0.0) {
            out.push(problem(
                "usage.monthly_discovery_lookups",
                format!("{v} is not a non-negative number"),
                "usage figures are monthly quantities, 0 or more",
            ));
        }
    }
    // A pet request reads or writes one row: a few pages at most, not thousands.
    let io = u.database_io_per_request;
    if !(io.is_finite() && (0.0..=1000.0).contains(&io)) {
        out.push(problem(
            "usage.database_io_per_request",
            format!("{io} is not a number of I/Os per request from 0 to 1000"),
            "e.g. database_io_per_request = 0.2; measure VolumeReadIOPs + VolumeWriteIOPs against the request count",
        ));
    }
    // A divisor: 0 would make every request an infinite number of ACUs; one request a second
    // per ACU is already far below what a PostgreSQL core serves.
    let per_acu = u.database_requests_per_second_per_acu;
    if !(per_acu.is_finite() && (1.0..=1e6).contains(&per_acu)) {
        out.push(problem(
            "usage.database_requests_per_second_per_acu",
            format!("{per_acu} is not a rate from 1 to 1000000 requests a second per ACU"),
            "e.g. database_requests_per_second_per_acu = 1000; measure ServerlessDatabaseCapacity against the request rate",
        ));
    }
    // AWS's Serverless v2 range: 0 to 256 ACUs per instance.
    if let Some(v) = u.database_average_acu {
        if !(v.is_finite() && (0.0..=256.0).contains(&v)) {
            out.push(problem(
                "usage.database_average_acu",
                format!("{v} is not a capacity from 0 to 256 ACUs"),
                "give the average ServerlessDatabaseCapacity of one instance, e.g. database_average_acu = 1.5",
            ));
        }
    }
    if !(0.0..=1.0).contains(&u.write_share) {
        out.push(problem(
            "usage.write_share",
            format!("{} is not a share between 0 and 1", u.write_share),
            "e.g. write_share = 0.1 for one write in ten requests",
        ));
    }
    if let Some(t) = u.average_task_count {
        let (lo, hi) = (s.min_count as f64, s.max_count as f64);
        if !(t >= lo && t <= hi) {
            out.push(problem(
                "usage.average_task_count",
                format!("{t} is outside service.min_count..max_count ({lo}..{hi})"),
                "give the average number of running tasks you expect",
            ));
        }
    }
    if let Some(b) = p.budget_usd_per_month {
        if !(b.is_finite() && b > 0.0) {
            out.push(problem(
                "budget_usd_per_month",
                format!("{b} is not a positive amount"),
                "e.g. budget_usd_per_month = 150",
            ));
        }
    } else if p.budget_strict {
        out.push(problem(
            "budget_strict",
            "budget_strict = true, but there is no budget to check".to_string(),
            "set budget_usd_per_month, or remove budget_strict",
        ));
    }
}
