//! The `base64` module (RFC 4648, standard alphabet, `=` padding):
//! `encode/1`, `encode_to_string/1`, `decode/1`, `decode_to_string/1`,
//! `mime_decode/1`, `mime_decode_to_string/1`.
//!
//! Input is a binary or a list of bytes (an iolist for encoding). `decode`
//! skips whitespace (space, tab, CR, LF) and rejects any other character
//! outside the alphabet; `mime_decode` skips every character outside the
//! alphabet and stops at the padding. Bits after the last whole byte are
//! ignored, as in OTP. Malformed input raises `badarg` for a bad character
//! or input type and `function_clause` for a bad length or padding (OTP's
//! exact reasons for malformed input are implementation details of its
//! Erlang code and are not reproduced case by case).

use crate::abi::{ProcessHeader, Term};
use crate::atom;
use crate::bifs::binary::iolist_bytes;
use crate::binary::{binary_bytes, make_binary_from_vec};
use crate::process::Process;
use crate::term::{list_to_vec, make_byte_list, view, Error, TermView};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` encoded, with padding.
pub fn encode_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

/// The 6-bit value of an alphabet character.
fn digit(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Why decoding failed.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A character that may not appear (`badarg`).
    BadChar,
    /// Not a whole number of 4-character groups, or misplaced padding
    /// (`function_clause`).
    BadShape,
}

/// Decodes `text`; `mime` skips every non-alphabet character and ignores
/// everything after the padding, otherwise only whitespace is skipped.
pub fn decode_bytes(text: &[u8], mime: bool) -> Result<Vec<u8>, DecodeError> {
    let mut digits: Vec<u32> = Vec::with_capacity(text.len());
    let mut pads = 0usize;
    for &c in text {
        match (digit(c), c) {
            (Some(_), _) if pads > 0 => {
                if mime {
                    break;
                }
                return Err(DecodeError::BadShape);
            }
            (Some(d), _) => digits.push(d),
            (None, b'=') => pads += 1,
            (None, b' ' | b'\t' | b'\r' | b'\n') => {}
            (None, _) if mime => {}
            (None, _) => return Err(DecodeError::BadChar),
        }
    }
    let rem = digits.len() % 4;
    let shape_ok = match rem {
        0 => pads == 0 || (mime && pads > 0 && digits.is_empty()),
        2 => pads == 2 || (mime && pads >= 2),
        3 => pads == 1 || (mime && pads >= 1),
        _ => false,
    };
    if !shape_ok || (!mime && pads > 2) {
        return Err(DecodeError::BadShape);
    }
    let mut out = Vec::with_capacity(digits.len() / 4 * 3 + 2);
    for group in digits.chunks(4) {
        let n = group.iter().enumerate().fold(0u32, |acc, (i, d)| acc | d << (18 - 6 * i));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..group.len() - 1]);
    }
    Ok(out)
}

/// The bytes of a binary or a list of bytes (`decode`'s input).
fn input_bytes(t: Term) -> Result<Vec<u8>, Error> {
    if let Some(b) = binary_bytes(t) {
        return Ok(b.to_vec());
    }
    let items = list_to_vec(t).ok_or(Error::Badarg)?;
    items
        .into_iter()
        .map(|i| match view(i) {
            TermView::Small(n) if (0..=255).contains(&n) => Ok(n as u8),
            _ => Err(Error::Badarg),
        })
        .collect()
}

/// What a base64 BIF body produced: the bytes, or the exception.
enum Outcome {
    Bytes(Vec<u8>),
    Raise(Error),
    FunctionClause,
}

fn encode_input(data: Term) -> Outcome {
    if let Some(b) = binary_bytes(data) {
        return Outcome::Bytes(encode_bytes(b));
    }
    if list_to_vec(data).is_none() {
        return Outcome::FunctionClause;
    }
    match iolist_bytes(data) {
        Some(b) => Outcome::Bytes(encode_bytes(&b)),
        None => Outcome::Raise(Error::Badarg),
    }
}

fn decode_input(data: Term, mime: bool) -> Outcome {
    if binary_bytes(data).is_none() && list_to_vec(data).is_none() {
        return Outcome::FunctionClause;
    }
    match input_bytes(data) {
        Err(e) => Outcome::Raise(e),
        Ok(text) => match decode_bytes(&text, mime) {
            Ok(b) => Outcome::Bytes(b),
            Err(DecodeError::BadChar) => Outcome::Raise(Error::Badarg),
            Err(DecodeError::BadShape) => Outcome::FunctionClause,
        },
    }
}

/// Returns the outcome as a binary or a byte list, or raises.
fn finish(p: *mut ProcessHeader, outcome: Outcome, as_list: bool) -> Term {
    // SAFETY: BIF entry points are only called with the running process.
    let proc: &mut Process = unsafe { crate::term::process(p) };
    match outcome {
        Outcome::Bytes(b) if as_list => make_byte_list(proc, &b),
        Outcome::Bytes(b) => make_binary_from_vec(proc, b),
        Outcome::Raise(e) => proc.raise_error(e.reason()),
        Outcome::FunctionClause => proc.raise_error(atom::intern("function_clause")),
    }
}

#[no_mangle]
pub extern "C" fn kiln_bif_base64_encode(p: *mut ProcessHeader, data: Term) -> Term {
    finish(p, encode_input(data), false)
}

#[no_mangle]
pub extern "C" fn kiln_bif_base64_encode_to_string(p: *mut ProcessHeader, data: Term) -> Term {
    finish(p, encode_input(data), true)
}

#[no_mangle]
pub extern "C" fn kiln_bif_base64_decode(p: *mut ProcessHeader, data: Term) -> Term {
    finish(p, decode_input(data, false), false)
}

#[no_mangle]
pub extern "C" fn kiln_bif_base64_decode_to_string(p: *mut ProcessHeader, data: Term) -> Term {
    finish(p, decode_input(data, false), true)
}

#[no_mangle]
pub extern "C" fn kiln_bif_base64_mime_decode(p: *mut ProcessHeader, data: Term) -> Term {
    finish(p, decode_input(data, true), false)
}

#[no_mangle]
pub extern "C" fn kiln_bif_base64_mime_decode_to_string(p: *mut ProcessHeader, data: Term) -> Term {
    finish(p, decode_input(data, true), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> String {
        String::from_utf8(encode_bytes(s.as_bytes())).unwrap()
    }

    fn dec(s: &str, mime: bool) -> Result<Vec<u8>, DecodeError> {
        decode_bytes(s.as_bytes(), mime)
    }

    #[test]
    fn encodes_rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("any carnal pleas", "YW55IGNhcm5hbCBwbGVhcw=="),
        ];
        for (plain, coded) in cases {
            assert_eq!(enc(plain), coded);
            assert_eq!(dec(coded, false).unwrap(), plain.as_bytes());
            assert_eq!(dec(coded, true).unwrap(), plain.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_bytes(&encode_bytes(&all), false).unwrap(), all);
    }

    #[test]
    fn decode_whitespace_and_errors() {
        // Checked against OTP 25.
        assert_eq!(dec("YW Jj\nZA==", false).unwrap(), b"abcd");
        assert_eq!(dec("YWJj\tZA==", false).unwrap(), b"abcd");
        assert_eq!(dec("YQ = =", false).unwrap(), b"a");
        assert_eq!(dec("YQ== ", false).unwrap(), b"a");
        assert_eq!(dec("YR==", false).unwrap(), b"a");
        assert_eq!(dec("YW!j", false), Err(DecodeError::BadChar));
        assert_eq!(dec("YWJjZA=", false), Err(DecodeError::BadShape));
        assert_eq!(dec("YWJjZA", false), Err(DecodeError::BadShape));
        assert_eq!(dec("YWJjZ", false), Err(DecodeError::BadShape));
        assert_eq!(dec("=", false), Err(DecodeError::BadShape));
    }

    #[test]
    fn mime_decode_skips_junk() {
        // Checked against OTP 25.
        assert_eq!(dec("YW!Jj\nZA==", true).unwrap(), b"abcd");
        assert_eq!(dec("YW Jj\nZA==", true).unwrap(), b"abcd");
        assert_eq!(dec("YR==", true).unwrap(), b"a");
        assert_eq!(dec("YWJjZA", true), Err(DecodeError::BadShape));
        assert_eq!(dec("Y", true), Err(DecodeError::BadShape));
    }
}
