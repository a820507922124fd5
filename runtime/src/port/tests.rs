//! Unit tests of the parts of ports that need no OS process: framing,
//! packet headers, option parsing and the messages' shapes. (Ports with
//! processes are covered by `tests/conformance/port_*.erl`.)

use super::framing::{encode_packet, Frame, Framer};
use super::options::{parse, Framing, Refusal, Target};
use crate::abi::tag;
use crate::term::testing::TestHeap;
use crate::term::{make_string, tuple_elements};

fn frames(mode: Framing, chunks: &[&[u8]], finish: bool) -> Vec<Frame> {
    let mut f = Framer::new(mode);
    let mut out = Vec::new();
    for c in chunks {
        f.push(c, &mut out);
    }
    if finish {
        f.finish(&mut out);
    }
    out
}

fn line(eol: bool, s: &str) -> Frame {
    Frame::Line { eol, bytes: s.as_bytes().to_vec() }
}

#[test]
fn lines_are_cut_like_otp() {
    let out = frames(Framing::Line(3), &[b"abc\nde", b"fgh"], true);
    assert_eq!(out, [line(true, "abc"), line(false, "def"), line(false, "gh")]);
    let out = frames(Framing::Line(2), &[b"abc\n\n"], false);
    assert_eq!(out, [line(false, "ab"), line(true, "c"), line(true, "")]);
    // A partial line waits for more input.
    assert!(frames(Framing::Line(8), &[b"par"], false).is_empty());
}

#[test]
fn packets_span_reads() {
    let out = frames(Framing::Packet(2), &[b"\0\x03a", b"bc\0", b"\0\0\x01z"], true);
    assert_eq!(out, [Frame::Data(b"abc".to_vec()), Frame::Data(vec![]), Frame::Data(b"z".to_vec())]);
    // An incomplete packet at end of input is dropped.
    assert!(frames(Framing::Packet(4), &[b"\0\0\0\x09ab"], true).is_empty());
}

#[test]
fn packet_headers_and_limits() {
    assert_eq!(encode_packet(Framing::Packet(2), b"hi".to_vec()).unwrap(), b"\0\x02hi");
    assert_eq!(encode_packet(Framing::Packet(4), vec![]).unwrap(), b"\0\0\0\0");
    assert_eq!(encode_packet(Framing::Packet(1), vec![0; 256]), None);
    assert_eq!(encode_packet(Framing::Stream, b"raw".to_vec()).unwrap(), b"raw");
}

#[test]
fn options_are_read() {
    let mut h = TestHeap::new();
    let spawn = crate::atom::intern("spawn");
    let cmd = make_string(&mut h, "cat -n");
    let name = h.tuple(&[spawn, cmd]);
    let packet = h.tuple(&[crate::atom::intern("packet"), tag::small(2)]);
    let opts = h.list(&[crate::atom::intern("binary"), packet, crate::atom::intern("in")]);
    let spec = parse(name, opts).unwrap();
    assert_eq!(spec.target, Target::Shell("cat -n".into()));
    assert_eq!(spec.framing, Framing::Packet(2));
    assert!(spec.binary && spec.input && !spec.output && spec.use_stdio);

    let bad = h.tuple(&[crate::atom::intern("packet"), tag::small(3)]);
    let opts = h.list(&[bad]);
    assert_eq!(parse(name, opts), Err(Refusal::Badarg));
    let fd = h.tuple(&[crate::atom::intern("fd"), tag::small(0), tag::small(1)]);
    assert_eq!(parse(fd, tag::NIL).unwrap_err(), Refusal::Posix("enotsup"));
    let fd = h.tuple(&[crate::atom::intern("fd"), tag::small(0)]);
    assert_eq!(parse(fd, tag::NIL).unwrap_err(), Refusal::Badarg);
}

#[test]
fn data_messages_have_otp_shape() {
    let m = super::message::data(7, line(false, "ab"), true);
    let outer = tuple_elements(m.term).unwrap();
    assert_eq!(outer[0], super::port_term(7));
    let inner = tuple_elements(outer[1]).unwrap();
    assert_eq!(inner[0], crate::atom::intern("data"));
    let l = tuple_elements(inner[1]).unwrap();
    assert_eq!(l[0], crate::atom::intern("noeol"));
    assert_eq!(crate::term::binary_bytes(l[1]), Some(&b"ab"[..]));
}

#[test]
fn ports_are_immediates() {
    let p = super::port_term(42);
    assert!(super::is_port(p) && !super::is_port(tag::pid(42)));
    assert_eq!(super::port_number(p), 42);
    assert!(matches!(crate::term::view(p), crate::term::TermView::Port(42)));
}
