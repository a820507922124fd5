//! The text forms of pids, ports and references: `erlang:pid_to_list/1`,
//! `list_to_pid/1`, `port_to_list/1`, `list_to_port/1`, `ref_to_list/1`
//! and `list_to_ref/1`.
//!
//! The `*_to_list` BIFs print exactly what `~p` prints (the same
//! functions in [`crate::format::write`]), so a text read back by the
//! `list_to_*` BIFs names the same term:
//!
//! - a pid is `<0.N.0>`, `N` its serial;
//! - a port is `#Port<0.N>`;
//! - a reference is `#Ref<0.0.Hi.Lo>`, the two halves of its 64-bit number.
//!
//! Parsing follows OTP's C code (`erts/emulator/beam/bif.c`): the list is
//! first turned into a C string of at most a fixed number of bytes (any
//! byte 0..=255, so a `0` ends the text early and anything after it is
//! ignored), then read strictly: no signs, no spaces, decimal digits with
//! leading zeros allowed. Node number 0 is this node; kiln is never
//! distributed, so any other node is `badarg`. Beyond the syntax, OTP
//! refuses identifiers its own node cannot have made (a pid number beyond
//! its process table, a reference whose scheduler id does not exist); kiln
//! refuses those its numbering cannot hold: a pid with a non-zero third
//! number or a serial beyond the immediate payload, a reference whose
//! first word is not 0.

use std::fmt::Write as _;

use crate::abi::{tag, ProcessHeader, Term};
use crate::format::write::{push_pid, push_ref};
use crate::process::signals::ref_term;
use crate::term::{bif_return, list_iter, make_string, view, BifResult, Error, TermAlloc, TermView};

/// The largest payload of an immediate (pid, port).
const PAYLOAD_MAX: u64 = (1 << (64 - tag::IMMED_PAYLOAD_SHIFT)) - 1;

/// OTP's largest internal port number (28 bits).
const PORT_MAX: u64 = (1 << 28) - 1;

/// `erlang:pid_to_list(Pid)`.
pub fn pid_to_list<H: TermAlloc + ?Sized>(h: &mut H, pid: Term) -> BifResult {
    let TermView::Pid(n) = view(pid) else {
        return Err(Error::Badarg);
    };
    let mut s = String::new();
    push_pid(&mut s, n);
    Ok(make_string(h, &s))
}

/// `erlang:port_to_list(Port)`.
pub fn port_to_list<H: TermAlloc + ?Sized>(h: &mut H, port: Term) -> BifResult {
    let TermView::Port(n) = view(port) else {
        return Err(Error::Badarg);
    };
    let mut s = String::new();
    let _ = write!(s, "#Port<0.{n}>");
    Ok(make_string(h, &s))
}

/// `erlang:ref_to_list(Ref)`.
pub fn ref_to_list<H: TermAlloc + ?Sized>(h: &mut H, r: Term) -> BifResult {
    let TermView::Ref(n) = view(r) else {
        return Err(Error::Badarg);
    };
    let mut s = String::new();
    push_ref(&mut s, n);
    Ok(make_string(h, &s))
}

/// OTP's `intlist_to_buf` into a buffer of `max` bytes, then C string
/// semantics: the bytes up to the first `0`. `None` for anything but a
/// proper list of bytes no longer than `max`.
fn c_string(list: Term, max: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for item in list_iter(list) {
        let c = item.ok()?;
        if !tag::is_small(c) || out.len() == max {
            return None;
        }
        out.push(u8::try_from(tag::small_value(c)).ok()?);
    }
    if let Some(nul) = out.iter().position(|&b| b == 0) {
        out.truncate(nul);
    }
    Some(out)
}

/// A strict reader over the bytes of an identifier's text.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn expect(&mut self, text: &[u8]) -> Option<()> {
        let end = self.at.checked_add(text.len())?;
        (self.bytes.get(self.at..end)? == text).then(|| self.at = end)
    }

    /// One or more decimal digits (wrapping like OTP's `Uint` arithmetic;
    /// the length limits keep every accepted number far from wrapping).
    fn number(&mut self) -> Option<u64> {
        let start = self.at;
        let mut v = 0u64;
        while let Some(&d) = self.bytes.get(self.at).filter(|d| d.is_ascii_digit()) {
            v = v.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
            self.at += 1;
        }
        (self.at > start).then_some(v)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }
}

/// The serial of the pid written `<A.B.C>`.
pub fn parse_pid(list: Term) -> Option<u64> {
    // OTP's limit: three 20-digit numbers and the punctuation.
    let bytes = c_string(list, 64)?;
    let mut r = Reader { bytes: &bytes, at: 0 };
    r.expect(b"<")?;
    let node = r.number()?;
    r.expect(b".")?;
    let number = r.number()?;
    r.expect(b".")?;
    let serial = r.number()?;
    r.expect(b">")?;
    (r.at_end() && node == 0 && serial == 0 && number <= PAYLOAD_MAX).then_some(number)
}

/// The number of the port written `#Port<N.P>`.
pub fn parse_port(list: Term) -> Option<u64> {
    // OTP's buffer: "#Port<", two 10-digit numbers and their separators.
    let bytes = c_string(list, 6 + 2 * 11)?;
    let mut r = Reader { bytes: &bytes, at: 0 };
    r.expect(b"#Port<")?;
    let node = r.number()?;
    r.expect(b".")?;
    let number = r.number()?;
    r.expect(b">")?;
    (r.at_end() && node == 0 && number <= PORT_MAX).then_some(number)
}

/// The number of the reference written `#Ref<N.X.Y.Z>`.
pub fn parse_ref(list: Term) -> Option<u64> {
    // OTP's buffer: "#Ref<", up to six 10-digit numbers and separators.
    let bytes = c_string(list, 5 + 6 * 11)?;
    let mut r = Reader { bytes: &bytes, at: 0 };
    r.expect(b"#Ref<")?;
    let mut words = Vec::new();
    loop {
        let w = r.number()?;
        if w > u64::from(u32::MAX) {
            return None;
        }
        words.push(w);
        if r.peek() == Some(b'>') || words.len() == 6 {
            break;
        }
        r.expect(b".")?;
    }
    r.expect(b">")?;
    if !r.at_end() {
        return None;
    }
    match words[..] {
        [0, 0, hi, lo] => Some(hi << 32 | lo),
        _ => None,
    }
}

/// `erlang:list_to_pid(String)`.
pub fn list_to_pid(list: Term) -> BifResult {
    parse_pid(list).map(tag::pid).ok_or(Error::Badarg)
}

/// `erlang:list_to_port(String)`.
pub fn list_to_port(list: Term) -> BifResult {
    parse_port(list).map(|n| (n << tag::IMMED_PAYLOAD_SHIFT) | tag::PORT).ok_or(Error::Badarg)
}

#[no_mangle]
pub extern "C" fn kiln_bif_pid_to_list(p: *mut ProcessHeader, pid: Term) -> Term {
    bif_return(p, |proc| pid_to_list(proc, pid))
}

#[no_mangle]
pub extern "C" fn kiln_bif_list_to_pid(p: *mut ProcessHeader, list: Term) -> Term {
    bif_return(p, |_| list_to_pid(list))
}

#[no_mangle]
pub extern "C" fn kiln_bif_port_to_list(p: *mut ProcessHeader, port: Term) -> Term {
    bif_return(p, |proc| port_to_list(proc, port))
}

#[no_mangle]
pub extern "C" fn kiln_bif_list_to_port(p: *mut ProcessHeader, list: Term) -> Term {
    bif_return(p, |_| list_to_port(list))
}

#[no_mangle]
pub extern "C" fn kiln_bif_ref_to_list(p: *mut ProcessHeader, r: Term) -> Term {
    bif_return(p, |proc| ref_to_list(proc, r))
}

#[no_mangle]
pub extern "C" fn kiln_bif_list_to_ref(p: *mut ProcessHeader, list: Term) -> Term {
    bif_return(p, |proc| parse_ref(list).map(|n| ref_term(proc, n)).ok_or(Error::Badarg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::testing::TestHeap;
    use crate::term::{list_to_string, make_list};

    fn text(h: &mut TestHeap, s: &str) -> Term {
        make_string(h, s)
    }

    #[test]
    fn pids_round_trip_and_follow_otp_syntax() {
        let mut h = TestHeap::new();
        let pid = tag::pid(83);
        let s = pid_to_list(&mut h, pid).unwrap();
        assert_eq!(list_to_string(s).unwrap(), "<0.83.0>");
        assert_eq!(list_to_pid(s), Ok(pid));
        assert_eq!(list_to_pid(text(&mut h, "<0.0083.00>")), Ok(pid));
        let nul = make_list(&mut h, &[60, 48, 46, 49, 46, 48, 62, 0, 120].map(tag::small));
        assert_eq!(list_to_pid(nul), Ok(tag::pid(1)));
        for bad in ["<1.2.0>", "<0.1.2>", "<0.1>", "<0.1.0.0>", " <0.1.0>", "<0.1.0> ", "<0.-1.0>", "", "<0..0>"] {
            assert_eq!(list_to_pid(text(&mut h, bad)), Err(Error::Badarg), "{bad}");
        }
        let long = format!("<0.{}1.0>", "0".repeat(60));
        assert_eq!(list_to_pid(text(&mut h, &long)), Err(Error::Badarg));
        assert_eq!(pid_to_list(&mut h, tag::small(1)), Err(Error::Badarg));
    }

    #[test]
    fn refs_round_trip() {
        let mut h = TestHeap::new();
        let n = (7u64 << 32) | 12345;
        let r = h.reference(n);
        let s = ref_to_list(&mut h, r).unwrap();
        assert_eq!(list_to_string(s).unwrap(), "#Ref<0.0.7.12345>");
        assert_eq!(parse_ref(s), Some(n));
        assert_eq!(parse_ref(text(&mut h, "#Ref<0.0.4294967295.4294967295>")), Some(u64::MAX));
        for bad in [
            "#Ref<0.1.2.3>",
            "#Ref<1.0.2.3>",
            "#Ref<0.0.2>",
            "#Ref<0.0.0.2.3>",
            "#Ref<0.0.4294967296.0>",
            "#Ref<0.0.1.1> ",
            "#Ref<0.0.1.>",
        ] {
            assert_eq!(parse_ref(text(&mut h, bad)), None, "{bad}");
        }
        assert_eq!(ref_to_list(&mut h, tag::pid(1)), Err(Error::Badarg));
    }

    #[test]
    fn ports_follow_otp_limits() {
        let mut h = TestHeap::new();
        let port = list_to_port(text(&mut h, "#Port<0.01>")).unwrap();
        assert_eq!(list_to_string(port_to_list(&mut h, port).unwrap()).unwrap(), "#Port<0.1>");
        assert!(list_to_port(text(&mut h, "#Port<0.268435455>")).is_ok());
        for bad in ["#Port<0.268435456>", "#Port<1.1>", "#Port<0.>", "#Port<0.1.2>", "#Port<00000000000000000000001.1>"]
        {
            assert_eq!(list_to_port(text(&mut h, bad)), Err(Error::Badarg), "{bad}");
        }
    }
}
