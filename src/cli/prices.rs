//! `petgen prices import` and `petgen prices fetch`: AWS Price List offer files into user
//! price files, which later estimates read offline.

use super::{report_error, EXIT_FINDINGS, EXIT_OK};
use crate::cost::offer::{self, Offer, RegionReport};
use crate::cost::price_table;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct PricesArgs {
    #[command(subcommand)]
    pub command: PricesCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum PricesCommand {
    /// Import AWS Price List offer files (JSON) into price files, one per region.
    #[command(
        after_help = "Examples:\n  petgen prices import AmazonECS-eu-west-3.json AmazonEC2-eu-west-3.json\n  petgen prices import offers/*.json --out prices/team.toml\n\nEach file is an offer file as AWS publishes it, e.g.\nhttps://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonECS/current/eu-west-3/index.json\nPrices are written to PRICE_DIR/<region>.toml (default prices/), merged with what is there;\nthe report says which prices were found, missing or ambiguous.\nExit codes: 0 prices written; 1 no price found; 2 usage error (unreadable or malformed file)."
    )]
    Import(ImportArgs),
    /// Download a region's offer files from AWS (no credentials needed) and import them.
    #[command(
        after_help = "Examples:\n  petgen prices fetch --region eu-west-3\n  petgen prices fetch --region ap-south-1 --out /tmp/ap-south-1.toml\n\nDownloads the offer files petgen reads (AmazonECS, AmazonEC2, AmazonVPC, ...) from\nhttps://pricing.us-east-1.amazonaws.com and imports them as `petgen prices import` does.\nThe AmazonEC2 offer is large (gigabytes for us-east-1): it is read as it downloads.\nExit codes: 0 prices written; 1 no price found; 2 usage or network error."
    )]
    Fetch(FetchArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Offer files (JSON).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Write every region's prices to this file instead of PRICE_DIR/<region>.toml.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Region code, e.g. eu-west-3.
    #[arg(long)]
    pub region: String,
    /// Write the prices to this file instead of PRICE_DIR/<region>.toml.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Price List endpoint.
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://pricing.us-east-1.amazonaws.com",
        hide = true
    )]
    pub endpoint: String,
    /// Give up on a download that sends nothing for this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub read_timeout: u64,
}

pub fn run(args: PricesArgs) -> u8 {
    match args.command {
        PricesCommand::Import(a) => import(a),
        PricesCommand::Fetch(a) => fetch(a),
    }
}

fn import(args: ImportArgs) -> u8 {
    let mut offers = Vec::new();
    for f in &args.files {
        match Offer::read(f) {
            Ok(o) => offers.push(o),
            Err(e) => return report_error(&e),
        }
    }
    finish(&offers, args.out.as_deref(), None)
}

/// Import `offers`, write the prices found and print the report. `only` keeps one region.
fn finish(offers: &[Offer], out: Option<&Path>, only: Option<&str>) -> u8 {
    let reports: Vec<RegionReport> = offer::import(offers)
        .into_iter()
        .filter(|r| only.is_none_or(|o| r.region == o))
        .collect();
    if reports.is_empty() {
        return report_error(&format!(
            "the offer files hold no product of {}\n  hint: give offer files of a region (offers/v1.0/aws/<offerCode>/current/<region>/index.json)",
            only.unwrap_or("any region")
        ));
    }
    let mut written = 0;
    let with_prices: Vec<&RegionReport> = reports.iter().filter(|r| !r.found.is_empty()).collect();
    let targets: Vec<(PathBuf, Vec<&RegionReport>)> = match out {
        Some(path) => vec![(path.to_path_buf(), with_prices.clone())],
        None => with_prices
            .iter()
            .map(|r| {
                (
                    price_table::directory().join(format!("{}.toml", r.region)),
                    vec![*r],
                )
            })
            .collect(),
    };
    for (path, regions) in &targets {
        if regions.is_empty() {
            continue;
        }
        if let Err(e) = offer::write(path, regions) {
            return report_error(&e);
        }
        written += regions.iter().map(|r| r.found.len()).sum::<usize>();
        for r in regions {
            print_report(r, Some(path));
        }
    }
    for r in reports.iter().filter(|r| r.found.is_empty()) {
        print_report(r, None);
    }
    if written == 0 {
        note!("error: no price found in the offer files; nothing was written");
        return EXIT_FINDINGS;
    }
    EXIT_OK
}

fn print_report(r: &RegionReport, path: Option<&Path>) {
    match path {
        Some(p) => outln!(
            "{}: {} price(s) written to {}",
            r.region,
            r.found.len(),
            p.display()
        ),
        None => outln!("{}: no price found", r.region),
    }
    outln!("  found ({}):", r.found.len());
    for (key, p) in &r.found {
        let mut extra = String::new();
        if let Some(f) = p.free_quantity {
            extra.push_str(&format!(", first {f} free"));
        }
        if let Some(l) = p.tier_limit {
            extra.push_str(&format!(", up to {l}"));
        }
        outln!("    {key} = ${} per {}{extra}", p.usd, p.unit);
    }
    if !r.missing.is_empty() {
        outln!("  missing ({}):", r.missing.len());
        for (key, why) in &r.missing {
            outln!("    {key}: {why}");
        }
    }
    if !r.ambiguous.is_empty() {
        outln!("  ambiguous, not written ({}):", r.ambiguous.len());
        for (key, rows) in &r.ambiguous {
            outln!("    {key}: {}", rows.join("; "));
        }
    }
    if !r.not_covered.is_empty() {
        let mut by_offer: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
        for (key, offer) in &r.not_covered {
            by_offer.entry(offer).or_default().push(key);
        }
        outln!("  not in these files ({}):", r.not_covered.len());
        for (offer, keys) in by_offer {
            outln!("    {offer}: {}", keys.join(", "));
        }
    }
}

fn fetch(args: FetchArgs) -> u8 {
    if !crate::facts::aws::is_region(&args.region) {
        return report_error(&format!(
            "{:?} is not an AWS region code\n  hint: e.g. --region eu-west-3",
            args.region
        ));
    }
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(std::time::Duration::from_secs(30))
        // Per read, not for the whole download: the EC2 offer takes minutes on a fast link,
        // but a server that stops sending must not hang petgen.
        .timeout_read(std::time::Duration::from_secs(args.read_timeout))
        .build();
    let mut offers = Vec::new();
    for code in offer::offer_codes() {
        let url = format!(
            "{}/offers/v1.0/aws/{code}/current/{}/index.json",
            args.endpoint.trim_end_matches('/'),
            args.region
        );
        super::progress(&format!("petgen: downloading {url}"));
        let response = match agent.get(&url).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(404, _)) => {
                note!("note: AWS publishes no {code} offer for {}", args.region);
                continue;
            }
            Err(e) => {
                return report_error(&format!(
                    "cannot download {url}: {e}\n  hint: download the offer files another way and run `petgen prices import FILE...`"
                ))
            }
        };
        let reader = std::io::BufReader::with_capacity(1 << 20, response.into_reader());
        match Offer::from_reader(&url, reader) {
            Ok(o) => offers.push(o),
            Err(e) => return report_error(&e),
        }
    }
    if offers.is_empty() {
        return report_error(&format!(
            "AWS publishes no offer files petgen reads for {}",
            args.region
        ));
    }
    finish(&offers, args.out.as_deref(), Some(&args.region))
}
