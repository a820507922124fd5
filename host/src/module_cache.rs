//! Compiled modules cached on disk, so that running the same `.wasm` file
//! again skips compilation (cranelift takes about a second for a 2 MB
//! module; loading the compiled code takes milliseconds).
//!
//! The cache lives in `$KILN_CACHE/wasm` (else `$XDG_CACHE_HOME/kiln/wasm`,
//! else `~/.cache/kiln/wasm`, as kiln's build cache). A compiled module's
//! name is the MD5 of the module's bytes and of the engine's compatibility
//! hash (wasmtime version and every setting that changes compiled code), so
//! a different module, engine configuration or wasmtime never matches. Any
//! failure to read or write the cache just means compiling.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use md5::{Digest, Md5};
use wasmtime::{Engine, Module, Result};

fn dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("KILN_CACHE").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("wasm"));
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("kiln").join("wasm"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("kiln").join("wasm"))
}

/// Feeds `Hash` input into an MD5 digest.
struct Md5Hasher(Md5);

impl Hasher for Md5Hasher {
    fn finish(&self) -> u64 {
        0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

fn key(engine: &Engine, bytes: &[u8]) -> String {
    let mut h = Md5Hasher(Md5::new());
    engine.precompile_compatibility_hash().hash(&mut h);
    h.0.update((bytes.len() as u64).to_le_bytes());
    h.0.update(bytes);
    h.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The module `bytes` compiled for `engine`: from the cache when it is
/// there, else compiled (and then cached).
pub fn compile(engine: &Engine, bytes: &[u8]) -> Result<Module> {
    let Some(dir) = dir() else {
        return Module::new(engine, bytes);
    };
    let path = dir.join(format!("{}.cwasm", key(engine, bytes)));
    if path.is_file() {
        // SAFETY: the file is compiled code that `serialize` wrote for an
        // engine with the same compatibility hash (it is part of the name);
        // wasmtime also checks its header. The cache directory is the
        // user's own, trusted like kiln's cache of compiled objects.
        if let Ok(m) = unsafe { Module::deserialize_file(engine, &path) } {
            return Ok(m);
        }
    }
    let module = Module::new(engine, bytes)?;
    if let Ok(compiled) = module.serialize() {
        let tmp = dir.join(format!(
            ".{}.{}.tmp",
            std::process::id(),
            path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ));
        let written = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&tmp, compiled));
        if written.and_then(|_| std::fs::rename(&tmp, &path)).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
    Ok(module)
}
