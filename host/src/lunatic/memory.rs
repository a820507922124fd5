//! Linear memories and fiber stacks for guest processes, laid out so that
//! a hundred thousand processes fit in one program.
//!
//! # Why not wasmtime's defaults
//!
//! What limits the number of instances is not bytes but *mappings*: Linux
//! allows a process 65,530 of them (`vm.max_map_count`), and wasmtime's
//! defaults cost seven per instance (a guard region before the memory, the
//! memory, its copy-on-write data image, the rest of the memory, the
//! reserved tail, and the fiber stack with its guard page): about 9,000
//! processes. kiln's memories and stacks cost about none:
//!
//! - **Memories** ([`GuestMemories`]) are plain anonymous read-write
//!   mappings of exactly the memory's size, grown with `mremap` (which
//!   moves page tables, not bytes, when it has to move). Adjacent ones
//!   merge into one mapping. There are no guard regions: the engine is
//!   configured with no guard and no reservation, so compiled code checks
//!   every access against the memory's current length.
//! - **Fiber stacks** ([`GuestStacks`]) are slots of large shared chunks
//!   (one mapping per [`STACKS_PER_CHUNK`] stacks), recycled through a free
//!   list; a freed stack keeps its top pages (the next fiber uses them)
//!   and returns the rest to the kernel (`MADV_DONTNEED`). There is no guard page: Wasm code cannot overflow
//!   (the engine checks its stack depth against `max_wasm_stack`, a
//!   fraction of the stack), and the host functions that run on a fiber use
//!   little stack.
//!
//! Pages that are never touched cost nothing, so an idle process costs the
//! pages its guest actually wrote.
//!
//! A module's data segments are not copied into each memory: they are
//! mapped copy-on-write from the module's image ([`super::image`]), which
//! makes such a memory three mappings instead of one (the anonymous pieces
//! of neighbouring memories merge, so about two). Up to [`COW_BUDGET`]
//! memories do this; later ones get a copy, so mappings never run out.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use wasmtime::{LinearMemory, MemoryCreator, MemoryType, StackCreator, StackMemory};

use super::image::DataImage;

/// The memory page size of the host.
fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 {
        p as usize
    } else {
        4096
    }
}

fn round_up(n: usize, to: usize) -> usize {
    n.div_ceil(to) * to
}

/// Maps `len` bytes of zeroed, read-write, lazily committed memory.
fn map(len: usize) -> Result<*mut u8, std::io::Error> {
    // SAFETY: a fresh private anonymous mapping aliases nothing.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(p as *mut u8)
    }
}

/// Creates the linear memories of guest instances, recycling those of
/// ended processes.
///
/// Mapping and unmapping memories was a large part of a spawn's cost. So a
/// freed memory of modest size goes to a pool instead ([`POOL_MAX`] at
/// most), emptied with `MADV_DONTNEED` (so it holds no pages while pooled),
/// and the next instance (of the same module, for a memory with an image)
/// takes it as it is.
pub struct GuestMemories;

/// Freed memories kept for reuse.
const POOL_MAX: usize = 256;
/// Memories larger than this are unmapped when freed (a pool of them would
/// hold much address space for little gain).
const POOL_MEMORY_MAX: usize = 8 << 20;

/// A pooled mapping: base and size.
struct Pooled(*mut u8, usize);
// SAFETY: a pooled mapping is owned by the pool alone.
unsafe impl Send for Pooled {}

fn memory_pool() -> &'static Mutex<Vec<Pooled>> {
    static POOL: OnceLock<Mutex<Vec<Pooled>>> = OnceLock::new();
    POOL.get_or_init(Default::default)
}

/// Empties `base..base+len`: its pages are given back (MADV_DONTNEED), so
/// it reads as zero (anonymous pages) or as the image again (a private
/// file mapping) and holds no memory while pooled.
///
/// # Safety
/// The range must be a mapping owned by the caller.
unsafe fn reset(base: *mut u8, len: usize) {
    if len > 0 {
        // SAFETY: per the caller.
        unsafe { libc::madvise(base as *mut _, len, libc::MADV_DONTNEED) };
    }
}

/// One linear memory: `len` accessible bytes at `base`, inside a mapping of
/// `mapped` bytes (at least one page, so `base` is never null).
struct GuestMemory {
    base: *mut u8,
    len: usize,
    mapped: usize,
    /// Whether the base must never move (wasmtime asked for a reservation).
    fixed: bool,
    /// The copy-on-write image mapped at `offset..offset + len`, if any:
    /// the memory is then three mappings (anonymous, image, anonymous).
    cow: Option<(usize, usize)>,
    /// Which image (its id) a copy-on-write memory maps.
    image_key: u64,
}

// SAFETY: the memory is plain bytes owned by this value; wasmtime
// synchronises access to it through the store that owns the instance.
unsafe impl Send for GuestMemory {}
// SAFETY: as above; `&self` methods only read the fields.
unsafe impl Sync for GuestMemory {}

// SAFETY: `as_ptr` is the start of `byte_capacity` mapped, read-write bytes
// whose first `byte_size` are the memory; growth zero-fills (new pages of
// an anonymous mapping are zero) and moves the base only when the memory is
// not `fixed`.
unsafe impl LinearMemory for GuestMemory {
    fn byte_size(&self) -> usize {
        self.len
    }

    fn byte_capacity(&self) -> usize {
        self.mapped
    }

    fn grow_to(&mut self, new_size: usize) -> wasmtime::Result<()> {
        if new_size <= self.mapped {
            self.len = new_size;
            return Ok(());
        }
        if self.fixed {
            wasmtime::bail!("memory cannot grow beyond its reservation of {} bytes", self.mapped);
        }
        let new_mapped = round_up(new_size, page_size());
        let p = match self.cow {
            // SAFETY: `base..base+mapped` is our own mapping, one mapping
            // (no image); MREMAP_MAYMOVE keeps its contents (moving page
            // tables if it must move).
            None => unsafe { libc::mremap(self.base as *mut _, self.mapped, new_mapped, libc::MREMAP_MAYMOVE) },
            // SAFETY: as above, for each of the three mappings in turn.
            Some((off, len)) => unsafe { self.move_pieces(new_mapped, off, len)? },
        };
        if p == libc::MAP_FAILED {
            return Err(wasmtime::Error::new(std::io::Error::last_os_error()));
        }
        self.base = p as *mut u8;
        self.mapped = new_mapped;
        self.len = new_size;
        Ok(())
    }

    fn as_ptr(&self) -> *mut u8 {
        self.base
    }
}

impl GuestMemory {
    /// Grows a memory made of three mappings (anonymous, image, anonymous)
    /// to `new_mapped` bytes: a new anonymous region, each piece moved into
    /// it at its offset (`mremap` moves one mapping at a time, without
    /// copying), the rest of the region zero. Returns the new base.
    ///
    /// # Safety
    /// `self` must be a live copy-on-write memory whose image lies at
    /// `off..off + len`.
    unsafe fn move_pieces(&self, new_mapped: usize, off: usize, len: usize) -> wasmtime::Result<*mut libc::c_void> {
        let new = map(new_mapped).map_err(wasmtime::Error::new)?;
        for (start, size) in [(0, off), (off, len), (off + len, self.mapped - off - len)] {
            if size == 0 {
                continue;
            }
            // SAFETY: per the caller, `base + start` begins one of our
            // mappings of `size` bytes; the destination is inside `new`.
            let p = unsafe {
                libc::mremap(
                    self.base.add(start) as *mut _,
                    size,
                    size,
                    libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED,
                    new.add(start) as *mut libc::c_void,
                )
            };
            if p == libc::MAP_FAILED {
                let e = std::io::Error::last_os_error();
                // SAFETY: `new` is ours; pieces already moved are lost with
                // it, and this memory is unusable either way (the instance
                // traps on the failed growth and is dropped).
                unsafe { libc::munmap(new as *mut _, new_mapped) };
                return Err(wasmtime::Error::new(e));
            }
        }
        Ok(new as *mut libc::c_void)
    }
}

impl Drop for GuestMemory {
    fn drop(&mut self) {
        let poolable = !self.fixed && self.mapped <= POOL_MEMORY_MAX;
        let mem = Pooled(self.base, self.mapped);
        match self.cow.take() {
            Some((off, len)) if poolable && reserve_pool_slot() => {
                reset_and_pool(Dirty::Cow(PooledCow { mem, image: self.image_key, off, len }))
            }
            Some(_) => {
                COW_MEMORIES.fetch_sub(1, Ordering::Relaxed);
                unmap(mem);
            }
            None if poolable && reserve_pool_slot() => reset_and_pool(Dirty::Plain(mem)),
            None => unmap(mem),
        }
    }
}

fn unmap(Pooled(base, size): Pooled) {
    // SAFETY: a mapping of ours that nothing uses any more.
    unsafe { libc::munmap(base as *mut _, size) };
}

/// A freed memory on its way back to a pool: it must be reset first.
enum Dirty {
    Plain(Pooled),
    Cow(PooledCow),
}

/// Memories pooled or being reset (at most [`POOL_MAX`]).
static POOL_SLOTS: AtomicUsize = AtomicUsize::new(0);

/// Takes one of the [`POOL_MAX`] pool slots, if one is free.
fn reserve_pool_slot() -> bool {
    POOL_SLOTS.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < POOL_MAX).then_some(n + 1)).is_ok()
}

/// Bytes on each side of a module's data that a reset zeroes in place
/// rather than giving back (see `reset_and_pool`).
const HOT_WINDOW: usize = 16 << 10;

/// Resets a freed memory and pools it, without holding the pool's lock
/// meanwhile. (Resetting on a thread of its own was tried: the hand-off and
/// the fresh memories allocated while resets were pending made spawning
/// slower; so was finding the touched pages with `mincore` and zeroing them
/// in place, which also kept pooled memories resident.)
fn reset_and_pool(d: Dirty) {
    match d {
        Dirty::Plain(mem) => {
            // SAFETY: a mapping of ours that no instance uses any more.
            unsafe { reset(mem.0, mem.1) };
            memory_pool().lock().unwrap_or_else(|e| e.into_inner()).push(mem);
        }
        Dirty::Cow(c) => {
            let (base, size, off, len) = (c.mem.0, c.mem.1, c.off, c.len);
            // Back to the state of a new memory: the image's private copies
            // dropped (the file's contents show again), the rest zero. One
            // call per mapping: madvise does not span the three.
            //
            // Every instance of a module writes the pages just around its
            // data (the top of a Rust guest's stack lies below it, its heap
            // starts above it): those are zeroed in place and stay resident,
            // so the next instance does not fault them in again.
            let below = HOT_WINDOW.min(off);
            let above = HOT_WINDOW.min(size - off - len);
            // SAFETY: our own mappings, no longer used by any instance; the
            // windows lie inside them.
            unsafe {
                reset(base, off - below);
                std::ptr::write_bytes(base.add(off - below), 0, below);
                reset(base.add(off), len);
                std::ptr::write_bytes(base.add(off + len), 0, above);
                reset(base.add(off + len + above), size - off - len - above);
            }
            cow_pool().lock().unwrap_or_else(|e| e.into_inner()).push(c);
        }
    }
}

// SAFETY: every memory is a fresh mapping of its own, read-write for its
// whole capacity, with no guard (the engine is configured with guard size
// 0, so compiled code bounds-checks every access against `byte_size`).
unsafe impl MemoryCreator for GuestMemories {
    fn new_memory(
        &self,
        _ty: MemoryType,
        minimum: usize,
        _maximum: Option<usize>,
        reserved_size_in_bytes: Option<usize>,
        guard_size_in_bytes: usize,
    ) -> Result<Box<dyn LinearMemory>, String> {
        if guard_size_in_bytes != 0 {
            return Err(format!("kiln's guest memories have no guard region ({guard_size_in_bytes} bytes asked)"));
        }
        let (mapped, fixed) = match reserved_size_in_bytes {
            Some(r) if r > 0 => (round_up(r.max(minimum), page_size()), true),
            _ => (round_up(minimum.max(1), page_size()), false),
        };
        let image = PENDING_IMAGE.with(|p| p.borrow_mut().take());
        if let (Some(image), false) = (&image, fixed) {
            // A pooled memory of the same module is ready as it is.
            let key = image.id;
            let mut pool = cow_pool().lock().unwrap_or_else(|e| e.into_inner());
            if let Some(i) = pool.iter().position(|p| p.image == key && p.mem.1 >= mapped) {
                POOL_SLOTS.fetch_sub(1, Ordering::AcqRel);
                let PooledCow { mem: Pooled(base, size), off, len, .. } = pool.swap_remove(i);
                let cow = Some((off, len));
                return Ok(Box::new(GuestMemory { base, len: minimum, mapped: size, fixed, cow, image_key: key }));
            }
        }
        let mut memory = self.allocate(mapped, minimum, fixed)?;
        if let Some(image) = image {
            memory.initialize(&image)?;
        }
        Ok(memory)
    }
}

impl GuestMemories {
    fn allocate(&self, mapped: usize, minimum: usize, fixed: bool) -> Result<Box<GuestMemory>, String> {
        if !fixed {
            let mut pool = memory_pool().lock().unwrap_or_else(|e| e.into_inner());
            // The smallest pooled mapping that holds `minimum` (all pooled
            // memories are zero: whatever lies beyond `minimum` is too).
            let best = pool.iter().enumerate().filter(|(_, p)| p.1 >= mapped).min_by_key(|(_, p)| p.1).map(|(i, _)| i);
            if let Some(i) = best {
                POOL_SLOTS.fetch_sub(1, Ordering::AcqRel);
                let Pooled(base, size) = pool.swap_remove(i);
                return Ok(Box::new(GuestMemory { base, len: minimum, mapped: size, fixed, cow: None, image_key: 0 }));
            }
        }
        let base = map(mapped).map_err(|e| format!("cannot map {mapped} bytes for a linear memory: {e}"))?;
        Ok(Box::new(GuestMemory { base, len: minimum, mapped, fixed, cow: None, image_key: 0 }))
    }
}

impl GuestMemory {
    /// Puts the module's data into a new (zero) memory: the image mapped
    /// copy-on-write while fewer than [`COW_BUDGET`] memories have one and
    /// the memory is a fresh mapping, else copied.
    fn initialize(&mut self, image: &DataImage) -> Result<(), String> {
        let (off, len) = (image.offset, image.bytes.len());
        if off + len > self.len {
            return Err(format!(
                "the module's data ({len} bytes at {off}) lies beyond its memory ({} bytes)",
                self.len
            ));
        }
        let budget_left = COW_MEMORIES.load(Ordering::Relaxed) < COW_BUDGET;
        if budget_left && !self.fixed {
            // SAFETY: `base + off .. + len` lies inside our own mapping
            // (checked above); the image file is `len` bytes long.
            let p = unsafe {
                libc::mmap(
                    self.base.add(off) as *mut _,
                    len,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_FIXED,
                    image.fd(),
                    0,
                )
            };
            if p != libc::MAP_FAILED {
                COW_MEMORIES.fetch_add(1, Ordering::Relaxed);
                self.cow = Some((off, len));
                self.image_key = image.id;
                return Ok(());
            }
        }
        // SAFETY: inside our own mapping (checked above).
        unsafe { std::ptr::copy_nonoverlapping(image.bytes.as_ptr(), self.base.add(off), len) };
        Ok(())
    }
}

/// A freed copy-on-write memory, reset, for the next instance of its
/// module (matched by the image's id; the pooled mapping keeps the image's
/// file alive).
struct PooledCow {
    mem: Pooled,
    image: u64,
    off: usize,
    len: usize,
}

fn cow_pool() -> &'static Mutex<Vec<PooledCow>> {
    static POOL: OnceLock<Mutex<Vec<PooledCow>>> = OnceLock::new();
    POOL.get_or_init(Default::default)
}

/// Memories that map their image copy-on-write cost two or three mappings
/// each (see the module docs); beyond this many, images are copied
/// instead, so mappings stay well under Linux's 65,530.
pub const COW_BUDGET: usize = 24_000;

static COW_MEMORIES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The data image of the instance being created on this thread (see
    /// [`with_image`]).
    static PENDING_IMAGE: std::cell::RefCell<Option<Arc<DataImage>>> = const { std::cell::RefCell::new(None) };
}

/// Sets `image` as the data of the next memory created on this thread (set
/// it right before instantiating, clear it right after): wasmtime's memory
/// creator has no way to know which module it creates a memory for, so the
/// image waits in a thread-local (instantiation creates the memory on the
/// calling thread before it runs any guest code) and the first memory
/// created takes it.
pub fn set_pending_image(image: Option<Arc<DataImage>>) {
    PENDING_IMAGE.with(|p| *p.borrow_mut() = image);
}

/// Bytes at the top of a freed fiber stack that stay resident.
const STACK_KEEP_RESIDENT: usize = 8 << 10;

/// Stacks per shared chunk (one mapping).
pub const STACKS_PER_CHUNK: usize = 64;

/// Creates the fiber stacks guest processes run on, from shared chunks.
pub struct GuestStacks {
    pool: Arc<Mutex<StackPool>>,
}

struct StackPool {
    /// Free slots, by the stack size they were made for.
    free: Vec<(usize, *mut u8)>,
}

// SAFETY: the raw pointers are slot addresses of chunks that are never
// unmapped; the pool only hands them out under its mutex.
unsafe impl Send for StackPool {}

impl GuestStacks {
    pub fn new() -> GuestStacks {
        GuestStacks { pool: Arc::new(Mutex::new(StackPool { free: Vec::new() })) }
    }
}

impl Default for GuestStacks {
    fn default() -> Self {
        Self::new()
    }
}

/// A stack slot: `size` bytes at `bottom`; returned to the pool on drop.
struct GuestStack {
    bottom: *mut u8,
    size: usize,
    pool: Arc<Mutex<StackPool>>,
}

// SAFETY: the slot is exclusively this value's until it is dropped.
unsafe impl Send for GuestStack {}
// SAFETY: as above; `&self` methods only compute addresses.
unsafe impl Sync for GuestStack {}

// SAFETY: `bottom..bottom+size` is mapped read-write and used by no one
// else while this value lives; there is no guard region (see the module
// docs for why that is sound for guests).
unsafe impl StackMemory for GuestStack {
    fn top(&self) -> *mut u8 {
        self.bottom.wrapping_add(self.size)
    }

    fn range(&self) -> Range<usize> {
        self.bottom as usize..self.bottom as usize + self.size
    }

    fn guard_range(&self) -> Range<*mut u8> {
        self.bottom..self.bottom
    }
}

impl Drop for GuestStack {
    fn drop(&mut self) {
        // Keep the top pages (every fiber uses them: the next one reuses
        // them without faulting) and give the rest back: a deep call (an
        // instantiation runs on a fiber too) must not leave a waiting
        // process holding pages it no longer uses.
        let keep = STACK_KEEP_RESIDENT.min(self.size);
        // SAFETY: the slot is ours and nothing runs on it any more.
        unsafe { libc::madvise(self.bottom as *mut _, self.size - keep, libc::MADV_DONTNEED) };
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        pool.free.push((self.size, self.bottom));
    }
}

// SAFETY: stacks are disjoint slots of live mappings of exactly the size
// asked for; a zeroed stack (never asked for: the engine does not set
// `async_stack_zeroing`) is zeroed here.
unsafe impl StackCreator for GuestStacks {
    fn new_stack(&self, size: usize, zeroed: bool) -> wasmtime::Result<Box<dyn StackMemory>> {
        let size = round_up(size, page_size());
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        let bottom = match pool.free.iter().rposition(|&(s, _)| s == size) {
            Some(i) => pool.free.swap_remove(i).1,
            None => {
                let chunk = map(size * STACKS_PER_CHUNK).map_err(wasmtime::Error::new)?;
                for k in 1..STACKS_PER_CHUNK {
                    pool.free.push((size, chunk.wrapping_add(k * size)));
                }
                chunk
            }
        };
        if zeroed {
            // SAFETY: the slot is ours now.
            unsafe { std::ptr::write_bytes(bottom, 0, size) };
        }
        Ok(Box::new(GuestStack { bottom, size, pool: self.pool.clone() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memories_grow_keeping_their_contents() {
        let mut m = GuestMemories.new_memory(MemoryType::new(1, None), 65536, None, None, 0).unwrap();
        // SAFETY: the memory is 64 KiB.
        unsafe { *m.as_ptr().add(100) = 7 };
        m.grow_to(10 << 20).unwrap();
        assert_eq!(m.byte_size(), 10 << 20);
        // SAFETY: grown to 10 MiB: both addresses are inside.
        unsafe {
            assert_eq!(*m.as_ptr().add(100), 7);
            assert_eq!(*m.as_ptr().add((10 << 20) - 1), 0);
        }
    }

    #[test]
    fn recycled_memories_read_as_zero() {
        for _ in 0..3 {
            let m = GuestMemories.new_memory(MemoryType::new(2, None), 3 * 65536, None, None, 0).unwrap();
            for off in [0, 5000, 70000, 3 * 65536 - 1] {
                // SAFETY: inside the 192 KiB memory.
                unsafe {
                    assert_eq!(*m.as_ptr().add(off), 0, "offset {off}");
                    *m.as_ptr().add(off) = 0xAB;
                }
            }
        }
    }

    #[test]
    fn image_memories_start_from_the_image_when_recycled() {
        let wat = r#"(module (memory 3) (data (i32.const 70000) "image"))"#;
        let (_, image) = super::super::image::split(&wat::parse_str(wat).unwrap()).unwrap();
        let image = Arc::new(image);
        for round in 0..3 {
            set_pending_image(Some(image.clone()));
            let m = GuestMemories.new_memory(MemoryType::new(3, None), 3 * 65536, None, None, 0).unwrap();
            set_pending_image(None);
            // SAFETY: every offset is inside the 192 KiB memory.
            unsafe {
                assert_eq!(std::slice::from_raw_parts(m.as_ptr().add(70000), 5), b"image", "round {round}");
                assert_eq!(*m.as_ptr().add(10), 0, "round {round}");
                assert_eq!(*m.as_ptr().add(150000), 0, "round {round}");
                std::ptr::copy_nonoverlapping(b"dirty".as_ptr(), m.as_ptr().add(70000), 5);
                *m.as_ptr().add(10) = 1;
                *m.as_ptr().add(150000) = 1;
            }
        }
    }

    #[test]
    fn stacks_are_recycled_and_zeroed_on_request() {
        let stacks = GuestStacks::new();
        let a = stacks.new_stack(1 << 16, false).unwrap();
        let top = a.top();
        // SAFETY: the byte below the top is inside the stack.
        unsafe { *top.sub(1) = 9 };
        drop(a);
        let b = stacks.new_stack(1 << 16, true).unwrap();
        assert_eq!(b.top(), top);
        // SAFETY: as above.
        assert_eq!(unsafe { *b.top().sub(1) }, 0);
    }
}
