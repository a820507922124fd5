//! Conversions between atoms, integers and character lists.

use num_bigint::BigInt;

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::term::{
    bif_return, bif_return_pure, list_iter, list_to_string, make_bigint, make_string, to_bigint, BifResult, Error,
    TermAlloc,
};

/// `atom_to_list(Atom)`.
pub fn atom_to_list<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    match atom::try_name(a) {
        Some(name) => Ok(make_string(h, name)),
        None => Err(Error::Badarg),
    }
}

/// `list_to_atom(Chars)`: `system_limit` for names over 255 characters.
pub fn list_to_atom(l: Term) -> BifResult {
    let name = list_to_string(l).ok_or(Error::Badarg)?;
    atom::try_intern(&name).map_err(|_| Error::SystemLimit)
}

/// `list_to_existing_atom(Chars)`.
pub fn list_to_existing_atom(l: Term) -> BifResult {
    let name = list_to_string(l).ok_or(Error::Badarg)?;
    atom::lookup(&name).ok_or(Error::Badarg)
}

/// A base argument: an integer in 2..=36.
fn base(b: Term) -> Result<u32, Error> {
    if tag::is_small(b) {
        let v = tag::small_value(b);
        if (2..=36).contains(&v) {
            return Ok(v as u32);
        }
    }
    Err(Error::Badarg)
}

/// The digits of `i` in `radix`, upper case, with a leading `-` if negative.
pub fn integer_text(i: Term, radix: u32) -> Option<String> {
    if tag::is_small(i) && radix == 10 {
        return Some(tag::small_value(i).to_string());
    }
    let v = to_bigint(i)?;
    Some(v.to_str_radix(radix).to_ascii_uppercase())
}

/// `integer_to_list(Integer, Base)`.
pub fn integer_to_list<H: TermAlloc + ?Sized>(h: &mut H, i: Term, b: Term) -> BifResult {
    let radix = base(b)?;
    let s = integer_text(i, radix).ok_or(Error::Badarg)?;
    Ok(make_string(h, &s))
}

/// Parses `[+-]digits` in `radix` (digits case-insensitive), as
/// `list_to_integer/2`.
pub fn parse_integer(s: &str, radix: u32) -> Option<BigInt> {
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let mag = BigInt::parse_bytes(digits.as_bytes(), radix)?;
    Some(if neg { -mag } else { mag })
}

/// `list_to_integer(Chars, Base)`.
pub fn list_to_integer<H: TermAlloc + ?Sized>(h: &mut H, l: Term, b: Term) -> BifResult {
    let radix = base(b)?;
    // Only ASCII can be digits; anything else (or an improper list) fails.
    let mut s = String::new();
    for item in list_iter(l) {
        let c = item.map_err(|_| Error::Badarg)?;
        match crate::term::char_code(c) {
            Some(ch) if ch.is_ascii() => s.push(ch),
            _ => return Err(Error::Badarg),
        }
    }
    let v = parse_integer(&s, radix).ok_or(Error::Badarg)?;
    make_bigint(h, &v)
}

#[no_mangle]
pub extern "C" fn kiln_bif_atom_to_list(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |proc| atom_to_list(proc, a))
}

#[no_mangle]
pub extern "C" fn kiln_bif_list_to_atom(p: *mut ProcessHeader, l: Term) -> Term {
    bif_return_pure(p, list_to_atom(l))
}

#[no_mangle]
pub extern "C" fn kiln_bif_list_to_existing_atom(p: *mut ProcessHeader, l: Term) -> Term {
    bif_return_pure(p, list_to_existing_atom(l))
}

#[no_mangle]
pub extern "C" fn kiln_bif_integer_to_list(p: *mut ProcessHeader, i: Term) -> Term {
    bif_return(p, |proc| integer_to_list(proc, i, tag::small(10)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_integer_to_list_2(p: *mut ProcessHeader, i: Term, b: Term) -> Term {
    bif_return(p, |proc| integer_to_list(proc, i, b))
}

#[no_mangle]
pub extern "C" fn kiln_bif_list_to_integer(p: *mut ProcessHeader, l: Term) -> Term {
    bif_return(p, |proc| list_to_integer(proc, l, tag::small(10)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_list_to_integer_2(p: *mut ProcessHeader, l: Term, b: Term) -> Term {
    bif_return(p, |proc| list_to_integer(proc, l, b))
}
