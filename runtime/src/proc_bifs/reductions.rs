//! Reductions that long BIFs charge for their work.

use super::running;
use crate::abi::{tag, ProcessHeader, Term};

/// # Reductions for long BIFs
///
/// A BIF runs to completion, so one that walks a huge list or binary
/// would hold its scheduler for as long as it takes. BIFs whose work
/// grows with their input charge reductions for it: they subtract from
/// `ProcessHeader::reds` (which may go negative), so the next function
/// entry of the caller yields (`reds <= 0`) and the slice's count (the
/// scheduler adds `REDUCTIONS_PER_SLICE - reds` to the process's
/// `reductions`) includes the work. Rates: 1 reduction per
/// [`CELLS_PER_RED`] list cells, [`BYTES_PER_RED`] bytes, or
/// [`WORDS_PER_RED`] heap words built.
pub const CELLS_PER_RED: usize = 16;
/// See [`CELLS_PER_RED`].
pub const BYTES_PER_RED: usize = 64;
/// See [`CELLS_PER_RED`] (a cons cell is 2 words).
pub const WORDS_PER_RED: usize = 2 * CELLS_PER_RED;

/// Subtracts `reds` from the running process's budget (see
/// [`CELLS_PER_RED`]).
pub fn charge(p: *mut ProcessHeader, reds: usize) {
    if reds == 0 {
        return;
    }
    let proc = running(p);
    let n = i64::try_from(reds).unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
    proc.header.reds = proc.header.reds.saturating_sub(n);
}

/// The number of cons cells of `l` up to its tail (any term).
pub fn list_cells(mut l: Term) -> usize {
    let mut n = 0;
    while tag::is_list(l) {
        // SAFETY: a list term points at a two-word cons cell.
        l = unsafe { *tag::list_ptr(l).add(1) };
        n += 1;
    }
    n
}

/// Charges for walking `cells` list cells.
pub fn charge_cells(p: *mut ProcessHeader, cells: usize) {
    charge(p, cells / CELLS_PER_RED);
}

/// Charges for `bytes` bytes of binary work.
pub fn charge_bytes(p: *mut ProcessHeader, bytes: usize) {
    charge(p, bytes / BYTES_PER_RED);
}

/// Heap words allocated so far (the block's top plus fragments): BIFs
/// never collect, so the difference across a BIF is what it built.
fn alloc_mark(p: *mut ProcessHeader) -> usize {
    let proc = running(p);
    proc.header.htop as usize / std::mem::size_of::<Term>() + proc.heap.fragment_words
}

/// Runs a BIF body (`f`) and charges for the heap words it built.
pub fn charging_alloc(p: *mut ProcessHeader, f: impl FnOnce() -> Term) -> Term {
    let before = alloc_mark(p);
    let r = f();
    let built = alloc_mark(p).saturating_sub(before);
    charge(p, built / WORDS_PER_RED);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::tag;
    use crate::process::Process;

    #[test]
    fn long_bifs_charge_reductions() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let elems: Vec<Term> = (0..3200).map(tag::small).collect();
        let l = proc.list(&elems);
        proc.header.reds = crate::abi::REDUCTIONS_PER_SLICE;
        assert_eq!(crate::bifs::data::kiln_bif_length(p, l), tag::small(3200));
        assert_eq!(proc.header.reds, crate::abi::REDUCTIONS_PER_SLICE - 200);
        // `++` copies the left list: 3200 cells, 200 more.
        let r = crate::bifs::lists::kiln_bif_append(p, l, tag::NIL);
        assert!(tag::is_list(r));
        assert_eq!(proc.header.reds, crate::abi::REDUCTIONS_PER_SLICE - 400);
        // 20 times the list is more than a slice: the budget runs out, so
        // the caller's next function entry yields.
        for _ in 0..20 {
            crate::bifs::data::kiln_bif_length(p, l);
        }
        assert!(proc.header.reds <= 0);
        // Small inputs cost nothing extra.
        proc.header.reds = 10;
        let short = proc.list(&[tag::small(1), tag::small(2)]);
        assert_eq!(crate::bifs::data::kiln_bif_length(p, short), tag::small(2));
        assert_eq!(proc.header.reds, 10);
        // A binary of 64 KiB: 1024 reductions.
        let bytes = vec![7u8; 65536];
        let bin = crate::binary::make_binary(&mut *proc, &bytes);
        proc.header.reds = 5000;
        let lst = crate::bifs::binary::kiln_bif_binary_to_list(p, bin);
        assert!(tag::is_list(lst));
        assert_eq!(proc.header.reds, 5000 - 65536 * 2 / (WORDS_PER_RED as i64));
        proc.header.reds = 5000;
        crate::bifs::binary::kiln_bif_list_to_binary(p, lst);
        assert_eq!(proc.header.reds, 5000 - 1024);
    }
}
