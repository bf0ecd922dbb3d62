//! Caches a provider's credentials and refreshes them shortly before they expire, one refresh at a
//! time: concurrent callers wait for the refresh in flight instead of starting their own.

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use super::{Credentials, ProvideCredentials, ProvideFuture, SharedCredentialsProvider};

/// Temporary credentials are refreshed when less than this is left (as Alibaba's credentials libraries do).
pub const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(180);
/// After a failed refresh, still-valid credentials are used this long before the next try.
const RETRY_FAILED_REFRESH_AFTER: Duration = Duration::from_secs(10);

/// The clock expiry is judged by; the system clock unless a test sets its own.
#[derive(Clone)]
pub struct TimeSource(Arc<dyn Fn() -> SystemTime + Send + Sync>);

impl TimeSource {
    /// A clock that reads `now`.
    pub fn new(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        TimeSource(Arc::new(now))
    }

    /// The time now, by this clock.
    pub fn now(&self) -> SystemTime {
        (self.0)()
    }
}

impl Default for TimeSource {
    fn default() -> Self {
        TimeSource::new(SystemTime::now)
    }
}

impl fmt::Debug for TimeSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TimeSource")
    }
}

/// A caching wrapper: long-lived credentials are fetched once; temporary ones again when less than
/// [`REFRESH_BEFORE_EXPIRY`] is left. A failed refresh keeps serving the old credentials while they
/// are still valid.
#[derive(Debug)]
pub struct CachedProvider {
    inner: SharedCredentialsProvider,
    time: TimeSource,
    cached: RwLock<Option<Credentials>>,
    /// Held while refreshing; holds the earliest time of the next try after a failure.
    refresh: tokio::sync::Mutex<Option<SystemTime>>,
}

impl CachedProvider {
    /// Caches what `inner` provides, judging expiry by `time`.
    pub fn new(inner: impl ProvideCredentials + 'static, time: TimeSource) -> Self {
        CachedProvider {
            inner: SharedCredentialsProvider::new(inner),
            time,
            cached: RwLock::new(None),
            refresh: tokio::sync::Mutex::new(None),
        }
    }

    fn current(&self) -> Option<Credentials> {
        self.cached.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    async fn get(&self) -> Result<Credentials, super::CredentialsError> {
        let fresh_enough = |credentials: &Credentials, now: SystemTime| {
            credentials.expiry().is_none_or(|expiry| now + REFRESH_BEFORE_EXPIRY < expiry)
        };
        if let Some(credentials) = self.current().filter(|c| fresh_enough(c, self.time.now())) {
            return Ok(credentials);
        }
        let mut next_try = self.refresh.lock().await;
        let now = self.time.now();
        let current = self.current();
        if let Some(credentials) = current.clone().filter(|c| fresh_enough(c, now)) {
            return Ok(credentials);
        }
        let still_valid = current.filter(|c| c.expiry().is_none_or(|expiry| now < expiry));
        if let (Some(credentials), Some(not_before)) = (&still_valid, *next_try) {
            if now < not_before {
                return Ok(credentials.clone());
            }
        }
        match self.inner.provide_credentials().await {
            Ok(credentials) => {
                tracing::debug!(
                    provider = credentials.provider(),
                    temporary = credentials.security_token().is_some(),
                    "credentials loaded"
                );
                *self.cached.write().unwrap_or_else(|poisoned| poisoned.into_inner()) =
                    Some(credentials.clone());
                *next_try = None;
                Ok(credentials)
            }
            Err(error) => match still_valid {
                Some(credentials) => {
                    tracing::warn!(error = %error, "refreshing credentials failed; using the cached ones until they expire");
                    *next_try = Some(now + RETRY_FAILED_REFRESH_AFTER);
                    Ok(credentials)
                }
                None => Err(error),
            },
        }
    }
}

impl ProvideCredentials for CachedProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.get())
    }
}
