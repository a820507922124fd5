//! Cutting a port's input into messages, and framing its output.
//!
//! Pipes deliver bytes in whatever chunks the OS chooses, so the reader
//! keeps a [`Framer`] that turns them into OTP's units: in `stream` mode
//! each read is one `{data, Bytes}`; with `{line, N}` each line (without
//! its `\n`) is `{eol, Line}`, and a line longer than `N` comes as
//! `{noeol, Part}` pieces of `N` bytes before it; with `{packet, N}` each
//! `N`-byte big-endian length and that many bytes is one `{data, Packet}`.
//! Output with `{packet, N}` gets the same header ([`encode_packet`]).

use super::options::Framing;

/// One message's worth of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// `{data, Bytes}` (stream and packet modes).
    Data(Vec<u8>),
    /// `{data, {eol, Line}}` (`eol` true) or `{data, {noeol, Part}}`.
    Line { eol: bool, bytes: Vec<u8> },
}

/// Input bytes not yet part of a whole frame.
#[derive(Debug)]
pub struct Framer {
    mode: Framing,
    buf: Vec<u8>,
}

impl Framer {
    pub fn new(mode: Framing) -> Framer {
        Framer { mode, buf: Vec::new() }
    }

    /// Takes `bytes` as read; appends the frames they complete to `out`.
    pub fn push(&mut self, bytes: &[u8], out: &mut Vec<Frame>) {
        match self.mode {
            Framing::Stream => {
                if !bytes.is_empty() {
                    out.push(Frame::Data(bytes.to_vec()));
                }
            }
            Framing::Line(max) => {
                self.buf.extend_from_slice(bytes);
                self.lines(max, out);
            }
            Framing::Packet(header) => {
                self.buf.extend_from_slice(bytes);
                self.packets(usize::from(header), out);
            }
        }
    }

    /// The end of input: a last line without `\n` comes as `noeol`
    /// pieces; an incomplete packet is dropped, as OTP does.
    pub fn finish(&mut self, out: &mut Vec<Frame>) {
        if let Framing::Line(max) = self.mode {
            for piece in self.buf.chunks(max) {
                out.push(Frame::Line { eol: false, bytes: piece.to_vec() });
            }
        }
        self.buf.clear();
    }

    fn lines(&mut self, max: usize, out: &mut Vec<Frame>) {
        let mut start = 0;
        loop {
            let rest = &self.buf[start..];
            // A line of exactly `max` bytes still ends with its `\n`.
            let window = &rest[..rest.len().min(max + 1)];
            if let Some(nl) = window.iter().position(|&b| b == b'\n') {
                out.push(Frame::Line { eol: true, bytes: rest[..nl].to_vec() });
                start += nl + 1;
            } else if rest.len() > max {
                out.push(Frame::Line { eol: false, bytes: rest[..max].to_vec() });
                start += max;
            } else {
                break;
            }
        }
        self.buf.drain(..start);
    }

    fn packets(&mut self, header: usize, out: &mut Vec<Frame>) {
        let mut start = 0;
        while self.buf.len() - start >= header {
            let len = self.buf[start..start + header].iter().fold(0usize, |n, &b| (n << 8) | usize::from(b));
            let body = start + header;
            if self.buf.len() - body < len {
                break;
            }
            out.push(Frame::Data(self.buf[body..body + len].to_vec()));
            start = body + len;
        }
        self.buf.drain(..start);
    }
}

/// The bytes to write for `data`: with `{packet, N}`, an `N`-byte length
/// first; `None` when the length does not fit (the port then dies with
/// `einval`, as in OTP).
pub fn encode_packet(mode: Framing, data: Vec<u8>) -> Option<Vec<u8>> {
    let Framing::Packet(header) = mode else {
        return Some(data);
    };
    let header = usize::from(header);
    let len = data.len();
    if header < 8 && len >> (8 * header) != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(header + len);
    out.extend_from_slice(&(len as u64).to_be_bytes()[8 - header..]);
    out.extend(data);
    Some(out)
}
