//! Cost output: the breakdown table, JSON, and the comparison as text or Markdown.

use super::compare::Comparison;
use super::Estimate;
use std::collections::BTreeMap;
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

/// "730 hours × $0.045", and for a unit that is itself a count ("100,000 data events"),
/// the count it makes: "2,500,000 data events × $0.1 per 100,000", never "25 100,000 data
/// events".
fn component_how(q: f64, unit: &str, price: f64) -> String {
    let per = unit
        .split_once(' ')
        .and_then(|(n, rest)| Some((n.replace(',', "").parse::<f64>().ok()?, n, rest)));
    match per {
        Some((n, written, rest)) if n > 1.0 => {
            format!("{} {rest} × ${price} per {written}", grouped(q * n))
        }
        _ => format!("{} {unit} × ${price}", quantity(q)),
    }
}

/// A count with thousands separators (`2,500,000`); fractions as [`quantity`] writes them.
fn grouped(x: f64) -> String {
    if x != x.trunc() || x.abs() >= 1e15 {
        return quantity(x);
    }
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// Terminal width the text output fits in.
const WIDTH: usize = 100;

/// A value as a person writes it: `20000`, not `20000.0`; `0.05` as is.
fn plain(v: &serde_json::Value) -> String {
    match v.as_f64() {
        Some(x) if x == x.trunc() && x.abs() < 1e15 => format!("{x:.0}"),
        Some(x) => quantity(x),
        None => v
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.to_string()),
    }
}

/// `text` wrapped at `WIDTH`, every line after the first indented by `indent`.
fn wrap(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let body = text.trim_start_matches(' ');
    let mut line = " ".repeat(text.len() - body.len());
    let lead = line.len();
    for word in body.split(' ') {
        if line.len() > lead && line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = format!("{indent}{word}");
        } else {
            if line.len() > lead {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    out.push_str(&line);
    out
}

/// The breakdown, the total, free and not-priced resources, and the assumptions, in 100
/// columns: each resource on a line with its monthly total, its components beneath it.
pub fn table(e: &Estimate) -> String {
    let mut out = String::new();
    let name_width = e
        .resources
        .iter()
        .flat_map(|r| r.components.iter().map(|c| c.name.chars().count()))
        .max()
        .unwrap_or(0)
        .min(40);
    let right = |left: &str, amount: &str| {
        let pad = WIDTH
            .saturating_sub(left.chars().count() + amount.chars().count())
            .max(2);
        format!("{left}{}{amount}\n", " ".repeat(pad))
    };
    let _ = writeln!(
        out,
        "{}",
        right("resource / component", "USD a month").trim_end()
    );
    let _ = writeln!(out, "{}", "─".repeat(WIDTH));
    for r in &e.resources {
        out.push_str(&right(&r.address, &money(r.monthly_usd)));
        for c in &r.components {
            let how = component_how(c.quantity, &c.unit, c.unit_price_usd);
            let name = format!("  {:<name_width$}  ", c.name);
            let amount = money(c.monthly_usd);
            if name.chars().count() + how.chars().count() + amount.chars().count() + 2 <= WIDTH {
                out.push_str(&right(&format!("{name}{how}"), &amount));
            } else {
                out.push_str(&right(&format!("  {}", c.name), &amount));
                let _ = writeln!(out, "      {how}");
            }
        }
    }
    let _ = writeln!(out, "{}", "─".repeat(WIDTH));
    let _ = writeln!(
        out,
        "Total: {} per month ({}, list prices{})",
        money(e.total_monthly_usd),
        e.region,
        if e.is_partial() {
            "; partial: some resources have no price, see Not priced"
        } else {
            ""
        }
    );
    if !e.free.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            wrap(
                &format!(
                    "Free ({}): {}. `--format json` lists each one.",
                    e.free.len(),
                    free_by_type(&e.free)
                ),
                "  "
            )
        );
    }
    if !e.not_priced.is_empty() {
        let _ = writeln!(out, "\nNot priced ({}):", e.not_priced.len());
        for n in &e.not_priced {
            let _ = writeln!(out, "{}", wrap(&format!("  {n}"), "    "));
        }
    }
    let _ = writeln!(out, "\nAssumptions:");
    for (k, v) in &e.assumptions {
        let _ = writeln!(out, "  {k} = {}", plain(v));
    }
    out
}

/// Free resources summarised by type: `aws_subnet ×6, aws_vpc, ...`.
fn free_by_type(free: &[String]) -> String {
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    for address in free {
        // `module.x.aws_type.name[key]` → `aws_type`.
        let ty = address
            .split('.')
            .find(|part| part.starts_with("aws_"))
            .unwrap_or(address.as_str());
        *by.entry(ty.to_string()).or_default() += 1;
    }
    by.into_iter()
        .map(|(ty, n)| if n > 1 { format!("{ty} ×{n}") } else { ty })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where the estimate stands against the profile's budget.
pub fn budget_line(total: f64, budget: f64) -> String {
    if total <= budget {
        format!(
            "Budget: {} a month; the estimate uses {:.0}% of it.",
            money(budget),
            total / budget * 100.0
        )
    } else {
        format!(
            "Budget: {} a month; the estimate is {} over it.",
            money(budget),
            money(total - budget)
        )
    }
}

/// The estimate as a pull-request comment: the total and budget, every resource, what is
/// not priced, and the assumptions.
pub fn markdown(name: &str, e: &Estimate, budget: Option<f64>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### petgen cost estimate: {name}\n");
    let _ = writeln!(
        out,
        "**{} per month** ({}, list prices){}\n",
        money(e.total_monthly_usd),
        e.region,
        budget
            .map(|b| format!(". {}", budget_line(e.total_monthly_usd, b)))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "| resource | component | monthly USD |\n|---|---|---:|"
    );
    for r in &e.resources {
        for c in &r.components {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                r.address,
                c.name,
                money(c.monthly_usd)
            );
        }
    }
    if !e.free.is_empty() {
        let _ = writeln!(out, "\nFree ({}): {}.", e.free.len(), free_by_type(&e.free));
    }
    if !e.not_priced.is_empty() {
        let _ = writeln!(
            out,
            "\n**Not priced ({})**, so not in the total:\n",
            e.not_priced.len()
        );
        for n in &e.not_priced {
            let _ = writeln!(out, "- {n}");
        }
    }
    let _ = writeln!(out, "\n<details><summary>Assumptions</summary>\n");
    for (k, v) in &e.assumptions {
        let _ = writeln!(out, "- `{k} = {}`", plain(v));
    }
    let _ = writeln!(out, "\n</details>");
    out
}

/// "cost the same at 26.0M requests/month: below it prod is cheaper, above it prod-alb".
fn crossing(c: &Comparison) -> Option<String> {
    let b = c.break_even.as_ref()?;
    Some(format!(
        "{} and {} cost the same at {} requests/month: below that {} is cheaper, above it {}",
        c.base_name,
        c.head_name,
        super::front_door::requests_label(b.monthly_requests),
        b.cheaper_below,
        b.cheaper_above
    ))
}

/// The comparison as plain text.
pub fn diff_text(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Monthly cost: {} {} → {} {} ({}{})",
        c.base_name,
        money(c.base_total),
        c.head_name,
        money(c.head_total),
        sign(c.delta),
        money(c.delta.abs())
    );
    if let Some(line) = crossing(c) {
        let _ = writeln!(out, "Break-even: {line}.");
    }
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
        "Monthly cost **{} {} → {} {}**, {}{}{}\n",
        c.base_name,
        money(c.base_total),
        c.head_name,
        money(c.head_total),
        sign(c.delta),
        money(c.delta.abs()),
        pct
    );
    if let Some(line) = crossing(c) {
        let _ = writeln!(out, "Break-even: {line}.\n");
    }
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

#[cfg(test)]
mod component_tests {
    use super::component_how;

    #[test]
    fn a_unit_that_is_a_count_reads_as_the_count_it_makes() {
        assert_eq!(
            component_how(25.0, "100,000 data events", 0.1),
            "2,500,000 data events × $0.1 per 100,000"
        );
        assert_eq!(component_how(730.0, "hours", 0.045), "730 hours × $0.045");
        assert_eq!(
            component_how(0.5, "1,000,000 requests", 1.0),
            "500,000 requests × $1 per 1,000,000"
        );
    }
}
