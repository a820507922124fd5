//! Tests of binary construction and matching against OTP expectations
//! (`runtime/testdata/bits_cases.txt`, from `gen_bits_cases.escript`), and
//! of the off-heap lifecycle (sharing, collection, messages).

use super::build::*;
use super::matching::*;
use super::*;
use crate::abi::ProcessHeader;
use crate::compare::exact_eq;
use crate::format::{format_term, Mode};
use crate::process::Process;
use crate::term::testing::unhex;
use crate::term::tuple_elements;

const CASES: &str = include_str!("../../testdata/bits_cases.txt");

fn header_of(p: &mut Process) -> *mut ProcessHeader {
    &mut p.header
}

fn atom(name: &str) -> Term {
    crate::atom::intern(name)
}

fn flags(endian: Term, signed: bool, unit: usize) -> Term {
    SegmentFlags::encode(endian == atom("little"), signed, unit)
}

fn list_items(mut l: Term) -> Vec<Term> {
    let mut out = Vec::new();
    while let TermView::Cons(h, t) = view(l) {
        out.push(h);
        l = t;
    }
    out
}

/// Builds the segments of a construction case; `None` on badarg.
fn construct(p: &mut Process, segs: Term) -> Option<Term> {
    let hp = header_of(p);
    let mut b = kiln_bif_bs_init(hp);
    for s in list_items(segs) {
        let e = tuple_elements(s).expect("segment tuple");
        let kind = crate::atom::name(e[0]);
        let flags1 = |i: usize, unit| flags(e[i], false, unit);
        b = match kind {
            "integer" => kiln_bif_bs_put_integer(hp, b, e[1], e[2], flags1(3, 1)),
            "integer8" => kiln_bif_bs_put_integer(hp, b, e[1], e[2], flags1(3, 8)),
            "float" => kiln_bif_bs_put_float(hp, b, e[1], e[2], flags1(3, 1)),
            "binary" => kiln_bif_bs_put_binary(hp, b, e[1], e[2], flags(atom("big"), false, 8)),
            "bitstring" => kiln_bif_bs_put_binary(hp, b, e[1], e[2], flags(atom("big"), false, 1)),
            "utf8" => kiln_bif_bs_put_utf8(hp, b, e[1]),
            "utf16" => kiln_bif_bs_put_utf16(hp, b, e[1], flags1(2, 1)),
            "utf32" => kiln_bif_bs_put_utf32(hp, b, e[1], flags1(2, 1)),
            other => panic!("segment {other}"),
        };
        if b == tag::NON_VALUE {
            return None;
        }
    }
    Some(kiln_bif_bs_finish(hp, b))
}

/// Runs the getters of a match case: `{Values, Rest}` or `None`.
fn run_match(p: &mut Process, bin: Term, getters: Term) -> Option<Term> {
    let hp = header_of(p);
    let ctx = kiln_bif_bs_start_match(hp, bin);
    if ctx == tag::NON_VALUE {
        return None;
    }
    let mut values = Vec::new();
    for g in list_items(getters) {
        let e = tuple_elements(g).expect("getter tuple");
        let kind = crate::atom::name(e[0]);
        let v = match kind {
            "integer" => kiln_bif_bs_get_integer(hp, ctx, e[1], flags(e[2], e[3] == atom("signed"), 1)),
            "float" => kiln_bif_bs_get_float(hp, ctx, e[1], flags(e[2], false, 1)),
            "binary" => kiln_bif_bs_get_binary(hp, ctx, e[1], flags(atom("big"), false, 8)),
            "bitstring" => kiln_bif_bs_get_binary(hp, ctx, e[1], flags(atom("big"), false, 1)),
            "utf8" => kiln_bif_bs_get_utf8(hp, ctx),
            "utf16" => kiln_bif_bs_get_utf16(hp, ctx, flags(e[1], false, 1)),
            "utf32" => kiln_bif_bs_get_utf32(hp, ctx, flags(e[1], false, 1)),
            other => panic!("getter {other}"),
        };
        if v == tag::NON_VALUE {
            return None;
        }
        values.push(v);
    }
    let rest = kiln_bif_bs_get_binary(hp, ctx, atom_all(), flags(atom("big"), false, 1));
    assert_eq!(kiln_bif_bs_test_tail(hp, ctx), crate::term::atoms::TRUE);
    let vs = p.list(&values);
    Some(p.tuple(&[vs, rest]))
}

fn show(t: Term) -> String {
    format_term(t, Mode::Write)
}

#[test]
fn construction_and_matching_match_otp() {
    let mut p = Process::new(0);
    let mut lines = CASES.lines();
    let mut failures = Vec::new();
    let mut count = 0;
    while let Some(line) = lines.next() {
        let (kind, hex) = line.split_once(' ').expect("case line");
        let expect = lines.next().expect("expectation line").strip_prefix("= ").expect("= line");
        let input = crate::etf::decode_in(&mut p, &unhex(hex)).expect("input term");
        let got = match kind {
            "C" => construct(&mut p, input),
            "M" => {
                let e = tuple_elements(input).expect("{Bin, Getters}");
                run_match(&mut p, e[0], e[1])
            }
            other => panic!("case kind {other}"),
        };
        count += 1;
        let ok = match (got, expect) {
            (None, "badarg" | "nomatch") => true,
            (Some(g), hex) if hex != "badarg" && hex != "nomatch" => {
                let want = crate::etf::decode_in(&mut p, &unhex(hex)).expect("expected term");
                exact_eq(g, want)
            }
            _ => false,
        };
        if !ok {
            failures.push(format!("{kind} {}: got {:?}, want {expect}", show(input), got.map(show)));
        }
    }
    assert!(count > 600);
    assert!(failures.is_empty(), "{} of {count} failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn large_results_are_shared_off_heap() {
    let mut p = Process::new(0);
    let bytes: Vec<u8> = (0..200u8).collect();
    let t = build_with(&mut *p, |w| {
        w.push_bits(&bytes, 0, 200 * 8);
        w.push_bits(&[0xE0], 0, 3);
        Ok(())
    })
    .unwrap();
    // 200 bytes and 3 bits: a SUB_BIN over a REFC_BIN.
    let (orig, off) = storage_of(t).unwrap();
    assert_eq!(off, 0);
    // SAFETY: `orig` is a live boxed binary.
    assert_eq!(header::subtag(unsafe { *tag::boxed_ptr(orig) }), header::REFC_BIN);
    let b = bits_of(t).unwrap();
    assert_eq!(b.bit_size, 1603);
    assert_eq!(b.whole_bytes(), &bytes[..]);
    // Matching the first 100 bytes shares the buffer.
    let ctx = start_match(&mut *p, t).unwrap();
    let part = get_binary(&mut *p, ctx, tag::small(100), flags(atom("big"), false, 8)).unwrap();
    assert_eq!(storage_of(part).unwrap().0, orig);
    assert_eq!(binary_bytes(part).unwrap(), &bytes[..100]);
}

/// The reference count of the buffer behind a `REFC_BIN` term.
fn refc_of(t: Term) -> usize {
    let (orig, _) = storage_of(t).unwrap();
    // SAFETY: a live REFC_BIN's word 2 is its buffer pointer.
    unsafe {
        let bin = *tag::boxed_ptr(orig).add(2) as usize as *const OffHeapBin;
        (*bin).refc.load(std::sync::atomic::Ordering::SeqCst)
    }
}

#[test]
fn collection_releases_dead_refc_binaries_and_keeps_live_ones() {
    let mut p = Process::new(0);
    let live = make_binary(&mut *p, &[7u8; 100]);
    let dead = make_binary(&mut *p, &[9u8; 100]);
    let (dead_bin, _) = storage_of(dead).unwrap();
    // SAFETY: `dead` is live until the collection below.
    let dead_ptr = unsafe { *tag::boxed_ptr(dead_bin).add(2) } as usize as *const OffHeapBin;
    // SAFETY: keep an extra reference so the buffer can be inspected after.
    unsafe { OffHeapBin::retain(dead_ptr) };
    let sub = sub_bitstring(&mut *p, live, 8, 80).unwrap();
    assert_eq!(p.heap.off_heap.len(), 2);
    p.header.args[0] = sub;
    crate::gc::collect(&mut p, 0, 1);
    let sub = p.header.args[0];
    assert_eq!(binary_bytes(sub).unwrap(), &[7u8; 10]);
    assert_eq!(p.heap.off_heap.len(), 1);
    assert_eq!(refc_of(sub), 1);
    // SAFETY: our extra reference keeps it alive.
    unsafe {
        assert!(OffHeapBin::is_unique(dead_ptr), "the dead REFC_BIN released its reference");
        OffHeapBin::release(dead_ptr);
    }
}

#[test]
fn messages_share_refc_binaries() {
    let mut p = Process::new(0);
    let big = make_binary(&mut *p, &[1u8; 300]);
    let t = p.tuple(&[big, big]);
    let msg = crate::mailbox::Message::copy_of(t);
    assert_eq!(refc_of(big), 3, "each copy of the REFC_BIN object holds a reference");
    let copy = tuple_elements(msg.term).unwrap()[0];
    assert_eq!(binary_bytes(copy).unwrap().as_ptr(), binary_bytes(big).unwrap().as_ptr(), "bytes not copied");
    let mut q = Process::new(0);
    q.heap.adopt(msg.frag.unwrap());
    q.header.args[0] = msg.term;
    crate::gc::collect(&mut q, 0, 1);
    assert_eq!(refc_of(big), 3);
    crate::gc::collect(&mut q, 0, 0);
    assert_eq!(refc_of(big), 1, "the receiver's dead copies are released");
    drop(q);
    drop(p);
}

#[test]
fn finished_builders_never_change() {
    let mut p = Process::new(0);
    let b = init(&mut *p);
    let hp = header_of(&mut p);
    let f8 = flags(atom("big"), false, 8);
    let big = make_binary(&mut *p, &[5u8; 100]);
    kiln_bif_bs_put_binary(hp, b, big, atom_all(), f8);
    let first = kiln_bif_bs_finish(hp, b);
    kiln_bif_bs_put_integer(hp, b, tag::small(1), tag::small(8), flags(atom("big"), false, 1));
    let second = kiln_bif_bs_finish(hp, b);
    assert_eq!(binary_bytes(first).unwrap().len(), 100);
    assert_eq!(binary_bytes(second).unwrap().len(), 101);
    assert!(exact_eq(sub_bitstring(&mut *p, second, 0, 800).unwrap(), first));
}

#[test]
fn bitstrings_print_as_otp() {
    let mut p = Process::new(0);
    let t = build_with(&mut *p, |w| {
        w.push_bits(b"ab", 0, 16);
        w.push_bits(&[0x80], 0, 1);
        Ok(())
    })
    .unwrap();
    assert_eq!(show(t), "<<97,98,1:1>>");
    let t = build_with(&mut *p, |w| {
        w.push_bits(&[0b0010_0000], 0, 3);
        Ok(())
    })
    .unwrap();
    assert_eq!(show(t), "<<1:3>>");
}

/// `<<Acc/binary, X>>` in a loop extends `Acc`'s buffer in place: every
/// result shares one buffer, and earlier results keep their bytes.
#[test]
fn append_reuses_an_unshared_buffer_and_copies_a_shared_one() {
    let mut boxed = Process::new(0);
    let p: &mut Process = &mut boxed;
    let seg = |p: &mut Process, acc: Term, byte: i64| -> Term {
        let b = append_to(p, acc, 8).expect("append");
        let b = kiln_bif_bs_put_integer(
            header_of(p),
            b,
            tag::small(byte),
            tag::small(8),
            SegmentFlags::encode(false, false, 1),
        );
        finish(p, b).expect("finish")
    };
    let mut acc = build_with(p, |w| {
        w.push_bits(&[7u8; 100], 0, 800);
        Ok(())
    })
    .unwrap();
    let first = acc;
    let (_, buffer) = refc_parts(first).expect("100 bytes are off-heap");
    for i in 0..1000 {
        acc = seg(p, acc, i % 256);
    }
    assert_eq!(binary_bytes(first).unwrap(), &[7u8; 100][..], "an earlier result never changes");
    assert_eq!(binary_bytes(acc).unwrap().len(), 1100);
    assert_eq!(binary_bytes(acc).unwrap()[100..103], [0, 1, 2]);
    let (_, now) = refc_parts(acc).unwrap();
    assert_eq!(now, buffer, "appends went to the same buffer");

    // Appending to an earlier result must not overwrite what later results hold.
    let branch = seg(p, first, 99);
    assert_eq!(binary_bytes(branch).unwrap()[100], 99);
    assert_eq!(binary_bytes(acc).unwrap()[100], 0);
    assert_ne!(refc_parts(branch).unwrap().1, buffer);

    // Once another process may hold the buffer, appends copy.
    // SAFETY: `buffer` is live (referenced by `acc`).
    unsafe { OffHeapBin::mark_shared(buffer) };
    let after = seg(p, acc, 1);
    assert_ne!(refc_parts(after).unwrap().1, buffer);
    assert_eq!(binary_bytes(acc).unwrap().len(), 1100);
}

/// `'$bs_get_tail'` turns the context into the rest when it starts on a
/// byte boundary, and copies an unaligned rest.
#[test]
fn get_tail_reuses_the_context() {
    let mut boxed = Process::new(0);
    let p: &mut Process = &mut boxed;
    let bin = crate::term::make_heap_binary(p, &[1, 2, 3, 4, 5]);
    let byte = SegmentFlags::encode(false, false, 1);
    let ctx = start_match(p, bin).unwrap();
    assert!(get_integer(p, ctx, tag::small(8), byte).is_some());
    let rest = get_tail(p, ctx, SegmentFlags::encode(false, false, 8)).unwrap();
    assert_eq!(rest, ctx, "the context object became the rest");
    assert_eq!(binary_bytes(rest).unwrap(), &[2, 3, 4, 5][..]);

    let whole = start_match(p, bin).unwrap();
    assert_eq!(get_tail(p, whole, byte).unwrap(), bin, "nothing consumed: the binary itself");

    let odd = start_match(p, bin).unwrap();
    assert!(get_integer(p, odd, tag::small(3), byte).is_some());
    assert!(get_tail(p, odd, SegmentFlags::encode(false, false, 8)).is_none(), "37 bits are not whole bytes");
    let rest = get_tail(p, odd, byte).unwrap();
    assert_ne!(rest, odd);
    assert_eq!(format_term(rest, Mode::Write), "<<8,16,24,32,5:5>>");
}
