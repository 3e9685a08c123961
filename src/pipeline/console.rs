//! How the pipeline talks to its user: progress and notes, output, confirmations. The CLI
//! implements it on the terminal; tests can record it.

/// Success.
pub const EXIT_OK: u8 = 0;
/// Findings: drift, lint or validation errors, a refused gate, a cancelled confirmation.
pub const EXIT_FINDINGS: u8 = 1;
/// Usage or input errors.
pub const EXIT_USAGE: u8 = 2;

/// A flow stopped; the reason has been told to the user. Carries the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop(pub u8);

pub trait Console {
    /// A note or a diagnostic (stderr on a terminal).
    fn say(&self, line: &str);
    /// What petgen is doing, as opposed to what it found: left out with `--quiet`.
    fn progress(&self, line: &str) {
        self.say(line);
    }
    /// Output a script may want to capture, such as a diff (stdout).
    fn out(&self, text: &str);
    /// Ask the user to type `expected`; anything else is a no.
    fn confirm(&self, prompt: &str, expected: &str) -> bool;

    /// Tell the user what stopped the flow, and stop it with `code`.
    fn fail(&self, message: &str, code: u8) -> Stop {
        self.say(&format!("error: {message}"));
        Stop(code)
    }
}
