//! Encoder of SSA literals in Erlang's external term format (the
//! `term_to_binary/1` encoding). Literals are stored in the module
//! descriptor in this form and decoded by the runtime at start-up, so the
//! object file needs no knowledge of the runtime's heap layout for them.

use kiln_ir::ssa::Literal;

use kiln_abi::etf_tags::*;

/// Why a literal cannot be encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EtfError {
    /// `Literal::Integer` whose text is not a decimal integer.
    BadInteger(String),
    /// A count that does not fit the format's 32-bit length fields, or an
    /// atom longer than 65535 bytes.
    TooLarge(&'static str),
}

impl std::fmt::Display for EtfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EtfError::BadInteger(s) => write!(f, "integer literal `{s}` is not a decimal integer"),
            EtfError::TooLarge(what) => write!(f, "{what} too large for the external term format"),
        }
    }
}

/// Encodes `lit` with the leading version byte.
pub fn encode(lit: &Literal) -> Result<Vec<u8>, EtfError> {
    let mut out = vec![VERSION];
    encode_term(lit, &mut out)?;
    Ok(out)
}

fn encode_term(lit: &Literal, out: &mut Vec<u8>) -> Result<(), EtfError> {
    match lit {
        Literal::Integer(text) => encode_integer(text, out),
        Literal::Float(f) => {
            out.push(NEW_FLOAT_EXT);
            out.extend_from_slice(&f.to_bits().to_be_bytes());
            Ok(())
        }
        Literal::Atom(name) => encode_atom(name, out),
        Literal::Nil => {
            out.push(NIL_EXT);
            Ok(())
        }
        Literal::Tuple(elems) => {
            if elems.len() <= 255 {
                out.push(SMALL_TUPLE_EXT);
                out.push(elems.len() as u8);
            } else {
                out.push(LARGE_TUPLE_EXT);
                out.extend_from_slice(&len32(elems.len(), "tuple")?.to_be_bytes());
            }
            elems.iter().try_for_each(|e| encode_term(e, out))
        }
        Literal::String(chars) => encode_string(chars, out),
        Literal::Cons(..) => encode_list(lit, out),
        Literal::Export(module, function, arity) => {
            out.push(EXPORT_EXT);
            encode_atom(module, out)?;
            encode_atom(function, out)?;
            out.push(SMALL_INTEGER_EXT);
            out.push(u8::try_from(*arity).map_err(|_| EtfError::TooLarge("fun arity"))?);
            Ok(())
        }
        Literal::Binary(bytes) => {
            out.push(BINARY_EXT);
            out.extend_from_slice(&len32(bytes.len(), "binary")?.to_be_bytes());
            out.extend_from_slice(bytes);
            Ok(())
        }
        Literal::Map(pairs) => {
            out.push(MAP_EXT);
            out.extend_from_slice(&len32(pairs.len(), "map")?.to_be_bytes());
            pairs.iter().try_for_each(|(k, v)| {
                encode_term(k, out)?;
                encode_term(v, out)
            })
        }
    }
}

fn len32(n: usize, what: &'static str) -> Result<u32, EtfError> {
    u32::try_from(n).map_err(|_| EtfError::TooLarge(what))
}

fn encode_atom(name: &str, out: &mut Vec<u8>) -> Result<(), EtfError> {
    let bytes = name.as_bytes();
    if bytes.len() <= 255 {
        out.push(SMALL_ATOM_UTF8_EXT);
        out.push(bytes.len() as u8);
    } else {
        let len = u16::try_from(bytes.len()).map_err(|_| EtfError::TooLarge("atom"))?;
        out.push(ATOM_UTF8_EXT);
        out.extend_from_slice(&len.to_be_bytes());
    }
    out.extend_from_slice(bytes);
    Ok(())
}

/// A character list: `STRING_EXT` when it can be (at most 65535 characters,
/// all below 256; what `term_to_binary` does), else a proper `LIST_EXT`.
fn encode_string(chars: &[u32], out: &mut Vec<u8>) -> Result<(), EtfError> {
    if chars.is_empty() {
        out.push(NIL_EXT);
    } else if chars.len() <= 0xFFFF && chars.iter().all(|&c| c < 256) {
        out.push(STRING_EXT);
        out.extend_from_slice(&(chars.len() as u16).to_be_bytes());
        out.extend(chars.iter().map(|&c| c as u8));
    } else {
        out.push(LIST_EXT);
        out.extend_from_slice(&len32(chars.len(), "list")?.to_be_bytes());
        for &c in chars {
            encode_small(c as i64, out);
        }
        out.push(NIL_EXT);
    }
    Ok(())
}

/// A chain of `Cons` cells as one `LIST_EXT` (elements, then the tail). A
/// chain ending in a `String` literal continues with its characters.
fn encode_list(lit: &Literal, out: &mut Vec<u8>) -> Result<(), EtfError> {
    let mut heads: Vec<&Literal> = Vec::new();
    let mut rest = lit;
    while let Literal::Cons(h, t) = rest {
        heads.push(h);
        rest = t;
    }
    let (tail_chars, tail): (&[u32], Option<&Literal>) = match rest {
        Literal::String(chars) => (chars, None),
        Literal::Nil => (&[], None),
        other => (&[], Some(other)),
    };
    out.push(LIST_EXT);
    out.extend_from_slice(&len32(heads.len() + tail_chars.len(), "list")?.to_be_bytes());
    for h in heads {
        encode_term(h, out)?;
    }
    for &c in tail_chars {
        encode_small(c as i64, out);
    }
    match tail {
        Some(t) => encode_term(t, out),
        None => {
            out.push(NIL_EXT);
            Ok(())
        }
    }
}

/// An integer known to fit 32 bits signed.
fn encode_small(v: i64, out: &mut Vec<u8>) {
    if (0..=255).contains(&v) {
        out.push(SMALL_INTEGER_EXT);
        out.push(v as u8);
    } else {
        out.push(INTEGER_EXT);
        out.extend_from_slice(&(v as i32).to_be_bytes());
    }
}

/// An integer given as decimal text of any size.
fn encode_integer(text: &str, out: &mut Vec<u8>) -> Result<(), EtfError> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(EtfError::BadInteger(text.to_string()));
    }
    // Magnitude as little-endian base-256 digits.
    let mut mag: Vec<u8> = Vec::new();
    for d in digits.bytes() {
        let mut carry = (d - b'0') as u32;
        for limb in mag.iter_mut() {
            let v = *limb as u32 * 10 + carry;
            *limb = v as u8;
            carry = v >> 8;
        }
        if carry != 0 {
            mag.push(carry as u8);
        }
    }
    while mag.last() == Some(&0) {
        mag.pop();
    }
    if mag.len() <= 4 {
        let m = mag.iter().rev().fold(0i64, |acc, &b| (acc << 8) | b as i64);
        let v = if negative { -m } else { m };
        if i32::try_from(v).is_ok() {
            encode_small(v, out);
            return Ok(());
        }
    }
    if mag.len() <= 255 {
        out.push(SMALL_BIG_EXT);
        out.push(mag.len() as u8);
    } else {
        out.push(LARGE_BIG_EXT);
        out.extend_from_slice(&len32(mag.len(), "integer")?.to_be_bytes());
    }
    out.push(negative as u8);
    out.extend_from_slice(&mag);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str) -> Vec<u8> {
        encode(&Literal::Integer(s.into())).unwrap()
    }

    // Expected bytes are `term_to_binary/1` of the same term in OTP 27.
    #[test]
    fn integers() {
        assert_eq!(int("0"), [131, 97, 0]);
        assert_eq!(int("255"), [131, 97, 255]);
        assert_eq!(int("256"), [131, 98, 0, 0, 1, 0]);
        assert_eq!(int("-1"), [131, 98, 255, 255, 255, 255]);
        assert_eq!(int("2147483647"), [131, 98, 127, 255, 255, 255]);
        assert_eq!(int("-2147483648"), [131, 98, 128, 0, 0, 0]);
        assert_eq!(int("2147483648"), [131, 110, 4, 0, 0, 0, 0, 128]);
        assert_eq!(int("-2147483649"), [131, 110, 4, 1, 1, 0, 0, 128]);
        assert_eq!(int("18446744073709551616"), [131, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert!(matches!(encode(&Literal::Integer("12a".into())), Err(EtfError::BadInteger(_))));
    }

    #[test]
    fn atoms_floats_binaries() {
        assert_eq!(encode(&Literal::Atom("ok".into())).unwrap(), [131, 119, 2, b'o', b'k']);
        assert_eq!(encode(&Literal::Float(1.5)).unwrap(), [131, 70, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0]);
        assert_eq!(encode(&Literal::Binary(vec![1, 2])).unwrap(), [131, 109, 0, 0, 0, 2, 1, 2]);
    }

    #[test]
    fn tuples_and_lists() {
        let t = Literal::Tuple(vec![Literal::Atom("a".into()), Literal::Nil]);
        assert_eq!(encode(&t).unwrap(), [131, 104, 2, 119, 1, b'a', 106]);
        assert_eq!(encode(&Literal::String(vec![104, 105])).unwrap(), [131, 107, 0, 2, 104, 105]);
        assert_eq!(encode(&Literal::String(vec![300])).unwrap(), [131, 108, 0, 0, 0, 1, 98, 0, 0, 1, 44, 106]);
        // [1 | 2]
        let improper = Literal::Cons(Box::new(Literal::Integer("1".into())), Box::new(Literal::Integer("2".into())));
        assert_eq!(encode(&improper).unwrap(), [131, 108, 0, 0, 0, 1, 97, 1, 97, 2]);
        // [a | "b"]
        let mixed = Literal::Cons(Box::new(Literal::Atom("a".into())), Box::new(Literal::String(vec![98])));
        assert_eq!(encode(&mixed).unwrap(), [131, 108, 0, 0, 0, 2, 119, 1, b'a', 97, 98, 106]);
    }
}
