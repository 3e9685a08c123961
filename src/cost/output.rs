//! Cost output: the breakdown table, JSON, and the comparison as text or Markdown.

use super::compare::Comparison;
use super::Estimate;
use std::fmt::Write;

fn money(x: f64) -> String {
    format!("${x:.2}")
}

fn quantity(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e12 {
        format!("{x:.0}")
    } else if x.abs() >= 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.4}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

/// The breakdown table, the total, free and not-priced resources, and the assumptions.
pub fn table(e: &Estimate) -> String {
    let mut rows: Vec<[String; 6]> = Vec::new();
    for r in &e.resources {
        for c in &r.components {
            rows.push([
                r.address.clone(),
                c.name.clone(),
                quantity(c.quantity),
                c.unit.clone(),
                format!("${}", c.unit_price_usd),
                money(c.monthly_usd),
            ]);
        }
    }
    let header = [
        "resource",
        "component",
        "monthly qty",
        "unit",
        "unit price",
        "monthly USD",
    ];
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, cell) in r.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: &[String], out: &mut String| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i] - c.chars().count();
            if i >= 2 && i != 3 {
                l.push_str(&" ".repeat(pad));
                l.push_str(c);
            } else {
                l.push_str(c);
                l.push_str(&" ".repeat(pad));
            }
            l.push_str("  ");
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&header.map(String::from), &mut out);
    line(
        &widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>(),
        &mut out,
    );
    let mut last = String::new();
    for r in rows {
        let mut r = r.to_vec();
        if r[0] == last {
            r[0] = String::new();
        } else {
            last = r[0].clone();
        }
        line(&r, &mut out);
    }
    let _ = writeln!(
        out,
        "\nTotal: {} per month ({}, list prices{})",
        money(e.total_monthly_usd),
        e.region,
        if e.is_partial() {
            "; partial: some resources have no price, see Not priced"
        } else {
            ""
        }
    );
    if !e.free.is_empty() {
        let _ = writeln!(out, "\nFree ({}): {}", e.free.len(), e.free.join(", "));
    }
    if !e.not_priced.is_empty() {
        let _ = writeln!(out, "\nNot priced ({}):", e.not_priced.len());
        for n in &e.not_priced {
            let _ = writeln!(out, "  {n}");
        }
    }
    let _ = writeln!(out, "\nAssumptions:");
    for (k, v) in &e.assumptions {
        let _ = writeln!(out, "  {k} = {v}");
    }
    out
}

/// The comparison as plain text.
pub fn diff_text(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Monthly cost: {} → {} ({}{})",
        money(c.base_total),
        money(c.head_total),
        sign(c.delta),
        money(c.delta.abs())
    );
    for d in &c.resources {
        let _ = writeln!(
            out,
            "  {} {:<70} {}{} ({} → {})",
            d.marker(),
            d.address,
            sign(d.delta),
            money(d.delta.abs()),
            money(d.base),
            money(d.head)
        );
    }
    out
}

fn sign(x: f64) -> &'static str {
    if x < 0.0 {
        "-"
    } else {
        "+"
    }
}

/// The comparison as a pull-request comment.
pub fn diff_markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let pct = if c.base_total > 0.0 {
        format!(" ({:+.1}%)", c.delta / c.base_total * 100.0)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "### petgen cost estimate: {} vs {}\n",
        c.head_name, c.base_name
    );
    let _ = writeln!(
        out,
        "Monthly cost **{} → {}**, {}{}{}\n",
        money(c.base_total),
        money(c.head_total),
        sign(c.delta),
        money(c.delta.abs()),
        pct
    );
    if c.resources.is_empty() {
        let _ = writeln!(out, "No resource changes cost.");
        return out;
    }
    let _ = writeln!(
        out,
        "| | resource | {} | {} | change |",
        c.base_name, c.head_name
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|");
    for d in &c.resources {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {}{} |",
            d.marker(),
            d.address,
            money(d.base),
            money(d.head),
            sign(d.delta),
            money(d.delta.abs())
        );
    }
    let _ = writeln!(out, "\nList prices for {}; usage assumptions from each side's profile. Key: `+` added, `-` removed, `~` changed.", c.region);
    out
}
