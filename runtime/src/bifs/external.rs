//! The external term format BIFs: `term_to_binary/1,2`,
//! `binary_to_term/1,2` and `external_size/1,2`. The encoder is
//! `etf::encode`; decoding uses the one decoder, `etf`, onto the process
//! heap (the compressed form is inflated first).

use crate::abi::{ProcessHeader, Term};
use crate::atom;
use crate::binary::{make_binary, OffHeap};
use crate::etf::encode::{self, Options, COMPRESSED};
use crate::etf::{plan_with, tags::VERSION, DecodeOptions, EtfError};
use crate::term::{bif_return, list_to_vec, make_int, make_tuple, view, BifResult, Error, TermAlloc, TermView};

/// `term_to_binary(T, Options)`.
pub fn term_to_binary<H: TermAlloc + ?Sized>(h: &mut H, t: Term, opts: &Options) -> BifResult {
    let bytes = encode::term_to_binary(t, opts)?;
    Ok(make_binary(h, &bytes))
}

/// `external_size(T, Options)`.
pub fn external_size(t: Term, opts: Term) -> BifResult {
    let o = encode::parse_options(opts, false)?;
    let n = encode::external_size(t, &o)?;
    Ok(crate::abi::tag::small(n as i64))
}

/// `binary_to_term/2`'s options: (safe, used).
fn parse_decode_options(list: Term) -> Result<(bool, bool), Error> {
    let mut safe = false;
    let mut used = false;
    for it in list_to_vec(list).ok_or(Error::Badarg)? {
        match view(it) {
            TermView::Atom(a) if atom::name(a) == "safe" => safe = true,
            TermView::Atom(a) if atom::name(a) == "used" => used = true,
            _ => return Err(Error::Badarg),
        }
    }
    Ok((safe, used))
}

/// Inflates a compressed term (`bytes` starts `131, 80`): the plain
/// encoding with its version byte, and the input bytes the zlib stream used.
fn inflate(bytes: &[u8]) -> Result<(Vec<u8>, usize), EtfError> {
    let size = bytes.get(2..6).ok_or(EtfError::Truncated)?;
    let size = u32::from_be_bytes([size[0], size[1], size[2], size[3]]) as usize;
    let data = &bytes[6..];
    // The output never exceeds `size`; refuse absurd sizes the data cannot
    // produce (deflate expands at most ~1032:1) before allocating.
    if size > data.len().saturating_mul(1100).saturating_add(64) {
        return Err(EtfError::BadCompression);
    }
    let mut out = Vec::with_capacity(size + 1);
    out.push(VERSION);
    let mut z = flate2::Decompress::new(true);
    let status =
        z.decompress_vec(data, &mut out, flate2::FlushDecompress::Finish).map_err(|_| EtfError::BadCompression)?;
    if status != flate2::Status::StreamEnd || out.len() != size + 1 {
        return Err(EtfError::BadCompression);
    }
    Ok((out, 6 + z.total_in() as usize))
}

/// Decodes `bytes` into memory from `alloc`; returns the term, the bytes
/// used and the off-heap binaries the term holds (the caller takes them).
pub fn decode(
    bytes: &[u8],
    safe: bool,
    alloc: &mut dyn FnMut(usize) -> *mut Term,
) -> Result<(Term, usize, OffHeap), EtfError> {
    let inflated;
    let (input, used, allow_trailing) = if bytes.len() >= 2 && bytes[0] == VERSION && bytes[1] == COMPRESSED {
        let (plain, used) = inflate(bytes)?;
        inflated = plain;
        (&inflated[..], Some(used), false)
    } else {
        (bytes, None, true)
    };
    let plan = plan_with(input, DecodeOptions { safe, allow_trailing })?;
    let mem = alloc(plan.words());
    let mut off_heap = OffHeap::default();
    // SAFETY: `alloc` returns `plan.words()` fresh words that stay in
    // place until the caller has rooted the result (no collection runs
    // in between).
    let t = unsafe { plan.build(mem, &mut off_heap, alloc)? };
    Ok((t, used.unwrap_or(plan.used()), off_heap))
}

/// `binary_to_term(Bin, Options)` onto `proc`'s heap.
pub fn binary_to_term(proc: &mut crate::process::Process, bin: Term, opts: Term) -> BifResult {
    let (safe, with_used) = parse_decode_options(opts)?;
    let bytes = crate::term::binary_bytes(bin).ok_or(Error::Badarg)?;
    let (t, used, mut off_heap) = decode(bytes, safe, &mut |n| proc.alloc(n)).map_err(|_| Error::Badarg)?;
    proc.heap.off_heap.append(&mut off_heap);
    if with_used {
        let u = make_int(proc, used as i64);
        return Ok(make_tuple(proc, &[t, u]));
    }
    Ok(t)
}

/// Charges reductions for the bytes of a binary result (see
/// `proc_bifs::BYTES_PER_RED`); returns it.
fn charge_result_bytes(p: *mut ProcessHeader, r: Term) -> Term {
    if let Some(b) = crate::term::binary_bytes(r) {
        crate::proc_bifs::charge_bytes(p, b.len());
    }
    r
}

/// Charges reductions for the bytes of a binary argument.
fn charge_input_bytes(p: *mut ProcessHeader, bin: Term) {
    if let Some(b) = crate::term::binary_bytes(bin) {
        crate::proc_bifs::charge_bytes(p, b.len());
    }
}

#[no_mangle]
pub extern "C" fn kiln_bif_term_to_binary(p: *mut ProcessHeader, t: Term) -> Term {
    charge_result_bytes(p, bif_return(p, |proc| term_to_binary(proc, t, &Options::default())))
}

#[no_mangle]
pub extern "C" fn kiln_bif_term_to_binary_2(p: *mut ProcessHeader, t: Term, opts: Term) -> Term {
    charge_result_bytes(
        p,
        bif_return(p, |proc| {
            let o = encode::parse_options(opts, true)?;
            term_to_binary(proc, t, &o)
        }),
    )
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_to_term(p: *mut ProcessHeader, bin: Term) -> Term {
    charge_input_bytes(p, bin);
    bif_return(p, |proc| binary_to_term(proc, bin, crate::abi::tag::NIL))
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_to_term_2(p: *mut ProcessHeader, bin: Term, opts: Term) -> Term {
    charge_input_bytes(p, bin);
    bif_return(p, |proc| binary_to_term(proc, bin, opts))
}

#[no_mangle]
pub extern "C" fn kiln_bif_external_size(p: *mut ProcessHeader, t: Term) -> Term {
    bif_return(p, |_| external_size(t, crate::abi::tag::NIL))
}

#[no_mangle]
pub extern "C" fn kiln_bif_external_size_2(p: *mut ProcessHeader, t: Term, opts: Term) -> Term {
    bif_return(p, |_| external_size(t, opts))
}
