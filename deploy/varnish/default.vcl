# Varnish in front of the ICRtoP site (VCL 4.1; compose runs the varnish:9.0 image, CI Debian's
# varnishd 7.1).
#
# - One fixed backend: Caddy's balancer (deploy/caddy/Caddyfile, port 8080 on compose's network),
#   which finds the web servers by DNS every few seconds. Varnish resolves a backend's host name
#   once, when the VCL loads, and refuses a name with several addresses: pointed at "web" it could
#   neither follow `docker compose up --scale web=3` nor a recreated container. A probe of /healthz
#   marks the backend sick when no web server answers (Varnish then answers 503 at once instead of
#   waiting for each request's connection to fail).
#
# - Anonymous GET/HEAD of public pages are cached for the s-maxage the site sends (Varnish's
#   built-in rules honour Cache-Control: private, no-store, no-cache and Set-Cookie: never stored).
# - A signed-in editor (session cookie), the admin, and anything but GET/HEAD always go to the site.
# - A PURGE from the site (wagtail.contrib.frontend_cache, FRONTEND_CACHE_VARNISH_URL) bans every
#   stored object: a change can show on any page (navigation, footer, listings, every language).
# - Run varnishd with "-p http_gzip_support=off" so that brotli passes through: the site compresses
#   (brotli or gzip) and says "Vary: Accept-Encoding"; Accept-Encoding is normalised below.
# - Caddy (deploy/caddy/Caddyfile) stands in front: TLS, and whole headers within its time limits.
#   Varnish reads a request's whole body before gunicorn sees it (std.cache_req_body), so a client
#   that sends its body slowly never holds a gunicorn worker. Varnish appends the address it saw
#   (Caddy's) to X-Forwarded-For; the site reads the visitor's from there (TRUSTED_PROXIES).
vcl 4.1;

import std;

probe healthz {
    # 200 as long as a web server answers through the balancer (?live=1 checks nothing else: with
    # the database lost, visitors get the site's own 503 page, not Varnish's).
    .request =
        "GET /healthz?live=1 HTTP/1.1"
        "Host: localhost"
        "Connection: close";
    .interval = 5s;
    .timeout = 3s;
    .window = 5;
    .threshold = 2;
    .initial = 2;
}

backend default {
    .host = "172.30.0.10";
    .port = "8080";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
    .probe = healthz;
}

# Who may purge: every container of the site's image that changes content (web servers, the
# scheduler publishing a page, a restore run with `docker compose run`), whatever address compose
# gives it: they all come from the network's ip_range (compose.yaml, 172.30.0.128/25). Never Caddy
# (172.30.0.10, outside it): visitors' requests arrive from Caddy's address (and Caddy answers 405
# to PURGE and BAN itself).
acl purgers {
    "127.0.0.1";
    "::1";
    "172.30.0.128"/25;
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        if (req.http.Content-Length || req.http.Transfer-Encoding) {
            # 25 MB: the largest upload the admin takes (20 MB documents) and its form.
            if (!std.cache_req_body(25MB)) {
                return (synth(413, "Request body too large"));
            }
        }
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)/" || req.http.Authorization) {
        return (pass);
    }
    # Signed-in editors (and visitors who passed a page password) get fresh, personal pages.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Public pages do not depend on cookies (the site sets none on them).
    unset req.http.Cookie;
    if (req.http.Accept-Encoding) {
        if (req.http.Accept-Encoding ~ "br") {
            set req.http.Accept-Encoding = "br";
        } elsif (req.http.Accept-Encoding ~ "gzip") {
            set req.http.Accept-Encoding = "gzip";
        } else {
            unset req.http.Accept-Encoding;
        }
    }
    return (hash);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
