//! Encoder of the external term format: `term_to_binary/1,2` and
//! `external_size/1,2`, byte for byte as OTP 25 on a non-distributed node.
//!
//! - Integers: `SMALL_INTEGER_EXT` (0..=255), `INTEGER_EXT` (32 bits),
//!   else `SMALL_BIG_EXT` / `LARGE_BIG_EXT` (magnitude bytes, least
//!   significant first, no leading zeros).
//! - Floats: `NEW_FLOAT_EXT`; `{minor_version, 0}` gives `FLOAT_EXT`, the
//!   C `"%.20e"` text padded with NULs to 31 bytes.
//! - Atoms: with minor version 0 or 1 (OTP 25's default is 1), an atom
//!   whose characters are all latin-1 is `ATOM_EXT` (latin-1 bytes, 16-bit
//!   length, even when short); others are `SMALL_ATOM_UTF8_EXT` (up to 255
//!   UTF-8 bytes) or `ATOM_UTF8_EXT`. Minor version 2 always writes UTF-8.
//! - Lists: `STRING_EXT` for proper lists of bytes shorter than 65536
//!   elements, else `LIST_EXT` (improper tails included).
//! - Maps: `MAP_EXT` in the order of `maps:to_list/1`: key order for maps
//!   of up to 32 keys, OTP's hash-trie order for larger ones (see
//!   `term::map`; keys holding atoms sit elsewhere than in OTP's trie), or
//!   key order at every size with `deterministic`.
//! - Pids, ports and references belong to the node `nonode@nohost` with
//!   creation 0, as on a non-distributed OTP node: `NEW_PID_EXT` (ID = the
//!   low 32 bits of the pid's number, Serial = the high bits),
//!   `NEW_PORT_EXT` (`V4_PORT_EXT` above 32 bits), `NEWER_REFERENCE_EXT`
//!   with three words `[Lo, Hi, 0]` of the 64-bit reference number, which
//!   OTP prints as `#Ref<0.0.Hi.Lo>`, as kiln does.
//! - `fun M:F/A`: `EXPORT_EXT`. Local funs: `NEW_FUN_EXT` that kiln can
//!   decode but that is not OTP's: kiln has no MD5 of the module's code, so
//!   the 16-byte `Uniq` field holds the fun's 32-bit uniq (big endian) and
//!   12 zero bytes, `OldIndex`/`OldUniq` are the fun's index and uniq (as a signed 32-bit integer), and
//!   the creator pid is `<0.0.0>`. See [`super::funs`] for decoding.
//! - `compressed`: zlib (the pure-Rust `miniz_oxide` backend, so it builds
//!   for wasm32) at the requested level, used only when the result fits in
//!   the uncompressed size minus 5 bytes, OTP's rule. zlib's and
//!   miniz_oxide's deflate streams differ in general, so compressed output
//!   is decodable by OTP but not always byte-identical to it.

use crate::abi::Term;
use crate::atom;
use crate::term::{view, BigView, Error, TermView};

use super::tags::*;

pub const NEW_PID_EXT: u8 = 88;
pub const NEW_PORT_EXT: u8 = 89;
pub const NEWER_REFERENCE_EXT: u8 = 90;
pub const V4_PORT_EXT: u8 = 120;
pub const NEW_FUN_EXT: u8 = 112;
pub const BIT_BINARY_EXT: u8 = 77;
pub const COMPRESSED: u8 = 80;
pub const PID_EXT: u8 = 103;
pub const PORT_EXT: u8 = 102;
pub const REFERENCE_EXT: u8 = 101;
pub const NEW_REFERENCE_EXT: u8 = 114;

/// The node every local pid, port and reference belongs to.
pub const NODE: &str = "nonode@nohost";

/// Options of `term_to_binary/2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub minor_version: u8,
    /// zlib level, when compressing.
    pub compressed: Option<u32>,
    pub deterministic: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { minor_version: 1, compressed: None, deterministic: false }
    }
}

/// Parses an option list. `external_size/2` accepts no compression
/// options (OTP 25 raises `badarg` for them).
pub fn parse_options(list: Term, allow_compressed: bool) -> Result<Options, Error> {
    let items = crate::term::list_to_vec(list).ok_or(Error::Badarg)?;
    let mut o = Options::default();
    for it in items {
        match view(it) {
            TermView::Atom(a) if atom::name(a) == "compressed" && allow_compressed => o.compressed = Some(6),
            TermView::Atom(a) if atom::name(a) == "deterministic" => o.deterministic = true,
            TermView::Tuple([k, v]) if tag_is(*k, "minor_version") => match view(*v) {
                TermView::Small(n @ 0..=2) => o.minor_version = n as u8,
                _ => return Err(Error::Badarg),
            },
            TermView::Tuple([k, v]) if allow_compressed && tag_is(*k, "compressed") => match view(*v) {
                TermView::Small(n @ 0..=9) => o.compressed = Some(n as u32),
                _ => return Err(Error::Badarg),
            },
            _ => return Err(Error::Badarg),
        }
    }
    Ok(o)
}

fn tag_is(t: Term, name: &str) -> bool {
    crate::abi::tag::is_atom(t) && atom::name(t) == name
}

/// `term_to_binary(T, Options)`'s bytes.
pub fn term_to_binary(t: Term, o: &Options) -> Result<Vec<u8>, Error> {
    let mut out = vec![VERSION];
    encode_body(&mut out, t, o)?;
    if let Some(level) = o.compressed {
        if level > 0 {
            if let Some(c) = compress(&out[1..], level) {
                return Ok(c);
            }
        }
    }
    Ok(out)
}

/// `external_size(T, Options)`: the uncompressed encoding's length.
pub fn external_size(t: Term, o: &Options) -> Result<usize, Error> {
    Ok(term_to_binary(t, &Options { compressed: None, ..*o })?.len())
}

/// `[131, 80, Size, zlib(body)]`, if the zlib stream fits in the body's
/// size minus 5 bytes (else the caller keeps the uncompressed form).
fn compress(body: &[u8], level: u32) -> Option<Vec<u8>> {
    use std::io::Write;
    let limit = body.len().checked_sub(5)?;
    let len = u32::try_from(body.len()).ok()?;
    let mut out = vec![VERSION, COMPRESSED];
    out.extend(len.to_be_bytes());
    let mut z = flate2::write::ZlibEncoder::new(out, flate2::Compression::new(level));
    z.write_all(body).ok()?;
    let out = z.finish().ok()?;
    (out.len() - 6 <= limit).then_some(out)
}

/// A unit of pending work of the iterative encoder.
enum Work {
    Term(Term),
    /// Write the length of everything since `pos` as a 32-bit size at
    /// `pos` (`NEW_FUN_EXT`'s leading size, known after its free vars).
    PatchSize(usize),
}

fn is_byte(t: Term) -> bool {
    matches!(view(t), TermView::Small(0..=255))
}

/// Appends the encoding of `t` (without the version byte). Iterative, so
/// deep terms do not overflow the native stack.
pub fn encode_body(out: &mut Vec<u8>, t: Term, o: &Options) -> Result<(), Error> {
    let mut stack = vec![Work::Term(t)];
    while let Some(w) = stack.pop() {
        let t = match w {
            Work::Term(t) => t,
            Work::PatchSize(pos) => {
                let n = u32::try_from(out.len() - pos).map_err(|_| Error::SystemLimit)?;
                out[pos..pos + 4].copy_from_slice(&n.to_be_bytes());
                continue;
            }
        };
        match view(t) {
            TermView::Small(v) => put_int(out, v),
            TermView::Big(b) => put_big(out, b)?,
            TermView::Float(f) => put_float(out, f, o.minor_version),
            TermView::Atom(a) => put_atom(out, atom::name(a), o.minor_version),
            TermView::Nil => out.push(NIL_EXT),
            TermView::Cons(..) => {
                let mut heads = Vec::new();
                let mut cur = t;
                let mut bytes = true;
                while let TermView::Cons(h, tl) = view(cur) {
                    bytes = bytes && is_byte(h);
                    heads.push(h);
                    cur = tl;
                }
                if cur == crate::abi::tag::NIL && bytes && heads.len() < 65536 {
                    out.push(STRING_EXT);
                    out.extend((heads.len() as u16).to_be_bytes());
                    out.extend(heads.iter().map(|&h| crate::abi::tag::small_value(h) as u8));
                } else {
                    out.push(LIST_EXT);
                    out.extend(len32(heads.len())?.to_be_bytes());
                    stack.push(Work::Term(cur));
                    stack.extend(heads.into_iter().rev().map(Work::Term));
                }
            }
            TermView::Tuple(es) => {
                if es.len() < 256 {
                    out.extend([SMALL_TUPLE_EXT, es.len() as u8]);
                } else {
                    out.push(LARGE_TUPLE_EXT);
                    out.extend(len32(es.len())?.to_be_bytes());
                }
                stack.extend(es.iter().rev().map(|&e| Work::Term(e)));
            }
            TermView::Map(m) => {
                out.push(MAP_EXT);
                out.extend(len32(m.len())?.to_be_bytes());
                // OTP's order: `maps:to_list/1`'s, or key order with
                // `deterministic` (see `term::map`).
                let pairs: Vec<(Term, Term)> = if o.deterministic {
                    let (ks, vs) = m.sorted();
                    ks.iter().copied().zip(vs.iter().copied()).collect()
                } else {
                    m.list_pairs()
                };
                for (k, v) in pairs.into_iter().rev() {
                    stack.push(Work::Term(v));
                    stack.push(Work::Term(k));
                }
            }
            TermView::Fun(f) => {
                super::funs::remember(f.info);
                let pos = out.len() + 1;
                out.push(NEW_FUN_EXT);
                out.extend([0; 4]);
                out.push(f.info.arity as u8);
                out.extend(f.info.uniq.to_be_bytes());
                out.extend([0; 12]);
                out.extend(f.info.index.to_be_bytes());
                out.extend(len32(f.env.len())?.to_be_bytes());
                put_atom(out, atom::name(f.module()), o.minor_version);
                put_int(out, i64::from(f.info.index));
                // OldUniq is a 32-bit field: kiln's uniq, as signed.
                put_int(out, i64::from(f.info.uniq as i32));
                put_pid(out, 0, o.minor_version);
                stack.push(Work::PatchSize(pos));
                stack.extend(f.env.iter().rev().map(|&e| Work::Term(e)));
            }
            TermView::Export { module, function, arity } => {
                out.push(EXPORT_EXT);
                put_atom(out, atom::name(module), o.minor_version);
                put_atom(out, atom::name(function), o.minor_version);
                out.extend([SMALL_INTEGER_EXT, arity as u8]);
            }
            TermView::Binary(b) => {
                out.push(BINARY_EXT);
                out.extend(len32(b.len())?.to_be_bytes());
                out.extend_from_slice(b);
            }
            TermView::Bitstring(b) => {
                let n = b.bit_size.div_ceil(8);
                let bits = (b.bit_size % 8) as u8;
                out.push(BIT_BINARY_EXT);
                out.extend(len32(n)?.to_be_bytes());
                out.push(if bits == 0 { 8 } else { bits });
                out.extend_from_slice(&b.bytes[..n]);
                if bits != 0 {
                    // Only the used (high) bits of the last byte are defined.
                    if let Some(last) = out.last_mut() {
                        *last &= !(0xFFu8 >> bits);
                    }
                }
            }
            TermView::Pid(n) => put_pid(out, n, o.minor_version),
            TermView::Port(n) => {
                if let Ok(id) = u32::try_from(n) {
                    out.push(NEW_PORT_EXT);
                    put_atom(out, NODE, o.minor_version);
                    out.extend(id.to_be_bytes());
                } else {
                    out.push(V4_PORT_EXT);
                    put_atom(out, NODE, o.minor_version);
                    out.extend(n.to_be_bytes());
                }
                out.extend(0u32.to_be_bytes());
            }
            TermView::Ref(n) => {
                out.push(NEWER_REFERENCE_EXT);
                out.extend(3u16.to_be_bytes());
                put_atom(out, NODE, o.minor_version);
                out.extend(0u32.to_be_bytes());
                out.extend((n as u32).to_be_bytes());
                out.extend(((n >> 32) as u32).to_be_bytes());
                out.extend(0u32.to_be_bytes());
            }
            TermView::Invalid(_) => return Err(Error::Badarg),
        }
    }
    Ok(())
}

fn len32(n: usize) -> Result<u32, Error> {
    u32::try_from(n).map_err(|_| Error::SystemLimit)
}

fn put_pid(out: &mut Vec<u8>, n: u64, minor: u8) {
    out.push(NEW_PID_EXT);
    put_atom(out, NODE, minor);
    out.extend((n as u32).to_be_bytes());
    out.extend(((n >> 32) as u32).to_be_bytes());
    out.extend(0u32.to_be_bytes());
}

fn put_int(out: &mut Vec<u8>, v: i64) {
    if (0..=255).contains(&v) {
        out.extend([SMALL_INTEGER_EXT, v as u8]);
    } else if let Ok(w) = i32::try_from(v) {
        out.push(INTEGER_EXT);
        out.extend(w.to_be_bytes());
    } else {
        let mag = v.unsigned_abs().to_le_bytes();
        let n = mag.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        out.extend([SMALL_BIG_EXT, n as u8, u8::from(v < 0)]);
        out.extend_from_slice(&mag[..n]);
    }
}

fn put_big(out: &mut Vec<u8>, b: BigView<'_>) -> Result<(), Error> {
    let mut mag: Vec<u8> = b.limbs.iter().flat_map(|l| l.to_le_bytes()).collect();
    while mag.last() == Some(&0) {
        mag.pop();
    }
    if mag.len() < 256 {
        out.extend([SMALL_BIG_EXT, mag.len() as u8]);
    } else {
        out.push(LARGE_BIG_EXT);
        out.extend(len32(mag.len())?.to_be_bytes());
    }
    out.push(u8::from(b.negative));
    out.extend(mag);
    Ok(())
}

fn put_float(out: &mut Vec<u8>, f: f64, minor: u8) {
    if minor == 0 {
        out.push(FLOAT_EXT);
        let mut text = c_exp20(f).into_bytes();
        text.resize(31, 0);
        out.extend(text);
    } else {
        out.push(NEW_FLOAT_EXT);
        out.extend(f.to_bits().to_be_bytes());
    }
}

/// C's `printf("%.20e", f)`: Rust's `{:.20e}` with the exponent written
/// as a sign and at least two digits.
fn c_exp20(f: f64) -> String {
    let s = format!("{f:.20e}");
    match s.split_once('e') {
        Some((mant, exp)) => {
            let e: i32 = exp.parse().unwrap_or(0);
            format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.unsigned_abs())
        }
        None => s,
    }
}

/// Writes an atom by name (see the module docs for the tag chosen).
pub fn put_atom(out: &mut Vec<u8>, name: &str, minor: u8) {
    if minor < 2 && name.chars().all(|c| (c as u32) < 256) {
        out.push(ATOM_EXT);
        out.extend((name.chars().count() as u16).to_be_bytes());
        out.extend(name.chars().map(|c| c as u8));
    } else if name.len() < 256 {
        out.extend([SMALL_ATOM_UTF8_EXT, name.len() as u8]);
        out.extend_from_slice(name.as_bytes());
    } else {
        out.push(ATOM_UTF8_EXT);
        out.extend((name.len() as u16).to_be_bytes());
        out.extend_from_slice(name.as_bytes());
    }
}
