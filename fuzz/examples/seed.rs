//! Writes each target's seed inputs into `fuzz/corpus/<target>/`, beside
//! whatever the fuzzer has already found there.

use std::fs;

fn main() {
    let repo = quire_fuzz::seeds::repo();
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    for target in quire_fuzz::TARGETS {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == target) {
            continue;
        }
        let dir = repo.join("fuzz/corpus").join(target);
        fs::create_dir_all(&dir).expect("make the corpus folder");
        let seeds = quire_fuzz::seeds::for_target(target, &repo);
        for (name, bytes) in &seeds {
            fs::write(dir.join(format!("seed-{name}")), bytes).expect("write a seed");
        }
        println!("{target}: {} seeds", seeds.len());
    }
}
