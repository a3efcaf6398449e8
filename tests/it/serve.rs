//! `quire serve` as an editor meets it: pages under the base path, an edit
//! served again within a second, a broken file shown as an error and the
//! page back once it is fixed, and requests outside the site refused.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::TestSite;

/// A running `quire serve`, stopped when dropped.
struct Server {
    child: Child,
    /// What the server logs (standard error).
    log: tempfile::NamedTempFile,
    /// `127.0.0.1:PORT`.
    host: String,
    /// `/j/`, the fixture's base path.
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM lets the server remove its folder; SIGKILL if it lingers.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `quire --root <site> serve --port 0` and waits for its address.
    fn start(site: &TestSite) -> Server {
        Server::launch(site.root(), Some(site.root().as_os_str()))
    }

    /// Starts `quire [--root <root>] serve --port 0` in the folder `cwd`
    /// and waits for its address.
    fn launch(cwd: &Path, root: Option<&OsStr>) -> Server {
        Server::launch_with(cwd, root, &[], &[])
    }

    /// [`Server::launch`] with more arguments for `serve` and environment
    /// variables.
    fn launch_with(
        cwd: &Path,
        root: Option<&OsStr>,
        args: &[&str],
        env: &[(&str, &OsStr)],
    ) -> Server {
        let log = tempfile::NamedTempFile::new().expect("a log file");
        let mut command = Command::new(env!("CARGO_BIN_EXE_quire"));
        command.current_dir(cwd);
        if let Some(root) = root {
            command.arg("--root").arg(root);
        }
        let mut child = command
            .args(["serve", "--port", "0"])
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(log.reopen().expect("the log file"))
            .spawn()
            .expect("quire serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("quire serve prints its address within a minute");
        let url = line
            .strip_prefix("Serving the site at http://")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        let (host, path) = url.split_once('/').expect("host/path");
        Server {
            child,
            log,
            host: host.to_string(),
            base: format!("/{path}"),
        }
    }

    /// What the server has logged so far.
    fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }

    /// GET `path` as written (no normalisation): status and body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.host).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.host
        )
        .expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        let text = String::from_utf8_lossy(&response).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {text:?}"));
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Asks for `path` until `test` holds on the answer, for at most `limit`;
    /// returns how long it took.
    fn until(&self, path: &str, limit: Duration, test: impl Fn(u16, &str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if test(status, &body) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < limit,
                "{path} did not change as expected within {limit:?}; last answer {status}:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

const ARTICLE: &str = "content/2020/1/first-article.md";
const TITLE: &str = "Regional Integration in Central Asia";

#[test]
fn serve_rebuilds_on_edits_shows_errors_and_refuses_paths_outside_the_site() {
    let site = TestSite::fixture("valid-minimal");
    let server = Server::start(&site);
    let base = server.base.clone();
    assert_eq!(base, "/j/", "the fixture's base_url path");
    let page = format!("{base}archive/2020/1/first-article/");

    // Pages under the base path, with the live-reload script.
    let (status, body) = server.get(&base);
    assert_eq!(status, 200);
    assert!(body.contains("Journal of Minimal Studies"));
    assert!(body.contains("__quire/reload.js"));
    let (status, body) = server.get(&page);
    assert_eq!(status, 200);
    assert!(body.contains(TITLE));
    assert_eq!(server.get("/").0, 301, "the root leads to the base path");
    assert_eq!(server.get(&format!("{base}no/such/page/")).0, 404);

    // An edit is served within a second.
    site.replace(ARTICLE, TITLE, "Regional Cohesion in Central Asia");
    let took = server.until(&page, Duration::from_secs(1), |status, body| {
        status == 200 && body.contains("Regional Cohesion in Central Asia")
    });
    eprintln!("edit served after {} ms", took.as_millis());
    // Only what the edit touches was rebuilt, the term pages among them.
    // (The page is written before the log line: wait for it.)
    let deadline = Instant::now() + Duration::from_secs(10);
    while !server.log().contains("first-article.md: rebuilt") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = server.log();
    assert!(
        log.contains("content/2020/1/first-article.md: rebuilt ")
            && !log.contains("md: rebuilt the whole site"),
        "{log}"
    );
    let (_, body) = server.get(&format!("{base}keywords/integration/"));
    assert!(body.contains("Regional Cohesion in Central Asia"), "{body}");

    // A keyword replaced: the new term has a page, the old one's is gone.
    site.replace(
        ARTICLE,
        "[Central Asia, integration]",
        "[Central Asia, cohesion]",
    );
    server.until(
        &format!("{base}keywords/cohesion/"),
        Duration::from_secs(10),
        |status, body| status == 200 && body.contains("Regional Cohesion in Central Asia"),
    );
    server.until(
        &format!("{base}keywords/integration/"),
        Duration::from_secs(10),
        |status, _| status == 404,
    );

    // A broken file: the status reports it (file, line, message), the last
    // good page is still served.
    site.replace(
        ARTICLE,
        "  - name: Anna B. Smith",
        "  - name: Anna B. Smith\n    orcid: 0000-0002-1825-0098",
    );
    let status_path = format!("{base}__quire/status?since=0");
    server.until(&status_path, Duration::from_secs(10), |_, body| {
        body.contains("E017") && body.contains("content/2020/1/first-article.md:5:12")
    });
    let (status, body) = server.get(&page);
    assert_eq!(status, 200);
    assert!(body.contains("Regional Cohesion in Central Asia"));

    // Fixed: no errors, and the page carries the fix.
    site.replace(ARTICLE, "0000-0002-1825-0098", "0000-0002-1825-0097");
    server.until(&status_path, Duration::from_secs(10), |_, body| {
        body.contains("\"errors\":[]")
    });
    server.until(&page, Duration::from_secs(10), |_, body| {
        body.contains("0000-0002-1825-0097")
    });

    // Nothing outside the served folder.
    for path in [
        format!("{base}../journal.yaml"),
        format!("{base}%2e%2e/journal.yaml"),
        format!("{base}%2E%2E%2Fjournal.yaml"),
        format!("{base}archive/..%2f..%2f..%2fetc/passwd"),
        format!("{base}..%5c..%5cjournal.yaml"),
        format!("{base}..\\..\\journal.yaml"),
        format!("{base}%252e%252e/journal.yaml"),
        format!("{base}%252e%252e%252fjournal.yaml"),
        format!("{base}.%2e/journal.yaml"),
        format!("{base}%2e./journal.yaml"),
        format!("{base}archive/%2e%2e%2f%2e%2e%2fjournal.yaml"),
        format!("{base}%c0%ae%c0%ae/journal.yaml"),
        format!("{base}%2fetc%2fpasswd"),
        format!("{base}/etc/passwd"),
        format!("{base}%00../journal.yaml"),
    ] {
        let (status, body) = server.get(&path);
        assert!(
            status == 403 || status == 404,
            "{path} answered {status}: {body}"
        );
        assert!(!body.contains("base_url"), "{path} leaked journal.yaml");
    }
    assert_eq!(server.get(&format!("{base}x")).0, 404);
    let (status, _) = server.get("/etc/passwd");
    assert_eq!(status, 404);
}

/// Sends `request` as it is on a new connection, reads until the server
/// closes it, and returns the status.
fn raw_status(server: &Server, request: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(&server.host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    // A refused request may be answered before all of it is sent.
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    text.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"))
}

/// A kept-alive connection: one request after another, each answer read by
/// its Content-Length.
struct KeepAlive {
    stream: BufReader<TcpStream>,
    host: String,
}

impl KeepAlive {
    fn open(server: &Server) -> KeepAlive {
        let stream = TcpStream::connect(&server.host).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        KeepAlive {
            stream: BufReader::new(stream),
            host: server.host.clone(),
        }
    }

    fn get(&mut self, path: &str) -> (u16, Vec<u8>) {
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.host);
        self.stream
            .get_mut()
            .write_all(request.as_bytes())
            .expect("send");
        let mut status = 0;
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.stream.read_line(&mut line).expect("a header line");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(code) = line.strip_prefix("HTTP/1.1 ") {
                status = code[..3].parse().expect("a status");
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().expect("a length");
                }
            }
        }
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body).expect("the body");
        (status, body)
    }
}

/// One client alone is answered at once: no request waits for the
/// client's delayed acknowledgement (40 ms each), on a kept-alive
/// connection or on new ones.
#[test]
fn one_client_is_answered_without_delay() {
    let site = TestSite::fixture("valid-minimal");
    let server = Server::start(&site);
    let page = format!("{}archive/2020/1/first-article/", server.base);
    let mut client = KeepAlive::open(&server);
    let (status, body) = client.get(&page);
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains(TITLE));

    let start = Instant::now();
    for _ in 0..200 {
        let (status, body) = client.get(&page);
        assert_eq!(status, 200);
        assert!(body.ends_with(b"</html>\n") || body.ends_with(b"</html>"));
    }
    let kept = start.elapsed();
    let start = Instant::now();
    for _ in 0..100 {
        assert_eq!(server.get(&page).0, 200);
    }
    let fresh = start.elapsed();
    eprintln!(
        "200 requests on one connection: {} ms; 100 on new connections: {} ms",
        kept.as_millis(),
        fresh.as_millis()
    );
    assert!(kept < Duration::from_secs(1), "{kept:?} for 200 requests");
    assert!(fresh < Duration::from_secs(1), "{fresh:?} for 100 requests");
}

/// Clients that open a connection and send nothing, or half a request,
/// and keep it open or close it, never hold up another client's request.
#[test]
fn slow_clients_do_not_block_others() {
    let site = TestSite::fixture("valid-minimal");
    let server = Server::start(&site);
    let page = format!("{}archive/2020/1/first-article/", server.base);
    let mut idle = Vec::new();
    for n in 0..200 {
        let mut stream = TcpStream::connect(&server.host).expect("connect");
        if n % 2 == 0 {
            stream
                .write_all(b"GET /j/ HTTP/1.1\r\nHost: loc")
                .expect("half a request");
        }
        if n % 4 < 2 {
            idle.push(stream);
        }
    }
    let start = Instant::now();
    let mut client = KeepAlive::open(&server);
    for _ in 0..100 {
        assert_eq!(client.get(&page).0, 200);
    }
    assert_eq!(server.get(&page).0, 200);
    let took = start.elapsed();
    eprintln!(
        "100 requests beside 100 idle clients: {} ms",
        took.as_millis()
    );
    // A request held up by an idle client would wait until that client's
    // time is up (`HEAD_TIMEOUT`); half of it tells the two apart however
    // busy the machine is (a debug build among the other tests took 0.2
    // to 1.0 s).
    let bound = quire::serve::connection::HEAD_TIMEOUT / 2;
    assert!(took < bound, "{took:?}, not under {bound:?}");
    drop(idle);
}

/// A request line or headers too long are refused (414, 431) as soon as
/// they pass the limit, not read to the end; ordinary ones are served.
#[test]
fn oversized_requests_are_refused() {
    let site = TestSite::fixture("valid-minimal");
    let server = Server::start(&site);
    let long_path = format!("/j/{}", "a".repeat(2 * 1024 * 1024));
    let request = format!("GET {long_path} HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(raw_status(&server, request.as_bytes()), 414);
    // The line alone, never ended.
    assert_eq!(raw_status(&server, &request.as_bytes()[..100_000]), 414);

    let mut headers = String::from("GET /j/ HTTP/1.1\r\nHost: x\r\n");
    for n in 0..1000 {
        headers.push_str(&format!("X-Filler-{n}: {}\r\n", "b".repeat(100)));
    }
    headers.push_str("\r\n");
    assert_eq!(raw_status(&server, headers.as_bytes()), 431);
    let one = format!(
        "GET /j/ HTTP/1.1\r\nX-Big: {}\r\n\r\n",
        "c".repeat(64 * 1024)
    );
    assert_eq!(raw_status(&server, one.as_bytes()), 431);

    let fine = format!(
        "GET /j/ HTTP/1.1\r\nHost: x\r\nCookie: {}\r\nConnection: close\r\n\r\n",
        "d".repeat(4000)
    );
    assert_eq!(raw_status(&server, fine.as_bytes()), 200);
    assert_eq!(raw_status(&server, b"GET /j/ HTTP/1.0\r\n\r\n"), 200);
    assert_eq!(
        raw_status(&server, b"POST /j/ HTTP/1.1\r\nContent-Length: 2\r\n\r\nab"),
        405
    );
    assert_eq!(raw_status(&server, b"GET /j/ HTTP/3\r\n\r\n"), 505);
    assert_eq!(
        raw_status(&server, b"\x16\x03\x01\x02\x00\x01\x00\r\n\r\n"),
        400
    );
}

/// However the site folder is named (the current folder, a relative path,
/// `..`, an absolute path, a link to the folder), a save is seen and
/// rebuilt: written in place, and written to a temporary file then renamed
/// over the article, as many editors save.
#[test]
fn serve_rebuilds_however_the_site_folder_is_named() {
    let site = TestSite::fixture("valid-minimal");
    let parent = site.root().parent().expect("the temporary folder");
    let name = site.root().file_name().expect("the site's folder name");
    let content = site.path("content");
    let links = tempfile::tempdir().expect("a folder for the link");
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.root(), links.path().join("site")).expect("symlink");
    let mut ways: Vec<(&str, &Path, Option<&OsStr>)> = vec![
        ("in the site folder, no --root", site.root(), None),
        ("--root .", site.root(), Some(OsStr::new("."))),
        ("--root <relative>", parent, Some(name)),
        ("--root .. from content/", &content, Some(OsStr::new(".."))),
        ("--root <absolute>", parent, Some(site.root().as_os_str())),
    ];
    #[cfg(unix)]
    ways.push(("--root <a link>", links.path(), Some(OsStr::new("site"))));

    let mut title = TITLE.to_string();
    for (n, (way, cwd, root)) in ways.into_iter().enumerate() {
        let server = Server::launch(cwd, root);
        let page = format!("{}archive/2020/1/first-article/", server.base);
        assert!(server.get(&page).1.contains(&title), "{way}");

        // Saved in place.
        let edited = format!("In Place {n}");
        site.replace(ARTICLE, &title, &edited);
        title = edited;
        server.until(&page, Duration::from_secs(10), |status, body| {
            status == 200 && body.contains(&title)
        });

        // Saved to a temporary file, then renamed over the article.
        let edited = format!("Renamed {n}");
        let text = site.read(ARTICLE).replacen(&title, &edited, 1);
        title = edited;
        let temporary = site.path("content/2020/1/.first-article.md.swp");
        std::fs::write(&temporary, text).expect("write the temporary file");
        std::fs::rename(&temporary, site.path(ARTICLE)).expect("rename over the article");
        server.until(&page, Duration::from_secs(10), |status, body| {
            status == 200 && body.contains(&title)
        });
        let log = server.log();
        assert!(
            log.contains("content/2020/1/first-article.md: rebuilt"),
            "{way}: the rebuild is logged with the article's path:\n{log}"
        );
    }
}

/// `serve --open` hands the served address to the browser `$BROWSER`
/// names (here a script that writes down what it was given).
#[test]
fn serve_open_opens_the_served_address() {
    let site = TestSite::fixture("valid-minimal");
    let seen = site.path("browser-was-given");
    let browser = site.path("browser.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", seen.display()),
    )
    .expect("the browser script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755))
            .expect("make it runnable");
    }
    let server = Server::launch_with(
        site.root(),
        None,
        &["--open"],
        &[("BROWSER", browser.as_os_str())],
    );
    let start = Instant::now();
    // The script's file exists from the moment its shell opens it, before
    // the address is written into it.
    let written = || std::fs::metadata(&seen).is_ok_and(|m| m.len() > 0);
    while !written() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let given = std::fs::read_to_string(&seen).expect("the browser was started");
    assert_eq!(given, format!("http://{}{}", server.host, server.base));
}

/// The live-reload script in Debian's chromium (playwright-core from npm,
/// as `.ci/setup` installs them): a broken file's error appears over the
/// open page, and fixing it reloads the page without it.
#[test]
fn the_browser_shows_a_build_error_over_the_page_and_reloads_once_fixed() {
    let (Some(node), Some(chromium)) = (
        crate::support::tool("node"),
        crate::support::tool("chromium"),
    ) else {
        return;
    };
    let tools = crate::support::repo_root().join("tests/tools");
    if !tools.join("node_modules/playwright-core").is_dir() {
        crate::support::missing("playwright-core (tests/tools/node_modules)");
        return;
    }
    let site = TestSite::fixture("valid-minimal");
    let server = Server::start(&site);
    let page = format!(
        "http://{}{}archive/2020/1/first-article/",
        server.host, server.base
    );
    let output = Command::new(node)
        .arg(tools.join("serve-overlay.mjs"))
        .arg(&page)
        .arg(site.path(ARTICLE))
        .arg("  - name: Anna B. Smith")
        .arg("  - name: Anna B. Smith\n    orcid: 0000-0002-1825-0098")
        .arg("content/2020/1/first-article.md:5:12")
        .env("CHROMIUM", chromium)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    assert!(
        output.status.success(),
        "the browser check failed:\n{report}{}\nserver log:\n{}",
        String::from_utf8_lossy(&output.stderr),
        server.log()
    );
}
