//! `wait4(2)`: a child's exit status with its resource usage and that of the processes it reaped.

use std::time::Duration;

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
