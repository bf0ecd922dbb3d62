//! A scripted HTTP server on 127.0.0.1 that checks each request's RPC signature on its own code.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use base64::Engine as _;
use hmac::{Hmac, Mac};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    /// Every parameter, decoded, `Signature` included, in wire order.
    pub params: Vec<(String, String)>,
    /// The request line's target and the body, as received.
    pub raw_target: String,
    pub raw_body: String,
    /// Whether `Signature` matched the server's own computation.
    pub signature_ok: bool,
}

impl Exchange {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(name, _)| name == key).map(|(_, value)| value.as_str())
    }
}

/// What to answer, after how long.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Reply { status, body: body.to_owned(), delay: Duration::ZERO }
    }

    pub fn slow(self, delay: Duration) -> Self {
        Reply { delay, ..self }
    }
}

/// The server: answers the n-th request with the n-th reply (the last one repeats).
pub struct LoopbackServer {
    pub base_url: String,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

impl LoopbackServer {
    pub fn start(access_key_secret: &str, replies: Vec<Reply>) -> Self {
        assert!(!replies.is_empty(), "a script needs at least one reply");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&exchanges);
        let secret = access_key_secret.to_owned();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let reply = {
                    let seen = shared.lock().expect("exchanges lock").len();
                    replies[seen.min(replies.len() - 1)].clone()
                };
                let shared = Arc::clone(&shared);
                let secret = secret.clone();
                thread::spawn(move || serve(stream, &secret, reply, &shared));
            }
        });
        LoopbackServer { base_url, exchanges }
    }

    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges.lock().expect("exchanges lock").clone()
    }
}

fn serve(stream: TcpStream, secret: &str, reply: Reply, exchanges: &Mutex<Vec<Exchange>>) {
    let mut reader = BufReader::new(stream);
    let Some(exchange) = read_exchange(&mut reader, secret) else {
        return;
    };
    let reply = if exchange.signature_ok {
        reply
    } else {
        Reply::json(
            400,
            r#"{"RequestId":"BAD-SIGNATURE","HostId":"127.0.0.1","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation."}"#,
        )
    };
    exchanges.lock().expect("exchanges lock").push(exchange);
    thread::sleep(reply.delay);
    let mut stream = reader.into_inner();
    let head = format!(
        "HTTP/1.1 {} Status\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        reply.status,
        reply.body.len()
    );
    // The client may have given up (timeout tests): write errors are expected then.
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(reply.body.as_bytes());
    let _ = stream.flush();
}

fn read_exchange(reader: &mut BufReader<TcpStream>, secret: &str) -> Option<Exchange> {
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut parts = request_line.split_whitespace();
    let method = parts.next()?.to_owned();
    let raw_target = parts.next()?.to_owned();
    let mut content_length = 0usize;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0u8; content_length];
    reader.read_exact(&mut body).ok()?;
    let raw_body = String::from_utf8(body).ok()?;
    let query = raw_target.split_once('?').map_or("", |(_, query)| query);
    let params: Vec<(String, String)> = parse_form(query).into_iter().chain(parse_form(&raw_body)).collect();
    let signature_ok = verify(&method, &params, secret);
    Some(Exchange { method, params, raw_target, raw_body, signature_ok })
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

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' if index + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(byte) => out.push(byte),
                    Err(_) => out.extend_from_slice(&bytes[index..index + 3]),
                }
                index += 3;
            }
            b'+' => {
                out.push(b' ');
                index += 1;
            }
            byte => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The server side of the signature, written apart from the signer it checks.
fn verify(method: &str, params: &[(String, String)], secret: &str) -> bool {
    let Some(received) = params.iter().find(|(key, _)| key == "Signature").map(|(_, value)| value.clone())
    else {
        return false;
    };
    let mut unsigned: Vec<(String, String)> =
        params.iter().filter(|(key, _)| key != "Signature").cloned().collect();
    unsigned.sort();
    let canonical = unsigned
        .iter()
        .map(|(key, value)| format!("{}={}", rfc3986(key), rfc3986(value)))
        .collect::<Vec<_>>()
        .join("&");
    let to_sign = format!("{method}&%2F&{}", rfc3986(&canonical));
    let mut mac =
        <Hmac<sha1::Sha1>>::new_from_slice(format!("{secret}&").as_bytes()).expect("any key length");
    mac.update(to_sign.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    expected == received
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
