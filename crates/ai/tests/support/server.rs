//! A scripted HTTP/1.1 server for replaying provider transcripts: each connection gets the
//! next scripted reply, written chunk by chunk with sleeps, and may be cut off abruptly.
//! It records every request and notices when the client hangs up.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone)]
pub enum Step {
    /// One HTTP chunk.
    Write(Vec<u8>),
    Sleep(Duration),
    /// The same HTTP chunk `times` times, pausing `every` between writes (zero: as fast as the
    /// client reads). Stops early, like every write, when the client hangs up; the count keeps
    /// a "never-ending" reply finite, so a test that fails cannot hang forever.
    Repeat {
        bytes: Vec<u8>,
        times: usize,
        every: Duration,
    },
    /// Close the socket without the final chunk: the connection dropped mid-stream.
    Drop,
}

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub steps: Vec<Step>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            steps: Vec::new(),
        }
    }

    /// A streaming reply whose body is `body`, written in chunks of `chunk` bytes.
    pub fn stream(content_type: &str, body: &[u8], chunk: usize) -> Self {
        let mut r = Self::new(200, content_type);
        r.steps = body
            .chunks(chunk.max(1))
            .map(|c| Step::Write(c.to_vec()))
            .collect();
        r
    }

    pub fn sse(body: &str) -> Self {
        Self::stream("text/event-stream", body.as_bytes(), 64)
    }

    pub fn body(status: u16, content_type: &str, body: &str) -> Self {
        let mut r = Self::new(status, content_type);
        r.steps.push(Step::Write(body.as_bytes().to_vec()));
        r
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn step(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

pub struct TestServer {
    pub addr: SocketAddr,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    /// Set when a client closed its connection before the reply was fully written.
    pub client_hung_up: Arc<AtomicBool>,
    served: Arc<AtomicUsize>,
}

impl TestServer {
    pub async fn start(replies: Vec<Reply>) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let hung_up = Arc::new(AtomicBool::new(false));
        let served = Arc::new(AtomicUsize::new(0));
        let replies = Arc::new(replies);
        let (req2, hung2, served2) = (requests.clone(), hung_up.clone(), served.clone());
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let n = served2.fetch_add(1, Ordering::SeqCst);
                let reply = replies
                    .get(n)
                    .cloned()
                    .unwrap_or_else(|| Reply::body(500, "text/plain", "no more replies"));
                let (req3, hung3) = (req2.clone(), hung2.clone());
                tokio::spawn(async move {
                    serve(socket, reply, req3, hung3).await;
                });
            }
        });
        TestServer {
            addr,
            requests,
            client_hung_up: hung_up,
            served,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn request_count(&self) -> usize {
        self.requests.lock().map(|r| r.len()).unwrap_or(0)
    }

    pub fn request(&self, i: usize) -> Recorded {
        self.requests.lock().expect("lock")[i].clone()
    }

    pub fn hung_up(&self) -> bool {
        self.client_hung_up.load(Ordering::SeqCst)
    }
}

async fn read_request(socket: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut tmp = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&tmp[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect();
    let len = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let n = socket.read(&mut tmp).await.ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&tmp[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..]).to_string();
    Some(Recorded {
        method,
        path,
        headers,
        body,
    })
}

async fn serve(
    mut socket: TcpStream,
    reply: Reply,
    requests: Arc<Mutex<Vec<Recorded>>>,
    hung_up: Arc<AtomicBool>,
) {
    let Some(req) = read_request(&mut socket).await else {
        return;
    };
    if let Ok(mut r) = requests.lock() {
        r.push(req);
    }
    let mut head = format!("HTTP/1.1 {} X\r\n", reply.status);
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("transfer-encoding: chunked\r\nconnection: close\r\n\r\n");
    if socket.write_all(head.as_bytes()).await.is_err() {
        hung_up.store(true, Ordering::SeqCst);
        return;
    }
    for step in reply.steps {
        let alive = match step {
            Step::Write(bytes) => write_chunk(&mut socket, &bytes).await,
            Step::Sleep(d) => sleep_unless_hung_up(&mut socket, d).await,
            Step::Repeat {
                bytes,
                times,
                every,
            } => {
                let mut alive = true;
                for _ in 0..times {
                    alive = write_chunk(&mut socket, &bytes).await
                        && (every.is_zero() || sleep_unless_hung_up(&mut socket, every).await);
                    if !alive {
                        break;
                    }
                }
                alive
            }
            Step::Drop => return,
        };
        if !alive {
            hung_up.store(true, Ordering::SeqCst);
            return;
        }
    }
    let _ = socket.write_all(b"0\r\n\r\n").await;
    let _ = socket.shutdown().await;
}

/// Writes one HTTP chunk; false when the client is gone.
async fn write_chunk(socket: &mut TcpStream, bytes: &[u8]) -> bool {
    let mut chunk = format!("{:x}\r\n", bytes.len()).into_bytes();
    chunk.extend_from_slice(bytes);
    chunk.extend_from_slice(b"\r\n");
    socket.write_all(&chunk).await.is_ok() && socket.flush().await.is_ok()
}

/// Sleeps, watching the socket; false when the client hung up meanwhile.
async fn sleep_unless_hung_up(socket: &mut TcpStream, d: Duration) -> bool {
    let mut probe = [0u8; 64];
    tokio::select! {
        _ = tokio::time::sleep(d) => true,
        r = socket.read(&mut probe) => !matches!(r, Ok(0) | Err(_)),
    }
}
