//! The built-in I/O servers: the processes registered as `user` (standard
//! output and input) and `standard_error`, and the fast path that lets the
//! `io` module write through them without a message round trip.
//!
//! # Why processes
//!
//! OTP code expects a group leader to be a process that speaks the Erlang
//! I/O protocol (`{io_request, From, ReplyAs, Request}` answered by
//! `{io_reply, ReplyAs, Reply}`): eunit captures a test's output by making
//! a process of its own the test's group leader, logger handlers and
//! `gen_server` crash reports write to `user`, and anything may call
//! `io:request/2`. In OTP these servers are part of the runtime (`user` and
//! `standard_error` drive port programs); kiln's are Erlang processes
//! running `stdlib/kiln_user_io.erl` that write through the runtime's one
//! buffered standard output ([`crate::io_bifs::write_stdout`]), so their
//! output keeps its order with `erlang:display/1` and the runtime's own
//! reports. [`start`] spawns and registers them before the main process
//! runs and makes `user` the main process's group leader, which every
//! process it spawns inherits (as under `escript`).
//!
//! # The fast path
//!
//! Almost all output goes to the built-in `user` server, which would write
//! it synchronously to the same buffer anyway: `erlang:'$io_format'/3` and
//! `erlang:'$io_put_chars'/3` (under `io:format`, `io:put_chars`, ...)
//! resolve the device ([`target`]) and, when it is a built-in server with
//! nothing queued, format and write at once, in the caller. Any other
//! target (a capture process installed with `group_leader/2`, a pid given
//! as the device, a built-in server that is busy, see [`busy`]) is returned
//! to `stdlib/io.erl`, which sends the request and waits for the reply as
//! OTP's `io` does; so output never overtakes a request queued before it.
//!
//! # Device state
//!
//! The encoding of each device (`latin1`, as an escript's standard I/O, or
//! `unicode` after `io:setopts`) lives here, because both the servers and
//! the fast path need it. Reading is only done by the `user` server
//! (`erlang:'$io_read_line'/0`); it blocks the scheduler thread that runs
//! the server, as the `io:get_line` BIF it replaces did.
//!
//! # Exit
//!
//! When the main process returns, [`drain`] lets the servers write what is
//! still queued at them (requests other processes sent without waiting)
//! before the program exits.

use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use crate::abi::{tag, ProcessHeader, Term};
use crate::format::strings;
use crate::format::Encoding;
use crate::process::{Process, Shared};
use crate::scheduler::Scheduler;
use crate::term::{atoms, bif_return, BifResult, Error};

/// One of the two built-in devices.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Device {
    Stdout,
    Stderr,
}

impl Device {
    fn index(self) -> usize {
        self as usize
    }

    /// The name the device's server is registered under.
    fn name(self) -> Term {
        match self {
            Device::Stdout => user_atom(),
            Device::Stderr => standard_error_atom(),
        }
    }

    fn from_name(t: Term) -> Option<Device> {
        if t == user_atom() {
            Some(Device::Stdout)
        } else if t == standard_error_atom() {
            Some(Device::Stderr)
        } else {
            None
        }
    }
}

/// The pids of the built-in servers (0 while none runs).
static SERVERS: [AtomicU64; 2] = [AtomicU64::new(0), AtomicU64::new(0)];
/// Whether each device is `unicode` (else `latin1`).
static UNICODE: [AtomicBool; 2] = [AtomicBool::new(false), AtomicBool::new(false)];
/// The shared halves of the built-in servers (null while none runs), for
/// [`busy`]; each holds a count of its `Arc` that is never given back.
static SHARED: [AtomicPtr<Shared>; 2] = [AtomicPtr::new(std::ptr::null_mut()), AtomicPtr::new(std::ptr::null_mut())];
/// The `user` server is blocked reading standard input.
static READING: AtomicBool = AtomicBool::new(false);

macro_rules! cached_atom {
    ($name:ident, $text:literal) => {
        fn $name() -> Term {
            static ATOM: OnceLock<Term> = OnceLock::new();
            *ATOM.get_or_init(|| crate::atom::intern($text))
        }
    };
}

cached_atom!(user_atom, "user");
cached_atom!(standard_error_atom, "standard_error");
cached_atom!(standard_io_atom, "standard_io");
cached_atom!(module_atom, "kiln_user_io");
cached_atom!(server_atom, "server");
cached_atom!(drain_atom, "drain");
cached_atom!(io_atom, "io");
cached_atom!(device_atom, "device");
cached_atom!(arguments_atom, "arguments");
cached_atom!(put_chars_atom, "put_chars");
cached_atom!(latin1_atom, "latin1");
cached_atom!(unicode_atom, "unicode");
cached_atom!(utf8_atom, "utf8");
cached_atom!(eof_atom, "eof");

/// The placeholder group leader of a program without the servers (one
/// linked without the library): never a process; output to it is written
/// directly to standard output.
const NO_SERVER: Term = tag::pid(0);

/// The group leader a process gets when nothing else decides: the `user`
/// server once it runs.
pub fn default_group_leader() -> Term {
    match SERVERS[Device::Stdout.index()].load(Ordering::Relaxed) {
        0 => NO_SERVER,
        pid => pid,
    }
}

/// Spawns the `user` and `standard_error` servers on `sched`, registers
/// them, and makes `user` the group leader of `main`. Does nothing when the
/// program has no `kiln_user_io` (it was linked without the library).
pub fn start(sched: &Scheduler, main: &mut Process) {
    let Some(code) = crate::apply::lookup(module_atom(), server_atom(), 1) else {
        return;
    };
    for dev in [Device::Stdout, Device::Stderr] {
        let mut proc = Process::new(0);
        start_in(&mut proc, code, &[dev.name()]);
        let own = proc.pid();
        proc.shared.sig.set_group_leader(own);
        let shared = Arc::into_raw(proc.shared().clone()).cast_mut();
        SHARED[dev.index()].store(shared, Ordering::Release);
        let pid = sched.spawn(proc);
        SERVERS[dev.index()].store(pid, Ordering::Relaxed);
        UNICODE[dev.index()].store(false, Ordering::Relaxed);
        crate::process::registry::register(dev.name(), pid);
    }
    main.shared.sig.set_group_leader(default_group_leader());
}

fn start_in(proc: &mut Process, code: crate::abi::ErlFn, args: &[Term]) {
    proc.header.args[..args.len()].copy_from_slice(args);
    proc.header.nlive = args.len() as u64;
    proc.header.resume = Some(code);
    proc.header.reds = crate::abi::REDUCTIONS_PER_SLICE;
}

/// Whether the server of `dev` has requests queued or is handling one (or
/// has ended): then output must queue behind them, as a request, to keep
/// its order. Not while `user` is blocked reading input, which may never
/// end: OTP's `user` writes output while it waits for input too.
fn busy(dev: Device) -> bool {
    let p = SHARED[dev.index()].load(Ordering::Acquire);
    if p.is_null() || (dev == Device::Stdout && READING.load(Ordering::SeqCst)) {
        return false;
    }
    // SAFETY: `p` came from `Arc::into_raw` in `start`, and that count is
    // never given back, so the `Shared` lives as long as the program.
    let server = unsafe { &*p };
    server.sig.inbox_count() > 0 || server.state() != crate::process::WAITING
}

/// Whether a built-in server that is still running has work left.
fn pending() -> bool {
    [Device::Stdout, Device::Stderr].into_iter().any(|dev| {
        let p = SHARED[dev.index()].load(Ordering::Acquire);
        // SAFETY: as in `busy`.
        busy(dev) && !p.is_null() && unsafe { &*p }.state() != crate::process::EXITED
    })
}

/// After the main process returned: if a built-in server still has work,
/// runs the scheduler again with `kiln_user_io:drain/0` as its main
/// process, which returns once both servers have answered everything
/// queued before it.
pub fn drain(sched: &Scheduler) {
    if !pending() {
        return;
    }
    let Some(code) = crate::apply::lookup(module_atom(), drain_atom(), 0) else {
        return;
    };
    let mut proc = Process::new(0);
    start_in(&mut proc, code, &[]);
    let serial = proc.shared().serial;
    sched.spawn(proc);
    let _ = sched.run(Some(serial));
}

/// Where `io` output for `device` goes.
pub enum Target {
    /// A built-in device: write at once.
    Device(Device),
    /// Another process: send it the request.
    Process(Term),
    /// A name nothing is registered under, or not a device at all.
    NoDevice,
}

/// Resolves `io`'s device argument as OTP's `io` does: `standard_io` is the
/// caller's group leader, an atom the process registered under it, a pid
/// itself.
pub fn target(proc: &Process, device: Term) -> Target {
    let pid = if device == standard_io_atom() {
        proc.shared.sig.group_leader()
    } else if tag::is_pid(device) {
        device
    } else if tag::is_atom(device) {
        match crate::process::registry::whereis(device) {
            Some(s) => s.pid(),
            None => return Target::NoDevice,
        }
    } else {
        return Target::NoDevice;
    };
    classify(pid)
}

fn classify(pid: Term) -> Target {
    let user = SERVERS[Device::Stdout.index()].load(Ordering::Relaxed);
    let dev = if pid == user || (pid == NO_SERVER && user == 0) {
        Device::Stdout
    } else if pid == SERVERS[Device::Stderr.index()].load(Ordering::Relaxed) {
        Device::Stderr
    } else {
        return Target::Process(pid);
    };
    if busy(dev) {
        Target::Process(pid)
    } else {
        Target::Device(dev)
    }
}

/// Writes characters to a device in its encoding: UTF-8 for `unicode`;
/// for `latin1`, characters up to 255 as bytes and larger ones as
/// `\x{HEX}` (what OTP's servers write for such a device).
pub fn put_text(dev: Device, text: &str) {
    if UNICODE[dev.index()].load(Ordering::Relaxed) {
        write(dev, text.as_bytes());
    } else {
        write(dev, &crate::io_bifs::device_bytes(text));
    }
}

fn put_chars(dev: Device, chars: &[u32]) {
    let text: String = chars.iter().filter_map(|&c| char::from_u32(c)).collect();
    put_text(dev, &text);
}

fn write(dev: Device, bytes: &[u8]) {
    match dev {
        Device::Stdout => crate::io_bifs::write_stdout(bytes),
        Device::Stderr => crate::io_bifs::write_stderr(bytes),
    }
}

/// The characters of `data` sent with request encoding `enc` (`latin1`
/// data holds no character above 255), or `None` if it is not such data.
pub fn request_chars(enc: Term, data: Term) -> Option<Vec<u32>> {
    if enc == latin1_atom() {
        let mut out = Vec::new();
        strings::chardata_chars(data, Encoding::Latin1, &mut out)?;
        Some(out)
    } else if enc == unicode_atom() || enc == utf8_atom() {
        let chars = strings::unicode_chardata(data)?;
        chars.iter().all(|&c| char::from_u32(c).is_some()).then_some(chars)
    } else {
        None
    }
}

/// `{device, put_chars}` / `{io, arguments}`: why a fast-path request
/// failed, as the cause `stdlib/io.erl` raises with.
pub fn failure(proc: &mut Process, from_device: bool) -> Term {
    if from_device {
        proc.tuple(&[device_atom(), put_chars_atom()])
    } else {
        proc.tuple(&[io_atom(), arguments_atom()])
    }
}

/// `erlang:'$io_format'(Device, Format, Args)` (under `io:format/1,2,3`
/// and `io:fwrite`): `ok` once written to a built-in device, the pid to
/// send the request to, or the failure cause.
#[no_mangle]
pub extern "C" fn kiln_bif_io_format_fast(p: *mut ProcessHeader, device: Term, fmt: Term, args: Term) -> Term {
    bif_return(p, |proc| {
        Ok(match target(proc, device) {
            Target::Device(dev) => match crate::format::control::format(fmt, args) {
                Ok(text) => {
                    put_text(dev, &text);
                    atoms::OK
                }
                Err(_) => failure(proc, true),
            },
            Target::Process(pid) => pid,
            Target::NoDevice => failure(proc, false),
        })
    })
}

/// `erlang:'$io_put_chars'(Device, Encoding, CharData)` (under
/// `io:put_chars/1,2` and `io:nl/0,1`): as [`kiln_bif_io_format_fast`].
#[no_mangle]
pub extern "C" fn kiln_bif_io_put_chars_fast(p: *mut ProcessHeader, device: Term, enc: Term, data: Term) -> Term {
    bif_return(p, |proc| {
        Ok(match target(proc, device) {
            Target::Device(dev) => match request_chars(enc, data) {
                Some(chars) => {
                    put_chars(dev, &chars);
                    atoms::OK
                }
                None => failure(proc, true),
            },
            Target::Process(pid) => pid,
            Target::NoDevice => failure(proc, false),
        })
    })
}

fn server_device(name: Term) -> Result<Device, Error> {
    Device::from_name(name).ok_or(Error::Badarg)
}

/// `erlang:'$io_put'(Name, Encoding, CharData)`: a server (`user` or
/// `standard_error`) writes data of request encoding `Encoding`; `ok`, or
/// `error` if it is not such data.
#[no_mangle]
pub extern "C" fn kiln_bif_io_server_put(p: *mut ProcessHeader, name: Term, enc: Term, data: Term) -> Term {
    bif_return(p, |_| {
        let dev = server_device(name)?;
        Ok(match request_chars(enc, data) {
            Some(chars) => {
                put_chars(dev, &chars);
                atoms::OK
            }
            None => crate::atom::known::ERROR,
        })
    })
}

/// `erlang:'$io_encoding'(Name)`: the device's encoding.
#[no_mangle]
pub extern "C" fn kiln_bif_io_encoding(p: *mut ProcessHeader, name: Term) -> Term {
    bif_return(p, |_| {
        let dev = server_device(name)?;
        Ok(if UNICODE[dev.index()].load(Ordering::Relaxed) { unicode_atom() } else { latin1_atom() })
    })
}

/// `erlang:'$io_set_encoding'(Name, latin1 | unicode)`.
#[no_mangle]
pub extern "C" fn kiln_bif_io_set_encoding(p: *mut ProcessHeader, name: Term, enc: Term) -> Term {
    bif_return(p, |_| {
        let dev = server_device(name)?;
        let unicode = if enc == unicode_atom() || enc == utf8_atom() {
            true
        } else if enc == latin1_atom() {
            false
        } else {
            return Err(Error::Badarg);
        };
        UNICODE[dev.index()].store(unicode, Ordering::Relaxed);
        Ok(atoms::OK)
    })
}

/// `erlang:'$io_read_line'()`: the next line of standard input (its bytes
/// up to and including `\n`, or the last unterminated ones) as a binary,
/// or `eof`. Standard output is flushed first, so a prompt shows.
#[no_mangle]
pub extern "C" fn kiln_bif_io_read_line(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| -> BifResult {
        READING.store(true, Ordering::SeqCst);
        let line = read_stdin_line();
        READING.store(false, Ordering::SeqCst);
        Ok(match line {
            Some(bytes) => crate::binary::make_binary_from_vec(proc, bytes),
            None => eof_atom(),
        })
    })
}

fn read_stdin_line() -> Option<Vec<u8>> {
    use std::io::BufRead;
    crate::io_bifs::flush_stdout();
    let mut buf = Vec::new();
    match std::io::stdin().lock().read_until(b'\n', &mut buf) {
        Ok(0) | Err(_) => None,
        Ok(n) => {
            crate::statistics::io_input(n);
            Some(buf)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_encodings() {
        let mut proc = Process::new(0);
        let s = crate::term::make_string(&mut *proc, "a\u{3bb}");
        assert_eq!(request_chars(unicode_atom(), s), Some(vec![97, 0x3bb]));
        assert_eq!(request_chars(latin1_atom(), s), None);
        let l = crate::term::make_string(&mut *proc, "\u{e9}");
        assert_eq!(request_chars(latin1_atom(), l), Some(vec![0xe9]));
        assert_eq!(request_chars(crate::atom::intern("utf16"), l), None);
    }

    #[test]
    fn without_servers_the_placeholder_leader_is_standard_output() {
        // Unit tests never start the servers (no kiln_user_io is loaded).
        assert_eq!(default_group_leader(), NO_SERVER);
        assert!(matches!(classify(NO_SERVER), Target::Device(Device::Stdout)));
        assert!(matches!(classify(tag::pid(987_654)), Target::Process(_)));
        assert!(!pending());
    }

    #[test]
    fn devices_resolve_as_io_does() {
        let proc = Process::new(0);
        assert_eq!(proc.shared.sig.group_leader(), NO_SERVER);
        assert!(matches!(target(&proc, standard_io_atom()), Target::Device(Device::Stdout)));
        let nowhere = crate::atom::intern("kiln_io_server_test_nowhere");
        assert!(matches!(target(&proc, nowhere), Target::NoDevice));
        assert!(matches!(target(&proc, tag::small(1)), Target::NoDevice));
        assert!(matches!(target(&proc, tag::pid(987_655)), Target::Process(_)));
    }
}
