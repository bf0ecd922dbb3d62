//! The blocking client (feature `blocking`): the async client driven by its own current-thread
//! tokio runtime, for programs that do not run one. Do not call it from within an async runtime.

use std::sync::Arc;

use crate::client::{CallOptions, Client as AsyncClient};
use crate::config::Config;
use crate::endpoint::ProductEndpoints;
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::operation::Operation;
use crate::paginate::{Paginated, PaginatedItems};

/// Blocks the calling thread for each call; otherwise the same as [`crate::client::Client`].
#[derive(Clone, Debug)]
pub struct Client {
    inner: AsyncClient,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl Client {
    /// A client for the product whose endpoint data is `endpoints`, with its own runtime; fails as
    /// [`crate::client::Client::new`] does, or when the runtime cannot start.
    pub fn new(config: &Config, endpoints: &'static ProductEndpoints) -> Result<Client, Error> {
        let runtime =
            tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|error| {
                Error::Transport(TransportError::new(
                    TransportErrorKind::Other,
                    format!("cannot start a runtime: {error}"),
                ))
            })?;
        Ok(Client { inner: AsyncClient::new(config, endpoints)?, runtime: Arc::new(runtime) })
    }

    /// The async client underneath.
    pub fn as_async(&self) -> &AsyncClient {
        &self.inner
    }

    /// Sends `request` and reads the typed answer; see [`crate::client::Client::send`].
    pub fn send<O: Operation>(&self, request: &O) -> Result<O::Response, Error<O::Error>> {
        self.runtime.block_on(self.inner.send(request))
    }

    /// [`Client::send`] with this call's own retry policy and timeouts.
    pub fn send_with<O: Operation>(
        &self,
        request: &O,
        options: &CallOptions,
    ) -> Result<O::Response, Error<O::Error>> {
        self.runtime.block_on(self.inner.send_with(request, options))
    }

    /// Every page, fetched as the iterator advances.
    pub fn pages<O>(&self, request: O) -> impl Iterator<Item = Result<O::Response, Error<O::Error>>>
    where
        O: Paginated + Send + Sync + 'static,
        O::Response: Send + 'static,
        O::Error: Send + 'static,
    {
        let mut pages = self.inner.pages(request);
        let runtime = Arc::clone(&self.runtime);
        std::iter::from_fn(move || runtime.block_on(pages.next()))
    }

    /// Every item of every page.
    pub fn items<O>(&self, request: O) -> impl Iterator<Item = Result<O::Item, Error<O::Error>>>
    where
        O: PaginatedItems + Send + Sync + 'static,
        O::Response: Send + 'static,
        O::Error: Send + 'static,
        O::Item: Send + 'static,
    {
        let mut items = self.inner.items(request);
        let runtime = Arc::clone(&self.runtime);
        std::iter::from_fn(move || runtime.block_on(items.next()))
    }
}
