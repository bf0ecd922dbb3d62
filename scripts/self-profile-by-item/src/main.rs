//! Where a crate's build goes, by item: reads a rustc `-Z self-profile` file recorded with
//! `-Z self-profile-events=default,query-keys` and sums each query's self time into the item of
//! the crate (function, impl, struct, field, constant) it ran for; a query without such a key (one
//! for a type or a trait) counts for the item whose query called it, and what no item called is
//! "crate-wide". It prints the total per kind of item (the key's last path segment: `fmt`,
//! `clone`, `get`, `FIELDS`, …, with the `schema` submodules' items apart) or, with `--items`,
//! per item.
//!
//! ```text
//! cargo +nightly rustc --lib --all-features -- -Z self-profile=/tmp/prof -Z self-profile-events=default,query-keys
//! cargo run --release --manifest-path scripts/self-profile-by-item/Cargo.toml -- alibabacloud_ecs /tmp/prof/*.mm_profdata
//! ```

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::SystemTime;

use analyzeme::ProfilingData;

/// One interval event: thread, start, end, its query key.
struct Interval {
    thread: u32,
    start: SystemTime,
    end: SystemTime,
    key: String,
}

/// An open event while walking one thread's events in order: where it ends, whom its self time
/// goes to, its duration and the duration of the events inside it.
struct Open {
    thread: u32,
    end: SystemTime,
    owner: Option<String>,
    nanos: u128,
    inner: u128,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let items = args.iter().any(|a| a == "--items");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [krate, profile] = positional.as_slice() else {
        eprintln!("usage: self-profile-by-item [--items] CRATE_NAME FILE.mm_profdata");
        return ExitCode::from(2);
    };
    let data = match ProfilingData::new(Path::new(profile.as_str())) {
        Ok(data) => data,
        Err(e) => {
            eprintln!("{profile}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut events: Vec<Interval> = data
        .iter_full()
        .filter_map(|e| {
            let time = e.payload.timestamp()?;
            let key = e.additional_data.first().map(|s| s.to_string()).unwrap_or_default();
            e.payload.is_interval().then(|| Interval {
                thread: e.thread_id,
                start: time.start(),
                end: time.end(),
                key,
            })
        })
        .collect();
    // Per thread by start; of two starting together the longer (the caller) first.
    events.sort_by(|a, b| {
        (a.thread, a.start, std::cmp::Reverse(a.end)).cmp(&(b.thread, b.start, std::cmp::Reverse(b.end)))
    });

    let prefix = format!("{krate}::");
    let mut self_time: HashMap<String, u128> = HashMap::new();
    let mut open: Vec<Open> = Vec::new();
    let close = |open: &mut Vec<Open>, self_time: &mut HashMap<String, u128>| {
        if let Some(done) = open.pop() {
            let owner = done.owner.unwrap_or_else(|| "crate-wide".to_owned());
            *self_time.entry(owner).or_default() += done.nanos.saturating_sub(done.inner);
        }
    };
    for event in events {
        while open.last().is_some_and(|top| top.thread != event.thread || top.end <= event.start) {
            close(&mut open, &mut self_time);
        }
        let nanos = event.end.duration_since(event.start).map_or(0, |d| d.as_nanos());
        let own = event.key.starts_with(&prefix).then_some(event.key);
        let owner = own.or_else(|| open.last().and_then(|top| top.owner.clone()));
        if let Some(caller) = open.last_mut() {
            caller.inner += nanos;
        }
        open.push(Open { thread: event.thread, end: event.end, owner, nanos, inner: 0 });
    }
    while !open.is_empty() {
        close(&mut open, &mut self_time);
    }

    let total: u128 = self_time.values().sum();
    let mut rows: Vec<(String, u128, usize)> = if items {
        self_time.into_iter().map(|(item, nanos)| (item, nanos, 1)).collect()
    } else {
        let mut kinds: HashMap<String, (u128, HashSet<String>)> = HashMap::new();
        for (item, nanos) in self_time {
            let kind = kind_of(&item);
            let entry = kinds.entry(kind).or_default();
            entry.0 += nanos;
            entry.1.insert(item);
        }
        kinds.into_iter().map(|(kind, (nanos, items))| (kind, nanos, items.len())).collect()
    };
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // A closed pipe (`| head`) ends the listing quietly.
    let _ = print(total, &rows);
    ExitCode::SUCCESS
}

fn print(total: u128, rows: &[(String, u128, usize)]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:.3} s of self time in all", total as f64 / 1e9)?;
    writeln!(out, "{:>10} {:>6} {:>7}  kind", "ms", "share", "items")?;
    for (name, nanos, count) in rows {
        let share = *nanos as f64 * 100.0 / total.max(1) as f64;
        writeln!(out, "{:>10.1} {share:>5.1}% {count:>7}  {name}", *nanos as f64 / 1e6)?;
    }
    Ok(())
}

/// Methods listed under their own name: trait methods and the generated crates' inherent functions
/// of every type; other methods (a setter is named after its field) are summed as one kind.
/// Constants and associated types (capitalised) are listed under their own name too.
const NAMED_METHODS: &[&str] = &[
    "as_str",
    "builder",
    "clone",
    "default",
    "deserialize",
    "eq",
    "fmt",
    "from",
    "from_unknown",
    "get",
    "get_mut",
    "hash",
    "new",
    "serialize",
    "unknown",
];

/// The kind of an item by its path: its last segment for a method or constant of an impl
/// (`{{impl}}[3]::fmt` is `fmt`; the `schema` submodules' apart, `schema::get`), else what it is.
fn kind_of(item: &str) -> String {
    if item == "crate-wide" {
        return item.to_owned();
    }
    let segments: Vec<&str> = item.split("::").collect();
    let last = segments.last().copied().unwrap_or_default();
    let in_impl = segments.len() >= 2 && segments[segments.len() - 2].starts_with("{{impl}}");
    if in_impl {
        let schema = if item.contains("::schema::") { "schema::" } else { "" };
        let named = NAMED_METHODS.contains(&last) || !last.starts_with(|c: char| c.is_ascii_lowercase());
        return if named { format!("{schema}{last}") } else { "other method (setters)".to_owned() };
    }
    if last.starts_with("{{impl}}") {
        "impl block".to_owned()
    } else if item.contains("::{{impl}}") {
        "generic or lifetime parameter of an impl item".to_owned()
    } else if last.starts_with("{{") {
        last.trim_start_matches("{{").split("}}").next().unwrap_or_default().to_owned()
    } else {
        "type, field, variant or module".to_owned()
    }
}
