//! AWS Price List offer files.
