//! `binary:encode_hex/1` and `binary:decode_hex/1` (OTP 24+): bytes to
//! upper-case hexadecimal text and back. Decoding accepts either case;
//! an odd length, a character that is not a hex digit, or a bitstring
//! that is not whole bytes is `badarg`.

use crate::abi::{ProcessHeader, Term};
use crate::binary::make_binary_from_vec;
use crate::term::{bif_return, binary_bytes, BifResult, Error, TermAlloc};

const DIGITS: &[u8; 16] = b"0123456789ABCDEF";

/// The upper-case hex text of `bytes`.
pub fn encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)]);
        out.push(DIGITS[usize::from(b & 15)]);
    }
    out
}

fn digit(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// The bytes of hex text, if it is hex text.
pub fn decode(text: &[u8]) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.chunks_exact(2).map(|p| Some(digit(p[0])? << 4 | digit(p[1])?)).collect()
}

/// `binary:encode_hex(Bin)`.
pub fn encode_hex<H: TermAlloc + ?Sized>(h: &mut H, bin: Term) -> BifResult {
    let bytes = binary_bytes(bin).ok_or(Error::Badarg)?;
    Ok(make_binary_from_vec(h, encode(bytes)))
}

/// `binary:decode_hex(Bin)`.
pub fn decode_hex<H: TermAlloc + ?Sized>(h: &mut H, bin: Term) -> BifResult {
    let text = binary_bytes(bin).ok_or(Error::Badarg)?;
    let bytes = decode(text).ok_or(Error::Badarg)?;
    Ok(make_binary_from_vec(h, bytes))
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_encode_hex(p: *mut ProcessHeader, bin: Term) -> Term {
    crate::proc_bifs::charge_bytes(p, binary_bytes(bin).map_or(0, <[u8]>::len));
    bif_return(p, |proc| encode_hex(proc, bin))
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_decode_hex(p: *mut ProcessHeader, bin: Term) -> Term {
    crate::proc_bifs::charge_bytes(p, binary_bytes(bin).map_or(0, <[u8]>::len));
    bif_return(p, |proc| decode_hex(proc, bin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_bad_text() {
        assert_eq!(encode(&[1, 2, 255]), b"0102FF");
        assert_eq!(decode(b"0102ff"), Some(vec![1, 2, 255]));
        assert_eq!(decode(b"0102Ff"), Some(vec![1, 2, 255]));
        assert_eq!(decode(b""), Some(vec![]));
        for bad in [&b"abc"[..], b"zz", b"0 ", b"0x01", b"+1"] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&all)), Some(all));
    }
}
