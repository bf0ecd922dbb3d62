//! Maps a slice on all cores, keeping the input order (so parallel output stays deterministic).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `items.iter().map(f).collect()`, on up to `available_parallelism` threads. Threads take the next
/// item as they get free, so one big item does not hold back a whole share of the rest.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    map_after(items, || (), f).1
}

/// [`map`], the calling thread running `first` before it takes items, while the other threads
/// start on them: for work that cannot move to another thread (proc-macro2's tokens are not
/// `Send`).
pub fn map_after<'a, T: Sync, R: Send, A>(
    items: &'a [T],
    first: impl FnOnce() -> A,
    f: impl Fn(&'a T) -> R + Sync,
) -> (A, Vec<R>) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len() + 1);
    if threads <= 1 {
        return (first(), items.iter().map(f).collect());
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, f(item)));
        }
    };
    let (first, mut results): (A, Vec<(usize, R)>) = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let first = first();
        let mut all = work();
        for helper in helpers {
            all.extend(joined(helper));
        }
        (first, all)
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    (first, results.into_iter().map(|(_, r)| r).collect())
}

/// What a scoped thread returned; its panic, if it panicked, goes on in the joining thread.
pub fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order_and_covers_every_item() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = super::map(&items, |n| n * n);
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |b| *b).is_empty());
    }

    #[test]
    fn runs_first_on_the_calling_thread_beside_the_items() {
        let caller = std::thread::current().id();
        // Not `Send`: it could not run anywhere but here.
        let here = std::rc::Rc::new(7);
        let items: Vec<u64> = (0..100).collect();
        let (first, doubled) = super::map_after(&items, || (*here, std::thread::current().id()), |n| n * 2);
        assert_eq!(first, (7, caller));
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        let (first, none) = super::map_after(&[] as &[u8], || *here, |b| *b);
        assert_eq!((first, none), (7, Vec::new()));
    }
}
