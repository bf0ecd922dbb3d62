//! The `rpc query` and `rpc url` dry runs of a ROA operation: the request as it would be sent,
//! printed (method, path with its query, headers, body), unsigned or signed.

use crate::dry_run::{DryRunError, UrlOptions};
use crate::operation::Operation;
use crate::roa::{self, RoaError, RoaOperation};
use crate::signing::{Nonce, Timestamp};

/// `rpc query <Api>` for a ROA operation: the request before signing.
pub fn unsigned_from_json<O>(json: &str) -> Result<String, String>
where
    O: Operation + RoaOperation + serde::de::DeserializeOwned,
{
    let request: O = serde_json::from_str(json).map_err(|e| format!("malformed request: {e}"))?;
    let request = request.roa_request().map_err(|e| e.to_string())?;
    Ok(request.to_http_text(O::VERSION))
}

/// `rpc url <Api>` for a ROA operation: the signed request, `Authorization` computed from the
/// options' keys (and `--security-token`), `--timestamp` (the `Date` header) and `--nonce`, with
/// `x-acs-region-id` when `--region` is given. `--method` must be the operation's own when given.
pub fn signed_from_json<O>(json: &str, args: &[String]) -> Result<String, String>
where
    O: Operation + RoaOperation + serde::de::DeserializeOwned,
{
    let options = UrlOptions::from_args(args).map_err(|e| DryRunError::Args(e).to_string())?;
    if args.iter().any(|a| a == "--method") && options.method.as_str() != O::METHOD {
        return Err(format!(
            "`{}` is a {} operation; --method {} does not apply",
            O::ACTION,
            O::METHOD,
            options.method
        ));
    }
    let request: O = serde_json::from_str(json).map_err(|e| DryRunError::Request(e).to_string())?;
    let mut request = request.roa_request().map_err(|e: RoaError| e.to_string())?;
    if let Some(region) = &options.region {
        request.headers.push(("x-acs-region-id".to_owned(), region.as_str().to_owned()));
    }
    let timestamp = options.timestamp.clone().unwrap_or_else(Timestamp::now);
    let nonce = options.nonce.clone().unwrap_or_else(Nonce::random);
    let unix_seconds = roa::unix_seconds(timestamp.as_str()).unwrap_or(0);
    let signing = roa::Signing {
        version: O::VERSION,
        access_key_id: options.credentials.access_key_id(),
        access_key_secret: options.credentials.access_key_secret().expose(),
        security_token: options.credentials.security_token().map(|t| t.expose()),
        nonce: nonce.as_str(),
        unix_seconds,
    };
    Ok(roa::sign(&request, &signing).to_http_text())
}
