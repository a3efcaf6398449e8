//! Fuzz target: see `quire_fuzz::check::journal` for the invariants.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quire_fuzz::check::journal(data));
