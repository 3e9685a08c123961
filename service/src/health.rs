//! What `GET /health` answers. The endpoint never waits on the datastore: a background check
//! reads the table at start and every `TABLE_CHECK_INTERVAL_SECONDS`, and `/health` reports its
//! last result. So a task whose `TABLE_NAME` is wrong, or that may not read the table (over
//! PostgreSQL: a wrong password, a refused certificate, no right to create or read `pets`), is
//! unhealthy and ECS replaces it (a deployment of such tasks fails its circuit breaker instead
//! of serving 500s), while a table that comes back makes the task healthy again within one
//! interval.
//!
//! The datastore out of reach is unhealthy only until a check has passed once: at start it
//! means the task cannot work where it is (no route, no endpoint), later it is an outage that a
//! new task would meet as well.
//!
//! From SIGTERM on, `/health` answers 503 too, so whatever still probes the task stops
//! sending it traffic while it finishes.

use crate::log;
use crate::store::{Store, StoreError};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

#[derive(Clone, Default)]
pub struct Health(Arc<Inner>);

#[derive(Default)]
struct Inner {
    stopping: AtomicBool,
    /// Why the last table check failed; `None` once one passes.
    table: Mutex<Option<TableProblem>>,
    /// A check has passed since the service started.
    reached: AtomicBool,
}

/// Why the table cannot be used.
#[derive(Clone)]
pub struct TableProblem {
    /// The `error` code of the 503.
    pub code: &'static str,
    /// What the 503 says; the details are in the log only.
    pub message: &'static str,
    /// The check's error, for the log.
    pub cause: String,
    /// The datastore could not be reached, rather than refusing the table.
    pub transient: bool,
}

pub enum Verdict {
    Ready,
    Stopping,
    Unhealthy(TableProblem),
}

impl Health {
    /// SIGTERM arrived: report 503 from now on.
    pub fn set_stopping(&self) {
        self.0.stopping.store(true, Ordering::SeqCst);
    }

    pub fn verdict(&self) -> Verdict {
        if self.0.stopping.load(Ordering::SeqCst) {
            return Verdict::Stopping;
        }
        match self.table().clone() {
            None => Verdict::Ready,
            // The datastore unreachable after the task has reached it is an outage, not this
            // task's fault: a replacement would fare no better, and replacing every task at
            // once only adds to it. Requests get 503s with Retry-After meanwhile.
            Some(problem) if problem.transient && self.0.reached.load(Ordering::SeqCst) => {
                Verdict::Ready
            }
            Some(problem) => Verdict::Unhealthy(problem),
        }
    }

    fn table(&self) -> MutexGuard<'_, Option<TableProblem>> {
        // A panic while holding the lock cannot leave an Option half-written.
        self.0.table.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Check the table now and record the result. A failure is logged when it starts or its cause
/// changes, a recovery once, so a lasting problem does not repeat a line every interval.
pub async fn check_table(store: &Store, health: &Health) {
    let problem = match store.check_table().await {
        Ok(()) => None,
        Err(StoreError::Unavailable(cause)) => Some(TableProblem {
            code: "datastore_unavailable",
            message: "the pet datastore cannot be reached; see the service log",
            cause,
            transient: true,
        }),
        Err(StoreError::Failed(cause)) => Some(TableProblem {
            code: "table_unreadable",
            message: "the pets table cannot be read; see the service log",
            cause,
            transient: false,
        }),
        // A read has no condition to fail.
        Err(StoreError::Conflict) => None,
    };
    if problem.is_none() {
        health.0.reached.store(true, Ordering::SeqCst);
    }
    let previous = std::mem::replace(&mut *health.table(), problem.clone());
    match &problem {
        Some(p) if previous.as_ref().map(|q| &q.cause) != Some(&p.cause) => log::event(
            "error",
            "table check failed",
            &[
                ("table", store.table().into()),
                ("error", p.cause.clone().into()),
            ],
        ),
        None if previous.is_some() => log::event(
            "info",
            "table check passed",
            &[("table", store.table().into())],
        ),
        _ => {}
    }
}

/// Check the table every `interval`, for as long as the service runs.
pub async fn watch_table(store: Store, health: Health, interval: Duration) {
    loop {
        tokio::time::sleep(interval).await;
        check_table(&store, &health).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(transient: bool) -> TableProblem {
        TableProblem {
            code: "x",
            message: "x",
            cause: "x".into(),
            transient,
        }
    }

    /// Out of reach is unhealthy before the table was ever reached, not after; a refused
    /// table is unhealthy always; stopping wins over everything.
    #[test]
    fn an_outage_after_the_table_was_reached_keeps_the_task_healthy() {
        let health = Health::default();
        *health.table() = Some(problem(true));
        assert!(matches!(health.verdict(), Verdict::Unhealthy(_)));
        health.0.reached.store(true, Ordering::SeqCst);
        assert!(matches!(health.verdict(), Verdict::Ready));
        *health.table() = Some(problem(false));
        assert!(matches!(health.verdict(), Verdict::Unhealthy(_)));
        health.set_stopping();
        assert!(matches!(health.verdict(), Verdict::Stopping));
    }
}
