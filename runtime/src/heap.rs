//! Memory for terms: raw word blocks, the per-process young heap, heap
//! fragments, the literal area, and the layout of boxed objects.
//!
//! # The process heap
//!
//! Compiled code allocates by bumping `ProcessHeader::htop` towards
//! `hlimit` after a heap test (BEAM's `test_heap`); when the test fails it
//! calls `kiln_gc` (see [`crate::gc`]). Runtime code that must not collect
//! (BIFs: their arguments are not GC roots) allocates with
//! [`Heap::alloc`]: it bumps `htop` when the block has room, and otherwise
//! takes the words from a *heap fragment*, a separate block that is part of
//! from-space at the next collection. After falling back to a fragment it
//! lowers `hlimit` to `htop`, so the next heap test of compiled code fails
//! and the collector folds the fragments into one block again.
//!
//! Messages arrive in fragments too (see [`crate::mailbox`]); an accepted
//! message's fragment joins the heap's fragment list the same way.
//!
//! The heap is only ever traversed from roots (Cheney), never linearly, so
//! unused gaps (the tail of the block after a fragment fallback, a partially
//! filled fragment) need no filler words.
//!
//! Generational collection (an old generation) will add a second block to
//! [`Heap`] and a promotion mark; nothing here assumes there is only one.

use std::alloc::{self, Layout};
use std::ptr::NonNull;

use crate::abi::{header, Term};
use crate::binary::OffHeap;

/// Size in words of a fresh process heap (BEAM starts at 233; kiln starts
/// smaller so that an idle process stays small, and the collector grows it
/// on a ×1.5 progression from here).
pub const MIN_HEAP_WORDS: usize = 64;

/// Smallest fragment [`Heap::alloc`] creates, so that a run of small
/// allocations after the block filled up does not make one fragment each.
const MIN_FRAGMENT_WORDS: usize = 512;

/// An owned, 8-aligned block of uninitialised words.
///
/// The words are only ever accessed through raw pointers; the block hands
/// out its bounds and frees the memory when dropped.
pub struct Block {
    ptr: NonNull<Term>,
    words: usize,
}

// SAFETY: a Block is plain owned memory with no thread affinity; moving it to
// another thread (a message fragment sent by another scheduler) is fine.
unsafe impl Send for Block {}

impl Block {
    fn layout(words: usize) -> Layout {
        // A size that overflows isize cannot be allocated anyway; treat it as
        // an allocation failure (abort) rather than a panic with a message.
        Layout::array::<Term>(words.max(1)).unwrap_or_else(|_| alloc::handle_alloc_error(Layout::new::<Term>()))
    }

    /// Allocates `words` uninitialised words (at least one). Aborts, like
    /// every Rust allocation, when memory is exhausted.
    pub fn new(words: usize) -> Block {
        let layout = Self::layout(words);
        // SAFETY: the layout has a non-zero size (at least one word).
        let raw = unsafe { alloc::alloc(layout) } as *mut Term;
        let ptr = NonNull::new(raw).unwrap_or_else(|| alloc::handle_alloc_error(layout));
        Block { ptr, words: words.max(1) }
    }

    /// First word.
    pub fn start(&self) -> *mut Term {
        self.ptr.as_ptr()
    }

    /// One past the last word.
    pub fn end(&self) -> *mut Term {
        self.ptr.as_ptr().wrapping_add(self.words)
    }

    /// Capacity in words.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Whether `p` points into the block.
    pub fn contains(&self, p: *const Term) -> bool {
        p >= self.start() as *const Term && p < self.end() as *const Term
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        // SAFETY: `ptr` was allocated in `new` with exactly this layout and
        // is freed only here.
        unsafe { alloc::dealloc(self.ptr.as_ptr() as *mut u8, Self::layout(self.words)) }
    }
}

impl std::fmt::Debug for Block {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Block({:p}, {} words)", self.ptr, self.words)
    }
}

/// A block filled from the start; `used` words are terms.
#[derive(Debug)]
pub struct Fragment {
    pub block: Block,
    pub used: usize,
    /// The off-heap binaries referenced by objects in this fragment (a
    /// message's); moved to the heap's list when the fragment is adopted.
    pub off_heap: OffHeap,
}

impl Fragment {
    /// A fragment with room for `words`, none used yet.
    pub fn new(words: usize) -> Fragment {
        Fragment { block: Block::new(words), used: 0, off_heap: OffHeap::default() }
    }

    /// Bump-allocates `words` if they fit.
    pub fn bump(&mut self, words: usize) -> Option<*mut Term> {
        if self.block.words() - self.used < words {
            return None;
        }
        let p = self.block.start().wrapping_add(self.used);
        self.used += words;
        Some(p)
    }
}

/// A process's young generation: the current block plus fragments.
///
/// The block's bump pointer and limit live in the process header (`htop`,
/// `hlimit`) because compiled code uses them; `end` is the block's true end,
/// since `hlimit` is lowered to force a collection.
#[derive(Debug)]
pub struct Heap {
    pub(crate) block: Block,
    pub(crate) fragments: Vec<Fragment>,
    /// Index in `fragments` of the one [`Heap::alloc`] bumps in, if any.
    bump_fragment: Option<usize>,
    /// Words used in `fragments` (for the collection trigger and sizing).
    pub(crate) fragment_words: usize,
    /// Block size the collector will use next time, at least (sizing policy,
    /// see [`crate::gc`]).
    pub(crate) next_size: usize,
    /// The off-heap binaries referenced from the block and fragments (see
    /// [`crate::binary`]); swept by the collector.
    pub(crate) off_heap: OffHeap,
}

impl Heap {
    /// A heap with a block of `words` (at least [`MIN_HEAP_WORDS`]).
    pub fn new(words: usize) -> Heap {
        let words = words.max(MIN_HEAP_WORDS);
        Heap {
            block: Block::new(words),
            fragments: Vec::new(),
            bump_fragment: None,
            fragment_words: 0,
            next_size: words,
            off_heap: OffHeap::default(),
        }
    }

    /// Allocates `words` without collecting: from the block when
    /// `hlimit - htop` allows, else from a fragment, lowering `*hlimit` to
    /// `*htop` so compiled code's next heap test collects.
    pub fn alloc(&mut self, htop: &mut *mut Term, hlimit: &mut *mut Term, words: usize) -> *mut Term {
        let free = (*hlimit as usize).saturating_sub(*htop as usize) / std::mem::size_of::<Term>();
        if free >= words {
            let p = *htop;
            *htop = htop.wrapping_add(words);
            return p;
        }
        *hlimit = *htop;
        self.fragment_words += words;
        if let Some(p) = self.bump_fragment.and_then(|i| self.fragments.get_mut(i)).and_then(|f| f.bump(words)) {
            return p;
        }
        let mut frag = Fragment::new(words.max(MIN_FRAGMENT_WORDS));
        let p = frag.bump(words).unwrap_or(frag.block.start());
        self.bump_fragment = Some(self.fragments.len());
        self.fragments.push(frag);
        p
    }

    /// Adds a filled fragment (an accepted message) to from-space.
    pub fn adopt(&mut self, mut frag: Fragment) {
        self.off_heap.append(&mut frag.off_heap);
        self.fragment_words += frag.used;
        self.fragments.push(frag);
    }

    /// Replaces the block and drops every fragment (after a collection).
    pub(crate) fn reset(&mut self, block: Block) {
        self.block = block;
        self.fragments.clear();
        self.bump_fragment = None;
        self.fragment_words = 0;
    }

    /// The block size in words.
    pub fn size(&self) -> usize {
        self.block.words()
    }
}

/// How the words after a boxed object's header are interpreted: the first
/// `raw` words are not terms (never scanned, copied verbatim), the next
/// `terms` words are terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectLayout {
    pub raw: usize,
    pub terms: usize,
}

/// The layout of the boxed object with header `h` (see `abi::header`).
///
/// This table is the single place the collector, the message copier and the
/// term decoder learn which words of an object are terms.
pub fn object_layout(h: Term) -> ObjectLayout {
    let arity = header::arity(h) as usize;
    match header::subtag(h) {
        header::TUPLE | header::EXPORT | header::MAP => ObjectLayout { raw: 0, terms: arity },
        // Bit size and offset (or position and end), then the binary.
        header::SUB_BIN | header::MATCH_CTX => ObjectLayout { raw: arity.min(2), terms: arity.saturating_sub(2) },
        // A closure: the FunInfo pointer, then the free variables.
        header::FUN => ObjectLayout { raw: arity.min(1), terms: arity.saturating_sub(1) },
        // A map trie's root: key count and bitmap, then entries (cons cells
        // and inner nodes); an inner node: bitmap, then entries.
        header::MAP_TRIE => ObjectLayout { raw: arity.min(2), terms: arity.saturating_sub(2) },
        header::MAP_NODE => ObjectLayout { raw: arity.min(1), terms: arity.saturating_sub(1) },
        // Bignum limbs, float bits, heap binary bytes, reference numbers,
        // the size and buffer pointer of REFC_BIN and BIN_BUILDER.
        _ => ObjectLayout { raw: arity, terms: 0 },
    }
}

/// Allocates `words` in the literal area: memory that is never moved or
/// freed (module literals, decoded at start-up). The collector leaves
/// pointers into it alone because they are outside every from-space.
pub fn alloc_literal(words: usize) -> *mut Term {
    if words == 0 {
        return NonNull::dangling().as_ptr();
    }
    let block = Block::new(words);
    let p = block.start();
    std::mem::forget(block);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::tag;

    #[test]
    fn alloc_bumps_then_falls_back_to_fragments() {
        let mut heap = Heap::new(256);
        let mut htop = heap.block.start();
        let mut hlimit = heap.block.end();
        let a = heap.alloc(&mut htop, &mut hlimit, 200);
        assert_eq!(a, heap.block.start());
        assert_eq!(htop, heap.block.start().wrapping_add(200));
        let b = heap.alloc(&mut htop, &mut hlimit, 100);
        assert!(!heap.block.contains(b));
        assert_eq!(hlimit, htop, "the next heap test must fail");
        let c = heap.alloc(&mut htop, &mut hlimit, 10);
        assert_eq!(c, b.wrapping_add(100), "small allocations share a fragment");
        assert_eq!(heap.fragments.len(), 1);
        assert_eq!(heap.fragment_words, 110);
        let d = heap.alloc(&mut htop, &mut hlimit, 10_000);
        assert!(heap.fragments[1].block.contains(d));
    }

    #[test]
    fn layouts() {
        assert_eq!(object_layout(header::tuple(3)), ObjectLayout { raw: 0, terms: 3 });
        assert_eq!(object_layout(header::make(header::FUN, 3)), ObjectLayout { raw: 1, terms: 2 });
        assert_eq!(object_layout(header::make(header::FLOAT, 1)), ObjectLayout { raw: 1, terms: 0 });
        assert_eq!(object_layout(header::make(header::HEAP_BIN, 2)), ObjectLayout { raw: 2, terms: 0 });
        let _ = tag::NIL;
    }
}
