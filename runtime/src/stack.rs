//! The Erlang stack: a growable per-process block of continuation frames.
//!
//! Erlang calls never use the native stack (see `shared/DESIGN.md`): a
//! non-tail call pushes a frame (saved values, the continuation's code
//! pointer, an info word; layout in `abi::frame`) here, so recursion depth
//! is bounded by memory, not by the thread's stack. The block starts small
//! ([`INITIAL_STACK_WORDS`]) and doubles in [`kiln_grow_stack`] when compiled
//! code's stack test fails. Frames hold raw code pointers and counts but no
//! pointers into the stack itself, so growing is a plain `memcpy` plus
//! updating `stop`/`slimit`.
//!
//! The stack only ever moves in [`kiln_grow_stack`] — never during a
//! collection — so compiled code only has to reload `stop` after that call.
//!
//! The bottom frame of every process is a `BASE` frame whose code is
//! [`kiln_process_return`]: returning from the process's first function
//! "returns into" it, which ends the process normally.

use crate::abi::{frame, status, ErlFn, ProcessHeader, Term};
use crate::atom::known;
use crate::heap::Block;
use crate::process::Process;

/// Words in a new process's stack (small: an idle process must stay small;
/// it doubles when needed).
pub const INITIAL_STACK_WORDS: usize = 32;

/// A process's Erlang stack; `stop` and `slimit` live in the header.
#[derive(Debug)]
pub struct Stack {
    block: Block,
}

impl Default for Stack {
    fn default() -> Self {
        Stack::new()
    }
}

/// Reads a frame's code word as a function pointer (`None` for a null word,
/// which only a corrupted stack holds).
fn code_of(word: u64) -> Option<ErlFn> {
    if word == 0 {
        return None;
    }
    // SAFETY: frames are written by compiled code or by `push_frame`, which
    // store an `ErlFn` cast to an integer; a non-null word is therefore a
    // valid function pointer of that type.
    Some(unsafe { std::mem::transmute::<usize, ErlFn>(word as usize) })
}

impl Stack {
    /// An empty stack; [`Stack::reset`] must be called before use.
    pub fn new() -> Stack {
        Stack { block: Block::new(INITIAL_STACK_WORDS) }
    }

    /// The lowest word (the base frame starts here).
    pub fn base(&self) -> *mut Term {
        self.block.start()
    }

    /// Capacity in words.
    pub fn capacity(&self) -> usize {
        self.block.words()
    }

    /// Words in use.
    pub fn used(&self, h: &ProcessHeader) -> usize {
        (h.stop as usize - self.base() as usize) / std::mem::size_of::<Term>()
    }

    /// Empties the stack and pushes the base frame.
    pub fn reset(&mut self, h: &mut ProcessHeader) {
        h.stop = self.base();
        h.slimit = self.block.end();
        self.push_frame(h, &[], kiln_process_return, frame::BASE);
    }

    /// Makes room for `need` more words, moving the stack if needed.
    pub fn grow(&mut self, h: &mut ProcessHeader, need: usize) {
        let used = self.used(h);
        if self.capacity() - used >= need {
            return;
        }
        let words = (self.capacity() * 2).max(used.saturating_add(need).saturating_add(INITIAL_STACK_WORDS));
        let block = Block::new(words);
        // SAFETY: both blocks hold at least `used` words and do not overlap;
        // frames contain no pointers into the stack, so a bitwise copy is a
        // valid stack.
        unsafe { std::ptr::copy_nonoverlapping(self.base(), block.start(), used) };
        self.block = block;
        h.stop = self.base().wrapping_add(used);
        h.slimit = self.block.end();
    }

    /// Pushes a frame saving `values`, continuing at `code` (runtime use and
    /// tests; compiled code writes frames itself).
    pub fn push_frame(&mut self, h: &mut ProcessHeader, values: &[Term], code: ErlFn, kind: u64) {
        let n = values.len();
        self.grow(h, n + 2);
        // SAFETY: `grow` made room for `n + 2` words at `stop`.
        unsafe {
            std::ptr::copy_nonoverlapping(values.as_ptr(), h.stop, n);
            h.stop.add(n).write(code as usize as u64);
            h.stop.add(n + 1).write(frame::info(n as u64, kind));
            h.stop = h.stop.add(n + 2);
        }
    }

    /// The frames from the top down: `(frame base, saved count, kind)`.
    /// Stops early at a malformed info word rather than reading outside the
    /// stack.
    pub fn frames<'a>(&'a self, h: &ProcessHeader) -> impl Iterator<Item = (*mut Term, usize, u64)> + 'a {
        let base = self.base();
        let mut sp = h.stop;
        std::iter::from_fn(move || {
            let avail = (sp as usize).checked_sub(base as usize)? / std::mem::size_of::<Term>();
            if avail < 2 {
                return None;
            }
            // SAFETY: `sp - 1` is within [base, stop): the info word of the
            // frame ending at `sp`.
            let info = unsafe { *sp.sub(1) };
            let n = frame::count(info) as usize;
            if n + 2 > avail {
                return None;
            }
            sp = sp.wrapping_sub(n + 2);
            Some((sp, n, frame::kind(info)))
        })
    }

    /// Calls `f` on every saved value of every frame (the collector's stack
    /// roots); code and info words are skipped.
    pub fn for_each_root(&self, h: &ProcessHeader, mut f: impl FnMut(*mut Term)) {
        for (base, n, _) in self.frames(h) {
            for i in 0..n {
                f(base.wrapping_add(i));
            }
        }
    }

    /// The code of the top frame (where a wait resumes).
    pub fn top_code(&self, h: &ProcessHeader) -> Option<ErlFn> {
        let (base, n, _) = self.frames(h).next()?;
        // SAFETY: the frame's code word is at `base + n`, inside the stack.
        code_of(unsafe { *base.add(n) })
    }

    /// Pops frames down to the nearest `TRY`/`CATCH` frame and returns its
    /// handler, leaving `stop` just past that frame's info word (the handler
    /// pops it like any continuation). `None` when only the base frame is
    /// left: the exception is uncaught.
    pub fn unwind(&mut self, h: &mut ProcessHeader) -> Option<ErlFn> {
        let mut found = None;
        for (base, n, kind) in self.frames(h) {
            let end = base.wrapping_add(n + 2);
            match kind {
                frame::TRY | frame::CATCH => {
                    // SAFETY: the frame's code word is at `base + n`.
                    found = Some((end, code_of(unsafe { *base.add(n) })));
                    break;
                }
                frame::BASE => {
                    found = Some((end, None));
                    break;
                }
                _ => {}
            }
        }
        match found {
            Some((end, code)) => {
                h.stop = end;
                code
            }
            None => {
                // No base frame: the stack is corrupt. Leave it empty.
                h.stop = self.base();
                None
            }
        }
    }

    /// Number of frames (tests and diagnostics).
    pub fn depth(&self, h: &ProcessHeader) -> usize {
        self.frames(h).count()
    }
}

/// `kiln_grow_stack(P, need_words)`: make room for `need_words` more words
/// on the Erlang stack; `stop` and `slimit` are updated (the stack may
/// move).
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_grow_stack(p: *mut ProcessHeader, need_words: u64) {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    let Process { header, stack, .. } = proc;
    stack.grow(header, usize::try_from(need_words).unwrap_or(usize::MAX));
}

/// The code of every process's base frame: the first function returned,
/// so the process ends normally.
///
/// # Safety
/// `p` must be the running process's header.
pub unsafe extern "C" fn kiln_process_return(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    proc.exit_reason = known::NORMAL;
    proc.crashed = false;
    status::EXIT
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::tag;

    unsafe extern "C" fn cont(_p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
        status::YIELD
    }

    #[test]
    fn a_million_frames_grow_and_survive() {
        let mut p = Process::new(0);
        let Process { header, stack, .. } = &mut *p;
        for i in 0..1_000_000i64 {
            stack.push_frame(header, &[tag::small(i), tag::NIL], cont, frame::NORMAL);
        }
        assert_eq!(stack.depth(header), 1_000_001);
        assert!(stack.capacity() >= 4_000_002);
        // The top frame is the last pushed; its values are intact.
        let (base, n, kind) = stack.frames(header).next().unwrap();
        assert_eq!((n, kind), (2, frame::NORMAL));
        // SAFETY: `base` is the first saved value of the top frame.
        assert_eq!(unsafe { *base }, tag::small(999_999));
        let mut roots = 0;
        stack.for_each_root(header, |_| roots += 1);
        assert_eq!(roots, 2_000_000);
    }

    #[test]
    fn unwind_finds_the_nearest_handler() {
        let mut p = Process::new(0);
        let Process { header, stack, .. } = &mut *p;
        stack.push_frame(header, &[tag::small(1)], cont, frame::CATCH);
        let catch_top = header.stop;
        stack.push_frame(header, &[tag::small(2), tag::small(3)], cont, frame::NORMAL);
        stack.push_frame(header, &[], cont, frame::NORMAL);
        assert!(stack.unwind(header).is_some());
        assert_eq!(header.stop, catch_top);
        // Pop the handler frame as the handler would; now it is uncaught.
        header.stop = header.stop.wrapping_sub(3);
        assert!(stack.unwind(header).is_none());
        assert_eq!(stack.depth(header), 1, "the base frame remains");
    }

    #[test]
    fn kiln_grow_stack_keeps_contents() {
        let mut p = Process::new(0);
        let h: *mut ProcessHeader = &mut p.header;
        // SAFETY: `h` is the header of a live process owned by this test.
        unsafe { kiln_grow_stack(h, 10_000) };
        assert!(p.header.slimit as usize - p.header.stop as usize >= 80_000);
        assert_eq!(p.stack.depth(&p.header), 1);
        assert!(p.stack.top_code(&p.header).is_some());
    }
}
