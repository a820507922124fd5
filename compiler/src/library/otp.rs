//! Finding the installed Erlang/OTP whose library code kiln compiles.
//!
//! kiln never ships OTP's code: it compiles the sources of the OTP found on
//! the build machine (`lib/APP-VSN/src/*.erl` under OTP's root directory,
//! what Debian's `erlang-src` installs). The root is, in order:
//! `$KILN_OTP_ROOT`; the directory above `bin/` of the `erl` found on
//! `PATH` (symlinks resolved, as `code:root_dir()` would answer); or
//! `/usr/lib/erlang`. The executables kiln builds contain the compiled code,
//! so OTP is needed only when building, never when a program runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Applications whose modules are part of the VM (ERTS's preloaded
/// modules): kiln provides those itself, in the runtime and `stdlib/`.
const VM_APPLICATIONS: &[&str] = &["erts"];

/// An installed OTP: its root and an index of its library modules.
pub struct Otp {
    pub root: PathBuf,
    /// `ROOT/lib`, where `-include_lib("app/include/x.hrl")` resolves.
    pub lib_dir: PathBuf,
    /// The full release, e.g. `25.2.3` (`releases/N/OTP_VERSION`).
    pub version: String,
    /// kernel's and stdlib's `include/` directories.
    pub shared_includes: Vec<PathBuf>,
    /// Each application's directory, by name.
    apps: BTreeMap<String, PathBuf>,
    modules: BTreeMap<String, OtpModule>,
}

/// Where one OTP module's source lives.
#[derive(Clone, Debug)]
pub struct OtpModule {
    /// The application, e.g. `stdlib`.
    pub app: String,
    pub source: PathBuf,
    /// The application's `include/` directory (searched by `-include`, as
    /// OTP's own makefiles pass `-I ../include`).
    pub include: PathBuf,
}

impl Otp {
    /// The OTP installation kiln builds against, found once per run; `None`
    /// when there is none (programs then get kiln's own modules only).
    pub fn installed() -> Option<&'static Otp> {
        static OTP: OnceLock<Option<Otp>> = OnceLock::new();
        OTP.get_or_init(|| root().and_then(|r| Otp::at(&r))).as_ref()
    }

    /// Indexes the OTP installed at `root` (`None` if it has no `lib/`).
    pub fn at(root: &Path) -> Option<Otp> {
        let lib_dir = root.join("lib");
        let apps = std::fs::read_dir(&lib_dir).ok()?;
        let mut app_dirs: Vec<PathBuf> = apps.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        app_dirs.sort();
        let mut modules = BTreeMap::new();
        let mut shared_includes = Vec::new();
        let mut apps = BTreeMap::new();
        for app in app_dirs {
            let name = app.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let app_name = name.split('-').next().unwrap_or_default();
            if VM_APPLICATIONS.contains(&app_name) {
                continue;
            }
            if app_name == "kernel" || app_name == "stdlib" {
                shared_includes.push(app.join("include"));
            }
            apps.insert(app_name.to_string(), app.clone());
            index_application(&app, app_name, &mut modules);
        }
        Some(Otp { root: root.to_path_buf(), lib_dir, version: version(root), shared_includes, apps, modules })
    }

    /// The application resource file (`ebin/APP.app`) of application `app`.
    pub fn app_file(&self, app: &str) -> Option<PathBuf> {
        let path = self.apps.get(app)?.join("ebin").join(format!("{app}.app"));
        path.is_file().then_some(path)
    }

    /// The source of OTP module `name`, if OTP has one.
    pub fn module(&self, name: &str) -> Option<&OtpModule> {
        self.modules.get(name)
    }
}

/// Adds every `src/*.erl` of one application directory.
fn index_application(app: &Path, app_name: &str, modules: &mut BTreeMap<String, OtpModule>) {
    let Ok(entries) = std::fs::read_dir(app.join("src")) else { return };
    let include = app.join("include");
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for source in files {
        if source.extension().is_none_or(|e| e != "erl") {
            continue;
        }
        let Some(stem) = source.file_stem().map(|s| s.to_string_lossy().into_owned()) else { continue };
        modules.entry(stem).or_insert(OtpModule { app: app_name.to_string(), source, include: include.clone() });
    }
}

/// OTP's root directory (see the module docs for the order).
fn root() -> Option<PathBuf> {
    if let Some(r) = std::env::var_os("KILN_OTP_ROOT") {
        return Some(PathBuf::from(r));
    }
    let from_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths).map(|d| d.join("erl")).find(|p| p.is_file()).and_then(|erl| {
            let real = std::fs::canonicalize(erl).ok()?;
            let root = real.parent()?.parent()?.to_path_buf();
            root.join("lib").is_dir().then_some(root)
        })
    });
    from_path.or_else(|| Some(PathBuf::from("/usr/lib/erlang")).filter(|p| p.join("lib").is_dir()))
}

/// `releases/*/OTP_VERSION` (the newest release directory), or "unknown".
fn version(root: &Path) -> String {
    let Ok(entries) = std::fs::read_dir(root.join("releases")) else { return "unknown".into() };
    let mut found: Vec<String> = entries
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path().join("OTP_VERSION")).ok())
        .map(|v| v.trim().to_string())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_applications_and_skips_the_vm() {
        let dir = std::env::temp_dir().join(format!("kiln-otp-test-{}", std::process::id()));
        for (app, module) in [("stdlib-4.2", "lists"), ("kernel-8.5", "gen_tcp"), ("erts-13.1", "erlang")] {
            std::fs::create_dir_all(dir.join("lib").join(app).join("src")).unwrap();
            std::fs::write(dir.join("lib").join(app).join("src").join(format!("{module}.erl")), "").unwrap();
        }
        std::fs::create_dir_all(dir.join("releases/25")).unwrap();
        std::fs::write(dir.join("releases/25/OTP_VERSION"), "25.2.3\n").unwrap();
        let otp = Otp::at(&dir).unwrap();
        assert_eq!(otp.version, "25.2.3");
        assert!(otp.module("lists").is_some());
        assert!(otp.module("gen_tcp").unwrap().include.ends_with("kernel-8.5/include"));
        assert!(otp.module("erlang").is_none(), "erts is part of the VM");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
