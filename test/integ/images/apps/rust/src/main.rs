//! A small HTTP service for the image tests: GET /healthz writes a file to each writable
//! directory, reads the CA bundle and answers with what it found. Standard library only.
//!
//!   app                  serve on $PORT (default 8080)
//!   app --check          GET /healthz on localhost; exit 0 when it answers 200
//!   app --try-write PATH create PATH; exit 0 when that worked
use std::env;
use std::fs;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const CA_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

fn port() -> String {
    env::var("PORT").unwrap_or_else(|_| "8080".to_string())
}

fn uid() -> String {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(1).unwrap_or("-1").to_string()))
        .unwrap_or_else(|| "-1".to_string())
}

fn write_and_read(dir: &Path) -> io::Result<String> {
    let file = dir.join(format!("healthz-{}.txt", process::id()));
    let want = format!("{:?}", SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default());
    fs::write(&file, &want)?;
    let got = fs::read_to_string(&file)?;
    if got != want {
        return Err(io::Error::new(io::ErrorKind::Other, format!("{}: read back a different text", file.display())));
    }
    fs::remove_file(&file)?;
    Ok(file.display().to_string())
}

fn healthz() -> (u16, String) {
    let data_dir = PathBuf::from(env::var("APP_DATA_DIR").unwrap_or_else(|_| "/var/cache/app".to_string()));
    let mut wrote = Vec::new();
    let mut result = Ok(0);
    for dir in [env::temp_dir(), data_dir] {
        match write_and_read(&dir) {
            Ok(path) => wrote.push(format!("\"{}\"", path)),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    if result.is_ok() {
        result = fs::metadata(CA_BUNDLE).map(|m| m.len());
    }
    let mut body = format!("{{\"runtime\":\"rust\",\"uid\":{},\"wrote\":[{}]", uid(), wrote.join(","));
    let status = match result {
        Ok(size) => {
            body.push_str(&format!(",\"caBundleBytes\":{},\"status\":\"ok\"}}\n", size));
            200
        }
        Err(e) => {
            body.push_str(&format!(",\"error\":\"{}\",\"status\":\"error\"}}\n", e.to_string().replace('"', "'")));
            500
        }
    };
    (status, body)
}

fn respond(mut stream: TcpStream) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut buf = [0u8; 4096];
    let n = stream.read(&mut buf)?;
    let request = String::from_utf8_lossy(&buf[..n]);
    let (status, body) = if request.starts_with("GET /healthz ") { healthz() } else { (404, String::new()) };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Internal Server Error",
    };
    write!(stream, "HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}", status, reason, body.len(), body)
}

fn serve() -> io::Result<()> {
    let listener = TcpListener::bind(format!("[::]:{}", port())).or_else(|_| TcpListener::bind(format!("0.0.0.0:{}", port())))?;
    println!("listening on :{}", port());
    for stream in listener.incoming().flatten() {
        if let Err(e) = respond(stream) {
            eprintln!("request: {}", e);
        }
    }
    Ok(())
}

fn check() -> i32 {
    let run = || -> io::Result<bool> {
        let mut stream = TcpStream::connect(format!("127.0.0.1:{}", port()))?;
        stream.set_read_timeout(Some(Duration::from_secs(3)))?;
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        print!("{}", response.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or(&response));
        Ok(response.starts_with("HTTP/1.1 200"))
    };
    match run() {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) => {
            eprintln!("check: {}", e);
            1
        }
    }
}

fn try_write(path: &str) -> i32 {
    match fs::write(path, "probe\n") {
        Ok(()) => {
            println!("wrote {}", path);
            0
        }
        Err(e) => {
            eprintln!("try-write: {}: {}", path, e);
            1
        }
    }
}

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let code = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--check"] => check(),
        ["--try-write", path] => try_write(path),
        [] => match serve() {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("serve: {}", e);
                1
            }
        },
        _ => {
            eprintln!("usage: app [--check | --try-write PATH]");
            2
        }
    };
    process::exit(code);
}
