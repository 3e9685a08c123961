//! The Markdown of rule documentation as plain text, for terminals and for the SARIF fields
//! GitHub shows without rendering (`shortDescription`, `fullDescription`, `help.text`).

/// Markdown to plain text: emphasis and code marks dropped, headings as plain lines, links as
/// `text (url)`, fenced code indented by four spaces, everything else as written.
pub fn plain(md: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push_str("    ");
            out.push_str(line);
        } else {
            let text = line.trim_start_matches('#').trim_start();
            out.push_str(&inline(if line.starts_with('#') { text } else { line }));
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Inline Markdown to text.
fn inline(s: &str) -> String {
    let s = s.replace("**", "").replace('`', "");
    // [text](url) -> text (url)
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(close) = rest[mid..].find(')').map(|i| mid + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..mid]);
        out.push_str(" (");
        out.push_str(&rest[mid + 2..close]);
        out.push(')');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The paragraphs of a doc after its heading, up to `limit` of them, as plain text.
pub fn paragraphs(md: &str, limit: usize) -> String {
    let text = plain(md);
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .skip_while(|p| !p.contains(' ') || p.lines().count() == 1 && !p.ends_with('.'))
        .take(limit)
        .map(|p| p.replace('\n', " "))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn markdown_becomes_plain_text() {
        let md = "# DDB001 table-pitr\n\n**What it does.** Flags `aws_dynamodb_table` without [PITR](https://docs.aws.amazon.com/x).\n\n```hcl\nresource \"x\" \"y\" {}\n```";
        assert_eq!(
            super::plain(md),
            "DDB001 table-pitr\n\nWhat it does. Flags aws_dynamodb_table without PITR (https://docs.aws.amazon.com/x).\n\n    resource \"x\" \"y\" {}"
        );
        assert_eq!(
            super::paragraphs(md, 1),
            "What it does. Flags aws_dynamodb_table without PITR (https://docs.aws.amazon.com/x)."
        );
    }
}
