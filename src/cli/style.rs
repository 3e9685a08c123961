//! Colour on a terminal. Output is written through anstream, which drops the styles when the
//! stream is not a terminal, when `NO_COLOR` is set, or with `--color never`; `paint` adds
//! them to the lines people scan for: severities, locations, hints and diffs.

use anstyle::{AnsiColor, Style};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const INFO: Style = AnsiColor::Cyan.on_default().bold();
const NOTE: Style = AnsiColor::Green.on_default();
const DIM: Style = AnsiColor::Blue.on_default();
const ADDED: Style = AnsiColor::Green.on_default();
const REMOVED: Style = AnsiColor::Red.on_default();
const HEADING: Style = Style::new().bold();

/// Is colour on for this stream, as anstream will decide it?
pub fn enabled(stream: &impl anstream::stream::RawStream) -> bool {
    anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never
}

fn wrap(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// `text` with styles on the lines that carry a severity, a location, a hint or a diff.
pub fn paint(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        out.push_str(&paint_line(body));
        out.push_str(end);
    }
    out
}

fn paint_line(line: &str) -> String {
    for (prefix, style) in [
        ("internal error", ERROR),
        ("error", ERROR),
        ("warning", WARNING),
        ("info", INFO),
    ] {
        if let Some(rest) = line.strip_prefix(prefix) {
            // `error:` or `error[CODE]:`, up to the colon.
            if let Some(colon) = rest
                .find(':')
                .filter(|_| rest.starts_with(':') || rest.starts_with('['))
            {
                let head = &line[..prefix.len() + colon + 1];
                return format!("{}{}", wrap(style, head), &line[head.len()..]);
            }
        }
    }
    if line.starts_with("  --> ") || line.trim_start().starts_with('|') {
        return wrap(DIM, line);
    }
    if line.starts_with("  = hint:") || line.starts_with("  hint:") || line.starts_with("note:") {
        return wrap(NOTE, line);
    }
    if line.starts_with("── ") || line.starts_with("### ") {
        return wrap(HEADING, line);
    }
    if line.starts_with("+++") || line.starts_with("---") {
        return wrap(HEADING, line);
    }
    if line.starts_with('+') {
        return wrap(ADDED, line);
    }
    if line.starts_with('-') && !line.starts_with("--") {
        return wrap(REMOVED, line);
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn severities_locations_and_hints_are_styled_and_nothing_else_changes() {
        let text = "error[DDB001]: no PITR\n  --> main.tf:3:1\n  = hint: set it\nplain\n";
        let painted = super::paint(text);
        assert!(painted.contains("\u{1b}["));
        let stripped = anstream::adapter::strip_str(&painted).to_string();
        assert_eq!(stripped, text);
    }
}
