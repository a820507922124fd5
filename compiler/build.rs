//! Embeds the standard library's Erlang sources (`stdlib/*.erl`) into the
//! `kiln` binary, so an installed compiler can build them for any target
//! without a source checkout; and computes the *code fingerprint*: a hash
//! of every source file that decides what code kiln generates (the
//! compiler crates and the ABI), which keys the cache of compiled library
//! modules. Unlike a hash of the `kiln` binary, it is the same for every
//! build of the same sources (a fresh clone, another directory), so those
//! reuse each other's compiled OTP modules, and it changes whenever code
//! generation can.

use std::fmt::Write;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// The crates whose sources decide the generated code.
const CODE_CRATES: &[&str] = &["abi", "frontend", "ir", "codegen", "compiler"];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    embed_stdlib(&root);
    let mut files = Vec::new();
    for c in CODE_CRATES {
        let dir = root.join(c);
        println!("cargo:rerun-if-changed={}", dir.join("src").display());
        collect(&dir.join("src"), &mut files);
        files.push(dir.join("Cargo.toml"));
    }
    files.push(root.join("Cargo.lock"));
    files.sort();
    // FNV-1a over (relative path, contents) of each file: no dependency
    // needed, and collisions only matter against deliberate attacks.
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    for f in &files {
        h.write(f.strip_prefix(&root).unwrap_or(f).to_string_lossy().as_bytes());
        h.write(&std::fs::read(f).unwrap_or_default());
    }
    println!("cargo:rustc-env=KILN_CODE_FINGERPRINT={:016x}", h.finish());
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn embed_stdlib(root: &Path) {
    let dir = root.join("stdlib");
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
