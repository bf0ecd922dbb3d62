//! `wait4(2)`: a child's exit status with its resource usage and that of the processes it reaped;
//! what a process cost ([`Cost`]) and the median of several.

use std::process::Command;
use std::time::{Duration, Instant};

/// What one process (and every process it waited for) cost.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cost {
    pub wall: Duration,
    /// User + system CPU.
    pub cpu: Duration,
    /// The largest resident set, in KiB.
    pub peak_kib: u64,
}

/// Runs `command` to completion: its exit code (255 for a signal) and what it cost.
pub fn run(command: &mut Command) -> Result<(i32, Cost), String> {
    let started = Instant::now();
    let child = command.spawn().map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let (status, usage) = wait(child.id()).map_err(|e| format!("cannot wait for {command:?}: {e}"))?;
    Ok((status, Cost { wall: started.elapsed(), cpu: usage.cpu, peak_kib: usage.peak_kib }))
}

/// The median of each measure on its own.
pub fn median(costs: &[Cost]) -> Cost {
    fn mid<T: Ord + Copy>(mut values: Vec<T>) -> T {
        values.sort_unstable();
        values[values.len() / 2]
    }
    Cost {
        wall: mid(costs.iter().map(|c| c.wall).collect()),
        cpu: mid(costs.iter().map(|c| c.cpu).collect()),
        peak_kib: mid(costs.iter().map(|c| c.peak_kib).collect()),
    }
}

pub struct Usage {
    pub cpu: Duration,
    pub peak_kib: u64,
}

fn duration(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// Waits for child `pid`; `(exit code, usage)`, the code 255 for a signal.
pub fn wait(pid: u32) -> std::io::Result<(i32, Usage)> {
    let pid = libc::pid_t::try_from(pid).map_err(std::io::Error::other)?;
    let mut status = 0;
    // SAFETY: `rusage` is plain old data that `wait4` fills in; all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child; `status` and `usage` outlive the call.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { 255 };
    let cpu = duration(usage.ru_utime) + duration(usage.ru_stime);
    // Linux reports `ru_maxrss` in KiB.
    Ok((code, Usage { cpu, peak_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0) }))
}
