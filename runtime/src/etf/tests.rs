//! Decoder tests: hand-built inputs per the external term format spec,
//! malformed and truncated input, and random bytes (never a panic).

use super::*;
use crate::process::exit::term_to_string;

fn show(bytes: &[u8]) -> String {
    let t = decode_literal(bytes).unwrap_or_else(|e| panic!("{bytes:?}: {e}"));
    term_to_string(t)
}

/// A complex term: {1, -1, "hi", [1.5 | ok], <<1,2,3>>, #{b => 2, a => 1}, 'é', 2^64}.
fn complex() -> Vec<u8> {
    let mut b = vec![131, 104, 8];
    b.extend([97, 1]);
    b.extend([98, 255, 255, 255, 255]);
    b.extend([107, 0, 2, b'h', b'i']);
    b.extend([108, 0, 0, 0, 1, 70]);
    b.extend(1.5f64.to_bits().to_be_bytes());
    b.extend([119, 2, b'o', b'k']);
    b.extend([109, 0, 0, 0, 3, 1, 2, 3]);
    b.extend([116, 0, 0, 0, 2, 119, 1, b'b', 97, 2, 119, 1, b'a', 97, 1]);
    b.extend([100, 0, 1, 0xE9]);
    b.extend([110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    b
}

#[test]
fn integers() {
    assert_eq!(show(&[131, 97, 5]), "5");
    assert_eq!(show(&[131, 98, 255, 255, 255, 255]), "-1");
    assert_eq!(show(&[131, 98, 0x7f, 0xff, 0xff, 0xff]), "2147483647");
    // 2^60 does not fit a small integer; -2^60 does.
    let two60 = [131, 110, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
    assert_eq!(show(&two60), "1152921504606846976");
    let t = decode_literal(&two60).unwrap();
    assert!(tag::is_boxed(t));
    let neg = [131, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 0x10];
    assert_eq!(decode_literal(&neg).unwrap(), tag::small(-(1 << 60)));
    // Leading zero digits and negative zero normalise.
    assert_eq!(decode_literal(&[131, 110, 3, 1, 0, 0, 0]).unwrap(), tag::small(0));
    assert_eq!(show(&[131, 111, 0, 0, 0, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]), "-18446744073709551616");
}

#[test]
fn floats() {
    let mut b = vec![131, 70];
    b.extend(0.25f64.to_bits().to_be_bytes());
    assert_eq!(show(&b), "0.25");
    let mut old = vec![131, 99];
    let mut text = b"2.50000000000000000000e+00".to_vec();
    text.resize(31, 0);
    old.extend(text);
    assert_eq!(show(&old), "2.5");
}

#[test]
fn atoms_and_containers() {
    assert_eq!(show(&[131, 119, 2, b'o', b'k']), "ok");
    assert_eq!(decode_literal(&[131, 115, 4, b't', b'r', b'u', b'e']).unwrap(), crate::abi::ATOM_TRUE);
    assert_eq!(show(&[131, 118, 0, 2, 0xC3, 0xA9]), "é");
    assert_eq!(show(&[131, 104, 0]), "{}");
    assert_eq!(show(&[131, 105, 0, 0, 0, 2, 97, 1, 106]), "{1,[]}");
    assert_eq!(show(&[131, 108, 0, 0, 0, 2, 97, 1, 97, 2, 97, 3]), "[1,2|3]");
    assert_eq!(show(&[131, 108, 0, 0, 0, 0, 106]), "[]");
    assert_eq!(show(&[131, 109, 0, 0, 0, 0]), "<<>>");
    assert_eq!(show(&complex()), "{1,-1,\"hi\",[1.5|ok],<<1,2,3>>,#{a => 1,b => 2},é,18446744073709551616}");
    let export = [131, 113, 119, 5, b'l', b'i', b's', b't', b's', 119, 3, b'm', b'a', b'p', 97, 2];
    assert_eq!(show(&export), "fun lists:map/2");
}

#[test]
fn deep_nesting_is_iterative() {
    let depth = 100_000;
    let mut b = vec![131];
    for _ in 0..depth {
        b.extend([104, 1]);
    }
    b.push(106);
    assert_eq!(plan(&b).unwrap().words(), 2 * depth);
    assert!(decode_literal(&b).is_ok());
}

#[test]
fn malformed_input_is_an_error() {
    assert_eq!(plan(&[]).unwrap_err(), EtfError::Truncated);
    assert_eq!(plan(&[130, 97, 1]).unwrap_err(), EtfError::BadVersion(130));
    assert_eq!(plan(&[131, 97, 1, 0]).unwrap_err(), EtfError::TrailingBytes);
    assert_eq!(plan(&[131, 82]).unwrap_err(), EtfError::Unsupported(82));
    assert_eq!(plan(&[131, 105, 255, 255, 255, 255]).unwrap_err(), EtfError::Truncated);
    assert_eq!(plan(&[131, 108, 255, 255, 255, 255, 106]).unwrap_err(), EtfError::Truncated);
    assert_eq!(plan(&[131, 116, 128, 0, 0, 0]).unwrap_err(), EtfError::Truncated);
    assert_eq!(plan(&[131, 119, 1, 0xFF]).unwrap_err(), EtfError::BadUtf8);
    let mut long = vec![131, 118, 1, 0];
    long.extend([b'a'; 256]);
    assert_eq!(plan(&long).unwrap_err(), EtfError::Atom(AtomError::TooLong));
    let mut nan = vec![131, 70];
    nan.extend(f64::NAN.to_bits().to_be_bytes());
    assert_eq!(plan(&nan).unwrap_err(), EtfError::BadFloat);
    assert_eq!(plan(&[131, 110, 1, 2, 5]).unwrap_err(), EtfError::BadSign);
    assert_eq!(plan(&[131, 113, 97, 1]).unwrap_err(), EtfError::BadExport);
    let dup = [131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3];
    assert_eq!(decode_literal(&dup).unwrap_err(), EtfError::DuplicateKey);
}

#[test]
fn every_truncation_is_an_error() {
    let b = complex();
    for n in 0..b.len() {
        assert!(plan(&b[..n]).is_err(), "prefix of {n} bytes accepted");
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let base = complex();
    for _ in 0..20_000 {
        let mut b = base.clone();
        // Corrupt a few bytes (and sometimes the length).
        for _ in 0..(next() % 4 + 1) {
            let i = (next() as usize) % b.len();
            b[i] = next() as u8;
        }
        if next() % 4 == 0 {
            b.truncate((next() as usize) % b.len());
        }
        let _ = decode_literal(&b);
    }
}

#[test]
fn decode_into_a_process_heap() {
    let mut p = Process::new(0);
    let t = decode_in(&mut p, &complex()).unwrap();
    p.header.args[0] = t;
    crate::gc::collect(&mut p, 0, 1);
    let s = term_to_string(p.header.args[0]);
    assert!(s.starts_with("{1,-1,\"hi\""), "{s}");
}
