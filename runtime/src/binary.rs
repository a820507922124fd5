//! Binaries and bitstrings: their four heap representations, the off-heap
//! byte buffers that large binaries share between processes, and the
//! constructors every other part of the runtime uses.
//!
//! # Representations (see `abi::header`)
//!
//! - `HEAP_BIN`: up to [`HEAP_BIN_MAX`] bytes stored in the process heap.
//!   Small binaries are cheaper to copy than to share.
//! - `REFC_BIN`: a byte size and a pointer to an [`OffHeapBin`], bytes that
//!   live outside every heap with an atomic reference count. Sending one to
//!   another process copies the three-word `REFC_BIN` object and bumps the
//!   count; the bytes are never copied. Every `REFC_BIN` (and builder) in a
//!   process heap or message fragment is listed in that memory's
//!   [`OffHeap`] list (BEAM's MSO list): after a collection the list is
//!   swept, objects that were not evacuated are dead and their count is
//!   decremented; dropping a heap or an unreceived message releases the
//!   rest.
//! - `SUB_BIN`: a bit size, a byte offset and the original binary (always a
//!   `HEAP_BIN` or `REFC_BIN`, never another sub-binary). Bitstrings that
//!   are not a whole number of bytes are sub-binaries, and so are the
//!   `X/binary` parts extracted by matching. The offset is always a whole
//!   number of bytes: a part that starts at an odd bit position is copied
//!   instead (see [`make_bitstring_from`]), so every bitstring can be seen
//!   as a byte slice plus a trailing partial byte ([`Bits`]).
//! - `MATCH_CTX`: the state of a binary match (see [`matching`]).
//! - `BIN_BUILDER`: an under-construction bitstring (see [`build`]).
//!
//! [`crate::term::view`] shows all three value representations alike:
//! `TermView::Binary` for whole bytes, `TermView::Bitstring` otherwise, so
//! comparison, printing and BIFs never look at the representation.

pub mod bits;
pub mod build;
pub mod matching;
#[cfg(test)]
mod tests;

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::abi::{header, tag, Term};
use crate::term::{view, TermAlloc, TermView};

/// The largest binary stored in the process heap; larger ones are `REFC_BIN`.
pub const HEAP_BIN_MAX: usize = 64;

/// Reference-counted bytes outside every process heap.
///
/// The bytes are mutable only while the count is one (a builder appending
/// to its own buffer); once shared they never change, so readers on other
/// threads need no lock.
pub struct OffHeapBin {
    refc: AtomicUsize,
    /// Set once a reference has left the creating process (a message, a
    /// spawn argument): from then on no builder may append in place, even
    /// past the end (see `build::append_to`).
    shared: AtomicBool,
    bytes: UnsafeCell<Vec<u8>>,
}

impl OffHeapBin {
    /// A new buffer with one reference (the caller's).
    pub fn new(bytes: Vec<u8>) -> *const OffHeapBin {
        Box::into_raw(Box::new(OffHeapBin {
            refc: AtomicUsize::new(1),
            shared: AtomicBool::new(false),
            bytes: UnsafeCell::new(bytes),
        }))
    }

    /// Records that another process holds a reference.
    ///
    /// # Safety
    /// `p` must be a live buffer.
    pub unsafe fn mark_shared(p: *const OffHeapBin) {
        // SAFETY: per the caller, `p` is live.
        unsafe { (*p).shared.store(true, Ordering::Release) };
    }

    /// Whether a reference has ever left the creating process.
    ///
    /// # Safety
    /// `p` must be a live buffer.
    pub unsafe fn is_shared(p: *const OffHeapBin) -> bool {
        // SAFETY: per the caller, `p` is live.
        unsafe { (*p).shared.load(Ordering::Acquire) }
    }

    /// Adds a reference.
    ///
    /// # Safety
    /// `p` must be a live buffer (the caller holds a reference).
    pub unsafe fn retain(p: *const OffHeapBin) {
        // SAFETY: per the caller, `p` is live.
        unsafe { (*p).refc.fetch_add(1, Ordering::Relaxed) };
    }

    /// Drops a reference, freeing the buffer with the last one.
    ///
    /// # Safety
    /// `p` must be live and the caller must own the reference it drops.
    pub unsafe fn release(p: *const OffHeapBin) {
        // SAFETY: per the caller, `p` is live; the last owner frees it, and
        // the acquire fence orders every other owner's use before the free.
        unsafe {
            if (*p).refc.fetch_sub(1, Ordering::Release) == 1 {
                std::sync::atomic::fence(Ordering::Acquire);
                drop(Box::from_raw(p as *mut OffHeapBin));
            }
        }
    }

    /// Whether the caller's reference is the only one.
    ///
    /// # Safety
    /// `p` must be live.
    pub unsafe fn is_unique(p: *const OffHeapBin) -> bool {
        // SAFETY: per the caller.
        unsafe { (*p).refc.load(Ordering::Acquire) == 1 }
    }

    /// The bytes.
    ///
    /// # Safety
    /// `p` must stay live while the slice is used, and nobody may append
    /// meanwhile (true of every shared buffer).
    pub unsafe fn bytes<'a>(p: *const OffHeapBin) -> &'a [u8] {
        // SAFETY: per the caller.
        unsafe { &*(*p).bytes.get() }
    }

    /// The bytes, for appending.
    ///
    /// # Safety
    /// `p` must be live and unique ([`OffHeapBin::is_unique`]), and no
    /// other borrow of its bytes may be in use.
    pub unsafe fn bytes_mut<'a>(p: *const OffHeapBin) -> &'a mut Vec<u8> {
        // SAFETY: per the caller, nobody else can see the vector.
        unsafe { &mut *(*p).bytes.get() }
    }
}

/// The off-heap objects (`REFC_BIN`, `BIN_BUILDER`) allocated in one piece
/// of memory (a process heap, a message fragment): the object's address
/// and the buffer it holds a reference to. Dropping the list releases
/// every reference.
#[derive(Default, Debug)]
pub struct OffHeap {
    entries: Vec<(*mut Term, *const OffHeapBin)>,
}

// SAFETY: the list only holds references that its owner owns; buffers are
// thread-safe (atomic count, immutable once shared), and the object
// addresses are only dereferenced by the owner of the memory they are in.
unsafe impl Send for OffHeap {}

impl OffHeap {
    /// Records that `obj` holds a reference to `bin` (the list now owns it).
    pub fn push(&mut self, obj: *mut Term, bin: *const OffHeapBin) {
        self.entries.push((obj, bin));
    }

    /// Moves every entry of `other` here (a message fragment joining a heap).
    pub fn append(&mut self, other: &mut OffHeap) {
        self.entries.append(&mut other.entries);
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// After a copying collection: an object in from-space whose header was
    /// replaced by a forwarding pointer survived (the entry follows it);
    /// any other object in from-space is garbage and its reference is
    /// released. Objects outside from-space are kept as they are.
    ///
    /// # Safety
    /// Every entry's object must still be readable (from-space is not freed
    /// yet) and `in_from_space` must describe the collection just done.
    pub unsafe fn sweep(&mut self, in_from_space: impl Fn(usize) -> bool) {
        let mut kept = Vec::with_capacity(self.entries.len());
        for (obj, bin) in self.entries.drain(..) {
            if !in_from_space(obj as usize) {
                kept.push((obj, bin));
                continue;
            }
            // SAFETY: `obj` is in from-space, which is still allocated; its
            // first word is its header or a forwarding pointer.
            let first = unsafe { *obj };
            if first & tag::MASK == tag::BOXED {
                kept.push((tag::boxed_ptr(first), bin));
            } else {
                // SAFETY: the dead object owned this reference.
                unsafe { OffHeapBin::release(bin) };
            }
        }
        self.entries = kept;
    }

    /// Forgets every entry without releasing it: for memory that is never
    /// freed (the literal area), whose references are permanent.
    pub fn leak(mut self) {
        self.entries.clear();
    }
}

impl Drop for OffHeap {
    fn drop(&mut self) {
        for &(_, bin) in &self.entries {
            // SAFETY: the list owns one reference per entry.
            unsafe { OffHeapBin::release(bin) };
        }
    }
}

/// A bitstring's contents: `bytes` holds `ceil(bit_size / 8)` bytes, the
/// last one partial when `bit_size` is not a multiple of 8 (its unused low
/// bits are undefined; use [`Bits::tail`]).
#[derive(Clone, Copy, Debug)]
pub struct Bits<'a> {
    pub bytes: &'a [u8],
    pub bit_size: usize,
}

impl<'a> Bits<'a> {
    /// The whole bytes (all of `bytes` for a binary).
    pub fn whole_bytes(&self) -> &'a [u8] {
        &self.bytes[..self.bit_size / 8]
    }

    /// The trailing bits that do not fill a byte: `(value, count)` with the
    /// value right-aligned, `count` in 0..8.
    pub fn tail(&self) -> (u8, u32) {
        let n = (self.bit_size % 8) as u32;
        if n == 0 {
            return (0, 0);
        }
        (self.bytes[self.bit_size / 8] >> (8 - n), n)
    }

    /// Whether it is a binary (a whole number of bytes).
    pub fn is_binary(&self) -> bool {
        self.bit_size % 8 == 0
    }

    /// Bit `i` (0 = the most significant bit of the first byte).
    pub fn bit(&self, i: usize) -> bool {
        self.bytes[i / 8] & (0x80 >> (i % 8)) != 0
    }
}

/// The standard order of bitstrings: bit by bit over the common length,
/// then the shorter first (OTP's order).
pub fn compare_bits(a: Bits<'_>, b: Bits<'_>) -> std::cmp::Ordering {
    let n = a.bit_size.min(b.bit_size);
    let whole = n / 8;
    a.bytes[..whole]
        .cmp(&b.bytes[..whole])
        .then_with(|| {
            let rest = n % 8;
            if rest == 0 {
                return std::cmp::Ordering::Equal;
            }
            let mask = !(0xFFu8 >> rest);
            (a.bytes[whole] & mask).cmp(&(b.bytes[whole] & mask))
        })
        .then(a.bit_size.cmp(&b.bit_size))
}

/// Whether two bitstrings have the same bits.
pub fn bits_equal(a: Bits<'_>, b: Bits<'_>) -> bool {
    a.bit_size == b.bit_size && compare_bits(a, b).is_eq()
}

/// The contents of any bitstring term.
pub fn bits_of<'a>(t: Term) -> Option<Bits<'a>> {
    match view(t) {
        TermView::Binary(b) => Some(Bits { bytes: b, bit_size: b.len() * 8 }),
        TermView::Bitstring(b) => Some(b),
        _ => None,
    }
}

/// The contents of a bitstring view.
pub fn bits_of_view<'a>(v: &TermView<'a>) -> Option<Bits<'a>> {
    match *v {
        TermView::Binary(b) => Some(Bits { bytes: b, bit_size: b.len() * 8 }),
        TermView::Bitstring(b) => Some(b),
        _ => None,
    }
}

/// The bytes of a binary term, or `None` (bitstrings too).
pub fn binary_bytes<'a>(t: Term) -> Option<&'a [u8]> {
    match view(t) {
        TermView::Binary(b) => Some(b),
        _ => None,
    }
}

/// Whether `h` is the header of a bitstring value (not a match context or
/// builder).
pub fn is_bitstring_header(h: Term) -> bool {
    matches!(header::subtag(h), header::HEAP_BIN | header::REFC_BIN | header::SUB_BIN)
}

/// The off-heap buffer word of an object with header `h`, if it has one
/// (`REFC_BIN`, `BIN_BUILDER`, and the `REF` of an `atomics`/`counters`
/// array, see `bifs::atomics`): its index after the header.
pub fn off_heap_word(h: Term) -> Option<usize> {
    match header::subtag(h) {
        header::REFC_BIN | header::BIN_BUILDER => Some(2),
        header::REF if header::arity(h) == 4 => Some(2),
        _ => None,
    }
}

/// Decodes the words of a bitstring object for [`crate::term::view`].
///
/// # Safety
/// `p` must point at a live, well-formed object whose header is `h`
/// (`HEAP_BIN`, `REFC_BIN` or `SUB_BIN`, per `abi::header`), and the memory
/// it refers to must stay put while the result is used.
pub(crate) unsafe fn view_bitstring<'a>(p: *const Term, h: Term) -> Option<Bits<'a>> {
    let arity = header::arity(h) as usize;
    // SAFETY: per the caller, the object has `arity` words after `h`, laid
    // out as `abi::header` says; slices stay within them or the buffer.
    unsafe {
        match header::subtag(h) {
            header::HEAP_BIN if arity >= 1 => {
                let size = *p.add(1) as usize;
                if size.div_ceil(8) > arity - 1 {
                    return None;
                }
                Some(Bits { bytes: std::slice::from_raw_parts(p.add(2) as *const u8, size), bit_size: size * 8 })
            }
            header::REFC_BIN if arity >= 2 => {
                let size = *p.add(1) as usize;
                let bin = *p.add(2) as usize as *const OffHeapBin;
                let bytes = OffHeapBin::bytes(bin).get(..size)?;
                Some(Bits { bytes, bit_size: size * 8 })
            }
            header::SUB_BIN if arity >= 3 => {
                let bit_size = *p.add(1) as usize;
                let offset = *p.add(2) as usize;
                let orig = *p.add(3);
                let b = binary_bytes(orig)?;
                let bytes = b.get(offset..offset.checked_add(bit_size.div_ceil(8))?)?;
                Some(Bits { bytes, bit_size })
            }
            _ => None,
        }
    }
}

/// A binary holding `bytes`: on the heap when small, else off-heap.
pub fn make_binary<H: TermAlloc + ?Sized>(h: &mut H, bytes: &[u8]) -> Term {
    if bytes.len() <= HEAP_BIN_MAX {
        crate::term::make_heap_binary(h, bytes)
    } else {
        make_refc_binary(h, bytes.to_vec())
    }
}

/// A binary taking ownership of `bytes` (no copy when it goes off-heap).
pub fn make_binary_from_vec<H: TermAlloc + ?Sized>(h: &mut H, bytes: Vec<u8>) -> Term {
    if bytes.len() <= HEAP_BIN_MAX {
        crate::term::make_heap_binary(h, &bytes)
    } else {
        make_refc_binary(h, bytes)
    }
}

/// A `REFC_BIN` over a new buffer holding `bytes`.
pub fn make_refc_binary<H: TermAlloc + ?Sized>(h: &mut H, bytes: Vec<u8>) -> Term {
    let size = bytes.len();
    let bin = OffHeapBin::new(bytes);
    make_refc_object(h, bin, size)
}

/// A `REFC_BIN` of the first `size` bytes of `bin`, taking over one
/// reference the caller owns.
/// The byte size and buffer of a `REFC_BIN` term (not a sub-binary).
pub fn refc_parts(t: Term) -> Option<(usize, *const OffHeapBin)> {
    if !tag::is_boxed(t) {
        return None;
    }
    let p = tag::boxed_ptr(t);
    // SAFETY: a boxed term points at its header; a REFC_BIN has its byte
    // size and buffer pointer in the two words after it.
    unsafe {
        let h = *p;
        if h & tag::MASK != tag::HEADER || header::subtag(h) != header::REFC_BIN {
            return None;
        }
        Some((*p.add(1) as usize, *p.add(2) as usize as *const OffHeapBin))
    }
}

pub fn make_refc_object<H: TermAlloc + ?Sized>(h: &mut H, bin: *const OffHeapBin, size: usize) -> Term {
    let p = h.alloc_words(3);
    // SAFETY: three fresh words: header, size, buffer pointer.
    unsafe {
        *p = header::make(header::REFC_BIN, 2);
        *p.add(1) = size as u64;
        *p.add(2) = bin as usize as u64;
    }
    h.register_off_heap(p, bin);
    tag::boxed(p)
}

/// A bitstring of `bit_size` bits: `bytes` holds them left-aligned
/// (`ceil(bit_size / 8)` bytes, or more, which are ignored).
pub fn make_bitstring_from_vec<H: TermAlloc + ?Sized>(h: &mut H, mut bytes: Vec<u8>, bit_size: usize) -> Term {
    bytes.truncate(bit_size.div_ceil(8));
    if bit_size % 8 == 0 {
        return make_binary_from_vec(h, bytes);
    }
    let orig = make_binary_from_vec(h, bytes);
    make_sub_binary(h, orig, 0, bit_size)
}

/// The `bit_size` bits of `src` starting at bit `bit_offset`, sharing
/// `orig`'s storage when the start is byte-aligned (`orig` is the term
/// `src` belongs to, and `src` its whole contents), else copied.
pub fn make_bitstring_from<H: TermAlloc + ?Sized>(
    h: &mut H,
    orig: Term,
    src: &[u8],
    bit_offset: usize,
    bit_size: usize,
) -> Term {
    if bit_offset % 8 == 0 {
        if let Some((base, base_offset)) = storage_of(orig) {
            if bit_offset == 0 && bit_size == src.len() * 8 {
                return orig;
            }
            return make_sub_binary(h, base, base_offset + bit_offset / 8, bit_size);
        }
    }
    let mut out = vec![0u8; bit_size.div_ceil(8)];
    bits::copy_bits(src, bit_offset, &mut out, 0, bit_size);
    make_bitstring_from_vec(h, out, bit_size)
}

/// The heap or refc binary holding a bitstring term's bytes, and the byte
/// offset of the term's first byte in it.
pub fn storage_of(t: Term) -> Option<(Term, usize)> {
    if !tag::is_boxed(t) {
        return None;
    }
    let p = tag::boxed_ptr(t) as *const Term;
    // SAFETY: a boxed term points at its header; a SUB_BIN has three words
    // after it (per `abi::header`).
    unsafe {
        let h = *p;
        if h & tag::MASK != tag::HEADER {
            return None;
        }
        match header::subtag(h) {
            header::HEAP_BIN | header::REFC_BIN => Some((t, 0)),
            header::SUB_BIN => Some((*p.add(3), *p.add(2) as usize)),
            _ => None,
        }
    }
}

/// A `SUB_BIN` of `bit_size` bits starting at byte `byte_offset` of
/// `orig` (a `HEAP_BIN` or `REFC_BIN`).
pub fn make_sub_binary<H: TermAlloc + ?Sized>(h: &mut H, orig: Term, byte_offset: usize, bit_size: usize) -> Term {
    let p = h.alloc_words(4);
    // SAFETY: four fresh words: header, bit size, byte offset, original.
    unsafe {
        *p = header::make(header::SUB_BIN, 3);
        *p.add(1) = bit_size as u64;
        *p.add(2) = byte_offset as u64;
        *p.add(3) = orig;
    }
    tag::boxed(p)
}

/// A part of a bitstring term: `bit_size` bits from bit `bit_offset`
/// (which must lie within it), sharing storage when byte-aligned.
pub fn sub_bitstring<H: TermAlloc + ?Sized>(h: &mut H, t: Term, bit_offset: usize, bit_size: usize) -> Option<Term> {
    let b = bits_of(t)?;
    if bit_offset.checked_add(bit_size)? > b.bit_size {
        return None;
    }
    Some(make_bitstring_from(h, t, b.bytes, bit_offset, bit_size))
}
