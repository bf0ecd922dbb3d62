//! A counting global allocator: bytes live now and the peak since the last reset, for `cargo xtask bench`.
//!
//! Counting is off until [`set_counting`] turns it on: two threads updating the same counters on every
//! allocation slow each other down, so the bench times with counting off and measures memory with it on.
//! Only differences of [`live`] and [`peak`] mean something (blocks may be freed while counting that
//! were allocated while not), so they are wrapping signed numbers.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

/// The system allocator, counting live bytes.
pub struct PeakAlloc;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static ALLOCATIONS: AtomicIsize = AtomicIsize::new(0);

#[global_allocator]
static GLOBAL: PeakAlloc = PeakAlloc;

impl PeakAlloc {
    fn grew(by: usize) {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
            let by = by as isize;
            let live = LIVE.fetch_add(by, Ordering::Relaxed).wrapping_add(by);
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
    }

    fn shrank(by: usize) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(by as isize, Ordering::Relaxed);
        }
    }
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = mimalloc::MiMalloc.alloc(layout);
        if !ptr.is_null() {
            Self::grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = mimalloc::MiMalloc.alloc_zeroed(layout);
        if !ptr.is_null() {
            Self::grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout);
        Self::shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = mimalloc::MiMalloc.realloc(ptr, layout, new_size);
        if !new.is_null() {
            if new_size >= layout.size() {
                Self::grew(new_size - layout.size());
            } else {
                Self::shrank(layout.size() - new_size);
            }
        }
        new
    }
}

/// Turns counting on or off.
pub fn set_counting(on: bool) {
    COUNTING.store(on, Ordering::Relaxed);
}

/// Bytes allocated and not yet freed, up to a constant (see the module doc).
pub fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

/// Allocations (and reallocations that grew) made while counting.
pub fn allocations() -> isize {
    ALLOCATIONS.load(Ordering::Relaxed)
}

/// Starts a new peak window at the current live size.
pub fn reset_peak() {
    PEAK.store(live(), Ordering::Relaxed);
}

/// The most bytes live at once since the last [`reset_peak`].
pub fn peak() -> isize {
    PEAK.load(Ordering::Relaxed)
}
