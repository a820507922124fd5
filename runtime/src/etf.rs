//! Decoder of Erlang's external term format (`term_to_binary`'s encoding).
//!
//! Module literals arrive in this form (the code generator emits them so
//! the object file need not know the heap layout) and are decoded once at
//! start-up into the literal area; `binary_to_term/1` will decode into a
//! process heap. The input is untrusted in the second case, so the decoder
//! is bounds-checked everywhere and returns an [`EtfError`] on malformed
//! input, never panicking.
//!
//! Decoding takes two passes so that the caller can allocate exactly once:
//! [`plan`] validates the whole input, interns its atoms and counts the
//! words the term needs; [`Plan::build`] writes the term into memory of
//! that size. Neither pass recurses (a counter of pending terms in the
//! first, a stack of destination slots in the second), so deeply nested
//! input cannot overflow the native stack.
//!
//! Supported tags: `SMALL_INTEGER_EXT`, `INTEGER_EXT`, `SMALL_BIG_EXT`,
//! `LARGE_BIG_EXT`, `NEW_FLOAT_EXT`, `FLOAT_EXT`, the four atom tags,
//! `SMALL_TUPLE_EXT`, `LARGE_TUPLE_EXT`, `NIL_EXT`, `STRING_EXT`,
//! `LIST_EXT`, `BINARY_EXT`, `BIT_BINARY_EXT`, `MAP_EXT` and `EXPORT_EXT`.
//! Binaries over 64 bytes become `REFC_BIN` (bytes off-heap; a literal's
//! reference is never released) and bitstrings a `SUB_BIN` over a binary.
//! Pids, ports, references and local funs (`NEW_FUN_EXT`) are handled by
//! [`ext`] (all decode to local ones; a local fun only if this program
//! encoded it, see [`funs`]); `binary_to_term` inflates compressed input
//! first (`bifs::external`) and may ask for `[safe]` decoding
//! ([`DecodeOptions`]). The encoder is [`encode`]. Maps are built in the runtime's
//! one map layout (keys sorted in map key order, see `term::map`).

use crate::abi::{header, tag, Term};
use crate::atom::{self, AtomError};
use crate::binary::{OffHeap, OffHeapBin};
use crate::process::Process;

pub use kiln_abi::etf_tags as tags;
use tags::*;

/// Why input could not be decoded (`binary_to_term` raises `badarg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EtfError {
    /// The input ended inside a term.
    Truncated,
    /// The first byte is not 131.
    BadVersion(u8),
    /// Bytes remain after the term.
    TrailingBytes,
    /// A tag this decoder does not know or does not support yet.
    Unsupported(u8),
    /// An atom name that is not valid UTF-8.
    BadUtf8,
    /// An atom over the length limit, or the atom table is full.
    Atom(AtomError),
    /// A float that is not finite, or a `FLOAT_EXT` that does not parse.
    BadFloat,
    /// A bignum sign byte other than 0 or 1.
    BadSign,
    /// An integer over the runtime's bignum limit, or a size that overflows.
    TooLarge,
    /// `EXPORT_EXT` whose parts are not atom, atom, small integer.
    BadExport,
    /// A map with two equal keys.
    DuplicateKey,
    /// A `BIT_BINARY_EXT` whose bit count does not fit its length.
    BadBitstring,
    /// `binary_to_term(B, [safe])` would have created an atom.
    NewAtom,
    /// A local fun this program cannot find the code of (see `etf::funs`).
    UnknownFun,
    /// A compressed term whose zlib data or size is wrong.
    BadCompression,
}

impl std::fmt::Display for EtfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EtfError::Truncated => write!(f, "truncated term"),
            EtfError::BadVersion(v) => write!(f, "bad version byte {v}"),
            EtfError::TrailingBytes => write!(f, "bytes after the term"),
            EtfError::Unsupported(t) => write!(f, "unsupported tag {t}"),
            EtfError::BadUtf8 => write!(f, "atom is not UTF-8"),
            EtfError::Atom(e) => write!(f, "{e}"),
            EtfError::BadFloat => write!(f, "bad float"),
            EtfError::BadSign => write!(f, "bad bignum sign"),
            EtfError::TooLarge => write!(f, "term too large"),
            EtfError::BadExport => write!(f, "malformed external fun"),
            EtfError::DuplicateKey => write!(f, "duplicate map key"),
            EtfError::BadBitstring => write!(f, "bad bitstring bit count"),
            EtfError::NewAtom => write!(f, "unsafe: would create an atom"),
            EtfError::UnknownFun => write!(f, "unknown local fun"),
            EtfError::BadCompression => write!(f, "bad compressed term"),
        }
    }
}

impl std::error::Error for EtfError {}

type Result<T> = std::result::Result<T, EtfError>;

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// `[safe]`: atoms must exist already.
    safe: bool,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or(EtfError::Truncated)?;
        let s = self.bytes.get(self.pos..end).ok_or(EtfError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<usize> {
        let b = self.take(2)?;
        Ok(usize::from(u16::from_be_bytes([b[0], b[1]])))
    }
    fn u32(&mut self) -> Result<usize> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }
    /// A count of items that each take at least `per_item` more bytes.
    fn count(&mut self, n: usize, per_item: usize) -> Result<usize> {
        if n.checked_mul(per_item).is_none_or(|b| b > self.remaining()) {
            return Err(EtfError::Truncated);
        }
        Ok(n)
    }
}

/// Reads an atom's name after its tag and interns it.
fn read_atom(r: &mut Reader<'_>, tag_byte: u8) -> Result<Term> {
    let len = match tag_byte {
        ATOM_EXT | ATOM_UTF8_EXT => r.u16()?,
        _ => usize::from(r.u8()?),
    };
    let bytes = r.take(len)?;
    let name: std::borrow::Cow<'_, str> = match tag_byte {
        ATOM_EXT | SMALL_ATOM_EXT => bytes.iter().map(|&b| char::from(b)).collect::<String>().into(),
        _ => std::str::from_utf8(bytes).map_err(|_| EtfError::BadUtf8)?.into(),
    };
    if r.safe {
        return atom::lookup(&name).ok_or(EtfError::NewAtom);
    }
    atom::try_intern(&name).map_err(EtfError::Atom)
}

fn is_atom_tag(t: u8) -> bool {
    matches!(t, ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT)
}

/// Reads the three parts of an `EXPORT_EXT`.
fn read_export(r: &mut Reader<'_>) -> Result<(Term, Term, i64)> {
    let mut atoms = [0; 2];
    for a in &mut atoms {
        let t = r.u8()?;
        if !is_atom_tag(t) {
            return Err(EtfError::BadExport);
        }
        *a = read_atom(r, t)?;
    }
    if r.u8()? != SMALL_INTEGER_EXT {
        return Err(EtfError::BadExport);
    }
    Ok((atoms[0], atoms[1], i64::from(r.u8()?)))
}

/// A bignum's value: a small integer, or limbs for a boxed one.
enum BigValue {
    Small(i64),
    Boxed { negative: bool, limbs: Vec<u64> },
}

/// Normalises little-endian magnitude `digits` with `sign` (0 or 1).
fn big_value(sign: u8, digits: &[u8]) -> Result<BigValue> {
    if sign > 1 {
        return Err(EtfError::BadSign);
    }
    let len = digits.iter().rposition(|&d| d != 0).map_or(0, |i| i + 1);
    let digits = &digits[..len];
    let negative = sign == 1;
    if len <= 8 {
        let mut w = [0u8; 8];
        w[..len].copy_from_slice(digits);
        let v = u64::from_le_bytes(w);
        let fits = if negative { v <= 1 << 60 } else { v < 1 << 60 };
        if fits {
            return Ok(BigValue::Small(if negative { (v as i64).wrapping_neg() } else { v as i64 }));
        }
    }
    let limbs: Vec<u64> = digits
        .chunks(8)
        .map(|c| {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            u64::from_le_bytes(w)
        })
        .collect();
    if limbs.len() > crate::term::MAX_BIG_LIMBS {
        return Err(EtfError::TooLarge);
    }
    Ok(BigValue::Boxed { negative, limbs })
}

fn read_big(r: &mut Reader<'_>, tag_byte: u8) -> Result<BigValue> {
    let n = if tag_byte == SMALL_BIG_EXT { usize::from(r.u8()?) } else { r.u32()? };
    let sign = r.u8()?;
    big_value(sign, r.take(n)?)
}

fn read_float(r: &mut Reader<'_>, tag_byte: u8) -> Result<f64> {
    let f = if tag_byte == NEW_FLOAT_EXT {
        let b = r.take(8)?;
        f64::from_bits(u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    } else {
        let b = r.take(31)?;
        let text = std::str::from_utf8(b).map_err(|_| EtfError::BadFloat)?;
        text.trim_end_matches('\0').trim().parse::<f64>().map_err(|_| EtfError::BadFloat)?
    };
    if f.is_finite() {
        Ok(f)
    } else {
        Err(EtfError::BadFloat)
    }
}

/// A validated input, ready to be built into `words` words.
#[derive(Debug)]
pub struct Plan<'a> {
    body: &'a [u8],
    words: usize,
    safe: bool,
}

impl Plan<'_> {
    /// Words the term needs.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Bytes of the input the term takes, the version byte included.
    pub fn used(&self) -> usize {
        self.body.len() + 1
    }
}

fn add(a: usize, b: usize) -> Result<usize> {
    a.checked_add(b).ok_or(EtfError::TooLarge)
}

/// Validates `bytes` (starting with the version byte) and counts the words
/// the term needs. Interns the atoms it contains.
pub fn plan(bytes: &[u8]) -> Result<Plan<'_>> {
    plan_with(bytes, DecodeOptions::default())
}

/// How `binary_to_term/2` decodes (see `etf::ext`).
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// Refuse to create atoms (`[safe]`).
    pub safe: bool,
    /// Ignore bytes after the term, as `binary_to_term` does.
    pub allow_trailing: bool,
}

/// [`plan`] with options.
pub fn plan_with(bytes: &[u8], opts: DecodeOptions) -> Result<Plan<'_>> {
    let mut r = Reader { bytes, pos: 0, safe: opts.safe };
    let v = r.u8()?;
    if v != VERSION {
        return Err(EtfError::BadVersion(v));
    }
    let body = &bytes[1..];
    let mut words = 0usize;
    let mut pending = 1usize;
    while pending > 0 {
        pending -= 1;
        let t = r.u8()?;
        match t {
            SMALL_INTEGER_EXT => drop(r.u8()?),
            INTEGER_EXT => drop(r.u32()?),
            NEW_FLOAT_EXT | FLOAT_EXT => {
                read_float(&mut r, t)?;
                words = add(words, 2)?;
            }
            SMALL_BIG_EXT | LARGE_BIG_EXT => {
                if let BigValue::Boxed { limbs, .. } = read_big(&mut r, t)? {
                    words = add(words, 1 + limbs.len())?;
                }
            }
            t if is_atom_tag(t) => drop(read_atom(&mut r, t)?),
            SMALL_TUPLE_EXT | LARGE_TUPLE_EXT => {
                let n = if t == SMALL_TUPLE_EXT { usize::from(r.u8()?) } else { r.u32()? };
                let n = r.count(n, 1)?;
                words = add(words, 1 + n)?;
                pending = add(pending, n)?;
            }
            NIL_EXT => {}
            STRING_EXT => {
                let n = r.u16()?;
                r.take(n)?;
                words = add(words, 2 * n)?;
            }
            LIST_EXT => {
                let n = r.u32()?;
                let n = r.count(n, 1)?;
                words = add(words, 2 * n)?;
                pending = add(pending, n + 1)?;
            }
            BINARY_EXT => {
                let n = r.u32()?;
                r.take(n)?;
                words = add(words, binary_words(n))?;
            }
            BIT_BINARY_EXT => {
                let n = r.u32()?;
                let bits = r.u8()?;
                r.take(n)?;
                words = add(words, binary_words(n))?;
                if bit_binary_is_partial(n, bits)? {
                    words = add(words, 4)?;
                }
            }
            MAP_EXT => {
                let n = r.u32()?;
                let n = r.count(n, 2)?;
                words = add(words, 2 * n + 3)?;
                pending = add(pending, 2 * n)?;
            }
            EXPORT_EXT => {
                read_export(&mut r)?;
                words = add(words, 4)?;
            }
            other => {
                let (w, p) = ext::plan_tag(&mut r, other)?;
                words = add(words, w)?;
                pending = add(pending, p)?;
            }
        }
    }
    if r.remaining() != 0 && !opts.allow_trailing {
        return Err(EtfError::TrailingBytes);
    }
    Ok(Plan { body: &body[..r.pos - 1], words, safe: opts.safe })
}

/// `BIT_BINARY_EXT`: a bitstring (`Len`, bits used in the last byte, bytes).
/// The runtime's encoder does not produce it; defined here rather than in
/// `etf_tags` because only the decoder needs it.
const BIT_BINARY_EXT: u8 = 77;

/// Words of the binary object holding `n` bytes: a heap binary, or a
/// `REFC_BIN` (whose bytes are off-heap).
fn binary_words(n: usize) -> usize {
    if n <= crate::binary::HEAP_BIN_MAX {
        2 + n.div_ceil(8)
    } else {
        3
    }
}

/// Whether a `BIT_BINARY_EXT` of `n` bytes whose last byte has `bits` bits
/// is a true bitstring (a `SUB_BIN` over the binary); a malformed count
/// is an error.
fn bit_binary_is_partial(n: usize, bits: u8) -> Result<bool> {
    match (n, bits) {
        (0, 0) => Ok(false),
        (0, _) | (_, 0) | (_, 9..) => Err(EtfError::BadBitstring),
        (_, 8) => Ok(false),
        _ => Ok(true),
    }
}

/// Writes a binary of `bytes` at `p` (`binary_words(bytes.len())` words).
///
/// # Safety
/// `p` must be valid for writing that many words.
unsafe fn write_binary(p: *mut Term, bytes: &[u8], off_heap: &mut OffHeap) -> Term {
    let n = bytes.len();
    // SAFETY: per the caller, `p` has `binary_words(n)` words.
    unsafe {
        if n > crate::binary::HEAP_BIN_MAX {
            let bin = OffHeapBin::new(bytes.to_vec());
            p.write(header::make(header::REFC_BIN, 2));
            p.add(1).write(n as u64);
            p.add(2).write(bin as usize as u64);
            off_heap.push(p, bin);
            return tag::boxed(p);
        }
        let body = n.div_ceil(8);
        p.write(header::make(header::HEAP_BIN, 1 + body as u64));
        p.add(1).write(n as u64);
        if body > 0 {
            p.add(1 + body).write(0); // zero the padding
        }
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.add(2) as *mut u8, n);
        tag::boxed(p)
    }
}

/// Bump allocator over the caller's block.
struct Bump {
    top: *mut Term,
    end: *mut Term,
}

impl Bump {
    fn take(&mut self, n: usize) -> Result<*mut Term> {
        let avail = (self.end as usize - self.top as usize) / 8;
        if n > avail {
            return Err(EtfError::TooLarge); // the plan and the input disagree
        }
        let p = self.top;
        self.top = self.top.wrapping_add(n);
        Ok(p)
    }
}

impl Plan<'_> {
    /// Builds the term into `mem`.
    ///
    /// # Safety
    /// `mem` must be valid for writing [`Plan::words`] words, and stay in
    /// place (not be collected) until the term is rooted.
    ///
    /// Off-heap binaries the term holds are listed in `off_heap`, which then
    /// owns their references.
    ///
    /// Maps of more than 32 keys become tries (see `term::map_trie`), in
    /// memory from `extra`, asked once per such map for its exact size.
    pub unsafe fn build(
        &self,
        mem: *mut Term,
        off_heap: &mut OffHeap,
        extra: &mut dyn FnMut(usize) -> *mut Term,
    ) -> Result<Term> {
        let mut r = Reader { bytes: self.body, pos: 0, safe: self.safe };
        let mut bump = Bump { top: mem, end: mem.wrapping_add(self.words) };
        let mut root = tag::NIL;
        let mut dests: Vec<*mut Term> = vec![&mut root];
        let mut maps: Vec<(*mut Term, usize, *mut Term)> = Vec::new();
        while let Some(dst) = dests.pop() {
            let t = r.u8()?;
            // SAFETY: every pointer written below comes from `bump`, which
            // stays within the `words` words the caller provided, or is a
            // destination slot inside an object allocated from it (or
            // `root`).
            let term = unsafe {
                match t {
                    SMALL_INTEGER_EXT => tag::small(i64::from(r.u8()?)),
                    INTEGER_EXT => tag::small(i64::from(r.u32()? as u32 as i32)),
                    NEW_FLOAT_EXT | FLOAT_EXT => {
                        let f = read_float(&mut r, t)?;
                        let p = bump.take(2)?;
                        p.write(header::make(header::FLOAT, 1));
                        p.add(1).write(f.to_bits());
                        tag::boxed(p)
                    }
                    SMALL_BIG_EXT | LARGE_BIG_EXT => match read_big(&mut r, t)? {
                        BigValue::Small(v) => tag::small(v),
                        BigValue::Boxed { negative, limbs } => {
                            let p = bump.take(1 + limbs.len())?;
                            let sub = if negative { header::NEG_BIG } else { header::POS_BIG };
                            p.write(header::make(sub, limbs.len() as u64));
                            std::ptr::copy_nonoverlapping(limbs.as_ptr(), p.add(1), limbs.len());
                            tag::boxed(p)
                        }
                    },
                    t if is_atom_tag(t) => read_atom(&mut r, t)?,
                    SMALL_TUPLE_EXT | LARGE_TUPLE_EXT => {
                        let n = if t == SMALL_TUPLE_EXT { usize::from(r.u8()?) } else { r.u32()? };
                        let p = bump.take(1 + n)?;
                        p.write(header::tuple(n as u64));
                        dests.extend((0..n).rev().map(|i| p.add(1 + i)));
                        tag::boxed(p)
                    }
                    NIL_EXT => tag::NIL,
                    STRING_EXT => {
                        let n = r.u16()?;
                        let chars = r.take(n)?;
                        let p = bump.take(2 * n)?;
                        build_cells(p, n, |i| tag::small(i64::from(chars[i])), tag::NIL)
                    }
                    LIST_EXT => {
                        let n = r.u32()?;
                        if n == 0 {
                            dests.push(dst); // `[] ++ Tail` is the tail itself
                            continue;
                        }
                        let p = bump.take(2 * n)?;
                        let list = build_cells(p, n, |_| tag::NIL, tag::NIL);
                        dests.push(p.add(2 * n - 1)); // the tail, decoded last
                        dests.extend((0..n).rev().map(|i| p.add(2 * i)));
                        list
                    }
                    BINARY_EXT => {
                        let n = r.u32()?;
                        let bytes = r.take(n)?;
                        let p = bump.take(binary_words(n))?;
                        write_binary(p, bytes, off_heap)
                    }
                    BIT_BINARY_EXT => {
                        let n = r.u32()?;
                        let bits = r.u8()?;
                        let bytes = r.take(n)?;
                        let p = bump.take(binary_words(n))?;
                        let bin = write_binary(p, bytes, off_heap);
                        if bit_binary_is_partial(n, bits)? {
                            let s = bump.take(4)?;
                            s.write(header::make(header::SUB_BIN, 3));
                            s.add(1).write(((n - 1) * 8 + usize::from(bits)) as u64);
                            s.add(2).write(0);
                            s.add(3).write(bin);
                            tag::boxed(s)
                        } else {
                            bin
                        }
                    }
                    MAP_EXT => {
                        let n = r.u32()?;
                        let keys = bump.take(1 + n)?;
                        keys.write(header::tuple(n as u64));
                        let map = bump.take(n + 2)?;
                        map.write(header::make(header::MAP, 1 + n as u64));
                        map.add(1).write(tag::boxed(keys));
                        for i in (0..n).rev() {
                            dests.push(map.add(2 + i));
                            dests.push(keys.add(1 + i));
                        }
                        maps.push((map, n, dst));
                        tag::boxed(map)
                    }
                    EXPORT_EXT => {
                        let (m, f, a) = read_export(&mut r)?;
                        let p = bump.take(4)?;
                        p.write(header::make(header::EXPORT, 3));
                        p.add(1).write(m);
                        p.add(2).write(f);
                        p.add(3).write(tag::small(a));
                        tag::boxed(p)
                    }
                    other => ext::build_tag(&mut r, other, &mut bump, &mut dests)?,
                }
            };
            // SAFETY: `dst` is `root` or a slot of an object built above.
            unsafe { dst.write(term) };
        }
        // Inner maps were created later: sort them first, so that outer
        // maps whose keys contain maps compare sorted keys.
        for &(map, n, dst) in maps.iter().rev() {
            // SAFETY: `map` is a MAP object built above, fully written now.
            unsafe { sort_map(map, n)? };
            if n > crate::term::FLATMAP_MAX {
                // SAFETY: the sorted MAP object's words: keys tuple, values.
                let pairs: Vec<(Term, Term)> = unsafe {
                    let keys = tag::boxed_ptr(*map.add(1)).add(1);
                    (0..n).map(|i| (*keys.add(i), *map.add(2 + i))).collect()
                };
                let trie = crate::term::map_trie::build_trie_with(extra, &pairs);
                // SAFETY: `dst` is `root` or the slot of an object built
                // above that held the flat map; the trie replaces it.
                unsafe { dst.write(trie) };
            }
        }
        Ok(root)
    }
}

/// Links `n` cons cells at `p` into a list ending in `tail`, heads from
/// `head(i)`.
///
/// # Safety
/// `p` must be valid for writing `2 * n` words, `n > 0`.
unsafe fn build_cells(p: *mut Term, n: usize, head: impl Fn(usize) -> Term, tail: Term) -> Term {
    for i in 0..n {
        // SAFETY: cell `i` is within the `2 * n` words.
        unsafe {
            let cell = p.add(2 * i);
            cell.write(head(i));
            cell.add(1).write(if i + 1 < n { tag::list(p.add(2 * i + 2)) } else { tail });
        }
    }
    tag::list(p)
}

/// Sorts a flat map's keys (and values with them) in term order.
///
/// # Safety
/// `map` must be a fully built MAP object with `n` keys.
unsafe fn sort_map(map: *mut Term, n: usize) -> Result<()> {
    if n < 2 {
        return Ok(());
    }
    // SAFETY: per the caller: word 1 is the keys tuple, words 2.. the values.
    unsafe {
        let keys = tag::boxed_ptr(*map.add(1)).add(1);
        let vals = map.add(2);
        let mut pairs: Vec<(Term, Term)> = (0..n).map(|i| (*keys.add(i), *vals.add(i))).collect();
        pairs.sort_by(|a, b| crate::compare::compare_exact(a.0, b.0));
        if pairs.windows(2).any(|w| crate::compare::exact_eq(w[0].0, w[1].0)) {
            return Err(EtfError::DuplicateKey);
        }
        for (i, (k, v)) in pairs.into_iter().enumerate() {
            keys.add(i).write(k);
            vals.add(i).write(v);
        }
    }
    Ok(())
}

/// Decodes `bytes` into the literal area (never collected).
pub fn decode_literal(bytes: &[u8]) -> Result<Term> {
    let plan = plan(bytes)?;
    let mem = crate::heap::alloc_literal(plan.words());
    let mut off_heap = OffHeap::default();
    // SAFETY: `mem` is fresh literal memory of exactly `plan.words()`
    // words, never moved or freed; so is every block `extra` hands out.
    let t = unsafe { plan.build(mem, &mut off_heap, &mut crate::heap::alloc_literal) };
    // Literals live forever, and so do the binaries they hold.
    off_heap.leak();
    t
}

/// Decodes `bytes` onto `proc`'s heap (without collecting).
pub fn decode_in(proc: &mut Process, bytes: &[u8]) -> Result<Term> {
    let plan = plan(bytes)?;
    let mem = proc.alloc(plan.words());
    let mut off_heap = OffHeap::default();
    // SAFETY: `alloc` returned `plan.words()` fresh words that stay put
    // until the next collection, after the caller has rooted the result
    // (and so do the words `extra` allocates).
    let t = unsafe { plan.build(mem, &mut off_heap, &mut |n| proc.alloc(n)) };
    proc.heap.off_heap.append(&mut off_heap);
    t
}

pub mod encode;
mod ext;
pub mod funs;
#[cfg(test)]
mod tests;
