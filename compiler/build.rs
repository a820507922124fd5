//! Embeds the standard library's Erlang sources (`stdlib/*.erl`) into the
//! `kiln` binary, so an installed compiler can build them for any target
//! without a source checkout.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../stdlib");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("stdlib/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "erl"))
        .collect();
    files.sort();
    let mut out = String::from("/// The standard library sources: (module name, source text).\npub static STDLIB_SOURCES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_stem().unwrap().to_string_lossy();
        let _ = writeln!(out, "    ({name:?}, include_str!({:?})),", f.canonicalize().unwrap().display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("stdlib_sources.rs");
    std::fs::write(dest, out).unwrap();
}
