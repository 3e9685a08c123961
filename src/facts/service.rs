//! What petgen tells the pet service through its task definition, where a number in the
//! stack depends on it.

/// Connections each task's PostgreSQL pool holds at most (`PG_POOL_MAX` in the task
/// definition). The database's connection alarm and the connection ceiling it watches are
/// this times the most tasks the service runs.
pub const PG_POOL_MAX: u32 = 5;
