//! The decoder's tags beyond module literals: pids, ports, references and
//! local funs, for `binary_to_term`. Both passes of the decoder call in
//! here for a tag they do not handle themselves: [`plan_tag`] validates and
//! sizes, [`build_tag`] writes.
//!
//! kiln has one node, so the node name and creation are read and ignored;
//! every pid, port and reference decodes to a local one:
//!
//! - a pid's number is `ID | Serial << 32` (the inverse of the encoder);
//! - a port's number is its ID;
//! - a reference's number is `W0 | W1 << 32`; further words (OTP's refs
//!   have three, the third zero in kiln's own) are folded in, so a
//!   reference from OTP decodes to a reference that compares equal to
//!   itself decoded again, though not to anything else kiln made.
//!
//! A local fun (`NEW_FUN_EXT`) decodes only if this program encoded it
//! (see `etf::funs`); its free variables are decoded like any term.

use super::encode::{
    NEWER_REFERENCE_EXT, NEW_FUN_EXT, NEW_PID_EXT, NEW_PORT_EXT, NEW_REFERENCE_EXT, PID_EXT, PORT_EXT, REFERENCE_EXT,
    V4_PORT_EXT,
};
use super::tags::*;
use super::{is_atom_tag, read_atom, Bump, EtfError, Reader, Result};
use crate::abi::{header, tag, FunInfo, Term};

/// The largest payload of an immediate (pid, port).
const PAYLOAD_MASK: u64 = (1 << (64 - tag::IMMED_PAYLOAD_SHIFT)) - 1;

/// Skips a node name (an atom, not interned: pids are always local).
fn skip_node(r: &mut Reader<'_>) -> Result<()> {
    let t = r.u8()?;
    let len = match t {
        ATOM_EXT | ATOM_UTF8_EXT => r.u16()?,
        SMALL_ATOM_EXT | SMALL_ATOM_UTF8_EXT => usize::from(r.u8()?),
        other => return Err(EtfError::Unsupported(other)),
    };
    r.take(len)?;
    Ok(())
}

fn u32_of(r: &mut Reader<'_>) -> Result<u64> {
    Ok(r.u32()? as u64)
}

/// A pid's number after its tag.
fn read_pid(r: &mut Reader<'_>, t: u8) -> Result<u64> {
    skip_node(r)?;
    let id = u32_of(r)?;
    let serial = u32_of(r)?;
    if t == NEW_PID_EXT {
        r.take(4)?;
    } else {
        r.u8()?;
    }
    Ok((id | serial << 32) & PAYLOAD_MASK)
}

fn read_port(r: &mut Reader<'_>, t: u8) -> Result<u64> {
    skip_node(r)?;
    let id = if t == V4_PORT_EXT {
        let b = r.take(8)?;
        u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    } else {
        u32_of(r)?
    };
    if t == PORT_EXT {
        r.u8()?;
    } else {
        r.take(4)?;
    }
    Ok(id & PAYLOAD_MASK)
}

fn read_ref(r: &mut Reader<'_>, t: u8) -> Result<u64> {
    let words = if t == REFERENCE_EXT {
        skip_node(r)?;
        let id = u32_of(r)?;
        r.u8()?;
        return Ok(id);
    } else {
        let n = r.u16()?;
        skip_node(r)?;
        if t == NEWER_REFERENCE_EXT {
            r.take(4)?;
        } else {
            r.u8()?;
        }
        if !(1..=5).contains(&n) {
            return Err(EtfError::Unsupported(t));
        }
        n
    };
    let mut v = 0u64;
    for i in 0..words {
        let w = u32_of(r)?;
        v ^= match i {
            0 => w,
            1 => w << 32,
            _ => w.rotate_left(13 * i as u32 + 7),
        };
    }
    Ok(v)
}

/// An integer encoded as `SMALL_INTEGER_EXT` or `INTEGER_EXT`.
fn read_small_int(r: &mut Reader<'_>) -> Result<i64> {
    match r.u8()? {
        SMALL_INTEGER_EXT => Ok(i64::from(r.u8()?)),
        INTEGER_EXT => Ok(i64::from(r.u32()? as u32 as i32)),
        other => Err(EtfError::Unsupported(other)),
    }
}

/// The fixed part of a `NEW_FUN_EXT`: its description and free var count.
fn read_fun(r: &mut Reader<'_>) -> Result<(&'static FunInfo, usize)> {
    let size = r.u32()?;
    if size < 4 || size > r.remaining() + 4 {
        return Err(EtfError::Truncated);
    }
    let arity = r.u8()?;
    let uniq16 = r.take(16)?;
    let uniq = u32::from_be_bytes([uniq16[0], uniq16[1], uniq16[2], uniq16[3]]);
    let index = r.u32()? as u32;
    let num_free = r.u32()?;
    let t = r.u8()?;
    if !is_atom_tag(t) {
        return Err(EtfError::UnknownFun);
    }
    let module = read_atom(r, t)?;
    read_small_int(r)?;
    read_small_int(r)?;
    match r.u8()? {
        t @ (NEW_PID_EXT | PID_EXT) => drop(read_pid(r, t)?),
        other => return Err(EtfError::Unsupported(other)),
    }
    let num_free = r.count(num_free, 1)?;
    let info = super::funs::find(module, index, uniq).ok_or(EtfError::UnknownFun)?;
    if info.arity != u32::from(arity) || info.num_free as usize != num_free {
        return Err(EtfError::UnknownFun);
    }
    Ok((info, num_free))
}

/// First pass: validates the term after tag `t` (its fixed part) and
/// returns (words it needs, nested terms that follow).
pub(super) fn plan_tag(r: &mut Reader<'_>, t: u8) -> Result<(usize, usize)> {
    match t {
        NEW_PID_EXT | PID_EXT => read_pid(r, t).map(|_| (0, 0)),
        NEW_PORT_EXT | PORT_EXT | V4_PORT_EXT => read_port(r, t).map(|_| (0, 0)),
        NEWER_REFERENCE_EXT | NEW_REFERENCE_EXT | REFERENCE_EXT => read_ref(r, t).map(|_| (2, 0)),
        NEW_FUN_EXT => read_fun(r).map(|(_, n)| (2 + n, n)),
        other => Err(EtfError::Unsupported(other)),
    }
}

/// Second pass: builds the term after tag `t`; slots for nested terms go
/// on `dests` (decoded next, in order).
pub(super) fn build_tag(r: &mut Reader<'_>, t: u8, bump: &mut Bump, dests: &mut Vec<*mut Term>) -> Result<Term> {
    match t {
        NEW_PID_EXT | PID_EXT => Ok(tag::pid(read_pid(r, t)?)),
        NEW_PORT_EXT | PORT_EXT | V4_PORT_EXT => Ok((read_port(r, t)? << tag::IMMED_PAYLOAD_SHIFT) | tag::PORT),
        NEWER_REFERENCE_EXT | NEW_REFERENCE_EXT | REFERENCE_EXT => {
            let n = read_ref(r, t)?;
            let p = bump.take(2)?;
            // SAFETY: `bump` handed out two words within the caller's block.
            unsafe {
                p.write(header::make(header::REF, 1));
                p.add(1).write(n);
            }
            Ok(tag::boxed(p))
        }
        NEW_FUN_EXT => {
            let (info, n) = read_fun(r)?;
            let p = bump.take(2 + n)?;
            // SAFETY: `bump` handed out 2 + n words within the caller's
            // block; the env slots are filled by the decoder later (they
            // hold `[]` until then, a valid term).
            unsafe {
                p.write(header::make(header::FUN, 1 + n as u64));
                p.add(1).write(info as *const FunInfo as usize as u64);
                for i in 0..n {
                    p.add(2 + i).write(tag::NIL);
                }
                dests.extend((0..n).rev().map(|i| p.add(2 + i)));
            }
            Ok(tag::boxed(p))
        }
        other => Err(EtfError::Unsupported(other)),
    }
}
