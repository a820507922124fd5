//! Compiled library modules in the build cache.
//!
//! Two kinds of entries per module, keyed by the code fingerprint, the
//! module's source (its path too, for OTP's) and, for objects, the target:
//! its *summary* (the call graph linking needs, [`super::summary`]; cheap,
//! made for every module the reachability walk looks at) and its *object*
//! (made only for modules a program links). A module that does not
//! compile is cached as a summary holding the error, so later builds do
//! not try again. Linking a program never recompiles or re-parses the
//! library.
//!
//! Concurrent builds (tests run several) take a lock file per entry, so
//! one compiles it while the others wait and then read its result.

use super::summary::{self, Summary};
use super::{lower, Origin};
use crate::cache;
use crate::driver::Failure;
use kiln_codegen::{OptLevel, Target};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A library module compiled for a target.
pub struct LibModule {
    pub name: String,
    pub object: PathBuf,
    pub summary: Arc<Summary>,
}

/// The cache key of a module's source.
fn key(origin: &Origin, extra: &str) -> Result<String, Failure> {
    let source = match origin {
        Origin::Kiln(text) => text.as_bytes().to_vec(),
        Origin::Generated(text) => text.as_bytes().to_vec(),
        Origin::Otp(m) => std::fs::read(&m.source).map_err(|e| format!("reading {}: {e}", m.source.display()))?,
    };
    let mut h = Sha256::new();
    h.update(cache::code_fingerprint());
    h.update(extra);
    if let Origin::Otp(m) = origin {
        h.update(m.source.to_string_lossy().as_bytes());
    }
    h.update(&source);
    Ok(cache::hex(&h.finalize())[..24].to_string())
}

fn dir(sub: &str) -> Result<PathBuf, Failure> {
    let dir = cache::dir().join("lib").join(sub);
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    Ok(dir)
}

/// Runs `make` under the entry's lock unless `read` finds it made.
fn locked<T>(
    dir: &Path,
    stem: &str,
    read: impl Fn() -> Option<T>,
    make: impl FnOnce() -> Result<T, Failure>,
) -> Result<T, Failure> {
    if let Some(found) = read() {
        return Ok(found);
    }
    let lock = std::fs::File::create(dir.join(format!("{stem}.lock")))
        .map_err(|e| format!("creating a lock in {}: {e}", dir.display()))?;
    lock.lock().map_err(|e| format!("locking {}: {e}", dir.display()))?;
    if let Some(found) = read() {
        return Ok(found);
    }
    make()
}

/// The summary of module `name`: `Ok(Ok(_))`, or `Ok(Err(why))` when its
/// code does not compile; `Err` only for I/O failures of the cache.
pub fn summary(name: &str, origin: &Origin) -> Result<Result<Summary, String>, Failure> {
    let dir = dir("summaries")?;
    let stem = format!("{name}-{}", key(origin, "")?);
    let path = dir.join(format!("{stem}.summary"));
    let read = || {
        let text = std::fs::read_to_string(&path).ok()?;
        match text.strip_prefix("error\n") {
            Some(why) => Some(Err(why.to_string())),
            None => summary::from_text(&text).map(Ok),
        }
    };
    locked(&dir, &stem, read, || {
        let result = lower(name, origin).and_then(|ssa| {
            if ssa.name == name {
                Ok(summary::of(&ssa))
            } else {
                Err(format!("the source of `{name}` declares module `{}`", ssa.name))
            }
        });
        let text = match &result {
            Ok(s) => summary::to_text(s),
            Err(why) => format!("error\n{why}"),
        };
        write_atomically(&dir, &path, text.as_bytes())?;
        Ok(result)
    })
}

/// The object of module `name` (whose summary exists) for `target`.
pub fn object(name: &str, origin: &Origin, target: Target) -> Result<Result<PathBuf, String>, Failure> {
    let dir = dir(&format!("{target:?}"))?;
    let stem = format!("{name}-{}", key(origin, &format!("{target:?}"))?);
    let path = dir.join(format!("{stem}.o"));
    let read = || path.exists().then(|| Ok(path.clone()));
    locked(&dir, &stem, read, || match lower(name, origin) {
        Ok(ssa) => match kiln_codegen::compile_module(&ssa, target, OptLevel::O2) {
            Ok(obj) => {
                write_atomically(&dir, &path, &obj)?;
                Ok(Ok(path.clone()))
            }
            Err(e) => Ok(Err(format!("{name}: {e}"))),
        },
        Err(why) => Ok(Err(why)),
    })
}

/// Writes to a temporary name and renames, so a concurrent build never sees
/// a half-written file.
fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let tmp = dir.join(format!(".tmp-{}-{}", std::process::id(), cache::unique()));
    std::fs::write(&tmp, bytes).map_err(|e| format!("writing {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("writing {}: {e}", path.display()))?;
    Ok(())
}
