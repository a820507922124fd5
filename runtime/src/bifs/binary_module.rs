//! The `binary` module's BIFs (OTP 25 semantics; bad arguments raise
//! `badarg`). Parts of a binary are sub-binaries sharing its storage.

use num_bigint::{BigInt, Sign};

use super::binary::{binary_part, binary_part_2};
use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::binary::{binary_bytes, bits_of, make_binary, make_binary_from_vec, storage_of, sub_bitstring};
use crate::term::{
    bif_return, bif_return_pure, list_iter, make_bigint, make_byte_list, make_list, make_tuple, to_bigint,
    tuple_elements, BifResult, Error, TermAlloc,
};

fn bytes_of<'a>(t: Term) -> Result<&'a [u8], Error> {
    binary_bytes(t).ok_or(Error::Badarg)
}

fn small_arg(t: Term) -> Result<i64, Error> {
    if tag::is_small(t) {
        Ok(tag::small_value(t))
    } else {
        Err(Error::Badarg)
    }
}

/// `binary:at(Subject, Pos)`.
pub fn at(bin: Term, pos: Term) -> BifResult {
    let b = bytes_of(bin)?;
    let i = usize::try_from(small_arg(pos)?).map_err(|_| Error::Badarg)?;
    b.get(i).map(|&x| tag::small(i64::from(x))).ok_or(Error::Badarg)
}

/// `binary:first(Subject)`.
pub fn first(bin: Term) -> BifResult {
    bytes_of(bin)?.first().map(|&x| tag::small(i64::from(x))).ok_or(Error::Badarg)
}

/// `binary:last(Subject)`.
pub fn last(bin: Term) -> BifResult {
    bytes_of(bin)?.last().map(|&x| tag::small(i64::from(x))).ok_or(Error::Badarg)
}

/// The byte range of a `{Start, Length}` part of `b` (negative lengths
/// count back).
fn part_range(len: usize, start: Term, length: Term) -> Result<(usize, usize), Error> {
    let (s, l) = (small_arg(start)?, small_arg(length)?);
    let (from, to) = if l >= 0 { (s, s.checked_add(l).ok_or(Error::Badarg)?) } else { (s + l, s) };
    if from < 0 || to > len as i64 {
        return Err(Error::Badarg);
    }
    Ok((from as usize, to as usize))
}

/// `binary:bin_to_list(Subject, {Start, Length})`.
pub fn bin_to_list_2<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, pos_len: Term) -> BifResult {
    match tuple_elements(pos_len) {
        Some(&[s, l]) => bin_to_list_3(h, bin, s, l),
        _ => Err(Error::Badarg),
    }
}

/// `binary:bin_to_list(Subject, Start, Length)`.
pub fn bin_to_list_3<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, start: Term, length: Term) -> BifResult {
    let b = bytes_of(bin)?;
    let (from, to) = part_range(b.len(), start, length)?;
    Ok(make_byte_list(h, &b[from..to]))
}

/// `binary:list_to_bin(IoList)`: a list only.
pub fn list_to_bin<H: TermAlloc + ?Sized>(h: &mut H, l: Term) -> BifResult {
    super::binary::list_to_binary(h, l)
}

/// `binary:copy(Subject, N)`: `N` copies, in fresh storage.
pub fn copy<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, n: Term) -> BifResult {
    bits_of(bin).ok_or(Error::Badarg)?;
    let n = usize::try_from(small_arg(n)?).map_err(|_| Error::Badarg)?;
    if n == 0 {
        // Zero copies of any bitstring is empty (OTP).
        return Ok(make_binary(h, &[]));
    }
    let b = bytes_of(bin)?;
    let total = b.len().checked_mul(n).ok_or(Error::SystemLimit)?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..n {
        out.extend_from_slice(b);
    }
    Ok(make_binary_from_vec(h, out))
}

fn is_little(endian: Term) -> Result<bool, Error> {
    match atom::try_name(endian) {
        Some("big") => Ok(false),
        Some("little") => Ok(true),
        _ => Err(Error::Badarg),
    }
}

/// `binary:decode_unsigned(Subject, Endianness)`.
pub fn decode_unsigned<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, endian: Term) -> BifResult {
    let b = bytes_of(bin)?;
    let v =
        if is_little(endian)? { BigInt::from_bytes_le(Sign::Plus, b) } else { BigInt::from_bytes_be(Sign::Plus, b) };
    make_bigint(h, &v)
}

/// `binary:encode_unsigned(Unsigned, Endianness)`.
pub fn encode_unsigned<H: TermAlloc + ?Sized>(h: &mut H, n: Term, endian: Term) -> BifResult {
    let little = is_little(endian)?;
    let v = to_bigint(n).ok_or(Error::Badarg)?;
    if v.sign() == Sign::Minus {
        return Err(Error::Badarg);
    }
    let (_, bytes) = if little { v.to_bytes_le() } else { v.to_bytes_be() };
    Ok(make_binary(h, &bytes))
}

/// `binary:referenced_byte_size(Binary)`: the size of the storage a
/// binary (or part of one) keeps alive.
pub fn referenced_byte_size(bin: Term) -> BifResult {
    bits_of(bin).ok_or(Error::Badarg)?;
    let (orig, _) = storage_of(bin).ok_or(Error::Badarg)?;
    Ok(tag::small(bytes_of(orig)?.len() as i64))
}

/// The binaries of a non-empty proper list.
fn binary_list<'a>(l: Term) -> Result<Vec<&'a [u8]>, Error> {
    let mut out = Vec::new();
    for item in list_iter(l) {
        out.push(bytes_of(item.map_err(|_| Error::Badarg)?)?);
    }
    if out.is_empty() {
        return Err(Error::Badarg);
    }
    Ok(out)
}

/// `binary:longest_common_prefix(Binaries)`.
pub fn longest_common_prefix(l: Term) -> BifResult {
    let bins = binary_list(l)?;
    let first = bins[0];
    let n =
        bins[1..].iter().fold(first.len(), |n, b| first[..n].iter().zip(b.iter()).take_while(|(x, y)| x == y).count());
    Ok(tag::small(n as i64))
}

/// `binary:longest_common_suffix(Binaries)`.
pub fn longest_common_suffix(l: Term) -> BifResult {
    let bins = binary_list(l)?;
    let first = bins[0];
    let n = bins[1..].iter().fold(first.len(), |n, b| {
        first[first.len() - n..].iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
    });
    Ok(tag::small(n as i64))
}

// ---------------------------------------------------------------------------
// Searching: match/matches/split/replace/compile_pattern.
//
// A pattern is a non-empty binary, a non-empty proper list of non-empty
// binaries, or what `compile_pattern/1` returned. kiln's compiled pattern is
// a plain tuple, `{bm, Binary}` for one needle and `{ac, [Binary]}` for
// several (OTP uses a magic reference; nothing depends on its contents).
// Searching is "leftmost, then longest": the match that starts first wins,
// and among needles matching at that position the longest; successive
// matches do not overlap.

/// The needles of a pattern.
fn needles<'a>(pattern: Term) -> Result<Vec<&'a [u8]>, Error> {
    if let Some(&[kind, inner]) = tuple_elements(pattern) {
        return match atom::try_name(kind) {
            Some("bm") | Some("ac") => needles(inner),
            _ => Err(Error::Badarg),
        };
    }
    if let Some(b) = binary_bytes(pattern) {
        return if b.is_empty() { Err(Error::Badarg) } else { Ok(vec![b]) };
    }
    let mut out = Vec::new();
    for item in list_iter(pattern) {
        let b = bytes_of(item.map_err(|_| Error::Badarg)?)?;
        if b.is_empty() {
            return Err(Error::Badarg);
        }
        out.push(b);
    }
    if out.is_empty() {
        return Err(Error::Badarg);
    }
    Ok(out)
}

/// A searcher over a set of needles.
struct Searcher<'a> {
    needles: Vec<&'a [u8]>,
    /// Which bytes some needle starts with.
    starts: [bool; 256],
    shortest: usize,
}

impl<'a> Searcher<'a> {
    fn new(needles: Vec<&'a [u8]>) -> Self {
        let mut starts = [false; 256];
        for n in &needles {
            starts[n[0] as usize] = true;
        }
        let shortest = needles.iter().map(|n| n.len()).min().unwrap_or(1);
        Searcher { needles, starts, shortest }
    }

    /// The leftmost-longest match lying wholly in `hay[from..to]`, as
    /// `(start, length)`.
    fn find(&self, hay: &[u8], from: usize, to: usize) -> Option<(usize, usize)> {
        if to < from + self.shortest {
            return None;
        }
        let window = &hay[..to];
        for pos in from..=to - self.shortest {
            if !self.starts[window[pos] as usize] {
                continue;
            }
            let rest = &window[pos..];
            let best = self.needles.iter().filter(|n| rest.starts_with(n)).map(|n| n.len()).max();
            if let Some(len) = best {
                return Some((pos, len));
            }
        }
        None
    }

    /// All non-overlapping matches in `hay[from..to]`, left to right (just
    /// the first unless `global`).
    fn find_all(&self, hay: &[u8], from: usize, to: usize, global: bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut at = from;
        while let Some((pos, len)) = self.find(hay, at, to) {
            out.push((pos, len));
            at = pos + len;
            if !global {
                break;
            }
        }
        out
    }
}

/// Options of match/matches/split.
#[derive(Default)]
struct SearchOpts {
    scope: Option<(Term, Term)>,
    global: bool,
    trim: bool,
    trim_all: bool,
}

/// Parses an option list (an improper tail is ignored, as in OTP); `split`
/// allows `global`, `trim` and `trim_all` besides `{scope, {Start, Len}}`.
fn search_opts(opts: Term, split: bool) -> Result<SearchOpts, Error> {
    if !matches!(crate::term::view(opts), crate::term::TermView::Nil | crate::term::TermView::Cons(..)) {
        return Err(Error::Badarg);
    }
    let mut o = SearchOpts::default();
    for item in list_iter(opts) {
        let Ok(item) = item else { break };
        match atom::try_name(item) {
            Some("global") if split => o.global = true,
            Some("trim") if split => o.trim = true,
            Some("trim_all") if split => o.trim_all = true,
            Some(_) => return Err(Error::Badarg),
            None => match tuple_elements(item) {
                Some(&[k, part]) if atom::try_name(k) == Some("scope") => match tuple_elements(part) {
                    Some(&[s, l]) => o.scope = Some((s, l)),
                    _ => return Err(Error::Badarg),
                },
                _ => return Err(Error::Badarg),
            },
        }
    }
    Ok(o)
}

/// The byte range `[from, to)` that a search covers.
fn scope_range(len: usize, scope: Option<(Term, Term)>) -> Result<(usize, usize), Error> {
    match scope {
        None => Ok((0, len)),
        Some((s, l)) => part_range(len, s, l),
    }
}

/// The subject, searcher and matches of a match/matches/split call.
fn search<'a>(subject: Term, pattern: Term, opts: &SearchOpts) -> Result<(&'a [u8], Vec<(usize, usize)>), Error> {
    let hay = bytes_of(subject)?;
    let (from, to) = scope_range(hay.len(), opts.scope)?;
    if hay.is_empty() {
        // OTP does not look at the pattern when the subject is empty.
        return Ok((hay, Vec::new()));
    }
    let searcher = Searcher::new(needles(pattern)?);
    Ok((hay, searcher.find_all(hay, from, to, opts.global)))
}

fn pos_len<H: TermAlloc + ?Sized>(h: &mut H, (pos, len): (usize, usize)) -> Term {
    make_tuple(h, &[tag::small(pos as i64), tag::small(len as i64)])
}

/// `binary:match(Subject, Pattern, Options)`.
pub fn match_3<H: TermAlloc + ?Sized>(h: &mut H, subject: Term, pattern: Term, opts: Term) -> BifResult {
    let o = search_opts(opts, false)?;
    let (_, found) = search(subject, pattern, &o)?;
    Ok(match found.first() {
        Some(&m) => pos_len(h, m),
        None => atom::intern("nomatch"),
    })
}

/// `binary:matches(Subject, Pattern, Options)`.
pub fn matches_3<H: TermAlloc + ?Sized>(h: &mut H, subject: Term, pattern: Term, opts: Term) -> BifResult {
    let mut o = search_opts(opts, false)?;
    o.global = true;
    let (_, found) = search(subject, pattern, &o)?;
    let items: Vec<Term> = found.into_iter().map(|m| pos_len(h, m)).collect();
    Ok(make_list(h, &items))
}

/// `binary:split(Subject, Pattern, Options)`: parts are sub-binaries of
/// the subject.
pub fn split_3<H: TermAlloc + ?Sized>(h: &mut H, subject: Term, pattern: Term, opts: Term) -> BifResult {
    let o = search_opts(opts, true)?;
    let (hay, found) = search(subject, pattern, &o)?;
    let mut ranges = Vec::with_capacity(found.len() + 1);
    let mut at = 0;
    for (pos, len) in found {
        ranges.push((at, pos));
        at = pos + len;
    }
    ranges.push((at, hay.len()));
    if o.trim_all {
        ranges.retain(|&(a, b)| a < b);
    } else if o.trim {
        while ranges.last().is_some_and(|&(a, b)| a == b) {
            ranges.pop();
        }
    }
    let mut parts = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        parts.push(sub_bitstring(h, subject, a * 8, (b - a) * 8).ok_or(Error::Badarg)?);
    }
    Ok(make_list(h, &parts))
}

/// The byte offsets at which `{insert_replaced, Spec}` puts the matched
/// part into a replacement of `len` bytes, in ascending order.
fn insert_positions(spec: Term, len: usize) -> Result<Vec<usize>, Error> {
    let one = |t: Term| -> Result<usize, Error> {
        let n = usize::try_from(small_arg(t)?).map_err(|_| Error::Badarg)?;
        if n > len {
            return Err(Error::Badarg);
        }
        Ok(n)
    };
    if tag::is_small(spec) {
        return Ok(vec![one(spec)?]);
    }
    let items = crate::term::list_to_vec(spec).ok_or(Error::Badarg)?;
    let mut out = items.into_iter().map(one).collect::<Result<Vec<_>, _>>()?;
    out.sort_unstable();
    Ok(out)
}

/// `binary:replace(Subject, Pattern, Replacement, Options)`.
pub fn replace_4<H: TermAlloc + ?Sized>(h: &mut H, subject: Term, pattern: Term, repl: Term, opts: Term) -> BifResult {
    let r = bytes_of(repl)?;
    let mut o = SearchOpts::default();
    let mut insert = None;
    for item in list_iter(opts) {
        let item = item.map_err(|_| Error::Badarg)?;
        if atom::try_name(item) == Some("global") {
            o.global = true;
            continue;
        }
        match tuple_elements(item) {
            Some(&[k, v]) if atom::try_name(k) == Some("scope") => match tuple_elements(v) {
                Some(&[s, l]) => o.scope = Some((s, l)),
                _ => return Err(Error::Badarg),
            },
            Some(&[k, v]) if atom::try_name(k) == Some("insert_replaced") => insert = Some(v),
            _ => return Err(Error::Badarg),
        }
    }
    let positions = match insert {
        Some(spec) => insert_positions(spec, r.len())?,
        None => Vec::new(),
    };
    let (hay, found) = search(subject, pattern, &o)?;
    let mut out = Vec::with_capacity(hay.len());
    let mut at = 0;
    for (pos, len) in found {
        out.extend_from_slice(&hay[at..pos]);
        let matched = &hay[pos..pos + len];
        let mut prev = 0;
        for &i in &positions {
            out.extend_from_slice(&r[prev..i]);
            out.extend_from_slice(matched);
            prev = i;
        }
        out.extend_from_slice(&r[prev..]);
        at = pos + len;
    }
    out.extend_from_slice(&hay[at..]);
    Ok(make_binary_from_vec(h, out))
}

/// `binary:compile_pattern(Pattern)`.
pub fn compile_pattern<H: TermAlloc + ?Sized>(h: &mut H, pattern: Term) -> BifResult {
    let n = needles(pattern)?;
    if n.len() == 1 {
        let b = make_binary(h, n[0]);
        Ok(make_tuple(h, &[atom::intern("bm"), b]))
    } else {
        let bins: Vec<Term> = n.iter().map(|b| make_binary(h, b)).collect();
        let l = make_list(h, &bins);
        Ok(make_tuple(h, &[atom::intern("ac"), l]))
    }
}

fn atom_big() -> Term {
    atom::intern("big")
}

/// Test dispatcher: calls `binary:name(args)`, `None` if not implemented.
#[cfg(test)]
pub(crate) fn call(p: &mut crate::process::Process, name: &str, a: &[Term]) -> Option<BifResult> {
    Some(match (name, a) {
        ("at", &[x, y]) => at(x, y),
        ("first", &[x]) => first(x),
        ("last", &[x]) => last(x),
        ("part", &[x, y]) => binary_part_2(p, x, y),
        ("part", &[x, y, z]) => binary_part(p, x, y, z),
        ("bin_to_list", &[x]) => bytes_of(x).map(|b| make_byte_list(p, b)),
        ("bin_to_list", &[x, y]) => bin_to_list_2(p, x, y),
        ("bin_to_list", &[x, y, z]) => bin_to_list_3(p, x, y, z),
        ("list_to_bin", &[x]) => list_to_bin(p, x),
        ("copy", &[x]) => copy(p, x, tag::small(1)),
        ("copy", &[x, n]) => copy(p, x, n),
        ("decode_unsigned", &[x]) => decode_unsigned(p, x, atom_big()),
        ("decode_unsigned", &[x, e]) => decode_unsigned(p, x, e),
        ("encode_unsigned", &[x]) => encode_unsigned(p, x, atom_big()),
        ("encode_unsigned", &[x, e]) => encode_unsigned(p, x, e),
        ("referenced_byte_size", &[x]) => referenced_byte_size(x),
        ("longest_common_prefix", &[x]) => longest_common_prefix(x),
        ("longest_common_suffix", &[x]) => longest_common_suffix(x),
        ("match", &[x, y]) => match_3(p, x, y, tag::NIL),
        ("match", &[x, y, z]) => match_3(p, x, y, z),
        ("matches", &[x, y]) => matches_3(p, x, y, tag::NIL),
        ("matches", &[x, y, z]) => matches_3(p, x, y, z),
        ("split", &[x, y]) => split_3(p, x, y, tag::NIL),
        ("split", &[x, y, z]) => split_3(p, x, y, z),
        ("replace", &[x, y, z]) => replace_4(p, x, y, z, tag::NIL),
        ("replace", &[x, y, z, o]) => replace_4(p, x, y, z, o),
        ("compile_pattern", &[x]) => compile_pattern(p, x),
        _ => return None,
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_at(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return_pure(p, at(a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_first(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, first(a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_last(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, last(a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_part_m2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| binary_part_2(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_part_m3(p: *mut ProcessHeader, a: Term, b: Term, c: Term) -> Term {
    bif_return(p, |h| binary_part(h, a, b, c))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_bin_to_list(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| Ok(make_byte_list(h, bytes_of(a)?)))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_bin_to_list_2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| bin_to_list_2(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_bin_to_list_3(p: *mut ProcessHeader, a: Term, b: Term, c: Term) -> Term {
    bif_return(p, |h| bin_to_list_3(h, a, b, c))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_list_to_bin(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| list_to_bin(h, a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_copy(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| copy(h, a, tag::small(1)))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_copy_2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| copy(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_decode_unsigned(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| decode_unsigned(h, a, atom_big()))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_decode_unsigned_2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| decode_unsigned(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_encode_unsigned(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| encode_unsigned(h, a, atom_big()))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_encode_unsigned_2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| encode_unsigned(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_referenced_byte_size(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, referenced_byte_size(a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_longest_common_prefix(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, longest_common_prefix(a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_longest_common_suffix(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, longest_common_suffix(a))
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_match(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| match_3(h, a, b, tag::NIL))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_match_3(p: *mut ProcessHeader, a: Term, b: Term, c: Term) -> Term {
    bif_return(p, |h| match_3(h, a, b, c))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_matches(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| matches_3(h, a, b, tag::NIL))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_matches_3(p: *mut ProcessHeader, a: Term, b: Term, c: Term) -> Term {
    bif_return(p, |h| matches_3(h, a, b, c))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_split(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| split_3(h, a, b, tag::NIL))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_split_3(p: *mut ProcessHeader, a: Term, b: Term, c: Term) -> Term {
    bif_return(p, |h| split_3(h, a, b, c))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_replace(p: *mut ProcessHeader, a: Term, b: Term, c: Term) -> Term {
    bif_return(p, |h| replace_4(h, a, b, c, tag::NIL))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_replace_4(p: *mut ProcessHeader, a: Term, b: Term, c: Term, d: Term) -> Term {
    bif_return(p, |h| replace_4(h, a, b, c, d))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_compile_pattern(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| compile_pattern(h, a))
}
