//! The standard library (`stdlib/*.erl`, embedded in the binary): compiled
//! once per target into the cache, then linked into every program.
//!
//! Each module's object is cached under a key made of the compiler's own
//! hash, the target and the module source, next to a small manifest of its
//! exports and the remote functions it calls (what linking needs), so
//! linking a program never recompiles or re-parses the library.

use crate::cache;
use crate::driver::{collect_remote_calls, Failure};
use kiln_codegen::{OptLevel, Target};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::PathBuf;

include!(concat!(env!("OUT_DIR"), "/stdlib_sources.rs"));

/// A compiled standard library module.
pub struct LibModule {
    pub name: String,
    pub object: PathBuf,
    pub exports: Vec<(String, String, u32)>,
    pub calls: Vec<(String, String, u32)>,
}

/// Every standard library module whose name is not in `skip`, compiled for
/// `target` (from the cache when possible).
pub fn modules(target: Target, skip: &BTreeSet<String>) -> Result<Vec<LibModule>, Failure> {
    let mut out = Vec::new();
    for (name, source) in STDLIB_SOURCES {
        if skip.contains(*name) {
            continue;
        }
        out.push(module(name, source, target)?);
    }
    Ok(out)
}

fn module(name: &str, source: &str, target: Target) -> Result<LibModule, Failure> {
    let mut h = Sha256::new();
    h.update(cache::compiler_hash());
    h.update(format!("{target:?}"));
    h.update(source);
    let key = cache::hex(&h.finalize())[..24].to_string();
    let dir = cache::dir().join("stdlib").join(format!("{target:?}"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let object = dir.join(format!("{name}-{key}.o"));
    let manifest = dir.join(format!("{name}-{key}.manifest"));
    if let (true, Ok(text)) = (object.exists(), std::fs::read_to_string(&manifest)) {
        if let Some((exports, calls)) = parse_manifest(&text) {
            return Ok(LibModule { name: name.to_string(), object, exports, calls });
        }
    }
    let ssa = compile_source(name, source)?;
    let obj = kiln_codegen::compile_module(&ssa, target, OptLevel::O2).map_err(|e| format!("stdlib {name}: {e}"))?;
    let exports: Vec<(String, String, u32)> = ssa
        .functions
        .iter()
        .filter(|f| matches!(f.kind, kiln_ir::ssa::FunctionKind::Named { exported: true }))
        .map(|f| (name.to_string(), f.name.clone(), f.arity))
        .collect();
    let mut calls = BTreeSet::new();
    collect_remote_calls(&ssa, &mut calls);
    let calls: Vec<_> = calls.into_iter().collect();
    // Write to temporary names and rename, so a concurrent build never sees
    // a half-written object.
    let tmp = dir.join(format!("{name}-{key}.{}.{}", std::process::id(), cache::unique()));
    std::fs::write(&tmp, obj).map_err(|e| format!("writing {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &object).map_err(|e| format!("writing {}: {e}", object.display()))?;
    std::fs::write(&tmp, manifest_text(&exports, &calls)).map_err(|e| format!("writing {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &manifest).map_err(|e| format!("writing {}: {e}", manifest.display()))?;
    Ok(LibModule { name: name.to_string(), object, exports, calls })
}

fn compile_source(name: &str, source: &str) -> Result<kiln_ir::ssa::Module, Failure> {
    let path = format!("stdlib/{name}.erl");
    let (sources, ast) = kiln_frontend::parse_source(&path, source);
    let fail = |sources, d| Failure::Diagnostics(vec![(sources, d)]);
    let ast = ast.map_err(|d| fail(sources.clone(), d))?;
    let core = kiln_ir::core::lower::lower_module(&ast, &sources).map_err(|d| fail(sources.clone(), d))?;
    kiln_ir::ssa::lower_module(&core).map_err(|d| fail(sources, vec![d]))
}

fn manifest_text(exports: &[(String, String, u32)], calls: &[(String, String, u32)]) -> String {
    let mut s = String::new();
    for (m, f, a) in exports {
        s.push_str(&format!("export {m} {f} {a}\n"));
    }
    for (m, f, a) in calls {
        s.push_str(&format!("call {m} {f} {a}\n"));
    }
    s
}

type Mfas = Vec<(String, String, u32)>;

fn parse_manifest(text: &str) -> Option<(Mfas, Mfas)> {
    let (mut exports, mut calls) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        let [kind, m, f, a] = parts[..] else { return None };
        let mfa = (m.to_string(), f.to_string(), a.parse().ok()?);
        match kind {
            "export" => exports.push(mfa),
            "call" => calls.push(mfa),
            _ => return None,
        }
    }
    Some((exports, calls))
}
