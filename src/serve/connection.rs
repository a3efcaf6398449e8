//! The server's connections, on `std::net`: one thread per open connection,
//! at most [`MAX_CONNECTIONS`] of them, each reading requests with a deadline
//! and writing each answer in one piece with `TCP_NODELAY`.
//!
//! What a client can hold is bounded: a request's head must arrive within
//! [`HEAD_TIMEOUT`] of the server starting to wait for it (a client that
//! sends nothing, or a byte at a time, is closed then); its request line is
//! at most [`MAX_REQUEST_LINE`] bytes (414 past that) and its whole head at
//! most [`MAX_HEAD`] bytes (431), refused as soon as the limit is passed,
//! not after the rest has arrived. A slow client holds only its own thread,
//! never another client's request.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::http::{answer, reason, text, Reply};
use super::Shared;

/// Connections served at once; past this, new ones wait in the system's
/// queue until one closes (every connection closes within [`HEAD_TIMEOUT`]
/// of going quiet).
pub const MAX_CONNECTIONS: usize = 512;
/// How long a request's head may take to arrive, idle time on a kept-alive
/// connection included.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long writing an answer may take (a client that stops reading).
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest request line, `GET /path HTTP/1.1`.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The longest request head: request line and headers.
pub const MAX_HEAD: usize = 16 * 1024;
/// A thread's stack: answering a request needs little.
const STACK: usize = 256 * 1024;

/// Accepts connections on `listener` and serves each on its own thread;
/// returns only if the listener fails for good.
pub fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let slots = Arc::new(Slots::default());
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: wait a moment rather than spin.
                log::debug!("accepting a connection: {e}");
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let slot = slots.take();
        let shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("quire-http".into())
            .stack_size(STACK)
            .spawn(move || {
                let _slot = slot;
                if let Err(e) = connection(stream, &shared) {
                    log::debug!("a connection ended: {e}");
                }
            });
        if let Err(e) = spawned {
            log::warn!("cannot start a thread for a connection: {e}");
        }
    }
}

/// Counts open connections, up to [`MAX_CONNECTIONS`].
#[derive(Default)]
struct Slots {
    open: Mutex<usize>,
    freed: Condvar,
}

/// One open connection's place; given back when dropped.
struct Slot(Arc<Slots>);

impl Slots {
    /// Waits until fewer than [`MAX_CONNECTIONS`] are open, then takes a place.
    fn take(self: &Arc<Self>) -> Slot {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let mut open = self
            .freed
            .wait_while(open, |n| *n >= MAX_CONNECTIONS)
            .unwrap_or_else(|e| e.into_inner());
        *open += 1;
        Slot(Arc::clone(self))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.0.open.lock().unwrap_or_else(|e| e.into_inner());
        *open -= 1;
        self.0.freed.notify_one();
    }
}

/// A request's head, as far as quire needs it.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The request target, `/journal/?x=1`.
    pub target: String,
    /// Whether the client wants the connection kept open after the answer.
    pub keep_alive: bool,
    /// Whether a body follows (quire reads none: the connection is closed
    /// after the answer).
    pub has_body: bool,
}

/// Why a request's head was refused: the status to answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// 400: not HTTP.
    BadRequest,
    /// 414: the request line is too long.
    LineTooLong,
    /// 431: the head is too long.
    HeadTooLong,
    /// 505: not HTTP/1.0 or 1.1.
    Version,
}

impl Refused {
    fn status(&self) -> u16 {
        match self {
            Refused::BadRequest => 400,
            Refused::LineTooLong => 414,
            Refused::HeadTooLong => 431,
            Refused::Version => 505,
        }
    }
}

/// Where a head ends in `buf` (the offset after its blank line), or why it
/// cannot: `Ok(None)` while more bytes may complete it.
pub fn head_end(buf: &[u8]) -> Result<Option<usize>, Refused> {
    let line_end = buf.iter().position(|&b| b == b'\n');
    match line_end {
        None if buf.len() > MAX_REQUEST_LINE => return Err(Refused::LineTooLong),
        None => return Ok(None),
        Some(at) if at > MAX_REQUEST_LINE => return Err(Refused::LineTooLong),
        Some(_) => {}
    }
    // The blank line: "\r\n\r\n", or "\n\n" from a lax client.
    let mut at = 0;
    while let Some(nl) = buf[at..].iter().position(|&b| b == b'\n') {
        let next = at + nl + 1;
        let rest = &buf[next..];
        if rest.starts_with(b"\r\n") {
            return check_head_size(next + 2).map(Some);
        }
        if rest.starts_with(b"\n") {
            return check_head_size(next + 1).map(Some);
        }
        at = next;
    }
    if buf.len() > MAX_HEAD {
        return Err(Refused::HeadTooLong);
    }
    Ok(None)
}

fn check_head_size(end: usize) -> Result<usize, Refused> {
    if end > MAX_HEAD {
        Err(Refused::HeadTooLong)
    } else {
        Ok(end)
    }
}

/// Reads a complete head (the bytes up to and including its blank line).
pub fn parse_head(head: &[u8]) -> Result<Head, Refused> {
    let text = std::str::from_utf8(head).map_err(|_| Refused::BadRequest)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().unwrap_or_default();
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refused::BadRequest);
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Refused::BadRequest);
    }
    // The target is printable ASCII (percent-encoding carries the rest),
    // which also keeps it safe to repeat in a Location header.
    if !target.starts_with('/') || !target.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return Err(Refused::BadRequest);
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        v if v.starts_with("HTTP/") => return Err(Refused::Version),
        _ => return Err(Refused::BadRequest),
    };
    let mut keep_alive = http11;
    let mut has_body = false;
    for line in lines.take_while(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            return Err(Refused::BadRequest);
        };
        // No space before the colon, no folded lines.
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(Refused::BadRequest);
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("connection") {
            for option in value.split(',').map(str::trim) {
                if option.eq_ignore_ascii_case("close") {
                    keep_alive = false;
                } else if option.eq_ignore_ascii_case("keep-alive") {
                    keep_alive = true;
                }
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            has_body = true;
        }
    }
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive: keep_alive && !has_body,
        has_body,
    })
}

/// Serves the requests of one connection until it closes, goes quiet for
/// [`HEAD_TIMEOUT`], or sends something that is not a request quire takes.
fn connection(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    // Each answer is written in one piece; without this, a piece that waits
    // for the client's delayed acknowledgement costs 40 ms a request.
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let deadline = Instant::now() + HEAD_TIMEOUT;
        let end = loop {
            match head_end(&buf) {
                Ok(Some(end)) => break end,
                Ok(None) => {}
                Err(refused) => return refuse(stream, &refused),
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return timed_out(stream, buf.is_empty());
            }
            stream.set_read_timeout(Some(left))?;
            match stream.read(&mut chunk) {
                Ok(0) => return Ok(()),
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(e) if is_timeout(&e) => return timed_out(stream, buf.is_empty()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        let head = match parse_head(&buf[..end]) {
            Ok(head) => head,
            Err(refused) => return refuse(stream, &refused),
        };
        // What follows the head is the next request (pipelining).
        buf.drain(..end);
        let is_head = head.method == "HEAD";
        let reply = if head.method == "GET" || is_head {
            answer(&head.target, shared)
        } else {
            text(405, "only GET and HEAD are served\n")
        };
        write_reply(&mut stream, &reply, is_head, head.keep_alive)?;
        if !head.keep_alive {
            return close(stream);
        }
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// A client that went quiet: between requests, just close; halfway
/// through one, say so first.
fn timed_out(mut stream: TcpStream, between_requests: bool) -> io::Result<()> {
    if !between_requests {
        let reply = text(408, "the request took too long to arrive\n");
        write_reply(&mut stream, &reply, false, false)?;
    }
    close(stream)
}

/// Answers a refused head and closes the connection.
fn refuse(mut stream: TcpStream, refused: &Refused) -> io::Result<()> {
    let words = match refused {
        Refused::BadRequest => "not an HTTP request quire understands\n",
        Refused::LineTooLong => "the request line is too long\n",
        Refused::HeadTooLong => "the request's headers are too long\n",
        Refused::Version => "only HTTP/1.0 and HTTP/1.1 are served\n",
    };
    write_reply(&mut stream, &text(refused.status(), words), false, false)?;
    close(stream)
}

/// Closes after the last answer. Unread bytes from the client (the rest of
/// a refused request) would make the system reset the connection, and the
/// client might lose the answer: read a bounded amount of them first.
fn close(mut stream: TcpStream) -> io::Result<()> {
    stream.shutdown(Shutdown::Write)?;
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 16 * 1024];
    let mut drained = 0;
    while drained < 4 * 1024 * 1024 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        stream.set_read_timeout(Some(left))?;
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
    Ok(())
}

/// Writes the status line, headers and body (none for HEAD) in one write.
fn write_reply(
    stream: &mut TcpStream,
    reply: &Reply,
    is_head: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n",
        reply.status,
        reason(reply.status),
        reply.kind,
        reply.body.len(),
        if keep_alive { "keep-alive" } else { "close" },
    );
    if let Some(location) = &reply.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    if !is_head {
        out.extend_from_slice(&reply.body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_end_at_the_blank_line() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: x\r\n"), Ok(None));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n\r\nGET"), Ok(Some(18)));
        assert_eq!(head_end(b"GET / HTTP/1.1\n\n"), Ok(Some(16)));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nA: b\r\n\r\n"), Ok(Some(24)));
    }

    #[test]
    fn long_lines_and_heads_are_refused_before_they_end() {
        let line = vec![b'a'; MAX_REQUEST_LINE + 1];
        assert_eq!(head_end(&line), Err(Refused::LineTooLong));
        let mut head = b"GET / HTTP/1.1\r\n".to_vec();
        while head.len() <= MAX_HEAD {
            head.extend_from_slice(b"X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
        }
        assert_eq!(head_end(&head), Err(Refused::HeadTooLong));
        head.extend_from_slice(b"\r\n");
        assert_eq!(head_end(&head), Err(Refused::HeadTooLong));
    }

    #[test]
    fn request_heads() {
        let head = parse_head(b"GET /j/?x=1 HTTP/1.1\r\nHost: a\r\n\r\n").expect("parses");
        assert_eq!(head.method, "GET");
        assert_eq!(head.target, "/j/?x=1");
        assert!(head.keep_alive && !head.has_body);
        let head = parse_head(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n").expect("parses");
        assert!(!head.keep_alive);
        let head = parse_head(b"GET / HTTP/1.0\r\n\r\n").expect("parses");
        assert!(!head.keep_alive);
        let head = parse_head(b"GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").expect("ok");
        assert!(head.keep_alive);
        let head = parse_head(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").expect("ok");
        assert!(head.has_body && !head.keep_alive);
    }

    #[test]
    fn what_is_not_a_request_is_refused() {
        for bad in [
            &b"GET /\r\n\r\n"[..],
            b"GET  / HTTP/1.1\r\n\r\n",
            b"GET http://x/ HTTP/1.1\r\n\r\n",
            b"GET /a b HTTP/1.1\r\n\r\n",
            b"GET /\x01 HTTP/1.1\r\n\r\n",
            b"get / HTTP/1.1\r\n\r\n",
            b"GET / FTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nNo colon\r\n\r\n",
            b"GET / HTTP/1.1\r\nA : b\r\n\r\n",
            b"GET / HTTP/1.1\r\n folded\r\n\r\n",
            b"GET /\xff HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(
                parse_head(bad),
                Err(Refused::BadRequest),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        assert_eq!(parse_head(b"GET / HTTP/2.0\r\n\r\n"), Err(Refused::Version));
    }
}
