//! The messages a port sends its owner, built off any process heap.
//!
//! A port's I/O thread is not a process, so it cannot build terms on a heap
//! and copy them like `!` does. Instead each message is built straight into
//! a heap fragment sized for it ([`PortMessage`]) and handed to the
//! receiver's inbox as it is: the receiver adopts the fragment like any
//! message's. Only immediates (the port, atoms, small integers) and the
//! data itself go in, so the size is known in advance.

use super::framing::Frame;
use super::port_term;
use crate::abi::{tag, Term};
use crate::heap::Fragment;
use crate::mailbox::Message;

/// Words for the data of `len` bytes: a binary (on-heap up to
/// `HEAP_BIN_MAX` bytes, else a reference) or a list of bytes.
fn data_words(len: usize, binary: bool) -> usize {
    if !binary {
        2 * len
    } else if len <= crate::binary::HEAP_BIN_MAX {
        2 + len.div_ceil(8)
    } else {
        3
    }
}

fn atom(name: &str) -> Term {
    crate::atom::intern(name)
}

/// `{Port, {data, Data}}` or `{Port, {data, {eol | noeol, Line}}}`.
pub fn data(port: u64, frame: Frame, binary: bool) -> Message {
    let (line, bytes) = match frame {
        Frame::Data(b) => (None, b),
        Frame::Line { eol, bytes } => (Some(eol), bytes),
    };
    let words = 3 + 3 + 3 + data_words(bytes.len(), binary);
    let mut fa = Fragment::new(words);
    let mut payload = if binary {
        crate::binary::make_binary_from_vec(&mut fa, bytes)
    } else {
        let items: Vec<Term> = bytes.iter().map(|&b| tag::small(i64::from(b))).collect();
        crate::term::make_list(&mut fa, &items)
    };
    if let Some(eol) = line {
        let kind = atom(if eol { "eol" } else { "noeol" });
        payload = crate::term::make_tuple(&mut fa, &[kind, payload]);
    }
    let inner = crate::term::make_tuple(&mut fa, &[atom("data"), payload]);
    let t = crate::term::make_tuple(&mut fa, &[port_term(port), inner]);
    Message { term: t, frag: Some(fa), signal: None }
}

/// `{Port, What}` for an immediate `What` (`eof`, `closed`, `connected`).
pub fn notice(port: u64, what: &str) -> Message {
    let mut fa = Fragment::new(3);
    let t = crate::term::make_tuple(&mut fa, &[port_term(port), atom(what)]);
    Message { term: t, frag: Some(fa), signal: None }
}

/// `{Port, {exit_status, Status}}`.
pub fn exit_status(port: u64, status: i32) -> Message {
    let mut fa = Fragment::new(6);
    let inner = crate::term::make_tuple(&mut fa, &[atom("exit_status"), tag::small(i64::from(status))]);
    let t = crate::term::make_tuple(&mut fa, &[port_term(port), inner]);
    Message { term: t, frag: Some(fa), signal: None }
}
