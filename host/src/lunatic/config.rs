//! Process configurations: limits, permissions and the WASI view (args,
//! environment, directories) a guest process is spawned with.
//!
//! lunatic lets any process holding `can_create_configs` build a config
//! granting anything — more memory, fuel or directories than it has, or the
//! permissions it was denied — and spawn with it (the sandbox escapes
//! through a child). kiln checks every grant against the creator's own
//! config: a setter asking for more than the creator holds traps, naming
//! what was asked, and a new config starts from lunatic's defaults capped
//! by the creator's limits.

use std::path::{Path, PathBuf};

use wasmtime::{bail, Result};
use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::{FsPerms, WasiCtxBuilder};

/// lunatic's default memory limit: 4 GiB (all a wasm32 memory can hold).
pub const DEFAULT_MAX_MEMORY: u64 = 1 << 32;
/// One unit of lunatic fuel is about 100,000 Wasm instructions.
pub const FUEL_UNIT: u64 = 100_000;

/// A directory a process may open: `guest` is the name it sees, `host` the
/// directory on the host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dir {
    pub guest: String,
    pub host: PathBuf,
}

/// Captured standard output and error (of a test and every process it
/// spawns).
#[derive(Clone, Debug)]
pub struct Capture(wasmtime_wasi::p2::pipe::MemoryOutputPipe);

impl Capture {
    /// Holds at most 16 MiB (a test printing more fails).
    pub fn new() -> Capture {
        Capture(wasmtime_wasi::p2::pipe::MemoryOutputPipe::new(16 << 20))
    }

    /// What was written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.contents()).into_owned()
    }
}

impl Default for Capture {
    fn default() -> Self {
        Capture::new()
    }
}

/// What a process may do and see.
#[derive(Clone, Debug)]
pub struct GuestConfig {
    /// Bytes of linear memory it may grow to.
    pub max_memory: u64,
    /// Fuel units (of [`FUEL_UNIT`] instructions) it may burn; `None` is
    /// unlimited.
    pub max_fuel: Option<u64>,
    pub can_compile_modules: bool,
    pub can_create_configs: bool,
    pub can_spawn_processes: bool,
    /// kiln's addition: whether `lunatic::networking` may be used (lunatic
    /// has no such permission).
    pub can_use_network: bool,
    pub dirs: Vec<Dir>,
    pub args: Vec<String>,
    pub envs: Vec<(String, String)>,
    /// Where standard output and error go (inherited by the configs of
    /// processes it spawns); `None`: the host's.
    pub capture: Option<Capture>,
}

impl GuestConfig {
    /// The config of a program's first process: every permission, no limits
    /// (`kiln run` narrows it from its flags).
    pub fn root() -> GuestConfig {
        GuestConfig {
            max_memory: DEFAULT_MAX_MEMORY,
            max_fuel: None,
            can_compile_modules: true,
            can_create_configs: true,
            can_spawn_processes: true,
            can_use_network: true,
            dirs: Vec::new(),
            args: Vec::new(),
            envs: Vec::new(),
            capture: None,
        }
    }

    /// A config made by a process holding `self` (`create_config`):
    /// lunatic's defaults (no permissions, nothing preopened, no args or
    /// environment), with limits no larger than the creator's.
    pub fn new_child(&self) -> GuestConfig {
        GuestConfig {
            max_memory: self.max_memory.min(DEFAULT_MAX_MEMORY),
            max_fuel: self.max_fuel,
            can_compile_modules: false,
            can_create_configs: false,
            can_spawn_processes: false,
            can_use_network: self.can_use_network,
            dirs: Vec::new(),
            args: Vec::new(),
            envs: Vec::new(),
            capture: self.capture.clone(),
        }
    }

    /// Checks that `self` grants nothing `creator` does not hold.
    pub fn check_within(&self, creator: &GuestConfig) -> Result<()> {
        if self.max_memory > creator.max_memory {
            bail!(
                "a config may not allow more memory ({} bytes) than its creator has ({} bytes)",
                self.max_memory,
                creator.max_memory
            );
        }
        match (self.max_fuel, creator.max_fuel) {
            (None, Some(c)) => {
                bail!("a config may not lift the fuel limit of its creator ({c} units)")
            }
            (Some(f), Some(c)) if f > c => {
                bail!("a config may not allow more fuel ({f} units) than its creator has ({c} units)")
            }
            _ => {}
        }
        for (name, wants, holds) in [
            ("can_compile_modules", self.can_compile_modules, creator.can_compile_modules),
            ("can_create_configs", self.can_create_configs, creator.can_create_configs),
            ("can_spawn_processes", self.can_spawn_processes, creator.can_spawn_processes),
            ("can_use_network", self.can_use_network, creator.can_use_network),
        ] {
            if wants && !holds {
                bail!("a config may not grant `{name}`: its creator does not hold it");
            }
        }
        for d in &self.dirs {
            if !creator.may_access(&d.host) {
                bail!("a config may not preopen `{}`: it is outside the directories its creator may access", d.guest);
            }
        }
        Ok(())
    }

    /// Whether `path` (on the host) lies inside one of this config's
    /// directories.
    pub fn may_access(&self, path: &Path) -> bool {
        let Ok(path) = std::fs::canonicalize(path) else {
            return false;
        };
        self.dirs.iter().any(|d| std::fs::canonicalize(&d.host).is_ok_and(|root| path.starts_with(root)))
    }

    /// Adds a directory the way lunatic's `config_preopen_dir` does: the
    /// guest sees it under the name it was given, which is also its path on
    /// the host (relative to the host's working directory).
    pub fn preopen(&mut self, dir: &str) {
        self.dirs.push(Dir { guest: dir.to_string(), host: PathBuf::from(dir) });
    }

    /// The WASI context of a process with this config: stdio inherited,
    /// these args, environment and directories. A directory that cannot be
    /// opened is reported and left out.
    pub fn wasi(&self) -> WasiP1Ctx {
        let mut b = WasiCtxBuilder::new();
        match &self.capture {
            Some(c) => {
                b.stdout(c.0.clone()).stderr(c.0.clone());
            }
            None => {
                b.inherit_stdio();
            }
        }
        b.args(&self.args);
        for (k, v) in &self.envs {
            b.env(k, v);
        }
        for d in &self.dirs {
            if let Err(e) = b.preopened_dir(&d.host, &d.guest, FsPerms::ReadWrite) {
                eprintln!("kiln: cannot preopen {} for a guest process: {e:#}", d.host.display());
            }
        }
        b.build_p1()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_config_cannot_exceed_its_creator() {
        let mut parent = GuestConfig::root();
        parent.can_spawn_processes = false;
        parent.max_memory = 1 << 20;
        parent.max_fuel = Some(10);
        let mut child = parent.new_child();
        assert!(child.check_within(&parent).is_ok());
        child.can_spawn_processes = true;
        let e = child.check_within(&parent).unwrap_err().to_string();
        assert!(e.contains("can_spawn_processes"), "{e}");
        let mut child = parent.new_child();
        child.max_memory = 2 << 20;
        assert!(child.check_within(&parent).is_err());
        let mut child = parent.new_child();
        child.max_fuel = None;
        assert!(child.check_within(&parent).is_err());
        let mut child = parent.new_child();
        child.preopen("/");
        assert!(child.check_within(&parent).is_err());
    }

    #[test]
    fn directories_inside_the_creators_are_allowed() {
        let root = std::env::temp_dir().join(format!("kiln-config-test-{}", std::process::id()));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        let mut parent = GuestConfig::root();
        parent.preopen(root.to_str().unwrap());
        let mut child = parent.new_child();
        child.preopen(root.join("sub").to_str().unwrap());
        assert!(child.check_within(&parent).is_ok());
        let mut child = parent.new_child();
        child.preopen(root.join("sub/../..").to_str().unwrap());
        assert!(child.check_within(&parent).is_err());
    }
}
