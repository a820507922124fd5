//! Test support: a heap that needs no process, and a decoder of the external
//! term format so expectations generated with real OTP (`term_to_binary`)
//! can be turned into terms.

use super::*;
use crate::abi::{header, tag};
use crate::atom;
use num_bigint::{BigInt, BigUint, Sign};

/// A heap of separately allocated blocks; terms live as long as the heap.
#[derive(Default)]
pub struct TestHeap {
    blocks: Vec<Box<[Term]>>,
}

impl TestHeap {
    pub fn new() -> TestHeap {
        TestHeap::default()
    }

    /// A map from (key, value) pairs, in the given (key) order.
    pub fn map(&mut self, pairs: &[(Term, Term)]) -> Term {
        if pairs.len() > crate::term::FLATMAP_MAX {
            return crate::term::make_map_from_pairs(self, pairs.to_vec());
        }
        let keys: Vec<Term> = pairs.iter().map(|p| p.0).collect();
        let kt = make_tuple(self, &keys);
        let p = self.alloc_words(2 + pairs.len());
        // SAFETY: `p` has 2 + n fresh words: header, keys tuple, values.
        unsafe {
            *p = header::make(header::MAP, 1 + pairs.len() as u64);
            *p.add(1) = kt;
            for (i, (_, v)) in pairs.iter().enumerate() {
                *p.add(2 + i) = *v;
            }
        }
        tag::boxed(p)
    }

    /// A reference with the given number.
    pub fn reference(&mut self, n: u64) -> Term {
        let p = self.alloc_words(2);
        // SAFETY: two fresh words.
        unsafe {
            *p = header::make(header::REF, 1);
            *p.add(1) = n;
        }
        tag::boxed(p)
    }

    /// `fun M:F/A`.
    pub fn export(&mut self, m: &str, f: &str, arity: u32) -> Term {
        let p = self.alloc_words(4);
        // SAFETY: four fresh words.
        unsafe {
            *p = header::make(header::EXPORT, 3);
            *p.add(1) = atom::intern(m);
            *p.add(2) = atom::intern(f);
            *p.add(3) = tag::small(i64::from(arity));
        }
        tag::boxed(p)
    }

    /// A closure of a leaked `FunInfo` with the given free variables.
    pub fn closure(&mut self, module: &str, index: u32, uniq: u32, arity: u32, env: &[Term]) -> Term {
        unsafe extern "C" fn body(_: *mut crate::abi::ProcessHeader, _: Term, _: Term, _: Term, _: Term) -> u64 {
            0
        }
        let slot: &'static mut Term = Box::leak(Box::new(atom::intern(module)));
        let info: &'static FunInfo = Box::leak(Box::new(FunInfo {
            code: body,
            arity,
            num_free: env.len() as u32,
            module: slot,
            name: std::ptr::null(),
            name_len: 0,
            index,
            uniq,
        }));
        let p = self.alloc_words(2 + env.len());
        // SAFETY: 2 + n fresh words: header, info pointer, free variables.
        unsafe {
            *p = header::make(header::FUN, 1 + env.len() as u64);
            *p.add(1) = info as *const FunInfo as usize as u64;
            for (i, &e) in env.iter().enumerate() {
                *p.add(2 + i) = e;
            }
        }
        tag::boxed(p)
    }

    /// The atom `x`.
    pub fn atom_x(&mut self) -> Term {
        atom::intern("x")
    }

    /// The atom `nil`.
    pub fn atom_nil(&mut self) -> Term {
        atom::intern("nil")
    }

    pub fn float(&mut self, f: f64) -> Term {
        make_float(self, f)
    }

    pub fn int(&mut self, v: i128) -> Term {
        make_i128(self, v)
    }

    pub fn big(&mut self, s: &str) -> Term {
        let v: BigInt = s.parse().expect("decimal integer");
        make_bigint(self, &v).expect("within limits")
    }

    pub fn tuple(&mut self, es: &[Term]) -> Term {
        make_tuple(self, es)
    }

    pub fn list(&mut self, es: &[Term]) -> Term {
        make_list(self, es)
    }

    pub fn bin(&mut self, b: &[u8]) -> Term {
        make_heap_binary(self, b)
    }
}

impl TermAlloc for TestHeap {
    fn alloc_words(&mut self, words: usize) -> *mut Term {
        let mut b = vec![0u64; words.max(1)].into_boxed_slice();
        let p = b.as_mut_ptr();
        self.blocks.push(b);
        p
    }
}

/// Decodes hexadecimal text (as printed by the expectation generator).
pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex")).collect()
}

/// Decodes `term_to_binary` output (the subset the tests use).
pub fn decode_etf(h: &mut TestHeap, bytes: &[u8]) -> Term {
    assert_eq!(bytes[0], 131, "ETF version");
    let mut pos = 1;
    let t = decode(h, bytes, &mut pos);
    assert_eq!(pos, bytes.len(), "trailing ETF bytes");
    t
}

fn take<'a>(b: &'a [u8], pos: &mut usize, n: usize) -> &'a [u8] {
    let s = &b[*pos..*pos + n];
    *pos += n;
    s
}

fn u8_at(b: &[u8], pos: &mut usize) -> usize {
    take(b, pos, 1)[0] as usize
}

fn u16_at(b: &[u8], pos: &mut usize) -> usize {
    let s = take(b, pos, 2);
    u16::from_be_bytes([s[0], s[1]]) as usize
}

fn u32_at(b: &[u8], pos: &mut usize) -> usize {
    let s = take(b, pos, 4);
    u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as usize
}

fn decode(h: &mut TestHeap, b: &[u8], pos: &mut usize) -> Term {
    let tag_byte = u8_at(b, pos);
    match tag_byte {
        97 => tag::small(u8_at(b, pos) as i64),
        98 => tag::small(u32_at(b, pos) as u32 as i32 as i64),
        70 => {
            let s = take(b, pos, 8);
            make_float(h, f64::from_be_bytes(s.try_into().expect("8 bytes")))
        }
        100 | 115 | 118 | 119 => {
            let n = if tag_byte == 100 || tag_byte == 118 { u16_at(b, pos) } else { u8_at(b, pos) };
            let bytes = take(b, pos, n);
            let name: String = if tag_byte >= 118 {
                std::str::from_utf8(bytes).expect("utf8 atom").to_owned()
            } else {
                bytes.iter().map(|&c| char::from(c)).collect()
            };
            atom::intern(&name)
        }
        104 | 105 => {
            let n = if tag_byte == 104 { u8_at(b, pos) } else { u32_at(b, pos) };
            let es: Vec<Term> = (0..n).map(|_| decode(h, b, pos)).collect();
            make_tuple(h, &es)
        }
        106 => tag::NIL,
        107 => {
            let n = u16_at(b, pos);
            let bytes = take(b, pos, n).to_vec();
            make_byte_list(h, &bytes)
        }
        108 => {
            let n = u32_at(b, pos);
            let es: Vec<Term> = (0..n).map(|_| decode(h, b, pos)).collect();
            let tail = decode(h, b, pos);
            make_list_with_tail(h, &es, tail)
        }
        109 => {
            let n = u32_at(b, pos);
            let bytes = take(b, pos, n).to_vec();
            crate::binary::make_binary(h, &bytes)
        }
        77 => {
            let n = u32_at(b, pos);
            let bits = u8_at(b, pos);
            let bytes = take(b, pos, n).to_vec();
            crate::binary::make_bitstring_from_vec(h, bytes, n.saturating_sub(1) * 8 + bits)
        }
        110 | 111 => {
            let n = if tag_byte == 110 { u8_at(b, pos) } else { u32_at(b, pos) };
            let sign = u8_at(b, pos);
            let mag = BigUint::from_bytes_le(take(b, pos, n));
            let v = BigInt::from_biguint(if sign == 1 { Sign::Minus } else { Sign::Plus }, mag);
            make_bigint(h, &v).expect("within limits")
        }
        116 => {
            let n = u32_at(b, pos);
            let pairs: Vec<(Term, Term)> = (0..n)
                .map(|_| {
                    let k = decode(h, b, pos);
                    let v = decode(h, b, pos);
                    (k, v)
                })
                .collect();
            h.map(&pairs)
        }
        other => panic!("unsupported ETF tag {other}"),
    }
}
