//! FNV-1a: a small, stable hash for names that must depend on content only
//! (the stylesheet's cache-busting query, the world map's element ids, the
//! search index's shard names and fingerprints).
//!
//! Not for anything an attacker chooses; its values are written into the
//! output, so changing the function changes the site.

/// 32-bit FNV-1a over `parts` read one after another, as if concatenated;
/// no parts gives the offset basis, `0x811c9dc5`.
pub fn fnv1a(parts: &[&[u8]]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for part in parts {
        for &b in *part {
            hash ^= u32::from(b);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    hash
}

/// 64-bit FNV-1a's offset basis: the state [`fnv1a_64`] starts from.
pub const FNV64_START: u64 = 0xcbf2_9ce4_8422_2325;

/// 64-bit FNV-1a of `bytes`, continued from `state` ([`FNV64_START`] for a
/// fresh hash), so several values can be hashed one after another.
pub fn fnv1a_64(state: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(state, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // The reference values of the FNV test suite.
        assert_eq!(fnv1a(&[]), 0x811c_9dc5);
        assert_eq!(fnv1a(&[b"a"]), 0xe40c_292c);
        assert_eq!(fnv1a(&[b"foobar"]), 0xbf9c_f968);
        assert_eq!(fnv1a_64(FNV64_START, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(
            fnv1a_64(fnv1a_64(FNV64_START, b"foo"), b"bar"),
            0x8594_4171_f739_67e8
        );
    }

    #[test]
    fn parts_hash_as_their_concatenation() {
        assert_eq!(fnv1a(&[b"foo", b"", b"bar"]), fnv1a(&[b"foobar"]));
    }
}
