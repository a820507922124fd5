//! The per-process copying collector (Cheney).
//!
//! # Roots
//!
//! Exactly what the execution model makes visible (see `shared/DESIGN.md`):
//! `args[0..nlive]`, the saved values of every Erlang stack frame (code and
//! info words skipped), the process dictionary, the current exception and
//! the exit reason. Queued messages are not roots: each lives in its own
//! self-contained fragment that is not part of from-space (see
//! [`crate::mailbox`]).
//!
//! # From-space
//!
//! The heap block up to `htop`, plus every heap fragment (overflow
//! allocations, accepted messages). A pointer outside these ranges — into
//! the literal area, a queued message, static data — is left alone.
//!
//! # Forwarding
//!
//! A moved boxed object's header is overwritten with the new boxed pointer
//! (a header has tag `HEADER`, a boxed pointer tag `BOXED`, so the two are
//! told apart); a moved cons cell's head becomes `NON_VALUE` (never a
//! term) and its tail the new list pointer. Raw words (float bits, bignum
//! limbs, binary bytes, reference numbers, a closure's `FunInfo` pointer)
//! are copied, never interpreted; [`crate::heap::object_layout`] says which
//! words are which.
//!
//! # Off-heap binaries
//!
//! `REFC_BIN` and `BIN_BUILDER` objects hold a reference to a buffer
//! outside the heap. The heap's [`crate::binary::OffHeap`] list names each
//! of them; after the copy, an entry whose object was forwarded follows it
//! and any other one is released (BEAM's MSO sweep).
//!
//! # Sizing
//!
//! To-space must hold everything that may be live: the words used in
//! from-space plus the words requested. After the copy the live size is
//! known; the next heap size is chosen so live data fills at most half of
//! it ([`size_for`]). A heap more than four times that size is shrunk at
//! once by a second, cheap copy (live data is small by definition), so a
//! process that once had a large live set, or allocates only garbage, keeps
//! a heap proportional to what it actually retains.
//!
//! An old generation (promoting data that survived a collection) would add
//! a second to-space and a high-water mark; roots and forwarding stay the
//! same.

use crate::abi::{tag, ProcessHeader, Term, MAX_ARGS};
use crate::heap::{object_layout, Block, MIN_HEAP_WORDS};
use crate::process::Process;

/// Sorted, disjoint address ranges `[start, end)` of from-space.
struct FromSpace {
    ranges: Vec<(usize, usize)>,
}

impl FromSpace {
    fn contains(&self, p: usize) -> bool {
        // The last range starting at or before `p`.
        let i = self.ranges.partition_point(|&(s, _)| s <= p);
        i > 0 && p < self.ranges[i - 1].1
    }
}

struct Collector {
    from: FromSpace,
    top: *mut Term,
}

impl Collector {
    /// Returns the to-space version of `t`, copying its top object if it is
    /// still in from-space.
    ///
    /// # Safety
    /// `t` must be a well-formed term; to-space must have room for the
    /// object (guaranteed by sizing to-space to all of from-space).
    unsafe fn evacuate(&mut self, t: Term) -> Term {
        match t & tag::MASK {
            tag::BOXED => {
                let p = tag::boxed_ptr(t);
                if !self.from.contains(p as usize) {
                    return t;
                }
                // SAFETY: `p` is a boxed object in from-space; its words are
                // readable and it is never read again after forwarding
                // except for its first word.
                unsafe {
                    let h = *p;
                    if h & tag::MASK == tag::BOXED {
                        return h; // already forwarded
                    }
                    let l = object_layout(h);
                    let n = 1 + l.raw + l.terms;
                    let dst = self.top;
                    std::ptr::copy_nonoverlapping(p, dst, n);
                    self.top = dst.add(n);
                    let moved = tag::boxed(dst);
                    *p = moved;
                    moved
                }
            }
            tag::LIST => {
                let p = tag::list_ptr(t);
                if !self.from.contains(p as usize) {
                    return t;
                }
                // SAFETY: `p` is a cons cell in from-space.
                unsafe {
                    if *p == tag::NON_VALUE {
                        return *p.add(1); // already forwarded
                    }
                    let dst = self.top;
                    std::ptr::copy_nonoverlapping(p, dst, 2);
                    self.top = dst.add(2);
                    let moved = tag::list(dst);
                    *p = tag::NON_VALUE;
                    *p.add(1) = moved;
                    moved
                }
            }
            _ => t,
        }
    }

    /// Updates the term in `slot`.
    ///
    /// # Safety
    /// As [`Collector::evacuate`]; `slot` must be valid for reads and writes.
    unsafe fn update(&mut self, slot: *mut Term) {
        // SAFETY: per the caller.
        unsafe { *slot = self.evacuate(*slot) }
    }

    /// Cheney scan: evacuates the fields of every object copied to
    /// to-space from `scan` on, including those copied meanwhile.
    ///
    /// # Safety
    /// `scan` must be the start of to-space (or of an object in it).
    unsafe fn scan(&mut self, mut scan: *mut Term) {
        while scan < self.top {
            // SAFETY: `scan` is at an object boundary in to-space: a header
            // followed by its words, or a two-word cons cell.
            unsafe {
                let w = *scan;
                if w & tag::MASK == tag::HEADER {
                    let l = object_layout(w);
                    for i in 1 + l.raw..1 + l.raw + l.terms {
                        self.update(scan.add(i));
                    }
                    scan = scan.add(1 + l.raw + l.terms);
                } else {
                    self.update(scan);
                    self.update(scan.add(1));
                    scan = scan.add(2);
                }
            }
        }
    }
}

/// The heap size for `words` of live data plus what was requested: at
/// least twice that, on a ×1.5 progression from [`MIN_HEAP_WORDS`].
pub fn size_for(words: usize) -> usize {
    let want = words.saturating_mul(2);
    let mut s = MIN_HEAP_WORDS;
    while s < want {
        s = s.saturating_add(s / 2);
    }
    s
}

/// Words in from-space: the block up to `htop` plus the fragments.
fn used_words(proc: &Process) -> usize {
    let block = (proc.header.htop as usize).saturating_sub(proc.heap.block.start() as usize) / 8;
    block + proc.heap.fragment_words
}

/// Copies everything reachable from the roots into a new block of
/// `to_words` (which must be at least the words in from-space) and makes
/// it the heap. Returns the live words.
fn collect_into(proc: &mut Process, to_words: usize, nlive: usize) -> usize {
    let to = Block::new(to_words);
    let Process { header, heap, stack, dict, exception, exit_reason, .. } = proc;
    let mut ranges = Vec::with_capacity(1 + heap.fragments.len());
    ranges.push((heap.block.start() as usize, header.htop as usize));
    for f in &heap.fragments {
        ranges.push((f.block.start() as usize, f.block.start() as usize + f.used * 8));
    }
    ranges.sort_unstable();
    let mut c = Collector { from: FromSpace { ranges }, top: to.start() };
    // SAFETY: every root slot holds a well-formed term (the contract of
    // `nlive`, of frames and of the runtime's own fields); to-space has
    // room for all of from-space.
    unsafe {
        for slot in &mut header.args[..nlive] {
            c.update(slot);
        }
        stack.for_each_root(header, |slot| c.update(slot));
        for slot in dict.roots_mut() {
            c.update(slot);
        }
        c.update(&mut exception.class);
        c.update(&mut exception.reason);
        c.update(&mut exception.trace);
        c.update(exit_reason);
        c.scan(to.start());
        // Off-heap binaries whose objects were not evacuated are dead.
        heap.off_heap.sweep(|addr| c.from.contains(addr));
    }
    let live = (c.top as usize - to.start() as usize) / 8;
    header.htop = c.top;
    header.hlimit = to.end();
    heap.reset(to);
    live
}

/// Collects `proc`'s heap; live values are in `args[0..nlive]`. Afterwards
/// at least `need` words are free between `htop` and `hlimit`.
pub fn collect(proc: &mut Process, need: usize, nlive: usize) {
    let nlive = nlive.min(MAX_ARGS);
    let used = used_words(proc);
    let to_words = proc.heap.next_size.max(used.saturating_add(need));
    let live = collect_into(proc, to_words, nlive);
    crate::statistics::gc_done(used.saturating_sub(live));
    let target = size_for(live.saturating_add(need));
    if proc.heap.size() > target.saturating_mul(4) {
        collect_into(proc, target, nlive);
    }
    proc.heap.next_size = target;
}

/// `kiln_gc(P, need_words, nlive)`: collect; live values are in
/// `args[0..nlive]`; afterwards at least `need_words` are free.
///
/// # Safety
/// `p` must be the running process's header, and `args[0..nlive]`, every
/// stack frame's saved values and the process's own fields must hold
/// well-formed terms.
#[no_mangle]
pub unsafe extern "C" fn kiln_gc(p: *mut ProcessHeader, need_words: u64, nlive: u64) {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    proc.header.nlive = nlive;
    collect(proc, usize::try_from(need_words).unwrap_or(usize::MAX), usize::try_from(nlive).unwrap_or(MAX_ARGS));
}

/// `kiln_alloc(P, words) -> *mut T`: allocate without collecting (a heap
/// fragment when the block is full; the next heap test then collects).
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_alloc(p: *mut ProcessHeader, words: u64) -> *mut Term {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    proc.alloc(usize::try_from(words).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests;
