//! A term stored in a table: an owned, self-contained copy that lives
//! outside every process heap.
//!
//! ETS objects must survive the process that inserted them and be read by
//! any scheduler thread, so each one is copied (like a message, see
//! [`crate::copy`]) into a block of its own. Reference-counted binaries are
//! shared, not copied: the copy takes a reference of its own (listed in the
//! object's [`OffHeap`] list), which keeps the bytes alive for as long as the
//! table holds the object and is released when the object is dropped.
//!
//! A stored term is never moved or collected, so terms that point into it
//! (its key, the elements a match specification binds) stay valid for as
//! long as it is owned by its table and the table lock is held.

use crate::abi::{tag, Term};
use crate::binary::OffHeap;
use crate::heap::Block;

/// An owned copy of a term.
pub struct Stored {
    term: Term,
    block: Option<Block>,
    /// The copy's references to off-heap binaries, released on drop.
    _refs: OffHeap,
}

// SAFETY: the block is plain owned memory and the off-heap list holds
// references to thread-safe buffers (atomic count, immutable once shared;
// the copy marks them shared). Readers on other threads only read the words,
// and writers ([`Stored::set_element`]) need `&mut`, so the table's lock
// orders every access.
unsafe impl Send for Stored {}
// SAFETY: as above: shared access is read-only.
unsafe impl Sync for Stored {}

impl Stored {
    /// Copies `t` (which must be a well-formed term, e.g. a BIF argument).
    pub fn copy_of(t: Term) -> Stored {
        let words = crate::copy::size_of(t);
        if words == 0 {
            return Stored { term: t, block: None, _refs: OffHeap::default() };
        }
        let block = Block::new(words);
        let mut off_heap = OffHeap::default();
        // SAFETY: the block is fresh, has `size_of(t)` words and cannot
        // overlap `t`.
        let term = unsafe { crate::copy::copy_into(t, block.start(), &mut off_heap) };
        Stored { term, block: Some(block), _refs: off_heap }
    }

    /// The stored term.
    pub fn term(&self) -> Term {
        self.term
    }

    /// Words of memory the copy uses (OTP's `memory` counts words).
    pub fn words(&self) -> usize {
        self.block.as_ref().map_or(0, Block::words)
    }

    /// Element `pos` (1-based) of a stored tuple; `None` when the term is
    /// not a tuple or is too small.
    pub fn element(&self, pos: usize) -> Option<Term> {
        let elems = crate::term::tuple_elements(self.term)?;
        pos.checked_sub(1).and_then(|i| elems.get(i)).copied()
    }

    /// Arity of a stored tuple (0 for anything else).
    pub fn arity(&self) -> usize {
        crate::term::tuple_elements(self.term).map_or(0, <[Term]>::len)
    }

    /// Overwrites element `pos` (1-based) of a stored tuple with an
    /// immediate `value`, in place. Only immediates may be written: they
    /// need no memory of their own. Returns false (and writes nothing) if
    /// `value` is not an immediate, the element is not one (its memory
    /// would leak in the block, harmless but wasteful) or `pos` is out of
    /// range.
    pub fn set_element(&mut self, pos: usize, value: Term) -> bool {
        if !is_immediate(value) || !tag::is_boxed(self.term) || pos == 0 || pos > self.arity() {
            return false;
        }
        let p = tag::boxed_ptr(self.term);
        // SAFETY: the term is a tuple of at least `pos` elements in this
        // block (checked above), which `&mut self` owns exclusively.
        unsafe {
            let slot = p.add(pos);
            if !is_immediate(*slot) {
                return false;
            }
            *slot = value;
        }
        true
    }
}

impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stored({})", crate::format::format_term(self.term, crate::format::Mode::Write))
    }
}

/// Whether `t` needs no memory of its own (not a pointer).
pub fn is_immediate(t: Term) -> bool {
    !tag::is_boxed(t) && !tag::is_list(t)
}
