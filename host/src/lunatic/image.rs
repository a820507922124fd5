//! The initial contents of a guest's linear memory (its data segments), as
//! one copy-on-write image shared by every process of the module.
//!
//! wasmtime copies a module's data segments into each new memory, which
//! writes — and so makes resident — every page they cover (about 17 KiB
//! for a small Rust guest: a third of an idle process). kiln instead takes
//! the active data segments out of the module when it compiles it
//! ([`split`]: they become empty passive segments, which wasmtime leaves
//! alone) and keeps them here, in a `memfd`; [`crate::lunatic::memory`]
//! maps that image privately over the new memory, so a process holds only
//! the pages it writes (or reads) and shares the rest with every other.
//!
//! A module whose memory is imported, or whose segments have computed
//! offsets, is left as it is.

use std::io::Write as _;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use wasmparser::{DataKind, Operator, Parser, Payload, TypeRef};

/// The data of a module's memory: `bytes` at byte `offset` (both multiples
/// of the page size), also held by `fd`.
pub struct DataImage {
    /// Unique in the program (pooled memories are matched to their image
    /// by it).
    pub id: u64,
    pub offset: usize,
    pub bytes: Vec<u8>,
    fd: OwnedFd,
}

impl DataImage {
    pub fn fd(&self) -> i32 {
        self.fd.as_raw_fd()
    }
}

fn page() -> usize {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 {
        p as usize
    } else {
        4096
    }
}

/// An active segment: where and what.
struct Segment<'a> {
    offset: usize,
    data: &'a [u8],
}

/// The active data segments of `module`, if they can all go into an image:
/// one memory of the module's own, every segment active in it at a
/// constant offset. `None` otherwise (or for a module without data).
fn active_segments(module: &[u8]) -> Option<(Vec<Segment<'_>>, usize)> {
    let mut memories = 0;
    let mut segments = Vec::new();
    let mut count = 0;
    for payload in Parser::new(0).parse_all(module) {
        match payload.ok()? {
            Payload::ImportSection(r) => {
                for group in r {
                    for item in group.ok()? {
                        if matches!(item.ok()?.1.ty, TypeRef::Memory(_)) {
                            return None;
                        }
                    }
                }
            }
            Payload::MemorySection(r) => memories += r.count(),
            Payload::DataSection(r) => {
                count = r.count() as usize;
                for d in r {
                    let d = d.ok()?;
                    let DataKind::Active { memory_index: 0, offset_expr } = d.kind else {
                        return None;
                    };
                    let mut ops = offset_expr.get_operators_reader();
                    let Operator::I32Const { value } = ops.read().ok()? else {
                        return None;
                    };
                    segments.push(Segment { offset: value as u32 as usize, data: d.data });
                }
            }
            _ => {}
        }
    }
    (memories == 1 && !segments.is_empty()).then_some((segments, count))
}

fn leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn read_leb(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let (mut v, mut shift) = (0u64, 0);
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Splits `module` into the module without its data (its data section
/// replaced by as many empty passive segments, so segment indices stay
/// valid) and the image of that data. `None`: use `module` as it is.
pub fn split(module: &[u8]) -> Option<(Vec<u8>, DataImage)> {
    let (segments, count) = active_segments(module)?;
    let page = page();
    let start = segments.iter().map(|s| s.offset).min()? / page * page;
    let end = segments.iter().map(|s| s.offset + s.data.len()).max()?.div_ceil(page) * page;
    let mut bytes = vec![0u8; end - start];
    // Later segments overwrite earlier ones, as instantiation does.
    for s in &segments {
        bytes[s.offset - start..s.offset - start + s.data.len()].copy_from_slice(s.data);
    }

    // The module with an empty data section of `count` passive segments.
    let mut out = module.get(..8)?.to_vec();
    let mut pos = 8;
    while pos < module.len() {
        let id = module[pos];
        let mut p = pos + 1;
        let size = read_leb(module, &mut p)? as usize;
        let end = p.checked_add(size).filter(|&e| e <= module.len())?;
        if id == 11 {
            let mut body = Vec::new();
            leb(&mut body, count as u64);
            for _ in 0..count {
                body.extend_from_slice(&[0x01, 0x00]);
            }
            out.push(11);
            leb(&mut out, body.len() as u64);
            out.extend_from_slice(&body);
        } else {
            out.extend_from_slice(&module[pos..end]);
        }
        pos = end;
    }

    // SAFETY: memfd_create with a valid name and flags; the result is
    // checked and owned from here on.
    let fd = unsafe { libc::memfd_create(c"kiln-wasm-data".as_ptr(), libc::MFD_CLOEXEC) };
    if fd < 0 {
        return None;
    }
    // SAFETY: `fd` is a fresh descriptor nobody else owns.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut file = std::fs::File::from(fd.try_clone().ok()?);
    file.write_all(&bytes).ok()?;
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Some((out, DataImage { id, offset: start, bytes, fd }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_moves_into_the_image_and_the_module_still_validates() {
        let wat = r#"(module
            (memory 2)
            (data (i32.const 70000) "late")
            (data (i32.const 5) "hello")
            (func (export "f") (result i32) (i32.load8_u (i32.const 5))))"#;
        let module = wat::parse_str(wat).unwrap();
        let (stripped, image) = split(&module).unwrap();
        assert_eq!(image.offset, 0);
        assert_eq!(&image.bytes[5..10], b"hello");
        assert_eq!(&image.bytes[70000..70004], b"late");
        assert_eq!(image.bytes.len() % page(), 0);
        wasmparser::Validator::new().validate_all(&stripped).unwrap();
        assert!(active_segments(&stripped).is_none(), "no active segment is left");
    }

    #[test]
    fn imported_memories_and_computed_offsets_are_left_alone() {
        let imported = wat::parse_str(r#"(module (import "m" "mem" (memory 1)) (data (i32.const 0) "x"))"#).unwrap();
        assert!(split(&imported).is_none());
        let computed =
            wat::parse_str(r#"(module (global $g i32 (i32.const 8)) (memory 1) (data (global.get $g) "x"))"#).unwrap();
        assert!(split(&computed).is_none());
    }
}
