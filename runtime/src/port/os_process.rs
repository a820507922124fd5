//! Starting a port's OS process with its pipes (native targets).
//!
//! `{spawn, Command}` runs `/bin/sh -c "exec Command"`, which is what OTP's
//! `erl_child_setup` runs (so `echo a; echo b` prints only `a`, as in
//! OTP). `{spawn_executable, Path}` runs the file itself with `{args, _}`
//! and `{arg0, _}`; a path without a `/` names a file in the current
//! directory, never one found through `PATH` (OTP's rule).
//!
//! With `use_stdio` (the default) the port writes the process's standard
//! input and reads its standard output (and its standard error with
//! `stderr_to_stdout`); with `nouse_stdio` it uses file descriptors 3
//! (the process reads) and 4 (the process writes), leaving the process's
//! standard streams those of the program. A direction the port does not
//! use (`in` or `out` alone) gets no pipe: the process inherits the
//! program's standard output, and reads an empty standard input.

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};

use super::options::{PortSpec, Target};

/// A started OS process and the port's ends of its pipes.
#[derive(Debug)]
pub struct Spawned {
    pub child: Child,
    /// Where the port writes (the process's input), with `out`.
    pub to_child: Option<File>,
    /// Where the port reads (the process's output), with `in`.
    pub from_child: Option<File>,
}

/// A pipe as (read end, write end), both close-on-exec.
fn pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds: [libc::c_int; 2] = [0; 2];
    // SAFETY: `fds` is a two-element array, as pipe2 requires.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: pipe2 succeeded, so both are fresh descriptors we now own.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// The command line for `spec`, without its standard streams.
fn command(spec: &PortSpec) -> Command {
    let mut cmd = match &spec.target {
        Target::Shell(line) => {
            let mut c = Command::new("/bin/sh");
            c.arg("-c").arg(format!("exec {line}"));
            c
        }
        Target::Executable(path) => {
            let path = if path.contains('/') { path.clone() } else { format!("./{path}") };
            let mut c = Command::new(path);
            c.args(&spec.args);
            if let Some(arg0) = &spec.arg0 {
                c.arg0(arg0);
            }
            c
        }
    };
    for (k, v) in &spec.env {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    if let Some(dir) = &spec.cd {
        cmd.current_dir(dir);
    }
    cmd
}

/// Starts the OS process `spec` describes.
pub fn spawn(spec: &PortSpec) -> io::Result<Spawned> {
    let mut cmd = command(spec);
    let input = if spec.output { Some(pipe()?) } else { None };
    let output = if spec.input { Some(pipe()?) } else { None };
    // The child's ends, kept open until the child has them.
    let mut child_ends: Vec<OwnedFd> = Vec::new();
    if spec.use_stdio {
        match &input {
            Some((r, _)) => cmd.stdin(Stdio::from(r.try_clone()?)),
            None => cmd.stdin(Stdio::null()),
        };
        if let Some((_, w)) = &output {
            cmd.stdout(Stdio::from(w.try_clone()?));
            if spec.stderr_to_stdout {
                cmd.stderr(Stdio::from(w.try_clone()?));
            }
        }
    } else {
        let fd3 = input.as_ref().map(|(r, _)| r.try_clone()).transpose()?;
        let fd4 = output.as_ref().map(|(_, w)| w.try_clone()).transpose()?;
        move_to_3_and_4(&mut cmd, fd3.as_ref().map(AsRawFd::as_raw_fd), fd4.as_ref().map(AsRawFd::as_raw_fd));
        child_ends.extend(fd3);
        child_ends.extend(fd4);
    }
    let child = cmd.spawn()?;
    // The parent's copies of the child's ends go (with `cmd`'s), so that
    // the port sees end of file when the child closes its output.
    drop(cmd);
    drop(child_ends);
    Ok(Spawned { child, to_child: input.map(|(_, w)| File::from(w)), from_child: output.map(|(r, _)| File::from(r)) })
}

/// Arranges for the child to find `fd3` and `fd4` at descriptors 3 and 4.
fn move_to_3_and_4(cmd: &mut Command, fd3: Option<RawFd>, fd4: Option<RawFd>) {
    let place = move || -> io::Result<()> {
        // Duplicate both above 4 first, so placing one cannot clobber the
        // other; the duplicates and the dup2 targets are not close-on-exec.
        let high = |fd: Option<RawFd>| -> io::Result<Option<RawFd>> {
            let Some(fd) = fd else { return Ok(None) };
            // SAFETY: fcntl(F_DUPFD) on a descriptor open in this process.
            let d = unsafe { libc::fcntl(fd, libc::F_DUPFD, 10) };
            if d < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(Some(d))
        };
        let (a, b) = (high(fd3)?, high(fd4)?);
        for (fd, target) in [(a, 3), (b, 4)] {
            if let Some(fd) = fd {
                // SAFETY: dup2 and close of descriptors open in the child.
                if unsafe { libc::dup2(fd, target) } < 0 || unsafe { libc::close(fd) } < 0 {
                    return Err(io::Error::last_os_error());
                }
            }
        }
        Ok(())
    };
    // SAFETY: the closure runs between fork and exec and only calls
    // async-signal-safe functions (fcntl, dup2, close); it allocates nothing.
    unsafe {
        cmd.pre_exec(place);
    }
}

/// OTP's exit status: the process's code, or 128 plus the signal that
/// ended it.
pub fn exit_code(status: ExitStatus) -> i32 {
    status.code().or_else(|| status.signal().map(|s| 128 + s)).unwrap_or(255)
}
