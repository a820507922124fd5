//! Scratch memory for evaluating match specifications.
//!
//! Guards and bodies build terms (sums, tuples, `'$$'` lists) out of the
//! elements of stored objects. They are built here, not on the caller's
//! heap: most candidates fail their guard and their garbage is thrown away
//! at once. A result that is kept is copied onto the caller's heap (which
//! also copies the parts it shares with the table), then the scratch memory
//! is reset for the next object.

use crate::abi::Term;
use crate::binary::{OffHeap, OffHeapBin};
use crate::heap::Block;
use crate::term::TermAlloc;

/// Smallest block the arena takes from the allocator.
const BLOCK_WORDS: usize = 1024;

/// A bump arena of word blocks.
#[derive(Default)]
pub struct Scratch {
    blocks: Vec<Block>,
    /// Words used in the last block.
    used: usize,
    off_heap: OffHeap,
}

impl Scratch {
    /// Forgets every term built so far (their off-heap references are
    /// released); keeps the first block for reuse.
    pub fn reset(&mut self) {
        self.blocks.truncate(1);
        self.used = 0;
        self.off_heap = OffHeap::default();
    }
}

impl TermAlloc for Scratch {
    fn alloc_words(&mut self, words: usize) -> *mut Term {
        if let Some(b) = self.blocks.last() {
            if b.words() - self.used >= words {
                let p = b.start().wrapping_add(self.used);
                self.used += words;
                return p;
            }
        }
        let block = Block::new(words.max(BLOCK_WORDS));
        let p = block.start();
        self.blocks.push(block);
        self.used = words;
        p
    }

    fn register_off_heap(&mut self, obj: *mut Term, bin: *const OffHeapBin) {
        self.off_heap.push(obj, bin);
    }
}
