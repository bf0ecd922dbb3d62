//! A loopback HTTP server for ROA requests: each request's `Authorization` is checked against the
//! signature Alibaba's official Python SDK core computes (`official_roa`), and its `Content-MD5`
//! against the body; it answers 200 with a JSON body, or 400 with a ROA error body.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use super::official_roa;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// The path as received (percent-encoded), without the query.
    pub path: String,
    /// The query, decoded, in wire order.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// `Some(true)` when the official signer's signature is the one sent; `None` when the official
    /// SDK is not installed (outside CI).
    pub signature_ok: Option<bool>,
    pub content_md5_ok: bool,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub struct RoaServer {
    pub addr: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl RoaServer {
    /// Serves every connection on its own thread until the test ends; `reply` is the 200 body.
    pub fn start(secret: &str, reply: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address").to_string();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (shared, secret, reply) = (Arc::clone(&seen), secret.to_owned(), reply.to_owned());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (shared, secret, reply) = (Arc::clone(&shared), secret.clone(), reply.clone());
                thread::spawn(move || serve(stream, &secret, &reply, &shared));
            }
        });
        RoaServer { addr, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }
}

fn serve(stream: TcpStream, secret: &str, reply: &str, seen: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or_default().to_owned();
    let target = words.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    let header =
        |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
    let content_md5_ok = match header("Content-MD5") {
        Some(md5) => md5 == alibabacloud_runtime::roa::content_md5(&body),
        None => body.is_empty(),
    };
    let sent = header("Authorization").and_then(|a| a.rsplit_once(':').map(|(_, s)| s.to_owned()));
    let signed: Vec<(String, String)> =
        headers.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("authorization")).cloned().collect();
    let official = official_roa::sign(&method, path, &query, &signed, secret);
    let signature_ok = official.map(|o| Some(o.signature) == sent);
    let record = Seen {
        method,
        path: path.to_owned(),
        query,
        headers: headers.clone(),
        body: String::from_utf8_lossy(&body).into_owned(),
        signature_ok,
        content_md5_ok,
    };
    let ok = signature_ok != Some(false) && content_md5_ok;
    seen.lock().expect("lock").push(record);
    let (status, text) = if ok {
        ("200 OK", reply.to_owned())
    } else {
        (
            "400 Bad Request",
            r#"{"Code":"SignatureDoesNotMatch","Message":"The request signature does not conform to Aliyun standards.","RequestId":"R-1"}"#.to_owned(),
        )
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    );
}

/// Percent-decoding of a query key or value (`+` is a space, as form encoding writes it).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
