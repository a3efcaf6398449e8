//! FNV-1a: a small, stable hash for names that must depend on content only
//! (the stylesheet's cache-busting query, the world map's element ids).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // The reference values of the FNV test suite.
        assert_eq!(fnv1a(&[]), 0x811c_9dc5);
        assert_eq!(fnv1a(&[b"a"]), 0xe40c_292c);
        assert_eq!(fnv1a(&[b"foobar"]), 0xbf9c_f968);
    }

    #[test]
    fn parts_hash_as_their_concatenation() {
        assert_eq!(fnv1a(&[b"foo", b"", b"bar"]), fnv1a(&[b"foobar"]));
    }
}
