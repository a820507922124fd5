//! The arguments of `open_port(PortName, PortSettings)`, read into a
//! [`PortSpec`] before anything is started.
//!
//! Everything OTP 25 accepts for `spawn` and `spawn_executable` is read:
//! a malformed name or setting is `badarg` (OTP's `badopt` cause), so a
//! program learns about a bad option before an OS process exists. Settings
//! that only tune OTP's drivers (`hide`, `{parallelism, _}`,
//! `overlapped_io`, `{busy_limits_*, _}`) are accepted and ignored.
//! `{spawn_driver, _}` is `badarg` (kiln links no port drivers, so every
//! driver name is unknown, as OTP answers for one); `{fd, In, Out}` raises
//! `enotsup` (kiln does not hand its own file descriptors to ports).

use crate::abi::{tag, Term};
use crate::term::{binary_bytes, list_iter, tuple_elements, view, Error, TermView};

/// What the port runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `{spawn, Command}`: `/bin/sh -c "exec Command"`, like OTP.
    Shell(String),
    /// `{spawn_executable, Path}`: the file itself, with `{args, _}`.
    Executable(String),
}

/// How the bytes the OS process writes become messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// As they arrive: `{data, Bytes}`.
    Stream,
    /// `{data, {eol | noeol, Line}}`, lines cut at the given length.
    Line(usize),
    /// Length-prefixed packets with a header of 1, 2 or 4 bytes, both ways.
    Packet(u8),
}

/// An OS process port to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortSpec {
    /// What `port_info(Port, name)` answers: the command or the path.
    pub name: String,
    pub target: Target,
    pub args: Vec<String>,
    pub arg0: Option<String>,
    /// Variables to set (`Some`) or remove (`None`).
    pub env: Vec<(String, Option<String>)>,
    pub cd: Option<String>,
    pub framing: Framing,
    /// Data as binaries (`binary`) or lists of bytes.
    pub binary: bool,
    pub exit_status: bool,
    /// Report `{Port, eof}` and stay open, instead of closing at end of input.
    pub eof: bool,
    /// Standard input/output (`use_stdio`), or file descriptors 3 and 4.
    pub use_stdio: bool,
    pub stderr_to_stdout: bool,
    /// The port reads the process's output (`in`, or neither `in` nor `out`).
    pub input: bool,
    /// The port writes the process's input (`out`, or neither).
    pub output: bool,
}

/// The text of a name, a path or an argument: a flat string, a binary
/// (UTF-8) or an atom.
fn text(t: Term) -> Result<String, Error> {
    if let Some(b) = binary_bytes(t) {
        return String::from_utf8(b.to_vec()).map_err(|_| Error::Badarg);
    }
    if tag::is_atom(t) {
        return crate::atom::try_name(t).map(str::to_owned).ok_or(Error::Badarg);
    }
    let mut s = String::new();
    for c in list_iter(t) {
        let c = c.map_err(|_| Error::Badarg)?;
        s.push(crate::term::char_code(c).ok_or(Error::Badarg)?);
    }
    Ok(s)
}

/// A string that may not hold a NUL (it reaches the OS as a C string).
fn c_text(t: Term) -> Result<String, Error> {
    let s = text(t)?;
    if s.contains('\0') {
        return Err(Error::Badarg);
    }
    Ok(s)
}

/// Why `open_port` refused before starting anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `error:badarg`.
    Badarg,
    /// `error:Posix` (an atom's name such as `enotsup`).
    Posix(&'static str),
}

impl From<Error> for Refusal {
    fn from(_: Error) -> Refusal {
        Refusal::Badarg
    }
}

/// Reads `open_port(Name, Settings)`.
pub fn parse(name: Term, settings: Term) -> Result<PortSpec, Refusal> {
    let (target, display) = parse_name(name)?;
    let mut spec = PortSpec {
        name: display,
        target,
        args: Vec::new(),
        arg0: None,
        env: Vec::new(),
        cd: None,
        framing: Framing::Stream,
        binary: false,
        exit_status: false,
        eof: false,
        use_stdio: true,
        stderr_to_stdout: false,
        input: false,
        output: false,
    };
    let mut direction_given = false;
    for s in list_iter(settings) {
        let s = s.map_err(|_| Refusal::Badarg)?;
        if tag::is_atom(s) {
            direction_given |= flag(&mut spec, s)?;
        } else {
            setting(&mut spec, s)?;
        }
    }
    if !direction_given {
        spec.input = true;
        spec.output = true;
    }
    Ok(spec)
}

fn parse_name(name: Term) -> Result<(Target, String), Refusal> {
    let kind = |t: Term| crate::atom::try_name(t).unwrap_or("");
    match tuple_elements(name) {
        Some(&[k, what]) if kind(k) == "spawn" => {
            let cmd = c_text(what)?;
            Ok((Target::Shell(cmd.clone()), cmd))
        }
        Some(&[k, what]) if kind(k) == "spawn_executable" => {
            let path = c_text(what)?;
            Ok((Target::Executable(path.clone()), path))
        }
        Some(&[k, input, output]) if kind(k) == "fd" && tag::is_small(input) && tag::is_small(output) => {
            Err(Refusal::Posix("enotsup"))
        }
        _ => Err(Refusal::Badarg),
    }
}

/// An atom setting; returns whether it names a direction (`in`/`out`).
fn flag(spec: &mut PortSpec, s: Term) -> Result<bool, Refusal> {
    match crate::atom::try_name(s).ok_or(Refusal::Badarg)? {
        "binary" => spec.binary = true,
        "stream" => spec.framing = Framing::Stream,
        "exit_status" => spec.exit_status = true,
        "eof" => spec.eof = true,
        "use_stdio" => spec.use_stdio = true,
        "nouse_stdio" => spec.use_stdio = false,
        "stderr_to_stdout" => spec.stderr_to_stdout = true,
        "hide" | "overlapped_io" => {}
        "in" => {
            spec.input = true;
            return Ok(true);
        }
        "out" => {
            spec.output = true;
            return Ok(true);
        }
        _ => return Err(Refusal::Badarg),
    }
    Ok(false)
}

/// A positive integer no larger than `max`.
fn positive(t: Term, max: i64) -> Result<i64, Refusal> {
    match view(t) {
        TermView::Small(n) if n > 0 && n <= max => Ok(n),
        _ => Err(Refusal::Badarg),
    }
}

/// A `{Key, Value}` setting.
fn setting(spec: &mut PortSpec, s: Term) -> Result<(), Refusal> {
    let Some(&[key, value]) = tuple_elements(s) else {
        return Err(Refusal::Badarg);
    };
    match crate::atom::try_name(key).ok_or(Refusal::Badarg)? {
        "packet" => {
            spec.framing = match view(value) {
                TermView::Small(n @ (1 | 2 | 4)) => Framing::Packet(n as u8),
                _ => return Err(Refusal::Badarg),
            }
        }
        "line" => spec.framing = Framing::Line(positive(value, i64::from(u32::MAX))? as usize),
        "args" => {
            spec.args =
                list_iter(value).map(|a| a.map_err(|_| Error::Badarg).and_then(c_text)).collect::<Result<_, _>>()?
        }
        "arg0" => spec.arg0 = Some(c_text(value)?),
        "cd" => spec.cd = Some(c_text(value)?),
        "env" => spec.env = env(value)?,
        "parallelism" if value == crate::term::atoms::TRUE || value == crate::term::atoms::FALSE => {}
        "busy_limits_port" | "busy_limits_msgq" => {}
        _ => return Err(Refusal::Badarg),
    }
    Ok(())
}

/// `{env, [{Name, Value | false}]}`.
fn env(list: Term) -> Result<Vec<(String, Option<String>)>, Refusal> {
    let mut out = Vec::new();
    for e in list_iter(list) {
        let e = e.map_err(|_| Refusal::Badarg)?;
        let Some(&[k, v]) = tuple_elements(e) else {
            return Err(Refusal::Badarg);
        };
        let k = c_text(k)?;
        if k.is_empty() || k.contains('=') {
            return Err(Refusal::Badarg);
        }
        let v = if v == crate::term::atoms::FALSE { None } else { Some(c_text(v)?) };
        out.push((k, v));
    }
    Ok(out)
}
