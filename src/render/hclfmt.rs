//! Canonical layout for rendered HCL, matching `terraform fmt` byte for byte.
//!
//! Templates fix the tokens and the spacing inside a line; this pass owns everything that
//! depends on values only known at render time: indentation by bracket depth, the column of
//! `=` in runs of consecutive one-line attributes, and blank lines left by template tags.
//! The rules mirror hclwrite's `formatIndent` and `formatCells`:
//! - a line's indent is two spaces per bracket level still open at its start (several
//!   brackets opened on one line count as one level);
//! - a line takes part in `=` alignment only if its first `=` is followed by a balanced
//!   expression; any other line (blank, block header, comment, multi-line value) ends the run.

/// Bracket-relevant tokens of one line.
#[derive(Debug, Default)]
struct LineTokens {
    /// Net bracket change over the whole line.
    net: i32,
    /// Byte offset of the first `=` (assignment, not `==`, `<=`, `>=`, `!=`, `=>`) that is
    /// followed by a balanced rest of line.
    assign_at: Option<usize>,
}

/// Scan one line. `(`, `[`, `{` and `${`/`%{` open; `)`, `]`, `}` close. String contents are
/// skipped except for their template sequences, whose own strings nest.
fn scan(line: &str) -> LineTokens {
    let bytes = line.as_bytes();
    // Each entry: true = inside a template sequence (code), false = inside a string.
    let mut modes: Vec<bool> = Vec::new();
    let mut events: Vec<(usize, i32)> = Vec::new();
    let mut first_eq: Option<usize> = None;
    let mut i = 0;
    let in_string = |modes: &Vec<bool>| modes.last() == Some(&false);
    while i < bytes.len() {
        let c = bytes[i];
        if in_string(&modes) {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    modes.pop();
                }
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    if i > 0 && bytes[i - 1] == c {
                        // `$${` and `%%{` are escapes, not sequences.
                    } else {
                        events.push((i, 1));
                        modes.push(true);
                        i += 1;
                    }
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'"' => modes.push(false),
            b'#' => break,
            b'/' if bytes.get(i + 1) == Some(&b'/') => break,
            b'(' | b'[' | b'{' => {
                events.push((i, 1));
                if !modes.is_empty() {
                    modes.push(true);
                }
            }
            b')' | b']' | b'}' => {
                events.push((i, -1));
                if !modes.is_empty() {
                    modes.pop();
                }
            }
            b'=' => {
                let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                let is_op =
                    matches!(prev, b'=' | b'!' | b'<' | b'>') || matches!(next, b'=' | b'>');
                if !is_op && first_eq.is_none() && i > 0 {
                    first_eq = Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let net = events.iter().map(|(_, d)| d).sum();
    let assign_at = first_eq.filter(|&eq| {
        events
            .iter()
            .filter(|(at, _)| *at > eq)
            .map(|(_, d)| d)
            .sum::<i32>()
            == 0
    });
    LineTokens { net, assign_at }
}

/// Lay out rendered HCL canonically: indentation, `=` alignment, blank lines, final newline.
pub fn canonicalize(text: &str) -> String {
    // Trim, and drop blank lines that templates leave at the start, doubled, right after an
    // opening line or right before a closing one.
    let raw: Vec<&str> = text.lines().map(str::trim).collect();
    let mut lines: Vec<&str> = Vec::with_capacity(raw.len());
    for (i, line) in raw.iter().enumerate() {
        if line.is_empty() {
            let prev = lines.last().copied();
            let next = raw[i + 1..].iter().find(|l| !l.is_empty()).copied();
            let after_open = prev.is_none_or(|p| p.is_empty() || scan(p).net > 0);
            let before_close = next.is_none_or(|n| n.starts_with(['}', ']', ')']));
            if after_open || before_close {
                continue;
            }
        }
        lines.push(line);
    }

    // Indentation.
    let mut indents: Vec<i32> = Vec::new();
    let mut laid: Vec<(usize, &str, Option<usize>)> = Vec::with_capacity(lines.len());
    for line in &lines {
        if line.is_empty() {
            laid.push((0, line, None));
            continue;
        }
        let tokens = scan(line);
        let level = match tokens.net {
            n if n > 0 => {
                let level = indents.len();
                indents.push(n);
                level
            }
            n if n < 0 => {
                let mut closed = -n;
                while closed > 0 {
                    let Some(top) = indents.last_mut() else { break };
                    if closed >= *top {
                        closed -= *top;
                        indents.pop();
                    } else {
                        *top -= closed;
                        closed = 0;
                    }
                }
                indents.len()
            }
            _ => indents.len(),
        };
        laid.push((level * 2, line, tokens.assign_at));
    }

    // `=` alignment over runs of consecutive assignment lines.
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut i = 0;
    while i < laid.len() {
        if laid[i].2.is_none() {
            let (indent, line, _) = laid[i];
            if !line.is_empty() {
                out.extend(std::iter::repeat_n(' ', indent));
                out.push_str(line);
            }
            out.push('\n');
            i += 1;
            continue;
        }
        let start = i;
        while i < laid.len() && laid[i].2.is_some() {
            i += 1;
        }
        let lead_width = |(indent, line, eq): &(usize, &str, Option<usize>)| {
            let eq = eq.unwrap_or(0);
            indent + line[..eq].trim_end().chars().count()
        };
        let width = laid[start..i].iter().map(lead_width).max().unwrap_or(0);
        for entry in &laid[start..i] {
            let (indent, line, eq) = *entry;
            let eq = eq.unwrap_or(0);
            out.extend(std::iter::repeat_n(' ', indent));
            let lead = line[..eq].trim_end();
            out.push_str(lead);
            out.extend(std::iter::repeat_n(' ', width - lead_width(entry) + 1));
            out.push('=');
            let rest = line[eq + 1..].trim_start();
            if !rest.is_empty() {
                out.push(' ');
                out.push_str(rest);
            }
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::canonicalize;

    #[test]
    fn aligns_runs_and_breaks_on_blocks() {
        let input =
            "resource \"a\" \"b\" {\nname = \"x\"\nlong_name = 1\n\ntags = {\nName = \"y\"\n}\n}\n";
        let want = "resource \"a\" \"b\" {\n  name      = \"x\"\n  long_name = 1\n\n  tags = {\n    Name = \"y\"\n  }\n}\n";
        assert_eq!(canonicalize(input), want);
    }

    #[test]
    fn several_brackets_on_one_line_are_one_level() {
        let input = "x = jsonencode([{\na = 1\n}])\n";
        assert_eq!(canonicalize(input), "x = jsonencode([{\n  a = 1\n}])\n");
    }

    #[test]
    fn strings_with_interpolation_do_not_change_depth() {
        let input = "a {\nname = \"${var.x}-{petId}\"\nb = \"}\"\n}\n";
        assert_eq!(
            canonicalize(input),
            "a {\n  name = \"${var.x}-{petId}\"\n  b    = \"}\"\n}\n"
        );
    }

    #[test]
    fn drops_template_blank_lines() {
        let input = "\n\na {\n\nb = 1\n\n\n\nc = 2\n\n}\n\n\n";
        assert_eq!(canonicalize(input), "a {\n  b = 1\n\n  c = 2\n}\n");
    }

    #[test]
    fn comparison_operators_are_not_assignments() {
        let input = "a = b == c\nlonger = d >= e\n";
        assert_eq!(canonicalize(input), "a      = b == c\nlonger = d >= e\n");
    }
}
