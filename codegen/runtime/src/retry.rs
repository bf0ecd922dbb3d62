//! When a failed attempt is tried again, and after how long: exponential backoff with full jitter,
//! a cap on attempts, `Retry-After`, and a retry quota shared by every client of one config.

use std::sync::Mutex;
use std::time::Duration;

/// How failed calls are retried. Build one from [`RetryPolicy::standard`] and the `with_` setters.
///
/// What is retried ([`RetryReason`]): throttling for every operation; connection failures where
/// the request never left, for every operation; server errors (5xx), timeouts and connections
/// broken after sending only for operations that are safe to repeat (`Operation::IDEMPOTENT`,
/// which an API with a `ClientToken` is, the client filling one in).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first one included; at least 1.
    pub max_attempts: u32,
    /// The cap of the first backoff; doubled for each further one.
    pub initial_backoff: Duration,
    /// The longest backoff.
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this ends the retries instead of waiting.
    pub max_retry_after: Duration,
}

impl RetryPolicy {
    /// Three attempts, backoff drawn from [0, 200 ms], then [0, 400 ms] (full jitter), at most 20 s;
    /// `Retry-After` honoured up to 30 s.
    pub fn standard() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(30),
        }
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::standard() }
    }

    /// At most `attempts` attempts in all, the first included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The ceiling of the first wait, doubled after each further failure.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The highest ceiling a wait can reach.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` waited for; a longer one ends the retries.
    pub fn with_max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// The wait after failed attempt `attempt` (from 1): uniform in
    /// `[0, min(max_backoff, initial_backoff × 2^(attempt-1))]` ("full jitter"), so many clients
    /// throttled together do not come back together.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(20))
            .min(self.max_backoff);
        ceiling.mul_f64(random_fraction())
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::standard()
    }
}

/// A uniform draw from [0, 1] from the operating system's generator (0.5 should it fail).
fn random_fraction() -> f64 {
    let mut bytes = [0u8; 4];
    match getrandom::getrandom(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX),
        Err(_) => 0.5,
    }
}

/// Why an attempt may be tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// The service throttled the call (`Throttling*` codes, HTTP 429): it did nothing, any call may retry.
    Throttled,
    /// No connection was made: the request never left, any call may retry.
    NeverSent,
    /// A server error, a timeout or a connection broken after sending: the service may have acted,
    /// so only calls safe to repeat retry.
    Transient,
    /// Like `Transient`, but the attempt timed out (costs more of the quota).
    TimedOut,
}

impl RetryReason {
    /// Whether a call that is (or is not) safe to repeat may be retried for this reason.
    pub fn allows(self, safe_to_repeat: bool) -> bool {
        match self {
            RetryReason::Throttled | RetryReason::NeverSent => true,
            RetryReason::Transient | RetryReason::TimedOut => safe_to_repeat,
        }
    }

    /// The reason in words, as logs show it (`throttled`, `not sent`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            RetryReason::Throttled => "throttled",
            RetryReason::NeverSent => "not sent",
            RetryReason::Transient => "transient",
            RetryReason::TimedOut => "timed out",
        }
    }
}

/// A token bucket shared by the clients of one config: each retry takes tokens, each success gives
/// some back, so a service that is down does not get every caller's retries on top of its load.
#[derive(Debug)]
pub struct RetryQuota {
    tokens: Mutex<u32>,
}

/// Tokens in a full bucket.
pub const QUOTA_CAPACITY: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota { tokens: Mutex::new(QUOTA_CAPACITY) }
    }
}

impl RetryQuota {
    /// Takes the cost of one retry; `None` when the bucket is too low (the retry is not made).
    pub fn acquire(&self, reason: RetryReason) -> Option<u32> {
        let cost = if reason == RetryReason::TimedOut { TIMEOUT_RETRY_COST } else { RETRY_COST };
        let mut tokens = self.tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *tokens < cost {
            return None;
        }
        *tokens -= cost;
        Some(cost)
    }

    /// A call succeeded: gives back what its retries took, or one token when it took none.
    pub fn release(&self, taken: u32) {
        let mut tokens = self.tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *tokens = (*tokens + taken.max(1)).min(QUOTA_CAPACITY);
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        *self.tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_jitter_stays_under_the_doubling_cap() {
        let policy = RetryPolicy::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350));
        let mut saw_small = false;
        for _ in 0..200 {
            let first = policy.backoff(1);
            assert!(first <= Duration::from_millis(100));
            saw_small |= first < Duration::from_millis(50);
            assert!(policy.backoff(2) <= Duration::from_millis(200));
            assert!(policy.backoff(9) <= Duration::from_millis(350));
        }
        assert!(saw_small, "full jitter draws from the whole range");
    }

    #[test]
    fn only_safe_calls_retry_after_the_request_may_have_been_seen() {
        for reason in [RetryReason::Throttled, RetryReason::NeverSent] {
            assert!(reason.allows(false) && reason.allows(true));
        }
        for reason in [RetryReason::Transient, RetryReason::TimedOut] {
            assert!(!reason.allows(false) && reason.allows(true));
        }
    }

    #[test]
    fn the_quota_runs_out_and_refills_on_success() {
        let quota = RetryQuota::default();
        let mut taken = 0;
        while let Some(cost) = quota.acquire(RetryReason::Transient) {
            taken += cost;
        }
        assert_eq!(taken, QUOTA_CAPACITY);
        assert_eq!(quota.acquire(RetryReason::Throttled), None);
        quota.release(10);
        assert_eq!(quota.available(), 10);
        assert_eq!(quota.acquire(RetryReason::TimedOut), Some(10));
    }
}
