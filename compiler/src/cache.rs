//! The build cache (`$KILN_CACHE`, else `$XDG_CACHE_HOME/kiln`, else
//! `~/.cache/kiln`): compiled standard library objects per target, and
//! programs built by `kiln run`. Keys hash the inputs and the compiler
//! binary itself, so a rebuilt kiln never reuses stale objects.

use crate::{SourceOpts, TargetArg};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

pub fn dir() -> PathBuf {
    if let Some(d) = std::env::var_os("KILN_CACHE") {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(d).join("kiln");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".cache").join("kiln"),
        None => std::env::temp_dir().join("kiln-cache"),
    }
}

/// A hash of the sources that decide the code kiln generates (see
/// `compiler/build.rs`): the key of compiled library modules, stable across
/// rebuilds and clones of the same sources.
pub fn code_fingerprint() -> &'static str {
    env!("KILN_CODE_FINGERPRINT")
}

/// A hash of the running compiler binary (computed once).
pub fn compiler_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let bytes = std::env::current_exe().and_then(std::fs::read).unwrap_or_default();
        hex(&Sha256::digest(&bytes))[..16].to_string()
    })
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A process-unique number for temporary names.
pub fn unique() -> u64 {
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Where `kiln run` keeps the program built from `file` and its options.
pub fn program_path(
    file: &Path,
    target: TargetArg,
    opts: &SourceOpts,
    schedulers: Option<u32>,
) -> Result<PathBuf, String> {
    let text = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut h = Sha256::new();
    h.update(compiler_hash());
    h.update(&text);
    h.update(format!("{target:?}{:?}{:?}{:?}{schedulers:?}", opts.include, opts.lib_dirs, opts.defines));
    // Includes may change without the file changing; hash their directory
    // listing is not enough, so programs with -I are keyed by their mtimes too.
    for d in &opts.include {
        if let Ok(rd) = std::fs::read_dir(d) {
            for e in rd.flatten() {
                if let Ok(m) = e.metadata().and_then(|m| m.modified()) {
                    h.update(format!("{:?}{m:?}", e.path()));
                }
            }
        }
    }
    let key = hex(&h.finalize())[..24].to_string();
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let dir = dir().join("programs");
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let ext = if target == TargetArg::Wasm32 { ".wasm" } else { "" };
    Ok(dir.join(format!("{stem}-{key}{ext}")))
}

/// A small WASI runner for node, written into the cache on first use.
pub fn wasi_runner() -> PathBuf {
    let path = dir().join("wasi-run.mjs");
    if !path.exists() {
        let _ = std::fs::create_dir_all(dir());
        let _ = std::fs::write(&path, WASI_RUNNER);
    }
    path
}

// Node 20's fast API calls can let a GC run inside WASI's fd_write once the
// wasm memory is large, crashing node; turning them off avoids it.
const WASI_RUNNER: &str = r#"import { setFlagsFromString } from 'node:v8';
setFlagsFromString('--no-turbo-fast-api-calls');
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, env } from 'node:process';
const wasi = new WASI({ version: 'preview1', args: argv.slice(2), env, preopens: { '.': '.' }, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
"#;
