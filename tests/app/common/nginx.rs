//! Debian's nginx in front of test servers: a real reverse proxy, started by
//! the test from a configuration it writes, stopped when dropped. Each answer
//! names the server that gave it in `X-Upstream`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::Client;

pub struct Nginx {
    pub addr: SocketAddr,
    child: Child,
    dir: tempfile::TempDir,
}

/// A free loopback port for nginx, taken before the servers start so that
/// their public address can name it.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

impl Nginx {
    /// Starts nginx on `port`, passing requests round-robin to `upstreams`.
    pub async fn start(port: u16, upstreams: &[SocketAddr]) -> Self {
        let program = program().expect(
            "nginx is not installed: the tests of two servers behind a reverse proxy run \
             Debian's nginx (apt-get install nginx)",
        );
        let dir = tempfile::tempdir().expect("a folder for nginx");
        let config = dir.path().join("nginx.conf");
        std::fs::write(&config, configuration(dir.path(), port, upstreams))
            .expect("write nginx.conf");
        let error_log = dir.path().join("error.log");
        let child = Command::new(program)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&config)
            .arg("-e")
            .arg(&error_log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nginx");
        let mut nginx = Self {
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            child,
            dir,
        };
        nginx.wait_until_listening().await;
        nginx
    }

    /// A browser that reaches the servers through nginx.
    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }

    async fn wait_until_listening(&mut self) {
        let started = Instant::now();
        while tokio::net::TcpStream::connect(self.addr).await.is_err() {
            let exited = self.child.try_wait().expect("nginx's status");
            if exited.is_some() || started.elapsed() > Duration::from_secs(10) {
                let log = std::fs::read_to_string(self.dir.path().join("error.log"));
                panic!(
                    "nginx did not start ({exited:?}): {}",
                    log.unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nginx on PATH, or where Debian puts it (/usr/sbin is not on every PATH).
fn program() -> Option<PathBuf> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .chain([PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("nginx"))
        .find(|path| path.is_file())
}

/// One process in the foreground, everything it writes inside `dir`; the
/// Host and the client's address passed on as a production proxy would, the
/// browser's Origin untouched (Niudai's public URL names the proxy).
fn configuration(dir: &Path, port: u16, upstreams: &[SocketAddr]) -> String {
    let dir = dir.display();
    let servers: String = upstreams
        .iter()
        .map(|addr| format!("        server {addr};\n"))
        .collect();
    format!(
        "daemon off;
master_process off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{
    worker_connections 256;
}}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream niudai {{
{servers}    }}
    server {{
        listen 127.0.0.1:{port};
        # Niudai's own limit on a request's body.
        client_max_body_size 30m;
        location / {{
            proxy_pass http://niudai;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"
    )
}
