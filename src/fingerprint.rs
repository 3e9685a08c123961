//! FNV-1a fingerprints of file contents, for the caches and stamps petgen keeps across runs
//! (the provider-schema cache, `terraform init` and saved-plan stamps). Stable across builds
//! and platforms, unlike `std`'s hasher.

/// Fingerprint of `parts`; a separator byte keeps `["ab", "c"]` apart from `["a", "bc"]`.
pub fn fnv1a<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for part in parts {
        for b in part.iter().chain(std::iter::once(&0xff)) {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// The fingerprint as 16 hex digits.
pub fn hex<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    format!("{:016x}", fnv1a(parts))
}
