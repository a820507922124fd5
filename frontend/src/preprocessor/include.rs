//! Finding and reading files: `-include` search paths, `-include_lib`
//! application lookup in library directories, and source text decoding.

use std::cmp::Ordering;
use std::path::{Component, Path, PathBuf};

/// Looks `name` up as `-include` does: an absolute path as is, otherwise
/// relative to the including file's directory, then each include directory.
pub fn find_include(name: &Path, current_dir: &Path, include_dirs: &[PathBuf]) -> Option<PathBuf> {
    if name.is_absolute() {
        return name.is_file().then(|| name.to_path_buf());
    }
    std::iter::once(current_dir)
        .chain(include_dirs.iter().map(PathBuf::as_path))
        .map(|dir| join(dir, name))
        .find(|candidate| candidate.is_file())
}

/// `-include_lib("app/include/x.hrl")` once the plain search failed: the
/// first component names an application, found in a library directory as
/// `app` or `app-VSN`. Library directories are tried in order (like code
/// path entries); within one, the highest version wins.
pub fn find_include_lib(name: &Path, lib_dirs: &[PathBuf]) -> Option<PathBuf> {
    let mut components = name.components();
    let app = match components.next()? {
        Component::Normal(app) => app.to_str()?.to_string(),
        _ => return None,
    };
    let rest = components.as_path();
    for lib_dir in lib_dirs {
        let Ok(entries) = std::fs::read_dir(lib_dir) else { continue };
        let best = entries
            .flatten()
            .filter_map(|entry| {
                let file_name = entry.file_name().into_string().ok()?;
                let version = app_version(&file_name, &app)?.to_string();
                entry.path().is_dir().then_some((version, entry.path()))
            })
            .max_by(|(a, _), (b, _)| compare_versions(a, b));
        if let Some((_, app_dir)) = best {
            let candidate = app_dir.join(rest);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// The version part of an application directory name: `""` for `app`,
/// `"4.2"` for `app-4.2`, `None` if the directory is another application.
fn app_version<'a>(dir_name: &'a str, app: &str) -> Option<&'a str> {
    let rest = dir_name.strip_prefix(app)?;
    if rest.is_empty() {
        return Some("");
    }
    let version = rest.strip_prefix('-')?;
    version.starts_with(|c: char| c.is_ascii_digit()).then_some(version)
}

/// Compares versions part by part (`4.10` > `4.9`); numeric parts compare
/// as numbers, others as text.
fn compare_versions(a: &str, b: &str) -> Ordering {
    let parts = |v: &str| v.split(['.', '-']).map(str::to_string).collect::<Vec<_>>();
    let (pa, pb) = (parts(a), parts(b));
    for (x, y) in pa.iter().zip(&pb) {
        let o = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            _ => x.cmp(y),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    pa.len().cmp(&pb.len())
}

/// `dir/name`, without a leading `./` when `dir` is empty.
fn join(dir: &Path, name: &Path) -> PathBuf {
    if dir.as_os_str().is_empty() {
        name.to_path_buf()
    } else {
        dir.join(name)
    }
}

/// epp's `$VAR/rest` in include names: the first component, if it starts
/// with `$`, is replaced by that environment variable (left alone when the
/// variable is not set).
pub fn expand_env_var(name: &str) -> String {
    let Some(var_and_rest) = name.strip_prefix('$') else {
        return name.to_string();
    };
    let (var, rest) = match var_and_rest.find('/') {
        Some(at) => var_and_rest.split_at(at),
        None => (var_and_rest, ""),
    };
    match std::env::var(var) {
        Ok(value) => format!("{value}{rest}"),
        Err(_) => name.to_string(),
    }
}

/// Decodes a source file. Erlang source is UTF-8 unless a `coding:`
/// comment on one of the first two lines says Latin-1 (as epp reads it);
/// a file that is not valid UTF-8 is also read as Latin-1 rather than
/// rejected, since every byte is a Latin-1 character.
pub fn decode_source(bytes: &[u8]) -> String {
    if declares_latin1(bytes) {
        return bytes.iter().map(|&b| b as char).collect();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

fn declares_latin1(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes.split(|b| *b == b'\n').take(2).flat_map(|l| l.iter().copied().chain([b'\n'])).collect();
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let Some(at) = head.find("coding") else { return false };
    let after = head[at + "coding".len()..].trim_start();
    let Some(value) = after.strip_prefix([':', '=']) else { return false };
    let value: String =
        value.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    matches!(value.as_str(), "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "iso-latin-1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(compare_versions("4.10", "4.9"), Ordering::Greater);
        assert_eq!(compare_versions("1.0", "1.0.1"), Ordering::Less);
        assert_eq!(compare_versions("", "0.1"), Ordering::Less);
        assert_eq!(app_version("stdlib-4.2", "stdlib"), Some("4.2"));
        assert_eq!(app_version("stdlib", "stdlib"), Some(""));
        assert_eq!(app_version("stdlib_x-1", "stdlib"), None);
        assert_eq!(app_version("ssl-x", "ssl"), None);
    }

    #[test]
    fn encodings() {
        assert_eq!(decode_source("é".as_bytes()), "é");
        assert_eq!(decode_source(b"%% -*- coding: latin-1 -*-\n\xe9"), "%% -*- coding: latin-1 -*-\né");
        // Valid UTF-8, but declared Latin-1: read byte by byte.
        assert_eq!(decode_source(b"%% coding: iso-8859-1\n\xc3\xa9"), "%% coding: iso-8859-1\n\u{c3}\u{a9}");
        assert_eq!(decode_source(b"x\xff"), "x\u{ff}");
        assert_eq!(decode_source(b"%% coding: utf-8\n\xc3\xa9"), "%% coding: utf-8\né");
    }

    #[test]
    fn env_vars() {
        assert_eq!(expand_env_var("a/b.hrl"), "a/b.hrl");
        assert_eq!(expand_env_var("$KILN_SURELY_UNSET_VAR/x.hrl"), "$KILN_SURELY_UNSET_VAR/x.hrl");
        let path = std::env::var("PATH").unwrap_or_default();
        if !path.is_empty() {
            assert_eq!(expand_env_var("$PATH/x"), format!("{path}/x"));
        }
    }
}
