//! A small mutation fuzzer that runs on stable: the seeds changed at
//! random (bytes flipped, inserted, deleted, repeated, spliced with another
//! seed), for a bounded time, through the same invariants as libFuzzer's
//! runs. Not coverage-guided: it is what CI can afford on every change,
//! beside the long runs `fuzz/run` makes with libFuzzer.

use std::time::{Duration, Instant};

/// Characters that matter to the formats under test: YAML's indicators,
/// Markdown's, HTML's, line ends and tabs, a multi-byte letter.
const INTERESTING: &[&[u8]] = &[
    b":",
    b"-",
    b" ",
    b"\n",
    b"\r",
    b"\t",
    b"\"",
    b"'",
    b"[",
    b"]",
    b"{",
    b"}",
    b"#",
    b"<",
    b">",
    b"&",
    b"*",
    b"!",
    b"|",
    b"`",
    b"%",
    b"@",
    b"/",
    b"..",
    b"\\",
    b"\xef\xbb\xbf",
    "ё".as_bytes(),
    "—".as_bytes(),
    b"\x00",
];

/// A xorshift generator: enough randomness for mutations, reproducible
/// from its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed` (0 is moved off zero).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// `input` changed by one to eight random edits, `others` giving material
/// to splice in.
pub fn mutate(rng: &mut Rng, input: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, piece.iter().copied());
            }
            2 if !out.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let start = rng.below(out.len());
                let end = (start + 1 + rng.below(64)).min(out.len());
                let piece = out[start..end].to_vec();
                for _ in 0..1 + rng.below(4) {
                    out.splice(at..at, piece.iter().copied());
                }
            }
            4 if !others.is_empty() => {
                let other = &others[rng.below(others.len())];
                let start = rng.below(other.len() + 1);
                let end = (start + rng.below(256)).min(other.len());
                out.splice(at..at, other[start..end].iter().copied());
            }
            _ => {
                let byte = rng.next_u64() as u8;
                out.insert(at, byte);
            }
        }
    }
    out
}

/// What a bounded run did: inputs tried, and the first that broke an
/// invariant (with the panic's message).
#[derive(Debug, Default)]
pub struct Outcome {
    /// How many mutated inputs ran.
    pub runs: u64,
    /// The first input that broke an invariant, and why.
    pub failure: Option<(Vec<u8>, String)>,
}

/// Runs `target` on mutations of `seeds` for `time`, stopping at the first
/// broken invariant.
pub fn run(target: &str, seeds: &[Vec<u8>], seed: u64, time: Duration) -> Outcome {
    let mut rng = Rng::new(seed);
    let mut outcome = Outcome::default();
    if seeds.is_empty() {
        return outcome;
    }
    let deadline = Instant::now() + time;
    while Instant::now() < deadline {
        let base = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, base, seeds);
        outcome.runs += 1;
        let result = std::panic::catch_unwind(|| crate::run(target, &input));
        if let Err(panic) = result {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            outcome.failure = Some((input, why));
            break;
        }
    }
    outcome
}
