//! A scripted HTTP/1.1 server on 127.0.0.1 standing in for the service, STS and the metadata
//! service. It checks every signed request's signature with Alibaba's official Python SDK signer
//! (see `official_signer`) and with its own code, answers with scripted or computed replies, and
//! injects faults: resets before and after reading the request, stalls, truncated and oversized
//! bodies, redirects.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use base64::Engine as _;
use hmac::{Hmac, Mac};

use super::official_signer;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    /// The target's path, without the query (`/`, `/latest/api/token`).
    pub path: String,
    /// Header names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// Every parameter, decoded, `Signature` included, in wire order (query, then form body).
    pub params: Vec<(String, String)>,
    /// The request line's target and the body, as received.
    pub raw_target: String,
    pub raw_body: String,
    /// Whether `Signature` matched: `None` when the request has none (metadata, OIDC).
    pub signature_ok: Option<bool>,
    /// Whether the official SDK's signer was among the checks.
    pub official_checked: bool,
}

impl Exchange {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(name, _)| name == key).map(|(_, value)| value.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// Signed and the signature accepted.
    pub fn signed_ok(&self) -> bool {
        self.signature_ok == Some(true)
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// An answer after a delay.
    Answer { status: u16, body: String, headers: Vec<(String, String)>, delay: Duration },
    /// Closes the connection without reading the request (the client sees a reset).
    ResetBeforeRead,
    /// Reads the whole request, then closes without answering.
    ResetAfterRead,
    /// Reads the request and never answers (until the client gives up).
    Stall,
    /// Declares a longer `Content-Length` than it sends, then closes.
    Truncated { status: u16, body: String },
    /// Streams a body of this many bytes.
    Oversized { bytes: usize },
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Reply::Answer { status, body: body.to_owned(), headers: Vec::new(), delay: Duration::ZERO }
    }

    pub fn text(status: u16, body: &str) -> Self {
        Reply::json(status, body).header("Content-Type", "text/plain")
    }

    pub fn redirect(location: &str) -> Self {
        Reply::json(302, "").header("Location", location)
    }

    pub fn header(self, name: &str, value: &str) -> Self {
        match self {
            Reply::Answer { status, body, mut headers, delay } => {
                headers.push((name.to_owned(), value.to_owned()));
                Reply::Answer { status, body, headers, delay }
            }
            other => other,
        }
    }

    pub fn slow(self, delay: Duration) -> Self {
        match self {
            Reply::Answer { status, body, headers, .. } => Reply::Answer { status, body, headers, delay },
            other => other,
        }
    }
}

type Handler = dyn Fn(&Exchange, usize) -> Reply + Send + Sync;

/// How replies are chosen.
enum Script {
    /// The n-th request gets the n-th reply (the last one repeats).
    Fixed(Vec<Reply>),
    /// Computed from the request.
    Computed(Box<Handler>),
}

impl Script {
    /// The reply known before the request is read (a scripted reset-before-read).
    fn before_read(&self, index: usize) -> Option<&Reply> {
        match self {
            Script::Fixed(replies) => Some(&replies[index.min(replies.len() - 1)]),
            Script::Computed(_) => None,
        }
    }

    fn reply(&self, exchange: &Exchange, index: usize) -> Reply {
        match self {
            Script::Fixed(replies) => replies[index.min(replies.len() - 1)].clone(),
            Script::Computed(handler) => handler(exchange, index),
        }
    }
}

/// The server: runs until dropped.
pub struct LoopbackServer {
    pub base_url: String,
    pub port: u16,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
    secrets: Arc<Mutex<HashMap<String, String>>>,
    stopped: Arc<AtomicBool>,
}

/// The error body a real service sends for a bad signature.
pub const BAD_SIGNATURE: &str = r#"{"RequestId":"BAD-SIGNATURE","HostId":"127.0.0.1","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation."}"#;

impl LoopbackServer {
    /// Answers the n-th request with the n-th reply (the last one repeats); `secret` is the secret of
    /// every AccessKey ID not registered with [`LoopbackServer::add_key`].
    pub fn start(secret: &str, replies: Vec<Reply>) -> Self {
        assert!(!replies.is_empty(), "a script needs at least one reply");
        Self::serve_script(secret, Script::Fixed(replies))
    }

    /// Answers each request with `handler(request, index)`. A signed request whose signature does not
    /// verify gets `SignatureDoesNotMatch` instead.
    pub fn with_handler(
        secret: &str,
        handler: impl Fn(&Exchange, usize) -> Reply + Send + Sync + 'static,
    ) -> Self {
        Self::serve_script(secret, Script::Computed(Box::new(handler)))
    }

    fn serve_script(secret: &str, script: Script) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("local address").port();
        let base_url = format!("http://127.0.0.1:{port}");
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let secrets = Arc::new(Mutex::new(HashMap::from([("*".to_owned(), secret.to_owned())])));
        let stopped = Arc::new(AtomicBool::new(false));
        let handler = Arc::new(script);
        let (shared, keys, stop) = (Arc::clone(&exchanges), Arc::clone(&secrets), Arc::clone(&stopped));
        let counter = Arc::new(Mutex::new(0usize));
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (shared, keys, handler, counter) =
                    (Arc::clone(&shared), Arc::clone(&keys), Arc::clone(&handler), Arc::clone(&counter));
                thread::spawn(move || serve(stream, &keys, &handler, &counter, &shared));
            }
        });
        LoopbackServer { base_url, port, exchanges, secrets, stopped }
    }

    /// Registers the secret of an AccessKey ID (temporary credentials the fake STS handed out).
    pub fn add_key(&self, access_key_id: &str, secret: &str) {
        self.secrets.lock().expect("secrets lock").insert(access_key_id.to_owned(), secret.to_owned());
    }

    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges.lock().expect("exchanges lock").clone()
    }

    /// `127.0.0.1:<port>`, for an explicit endpoint.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(
    stream: TcpStream,
    secrets: &Mutex<HashMap<String, String>>,
    handler: &Script,
    counter: &Mutex<usize>,
    exchanges: &Mutex<Vec<Exchange>>,
) {
    // Each connection takes the next index; keep-alive connections take one per request.
    let mut reader = BufReader::new(stream);
    loop {
        // Wait for the next request without taking it from the kernel (a close with unread data resets).
        if reader.buffer().is_empty() && !matches!(reader.get_ref().peek(&mut [0u8; 1]), Ok(1..)) {
            return;
        }
        let index = {
            let mut next = counter.lock().expect("counter lock");
            *next += 1;
            *next - 1
        };
        if matches!(handler.before_read(index), Some(Reply::ResetBeforeRead)) {
            // Close with the request unread: the kernel answers with a reset.
            exchanges.lock().expect("exchanges lock").push(Exchange {
                method: "(reset before read)".to_owned(),
                path: String::new(),
                headers: Vec::new(),
                params: Vec::new(),
                raw_target: String::new(),
                raw_body: String::new(),
                signature_ok: None,
                official_checked: false,
            });
            return;
        }
        let Some(exchange) = read_exchange(&mut reader, secrets) else { return };
        let close = exchange.header("connection").is_some_and(|value| value.eq_ignore_ascii_case("close"));
        let reply = match exchange.signature_ok {
            Some(false) => Reply::json(400, BAD_SIGNATURE),
            _ => handler.reply(&exchange, index),
        };
        exchanges.lock().expect("exchanges lock").push(exchange);
        let stream = reader.get_mut();
        match reply {
            Reply::Answer { status, body, headers, delay } => {
                thread::sleep(delay);
                let mut head = format!("HTTP/1.1 {status} Status\r\nContent-Length: {}\r\n", body.len());
                if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type")) {
                    head.push_str("Content-Type: application/json;charset=utf-8\r\n");
                }
                for (name, value) in &headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                if stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes())).is_err()
                {
                    return;
                }
                let _ = stream.flush();
                if close {
                    return;
                }
            }
            Reply::ResetBeforeRead | Reply::ResetAfterRead => return,
            Reply::Stall => {
                thread::sleep(Duration::from_secs(20));
                return;
            }
            Reply::Truncated { status, body } => {
                let head = format!("HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len() + 100);
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body.as_bytes());
                let _ = stream.flush();
                return;
            }
            Reply::Oversized { bytes } => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\n\r\n"
                );
                let _ = stream.write_all(head.as_bytes());
                let chunk = vec![b' '; 64 * 1024];
                let mut sent = 0;
                while sent < bytes {
                    let n = chunk.len().min(bytes - sent);
                    if stream.write_all(&chunk[..n]).is_err() {
                        return;
                    }
                    sent += n;
                }
                return;
            }
        }
    }
}

fn read_exchange(
    reader: &mut BufReader<TcpStream>,
    secrets: &Mutex<HashMap<String, String>>,
) -> Option<Exchange> {
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut parts = request_line.split_whitespace();
    let method = parts.next()?.to_owned();
    let raw_target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    let mut content_length = 0usize;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim().to_owned());
            if name == "content-length" {
                content_length = value.parse().ok()?;
            }
            headers.push((name, value));
        }
    }
    let mut body = vec![0u8; content_length];
    reader.read_exact(&mut body).ok()?;
    let raw_body = String::from_utf8(body).ok()?;
    let (path, query) = raw_target.split_once('?').unwrap_or((raw_target.as_str(), ""));
    let path = path.to_owned();
    let roa = headers.iter().find(|(name, value)| name == "authorization" && value.starts_with("acs "));
    if let Some((_, authorization)) = roa {
        // A RESTful (ROA) request: the query is its parameters, the body its own (JSON or form).
        let params = parse_form(query);
        let (signature_ok, official_checked) =
            check_roa_signature(&method, &path, &params, &headers, &raw_body, authorization, secrets);
        return Some(Exchange {
            method,
            path,
            headers,
            params,
            raw_target,
            raw_body,
            signature_ok,
            official_checked,
        });
    }
    let params: Vec<(String, String)> = parse_form(query).into_iter().chain(parse_form(&raw_body)).collect();
    let (signature_ok, official_checked) = check_signature(&method, &params, secrets);
    Some(Exchange { method, path, headers, params, raw_target, raw_body, signature_ok, official_checked })
}

/// A ROA request's `Authorization: acs <id>:<signature>`, checked by the official SDK core's ROA
/// signer (when installed) and by the runtime's own, and its `Content-MD5` against the body.
fn check_roa_signature(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &str,
    authorization: &str,
    secrets: &Mutex<HashMap<String, String>>,
) -> (Option<bool>, bool) {
    let Some((id, received)) = authorization.trim_start_matches("acs ").rsplit_once(':') else {
        return (Some(false), false);
    };
    let secret = {
        let secrets = secrets.lock().expect("secrets lock");
        secrets.get(id).or_else(|| secrets.get("*")).cloned().unwrap_or_default()
    };
    let signed: Vec<(String, String)> =
        headers.iter().filter(|(name, _)| name != "authorization").cloned().collect();
    let ours = alibabacloud_runtime::roa::signature(
        &secret,
        &alibabacloud_runtime::roa::string_to_sign(method, &signed, path, query),
    );
    let md5_ok = match signed.iter().find(|(name, _)| name == "content-md5") {
        Some((_, md5)) => *md5 == alibabacloud_runtime::roa::content_md5(body.as_bytes()),
        None => body.is_empty(),
    };
    let official = super::official_roa::sign(method, path, query, &signed, &secret);
    let official_ok = official.as_ref().is_none_or(|o| o.signature == received);
    (Some(ours == received && official_ok && md5_ok), official.is_some())
}

/// Both signers must accept a signed request; the official one when it is installed.
fn check_signature(
    method: &str,
    params: &[(String, String)],
    secrets: &Mutex<HashMap<String, String>>,
) -> (Option<bool>, bool) {
    let Some(received) = params.iter().find(|(key, _)| key == "Signature").map(|(_, value)| value.clone())
    else {
        return (None, false);
    };
    let id = params.iter().find(|(key, _)| key == "AccessKeyId").map_or("", |(_, value)| value.as_str());
    let secret = {
        let secrets = secrets.lock().expect("secrets lock");
        secrets.get(id).or_else(|| secrets.get("*")).cloned().unwrap_or_default()
    };
    let unsigned: Vec<(String, String)> =
        params.iter().filter(|(key, _)| key != "Signature").cloned().collect();
    let ours = own_signature(method, &unsigned, &secret) == received;
    match official_signer::signature(method, &unsigned, &secret) {
        Some(official) => (Some(ours && official == received), true),
        None => (Some(ours), false),
    }
}

fn parse_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// A form value: `+` is a space, then `%XX` decoded.
fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

/// The server side of the signature, written apart from the signer it checks: a stable sort by key
/// (repeated keys keep their received order), RFC 3986 encoding, HMAC-SHA1.
fn own_signature(method: &str, unsigned: &[(String, String)], secret: &str) -> String {
    let mut sorted = unsigned.to_vec();
    sorted.sort_by(|left, right| left.0.cmp(&right.0));
    let canonical = sorted
        .iter()
        .map(|(key, value)| format!("{}={}", rfc3986(key), rfc3986(value)))
        .collect::<Vec<_>>()
        .join("&");
    let to_sign = format!("{method}&%2F&{}", rfc3986(&canonical));
    let mut mac =
        <Hmac<sha1::Sha1>>::new_from_slice(format!("{secret}&").as_bytes()).expect("any key length");
    mac.update(to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn rfc3986(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
